//! End-to-end cases: each `tests/cmd/**/*.toml` runs the binary (arguments, working directory)
//! and compares its stdout, stderr and exit code with the case's snapshots. `TRYCMD=overwrite`
//! rewrites the snapshots; review the diff before committing it.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        // Cases compare plain text (NO_COLOR wins over CLICOLOR_FORCE).
        .env("NO_COLOR", "1")
        .case("tests/cmd/**/*.toml");
}

//! End-to-end cases: each `tests/cmd/**/*.toml` runs the binary (arguments, working directory)
//! and compares its stdout, stderr and exit code with the case's snapshots. `TRYCMD=overwrite`
//! rewrites the snapshots; review the diff before committing it.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        // Colour is decided per run; cases compare plain text.
        .env("NO_COLOR", "1")
        .env("CLICOLOR_FORCE", "0")
        .case("tests/cmd/**/*.toml");
}

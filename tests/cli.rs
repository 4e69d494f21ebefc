//! End-to-end cases: each `tests/cmd/**/*.toml` runs the binary (arguments, working directory)
//! and compares its stdout, stderr and exit code with the case's snapshots. `TRYCMD=overwrite`
//! rewrites the snapshots; review the diff before committing it.

mod common;

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        // Cases compare plain text (NO_COLOR wins over CLICOLOR_FORCE).
        .env("NO_COLOR", "1")
        // English whatever the developer's locale (cases that want another language ask).
        .env("LANGUAGE", "")
        .env("LC_ALL", "C")
        // Never the developer's own progress: a file that does not exist, in a folder that no
        // run can make, so a case that marks progress by mistake fails rather than leave a file
        // every later case would read.
        .env("ROADMAP_PROGRESS", common::NO_PROGRESS)
        .env("ROADMAP_TODAY", "2026-11-26")
        .case("tests/cmd/**/*.toml");
}

//! Helpers shared by the end-to-end test files (each `tests/*.rs` is its own crate and includes
//! this module with `mod common;`).

// Not every test file uses every helper.
#![allow(dead_code)]

use std::process::{Command, Output};

/// The binary under test, in the default interface language whatever the developer's locale:
/// the language comes from `--lang`, `ROADMAP_LANG` or the system locale, and the cases compare
/// English text unless they ask for another language.
pub fn roadmap() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_roadmap"));
    for var in ["ROADMAP_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(var);
    }
    command
}

/// Whether Graphviz is missing; if so, says loudly which test skips. CI installs Graphviz, so
/// there such tests really run.
pub fn graphviz_missing(test: &str) -> bool {
    let missing = Command::new("dot").arg("-V").output().is_err();
    if missing {
        eprintln!("SKIPPED {test}: Graphviz (`dot`) is not installed; CI installs it");
    }
    missing
}

/// The standard output of a run that must succeed.
pub fn succeeded(args: &[&str], out: Output) -> String {
    assert!(
        out.status.success(),
        "roadmap {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

//! Helpers shared by the end-to-end test files (each `tests/*.rs` is its own crate and includes
//! this module with `mod common;`).

// Not every test file uses every helper.
#![allow(dead_code)]

use std::process::{Command, Output};

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

pub mod crossings;

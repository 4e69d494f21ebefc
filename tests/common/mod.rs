//! Helpers shared by the end-to-end test files (each `tests/*.rs` is its own crate and includes
//! this module with `mod common;`).

// Not every test file uses every helper.
#![allow(dead_code)]

use std::process::{Command, Output};

/// A folder that does not exist and that no run can make: Linux's `/proc` takes no new entries
/// (`mkdir` there fails, even as root). A test that names a file in it reads "nothing there"
/// (not found), and whatever tries to write there fails instead of leaving a file behind for the
/// next run to find. (A folder such as `/nonexistent-roadmap-tests` was made by the first run
/// that marked progress by mistake, now that `progress` makes the folders its file goes in;
/// every later run then read that progress. A path under a regular file, `Cargo.toml/x`, cannot
/// be made either, but reading it is an error, not "no progress yet".)
pub const NO_DIR: &str = "/proc/nonexistent-roadmap-tests";

/// A progress file that does not exist and can never be written (see [`NO_DIR`]): no progress
/// yet, and a mark fails.
pub const NO_PROGRESS: &str = "/proc/nonexistent-roadmap-tests/progress.toml";

/// The binary under test, in the default interface language whatever the developer's locale:
/// the language comes from `--lang`, `ROADMAP_LANG` or the system locale, and the cases compare
/// English text unless they ask for another language. Its progress file is [`NO_PROGRESS`]
/// unless the test gives one (never the developer's own).
pub fn roadmap() -> Command {
    clean(Command::new(env!("CARGO_BIN_EXE_roadmap")))
}

/// The binary run by another program: `wrapper` (a program and its arguments) then the
/// binary's path, in the environment of [`roadmap`].
#[allow(dead_code)]
pub fn roadmap_under(wrapper: &[&str]) -> Command {
    let mut command = Command::new(wrapper[0]);
    command
        .args(&wrapper[1..])
        .arg(env!("CARGO_BIN_EXE_roadmap"));
    clean(command)
}

fn clean(mut command: Command) -> Command {
    for var in ["ROADMAP_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(var);
    }
    command.env("ROADMAP_PROGRESS", NO_PROGRESS);
    command
}

/// Whether an outside program a test needs is missing (`probe` runs it, e.g. `["dot", "-V"]`).
/// In CI (`CI` set, as `.ci/run` does) a missing program fails the test: CI installs every
/// program the tests use, so there nothing may be skipped. Elsewhere the test is skipped with a
/// line written straight to the process's stderr, which the test harness does not capture, so
/// the person running `cargo test` sees it.
pub fn missing(probe: &[&str], what: &str, test: &str) -> bool {
    let found = Command::new(probe[0])
        .args(&probe[1..])
        .output()
        .is_ok_and(|o| o.status.success());
    absent(found, what, test)
}

/// Like [`missing`], for a program whose presence the caller has checked itself (`found`):
/// fails in CI when it is absent, else says the test is skipped.
pub fn absent(found: bool, what: &str, test: &str) -> bool {
    if found {
        return false;
    }
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false");
    assert!(
        !ci,
        "{test}: {what} is not installed, and CI must run every test"
    );
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: {what} is not installed (CI installs it)"
    );
    true
}

/// Whether Graphviz is missing (see [`missing`]).
pub fn graphviz_missing(test: &str) -> bool {
    missing(&["dot", "-V"], "Graphviz (`dot`)", test)
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

/// The mini roadmap (tests/fixtures/mini) written into `dir` with three mistakes an author makes:
/// in `1-basics.toml` an unknown stage (`basic`) and a value of the wrong type after Chinese
/// text (`tags = ["版本", 3]`), in `2-ml.toml` a misspelt reference (`pyhton`). The editor tests
/// work on it.
pub fn mini_with_mistakes(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let basics = std::fs::read_to_string("tests/fixtures/mini/1-basics.toml")
        .unwrap()
        .replace(
            "id = \"git\"\ntitle = \"Git\"\nstage = \"basics\"",
            "id = \"git\"\ntitle = \"Git\"\nstage = \"basic\"\ntags = [\"版本\", 3]",
        );
    let ml = std::fs::read_to_string("tests/fixtures/mini/2-ml.toml")
        .unwrap()
        .replacen("requires = [\"python\"]", "requires = [\"pyhton\"]", 1);
    let (a, b) = (dir.join("1-basics.toml"), dir.join("2-ml.toml"));
    std::fs::write(&a, basics).unwrap();
    std::fs::write(&b, ml).unwrap();
    (a, b)
}

pub mod crossings;

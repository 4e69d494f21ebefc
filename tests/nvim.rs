//! `roadmap lsp` from a real editor's LSP client: Neovim (Debian's, installed by .ci/run)
//! headless, driven by tests/nvim/lsp.lua, on the mini roadmap with mistakes in both files. Neovim's
//! own client starts the server, gets the diagnostics of the open file and of the other file,
//! applies the quick fix (and sees the diagnostic go once its change is checked), completes an
//! id, goes to a definition in the other file, hovers, renames across both files (and is refused
//! a taken id), lists the symbols and stops the server. Fails in CI when nvim is missing; skips
//! loudly elsewhere.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn neovim_drives_the_language_server() {
    if common::missing(
        &["nvim", "--version"],
        "Neovim (Debian: neovim)",
        "neovim_drives_the_language_server",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let roadmap = dir.path().join("roadmap");
    std::fs::create_dir(&roadmap).unwrap();
    common::mini_with_mistakes(&roadmap);
    let out = dir.path().join("nvim.out");

    let mut nvim = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-u", "NONE"])
        .arg("-c")
        .arg(format!(
            "luafile {}",
            Path::new("tests/nvim/lsp.lua")
                .canonicalize()
                .unwrap()
                .display()
        ))
        .env("ROADMAP_BIN", env!("CARGO_BIN_EXE_roadmap"))
        .env("ROADMAP_DIR", roadmap.canonicalize().unwrap())
        .env("ROADMAP_NVIM_OUT", &out)
        .env("ROADMAP_LANG", "en")
        .env("HOME", dir.path())
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = nvim.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = nvim.kill();
            let _ = nvim.wait();
            panic!(
                "Neovim did not finish in 120 s:\n{}",
                std::fs::read_to_string(&out).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let log = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(status.success(), "nvim exited {status:?}:\n{log}");
    assert_eq!(
        log.lines().collect::<Vec<_>>(),
        [
            "initialized roadmap",
            "diagnostic roadmap 0:0-8 unknown topic `pyhton` in `requires` of `numpy`",
            "other file unknown stage `basic` for topic `git`",
            "code action Replace with `python`",
            "fixed, diagnostics 0",
            "completion python Python · 20 h",
            "definition 1-basics.toml:18",
            "hover **Python** `python` · topic",
            "renamed 3",
            "refused there is a topic `r` already",
            "symbols 10 first data",
            "stopped",
        ],
        "{log}"
    );
}

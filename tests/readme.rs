//! The README's examples are run as tests, so the README cannot lie: every ```console block is a
//! trycmd case (`$ roadmap ...` and its exact output; `...` stands for lines left out). They run
//! in a scratch directory with a progress file of their own, one after the other, so the
//! progress examples build on each other.

mod common;

use std::path::Path;

#[test]
fn readme_examples_produce_what_the_readme_shows() {
    // The README renders a picture.
    if common::graphviz_missing("readme_examples_produce_what_the_readme_shows") {
        return;
    }
    // trycmd runs the commands of `X.md` in one shared sandbox when `X.in/` and `X.out/` exist
    // beside it; the README stays at the top of the repository, so a copy is made here.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("readme");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("README.in")).unwrap();
    std::fs::create_dir_all(dir.join("README.out")).unwrap();
    std::fs::copy("README.md", dir.join("README.md")).unwrap();
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        // English whatever the developer's locale (cases that want another language ask).
        .env("LANGUAGE", "")
        .env("LC_ALL", "C")
        .env("ROADMAP_PROGRESS", "progress.toml")
        .env("ROADMAP_TODAY", "2026-11-26")
        .case(dir.join("README.md"));
}

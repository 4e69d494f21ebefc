//! Pictures of large roadmaps end to end: the stage overview instead of a layout that would not
//! finish in reasonable time (and `--full` to insist), `--timeout` stopping Graphviz with nothing
//! written, `--quiet`. A stand-in `dot` on PATH (a shell script) plays a Graphviz that never
//! finishes, or one that records the DOT it is given, so that no test waits on a real layout.
//! And a plan long enough to be printed from two threads.

mod common;

#[path = "../examples/generate.rs"]
#[allow(dead_code)]
mod generate;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::roadmap;

/// A generated roadmap of `topics` topics, past the size pictures draw whole by default from
/// about 1,000 topics.
fn generated(dir: &Path, topics: u32) -> PathBuf {
    let path = dir.join(format!("generated-{topics}.toml"));
    std::fs::write(&path, generate::toml(topics, 5, 1)).unwrap();
    path
}

/// A directory holding an executable `dot` running `script` (a POSIX shell script's body).
fn fake_dot(dir: &Path, script: &str) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let dot = bin.join("dot");
    std::fs::write(&dot, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&dot, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

/// PATH with `bin` first.
fn path_with(bin: &Path) -> String {
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// A `dot` that saves the DOT it reads to `dir/input.dot` and draws an empty SVG.
fn recording_dot(dir: &Path) -> PathBuf {
    fake_dot(
        dir,
        &format!(
            "cat > '{}'\nprintf '<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\\n'",
            dir.join("input.dot").display()
        ),
    )
}

fn run(dir: &Path, bin: Option<&Path>, args: &[&str]) -> Output {
    let mut command = roadmap();
    command
        .args(args)
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("ROADMAP_PROGRESS", dir.join("progress.toml"));
    if let Some(bin) = bin {
        command.env("PATH", path_with(bin));
    }
    command.output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The files of `dir` whose names start with `prefix`, sorted.
fn files(dir: &Path, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    names
}

#[test]
fn a_roadmap_too_large_to_lay_out_is_drawn_as_its_stage_overview() {
    let dir = tempfile::tempdir().unwrap();
    let file = generated(dir.path(), 2_000);
    let bin = recording_dot(dir.path());
    for (command, name) in [("render", "out.svg"), ("html", "out.html")] {
        let out_file = dir.path().join(name);
        let out = run(
            dir.path(),
            Some(&bin),
            &[
                "--roadmap",
                file.to_str().unwrap(),
                command,
                "-o",
                out_file.to_str().unwrap(),
            ],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{command}: {err}");
        assert!(
            err.starts_with("note: the roadmap draws as ")
                && err.contains("drawing the stage overview instead")
                && err.contains("`--full` draws every topic"),
            "{command}: {err}"
        );
        let dot = std::fs::read_to_string(dir.path().join("input.dot")).unwrap();
        assert!(dot.contains("\"stage:s01\""), "{command}: {dot}");
        assert!(!dot.contains("\"t000001\""), "{command} drew topics: {dot}");
        assert!(out_file.exists(), "{command} wrote nothing");
    }
}

#[test]
fn full_lays_out_every_topic_of_a_large_roadmap() {
    let dir = tempfile::tempdir().unwrap();
    let file = generated(dir.path(), 2_000);
    let bin = recording_dot(dir.path());
    let out_file = dir.path().join("out.svg");
    let out = run(
        dir.path(),
        Some(&bin),
        &[
            "--roadmap",
            file.to_str().unwrap(),
            "render",
            "--full",
            "-o",
            out_file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "--full says nothing");
    let dot = std::fs::read_to_string(dir.path().join("input.dot")).unwrap();
    for id in ["t000000", "t001000", "t001999"] {
        assert!(dot.contains(&format!("\"{id}\"")), "{id} is not drawn");
    }
}

#[test]
fn quiet_leaves_the_note_out() {
    let dir = tempfile::tempdir().unwrap();
    let file = generated(dir.path(), 2_000);
    let bin = recording_dot(dir.path());
    let out_file = dir.path().join("out.svg");
    let out = run(
        dir.path(),
        Some(&bin),
        &[
            "--roadmap",
            file.to_str().unwrap(),
            "--quiet",
            "render",
            "-o",
            out_file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert!(out_file.exists());
}

#[test]
fn a_small_roadmap_is_drawn_whole_without_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let bin = recording_dot(dir.path());
    let out_file = dir.path().join("out.svg");
    let out = run(
        dir.path(),
        Some(&bin),
        &[
            "--roadmap",
            "tests/fixtures/mini",
            "render",
            "-o",
            out_file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let dot = std::fs::read_to_string(dir.path().join("input.dot")).unwrap();
    assert!(dot.contains("\"python\""), "{dot}");
}

#[test]
fn timeout_stops_graphviz_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("dot.pid");
    // `exec`: the process `roadmap` started is the one that sleeps, and must be gone after.
    let bin = fake_dot(
        dir.path(),
        &format!("echo $$ > '{}'\nexec sleep 60", pid_file.display()),
    );
    for (command, name) in [("render", "out.svg"), ("html", "out.html")] {
        let out_file = dir.path().join(name);
        // An older file stays as it was.
        std::fs::write(&out_file, "before").unwrap();
        let out = run(
            dir.path(),
            Some(&bin),
            &[
                "--roadmap",
                "tests/fixtures/mini",
                command,
                "--timeout",
                "1",
                "-o",
                out_file.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert_eq!(
            stderr(&out),
            "error: Graphviz did not finish the layout within 1 s and was stopped; nothing was \
             written\n  = help: draw less (`--overview`, `--stage STAGE` or goals), or allow \
             longer with `--timeout SECS` (0: no limit)\n",
            "{command}"
        );
        assert_eq!(std::fs::read_to_string(&out_file).unwrap(), "before");
        assert_eq!(files(dir.path(), ".roadmap-"), Vec::<String>::new());
        let pid = std::fs::read_to_string(&pid_file).unwrap();
        assert!(
            !Path::new(&format!("/proc/{}", pid.trim())).exists(),
            "{command} left `dot` (pid {pid}) running"
        );
        std::fs::remove_file(&pid_file).unwrap();
    }
}

#[test]
fn timeout_must_be_a_number_of_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        None,
        &["render", "--timeout", "soon", "-o", "/tmp/never.svg"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("invalid value 'soon' for '--timeout <SECS>'"));
}

#[test]
fn metacademy_is_drawn_whole_and_a_thousand_generated_topics_as_the_overview() {
    // The two sides of the limit measured in docs/performance.md: Metacademy's 487 concepts take
    // Graphviz seconds; 1,000 generated topics (denser) take minutes.
    let dir = tempfile::tempdir().unwrap();
    let bin = recording_dot(dir.path());
    let out_file = dir.path().join("out.svg");
    let thousand = generated(dir.path(), 1_000);
    for (file, whole) in [
        ("benches/data/metacademy", true),
        (thousand.to_str().unwrap(), false),
    ] {
        let out = run(
            dir.path(),
            Some(&bin),
            &[
                "--roadmap",
                file,
                "render",
                "-o",
                out_file.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        assert_eq!(stderr(&out).is_empty(), whole, "{file}: {}", stderr(&out));
        let dot = std::fs::read_to_string(dir.path().join("input.dot")).unwrap();
        assert_eq!(!dot.contains("\"stage:"), whole, "{file}");
    }
}

#[test]
fn the_page_of_a_large_roadmap_draws_the_neighbourhood_of_the_chosen_topic() {
    let dir = tempfile::tempdir().unwrap();
    let bin = recording_dot(dir.path());
    let page = dir.path().join("page.html");
    let big = generated(dir.path(), 2_000);
    for (file, drawing) in [
        (big.to_str().unwrap(), "overview"),
        ("tests/fixtures/mini", "whole"),
    ] {
        let out = run(
            dir.path(),
            Some(&bin),
            &["--roadmap", file, "html", "-o", page.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(
            html.contains(&format!("\"drawing\":\"{drawing}\"")),
            "{file}: the page data says how the roadmap is drawn"
        );
        assert!(html.contains("<div id=\"neighbourhood\""), "{file}");
        assert!(html.contains("function roadmapNeighbourhood("), "{file}");
    }
}

/// A plan long enough to be printed from two threads (from 20,000 steps, in pieces of 4,096
/// lines) reads as one printed whole: every step of the JSON plan once, numbered in order, each
/// stage's heading right before its first step; and the same bytes as the plan printed with one
/// core (`taskset`), where the lines are made on one thread.
#[test]
fn a_long_plan_prints_every_step_once_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let file = generated(dir.path(), 30_000);
    let text = std::fs::read_to_string(&file).unwrap();
    let goal = text
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("id = \"")?.strip_suffix('"'))
        .unwrap()
        .to_owned();
    let file = file.to_str().unwrap();
    let args = ["--roadmap", file, "plan", &goal, "--no-cache"];
    let out = run(dir.path(), None, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = String::from_utf8(out.stdout.clone()).unwrap();
    let json = run(
        dir.path(),
        None,
        &[&args[..], &["--format", "json"]].concat(),
    );
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let steps = json["steps"].as_array().unwrap();
    assert!(steps.len() > 20_000, "{} steps", steps.len());
    // What the text should hold, in order: `Stage N` before the first step of each stage run,
    // then `N. id` for each step.
    let mut expected = Vec::new();
    let mut stage = "";
    for (i, s) in steps.iter().enumerate() {
        let st = s["stage"].as_str().unwrap();
        if st != stage {
            stage = st;
            let n: u32 = st.trim_start_matches('s').parse().unwrap();
            expected.push(format!("Stage {n}"));
        }
        expected.push(format!("{}. {}", i + 1, s["id"].as_str().unwrap()));
    }
    let seen: Vec<String> = printed
        .lines()
        .filter_map(|l| {
            if l.starts_with("Stage ") {
                return Some(l.to_owned());
            }
            let mut words = l.split_whitespace();
            let number = words.next()?;
            number
                .strip_suffix('.')
                .filter(|n| n.parse::<u32>().is_ok())?;
            Some(format!("{number} {}", words.next()?))
        })
        .collect();
    assert_eq!(seen.len(), expected.len());
    assert!(seen == expected, "the steps and headings as printed");
    let test = "a_long_plan_prints_every_step_once_in_order";
    if !common::missing(
        &["taskset", "-c", "0", "true"],
        "`taskset` (util-linux)",
        test,
    ) {
        let one_core = common::roadmap_under(&["taskset", "-c", "0"])
            .args(args)
            .env("XDG_CACHE_HOME", dir.path().join("cache"))
            .env("ROADMAP_PROGRESS", dir.path().join("progress.toml"))
            .output()
            .unwrap();
        assert!(one_core.status.success(), "{}", stderr(&one_core));
        assert!(
            one_core.stdout == out.stdout,
            "the plan printed with one core"
        );
    }
}

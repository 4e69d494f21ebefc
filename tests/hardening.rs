//! Hardening: bad input through the `roadmap` binary, and fuzz findings replayed.
//!
//! - The bad-input corpus: every case under `tests/corpus/` (see its README.md for the manifest),
//!   committed or generated here (inputs too large or impossible to commit), run through the
//!   binary with its expected exit status and output.
//! - Every finding fixture of `tests/fixtures/findings/` through the binary's text output and
//!   through a command that must refuse an invalid roadmap.
//! - Output to a closed pipe: quiet, as Unix tools are.
//! - The inputs kept from fuzzing (`tests/fuzz-regressions/`), replayed through the fuzz targets'
//!   own checks (`fuzz/src/checks.rs`), so CI needs neither nightly Rust nor cargo-fuzz.
//!
//! Every run of the binary must finish within a time limit, must not panic (no `panicked` on
//! either stream, no exit status 101), and leaves the progress file it was given as it was.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[allow(dead_code)] // The checks serve the fuzz targets too; this file uses only the replays.
#[path = "../fuzz/src/checks.rs"]
mod checks;

const CORPUS: &str = "tests/corpus";
const FINDINGS: &str = "tests/fixtures/findings";
const REGRESSIONS: &str = "tests/fuzz-regressions";

/// Longest any one run may take, in a debug build on a busy 2-core machine. Linear work on the
/// largest inputs here takes seconds; anything quadratic on them takes many minutes.
const RUN_LIMIT: Duration = Duration::from_secs(120);

// ---------------------------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------------------------

struct Output {
    code: i32,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// A temporary home for one case: the progress file, cache and data directories live here, so
/// nothing of the user's is read or written.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn progress(&self) -> PathBuf {
        self.path().join("progress.toml")
    }

    fn command(&self, cwd: &Path, roadmap: &str, args: &[String]) -> Command {
        let mut command = common::roadmap();
        command
            .current_dir(cwd)
            .arg("--roadmap")
            .arg(roadmap)
            .args(args)
            .env("NO_COLOR", "1")
            .env("ROADMAP_PROGRESS", self.progress())
            .env("XDG_CACHE_HOME", self.path().join("cache"))
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("HOME", self.path().join("home"))
            .env_remove("ROADMAP_PATH")
            .env_remove("ROADMAP_LANG")
            .env_remove("ROADMAP_NO_CACHE")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("RUST_BACKTRACE")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }

    /// Runs the binary to the end (or the time limit), reading both streams as it goes.
    fn run(&self, cwd: &Path, roadmap: &str, args: &[String]) -> Output {
        let start = Instant::now();
        let mut child = self
            .command(cwd, roadmap, args)
            .spawn()
            .expect("the binary starts");
        let stdout = drain(child.stdout.take().expect("piped"));
        let stderr = drain(child.stderr.take().expect("piped"));
        let code = wait(&mut child, start, args);
        let text = |h: std::thread::JoinHandle<Vec<u8>>| {
            String::from_utf8_lossy(&h.join().expect("reader")).into_owned()
        };
        let out = Output {
            code,
            stdout: text(stdout),
            stderr: text(stderr),
            took: start.elapsed(),
        };
        assert_no_panic(&out, args);
        out
    }
}

fn drain(mut stream: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        bytes
    })
}

/// Waits for the child; kills it and fails when it runs past [`RUN_LIMIT`] (a hang).
fn wait(child: &mut Child, start: Instant, args: &[String]) -> i32 {
    loop {
        if let Some(status) = child.try_wait().expect("wait for the binary") {
            return status.code().unwrap_or(-1);
        }
        if start.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`roadmap {}` ran for over {RUN_LIMIT:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn assert_no_panic(out: &Output, args: &[String]) {
    for (name, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(
            !text.contains("panicked") && !text.contains("RUST_BACKTRACE"),
            "`roadmap {}` panicked ({name}):\n{}",
            args.join(" "),
            tail(text)
        );
    }
    assert_ne!(out.code, 101, "`roadmap {}` panicked", args.join(" "));
}

/// The end of a long text, for failure messages.
fn tail(text: &str) -> &str {
    let mut at = text.len().saturating_sub(3000);
    while !text.is_char_boundary(at) {
        at += 1;
    }
    &text[at..]
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------------

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    about: String,
    roadmap: Option<String>,
    generate: Option<String>,
    progress: Option<String>,
    run: Vec<Run>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Run {
    args: Vec<String>,
    /// Overrides the case's roadmap for this run.
    roadmap: Option<String>,
    exit: i32,
    #[serde(default)]
    stdout: Vec<String>,
    #[serde(default)]
    stderr: Vec<String>,
    /// Substrings that must not appear on stdout.
    #[serde(default)]
    stdout_lacks: Vec<String>,
    #[serde(default)]
    stdout_empty: bool,
    #[serde(default)]
    stderr_empty: bool,
}

fn case_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(CORPUS)
        .expect("tests/corpus exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn read_case(dir: &Path) -> Case {
    let text = std::fs::read_to_string(dir.join("case.toml"))
        .unwrap_or_else(|e| panic!("{}/case.toml: {e}", dir.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}/case.toml: {e}", dir.display()))
}

/// Where a case's runs happen and what `--roadmap` they get.
struct Input {
    cwd: PathBuf,
    roadmap: String,
    /// Why the runs' expectations cannot hold here (they still must not panic or hang).
    skip: Option<String>,
}

/// Runs one case; returns what went wrong, if anything.
fn run_case(dir: &Path) -> Vec<String> {
    let case = read_case(dir);
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let sandbox = Sandbox::new();
    let input = match (&case.roadmap, &case.generate) {
        (Some(roadmap), None) => Input {
            cwd: dir.to_owned(),
            roadmap: roadmap.clone(),
            skip: None,
        },
        (None, Some(generator)) => {
            let at = sandbox.path().join("input");
            std::fs::create_dir(&at).expect("an input directory");
            generate(generator, &at)
        }
        _ => panic!("{name}: give exactly one of `roadmap` and `generate`"),
    };
    let committed_progress = case.progress.as_ref().map(|p| {
        let bytes = std::fs::read(dir.join(p)).expect("the case's progress file");
        std::fs::write(sandbox.progress(), &bytes).expect("copy the progress file");
        bytes
    });
    let mut problems = Vec::new();
    for run in &case.run {
        let roadmap = run.roadmap.as_deref().unwrap_or(&input.roadmap);
        let out = sandbox.run(&input.cwd, roadmap, &run.args);
        let what = format!("{name} (`roadmap {}`, {})", run.args.join(" "), case.about);
        if let Some(bytes) = &committed_progress {
            let now = std::fs::read(sandbox.progress()).unwrap_or_default();
            if &now != bytes {
                problems.push(format!("{what}: the progress file changed"));
            }
        }
        if let Some(reason) = &input.skip {
            eprintln!("!!! SKIPPED the expectations of {what}: {reason}");
            continue;
        }
        let mut wrong = Vec::new();
        if out.code != run.exit {
            wrong.push(format!("exit status {} instead of {}", out.code, run.exit));
        }
        for (stream, text, wanted, empty) in [
            ("stdout", &out.stdout, &run.stdout, run.stdout_empty),
            ("stderr", &out.stderr, &run.stderr, run.stderr_empty),
        ] {
            for w in wanted {
                if !text.contains(w.as_str()) {
                    wrong.push(format!("{stream} lacks {w:?}"));
                }
            }
            if empty && !text.is_empty() {
                wrong.push(format!("{stream} is not empty"));
            }
        }
        for w in &run.stdout_lacks {
            if out.stdout.contains(w.as_str()) {
                wrong.push(format!("stdout holds {w:?}"));
            }
        }
        if !wrong.is_empty() {
            problems.push(format!(
                "{what}: {}\n--- stdout:\n{}\n--- stderr:\n{}",
                wrong.join("; "),
                tail(&out.stdout),
                tail(&out.stderr)
            ));
        }
        eprintln!(
            "{name}: `roadmap {}` took {:?}",
            run.args.join(" "),
            out.took
        );
    }
    problems
}

fn assert_case(name: &str) {
    let problems = run_case(&Path::new(CORPUS).join(name));
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// Every case with committed input (the generated ones have a test each, below, so they run in
/// parallel).
#[test]
fn corpus_of_committed_inputs() {
    let mut problems = Vec::new();
    for dir in case_dirs() {
        if read_case(&dir).generate.is_none() {
            problems.extend(run_case(&dir));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// Each generator has its case directory and its test, and each case names a known generator.
#[test]
fn every_generated_case_has_its_generator() {
    let named: Vec<String> = case_dirs()
        .iter()
        .filter_map(|d| read_case(d).generate)
        .collect();
    let mut named_sorted = named.clone();
    named_sorted.sort();
    let mut known: Vec<String> = GENERATORS.iter().map(|s| s.to_string()).collect();
    known.sort();
    assert_eq!(
        named_sorted, known,
        "generators named by cases vs generators known"
    );
    for dir in case_dirs() {
        if let Some(g) = read_case(&dir).generate {
            assert_eq!(
                dir.file_name().unwrap().to_string_lossy(),
                g,
                "case directory name"
            );
        }
    }
}

const GENERATORS: &[&str] = &[
    "ten-megabyte-line",
    "ten-megabyte-line-of-findings",
    "ten-megabyte-title",
    "chain-100000",
    "nested-arrays",
    "nested-tables",
    "many-unknown-references",
    "symlink-loop",
    "unreadable-file",
    "directory-named-like-a-file",
];

#[test]
fn corpus_ten_megabyte_line() {
    assert_case("ten-megabyte-line");
}

#[test]
fn corpus_ten_megabyte_line_of_findings() {
    assert_case("ten-megabyte-line-of-findings");
}

#[test]
fn corpus_ten_megabyte_title() {
    assert_case("ten-megabyte-title");
}

#[test]
fn corpus_chain_100000() {
    assert_case("chain-100000");
}

#[test]
fn corpus_nested_arrays() {
    assert_case("nested-arrays");
}

#[test]
fn corpus_nested_tables() {
    assert_case("nested-tables");
}

#[test]
fn corpus_many_unknown_references() {
    assert_case("many-unknown-references");
}

#[test]
fn corpus_symlink_loop() {
    assert_case("symlink-loop");
}

#[test]
fn corpus_unreadable_file() {
    assert_case("unreadable-file");
}

#[test]
fn corpus_directory_named_like_a_file() {
    assert_case("directory-named-like-a-file");
}

const TEN_MB: usize = 10 * 1024 * 1024;

const HEADER: &str = "[roadmap]\ntitle = \"Generated\"\n\n[[stage]]\nid = \"s\"\ntitle = \"S\"\n";

fn topic(id: &str, requires: &[String]) -> String {
    let requires: Vec<String> = requires.iter().map(|r| format!("{r:?}")).collect();
    format!(
        "\n[[topic]]\nid = \"{id}\"\ntitle = \"Topic {id}\"\nstage = \"s\"\nhours = 1\nrequires = [{}]\n",
        requires.join(", ")
    )
}

/// Builds a generated case's input in `dir`.
fn generate(name: &str, dir: &Path) -> Input {
    let file = |name: &str, text: &str| std::fs::write(dir.join(name), text).expect("write input");
    let input = |roadmap: &str| Input {
        cwd: dir.to_owned(),
        roadmap: roadmap.to_owned(),
        skip: None,
    };
    match name {
        // One 10 MB line: an unterminated string that ends with the file.
        "ten-megabyte-line" => {
            file(
                "roadmap.toml",
                &format!("{HEADER}summary = \"{}", "a".repeat(TEN_MB)),
            );
            input("roadmap.toml")
        }
        // One 10 MB line holding 2,000 topics as inline tables, each with an unknown key and
        // every tenth a duplicate id: 2,200 findings quoting the same line.
        "ten-megabyte-line-of-findings" => {
            let filler = "x".repeat(TEN_MB / 2000 - 60);
            let topics: Vec<String> = (0..2000)
                .map(|i| {
                    let id = if i % 10 == 9 { i - 9 } else { i };
                    format!("{{id=\"t{id}\",title=\"{filler}\",stage=\"s\",hours=1,extra=1}}")
                })
                .collect();
            file(
                "roadmap.toml",
                &format!(
                    "stage = [{{id=\"s\",title=\"S\"}}]\ntopic = [{}]\n[roadmap]\ntitle = \"One line\"\n",
                    topics.join(",")
                ),
            );
            input("roadmap.toml")
        }
        // A valid roadmap whose one topic has a 10 MB title, on one line.
        "ten-megabyte-title" => {
            let mut text = String::from(HEADER);
            text.push_str(&format!(
                "\n[[topic]]\nid = \"long\"\ntitle = \"{}é\"\nstage = \"s\"\nhours = 2\n",
                "a".repeat(TEN_MB)
            ));
            text.push_str(&topic("after", &["long".to_owned()]));
            file("roadmap.toml", &text);
            input("roadmap.toml")
        }
        // 100,000 topics, each requiring the one before.
        "chain-100000" => {
            let mut text = String::from(HEADER);
            for i in 0..100_000 {
                let requires = if i == 0 {
                    vec![]
                } else {
                    vec![format!("t{}", i - 1)]
                };
                text.push_str(&topic(&format!("t{i}"), &requires));
            }
            file("roadmap.toml", &text);
            input("roadmap.toml")
        }
        // Arrays nested 10,000 deep in a valid place, and 100,000 never closed.
        "nested-arrays" => {
            let deep = 10_000;
            file(
                "closed.toml",
                &format!(
                    "{HEADER}\n[[topic]]\nid = \"a\"\ntitle = \"A\"\nstage = \"s\"\nrequires = {}{}\n",
                    "[".repeat(deep),
                    "]".repeat(deep)
                ),
            );
            file(
                "open.toml",
                &format!("{HEADER}tags = {}\n", "[".repeat(100_000)),
            );
            input("closed.toml")
        }
        // Inline tables nested 10,000 deep, and a dotted key of 10,000 parts.
        "nested-tables" => {
            let deep = 10_000;
            file(
                "inline.toml",
                &format!(
                    "{HEADER}i18n = {}1{}\n",
                    "{a=".repeat(deep),
                    "}".repeat(deep)
                ),
            );
            file(
                "dotted.toml",
                &format!("{HEADER}{} = 1\n", vec!["a"; deep].join(".")),
            );
            input("inline.toml")
        }
        // 5,000 topics, each requiring a misspelt, different id: "did you mean" must not
        // compare every misspelling with every id.
        "many-unknown-references" => {
            let mut text = String::from(HEADER);
            for i in 0..5000 {
                text.push_str(&topic(&format!("topic-{i}"), &[format!("tpoic-{i}")]));
            }
            file("roadmap.toml", &text);
            input("roadmap.toml")
        }
        // A roadmap directory with a link back to itself inside.
        "symlink-loop" => {
            let root = dir.join("roadmap");
            std::fs::create_dir_all(root.join("sub")).expect("directories");
            std::fs::write(root.join("a.toml"), format!("{HEADER}{}", topic("a", &[])))
                .expect("write input");
            symlink(Path::new(".."), &root.join("sub").join("loop"));
            input("roadmap")
        }
        // A roadmap directory with a file nobody may read.
        "unreadable-file" => {
            let root = dir.join("roadmap");
            std::fs::create_dir(&root).expect("a directory");
            std::fs::write(root.join("a.toml"), format!("{HEADER}{}", topic("a", &[])))
                .expect("write input");
            let locked = root.join("b.toml");
            std::fs::write(&locked, topic("b", &[])).expect("write input");
            set_mode(&locked, 0o000);
            let mut input = input("roadmap");
            if std::fs::read(&locked).is_ok() {
                input.skip = Some(
                    "the tests run as root (or another user who can read a chmod 000 file), \
                     so the file is readable and the roadmap valid"
                        .to_owned(),
                );
            }
            input
        }
        // A directory named `x.toml`, holding the roadmap's file: it is a directory to walk,
        // not a file to read, whether found inside the roadmap or given as `--roadmap`.
        "directory-named-like-a-file" => {
            let inner = dir.join("roadmap").join("x.toml");
            std::fs::create_dir_all(&inner).expect("directories");
            std::fs::write(
                inner.join("inner.toml"),
                format!(
                    "{HEADER}{}{}",
                    topic("a", &[]),
                    topic("b", &["a".to_owned()])
                ),
            )
            .expect("write input");
            input("roadmap")
        }
        other => panic!("no generator `{other}`"),
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("a symbolic link");
}

#[cfg(not(unix))]
fn symlink(_: &Path, _: &Path) {}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) {}

// ---------------------------------------------------------------------------------------------
// Every finding kind, through the binary
// ---------------------------------------------------------------------------------------------

const WARNING_KINDS: &[&str] = &[
    "missing-hours",
    "redundant-requirement",
    "recommends-required",
    "empty-stage",
    "empty-text",
    "not-web-url",
    "empty-role",
    "single-alternative",
    "duplicate-alternative",
    "zero-hours",
];

/// Each fixture of tests/fixtures/findings (one per kind; tests/findings.rs checks their JSON
/// exactly) through the text output: `severity[kind]` with `file:line:col` for each `# expect:`
/// line, the exit status; and another command on it: refused (errors only on stderr, nothing on
/// stdout, status 1) when there is an error, answered silently when there are only warnings.
#[test]
fn every_finding_fixture_through_the_binary() {
    let sandbox = Sandbox::new();
    let cwd = Path::new(FINDINGS);
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(cwd)
        .expect("the findings fixtures")
        .map(|e| e.expect("an entry").path())
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 17, "one fixture per finding kind");
    let mut problems = Vec::new();
    for fixture in fixtures {
        let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
        let files: Vec<PathBuf> = if fixture.is_dir() {
            let mut f: Vec<PathBuf> = std::fs::read_dir(&fixture)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            f.sort();
            f
        } else {
            vec![fixture.clone()]
        };
        let mut expected = Vec::new();
        for file in &files {
            let shown = file
                .strip_prefix(cwd)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            for line in std::fs::read_to_string(file).unwrap().lines() {
                let Some(rest) = line.strip_prefix("# expect: ") else {
                    continue;
                };
                let mut words = rest.split_whitespace();
                let kind = words.next().expect("a kind").to_owned();
                let at = words.next().expect("line:col").to_owned();
                expected.push((kind, format!("{shown}:{at}")));
            }
        }
        assert!(!expected.is_empty(), "{name} expects nothing");
        let is_error = |kind: &str| !WARNING_KINDS.contains(&kind);
        let errors = expected.iter().any(|(k, _)| is_error(k));
        let check = sandbox.run(cwd, &name, &strings(&["check"]));
        let mut wrong = Vec::new();
        if check.code != i32::from(errors) {
            wrong.push(format!("check exited {}", check.code));
        }
        for (kind, at) in &expected {
            let severity = if is_error(kind) { "error" } else { "warning" };
            let tag = format!("{severity}[{kind}]");
            if !check.stdout.contains(&tag) || !check.stdout.contains(&format!("--> {at}\n")) {
                wrong.push(format!("check lacks {tag} at {at}"));
            }
        }
        let list = sandbox.run(cwd, &name, &strings(&["list"]));
        if errors {
            if list.code != 1 || !list.stdout.is_empty() {
                wrong.push(format!("list on an invalid roadmap exited {}", list.code));
            }
            if !list.stderr.contains("the roadmap is invalid") {
                wrong.push("list does not say the roadmap is invalid".to_owned());
            }
            for (kind, _) in expected.iter().filter(|(k, _)| is_error(k)) {
                if !list.stderr.contains(&format!("error[{kind}]")) {
                    wrong.push(format!("list does not report {kind}"));
                }
            }
            if list.stderr.contains("warning[") {
                wrong.push("list reports warnings".to_owned());
            }
        } else if list.code != 0 || !list.stderr.is_empty() {
            wrong.push(format!("list with warnings only exited {}", list.code));
        }
        if !wrong.is_empty() {
            problems.push(format!(
                "{name}: {}\n--- check:\n{}\n--- list stderr:\n{}",
                wrong.join("; "),
                check.stdout,
                list.stderr
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

// ---------------------------------------------------------------------------------------------
// Closed pipes
// ---------------------------------------------------------------------------------------------

/// A roadmap large enough that every command below writes more than a pipe holds (64 KiB), so
/// the write after the reader has gone fails for sure; and the same roadmap with 3,000 errors.
fn big_roadmaps(dir: &Path) {
    let mut valid = String::from(HEADER);
    let mut invalid = String::from(HEADER);
    for i in 0..3000 {
        let requires = if i == 0 {
            vec![]
        } else {
            vec![format!("t{}", i - 1)]
        };
        valid.push_str(&topic(&format!("t{i}"), &requires));
        invalid.push_str(&topic(&format!("t{i}"), &[format!("missing{i}")]));
    }
    std::fs::write(dir.join("valid.toml"), valid).expect("write");
    std::fs::write(dir.join("invalid.toml"), invalid).expect("write");
}

const PIPED: &[(&str, &[&str], i32)] = &[
    ("valid.toml", &["list"], 0),
    ("valid.toml", &["list", "--format", "json"], 0),
    ("valid.toml", &["export"], 0),
    ("valid.toml", &["export", "--format", "mermaid"], 0),
    ("valid.toml", &["plan", "t2999"], 0),
    ("valid.toml", &["prereqs", "t2999"], 0),
    ("valid.toml", &["check"], 0),
    // `check` knows it has failed before it writes: its status stays 1 (see the report).
    ("invalid.toml", &["check"], 1),
    ("invalid.toml", &["check", "--format", "json"], 1),
];

/// Output to a reader that has gone away: no message, no panic, the status as documented.
fn closed_pipe(read_first_line: bool) {
    let sandbox = Sandbox::new();
    big_roadmaps(sandbox.path());
    let mut problems = Vec::new();
    for (roadmap, args, expected) in PIPED {
        let args = strings(args);
        let start = Instant::now();
        let mut child = sandbox
            .command(sandbox.path(), roadmap, &args)
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().expect("piped");
        if read_first_line {
            let mut line = String::new();
            BufReader::new(stdout)
                .read_line(&mut line)
                .expect("one line");
            assert!(
                !line.is_empty(),
                "`roadmap {}` wrote nothing",
                args.join(" ")
            );
        } else {
            drop(stdout);
        }
        let stderr = drain(child.stderr.take().expect("piped"));
        let code = wait(&mut child, start, &args);
        let stderr = String::from_utf8_lossy(&stderr.join().unwrap()).into_owned();
        if !stderr.is_empty() || code != *expected {
            problems.push(format!(
                "`roadmap {}` to a closed pipe: status {code} (not {expected}), stderr:\n{stderr}",
                args.join(" ")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn output_to_a_pipe_closed_at_once_is_quiet() {
    closed_pipe(false);
}

#[test]
fn output_to_a_pipe_closed_after_one_line_is_quiet() {
    closed_pipe(true);
}

// ---------------------------------------------------------------------------------------------
// Fuzz regressions
// ---------------------------------------------------------------------------------------------

/// The inputs under `tests/fuzz-regressions/<target>/`, sorted.
fn regressions(target: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(REGRESSIONS).join(target))
        .expect("the fuzz regressions")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no {target} regressions");
    files
}

/// Replays each input through `check`, on threads of its own so that one slow input shows as
/// slow rather than hiding behind others; each must take under `limit`.
fn replay(target: &str, check: fn(&[u8]), limit: Duration) {
    let mut slow = Vec::new();
    for path in regressions(target) {
        let bytes = std::fs::read(&path).expect("a regression input");
        let start = Instant::now();
        let result = std::thread::spawn(move || check(&bytes)).join();
        if result.is_err() {
            panic!("{} fails again (see above)", path.display());
        }
        if start.elapsed() > limit {
            slow.push(format!("{} took {:?}", path.display(), start.elapsed()));
        }
    }
    assert!(slow.is_empty(), "slow again:\n{}", slow.join("\n"));
}

#[test]
fn fuzz_regressions_of_roadmaps() {
    replay("roadmap", checks::roadmap, Duration::from_secs(30));
}

#[test]
fn fuzz_regressions_of_progress_files() {
    replay("progress", checks::progress, Duration::from_secs(10));
}

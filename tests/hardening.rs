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

/// How a run is confined (none by default).
#[derive(Clone, Copy, Default)]
struct Confine {
    /// A limit on the address space, in MiB.
    max_memory_mib: Option<u64>,
    /// Without the capabilities that let root read and write any file, so that file
    /// permissions hold for the run as they do for anyone else: CI runs the tests as root.
    unprivileged: bool,
}

/// Runs a program as the same user without `CAP_DAC_OVERRIDE` and `CAP_DAC_READ_SEARCH` (they
/// leave the bounding and inheritable sets, so nothing `exec`ed gets them back): root then
/// meets a `chmod 000` file as its owner does, refused. `setpriv` is util-linux's.
const SETPRIV: [&str; 3] = [
    "setpriv",
    "--inh-caps=-dac_override,-dac_read_search",
    "--bounding-set=-dac_override,-dac_read_search",
];

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
        self.command_within(cwd, roadmap, args, Confine::default())
    }

    /// The command, confined as asked: under a limit of address space (through the shell's
    /// `ulimit -v`), so that input that would make it grow without bound fails the test instead
    /// of taking the machine's memory; without root's power over file permissions (`setpriv`).
    fn command_within(
        &self,
        cwd: &Path,
        roadmap: &str,
        args: &[String],
        confine: Confine,
    ) -> Command {
        let mut program: Vec<String> = vec![env!("CARGO_BIN_EXE_roadmap").to_owned()];
        if confine.unprivileged {
            program.splice(0..0, SETPRIV.iter().map(|s| s.to_string()));
        }
        if let Some(mib) = confine.max_memory_mib {
            let limit = format!("ulimit -v {} && exec \"$0\" \"$@\"", mib * 1024);
            program.splice(0..0, ["sh".to_owned(), "-c".to_owned(), limit]);
        }
        let mut command = Command::new(&program[0]);
        command.args(&program[1..]);
        // As `common::roadmap` does: the default interface language.
        for var in ["ROADMAP_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"] {
            command.env_remove(var);
        }
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
        self.run_within(cwd, roadmap, args, Confine::default())
    }

    fn run_within(&self, cwd: &Path, roadmap: &str, args: &[String], confine: Confine) -> Output {
        let start = Instant::now();
        let mut child = self
            .command_within(cwd, roadmap, args, confine)
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

#[derive(Clone, serde::Deserialize)]
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
    /// A limit on the run's address space, in MiB (Unix): input that would make memory grow
    /// without bound fails the run (allocation fails) rather than the machine.
    max_memory_mib: Option<u64>,
}

/// Arguments as given, `@long-argument` standing for 100,000 characters (`a`s then `b`), which a
/// case file should not spell out.
fn expand(args: &[String]) -> Vec<String> {
    args.iter()
        .map(|a| match a.as_str() {
            "@long-argument" => format!("{}b", "a".repeat(99_999)),
            _ => a.clone(),
        })
        .collect()
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
    /// Whether the runs must go without root's power over file permissions: the input has a
    /// file nobody may read, which root could read all the same.
    unprivileged: bool,
    /// Whether the runs' expectations cannot hold here (said on stderr; the runs still must not
    /// panic or hang): outside CI, where the runs cannot be confined as `unprivileged` asks.
    skip: bool,
}

/// An input with `locked`, a file nobody may read: when this process can read it all the same
/// (root, as in CI), its runs go [`Confine::unprivileged`], checked first to be refused the file
/// there. Where that cannot be done (no `setpriv`, or no power to drop capabilities) the case
/// fails in CI and is skipped elsewhere, saying so where a person sees it.
fn with_unreadable(mut input: Input, locked: &Path, case: &str) -> Input {
    if std::fs::read(locked).is_err() {
        return input;
    }
    let test = format!("corpus case {case}");
    let what = "setpriv (util-linux), to run as root without root's power over permissions";
    if common::missing(&["setpriv", "--version"], what, &test) {
        input.skip = true;
        return input;
    }
    let run = |program: &[&str]| {
        Command::new(SETPRIV[0])
            .args(&SETPRIV[1..])
            .args(program)
            .output()
            .expect("setpriv starts")
    };
    // setpriv fails by itself where this process may not drop capabilities (a container without
    // CAP_SETPCAP): the confinement is impossible there, not the file readable.
    let confined = run(&["true"]);
    if common::absent(
        confined.status.success(),
        &format!(
            "a way to drop CAP_DAC_OVERRIDE (`setpriv` failed: {})",
            String::from_utf8_lossy(&confined.stderr).trim()
        ),
        &test,
    ) {
        input.skip = true;
        return input;
    }
    let read = run(&["cat", &locked.to_string_lossy()]);
    assert!(
        !read.status.success()
            && String::from_utf8_lossy(&read.stderr).contains("Permission denied"),
        "{case}: without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, {} is still readable ({})",
        locked.display(),
        String::from_utf8_lossy(&read.stderr).trim()
    );
    input.unprivileged = true;
    input
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
            unprivileged: false,
            skip: false,
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
        let args = expand(&run.args);
        let run = &Run {
            args,
            ..run.clone()
        };
        let confine = Confine {
            max_memory_mib: run.max_memory_mib,
            unprivileged: input.unprivileged,
        };
        let out = sandbox.run_within(&input.cwd, roadmap, &run.args, confine);
        let what = format!("{name} (`roadmap {}`, {})", run.args.join(" "), case.about);
        if let Some(bytes) = &committed_progress {
            let now = std::fs::read(sandbox.progress()).unwrap_or_default();
            if &now != bytes {
                problems.push(format!("{what}: the progress file changed"));
            }
        }
        if input.skip {
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
    "unreadable-progress",
    "directory-named-like-a-file",
    "sparse-five-gib",
    "huge-progress-file",
    "wide-requires",
    "long-ids",
    "diamond-chain",
    "huge-unknown-array",
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
fn corpus_unreadable_progress() {
    assert_case("unreadable-progress");
}

#[test]
fn corpus_directory_named_like_a_file() {
    assert_case("directory-named-like-a-file");
}

#[test]
fn corpus_sparse_five_gib() {
    assert_case("sparse-five-gib");
}

#[test]
fn corpus_huge_progress_file() {
    assert_case("huge-progress-file");
}

#[test]
fn corpus_wide_requires() {
    assert_case("wide-requires");
}

#[test]
fn corpus_long_ids() {
    assert_case("long-ids");
}

#[test]
fn corpus_diamond_chain() {
    assert_case("diamond-chain");
}

#[test]
fn corpus_huge_unknown_array() {
    assert_case("huge-unknown-array");
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
        unprivileged: false,
        skip: false,
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
            with_unreadable(input("roadmap"), &locked, name)
        }
        // A progress file nobody may read, beside a valid roadmap.
        "unreadable-progress" => {
            file("roadmap.toml", &format!("{HEADER}{}", topic("a", &[])));
            let locked = dir.join("progress.toml");
            std::fs::write(&locked, "roadmap = \"Generated\"\n").expect("write input");
            set_mode(&locked, 0o000);
            with_unreadable(input("roadmap.toml"), &locked, name)
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
        // A roadmap file and a progress file of 5 GiB each, sparse (they take no disk space),
        // and the mini roadmap beside them.
        "sparse-five-gib" => {
            for name in ["roadmap.toml", "progress.toml"] {
                std::fs::File::create(dir.join(name))
                    .and_then(|f| f.set_len(5 << 30))
                    .expect("a sparse file");
            }
            mini_beside(dir);
            input("roadmap.toml")
        }
        // A progress file of 24 MiB of well-formed entries, for the mini roadmap.
        "huge-progress-file" => {
            let mut text = String::from("roadmap = \"Mini ML\"\nversion = 1\n\n[topics]\n");
            let mut i = 0;
            while text.len() < 24 << 20 {
                text.push_str(&format!(
                    "topic-{i:08} = {{ state = \"done\", date = 2026-01-01 }}\n"
                ));
                i += 1;
            }
            file("progress.toml", &text);
            mini_beside(dir);
            input("mini")
        }
        // 300,000 topics and one that requires them all.
        "wide-requires" => {
            let n = 300_000;
            let mut text = String::from(HEADER);
            for i in 0..n {
                text.push_str(&topic(&format!("t{i}"), &[]));
            }
            let all: Vec<String> = (0..n).map(|i| format!("t{i}")).collect();
            text.push_str(&topic("top", &all));
            file("roadmap.toml", &text);
            input("roadmap.toml")
        }
        // Ids of 60,000 and 1,000,000 characters, each named with one letter more; and a valid
        // roadmap for an argument of 100,000 characters.
        "long-ids" => {
            let mut text = String::from(HEADER);
            for n in [60_000, 1_000_000] {
                let id = "a".repeat(n);
                text.push_str(&topic(&id, &[]));
                text.push_str(&topic(&format!("x{n}"), &[format!("{id}b")]));
            }
            file("roadmap.toml", &text);
            file("valid.toml", &format!("{HEADER}{}", topic("a", &[])));
            input("roadmap.toml")
        }
        // 40 diamonds in a chain: t(i) requires a(i) and b(i), which both require t(i-1).
        "diamond-chain" => {
            let mut text = String::from(HEADER);
            text.push_str(&topic("t0", &[]));
            for i in 1..40 {
                let before = format!("t{}", i - 1);
                text.push_str(&topic(&format!("a{i}"), std::slice::from_ref(&before)));
                text.push_str(&topic(&format!("b{i}"), &[before]));
                text.push_str(&topic(
                    &format!("t{i}"),
                    &[format!("a{i}"), format!("b{i}")],
                ));
            }
            file("roadmap.toml", &text);
            input("roadmap.toml")
        }
        // 20 MB of `1,` in an array under a key the format does not have.
        "huge-unknown-array" => {
            let mut text = String::from(HEADER);
            text.push_str("x = [");
            text.push_str(&"1,".repeat(10 << 20));
            text.push_str("1]\n");
            file("roadmap.toml", &text);
            input("roadmap.toml")
        }
        other => panic!("no generator `{other}`"),
    }
}

/// Links `dir/mini` to the mini roadmap of the fixtures.
fn mini_beside(dir: &Path) {
    let mini = Path::new("tests/fixtures/mini")
        .canonicalize()
        .expect("the mini fixture");
    symlink(&mini, &dir.join("mini"));
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

// ---------------------------------------------------------------------------------------------
// Files written: through links, never over the roadmap, all or nothing
// ---------------------------------------------------------------------------------------------

/// Runs the binary on the mini roadmap in `cwd`, with no colour and the sandbox's directories.
fn mini_run(sandbox: &Sandbox, cwd: &Path, args: &[&str]) -> Output {
    let mini = Path::new("tests/fixtures/mini")
        .canonicalize()
        .expect("the mini fixture");
    sandbox.run(cwd, mini.to_str().expect("a UTF-8 path"), &strings(args))
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// `-o` naming a symbolic link to a file that does not exist yet: the file is made where the
/// link points, and the link stays (it used to be replaced by a regular file).
#[cfg(unix)]
#[test]
fn outputs_through_a_dangling_link_reach_its_target() {
    let sandbox = Sandbox::new();
    let cwd = sandbox.path();
    std::fs::create_dir(cwd.join("out")).unwrap();
    symlink(Path::new("out/diagram.dot"), &cwd.join("link.dot"));
    let out = mini_run(&sandbox, cwd, &["export", "-o", "link.dot"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(is_link(&cwd.join("link.dot")), "the link is still a link");
    let dot = std::fs::read_to_string(cwd.join("out/diagram.dot")).expect("the target made");
    assert!(dot.starts_with("digraph"), "{dot}");
}

/// `export -o` naming a file of the roadmap itself is refused, and the roadmap left as it was.
#[test]
fn outputs_never_overwrite_the_roadmap_being_read() {
    let sandbox = Sandbox::new();
    let cwd = sandbox.path();
    let dir = cwd.join("mini");
    std::fs::create_dir(&dir).unwrap();
    for name in ["1-basics.toml", "2-ml.toml"] {
        std::fs::copy(Path::new("tests/fixtures/mini").join(name), dir.join(name)).unwrap();
    }
    let before = std::fs::read(dir.join("1-basics.toml")).unwrap();
    for (roadmap, output) in [
        ("mini", "mini/1-basics.toml"),
        ("mini", "./mini/../mini/1-basics.toml"),
        ("mini/1-basics.toml", "mini/1-basics.toml"),
    ] {
        let args = strings(&["export", "--format", "json", "-o", output]);
        let out = sandbox.run(cwd, roadmap, &args);
        assert_eq!(out.code, 2, "{roadmap} -> {output}: {}", out.stderr);
        assert!(
            out.stderr
                .contains("it is a file of the roadmap being read"),
            "{}",
            out.stderr
        );
        assert_eq!(std::fs::read(dir.join("1-basics.toml")).unwrap(), before);
    }
    // Another file beside it is fine.
    let out = sandbox.run(cwd, "mini", &strings(&["export", "-o", "mini/diagram.dot"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// `-o` naming a directory: a message that says so (it used to say "Not a directory").
#[test]
fn an_output_naming_a_directory_is_refused_clearly() {
    let sandbox = Sandbox::new();
    let cwd = sandbox.path();
    std::fs::create_dir(cwd.join("dir")).unwrap();
    for output in ["dir", "dir/", "new-dir/"] {
        let out = mini_run(&sandbox, cwd, &["export", "-o", output]);
        assert_eq!(out.code, 2, "{output}");
        assert!(
            out.stderr.contains(&format!(
                "cannot write `{output}`: it is a directory: give a file name"
            )),
            "{}",
            out.stderr
        );
    }
    assert!(!cwd.join("new-dir").exists());
}

/// `init DIR` where one of its files would be a symbolic link to nothing: refused before
/// anything is written (it used to write the files before it, then fail). And DIR itself a
/// link to a directory not made yet: written through, the directory made.
#[cfg(unix)]
#[test]
fn init_writes_everything_or_nothing_and_writes_through_links() {
    let sandbox = Sandbox::new();
    let cwd = sandbox.path();
    std::fs::create_dir(cwd.join("mine")).unwrap();
    symlink(
        Path::new("/nonexistent/x.toml"),
        &cwd.join("mine/03-data-science.toml"),
    );
    let out = sandbox.run(cwd, "unused", &strings(&["init", "mine"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("refusing to overwrite mine/03-data-science.toml"),
        "{}",
        out.stderr
    );
    let left: Vec<_> = std::fs::read_dir(cwd.join("mine")).unwrap().collect();
    assert_eq!(left.len(), 1, "only the link: nothing was written");

    symlink(Path::new("made/here"), &cwd.join("link"));
    let out = sandbox.run(cwd, "unused", &strings(&["init", "--empty", "link"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(is_link(&cwd.join("link")));
    assert!(cwd.join("made/here/roadmap.toml").is_file());
}

// ---------------------------------------------------------------------------------------------
// The environment
// ---------------------------------------------------------------------------------------------

/// A variable set to nothing counts as unset (`ROADMAP_NO_CACHE=` used to exit 2, and an empty
/// `ROADMAP_PATH` or `ROADMAP_PROGRESS` broke every command).
#[test]
fn empty_environment_variables_count_as_unset() {
    let sandbox = Sandbox::new();
    let progress = sandbox.path().join("p.toml");
    for var in [
        "ROADMAP_PATH",
        "ROADMAP_PROGRESS",
        "ROADMAP_NO_CACHE",
        "ROADMAP_LANG",
        "ROADMAP_TODAY",
    ] {
        // Without --roadmap: the built-in roadmap, as when the variable is not set at all.
        let mut command = common::roadmap();
        command
            .args(["--progress"])
            .arg(&progress)
            .args(["plan", "ml-engineer"])
            .env_remove("ROADMAP_PATH")
            .env_remove("ROADMAP_PROGRESS")
            .env("XDG_CACHE_HOME", sandbox.path().join("cache"))
            .env("NO_COLOR", "1")
            .env(var, "");
        if var == "ROADMAP_PROGRESS" {
            // Here the variable is all there is: the option would win over it.
            command = common::roadmap();
            command
                .args(["plan", "ml-engineer"])
                .env("XDG_DATA_HOME", sandbox.path().join("data"))
                .env("XDG_CACHE_HOME", sandbox.path().join("cache"))
                .env_remove("ROADMAP_PATH")
                .env("NO_COLOR", "1")
                .env(var, "");
        }
        let out = command.output().expect("the binary runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{var}=: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.starts_with("Plan for Machine learning engineer (ml-engineer)"),
            "{var}=: {stdout}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Nothing raw on the terminal
// ---------------------------------------------------------------------------------------------

/// What a terminal acts on rather than shows (defined here on its own, not taken from the code
/// under test): C0 controls but line feed and tab, DEL, C1 controls, bidirectional formatting.
fn acts_on_a_terminal(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{8}'
            | '\u{b}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `text` without the colour sequences (`ESC [ digits;... m`) the tool itself writes.
fn without_colour(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let params = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[params..].starts_with('m') {
            rest = &after[params + 1..];
        } else {
            out.push('\u{1b}');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// The characters of `text` a terminal would act on, colour sequences aside.
fn raw_controls(text: &str) -> Vec<char> {
    without_colour(text)
        .chars()
        .filter(|&c| acts_on_a_terminal(c))
        .collect()
}

/// A roadmap whose file name, titles (escapes, a raw C1 control, bidirectional overrides, a
/// line break that would forge a row of `list`), summary and resource hold what a terminal acts
/// on; a progress file whose ids do too; arguments that do. Every command, in every colour
/// mode, writes none of it raw: not on stdout, not on stderr (the C1 controls from the roadmap's
/// source, OSC 52 in file names and progress files, and line breaks in titles all used to).
#[test]
fn nothing_from_outside_reaches_the_terminal_raw() {
    let sandbox = Sandbox::new();
    let cwd = sandbox.path();
    let name = "road\u{1b}]52;c;aGk=\u{7}map.toml";
    let roadmap = String::from(
        "[roadmap]\ntitle = \"Hostile\"\n\n[[stage]]\nid = \"s\"\ntitle = \"Stage \u{9b}2J \\u001b[31m\"\n\n\
         [[topic]]\nid = \"a\"\ntitle = \"A\\n  forged  Forged row  1 h\"\nstage = \"s\"\nhours = 1\n\
         summary = \"line\\rover \u{85}next \u{202e}txt.exe\"\ntags = [\"t\\u0007ag\"]\n\
         [[topic.resources]]\ntitle = \"\u{9b}0m res\"\nurl = \"https://example.org/\u{202e}\"\n\n\
         [[topic]]\nid = \"b\"\ntitle = \"B \u{202e}kcab\u{202c} \u{2066}iso\u{2069}\"\nstage = \"s\"\nhours = 2\nrequires = [\"a\"]\n",
    );
    std::fs::write(cwd.join(name), &roadmap).unwrap();
    // The same roadmap with an unknown reference written raw with a C1 control and an override,
    // so that `check` quotes the line.
    let invalid = roadmap.replace(
        "requires = [\"a\"]",
        "requires = [\"a\u{9b}\u{202e}\", \"\\u001b]0;x\\u0007\"]",
    );
    std::fs::write(cwd.join("invalid.toml"), invalid).unwrap();
    let progress = cwd.join("p\u{1b}[2Jrogress.toml");
    std::fs::write(
        &progress,
        "roadmap = \"Hostile\"\n[topics]\n\"\\u001b]52;c;eA==\\u0007x\" = { state = \"done\", date = 2026-01-01 }\n\
         \"\\u009b2J\\u202e\" = { state = \"skipped\", date = 2026-01-01 }\n",
    )
    .unwrap();
    let progress_arg = progress.to_str().unwrap().to_owned();
    let hostile_arg = "\u{1b}]0;owned\u{7}\u{9b}31m\u{202e}";
    let runs: Vec<(&str, Vec<&str>)> = vec![
        (name, vec!["list"]),
        (name, vec!["list", "--format", "json"]),
        (name, vec!["show", "a"]),
        (name, vec!["show", "b", "--format", "json"]),
        (name, vec!["plan", "b"]),
        (name, vec!["plan", "b", "--format", "markdown"]),
        (name, vec!["prereqs", "b"]),
        (name, vec!["unlocks", "a"]),
        (name, vec!["path", "a", "b"]),
        (name, vec!["next"]),
        (
            name,
            vec!["--progress", &progress_arg, "progress", "status"],
        ),
        (
            name,
            vec!["--progress", &progress_arg, "progress", "done", "b"],
        ),
        (name, vec!["--progress", &progress_arg, "progress", "path"]),
        (name, vec!["show", hostile_arg]),
        (name, vec!["plan", hostile_arg]),
        (name, vec!["list", "--stage", hostile_arg]),
        (name, vec!["plan", "b", "--hours-per-week", hostile_arg]),
        ("invalid.toml", vec!["check"]),
        ("invalid.toml", vec!["check", "--format", "json"]),
        ("invalid.toml", vec!["list"]),
        ("missing\u{1b}]52;c;eA==\u{7}.toml", vec!["list"]),
    ];
    let mut problems = Vec::new();
    for colour in ["never", "always"] {
        for (roadmap, args) in &runs {
            let mut args: Vec<String> = strings(args);
            args.push(format!("--color={colour}"));
            let out = sandbox.run(cwd, roadmap, &args);
            for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
                let raw = raw_controls(text);
                if !raw.is_empty() {
                    problems.push(format!(
                        "`roadmap --roadmap {roadmap:?} {args:?}` wrote {raw:?} raw on {stream}:\n{text}"
                    ));
                }
            }
            if out.stdout.contains("\n  forged") {
                problems.push(format!("{args:?}: a title forged a row:\n{}", out.stdout));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// On a terminal every output passes the guard, DOT and Mermaid included, in every colour mode:
/// run through `script`, which gives the binary a pseudo-terminal.
#[test]
fn output_on_a_terminal_passes_the_guard() {
    if common::missing(
        &["script", "--version"],
        "script (util-linux)",
        "output_on_a_terminal_passes_the_guard",
    ) {
        return;
    }
    let sandbox = Sandbox::new();
    let cwd = sandbox.path();
    std::fs::write(
        cwd.join("r.toml"),
        "[roadmap]\ntitle = \"T\"\n[[stage]]\nid = \"s\"\ntitle = \"S\"\n[[topic]]\nid = \"a\"\n\
         title = \"A \u{202e}kcab \u{9b}2J\"\nstage = \"s\"\nhours = 1\n",
    )
    .unwrap();
    for args in [
        "export",
        "export --format mermaid",
        "export --format json",
        "--color always list",
        "--color never show a",
        "show $(printf '\\033]52;c;eA==\\007')",
    ] {
        let out = std::process::Command::new("script")
            .current_dir(cwd)
            .args(["-qec"])
            .arg(format!(
                "NO_COLOR= TERM=xterm {} --roadmap r.toml {args}",
                env!("CARGO_BIN_EXE_roadmap")
            ))
            .arg("/dev/null")
            .env("XDG_CACHE_HOME", cwd.join("cache"))
            .env("XDG_DATA_HOME", cwd.join("data"))
            .stdin(Stdio::null())
            .output()
            .expect("script runs");
        // The pseudo-terminal turns each line feed into CR LF.
        let text = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
        let raw = raw_controls(&text);
        assert!(raw.is_empty(), "`{args}` wrote {raw:?} raw:\n{text}");
        assert!(
            text.contains("\\u{202e}") || text.contains("\\u202e") || text.contains("\\u{1b}"),
            "`{args}`: the escaped form is shown:\n{text}"
        );
    }
}

//! What must hold for any input, as the fuzz targets check it. The normal test suite includes this
//! file by path (tests/hardening.rs) to replay the inputs kept in tests/fuzz-regressions/, so a
//! bug the fuzzer found stays found without nightly Rust or cargo-fuzz. Every check panics with
//! the reason: to libFuzzer a panic is a crash, to `cargo test` a failure.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use clap::Parser as _;
use roadmap::Error;
use roadmap::diagnostic::{Located, Severity};
use roadmap::diagram;
use roadmap::model::{Requirement, Roadmap, TopicIx, TopicKind, round_hours};
use roadmap::plan::{self, Order, Plan};
use roadmap::progress::Progress;
use roadmap::query::{self, Direction, NodeKind, TreeOptions};
use roadmap::render::{dot, mermaid};
use roadmap::{load, validate};

/// A line on its own that splits the input into several files, so that one input can also be a
/// roadmap of several files (two `[roadmap]` tables, references across files, ...).
pub const FILE_BREAK: &[u8] = b"\n#---file---\n";

/// Splits an input into the files of a roadmap: `a.toml`, `b.toml`, ... (at most 4).
pub fn files(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut rest = data;
    while files.len() < 3 {
        match find(rest, FILE_BREAK) {
            Some(at) => {
                files.push(rest[..at].to_vec());
                rest = &rest[at + FILE_BREAK.len()..];
            }
            None => break,
        }
    }
    files.push(rest.to_vec());
    files
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| (format!("{}.toml", (b'a' + i as u8) as char), bytes))
        .collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The length in characters of each line of a file as the tool reads it: a leading byte-order
/// mark dropped when `drop_bom`, invalid UTF-8 decoded lossily, `\r\n` counted as `\n`.
fn line_lengths(bytes: &[u8], drop_bom: bool) -> Vec<usize> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) if drop_bom => rest,
        _ => bytes,
    };
    String::from_utf8_lossy(bytes)
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).chars().count())
        .collect()
}

/// Every finding names one of the files, and a line and column inside it: the line within the
/// file's line count, the column at most one past the end of that line.
fn check_positions(findings: &[Located], files: &[(String, Vec<u8>)], drop_bom: bool) {
    for f in findings {
        let (Some(name), Some(line), Some(column)) = (&f.file, f.line, f.column) else {
            panic!("finding without a position: {f:?}");
        };
        let (_, bytes) = files
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("finding in an unknown file: {f:?}"));
        let lines = line_lengths(bytes, drop_bom);
        assert!(
            (1..=lines.len()).contains(&line),
            "line {line} outside the file's {} lines: {f:?}",
            lines.len()
        );
        let width = lines[line - 1];
        assert!(
            (1..=width + 1).contains(&column),
            "column {column} outside line {line} of {width} characters: {f:?}"
        );
        // Every catalogue renders every finding (the words are chosen only when shown).
        for ui in roadmap::i18n::Ui::ALL {
            let loc = roadmap::i18n::Localizer::get(ui);
            assert!(
                !f.text(loc).is_empty() && !loc.text(&f.message).is_empty(),
                "{f:?}"
            );
        }
    }
}

/// Load, validate, and on a valid roadmap everything downstream.
pub fn roadmap(data: &[u8]) {
    let files = files(data);
    let (doc, findings) = load::parse(files.clone()).expect("small files always parse");
    let checked = validate::validate(doc, findings);
    check_positions(&checked.findings, &files, true);
    let errors = checked.count(Severity::Error);
    let _ = checked.summary();
    match checked.roadmap {
        None => assert!(errors > 0, "no roadmap, yet no error"),
        Some(roadmap) => {
            assert_eq!(errors, 0, "a roadmap built despite errors");
            valid_roadmap(&roadmap);
            commands(&roadmap, &files);
        }
    }
}

/// Goals worth planning: the roles, the first and the last topic (a few at most).
fn goals(roadmap: &Roadmap) -> Vec<TopicIx> {
    let n = roadmap.topics.len() as TopicIx;
    let mut goals: Vec<TopicIx> = (0..n)
        .filter(|&t| roadmap.topic(t).kind == TopicKind::Role)
        .take(2)
        .collect();
    for t in [n.saturating_sub(1), 0] {
        if t < n && !goals.contains(&t) {
            goals.push(t);
        }
    }
    goals
}

/// A language the roadmap has titles in, if any.
fn some_lang(roadmap: &Roadmap) -> Option<String> {
    roadmap
        .topics
        .iter()
        .flat_map(|t| t.i18n.keys())
        .chain(roadmap.stages.iter().flat_map(|s| s.i18n.keys()))
        .next()
        .cloned()
}

fn valid_roadmap(roadmap: &Roadmap) {
    let goals = goals(roadmap);
    if goals.is_empty() {
        return;
    }
    // Known: the first plain requirement of the first goal, to exercise known topics and choices.
    let first_req = roadmap
        .topic(goals[0])
        .requires
        .iter()
        .find_map(|r| match r {
            Requirement::Topic(t) => Some(*t),
            _ => None,
        });
    for (order, with_recommended, known) in [
        (Order::Stage, false, None),
        (Order::Depth, true, first_req),
        (Order::Stage, true, first_req),
    ] {
        let options = plan::Options {
            known: known.into_iter().collect(),
            prefer: goals.iter().rev().copied().collect(),
            with_recommended,
            order,
            ..plan::Options::default()
        };
        let p = plan::plan(roadmap, &goals, &options);
        check_plan(roadmap, &goals, &options, &p);
    }
    let lang = some_lang(roadmap);
    for &g in &goals {
        for direction in [Direction::Prereqs, Direction::Unlocks] {
            let nodes = query::tree(
                roadmap,
                g,
                TreeOptions {
                    direction,
                    depth: None,
                    dedupe: true,
                    with_recommended: true,
                },
            );
            assert_eq!(nodes[0].kind, NodeKind::Topic(g));
            for w in nodes.windows(2) {
                assert!(
                    w[1].depth >= 1 && w[1].depth <= w[0].depth + 1,
                    "tree jumps"
                );
            }
            let closure = query::closure(roadmap, g, direction, false);
            let set: BTreeSet<TopicIx> = closure.iter().copied().collect();
            assert_eq!(set.len(), closure.len(), "closure repeats a topic");
            let reachable = query::reachable(roadmap, g, direction, false);
            assert_eq!(set, reachable.into_iter().collect::<BTreeSet<_>>());
            assert!(!set.contains(&g), "a topic in its own closure");
        }
    }
    let with_goals = diagram::Options {
        goals: goals.clone(),
        known: first_req.into_iter().collect(),
        reduce: true,
        ..diagram::Options::default()
    };
    for (options, clusters) in [(diagram::Options::default(), true), (with_goals, false)] {
        let d = diagram::build(roadmap, &options);
        for left_to_right in [false, true] {
            let style = dot::Style {
                clusters,
                left_to_right,
                legend: true,
                ui: roadmap::i18n::Ui::En,
            };
            let graph = dot::graph(roadmap, &d, style, &roadmap.meta.title, lang.as_deref());
            let text = dot::print(&graph);
            if let Err(e) = graphviz_rust::parse(&text) {
                panic!("exported DOT does not parse back: {e}\n{text}");
            }
            let loc = roadmap::i18n::Localizer::get(roadmap::i18n::Ui::En);
            let flowchart =
                mermaid::write(roadmap, &d, clusters, left_to_right, loc, lang.as_deref());
            check_mermaid(&flowchart);
        }
    }
}

/// Every node line of a flowchart is an id and one quoted label with no quote inside: nothing
/// from the roadmap can end a label early.
fn check_mermaid(text: &str) {
    for line in text.lines().skip(1) {
        let quotes = line.matches('"').count();
        assert!(quotes == 0 || quotes == 2, "label broken open: {line:?}");
        assert!(!line.contains('\r'), "raw line break: {line:?}");
    }
}

/// What every plan must satisfy, whatever the roadmap.
pub fn check_plan(roadmap: &Roadmap, goals: &[TopicIx], options: &plan::Options, p: &Plan) {
    let mut position = std::collections::HashMap::new();
    for (i, s) in p.steps.iter().enumerate() {
        assert!(position.insert(s.topic, i).is_none(), "{} twice", s.topic);
        assert!(
            !options.known.contains(&s.topic),
            "known topic {} planned",
            s.topic
        );
    }
    let mut have = options.known.clone();
    let mut sum = 0.0;
    let mut previous_total = 0.0;
    for (i, s) in p.steps.iter().enumerate() {
        for r in &s.requires {
            assert!(
                position.get(r).is_some_and(|&j| j < i),
                "{} before its requirement",
                s.topic
            );
        }
        assert!(
            query::is_ready(roadmap, s.topic, &have),
            "{} not ready in turn",
            s.topic
        );
        have.insert(s.topic);
        assert_eq!(s.hours, roadmap.topic(s.topic).hours.unwrap_or(0.0));
        assert!(s.running_total >= previous_total, "running total went down");
        previous_total = s.running_total;
        sum += s.hours;
    }
    let close = |a: f64, b: f64| a == b || (a - b).abs() <= 1e-3 + 1e-9 * a.abs().max(b.abs());
    assert!(
        close(p.total_hours, round_hours(sum)),
        "total {} vs {sum}",
        p.total_hours
    );
    for &g in goals {
        assert!(
            options.known.contains(&g) == p.known_goals.contains(&g),
            "goal {g} known or not"
        );
        assert!(
            options.known.contains(&g) || position.contains_key(&g),
            "goal {g} left out"
        );
    }
    // The critical path: a chain of dependencies, no longer than the whole plan.
    assert!(
        p.critical_hours <= p.total_hours + 1e-3 + 1e-9 * p.total_hours.abs(),
        "critical {} > total {}",
        p.critical_hours,
        p.total_hours
    );
    assert_eq!(p.critical_path.is_empty(), p.steps.is_empty());
    for w in p.critical_path.windows(2) {
        let later = &p.steps[position[&w[1]]];
        assert!(
            later.requires.contains(&w[0]),
            "critical path {:?} is no chain",
            p.critical_path
        );
    }
    let on_path: f64 = p
        .critical_path
        .iter()
        .map(|&t| p.steps[position[&t]].hours)
        .sum();
    assert!(
        close(p.critical_hours, round_hours(on_path)),
        "critical hours vs its path"
    );
    let heaviest = p.steps.iter().map(|s| s.hours).fold(0.0, f64::max);
    assert!(
        p.critical_hours + 1e-3 >= round_hours(heaviest),
        "critical path lighter than a step"
    );
    // Every one_of of every step is decided once, for an alternative of that entry that is in
    // the plan or known.
    let mut decided = HashSet::new();
    for c in &p.choices {
        assert!(decided.insert((c.topic, c.entry)), "one_of decided twice");
        let entry = roadmap.topic(c.topic).requires.get(c.entry);
        let Some(group @ Requirement::OneOf(..)) = entry else {
            panic!("a choice for an entry that is no one_of");
        };
        let alternatives = group.topics();
        assert_eq!(c.one_of, alternatives);
        assert!(alternatives.contains(&c.chosen));
        assert!(
            position.contains_key(&c.chosen) || options.known.contains(&c.chosen),
            "chosen {} neither planned nor known",
            c.chosen
        );
    }
    for s in &p.steps {
        for (entry, r) in roadmap.topic(s.topic).requires.iter().enumerate() {
            if matches!(r, Requirement::OneOf(..)) {
                assert!(decided.contains(&(s.topic, entry)), "one_of left undecided");
            }
        }
    }
    let (weeks, total) = plan::schedule(&p.steps, 7.5);
    assert_eq!(weeks.len(), p.steps.len());
    for &(start, end) in &weeks {
        assert!(1 <= start && start <= end && (end <= total || total == 0));
    }
}

/// Runs the commands themselves, in process, on the roadmap written to files: every answer must
/// succeed, JSON must parse, DOT must parse, and nothing may go to stderr.
fn commands(roadmap: &Roadmap, files: &[(String, Vec<u8>)]) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path().join("roadmap");
    std::fs::create_dir(&root).expect("a roadmap directory");
    for (name, bytes) in files {
        std::fs::write(root.join(name), bytes).expect("write a roadmap file");
    }
    let progress = dir.path().join("progress.toml");
    let n = roadmap.topics.len();
    if n == 0 {
        return;
    }
    let first = roadmap.topics[0].id.as_str();
    let last = roadmap.topics[n - 1].id.as_str();
    let goal = goals(roadmap)[0];
    let goal = roadmap.topic(goal).id.as_str();
    // Given as `--lang=CODE`: a roadmap's language key may start with `-` (`i18n.-1zh`), which
    // the command line would otherwise take for an option.
    let lang = format!("--lang={}", some_lang(roadmap).unwrap_or_default());
    let page = dir.path().join("page.html");
    let page = page.to_str().expect("a UTF-8 temporary path");
    let runs: &[&[&str]] = &[
        &["check"],
        &["check", "--format", "json"],
        &["list"],
        &[&lang, "list", "--format", "json"],
        &["show", first],
        &["show", last, "--format", "json"],
        &[
            "plan",
            goal,
            "--hours-per-week",
            "7.5",
            "--start",
            "2027-01-04",
        ],
        &[
            "plan",
            goal,
            "--format",
            "json",
            "--order",
            "depth",
            "--with-recommended",
        ],
        &[
            &lang, "plan", goal, "--format", "markdown", "--known", first,
        ],
        &["prereqs", goal],
        &["prereqs", goal, "--format", "json", "--with-recommended"],
        &["prereqs", goal, "--flat"],
        &["unlocks", first, "--depth", "2"],
        &["unlocks", first, "--format", "json"],
        &["next", goal, "--format", "json"],
        &["next"],
        &["export"],
        &["export", goal, "--reduce", "--legend", "--cluster", "none"],
        &[&lang, "export", "--format", "mermaid"],
        &["export", "--format", "json", goal, "--known", first],
        &["progress", "status"],
        &["html", goal, "-o", page],
    ];
    for args in runs {
        let (code, out, err) = run(&root, &progress, args);
        let out_text = String::from_utf8(out).expect("output is UTF-8");
        let err_text = String::from_utf8_lossy(&err);
        assert_eq!(code, 0, "{args:?} failed:\n{err_text}");
        assert!(err.is_empty(), "{args:?} wrote to stderr:\n{err_text}");
        if args.contains(&"json") {
            if let Err(e) = serde_json::from_str::<serde_json::Value>(&out_text) {
                panic!("{args:?} wrote invalid JSON ({e}):\n{out_text}");
            }
        } else if (args.ends_with(&["export"]) || args.contains(&"--legend"))
            && let Err(e) = graphviz_rust::parse(&out_text)
        {
            panic!("{args:?} wrote DOT that does not parse ({e}):\n{out_text}");
        }
    }
    // A chain may or may not exist; either answer is fine, but only those two.
    for args in [
        &["path", first, last][..],
        &["path", last, first, "--all", "--format", "json"],
    ] {
        let (code, _, err) = run(&root, &progress, args);
        assert!(code <= 1, "{args:?}: {}", String::from_utf8_lossy(&err));
    }
    assert!(
        !progress.exists(),
        "a read-only command wrote the progress file"
    );
}

fn run(root: &Path, progress: &Path, args: &[&str]) -> (u8, Vec<u8>, Vec<u8>) {
    let mut argv: Vec<std::ffi::OsString> = vec!["roadmap".into(), "--no-cache".into()];
    argv.extend([
        "--color".into(),
        "never".into(),
        "--roadmap".into(),
        root.into(),
    ]);
    argv.extend(["--progress".into(), progress.into()]);
    argv.extend(args.iter().map(Into::into));
    let cli = roadmap::cli::Cli::try_parse_from(&argv)
        .unwrap_or_else(|e| panic!("{args:?} does not parse: {e}"));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = roadmap::commands::run(&cli, &mut out, &mut err);
    (code, out, err)
}

/// A temporary directory per thread, so that no input pays for creating one; removed when the
/// thread ends (the tests' threads do; the fuzzer's main thread leaves one empty directory).
fn with_scratch_dir<T>(f: impl FnOnce(&Path) -> T) -> T {
    thread_local! {
        static DIR: tempfile::TempDir = tempfile::tempdir().expect("a temporary directory");
    }
    DIR.with(|dir| f(dir.path()))
}

/// Removes a file when dropped, also when a check panics.
struct RemoveOnDrop<'a>(&'a Path);

impl Drop for RemoveOnDrop<'_> {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(self.0);
    }
}

/// The roadmap title a progress file claims (`roadmap = "..."`), read with the `toml` crate
/// independently of the tool, so reading gets past the "another roadmap" check.
fn claimed_title(data: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(data).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let table: toml::Table = toml::from_str(text).ok()?;
    table.get("roadmap")?.as_str().map(str::to_owned)
}

/// A progress file: reading never changes it, refuses what it does not understand with located
/// findings, and what it accepts writes back as text that reads back to the same value (and
/// writes back as the same text).
pub fn progress(data: &[u8]) {
    let path = with_scratch_dir(|dir| dir.join("progress.toml"));
    let _remove = RemoveOnDrop(&path);
    std::fs::write(&path, data).expect("write the progress file");
    let title = claimed_title(data).unwrap_or_else(|| "R".to_owned());
    let result = Progress::read(&path, &title);
    assert_eq!(
        std::fs::read(&path).expect("read back"),
        data,
        "reading changed the file"
    );
    match result {
        Ok(p) => {
            assert_eq!(p.roadmap, title);
            let text = p.to_toml();
            std::fs::write(&path, &text).expect("write the progress file");
            let back = Progress::read(&path, &p.roadmap)
                .unwrap_or_else(|e| panic!("written progress does not read back: {e:?}\n{text}"));
            assert_eq!(back, p, "progress changed through its own text:\n{text}");
            assert_eq!(back.to_toml(), text, "writing is not stable");
        }
        Err(Error::BadProgress(invalid)) => {
            assert!(!invalid.findings.is_empty(), "refused without a reason");
            let name = path.display().to_string();
            // The tool drops a byte-order mark only from a file that is UTF-8 throughout.
            let drop_bom = std::str::from_utf8(data).is_ok();
            check_positions(&invalid.findings, &[(name, data.to_vec())], drop_bom);
        }
        Err(e) => panic!("unexpected error reading progress: {e:?}"),
    }
}

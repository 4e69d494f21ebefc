//! Property tests (proptest) for robustness, beyond the plan model of tests/properties.rs:
//!
//! 1. Loading never panics on mutated valid files (byte flips, truncations, deletions,
//!    insertions of quotes, brackets, line ends, BOMs and NULs), and every finding of the result
//!    has a position inside its file; whatever is still valid goes through plans, trees and
//!    exports. (The same checks the fuzz target runs: `fuzz/src/checks.rs`.)
//! 2. CRLF line ends give the same findings at the same lines and columns as LF.
//! 3. Random valid roadmaps whose titles, summaries and URLs hold quotes, backslashes, line
//!    breaks, `<>{}|&`, right-to-left marks, emoji and control characters: DOT parses back with
//!    every label reading exactly as the title, Mermaid labels cannot be broken out of, and JSON
//!    gives the titles back byte for byte.
//! 4. Plans over arbitrary (fractional, huge) hours: totals add up and stay finite, the critical
//!    path is a chain no longer than the plan, every choice is in the plan or known, and the
//!    order only orders (the same topics, choices and hours either way).
//!
//! A failing case prints the roadmap as TOML.

use std::collections::BTreeSet;

use clap::Parser as _;
use graphviz_rust::dot_structures::{Attribute, Graph, Id, Node, NodeId, Stmt};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, FileFailurePersistence};

use roadmap::diagnostic::Severity;
use roadmap::diagram;
use roadmap::model::{Roadmap, TopicIx, TopicKind, format_hours};
use roadmap::plan::{self, Order};
use roadmap::render::{dot, mermaid};
use roadmap::{load, validate};

#[allow(dead_code)] // The checks serve the fuzz targets too; this file uses some of them.
#[path = "../fuzz/src/checks.rs"]
mod checks;

fn config(cases: u32) -> Config {
    Config {
        cases,
        // Shrinking a mutated file can take long; the first failure is shown as TOML anyway.
        max_shrink_iters: 200,
        // A failure's seed is kept in tests/robustness.proptest-regressions (committed), and
        // every run tries the kept seeds first, so a failure found once is never lost.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Mutated valid files
// ---------------------------------------------------------------------------------------------

/// Valid roadmap texts to mutate: the small test roadmaps and one generated with hostile text.
fn bases() -> Vec<Vec<u8>> {
    let mut bases: Vec<Vec<u8>> = [
        "tests/fixtures/mini/1-basics.toml",
        "tests/fixtures/mini/2-ml.toml",
        "tests/fixtures/hostile/roadmap.toml",
        "tests/corpus/hostile-valid/roadmap.toml",
        "tests/corpus/crlf-valid/roadmap.toml",
    ]
    .iter()
    .map(|p| std::fs::read(p).expect("a base roadmap"))
    .collect();
    // Both mini files as one input of two files, as the fuzz target splits them.
    let mut two = bases[0].clone();
    two.extend_from_slice(checks::FILE_BREAK);
    two.extend_from_slice(&bases[1]);
    bases.push(two);
    bases
}

const TOKENS: &[&[u8]] = &[
    b"\"",
    b"'",
    b"\"\"\"",
    b"'''",
    b"[",
    b"]",
    b"[[",
    b"]]",
    b"{",
    b"}",
    b"\n",
    b"\r\n",
    b"\r",
    b"\xEF\xBB\xBF",
    b"\0",
    b"\\",
    b"=",
    b",",
    b"#",
    b".",
    b"\xFF",
    b"\xE2\x80\xAE",
    b"\xF0\x9F",
    b"-1",
    b"inf",
    b"nan",
    b"1e999",
    b"\t",
];

#[derive(Clone, Debug)]
enum Mutation {
    Flip(Index, u8),
    Truncate(Index),
    Delete(Index, usize),
    Insert(Index, usize),
    Duplicate(Index, Index),
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    let one = prop_oneof![
        (any::<Index>(), 1u8..=255).prop_map(|(i, x)| Mutation::Flip(i, x)),
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), 1usize..40).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<Index>(), 0..TOKENS.len()).prop_map(|(i, t)| Mutation::Insert(i, t)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Duplicate(a, b)),
    ];
    prop::collection::vec(one, 1..6)
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let at = |i: &Index, bytes: &Vec<u8>| i.index(bytes.len() + 1);
        match m {
            Mutation::Flip(i, x) if !bytes.is_empty() => {
                let i = i.index(bytes.len());
                bytes[i] ^= x;
            }
            Mutation::Truncate(i) => {
                let i = at(i, &bytes);
                bytes.truncate(i);
            }
            Mutation::Delete(i, n) => {
                let i = at(i, &bytes);
                let end = (i + n).min(bytes.len());
                bytes.drain(i..end);
            }
            Mutation::Insert(i, t) => {
                let i = at(i, &bytes);
                bytes.splice(i..i, TOKENS[*t].iter().copied());
            }
            Mutation::Duplicate(a, b) => {
                let (a, b) = (at(a, &bytes), at(b, &bytes));
                let (from, to) = (a.min(b), a.max(b).min(a.min(b) + 200));
                let copy = bytes[from..to].to_vec();
                bytes.splice(to..to, copy);
            }
            Mutation::Flip(..) => {}
        }
    }
    bytes
}

/// Where a finding is: its kind, file, line and column.
type Place = (String, Option<String>, Option<usize>, Option<usize>);

/// The place of every finding.
fn positions(files: Vec<(String, Vec<u8>)>) -> Vec<Place> {
    let (doc, findings) = load::parse(files).expect("small files parse");
    let checked = validate::validate(doc, findings);
    checked
        .findings
        .iter()
        .map(|f| (f.kind.as_str().to_owned(), f.file.clone(), f.line, f.column))
        .collect()
}

proptest! {
    #![proptest_config(config(160))]

    /// 1. No panic on a mutated valid file; every finding inside its file (line within the
    /// file's lines, column within the line plus one); what stays valid exports and plans.
    #[test]
    fn mutated_files_never_panic_and_findings_point_inside(
        base in any::<Index>(),
        mutations in mutations(),
    ) {
        let bases = bases();
        let bytes = mutate(bases[base.index(bases.len())].clone(), &mutations);
        checks::roadmap(&bytes);
    }

    /// 2. The same file with CRLF line ends: the same findings, at the same lines and columns.
    #[test]
    fn crlf_gives_the_positions_of_lf(
        base in any::<Index>(),
        mutations in mutations(),
    ) {
        let bases = bases();
        let lf = mutate(bases[base.index(bases.len())].clone(), &mutations);
        // Only texts whose every line end is a plain LF have a CRLF twin.
        prop_assume!(!lf.contains(&b'\r'));
        let files = checks::files(&lf);
        let crlf = files
            .iter()
            .map(|(name, bytes)| {
                let bytes = bytes
                    .iter()
                    .flat_map(|&b| if b == b'\n' { vec![b'\r', b'\n'] } else { vec![b] })
                    .collect();
                (name.clone(), bytes)
            })
            .collect();
        prop_assert_eq!(positions(files), positions(crlf));
    }
}

// ---------------------------------------------------------------------------------------------
// Random valid roadmaps with hostile text
// ---------------------------------------------------------------------------------------------

/// Text built from pieces that mean something somewhere: quotes, backslashes, line breaks,
/// markup, DOT and Mermaid syntax, bidirectional controls, emoji, control characters, and any
/// character at all.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9 ]{1,6}",
        1 => Just("\"".to_owned()),
        1 => Just("\\".to_owned()),
        1 => Just("\\n".to_owned()),
        1 => Just("\n".to_owned()),
        1 => Just("\r\n".to_owned()),
        1 => Just("\r".to_owned()),
        1 => Just("\t".to_owned()),
        1 => Just("<b>&amp;</b>".to_owned()),
        1 => Just("{x|y}".to_owned()),
        1 => Just("\"] --> evil[\"".to_owned()),
        1 => Just("#35;%%`*_~:;".to_owned()),
        1 => Just("&".to_owned()),
        1 => Just("\u{202E}".to_owned()),
        1 => Just("\u{200F}".to_owned()),
        1 => Just("\u{200B}".to_owned()),
        1 => Just("😀🚀".to_owned()),
        1 => Just("线性代数".to_owned()),
        1 => Just("e\u{301}".to_owned()),
        1 => Just("\0".to_owned()),
        1 => Just("\u{1b}[31m".to_owned()),
        1 => Just("\u{85}".to_owned()),
        2 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|p| p.concat())
}

/// A valid id: a letter or digit, then letters, digits and `-_.+`; made unique by the caller.
fn id() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9][a-zA-Z0-9._+-]{0,5}"
}

/// Hours of every size: none, small fractions, whole, huge (sums near the largest float).
fn hours() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        1 => Just(None),
        4 => (0u32..400).prop_map(|q| Some(f64::from(q) / 8.0)),
        2 => (0.0f64..1e4).prop_map(Some),
        1 => prop_oneof![Just(0.001), Just(1e-9), Just(1e15), Just(1e306), Just(f64::MAX / 64.0)]
            .prop_map(Some),
    ]
}

#[derive(Clone, Debug)]
struct HostileTopic {
    id: String,
    title: String,
    stage: usize,
    role: bool,
    hours: Option<f64>,
    summary: Option<String>,
    url: Option<String>,
    translated: Option<String>,
    /// Plain requirements and `one_of`s, by index of earlier topics.
    requires: Vec<Vec<usize>>,
    recommends: Vec<usize>,
}

#[derive(Clone)]
struct HostileRoadmap {
    title: String,
    stages: Vec<(String, String)>,
    topics: Vec<HostileTopic>,
}

/// A TOML string holding exactly `text`, as the `toml` crate writes one.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

impl HostileRoadmap {
    fn toml(&self) -> String {
        let mut s = format!("[roadmap]\ntitle = {}\n", toml_string(&self.title));
        for (id, title) in &self.stages {
            s.push_str(&format!(
                "\n[[stage]]\nid = \"{id}\"\ntitle = {}\n",
                toml_string(title)
            ));
        }
        for t in &self.topics {
            s.push_str(&format!(
                "\n[[topic]]\nid = \"{}\"\ntitle = {}\nstage = \"{}\"\n",
                t.id,
                toml_string(&t.title),
                self.stages[t.stage].0
            ));
            if t.role {
                s.push_str("kind = \"role\"\n");
            }
            if let Some(h) = t.hours {
                s.push_str(&format!("hours = {h:?}\n"));
            }
            if let Some(summary) = &t.summary {
                s.push_str(&format!("summary = {}\n", toml_string(summary)));
            }
            let name = |i: &usize| format!("\"{}\"", self.topics[*i].id);
            let entries: Vec<String> = t
                .requires
                .iter()
                .map(|alts| match alts.as_slice() {
                    [one] => name(one),
                    many => format!(
                        "{{ one_of = [{}] }}",
                        many.iter().map(name).collect::<Vec<_>>().join(", ")
                    ),
                })
                .collect();
            s.push_str(&format!("requires = [{}]\n", entries.join(", ")));
            let recommends: Vec<String> = t.recommends.iter().map(name).collect();
            s.push_str(&format!("recommends = [{}]\n", recommends.join(", ")));
            if let Some(title) = &t.translated {
                s.push_str(&format!("i18n.zh.title = {}\n", toml_string(title)));
            }
            if let Some(url) = &t.url {
                s.push_str(&format!(
                    "[[topic.resources]]\ntitle = {}\nurl = {}\n",
                    toml_string(&t.title),
                    toml_string(url)
                ));
            }
        }
        s
    }
}

impl std::fmt::Debug for HostileRoadmap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\n{}", self.toml())
    }
}

fn hostile_roadmaps() -> impl Strategy<Value = HostileRoadmap> {
    let stages = prop::collection::vec((id(), hostile_text()), 1..4);
    let topics = prop::collection::vec(
        (
            (
                id(),
                hostile_text(),
                any::<Index>(),
                prop::bool::weighted(0.15),
            ),
            (
                hours(),
                prop::option::of(hostile_text()),
                prop::option::of(prop_oneof![
                    Just("https://example.org/a\"b<c>".to_owned()),
                    "(https?|javascript|file)://[ -~]{0,12}",
                ]),
                prop::option::of(hostile_text()),
            ),
            prop::collection::vec(prop::collection::vec(any::<Index>(), 1..4), 0..4),
            prop::collection::vec(any::<Index>(), 0..3),
        ),
        1..25,
    );
    (hostile_text(), stages, topics).prop_map(|(title, stages, topics)| {
        let stages: Vec<(String, String)> = stages
            .into_iter()
            .enumerate()
            .map(|(i, (id, title))| (format!("{id}-{i}"), title))
            .collect();
        let n = stages.len();
        let topics = topics
            .into_iter()
            .enumerate()
            .map(
                |(
                    i,
                    (
                        (id, title, stage, role),
                        (hours, summary, url, translated),
                        requires,
                        recommends,
                    ),
                )| {
                    // Topic i names only topics before it: acyclic whatever the edge kinds.
                    let requires: Vec<Vec<usize>> = if i == 0 {
                        Vec::new()
                    } else {
                        requires
                            .iter()
                            .map(|alts| {
                                let mut alts: Vec<usize> =
                                    alts.iter().map(|a| a.index(i)).collect();
                                alts.dedup();
                                alts
                            })
                            .collect()
                    };
                    let recommends = if i == 0 {
                        Vec::new()
                    } else {
                        recommends.iter().map(|r| r.index(i)).collect()
                    };
                    HostileTopic {
                        id: format!("{id}.{i}"),
                        title,
                        stage: stage.index(n),
                        role,
                        hours,
                        summary,
                        url,
                        translated,
                        requires,
                        recommends,
                    }
                },
            )
            .collect();
        HostileRoadmap {
            title,
            stages,
            topics,
        }
    })
}

fn build(spec: &HostileRoadmap) -> Roadmap {
    let files = vec![("hostile.toml".to_owned(), spec.toml().into_bytes())];
    let (doc, findings) = load::parse(files).expect("parse");
    let checked = validate::validate(doc, findings);
    let errors: Vec<_> = checked
        .findings
        .iter()
        .filter(|f| f.severity() == Severity::Error)
        .map(|f| &f.message)
        .collect();
    assert!(
        errors.is_empty(),
        "a generated roadmap is invalid: {errors:?}"
    );
    checked.roadmap.expect("no errors, so a roadmap")
}

/// What a DOT label shows of `text`: line breaks as `\n`, other control characters dropped.
fn as_dot_shows(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c == '\n' || !c.is_control())
        .collect()
}

/// What a Mermaid label shows of `text`: line breaks and tabs as spaces, other control
/// characters dropped.
fn as_mermaid_shows(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// The text Graphviz reads from a quoted DOT string: `\\`, `\"` and `\n` are the only escapes
/// it may hold (any other would be a Graphviz escape such as `\N`, `\l`, `\G` slipping in), and
/// `&amp;` the only entity (any other `&` could start one).
fn read_dot_string(id: &Id) -> Result<String, String> {
    let Id::Escaped(quoted) = id else {
        return Err(format!("not a quoted string: {id:?}"));
    };
    let inner = &quoted[1..quoted.len() - 1];
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\\') => out.push('\\'),
                Some('"') => out.push('"'),
                Some('n') => out.push('\n'),
                other => return Err(format!("a stray escape \\{other:?} in {quoted}")),
            },
            c => out.push(c),
        }
    }
    let without = out.replace("&amp;", "");
    if without.contains('&') {
        return Err(format!("a raw `&` in {quoted}"));
    }
    Ok(out.replace("&amp;", "&"))
}

/// Every node statement of a parsed graph, with its attributes, in subgraphs too.
fn nodes(graph: &Graph) -> Vec<(NodeId, Vec<Attribute>)> {
    fn walk(stmts: &[Stmt], out: &mut Vec<(NodeId, Vec<Attribute>)>) {
        for s in stmts {
            match s {
                Stmt::Node(Node { id, attributes }) => out.push((id.clone(), attributes.clone())),
                Stmt::Subgraph(g) => walk(&g.stmts, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    match graph {
        Graph::DiGraph { stmts, .. } | Graph::Graph { stmts, .. } => walk(stmts, &mut out),
    }
    out
}

fn size(roadmap: &Roadmap, t: TopicIx) -> String {
    let topic = roadmap.topic(t);
    match (topic.kind, topic.hours) {
        (TopicKind::Role, _) => "role".to_owned(),
        (_, Some(h)) => format!("{} h", format_hours(h)),
        (_, None) => "? h".to_owned(),
    }
}

/// Decodes Mermaid's `#NN;` entity codes.
fn read_mermaid(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after
            .find(';')
            .and_then(|j| Some((j, after[..j].parse::<u32>().ok()?)))
        {
            Some((j, code)) => {
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                rest = &after[j + 1..];
            }
            None => {
                out.push('#');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

proptest! {
    #![proptest_config(config(64))]

    /// 3a. DOT of the whole roadmap and of a plan parses back, and each topic's label reads as
    /// exactly its title (then its size), whatever the title holds.
    #[test]
    fn dot_labels_read_back_as_the_titles(
        spec in hostile_roadmaps(),
        goal in any::<Index>(),
        clusters in any::<bool>(),
        legend in any::<bool>(),
        translated in any::<bool>(),
    ) {
        let roadmap = build(&spec);
        let lang = translated.then_some("zh");
        let goal = goal.index(roadmap.topics.len()) as TopicIx;
        for options in [
            diagram::Options::default(),
            diagram::Options { goals: vec![goal], reduce: true, ..diagram::Options::default() },
        ] {
            let d = diagram::build(&roadmap, &options);
            let style = dot::Style {
                clusters,
                left_to_right: !clusters,
                legend,
                ui: roadmap::i18n::Ui::En,
            };
            let text = dot::print(&dot::graph(&roadmap, &d, style, &roadmap.meta.title, lang));
            let graph = graphviz_rust::parse(&text)
                .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            let by_id: Vec<(String, Vec<Attribute>)> = nodes(&graph)
                .into_iter()
                .map(|(NodeId(id, _), attrs)| Ok((read_dot_string(&id)?, attrs)))
                .collect::<Result<_, String>>()
                .map_err(TestCaseError::fail)?;
            let shown: BTreeSet<TopicIx> = d.nodes.iter().filter_map(|n| match n.kind {
                diagram::NodeKind::Topic(t) => Some(t),
                diagram::NodeKind::Junction(_) | diagram::NodeKind::Stub(_) => None,
            }).collect();
            for &t in &shown {
                let topic = roadmap.topic(t);
                let (_, attrs) = by_id
                    .iter()
                    .find(|(id, _)| *id == topic.id)
                    .ok_or_else(|| TestCaseError::fail(format!("no node {}\n{text}", topic.id)))?;
                let label = attrs
                    .iter()
                    .find(|Attribute(k, _)| *k == Id::Plain("label".into()))
                    .ok_or_else(|| TestCaseError::fail("a node without a label"))?;
                let read = read_dot_string(&label.1).map_err(TestCaseError::fail)?;
                // Titles are wrapped at spaces, each of their own lines kept.
                let title = dot::wrap(&as_dot_shows(topic.title_in(lang)), dot::WRAP).join("\n");
                let expected = format!("{title}\n{}", size(&roadmap, t));
                prop_assert_eq!(read, expected);
                for Attribute(_, value) in attrs {
                    read_dot_string(value).map_err(TestCaseError::fail)?;
                }
            }
        }
    }

    /// 3b. Mermaid: every topic's label is one quoted string with no quote inside, reading as
    /// the title (line breaks as spaces); node lines hold nothing else.
    #[test]
    fn mermaid_labels_read_back_as_the_titles(
        spec in hostile_roadmaps(),
        clusters in any::<bool>(),
    ) {
        let roadmap = build(&spec);
        let d = diagram::build(&roadmap, &diagram::Options::default());
        let loc = roadmap::i18n::Localizer::get(roadmap::i18n::Ui::En);
        let text = mermaid::write(&roadmap, &d, clusters, false, loc, None);
        for t in 0..roadmap.topics.len() as TopicIx {
            let name = format!("n{t}");
            let line = text
                .lines()
                .map(str::trim)
                .find(|l| l.starts_with(&format!("{name}(")) || l.starts_with(&format!("{name}{{")))
                .ok_or_else(|| TestCaseError::fail(format!("no node {name}\n{text}")))?;
            let (open, close) = if roadmap.topic(t).kind == TopicKind::Role {
                ("{{\"", "\"}}")
            } else {
                ("(\"", "\")")
            };
            let label = line
                .strip_prefix(&name)
                .and_then(|l| l.strip_prefix(open))
                .and_then(|l| l.strip_suffix(close))
                .ok_or_else(|| TestCaseError::fail(format!("odd node line {line:?}")))?;
            prop_assert!(!label.contains('"'), "a quote inside {line:?}");
            let expected = format!(
                "{}<br/>{}",
                as_mermaid_shows(&roadmap.topic(t).title),
                size(&roadmap, t)
            );
            prop_assert_eq!(read_mermaid(label), expected);
        }
        for line in text.lines() {
            prop_assert_eq!(line.matches('"').count() % 2, 0, "unbalanced quotes in {:?}", line);
        }
    }

    /// 3c. JSON (`list --format json`, in process) gives every title back byte for byte, but for
    /// the control characters a terminal would act on, which read as U+FFFD.
    #[test]
    fn json_gives_the_titles_back(spec in hostile_roadmaps()) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("hostile.toml");
        std::fs::write(&path, spec.toml()).expect("write");
        let cli = roadmap::cli::Cli::try_parse_from([
            "roadmap".as_ref(),
            "--no-cache".as_ref(),
            "--roadmap".as_ref(),
            path.as_os_str(),
            "list".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
        ])
        .expect("arguments");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = roadmap::commands::run(&cli, &mut out, &mut err);
        prop_assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
        let json: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
        let titles: BTreeSet<(String, String)> = json
            .as_array()
            .expect("an array")
            .iter()
            .map(|t| (t["id"].as_str().unwrap().to_owned(), t["title"].as_str().unwrap().to_owned()))
            .collect();
        // Control characters a terminal would act on are replaced when a roadmap is read.
        let expected: BTreeSet<(String, String)> = spec
            .topics
            .iter()
            .map(|t| (t.id.clone(), roadmap::source::printable(&t.title).into_owned()))
            .collect();
        prop_assert_eq!(titles, expected);
    }

    /// 4. Plans over any hours: see `checks::check_plan` (steps after their dependencies and
    /// ready in turn, totals equal to the sum of the steps and finite when it is, the critical
    /// path a chain of dependencies no heavier than the plan nor lighter than any step, each
    /// choice once, of its own entry, in the plan or known); and both orders plan the same
    /// topics with the same choices and hours.
    #[test]
    fn plans_hold_their_invariants_over_any_hours(
        spec in hostile_roadmaps(),
        goals in prop::collection::vec(any::<Index>(), 1..4),
        known in prop::collection::vec(any::<Index>(), 0..6),
        prefer in prop::collection::vec(any::<Index>(), 0..3),
        with_recommended in any::<bool>(),
    ) {
        let roadmap = build(&spec);
        let n = roadmap.topics.len();
        let pick = |picks: &[Index]| -> Vec<TopicIx> {
            let mut v: Vec<TopicIx> = picks.iter().map(|i| i.index(n) as TopicIx).collect();
            v.dedup();
            v
        };
        let goals = pick(&goals);
        let mut plans = Vec::new();
        for order in [Order::Stage, Order::Depth] {
            let options = plan::Options {
                known: pick(&known).into_iter().collect(),
                prefer: pick(&prefer),
                with_recommended,
                order,
                ..plan::Options::default()
            };
            let p = plan::plan(&roadmap, &goals, &options);
            checks::check_plan(&roadmap, &goals, &options, &p);
            let sum: f64 = p.steps.iter().map(|s| s.hours).sum();
            prop_assert!(!sum.is_finite() || p.total_hours.is_finite(), "total {} of a finite sum {}", p.total_hours, sum);
            prop_assert!(p.critical_hours.is_finite() || !sum.is_finite());
            // The diagram of the plan draws every step.
            let d = diagram::build(&roadmap, &diagram::Options {
                goals: goals.clone(),
                known: options.known.iter().copied().collect(),
                prefer: options.prefer.clone(),
                ..diagram::Options::default()
            });
            let drawn: BTreeSet<TopicIx> = d.nodes.iter().filter_map(|n| match n.kind {
                diagram::NodeKind::Topic(t) => Some(t),
                diagram::NodeKind::Junction(_) | diagram::NodeKind::Stub(_) => None,
            }).collect();
            if !with_recommended {
                for s in &p.steps {
                    prop_assert!(drawn.contains(&s.topic), "step {} not drawn", s.topic);
                }
            }
            plans.push(p);
        }
        let topics = |p: &plan::Plan| p.steps.iter().map(|s| s.topic).collect::<BTreeSet<_>>();
        prop_assert_eq!(topics(&plans[0]), topics(&plans[1]));
        prop_assert_eq!(&plans[0].choices, &plans[1].choices);
        let (a, b) = (plans[0].total_hours, plans[1].total_hours);
        prop_assert!(a == b || (a - b).abs() <= 1e-3 + 1e-9 * a.abs().max(b.abs()), "{} vs {}", a, b);
    }
}

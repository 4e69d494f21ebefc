//! Diagrams end to end: DOT read back with graphviz-rust's own parser (nodes, edges, clusters,
//! styles), hostile titles that must come out as literal text, `--reduce` against Graphviz's
//! `tred`, rendering through Graphviz, the missing-Graphviz error, and the committed README
//! pictures kept in step with the roadmap.
//!
//! Tests that need Graphviz say so on stderr and pass without it, so `cargo test` works on a fresh
//! machine; CI installs Graphviz, so there they really run.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use graphviz_rust::dot_structures::{Attribute, EdgeTy, Graph, Id, Stmt, Vertex};

fn roadmap(args: &[&str]) -> Output {
    common::roadmap()
        .args(args)
        .env("NO_COLOR", "1")
        .env("ROADMAP_PROGRESS", common::NO_PROGRESS)
        .output()
        .unwrap()
}

fn stdout(args: &[&str]) -> String {
    common::succeeded(args, roadmap(args))
}

fn id_text(id: &Id) -> String {
    match id {
        Id::Escaped(s) => s.clone(),
        Id::Plain(s) | Id::Html(s) | Id::Anonymous(s) => s.clone(),
    }
}

/// A DOT string value as Graphviz reads it (quotes removed, `\"` and `\\` unescaped; other
/// escapes such as `\n` kept, as they are label escapes).
fn unquote(id: &Id) -> String {
    let s = id_text(id);
    let Some(inner) = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return s;
    };
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('"') => out.push('"'),
                Some('\\') => out.push_str("\\\\"),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Attributes as (key, value as Graphviz reads it).
type Attrs = Vec<(String, String)>;

#[derive(Default, Debug)]
struct Summary {
    nodes: Vec<(String, Attrs)>,
    edges: Vec<(String, String, Attrs)>,
    clusters: Vec<String>,
}

fn attrs(list: &[Attribute]) -> Attrs {
    list.iter()
        .map(|Attribute(k, v)| (id_text(k), unquote(v)))
        .collect()
}

/// The drawn nodes, edges and boxes: the layout's invisible ruler (`rank:N`, `wall:N`), its
/// `rank=same` groups and the invisible edges that order ranks are left out.
fn collect(stmts: &[Stmt], summary: &mut Summary) {
    let structural = |name: &str| name.starts_with("rank:") || name.starts_with("wall:");
    for stmt in stmts {
        match stmt {
            Stmt::Node(n) => {
                let name = unquote(&n.id.0);
                // A bare mention (in a `rank=same` group) is not a declaration.
                if !structural(&name) && !n.attributes.is_empty() {
                    summary.nodes.push((name, attrs(&n.attributes)));
                }
            }
            Stmt::Edge(e) => {
                let attributes = attrs(&e.attributes);
                if attr(&attributes, "style") == Some("invis") {
                    continue;
                }
                let EdgeTy::Pair(Vertex::N(a), Vertex::N(b)) = &e.ty else {
                    panic!("unexpected edge shape {e:?}");
                };
                summary
                    .edges
                    .push((unquote(&a.0), unquote(&b.0), attributes));
            }
            Stmt::Subgraph(s) => {
                let name = unquote(&s.id);
                if name.starts_with("cluster_") {
                    summary.clusters.push(name);
                }
                collect(&s.stmts, summary);
            }
            _ => {}
        }
    }
}

fn parse(dot: &str) -> Summary {
    let graph = graphviz_rust::parse(dot)
        .unwrap_or_else(|e| panic!("graphviz-rust cannot parse the export: {e}\n{dot}"));
    let Graph::DiGraph { stmts, .. } = graph else {
        panic!("not a digraph");
    };
    let mut summary = Summary::default();
    collect(&stmts, &mut summary);
    summary
}

fn attr<'a>(list: &'a [(String, String)], key: &str) -> Option<&'a str> {
    list.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

#[test]
fn export_parses_back_with_nodes_edges_clusters_and_styles() {
    let dot = stdout(&[
        "--roadmap",
        "tests/fixtures/mini",
        "export",
        "--known",
        "python",
    ]);
    let g = parse(&dot);
    // 13 topics and 2 "or" junctions.
    assert_eq!(g.nodes.len(), 15, "{:?}", g.nodes);
    // Stage boxes in the stages' order.
    assert_eq!(
        g.clusters,
        [
            "cluster_basics",
            "cluster_math",
            "cluster_data",
            "cluster_ml",
            "cluster_roles"
        ]
    );
    // 11 plain/recommends edges + 2 groups of (2 alternatives + 1 junction edge).
    assert_eq!(g.edges.len(), 17);
    let node = |id: &str| &g.nodes.iter().find(|(n, _)| n == id).unwrap().1;
    assert_eq!(attr(node("python"), "label"), Some("Python\\n20 h"));
    assert_eq!(
        attr(node("python"), "style"),
        Some("rounded,filled,dotted"),
        "known topics have a dotted outline"
    );
    assert_eq!(attr(node("python"), "fillcolor"), Some("white"));
    assert_eq!(
        attr(node("r"), "fillcolor"),
        Some("#77AADD"),
        "topics take their stage's colour"
    );
    assert_eq!(
        attr(node("ml-engineer"), "shape"),
        Some("doubleoctagon"),
        "roles are drawn apart"
    );
    assert_eq!(
        attr(node("python"), "URL"),
        Some("https://docs.python.org/3/tutorial/")
    );
    // One "or" per set of alternatives, drawn with the last of them.
    assert_eq!(attr(node("or:pandas,tidyverse"), "label"), Some("or"));
    let edge = |a: &str, b: &str| &g.edges.iter().find(|(x, y, _)| x == a && y == b).unwrap().2;
    assert_eq!(
        attr(edge("numpy", "pandas"), "style"),
        Some("dashed"),
        "recommends is dashed"
    );
    assert_eq!(
        attr(edge("calculus", "probability"), "style"),
        None,
        "requires is solid"
    );
    assert_eq!(
        attr(edge("pandas", "or:pandas,tidyverse"), "arrowhead"),
        Some("none")
    );
    assert!(dot.contains("newrank=\"true\""));
}

#[test]
fn goals_draw_only_their_plan_and_the_known_ground_it_stands_on() {
    let dot = stdout(&[
        "--roadmap",
        "tests/fixtures/mini",
        "export",
        "data-analysis",
        "--known",
        "python",
    ]);
    let g = parse(&dot);
    let ids: BTreeSet<&str> = g.nodes.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        ids,
        BTreeSet::from([
            "python",
            "pandas",
            "calculus",
            "probability",
            "data-analysis"
        ])
    );
    let goal = &g
        .nodes
        .iter()
        .find(|(n, _)| n == "data-analysis")
        .unwrap()
        .1;
    assert_eq!(
        attr(goal, "peripheries"),
        Some("2"),
        "a goal has a double outline"
    );
    let hidden = stdout(&[
        "--roadmap",
        "tests/fixtures/mini",
        "export",
        "data-analysis",
        "--known",
        "python",
        "--hide-known",
    ]);
    assert!(!parse(&hidden).nodes.iter().any(|(n, _)| n == "python"));
}

const HOSTILE: &[(&str, &str)] = &[
    ("inject", "x\" shape=box image=\"/etc/passwd"),
    ("backslash", "C:\\path\\to\\n\\file\\"),
    ("newline", "two\nlines"),
    ("html", "<b>bold</b> & <i>{record|field}</i>"),
    ("entity", "AT&T &lt;b&gt; &#65; &amp;"),
    (
        "mermaid",
        "end\"] --> evil[\"x\" ; click a \"javascript:alert(1)\" %% `md` #35;",
    ),
];

#[test]
fn hostile_titles_stay_literal_text_in_dot() {
    let dot = stdout(&["--roadmap", "tests/fixtures/hostile", "export"]);
    let g = parse(&dot);
    for (id, title) in HOSTILE {
        let (_, attrs) = g
            .nodes
            .iter()
            .find(|(n, _)| n == id)
            .unwrap_or_else(|| panic!("no node {id}"));
        // Only the attributes the exporter sets: nothing injected.
        for (key, _) in attrs {
            assert!(
                ["label", "tooltip", "URL", "target", "fillcolor"].contains(&key.as_str()),
                "{id}: unexpected attribute {key}"
            );
        }
        // The label reads back as the title, wrapped at spaces, with Graphviz's label escapes:
        // `\`, line breaks, and `&` (Graphviz reads entities such as `&lt;` even in plain
        // labels).
        let expected = roadmap::render::dot::wrap(title, roadmap::render::dot::WRAP)
            .join("\n")
            .replace('\\', "\\\\")
            .replace('\n', "\\n")
            .replace('&', "&amp;");
        let label = attr(attrs, "label").unwrap();
        assert_eq!(label.rsplit_once("\\n").unwrap().0, expected, "{id}");
    }
    let inject = &g.nodes.iter().find(|(n, _)| n == "inject").unwrap().1;
    assert_eq!(
        attr(inject, "tooltip"),
        Some("\" URL=\"javascript:alert(1)")
    );
    assert_eq!(attr(inject, "URL"), None);
}

#[test]
fn hostile_titles_come_out_of_graphviz_as_the_same_text() {
    if common::graphviz_missing("hostile_titles_come_out_of_graphviz_as_the_same_text") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("hostile.svg");
    stdout(&[
        "--roadmap",
        "tests/fixtures/hostile",
        "render",
        "-o",
        svg.to_str().unwrap(),
    ]);
    let svg = std::fs::read_to_string(svg).unwrap();
    let texts: Vec<String> = svg
        .lines()
        .filter_map(|l| l.split_once("<text").map(|(_, rest)| rest))
        .map(|rest| {
            let inner = &rest[rest.find('>').unwrap() + 1..rest.rfind("</text>").unwrap()];
            inner
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#45;", "-")
                .replace("&amp;", "&")
        })
        .collect();
    for (id, title) in HOSTILE {
        for line in roadmap::render::dot::wrap(title, roadmap::render::dot::WRAP) {
            let line = line.as_str();
            assert!(
                texts.iter().any(|t| t == line),
                "{id}: `{line}` not drawn as text in {texts:?}"
            );
        }
    }
    assert!(
        !svg.contains("/etc/passwd\""),
        "no image attribute reached Graphviz"
    );
    assert!(!svg.contains("<image"), "no image was embedded");
    // Graphviz copies URLs into attributes unescaped: ours arrive percent-encoded.
    assert!(!svg.contains("<script"), "a URL broke out of its attribute");
    assert!(svg.contains("https://example.org/?q=%22%3E%3Cscript%3E"));
}

/// Text with Mermaid entity codes (`#34;`) removed.
fn without_entities(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let digits = tail.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && tail[digits..].starts_with(';') {
            rest = &tail[digits + 1..];
        } else {
            out.push('#');
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn hostile_titles_stay_inside_mermaid_labels() {
    let mermaid = stdout(&[
        "--roadmap",
        "tests/fixtures/hostile",
        "export",
        "--format",
        "mermaid",
    ]);
    for line in mermaid.lines().filter(|l| l.contains("(\"")) {
        // Inside a label, no quote, bracket or angle bracket survives unescaped.
        let label = &line[line.find("(\"").unwrap() + 2..line.rfind("\")").unwrap()];
        let label = without_entities(&label.replace("<br/>", ""));
        for c in [
            '"', '[', ']', '<', '>', '(', ')', '{', '}', '|', '`', ';', '%',
        ] {
            assert!(!label.contains(c), "unescaped {c:?} in {line}");
        }
    }
    assert!(
        mermaid.contains("#34;"),
        "quotes are written as entity codes"
    );
}

#[test]
fn reduce_drops_exactly_what_tred_drops() {
    let fixture = "tests/fixtures/reduce.toml";
    let full = parse(&stdout(&[
        "--roadmap",
        fixture,
        "export",
        "--cluster",
        "none",
    ]));
    let reduced = parse(&stdout(&[
        "--roadmap",
        fixture,
        "export",
        "--cluster",
        "none",
        "--reduce",
    ]));
    let pairs = |g: &Summary| -> BTreeSet<(String, String)> {
        g.edges
            .iter()
            .map(|(a, b, _)| (a.clone(), b.clone()))
            .collect()
    };
    let dropped: BTreeSet<(String, String)> =
        pairs(&full).difference(&pairs(&reduced)).cloned().collect();
    let expected: BTreeSet<(String, String)> = [("a", "c"), ("a", "or:a,b"), ("a", "e")]
        .iter()
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .collect();
    assert_eq!(dropped, expected);
    if common::graphviz_missing("reduce_drops_exactly_what_tred_drops (the tred comparison)") {
        return;
    }
    let full_dot = stdout(&["--roadmap", fixture, "export", "--cluster", "none"]);
    let mut tred = Command::new("tred")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    tred.stdin
        .take()
        .unwrap()
        .write_all(full_dot.as_bytes())
        .unwrap();
    let out = tred.wait_with_output().unwrap();
    let by_tred = parse(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(pairs(&by_tred), pairs(&reduced));
}

#[test]
fn export_is_deterministic() {
    let a = stdout(&["export", "--reduce"]);
    let b = stdout(&["export", "--reduce"]);
    assert_eq!(a, b);
    let a = stdout(&["export", "--format", "json"]);
    let b = stdout(&["export", "--format", "json"]);
    assert_eq!(a, b);
}

#[test]
fn json_export_lists_nodes_and_edges() {
    let json: serde_json::Value = serde_json::from_str(&stdout(&[
        "--roadmap",
        "tests/fixtures/mini",
        "export",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["nodes"].as_array().unwrap().len(), 13);
    let edges = json["edges"].as_array().unwrap();
    let kinds: BTreeSet<&str> = edges.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, BTreeSet::from(["one_of", "recommends", "requires"]));
    assert!(edges.iter().any(|e| e["from"] == "tidyverse"
        && e["to"] == "data-analysis"
        && e["kind"] == "one_of"
        && e["group"] == 0));
}

#[test]
fn render_writes_svg_png_and_pdf() {
    if common::graphviz_missing("render_writes_svg_png_and_pdf") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, magic) in [
        ("m.svg", &b"<?xml"[..]),
        ("m.png", &b"\x89PNG"[..]),
        ("m.pdf", &b"%PDF"[..]),
    ] {
        let path = dir.path().join(name);
        stdout(&[
            "--roadmap",
            "tests/fixtures/mini",
            "render",
            "ml-engineer",
            "-o",
            path.to_str().unwrap(),
        ]);
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(magic), "{name}");
    }
    // An explicit format wins over the extension.
    let path = dir.path().join("picture.img");
    stdout(&[
        "--roadmap",
        "tests/fixtures/mini",
        "render",
        "--format",
        "png",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&path).unwrap().starts_with(b"\x89PNG"));
    // Nothing but the outputs is left in the directory.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
}

/// Characters XML forbids (U+FFFE, U+FFFF), in titles and in `--lang`, never reach the SVG,
/// which must stay a well-formed XML document (it used to be written with them, exit 0).
#[test]
fn svg_holds_no_character_that_xml_forbids() {
    if common::graphviz_missing("svg_holds_no_character_that_xml_forbids") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let roadmap_file = dir.path().join("r.toml");
    std::fs::write(
        &roadmap_file,
        "[roadmap]\ntitle = \"Title \\uFFFF\"\n[[stage]]\nid = \"s\"\ntitle = \"Stage \\uFFFE\"\n\
         [[topic]]\nid = \"a\"\ntitle = \"A \\uFFFF \\uD7FF \\uFDD0 \\u0085\"\nstage = \"s\"\nhours = 1\n\
         [topic.i18n.zh]\ntitle = \"甲 \\uFFFF \\uD7FF\"\n",
    )
    .unwrap();
    for lang in ["zh", "zh\u{ffff}"] {
        let svg = dir.path().join("r.svg");
        stdout(&[
            "--roadmap",
            roadmap_file.to_str().unwrap(),
            "--lang",
            lang,
            "render",
            "-o",
            svg.to_str().unwrap(),
        ]);
        let text = std::fs::read_to_string(&svg).unwrap();
        let forbidden: Vec<char> = text
            .chars()
            .filter(|&c| {
                matches!(c, '\u{fffe}' | '\u{ffff}')
                    || (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
            })
            .collect();
        assert!(
            forbidden.is_empty(),
            "--lang {lang:?}: {forbidden:?} in\n{text}"
        );
        assert!(text.contains("\u{d7ff}"), "what XML allows is kept");
    }
}

#[test]
fn render_without_graphviz_says_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.svg");
    let out = common::roadmap()
        .args(["render", "-o", path.to_str().unwrap()])
        .env("PATH", dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error: Graphviz is not installed"), "{err}");
    assert!(err.contains("apt-get install graphviz"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!path.exists(), "no file is left behind");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn render_refuses_an_unknown_extension() {
    let out = roadmap(&["render", "-o", "picture.jpg"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format"));
    assert!(!Path::new("picture.jpg").exists());
}

/// The record `render` puts in a PNG: the text of its `iTXt` chunk `roadmap-source`.
fn png_record(png: &[u8]) -> Option<String> {
    let mut at = 8;
    while at + 12 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let kind = &png[at + 4..at + 8];
        let data = png.get(at + 8..at + 8 + len)?;
        if kind == b"iTXt" && data.starts_with(b"roadmap-source\0") {
            // Keyword, NUL, compression flag and method, language and translated keyword.
            let text = &data[b"roadmap-source\0".len() + 4..];
            return Some(String::from_utf8(text.to_vec()).unwrap());
        }
        at += 12 + len;
    }
    None
}

/// The pictures in docs/ are made by `roadmap render`, which records in each SVG and PNG the
/// export arguments and the digest of the DOT it laid out. Re-exporting must give the same DOT.
#[test]
fn committed_pictures_match_the_roadmap() {
    for picture in [
        "docs/overview.svg",
        "docs/roadmap.svg",
        "docs/roadmap.png",
        "docs/plan-ml-engineer.png",
        "docs/plan-data-scientist.svg",
    ] {
        let bytes = std::fs::read(picture).unwrap_or_else(|e| panic!("{picture}: {e}"));
        let record = if picture.ends_with(".png") {
            png_record(&bytes)
        } else {
            String::from_utf8(bytes)
                .unwrap()
                .lines()
                .find(|l| l.starts_with("<?roadmap-source "))
                .map(str::to_owned)
        }
        .unwrap_or_else(|| panic!("{picture} has no roadmap-source record"));
        let args_json =
            &record[record.find("args=").unwrap() + 5..record.find(" blake3=").unwrap()];
        let args: Vec<String> = serde_json::from_str(&args_json.replace("?\\u003e", "?>")).unwrap();
        let digest = &record[record.find("blake3=\"").unwrap() + 8..record.rfind('"').unwrap()];
        let mut export = vec!["export".to_owned()];
        export.extend(args.iter().cloned());
        let export: Vec<&str> = export.iter().map(String::as_str).collect();
        let dot = stdout(&export);
        assert_eq!(
            blake3::hash(dot.as_bytes()).to_hex().as_str(),
            digest,
            "{picture} is stale: see docs/diagrams.md for the `roadmap render` command (its \
             arguments were {})",
            args.join(" ")
        );
    }
}

/// The README's pictures fit a GitHub page: at most 1,200 pt wide, so 11 pt labels stay
/// readable at its 880 px.
#[test]
fn readme_pictures_fit_a_page() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let mut checked = 0;
    for (_, rest) in readme
        .match_indices("](docs/")
        .map(|(i, _)| ((), &readme[i + 2..]))
    {
        let path = &rest[..rest.find(')').unwrap()];
        if !path.ends_with(".svg") {
            continue;
        }
        let svg = std::fs::read_to_string(path).unwrap();
        let width = svg
            .split_once("<svg width=\"")
            .and_then(|(_, w)| w.split_once("pt\""))
            .map(|(w, _)| w.parse::<f64>().unwrap())
            .unwrap_or_else(|| panic!("{path}: no width in pt"));
        assert!(width <= 1200.0, "{path} is {width} pt wide");
        checked += 1;
    }
    assert!(checked >= 2, "the README shows its pictures");
}

/// The `export` arguments that give the DOT `render` lays out (its record says the same).
const PICTURE: [&str; 3] = ["--reduce", "--no-recommended", "--long-edges=stubs"];

fn picture_dot(args: &[&str]) -> String {
    let mut all = vec!["export"];
    all.extend(args);
    all.extend(PICTURE);
    stdout(&all)
}

/// The built-in roadmap's pictures, measured on Graphviz's own layout (see
/// `tests/common/crossings.rs` for how crossings are counted): the bounds the diagrams promise,
/// and the table docs/diagrams.md shows (`cargo test --test diagrams crossing -- --nocapture`).
#[test]
fn built_in_pictures_stay_under_the_crossing_bounds() {
    if common::graphviz_missing("built_in_pictures_stay_under_the_crossing_bounds") {
        return;
    }
    let measure = |label: &str, dot: &str| {
        let m = common::crossings::measure(dot);
        eprintln!(
            "| {label} | {} | {} | {:.2} | {:.0} × {:.0} |",
            m.edges,
            m.crossings,
            m.per_edge(),
            m.width,
            m.height
        );
        m
    };
    eprintln!("| picture | edges | crossings | per edge | size (pt) |");
    let whole = measure("whole roadmap, default", &picture_dot(&[]));
    let plan = measure(
        "`ml-engineer` plan, default",
        &picture_dot(&["ml-engineer"]),
    );
    measure(
        "whole roadmap, `--cluster none`",
        &picture_dot(&["--cluster", "none"]),
    );
    measure(
        "whole roadmap, `--long-edges lines`",
        &stdout(&["export", "--reduce", "--no-recommended"]),
    );
    measure(
        "`data-scientist` plan, README",
        &picture_dot(&["data-scientist", "--known=python,git", "--legend"]),
    );
    measure("overview", &picture_dot(&["--overview"]));
    assert!(
        whole.per_edge() <= 1.5,
        "whole roadmap: {} crossings on {} edges",
        whole.crossings,
        whole.edges
    );
    assert!(
        plan.per_edge() <= 0.5,
        "ml-engineer plan: {} crossings on {} edges",
        plan.crossings,
        plan.edges
    );
}

/// The stage boxes of a layout, in the order Graphviz lists them, as (name, [llx, lly, urx, ury]).
fn boxes(layout: &serde_json::Value) -> Vec<(String, [f64; 4])> {
    layout["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| {
            let name = o["name"].as_str()?;
            let bb: Vec<f64> = o["bb"]
                .as_str()?
                .split(',')
                .map(|v| v.parse().unwrap())
                .collect();
            (name.starts_with("cluster_") && name != "cluster_legend")
                .then(|| (name.to_owned(), [bb[0], bb[1], bb[2], bb[3]]))
        })
        .collect()
}

#[test]
fn stage_boxes_are_bands_in_stage_order() {
    if common::graphviz_missing("stage_boxes_are_bands_in_stage_order") {
        return;
    }
    let stages: Vec<String> =
        serde_json::from_str::<serde_json::Value>(&stdout(&["export", "--format", "json"]))
            .unwrap()["stages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| format!("cluster_{}", s["id"].as_str().unwrap()))
            .collect();
    let lines = stdout(&["export", "--reduce"]);
    for (args, dot, left_to_right) in [
        (vec![], picture_dot(&[]), false),
        (
            vec!["ml-engineer", "--legend"],
            picture_dot(&["ml-engineer", "--legend"]),
            false,
        ),
        (vec!["--rankdir=LR"], picture_dot(&["--rankdir=LR"]), true),
        (vec!["--long-edges=lines"], lines, false),
    ] {
        let layout = common::crossings::layout_json(&dot);
        let mut found = boxes(&layout);
        found.sort_by_key(|(name, _)| stages.iter().position(|s| s == name).unwrap());
        assert!(found.len() >= 2, "{args:?}: {found:?}");
        for pair in found.windows(2) {
            let ((a, p), (b, q)) = (&pair[0], &pair[1]);
            // Graphviz's y grows upwards: in a top-to-bottom picture the next box lies wholly
            // below; in a left-to-right one wholly to the right.
            let after = if left_to_right {
                q[0] > p[2]
            } else {
                q[3] < p[1]
            };
            assert!(after, "{args:?}: {b} {q:?} is not wholly after {a} {p:?}");
        }
    }
}

#[test]
fn the_legend_lists_stages_in_order_and_no_text_sits_on_a_line() {
    if common::graphviz_missing("the_legend_lists_stages_in_order_and_no_text_sits_on_a_line") {
        return;
    }
    let layout = common::crossings::layout_json(&picture_dot(&["ml-engineer", "--legend"]));
    let objects = layout["objects"].as_array().unwrap();
    let pos = |o: &serde_json::Value| -> (f64, f64) {
        let p: Vec<f64> = o["pos"]
            .as_str()
            .unwrap()
            .split(',')
            .map(|v| v.parse().unwrap())
            .collect();
        (p[0], p[1])
    };
    let swatches: Vec<(String, (f64, f64))> = objects
        .iter()
        .filter(|o| {
            o["name"]
                .as_str()
                .is_some_and(|n| n.starts_with("legend:stage:"))
        })
        .map(|o| (o["name"].as_str().unwrap()[13..].to_owned(), pos(o)))
        .collect();
    let plan: serde_json::Value =
        serde_json::from_str(&stdout(&["export", "ml-engineer", "--format", "json"])).unwrap();
    let expected: Vec<&str> = plan["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .filter(|id| *id != "roles")
        .collect();
    let mut read = swatches.clone();
    // Reading order: rows top to bottom (y falls), each left to right.
    read.sort_by(|a, b| (-a.1.1, a.1.0).partial_cmp(&(-b.1.1, b.1.0)).unwrap());
    let read: Vec<&str> = read.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(read, expected, "the legend's stages in stage order");
    // No explanation overlaps a line of the legend.
    let gvid = |name: &str| {
        objects
            .iter()
            .find(|o| o["name"] == name)
            .map(|o| o["_gvid"].as_u64().unwrap())
    };
    let texts: Vec<&serde_json::Value> = objects
        .iter()
        .filter(|o| o["name"].as_str().is_some_and(|n| n.ends_with(":text")))
        .collect();
    assert!(texts.len() >= 3);
    let legend_ids: Vec<u64> = objects
        .iter()
        .filter(|o| o["name"].as_str().is_some_and(|n| n.starts_with("legend:")))
        .map(|o| o["_gvid"].as_u64().unwrap())
        .collect();
    for text in texts {
        let (x, y) = pos(text);
        let (w, h) = (
            text["width"].as_str().unwrap().parse::<f64>().unwrap() * 36.0,
            text["height"].as_str().unwrap().parse::<f64>().unwrap() * 36.0,
        );
        for e in layout["edges"].as_array().unwrap() {
            if !legend_ids.contains(&e["tail"].as_u64().unwrap()) || e["_draw_"].is_null() {
                continue;
            }
            for op in e["_draw_"].as_array().unwrap() {
                for p in op["points"].as_array().into_iter().flatten() {
                    let (px, py) = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
                    assert!(
                        (px - x).abs() > w || (py - y).abs() > h,
                        "{} overlaps a line of the legend",
                        text["name"]
                    );
                }
            }
        }
        let _ = gvid;
    }
}

#[test]
fn chinese_titles_name_a_cjk_font_and_render() {
    let dot = stdout(&["--lang", "zh", "export", "ml-engineer"]);
    assert!(
        dot.contains("fontname=\"Helvetica,Noto Sans CJK SC\""),
        "a CJK font is named when titles need it"
    );
    let english = stdout(&["export", "ml-engineer"]);
    assert!(!english.contains("Noto Sans CJK"), "and only then");
    if common::graphviz_missing("chinese_titles_name_a_cjk_font_and_render")
        || common::missing(
            &["sh", "-c", "fc-list :lang=zh family | grep -q ."],
            "a Chinese font (Debian: fonts-noto-cjk)",
            "chinese_titles_name_a_cjk_font_and_render",
        )
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("plan-zh.png");
    let out = roadmap(&[
        "--lang",
        "zh",
        "render",
        "ml-engineer",
        "-o",
        png.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "no warning when a font has the glyphs"
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"));
    assert!(bytes.len() > 100_000, "a picture with text in it");
}

#[test]
fn render_warns_when_no_installed_font_has_the_titles() {
    if common::graphviz_missing("render_warns_when_no_installed_font_has_the_titles")
        || common::missing(
            &["fc-list", "--version"],
            "fontconfig (`fc-list`)",
            "render_warns_when_no_installed_font_has_the_titles",
        )
    {
        return;
    }
    // A fontconfig that knows no font at all.
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig><dir>{0}/none</dir><cachedir>{0}/cache</cachedir></fontconfig>\n",
            dir.path().display()
        ),
    )
    .unwrap();
    let png = dir.path().join("zh.png");
    let out = common::roadmap()
        .args(["--lang", "zh", "render", "--stage", "math", "-o"])
        .arg(&png)
        .env("NO_COLOR", "1")
        .env("FONTCONFIG_FILE", &conf)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fonts-noto-cjk"), "{err}");
    assert!(err.contains("font-noto-sans-cjk-sc"), "{err}");
    let english = common::roadmap()
        .args(["render", "--stage", "math", "-o"])
        .arg(dir.path().join("en.png"))
        .env("NO_COLOR", "1")
        .env("FONTCONFIG_FILE", &conf)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&english.stderr),
        "",
        "ASCII titles need no warning"
    );
}

#[test]
fn the_overview_has_a_node_per_stage_and_edges_between_stages() {
    let json: serde_json::Value = serde_json::from_str(&stdout(&[
        "--roadmap",
        "tests/fixtures/mini",
        "export",
        "--overview",
        "--format",
        "json",
    ]))
    .unwrap();
    let stages = json["stages"].as_array().unwrap();
    let ids: Vec<&str> = stages.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["basics", "math", "data", "ml", "roles"]);
    let topics: u64 = stages.iter().map(|s| s["topics"].as_u64().unwrap()).sum();
    assert_eq!(topics, 12, "every topic counted once");
    assert_eq!(stages[4]["roles"], 1);
    let edge = |from: &str, to: &str| {
        json["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["from"] == from && e["to"] == to)
            .cloned()
    };
    assert_eq!(edge("math", "data").unwrap()["requirements"], 1);
    assert!(edge("basics", "roles").is_some(), "export keeps every edge");
    let reduced: serde_json::Value = serde_json::from_str(&stdout(&[
        "--roadmap",
        "tests/fixtures/mini",
        "export",
        "--overview",
        "--reduce",
        "--format",
        "json",
    ]))
    .unwrap();
    assert!(
        !reduced["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["from"] == "basics" && e["to"] == "roles"),
        "basics -> roles is implied through data and ml"
    );
}

#[test]
fn a_stage_is_drawn_with_stubs_for_what_it_needs() {
    let dot = stdout(&[
        "--roadmap",
        "tests/fixtures/mini",
        "export",
        "--stage",
        "data",
    ]);
    let g = parse(&dot);
    assert_eq!(g.clusters, ["cluster_data"]);
    let stub = &g
        .nodes
        .iter()
        .find(|(n, _)| n == "stub:data:python")
        .unwrap_or_else(|| panic!("no stub of python: {:?}", g.nodes))
        .1;
    assert_eq!(attr(stub, "style"), Some("rounded,dashed"));
    assert_eq!(attr(stub, "label"), Some("Python\\n(Basics)"));
    assert!(
        g.edges
            .iter()
            .any(|(a, b, _)| a == "stub:data:python" && b == "numpy")
    );
    assert!(
        !g.nodes.iter().any(|(n, _)| n == "python"),
        "only as a stub"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&[
        "--roadmap",
        "tests/fixtures/mini",
        "export",
        "--stage",
        "data",
        "--format",
        "json",
    ]))
    .unwrap();
    let python = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "python")
        .unwrap();
    assert_eq!(python["stub"], true);
}

#[test]
fn pictures_draw_an_edge_that_skips_a_stage_from_a_stub() {
    let lines = parse(&stdout(&["--roadmap", "tests/fixtures/mini", "export"]));
    assert!(
        lines
            .edges
            .iter()
            .any(|(a, b, _)| a == "python" && b == "numpy")
    );
    let picture = parse(&stdout(&[
        "--roadmap",
        "tests/fixtures/mini",
        "export",
        "--long-edges=stubs",
    ]));
    // Python (basics) -> NumPy (data) skips the math stage: a stub of Python leads the data box.
    assert!(
        !picture
            .edges
            .iter()
            .any(|(a, b, _)| a == "python" && b == "numpy")
    );
    assert!(
        picture
            .edges
            .iter()
            .any(|(a, b, _)| a.starts_with("stub:data:") && a.contains("python") && b == "numpy")
    );
    // Calculus (math) -> Probability (math) and Probability -> Data analysis (next stage) stay.
    assert!(
        picture
            .edges
            .iter()
            .any(|(a, b, _)| a == "probability" && b == "data-analysis")
    );
}

//! Graphviz DOT, built with graphviz-rust's graph structures and printed with its printer, and
//! layout through `dot` (the `html` page lays out its picture through here too).
//!
//! graphviz-rust prints identifiers and attribute values exactly as given, escaping nothing, so
//! every value placed in the output goes through [`quote`]: one place that makes any text a
//! double-quoted DOT string that reads back as that same text. No HTML-like label is ever built
//! from roadmap text.

use std::io::{self, Read, Write};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::diagram::{Diagram, NodeKind};
use crate::error::{Error, Result};
use crate::graph::EdgeKind;
use crate::i18n::{Localizer, Ui};
use crate::layout;
use crate::model::{Roadmap, TopicKind, format_hours};
use crate::msg;
use crate::overview::{Overview, StageNode};

/// How a diagram is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Group topics in one box per stage.
    pub clusters: bool,
    /// `TB` (top to bottom) or `LR` (left to right).
    pub left_to_right: bool,
    pub legend: bool,
    /// The language of the legend and of the words the diagram adds to titles.
    pub ui: Ui,
}

/// `text` as a double-quoted DOT string. Backslashes and quotes are escaped; line breaks become
/// `\n` (a centred line break in labels, as Graphviz reads it); other control characters are
/// dropped. Graphviz reads the result back as exactly `text`, and nothing in it can end the
/// string early, so no attribute can be injected.
pub fn quote(text: &str) -> Id {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => s.push_str("\\\\"),
            '"' => s.push_str("\\\""),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => s.push_str("\\n"),
            // Graphviz copies text into SVG as it is: what XML forbids (U+FFFE, U+FFFF) would
            // make the image unreadable.
            c if c.is_control() || !is_xml_char(c) => {}
            c => s.push(c),
        }
    }
    s.push('"');
    Id::Escaped(s)
}

/// Whether XML 1.0 allows `c` in a document (an SVG is one): not C0 controls but tab and line
/// ends, not U+FFFE or U+FFFF.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        || c >= '\u{10000}'
}

/// Whether `url` is an absolute http(s) URL, the only kind diagrams link to.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(char::is_control)
}

/// An http(s) URL made safe to hand to Graphviz, which copies it into SVG attributes without
/// escaping: the characters that could end an attribute or start markup (and spaces) are
/// percent-encoded, which leaves the link pointing where it did. `None` for any other URL.
pub fn web_url(url: &str) -> Option<String> {
    // Graphviz 2.43 also copies `&` unescaped, which makes the SVG invalid XML; encoding it
    // would change what a query string means, so such a URL gets no link rather than a wrong one.
    if !is_web_url(url) || url.contains('&') {
        return None;
    }
    let mut s = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            '"' | '\'' | '<' | '>' | '\\' | ' ' | '`' | '{' | '}' | '|' | '^' => {
                s.push_str(&format!("%{:02X}", c as u32));
            }
            c => s.push(c),
        }
    }
    Some(s)
}

/// Text to show (labels, titles, tooltips), quoted. Graphviz reads `&name;` entities even in
/// plain labels, so `&` is written as `&amp;` to show exactly the text.
pub fn shown(text: &str) -> Id {
    if text.contains('&') {
        quote(&text.replace('&', "&amp;"))
    } else {
        quote(text)
    }
}

/// A label of several lines; each line is escaped, then joined with DOT's `\n`.
fn lines(parts: &[&str]) -> Id {
    let escaped: Vec<String> = parts
        .iter()
        .map(|p| match shown(p) {
            Id::Escaped(q) => q[1..q.len() - 1].to_owned(),
            _ => unreachable!("quote always returns an escaped id"),
        })
        .collect();
    Id::Escaped(format!("\"{}\"", escaped.join("\\n")))
}

fn attr(key: &str, value: Id) -> Attribute {
    Attribute(Id::Plain(key.to_owned()), value)
}

fn plain(key: &str, value: &str) -> Attribute {
    attr(key, quote(value))
}

fn node_id(name: &str) -> NodeId {
    NodeId(quote(name), None)
}

/// The DOT name of a diagram node: the topic id; `or:<alternatives>` for a junction, its
/// alternatives' ids joined by `,`; `stub:<stage>:` and the names of what it stands for joined by
/// `+` for a stub (ids cannot contain `:`, `,` or `+`... nor can a stage's, so names never
/// collide).
fn name(roadmap: &Roadmap, diagram: &Diagram, i: usize) -> String {
    let node = &diagram.nodes[i];
    match node.kind {
        NodeKind::Stub(k) => {
            let names: Vec<String> = diagram.stubs[k]
                .stands_for
                .iter()
                .map(|&kind| kind_name(roadmap, diagram, kind))
                .collect();
            format!(
                "stub:{}:{}",
                roadmap.stages[node.stage as usize].id,
                names.join("+")
            )
        }
        kind => kind_name(roadmap, diagram, kind),
    }
}

fn kind_name(roadmap: &Roadmap, diagram: &Diagram, kind: NodeKind) -> String {
    match kind {
        NodeKind::Topic(t) => roadmap.topic(t).id.clone(),
        NodeKind::Junction(j) => {
            let ids: Vec<&str> = diagram.junctions[j]
                .alternatives
                .iter()
                .map(|&a| roadmap.topic(a).id.as_str())
                .collect();
            format!("or:{}", ids.join(","))
        }
        NodeKind::Stub(_) => unreachable!("a stub stands for topics and junctions"),
    }
}

/// The name of the invisible node that pins rank `r` (see [`head`]).
fn rank_name(r: u32) -> String {
    format!("rank:{r}")
}

const FONT: &str = "Helvetica";
/// Named after the Latin font when a label needs CJK glyphs: Graphviz (through Pango) and SVG
/// viewers take the first family of the list that has each character. Debian's `fonts-noto-cjk`
/// and Homebrew's `font-noto-sans-cjk-sc` install it.
pub const CJK_FONT: &str = "Noto Sans CJK SC";
const INK: &str = "#222222";
const LINE: &str = "#444444";
const SOFT_LINE: &str = "#888888";
/// Okabe and Ito's blue: the "or" of a `one_of`, apart from every stage fill.
const OR_LINE: &str = "#0072B2";
const KNOWN_INK: &str = "#666666";
const BOX_FILL: &str = "#FAFAFA";
/// Stage colours: Paul Tol's "light" scheme (SRON, *Colour schemes*, 2021), made to fill areas
/// under black text and told apart with every common colour-vision deficiency; ordered so that
/// neighbouring stages differ most.
pub const STAGE_FILLS: [&str; 9] = [
    "#77AADD", "#EE8866", "#44BB99", "#EEDD88", "#FFAABB", "#99DDFF", "#AAAA00", "#DDDDDD",
    "#BBCC33",
];

/// The colour of each stage: the palette in stage order, skipping the stages that hold roles
/// only (`None`: roles are told by their shape and drawn white). After nine coloured stages the
/// colours repeat; the boxes' titles still tell the stages apart.
pub fn stage_colours(roadmap: &Roadmap) -> Vec<Option<&'static str>> {
    let mut roles_only = vec![true; roadmap.stages.len()];
    let mut empty = vec![true; roadmap.stages.len()];
    for t in &roadmap.topics {
        empty[t.stage as usize] = false;
        if t.kind != TopicKind::Role {
            roles_only[t.stage as usize] = false;
        }
    }
    let mut next = 0;
    (0..roadmap.stages.len())
        .map(|s| {
            if roles_only[s] && !empty[s] {
                None
            } else {
                next += 1;
                Some(STAGE_FILLS[(next - 1) % STAGE_FILLS.len()])
            }
        })
        .collect()
}

/// The fill of a stage's topics and its swatch.
fn stage_fill(colours: &[Option<&'static str>], stage: u32) -> &'static str {
    colours[stage as usize].unwrap_or("white")
}

/// The outline of a stage's box.
fn stage_line(colours: &[Option<&'static str>], stage: u32) -> &'static str {
    colours[stage as usize].unwrap_or(LINE)
}

/// Whether `c` is a CJK character (Han, kana, Hangul, CJK punctuation and full-width forms),
/// which Latin fonts lack.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3130..=0x318F
        | 0x31C0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3134F)
}

/// The font list for labels: [`CJK_FONT`] after the Latin font when any text needs it.
pub fn font_for<'a>(mut texts: impl Iterator<Item = &'a str>) -> String {
    if texts.any(|t| t.chars().any(is_cjk)) {
        format!("{FONT},{CJK_FONT}")
    } else {
        FONT.to_owned()
    }
}

/// Display columns of `text`: a CJK character takes two, a control character (which DOT drops)
/// none.
fn columns(text: &str) -> usize {
    text.chars().map(char_columns).sum()
}

fn char_columns(c: char) -> usize {
    if c.is_control() {
        0
    } else {
        unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
    }
}

/// How many columns a title may take per line before it wraps.
pub const WRAP: usize = 22;

/// `text` broken into lines of at most `max` columns: its own line breaks kept, then at a
/// space (which the break replaces), or anywhere in a run without spaces that is longer than a
/// line (CJK text has none). Nothing else of the text changes.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    // Line breaks as `quote` reads them: `\r\n`, `\n` or a lone `\r`. The other control
    // characters `quote` drops are left out first: a tab must not part a word the label shows
    // whole.
    let text: String = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c == '\n' || !c.is_control())
        .collect();
    for own in text.split('\n') {
        if columns(own) <= max {
            lines.push(own.to_owned());
            continue;
        }
        let mut line = String::new();
        for (k, word) in own.split(' ').enumerate() {
            if k > 0 {
                if columns(&line) + 1 + columns(word) <= max {
                    line.push(' ');
                    line.push_str(word);
                    continue;
                }
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                if !line.is_empty() && columns(&line) + char_columns(c) > max {
                    // Inside a run without spaces (CJK text), break before the Latin word or
                    // the closing mark the line ends in, if the line has room before it.
                    let keep = carry_over(&line, c);
                    let moved = line.split_off(keep);
                    lines.push(std::mem::replace(&mut line, moved));
                }
                line.push(c);
            }
        }
        lines.push(line);
    }
    lines
}

/// Where to break `line` so that `next` can follow: at its end, unless that would part a Latin
/// word or put a closing mark (`)`, `、`, `）`...) at the start of a line; then before that word
/// or mark, when something comes before it. What takes no column (a combining accent, a
/// control character the label drops) stays with the character before it. A byte index into
/// `line`.
fn carry_over(line: &str, next: char) -> usize {
    let joins = |a: char, b: char| {
        (a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric())
            || char_columns(b) == 0
            || matches!(
                b,
                ')' | ']'
                    | '}'
                    | ','
                    | '.'
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | '、'
                    | '，'
                    | '。'
                    | '）'
                    | '】'
                    | '」'
                    | '：'
                    | '；'
            )
    };
    let mut at = line.len();
    let mut after = next;
    for (i, c) in line.char_indices().rev() {
        if !joins(c, after) {
            break;
        }
        at = i;
        after = c;
    }
    if at == 0 { line.len() } else { at }
}

/// Roughly how much room a label of these lines takes along a rank, in points, at 11 pt: its
/// width in a top-to-bottom drawing, its height in a left-to-right one.
fn extent(label: &[String], left_to_right: bool) -> f64 {
    if left_to_right {
        (label.len() as f64 * 13.5 + 8.0).max(36.0)
    } else {
        let widest = label.iter().map(|l| columns(l)).max().unwrap_or(0);
        (widest as f64 * 6.2 + 16.0).max(54.0)
    }
}

/// The most a rank may hold, in points, leaving room for the lines and stubs beside the boxes
/// within a page's 1,200 pt (the README shows pictures 880 px wide). Chosen by measuring the
/// built-in roadmap's pictures (docs/diagrams.md): wider ranks cross more in its plans.
const RANK_LIMIT: f64 = 700.0;
const NODE_SEP: f64 = 0.25;

/// The lines of a node's label ([`Diagram::label`]), wrapped; a topic's last line, its hours,
/// stays whole.
fn label_lines(
    roadmap: &Roadmap,
    diagram: &Diagram,
    i: usize,
    loc: &Localizer,
    lang: Option<&str>,
) -> Vec<String> {
    let mut label = diagram.label(roadmap, i, loc, lang);
    let last = match diagram.nodes[i].kind {
        NodeKind::Topic(_) => label.pop(),
        _ => None,
    };
    let mut lines: Vec<String> = label.iter().flat_map(|line| wrap(line, WRAP)).collect();
    lines.extend(last);
    lines
}

/// The small "or" circle a `one_of` group's alternatives point to.
fn junction(loc: &Localizer) -> Vec<Attribute> {
    vec![
        attr("label", shown(&loc.t("diagram-or"))),
        plain("shape", "circle"),
        plain("width", "0.3"),
        plain("fixedsize", "true"),
        plain("fontsize", "8"),
        plain("style", "filled"),
        plain("fillcolor", "white"),
        plain("color", OR_LINE),
        plain("fontcolor", OR_LINE),
    ]
}

/// How a mark looks, shared by the nodes and the legend. Marks are outlines, never a stage's
/// colour: a goal has a double outline, a topic being learned a thick dashed one, a known topic a
/// dotted one, white, with grey text.
fn mark_attrs(attrs: &mut Vec<Attribute>, known: bool, learning: bool, goal: bool) {
    if known {
        attrs.push(plain("style", "rounded,filled,dotted"));
        attrs.push(plain("fillcolor", "white"));
        attrs.push(plain("fontcolor", KNOWN_INK));
        attrs.push(plain("color", KNOWN_INK));
        attrs.push(plain("penwidth", "1.5"));
    } else if learning {
        attrs.push(plain("style", "rounded,filled,dashed"));
        attrs.push(plain("penwidth", "2.5"));
    }
    if goal {
        attrs.push(plain("peripheries", "2"));
        attrs.push(plain("penwidth", "2"));
    }
}

/// A stub: small, unfilled, with a dashed outline.
fn stub_attrs(attrs: &mut Vec<Attribute>) {
    attrs.push(plain("style", "rounded,dashed"));
    attrs.push(plain("fontsize", "9"));
    attrs.push(plain("fontcolor", KNOWN_INK));
    attrs.push(plain("color", SOFT_LINE));
}

fn role_attrs(attrs: &mut Vec<Attribute>) {
    attrs.push(plain("shape", "doubleoctagon"));
}

fn node_statement(
    roadmap: &Roadmap,
    diagram: &Diagram,
    i: usize,
    label: &[String],
    colours: &[Option<&'static str>],
    loc: &Localizer,
    lang: Option<&str>,
) -> Stmt {
    let node = diagram.nodes[i];
    let id = node_id(&name(roadmap, diagram, i));
    let parts: Vec<&str> = label.iter().map(String::as_str).collect();
    let t = match node.kind {
        NodeKind::Topic(t) => t,
        NodeKind::Junction(_) => return Stmt::Node(DotNode::new(id, junction(loc))),
        NodeKind::Stub(_) => {
            let mut attrs = vec![attr("label", lines(&parts))];
            stub_attrs(&mut attrs);
            mark_attrs(&mut attrs, node.known, node.learning, false);
            return Stmt::Node(DotNode::new(id, attrs));
        }
    };
    let topic = roadmap.topic(t);
    let mut attrs = vec![attr("label", lines(&parts))];
    // A known topic is drawn white (its mark), others in their stage's colour.
    if !node.known {
        attrs.push(plain("fillcolor", stage_fill(colours, topic.stage)));
    }
    if let Some(summary) = topic.summary_in(lang) {
        attrs.push(attr("tooltip", shown(summary)));
    }
    // Only web links become clickable: a `javascript:` or `file:` URL in a roadmap must not turn
    // into a link in an SVG someone opens.
    if let Some(url) = topic.resources_in(lang).find_map(|r| web_url(&r.url)) {
        attrs.push(plain("URL", &url));
        attrs.push(plain("target", "_blank"));
    }
    if topic.kind == TopicKind::Role {
        role_attrs(&mut attrs);
    }
    mark_attrs(&mut attrs, node.known, node.learning, node.goal);
    Stmt::Node(DotNode::new(id, attrs))
}

fn edge(from: &str, to: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(DotEdge {
        ty: EdgeTy::Pair(Vertex::N(node_id(from)), Vertex::N(node_id(to))),
        attributes,
    })
}

/// How each kind of edge is drawn, shared by the edges and the legend.
fn edge_attrs(kind: EdgeKind, into_junction: bool) -> Vec<Attribute> {
    let mut attrs = Vec::new();
    match kind {
        EdgeKind::Requires => {}
        EdgeKind::OneOf => {
            attrs.push(plain("color", OR_LINE));
            if into_junction {
                attrs.push(plain("arrowhead", "none"));
            }
        }
        EdgeKind::Recommends => {
            attrs.push(plain("style", "dashed"));
            attrs.push(plain("color", SOFT_LINE));
        }
    }
    attrs
}

/// Invisible edges `a -> b -> ...`, which keep nodes of one rank in this order.
fn in_order(names: &[String]) -> Option<Stmt> {
    (names.len() >= 2).then(|| {
        Stmt::Edge(DotEdge {
            ty: EdgeTy::Chain(names.iter().map(|n| Vertex::N(node_id(n))).collect()),
            attributes: vec![plain("style", "invis")],
        })
    })
}

/// `{rank=same; ...}` for these nodes.
fn same_rank(id: String, names: impl IntoIterator<Item = String>) -> Stmt {
    let mut stmts = vec![Stmt::Attribute(plain("rank", "same"))];
    stmts.extend(
        names
            .into_iter()
            .map(|n| Stmt::Node(DotNode::new(node_id(&n), vec![]))),
    );
    Stmt::Subgraph(Subgraph {
        id: quote(&id),
        stmts,
    })
}

/// A key in its own box below the drawing, one row per rank (each pinned to the ruler after the
/// last band): a topic, the three kinds of edge, the marks, and the stages' colours in order.
/// Every explanation is a label node of its own, so no text sits on a line.
fn legend(
    roadmap: &Roadmap,
    diagram: &Diagram,
    first_rank: u32,
    colours: &[Option<&'static str>],
    style: Style,
    lang: Option<&str>,
) -> (Stmt, u32) {
    let loc = Localizer::get(style.ui);
    let n = |id: &str, attrs: Vec<Attribute>| Stmt::Node(DotNode::new(node_id(id), attrs));
    let text = |id: &str, label: &str| {
        n(
            id,
            vec![
                attr("label", shown(label)),
                plain("shape", "plaintext"),
                plain("style", ""),
                plain("fontsize", "10"),
            ],
        )
    };
    let sample = |id: &str, label: &[&str]| n(id, vec![attr("label", lines(label))]);
    let mut stmts = vec![
        Stmt::Attribute(attr("label", shown(&loc.t("diagram-legend")))),
        Stmt::Attribute(plain("style", "rounded,dashed")),
        Stmt::Attribute(plain("color", SOFT_LINE)),
        Stmt::Attribute(plain("fillcolor", "white")),
    ];
    // Each row is a rank of its own, its items kept left to right.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let names = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    stmts.push(sample(
        "legend:topic",
        &[
            &loc.t("diagram-legend-topic"),
            &loc.t("diagram-legend-hours"),
        ],
    ));
    stmts.push(text(
        "legend:topic:text",
        &loc.t("diagram-legend-topic-text"),
    ));
    rows.push(names(&["legend:topic", "legend:topic:text"]));
    let has_kind = |kind: EdgeKind| diagram.edges.iter().any(|e| e.kind == kind);
    let pairs = [
        ("requires", EdgeKind::Requires, "diagram-legend-requires"),
        (
            "recommends",
            EdgeKind::Recommends,
            "diagram-legend-recommends",
        ),
    ];
    for (key, kind, explain) in pairs {
        if kind == EdgeKind::Recommends && !has_kind(kind) {
            continue;
        }
        let (a, b, t) = (
            format!("legend:{key}:a"),
            format!("legend:{key}:b"),
            format!("legend:{key}:text"),
        );
        // A above, B and the explanation below: an arrow as long as the graph's.
        stmts.push(sample(&a, &["A"]));
        stmts.push(sample(&b, &["B"]));
        stmts.push(text(&t, &loc.t(explain)));
        stmts.push(edge(&a, &b, edge_attrs(kind, false)));
        rows.push(vec![a]);
        rows.push(vec![b, t]);
    }
    if !diagram.junctions.is_empty() {
        // A one_of: A and B on one row, the "or" and C on the next.
        stmts.push(sample("legend:or:a", &["A"]));
        stmts.push(sample("legend:or:b", &["B"]));
        stmts.push(n("legend:or", junction(loc)));
        stmts.push(sample("legend:or:c", &["C"]));
        stmts.push(text("legend:or:text", &loc.t("diagram-legend-one-of")));
        for from in ["legend:or:a", "legend:or:b"] {
            stmts.push(edge(from, "legend:or", edge_attrs(EdgeKind::OneOf, true)));
        }
        stmts.push(edge(
            "legend:or",
            "legend:or:c",
            edge_attrs(EdgeKind::OneOf, false),
        ));
        rows.push(names(&["legend:or:a", "legend:or:b"]));
        rows.push(names(&["legend:or", "legend:or:c", "legend:or:text"]));
    }
    if diagram.nodes.iter().any(|n| n.is_stub()) {
        let mut attrs = vec![attr(
            "label",
            lines(&[
                &loc.t("diagram-legend-stub"),
                &loc.t("diagram-legend-stub-stage"),
            ]),
        )];
        stub_attrs(&mut attrs);
        stmts.push(n("legend:stub", attrs));
        stmts.push(text("legend:stub:text", &loc.t("diagram-legend-stub-text")));
        rows.push(names(&["legend:stub", "legend:stub:text"]));
    }
    // The marks the diagram shows.
    let any = |f: fn(&crate::diagram::Node) -> bool| diagram.nodes.iter().any(f);
    let has_role = diagram
        .nodes
        .iter()
        .any(|n| matches!(n.kind, NodeKind::Topic(t) if roadmap.topic(t).kind == TopicKind::Role));
    let mut marks = Vec::new();
    if has_role {
        let mut role = vec![attr("label", shown(&loc.t("diagram-legend-role")))];
        role_attrs(&mut role);
        marks.push(("legend:role", role));
    }
    for (id, label, known, learning, goal, shown_in) in [
        (
            "legend:goal",
            "diagram-legend-goal",
            false,
            false,
            true,
            any(|n| n.goal),
        ),
        (
            "legend:learning",
            "diagram-legend-learning",
            false,
            true,
            false,
            any(|n| n.learning),
        ),
        (
            "legend:known",
            "diagram-legend-known",
            true,
            false,
            false,
            any(|n| n.known),
        ),
    ] {
        if shown_in {
            let mut attrs = vec![attr("label", shown(&loc.t(label)))];
            mark_attrs(&mut attrs, known, learning, goal);
            marks.push((id, attrs));
        }
    }
    if !marks.is_empty() {
        let mut row = Vec::new();
        for (id, attrs) in marks {
            stmts.push(n(id, attrs));
            row.push(id.to_owned());
        }
        rows.push(row);
    }
    // The stages drawn, in order, as many to a row as fit.
    // Stages of roles only have no colour of their own: the role's shape above tells them.
    let mut stages: Vec<u32> = diagram
        .nodes
        .iter()
        .map(|n| n.stage)
        .filter(|&s| colours[s as usize].is_some())
        .collect();
    stages.dedup();
    let mut line: Vec<String> = Vec::new();
    let mut used = 0.0;
    for s in stages {
        let stage = &roadmap.stages[s as usize];
        let id = format!("legend:stage:{}", stage.id);
        let label = wrap(stage.title_in(lang), WRAP);
        let w = extent(&label, false) + NODE_SEP * 72.0;
        if !line.is_empty() && used + w > RANK_LIMIT {
            rows.push(std::mem::take(&mut line));
            used = 0.0;
        }
        used += w;
        let parts: Vec<&str> = label.iter().map(String::as_str).collect();
        stmts.push(n(
            &id,
            vec![
                attr("label", lines(&parts)),
                plain("fillcolor", stage_fill(colours, s)),
            ],
        ));
        line.push(id);
    }
    if !line.is_empty() {
        rows.push(line);
    }
    let count = rows.len() as u32;
    for (k, names) in rows.into_iter().enumerate() {
        let r = first_rank + k as u32;
        stmts.push(ruler_node(r));
        stmts.extend(in_order(&names));
        stmts.push(same_rank(
            format!("rank_{r}"),
            std::iter::once(rank_name(r)).chain(names),
        ));
    }
    (
        Stmt::Subgraph(Subgraph {
            id: quote("cluster_legend"),
            stmts,
        }),
        count,
    )
}

/// Builds the DOT graph of a diagram.
pub fn graph(
    roadmap: &Roadmap,
    diagram: &Diagram,
    style: Style,
    title: &str,
    lang: Option<&str>,
) -> Graph {
    let mut stmts = head(roadmap, diagram, style, title, lang);
    stmts.extend(tail(roadmap, diagram));
    Graph::DiGraph {
        id: quote("roadmap"),
        strict: false,
        stmts,
    }
}

/// The DOT text of a diagram: what [`print()`] makes of [`graph()`], byte for byte. The attributes,
/// clusters and nodes are printed as one graph; the edges are built and printed one at a time,
/// each as the single statement of a graph whose body is then taken, so a large roadmap never
/// holds every edge as a structure and as printed text at once (on 100,000 topics that was most
/// of `export`'s memory).
pub fn text(
    roadmap: &Roadmap,
    diagram: &Diagram,
    style: Style,
    title: &str,
    lang: Option<&str>,
) -> String {
    let head = print(&Graph::DiGraph {
        id: quote("roadmap"),
        strict: false,
        stmts: head(roadmap, diagram, style, title, lang),
    });
    let mut text = String::with_capacity(head.len() + diagram.edges.len() * 48);
    // `head` ends with the closing "\n}\n".
    text.push_str(head.strip_suffix("\n}\n").unwrap_or(&head));
    for stmt in tail(roadmap, diagram) {
        let one = print(&Graph::DiGraph {
            id: quote("roadmap"),
            strict: false,
            stmts: vec![stmt],
        });
        let body = one
            .split_once('\n')
            .map_or("", |(_, rest)| rest)
            .strip_suffix("\n}\n")
            .unwrap_or("");
        text.push('\n');
        text.push_str(body);
    }
    text.push_str("\n}\n");
    text
}

/// The graph's own attributes and the defaults of its nodes and edges.
fn defaults(title: &str, font: &str, style: Style) -> Vec<Stmt> {
    vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("label", shown(title)),
            plain("labelloc", "t"),
            plain("fontsize", "20"),
            plain("fontname", font),
            plain("rankdir", if style.left_to_right { "LR" } else { "TB" }),
            plain("newrank", "true"),
            plain("nodesep", &NODE_SEP.to_string()),
            plain("ranksep", "0.4"),
            // Edges that run behind a node are hidden by it rather than drawn over its label.
            plain("outputorder", "edgesfirst"),
            plain("bgcolor", "white"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            plain("shape", "box"),
            plain("style", "rounded,filled"),
            plain("fillcolor", "white"),
            plain("color", LINE),
            plain("fontcolor", INK),
            plain("fontname", font),
            plain("fontsize", "11"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            plain("color", LINE),
            plain("arrowsize", "0.7"),
            plain("fontname", font),
            plain("fontsize", "9"),
        ])),
    ]
}

/// The statements before the edges: graph, node and edge defaults, the nodes (in a box per
/// stage), the legend, and the ranks. The ranks are pinned by an invisible ruler, one node per
/// rank in a chain, and a `rank=same` group of each rank's nodes with its ruler node: so every
/// stage's band lies wholly after the previous one, as [`layout::bands`] placed them.
fn head(
    roadmap: &Roadmap,
    diagram: &Diagram,
    style: Style,
    title: &str,
    lang: Option<&str>,
) -> Vec<Stmt> {
    let labels: Vec<Vec<String>> = (0..diagram.nodes.len())
        .map(|i| label_lines(roadmap, diagram, i, Localizer::get(style.ui), lang))
        .collect();
    let font = font_for(
        std::iter::once(title)
            .chain(labels.iter().flatten().map(String::as_str))
            .chain(
                diagram
                    .nodes
                    .iter()
                    .map(|n| roadmap.stages[n.stage as usize].title_in(lang)),
            ),
    );
    let mut stmts = defaults(title, &font, style);
    let colours = stage_colours(roadmap);
    let extents: Vec<f64> = labels
        .iter()
        .map(|l| extent(l, style.left_to_right))
        .collect();
    let bands = layout::bands(diagram, &extents, NODE_SEP * 72.0, RANK_LIMIT);
    let mut by_rank: Vec<Vec<String>> = vec![Vec::new(); bands.ranks as usize];
    for (i, &r) in bands.rank.iter().enumerate() {
        by_rank[r as usize].push(name(roadmap, diagram, i));
    }
    // Each rank: its ruler node and its `rank=same` group, inside the stage's box when there is
    // one (so the ruler runs through every box like a spine and the boxes stack in a column).
    let pin = |stmts: &mut Vec<Stmt>, first: u32, height: u32| {
        for r in first..first + height {
            stmts.push(ruler_node(r));
            stmts.push(same_rank(
                format!("rank_{r}"),
                std::iter::once(rank_name(r)).chain(by_rank[r as usize].iter().cloned()),
            ));
        }
    };
    let loc = Localizer::get(style.ui);
    let node = |i: usize| node_statement(roadmap, diagram, i, &labels[i], &colours, loc, lang);
    for band in &bands.bands {
        let members = |stub: bool| {
            (0..diagram.nodes.len()).filter(move |&i| {
                diagram.nodes[i].stage == band.stage && diagram.nodes[i].is_stub() == stub
            })
        };
        // Stubs stand just before the box of the topics they feed, outside it.
        stmts.extend(members(true).map(node));
        pin(&mut stmts, band.stubs.0, band.stubs.1);
        // Without boxes, each band is still a cluster, an invisible one: the layout is the
        // same, the stages told apart by their colours.
        let s = &roadmap.stages[band.stage as usize];
        let mut inner = if style.clusters {
            vec![
                Stmt::Attribute(attr("label", shown(s.title_in(lang)))),
                Stmt::Attribute(plain("style", "rounded,filled")),
                Stmt::Attribute(plain("fillcolor", BOX_FILL)),
                Stmt::Attribute(plain("color", stage_line(&colours, band.stage))),
                // A box without a colour of its own (roles) has a thin dark outline.
                Stmt::Attribute(plain(
                    "penwidth",
                    if colours[band.stage as usize].is_some() {
                        "3"
                    } else {
                        "1.5"
                    },
                )),
                Stmt::Attribute(plain("fontname", &font)),
                Stmt::Attribute(plain("fontsize", "14")),
            ]
        } else {
            vec![Stmt::Attribute(plain("style", "invis"))]
        };
        inner.extend(members(false).map(node));
        pin(&mut inner, band.topics.0, band.topics.1);
        stmts.push(Stmt::Subgraph(Subgraph {
            id: quote(&format!("cluster_{}", s.id)),
            stmts: inner,
        }));
    }
    let mut ranks = bands.ranks;
    if style.legend {
        let (legend, rows) = legend(roadmap, diagram, ranks, &colours, style, lang);
        stmts.push(legend);
        ranks += rows;
    }
    // The spine: the ruler nodes in a chain, which orders the ranks and, pulled straight,
    // stacks the boxes it runs through. A second chain outside every box, the wall, holds each
    // ruler node by an invisible edge, so that the boxes line up along it rather than drift
    // sideways after the lines between them.
    let ruler: Vec<String> = (0..ranks).map(rank_name).collect();
    let wall: Vec<String> = (0..ranks).map(|r| format!("wall:{r}")).collect();
    // Weights found by measuring the built-in roadmap's pictures (docs/diagrams.md): the wall
    // straighter than the spine, and each rank held to it as firmly as the spine is straight.
    let (spine_w, wall_w, hold_w) = ("10", "100", "10");
    for (r, w) in wall.iter().enumerate() {
        stmts.push(Stmt::Node(DotNode::new(node_id(w), invisible_point())));
        stmts.push(same_rank(
            format!("wall_{r}"),
            [w.clone(), ruler[r].clone()],
        ));
        let mut hold = edge(w, &ruler[r], vec![plain("style", "invis")]);
        if let Stmt::Edge(e) = &mut hold {
            e.attributes.push(plain("weight", hold_w));
        }
        stmts.push(hold);
    }
    // Each link of the two chains an edge of its own: graphviz-rust prints a chain by
    // repeated concatenation, which takes quadratic time on a large roadmap's thousands of ranks.
    for (chain, weight) in [(&ruler, spine_w), (&wall, wall_w)] {
        for pair in chain.windows(2) {
            stmts.push(edge(
                &pair[0],
                &pair[1],
                vec![plain("style", "invis"), plain("weight", weight)],
            ));
        }
    }
    stmts
}

fn invisible_point() -> Vec<Attribute> {
    vec![
        plain("style", "invis"),
        plain("shape", "point"),
        plain("width", "0"),
        plain("height", "0"),
        plain("label", ""),
    ]
}

/// The invisible node that pins rank `r`.
fn ruler_node(r: u32) -> Stmt {
    Stmt::Node(DotNode::new(node_id(&rank_name(r)), invisible_point()))
}

/// The edges, made as they are needed. An edge that would run against the ranks (a requirement
/// in a later stage) does not move its nodes: `constraint=false`.
fn tail<'a>(roadmap: &'a Roadmap, diagram: &'a Diagram) -> impl Iterator<Item = Stmt> + 'a {
    // Each node's name made once, not once per edge.
    let names: Vec<String> = (0..diagram.nodes.len())
        .map(|i| name(roadmap, diagram, i))
        .collect();
    diagram.edges.iter().map(move |e| {
        let into_junction = matches!(diagram.nodes[e.to].kind, NodeKind::Junction(_));
        let mut attrs = edge_attrs(e.kind, into_junction);
        if diagram.nodes[e.from].stage > diagram.nodes[e.to].stage {
            attrs.push(plain("constraint", "false"));
        }
        edge(&names[e.from], &names[e.to], attrs)
    })
}

/// The lines of a stage's label in the overview: its title, then how many topics (and roles)
/// it holds and their hours.
pub fn overview_label(
    roadmap: &Roadmap,
    node: &StageNode,
    loc: &Localizer,
    lang: Option<&str>,
) -> Vec<String> {
    let mut label = vec![
        roadmap.stages[node.stage as usize]
            .title_in(lang)
            .to_owned(),
    ];
    if node.topics > 0 {
        label.push(loc.text(&msg!(
            "diagram-overview-topics",
            count = node.topics,
            hours = format_hours(node.hours)
        )));
    }
    if node.roles > 0 {
        label.push(loc.text(&msg!("diagram-overview-roles", count = node.roles)));
    }
    if node.known > 0 {
        label.push(loc.text(&msg!("diagram-overview-known", count = node.known)));
    }
    label
}

/// The DOT graph of an overview: a node per stage, in the stages' colours, and an edge labelled
/// with how many requirements lead from one stage to the next.
pub fn overview_graph(
    roadmap: &Roadmap,
    overview: &Overview,
    style: Style,
    title: &str,
    lang: Option<&str>,
) -> Graph {
    let labels: Vec<Vec<String>> = overview
        .stages
        .iter()
        .map(|n| overview_label(roadmap, n, Localizer::get(style.ui), lang))
        .collect();
    let font = font_for(std::iter::once(title).chain(labels.iter().flatten().map(String::as_str)));
    let mut stmts = defaults(title, &font, style);
    let colours = stage_colours(roadmap);
    for (node, label) in overview.stages.iter().zip(&labels) {
        let stage = &roadmap.stages[node.stage as usize];
        let parts: Vec<&str> = label.iter().map(String::as_str).collect();
        let mut attrs = vec![
            attr("label", lines(&parts)),
            plain("fillcolor", stage_fill(&colours, node.stage)),
            plain("fontsize", "12"),
            plain("margin", "0.15,0.08"),
        ];
        if let Some(summary) = stage.summary_in(lang) {
            attrs.push(attr("tooltip", shown(summary)));
        }
        stmts.push(Stmt::Node(DotNode::new(
            node_id(&format!("stage:{}", stage.id)),
            attrs,
        )));
    }
    for e in &overview.edges {
        let mut attrs = edge_attrs(e.kind, false);
        attrs.push(plain("label", &e.requirements.to_string()));
        let (from, to) = (
            &roadmap.stages[e.from as usize].id,
            &roadmap.stages[e.to as usize].id,
        );
        let tooltip = msg!("diagram-overview-requirements", count = e.requirements);
        attrs.push(attr(
            "tooltip",
            shown(&Localizer::get(style.ui).text(&tooltip)),
        ));
        if e.from > e.to {
            attrs.push(plain("constraint", "false"));
        }
        stmts.push(edge(
            &format!("stage:{from}"),
            &format!("stage:{to}"),
            attrs,
        ));
    }
    Graph::DiGraph {
        id: quote("roadmap"),
        strict: false,
        stmts,
    }
}

/// The DOT text of a graph, ending with a newline.
pub fn print(graph: &Graph) -> String {
    let mut ctx = PrinterContext::default();
    let mut text = graph.print(&mut ctx);
    text.push('\n');
    text
}

/// Output formats Graphviz renders to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    Svg,
    Png,
    Pdf,
}

/// Lays the graph out with Graphviz's `dot` and returns the image (see [`layout_text`]).
pub fn layout(graph: Graph, format: ImageFormat, limit: Option<Duration>) -> Result<Vec<u8>> {
    layout_text(print(&graph), format, limit)
}

/// Lays DOT already printed (see [`text()`]) out with Graphviz's `dot` and returns the image.
/// A missing `dot` is [`Error::GraphvizMissing`]. With a `limit`, a `dot` still working when it
/// passes is killed (and waited for) and the result is [`Error::GraphvizTimeout`]: `dot` on a
/// large graph can run for hours, silently.
pub fn layout_text(dot: String, format: ImageFormat, limit: Option<Duration>) -> Result<Vec<u8>> {
    let flag = match format {
        ImageFormat::Svg => "-Tsvg",
        ImageFormat::Png => "-Tpng",
        ImageFormat::Pdf => "-Tpdf",
    };
    let mut child = Command::new("dot")
        .arg(flag)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => Error::GraphvizMissing,
            _ => Error::Graphviz(e.to_string()),
        })?;
    // Three threads, so that neither side waits on a full pipe while the clock is watched here.
    let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        unreachable!("all three streams are piped");
    };
    // A `dot` that stops reading early (a syntax error, killed) is not this thread's error.
    let writer = thread::spawn(move || drop(stdin.write_all(dot.as_bytes())));
    let image = thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.read_to_end(&mut bytes).map(|_| bytes)
    });
    let complaints = thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).trim().to_owned()
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|e| Error::Graphviz(e.to_string()))?
        {
            break Some(status);
        }
        if limit.is_some_and(|l| started.elapsed() >= l) {
            // Killed, then reaped: no `dot` is left running, and the pipes close for the threads.
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(POLL);
    };
    let _ = writer.join();
    let image = image.join().unwrap_or_else(|_| Ok(Vec::new()));
    let complaints = complaints.join().unwrap_or_default();
    match status {
        None => Err(Error::GraphvizTimeout {
            seconds: limit.map_or(0, |l| l.as_secs()),
        }),
        Some(status) if !status.success() => Err(Error::Graphviz(if complaints.is_empty() {
            status.to_string()
        } else {
            complaints
        })),
        Some(_) => image.map_err(|e| Error::Graphviz(e.to_string())),
    }
}

/// How often a running `dot` is looked at: a kill comes at most this late.
const POLL: Duration = Duration::from_millis(20);

#[cfg(test)]
mod tests {
    use super::*;

    fn text(id: Id) -> String {
        match id {
            Id::Escaped(s) => s,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn quoting_escapes_what_could_break_out() {
        assert_eq!(text(quote("plain")), "\"plain\"");
        assert_eq!(
            text(quote(r#"x" shape=box image="/etc/passwd"#)),
            r#""x\" shape=box image=\"/etc/passwd""#
        );
        assert_eq!(text(quote("a\\b")), r#""a\\b""#);
        assert_eq!(text(quote("two\nlines\r\n")), r#""two\nlines\n""#);
        assert_eq!(text(quote("<b>{x|y}</b>")), "\"<b>{x|y}</b>\"");
        assert_eq!(text(quote("bell\u{7}")), "\"bell\"");
        assert_eq!(text(lines(&["A \"b\"", "3 h"])), r#""A \"b\"\n3 h""#);
        assert_eq!(
            text(shown("R&D &lt;b&gt;")),
            "\"R&amp;D &amp;lt;b&amp;gt;\""
        );
    }

    #[test]
    fn text_prints_what_the_printer_prints_for_the_whole_graph() {
        let text = "[roadmap]\ntitle = \"T & \\\"q\\\"\"\n[[stage]]\nid = \"s\"\ntitle = \"S\"\n\
                    [[topic]]\nid = \"a\"\ntitle = \"A\"\nstage = \"s\"\nhours = 1\n\
                    [[topic]]\nid = \"b\"\ntitle = \"B\"\nstage = \"s\"\nhours = 1\n\
                    [[topic]]\nid = \"c\"\ntitle = \"C\"\nstage = \"s\"\nhours = 1\n\
                    requires = [\"a\", { one_of = [\"a\", \"b\"] }]\nrecommends = [\"b\"]\n";
        let roadmap = crate::validate::roadmap_from_str(text);
        let diagram = crate::diagram::build(&roadmap, &Default::default());
        for clusters in [true, false] {
            for legend in [true, false] {
                let style = Style {
                    clusters,
                    left_to_right: false,
                    legend,
                    ui: Ui::En,
                };
                assert_eq!(
                    super::text(&roadmap, &diagram, style, "T", None),
                    print(&graph(&roadmap, &diagram, style, "T", None))
                );
            }
        }
    }

    #[test]
    fn wrapping_keeps_words_and_closing_marks_together() {
        assert_eq!(
            wrap("Data pipelines and workflow orchestration", 22),
            ["Data pipelines and", "workflow orchestration"]
        );
        assert_eq!(wrap("two\nlines", 22), ["two", "lines"]);
        assert_eq!(
            wrap("梯度提升库（XGBoost、LightGBM、CatBoost）", 22),
            ["梯度提升库（XGBoost、", "LightGBM、CatBoost）"]
        );
        assert_eq!(
            wrap("生态（HDFS、YARN、Hive）", 20),
            ["生态（HDFS、YARN、", "Hive）"]
        );
        assert_eq!(
            wrap("aaaaaaaaaaaa", 5),
            ["aaaaa", "aaaaa", "aa"],
            "a word longer than a line"
        );
        // A decomposed `é` (e and a combining accent) before a closing mark moves with it.
        assert_eq!(wrap("线性代数:;e\u{301}]", 11), ["线性代数:;", "e\u{301}]"]);
        assert_eq!(
            wrap("线性代数:;e\u{301}\t]", 11),
            ["线性代数:;", "e\u{301}]"]
        );
        // A tab is not shown, so it does not part the word around it.
        assert_eq!(wrap("线性代数0aa0\tAA0", 10), ["线性代数", "0aa0AA0"]);
    }

    #[test]
    fn urls_are_web_links_encoded_for_svg_attributes() {
        assert_eq!(
            web_url("https://example.org/a?b=1").as_deref(),
            Some("https://example.org/a?b=1")
        );
        assert_eq!(web_url("https://example.org/a?b=1&c=2"), None);
        assert_eq!(
            web_url("https://example.org/?q=\"><script>").as_deref(),
            Some("https://example.org/?q=%22%3E%3Cscript%3E")
        );
        assert_eq!(web_url("javascript:alert(1)"), None);
        assert_eq!(web_url("file:///etc/passwd"), None);
    }
}

//! Trees of topics in the shape `cargo tree` users know (`├──`, `└──`, `(*)`), as text and as
//! nested JSON. Both are written line by line from the flat node list, never recursively, and
//! indentation is capped so a 100,000-deep chain prints in linear space.

use std::io::Write;

use crate::graph::EdgeKind;
use crate::i18n::Localizer;
use crate::model::{Roadmap, TopicKind, format_hours};
use crate::msg;
use crate::query::{Node, NodeKind};
use crate::render::text::{DIM, HOURS, ID, paint};
use crate::terminal;

/// Levels of indentation drawn before the rest is elided with `…`.
const MAX_DRAWN_LEVELS: usize = 40;

fn label(roadmap: &Roadmap, node: &Node, lang: Option<&str>, loc: &Localizer) -> String {
    let NodeKind::Topic(t) = node.kind else {
        return paint(DIM, loc.t("tree-one-of")).to_string();
    };
    let topic = roadmap.topic(t);
    let size = match (topic.kind, topic.hours) {
        (TopicKind::Role, _) => loc.t("kind-role"),
        (_, Some(h)) => format!("{} h", format_hours(h)),
        (_, None) => "? h".to_owned(),
    };
    let mut s = format!(
        "{} ({}, {})",
        paint(ID, &topic.id),
        terminal::line(topic.title_in(lang)),
        paint(HOURS, size)
    );
    match node.via {
        Some(EdgeKind::Recommends) => {
            s.push_str(&paint(DIM, format!(" {}", loc.t("tree-via-recommends"))).to_string())
        }
        Some(EdgeKind::OneOf) => {
            s.push_str(&paint(DIM, format!(" {}", loc.t("tree-via-one-of"))).to_string())
        }
        _ => {}
    }
    if node.seen {
        s.push_str(" (*)");
    }
    s
}

/// Writes a tree as text, one node a line.
pub fn write_text(
    out: &mut dyn Write,
    roadmap: &Roadmap,
    nodes: &[Node],
    lang: Option<&str>,
    loc: &Localizer,
) -> std::io::Result<()> {
    write_text_with(out, roadmap, nodes, lang, loc, |_| None)
}

/// Writes a tree as text, with `note(i)`, when there is one, after node `i`'s label (and a
/// space).
pub fn write_text_with(
    out: &mut dyn Write,
    roadmap: &Roadmap,
    nodes: &[Node],
    lang: Option<&str>,
    loc: &Localizer,
    note: impl Fn(usize) -> Option<String>,
) -> std::io::Result<()> {
    // For each open level, whether the node there was its parent's last child.
    let mut last_at: Vec<bool> = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let mut line = String::new();
        if node.depth > 0 {
            last_at.truncate(node.depth - 1);
            let skip = last_at.len().saturating_sub(MAX_DRAWN_LEVELS);
            if skip > 0 {
                line.push_str(&format!(
                    "… ({}) ",
                    loc.text(&msg!("tree-levels", count = skip))
                ));
            }
            for &last in &last_at[skip..] {
                line.push_str(if last { "    " } else { "│   " });
            }
            line.push_str(if node.last {
                "└── "
            } else {
                "├── "
            });
            last_at.push(node.last);
        }
        line.push_str(&label(roadmap, node, lang, loc));
        if let Some(n) = note(i) {
            line.push_str(&paint(DIM, format!(" {n}")).to_string());
        }
        writeln!(out, "{line}")?;
    }
    let shown_seen = nodes.iter().any(|n| n.seen);
    if shown_seen {
        writeln!(out, "{}", paint(DIM, loc.t("tree-seen-note")))?;
    }
    Ok(())
}

/// Writes a tree as nested JSON: each topic `{"id","title","hours",...,"<children_key>": [...]}`,
/// each `one_of` group `{"one_of": [...]}`.
pub fn write_json(
    out: &mut dyn Write,
    roadmap: &Roadmap,
    nodes: &[Node],
    lang: Option<&str>,
    children_key: &str,
) -> std::io::Result<()> {
    let quote = crate::render::json::string;
    // Depths of the nodes whose child arrays are open; `empty`: the innermost has no child yet.
    let mut open: Vec<usize> = Vec::new();
    let mut empty = true;
    let close = |out: &mut dyn Write, open: &mut Vec<usize>, empty: &mut bool| {
        open.pop();
        if *empty {
            write!(out, "]}}")
        } else {
            write!(out, "\n{}]}}", indent(open.len()))
        }
        .map(|()| *empty = false)
    };
    for node in nodes {
        while open.last().is_some_and(|&d| d >= node.depth) {
            close(out, &mut open, &mut empty)?;
        }
        if !open.is_empty() {
            writeln!(out, "{}", if empty { "" } else { "," })?;
        }
        write!(out, "{}", indent(open.len()))?;
        match node.kind {
            NodeKind::OneOf => write!(out, "{{\"one_of\": [")?,
            NodeKind::Topic(t) => {
                let topic = roadmap.topic(t);
                let hours = topic.hours.map_or("null".to_owned(), |h| {
                    serde_json::to_string(&crate::render::json::Hours(h))
                        .expect("numbers serialize")
                });
                write!(
                    out,
                    "{{\"id\": {}, \"title\": {}, \"hours\": {hours}",
                    quote(&topic.id),
                    quote(topic.title_in(lang)),
                )?;
                match node.via {
                    Some(EdgeKind::Recommends) => write!(out, ", \"via\": \"recommends\"")?,
                    Some(EdgeKind::OneOf) => write!(out, ", \"via\": \"one_of\"")?,
                    _ => {}
                }
                if node.seen {
                    write!(out, ", \"seen\": true")?;
                }
                if node.cut {
                    write!(out, ", \"truncated\": true")?;
                }
                write!(out, ", {}: [", quote(children_key))?;
            }
        }
        open.push(node.depth);
        empty = true;
    }
    while !open.is_empty() {
        close(out, &mut open, &mut empty)?;
    }
    writeln!(out)
}

fn indent(level: usize) -> String {
    "  ".repeat(level.min(MAX_DRAWN_LEVELS))
}

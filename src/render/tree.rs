//! Trees of topics in the shape `cargo tree` users know (`├──`, `└──`, `(*)`), as text and as
//! nested JSON. Both are written node by node as the tree is walked, never recursively and
//! without holding the tree, and indentation is capped so a 100,000-deep chain prints in linear
//! space.

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

/// A tree written as text, one node a line, as the nodes come (see [`crate::query::walk_tree`]).
pub struct TextTree<'a> {
    roadmap: &'a Roadmap,
    lang: Option<&'a str>,
    loc: &'a Localizer,
    /// For each open level, whether the node there was its parent's last child.
    last_at: Vec<bool>,
    any_seen: bool,
}

impl<'a> TextTree<'a> {
    pub fn new(roadmap: &'a Roadmap, lang: Option<&'a str>, loc: &'a Localizer) -> TextTree<'a> {
        TextTree {
            roadmap,
            lang,
            loc,
            last_at: Vec::new(),
            any_seen: false,
        }
    }

    pub fn node(&mut self, out: &mut dyn Write, node: &Node) -> std::io::Result<()> {
        self.noted(out, node, None)
    }

    /// A node with a note after its label (and a space), when there is one.
    pub fn noted(
        &mut self,
        out: &mut dyn Write,
        node: &Node,
        note: Option<&str>,
    ) -> std::io::Result<()> {
        let mut line = String::new();
        if node.depth > 0 {
            self.last_at.truncate(node.depth - 1);
            let skip = self.last_at.len().saturating_sub(MAX_DRAWN_LEVELS);
            if skip > 0 {
                line.push_str(&format!(
                    "… ({}) ",
                    self.loc.text(&msg!("tree-levels", count = skip))
                ));
            }
            for &last in &self.last_at[skip..] {
                line.push_str(if last { "    " } else { "│   " });
            }
            line.push_str(if node.last {
                "└── "
            } else {
                "├── "
            });
            self.last_at.push(node.last);
        }
        line.push_str(&label(self.roadmap, node, self.lang, self.loc));
        if let Some(n) = note {
            line.push_str(&paint(DIM, format!(" {n}")).to_string());
        }
        self.any_seen |= node.seen;
        writeln!(out, "{line}")
    }

    /// The note under a tree that marked repeated subtrees.
    pub fn finish(self, out: &mut dyn Write) -> std::io::Result<()> {
        if self.any_seen {
            writeln!(out, "{}", paint(DIM, self.loc.t("tree-seen-note")))?;
        }
        Ok(())
    }
}

/// Writes a tree held as a list as text, with `note(i)`, when there is one, after node `i`'s
/// label (and a space).
pub fn write_text_with(
    out: &mut dyn Write,
    roadmap: &Roadmap,
    nodes: &[Node],
    lang: Option<&str>,
    loc: &Localizer,
    note: impl Fn(usize) -> Option<String>,
) -> std::io::Result<()> {
    let mut text = TextTree::new(roadmap, lang, loc);
    for (i, node) in nodes.iter().enumerate() {
        text.noted(out, node, note(i).as_deref())?;
    }
    text.finish(out)
}

/// A tree written as nested JSON, as the nodes come: each topic
/// `{"id","title","hours",...,"<children_key>": [...]}`, each `one_of` group `{"one_of": [...]}`.
pub struct JsonTree<'a> {
    roadmap: &'a Roadmap,
    lang: Option<&'a str>,
    children_key: &'a str,
    /// Depths of the nodes whose child arrays are open.
    open: Vec<usize>,
    /// Whether the innermost open array has no child yet.
    empty: bool,
}

impl<'a> JsonTree<'a> {
    pub fn new(roadmap: &'a Roadmap, lang: Option<&'a str>, children_key: &'a str) -> JsonTree<'a> {
        JsonTree {
            roadmap,
            lang,
            children_key,
            open: Vec::new(),
            empty: true,
        }
    }

    fn close(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        self.open.pop();
        if self.empty {
            write!(out, "]}}")?;
        } else {
            write!(out, "\n{}]}}", indent(self.open.len()))?;
        }
        self.empty = false;
        Ok(())
    }

    pub fn node(&mut self, out: &mut dyn Write, node: &Node) -> std::io::Result<()> {
        let quote = crate::render::json::string;
        while self.open.last().is_some_and(|&d| d >= node.depth) {
            self.close(out)?;
        }
        if !self.open.is_empty() {
            writeln!(out, "{}", if self.empty { "" } else { "," })?;
        }
        write!(out, "{}", indent(self.open.len()))?;
        match node.kind {
            NodeKind::OneOf => write!(out, "{{\"one_of\": [")?,
            NodeKind::Topic(t) => {
                let topic = self.roadmap.topic(t);
                let hours = topic.hours.map_or("null".to_owned(), |h| {
                    serde_json::to_string(&crate::render::json::Hours(h))
                        .expect("numbers serialize")
                });
                write!(
                    out,
                    "{{\"id\": {}, \"title\": {}, \"hours\": {hours}",
                    quote(&topic.id),
                    quote(topic.title_in(self.lang)),
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
                write!(out, ", {}: [", quote(self.children_key))?;
            }
        }
        self.open.push(node.depth);
        self.empty = true;
        Ok(())
    }

    pub fn finish(mut self, out: &mut dyn Write) -> std::io::Result<()> {
        while !self.open.is_empty() {
            self.close(out)?;
        }
        writeln!(out)
    }
}

fn indent(level: usize) -> String {
    "  ".repeat(level.min(MAX_DRAWN_LEVELS))
}

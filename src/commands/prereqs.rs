//! `roadmap prereqs TOPIC`: what a topic requires, as a `cargo tree`-style tree or a flat list in
//! plan order. The tree machinery is shared with `unlocks`.

use crate::cli::{TextOrJson, TreeArgs};
use crate::commands::{Ctx, list};
use std::ops::ControlFlow;

use crate::error::{Error, Result};
use crate::lookup;
use crate::msg;
use crate::query::{self, Direction, TreeOptions};
use crate::render::json::{self, TopicJson};
use crate::render::tree;

pub fn run(ctx: &mut Ctx, args: &TreeArgs) -> Result<u8> {
    let options = TreeOptions {
        direction: Direction::Prereqs,
        depth: args.depth,
        dedupe: !args.no_dedupe,
        with_recommended: args.with_recommended,
    };
    show(ctx, &args.topic, options, args.flat, args.format)
}

/// Prints the tree (or flat set) around one topic.
pub fn show(
    ctx: &mut Ctx,
    topic: &str,
    options: TreeOptions,
    flat: bool,
    format: TextOrJson,
) -> Result<u8> {
    let roadmap = ctx.roadmap()?;
    let root = lookup::topic(&roadmap, topic)?;
    let lang = ctx.lang();
    let children_key = match options.direction {
        Direction::Prereqs => "requires",
        Direction::Unlocks => "unlocks",
    };
    if flat {
        let mut topics =
            query::closure(&roadmap, root, options.direction, options.with_recommended);
        if let Some(depth) = options.depth {
            let within: hashbrown::HashSet<_> = query::tree(
                &roadmap,
                root,
                TreeOptions {
                    depth: Some(depth),
                    dedupe: true,
                    ..options
                },
            )
            .into_iter()
            .filter_map(|n| match n.kind {
                query::NodeKind::Topic(t) => Some(t),
                query::NodeKind::OneOf => None,
            })
            .collect();
            topics.retain(|t| within.contains(t));
        }
        match format {
            TextOrJson::Json => {
                let items: Vec<TopicJson> = topics
                    .iter()
                    .map(|&t| TopicJson::new(&roadmap, t, lang))
                    .collect();
                json::write(ctx.out, &items)?;
            }
            TextOrJson::Text => list::write_text(ctx.out, &roadmap, &topics, lang, ctx.loc)?,
        }
        return Ok(0);
    }
    // Without dedupe a tree repeats every shared subtree wherever it is met, which on a chain of
    // diamonds doubles at each level: count it first (the walk stops at the limit) and refuse
    // it whole rather than print a part or run out of memory.
    if !options.dedupe {
        let mut lines = 0usize;
        query::walk_tree(&roadmap, root, options, |_| {
            lines += 1;
            if lines > MAX_REPEATED_LINES {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        if lines > MAX_REPEATED_LINES {
            return Err(Error::Query(msg!(
                "tree-too-large",
                limit = MAX_REPEATED_LINES,
                topic = roadmap.topic(root).id.as_str()
            )));
        }
    }
    // Written as it is walked: the output starts at once and nothing is held.
    let mut failed = None;
    let out = &mut *ctx.out;
    match format {
        TextOrJson::Json => {
            let mut json = tree::JsonTree::new(&roadmap, lang, children_key);
            query::walk_tree(&roadmap, root, options, |n| {
                stop_on(json.node(out, &n), &mut failed)
            });
            if failed.is_none() {
                json.finish(out)?;
            }
        }
        TextOrJson::Text => {
            let mut text = tree::TextTree::new(&roadmap, lang, ctx.loc);
            query::walk_tree(&roadmap, root, options, |n| {
                stop_on(text.node(out, &n), &mut failed)
            });
            if failed.is_none() {
                text.finish(out)?;
            }
        }
    }
    match failed {
        Some(e) => Err(e.into()),
        None => Ok(0),
    }
}

/// Most lines a tree with `--no-dedupe` may have; past it, the tree is refused.
pub const MAX_REPEATED_LINES: usize = 1_000_000;

/// Continues a walk while writing succeeds; keeps the first error.
fn stop_on(result: std::io::Result<()>, failed: &mut Option<std::io::Error>) -> ControlFlow<()> {
    match result {
        Ok(()) => ControlFlow::Continue(()),
        Err(e) => {
            *failed = Some(e);
            ControlFlow::Break(())
        }
    }
}

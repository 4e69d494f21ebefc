//! `roadmap prereqs TOPIC`: what a topic requires, as a `cargo tree`-style tree or a flat list in
//! plan order. The tree machinery is shared with `unlocks`.

use crate::cli::{TextOrJson, TreeArgs};
use crate::commands::{Ctx, list};
use crate::error::Result;
use crate::lookup;
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
    let nodes = query::tree(&roadmap, root, options);
    match format {
        TextOrJson::Json => tree::write_json(ctx.out, &roadmap, &nodes, lang, children_key)?,
        TextOrJson::Text => tree::write_text(ctx.out, &roadmap, &nodes, lang, ctx.loc)?,
    }
    Ok(0)
}

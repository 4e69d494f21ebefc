//! `roadmap unlocks TOPIC`: the topics that require a topic, directly or through others (an
//! alternative of a `one_of` counts), in the shapes of `prereqs`.

use crate::cli::UnlocksArgs;
use crate::commands::{Ctx, prereqs};
use crate::error::Result;
use crate::query::{Direction, TreeOptions};

pub fn run(ctx: &mut Ctx, args: &UnlocksArgs) -> Result<u8> {
    let options = TreeOptions {
        direction: Direction::Unlocks,
        depth: args.depth,
        dedupe: !args.no_dedupe,
        with_recommended: args.with_recommended,
    };
    prereqs::show(ctx, &args.topic, options, args.flat, args.format)
}

//! `roadmap path FROM TO`: how one topic leads to another, each topic a requirement of the next.

use serde::Serialize;

use crate::cli::{PathArgs, TextOrJson};
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::lookup;
use crate::msg;
use crate::query;
use crate::render::json;
use crate::render::text::{DIM, ID, paint};
use crate::terminal::line;

#[derive(Serialize)]
struct PathsJson<'a> {
    from: &'a str,
    to: &'a str,
    paths: Vec<Vec<&'a str>>,
}

pub fn run(ctx: &mut Ctx, args: &PathArgs) -> Result<u8> {
    let roadmap = ctx.roadmap()?;
    let from = lookup::topic(&roadmap, &args.from)?;
    let to = lookup::topic(&roadmap, &args.to)?;
    let max = if args.all { args.max as usize } else { 1 };
    let paths = query::paths(&roadmap, from, to, max);
    let id = |t: &u32| roadmap.topic(*t).id.as_str();
    if paths.is_empty() {
        return Err(Error::Query(if from == to {
            msg!("path-same-topic", from = id(&from), to = id(&to))
        } else {
            msg!("path-none", from = id(&from), to = id(&to))
        }));
    }
    match args.format {
        TextOrJson::Json => json::write(
            ctx.out,
            &PathsJson {
                from: id(&from),
                to: id(&to),
                paths: paths.iter().map(|p| p.iter().map(id).collect()).collect(),
            },
        )?,
        TextOrJson::Text => {
            let lang = ctx.lang();
            for (i, p) in paths.iter().enumerate() {
                if args.all {
                    let steps = p.len() - 1;
                    writeln!(
                        ctx.out,
                        "{}{}",
                        if i > 0 { "\n" } else { "" },
                        paint(
                            DIM,
                            ctx.loc
                                .text(&msg!("path-steps", number = i + 1, count = steps))
                        )
                    )?;
                }
                for (j, t) in p.iter().enumerate() {
                    let arrow = if j == 0 { "   " } else { "-> " };
                    writeln!(
                        ctx.out,
                        "{arrow}{} ({})",
                        paint(ID, id(t)),
                        line(roadmap.topic(*t).title_in(lang))
                    )?;
                }
            }
        }
    }
    Ok(0)
}

//! `roadmap check`: validate the roadmap and report every finding, compiler style or as JSON;
//! with `--links`, fetch every resource URL too (see [`crate::links`]).

use serde::Serialize;

use crate::cli::{CheckArgs, TextOrJson};
use crate::commands::Ctx;
use crate::diagnostic::{FindingJson, Severity};
use crate::error::{EXIT_FAILURE, Result};
use crate::links;
use crate::render::json;
use crate::render::text::{self, ERROR, WARN, paint};

#[derive(Serialize)]
struct Report<'a> {
    topics: usize,
    edges: usize,
    stages: usize,
    errors: Vec<FindingJson<'a>>,
    warnings: Vec<FindingJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    links: Option<links::Summary>,
}

pub fn run(ctx: &mut Ctx, args: &CheckArgs) -> Result<u8> {
    let mut links = None;
    let checked = if args.links {
        let options = links::Options {
            timeout: std::time::Duration::from_secs(args.link_timeout),
            offline: args.offline,
            cache: if ctx.global.no_cache {
                None
            } else {
                crate::cache::dir()
            },
        };
        ctx.check_with(|doc| {
            let (findings, summary) = links::check(doc, &options);
            links = Some(summary);
            findings
        })?
    } else {
        ctx.check()?
    };
    let failed = checked.count(Severity::Error) > 0
        || (args.deny_warnings && checked.count(Severity::Warning) > 0);
    let code = if failed { EXIT_FAILURE } else { 0 };
    ctx.code_if_output_cut = code;
    match args.format {
        TextOrJson::Json => {
            let of = |severity| {
                checked
                    .findings
                    .iter()
                    .filter(|f| f.severity() == severity)
                    .map(FindingJson::from)
                    .collect()
            };
            let report = Report {
                topics: checked.counts.topics,
                edges: checked.counts.edges,
                stages: checked.counts.stages,
                errors: of(Severity::Error),
                warnings: of(Severity::Warning),
                links,
            };
            json::write(ctx.out, &report)?;
        }
        TextOrJson::Text => {
            for f in &checked.findings {
                writeln!(ctx.out, "{}\n", text::styled(&f.text(ctx.loc)))?;
            }
            if let Some(links) = links {
                writeln!(ctx.out, "{}", ctx.loc.text(&links.message()))?;
            }
            let errors = checked.count(Severity::Error);
            let warnings = checked.count(Severity::Warning);
            let summary = ctx.loc.text(&checked.summary());
            let summary = if errors > 0 {
                paint(ERROR, summary).to_string()
            } else if warnings > 0 {
                paint(WARN, summary).to_string()
            } else {
                summary
            };
            writeln!(ctx.out, "{summary}")?;
        }
    }
    Ok(code)
}

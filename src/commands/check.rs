//! `roadmap check`: validate the roadmap and report every finding, compiler style or as JSON.

use serde::Serialize;

use crate::cli::{CheckArgs, TextOrJson};
use crate::commands::Ctx;
use crate::diagnostic::{FindingJson, Severity};
use crate::error::{EXIT_FAILURE, Result};
use crate::render::json;
use crate::render::text::{self, ERROR, WARN, paint};

#[derive(Serialize)]
struct Report<'a> {
    topics: usize,
    edges: usize,
    stages: usize,
    errors: Vec<FindingJson<'a>>,
    warnings: Vec<FindingJson<'a>>,
}

pub fn run(ctx: &mut Ctx, args: &CheckArgs) -> Result<u8> {
    let checked = ctx.check()?;
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
            };
            json::write(ctx.out, &report)?;
        }
        TextOrJson::Text => {
            for f in &checked.findings {
                writeln!(ctx.out, "{}\n", text::styled(&f.text(ctx.loc)))?;
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

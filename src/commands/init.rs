//! `roadmap init [DIR]`: writes the built-in roadmap's files (or a commented template) into a
//! directory for a user to customise, then used with `--roadmap DIR`, with the JSON Schema of
//! roadmap files beside them and a `#:schema` line at the top of each. Never overwrites a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::InitArgs;
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::load;
use crate::msg;
use crate::schema;

/// A minimal roadmap that passes `check --deny-warnings`, explaining each key.
const TEMPLATE: &str = r#"# A roadmap: topics to learn, what each requires, grouped in stages.
# Check it with `roadmap --roadmap <this directory> check`; the format is described in
# docs/format.md of the roadmap project.

# Exactly once in the whole roadmap.
[roadmap]
title = "My roadmap"
summary = "What a learner reaches by following it"

# Stages group topics; their order here is the order plans and diagrams use.
[[stage]]
id = "basics"
title = "Basics"

[[stage]]
id = "roles"
title = "Roles"

# A topic: `id` is what other topics and the command line use (letters, digits, - _ . +).
[[topic]]
id = "first-topic"
title = "First topic"
stage = "basics"
hours = 10                      # a realistic estimate, fractions allowed
summary = "One sentence on what it covers."
[[topic.resources]]             # any number; kind: book, course, docs, video, article, tutorial
title = "Where to learn it"
url = "https://example.org/"
kind = "docs"

[[topic]]
id = "second-topic"
title = "Second topic"
stage = "basics"
hours = 5
summary = "It builds on the first."
requires = ["first-topic"]      # also { one_of = ["a", "b"] }: any one of them is enough
# recommends = ["..."]          # helpful but not required

# A role is a goal: `roadmap plan my-role` lists everything it takes.
[[topic]]
id = "my-role"
title = "My role"
stage = "roles"
kind = "role"
hours = 0
requires = ["second-topic"]
"#;

pub fn run(ctx: &mut Ctx, args: &InitArgs) -> Result<u8> {
    let roadmap: Vec<(PathBuf, &[u8])> = if args.empty {
        vec![(PathBuf::from("roadmap.toml"), TEMPLATE.as_bytes())]
    } else {
        load::default_files()
            .into_iter()
            .map(|(name, bytes)| {
                let relative = name.strip_prefix("roadmap/").unwrap_or(&name);
                (PathBuf::from(relative), bytes)
            })
            .collect()
    };
    // Each file names the schema written beside them, so that TOML editor tooling validates and
    // completes it (see `roadmap schema`).
    let mut files: Vec<(PathBuf, Vec<u8>)> = roadmap
        .into_iter()
        .map(|(relative, bytes)| {
            let depth = relative.components().count().saturating_sub(1);
            let mut text = schema::directive(depth).into_bytes();
            text.extend_from_slice(bytes);
            (args.dir.join(relative), text)
        })
        .collect();
    files.push((
        args.dir.join(schema::FILE_NAME),
        schema::json().into_bytes(),
    ));
    let existing: Vec<String> = files
        .iter()
        .filter(|(p, _)| p.exists())
        .map(|(p, _)| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::Usage(msg!(
            "init-refuse-overwrite",
            files = existing.join(", ")
        )));
    }
    for (path, bytes) in &files {
        create_new(path, bytes)?;
    }
    let dir = args.dir.display().to_string();
    let wrote = msg!("init-wrote", count = files.len(), dir = dir.as_str());
    writeln!(ctx.out, "{}", ctx.loc.text(&wrote))?;
    writeln!(ctx.out, "{}", ctx.loc.text(&msg!("init-next", dir = dir)))?;
    Ok(0)
}

/// Creates a file that must not exist yet (a file appearing meanwhile is not overwritten).
fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut file = std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(fail)?;
    file.write_all(bytes).map_err(fail)
}

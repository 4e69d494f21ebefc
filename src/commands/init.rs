//! `roadmap init [DIR]`: writes the built-in roadmap's files (or a commented template) into a
//! directory for a user to customise, then used with `--roadmap DIR`, with the JSON Schema of
//! roadmap files beside them and a `#:schema` line at the top of each. Never overwrites a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::atomic;
use crate::cli::InitArgs;
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::load;
use crate::msg;
use crate::schema;
use crate::terminal::line;

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
    // A symbolic link named as DIR is written through, to the directory it names (made if need
    // be), as every output is.
    let dir = atomic::resolve(&args.dir).map_err(|source| Error::Write {
        path: args.dir.clone(),
        source,
    })?;
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
            (relative, text)
        })
        .collect();
    files.push((
        PathBuf::from(schema::FILE_NAME),
        schema::json().into_bytes(),
    ));
    // Anything in the way, a symbolic link included (even one to nothing, which `create_new`
    // would refuse half-way through), is found before a single file is written.
    let existing: Vec<String> = files
        .iter()
        .filter(|(p, _)| std::fs::symlink_metadata(dir.join(p)).is_ok())
        .map(|(p, _)| args.dir.join(p).display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::Usage(msg!(
            "init-refuse-overwrite",
            files = existing.join(", ")
        )));
    }
    if std::fs::metadata(&dir).is_ok_and(|m| !m.is_dir()) {
        return Err(Error::Usage(msg!(
            "init-not-a-directory",
            dir = args.dir.display().to_string()
        )));
    }
    let mut written = Written::default();
    for (relative, bytes) in &files {
        let result = create_new(&dir, relative, bytes, &mut written);
        if let Err(e) = result {
            written.undo();
            // Name the file as the user named its directory.
            return Err(match e {
                Error::Write { source, .. } => Error::Write {
                    path: args.dir.join(relative),
                    source,
                },
                other => other,
            });
        }
    }
    let dir = line(&args.dir.display().to_string()).into_owned();
    let wrote = msg!("init-wrote", count = files.len(), dir = dir.as_str());
    writeln!(ctx.out, "{}", ctx.loc.text(&wrote))?;
    writeln!(ctx.out, "{}", ctx.loc.text(&msg!("init-next", dir = dir)))?;
    Ok(0)
}

/// What a run made, so that a failure half-way can take it back: `init` writes all its files or
/// none.
#[derive(Default)]
struct Written {
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

impl Written {
    fn undo(self) {
        for f in self.files.iter().rev() {
            let _ = std::fs::remove_file(f);
        }
        // Innermost first; a directory someone else put a file in meanwhile stays.
        for d in self.dirs.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    }
}

/// Creates `dir/relative`, which must not exist yet (a file appearing meanwhile is not
/// overwritten), and the directories it needs, noting what it made.
fn create_new(dir: &Path, relative: &Path, bytes: &[u8], written: &mut Written) -> Result<()> {
    let path = dir.join(relative);
    let fail = |source| Error::Write {
        path: path.clone(),
        source,
    };
    if let Some(parent) = path.parent() {
        let missing: Vec<&Path> = parent
            .ancestors()
            .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
            .collect();
        std::fs::create_dir_all(parent).map_err(fail)?;
        written
            .dirs
            .extend(missing.into_iter().rev().map(Path::to_path_buf));
    }
    let mut file = std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(fail)?;
    written.files.push(path.clone());
    file.write_all(bytes).map_err(fail)
}

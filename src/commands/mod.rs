//! One module per subcommand. This module holds what they share: loading the roadmap once,
//! dispatch, and turning an [`Error`] into a message on stderr and an exit code.

use std::io::{self, BufWriter, IsTerminal, Write};

use hashbrown::HashSet;
use std::path::{Path, PathBuf};

use crate::atomic;
use crate::cache;
use crate::cli::{Cli, ColorWhen, Command, Global, KnownArgs, PlanChoices};
use crate::diagnostic::Finding;
use crate::diagnostic::Severity;
use crate::error::{EXIT_USAGE, Error, Result};
use crate::i18n::{Choice, Localizer, Msg, Source, primary};
use crate::load::{self, Origin};
use crate::lookup;
use crate::model::{Document, Roadmap, TopicIx};
use crate::msg;
use crate::plan::Options as PlanOptions;
use crate::progress::{self as progress_file, Progress};
use crate::render::text::{self, ERROR, NOTE, paint};
use crate::spinner::Spinner;
use crate::terminal;
use crate::validate::{self, Checked};
use std::collections::BTreeSet;

pub mod assess;
pub mod check;
pub mod export;
pub mod html;
pub mod init;
pub mod list;
pub mod lsp;
pub mod next;
pub mod path;
pub mod plan;
pub mod prereqs;
pub mod progress;
pub mod render;
pub mod schema;
pub mod search;
pub mod show;
pub mod unlocks;
pub mod welcome;
pub mod why;

/// What every command gets: the global options and the two output streams.
pub struct Ctx<'a> {
    pub global: &'a Global,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// The exit code when the reader of stdout goes away mid-way (`roadmap check | head`): 0,
    /// as Unix tools do, unless the command already knows it has failed.
    pub code_if_output_cut: u8,
    /// The progress file, once read (commands that change it read it afresh under its lock).
    progress: std::cell::OnceCell<Progress>,
    /// The cache entry being written on another thread, joined before the run ends.
    cache_write: std::cell::RefCell<Option<std::thread::JoinHandle<()>>>,
    /// The language chosen for the interface and the roadmap's content.
    pub language: &'a Choice,
    /// The interface's words in that language.
    pub loc: &'static Localizer,
    /// Whether long steps show a spinner: stderr is the process's own, a terminal, and
    /// `--quiet` was not given.
    pub spinners: bool,
    /// Warnings found while answering, written to stderr once the command is done (`--lang`
    /// naming a language the roadmap does not have).
    warnings: std::cell::RefCell<Vec<Msg>>,
    /// Whether the roadmap's languages were compared with `--lang` already.
    lang_checked: std::cell::Cell<bool>,
}

impl<'a> Ctx<'a> {
    /// The language tag for the roadmap's content (`--lang`, `ROADMAP_LANG` or the system
    /// locale), `None` for the roadmap's own language.
    /// The returned borrow is not of `self`, so it can be held while writing to the streams.
    pub fn lang(&self) -> Option<&'a str> {
        let language: &'a Choice = self.language;
        language.tag.as_deref()
    }

    pub fn origin(&self) -> Origin {
        match &self.global.roadmap {
            Some(path) => Origin::Path(path.clone()),
            None => Origin::Default,
        }
    }

    /// Where this roadmap's progress file is: `--progress` / `ROADMAP_PROGRESS`, else the
    /// per-roadmap file in the user's data directory.
    pub fn progress_path(&self, roadmap: &Roadmap) -> Result<PathBuf> {
        match &self.global.progress {
            Some(p) => Ok(p.clone()),
            None => progress_file::default_path(&roadmap.meta.title)
                .ok_or_else(|| Error::Usage(msg!("error-no-data-dir"))),
        }
    }

    /// The learner's progress (empty when there is no file yet).
    /// Read once per run: `plan` and the diagrams ask for both the known and the learning
    /// topics.
    pub fn progress(&self, roadmap: &Roadmap) -> Result<&Progress> {
        if let Some(p) = self.progress.get() {
            return Ok(p);
        }
        let read = Progress::read(&self.progress_path(roadmap)?, &roadmap.meta.title)?;
        Ok(self.progress.get_or_init(|| read))
    }

    /// The topics the learner knows: `--known` (ids or titles) and the topics marked done or
    /// skipped in the progress file.
    pub fn known(&self, roadmap: &Roadmap, args: &KnownArgs) -> Result<HashSet<TopicIx>> {
        let mut known: HashSet<TopicIx> =
            lookup::topics(roadmap, &args.known)?.into_iter().collect();
        known.extend(progress::known_in(roadmap, self.progress(roadmap)?));
        Ok(known)
    }

    /// Plan options from the shared plan arguments: known topics and topics being learned (with
    /// the progress file's), preferred alternatives, recommendations as requirements.
    pub fn plan_options(&self, roadmap: &Roadmap, choices: &PlanChoices) -> Result<PlanOptions> {
        Ok(PlanOptions {
            known: self.known(roadmap, &choices.known)?,
            learning: self.learning(roadmap)?,
            prefer: lookup::topics(roadmap, &choices.prefer)?,
            with_recommended: choices.with_recommended,
            ..PlanOptions::default()
        })
    }

    /// The topics marked as being learned.
    pub fn learning(&self, roadmap: &Roadmap) -> Result<HashSet<TopicIx>> {
        Ok(progress::learning_in(roadmap, self.progress(roadmap)?))
    }

    /// Shows `step` with a spinner on stderr while the returned guard lives (see [`Spinner`]).
    /// (`err` writes through at once, so what was written before stays above it.)
    pub fn step(&self, step: &Msg) -> Spinner {
        if !self.spinners {
            return Spinner::hidden();
        }
        Spinner::start(true, terminal::line(&self.loc.text(step)).into_owned())
    }

    /// Writes a `note:` for a person on stderr, unless `--quiet`.
    pub fn note(&mut self, note: &Msg) -> Result<()> {
        if self.global.quiet {
            return Ok(());
        }
        self.say(NOTE, "level-note", note)
    }

    /// Loads and validates the roadmap, without judging it. A large roadmap read before is
    /// taken from the cache of validated roadmaps (see [`cache`]).
    pub fn check(&self) -> Result<Checked> {
        self.checked(true)
    }

    /// [`Ctx::check`]; without `warnings`, a roadmap that is not to be cached is validated
    /// without its warnings, which only `check` shows.
    fn checked(&self, warnings: bool) -> Result<Checked> {
        let origin = self.origin();
        let files = load::read(&origin)?;
        let size: usize = files.iter().map(|(_, b)| b.len()).sum();
        // The built-in roadmap is cached whatever its size: it is what most runs read, and
        // decoding it takes a fraction of parsing and validating it again.
        let worth_caching = match origin {
            Origin::Path(_) => size >= cache::MIN_BYTES,
            Origin::Default => true,
        };
        let cache = match worth_caching && !self.global.no_cache {
            true => cache::dir(),
            false => None,
        };
        let key = cache.as_ref().map(|_| cache::key(&files));
        if let (Some(dir), Some(key)) = (&cache, &key)
            && let Some(checked) = cache::load(dir, key)
        {
            return Ok(checked);
        }
        let _step = self.step(&msg!("step-loading"));
        let (doc, findings) = load::parse(files)?;
        let checked = match warnings || cache.is_some() {
            true => validate::validate(doc, findings),
            false => validate::validate_without_warnings(doc, findings),
        };
        if let (Some(dir), Some(key)) = (&cache, &key) {
            // Written on another thread while the command answers (the write ends with an
            // fsync): the first run of a large roadmap is not slowed by filling the cache.
            if let Some(bytes) = cache::encode(key, &checked) {
                let (dir, key) = (dir.clone(), *key);
                let writer = std::thread::spawn(move || cache::write(&dir, &key, &bytes));
                *self.cache_write.borrow_mut() = Some(writer);
            }
        }
        Ok(checked)
    }

    /// Loads and validates the roadmap afresh (never from the cache), with the findings `more`
    /// makes from the document added to the loader's: `check --links`.
    pub fn check_with(&self, more: impl FnOnce(&Document) -> Vec<Finding>) -> Result<Checked> {
        let (doc, mut findings) = load::parse(load::read(&self.origin())?)?;
        findings.extend(more(&doc));
        Ok(validate::validate(doc, findings))
    }

    /// Writes `bytes` to `-o FILE` (atomically), refusing a file of the roadmap being read:
    /// `export -o roadmap.toml` would replace the roadmap by its own diagram.
    pub fn write_output(&self, output: &Path, bytes: &[u8]) -> Result<()> {
        if let Origin::Path(input) = self.origin()
            && let Ok(target) = std::fs::canonicalize(output)
            && let Ok(input) = std::fs::canonicalize(&input)
        {
            let is_toml = target.extension().is_some_and(|e| e == "toml");
            if target == input || (input.is_dir() && is_toml && target.starts_with(&input)) {
                return Err(Error::Usage(msg!(
                    "output-is-roadmap",
                    path = output.display().to_string()
                )));
            }
        }
        atomic::write(output, bytes)
    }

    /// The validated roadmap, or [`Error::Invalid`]: no command answers from an invalid roadmap.
    pub fn roadmap(&self) -> Result<Roadmap> {
        let checked = self.checked(false)?;
        if checked.count(Severity::Error) > 0 {
            return Err(Error::Invalid(Box::new(checked)));
        }
        let roadmap = checked
            .roadmap
            .expect("a roadmap without errors is always built");
        self.check_lang(&roadmap);
        Ok(roadmap)
    }

    /// With `--lang`/`ROADMAP_LANG`, warns when the roadmap has no titles or summaries in that
    /// language, naming those it has: `--lang fr` must not silently print English. English is
    /// taken as every roadmap's own language. The system locale is used silently.
    fn check_lang(&self, roadmap: &Roadmap) {
        if self.lang_checked.replace(true) || self.language.source != Source::Asked {
            return;
        }
        let Some(tag) = self.language.tag.as_deref() else {
            return;
        };
        let asked = primary(tag).to_ascii_lowercase();
        if asked == "en" {
            return;
        }
        let mut has: BTreeSet<String> = BTreeSet::new();
        let keys = roadmap
            .meta
            .i18n
            .keys()
            .chain(roadmap.stages.iter().flat_map(|s| s.i18n.keys()))
            .chain(roadmap.topics.iter().flat_map(|t| t.i18n.keys()));
        for key in keys {
            has.insert(primary(key).to_ascii_lowercase());
        }
        if has.contains(&asked) {
            return;
        }
        let warning = match has.is_empty() {
            true => msg!("lang-not-in-roadmap-none", lang = tag),
            false => msg!(
                "lang-not-in-roadmap",
                lang = tag,
                has = has.into_iter().collect::<Vec<_>>().join(", ")
            ),
        };
        self.warnings.borrow_mut().push(warning);
    }

    /// Writes a warning for a person on stderr, in the interface's language.
    pub fn warn(&mut self, warning: &Msg) -> Result<()> {
        self.say(text::WARN, "level-warning", warning)
    }

    /// Writes `message` on stderr after its level's label, with its `= help:` line if it has one.
    fn say(&mut self, style: anstyle::Style, level: &str, message: &Msg) -> Result<()> {
        writeln!(
            self.err,
            "{} {}",
            paint(style, format!("{}:", self.loc.t(level))),
            terminal::text(&self.loc.text(message))
        )?;
        if let Some(help) = self.loc.help(message) {
            let help = terminal::text(&help);
            writeln!(self.err, "  = {}: {help}", self.loc.t("level-help"))?;
        }
        Ok(())
    }
}

/// Runs a parsed command line; returns the exit code. No spinner is drawn: `err` need not be
/// the process's stderr.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    run_showing(cli, out, err, false)
}

/// [`run`], drawing spinners on the process's stderr during long steps when `spinners`.
fn run_showing(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write, spinners: bool) -> u8 {
    let language = Choice::resolve(cli.global.lang.as_deref());
    let mut ctx = Ctx {
        global: &cli.global,
        out,
        err,
        code_if_output_cut: 0,
        progress: std::cell::OnceCell::new(),
        cache_write: std::cell::RefCell::new(None),
        loc: language.localizer(),
        language: &language,
        spinners,
        warnings: std::cell::RefCell::new(Vec::new()),
        lang_checked: std::cell::Cell::new(false),
    };
    let result = match &cli.command {
        Some(command) => dispatch(command, &mut ctx),
        None => welcome::run(&mut ctx),
    };
    for warning in ctx.warnings.take() {
        let _ = ctx.warn(&warning);
    }
    let result = result.and_then(|code| {
        ctx.out.flush()?;
        Ok(code)
    });
    if let Some(writer) = ctx.cache_write.take() {
        // A failed write only means no cache next time.
        let _ = writer.join();
    }
    match result {
        Ok(code) => code,
        Err(e) if e.is_broken_pipe() => ctx.code_if_output_cut,
        Err(e) => {
            // If stderr itself is gone there is nobody left to tell.
            let _ = report(&e, ctx.err, ctx.loc);
            let _ = ctx.err.flush();
            e.exit_code()
        }
    }
}

fn dispatch(command: &Command, ctx: &mut Ctx) -> Result<u8> {
    match command {
        Command::Check(args) => check::run(ctx, args),
        Command::List(args) => list::run(ctx, args),
        Command::Show(args) => show::run(ctx, args),
        Command::Plan(args) => plan::run(ctx, args),
        Command::Why(args) => why::run(ctx, args),
        Command::Search(args) => search::run(ctx, args),
        Command::Prereqs(args) => prereqs::run(ctx, args),
        Command::Unlocks(args) => unlocks::run(ctx, args),
        Command::Path(args) => path::run(ctx, args),
        Command::Next(args) => next::run(ctx, args),
        Command::Export(args) => export::run(ctx, args),
        Command::Progress(args) => progress::run(ctx, args),
        Command::Assess(args) => assess::run(ctx, args),
        Command::Html(args) => html::run(ctx, args),
        Command::Init(args) => init::run(ctx, args),
        Command::Schema(args) => schema::run(ctx, args),
        // Served from `run_with_std_streams`, which leaves standard output to the server.
        Command::Lsp(_) => Err(Error::Usage(msg!("lsp-needs-stdio"))),
        Command::Completions(args) => {
            // Generated into memory first: clap_complete panics when its writer fails (a closed
            // pipe), which must stay an ordinary, quiet error.
            let mut script = Vec::new();
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(args.shell, &mut command, "roadmap", &mut script);
            ctx.out.write_all(&script)?;
            Ok(0)
        }
        Command::Man => {
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(ctx.out)?;
            Ok(0)
        }
        Command::Render(args) => render::run(ctx, args),
    }
}

/// Runs with the process's stdout and stderr, colour decided by `--color`, `NO_COLOR` and whether
/// each stream is a terminal.
pub fn run_with_std_streams(cli: Cli) -> u8 {
    // The language server owns standard input and output; nothing else may lock them.
    if let Some(Command::Lsp(args)) = &cli.command {
        return lsp::run(&cli.global, args);
    }
    // One command, then the process ends: nothing gains from freeing the roadmap first.
    crate::model::keep_roadmaps_until_exit();
    let choice = |detected: anstream::ColorChoice| match cli.global.color {
        ColorWhen::Auto => detected,
        ColorWhen::Always => anstream::ColorChoice::AlwaysAnsi,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    let stdout = io::stdout();
    let stderr = io::stderr();
    let out_choice = choice(anstream::AutoStream::choice(&stdout));
    let err_choice = choice(anstream::AutoStream::choice(&stderr));
    let out_colour = out_choice != anstream::ColorChoice::Never;
    text::set_plain(!out_colour);
    // Plain stdout gets no escape codes made (see `text::set_plain`), and what comes pre-styled
    // (rendered findings) is stripped where it is written. On a terminal, whatever the colour
    // mode, everything passes the guard, which lets only our colour sequences through (see
    // `terminal`); into a file or a pipe, data (JSON, DOT) is written exactly.
    let mut out: Box<dyn Write> = if stdout.is_terminal() {
        Box::new(BufWriter::new(terminal::Guard::new(
            stdout.lock(),
            out_colour,
        )))
    } else {
        Box::new(BufWriter::new(stdout.lock()))
    };
    // Standard error holds only messages for a person: always guarded.
    // Not locked for the whole run: a spinner's thread writes to it too (see `Ctx::step`).
    let mut err: Box<dyn Write> = Box::new(terminal::Guard::new(
        io::stderr(),
        err_choice != anstream::ColorChoice::Never,
    ));
    let spinners = stderr.is_terminal() && !cli.global.quiet;
    let code = run_showing(&cli, &mut out, &mut err, spinners);
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => EXIT_USAGE,
        _ => code,
    }
}

/// Prints what the argument parser has to say (a usage error, `--help`, `--version`) through
/// the guard, since it may quote an argument; returns the exit status (2 for an error).
pub fn print_usage(e: &clap::Error) -> u8 {
    let styled = e.render();
    let (stream, colour): (Box<dyn Write>, bool) = if e.use_stderr() {
        let colour = anstream::AutoStream::choice(&io::stderr()) != anstream::ColorChoice::Never;
        (Box::new(io::stderr().lock()), colour)
    } else {
        let colour = anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never;
        (Box::new(io::stdout().lock()), colour)
    };
    let mut guarded = terminal::Guard::new(stream, colour);
    let _ = write!(guarded, "{}", styled.ansi());
    let _ = guarded.flush();
    u8::try_from(e.exit_code()).unwrap_or(EXIT_USAGE)
}

/// Writes an error for a person, in the interface's language: the findings of an invalid
/// roadmap, or one `error:` line, with a `= help:` line when the message has one.
pub fn report(e: &Error, err: &mut dyn Write, loc: &Localizer) -> io::Result<()> {
    let error = paint(ERROR, format!("{}:", loc.t("level-error")));
    let findings = match e {
        Error::Invalid(checked) => checked
            .findings
            .iter()
            .filter(|f| f.severity() == Severity::Error)
            .collect(),
        Error::BadProgress(invalid) => invalid.findings.iter().collect(),
        _ => Vec::new(),
    };
    for f in findings {
        writeln!(err, "{}\n", f.text(loc))?;
    }
    let message = match e {
        Error::Invalid(checked) => {
            msg!("error-invalid-summary", summary = checked.summary())
        }
        _ => e.to_msg(),
    };
    // A message holds names from outside (files, arguments, a progress file's title) and
    // never a colour of its own: everything unsafe in it is escaped.
    writeln!(err, "{error} {}", terminal::text(&loc.text(&message)))?;
    if let Some(help) = loc.help(&message) {
        writeln!(
            err,
            "  = {}: {}",
            loc.t("level-help"),
            terminal::text(&help)
        )?;
    }
    Ok(())
}

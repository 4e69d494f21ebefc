//! The command line, declared with clap's derive API; the doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::budget;

#[derive(Debug, Parser)]
#[command(
    name = "roadmap",
    version,
    about = "Plan, query and draw learning roadmaps kept as TOML dependency graphs of topics",
    long_about = "Plan, query and draw learning roadmaps kept as TOML dependency graphs of topics.\n\n\
        Without --roadmap, the built-in roadmap is used: the path to becoming a machine-learning \
        engineer, from CS foundations to models in production.",
    after_help = "Exit status: 0 ok, 1 invalid roadmap or failed query, 2 usage or I/O error.",
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    /// Without a command: an overview of the roadmap in use and commands to try.
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// Parses the process's command line. An environment variable set to nothing
    /// (`ROADMAP_PATH=`) counts as unset, as the shell's `${VAR:-default}` would have it, rather
    /// than as an empty value that every command would refuse.
    ///
    /// An error (or `--help`, `--version`) is returned for the caller to print: it may quote an
    /// argument, which must reach a terminal only through [`crate::terminal`].
    pub fn from_env() -> Result<Cli, clap::Error> {
        use clap::{CommandFactory, FromArgMatches};
        let mut command = Cli::command();
        for (arg, var) in ENV_OPTIONS {
            if std::env::var_os(var).is_some_and(|v| v.is_empty()) {
                command = command.mut_arg(arg, |a| a.env(None));
            }
        }
        let matches = command.try_get_matches()?;
        Cli::from_arg_matches(&matches)
    }
}

/// The options that take a value from the environment, and the variable.
const ENV_OPTIONS: [(&str, &str); 4] = [
    ("roadmap", "ROADMAP_PATH"),
    ("lang", "ROADMAP_LANG"),
    ("progress", "ROADMAP_PROGRESS"),
    ("no_cache", "ROADMAP_NO_CACHE"),
];

#[derive(Debug, Args)]
pub struct Global {
    /// Roadmap to use: a .toml file, or a directory whose .toml files form one roadmap
    /// [default: the built-in machine-learning engineer roadmap]
    #[arg(long, global = true, env = "ROADMAP_PATH", value_name = "PATH")]
    pub roadmap: Option<PathBuf>,

    /// Print titles in this language where the roadmap has them (e.g. `zh`)
    #[arg(long, global = true, env = "ROADMAP_LANG", value_name = "CODE")]
    pub lang: Option<String>,

    /// Progress file to read and update [default: one per roadmap in the user's data directory]
    #[arg(long, global = true, env = "ROADMAP_PROGRESS", value_name = "FILE")]
    pub progress: Option<PathBuf>,

    /// Parse and validate the roadmap afresh, without the cache of validated roadmaps (nor the
    /// day-long cache of `check --links`)
    #[arg(long, global = true, env = "ROADMAP_NO_CACHE", value_parser = clap::builder::BoolishValueParser::new())]
    pub no_cache: bool,

    /// When to colour text output
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Show no progress on long steps, nor notes (warnings and errors are still shown)
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum TextOrJson {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the roadmap and report every problem with its file:line:col
    Check(CheckArgs),
    /// List topics in stage order
    List(ListArgs),
    /// Show everything about one topic
    Show(ShowArgs),
    /// Plan the study of one or more goals: what to learn, in what order, and how long it takes
    #[command(after_help = "Examples:\n  \
        roadmap plan ml-engineer --known python,git --hours-per-week 10\n  \
        roadmap plan data-scientist ai-specialist --prefer r --format markdown\n  \
        roadmap plan ml-engineer --hours-per-week 10 --study-days mon,wed,sat --format ics")]
    Plan(PlanArgs),
    /// Show why a topic is in a plan: the chains from the goals down to it
    #[command(after_help = "Examples:\n  \
        roadmap why numpy\n  \
        roadmap why numpy deep-learning-engineer --all\n  \
        roadmap why statistics ml-engineer --known probability --format json")]
    Why(WhyArgs),
    /// Find topics by words: ids, titles, tags, summaries, translations and resources, typos allowed
    #[command(after_help = "Examples:\n  \
        roadmap search eigenvalues\n  \
        roadmap search gradient boosting --format json\n  \
        roadmap search 线性")]
    Search(SearchArgs),
    /// Show what a topic requires, as a tree (or a flat list)
    Prereqs(TreeArgs),
    /// Show what a topic opens up: the topics that require it, directly or through others
    Unlocks(UnlocksArgs),
    /// Show how one topic leads to another: chains in which each topic is a requirement of the next
    Path(PathArgs),
    /// List the topics one can start now: not known, every requirement met
    Next(NextArgs),
    /// Write the roadmap (or a plan) as a diagram: Graphviz DOT, Mermaid or JSON
    #[command(after_help = "Examples:\n  \
        roadmap export --reduce -o roadmap.dot\n  \
        roadmap export data-scientist --known python --format mermaid")]
    Export(ExportArgs),
    /// Mark topics done, being learned or skipped, and see how far along you are
    #[command(after_help = "Examples:\n  \
        roadmap progress done python git\n  \
        roadmap progress done numpy --with-prereqs\n  \
        roadmap progress status ml-engineer")]
    Progress(ProgressArgs),
    /// Find what you already know in a few questions, mark it done, and show the plan that remains
    #[command(
        after_help = "On a terminal it asks interactively; otherwise it speaks a line protocol on \
        standard input and output (see the CLI reference).\n\n\
        Examples:\n  \
        roadmap assess ml-engineer\n  \
        roadmap assess --max-questions 15 --dry-run\n  \
        printf 'y\\nn\\n' | roadmap assess python --format json"
    )]
    Assess(AssessArgs),
    /// Write an interactive page of the roadmap: one offline HTML file to open in a browser
    #[command(after_help = "Examples:\n  \
        roadmap html -o roadmap.html\n  \
        roadmap html ml-engineer --known python,git -o plan.html")]
    Html(HtmlArgs),
    /// Write the built-in roadmap's files into a directory to customise (or an empty template)
    #[command(after_help = "Examples:\n  \
        roadmap init my-roadmap && roadmap --roadmap my-roadmap check\n  \
        roadmap init --empty my-roadmap")]
    Init(InitArgs),
    /// Print the JSON Schema of roadmap files, for TOML editor tooling (Taplo, Even Better TOML)
    #[command(after_help = "Examples:\n  \
        roadmap schema -o roadmap.schema.json\n\n\
        Point a file at it with `#:schema ./roadmap.schema.json` on its first line (`roadmap init` \
        writes both).")]
    Schema(SchemaArgs),
    /// Run the language server for roadmap files on standard input and output (for editors)
    #[command(
        after_help = "Editors start it themselves: see docs/editors.md for Neovim, VS Code \
        and Helix. The roadmap of an edited file is its directory, or --roadmap when the file is in it."
    )]
    Lsp(LspArgs),
    /// Print a shell completion script (e.g. `roadmap completions bash > ~/.local/share/bash-completion/completions/roadmap`)
    Completions(CompletionsArgs),
    /// Print the manual page (e.g. `roadmap man > ~/.local/share/man/man1/roadmap.1`)
    Man,
    /// Draw the roadmap (or a plan) as an SVG, PNG or PDF image with Graphviz
    #[command(after_help = "Examples:\n  \
        roadmap render -o roadmap.svg --reduce\n  \
        roadmap render ml-engineer --known python,git --rankdir LR -o plan.png")]
    Render(RenderArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the files
    #[arg(value_name = "DIR", default_value = "roadmap")]
    pub dir: PathBuf,
    /// Write a small commented template instead of the built-in roadmap
    #[arg(long)]
    pub empty: bool,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talk over standard input and output (the only way; accepted for clients that pass it)
    #[arg(long)]
    pub stdio: bool,
    /// How long typing must pause before a changed roadmap is checked again
    #[arg(long, value_name = "MILLISECONDS", default_value_t = 300)]
    pub debounce: u64,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write to this file (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Goals whose plan to assess: topic or role ids (or titles) [default: every role]
    #[arg(value_name = "GOAL")]
    pub goals: Vec<String>,
    #[command(flatten)]
    pub choices: PlanChoices,
    /// Stop after this many questions; what is not settled then stays unmarked
    #[arg(long, value_name = "N")]
    pub max_questions: Option<usize>,
    /// Mark nothing in the progress file: only show what was found
    #[arg(long)]
    pub dry_run: bool,
    /// The final line of the line protocol: `= ids...` (text) or a JSON object
    #[arg(long, value_enum, default_value_t)]
    pub format: TextOrJson,
}

#[derive(Debug, Args)]
pub struct HtmlArgs {
    /// Highlight these goals' plan and list it with week numbers [default: the whole roadmap]
    #[arg(value_name = "GOAL")]
    pub goals: Vec<String>,
    #[command(flatten)]
    pub choices: PlanChoices,
    /// How to order topics that could come next
    #[arg(long, value_enum, default_value_t)]
    pub order: PlanOrder,
    /// Study pace for the plan's weeks and dates
    #[arg(long, value_name = "H", default_value_t = 10.0, value_parser = positive_hours)]
    pub hours_per_week: f64,
    /// Date the learner started: where the progress chart's planned line begins [default: the
    /// first mark's date, else the day the page is opened]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub start: Option<jiff::civil::Date>,
    /// The page to write (atomically)
    #[arg(short, long, value_name = "FILE", required = true)]
    pub output: PathBuf,
    #[command(flatten)]
    pub layout: LayoutArgs,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    #[command(subcommand)]
    pub action: ProgressAction,
}

#[derive(Debug, Subcommand)]
pub enum ProgressAction {
    /// Mark topics done (they count as known for plans, `next` and diagrams)
    Done {
        /// Topics: ids or titles
        #[arg(required = true, value_name = "TOPIC")]
        topics: Vec<String>,
        /// Also mark done everything they require (one_of choices as a plan makes them)
        #[arg(long)]
        with_prereqs: bool,
    },
    /// Mark topics as being learned now
    Learning {
        #[arg(required = true, value_name = "TOPIC")]
        topics: Vec<String>,
    },
    /// Mark topics skipped: not to be learned, counted as known
    Skip {
        #[arg(required = true, value_name = "TOPIC")]
        topics: Vec<String>,
    },
    /// Forget the marks of topics
    Reset {
        #[arg(required = true, value_name = "TOPIC")]
        topics: Vec<String>,
    },
    /// Show progress per stage and overall, the hours left, the pace and when you will finish:
    /// for the whole roadmap (and each role), or for the plan of the goals given
    Status {
        /// Count only the topics of these goals' plan (as `plan` makes it, taking what you know)
        #[arg(value_name = "GOAL")]
        goals: Vec<String>,
        /// Pace for the forecast [default: the hours of the topics marked done in the last 8
        /// weeks, divided by 8]
        #[arg(long, value_name = "H", value_parser = positive_hours)]
        hours_per_week: Option<f64>,
        #[arg(long, value_enum, default_value_t)]
        format: TextOrJson,
    },
    /// Print where the progress file is
    Path,
}

/// What a diagram shows and how it is laid out (shared by `export` and `render`).
#[derive(Debug, Args, Default, Clone)]
pub struct DiagramArgs {
    /// Draw only these goals and the topics their plan needs [default: the whole roadmap]
    #[arg(value_name = "GOAL")]
    pub goals: Vec<String>,
    #[command(flatten)]
    pub known: KnownArgs,
    /// Leave known topics out instead of drawing them muted
    #[arg(long)]
    pub hide_known: bool,
    /// Alternatives to take in a `one_of` when planning goals, most preferred first
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    pub prefer: Vec<String>,
    /// Draw recommendations as dashed edges, and with goals plan the recommended topics too
    #[arg(long, overrides_with = "no_recommended")]
    pub with_recommended: bool,
    /// Leave recommendations out [default for `render`; `export` draws them between the topics
    /// it shows]
    #[arg(long, overrides_with = "with_recommended")]
    pub no_recommended: bool,
    /// Draw one stage: its topics, and the topics of other stages they need as small stubs
    #[arg(long, value_name = "STAGE", conflicts_with = "overview")]
    pub stage: Option<String>,
    /// Draw one node per stage (its topics and hours) and which stages need which
    #[arg(long)]
    pub overview: bool,
    /// Drop every edge implied by a longer path (transitive reduction, like Graphviz's `tred`)
    /// [default for `render`]
    #[arg(long, overrides_with = "no_reduce")]
    pub reduce: bool,
    /// Draw every edge, also those a longer path implies [default for `export`]
    #[arg(long, overrides_with = "reduce")]
    pub no_reduce: bool,
    /// How an edge that skips a stage is drawn [default: `stubs` for `render`, `lines` for
    /// `export`]
    #[arg(long, value_enum)]
    pub long_edges: Option<LongEdges>,
    /// Group topics in a box per stage, or not
    #[arg(long, value_enum, default_value_t)]
    pub cluster: Cluster,
    /// Direction of the layout: top to bottom, or left to right
    #[arg(long, value_enum, default_value_t, ignore_case = true)]
    pub rankdir: RankDir,
    /// Add a key explaining shapes, lines and the stages' colours (DOT)
    #[arg(long)]
    pub legend: bool,
}

impl DiagramArgs {
    /// Whether edges implied by longer paths are dropped: as asked, else `default` (pictures are
    /// reduced, `export` stays faithful to the roadmap).
    pub fn reduced(&self, default: bool) -> bool {
        if self.reduce {
            true
        } else if self.no_reduce {
            false
        } else {
            default
        }
    }

    /// Whether recommendations are drawn: as asked, else `default`.
    pub fn recommendations(&self, default: bool) -> bool {
        self.with_recommended || (default && !self.no_recommended)
    }

    /// These options as `export` arguments, in a fixed order (recorded in rendered images so a
    /// test can tell whether an image is stale). `reduce` and `recommendations` are what was
    /// drawn.
    pub fn to_args(
        &self,
        reduce: bool,
        recommendations: bool,
        long_edges: LongEdges,
    ) -> Vec<String> {
        let mut args = self.goals.clone();
        if !self.known.known.is_empty() {
            args.push(format!("--known={}", self.known.known.join(",")));
        }
        if self.hide_known {
            args.push("--hide-known".into());
        }
        if !self.prefer.is_empty() {
            args.push(format!("--prefer={}", self.prefer.join(",")));
        }
        if self.with_recommended {
            args.push("--with-recommended".into());
        } else if !recommendations {
            args.push("--no-recommended".into());
        }
        if let Some(stage) = &self.stage {
            args.push(format!("--stage={stage}"));
        }
        if self.overview {
            args.push("--overview".into());
        }
        if reduce {
            args.push("--reduce".into());
        }
        if long_edges == LongEdges::Stubs {
            args.push("--long-edges=stubs".into());
        }
        if self.cluster == Cluster::None {
            args.push("--cluster=none".into());
        }
        if self.rankdir == RankDir::Lr {
            args.push("--rankdir=LR".into());
        }
        if self.legend {
            args.push("--legend".into());
        }
        args
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LongEdges {
    /// A line from the topic, however far away it is
    Lines,
    /// A small stub of the topic at the top of the stage that needs it
    Stubs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Cluster {
    /// A box per stage
    #[default]
    Stage,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum RankDir {
    /// Top to bottom
    #[default]
    #[value(name = "TB")]
    Tb,
    /// Left to right
    #[value(name = "LR")]
    Lr,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub diagram: DiagramArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: ExportFormat,
    /// Write to this file (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ExportFormat {
    /// Graphviz DOT
    #[default]
    Dot,
    /// A Mermaid flowchart, rendered by GitHub and GitLab in Markdown
    Mermaid,
    /// Nodes and edges as JSON
    Json,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    #[command(flatten)]
    pub diagram: DiagramArgs,
    #[command(flatten)]
    pub layout: LayoutArgs,
    /// The image to write (atomically)
    #[arg(short, long, value_name = "FILE", required = true)]
    pub output: PathBuf,
    /// Image format [default: from the file extension]
    #[arg(long, value_enum)]
    pub format: Option<ImageFormat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImageFormat {
    Svg,
    Png,
    Pdf,
}

/// How much a picture may take: shared by `render` and `html`.
#[derive(Debug, Args, Clone)]
pub struct LayoutArgs {
    /// Draw every topic, even of a roadmap too large to lay out in reasonable time (which is
    /// otherwise drawn as its stage overview)
    #[arg(long)]
    pub full: bool,
    /// Stop Graphviz after this many seconds, writing nothing (0: no limit)
    #[arg(long, value_name = "SECS", default_value_t = budget::DEFAULT_TIMEOUT_SECS)]
    pub timeout: u64,
}

impl LayoutArgs {
    /// The time Graphviz may take, `None` for no limit.
    pub fn limit(&self) -> Option<std::time::Duration> {
        (self.timeout > 0).then(|| std::time::Duration::from_secs(self.timeout))
    }
}

impl Default for LayoutArgs {
    fn default() -> LayoutArgs {
        LayoutArgs {
            full: false,
            timeout: budget::DEFAULT_TIMEOUT_SECS,
        }
    }
}

/// Topics the learner knows already.
#[derive(Debug, Args, Default, Clone)]
pub struct KnownArgs {
    /// Topics already known (ids or titles, comma-separated or repeated)
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    pub known: Vec<String>,
}

/// What decides which topics a plan holds: shared by every command that plans.
#[derive(Debug, Args, Default, Clone)]
pub struct PlanChoices {
    #[command(flatten)]
    pub known: KnownArgs,
    /// Alternatives to take in a `one_of`, most preferred first (e.g. `r,tensorflow`)
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    pub prefer: Vec<String>,
    /// Treat recommended topics as required
    #[arg(long)]
    pub with_recommended: bool,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Goals: topic or role ids (or titles); several goals give one merged plan
    #[arg(required = true, value_name = "GOAL")]
    pub goals: Vec<String>,
    #[command(flatten)]
    pub choices: PlanChoices,
    /// How to order topics that could come next
    #[arg(long, value_enum, default_value_t)]
    pub order: PlanOrder,
    /// Schedule the plan week by week at this many study hours a week
    #[arg(long, value_name = "H", value_parser = positive_hours)]
    pub hours_per_week: Option<f64>,
    /// Date of the first week (with --hours-per-week), to print dates instead of week numbers only
    #[arg(long, value_name = "YYYY-MM-DD", requires = "hours_per_week", value_parser = start_date)]
    pub start: Option<jiff::civil::Date>,
    /// With --format ics: timed study sessions on these days (each week's hours shared evenly)
    /// instead of all-day events
    #[arg(
        long,
        value_name = "DAY,...",
        value_delimiter = ',',
        value_enum,
        requires = "hours_per_week"
    )]
    pub study_days: Vec<StudyDay>,
    /// With --study-days: when each session starts (the calendar's own time zone)
    #[arg(
        long,
        value_name = "HH:MM",
        default_value = "18:00",
        requires = "study_days"
    )]
    pub study_time: jiff::civil::Time,
    #[arg(long, value_enum, default_value_t)]
    pub format: PlanFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StudyDay {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl StudyDay {
    pub fn weekday(self) -> jiff::civil::Weekday {
        use jiff::civil::Weekday;
        match self {
            StudyDay::Mon => Weekday::Monday,
            StudyDay::Tue => Weekday::Tuesday,
            StudyDay::Wed => Weekday::Wednesday,
            StudyDay::Thu => Weekday::Thursday,
            StudyDay::Fri => Weekday::Friday,
            StudyDay::Sat => Weekday::Saturday,
            StudyDay::Sun => Weekday::Sunday,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum PlanOrder {
    /// Among the topics ready at each step, the earliest stage first
    #[default]
    Stage,
    /// Depth first: each topic's prerequisites right before it, in the order listed
    Depth,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum PlanFormat {
    #[default]
    Text,
    Json,
    /// A checklist under stage headings, to paste into an issue or notes
    Markdown,
    /// An iCalendar file (needs --hours-per-week): one event per step over its weeks
    Ics,
}

/// Study hours a week: from 0.1 to 168 (there are no more hours in a week). Outside that,
/// schedules are nonsense: `1e-320` made 4,294,967,295 weeks, `1e308` a 309-digit number.
fn positive_hours(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(h) if (0.1..=168.0).contains(&h) => Ok(h),
        Ok(h) if h > 0.0 => Err(format!(
            "`{s}` hours a week is out of range: give from 0.1 to 168 (a week has 168 hours)"
        )),
        _ => Err(format!("`{s}` is not a positive number of hours")),
    }
}

/// The first day of a schedule: a date from 1900 to 2999, so that every week of a schedule has
/// a date (a start near 9999-12-31 silently lost them).
fn start_date(s: &str) -> Result<jiff::civil::Date, String> {
    let date: jiff::civil::Date = s
        .parse()
        .map_err(|_| format!("`{s}` is not a date like 2027-01-04"))?;
    if (1900..=2999).contains(&date.year()) {
        Ok(date)
    } else {
        Err(format!(
            "`{s}` is out of range: give a date from 1900-01-01 to 2999-12-31"
        ))
    }
}

#[derive(Debug, Args)]
pub struct TreeArgs {
    /// The topic: its id, or its title (any case)
    pub topic: String,
    /// Levels to show (1: direct requirements only)
    #[arg(long, value_name = "N")]
    pub depth: Option<usize>,
    /// The whole transitive set once each, in plan order, instead of a tree
    #[arg(long)]
    pub flat: bool,
    /// Repeat subtrees already shown instead of marking them `(*)`
    #[arg(long)]
    pub no_dedupe: bool,
    /// Include recommended topics
    #[arg(long)]
    pub with_recommended: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: TextOrJson,
}

#[derive(Debug, Args)]
pub struct UnlocksArgs {
    /// The topic: its id, or its title (any case)
    pub topic: String,
    /// Levels to show (1: topics that require it directly)
    #[arg(long, value_name = "N")]
    pub depth: Option<usize>,
    /// The whole transitive set once each, in plan order, instead of a tree
    #[arg(long)]
    pub flat: bool,
    /// Repeat subtrees already shown instead of marking them `(*)`
    #[arg(long)]
    pub no_dedupe: bool,
    /// Include topics that only recommend it
    #[arg(long)]
    pub with_recommended: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: TextOrJson,
}

#[derive(Debug, Args)]
pub struct WhyArgs {
    /// The topic: its id, or its title (any case)
    pub topic: String,
    /// Goals whose plan to look in [default: each role whose own plan holds the topic]
    #[arg(value_name = "GOAL")]
    pub goals: Vec<String>,
    #[command(flatten)]
    pub choices: PlanChoices,
    /// Every chain (up to --max), shortest first, not only one shortest chain per goal
    #[arg(long)]
    pub all: bool,
    /// Most chains to list with --all
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..))]
    pub max: u64,
    #[arg(long, value_enum, default_value_t)]
    pub format: TextOrJson,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for; a topic must match every one (typos allowed)
    #[arg(required = true, value_name = "WORD")]
    pub words: Vec<String>,
    /// Most topics to list, best first
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: u64,
    #[arg(long, value_enum, default_value_t)]
    pub format: TextOrJson,
}

#[derive(Debug, Args)]
pub struct PathArgs {
    /// Where the chain starts: a prerequisite
    pub from: String,
    /// Where it ends: a topic that (transitively) requires FROM
    pub to: String,
    /// Every chain (up to --max), shortest first, not only one shortest
    #[arg(long)]
    pub all: bool,
    /// Most chains to list with --all
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..))]
    pub max: u64,
    #[arg(long, value_enum, default_value_t)]
    pub format: TextOrJson,
}

#[derive(Debug, Args)]
pub struct NextArgs {
    /// Only topics inside these goals' plan
    #[arg(value_name = "GOAL")]
    pub goals: Vec<String>,
    /// Known topics, and with goals the choices their plan makes (as `plan` takes them)
    #[command(flatten)]
    pub choices: PlanChoices,
    #[arg(long, value_enum, default_value_t)]
    pub format: TextOrJson,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Exit with status 1 when there are warnings, too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Also fetch every resource URL: dead and moved links are warnings (results kept a day)
    #[arg(long)]
    pub links: bool,
    /// With --links: fetch nothing, report only what was found out in the last day
    #[arg(long, requires = "links")]
    pub offline: bool,
    /// With --links: the longest one URL may take, redirects included
    #[arg(long, value_name = "SECONDS", default_value_t = 20,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub link_timeout: u64,
    #[arg(long, value_enum, default_value_t)]
    pub format: TextOrJson,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only topics of this stage (id or title)
    #[arg(long, value_name = "STAGE")]
    pub stage: Option<String>,
    /// Only topics with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Only topics of this kind
    #[arg(long, value_enum)]
    pub kind: Option<KindFilter>,
    #[arg(long, value_enum, default_value_t)]
    pub format: TextOrJson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindFilter {
    Topic,
    Role,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The topic: its id, or its title (any case)
    pub topic: String,
    #[arg(long, value_enum, default_value_t)]
    pub format: TextOrJson,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}

//! The command line, declared with clap's derive API; the doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Roadmap to use: a .toml file, or a directory whose .toml files form one roadmap
    /// [default: the built-in machine-learning engineer roadmap]
    #[arg(long, global = true, env = "ROADMAP_PATH", value_name = "PATH")]
    pub roadmap: Option<PathBuf>,

    /// Print titles in this language where the roadmap has them (e.g. `zh`)
    #[arg(long, global = true, env = "ROADMAP_LANG", value_name = "CODE")]
    pub lang: Option<String>,

    /// When to colour text output
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
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
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Exit with status 1 when there are warnings, too
    #[arg(long)]
    pub deny_warnings: bool,
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

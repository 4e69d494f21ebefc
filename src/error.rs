//! The library's error type and the exit-code contract: 0 ok, 1 invalid roadmap or failed query,
//! 2 usage or I/O.

use std::io;
use std::path::PathBuf;

use crate::validate::Checked;

/// Exit code of a run that found the roadmap invalid or could not answer the query.
pub const EXIT_FAILURE: u8 = 1;
/// Exit code of a usage error or an I/O problem (a file that cannot be read or written).
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read `{}`: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },

    #[error("`{}` holds no roadmap: there is no .toml file in it", path.display())]
    NoRoadmapFiles { path: PathBuf },

    #[error("`{}` is a symbolic link loop back to `{}`", path.display(), ancestor.display())]
    SymlinkLoop { path: PathBuf, ancestor: PathBuf },

    #[error(
        "`{}` is too large: a roadmap may hold at most 512 MiB of TOML, all files together",
        path.display()
    )]
    TooLarge { path: PathBuf },

    #[error(
        "`{}` is too large for a progress file (at most 8 MiB, about 150,000 marked topics); \
         it was left unchanged",
        path.display()
    )]
    ProgressTooLarge { path: PathBuf },

    /// The roadmap has errors; the findings are rendered by the caller.
    #[error("the roadmap is invalid")]
    Invalid(Box<Checked>),

    /// The progress file cannot be trusted; it is left as it is.
    #[error("the progress file is not valid; it was left unchanged")]
    BadProgress(Box<crate::progress::Invalid>),

    #[error("no topic `{query}` in this roadmap")]
    UnknownTopic {
        query: String,
        suggestion: Option<String>,
    },

    #[error("{0}")]
    Query(String),

    #[error("{0}")]
    Usage(String),

    #[error("cannot write `{}`: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },

    #[error(
        "Graphviz is not installed: `dot` was not found on PATH\n  \
         = help: install it (Debian/Ubuntu: `apt-get install graphviz`, macOS: `brew install graphviz`), \
         or use `roadmap export --format dot` and lay the file out elsewhere"
    )]
    GraphvizMissing,

    #[error("Graphviz failed: {0}")]
    Graphviz(String),

    /// Writing to standard output failed; a closed pipe is not an error worth reporting.
    #[error("cannot write output: {0}")]
    Output(#[from] io::Error),
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_)
            | Error::BadProgress(_)
            | Error::ProgressTooLarge { .. }
            | Error::UnknownTopic { .. }
            | Error::Query(_) => EXIT_FAILURE,
            _ => EXIT_USAGE,
        }
    }

    /// True when the error is output going to a reader that has gone away (`roadmap list | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

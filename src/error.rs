//! The library's error type and the exit-code contract: 0 ok, 1 invalid roadmap or failed query,
//! 2 usage or I/O.
//!
//! An error is data; its words come from the message catalogues ([`Error::to_msg`]), so the same
//! error reads in the user's language on stderr and in English through `Display`.

use std::io;
use std::path::PathBuf;

use crate::i18n::Msg;
use crate::msg;
use crate::validate::Checked;

/// Exit code of a run that found the roadmap invalid or could not answer the query.
pub const EXIT_FAILURE: u8 = 1;
/// Exit code of a usage error or an I/O problem (a file that cannot be read or written).
pub const EXIT_USAGE: u8 = 2;

/// Every variant's words are the catalogue's (`Display` is English; see [`Error::to_msg`]).
#[derive(Debug, thiserror::Error)]
#[error("{}", self.to_msg())]
pub enum Error {
    Read {
        path: PathBuf,
        source: io::Error,
    },

    NoRoadmapFiles {
        path: PathBuf,
    },

    SymlinkLoop {
        path: PathBuf,
        ancestor: PathBuf,
    },

    TooLarge {
        path: PathBuf,
    },

    /// A progress file over `progress::MAX_BYTES`; it is left as it is.
    ProgressTooLarge {
        path: PathBuf,
    },

    /// The roadmap has errors; the findings are rendered by the caller.
    Invalid(Box<Checked>),

    /// The progress file cannot be trusted; it is left as it is.
    BadProgress(Box<crate::progress::Invalid>),

    UnknownTopic {
        query: String,
        suggestion: Option<String>,
        /// Ids of the best search hits for the name, the suggestion left out.
        matches: Vec<String>,
    },

    /// A question the roadmap cannot answer (exit status 1).
    Query(Msg),

    /// A command line that cannot be followed (exit status 2).
    Usage(Msg),

    Write {
        path: PathBuf,
        source: io::Error,
    },

    GraphvizMissing,

    Graphviz(String),

    /// Graphviz was stopped after `--timeout` seconds; nothing was written.
    GraphvizTimeout {
        seconds: u64,
    },

    /// The language client broke the protocol (`roadmap lsp`).
    Protocol(String),

    /// Writing to standard output failed; a closed pipe is not an error worth reporting.
    Output(#[from] io::Error),
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_)
            | Error::BadProgress(_)
            | Error::ProgressTooLarge { .. }
            | Error::UnknownTopic { .. }
            | Error::Query(_)
            // The protocol asks for 1 when the client exits without shutting the server down.
            | Error::Protocol(_) => EXIT_FAILURE,
            _ => EXIT_USAGE,
        }
    }

    /// True when the error is output going to a reader that has gone away (`roadmap list | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }

    /// The error as a message, to be put into words in the user's language. System errors
    /// (`io::Error`) keep the operating system's own words.
    pub fn to_msg(&self) -> Msg {
        let path = |p: &PathBuf| p.display().to_string();
        match self {
            Error::Read { path: p, source } => {
                msg!("error-read", path = path(p), reason = source.to_string())
            }
            Error::NoRoadmapFiles { path: p } => msg!("error-no-roadmap-files", path = path(p)),
            Error::SymlinkLoop { path: p, ancestor } => {
                msg!(
                    "error-symlink-loop",
                    path = path(p),
                    ancestor = path(ancestor)
                )
            }
            Error::TooLarge { path: p } => msg!("error-too-large", path = path(p)),
            Error::ProgressTooLarge { path: p } => {
                msg!("error-progress-too-large", path = path(p))
            }
            Error::Invalid(_) => msg!("error-invalid"),
            Error::BadProgress(_) => msg!("error-bad-progress"),
            Error::UnknownTopic {
                query,
                suggestion,
                matches,
            } => {
                let matches = matches
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                match (suggestion, matches.is_empty()) {
                    (None, true) => msg!("error-unknown-topic", name = query.as_str()),
                    (Some(s), true) => msg!(
                        "error-unknown-topic-suggest",
                        name = query.as_str(),
                        suggestion = s.as_str()
                    ),
                    (None, false) => msg!(
                        "error-unknown-topic-search",
                        name = query.as_str(),
                        matches = matches
                    ),
                    (Some(s), false) => msg!(
                        "error-unknown-topic-suggest-search",
                        name = query.as_str(),
                        suggestion = s.as_str(),
                        matches = matches
                    ),
                }
            }
            Error::Query(m) | Error::Usage(m) => m.clone(),
            Error::Write { path: p, source } => {
                msg!("error-write", path = path(p), reason = source.to_string())
            }
            Error::GraphvizMissing => msg!("error-graphviz-missing"),
            Error::Graphviz(reason) => msg!("error-graphviz", reason = reason.as_str()),
            Error::GraphvizTimeout { seconds } => {
                msg!("error-graphviz-timeout", seconds = *seconds)
            }
            Error::Protocol(reason) => msg!("error-protocol", reason = reason.as_str()),
            Error::Output(e) => msg!("error-output", reason = e.to_string()),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

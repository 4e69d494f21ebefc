//! `roadmap lsp`: the language server (see [`crate::lsp`]) on standard input and output. It
//! runs before anything else takes the standard streams: the server's writer thread owns
//! standard output.

use std::io::Write;
use std::time::Duration;

use lsp_server::Connection;

use crate::cli::{Global, LspArgs};
use crate::commands::report;
use crate::i18n::{Choice, Source};
use crate::lsp::{self, Settings};

/// Serves until the client shuts the server down; the exit status.
pub fn run(global: &Global, args: &LspArgs) -> u8 {
    let language = Choice::resolve(global.lang.as_deref());
    // Spans and URIs are absolute paths; so must the roadmap be to contain them.
    let roadmap = global
        .roadmap
        .as_ref()
        .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()));
    let settings = Settings {
        roadmap,
        asked: (language.source == Source::Asked).then(|| language.localizer()),
        fallback: language.localizer(),
        asked_tag: (language.source == Source::Asked)
            .then(|| language.tag.clone())
            .flatten(),
        fallback_tag: language.tag.clone(),
        debounce: Duration::from_millis(args.debounce),
    };
    let (connection, io_threads) = Connection::stdio();
    let result = lsp::serve(&connection, settings);
    // Closing the channel lets the writer thread finish once everything is sent.
    drop(connection);
    let joined = io_threads.join();
    let code = match result {
        Ok(()) => 0,
        Err(e) => {
            // Plain text: an editor shows the server's standard error in a log, not a terminal.
            let mut err = anstream::StripStream::new(std::io::stderr().lock());
            let _ = report(&e, &mut err, language.localizer());
            let _ = err.flush();
            e.exit_code()
        }
    };
    match joined {
        Ok(()) => code,
        Err(_) if code == 0 => crate::error::EXIT_USAGE,
        Err(_) => code,
    }
}

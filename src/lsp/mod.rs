//! `roadmap lsp`: a Language Server Protocol server for roadmap files, built on `lsp-server` (the
//! JSON-RPC transport rust-analyzer uses) and `lsp-types`.
//!
//! The roadmap of an edited file is the directory it is in (its `.toml` files, recursively, as
//! `--roadmap DIR` reads them), or the roadmap named by `--roadmap` or the client's
//! `initializationOptions.roadmap` when the file is in it. Each roadmap is loaded and validated by
//! the one loader and validator, with the editor's text for open files: after an open at once,
//! after changes once the typing pauses ([`Settings::debounce`]), and before answering a request
//! about it. Diagnostics are `check`'s findings, for every file of the roadmap; completion,
//! navigation, renaming, hover and symbols work from the loaded document's spans
//! ([`analysis::Analysis`]).

pub mod analysis;
mod features;
pub mod text;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{InitializeParams, PositionEncodingKind, Uri};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::i18n::{Localizer, Ui};
use crate::load::{self, Origin};
use analysis::Analysis;
use text::Encoding;

/// How the server is run.
#[derive(Clone)]
pub struct Settings {
    /// The roadmap files belong to, when they are in it (`--roadmap`); the client's
    /// `initializationOptions.roadmap` overrides it.
    pub roadmap: Option<PathBuf>,
    /// The interface language asked for (`--lang`, `ROADMAP_LANG`): it wins over the client's
    /// locale, which wins over `fallback` (the system's).
    pub asked: Option<&'static Localizer>,
    pub fallback: &'static Localizer,
    /// The language tag for the roadmap's own texts (titles, summaries) by the same rule:
    /// asked, else the client's locale, else the system's.
    pub asked_tag: Option<String>,
    pub fallback_tag: Option<String>,
    /// How long typing must pause before a changed roadmap is checked again.
    pub debounce: Duration,
}

/// An open document: the editor's text, which wins over the file on disk.
struct Doc {
    uri: Uri,
    text: String,
    version: i32,
}

/// One roadmap (a directory, or a single file) and what is known of it.
#[derive(Default)]
struct Roadmap {
    analysis: Option<Analysis>,
    /// When it is to be checked again; `None` when the analysis is current.
    due: Option<Instant>,
    /// What was last published for each file, to send only what changed.
    published: HashMap<String, Value>,
}

struct Server<'c> {
    connection: &'c Connection,
    settings: Settings,
    loc: &'static Localizer,
    /// The language of the roadmap's titles and summaries shown.
    lang: Option<String>,
    encoding: Encoding,
    docs: HashMap<PathBuf, Doc>,
    roadmaps: BTreeMap<PathBuf, Roadmap>,
}

/// Runs the server on a connection until the client shuts it down.
pub fn serve(connection: &Connection, settings: Settings) -> Result<()> {
    let protocol = |e: lsp_server::ProtocolError| Error::Protocol(e.to_string());
    let (id, params) = connection.initialize_start().map_err(protocol)?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
    let encoding = if utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let mut settings = settings;
    let options = params.initialization_options.unwrap_or(Value::Null);
    if let Some(path) = options.get("roadmap").and_then(Value::as_str) {
        settings.roadmap = Some(PathBuf::from(path));
    }
    if let Some(ms) = options.get("debounceMs").and_then(Value::as_u64) {
        settings.debounce = Duration::from_millis(ms);
    }
    let client_tag = params.locale.as_deref().and_then(crate::i18n::tag);
    let client = client_tag
        .as_deref()
        .map(|tag| Localizer::get(Ui::for_tag(Some(tag))));
    let loc = settings.asked.or(client).unwrap_or(settings.fallback);
    let lang = settings
        .asked_tag
        .clone()
        .or(client_tag)
        .or(settings.fallback_tag.clone());
    let result = serde_json::json!({
        "capabilities": features::capabilities(encoding),
        "serverInfo": { "name": "roadmap", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(protocol)?;
    let mut server = Server {
        connection,
        settings,
        loc,
        lang,
        encoding,
        docs: HashMap::new(),
        roadmaps: BTreeMap::new(),
    };
    server.run()
}

impl Server<'_> {
    fn run(&mut self) -> Result<()> {
        loop {
            let due = self.roadmaps.values().filter_map(|r| r.due).min();
            let message = match due {
                None => match self.connection.receiver.recv() {
                    Ok(m) => m,
                    Err(_) => return Ok(()),
                },
                Some(due) => match self.connection.receiver.recv_deadline(due) {
                    Ok(m) => m,
                    Err(RecvTimeoutError::Timeout) => {
                        self.refresh_due(Instant::now());
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return Ok(()),
                },
            };
            match message {
                Message::Request(request) => {
                    let shutdown = self
                        .connection
                        .handle_shutdown(&request)
                        .map_err(|e| Error::Protocol(e.to_string()))?;
                    if shutdown {
                        return Ok(());
                    }
                    let response = self.request(request);
                    self.send(response.into());
                }
                Message::Notification(n) if n.method == lsp_types::notification::Exit::METHOD => {
                    // `exit` without `shutdown` first.
                    return Err(Error::Protocol("exit before shutdown".into()));
                }
                Message::Notification(n) => self.notification(n),
                Message::Response(_) => {}
            }
        }
    }

    fn send(&self, message: Message) {
        // The client has gone: the loop ends when the connection closes.
        let _ = self.connection.sender.send(message);
    }

    /// The roadmap a file belongs to: the configured one when the file is in it, else the
    /// file's directory.
    fn roadmap_of(&self, path: &Path) -> PathBuf {
        if let Some(roadmap) = &self.settings.roadmap
            && (path.starts_with(roadmap) || path == roadmap)
        {
            return roadmap.clone();
        }
        path.parent()
            .map_or_else(|| path.to_owned(), Path::to_owned)
    }

    fn notification(&mut self, n: Notification) {
        use lsp_types::notification::{
            DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument,
        };
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
                else {
                    return;
                };
                let doc = p.text_document;
                let Some(path) = text::path_of(&doc.uri) else {
                    return;
                };
                let roadmap = self.roadmap_of(&path);
                self.docs.insert(
                    path,
                    Doc {
                        uri: doc.uri,
                        text: doc.text,
                        version: doc.version,
                    },
                );
                // Opened: checked at once.
                self.roadmaps.entry(roadmap.clone()).or_default().due = Some(Instant::now());
                self.refresh_due(Instant::now());
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
                else {
                    return;
                };
                let Some(path) = text::path_of(&p.text_document.uri) else {
                    return;
                };
                let Some(doc) = self.docs.get_mut(&path) else {
                    return;
                };
                for change in p.content_changes {
                    match change.range {
                        // The server asks for whole texts; a client may still send a range.
                        Some(range) => {
                            let lines = text::LineIndex::new(std::mem::take(&mut doc.text), false);
                            let start = lines.offset(range.start, self.encoding) as usize;
                            let end = lines.offset(range.end, self.encoding) as usize;
                            let mut new = lines.text().to_owned();
                            new.replace_range(start..end.max(start), &change.text);
                            doc.text = new;
                        }
                        None => doc.text = change.text,
                    }
                }
                doc.version = p.text_document.version;
                let roadmap = self.roadmap_of(&path);
                let due = Instant::now() + self.settings.debounce;
                self.roadmaps.entry(roadmap).or_default().due = Some(due);
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
                else {
                    return;
                };
                if let Some(path) = text::path_of(&p.text_document.uri) {
                    self.docs.remove(&path);
                    // The file on disk counts again (the buffer may not have been saved).
                    let roadmap = self.roadmap_of(&path);
                    self.roadmaps.entry(roadmap).or_default().due = Some(Instant::now());
                }
            }
            _ => {}
        }
    }

    /// Checks every roadmap whose time has come, and publishes what changed.
    fn refresh_due(&mut self, now: Instant) {
        let due: Vec<PathBuf> = self
            .roadmaps
            .iter()
            .filter(|(_, r)| r.due.is_some_and(|d| d <= now))
            .map(|(p, _)| p.clone())
            .collect();
        for roadmap in due {
            self.refresh(&roadmap);
        }
    }

    /// Loads and validates a roadmap with the editor's texts, and publishes its diagnostics.
    fn refresh(&mut self, root: &Path) {
        let mut analysis = Analysis::build(self.files(root), self.lang.as_deref());
        // Open files keep the URI their editor gave them (which may encode the path otherwise).
        for file in &mut analysis.files {
            if let Some(doc) = self.docs.get(&file.path) {
                file.uri = doc.uri.clone();
            }
        }
        if let Some(previous) = self.roadmaps.get_mut(root).and_then(|r| r.analysis.take()) {
            analysis.keep_stale(previous);
        }
        let diagnostics = features::diagnostics(&analysis, self.loc, self.encoding);
        let state = self.roadmaps.entry(root.to_owned()).or_default();
        state.due = None;
        let mut messages = Vec::new();
        // Every file of the roadmap, and any file published before (a file removed from the
        // roadmap gets its diagnostics cleared).
        let mut uris: Vec<String> = analysis
            .files
            .iter()
            .map(|f| f.uri.as_str().to_owned())
            .collect();
        uris.extend(state.published.keys().cloned());
        uris.sort();
        uris.dedup();
        for uri in uris {
            let list = diagnostics.get(&uri).cloned().unwrap_or_default();
            let list = serde_json::to_value(&list).unwrap_or(Value::Null);
            if state.published.get(&uri) == Some(&list) {
                continue;
            }
            let version = self
                .docs
                .values()
                .find(|d| d.uri.as_str() == uri)
                .map(|d| d.version);
            let params = serde_json::json!({ "uri": uri, "diagnostics": list, "version": version });
            messages.push(Notification::new(
                lsp_types::notification::PublishDiagnostics::METHOD.to_owned(),
                params,
            ));
            state.published.insert(uri, list);
        }
        state.analysis = Some(analysis);
        for m in messages {
            self.send(m.into());
        }
    }

    /// The roadmap's files: those on disk, with the editor's text for open ones (including open
    /// files not saved yet), in path order.
    fn files(&self, root: &Path) -> Vec<(PathBuf, String)> {
        let mut files: BTreeMap<PathBuf, String> = match load::read(&Origin::Path(root.to_owned()))
        {
            Ok(files) => files
                .into_iter()
                .map(|(name, bytes)| {
                    let text = String::from_utf8(bytes)
                        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                    (PathBuf::from(name), text)
                })
                .collect(),
            Err(_) => BTreeMap::new(),
        };
        for (path, doc) in &self.docs {
            if self.roadmap_of(path) == root {
                files.insert(path.clone(), doc.text.clone());
            }
        }
        // Path order, compared component by component, as the loader reads a directory.
        let mut files: Vec<(PathBuf, String)> = files.into_iter().collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }

    /// The current analysis of the roadmap a document belongs to (checked first if it is due).
    fn analysis(&mut self, uri: &Uri) -> Option<&Analysis> {
        let path = text::path_of(uri)?;
        let root = self.roadmap_of(&path);
        let current = self
            .roadmaps
            .get(&root)
            .is_some_and(|r| r.due.is_none() && r.analysis.is_some());
        if !current {
            self.refresh(&root);
        }
        self.roadmaps.get(&root)?.analysis.as_ref()
    }

    fn request(&mut self, request: Request) -> Response {
        use lsp_types::request::{
            CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest,
            PrepareRenameRequest, References, Rename,
        };
        let (loc, encoding) = (self.loc, self.encoding);
        let id = request.id.clone();
        macro_rules! on {
            ($kind:ty, |$analysis:ident, $params:ident| $body:expr) => {{
                match serde_json::from_value::<<$kind as lsp_types::request::Request>::Params>(
                    request.params,
                ) {
                    Err(e) => invalid_params(id, e),
                    Ok($params) => {
                        let uri = features::uri_of_params(&$params).clone();
                        let answer: std::result::Result<
                            <$kind as lsp_types::request::Request>::Result,
                            String,
                        > = match self.analysis(&uri) {
                            None => Ok(Default::default()),
                            Some($analysis) => $body,
                        };
                        match answer {
                            Ok(result) => Response::new_ok(id, result),
                            Err(message) => {
                                Response::new_err(id, ErrorCode::RequestFailed as i32, message)
                            }
                        }
                    }
                }
            }};
        }
        match request.method.as_str() {
            Completion::METHOD => on!(Completion, |a, p| Ok(features::completion(
                a, &p, loc, encoding
            ))),
            HoverRequest::METHOD => on!(HoverRequest, |a, p| Ok(features::hover(
                a, &p, loc, encoding
            ))),
            GotoDefinition::METHOD => {
                on!(GotoDefinition, |a, p| Ok(features::definition(
                    a, &p, encoding
                )))
            }
            References::METHOD => on!(References, |a, p| Ok(features::references(a, &p, encoding))),
            PrepareRenameRequest::METHOD => on!(PrepareRenameRequest, |a, p| {
                features::prepare_rename(a, &p, loc, encoding)
            }),
            Rename::METHOD => on!(Rename, |a, p| features::rename(a, &p, loc, encoding)),
            DocumentSymbolRequest::METHOD => on!(DocumentSymbolRequest, |a, p| Ok(
                features::symbols(a, &p, loc, encoding)
            )),
            CodeActionRequest::METHOD => on!(CodeActionRequest, |a, p| Ok(features::code_actions(
                a, &p, loc, encoding
            ))),
            _ => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("unknown request {}", request.method),
            ),
        }
    }
}

fn invalid_params(id: RequestId, e: serde_json::Error) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, e.to_string())
}

//! What the language server answers, each from an [`Analysis`]: diagnostics (`check`'s findings
//! with their exact ranges), quick fixes (a finding's suggestion), completion of ids, go to
//! definition, references, rename, hover, and document symbols.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CompletionItem, CompletionItemKind, CompletionOptions,
    CompletionParams, CompletionResponse, CompletionTextEdit, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol, DocumentSymbolParams,
    DocumentSymbolResponse, Documentation, GotoDefinitionParams, GotoDefinitionResponse, Hover,
    HoverContents, HoverParams, HoverProviderCapability, Location, MarkupContent, MarkupKind,
    NumberOrString, OneOf, PositionEncodingKind, PrepareRenameResponse, ReferenceParams,
    RenameOptions, RenameParams, ServerCapabilities, SymbolKind, TextDocumentPositionParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Uri, WorkspaceEdit,
};

use crate::diagnostic::Severity;
use crate::i18n::{Localizer, Msg};
use crate::lsp::analysis::{Analysis, Target, TopicSym};
use crate::lsp::text::{self, Encoding, SlotKind};
use crate::model::{HoursText, TopicKind};
use crate::msg;
use crate::source::Span;
use crate::validate::is_valid_id;

pub fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "'".into()]),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// The document a request is about.
pub fn uri_of_params<P: AboutDocument>(params: &P) -> &Uri {
    params.uri()
}

pub trait AboutDocument {
    fn uri(&self) -> &Uri;
}

macro_rules! about_document {
    ($($t:ty => |$p:ident| $e:expr;)*) => {$(
        impl AboutDocument for $t {
            fn uri(&self) -> &Uri {
                let $p = self;
                &$e.uri
            }
        }
    )*};
}

about_document! {
    CompletionParams => |p| p.text_document_position.text_document;
    HoverParams => |p| p.text_document_position_params.text_document;
    GotoDefinitionParams => |p| p.text_document_position_params.text_document;
    ReferenceParams => |p| p.text_document_position.text_document;
    TextDocumentPositionParams => |p| p.text_document;
    RenameParams => |p| p.text_document_position.text_document;
    DocumentSymbolParams => |p| p.text_document;
    CodeActionParams => |p| p.text_document;
}

fn location(analysis: &Analysis, span: Span, encoding: Encoding) -> Option<Location> {
    let file = analysis.file(span)?;
    Some(Location {
        uri: file.uri.clone(),
        range: file.lines.range(span, encoding),
    })
}

/// `check`'s findings as diagnostics, by file URI. A finding about no place in particular goes
/// to the first file.
pub fn diagnostics(
    analysis: &Analysis,
    loc: &Localizer,
    encoding: Encoding,
) -> HashMap<String, Vec<Diagnostic>> {
    let mut by_file: HashMap<String, Vec<Diagnostic>> = HashMap::new();
    if !analysis.is_roadmap && analysis.failure.is_none() {
        return by_file;
    }
    let first = analysis.files.first();
    if let Some(failure) = &analysis.failure {
        for file in &analysis.files {
            by_file
                .entry(file.uri.as_str().to_owned())
                .or_default()
                .push(Diagnostic {
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("roadmap".into()),
                    message: loc.text(failure),
                    ..Diagnostic::default()
                });
        }
    }
    for finding in &analysis.findings {
        let (file, range) = match finding.span.and_then(|s| Some((analysis.file(s)?, s))) {
            Some((file, span)) => (file, file.lines.range(span, encoding)),
            None => match first {
                Some(file) => (file, Default::default()),
                None => continue,
            },
        };
        let mut message = loc.text(&finding.message);
        let own_label = finding
            .span
            .and_then(|_| finding.quotes.first())
            .and_then(|q| q.label.as_ref());
        if let Some(label) = own_label {
            message.push('\n');
            message.push_str(&loc.text(label));
        }
        if let Some(help) = &finding.help {
            message.push_str(&format!("\n{}: {}", loc.t("level-help"), loc.text(help)));
        }
        let related: Vec<DiagnosticRelatedInformation> = finding
            .quotes
            .iter()
            .skip(usize::from(finding.span.is_some()))
            .filter_map(|q| {
                Some(DiagnosticRelatedInformation {
                    location: location(analysis, q.span, encoding)?,
                    message: q.label.as_ref().map(|l| loc.text(l)).unwrap_or_default(),
                })
            })
            .collect();
        by_file
            .entry(file.uri.as_str().to_owned())
            .or_default()
            .push(Diagnostic {
                range,
                severity: Some(match finding.severity() {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                }),
                code: Some(NumberOrString::String(finding.kind.as_str().into())),
                source: Some("roadmap".into()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                data: finding
                    .suggestion
                    .as_ref()
                    .map(|s| serde_json::json!({ "suggestion": s })),
                ..Diagnostic::default()
            });
    }
    by_file
}

/// A quick fix for each diagnostic that carries a suggestion: the did-you-mean put in place
/// (quoted where the value was a string).
// lsp-types keys a workspace edit by `Uri`, which clippy takes for a mutable key.
#[allow(clippy::mutable_key_type)]
pub fn code_actions(
    analysis: &Analysis,
    params: &CodeActionParams,
    loc: &Localizer,
    encoding: Encoding,
) -> Option<Vec<CodeActionOrCommand>> {
    let uri = &params.text_document.uri;
    let file = analysis.file_of(uri)?;
    let lines = &analysis.files[file as usize].lines;
    let actions: Vec<CodeActionOrCommand> = params
        .context
        .diagnostics
        .iter()
        .filter(|d| d.source.as_deref() == Some("roadmap"))
        .filter_map(|d| {
            let suggestion = d.data.as_ref()?.get("suggestion")?.as_str()?;
            let start = lines.offset(d.range.start, encoding) as usize;
            let written = lines.text().get(start..)?;
            let new_text = if written.starts_with(['"', '\'']) {
                serde_json::to_string(suggestion).ok()?
            } else {
                suggestion.to_owned()
            };
            let edit = TextEdit {
                range: d.range,
                new_text,
            };
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: loc.text(&msg!("lsp-fix-replace", name = suggestion)),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(true),
                ..CodeAction::default()
            }))
        })
        .collect();
    Some(actions)
}

/// Topic ids in `requires`, `recommends` and `one_of`, stage ids in `stage`.
pub fn completion(
    analysis: &Analysis,
    params: &CompletionParams,
    loc: &Localizer,
    encoding: Encoding,
) -> Option<CompletionResponse> {
    let at = &params.text_document_position;
    let file = analysis.file_of(&at.text_document.uri)?;
    let lines = &analysis.files[file as usize].lines;
    let offset = lines.offset(at.position, encoding) as usize;
    let slot = text::slot(lines.text(), offset)?;
    let range = lines.range(
        Span {
            file,
            start: slot.replace.start as u32,
            end: slot.replace.end as u32,
        },
        encoding,
    );
    let item = |(i, id): (usize, &str), kind, detail: String, doc: Option<&String>| {
        let new_text = if slot.quoted {
            id.to_owned()
        } else {
            format!("\"{id}\"")
        };
        CompletionItem {
            label: id.to_owned(),
            kind: Some(kind),
            detail: Some(detail),
            documentation: doc.map(|d| Documentation::String(d.clone())),
            filter_text: Some(id.to_owned()),
            sort_text: Some(format!("{i:06}")),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text })),
            ..CompletionItem::default()
        }
    };
    let items = match slot.what {
        SlotKind::Topic => {
            let own = analysis
                .topics
                .iter()
                .find(|t| t.header.file == file && t.header.start as usize == slot.table)
                .map(|t| t.id.as_str());
            analysis
                .all_topics()
                .filter(|t| Some(t.id.as_str()) != own)
                .enumerate()
                .map(|(i, t)| {
                    let kind = match t.kind {
                        TopicKind::Topic => CompletionItemKind::VALUE,
                        TopicKind::Role => CompletionItemKind::CLASS,
                    };
                    item((i, &t.id), kind, detail(t, loc), t.summary.as_ref())
                })
                .collect()
        }
        SlotKind::Stage => analysis
            .all_stages()
            .enumerate()
            .map(|(i, s)| {
                item(
                    (i, &s.id),
                    CompletionItemKind::MODULE,
                    s.title.clone(),
                    s.summary.as_ref(),
                )
            })
            .collect(),
    };
    Some(CompletionResponse::Array(items))
}

/// `Python · 40 h`, `ML engineer · role`.
fn detail(t: &TopicSym, loc: &Localizer) -> String {
    match (t.kind, t.hours) {
        (TopicKind::Role, _) => format!("{} · {}", t.title, loc.t("kind-role")),
        (_, Some(h)) => format!("{} · {} h", t.title, HoursText(h)),
        (_, None) => format!("{} · ? h", t.title),
    }
}

fn target_at(
    analysis: &Analysis,
    at: &TextDocumentPositionParams,
    encoding: Encoding,
) -> Option<(Target, Span)> {
    let file = analysis.file_of(&at.text_document.uri)?;
    let lines = &analysis.files[file as usize].lines;
    analysis.target_at(file, lines.offset(at.position, encoding))
}

pub fn definition(
    analysis: &Analysis,
    params: &GotoDefinitionParams,
    encoding: Encoding,
) -> Option<GotoDefinitionResponse> {
    let (target, _) = target_at(analysis, &params.text_document_position_params, encoding)?;
    let found: Vec<Location> = analysis
        .definitions(&target)
        .into_iter()
        .filter_map(|s| location(analysis, s, encoding))
        .collect();
    (!found.is_empty()).then_some(GotoDefinitionResponse::Array(found))
}

pub fn references(
    analysis: &Analysis,
    params: &ReferenceParams,
    encoding: Encoding,
) -> Option<Vec<Location>> {
    let (target, _) = target_at(analysis, &params.text_document_position, encoding)?;
    let mut spans = analysis.references_to(&target);
    if params.context.include_declaration {
        spans.extend(analysis.definitions(&target));
    }
    spans.sort();
    Some(
        spans
            .into_iter()
            .filter_map(|s| location(analysis, s, encoding))
            .collect(),
    )
}

/// The id inside its quotes.
fn inner(analysis: &Analysis, span: Span) -> Span {
    let text = analysis.text(span);
    let quote = ["\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|q| text.len() >= 2 * q.len() && text.starts_with(q) && text.ends_with(q))
        .map_or(0, str::len) as u32;
    Span {
        start: span.start + quote,
        end: span.end - quote,
        ..span
    }
}

pub fn prepare_rename(
    analysis: &Analysis,
    params: &TextDocumentPositionParams,
    loc: &Localizer,
    encoding: Encoding,
) -> Result<Option<PrepareRenameResponse>, String> {
    let Some((target, span)) = target_at(analysis, params, encoding) else {
        return Err(loc.text(&msg!("lsp-rename-nothing")));
    };
    let (Target::Topic(id) | Target::Stage(id)) = target;
    let range = location(analysis, inner(analysis, span), encoding)
        .map(|l| l.range)
        .unwrap_or_default();
    Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
        range,
        placeholder: id,
    }))
}

/// Renames a topic or stage id: its definition and every reference, in every file of the
/// roadmap. Refused when the new id breaks the id rules or is taken.
#[allow(clippy::mutable_key_type)]
pub fn rename(
    analysis: &Analysis,
    params: &RenameParams,
    loc: &Localizer,
    encoding: Encoding,
) -> Result<Option<WorkspaceEdit>, String> {
    let Some((target, _)) = target_at(analysis, &params.text_document_position, encoding) else {
        return Err(loc.text(&msg!("lsp-rename-nothing")));
    };
    let new = params.new_name.trim();
    if !is_valid_id(new) {
        return Err(loc.text(&msg!("lsp-rename-invalid", name = new)));
    }
    let (taken, message): (Target, Msg) = match &target {
        Target::Topic(id) if id != new => (
            Target::Topic(new.to_owned()),
            msg!("lsp-rename-taken-topic", name = new),
        ),
        Target::Stage(id) if id != new => (
            Target::Stage(new.to_owned()),
            msg!("lsp-rename-taken-stage", name = new),
        ),
        // The same id: nothing to change.
        _ => return Ok(Some(WorkspaceEdit::default())),
    };
    if !analysis.definitions(&taken).is_empty() {
        return Err(loc.text(&message));
    }
    let mut spans = analysis.definitions(&target);
    spans.extend(analysis.references_to(&target));
    spans.sort();
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for span in spans {
        if let Some(l) = location(analysis, inner(analysis, span), encoding) {
            changes.entry(l.uri).or_default().push(TextEdit {
                range: l.range,
                new_text: new.to_owned(),
            });
        }
    }
    Ok(Some(WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }))
}

/// A topic: its title, kind, stage, hours and summary, what it requires and what it unlocks; a
/// stage: its title, summary and number of topics.
pub fn hover(
    analysis: &Analysis,
    params: &HoverParams,
    loc: &Localizer,
    encoding: Encoding,
) -> Option<Hover> {
    let (target, span) = target_at(analysis, &params.text_document_position_params, encoding)?;
    let code = |id: &str| format!("`{id}`");
    let named = |id: &str| match analysis.topic(id) {
        Some(t) => format!("{} ({})", code(id), t.title),
        None => code(id),
    };
    let mut lines = Vec::new();
    match &target {
        Target::Topic(id) => {
            let t = analysis.topic(id)?;
            let kind = match t.kind {
                TopicKind::Topic => loc.t("kind-topic"),
                TopicKind::Role => loc.t("kind-role"),
            };
            lines.push(format!("**{}** {} · {kind}", t.title, code(&t.id)));
            let stage = analysis
                .stage(&t.stage)
                .map_or_else(|| code(&t.stage), |s| s.title.clone());
            let hours = t.hours.map_or_else(
                || loc.t("show-not-estimated"),
                |h| format!("{} h", HoursText(h)),
            );
            lines.push(format!(
                "{}: {stage} · {}: {hours}",
                loc.t("show-stage"),
                loc.t("show-hours")
            ));
            if let Some(summary) = &t.summary {
                lines.push(summary.clone());
            }
            let requires: Vec<String> = t
                .requires
                .iter()
                .map(|entry| match entry.as_slice() {
                    [one] => named(one),
                    many => format!(
                        "{} {}",
                        loc.t("tree-one-of"),
                        many.iter().map(|a| named(a)).collect::<Vec<_>>().join(", ")
                    ),
                })
                .collect();
            let unlocks: Vec<String> = analysis
                .topics
                .iter()
                .filter(|u| u.requires.iter().flatten().any(|r| r == id))
                .map(|u| named(&u.id))
                .collect();
            let list = |items: Vec<String>| {
                if items.is_empty() {
                    loc.t("show-nothing")
                } else {
                    items.join(", ")
                }
            };
            lines.push(format!(
                "**{}**: {}  \n**{}**: {}",
                loc.t("show-requires"),
                list(requires),
                loc.t("show-unlocks"),
                list(unlocks)
            ));
        }
        Target::Stage(id) => {
            let s = analysis.stage(id)?;
            lines.push(format!(
                "**{}** {} · {}",
                s.title,
                code(&s.id),
                loc.t("show-stage")
            ));
            if let Some(summary) = &s.summary {
                lines.push(summary.clone());
            }
            let count = analysis.topics.iter().filter(|t| t.stage == *id).count();
            lines.push(loc.text(&msg!("topics-count", count = count)));
        }
    }
    let range = location(analysis, span, encoding).map(|l| l.range);
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: lines.join("\n\n"),
        }),
        range,
    })
}

/// The stages and topics of a file, in the order written, each spanning its table.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be given, as `None`.
pub fn symbols(
    analysis: &Analysis,
    params: &DocumentSymbolParams,
    loc: &Localizer,
    encoding: Encoding,
) -> Option<DocumentSymbolResponse> {
    let file = analysis.file_of(&params.text_document.uri)?;
    let lines = &analysis.files[file as usize].lines;
    let symbol = |name: &str, detail: String, kind, header: Span, id: Span| {
        let table = Span {
            end: analysis.table_end(header),
            ..header
        };
        DocumentSymbol {
            name: name.to_owned(),
            detail: Some(detail),
            kind,
            tags: None,
            deprecated: None,
            range: lines.range(table, encoding),
            selection_range: lines.range(id, encoding),
            children: None,
        }
    };
    let mut found: Vec<(u32, DocumentSymbol)> = Vec::new();
    for s in analysis.stages.iter().filter(|s| s.header.file == file) {
        let sym = symbol(
            &s.id,
            s.title.clone(),
            SymbolKind::NAMESPACE,
            s.header,
            s.id_span,
        );
        found.push((s.header.start, sym));
    }
    for t in analysis.topics.iter().filter(|t| t.header.file == file) {
        let kind = match t.kind {
            TopicKind::Topic => SymbolKind::CLASS,
            TopicKind::Role => SymbolKind::INTERFACE,
        };
        let sym = symbol(&t.id, detail(t, loc), kind, t.header, t.id_span);
        found.push((t.header.start, sym));
    }
    found.sort_by_key(|(start, _)| *start);
    Some(DocumentSymbolResponse::Nested(
        found.into_iter().map(|(_, s)| s).collect(),
    ))
}

//! The authoring lints: warnings about what a roadmap says that is valid but almost certainly not
//! what its author meant (blank texts, URLs no browser opens, roles that need nothing, `one_of`s
//! that offer no choice, topics that take no time). Run by validation with the other warnings,
//! on a roadmap without errors, so every reference here resolves.

use crate::diagnostic::{Finding, FindingKind};
use crate::i18n::Msg;
use crate::model::{Document, Group, Name, Resource, TextSpans, Topic, TopicKind};
use crate::msg;
use crate::source::Span;

/// Adds a finding for every lint the document breaks.
pub fn check(doc: &Document, findings: &mut Vec<Finding>) {
    for meta in &doc.meta {
        let texts = (meta.title.as_str(), meta.summary.as_deref(), meta.texts);
        blank_texts(&|| msg!("lint-what-roadmap"), texts, findings);
    }
    for stage in &doc.stages {
        let texts = (stage.title.as_str(), stage.summary.as_deref(), stage.texts);
        blank_texts(&|| msg!("lint-what-stage", id = &stage.id), texts, findings);
    }
    for topic in &doc.topics {
        // Named only when a lint fires: making the message for every topic was most of the
        // lints' time on a large roadmap.
        let what = || match topic.kind {
            TopicKind::Topic => msg!("lint-what-topic", id = &topic.id),
            TopicKind::Role => msg!("lint-what-role", id = &topic.id),
        };
        let texts = (topic.title.as_str(), topic.summary.as_deref(), topic.texts);
        blank_texts(&what, texts, findings);
        for resource in &topic.resources {
            self::resource(&what, resource, findings);
        }
        kind_and_hours(topic, findings);
        for group in topic.requires.iter().filter_map(|r| match r {
            crate::model::Requirement::OneOf(group) => Some(group),
            crate::model::Requirement::Topic(_) => None,
        }) {
            one_of(doc, topic, group, findings);
        }
    }
}

/// A role that requires nothing; a topic of 0 hours.
fn kind_and_hours(topic: &Topic<Name>, findings: &mut Vec<Finding>) {
    match topic.kind {
        TopicKind::Role if topic.requires.is_empty() => findings.push(
            Finding::new(
                FindingKind::EmptyRole,
                msg!("lint-empty-role", id = &topic.id),
            )
            .at(topic.id_span)
            .label(msg!("lint-empty-role-label"))
            .help(msg!("lint-empty-role-help")),
        ),
        TopicKind::Topic => {
            if let (Some(0.0), Some(span)) = (topic.hours, topic.hours_span) {
                findings.push(
                    Finding::new(
                        FindingKind::ZeroHours,
                        msg!("lint-zero-hours", id = &topic.id),
                    )
                    .at(span)
                    .label(msg!("lint-zero-hours-label"))
                    .help(msg!("lint-zero-hours-help")),
                );
            }
        }
        TopicKind::Role => {}
    }
}

/// A `one_of` with an alternative listed twice, or with a single alternative.
fn one_of(doc: &Document, topic: &Topic<Name>, group: &Group<Name>, findings: &mut Vec<Finding>) {
    let names = &group.alternatives;
    let text = |n| text_of(n, doc);
    for (i, name) in names.iter().enumerate() {
        if names[..i].iter().any(|earlier| text(earlier) == text(name)) {
            findings.push(
                Finding::new(
                    FindingKind::DuplicateAlternative,
                    msg!(
                        "lint-duplicate-alternative",
                        name = text(name),
                        id = &topic.id
                    ),
                )
                .at(name.span)
                .label(msg!("lint-duplicate-alternative-label"))
                .help(msg!("lint-duplicate-alternative-help")),
            );
        }
    }
    if let [only] = names.as_slice() {
        findings.push(
            Finding::new(
                FindingKind::SingleAlternative,
                msg!("lint-single-alternative", id = &topic.id),
            )
            .at(group.span)
            .label(msg!("lint-single-alternative-label"))
            .help(msg!("lint-single-alternative-help", name = text(only))),
        );
    }
}

fn text_of<'d>(name: &'d Name, doc: &'d Document) -> &'d str {
    name.as_str(&doc.sources)
}

/// Blank titles and summaries of the roadmap, a stage or a topic (`what`).
fn blank_texts(
    what: &dyn Fn() -> Msg,
    (title, summary, spans): (&str, Option<&str>, TextSpans),
    findings: &mut Vec<Finding>,
) {
    if let Some(span) = spans.title
        && title.trim().is_empty()
    {
        findings.push(blank(
            msg!("lint-empty-title", what = what()),
            title,
            span,
            msg!("lint-empty-title-help"),
        ));
    }
    if let (Some(summary), Some(span)) = (summary, spans.summary)
        && summary.trim().is_empty()
    {
        findings.push(blank(
            msg!("lint-empty-summary", what = what()),
            summary,
            span,
            msg!("lint-empty-summary-help"),
        ));
    }
}

fn blank(message: Msg, text: &str, span: Span, help: Msg) -> Finding {
    Finding::new(FindingKind::EmptyText, message)
        .at(span)
        .label(if text.is_empty() {
            msg!("lint-label-empty")
        } else {
            msg!("lint-label-blank")
        })
        .help(help)
}

fn resource(what: &dyn Fn() -> Msg, resource: &Resource, findings: &mut Vec<Finding>) {
    if resource.title.trim().is_empty() {
        findings.push(blank(
            msg!("lint-empty-resource-title", what = what()),
            &resource.title,
            resource.title_span,
            msg!("lint-empty-resource-title-help"),
        ));
    }
    if let Some(problem) = url_problem(&resource.url) {
        findings.push(
            Finding::new(
                FindingKind::NotWebUrl,
                msg!("lint-not-web-url", what = what()),
            )
            .at(resource.url_span)
            .label(Msg::new(problem))
            .help(msg!("lint-not-web-url-help")),
        );
    }
}

/// What is wrong with a resource URL, if anything (as a message id): it must be an absolute
/// `http://` or `https://` URL with a host, and hold no blanks or control characters.
pub fn url_problem(url: &str) -> Option<&'static str> {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return Some(if lower.contains("://") || lower.starts_with("mailto:") {
            "lint-url-other-scheme"
        } else {
            "lint-url-no-scheme"
        });
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("lint-url-blank");
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() {
        return Some("lint-url-no-host");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            url_problem("https://example.org/a b"),
            Some("lint-url-blank")
        );
        assert_eq!(url_problem("docs.python.org"), Some("lint-url-no-scheme"));
        for ok in [
            "https://example.org",
            "HTTP://x.y/z?q#f",
            "https://127.0.0.1:8080/",
        ] {
            assert_eq!(url_problem(ok), None, "{ok}");
        }
        for bad in [
            "/docs/a.html",
            "ftp://x.org/",
            "mailto:a@b.c",
            "https:///x",
            "https://",
            " https://x.org",
        ] {
            assert!(url_problem(bad).is_some(), "{bad}");
        }
    }
}

//! The authoring lints: warnings about what a roadmap says that is valid but almost certainly not
//! what its author meant (blank texts, URLs no browser opens, roles that need nothing, `one_of`s
//! that offer no choice, topics that take no time). Run by validation with the other warnings,
//! on a roadmap without errors, so every reference here resolves.

use crate::diagnostic::{Finding, FindingKind};
use crate::model::{Document, Name, Requirement, Resource, TextSpans, TopicKind};
use crate::source::Span;

/// Adds a finding for every lint the document breaks.
pub fn check(doc: &Document, findings: &mut Vec<Finding>) {
    for meta in &doc.meta {
        texts(
            "the roadmap",
            &meta.title,
            meta.summary.as_deref(),
            meta.texts,
            findings,
        );
    }
    for stage in &doc.stages {
        let what = format!("stage `{}`", stage.id);
        texts(
            &what,
            &stage.title,
            stage.summary.as_deref(),
            stage.texts,
            findings,
        );
    }
    for topic in &doc.topics {
        let what = format!("{} `{}`", kind_name(topic.kind), topic.id);
        texts(
            &what,
            &topic.title,
            topic.summary.as_deref(),
            topic.texts,
            findings,
        );
        for resource in &topic.resources {
            self::resource(&what, resource, findings);
        }
        match topic.kind {
            TopicKind::Role if topic.requires.is_empty() => findings.push(
                Finding::new(
                    FindingKind::EmptyRole,
                    format!("role `{}` requires nothing", topic.id),
                )
                .at(topic.id_span)
                .label("a plan toward this role is empty")
                .help("list the topics the role needs in `requires`"),
            ),
            TopicKind::Topic => {
                if let (Some(0.0), Some(span)) = (topic.hours, topic.hours_span) {
                    findings.push(
                        Finding::new(
                            FindingKind::ZeroHours,
                            format!("topic `{}` takes 0 hours", topic.id),
                        )
                        .at(span)
                        .label("plans count no time for it")
                        .help(
                            "give a realistic estimate; a goal with nothing to study of its own \
                             is a role (`kind = \"role\"`)",
                        ),
                    );
                }
            }
            TopicKind::Role => {}
        }
        for group in topic.requires.iter().filter_map(|r| match r {
            Requirement::OneOf(group) => Some(group),
            Requirement::Topic(_) => None,
        }) {
            let names = &group.alternatives;
            let text = |n| text_of(n, doc);
            for (i, name) in names.iter().enumerate() {
                if names[..i].iter().any(|earlier| text(earlier) == text(name)) {
                    findings.push(
                        Finding::new(
                            FindingKind::DuplicateAlternative,
                            format!(
                                "`{}` is listed twice in a `one_of` of `{}`",
                                text(name),
                                topic.id
                            ),
                        )
                        .at(name.span)
                        .label("listed again here")
                        .help("remove it: an alternative counts once"),
                    );
                }
            }
            if let [only] = names.as_slice() {
                findings.push(
                    Finding::new(
                        FindingKind::SingleAlternative,
                        format!("a `one_of` of `{}` has a single alternative", topic.id),
                    )
                    .at(group.span)
                    .label("no choice to make")
                    .help(format!(
                        "write it as a plain requirement: `\"{}\"`",
                        text(only)
                    )),
                );
            }
        }
    }
}

fn text_of<'d>(name: &'d Name, doc: &'d Document) -> &'d str {
    name.as_str(&doc.sources)
}

fn kind_name(kind: TopicKind) -> &'static str {
    match kind {
        TopicKind::Topic => "topic",
        TopicKind::Role => "role",
    }
}

/// Blank titles and summaries of the roadmap, a stage or a topic.
fn texts(
    what: &str,
    title: &str,
    summary: Option<&str>,
    spans: TextSpans,
    findings: &mut Vec<Finding>,
) {
    if let Some(span) = spans.title
        && title.trim().is_empty()
    {
        findings.push(blank(
            format!("the title of {what} is empty"),
            title,
            span,
            "write the name a learner sees",
        ));
    }
    if let (Some(summary), Some(span)) = (summary, spans.summary)
        && summary.trim().is_empty()
    {
        findings.push(blank(
            format!("the summary of {what} is empty"),
            summary,
            span,
            "write one sentence on what it covers, or remove `summary`",
        ));
    }
}

fn blank(message: String, text: &str, span: Span, help: &str) -> Finding {
    Finding::new(FindingKind::EmptyText, message)
        .at(span)
        .label(if text.is_empty() {
            "empty"
        } else {
            "nothing but blanks"
        })
        .help(help)
}

fn resource(what: &str, resource: &Resource, findings: &mut Vec<Finding>) {
    if resource.title.trim().is_empty() {
        findings.push(blank(
            format!("the title of a resource of {what} is empty"),
            &resource.title,
            resource.title_span,
            "say what the resource is: a book's or a course's name",
        ));
    }
    if let Some(problem) = url_problem(&resource.url) {
        findings.push(
            Finding::new(
                FindingKind::NotWebUrl,
                format!("the URL of a resource of {what} is not an absolute http(s) URL"),
            )
            .at(resource.url_span)
            .label(problem)
            .help("write the full address, starting with `https://`: only such a URL opens from a diagram or the page"),
        );
    }
}

/// What is wrong with a resource URL, if anything: it must be an absolute `http://` or
/// `https://` URL with a host, and hold no blanks or control characters.
pub fn url_problem(url: &str) -> Option<&'static str> {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return Some(if lower.contains("://") || lower.starts_with("mailto:") {
            "not an http(s) URL"
        } else {
            "no `https://` in front: not an absolute URL"
        });
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("a URL holds no blanks: write a space as %20");
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() {
        return Some("no host after the scheme");
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
            Some("a URL holds no blanks: write a space as %20")
        );
        for ok in [
            "https://example.org",
            "HTTP://x.y/z?q#f",
            "https://127.0.0.1:8080/",
        ] {
            assert_eq!(url_problem(ok), None, "{ok}");
        }
        for bad in [
            "example.org",
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

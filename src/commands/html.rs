//! `roadmap html`: one self-contained, offline HTML page of the roadmap. The graph is laid out by
//! Graphviz as inline SVG, the topics travel as embedded JSON, and a little hand-written script
//! (`src/html/page.js`) makes the page interactive: details on click, search, the plan toward the
//! goals with week numbers, and progress marks kept in the browser and exported as a progress file.
//!
//! Everything from the roadmap is escaped for where it lands: HTML text and attribute values by
//! [`escape_html`], JSON inside the data `<script>` tag by [`json_for_script`], and the SVG by
//! Graphviz itself (checked by [`inline_svg`]). A Content-Security-Policy with a per-page nonce
//! stops any script but the page's own, and any request at all, as a second line of defence.

use hashbrown::HashSet;
use std::collections::BTreeMap;

use graphviz_rust::dot_structures::{Attribute, Graph, Id, Stmt};
use serde::Serialize;

use crate::choose;
use crate::cli::{DiagramArgs, HtmlArgs, LayoutArgs, PlanOrder};
use crate::commands::plan::ChoiceJson;
use crate::commands::{Ctx, export};
use crate::error::{Error, Result};
use crate::graph::EdgeKind;
use crate::i18n::Localizer;
use crate::lookup;
use crate::model::{Roadmap, TopicIx, TopicKind};
use crate::plan::{self, Order, Plan};
use crate::progress::Progress;
use crate::render::dot::{self, is_web_url};
use crate::render::json::{self, Hours, RequirementJson};
use crate::search;

const TEMPLATE: &str = include_str!("../html/page.html");
const STYLE: &str = include_str!("../html/page.css");
/// The planner's rules for the page's script (a port of `choose.rs` and `plan.rs`, pinned to
/// `roadmap plan` by tests/browser), then the page's own script.
const PLANNER: &str = include_str!("../html/plan.js");
const SCRIPT: &str = include_str!("../html/page.js");
/// The neighbourhood drawing of the page of a roadmap too large to draw whole.
const NEIGHBOURHOOD: &str = include_str!("../html/neighbourhood.js");

pub fn run(ctx: &mut Ctx, args: &HtmlArgs) -> Result<u8> {
    let roadmap = ctx.roadmap()?;
    let lang = ctx.lang();
    let goals = lookup::goals(&roadmap, &args.goals)?;
    // The whole roadmap is drawn, even with goals: the page highlights the plan inside it, so
    // every topic stays clickable and a prerequisite outside the plan can still be looked at.
    // Reduced, because the details panel lists every requirement and fewer lines read better.
    let diagram_args = DiagramArgs {
        known: args.choices.known.clone(),
        reduce: true,
        ..DiagramArgs::default()
    };
    let picture = export::picture(ctx, &roadmap, &diagram_args, &args.layout)?;
    export::note_fallback(ctx, &picture)?;
    let title = picture.title.clone();
    let mut graph = picture.graph(ctx, &roadmap, &diagram_args);
    drop_links(&mut graph);
    let svg = layout(ctx, graph, picture.size(), &args.layout)?;
    // The stage overview (issue 15's): what the page shows instead when the whole drawing cannot
    // fit at a readable size; a click on a stage opens its band of the drawing. A roadmap too
    // large to lay out whole is drawn as the overview only.
    let overview = match picture.drawing {
        export::Drawing::Overview(_) => svg.clone(),
        export::Drawing::Whole(_) => {
            let (overview, _) =
                export::build_overview(ctx, &roadmap, &diagram_args, export::Defaults::Picture)?;
            let size = (overview.stages.len(), overview.edges.len());
            let mut overview = dot::overview_graph(
                &roadmap,
                &overview,
                export::style(ctx, &diagram_args),
                &title,
                lang,
            );
            drop_links(&mut overview);
            layout(ctx, overview, size, &args.layout)?
        }
    };

    // The rest (the plan, the search index, the page's data) takes seconds on a large roadmap.
    let step = ctx.step(&crate::msg!("step-page"));
    let progress = ctx.progress(&roadmap)?;
    // The plan as `roadmap plan` makes it with the progress file: the page plans again in the
    // browser as marks change, and checks on load that it finds this same plan.
    let plan = if goals.is_empty() {
        None
    } else {
        let options = plan::Options {
            order: match args.order {
                PlanOrder::Stage => Order::Stage,
                PlanOrder::Depth => Order::Depth,
            },
            ..ctx.plan_options(&roadmap, &args.choices)?
        };
        Some(plan::plan(&roadmap, &goals, &options))
    };
    // Only the topics named with --known are flagged; progress marks travel separately, so the
    // page can change them and export them back.
    let known = lookup::topics(&roadmap, &args.choices.known.known)?;
    let prefer = lookup::topics(&roadmap, &args.choices.prefer)?;
    let id = |t: &TopicIx| roadmap.topic(*t).id.as_str();
    let options = OptionsData {
        known: known.iter().map(id).collect(),
        prefer: prefer.iter().map(id).collect(),
        with_recommended: args.choices.with_recommended,
        order: match args.order {
            PlanOrder::Stage => "stage",
            PlanOrder::Depth => "depth",
        },
        hours_per_week: args.hours_per_week,
        start: args.start.map(|d| d.to_string()),
    };
    let index = search::Index::new(&roadmap);
    let mut data = page_data(
        &roadmap,
        lang,
        ctx.loc,
        progress,
        plan.as_ref(),
        options,
        index.page_data(),
    );
    if picture.fell_back.is_some() {
        data.drawing = "overview";
    }
    let json = serde_json::to_string(&data).expect("page data always serializes");
    let page = page(
        &title,
        lang,
        ctx.loc,
        [&svg, &overview],
        &json_for_script(&json),
    );
    ctx.write_output(&args.output, page.as_bytes())?;
    drop(step);
    Ok(0)
}

/// Lays a graph of `size` nodes and edges out as SVG to put inside the page.
fn layout(ctx: &Ctx, graph: Graph, size: (usize, usize), args: &LayoutArgs) -> Result<String> {
    let svg = export::lay_out(ctx, dot::print(&graph), size, dot::ImageFormat::Svg, args)?;
    inline_svg(&String::from_utf8_lossy(&svg))
}

/// Removes the nodes' links (`URL`, `target`) before layout. The page opens a topic's details on
/// click and lists its resources there; and Graphviz (2.43 at least) writes a URL into `href`
/// without escaping its quotes, so a resource URL such as `https://x/?"><script>` would become
/// markup in the SVG.
fn drop_links(graph: &mut Graph) {
    let (Graph::DiGraph { stmts, .. } | Graph::Graph { stmts, .. }) = graph;
    // Subgraphs nest: walk them with a stack, as everything here does.
    let mut stack = vec![stmts];
    while let Some(list) = stack.pop() {
        for stmt in list.iter_mut() {
            match stmt {
                Stmt::Node(node) => node.attributes.retain(
                    |Attribute(key, _)| !matches!(key, Id::Plain(k) if k == "URL" || k == "target"),
                ),
                Stmt::Subgraph(sub) => stack.push(&mut sub.stmts),
                _ => {}
            }
        }
    }
}

/// Fills the template. The nonce is a digest of everything the page holds, so output stays
/// deterministic while no roadmap text can know, and so carry, the nonce of its own page.
fn page(
    title: &str,
    lang: Option<&str>,
    loc: &Localizer,
    [svg, overview]: [&str; 2],
    data: &str,
) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in [
        title,
        lang.unwrap_or(""),
        svg,
        overview,
        data,
        STYLE,
        PLANNER,
        NEIGHBOURHOOD,
        SCRIPT,
    ] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    let nonce = hasher.finalize().to_hex()[..32].to_owned();
    fill(TEMPLATE, |name| match name {
        // The interface's words: `{{t:page-...}}`.
        _ if name.starts_with("t:") => escape_html(&loc.t(&name[2..])),
        "lang" => escape_html(lang.unwrap_or(loc.code())),
        "title" => escape_html(title),
        "version" => escape_html(env!("CARGO_PKG_VERSION")),
        "nonce" => nonce.clone(),
        "style" => STYLE.to_owned(),
        "script" => format!("{PLANNER}{NEIGHBOURHOOD}{SCRIPT}"),
        "svg" => svg.to_owned(),
        "overview" => overview.to_owned(),
        "data" => data.to_owned(),
        other => panic!("unknown placeholder {{{{{other}}}}} in src/html/page.html"),
    })
}

/// Replaces each `{{name}}` of the template in one pass, so text put in is never read again as a
/// placeholder (a title reading `{{script}}` stays that text).
fn fill(template: &str, mut value: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(template.len() * 2);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let end = rest[start..]
            .find("}}")
            .map(|e| start + e)
            .expect("placeholders in src/html/page.html are closed");
        out.push_str(&rest[..start]);
        out.push_str(&value(&rest[start + 2..end]));
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// `text` safe in HTML text and in a quoted attribute value alike.
pub fn escape_html(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            c => s.push(c),
        }
    }
    s
}

/// JSON text safe inside `<script type="application/json">`: `<`, `>` and `&` become `\u`
/// escapes, so no `</script>` or `<!--` can end or confuse the element, and so do U+2028 and
/// U+2029 (line terminators to older JavaScript). These characters only occur inside JSON
/// strings, where the escapes read back as the same text.
pub fn json_for_script(json: &str) -> String {
    let mut s = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => s.push_str("\\u003c"),
            '>' => s.push_str("\\u003e"),
            '&' => s.push_str("\\u0026"),
            '\u{2028}' => s.push_str("\\u2028"),
            '\u{2029}' => s.push_str("\\u2029"),
            c => s.push(c),
        }
    }
    s
}

/// Graphviz's SVG, ready to sit inside HTML: from the `<svg` tag on (no XML declaration, DOCTYPE
/// or leading comments) and without comments. Graphviz escapes every text it writes; markup that
/// could run script is refused anyway, so a change in Graphviz cannot slip some in unnoticed.
pub fn inline_svg(svg: &str) -> Result<String> {
    let start = svg
        .find("<svg")
        .ok_or_else(|| Error::Graphviz("its output holds no <svg> element".into()))?;
    let mut out = String::with_capacity(svg.len() - start);
    let mut rest = &svg[start..];
    // Inside the SVG every `<` of text is escaped, so each `<!--` starts a real comment, and
    // Graphviz writes `-` as `&#45;` in comments, so the first `-->` really ends it.
    while let Some(at) = rest.find("<!--") {
        out.push_str(&rest[..at]);
        rest = match rest[at..].find("-->") {
            Some(end) => &rest[at + end + 3..],
            None => "",
        };
    }
    out.push_str(rest);
    if let Some(bad) = scripted_markup(&out) {
        return Err(Error::Graphviz(format!(
            "its SVG holds markup that could run script ({bad}); refusing to embed it"
        )));
    }
    Ok(out)
}

/// The first piece of markup in `svg` that could run script or load something: an element such as
/// `<script>`, an `on...` event attribute, or a link that is not http(s). Graphviz escapes `<`,
/// `>` and quotes in text and attribute values, so tags can be read by splitting at `<` and `>`.
fn scripted_markup(svg: &str) -> Option<String> {
    const ELEMENTS: [&str; 8] = [
        "script",
        "foreignobject",
        "iframe",
        "object",
        "embed",
        "style",
        "animate",
        "set",
    ];
    for tag in svg.split('<').skip(1).filter_map(|t| t.split('>').next()) {
        let tag = tag.trim_start_matches('/');
        let name_end = tag
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        if ELEMENTS.contains(&name.as_str()) {
            return Some(format!("<{name}>"));
        }
        let mut rest = &tag[name_end..];
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() {
                break;
            }
            let attr_end = rest
                .find(|c: char| c.is_whitespace() || c == '=')
                .unwrap_or(rest.len());
            let attr = rest[..attr_end].to_ascii_lowercase();
            rest = rest[attr_end..].trim_start();
            let mut value = "";
            if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start();
                let quote = after.chars().next().filter(|&q| q == '"' || q == '\'');
                let (v, r) = match quote {
                    Some(q) => after[1..].split_once(q).unwrap_or((&after[1..], "")),
                    None => after.split_once(char::is_whitespace).unwrap_or((after, "")),
                };
                value = v;
                rest = r;
            }
            if attr.starts_with("on") {
                return Some(format!("an `{attr}` attribute"));
            }
            let lower = value.to_ascii_lowercase();
            if attr.ends_with("href")
                && !(lower.starts_with("https://") || lower.starts_with("http://"))
            {
                return Some(format!("a link to `{value}`"));
            }
        }
    }
    None
}

#[derive(Serialize)]
struct PageData<'a> {
    /// The untranslated title: the key of the learner's progress, in files and in the browser.
    roadmap: &'a str,
    /// The title shown (translated with --lang).
    title: &'a str,
    summary: Option<&'a str>,
    generator: String,
    stages: Vec<StageData<'a>>,
    topics: Vec<TopicData<'a>>,
    /// The progress file read when the page was made, every entry (also for ids this roadmap
    /// does not have, so an export keeps them, as `roadmap progress` does).
    progress: BTreeMap<&'a str, EntryData>,
    plan: Option<PlanData<'a>>,
    /// What the page was made with that plans: the options, whether or not there are goals.
    options: OptionsData<'a>,
    /// The planner's limits (`choose::EXACT_GROUPS`, `choose::SEARCH_STATES`), so the page's
    /// port of it stops its search where `roadmap plan` does.
    limits: Limits,
    /// `roadmap search`'s index: the page scores queries over it with the same rules.
    search: search::PageIndex<'a>,
    /// The interface's words (see `Localizer::page_messages`).
    i18n: I18nData,
    /// `whole`, or `overview` when the roadmap is too large to draw whole: the page then draws
    /// the chosen topic's neighbourhood (neighbourhood.js).
    drawing: &'static str,
}

#[derive(Serialize)]
struct I18nData {
    /// The catalogue's language, for `Intl` plural rules and dates.
    lang: &'static str,
    messages: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
struct StageData<'a> {
    id: &'a str,
    title: &'a str,
    summary: Option<&'a str>,
}

#[derive(Serialize)]
struct TopicData<'a> {
    /// The topic's position in the roadmap (the planner's tie-break).
    ix: TopicIx,
    id: &'a str,
    title: &'a str,
    stage: &'a str,
    kind: TopicKind,
    /// As written, unrounded: the page's planner sums them as `roadmap plan` does.
    hours: Option<f64>,
    summary: Option<&'a str>,
    tags: &'a [String],
    resources: Vec<ResourceData<'a>>,
    requires: Vec<RequirementJson<'a>>,
    recommends: Vec<&'a str>,
    /// Topics that require this one, plainly or as an alternative, in stage order.
    unlocks: Vec<&'a str>,
    /// Topics that recommend this one.
    recommended_by: Vec<&'a str>,
    /// Named with --known.
    known: bool,
}

#[derive(Serialize)]
struct ResourceData<'a> {
    title: &'a str,
    url: &'a str,
    kind: Option<&'static str>,
    /// The language it is written in, when the roadmap says.
    lang: Option<&'a str>,
    free: bool,
    /// Whether the URL is http(s), the only kind the page makes a link of.
    web: bool,
}

#[derive(Serialize)]
struct EntryData {
    state: &'static str,
    date: String,
}

#[derive(Serialize)]
struct OptionsData<'a> {
    /// Named with --known.
    known: Vec<&'a str>,
    prefer: Vec<&'a str>,
    with_recommended: bool,
    order: &'static str,
    hours_per_week: f64,
    start: Option<String>,
}

#[derive(Serialize)]
struct Limits {
    exact_groups: usize,
    search_states: usize,
}

/// The goals, and the plan `roadmap plan` makes toward them with the progress file the page was
/// made with: the page plans again itself (with the marks in the browser) and, on load, checks
/// that with the same marks it finds this plan.
#[derive(Serialize)]
struct PlanData<'a> {
    goals: Vec<&'a str>,
    /// Goals left out because they are known already.
    known_goals: Vec<&'a str>,
    steps: Vec<&'a str>,
    choices: Vec<ChoiceJson<'a>>,
    choices_exact: bool,
    total_hours: Hours,
}

fn page_data<'a>(
    roadmap: &'a Roadmap,
    lang: Option<&'a str>,
    loc: &Localizer,
    progress: &'a Progress,
    plan: Option<&Plan>,
    options: OptionsData<'a>,
    search: search::PageIndex<'a>,
) -> PageData<'a> {
    // Only the topics named with --known are flagged; progress marks travel separately.
    let known: HashSet<&str> = options.known.iter().copied().collect();
    let id = |t: TopicIx| roadmap.topic(t).id.as_str();
    let topics = roadmap
        .topics_in_stage_order()
        .into_iter()
        .map(|t| {
            let topic = roadmap.topic(t);
            let mut dependents: Vec<(TopicIx, EdgeKind)> = roadmap.graph().dependents(t).collect();
            dependents.sort_by_key(|&(u, k)| (roadmap.topic(u).stage, u, k));
            dependents.dedup();
            let of_kind = |want: &dyn Fn(EdgeKind) -> bool| {
                let mut ids: Vec<&str> = dependents
                    .iter()
                    .filter(|(_, k)| want(*k))
                    .map(|&(u, _)| id(u))
                    .collect();
                ids.dedup();
                ids
            };
            TopicData {
                ix: t,
                id: &topic.id,
                title: topic.title_in(lang),
                stage: &roadmap.stage_of(t).id,
                kind: topic.kind,
                hours: topic.hours,
                summary: topic.summary_in(lang),
                tags: &topic.tags,
                // Those in the page's language first, as `show` lists them.
                resources: topic
                    .resources_in(lang)
                    .map(|r| ResourceData {
                        title: &r.title,
                        url: &r.url,
                        kind: r.kind.map(|k| k.as_str()),
                        lang: r.lang.as_deref(),
                        free: r.free,
                        web: is_web_url(&r.url),
                    })
                    .collect(),
                requires: topic
                    .requires
                    .iter()
                    .map(|r| json::requirement(roadmap, r))
                    .collect(),
                recommends: topic.recommends.iter().map(|&r| id(r)).collect(),
                unlocks: of_kind(&|k| k != EdgeKind::Recommends),
                recommended_by: of_kind(&|k| k == EdgeKind::Recommends),
                known: known.contains(topic.id.as_str()),
            }
        })
        .collect();
    let plan = plan.map(|p| PlanData {
        goals: p.goals.iter().map(|&g| id(g)).collect(),
        known_goals: p.known_goals.iter().map(|&g| id(g)).collect(),
        steps: p.steps.iter().map(|s| id(s.topic)).collect(),
        choices: p
            .choices
            .iter()
            .map(|c| ChoiceJson::of(roadmap, c))
            .collect(),
        choices_exact: p.exact,
        total_hours: Hours(p.total_hours),
    });
    PageData {
        drawing: "whole",
        i18n: I18nData {
            lang: loc.code(),
            messages: loc.page_messages(),
        },
        roadmap: &roadmap.meta.title,
        title: roadmap.meta.title_in(lang),
        summary: roadmap.meta.summary_in(lang),
        generator: format!("roadmap {}", env!("CARGO_PKG_VERSION")),
        stages: roadmap
            .stages
            .iter()
            .map(|s| StageData {
                id: &s.id,
                title: s.title_in(lang),
                summary: s.summary_in(lang),
            })
            .collect(),
        topics,
        progress: progress
            .topics
            .iter()
            .map(|(id, e)| {
                (
                    id.as_str(),
                    EntryData {
                        state: e.state.as_str(),
                        date: e.date.to_string(),
                    },
                )
            })
            .collect(),
        plan,
        options,
        search,
        limits: Limits {
            exact_groups: choose::EXACT_GROUPS,
            search_states: choose::SEARCH_STATES,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_text_and_attributes() {
        assert_eq!(
            escape_html(r#""><img src=x onerror='a'>&"#),
            "&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;&amp;"
        );
    }

    #[test]
    fn json_cannot_close_its_script_tag() {
        let json = serde_json::to_string("</script><!-- & \u{2028}\u{2029}").unwrap();
        let safe = json_for_script(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        assert!(!safe.contains('\u{2028}') && !safe.contains('\u{2029}'));
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "</script><!-- & \u{2028}\u{2029}");
    }

    #[test]
    fn placeholders_are_filled_once() {
        let out = fill("<a>{{x}}</a>{{y}}", |name| match name {
            "x" => "{{y}}".to_owned(),
            _ => "Y".to_owned(),
        });
        assert_eq!(out, "<a>{{y}}</a>Y");
    }

    #[test]
    fn svg_loses_its_prolog_and_comments() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<!-- Title -->\n<svg>\n<!-- a&#45;b -->\n<g><text>on top &lt;script&gt;</text></g>\n</svg>\n";
        assert_eq!(
            inline_svg(svg).unwrap(),
            "<svg>\n\n<g><text>on top &lt;script&gt;</text></g>\n</svg>\n"
        );
        assert!(inline_svg("<svg><text>on top, onload= on</text></svg>").is_ok());
        assert!(
            inline_svg(
                "<svg><a xlink:title=\"based on x\" xlink:href=\"https://a/?x=onload\"></a></svg>"
            )
            .is_ok()
        );
        assert!(inline_svg("<svg><script>alert(1)</script></svg>").is_err());
        assert!(inline_svg("<svg><SCRIPT>alert(1)</SCRIPT></svg>").is_err());
        assert!(inline_svg("<svg><g onclick=\"x\"></g></svg>").is_err());
        assert!(inline_svg("<svg><a xlink:href=\"javascript:x\"></a></svg>").is_err());
        assert!(inline_svg("no picture").is_err());
    }
}

//! `roadmap assess [GOAL...]`: finds what the learner already knows in a few questions
//! ([`crate::assess`] chooses them and infers the rest), marks it done in the progress file
//! (through [`crate::progress::update`], the same locked, atomic write as `roadmap progress`),
//! then shows the plan that remains.
//!
//! On a terminal it asks with `dialoguer` prompts, in the interface's language. Otherwise it
//! speaks a line protocol, so other programs and tests can drive it: `? ID` (or
//! `? ID one-of ID ID...`) on standard output, one answer a line on standard input, and a last
//! line `= ID...` or a JSON object.

use std::io::{BufRead, IsTerminal};

use serde::Serialize;

use crate::assess::{Answer, Assessment, Question, Strategy};
use crate::cli::{AssessArgs, KnownArgs, PlanArgs, PlanChoices, PlanFormat, PlanOrder, TextOrJson};
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::lookup;
use crate::model::{Roadmap, TopicIx, TopicKind, format_hours};
use crate::msg;
use crate::progress::{self, Entry, State};
use crate::render::json;
use crate::render::text::{DIM, HEADING, HOURS, ID, pad, pad_styled, paint, width};
use crate::terminal;

pub fn run(ctx: &mut Ctx, args: &AssessArgs) -> Result<u8> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        interactive(ctx, args)
    } else {
        protocol(ctx, args, &mut stdin.lock())
    }
}

/// The goals (every role when none is named) and the assessment of their plan.
fn start<'r>(ctx: &Ctx, roadmap: &'r Roadmap, args: &AssessArgs) -> Result<Assessment<'r>> {
    let goals = goals(roadmap, &args.goals)?;
    let options = ctx.plan_options(roadmap, &args.choices)?;
    Ok(Assessment::new(
        roadmap,
        &goals,
        options,
        Strategy::default(),
    ))
}

fn goals(roadmap: &Roadmap, names: &[String]) -> Result<Vec<TopicIx>> {
    if names.is_empty() {
        Ok(roadmap
            .topics_in_stage_order()
            .into_iter()
            .filter(|&t| roadmap.topic(t).kind == TopicKind::Role)
            .collect())
    } else {
        lookup::topics(roadmap, names)
    }
}

/// The line protocol: every question is one line on stdout, every answer one line on stdin.
/// Anything but an answer is a usage error (exit status 2) and nothing is written.
pub fn protocol(ctx: &mut Ctx, args: &AssessArgs, input: &mut dyn BufRead) -> Result<u8> {
    let roadmap = ctx.roadmap()?;
    let mut a = start(ctx, &roadmap, args)?;
    let id = |t: TopicIx| roadmap.topic(t).id.as_str();
    let mut line_no = 0usize;
    let mut line = String::new();
    let mut read = |ctx: &mut Ctx| -> Result<(usize, String)> {
        ctx.out.flush()?;
        line.clear();
        let n = input.read_line(&mut line).map_err(|e| Error::Read {
            path: "standard input".into(),
            source: e,
        })?;
        line_no += 1;
        if n == 0 {
            return Err(Error::Usage(msg!(
                "error-assess-input-ended",
                count = line_no - 1
            )));
        }
        Ok((line_no, line.trim().to_owned()))
    };
    while args.max_questions.is_none_or(|m| a.questions() < m) {
        match a.next_question() {
            None => break,
            Some(Question::Topic { topic, .. }) => {
                writeln!(ctx.out, "? {}", id(topic))?;
                let (n, answer) = read(ctx)?;
                let answer = match answer.as_str() {
                    "y" => Answer::Yes,
                    "n" => Answer::No,
                    "?" => Answer::Unsure,
                    other => {
                        return Err(Error::Usage(msg!(
                            "error-assess-bad-answer",
                            line = n,
                            answer = other
                        )));
                    }
                };
                a.answer(topic, answer);
            }
            Some(Question::Choice {
                topic,
                alternatives,
                ..
            }) => {
                let ids: Vec<&str> = alternatives.iter().map(|&t| id(t)).collect();
                writeln!(ctx.out, "? {} one-of {}", id(topic), ids.join(" "))?;
                let (n, answer) = read(ctx)?;
                let chosen = if answer == "n" {
                    None
                } else if let Some(&t) = alternatives.iter().find(|&&t| id(t) == answer) {
                    Some(t)
                } else {
                    return Err(Error::Usage(msg!(
                        "error-assess-bad-choice",
                        line = n,
                        answer = answer.as_str(),
                        alternatives = ids.join(", ")
                    )));
                };
                a.choose(&alternatives, chosen);
            }
        }
    }
    let known = a.known();
    if !args.dry_run {
        mark_done(ctx, &roadmap, &known)?;
    }
    match args.format {
        TextOrJson::Text => {
            let ids: Vec<&str> = known.iter().map(|&t| id(t)).collect();
            if ids.is_empty() {
                writeln!(ctx.out, "=")?;
            } else {
                writeln!(ctx.out, "= {}", ids.join(" "))?;
            }
        }
        TextOrJson::Json => {
            let ids = |list: Vec<TopicIx>| list.into_iter().map(id).collect::<Vec<_>>();
            // One line, as every line of the protocol.
            let unsure = a.unsure();
            let result = ResultJson {
                known: ids(known),
                unknown: ids(a.unknown()),
                unsure: ids(unsure.clone()),
                open: ids(a
                    .open()
                    .into_iter()
                    .filter(|t| !unsure.contains(t))
                    .collect()),
                questions: a.questions(),
            };
            let line = json::to_string_line(&result);
            writeln!(ctx.out, "{line}")?;
        }
    }
    Ok(0)
}

#[derive(Serialize)]
struct ResultJson<'a> {
    known: Vec<&'a str>,
    unknown: Vec<&'a str>,
    unsure: Vec<&'a str>,
    /// Topics of the plan never asked (the questions stopped at --max-questions).
    open: Vec<&'a str>,
    questions: usize,
}

/// Marks the topics done under the progress file's lock; topics marked done or skipped already
/// are left as they are. Returns how many entries changed.
fn mark_done(ctx: &Ctx, roadmap: &Roadmap, known: &[TopicIx]) -> Result<usize> {
    if known.is_empty() {
        return Ok(0);
    }
    let path = ctx.progress_path(roadmap)?;
    let today = progress::today()?;
    progress::update(&path, &roadmap.meta.title, |p| {
        let mut changed = 0;
        for &t in known {
            let id = &roadmap.topic(t).id;
            if p.state(id).is_none_or(|s| !s.is_known()) {
                p.topics.insert(
                    id.clone(),
                    Entry {
                        state: State::Done,
                        date: today,
                    },
                );
                changed += 1;
            }
        }
        Ok((changed, changed > 0))
    })
}

/// The questions as prompts on the terminal (standard error), the summary and the plan that
/// remains on standard output.
fn interactive(ctx: &mut Ctx, args: &AssessArgs) -> Result<u8> {
    use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
    use dialoguer::{Confirm, Input, Select};

    let roadmap = ctx.roadmap()?;
    let mut a = start(ctx, &roadmap, args)?;
    let lang = ctx.lang();
    let loc = ctx.loc;
    let term = dialoguer::console::Term::stderr();
    let colorful = ColorfulTheme::default();
    let theme: &dyn Theme = if dialoguer::console::colors_enabled_stderr() {
        &colorful
    } else {
        &SimpleTheme
    };
    let prompt_error = |e: dialoguer::Error| match e {
        dialoguer::Error::IO(e) => Error::Output(e),
    };
    // Text from the roadmap reaches the terminal only through `terminal::line`.
    let title = |t: TopicIx| terminal::line(roadmap.topic(t).title_in(lang)).into_owned();
    let goal_names: Vec<String> = goals(&roadmap, &args.goals)?
        .into_iter()
        .map(title)
        .collect();
    term.write_line(&loc.text(&msg!(
        "assess-intro",
        goals = goal_names.join(", "),
        count = a.first_scope().len()
    )))?;
    while args.max_questions.is_none_or(|m| a.questions() < m) {
        let Some(question) = a.next_question() else {
            break;
        };
        term.write_line("")?;
        term.write_line(
            &paint(
                DIM,
                loc.text(&msg!(
                    "assess-progress",
                    number = a.questions() + 1,
                    open = a.open().len()
                )),
            )
            .to_string(),
        )?;
        match question {
            Question::Topic { topic, again } => {
                let t = roadmap.topic(topic);
                if let Some(summary) = t.summary_in(lang) {
                    term.write_line(&format!("  {}", paint(DIM, terminal::line(summary))))?;
                }
                if again {
                    let needs: Vec<String> = plan_requirements(&a, topic)
                        .into_iter()
                        .map(title)
                        .collect();
                    if !needs.is_empty() {
                        term.write_line(&format!(
                            "  {}",
                            paint(
                                DIM,
                                loc.text(&msg!("assess-needs", topics = needs.join(", ")))
                            )
                        ))?;
                    }
                    if let Some(r) = t.resources.first() {
                        term.write_line(&format!(
                            "  {}",
                            paint(
                                DIM,
                                loc.text(&msg!(
                                    "assess-resource",
                                    title = terminal::line(&r.title)
                                ))
                            )
                        ))?;
                    }
                }
                let question = loc.text(&if again {
                    msg!("assess-question-again", title = title(topic))
                } else {
                    msg!("assess-question", title = title(topic))
                });
                let invalid = loc.t("assess-answer-invalid");
                let answer: String = Input::<String>::with_theme(theme)
                    .with_prompt(format!("{question} [y/n/?/q]"))
                    .validate_with(|s: &String| -> std::result::Result<(), String> {
                        if parse_answer(s).is_some() {
                            Ok(())
                        } else {
                            Err(invalid.clone())
                        }
                    })
                    .interact_text_on(&term)
                    .map_err(prompt_error)?;
                match parse_answer(&answer) {
                    Some(Some(answer)) => a.answer(topic, answer),
                    _ => break,
                }
            }
            Question::Choice {
                topic,
                alternatives,
                known,
            } => {
                let mut items: Vec<String> = alternatives.iter().map(|&t| title(t)).collect();
                items.push(loc.t("assess-choice-none"));
                let prompt = if known {
                    msg!("assess-choice", title = title(topic))
                } else {
                    msg!("assess-choice-instead", title = title(topic))
                };
                let chosen = Select::with_theme(theme)
                    .with_prompt(loc.text(&prompt))
                    .items(&items)
                    .default(0)
                    .interact_on_opt(&term)
                    .map_err(prompt_error)?;
                match chosen {
                    None => break,
                    Some(i) => a.choose(&alternatives, alternatives.get(i).copied()),
                }
            }
        }
    }
    let known = a.known();
    summary(ctx, &roadmap, &a, &known)?;
    let mut marked = false;
    if known.is_empty() {
        writeln!(ctx.out, "{}", ctx.loc.t("assess-nothing-known"))?;
    } else if args.dry_run {
        writeln!(ctx.out, "{}", ctx.loc.t("assess-dry-run"))?;
    } else {
        let path = ctx.progress_path(&roadmap)?;
        // The summary (stdout) before the question (the terminal, through stderr).
        ctx.out.flush()?;
        let confirmed = Confirm::with_theme(theme)
            .with_prompt(loc.text(&msg!(
                "assess-confirm",
                count = known.len(),
                path = path.display().to_string()
            )))
            .default(true)
            .interact_on_opt(&term)
            .map_err(prompt_error)?;
        if confirmed == Some(true) {
            let changed = mark_done(ctx, &roadmap, &known)?;
            writeln!(
                ctx.out,
                "{}",
                ctx.loc.text(&msg!(
                    "assess-marked",
                    count = changed,
                    path = path.display().to_string()
                ))
            )?;
            marked = true;
        } else {
            writeln!(ctx.out, "{}", ctx.loc.t("assess-not-marked"))?;
        }
    }
    // The plan that remains: with what was found when it was marked (or in a dry run, to show
    // what marking it would leave).
    let mut known_args = args.choices.known.known.clone();
    if marked || args.dry_run {
        known_args.extend(known.iter().map(|&t| roadmap.topic(t).id.clone()));
    }
    writeln!(ctx.out)?;
    let plan_args = PlanArgs {
        goals: goals(&roadmap, &args.goals)?
            .into_iter()
            .map(|g| roadmap.topic(g).id.clone())
            .collect(),
        choices: PlanChoices {
            known: KnownArgs { known: known_args },
            prefer: args.choices.prefer.clone(),
            with_recommended: args.choices.with_recommended,
        },
        order: PlanOrder::Stage,
        hours_per_week: None,
        start: None,
        study_days: Vec::new(),
        study_time: jiff::civil::Time::midnight(),
        format: PlanFormat::Text,
    };
    super::plan::run(ctx, &plan_args)
}

/// `Some(Some(answer))`, `Some(None)` to stop asking, `None` for anything else. Both languages'
/// words are taken, in any case.
fn parse_answer(text: &str) -> Option<Option<Answer>> {
    match text.trim().to_lowercase().as_str() {
        "y" | "yes" | "是" | "会" => Some(Some(Answer::Yes)),
        "n" | "no" | "否" | "不会" => Some(Some(Answer::No)),
        "?" | "？" | "unsure" | "不确定" => Some(Some(Answer::Unsure)),
        "q" | "quit" | "stop" | "退出" => Some(None),
        _ => None,
    }
}

/// What a topic requires that is in the plan: shown when it is asked again.
fn plan_requirements(a: &Assessment, topic: TopicIx) -> Vec<TopicIx> {
    a.plan()
        .steps
        .iter()
        .find(|s| s.topic == topic)
        .map(|s| s.requires.clone())
        .unwrap_or_default()
}

/// What was found: known topics (to be marked) one a line, then counts of the rest.
fn summary(ctx: &mut Ctx, roadmap: &Roadmap, a: &Assessment, known: &[TopicIx]) -> Result<()> {
    let lang = ctx.lang();
    let loc = ctx.loc;
    let out = &mut *ctx.out;
    writeln!(
        out,
        "\n{}",
        paint(
            HEADING,
            loc.text(&msg!("assess-summary", count = a.questions()))
        )
    )?;
    let hours = |list: &[TopicIx]| format_hours(roadmap.hours_of(list.iter().copied()));
    writeln!(
        out,
        "{}",
        loc.text(&msg!(
            "assess-known",
            count = known.len(),
            hours = hours(known)
        ))
    )?;
    let id_width = known
        .iter()
        .map(|&t| width(&roadmap.topic(t).id))
        .max()
        .unwrap_or(0);
    let title_width = known
        .iter()
        .map(|&t| width(roadmap.topic(t).title_in(lang)))
        .max()
        .unwrap_or(0);
    for &t in known {
        let topic = roadmap.topic(t);
        writeln!(
            out,
            "  {}  {}  {}",
            pad_styled(paint(ID, &topic.id), &topic.id, id_width),
            pad(topic.title_in(lang), title_width),
            paint(
                HOURS,
                format!("{:>4} h", format_hours(topic.hours_or_zero()))
            )
        )?;
    }
    let unknown = a.unknown();
    writeln!(
        out,
        "{}",
        loc.text(&msg!(
            "assess-unknown",
            count = unknown.len(),
            hours = hours(&unknown)
        ))
    )?;
    let list = |ts: Vec<TopicIx>| {
        ts.iter()
            .map(|&t| roadmap.topic(t).id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let unsure = a.unsure();
    if !unsure.is_empty() {
        writeln!(
            out,
            "{}",
            loc.text(&msg!(
                "assess-unsure",
                count = unsure.len(),
                topics = list(unsure)
            ))
        )?;
    }
    let open: Vec<TopicIx> = a
        .open()
        .into_iter()
        .filter(|t| !a.unsure().contains(t))
        .collect();
    if !open.is_empty() {
        writeln!(
            out,
            "{}",
            loc.text(&msg!(
                "assess-open",
                count = open.len(),
                topics = list(open)
            ))
        )?;
    }
    Ok(())
}

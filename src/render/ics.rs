//! Plans as iCalendar files (RFC 5545), built with the `icalendar` crate: one all-day event per
//! step spanning its weeks, or, with study days, one timed event per study session.
//!
//! Every event's `UID` is made of the topic's id and the roadmap's title (`<id>@<slug>.roadmap`,
//! sessions `<id>-<n>@...`), never of the goals, the dates or the order, so importing an updated
//! plan into a calendar updates its events instead of adding a second copy. Times of sessions are
//! floating (the calendar's own time zone), as a learner's evening is wherever they are.

use icalendar::{Calendar, Component, Event, EventLike};
use jiff::civil::{Date, Time, Weekday};

use crate::i18n::Localizer;
use crate::model::{Roadmap, format_hours};
use crate::msg;
use crate::plan::Plan;

/// One step of the plan, with what its event shows.
pub struct Step<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// The stage's title, as the event's category.
    pub stage: &'a str,
    pub hours: f64,
    /// Hours of the steps before it.
    pub hours_before: f64,
    /// First and last week (1-based).
    pub weeks: (u32, u32),
    pub description: String,
    /// A web page for the event (the first resource's, when it is an http(s) URL).
    pub url: Option<&'a str>,
}

/// Study sessions: each week's hours shared evenly among these days, starting at `at`.
pub struct Sessions {
    pub days: Vec<Weekday>,
    pub at: Time,
}

pub struct Options<'a> {
    /// The calendar's name (`X-WR-CALNAME`, `NAME`).
    pub name: &'a str,
    /// The roadmap's title, for the `UID`s.
    pub roadmap: &'a str,
    /// The first day of week 1.
    pub start: Date,
    pub hours_per_week: f64,
    /// `DTSTAMP` of every event.
    pub stamp: jiff::Timestamp,
    pub sessions: Option<Sessions>,
}

/// The steps of a plan as [`Step`]s: titles in `lang`, a description (hours, place in the plan
/// and weeks, the summary, the first resource) in the interface's language.
pub fn steps<'a>(
    roadmap: &'a Roadmap,
    plan: &Plan,
    weeks: &[(u32, u32)],
    lang: Option<&str>,
    loc: &Localizer,
) -> Vec<Step<'a>> {
    let n = plan.steps.len();
    let mut before = 0.0;
    plan.steps
        .iter()
        .zip(weeks)
        .enumerate()
        .map(|(i, (s, &weeks))| {
            let topic = roadmap.topic(s.topic);
            let mut description = loc.text(&msg!(
                "ics-step",
                hours = format_hours(s.hours),
                number = i + 1,
                count = n,
                first = weeks.0,
                last = weeks.1,
                weeks = weeks.1.saturating_sub(weeks.0) + 1
            ));
            if let Some(summary) = topic.summary_in(lang) {
                description.push('\n');
                description.push_str(summary);
            }
            let resource = topic.resources.first();
            if let Some(r) = resource {
                description.push_str(&format!("\n{}: {}", r.title, r.url));
            }
            let step = Step {
                id: &topic.id,
                title: topic.title_in(lang),
                stage: roadmap.stage_of(s.topic).title_in(lang),
                hours: s.hours,
                hours_before: before,
                weeks,
                description,
                url: resource
                    .map(|r| r.url.as_str())
                    .filter(|u| crate::render::dot::is_web_url(u)),
            };
            before = s.running_total;
            step
        })
        .collect()
}

/// The calendar's text (CRLF line ends, folded lines, as RFC 5545 wants).
pub fn calendar(steps: &[Step], options: &Options) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property((
            "PRODID",
            concat!("-//roadmap//roadmap ", env!("CARGO_PKG_VERSION"), "//EN"),
        ))
        .append_property(("CALSCALE", "GREGORIAN"))
        .name(options.name);
    let domain = format!("{}.roadmap", slug(options.roadmap));
    let stamp = utc(options.stamp);
    for step in steps.iter().filter(|s| s.hours > 0.0) {
        match &options.sessions {
            None => {
                let first = week_day(options.start, step.weeks.0, 0);
                let after_last = week_day(options.start, step.weeks.1, 7);
                let (Some(first), Some(after_last)) = (first, after_last) else {
                    continue;
                };
                let mut event = event(step, &format!("{}@{domain}", step.id), stamp);
                event.starts(naive_date(first)).ends(naive_date(after_last));
                calendar.push(event.done());
            }
            Some(sessions) => {
                let list = sessions_of(step, options.hours_per_week, options.start, sessions);
                let n = list.len();
                for (i, (from, to)) in list.into_iter().enumerate() {
                    let mut event = event(step, &format!("{}-{}@{domain}", step.id, i + 1), stamp);
                    if n > 1 {
                        event.summary(&format!("{} ({}/{n})", step.title, i + 1));
                    }
                    event.starts(naive(from)).ends(naive(to));
                    calendar.push(event.done());
                }
            }
        }
    }
    calendar.done().to_string()
}

fn event(step: &Step, uid: &str, stamp: chrono::DateTime<chrono::Utc>) -> Event {
    let mut event = Event::new();
    event
        .uid(uid)
        .timestamp(stamp)
        .summary(step.title)
        .description(&step.description)
        .categories([step.stage])
        // Free: a plan should not block a learner's calendar.
        .append_property(("TRANSP", "TRANSPARENT"));
    if let Some(url) = step.url {
        event.url(url);
    }
    event
}

/// Day `offset` (0-6, or 7 for the day after) of week `week` (1-based) from `start`.
fn week_day(start: Date, week: u32, offset: i64) -> Option<Date> {
    let days = 7 * (i64::from(week) - 1) + offset;
    start
        .checked_add(jiff::Span::new().try_days(days).ok()?)
        .ok()
}

/// The sessions of a step: each week has one slot per study day (in date order within the
/// week), each holding an equal share of the week's hours; the learner works through the steps
/// in order, so a step takes the part of each slot its hours overlap, starting where the step
/// before it stopped. Minutes are whole.
fn sessions_of(
    step: &Step,
    hours_per_week: f64,
    start: Date,
    sessions: &Sessions,
) -> Vec<(jiff::civil::DateTime, jiff::civil::DateTime)> {
    let week_minutes = (hours_per_week * 60.0).round() as i64;
    let k = sessions.days.len().max(1) as i64;
    if week_minutes <= 0 {
        return Vec::new();
    }
    // The study days in the order they fall in a week that begins on `start`.
    let mut offsets: Vec<i64> = sessions
        .days
        .iter()
        .map(|&d| i64::from(d.since(start.weekday())))
        .collect();
    offsets.sort_unstable();
    offsets.dedup();
    let begin = (step.hours_before * 60.0).round() as i64;
    let end = ((step.hours_before + step.hours) * 60.0).round() as i64;
    let slot_start = |s: i64| (s / k) * week_minutes + (s % k) * week_minutes / k;
    let mut out = Vec::new();
    // The slot `begin` falls in: the last slot starting at or before it.
    let mut s = (begin / week_minutes) * k;
    while slot_start(s + 1) <= begin {
        s += 1;
    }
    while slot_start(s) < end {
        let (from, to) = (slot_start(s).max(begin), slot_start(s + 1).min(end));
        if to > from {
            let week = (s / k) as u32 + 1;
            let offset = offsets[(s % k) as usize % offsets.len()];
            let Some(day) = week_day(start, week, offset) else {
                break;
            };
            let day_start = day.to_datetime(sessions.at);
            let into = from - slot_start(s);
            let at = |m: i64| day_start.checked_add(jiff::Span::new().minutes(m)).ok();
            if let (Some(a), Some(b)) = (at(into), at(into + to - from)) {
                out.push((a, b));
            }
        }
        s += 1;
    }
    out
}

/// The roadmap's title as a lower-case slug for `UID`s.
fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "roadmap".to_owned()
    } else {
        slug.to_owned()
    }
}

fn naive_date(d: Date) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(i32::from(d.year()), d.month() as u32, d.day() as u32)
        .expect("a jiff date is a chrono date")
}

fn naive(dt: jiff::civil::DateTime) -> chrono::NaiveDateTime {
    naive_date(dt.date())
        .and_hms_opt(dt.hour() as u32, dt.minute() as u32, 0)
        .expect("a jiff time is a chrono time")
}

fn utc(t: jiff::Timestamp) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(t.as_second(), 0).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(hours: f64, before: f64) -> Step<'static> {
        Step {
            id: "t",
            title: "T",
            stage: "S",
            hours,
            hours_before: before,
            weeks: (1, 1),
            description: String::new(),
            url: None,
        }
    }

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn sessions_share_each_week_among_the_study_days() {
        // Monday 2027-01-04; 10 h a week on Mon, Wed, Sat: 200 minutes a day from 18:00.
        let sessions = Sessions {
            days: vec![Weekday::Saturday, Weekday::Monday, Weekday::Wednesday],
            at: Time::constant(18, 0, 0, 0),
        };
        let start = date("2027-01-04");
        let s = sessions_of(&step(5.0, 0.0), 10.0, start, &sessions);
        let shown: Vec<String> = s.iter().map(|(a, b)| format!("{a} {b}")).collect();
        assert_eq!(
            shown,
            [
                "2027-01-04T18:00:00 2027-01-04T21:20:00",
                "2027-01-06T18:00:00 2027-01-06T19:40:00",
            ]
        );
        // The next step starts where that one stopped, and runs into the next week.
        let s = sessions_of(&step(8.0, 5.0), 10.0, start, &sessions);
        let shown: Vec<String> = s.iter().map(|(a, b)| format!("{a} {b}")).collect();
        assert_eq!(
            shown,
            [
                "2027-01-06T19:40:00 2027-01-06T21:20:00",
                "2027-01-09T18:00:00 2027-01-09T21:20:00",
                "2027-01-11T18:00:00 2027-01-11T21:00:00",
            ]
        );
        let minutes: i64 = s
            .iter()
            .map(|(a, b)| {
                a.until(*b).unwrap().get_minutes() + 60 * a.until(*b).unwrap().get_hours() as i64
            })
            .sum();
        assert_eq!(minutes, 8 * 60);
    }

    #[test]
    fn uids_depend_on_the_roadmap_and_the_topic_only() {
        assert_eq!(
            slug("Machine learning engineer"),
            "machine-learning-engineer"
        );
        assert_eq!(slug("机器学习"), "roadmap");
        let options = Options {
            name: "Plan",
            roadmap: "R",
            start: date("2027-01-04"),
            hours_per_week: 10.0,
            stamp: "2026-11-26T00:00:00Z".parse().unwrap(),
            sessions: None,
        };
        let text = calendar(&[step(5.0, 0.0)], &options);
        assert!(text.contains("UID:t@r.roadmap\r\n"), "{text}");
        assert!(text.contains("DTSTAMP:20261126T000000Z\r\n"), "{text}");
        assert!(text.contains("DTSTART;VALUE=DATE:20270104\r\n"), "{text}");
        assert!(text.contains("DTEND;VALUE=DATE:20270111\r\n"), "{text}");
    }
}

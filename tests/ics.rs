//! `plan --format ics` read back with an independent iCalendar parser (the `ical` crate, not the
//! `icalendar` crate that writes it) and checked against the JSON plan: one event per step with
//! hours, its dates, title, description, stable UIDs and the DTSTAMP; study sessions that add up
//! to each step's hours on the study days only, without overlapping.

mod common;

use std::collections::{BTreeSet, HashMap};

use jiff::civil::{Date, DateTime, Weekday};

const PROGRESS: &str = common::NO_PROGRESS;

fn run(args: &[&str]) -> String {
    let out = common::roadmap()
        .args(args)
        .args(["--progress", PROGRESS])
        .env("ROADMAP_TODAY", "2026-11-26")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    common::succeeded(args, out)
}

/// A TEXT value unescaped (RFC 5545 3.3.11): the `ical` crate hands values over as written.
fn text(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

struct Event {
    props: HashMap<String, String>,
}

impl Event {
    fn get(&self, name: &str) -> &str {
        self.props
            .get(name)
            .unwrap_or_else(|| panic!("no {name} in {:?}", self.props))
    }
}

/// The calendar's events, as the `ical` crate reads them (unfolded, unescaped values kept raw).
fn parse(text: &str) -> Vec<Event> {
    assert!(text.contains("\r\n"), "RFC 5545 lines end with CRLF");
    let mut calendars = ical::IcalParser::new(text.as_bytes());
    let calendar = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none());
    let names: Vec<&str> = calendar
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert!(
        names.contains(&"PRODID") && names.contains(&"VERSION"),
        "{names:?}"
    );
    calendar
        .events
        .into_iter()
        .map(|e| Event {
            props: e
                .properties
                .into_iter()
                .map(|p| (p.name, p.value.unwrap_or_default()))
                .collect(),
        })
        .collect()
}

fn date(ics: &str) -> Date {
    Date::new(
        ics[0..4].parse().unwrap(),
        ics[4..6].parse().unwrap(),
        ics[6..8].parse().unwrap(),
    )
    .unwrap()
}

fn datetime(ics: &str) -> DateTime {
    date(ics).at(
        ics[9..11].parse().unwrap(),
        ics[11..13].parse().unwrap(),
        0,
        0,
    )
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&run(args)).unwrap()
}

const PLAN: [&str; 6] = [
    "plan",
    "ml-engineer",
    "--hours-per-week",
    "10",
    "--start",
    "2027-01-04",
];

#[test]
fn every_step_is_an_event_over_its_weeks() {
    let plan = json(&[&PLAN[..], &["--format", "json"]].concat());
    let events = parse(&run(&[&PLAN[..], &["--format", "ics"]].concat()));
    let steps: Vec<&serde_json::Value> = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["hours"].as_f64().unwrap_or(0.0) > 0.0)
        .collect();
    assert_eq!(events.len(), steps.len());
    assert!(steps.len() > 40);
    let mut uids = BTreeSet::new();
    for (e, s) in events.iter().zip(&steps) {
        let id = s["id"].as_str().unwrap();
        assert_eq!(
            e.get("UID"),
            format!("{id}@machine-learning-engineer.roadmap")
        );
        assert!(uids.insert(e.get("UID").to_owned()));
        assert_eq!(text(e.get("SUMMARY")), s["title"].as_str().unwrap());
        assert_eq!(e.get("DTSTAMP"), "20261126T000000Z");
        let start: Date = s["date_start"].as_str().unwrap().parse().unwrap();
        let end: Date = s["date_end"].as_str().unwrap().parse().unwrap();
        assert_eq!(date(e.get("DTSTART")), start, "{id}");
        // DTEND of an all-day event is the day after the last.
        assert_eq!(date(e.get("DTEND")), end.tomorrow().unwrap(), "{id}");
        let hours = s["hours"].as_f64().unwrap();
        let description = text(e.get("DESCRIPTION"));
        assert!(
            description.starts_with(&format!("{hours} h · step ")),
            "{description}"
        );
        // The summary is on the next line.
        let summary = description.lines().nth(1).unwrap();
        assert!(s.get("summary").is_none() || !summary.is_empty());
    }
    // A plan for another goal (or with more known) keeps the UIDs of the topics it shares.
    let other = parse(&run(&[
        "plan",
        "ml-engineer",
        "--known",
        "python",
        "--hours-per-week",
        "5",
        "--format",
        "ics",
    ]));
    let other: BTreeSet<String> = other.iter().map(|e| e.get("UID").to_owned()).collect();
    assert!(other.len() > 30 && other.is_subset(&uids));
}

#[test]
fn study_days_give_sessions_that_add_up_to_each_step() {
    let plan = json(&[&PLAN[..], &["--format", "json"]].concat());
    let text = run(&[
        &PLAN[..],
        &[
            "--format",
            "ics",
            "--study-days",
            "mon,wed,sat",
            "--study-time",
            "19:30",
        ],
    ]
    .concat());
    let events = parse(&text);
    let mut minutes: HashMap<String, i64> = HashMap::new();
    let mut spans: Vec<(DateTime, DateTime)> = Vec::new();
    for e in &events {
        let (from, to) = (datetime(e.get("DTSTART")), datetime(e.get("DTEND")));
        assert!(
            matches!(
                from.date().weekday(),
                Weekday::Monday | Weekday::Wednesday | Weekday::Saturday
            ),
            "{from}"
        );
        assert_eq!(from.date(), to.date());
        assert!(from.time() >= jiff::civil::time(19, 30, 0, 0));
        let uid = e.get("UID");
        let id = uid[..uid.find('@').unwrap()].rsplit_once('-').unwrap().0;
        let span = from.until(to).unwrap();
        *minutes.entry(id.to_owned()).or_default() +=
            i64::from(span.get_hours()) * 60 + span.get_minutes();
        spans.push((from, to));
    }
    spans.sort();
    assert!(
        spans.windows(2).all(|w| w[0].1 <= w[1].0),
        "sessions overlap"
    );
    for s in plan["steps"].as_array().unwrap() {
        let hours = s["hours"].as_f64().unwrap_or(0.0);
        if hours > 0.0 {
            let id = s["id"].as_str().unwrap();
            assert_eq!(minutes[id], (hours * 60.0).round() as i64, "{id}");
        }
    }
    // A week never holds more than its 10 hours.
    let mut per_week: HashMap<i64, i64> = HashMap::new();
    let start: Date = "2027-01-04".parse().unwrap();
    for (from, to) in &spans {
        let week = start.until(from.date()).unwrap().get_days() as i64 / 7;
        let span = from.until(*to).unwrap();
        *per_week.entry(week).or_default() += i64::from(span.get_hours()) * 60 + span.get_minutes();
    }
    assert!(per_week.values().all(|&m| m <= 600), "{per_week:?}");
}

#[test]
fn titles_follow_the_language() {
    let events = parse(&run(&[
        "--lang",
        "zh",
        "plan",
        "python",
        "--hours-per-week",
        "10",
        "--format",
        "ics",
    ]));
    assert_eq!(events.len(), 1);
    let summary = events[0].get("SUMMARY");
    assert!(
        summary
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{summary}"
    );
    // Without --start the weeks start on ROADMAP_TODAY.
    assert_eq!(events[0].get("DTSTART"), "20261126");
}

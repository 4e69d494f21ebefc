//! When a learner will finish: their pace, measured from the dates of the topics they marked
//! done, and the date that many hours left take at that pace. Kept apart from the progress
//! file's reading and writing ([`crate::progress`]) and from the planner, whose hours it takes.

use jiff::civil::Date;

use crate::model::Roadmap;
use crate::progress::{Progress, State};

/// How far back the pace is measured: eight weeks of done dates.
pub const WINDOW_DAYS: i64 = 8 * 7;

/// A learner's pace in hours a week, and how it was found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pace {
    pub hours_per_week: f64,
    /// `--hours-per-week`, rather than measured.
    pub given: bool,
}

/// The pace measured from `progress` on `today`: the hours of the topics marked done in the last
/// eight weeks, divided by eight. Always eight: a learner who marks at once what they knew
/// before starting would otherwise get a pace of all those hours in one week; a new learner's
/// pace starts low and rises to their true one in eight weeks (`--hours-per-week` gives it
/// meanwhile). Skipped topics are not study, and count for nothing.
/// `None` when nothing was marked done in the window (or it was worth no hours).
pub fn measured(roadmap: &Roadmap, progress: &Progress, today: Date) -> Option<Pace> {
    let mut hours = 0.0;
    for (id, entry) in &progress.topics {
        if entry.state != State::Done {
            continue;
        }
        let Some(t) = roadmap.index_of(id) else {
            continue;
        };
        // A date after today (a clock set back, a hand-edited file) counts as today.
        if days_between(entry.date, today) < WINDOW_DAYS {
            hours += roadmap.topic(t).hours_or_zero();
        }
    }
    // To a tenth of an hour: a measured pace is no more precise than that.
    let hours_per_week = (hours * 70.0 / WINDOW_DAYS as f64).round() / 10.0;
    (hours_per_week > 0.0).then_some(Pace {
        hours_per_week,
        given: false,
    })
}

/// The day `hours_left` are done at `pace`, counting from `today`: today when nothing is left,
/// `None` past the calendar's end.
pub fn finish(hours_left: f64, pace: f64, today: Date) -> Option<Date> {
    if hours_left <= 0.0 {
        return Some(today);
    }
    let days = (hours_left / pace * 7.0).ceil();
    if !days.is_finite() || days > 3_000_000.0 {
        return None;
    }
    today
        .checked_add(jiff::Span::new().try_days(days as i64).ok()?)
        .ok()
}

/// Whole days from `from` to `to` (negative when `to` comes first).
fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Entry;

    fn roadmap() -> Roadmap {
        let text = r#"
[roadmap]
title = "T"
[[stage]]
id = "s"
title = "S"
[[topic]]
id = "a"
title = "A"
stage = "s"
hours = 10
[[topic]]
id = "b"
title = "B"
stage = "s"
hours = 20
[[topic]]
id = "c"
title = "C"
stage = "s"
hours = 40
"#;
        crate::validate::roadmap_from_str(text)
    }

    fn progress(marks: &[(&str, State, &str)]) -> Progress {
        let mut p = Progress::new("T");
        for (id, state, date) in marks {
            let entry = Entry {
                state: *state,
                date: date.parse().unwrap(),
            };
            p.topics.insert((*id).to_owned(), entry);
        }
        p
    }

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn pace_is_the_hours_done_in_the_last_eight_weeks_per_week() {
        let r = roadmap();
        // 10 h and 20 h inside the window (the first on its last day), 40 h a day before it.
        let p = progress(&[
            ("a", State::Done, "2026-10-06"),
            ("b", State::Done, "2026-11-30"),
            ("c", State::Done, "2026-10-05"),
        ]);
        let pace = measured(&r, &p, date("2026-11-30")).unwrap();
        assert_eq!((pace.hours_per_week, pace.given), (3.8, false));
    }

    #[test]
    fn skipped_and_learning_topics_and_old_marks_give_no_pace() {
        let r = roadmap();
        let p = progress(&[
            ("a", State::Skipped, "2026-11-29"),
            ("b", State::Learning, "2026-11-29"),
            ("c", State::Done, "2026-10-04"),
            ("gone", State::Done, "2026-11-29"),
        ]);
        assert_eq!(measured(&r, &p, date("2026-11-30")), None);
    }

    #[test]
    fn finish_rounds_up_to_a_whole_day() {
        let today = date("2026-11-30");
        assert_eq!(finish(0.0, 5.0, today), Some(today));
        assert_eq!(finish(10.0, 10.0, today), Some(date("2026-12-07")));
        assert_eq!(finish(1.0, 10.0, today), Some(date("2026-12-01")));
        assert_eq!(finish(1e12, 0.001, today), None);
    }
}

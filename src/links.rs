//! Checking the roadmap's resource URLs (`check --links`): each distinct http(s) URL fetched
//! once, several at a time but at most [`PER_HOST`] at once on one host, with a timeout, retries
//! with backoff on 429 and 5xx, redirects followed (a permanent first one is reported with where
//! it leads); results kept for a day in the cache directory. The findings are warnings located
//! at each resource's `url` value, so `--deny-warnings` fails a CI job on them.
//!
//! HTTP is ureq's (rustls for https); nothing here speaks HTTP by hand.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use ureq::ResponseExt;
use ureq::http::Uri;

use crate::diagnostic::{Finding, FindingKind};
use crate::i18n::Msg;
use crate::model::Document;
use crate::msg;
use crate::source::Span;

/// Requests under way at once, in all.
const WORKERS: usize = 8;
/// Requests under way at once on one host: a roadmap often links one site many times, and a
/// site asked too much at once answers 429 or stops answering.
pub const PER_HOST: usize = 2;
/// Tries for an answer of 429 or 5xx before the link is reported.
const TRIES: u32 = 3;
/// The longest wait between tries, whatever a `Retry-After` header asks.
const MAX_WAIT: Duration = Duration::from_secs(30);
/// How long a result is reused.
const FRESH_FOR: Duration = Duration::from_secs(24 * 60 * 60);
/// The name of the cache file (in the cache directory of [`crate::cache::dir`]).
const CACHE_FILE: &str = "links-v1.json";

/// How to check.
#[derive(Clone, Debug)]
pub struct Options {
    /// The longest a request (with its redirects) may take.
    pub timeout: Duration,
    /// Fetch nothing: report only what the cache knows.
    pub offline: bool,
    /// Where results are kept for a day; `None` keeps nothing.
    pub cache: Option<PathBuf>,
}

/// What fetching a URL gave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// A success, directly or through temporary redirects.
    Ok { status: u16 },
    /// The first answer was a permanent redirect (301, 308) to `to`; `status` is the answer at the
    /// end of the redirects.
    Moved { first: u16, to: String, status: u16 },
    /// An error status at the end of the redirects (after three tries for 429 and 5xx).
    Status { status: u16, tries: u32 },
    /// No answer: `reason` says why.
    Failed { reason: Failure },
}

/// Why a URL gave no answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Failure {
    Timeout { seconds: u64 },
    Refused,
    HostNotFound,
    TooManyRedirects,
    BadUrl,
    Other { error: String },
}

impl Outcome {
    /// Whether the outcome may be reused tomorrow: a transient failure (no answer, 408, 429,
    /// 5xx) is asked again on the next run.
    fn lasts(&self) -> bool {
        match self {
            Outcome::Ok { .. } | Outcome::Moved { .. } => true,
            Outcome::Status { status, .. } => {
                (400..500).contains(status) && *status != 408 && *status != 429
            }
            Outcome::Failed { .. } => false,
        }
    }
}

/// What `check --links` found out, for its summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Distinct http(s) URLs among the resources.
    pub urls: usize,
    /// Of those, answered from the cache.
    pub cached: usize,
    /// Not checked: `--offline`, and not in the cache.
    pub skipped: usize,
    /// Resources whose link is dead or moved (a URL used twice counts twice).
    pub dead: usize,
    pub moved: usize,
}

impl Summary {
    /// `links: 6 URLs checked (2 from the cache): 1 dead, 1 moved`
    pub fn message(&self) -> Msg {
        msg!(
            "links-summary",
            urls = self.urls,
            checked = self.urls - self.skipped,
            cached = self.cached,
            skipped = self.skipped,
            dead = self.dead,
            moved = self.moved
        )
    }
}

/// Checks every http(s) resource URL of `doc`: a finding for each resource whose link is dead or
/// has moved, and the summary. URLs that are not absolute http(s) are the `not-web-url` lint's.
pub fn check(doc: &Document, options: &Options) -> (Vec<Finding>, Summary) {
    let mut places: BTreeMap<&str, Vec<Span>> = BTreeMap::new();
    for topic in &doc.topics {
        for r in &topic.resources {
            if crate::lint::url_problem(&r.url).is_none() {
                places.entry(r.url.trim()).or_default().push(r.url_span);
            }
        }
    }
    let urls: Vec<&str> = places.keys().copied().collect();
    let now = SystemTime::now();
    let mut cache = options.cache.as_deref().map(read_cache).unwrap_or_default();
    let fresh = |url: &str| {
        cache
            .get(url)
            .filter(|e| e.is_fresh(now))
            .map(|e| e.outcome.clone())
    };
    let mut outcomes: Vec<Option<Outcome>> = urls.iter().map(|u| fresh(u)).collect();
    let mut summary = Summary {
        urls: urls.len(),
        cached: outcomes.iter().flatten().count(),
        ..Summary::default()
    };
    if options.offline {
        summary.skipped = outcomes.iter().filter(|o| o.is_none()).count();
    } else {
        let todo: Vec<usize> = (0..urls.len()).filter(|&i| outcomes[i].is_none()).collect();
        let fetched = fetch_all(&todo.iter().map(|&i| urls[i]).collect::<Vec<_>>(), options);
        let checked_at = seconds(now);
        for (i, outcome) in todo.into_iter().zip(fetched) {
            if outcome.lasts() {
                cache.insert(
                    urls[i].to_owned(),
                    Entry {
                        checked: checked_at,
                        outcome: outcome.clone(),
                    },
                );
            }
            outcomes[i] = Some(outcome);
        }
        if let Some(dir) = &options.cache {
            cache.retain(|_, e| e.is_fresh(now));
            write_cache(dir, &cache);
        }
    }
    let mut findings = Vec::new();
    for (url, outcome) in urls.iter().zip(&outcomes) {
        let Some(outcome) = outcome else { continue };
        for &span in &places[url] {
            if let Some(f) = finding(url, outcome, options, span) {
                match f.kind {
                    FindingKind::MovedLink => summary.moved += 1,
                    _ => summary.dead += 1,
                }
                findings.push(f);
            }
        }
    }
    (findings, summary)
}

/// The finding for a link that is dead or has moved.
fn finding(url: &str, outcome: &Outcome, options: &Options, span: Span) -> Option<Finding> {
    let dead = |why: Msg| {
        Finding::new(FindingKind::DeadLink, msg!("links-dead", url = url))
            .at(span)
            .label(why)
            .help(msg!("links-dead-help"))
    };
    Some(match outcome {
        Outcome::Ok { .. } => return None,
        Outcome::Moved { first, to, status } if (200..300).contains(status) => {
            let mut moved = Finding::new(
                FindingKind::MovedLink,
                msg!("links-moved", url = url, to = to.as_str()),
            )
            .at(span)
            .label(msg!(
                "links-status",
                status = *first,
                reason = reason(*first)
            ))
            .help(msg!("links-moved-help", to = to.as_str()));
            // The new URL is the fix (an editor can offer it), without a "did you mean".
            moved.suggestion = Some(to.clone());
            moved
        }
        Outcome::Moved { status, .. }
        | Outcome::Status {
            status, tries: 1, ..
        } => dead(msg!(
            "links-status",
            status = *status,
            reason = reason(*status)
        )),
        Outcome::Status { status, tries } => dead(msg!(
            "links-status-tries",
            status = *status,
            reason = reason(*status),
            tries = *tries
        )),
        Outcome::Failed { reason } => dead(match reason {
            Failure::Timeout { .. } => {
                msg!("links-timeout", seconds = options.timeout.as_secs_f64())
            }
            Failure::Refused => msg!("links-refused"),
            Failure::HostNotFound => msg!("links-host-not-found"),
            Failure::TooManyRedirects => msg!("links-too-many-redirects"),
            Failure::BadUrl => msg!("links-bad-url"),
            Failure::Other { error } => msg!("links-failed", error = error.as_str()),
        }),
    })
}

fn reason(status: u16) -> &'static str {
    ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

/// Fetches every URL, [`WORKERS`] at a time and at most [`PER_HOST`] at a time on one host; the
/// outcomes in the order of `urls`.
fn fetch_all(urls: &[&str], options: &Options) -> Vec<Outcome> {
    let client = Client::new(options.timeout);
    let hosts: Vec<String> = urls.iter().map(|u| host(u)).collect();
    let queue = Mutex::new(Queue {
        waiting: (0..urls.len()).collect(),
        busy: HashMap::new(),
    });
    let done = Condvar::new();
    let outcomes = Mutex::new(vec![None; urls.len()]);
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(urls.len()) {
            scope.spawn(|| {
                while let Some(i) = next_job(&queue, &done, &hosts) {
                    let outcome = client.fetch(urls[i]);
                    lock(&outcomes)[i] = Some(outcome);
                    let mut q = lock(&queue);
                    if let Some(n) = q.busy.get_mut(&hosts[i]) {
                        *n -= 1;
                    }
                    drop(q);
                    done.notify_all();
                }
            });
        }
    });
    outcomes
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|o| {
            o.unwrap_or(Outcome::Failed {
                reason: Failure::Other {
                    error: "not checked".into(),
                },
            })
        })
        .collect()
}

struct Queue {
    /// URLs not yet taken, in order.
    waiting: VecDeque<usize>,
    /// Requests under way, by host.
    busy: HashMap<String, usize>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The next URL whose host has room, waiting while every host left is busy; `None` when all are
/// taken.
fn next_job(queue: &Mutex<Queue>, done: &Condvar, hosts: &[String]) -> Option<usize> {
    let mut q = lock(queue);
    loop {
        if q.waiting.is_empty() {
            return None;
        }
        let free = q
            .waiting
            .iter()
            .position(|&i| q.busy.get(&hosts[i]).copied().unwrap_or(0) < PER_HOST);
        if let Some(at) = free {
            let i = q.waiting.remove(at)?;
            *q.busy.entry(hosts[i].clone()).or_insert(0) += 1;
            return Some(i);
        }
        q = done.wait(q).unwrap_or_else(|e| e.into_inner());
    }
}

/// The host (and port) a URL is fetched from, the unit of politeness.
fn host(url: &str) -> String {
    url.parse::<Uri>()
        .ok()
        .and_then(|u| u.authority().map(|a| a.as_str().to_ascii_lowercase()))
        .unwrap_or_default()
}

/// Two ureq agents: one following redirects (keeping their history), one not, to tell whether
/// the first answer was a permanent redirect.
struct Client {
    follow: ureq::Agent,
    first: ureq::Agent,
    timeout: Duration,
}

impl Client {
    fn new(timeout: Duration) -> Client {
        let agent = |redirects: u32| -> ureq::Agent {
            ureq::Agent::config_builder()
                .timeout_global(Some(timeout))
                .http_status_as_error(false)
                .max_redirects(redirects)
                .save_redirect_history(true)
                .user_agent(concat!(
                    "roadmap/",
                    env!("CARGO_PKG_VERSION"),
                    " (link check)"
                ))
                .build()
                .into()
        };
        Client {
            follow: agent(10),
            first: agent(0),
            timeout,
        }
    }

    fn fetch(&self, url: &str) -> Outcome {
        let mut tries = 0;
        loop {
            tries += 1;
            let response = match self.follow.get(url).call() {
                Ok(r) => r,
                Err(e) => return self.failed(e),
            };
            let status = response.status().as_u16();
            let retry = status == 429 || (500..600).contains(&status);
            if retry && tries < TRIES {
                let wait = retry_after(&response).unwrap_or(Duration::from_secs(1 << (tries - 1)));
                drop(response);
                std::thread::sleep(wait.min(MAX_WAIT));
                continue;
            }
            let redirected = response.get_redirect_history().is_some_and(|h| h.len() > 1);
            let to = response
                .get_redirect_history()
                .and_then(|h| h.get(1))
                .map(|u| u.to_string());
            drop(response);
            if let (true, Some(to)) = (redirected, to)
                && let Some(first) = self.first_status(url)
                && matches!(first, 301 | 308)
            {
                return Outcome::Moved { first, to, status };
            }
            return match status {
                200..=299 => Outcome::Ok { status },
                _ => Outcome::Status { status, tries },
            };
        }
    }

    /// The status of the first answer, redirects not followed.
    fn first_status(&self, url: &str) -> Option<u16> {
        self.first.get(url).call().ok().map(|r| r.status().as_u16())
    }

    fn failed(&self, e: ureq::Error) -> Outcome {
        let reason = match e {
            ureq::Error::Timeout(_) => Failure::Timeout {
                seconds: self.timeout.as_secs(),
            },
            ureq::Error::HostNotFound => Failure::HostNotFound,
            ureq::Error::TooManyRedirects => Failure::TooManyRedirects,
            ureq::Error::BadUri(_) | ureq::Error::Http(_) => Failure::BadUrl,
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                Failure::Refused
            }
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => Failure::Timeout {
                seconds: self.timeout.as_secs(),
            },
            ureq::Error::ConnectionFailed => Failure::Refused,
            other => Failure::Other {
                error: other.to_string(),
            },
        };
        Outcome::Failed { reason }
    }
}

/// The wait a `Retry-After: <seconds>` header asks for.
fn retry_after<B>(response: &ureq::http::Response<B>) -> Option<Duration> {
    let value = response.headers().get("retry-after")?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// A cached result.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Entry {
    /// When it was fetched, in seconds since 1970.
    checked: u64,
    #[serde(flatten)]
    outcome: Outcome,
}

impl Entry {
    fn is_fresh(&self, now: SystemTime) -> bool {
        let age = seconds(now).saturating_sub(self.checked);
        age < FRESH_FOR.as_secs() && self.checked <= seconds(now) + 60
    }
}

fn seconds(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// The cached results; anything unreadable is no cache.
fn read_cache(dir: &Path) -> BTreeMap<String, Entry> {
    std::fs::read(dir.join(CACHE_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Keeps the results for the next run; failing to is not an error (the links were checked).
fn write_cache(dir: &Path, cache: &BTreeMap<String, Entry>) {
    let Ok(text) = serde_json::to_vec_pretty(cache) else {
        return;
    };
    if std::fs::create_dir_all(dir).is_ok() {
        let _ = crate::atomic::write(&dir.join(CACHE_FILE), &text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lasting_outcomes_are_kept() {
        assert!(Outcome::Ok { status: 200 }.lasts());
        assert!(
            Outcome::Status {
                status: 404,
                tries: 1
            }
            .lasts()
        );
        for status in [408, 429, 500, 503] {
            assert!(!Outcome::Status { status, tries: 3 }.lasts(), "{status}");
        }
        assert!(
            !Outcome::Failed {
                reason: Failure::Refused
            }
            .lasts()
        );
    }

    #[test]
    fn entries_age() {
        let now = SystemTime::now();
        let entry = |checked| Entry {
            checked,
            outcome: Outcome::Ok { status: 200 },
        };
        assert!(entry(seconds(now) - 3600).is_fresh(now));
        assert!(!entry(seconds(now) - 25 * 3600).is_fresh(now));
        // A date in the future (a clock put back) is not trusted.
        assert!(!entry(seconds(now) + 3600).is_fresh(now));
    }

    #[test]
    fn hosts_include_the_port() {
        assert_eq!(host("https://Example.org/a"), "example.org");
        assert_eq!(host("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
    }
}

//! `check --links` against a web server the test starts on 127.0.0.1 (tiny_http; the machine has
//! no other network): a success, a permanent redirect (reported with its new URL), a temporary
//! one (not reported), 404, 429 then success (retried after `Retry-After`), a 503 that never
//! recovers (three tries), an endpoint slower than `--link-timeout`, and a port where nothing
//! listens. Then the day-long cache (a second run asks the server nothing it answered for good;
//! an old entry is asked again), `--offline`, `--no-cache`, `--deny-warnings`, and the bound on
//! requests at once to one host.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

/// The test server: what it was asked, and how many requests it served at most at once.
struct Server {
    port: u16,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    most_at_once: Arc<AtomicUsize>,
}

impl Server {
    fn start() -> Server {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let port = server.server_addr().to_ip().unwrap().port();
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let most_at_once = Arc::new(AtomicUsize::new(0));
        let now = Arc::new(AtomicUsize::new(0));
        let (h, m) = (hits.clone(), most_at_once.clone());
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let (hits, most, now) = (h.clone(), m.clone(), now.clone());
                std::thread::spawn(move || {
                    let at_once = now.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(at_once, Ordering::SeqCst);
                    let path = request.url().to_owned();
                    let seen = {
                        let mut hits = hits.lock().unwrap();
                        let n = hits.entry(path.clone()).or_insert(0);
                        *n += 1;
                        *n
                    };
                    let response = response(&path, seen);
                    // Counted out before answering: once answered, the client may send the next.
                    now.fetch_sub(1, Ordering::SeqCst);
                    let _ = request.respond(response);
                });
            }
        });
        Server {
            port,
            hits,
            most_at_once,
        }
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }

    fn total(&self) -> usize {
        self.hits.lock().unwrap().values().sum()
    }
}

/// The answer to the `seen`-th request for `path` (slow ones take their time here).
fn response(path: &str, seen: usize) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let header = |name: &str, value: &str| {
        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap()
    };
    let text = |status: u16| tiny_http::Response::from_string("page").with_status_code(status);
    match path {
        "/ok" | "/new" => text(200),
        "/old" => text(301).with_header(header("Location", "/new")),
        "/temp" => text(302).with_header(header("Location", "/ok")),
        "/gone" => text(404),
        "/busy" if seen == 1 => text(429).with_header(header("Retry-After", "1")),
        "/busy" => text(200),
        "/down" => text(503).with_header(header("Retry-After", "0")),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            text(200)
        }
        p if p.starts_with("/wait/") => {
            std::thread::sleep(Duration::from_millis(300));
            text(200)
        }
        _ => text(404),
    }
}

/// A port where nothing listens: bound, then released.
fn refused_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// The fixture with the server's ports filled in, in a fresh directory (with a cache directory
/// of its own beside it).
fn fixture(server: &Server, dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string("tests/fixtures/links/roadmap.toml")
        .unwrap()
        .replace("PORT", &server.port.to_string())
        .replace("REFUSED", &refused_port().to_string());
    let path = dir.join("links.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs `roadmap --roadmap FILE check --links ...` with the cache in `dir/cache` and no proxy.
fn check(file: &Path, dir: &Path, args: &[&str]) -> (i32, String) {
    let mut command = common::roadmap();
    for proxy in [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "all_proxy",
    ] {
        command.env_remove(proxy);
    }
    let out = command
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("NO_COLOR", "1")
        .arg("--roadmap")
        .arg(file)
        .args(["check", "--links", "--link-timeout", "1"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "{stderr}");
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// (kind, line:column, suggestion) of every warning of a JSON report.
fn reported(json: &Value) -> BTreeSet<(String, String, String)> {
    assert_eq!(json["errors"].as_array().unwrap().len(), 0, "{json}");
    json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_owned(),
                format!("{}:{}", f["line"], f["column"]),
                f["suggestion"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn expected(server: &Server) -> BTreeSet<(String, String, String)> {
    let text = std::fs::read_to_string("tests/fixtures/links/roadmap.toml").unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("# expect: "))
        .map(|l| {
            let mut parts = l.split_whitespace();
            (
                parts.next().unwrap().to_owned(),
                parts.next().unwrap().to_owned(),
                parts
                    .next()
                    .unwrap_or("")
                    .replace("PORT", &server.port.to_string()),
            )
        })
        .collect()
}

#[test]
fn dead_and_moved_links_are_warnings_at_the_url() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let file = fixture(&server, dir.path());

    let (code, out) = check(&file, dir.path(), &["--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(reported(&json), expected(&server));
    // 9 resources, 8 distinct URLs; one is linked twice and reported twice.
    assert_eq!(
        json["links"],
        serde_json::json!({"urls": 8, "cached": 0, "skipped": 0, "dead": 5, "moved": 1})
    );
    // Retried: 429 once then success; 503 three times. Followed: the redirects.
    assert_eq!(server.hits("/busy"), 2);
    assert_eq!(server.hits("/down"), 3);
    assert_eq!(server.hits("/new"), 1);
    assert_eq!(
        server.hits("/gone"),
        1,
        "a URL linked twice is fetched once"
    );
    let messages: Vec<&str> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["message"].as_str().unwrap())
        .collect();
    let port = server.port;
    assert!(
        messages.contains(
            &format!("`http://127.0.0.1:{port}/old` has moved to `http://127.0.0.1:{port}/new`")
                .as_str()
        ),
        "{messages:?}"
    );

    // Text: each finding quotes the `url` line; the links' summary comes before the check's.
    let (code, text) = check(&file, dir.path(), &["--deny-warnings"]);
    assert_eq!(code, 1, "warnings denied");
    for needle in [
        "warning[moved-link]",
        "answered 301 Moved Permanently",
        "= help: write the new address: http://127.0.0.1:",
        "warning[dead-link]: dead link: http://127.0.0.1:",
        "answered 404 Not Found",
        "answered 503 Service Unavailable, 3 tries",
        "no answer within 1 s",
        "connection refused",
        "links: 8 URLs, 8 checked (5 from the cache): 5 dead, 1 moved\n2 topics, 1 prerequisite, 1 stage: 0 errors, 6 warnings\n",
    ] {
        assert!(text.contains(needle), "{needle:?} not in\n{text}");
    }
    let moved_at = format!("--> {}:24:7", file.display());
    assert!(text.contains(&moved_at), "{text}");
}

#[test]
fn results_are_kept_for_a_day_and_offline_uses_only_them() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let file = fixture(&server, dir.path());

    // Offline with nothing known: no request at all, every URL left unchecked.
    let (code, out) = check(&file, dir.path(), &["--offline", "--format", "json"]);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["links"]["skipped"], 8);
    assert_eq!(json["warnings"].as_array().unwrap().len(), 0);
    assert_eq!(server.total(), 0);

    check(&file, dir.path(), &[]);
    // `/ok` directly, and at the end of `/temp`'s redirect.
    assert_eq!(server.hits("/ok"), 2);
    // The second run asks again only what could change by tomorrow: no answer, 429, 5xx.
    let (_, text) = check(&file, dir.path(), &[]);
    assert_eq!(server.hits("/ok"), 2, "a success is kept");
    assert_eq!(server.hits("/gone"), 1, "a 404 is kept");
    // Asked twice the first time: once following the redirects, once for the first answer.
    assert_eq!(server.hits("/old"), 2, "a permanent redirect is kept");
    assert_eq!(server.hits("/down"), 6, "a 503 is asked again");
    assert_eq!(server.hits("/busy"), 2, "a success after a retry is kept");
    assert!(text.contains("8 checked (5 from the cache)"), "{text}");
    // Offline now reports what is known, and leaves the rest unchecked.
    let before = server.total();
    let (_, out) = check(&file, dir.path(), &["--offline", "--format", "json"]);
    assert_eq!(server.total(), before);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json["links"],
        serde_json::json!({"urls": 8, "cached": 5, "skipped": 3, "dead": 2, "moved": 1})
    );
    // --no-cache asks everything again.
    check(&file, dir.path(), &[]);
    let with_cache = server.total();
    let out = common::roadmap()
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .args(["--no-cache", "--roadmap"])
        .arg(&file)
        .args(["check", "--links", "--link-timeout", "1"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(server.hits("/ok"), 4, "--no-cache fetches afresh");
    assert!(server.total() > with_cache);
    // An entry older than a day is asked again.
    let cache = dir.path().join("cache/roadmap/links-v1.json");
    let mut entries: Value = serde_json::from_slice(&std::fs::read(&cache).unwrap()).unwrap();
    let ok = format!("http://127.0.0.1:{}/ok", server.port);
    let checked = entries[&ok]["checked"].as_u64().unwrap();
    entries[&ok]["checked"] = Value::from(checked - 25 * 3600);
    std::fs::write(&cache, serde_json::to_vec(&entries).unwrap()).unwrap();
    check(&file, dir.path(), &[]);
    assert_eq!(server.hits("/ok"), 5);
}

#[test]
fn at_most_two_requests_at_once_on_one_host() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let mut text =
        String::from("[roadmap]\ntitle = \"Many\"\n[[stage]]\nid = \"s\"\ntitle = \"S\"\n");
    text.push_str("[[topic]]\nid = \"t\"\ntitle = \"T\"\nstage = \"s\"\nhours = 1\n");
    for i in 0..8 {
        text.push_str(&format!(
            "[[topic.resources]]\ntitle = \"R{i}\"\nurl = \"http://127.0.0.1:{}/wait/{i}\"\n",
            server.port
        ));
    }
    let file = dir.path().join("many.toml");
    std::fs::write(&file, text).unwrap();
    let (code, out) = check(&file, dir.path(), &[]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(server.total(), 8);
    // Eight URLs, eight workers, one host: two at a time (each answer takes 300 ms, so the
    // requests overlap whenever the bound lets them).
    assert_eq!(server.most_at_once.load(Ordering::SeqCst), 2);
}

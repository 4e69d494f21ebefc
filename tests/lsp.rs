//! `roadmap lsp` driven as an editor drives it: JSON-RPC over the server's standard input and
//! output (framed by lsp-server's `Message`, nothing of the server's code), on a copy of the mini
//! roadmap in two files. Checks the session an editor has: initialize, open one file and get
//! every file's diagnostics (a finding in a file that is not open included) with exact ranges in
//! UTF-16 or UTF-8 as negotiated; the did-you-mean as a quick fix; changes published once the
//! typing pauses, for the last version only; completion of topic and stage ids (also while the
//! file does not parse); go to definition and references across files; hover; rename across
//! files, and refused for an invalid or taken id; document symbols; shutdown and exit.

mod common;

use std::io::{BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: ChildStdin,
    /// What the server writes to its standard error, read to its end.
    errors: std::thread::JoinHandle<String>,
    messages: Receiver<Message>,
    next: i32,
    /// Notifications received while waiting for something else.
    backlog: Vec<Notification>,
}

impl Client {
    fn start(capabilities: Value) -> (Client, Value) {
        let mut child = common::roadmap()
            .args(["lsp", "--debounce", "200"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let errors = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
            text
        });
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Ok(Some(message)) = Message::read(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            errors,
            messages,
            next: 0,
            backlog: Vec::new(),
        };
        let init = client
            .request(
                "initialize",
                json!({ "processId": null, "capabilities": capabilities, "locale": "en" }),
            )
            .unwrap();
        client.notify("initialized", json!({}));
        (client, init)
    }

    fn send(&mut self, message: Message) {
        message.write(&mut self.stdin).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(Notification::new(method.into(), params).into());
    }

    fn receive(&mut self, deadline: Instant) -> Option<Message> {
        match self
            .messages
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            Ok(m) => Some(m),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    /// The result of a request, or its error's (code, message).
    fn request(&mut self, method: &str, params: Value) -> Result<Value, (i32, String)> {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.send(Request::new(id.clone(), method.into(), params).into());
        let deadline = Instant::now() + WAIT;
        loop {
            match self.receive(deadline) {
                Some(Message::Response(r)) if r.id == id => {
                    return r.response_result.map_err(|e| (e.code, e.message));
                }
                Some(Message::Notification(n)) => self.backlog.push(n),
                Some(other) => panic!("unexpected {other:?}"),
                None => panic!("no answer to {method} within {WAIT:?}"),
            }
        }
    }

    /// Collects every notification that arrives until `quiet` passes without a message.
    fn settle(&mut self, quiet: Duration) {
        while let Some(m) = self.receive(Instant::now() + quiet) {
            if let Message::Notification(n) = m {
                self.backlog.push(n);
            }
        }
    }

    /// The diagnostics published for `uri` since last asked, in order (taken from the backlog).
    fn published(&mut self, uri: &str) -> Vec<Value> {
        let (mine, rest): (Vec<Notification>, Vec<Notification>) = self
            .backlog
            .drain(..)
            .partition(|n| n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri);
        self.backlog = rest;
        mine.into_iter().map(|n| n.params).collect()
    }

    /// The diagnostics published last for `uri`, waiting for them when none came since last
    /// asked.
    fn diagnostics(&mut self, uri: &str) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            self.settle(Duration::from_millis(700));
            if let Some(last) = self.published(uri).pop() {
                return last;
            }
            assert!(Instant::now() < deadline, "no diagnostics for {uri}");
        }
    }

    fn shutdown(mut self) -> std::process::ExitStatus {
        assert_eq!(self.request("shutdown", Value::Null), Ok(Value::Null));
        self.notify("exit", Value::Null);
        drop(self.stdin);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// (line, character) of the first occurrence of `needle` in `text`, in UTF-16 units or bytes.
fn position(text: &str, needle: &str, utf16: bool) -> (u64, u64) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not found"));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() as u64;
    let before = &text[line_start..at];
    let character = if utf16 {
        before.encode_utf16().count()
    } else {
        before.len()
    };
    (line, character as u64)
}

fn pos(text: &str, needle: &str, offset: u64) -> Value {
    let (line, character) = position(text, needle, true);
    json!({ "line": line, "character": character + offset })
}

fn at(uri: &str, position: Value) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": position })
}

#[test]
fn an_editor_session() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().canonicalize().unwrap();
    let (basics_path, ml_path) = common::mini_with_mistakes(&dir);
    let (basics, ml) = (uri(&basics_path), uri(&ml_path));
    let basics_text = std::fs::read_to_string(&basics_path).unwrap();
    let mut ml_text = std::fs::read_to_string(&ml_path).unwrap();

    let (mut client, init) = Client::start(json!({}));
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"], 1, "whole texts");
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    assert_eq!(init["serverInfo"]["name"], "roadmap");

    // Open one file: every file's findings arrive, exactly where `check` puts them.
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": ml, "languageId": "toml", "version": 1, "text": ml_text } }),
    );
    let published = client.diagnostics(&ml);
    assert_eq!(published["version"], 1);
    let list = published["diagnostics"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    let typo = &list[0];
    let (line, character) = position(&ml_text, "\"pyhton\"", true);
    assert_eq!(
        typo["range"],
        json!({ "start": { "line": line, "character": character },
                "end": { "line": line, "character": character + 8 } })
    );
    assert_eq!(typo["severity"], 1);
    assert_eq!(typo["code"], "unknown-topic");
    assert_eq!(typo["source"], "roadmap");
    assert_eq!(typo["data"]["suggestion"], "python");
    assert!(
        typo["message"]
            .as_str()
            .unwrap()
            .starts_with("unknown topic `pyhton` in `requires` of `numpy`\nno topic has this id\nhelp: did you mean `python`?"),
        "{typo}"
    );
    // The file that is not open has its findings too, in UTF-16 columns after Chinese text.
    let other = client.diagnostics(&basics);
    assert_eq!(other["version"], Value::Null);
    let codes: Vec<&str> = other["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["unknown-stage", "wrong-type"], "{other}");
    let wrong = &other["diagnostics"][1];
    let (line, character) = position(&basics_text, "3]", true);
    assert_eq!(
        wrong["range"]["start"],
        json!({ "line": line, "character": character })
    );
    assert_eq!(
        character,
        "tags = [\"版本\", ".encode_utf16().count() as u64
    );

    // The did-you-mean as a quick fix.
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": ml }, "range": typo["range"],
                    "context": { "diagnostics": [typo] } }),
        )
        .unwrap();
    assert_eq!(actions.as_array().unwrap().len(), 1, "{actions}");
    assert_eq!(actions[0]["title"], "Replace with `python`");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(
        actions[0]["edit"]["changes"][&ml],
        json!([{ "range": typo["range"], "newText": "\"python\"" }])
    );

    // Changes in quick succession: checked once the typing pauses, for the last text only.
    let typo_text = ml_text.clone();
    for version in 2..=6 {
        let typed = if version == 6 {
            "\"python\"".to_owned()
        } else {
            format!("\"pyth{version}\"")
        };
        ml_text = typo_text.replacen("\"pyhton\"", &typed, 1);
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": ml, "version": version },
                    "contentChanges": [{ "text": ml_text }] }),
        );
    }
    client.settle(Duration::from_millis(1500));
    let after = client.published(&ml);
    assert_eq!(after.len(), 1, "one check for five changes: {after:?}");
    assert_eq!(after[0]["version"], 6);
    assert_eq!(after[0]["diagnostics"], json!([]));

    // Completion of topic ids in `requires`, with titles and hours; the topic itself left out.
    let items = client
        .request(
            "textDocument/completion",
            at(&ml, pos(&ml_text, "\"python\"]", 3)),
        )
        .unwrap();
    let items = items.as_array().unwrap();
    let python = items
        .iter()
        .find(|i| i["label"] == "python")
        .unwrap_or_else(|| panic!("{items:?}"));
    assert_eq!(python["detail"], "Python · 20 h");
    assert_eq!(python["documentation"], "A first language.");
    let (line, character) = position(&ml_text, "\"python\"]", true);
    assert_eq!(
        python["textEdit"],
        json!({ "range": { "start": { "line": line, "character": character + 1 },
                           "end": { "line": line, "character": character + 7 } },
                "newText": "python" })
    );
    assert!(
        items
            .iter()
            .any(|i| i["label"] == "ml-engineer" && i["detail"] == "ML engineer · role")
    );
    assert!(items.iter().all(|i| i["label"] != "numpy"), "numpy itself");
    // Stage ids in `stage`.
    let stages = client
        .request(
            "textDocument/completion",
            at(&ml, pos(&ml_text, "stage = \"data\"", 11)),
        )
        .unwrap();
    let labels: Vec<&str> = stages
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["basics", "math", "data", "ml", "roles"]);

    // Go to definition across files; references; hover.
    let definition = client
        .request(
            "textDocument/definition",
            at(&ml, pos(&ml_text, "\"python\"]", 2)),
        )
        .unwrap();
    let (line, character) = position(&basics_text, "\"python\"", true);
    assert_eq!(
        definition,
        json!([{ "uri": basics, "range": {
            "start": { "line": line, "character": character },
            "end": { "line": line, "character": character + 8 } } }])
    );
    let mut refs = at(&basics, pos(&basics_text, "\"python\"", 1));
    refs["context"] = json!({ "includeDeclaration": true });
    let found = client.request("textDocument/references", refs).unwrap();
    let places: Vec<(String, u64)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                Path::new(l["uri"].as_str().unwrap())
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                l["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let ml_lines: Vec<u64> = ml_text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("\"python\""))
        .map(|(i, _)| i as u64)
        .collect();
    let mut expected = vec![("1-basics.toml".to_owned(), line)];
    expected.extend(ml_lines.iter().map(|&l| ("2-ml.toml".to_owned(), l)));
    assert_eq!(places, expected);
    let hover = client
        .request(
            "textDocument/hover",
            at(&ml, pos(&ml_text, "\"python\"]", 2)),
        )
        .unwrap();
    let text = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    for needle in [
        "**Python** `python` · topic",
        "stage: Basics · hours: 20 h",
        "A first language.",
        "**Requires**: nothing",
        "**Unlocks**: `numpy` (NumPy), `pandas` (Pandas)",
    ] {
        assert!(text.contains(needle), "{needle:?} not in {text}");
    }

    // Rename across files; refused for an invalid id and for one that is taken.
    let prepared = client
        .request(
            "textDocument/prepareRename",
            at(&ml, pos(&ml_text, "\"python\"]", 3)),
        )
        .unwrap();
    assert_eq!(prepared["placeholder"], "python");
    let mut rename = at(&ml, pos(&ml_text, "\"python\"]", 3));
    rename["newName"] = json!("python3");
    let edit = client
        .request("textDocument/rename", rename.clone())
        .unwrap();
    let changes = edit["changes"].as_object().unwrap();
    assert_eq!(changes[&basics].as_array().unwrap().len(), 1);
    assert_eq!(changes[&ml].as_array().unwrap().len(), ml_lines.len());
    for e in changes.values().flat_map(|v| v.as_array().unwrap()) {
        assert_eq!(e["newText"], "python3");
        let width = e["range"]["end"]["character"].as_u64().unwrap()
            - e["range"]["start"]["character"].as_u64().unwrap();
        assert_eq!(width, 6, "inside the quotes: {e}");
    }
    rename["newName"] = json!("r");
    let (code, message) = client
        .request("textDocument/rename", rename.clone())
        .unwrap_err();
    assert_eq!(
        (code, message.as_str()),
        (-32803, "there is a topic `r` already")
    );
    rename["newName"] = json!("py thon");
    let (_, message) = client.request("textDocument/rename", rename).unwrap_err();
    assert!(
        message.starts_with("`py thon` cannot be an id"),
        "{message}"
    );

    // Document symbols: stages and topics in written order, each over its table.
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": ml } }),
        )
        .unwrap();
    let names: Vec<(&str, u64)> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["kind"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            ("data", 3),
            ("ml", 3),
            ("roles", 3),
            ("numpy", 5),
            ("pandas", 5),
            ("tidyverse", 5),
            ("data-analysis", 5),
            ("ml-basics", 5),
            ("neural-networks", 5),
            ("ml-engineer", 11)
        ]
    );
    let numpy = &symbols[3];
    assert_eq!(numpy["detail"], "NumPy · 8 h");
    assert!(numpy["range"]["end"]["line"].as_u64() > numpy["range"]["start"]["line"].as_u64());

    // While a new line is typed the file is not TOML, yet its topics are still offered.
    let typing = format!(
        "{ml_text}\n[[topic]]\nid = \"new\"\ntitle = \"New\"\nstage = \"ml\"\nrequires = [\"pa"
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": ml, "version": 7 },
                "contentChanges": [{ "text": typing }] }),
    );
    let end = typing.lines().count() as u64 - 1;
    let last = typing.lines().last().unwrap().len() as u64;
    let items = client
        .request(
            "textDocument/completion",
            at(&ml, json!({ "line": end, "character": last })),
        )
        .unwrap();
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"pandas") && labels.contains(&"python"),
        "{labels:?}"
    );
    let syntax = client.diagnostics(&ml);
    assert_eq!(syntax["diagnostics"][0]["code"], "syntax");

    // A TOML file that is no roadmap (no `[roadmap]`, `[[stage]]` or `[[topic]]`) is left alone.
    let other_dir = dir.join("elsewhere");
    std::fs::create_dir(&other_dir).unwrap();
    let cargo = other_dir.join("Cargo.toml");
    let cargo_text = "[package]\nname = \"x\"\nversion = \"0.1.0\"\n";
    std::fs::write(&cargo, cargo_text).unwrap();
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri(&cargo), "languageId": "toml", "version": 1,
                                  "text": cargo_text } }),
    );
    client.settle(Duration::from_millis(700));
    for published in client.published(&uri(&cargo)) {
        assert_eq!(published["diagnostics"], json!([]), "{published}");
    }

    let status = client.shutdown();
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_client_that_counts_bytes_gets_byte_columns() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path().canonicalize().unwrap();
    let (basics_path, _) = common::mini_with_mistakes(&dir);
    let basics = uri(&basics_path);
    let text = std::fs::read_to_string(&basics_path).unwrap();
    let (mut client, init) =
        Client::start(json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } }));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": basics, "languageId": "toml", "version": 1, "text": text } }),
    );
    let published = client.diagnostics(&basics);
    let wrong = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "wrong-type")
        .unwrap();
    let (line, character) = position(&text, "3]", false);
    assert_eq!(
        wrong["range"]["start"],
        json!({ "line": line, "character": character })
    );
    assert_eq!(character, "tags = [\"版本\", ".len() as u64);
    assert!(client.shutdown().success());
}

#[test]
fn exit_without_shutdown_is_a_failure() {
    let (mut client, _) = Client::start(json!({}));
    client.notify("exit", Value::Null);
    drop(client.stdin);
    let status = client.child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
    let errors = client.errors.join().unwrap();
    assert_eq!(
        errors,
        "error: the language client broke the protocol: exit before shutdown\n"
    );
}

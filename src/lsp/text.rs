//! Text positions for the language server: byte offsets (the loader's spans) to and from LSP
//! positions (line, and character in UTF-16 code units or bytes, as negotiated), file paths to and
//! from `file://` URIs, and where in a file the cursor is for completion.

use std::path::{Path, PathBuf};

use lsp_types::{Position, Range, Uri};

use crate::source::Span;

/// How LSP positions count characters within a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units: the protocol's default, and what most clients use.
    Utf16,
    /// Bytes: offered by some clients (`general.positionEncodings`).
    Utf8,
}

/// A file's text with the offsets where its lines start.
#[derive(Debug)]
pub struct LineIndex {
    text: String,
    starts: Vec<u32>,
    /// The editor's text starts with a byte-order mark the loader dropped: it is one character
    /// before every offset of the first line.
    bom: bool,
}

impl LineIndex {
    pub fn new(text: String, bom: bool) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| i as u32 + 1),
            )
            .collect();
        LineIndex { text, starts, bom }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    fn line_text(&self, line: usize) -> (&str, usize) {
        let start = self.starts[line] as usize;
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |&e| e as usize);
        (&self.text[start..end], start)
    }

    /// The position of a byte offset (clamped to the text, moved back to a character start).
    pub fn position(&self, offset: u32, encoding: Encoding) -> Position {
        let offset = crate::source::floor_char_boundary(&self.text, offset as usize);
        let line = self
            .starts
            .partition_point(|&s| s as usize <= offset)
            .saturating_sub(1);
        let (_, start) = self.line_text(line);
        let before = &self.text[start..offset];
        let mut character = match encoding {
            Encoding::Utf16 => before.encode_utf16().count(),
            Encoding::Utf8 => before.len(),
        } as u32;
        if self.bom && line == 0 {
            character += match encoding {
                Encoding::Utf16 => 1,
                Encoding::Utf8 => 3,
            };
        }
        Position {
            line: line as u32,
            character,
        }
    }

    /// The byte offset of a position (a position past the line's end is its end, past the last
    /// line the end of the text).
    pub fn offset(&self, position: Position, encoding: Encoding) -> u32 {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return self.text.len() as u32;
        }
        let (text, start) = self.line_text(line);
        let text = text.strip_suffix('\n').unwrap_or(text);
        let mut wanted = position.character as usize;
        if self.bom && line == 0 {
            wanted = wanted.saturating_sub(match encoding {
                Encoding::Utf16 => 1,
                Encoding::Utf8 => 3,
            });
        }
        let mut units = 0;
        for (at, c) in text.char_indices() {
            if units >= wanted {
                return (start + at) as u32;
            }
            units += match encoding {
                Encoding::Utf16 => c.len_utf16(),
                Encoding::Utf8 => c.len_utf8(),
            };
        }
        (start + text.len()) as u32
    }

    pub fn range(&self, span: Span, encoding: Encoding) -> Range {
        Range {
            start: self.position(span.start, encoding),
            end: self.position(span.end, encoding),
        }
    }
}

/// The `file://` URI of an absolute path, percent-encoding every byte but the unreserved ones
/// and `/`.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/'); // a Windows path: file:///C:/...
    }
    for b in text.bytes() {
        let b = if b == b'\\' { b'/' } else { b };
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) || (b == b':' && uri.len() < 12) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.parse().ok()
}

/// The path of a `file://` URI.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().is_some_and(|s| s.eq_lowercase("file")) {
        return None;
    }
    let path = uri.path().as_estr().decode().into_string().ok()?;
    // `file:///C:/x` is `C:/x` on Windows.
    let path = match path.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() && cfg!(windows) => &path[1..],
        _ => &path,
    };
    Some(PathBuf::from(path))
}

/// What the cursor is in, for completion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub what: SlotKind,
    /// The bytes the completion replaces: the id typed so far, and any id characters right after
    /// the cursor.
    pub replace: std::ops::Range<usize>,
    /// Whether the cursor is inside a string: the completion is then the bare id, else the id in
    /// quotes.
    pub quoted: bool,
    /// Where the table the cursor is in starts (its header), to know which topic it is.
    pub table: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotKind {
    /// A topic id: in `requires`, a `one_of` or `recommends`.
    Topic,
    /// A stage id: the value of a topic's `stage`.
    Stage,
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+')
}

/// Whether a line is a table header such as `[[topic]]` or `[roadmap]` (not an array's line).
fn header(line: &str) -> Option<&str> {
    let line = line.trim();
    let line = line.split_once(" #").map_or(line, |(l, _)| l).trim_end();
    let inner = line
        .strip_prefix("[[")
        .and_then(|l| l.strip_suffix("]]"))
        .or_else(|| line.strip_prefix('[').and_then(|l| l.strip_suffix(']')))?;
    let inner = inner.trim();
    (!inner.is_empty()
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ')))
    .then_some(inner)
}

/// Where completion is asked: an id in `requires`, `recommends` or a `one_of` of a topic, or a
/// topic's `stage`; `None` anywhere else.
///
/// The text being typed is usually not valid TOML yet (an unterminated string, a dangling
/// comma), which the loader rightly rejects, so this reads only the cursor's own table, with a
/// scan of its strings, comments and brackets: enough to know which key's value the cursor is
/// in. It builds nothing from the text; the ids offered come from the last roadmap loaded.
pub fn slot(text: &str, cursor: usize) -> Option<Slot> {
    let cursor = crate::source::floor_char_boundary(text, cursor);
    let before = &text[..cursor];
    // The table: from the last header line before the cursor.
    let mut table = 0;
    let mut name = "";
    let mut line_start = 0;
    for line in before.split_inclusive('\n') {
        if let Some(h) = header(line) {
            table = line_start;
            name = h;
        }
        line_start += line.len();
    }
    if name != "topic" {
        return None;
    }
    let mut stack: Vec<Option<String>> = Vec::new(); // the key of each open array or table
    let mut pending: Option<String> = None; // the key whose value comes next
    let mut word = String::new(); // a bare key being read
    let mut string: Option<(usize, char, bool)> = None; // start, quote, multi-line
    let mut chars = before[table..]
        .char_indices()
        .map(|(i, c)| (i + table, c))
        .peekable();
    // Skip the header line itself.
    for (_, c) in chars.by_ref() {
        if c == '\n' {
            break;
        }
    }
    while let Some((at, c)) = chars.next() {
        if let Some((start, quote, multi)) = string {
            let tripled = || text[at..].starts_with(&quote.to_string().repeat(3));
            if c == '\\' && quote == '"' {
                chars.next();
            } else if c == quote && (!multi || tripled()) {
                if multi {
                    chars.next();
                    chars.next();
                }
                if pending.is_none() && stack.last().is_none_or(Option::is_none) {
                    // A quoted key.
                    word = text[start + 1..at].to_owned();
                }
                string = None;
            } else if c == '\n' && !multi {
                string = None;
            }
            continue;
        }
        match c {
            '#' => {
                for (_, c) in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
                if stack.is_empty() {
                    pending = None;
                }
            }
            '"' | '\'' => {
                let multi = text[at..].starts_with(&c.to_string().repeat(3));
                if multi {
                    chars.next();
                    chars.next();
                }
                string = Some((at, c, multi));
            }
            '=' => {
                pending = Some(
                    std::mem::take(&mut word)
                        .rsplit('.')
                        .next()?
                        .trim()
                        .to_owned(),
                );
            }
            '[' | '{' => {
                stack.push(pending.take());
                word.clear();
            }
            ']' | '}' => {
                stack.pop();
            }
            // A comma ends a value in an inline table (or at the top level).
            ',' if stack.last().is_none_or(Option::is_none) => pending = None,
            '\n' if stack.is_empty() => {
                pending = None;
                word.clear();
            }
            // A bare key being written (where a key can be, and before its `=`).
            c if is_id_char(c) && pending.is_none() && stack.last().is_none_or(Option::is_none) => {
                word.push(c);
            }
            _ => {}
        }
    }
    let in_array = stack
        .last()
        .and_then(|k| k.as_deref())
        .is_some_and(|k| matches!(k, "requires" | "recommends" | "one_of"));
    let what = if in_array {
        SlotKind::Topic
    } else if stack.iter().all(Option::is_none)
        && stack.is_empty()
        && pending.as_deref() == Some("stage")
    {
        SlotKind::Stage
    } else {
        return None;
    };
    let after = text[cursor..]
        .char_indices()
        .find(|&(_, c)| !is_id_char(c))
        .map_or(text.len(), |(i, _)| cursor + i);
    match string {
        Some((start, _, false)) => Some(Slot {
            what,
            replace: start + 1..after,
            quoted: true,
            table,
        }),
        Some(_) => None,
        None => {
            // A bare word typed where a value goes: it is replaced by the quoted id.
            let typed = before
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_id_char(c))
                .last()
                .map_or(cursor, |(i, _)| i);
            let prev = before[..typed].trim_end().chars().last();
            let expects_value = match what {
                SlotKind::Topic => matches!(prev, Some('[' | ',')),
                SlotKind::Stage => prev == Some('='),
            };
            expects_value.then_some(Slot {
                what,
                replace: typed..after,
                quoted: false,
                table,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text_with_cursor: &str) -> Option<(SlotKind, String, bool)> {
        let cursor = text_with_cursor.find('|').unwrap();
        let text = text_with_cursor.replacen('|', "", 1);
        slot(&text, cursor).map(|s| (s.what, text[s.replace].to_owned(), s.quoted))
    }

    const HEAD: &str = "[[stage]]\nid = \"s\"\n[[topic]]\nid = \"t\"\n";

    #[test]
    fn completion_knows_which_value_the_cursor_is_in() {
        let topic = |rest: &str| at(&format!("{HEAD}{rest}"));
        let t = SlotKind::Topic;
        assert_eq!(topic("requires = [\"py|"), Some((t, "py".into(), true)));
        assert_eq!(
            topic("requires = [\"a\", \"|\"]"),
            Some((t, "".into(), true))
        );
        assert_eq!(topic("requires = [|"), Some((t, "".into(), false)));
        assert_eq!(
            topic("requires = [\"a\", nu|"),
            Some((t, "nu".into(), false))
        );
        assert_eq!(
            topic("requires = [\"a\", { one_of = [\"b\", \"c|d\"] }]"),
            Some((t, "cd".into(), true))
        );
        assert_eq!(
            topic("requires = [\n  \"a\", # why\n  \"|"),
            Some((t, "".into(), true))
        );
        assert_eq!(topic("recommends = [\"x|"), Some((t, "x".into(), true)));
        assert_eq!(
            topic("stage = \"ba|\""),
            Some((SlotKind::Stage, "ba".into(), true))
        );
        assert_eq!(
            topic("stage = |"),
            Some((SlotKind::Stage, "".into(), false))
        );
        // Not a reference: other keys, keys themselves, other tables, after the array.
        assert_eq!(topic("title = \"py|"), None);
        assert_eq!(topic("tags = [\"py|"), None);
        assert_eq!(topic("requires = [\"a\"]\ntitle = \"|"), None);
        assert_eq!(topic("req|"), None);
        assert_eq!(topic("summary = \"\"\"requires = [\"|"), None);
        assert_eq!(at("[[stage]]\nid = \"s\"\nstage = \"|"), None);
        assert_eq!(
            topic("[[topic.resources]]\ntitle = \"|"),
            None,
            "a resource table"
        );
    }

    #[test]
    fn positions_count_utf16_units_or_bytes() {
        let index = LineIndex::new("a = \"é𝄞x\"\nb\n".into(), false);
        let x = "a = \"é𝄞".len() as u32;
        assert_eq!(
            index.position(x, Encoding::Utf16),
            Position {
                line: 0,
                character: 8
            }
        );
        assert_eq!(index.position(x, Encoding::Utf8).character, x);
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let p = index.position(x, encoding);
            assert_eq!(index.offset(p, encoding), x);
        }
        assert_eq!(
            index.offset(
                Position {
                    line: 1,
                    character: 99
                },
                Encoding::Utf16
            ),
            "a = \"é𝄞x\"\nb".len() as u32
        );
        assert_eq!(
            index.offset(
                Position {
                    line: 9,
                    character: 0
                },
                Encoding::Utf16
            ),
            index.text().len() as u32
        );
    }

    #[test]
    fn uris_round_trip() {
        for path in ["/tmp/a b/c#d%.toml", "/x/路线图.toml"] {
            let uri = uri_of(Path::new(path)).unwrap();
            assert_eq!(path_of(&uri).unwrap(), Path::new(path), "{}", uri.as_str());
        }
        assert_eq!(
            uri_of(Path::new("/a b.toml")).unwrap().as_str(),
            "file:///a%20b.toml"
        );
    }
}

//! Source files of a roadmap, kept whole so that every finding can name `file:line:col` and quote
//! the line it points at.

use std::sync::OnceLock;

/// A byte range in one source file. Offsets are `u32` to keep the many spans of a large roadmap
/// small; a single roadmap file over 4 GiB is refused when it is read.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    pub file: u32,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: u32, range: std::ops::Range<usize>) -> Span {
        Span {
            file,
            start: range.start as u32,
            end: range.end as u32,
        }
    }
}

/// One file of a roadmap: its display name and its text (a leading byte-order mark removed).
#[derive(Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    /// Byte offsets where lines start; computed on first use, since most runs report nothing.
    line_starts: OnceLock<Vec<u32>>,
    /// The number of characters before every [`MARK_EVERY`]th byte, so that a column far into a
    /// long line is counted from the nearest mark, not from the line's start: otherwise many
    /// findings on one 10 MB line would cost time quadratic in its length. Computed on first use.
    char_marks: OnceLock<Vec<u32>>,
}

/// The distance in bytes between two marks of [`SourceFile::char_marks`].
const MARK_EVERY: usize = 4096;

/// A resolved position: 1-based line and column (the column counts characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(name: String, text: String) -> SourceFile {
        SourceFile {
            name,
            text,
            line_starts: OnceLock::new(),
            char_marks: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    self.text
                        .bytes()
                        .enumerate()
                        .filter(|&(_, b)| b == b'\n')
                        .map(|(i, _)| i as u32 + 1),
                )
                .collect()
        })
    }

    /// The 0-based line index holding byte `offset`.
    fn line_index(&self, offset: u32) -> usize {
        let starts = self.line_starts();
        starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// The text of line `index` (0-based) without its line ending, and the byte offset it starts at.
    pub fn line(&self, index: usize) -> (&str, usize) {
        let starts = self.line_starts();
        let start = starts[index] as usize;
        let end = starts
            .get(index + 1)
            .map_or(self.text.len(), |&e| e as usize);
        let line = &self.text[start..end];
        let line = line.strip_suffix('\n').unwrap_or(line);
        (line.strip_suffix('\r').unwrap_or(line), start)
    }

    pub fn position(&self, offset: u32) -> Position {
        let offset = floor_char_boundary(&self.text, offset as usize);
        let index = self.line_index(offset as u32);
        let (line, start) = self.line(index);
        let within = floor_char_boundary(line, (offset - start).min(line.len()));
        let column = if within <= MARK_EVERY {
            line[..within].chars().count()
        } else {
            self.chars_before(start + within) - self.chars_before(start)
        };
        Position {
            line: index + 1,
            column: column + 1,
        }
    }

    /// The number of characters before byte `offset` (a character boundary) of the text.
    fn chars_before(&self, offset: usize) -> usize {
        // Every byte but UTF-8's continuation bytes starts a character.
        let starts = |bytes: &[u8]| bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        let marks = self.char_marks.get_or_init(|| {
            let mut total = 0;
            let mut marks = vec![0];
            for chunk in self.text.as_bytes().chunks(MARK_EVERY) {
                total += starts(chunk) as u32;
                marks.push(total);
            }
            marks
        });
        let mark = offset / MARK_EVERY;
        marks[mark] as usize + starts(&self.text.as_bytes()[mark * MARK_EVERY..offset])
    }
}

/// Text with the control characters a terminal would act on replaced by U+FFFD (tab and line
/// ends kept): for strings decoded from escapes such as `\u001b`.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        text.chars()
            .map(|c| {
                if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// The largest character boundary at or before `offset` (clamped to the text).
pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// All files of one roadmap, indexed by [`Span::file`].
#[derive(Debug, Default)]
pub struct Sources {
    pub files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, name: String, text: String) -> u32 {
        self.files.push(SourceFile::new(name, text));
        (self.files.len() - 1) as u32
    }

    pub fn file(&self, span: Span) -> &SourceFile {
        &self.files[span.file as usize]
    }

    /// Replaces the characters a terminal would act on ([`crate::terminal::is_unsafe`]: escape
    /// sequences, C1 controls, bidirectional overrides; not tab or line ends) with a placeholder
    /// of the same length in bytes, so that quoting a line of a hostile file cannot clear a
    /// screen or retitle a window, and every position stays where it was.
    pub fn make_printable(&mut self) {
        use crate::terminal::{is_unsafe, placeholder};
        for file in &mut self.files {
            // A CR that ends a line (CRLF, or the last line) is not shown; any other is.
            let replaced = |(i, c): (usize, char)| {
                is_unsafe(c)
                    && !(c == '\r' && matches!(file.text.as_bytes().get(i + 1), None | Some(b'\n')))
            };
            if file.text.char_indices().any(replaced) {
                let mut text = String::with_capacity(file.text.len());
                for (i, c) in file.text.char_indices() {
                    if replaced((i, c)) {
                        text.push_str(placeholder(c));
                    } else {
                        text.push(c);
                    }
                }
                file.text = text;
            }
        }
    }

    pub fn position(&self, span: Span) -> Position {
        self.file(span).position(span.start)
    }

    /// The first line a span touches, and the span's byte range within that line (clipped to it).
    pub fn excerpt(&self, span: Span) -> (&str, Position, std::ops::Range<usize>) {
        let file = self.file(span);
        let pos = file.position(span.start);
        let (line, line_start) = file.line(pos.line - 1);
        let start = floor_char_boundary(line, (span.start as usize).saturating_sub(line_start));
        let end = floor_char_boundary(
            line,
            (span.end as usize)
                .saturating_sub(line_start)
                .clamp(start, line.len()),
        );
        (line, pos, start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_ignore_crlf() {
        let file = SourceFile::new("a.toml".into(), "a = 1\r\nbé = \"x\"\r\n".into());
        assert_eq!(file.position(0), Position { line: 1, column: 1 });
        // `=` on the second line: after `b`, `é` (two bytes) and a space.
        let eq = file.text.find("= \"").unwrap() as u32;
        assert_eq!(file.position(eq), Position { line: 2, column: 4 });
        assert_eq!(file.line(1).0, "bé = \"x\"");
    }

    #[test]
    fn excerpt_clips_to_the_first_line() {
        let mut sources = Sources::default();
        let f = sources.add("a.toml".into(), "x = [\n  1,\n]\n".into());
        let (line, pos, range) = sources.excerpt(Span::new(f, 4..12));
        assert_eq!((line, pos.line, pos.column, range), ("x = [", 1, 5, 4..5));
    }

    #[test]
    fn columns_far_into_a_long_line_count_characters() {
        let text = format!(
            "x\n{}é{}\n",
            "a".repeat(3 * MARK_EVERY),
            "é".repeat(MARK_EVERY)
        );
        let file = SourceFile::new("a.toml".into(), text.clone());
        for offset in [
            2,
            3 * MARK_EVERY + 2,
            3 * MARK_EVERY + 4,
            text.len() - 3,
            text.len() - 1,
        ] {
            let slow = text[text.find('\n').unwrap() + 1..offset].chars().count() + 1;
            assert_eq!(
                file.position(offset as u32),
                Position {
                    line: 2,
                    column: slow
                }
            );
        }
    }

    /// Quoted lines show what a terminal would act on as placeholders of the same length, so
    /// every position is where it was; a CR that ends a line stays (it is not shown).
    #[test]
    fn printable_sources_keep_every_position() {
        let text = "a\u{1b}]52;c;eA==\u{7}b\r\nc\u{9b}2J\u{202e}d\re\u{61c}f\r\r\ng\r";
        let mut sources = Sources::default();
        sources.add("a.toml".into(), text.into());
        let before: Vec<Position> = (0..=text.len() as u32)
            .map(|o| sources.files[0].position(o))
            .collect();
        sources.make_printable();
        let shown = &sources.files[0].text;
        assert_eq!(
            shown,
            "a?]52;c;eA==?b\r\nc\u{bf}2J\u{fffd}d?e\u{bf}f?\r\ng\r"
        );
        let unshown_cr = |i: usize| matches!(shown.as_bytes().get(i + 1), None | Some(b'\n'));
        assert!(
            !shown
                .char_indices()
                .any(|(i, c)| crate::terminal::is_unsafe(c) && !(c == '\r' && unshown_cr(i)))
        );
        let after: Vec<Position> = (0..=text.len() as u32)
            .map(|o| sources.files[0].position(o))
            .collect();
        assert_eq!(before, after);
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let file = SourceFile::new("a.toml".into(), "abc".into());
        assert_eq!(file.position(99), Position { line: 1, column: 4 });
    }
}

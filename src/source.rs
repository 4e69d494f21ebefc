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
}

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
        let within = (offset - start).min(line.len());
        Position {
            line: index + 1,
            column: line[..floor_char_boundary(line, within)].chars().count() + 1,
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
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
    fn offsets_past_the_end_are_clamped() {
        let file = SourceFile::new("a.toml".into(), "abc".into());
        assert_eq!(file.position(99), Position { line: 1, column: 4 });
    }
}

//! What is safe to print on a terminal: the one place that decides, for every text that came
//! from outside (a roadmap's titles, file names, a progress file's ids, command-line arguments,
//! environment variables).
//!
//! A terminal acts on some characters instead of showing them: C0 controls (ESC starts
//! sequences that move the cursor, retitle the window or, with OSC 52, set the clipboard; a lone
//! CR rewrites the line), DEL, the C1 controls U+0080 to U+009F (U+009B is CSI on its own), and
//! the bidirectional overrides and isolates, which reorder what follows so that text reads other
//! than it is. [`is_unsafe`] names them; everything that prints uses it:
//!
//! - [`line()`] for text shown on one line of output (titles, ids, names, file names): it escapes
//!   those characters and line breaks and tabs too, so that a title cannot forge a row of `list`;
//! - [`text()`] for text that may span lines (summaries, messages): line breaks and tabs are kept;
//! - [`Guard`], the writer at the edge of the process: standard error always, standard output
//!   when it is a terminal, whatever the colour mode. It lets through only the colour sequences
//!   (SGR, `ESC [ ... m`) this program makes (and drops them when colour is off), and escapes
//!   every other unsafe character, wherever it came from;
//! - JSON escapes them as `\uXXXX` (see `render::json`), which reads back as the same text.
//!
//! Escapes are shown the way Rust writes them: `\n`, `\t`, `\r`, `\u{1b}`.

use std::borrow::Cow;
use std::io::{self, Write};

/// Whether a terminal could act on `c` rather than show it: C0 controls but tab and line feed,
/// DEL, C1 controls, and the bidirectional formatting characters (the embeddings, overrides and
/// isolates, the marks, and the Arabic letter mark).
pub fn is_unsafe(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{8}'
            | '\u{b}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `c` must be escaped within one line of output.
fn breaks_a_line(c: char) -> bool {
    is_unsafe(c) || c == '\n' || c == '\t'
}

/// Whether UTF-8 `bytes` may hold anything [`is_unsafe`], judged quickly on bytes: false means
/// surely not.
pub fn may_be_unsafe(bytes: &[u8]) -> bool {
    may_hold(bytes, false)
}

/// Whether the bytes may hold anything [`is_unsafe`] (or, for `line`, a line break or a tab): only
/// ASCII controls and the lead bytes of the unsafe characters beyond ASCII can start one.
fn may_hold(bytes: &[u8], line: bool) -> bool {
    bytes.iter().any(|&b| {
        b < 0x20 && (line || (b != b'\n' && b != b'\t'))
            || b == 0x7f
            || b == 0xc2
            || b == 0xd8
            || b == 0xe2
    })
}

fn escape(c: char, out: &mut String) {
    match c {
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        c => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
    }
}

fn escaped(text: &str, unsafe_here: fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_here(c) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` for one line of output: unsafe characters, line breaks and tabs escaped.
pub fn line(text: &str) -> Cow<'_, str> {
    if may_hold(text.as_bytes(), true) && text.chars().any(breaks_a_line) {
        Cow::Owned(escaped(text, breaks_a_line))
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` that may span lines: unsafe characters escaped, line breaks and tabs kept.
pub fn text(text: &str) -> Cow<'_, str> {
    if may_hold(text.as_bytes(), false) && text.chars().any(is_unsafe) {
        Cow::Owned(escaped(text, is_unsafe))
    } else {
        Cow::Borrowed(text)
    }
}

/// A placeholder for an unsafe character in a quoted line of a file, of the same length in bytes
/// (so that byte offsets into the line still hold) and one column wide: `?`, `¿` or `�`.
pub fn placeholder(c: char) -> &'static str {
    match c.len_utf8() {
        1 => "?",
        2 => "\u{bf}",
        _ => "\u{fffd}",
    }
}

/// The longest colour sequence let through whole; anything longer is not one of ours.
const MAX_SGR: usize = 32;

/// The writer at the edge of the process (see the module's documentation): colour sequences
/// pass when `colour` is on and are dropped when it is off; every other unsafe character is
/// escaped. Text may arrive in any pieces: an unfinished character or sequence at the end of
/// one write is kept for the next.
pub struct Guard<W: Write> {
    inner: W,
    colour: bool,
    pending: Vec<u8>,
}

impl<W: Write> Guard<W> {
    pub fn new(inner: W, colour: bool) -> Guard<W> {
        Guard {
            inner,
            colour,
            pending: Vec::new(),
        }
    }

    /// Filters `bytes` into `out`; returns how many bytes at the end were left unfinished.
    fn filter(&self, bytes: &[u8], out: &mut Vec<u8>, at_end: bool) -> usize {
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // The common case: printable ASCII, line feed, tab.
            if (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t' {
                let start = i;
                while i < bytes.len()
                    && ((0x20..0x7f).contains(&bytes[i]) || bytes[i] == b'\n' || bytes[i] == b'\t')
                {
                    i += 1;
                }
                out.extend_from_slice(&bytes[start..i]);
                continue;
            }
            if b == 0x1b {
                match sgr_length(&bytes[i..]) {
                    Some(Sgr::Complete(n)) => {
                        if self.colour {
                            out.extend_from_slice(&bytes[i..i + n]);
                        }
                        i += n;
                        continue;
                    }
                    Some(Sgr::Unfinished) if !at_end => return bytes.len() - i,
                    _ => {}
                }
            }
            let width = utf8_width(b);
            if width > 1 && i + width > bytes.len() && !at_end {
                return bytes.len() - i;
            }
            match std::str::from_utf8(&bytes[i..(i + width).min(bytes.len())]) {
                Ok(s) => {
                    let c = s.chars().next().expect("one character");
                    if is_unsafe(c) {
                        let mut e = String::new();
                        escape(c, &mut e);
                        out.extend_from_slice(e.as_bytes());
                    } else {
                        out.extend_from_slice(s.as_bytes());
                    }
                    i += width;
                }
                Err(_) => {
                    // Not UTF-8: a lone byte 0x80-0x9F is a C1 control to an 8-bit terminal.
                    out.extend_from_slice(format!("\\x{b:02x}").as_bytes());
                    i += 1;
                }
            }
        }
        0
    }
}

enum Sgr {
    Complete(usize),
    Unfinished,
}

/// The length of the SGR sequence (`ESC [`, digits and `;`, `m`) that `bytes` starts with.
fn sgr_length(bytes: &[u8]) -> Option<Sgr> {
    for (i, &b) in bytes.iter().enumerate().skip(1).take(MAX_SGR) {
        match (i, b) {
            (1, b'[') => {}
            (1, _) => return None,
            (_, b'0'..=b'9' | b';') => {}
            (_, b'm') => return Some(Sgr::Complete(i + 1)),
            _ => return None,
        }
    }
    (bytes.len() <= MAX_SGR).then_some(Sgr::Unfinished)
}

/// The length of the UTF-8 sequence a lead byte starts (1 for anything that is not a lead byte,
/// which is then judged on its own).
fn utf8_width(b: u8) -> usize {
    match b {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    }
}

impl<W: Write> Write for Guard<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len() + 16);
        if self.pending.is_empty() {
            let left = self.filter(buf, &mut out, false);
            self.pending.extend_from_slice(&buf[buf.len() - left..]);
        } else {
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(buf);
            let left = self.filter(&joined, &mut out, false);
            self.pending = joined[joined.len() - left..].to_vec();
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Guard<W> {
    /// What was left unfinished is judged as it is.
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            let pending = std::mem::take(&mut self.pending);
            let mut out = Vec::new();
            self.filter(&pending, &mut out, true);
            let _ = self.inner.write_all(&out);
            let _ = self.inner.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guarded(pieces: &[&[u8]], colour: bool) -> String {
        let mut sink = Vec::new();
        {
            let mut g = Guard::new(&mut sink, colour);
            for p in pieces {
                g.write_all(p).unwrap();
            }
        }
        String::from_utf8(sink).unwrap()
    }

    #[test]
    fn lines_escape_what_a_terminal_acts_on_and_line_breaks() {
        assert_eq!(line("Python"), "Python");
        assert!(matches!(line("线性代数 é"), Cow::Borrowed(_)));
        assert_eq!(line("a\nb\tc\rd"), "a\\nb\\tc\\rd");
        assert_eq!(line("\u{1b}]52;c;eA==\u{7}x"), "\\u{1b}]52;c;eA==\\u{7}x");
        assert_eq!(
            line("\u{9b}2J \u{202e}txt.exe"),
            "\\u{9b}2J \\u{202e}txt.exe"
        );
        assert_eq!(text("two\nlines\u{85}"), "two\nlines\\u{85}");
        assert_eq!(text("a\rb"), "a\\rb");
    }

    #[test]
    fn every_unsafe_character_is_found_by_the_quick_test() {
        for c in (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| is_unsafe(c))
        {
            let mut buf = [0; 4];
            assert!(may_hold(c.encode_utf8(&mut buf).as_bytes(), false), "{c:?}");
        }
    }

    #[test]
    fn the_guard_passes_colour_and_escapes_everything_else() {
        let ours = "\u{1b}[1m\u{1b}[31merror:\u{1b}[0m no topic `";
        let theirs = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\r\u{202e}";
        let shown = guarded(&[ours.as_bytes(), theirs.as_bytes(), b"`\n"], true);
        assert_eq!(
            shown,
            format!("{ours}\\u{{1b}}]0;owned\\u{{7}}\\u{{1b}}[2J\\u{{9b}}31m\\r\\u{{202e}}`\n")
        );
        // Colour off: our sequences are dropped, nothing else changes.
        let plain = guarded(&[ours.as_bytes(), b"\xc2\x9b!"], false);
        assert_eq!(plain, "error: no topic `\\u{9b}!");
    }

    #[test]
    fn the_guard_judges_pieces_split_anywhere_as_the_whole() {
        let whole = "\u{1b}[36mid\u{1b}[0m é \u{9b} \u{202e} 线 \u{1b}]8;;x\u{7}\n";
        let expected = guarded(&[whole.as_bytes()], true);
        let bytes = whole.as_bytes();
        for cut in 0..bytes.len() {
            for second in cut..bytes.len() {
                let pieces = [&bytes[..cut], &bytes[cut..second], &bytes[second..]];
                assert_eq!(guarded(&pieces, true), expected, "cut at {cut}, {second}");
            }
        }
    }

    #[test]
    fn the_guard_escapes_bytes_that_are_not_utf8() {
        assert_eq!(guarded(&[b"a\x9bb\xff"], true), "a\\x9bb\\xff");
    }
}

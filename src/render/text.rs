//! Building blocks of the human-readable text output: the colour palette (plain ANSI, stripped at
//! the edge when colour is off) and column alignment that counts display width, so CJK titles line
//! up too.

use std::sync::atomic::{AtomicBool, Ordering};

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr;

use crate::terminal;

pub const HEADING: Style = Style::new().bold();
pub const ID: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));
pub const HOURS: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
pub const DIM: Style = Style::new().dimmed();
pub const WARN: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
pub const ERROR: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
pub const NOTE: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));
pub const GOAL: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Magenta)));

/// Set when standard output is not coloured: then no escape codes are made at all, rather than
/// made and stripped again, which matters when a large plan or list is written to a file.
static PLAIN: AtomicBool = AtomicBool::new(false);

/// Turns escape codes off (or back on) for the rest of the process.
pub fn set_plain(plain: bool) {
    PLAIN.store(plain, Ordering::Relaxed);
}

/// `text` wrapped in a style's escape codes (unless output is plain), formatted where it is
/// written: no string is made for it.
pub fn paint<T: std::fmt::Display>(style: Style, text: T) -> Painted<T> {
    Painted(style, text)
}

pub struct Painted<T>(Style, T);

impl<T: std::fmt::Display> std::fmt::Display for Painted<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if PLAIN.load(Ordering::Relaxed) {
            self.1.fmt(f)
        } else {
            write!(f, "{}{}{:#}", self.0, self.1, self.0)
        }
    }
}

/// Text rendered with colour elsewhere (findings, made once and cached), as output should show
/// it: without its escape codes when output is plain.
pub fn styled(text: &str) -> std::borrow::Cow<'_, str> {
    if PLAIN.load(Ordering::Relaxed) {
        std::borrow::Cow::Owned(anstream::adapter::strip_str(text).to_string())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Display width of a string as shown (East Asian wide characters count two columns; what
/// [`terminal::line`] escapes counts as its escape).
pub fn width(text: &str) -> usize {
    shown_width(&terminal::line(text))
}

/// Display width of text that [`terminal::line`] already made safe: [`width`] without making it
/// safe again, for a long list whose texts are shown as well as measured.
pub fn shown_width(shown: &str) -> usize {
    if shown.is_ascii() {
        shown.len()
    } else {
        shown.width()
    }
}

/// Appends `n` spaces.
pub fn spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// `text` as shown on one line ([`terminal::line`]), padded with spaces to `columns` display
/// columns.
pub fn pad(text: &str, columns: usize) -> String {
    let mut s = String::with_capacity(text.len() + columns);
    s.push_str(&terminal::line(text));
    for _ in width(text)..columns {
        s.push(' ');
    }
    s
}

/// `styled` (the painted form of `plain`) padded as `plain` would be.
pub fn pad_styled(styled: impl std::fmt::Display, plain: &str, columns: usize) -> String {
    let mut s = styled.to_string();
    for _ in width(plain)..columns {
        s.push(' ');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_counts_wide_characters_twice() {
        assert_eq!(pad("线性", 6), "线性  ");
        assert_eq!(pad("ab", 1), "ab");
        assert_eq!(
            pad_styled(paint(ID, "ab"), "ab", 4).len(),
            paint(ID, "ab").to_string().len() + 2
        );
    }
}

//! Building blocks of the human-readable text output: the colour palette (plain ANSI, stripped at
//! the edge when colour is off) and column alignment that counts display width, so CJK titles line
//! up too.

use std::sync::atomic::{AtomicBool, Ordering};

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr;

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

/// `text` wrapped in a style's escape codes (unless output is plain).
pub fn paint(style: Style, text: impl std::fmt::Display) -> String {
    if PLAIN.load(Ordering::Relaxed) {
        text.to_string()
    } else {
        format!("{style}{text}{style:#}")
    }
}

/// Display width of a string (East Asian wide characters count two columns).
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` padded with spaces to `columns` display columns.
pub fn pad(text: &str, columns: usize) -> String {
    let mut s = String::with_capacity(text.len() + columns);
    s.push_str(text);
    for _ in width(text)..columns {
        s.push(' ');
    }
    s
}

/// `styled` (the painted form of `plain`) padded as `plain` would be.
pub fn pad_styled(styled: &str, plain: &str, columns: usize) -> String {
    let mut s = String::from(styled);
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
            pad_styled(&paint(ID, "ab"), "ab", 4).len(),
            paint(ID, "ab").len() + 2
        );
    }
}

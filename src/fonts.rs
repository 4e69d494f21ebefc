//! Whether the installed fonts can draw a picture's text, as fontconfig sees them: `render` asks
//! before it writes, because Graphviz draws a character no installed font has as an empty box
//! and says nothing.

use std::collections::BTreeSet;
use std::process::Command;

/// The characters of the labels of a DOT text (`label="..."`: the graph's, the boxes', the
/// nodes' and the edges'), which are what a picture draws. Tooltips and links are not drawn.
pub fn drawn_chars(dot: &str) -> BTreeSet<char> {
    let mut chars = BTreeSet::new();
    let mut rest = dot;
    while let Some(at) = rest.find("label=\"") {
        // `xlabel=` and the like are labels too; what precedes does not matter.
        rest = &rest[at + 7..];
        let mut escaped = false;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            if escaped {
                // `\n`, `\l` and `\r` are line breaks; anything else stands for itself.
                if !matches!(c, 'n' | 'l' | 'r') {
                    chars.insert(c);
                }
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                end = i;
                break;
            } else {
                chars.insert(c);
            }
        }
        rest = &rest[end..];
    }
    chars
}

/// Character ranges, as fontconfig prints a charset: `20-7e a0-17f 2013`.
fn ranges(charset: &str) -> Vec<(u32, u32)> {
    charset
        .split_whitespace()
        .filter_map(|r| {
            let (a, b) = r.split_once('-').unwrap_or((r, r));
            Some((
                u32::from_str_radix(a, 16).ok()?,
                u32::from_str_radix(b, 16).ok()?,
            ))
        })
        .collect()
}

/// The characters of `chars` that no installed font has, by fontconfig's `fc-list`; `None` when
/// fontconfig cannot be asked (then nothing can be said). ASCII is taken as drawn: every font
/// has it, and `dot` cannot run without one.
pub fn missing(chars: &BTreeSet<char>) -> Option<Vec<char>> {
    let wanted: Vec<char> = chars
        .iter()
        .copied()
        .filter(|c| !c.is_ascii() && !c.is_whitespace() && !c.is_control())
        .collect();
    if wanted.is_empty() {
        return Some(Vec::new());
    }
    let out = Command::new("fc-list")
        .args(["--format", "%{charset}\\n"])
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let mut covered: Vec<(u32, u32)> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .flat_map(ranges)
        .collect();
    covered.sort_unstable();
    // Merge, so each character is one binary search.
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(covered.len());
    for (a, b) in covered {
        match merged.last_mut() {
            Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let has = |c: char| {
        let c = c as u32;
        let i = merged.partition_point(|&(a, _)| a <= c);
        i > 0 && merged[i - 1].1 >= c
    };
    Some(wanted.into_iter().filter(|&c| !has(c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_read_with_their_escapes() {
        let dot = r#"digraph { graph[label="机器"] "a"[label="A \"学\"" tooltip="不"] }"#;
        let chars: String = drawn_chars(dot).into_iter().collect();
        assert_eq!(chars, " \"A器学机");
    }

    #[test]
    fn charsets_are_ranges() {
        assert_eq!(
            ranges("20-7e a0 4e00-9fff"),
            [(0x20, 0x7e), (0xa0, 0xa0), (0x4e00, 0x9fff)]
        );
    }
}

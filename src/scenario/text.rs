//! Text from files, cleaned on the way in so nothing a file holds reaches the terminal raw.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Columns between tab stops when tabs are expanded.
const TAB_WIDTH: usize = 4;

/// A string read from a file, with control, format and bidi characters removed and tabs
/// expanded. The only way to build one from outside text is through [`clean`], so holding
/// a `Text` means holding something safe to draw.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Text(String);

impl Text {
    /// Cleans `raw` and wraps it.
    pub fn new(raw: &str) -> Text {
        Text(clean(raw))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Removes every character that could move the cursor, change colours, reorder text or hide
/// itself, and expands tabs to spaces. Line breaks are kept: bodies of documents have lines.
pub fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut column = 0usize;
    for ch in raw.chars() {
        match ch {
            '\n' => {
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            ch if is_unsafe(ch) => {}
            ch => {
                out.push(ch);
                column += 1;
            }
        }
    }
    out
}

/// Like [`clean`], for text that must stay on one line (a diagnostic, a file name): line
/// breaks become spaces too.
pub fn clean_line(raw: &str) -> String {
    clean(raw).replace('\n', " ")
}

/// The text with every unsafe character (and tab and carriage return) replaced by `?`
/// repeated to the character's length in bytes, so that byte offsets into the original
/// still point at the same places. For showing a file's own lines, as snippets do.
pub fn defang(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for ch in raw.chars() {
        if ch != '\n' && is_unsafe(ch) {
            out.extend(std::iter::repeat_n('?', ch.len_utf8()));
        } else {
            out.push(ch);
        }
    }
    out
}

/// Characters that must never be drawn: C0 and C1 controls (ESC, BEL, CR...), bidi
/// embeddings, overrides and isolates, zero-width and other invisible format characters,
/// the line and paragraph separators, and the invisible tag characters.
pub fn is_unsafe(ch: char) -> bool {
    ch.is_control()
        || matches!(
            ch,
            '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{061C}'
                | '\u{00AD}'
                | '\u{034F}'
                | '\u{180E}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Text {
    fn from(raw: &str) -> Text {
        Text::new(raw)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Ok(Text::new(&raw))
    }
}

/// A count with its thousands grouped by commas, as the record writes them: "1,317".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A count with its noun, singular for one: `counted(1, "change", "changes")` is "1 change".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_are_singular_for_one() {
        assert_eq!(counted(1, "change", "changes"), "1 change");
        assert_eq!(counted(0, "change", "changes"), "0 changes");
        assert_eq!(counted(2, "entry", "entries"), "2 entries");
    }

    use super::*;

    #[test]
    fn removes_escape_sequences_and_bells() {
        assert_eq!(clean("Li\u{1b}[2J\u{7}Na"), "Li[2JNa");
        assert_eq!(clean("a\u{9b}31mb"), "a31mb");
        assert_eq!(clean("line\r\nnext"), "line\nnext");
    }

    #[test]
    fn removes_bidi_and_zero_width_characters() {
        assert_eq!(clean("\u{202E}evil\u{202C}"), "evil");
        assert_eq!(clean("a\u{2066}b\u{2069}c"), "abc");
        assert_eq!(clean("zero\u{200B}width\u{FEFF}"), "zerowidth");
    }

    #[test]
    fn expands_tabs_to_the_next_stop() {
        assert_eq!(clean("a\tb"), "a   b");
        assert_eq!(clean("\tx\n\ty"), "    x\n    y");
    }

    #[test]
    fn removes_line_separators_and_tag_characters() {
        assert_eq!(clean("a\u{2028}b\u{2029}c"), "abc");
        assert_eq!(clean("ok\u{E0041}\u{E007F}"), "ok");
    }

    #[test]
    fn clean_line_keeps_one_line() {
        assert_eq!(clean_line("one\ntwo\r\nthree"), "one two three");
    }

    #[test]
    fn defang_keeps_byte_offsets() {
        let raw = "a\u{1b}[31mb\u{202E}c\td\n\u{9b}e";
        let safe = defang(raw);
        assert_eq!(safe.len(), raw.len());
        assert_eq!(safe, "a?[31mb???c?d\n??e");
        assert_eq!(safe.find('c'), raw.find('c'));
    }

    #[test]
    fn keeps_chinese_text() {
        assert_eq!(
            clean("正在实施集中或居家隔离医学观察的入境人员"),
            "正在实施集中或居家隔离医学观察的入境人员"
        );
    }
}

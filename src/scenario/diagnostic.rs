//! Diagnostics about a file: where (file, line, column), how bad, and what is wrong.

use std::fmt;
use std::sync::Arc;

use miette::{LabeledSpan, NamedSource, SourceSpan};

use super::text::{clean_line, defang};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One thing wrong with a file, at a place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based line and column (columns count characters, not bytes).
    pub line: usize,
    pub column: usize,
    /// Byte offset and length in the source, for the snippet.
    pub offset: usize,
    pub length: usize,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at a byte offset of `source`.
    pub fn at_offset(
        file: &str,
        source: &str,
        offset: usize,
        length: usize,
        severity: Severity,
        message: impl Into<String>,
    ) -> Diagnostic {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let (line, column) = line_column(source, offset);
        Diagnostic {
            file: clean_line(file),
            line,
            column,
            offset,
            length: length.min(source.len() - offset),
            severity,
            message: clean_line(&message.into()),
        }
    }

    /// A diagnostic at a 1-based line and column of `source`.
    pub fn at_line_column(
        file: &str,
        source: &str,
        line: usize,
        column: usize,
        severity: Severity,
        message: impl Into<String>,
    ) -> Diagnostic {
        let offset = offset_of(source, line, column);
        let mut diagnostic = Diagnostic::at_offset(file, source, offset, 1, severity, message);
        diagnostic.line = line.max(1);
        diagnostic.column = column.max(1);
        diagnostic
    }

    /// An error about the file as a whole (it cannot be read, it is too big).
    pub fn whole_file(file: &str, message: impl std::fmt::Display) -> Diagnostic {
        Diagnostic {
            file: clean_line(file),
            line: 1,
            column: 1,
            offset: 0,
            length: 0,
            severity: Severity::Error,
            message: clean_line(&message.to_string()),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders with the offending lines of `source` underlined, for a person at a terminal.
    /// The file's own text is shown with its unsafe characters replaced, never raw.
    pub fn render_with_snippet(&self, source: &str) -> String {
        let source = defang(source);
        let offset = floor_char_boundary(&source, self.offset.min(source.len()));
        let length = self.length.max(1).min(source.len() - offset);
        let report = miette::Report::new(SnippetReport {
            message: format!(
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            ),
            severity: self.severity,
            source: NamedSource::new(&self.file, Arc::new(source)),
            span: SourceSpan::new(offset.into(), length),
        });
        format!("{report:?}")
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file, self.line, self.column, self.severity, self.message
        )
    }
}

#[derive(Debug)]
struct SnippetReport {
    message: String,
    severity: Severity,
    source: NamedSource<Arc<String>>,
    span: SourceSpan,
}

impl fmt::Display for SnippetReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SnippetReport {}

impl miette::Diagnostic for SnippetReport {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Warning => miette::Severity::Warning,
            Severity::Error => miette::Severity::Error,
        })
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some("here".to_owned()),
            self.span,
        ))))
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Byte offset of a 1-based line and character column, clamped to the source.
pub fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line.max(1) {
        match source[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return source.len(),
        }
    }
    let rest = &source[offset..];
    let within = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    offset + within
}

fn floor_char_boundary(source: &str, mut offset: usize) -> usize {
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_character_columns() {
        let source = "ab\n名字: x\n";
        let offset = source.find('x').unwrap();
        assert_eq!(line_column(source, offset), (2, 5));
        assert_eq!(offset_of(source, 2, 5), offset);
    }

    #[test]
    fn messages_and_file_names_are_cleaned_to_one_line() {
        let d = Diagnostic::at_offset(
            "evil\u{1b}[2J.ron",
            "x",
            0,
            1,
            Severity::Error,
            "`\u{1b}]0;title\u{7}` is\nnot a time\u{202E}",
        );
        assert_eq!(
            d.to_string(),
            "evil[2J.ron:1:1: error: `]0;title` is not a time"
        );
        let whole = Diagnostic::whole_file("a\u{9b}b", "bad\u{2066}");
        assert_eq!(whole.to_string(), "ab:1:1: error: bad");
    }

    #[test]
    fn snippets_show_no_raw_control_characters_and_never_overrun() {
        let source = "name: \"\u{1b}[31mred\u{202E}\"\nnext";
        let d = Diagnostic::at_offset("a.ron", source, 6, 1000, Severity::Error, "bad");
        assert_eq!(d.length, source.len() - 6);
        let shown = d.render_with_snippet(source);
        assert!(!shown.contains('\u{202E}'), "{shown}");
        assert!(shown.contains("?[31mred???"), "{shown}");
        // Past the end, and on an empty source, rendering still works.
        let end = Diagnostic::at_offset("a.ron", "", 5, 3, Severity::Error, "bad");
        assert!(end.render_with_snippet("").contains("bad"));
        assert!(
            end.render_with_snippet("longer than the offset")
                .contains("bad")
        );
    }

    #[test]
    fn prints_file_line_column_severity_message() {
        let d = Diagnostic::at_offset("a.ron", "x\ny", 2, 1, Severity::Error, "bad");
        assert_eq!(d.to_string(), "a.ron:2:1: error: bad");
        assert!(d.render_with_snippet("x\ny").contains("bad"));
    }
}

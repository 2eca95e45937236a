//! Reading a scenario file: size cap, UTF-8, nesting limit, RON, schema version; and the
//! map of where each value sits in the text, so that diagnostics can point at it.

use std::io::Read;
use std::path::Path;

use super::ScenarioError;
use super::diagnostic::{Diagnostic, Severity, line_column, offset_of};
use super::model::{SCHEMA_VERSION, Scenario};
use super::text::clean;

/// Larger files are refused before they are parsed: the full city is a few hundred KiB,
/// since crowds are generated rather than written out.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// How deep RON may nest; real scenarios need about eight levels.
pub const RECURSION_LIMIT: usize = 64;

/// A parsed scenario with the text it came from, kept for pointing at places in it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The name diagnostics use for the file.
    pub file: String,
    pub source: String,
    pub scenario: Scenario,
}

/// Reads and parses a scenario file. Every failure is a diagnostic naming the place.
pub fn load_file(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let file = path.display().to_string();
    let bytes = read_capped(path, MAX_FILE_BYTES)
        .map_err(|message| vec![Diagnostic::whole_file(&file, message)])?;
    parse_bytes(&file, &bytes)
}

/// Reads at most `cap` bytes of a file, refusing anything larger or not a regular file.
///
/// A FIFO, a device or a socket where a file is expected would block the reader forever
/// (opening a FIFO waits for a writer): such files are refused by their type before they
/// are opened, and the file is opened without blocking and checked again once open, so a
/// file swapped for a FIFO between the two looks cannot block either.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ScenarioError> {
    let metadata = std::fs::metadata(path).map_err(ScenarioError::CannotRead)?;
    if metadata.is_dir() {
        return Err(ScenarioError::Folder);
    }
    if !metadata.is_file() {
        return Err(ScenarioError::NotRegular);
    }
    if metadata.len() > cap {
        return Err(ScenarioError::TooBig {
            len: metadata.len(),
            cap,
        });
    }
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(ScenarioError::CannotRead)?;
    if bytes.len() as u64 > cap {
        // The size given by the file system was wrong (a device, a file still growing):
        // all that is known is that there is more than the limit.
        return Err(ScenarioError::OverLimit { cap });
    }
    Ok(bytes)
}

/// Opens a file for reading without waiting on it, and only if it is a regular file.
pub fn open_regular(path: &Path) -> Result<std::fs::File, ScenarioError> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(ScenarioError::CannotRead)?;
    let metadata = file.metadata().map_err(ScenarioError::CannotRead)?;
    if metadata.is_dir() {
        return Err(ScenarioError::Folder);
    }
    if !metadata.is_file() {
        return Err(ScenarioError::NotRegular);
    }
    Ok(file)
}

/// Parses scenario text that came from `file`.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<Loaded, Vec<Diagnostic>> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(vec![Diagnostic::whole_file(
            file,
            ScenarioError::TooBig {
                len: bytes.len() as u64,
                cap: MAX_FILE_BYTES,
            },
        )]);
    }
    let source = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(e) => {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            let at = Diagnostic::at_offset(
                file,
                &valid,
                valid.len(),
                0,
                Severity::Error,
                "the file is not UTF-8 text (is it a binary file?)",
            );
            return Err(vec![at]);
        }
    };
    parse_str(file, source)
}

/// Parses scenario text.
pub fn parse_str(file: &str, source: String) -> Result<Loaded, Vec<Diagnostic>> {
    let tokens = tokenize(&source);
    if tokens.is_empty() {
        return Err(vec![Diagnostic::whole_file(
            file,
            "the file is empty: a scenario starts with `Scenario(`",
        )]);
    }
    // Nesting is measured on the tokens first, so that no parser (ron's, or the span map
    // below) ever recurses deeper than this, whatever the file holds.
    if let Some(open) = first_too_deep(&tokens, RECURSION_LIMIT) {
        return Err(vec![Diagnostic::at_offset(
            file,
            &source,
            open.start,
            open.end - open.start,
            Severity::Error,
            format!("the file nests deeper than {RECURSION_LIMIT} levels"),
        )]);
    }
    // A file from a newer (or older) format is named as such before its fields are
    // judged by this version's rules.
    let version = top_level_value(&source, &tokens, "schema_version");
    if let Some(version) = version {
        let text = &source[version.start..version.end];
        if version.kind == TokenKind::Number
            && text
                .parse::<u64>()
                .is_ok_and(|v| v != u64::from(SCHEMA_VERSION))
        {
            return Err(vec![schema_error(file, &source, version, text)]);
        }
    }
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    let scenario: Scenario = match options.from_str(&source) {
        Ok(scenario) => scenario,
        Err(e) => return Err(vec![ron_diagnostic(file, &source, &tokens, &e)]),
    };
    if scenario.schema_version != SCHEMA_VERSION {
        let (offset, length) = version.map_or((0, 0), token_extent);
        return Err(vec![Diagnostic::at_offset(
            file,
            &source,
            offset,
            length,
            Severity::Error,
            schema_message(&scenario.schema_version.to_string()),
        )]);
    }
    Ok(Loaded {
        file: file.to_owned(),
        source,
        scenario,
    })
}

fn schema_message(found: &str) -> String {
    format!("schema_version {found} is not one this redcode reads (it reads {SCHEMA_VERSION})")
}

/// The first token of the value of a field of the top-level value, found without parsing.
fn top_level_value<'t>(source: &str, tokens: &'t [Token], key: &str) -> Option<&'t Token> {
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        match token.kind {
            TokenKind::Open => depth += 1,
            TokenKind::Close => depth = depth.saturating_sub(1),
            TokenKind::Ident
                if depth == 1
                    && &source[token.start..token.end] == key
                    && tokens
                        .get(i + 1)
                        .is_some_and(|t| t.kind == TokenKind::Colon) =>
            {
                return tokens.get(i + 2);
            }
            _ => {}
        }
    }
    None
}

fn schema_error(file: &str, source: &str, version: &Token, text: &str) -> Diagnostic {
    Diagnostic::at_offset(
        file,
        source,
        version.start,
        version.end - version.start,
        Severity::Error,
        schema_message(text),
    )
}

/// A diagnostic for a RON error, at the token it concerns.
///
/// ron's span starts where its cursor stood before the token it was reading, which may be
/// the whitespace in front of it or the middle of it (after a string's opening quote, after
/// a minus sign). The place reported is the start of the token the error concerns.
fn ron_diagnostic(
    file: &str,
    source: &str,
    tokens: &[Token],
    e: &ron::error::SpannedError,
) -> Diagnostic {
    let start = offset_of(source, e.span.start.line, e.span.start.col);
    let end = offset_of(source, e.span.end.line, e.span.end.col).max(start);
    let (offset, length) = match e.code {
        ron::Error::TrailingCharacters => trailing_start(tokens).map_or((start, 1), token_extent),
        _ => match token_at_or_after(tokens, start) {
            Some(token) if token.start <= end.max(start) => token_extent(token),
            // Nothing but whitespace and comments follow: the error is at the end.
            None => (source.len(), 0),
            Some(_) => (start, 1),
        },
    };
    let mut message = describe_ron_error(&e.code);
    if matches!(e.code, ron::Error::Eof | ron::Error::ExpectedStringEnd) {
        // The end of the file is no place to look: point at what was left open.
        if let Some(open) = innermost_unclosed(tokens) {
            let message = if open.kind == TokenKind::Str {
                "this string is never closed: the file ends inside it".to_owned()
            } else {
                let bracket = &source[open.start..open.end];
                format!("this `{bracket}` is never closed: the file ends first")
            };
            return Diagnostic::at_offset(file, source, open.start, 1, Severity::Error, message);
        }
    } else if let Some(string) = multi_line_string_before(source, tokens, offset) {
        let (line, column) = line_column(source, string.start);
        message.push_str(&format!(
            " (the string that opens at line {line}, column {column} runs over several lines: \
             is its closing `\"` missing?)"
        ));
    }
    Diagnostic::at_offset(file, source, offset, length, Severity::Error, message)
}

fn token_extent(token: &Token) -> (usize, usize) {
    (token.start, token.end - token.start)
}

/// The token that contains `offset`, or failing that the first one after it.
fn token_at_or_after(tokens: &[Token], offset: usize) -> Option<&Token> {
    let after = tokens.partition_point(|t| t.end <= offset);
    tokens.get(after)
}

/// The first token after the file's top-level value (after any `#![...]` attributes).
fn trailing_start(tokens: &[Token]) -> Option<&Token> {
    let mut ix = 0;
    loop {
        let token = tokens.get(ix)?;
        let at_attribute = token.kind == TokenKind::Other
            && tokens
                .get(ix + 1)
                .is_some_and(|t| t.kind == TokenKind::Other || t.kind == TokenKind::Open);
        ix = if at_attribute {
            skip_attribute(tokens, ix)
        } else {
            break;
        };
    }
    let mut depth = 0usize;
    let mut opened = false;
    for (i, token) in tokens.iter().enumerate().skip(ix) {
        match token.kind {
            TokenKind::Open => {
                depth += 1;
                opened = true;
            }
            TokenKind::Close => depth = depth.saturating_sub(1),
            _ => {}
        }
        let value_ends = depth == 0
            && (opened || !matches!(tokens.get(i + 1), Some(t) if t.kind == TokenKind::Open));
        if value_ends {
            return tokens.get(i + 1);
        }
    }
    None
}

/// The index just after a `#![...]` (or `#[...]`) attribute starting at `ix`.
fn skip_attribute(tokens: &[Token], mut ix: usize) -> usize {
    ix += 1; // '#'
    if tokens.get(ix).is_some_and(|t| t.kind == TokenKind::Other) {
        ix += 1; // '!'
    }
    let mut depth = 0usize;
    while let Some(token) = tokens.get(ix) {
        ix += 1;
        match token.kind {
            TokenKind::Open => depth += 1,
            TokenKind::Close => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            _ if depth == 0 => break,
            _ => {}
        }
    }
    ix
}

/// The opening bracket still open at the end of the file, innermost first.
fn innermost_unclosed(tokens: &[Token]) -> Option<&Token> {
    let mut open: Vec<&Token> = Vec::new();
    for token in tokens {
        match token.kind {
            TokenKind::Open => open.push(token),
            TokenKind::Close => {
                open.pop();
            }
            _ => {}
        }
    }
    let unterminated = tokens
        .last()
        .filter(|t| t.kind == TokenKind::Str && t.unterminated);
    unterminated.or(open.last().copied())
}

/// A string spanning lines that ends just before `offset`: the usual sign of a missing quote.
fn multi_line_string_before<'t>(
    source: &str,
    tokens: &'t [Token],
    offset: usize,
) -> Option<&'t Token> {
    let before = tokens.partition_point(|t| t.end <= offset);
    let token = tokens.get(before.checked_sub(1)?)?;
    (token.kind == TokenKind::Str && source[token.start..token.end].contains('\n')).then_some(token)
}

/// Words for a RON error that a scenario author can act on.
fn describe_ron_error(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::ExceededRecursionLimit => {
            format!("the file nests deeper than {RECURSION_LIMIT} levels")
        }
        E::Eof => "the file ends too soon: something is not closed".to_owned(),
        E::ExpectedString => "expected text in double quotes here".to_owned(),
        E::ExpectedInteger => "expected a whole number here".to_owned(),
        E::ExpectedBoolean => "expected `true` or `false` here".to_owned(),
        E::ExpectedArray => "expected a list in `[` `]` here".to_owned(),
        E::ExpectedComma => "expected a comma here".to_owned(),
        E::IntegerOutOfBounds => "this number is out of range here".to_owned(),
        E::ExpectedNamedStructLike(name) => format!("expected `{name}(` here"),
        E::ExpectedDifferentStructName { expected, found } => format!(
            "expected `{expected}(` but found `{found}`: is a closing `]` or `)` missing before it?"
        ),
        E::MissingStructField { field, outer } => match outer {
            Some(outer) => format!("`{outer}` is missing its field `{field}`"),
            None => format!("missing field `{field}`"),
        },
        E::DuplicateStructField { field, .. } => format!("the field `{field}` is written twice"),
        E::TrailingCharacters => {
            "something follows the end of the scenario: a file holds one `Scenario(...)`".to_owned()
        }
        other => {
            // ron's own words, with the first letter lowered to match the rest.
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}

/// What a token is, as far as finding places in the source needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// `(`, `[` or `{`.
    Open,
    /// `)`, `]` or `}`.
    Close,
    /// A string or byte string, plain or raw.
    Str,
    /// A character or byte literal.
    Char,
    Number,
    Ident,
    Colon,
    Comma,
    /// Anything else (`#`, `!`, stray characters).
    Other,
}

/// A token: its kind and byte range. Whitespace and comments are not tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
    /// A string or comment that runs to the end of the file.
    pub unterminated: bool,
}

/// Splits RON text into tokens. Never fails: text that is not RON still becomes tokens,
/// so that places can be found in broken files too.
pub fn tokenize(source: &str) -> Vec<Token> {
    let bytes = source.as_bytes();
    let len = bytes.len();
    let mut tokens = Vec::with_capacity(len / 4);
    let mut i = 0;
    while i < len {
        let start = i;
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        let mut unterminated = false;
        let (kind, end) = match b {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'/' if next == Some(b'/') => {
                i = memchr(b'\n', bytes, i).map_or(len, |nl| nl + 1);
                continue;
            }
            b'/' if next == Some(b'*') => {
                i = block_comment_end(bytes, i);
                continue;
            }
            b'"' => string_end(source, start + 1, b'"', &mut unterminated),
            b'b' if next == Some(b'"') => string_end(source, start + 2, b'"', &mut unterminated),
            b'r' | b'b' if raw_string_start(source, start).is_some() => {
                let (hashes, body) = raw_string_start(source, start).unwrap_or((0, start));
                let closing = format!("\"{}", "#".repeat(hashes));
                match source[body..].find(&closing) {
                    Some(at) => (TokenKind::Str, body + at + closing.len()),
                    None => {
                        unterminated = true;
                        (TokenKind::Str, len)
                    }
                }
            }
            b'\'' => (
                TokenKind::Char,
                quoted_end(bytes, start + 1, b'\'').unwrap_or(start + 1),
            ),
            b'b' if next == Some(b'\'') => (
                TokenKind::Char,
                quoted_end(bytes, start + 2, b'\'').unwrap_or(start + 2),
            ),
            b'(' | b'[' | b'{' => (TokenKind::Open, start + 1),
            b')' | b']' | b'}' => (TokenKind::Close, start + 1),
            b':' => (TokenKind::Colon, start + 1),
            b',' => (TokenKind::Comma, start + 1),
            b'0'..=b'9' => (TokenKind::Number, number_end(bytes, start + 1)),
            b'-' | b'+' | b'.'
                if next.is_some_and(|n| n.is_ascii_digit() || n == b'.' || n == b'i') =>
            {
                (TokenKind::Number, number_end(bytes, start + 1))
            }
            _ => {
                // Not ASCII punctuation: a whole character decides.
                let ch = source[start..].chars().next().unwrap_or('\u{FFFD}');
                if ch.is_whitespace() {
                    i += ch.len_utf8();
                    continue;
                }
                if ch.is_alphanumeric() || ch == '_' {
                    let mut end = start;
                    // A raw identifier, `r#name`.
                    if b == b'r' && next == Some(b'#') {
                        end += 2;
                    }
                    end += source[end..]
                        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .unwrap_or(len - end);
                    (TokenKind::Ident, end.max(start + 1))
                } else {
                    (TokenKind::Other, start + ch.len_utf8())
                }
            }
        };
        tokens.push(Token {
            kind,
            start,
            end,
            unterminated,
        });
        i = end.max(start + 1);
        // Tokens end on character boundaries; stay on one whatever the text.
        while i < len && !source.is_char_boundary(i) {
            i += 1;
        }
    }
    tokens
}

fn memchr(needle: u8, bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from..]
        .iter()
        .position(|&b| b == needle)
        .map(|at| from + at)
}

/// The byte after a (nested) block comment that starts at `from`, or the end of the text.
fn block_comment_end(bytes: &[u8], from: usize) -> usize {
    let mut depth = 0usize;
    let mut i = from;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

fn string_end(source: &str, from: usize, quote: u8, unterminated: &mut bool) -> (TokenKind, usize) {
    let end = quoted_end(source.as_bytes(), from, quote);
    *unterminated = end.is_none();
    (TokenKind::Str, end.unwrap_or(source.len()))
}

/// The byte just past the closing `quote` of a literal whose body starts at `from`.
fn quoted_end(bytes: &[u8], from: usize, quote: u8) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The byte after a number whose first byte was just read: digits, letters (hex, suffixes,
/// exponents), `_`, `.`, and a sign right after an exponent's `e`.
fn number_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        let exponent_sign = (b == b'-' || b == b'+') && matches!(bytes[i - 1], b'e' | b'E');
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exponent_sign {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// For `r"`, `r#"`, `br"`...: the number of hashes and where the body starts.
fn raw_string_start(source: &str, start: usize) -> Option<(usize, usize)> {
    let rest = &source[start..];
    let rest = rest.strip_prefix('b').unwrap_or(rest);
    let after_r = rest.strip_prefix('r')?;
    let hashes = after_r.len() - after_r.trim_start_matches('#').len();
    let body = after_r[hashes..].strip_prefix('"')?;
    Some((hashes, source.len() - body.len()))
}

/// The first opening bracket at a depth beyond `limit`.
fn first_too_deep(tokens: &[Token], limit: usize) -> Option<&Token> {
    let mut depth = 0usize;
    for token in tokens {
        match token.kind {
            TokenKind::Open => {
                depth += 1;
                if depth > limit {
                    return Some(token);
                }
            }
            TokenKind::Close => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// What a node of the source map holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// `Name(...)` or `(...)`: a struct, a tuple, an enum variant, `Some(...)`.
    Group,
    /// `[...]`.
    List,
    /// `{...}`.
    Map,
    /// A single token: a string, number, identifier...
    Leaf(TokenKind),
}

/// Where a value sits in the source, with the values inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    /// Byte range of the whole value, from its name (if any) to its closing bracket.
    pub start: usize,
    pub end: usize,
    /// The name before a group's `(`: a struct or variant name, or `Some`.
    pub name: Option<String>,
    pub children: Vec<Child>,
}

/// A value inside a group or list, with its field name when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Child {
    pub key: Option<String>,
    pub node: Node,
}

/// One step of a path through the map: a field by name, or an item of a list by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'p> {
    Field(&'p str),
    Item(usize),
}

impl Node {
    /// The node itself, or the value inside it when it only wraps one (`Some(x)`,
    /// a newtype variant such as `Assignment(Assignment(...))`).
    fn unwrapped(&self) -> &Node {
        let mut node = self;
        let mut hops = 0;
        while node.kind == NodeKind::Group
            && node.children.len() == 1
            && node.children[0].key.is_none()
            && hops < RECURSION_LIMIT
        {
            node = &node.children[0].node;
            hops += 1;
        }
        node
    }

    /// The value of the field `key`, looking through wrappers.
    pub fn field(&self, key: &str) -> Option<&Node> {
        self.unwrapped()
            .children
            .iter()
            .find(|c| c.key.as_deref() == Some(key))
            .map(|c| &c.node)
    }

    /// The `index`th item of a list, looking through wrappers.
    pub fn item(&self, index: usize) -> Option<&Node> {
        let node = self.unwrapped();
        (node.kind == NodeKind::List)
            .then(|| node.children.get(index).map(|c| &c.node))
            .flatten()
    }

    /// Follows a path of fields and items.
    pub fn get(&self, path: &[Step]) -> Option<&Node> {
        path.iter().try_fold(self, |node, step| match *step {
            Step::Field(key) => node.field(key),
            Step::Item(index) => node.item(index),
        })
    }

    /// The value of a field named `key` anywhere inside this node, the shallowest first.
    pub fn find_field(&self, key: &str) -> Option<&Node> {
        let mut level: Vec<&Node> = vec![self];
        while !level.is_empty() {
            for node in &level {
                if let Some(child) = node.children.iter().find(|c| c.key.as_deref() == Some(key)) {
                    return Some(&child.node);
                }
            }
            level = level
                .iter()
                .flat_map(|n| n.children.iter().map(|c| &c.node))
                .collect();
        }
        None
    }

    /// The first string inside this node whose text (unescaped and cleaned, as the model
    /// holds it) is `value`, and whose field name or enclosing variant name is `label`.
    /// An empty `label` accepts any string with that text.
    pub fn find_string(&self, source: &str, label: &str, value: &str) -> Option<&Node> {
        self.find_nth_string(source, label, value, 0)
    }

    /// Like [`find_string`](Node::find_string), the `nth` (0-based) such string.
    pub fn find_nth_string(
        &self,
        source: &str,
        label: &str,
        value: &str,
        nth: usize,
    ) -> Option<&Node> {
        struct Search<'s> {
            source: &'s str,
            label: &'s str,
            value: &'s str,
            skip: usize,
        }
        fn walk<'n>(
            node: &'n Node,
            search: &mut Search,
            labels: (Option<&str>, Option<&str>),
        ) -> Option<&'n Node> {
            if node.kind == NodeKind::Leaf(TokenKind::Str) {
                let label = search.label;
                let matches_label =
                    label.is_empty() || labels.0 == Some(label) || labels.1 == Some(label);
                let text = search.source.get(node.start..node.end).unwrap_or("");
                if !(matches_label && string_value(text) == search.value) {
                    return None;
                }
                if search.skip == 0 {
                    return Some(node);
                }
                search.skip -= 1;
                return None;
            }
            let name = match node.name.as_deref() {
                Some("Some") | None => labels.1,
                Some(name) => Some(name),
            };
            node.children.iter().find_map(|child| {
                let key = child.key.as_deref().or(labels.0);
                walk(&child.node, search, (key, name))
            })
        }
        let mut search = Search {
            source,
            label,
            value,
            skip: nth,
        };
        walk(self, &mut search, (None, None))
    }
}

/// The text a string literal stands for, cleaned as [`Text`](super::text::Text) is.
pub fn string_value(literal: &str) -> String {
    let body = literal.strip_prefix('b').unwrap_or(literal);
    if let Some((hashes, start)) = raw_string_start(literal, 0) {
        // The closing quote and hashes, when the literal has them: a raw string that runs
        // to the end of a broken file has none.
        let closing = format!("\"{}", "#".repeat(hashes));
        let body = &literal[start..];
        return clean(body.strip_suffix(closing.as_str()).unwrap_or(body));
    }
    let body = body.strip_prefix('"').unwrap_or(body);
    let body = body.strip_suffix('"').unwrap_or(body);
    let mut out = String::with_capacity(body.len());
    let mut bytes: Vec<u8> = Vec::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push_str(&String::from_utf8_lossy(&std::mem::take(&mut bytes)));
            out.push(c);
            continue;
        }
        let escaped = match chars.next() {
            Some('n') => '\n',
            Some('r') => '\r',
            Some('t') => '\t',
            Some('0') => '\0',
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                if let Ok(byte) = u8::from_str_radix(&hex, 16) {
                    bytes.push(byte);
                }
                continue;
            }
            Some('u') => {
                let digits: String = chars
                    .by_ref()
                    .skip_while(|&c| c == '{')
                    .take_while(|&c| c != '}')
                    .collect();
                match u32::from_str_radix(&digits, 16)
                    .ok()
                    .and_then(char::from_u32)
                {
                    Some(c) => c,
                    None => continue,
                }
            }
            // A backslash at a line's end continues the string on the next line.
            Some('\n') => {
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                continue;
            }
            Some(other) => other,
            None => break,
        };
        out.push_str(&String::from_utf8_lossy(&std::mem::take(&mut bytes)));
        out.push(escaped);
    }
    out.push_str(&String::from_utf8_lossy(&bytes));
    clean(&out)
}

/// Where every value of a file sits: built from the tokens, without the model's types,
/// so that diagnostics about a value can point at it.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    root: Option<Node>,
}

impl SourceMap {
    /// Maps `source`. Any text can be mapped; for text that is not RON the map is partial.
    pub fn new(source: &str) -> SourceMap {
        let tokens = tokenize(source);
        SourceMap::from_tokens(source, &tokens)
    }

    fn from_tokens(source: &str, tokens: &[Token]) -> SourceMap {
        let mut builder = MapBuilder {
            source,
            tokens,
            ix: 0,
        };
        while builder.peek().is_some_and(|t| t.kind == TokenKind::Other) {
            builder.ix = skip_attribute(tokens, builder.ix);
        }
        SourceMap {
            root: builder.value(0),
        }
    }

    /// The file's top-level value: `Scenario(...)`.
    pub fn root(&self) -> Option<&Node> {
        self.root.as_ref()
    }

    pub fn get(&self, path: &[Step]) -> Option<&Node> {
        self.root()?.get(path)
    }
}

struct MapBuilder<'s, 't> {
    source: &'s str,
    tokens: &'t [Token],
    ix: usize,
}

impl MapBuilder<'_, '_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.ix)
    }

    fn peek_at(&self, ahead: usize) -> Option<&Token> {
        self.tokens.get(self.ix + ahead)
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        let token = *self.peek()?;
        self.ix += 1;
        let text = &self.source[token.start..token.end];
        match token.kind {
            TokenKind::Ident if self.peek().is_some_and(|t| self.is_open(t, '(')) => {
                let open = *self.peek()?;
                self.ix += 1;
                let mut node = self.group(open, depth, NodeKind::Group);
                node.start = token.start;
                node.name = Some(text.to_owned());
                Some(node)
            }
            TokenKind::Open => {
                let kind = match text {
                    "[" => NodeKind::List,
                    "{" => NodeKind::Map,
                    _ => NodeKind::Group,
                };
                Some(self.group(token, depth, kind))
            }
            kind => Some(Node {
                kind: NodeKind::Leaf(kind),
                start: token.start,
                end: token.end,
                name: None,
                children: Vec::new(),
            }),
        }
    }

    fn is_open(&self, token: &Token, bracket: char) -> bool {
        token.kind == TokenKind::Open && self.source[token.start..].starts_with(bracket)
    }

    /// The items of a bracketed group whose opening token was just read.
    fn group(&mut self, open: Token, depth: usize, kind: NodeKind) -> Node {
        let mut node = Node {
            kind,
            start: open.start,
            end: open.end,
            name: None,
            children: Vec::new(),
        };
        while let Some(token) = self.peek().copied() {
            if token.kind == TokenKind::Close {
                // Whichever bracket it is, the group ends here.
                self.ix += 1;
                node.end = token.end;
                break;
            }
            if token.kind == TokenKind::Comma {
                self.ix += 1;
                continue;
            }
            let key = match (token.kind, self.peek_at(1).map(|t| t.kind)) {
                (TokenKind::Ident, Some(TokenKind::Colon)) if kind != NodeKind::Map => {
                    self.ix += 2;
                    Some(self.source[token.start..token.end].to_owned())
                }
                _ => None,
            };
            let before = self.ix;
            let value = if depth < RECURSION_LIMIT {
                self.value(depth + 1)
            } else {
                None
            };
            if kind == NodeKind::Map && self.peek().is_some_and(|t| t.kind == TokenKind::Colon) {
                // A map entry: the key is skipped, the value kept.
                self.ix += 1;
                let entry = if depth < RECURSION_LIMIT {
                    self.value(depth + 1)
                } else {
                    None
                };
                if let Some(node_value) = entry {
                    node.end = node_value.end;
                    node.children.push(Child {
                        key: None,
                        node: node_value,
                    });
                }
            } else if let Some(value) = value {
                node.end = value.end;
                node.children.push(Child { key, node: value });
            }
            if self.ix == before {
                // Nothing could be read here: step over the token rather than loop.
                self.ix += 1;
            }
        }
        node
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_is_named_as_such() {
        let errors = parse_bytes("empty.ron", b"").unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "empty.ron:1:1: error: the file is empty: a scenario starts with `Scenario(`"
        );
    }

    #[test]
    fn binary_data_points_at_the_first_bad_byte() {
        let errors = parse_bytes("bin.ron", b"Scen\nar\xffio").unwrap_err();
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[0].column, 3);
        assert!(errors[0].message.contains("UTF-8"));
    }

    #[test]
    fn unknown_fields_are_refused_with_their_place() {
        let errors = parse_str(
            "x.ron",
            "Scenario(\n  schema_version: 1,\n  colour_of_sky: 3,\n)".to_owned(),
        )
        .unwrap_err();
        assert_eq!(errors[0].line, 3);
        assert!(
            errors[0].message.contains("colour_of_sky"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn devices_and_fifos_are_refused_by_type_without_blocking() {
        assert_eq!(
            read_capped(Path::new("/dev/zero"), 1024)
                .unwrap_err()
                .to_string(),
            "this is not a regular file (a pipe, device or socket); give a file"
        );
        // Opening a FIFO for reading waits for a writer: refused before it is opened.
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f.ron");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read_capped(&fifo, 1024),
            Err(ScenarioError::NotRegular)
        ));
        assert!(matches!(
            open_regular(&fifo),
            Err(ScenarioError::NotRegular)
        ));
    }

    #[test]
    fn deep_nesting_stops_at_the_limit() {
        let deep = format!(
            "Scenario(schema_version: 1, id: {}{})",
            "[".repeat(500),
            "]".repeat(500)
        );
        let errors = parse_str("deep.ron", deep).unwrap_err();
        assert!(
            errors[0].message.contains("nests deeper"),
            "{}",
            errors[0].message
        );
    }

    fn texts(source: &str) -> Vec<&str> {
        tokenize(source)
            .iter()
            .map(|t| &source[t.start..t.end])
            .collect()
    }

    #[test]
    fn tokens_skip_comments_and_keep_strings_whole() {
        let source = "A( // note: (\n x: \"a \\\" ) b\", /* c /* nested */ ) */ y: r#\"q\"uote\"#, z: -1.5e-3, 名: 'c' )";
        let expected = [
            "A",
            "(",
            "x",
            ":",
            "\"a \\\" ) b\"",
            ",",
            "y",
            ":",
            "r#\"q\"uote\"#",
            ",",
            "z",
            ":",
            "-1.5e-3",
            ",",
            "名",
            ":",
            "'c'",
            ")",
        ];
        assert_eq!(texts(source), expected);
    }

    #[test]
    fn unterminated_strings_and_comments_run_to_the_end() {
        let tokens = tokenize("x: \"open");
        assert_eq!(tokens.len(), 3);
        assert!(tokens[2].unterminated);
        assert_eq!(texts("a /* never closed ) ]"), ["a"]);
        assert!(tokenize("  // only a comment\n\t ").is_empty());
    }

    #[test]
    fn the_source_map_follows_paths_through_wrappers() {
        let source = "Scenario(\n  events: [\n    Event(at: \"t1\"),\n    Event(at: \"t2\", what: Assignment(Assignment(batch: Some(\"b\\u{2d}1\"), targets: People([\"a\", \"b\"])))),\n  ],\n  answer_key: Some(AnswerKey(findings: [Finding(id: \"f\")])),\n)";
        let map = SourceMap::new(source);
        let event = map.get(&[Step::Field("events"), Step::Item(1)]).unwrap();
        assert!(source[event.start..event.end].starts_with("Event(at: \"t2\""));
        assert!(source[event.start..event.end].ends_with("]))))"));
        let batch = event.find_string(source, "batch", "b-1").unwrap();
        assert_eq!(&source[batch.start..batch.end], "\"b\\u{2d}1\"");
        let target = event.find_string(source, "People", "b").unwrap();
        assert_eq!(line_column(source, target.start), (4, 96));
        assert!(event.find_string(source, "batch", "a").is_none());
        let finding = map
            .get(&[
                Step::Field("answer_key"),
                Step::Field("findings"),
                Step::Item(0),
            ])
            .unwrap();
        assert_eq!(&source[finding.start..finding.end], "Finding(id: \"f\")");
        assert!(map.get(&[Step::Field("events"), Step::Item(2)]).is_none());
        assert_eq!(
            &source[event.find_field("at").unwrap().start..][..4],
            "\"t2\""
        );
    }

    #[test]
    fn string_values_are_unescaped_and_cleaned() {
        assert_eq!(string_value(r#""a\"b\\c""#), "a\"b\\c");
        assert_eq!(string_value(r#""\u{1b}[2Jx\u{202E}""#), "[2Jx");
        assert_eq!(string_value(r#""caf\xc3\xa9""#), "café");
        assert_eq!(string_value("r#\"raw \"q\"\"#"), "raw \"q\"");
        assert_eq!(string_value("\"one \\\n     two\""), "one two");
    }

    #[test]
    fn ron_errors_point_at_the_token_not_the_space_before_it() {
        let errors = parse_str(
            "t.ron",
            "Scenario(\n  schema_version: 1,\n  id:    42,\n)".to_owned(),
        )
        .unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "t.ron:3:10: error: expected text in double quotes here"
        );
    }

    #[test]
    fn a_newer_schema_is_named_before_any_field_is_judged() {
        let errors = parse_str(
            "t.ron",
            "Scenario(\n  schema_version: 3,\n  fields_from_the_future: true,\n)".to_owned(),
        )
        .unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "t.ron:2:19: error: schema_version 3 is not one this redcode reads (it reads 1)"
        );
    }
}

//! Property tests of loading and cleaning: no input makes the loader panic, every
//! diagnostic has a place, and cleaned text never holds what must not reach a terminal.

use proptest::prelude::*;

use redcode::open::open_loaded;
use redcode::scenario::load::{self, SourceMap, TokenKind, parse_bytes, string_value, tokenize};
use redcode::scenario::text::{clean, clean_line, defang};

const MINIMAL: &str = include_str!("fixtures/minimal.ron");
const TUTORIAL: &str = include_str!("../scenarios/tutorial.ron");

/// Characters a hostile file would use, drawn more often than chance would.
const NASTY: &[char] = &[
    '\u{1b}',
    '\u{7}',
    '\u{0}',
    '\r',
    '\t',
    '\n',
    '\u{7f}',
    '\u{85}',
    '\u{9b}',
    '\u{202A}',
    '\u{202B}',
    '\u{202C}',
    '\u{202D}',
    '\u{202E}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{200B}',
    '\u{200C}',
    '\u{200D}',
    '\u{200E}',
    '\u{200F}',
    '\u{2060}',
    '\u{FEFF}',
    '\u{061C}',
    '\u{00AD}',
    '\u{2028}',
    '\u{2029}',
    '\u{E0041}',
    '名',
    'é',
    ' ',
    '"',
    '\\',
    '(',
    ')',
    '[',
    ']',
];

fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![any::<char>(), proptest::sample::select(NASTY)]
}

fn nasty_string() -> impl Strategy<Value = String> {
    proptest::collection::vec(nasty_char(), 0..80).prop_map(|cs| cs.into_iter().collect())
}

/// Bidi controls and zero-width characters, the ones that hide or reorder text.
fn is_bidi_or_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// One edit of a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Flip {
        at: usize,
        bit: u8,
    },
    Set {
        at: usize,
        byte: u8,
    },
    Truncate {
        at: usize,
    },
    Insert {
        at: usize,
        bytes: Vec<u8>,
    },
    Delete {
        at: usize,
        len: usize,
    },
    /// Copies a stretch of the file elsewhere: brackets and quotes in new places.
    Splice {
        from: usize,
        len: usize,
        to: usize,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        (at, 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        (at, any::<u8>()).prop_map(|(at, byte)| Mutation::Set { at, byte }),
        at.prop_map(|at| Mutation::Truncate { at }),
        (at, proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (
            at,
            proptest::sample::select(vec!["(", ")", "[", "]", "\"", ",", ":", "//", "/*", "\\"])
        )
            .prop_map(|(at, s)| Mutation::Insert {
                at,
                bytes: s.as_bytes().to_vec()
            }),
        (at, 1usize..40).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (at, 1usize..200, at).prop_map(|(from, len, to)| Mutation::Splice { from, len, to }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match m {
        Mutation::Flip { at, bit } => {
            if let Some(b) = bytes.get_mut(at % len) {
                *b ^= 1 << bit;
            }
        }
        Mutation::Set { at, byte } => {
            if let Some(b) = bytes.get_mut(at % len) {
                *b = *byte;
            }
        }
        Mutation::Truncate { at } => bytes.truncate(at % len),
        Mutation::Insert { at, bytes: new } => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, new.iter().copied());
        }
        Mutation::Delete { at, len: n } => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            if at < end {
                bytes.drain(at..end);
            }
        }
        Mutation::Splice { from, len: n, to } => {
            let from = from % len;
            let end = (from + n).min(bytes.len());
            let piece: Vec<u8> = bytes.get(from..end).unwrap_or(&[]).to_vec();
            let to = to % (bytes.len() + 1);
            bytes.splice(to..to, piece);
        }
    }
}

/// Literals to put in place of the fixture's own: ids from elsewhere in the file, edge
/// numbers, times at and past the window's ends, empty and hostile strings.
const REPLACEMENTS: &[&str] = &[
    "0",
    "1",
    "2",
    "4294967295",
    "1000000",
    "18446744073709551615",
    "\"\"",
    "\" \"",
    "\"\\u{1b}[2J\\u{202E}\"",
    "\"2022-06-08 23:59\"",
    "\"2022-06-09 00:00\"",
    "\"2022-06-12 23:59\"",
    "\"2022-06-13 00:00\"",
    "\"9999-12-31 23:59\"",
    "\"-009999-01-01 00:00\"",
    "None",
    "true",
    "false",
];

/// Swaps `n`th string or number literal of `source` for `replacement`, or for the text of
/// the `other`th literal of the file (so ids turn up where another kind is expected).
fn swap_literal(source: &str, n: usize, other: usize, replacement: Option<&str>) -> String {
    let literals: Vec<(usize, usize)> = tokenize(source)
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Str | TokenKind::Number))
        .map(|t| (t.start, t.end))
        .collect();
    if literals.is_empty() {
        return source.to_owned();
    }
    let (start, end) = literals[n % literals.len()];
    let (other_start, other_end) = literals[other % literals.len()];
    let new = replacement.unwrap_or(&source[other_start..other_end]);
    format!("{}{new}{}", &source[..start], &source[end..])
}

/// Parses, and checks what any diagnostic must be: placed at line and column 1 or more,
/// within the text, on one line, clean.
fn parse_and_check(bytes: &[u8]) -> Result<load::Loaded, Vec<redcode::scenario::Diagnostic>> {
    let result = parse_bytes("fuzz.ron", bytes);
    if let Err(diagnostics) = &result {
        assert!(!diagnostics.is_empty(), "a failure with nothing to say");
        let text = String::from_utf8_lossy(bytes);
        let lines = text.split('\n').count();
        for d in diagnostics {
            assert!(d.line >= 1 && d.column >= 1, "{d}");
            assert!(d.line <= lines, "{d}: the text has {lines} lines");
            assert!(d.offset <= bytes.len(), "{d}");
            let shown = d.to_string();
            assert!(!shown.contains('\n'), "{shown:?}");
            assert_eq!(clean_line(&shown), shown);
        }
    }
    result
}

/// 256 cases each keeps the suite fast; `PROPTEST_CASES=100000` searches harder.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    ProptestConfig::with_cases(cases)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_and_check(&bytes);
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(text in nasty_string()) {
        let _ = parse_and_check(text.as_bytes());
        let source = format!("Scenario(schema_version: 1, id: {text})");
        let _ = parse_and_check(source.as_bytes());
    }

    #[test]
    fn mutations_of_the_minimal_fixture_never_panic(
        mutations in proptest::collection::vec(mutation(), 1..5)
    ) {
        let mut bytes = MINIMAL.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        // Whatever still parses is validated, simulated and its key checked: none of it
        // may panic either, only report.
        if let Ok(loaded) = parse_and_check(&bytes)
            && let Err(error) = open_loaded(loaded, None)
        {
            for d in &error.diagnostics {
                prop_assert!(d.line >= 1 && d.column >= 1, "{}", d);
            }
        }
    }

    #[test]
    fn swapped_values_in_valid_scenarios_are_reported_never_panicked_on(
        base in proptest::sample::select(vec![MINIMAL, TUTORIAL]),
        swaps in proptest::collection::vec(
            (any::<usize>(), any::<usize>(), proptest::option::of(proptest::sample::select(REPLACEMENTS))),
            1..4,
        )
    ) {
        let mut source = base.to_owned();
        for (n, other, replacement) in &swaps {
            source = swap_literal(&source, *n, *other, *replacement);
        }
        // These files mostly still parse, so validation, simulation and the key check run:
        // whatever they find must come back as diagnostics.
        if let Ok(loaded) = parse_and_check(source.as_bytes()) {
            match open_loaded(loaded, None) {
                Ok(opened) => {
                    let world = &opened.world;
                    prop_assert!(world.ledger.len() < 1_000_000);
                }
                Err(error) => {
                    prop_assert!(!error.diagnostics.is_empty());
                    for d in &error.diagnostics {
                        prop_assert!(d.line >= 1 && d.column >= 1, "{}", d);
                    }
                }
            }
        }
    }

    #[test]
    fn the_source_map_and_string_values_never_panic(text in nasty_string()) {
        let map = SourceMap::new(&text);
        if let Some(root) = map.root() {
            prop_assert!(root.start <= root.end && root.end <= text.len());
            let _ = root.find_string(&text, "id", "x");
            let _ = root.find_field("id");
        }
        for token in tokenize(&text) {
            prop_assert!(token.start < token.end && token.end <= text.len());
            prop_assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
            let _ = string_value(&text[token.start..token.end]);
        }
    }

    #[test]
    fn cleaned_text_holds_no_control_bidi_zero_width_or_tab(raw in nasty_string()) {
        let cleaned = clean(&raw);
        for c in cleaned.chars() {
            prop_assert!(c == '\n' || !c.is_control(), "{:?} in {:?}", c, cleaned);
            prop_assert!(!is_bidi_or_invisible(c), "{:?} in {:?}", c, cleaned);
            prop_assert!(c != '\t');
        }
        // Cleaning is done once: cleaning again changes nothing.
        prop_assert_eq!(clean(&cleaned), cleaned.clone());
        // What is not removed keeps its order.
        let kept: String = raw.chars().filter(|c| c.is_alphanumeric()).collect();
        let after: String = cleaned.chars().filter(|c| c.is_alphanumeric()).collect();
        prop_assert_eq!(kept, after);
        // One-line cleaning has no line break; defanging keeps the length in bytes.
        prop_assert!(!clean_line(&raw).contains('\n'));
        prop_assert_eq!(defang(&raw).len(), raw.len());
    }

    #[test]
    fn cleaned_arbitrary_strings_too(raw in any::<String>()) {
        let cleaned = clean(&raw);
        prop_assert!(cleaned.chars().all(|c| c == '\n' || !(c.is_control() || c == '\t' || is_bidi_or_invisible(c))));
    }
}

//! The class code: what students type as their password, short enough to read aloud.

use std::fmt;

use rand::{Rng, RngExt};

/// Words that are short, common, and hard to mishear when a teacher reads them out.
const FIRST: [&str; 32] = [
    "amber", "brave", "calm", "clear", "coral", "early", "fair", "fresh", "gold", "green", "happy",
    "kind", "late", "light", "lucky", "merry", "north", "proud", "quiet", "rapid", "red", "royal",
    "silver", "smart", "south", "still", "sunny", "swift", "tall", "warm", "west", "wise",
];
const SECOND: [&str; 32] = [
    "apple", "bird", "bridge", "cloud", "field", "forest", "garden", "harbor", "hill", "island",
    "lake", "lamp", "leaf", "maple", "meadow", "moon", "ocean", "orchard", "pine", "river", "road",
    "rock", "sail", "shore", "star", "stone", "storm", "tiger", "tower", "valley", "willow",
    "wind",
];

/// The code a class is joined with, as the facilitator gave it or as it was generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassCode(String);

impl ClassCode {
    /// A code the facilitator chose; `None` when nothing in it could be typed back (no
    /// letter or digit).
    pub fn new(given: &str) -> Option<ClassCode> {
        let code = crate::scenario::text::clean_line(given).trim().to_owned();
        (!normalized(&code).is_empty()).then_some(ClassCode(code))
    }

    /// The code as shown to the facilitator.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `typed` is this code. Case, spaces and dashes do not matter (a code read
    /// aloud is typed many ways); every character is compared, so the time taken says
    /// nothing about how much of the code was right.
    pub fn accepts(&self, typed: &str) -> bool {
        let want = normalized(&self.0);
        let got = normalized(typed);
        if want.len() != got.len() {
            return false;
        }
        want.bytes()
            .zip(got.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }
}

impl fmt::Display for ClassCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The letters and digits of a code, lower-cased: what matters when it is typed back.
fn normalized(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A fresh code: two words and a number, e.g. `swift-river-42`. The generator comes from
/// outside (seeded from the operating system by the server), so the class itself stays
/// deterministic.
pub fn generate_code<R: Rng + ?Sized>(rng: &mut R) -> ClassCode {
    let first = FIRST[rng.random_range(0..FIRST.len())];
    let second = SECOND[rng.random_range(0..SECOND.len())];
    let number: u32 = rng.random_range(10..100);
    ClassCode(format!("{first}-{second}-{number}"))
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    use super::*;

    #[test]
    fn a_generated_code_is_two_words_and_a_number_and_follows_its_seed() {
        let code = generate_code(&mut ChaCha8Rng::seed_from_u64(7));
        let parts: Vec<&str> = code.as_str().split('-').collect();
        assert_eq!(parts.len(), 3, "{code}");
        assert!(FIRST.contains(&parts[0]) && SECOND.contains(&parts[1]));
        assert!(
            parts[2]
                .parse::<u32>()
                .is_ok_and(|n| (10..100).contains(&n))
        );
        assert_eq!(code, generate_code(&mut ChaCha8Rng::seed_from_u64(7)));
        assert!(code.as_str().len() <= 20, "short enough to read aloud");
    }

    #[test]
    fn a_code_is_accepted_however_it_is_typed_and_nothing_else_is() {
        let code = ClassCode::new("Swift-River-42").unwrap();
        assert!(code.accepts("swift river 42"));
        assert!(code.accepts("SWIFTRIVER42"));
        assert!(!code.accepts("swift-river-43"));
        assert!(!code.accepts("swift-river-4"));
        assert!(!code.accepts(""));
        assert!(
            ClassCode::new(" -- ").is_none(),
            "a code needs something to type"
        );
    }
}

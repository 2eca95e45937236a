//! "Did you mean": the known name closest to a misspelt one, when it is close enough to be
//! the likely intent.

/// The name in `known` closest to `found` by edit distance (a swap of two neighbouring
/// letters counts as one edit), when few enough edits separate them for a typo; the first
/// such name on a tie, so the suggestion is the same on every run.
pub fn closest<'k>(found: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    // A third of the word may be wrong, at least one letter: `documnet`, `chanel`, but not
    // `age` for `name`.
    let allowed = (found.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for name in known {
        let distance = strsim::damerau_levenshtein(found, name);
        if distance <= allowed && distance > 0 && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, name));
        }
    }
    best.map(|(_, name)| name)
}

/// `; did you mean `name`?` when a known name is close to `found`, or nothing.
pub fn did_you_mean<'k>(found: &str, known: impl IntoIterator<Item = &'k str>) -> String {
    closest(found, known).map_or_else(String::new, |name| format!("; did you mean `{name}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_finds_the_field_meant_and_a_stranger_finds_none() {
        let fields = ["id", "from", "to", "summary", "document", "follows"];
        assert_eq!(closest("documnet", fields), Some("document"));
        assert_eq!(closest("follow", fields), Some("follows"));
        assert_eq!(closest("channel", fields), None);
        assert_eq!(closest("zz", ["person", "venue"]), None);
        assert_eq!(closest("age", ["id", "name", "tags"]), None);
        // The exact name is no suggestion (it would not be unknown).
        assert_eq!(closest("to", fields), None);
        assert_eq!(
            did_you_mean("Purpel", ["Green", "Purple"]),
            "; did you mean `Purple`?"
        );
        assert_eq!(did_you_mean("Blue", ["Green", "Red"]), "");
    }
}

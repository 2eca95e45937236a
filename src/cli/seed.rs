//! `--seed`: a number, or a team's code (any other text) standing for a seed, so that a
//! teacher can hand each team a word instead of a number and get a variant per team.

/// Reads `--seed`: digits are the seed itself; anything else is a team's code.
pub fn parse_seed(text: &str) -> Result<u64, String> {
    if text.trim().is_empty() {
        return Err("a seed is a number or a team's code, not nothing".to_owned());
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text
            .parse()
            .map_err(|_| format!("the seed {text} is too large (at most {})", u64::MAX));
    }
    Ok(crate::engine::variant::team_seed(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_a_seed_and_words_a_team_s_code() {
        assert_eq!(parse_seed("42"), Ok(42));
        assert_eq!(
            parse_seed("Team A"),
            Ok(crate::engine::variant::team_seed("team a"))
        );
        assert!(parse_seed("").is_err());
        assert!(parse_seed("99999999999999999999999").is_err());
    }
}

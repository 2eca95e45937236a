//! The console's own texts, kept as data in `assets/`: the welcome, the help overlay's
//! words, the tips (templates naming commands, filled with the keys bound), and the
//! glossary of the game's words.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::audit::Screen;

use super::keyfile::Ordered;

/// The welcome screen's words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WelcomeTexts {
    pub title: String,
    pub intro: String,
    /// The question when no name was given with `--player`.
    pub name: String,
    /// What Enter and Esc do in the name field.
    pub name_keys: String,
    /// Shown with the briefing while a large scenario opens.
    pub opening: String,
}

/// The titles of the help overlay's sections, one per mode.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModeTitles {
    pub normal: String,
    pub dialog: String,
    pub text: String,
}

/// The help overlay's words around the keys.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpTexts {
    pub modes: ModeTitles,
    /// The overlay's title; `{Command}` stands for its key.
    pub title: String,
    /// The title when the keys take more than one page; `{page}` and `{pages}` are numbers.
    pub paged: String,
    /// The line after the keys.
    pub end: String,
}

/// The answer picker's titles, one for each way of answering.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerTitles {
    /// Ticking several officials.
    pub tick: String,
    /// Typing a number.
    pub number: String,
    /// Searching for a person by typing.
    pub search: String,
    /// Choosing one row of a list.
    pub choose: String,
}

/// The titles of the flag dialog and the answer picker; `{Command}` stands for the key
/// bound to it in the dialog or text field open at the time.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DialogTexts {
    pub flag: String,
    pub answer: AnswerTitles,
    /// Ticking the controls to recommend.
    pub controls: String,
    /// A question before a submit or a deletion.
    pub question: String,
}

/// The batch screen's words when it has no batch to show.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatchTexts {
    /// No batch opened yet; `{Command}` stands for its key.
    pub none: String,
    /// The batch opened has not run by the clock (after a seek back); `{batch}` is its id.
    pub not_run: String,
}

/// Everything in `assets/texts.ron`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub welcome: WelcomeTexts,
    pub help: HelpTexts,
    pub dialogs: DialogTexts,
    /// One tip per screen that has one; `{Command}` stands for its key.
    pub tips: Ordered<Screen, String>,
    pub batch: BatchTexts,
}

static TEXTS: LazyLock<Texts> = LazyLock::new(|| {
    // Embedded and checked by the tests, so it cannot fail in a build that passed them.
    ron::from_str(include_str!("../../assets/texts.ron")).expect("assets/texts.ron is valid")
});

static GLOSSARY: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    ron::from_str(include_str!("../../assets/glossary.ron")).expect("assets/glossary.ron is valid")
});

/// The console's texts.
pub fn texts() -> &'static Texts {
    &TEXTS
}

/// The game's words and what each means, in the order a reader meets them.
pub fn glossary() -> &'static [(String, String)] {
    &GLOSSARY
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keyfile::KeymapFile;
    use crate::tui::keymap::{Keymap, Mode, Spelling};

    #[test]
    fn the_texts_parse_and_every_tip_names_bound_commands() {
        let keymap = Keymap::default();
        assert!(texts().tips.0.len() >= 8);
        for (screen, tip) in &texts().tips.0 {
            let filled = keymap.fill(tip, Spelling::Prose);
            assert!(
                filled.as_ref().is_some_and(|t| !t.contains('{')),
                "{screen:?}: {tip}"
            );
        }
        assert!(texts().welcome.title.starts_with("Welcome"));
        assert_eq!(
            keymap
                .fill(&texts().help.title, Spelling::Symbol)
                .as_deref(),
            Some(" Keys — esc or ? closes ")
        );
    }

    #[test]
    fn dialog_titles_name_the_keys_bound_in_the_dialog() {
        let flag = &texts().dialogs.flag;
        let answer = &texts().dialogs.answer;
        let default = Keymap::default();
        assert_eq!(
            default
                .fill_in(Mode::Dialog, flag, Spelling::Plain)
                .as_deref(),
            Some(" Flag — space changes, enter records, esc cancels ")
        );
        assert_eq!(
            default
                .fill_in(Mode::Text, &answer.search, Spelling::Plain)
                .as_deref(),
            Some(" Answer — type to search, enter answers, esc cancels ")
        );
        let file = KeymapFile::parse(
            "k.ron",
            "(dialog: { \"t\": Toggle, \"ctrl+r\": Confirm }, text: { \"tab\": Confirm })",
        )
        .unwrap();
        let mine = Keymap::over_defaults(&file);
        assert_eq!(
            mine.fill_in(Mode::Dialog, flag, Spelling::Plain).as_deref(),
            Some(" Flag — t changes, ctrl+r records, esc cancels ")
        );
        assert_eq!(
            mine.fill_in(Mode::Dialog, &answer.tick, Spelling::Plain)
                .as_deref(),
            Some(" Answer — t ticks, ctrl+r answers, esc cancels ")
        );
        assert_eq!(
            mine.fill_in(Mode::Text, &answer.number, Spelling::Plain)
                .as_deref(),
            Some(" Answer — type the number, tab answers, esc cancels ")
        );
        let file = KeymapFile::parse("k.ron", "(dialog: { \"esc\": None, \"q\": None })").unwrap();
        let unbound = Keymap::over_defaults(&file);
        assert_eq!(
            unbound.fill_in(Mode::Dialog, &answer.choose, Spelling::Plain),
            None
        );
    }

    #[test]
    fn the_glossary_names_the_chain_of_decision() {
        let words: Vec<&str> = glossary().iter().map(|(w, _)| w.as_str()).collect();
        for word in [
            "decided",
            "passed the instruction on",
            "carried it out",
            "entry",
            "batch",
        ] {
            assert!(words.contains(&word), "{word}");
        }
        assert!(glossary().iter().all(|(_, meaning)| !meaning.is_empty()));
    }
}

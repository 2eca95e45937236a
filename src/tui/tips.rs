//! The one-line tips shown under each screen until the player has acted on them. Their
//! words are in `assets/texts.ron`; the keys they name are the keys bound.

use crate::audit::Screen;

use super::keymap::{Keymap, Spelling};
use super::texts::texts;

/// The tip for a screen, if it has one, naming the keys `keymap` binds. A tip that names a
/// command with no key is not shown: it would point at nothing.
pub fn tip(keymap: &Keymap, screen: Screen) -> Option<String> {
    keymap.fill(texts().tips.get(&screen)?, Spelling::Prose)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keyfile::KeymapFile;

    #[test]
    fn tips_show_the_key_the_user_bound() {
        let default = Keymap::default();
        assert_eq!(
            tip(&default, Screen::CaseFile).as_deref(),
            Some("Tip: Enter answers the selected objective, h shows its hint, S submits.")
        );
        let file =
            KeymapFile::parse("k.ron", "(normal: { \"ctrl+s\": Submit, \"?\": Open })").unwrap();
        let mine = Keymap::over_defaults(&file);
        assert_eq!(
            tip(&mine, Screen::CaseFile).as_deref(),
            Some("Tip: ? answers the selected objective, h shows its hint, Ctrl+s submits.")
        );
        let file = KeymapFile::parse("k.ron", "(normal: { \"S\": None })").unwrap();
        assert_eq!(tip(&Keymap::over_defaults(&file), Screen::CaseFile), None);
        assert_eq!(tip(&default, Screen::Debrief), None);
    }
}

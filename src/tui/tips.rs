//! The one-line tips shown under each screen until the player has acted on them.

use crate::audit::Screen;

/// The tip for a screen, if it has one.
pub fn tip(screen: Screen) -> Option<&'static str> {
    Some(match screen {
        Screen::Briefing => {
            "Tip: read the mandate, then press 2 for the timeline and n to jump to the next code change."
        }
        Screen::Timeline => {
            "Tip: n jumps to the next code change, . steps one event, Enter opens the person."
        }
        Screen::People => {
            "Tip: / searches, c filters by colour, g by tag, o by operator. Enter opens a dossier."
        }
        Screen::Dossier => {
            "Tip: select a code change, t traces it, x checks its stated reason, f flags it."
        }
        Screen::Trace => {
            "Tip: Enter opens the selected link: an operator, a directive, the evidence."
        }
        Screen::Operators => {
            "Tip: f flags all of an operator's manual changes, or one of their batches."
        }
        Screen::Documents => "Tip: / searches documents; more unlock as the clock runs.",
        Screen::CaseFile => {
            "Tip: Enter answers the selected objective, h shows its hint, S submits."
        }
        _ => return None,
    })
}

//! What a console served to a class shows of the class: the phase and time left in the
//! header, the facilitator's message in the footer, and the clock held while the class is
//! paused. Local play has none of it.

use crate::audit::Action;
use crate::audit::dialogs::InputPurpose;

use super::app::App;

/// The class as one student's console shows it; set by the server, never by the desk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClassBanner {
    /// The phase and the time left, on one short line ("Investigation · 23:41 left").
    pub line: String,
    /// The facilitator's latest message to everyone.
    pub message: Option<String>,
    /// The facilitator has paused the class: the scenario clock does not move.
    pub paused: bool,
}

/// What the student reads when a key would move the clock during a pause.
pub const HELD: &str = "The clock is stopped: your facilitator has paused the class.";

impl App {
    /// Whether `action` is held back rather than taken: while the class is paused, nothing
    /// moves the scenario clock. A held action never reaches the desk, nor the journal.
    pub fn held(&mut self, action: &Action) -> bool {
        if !self.class.as_ref().is_some_and(|c| c.paused) {
            return false;
        }
        let seeking = self
            .desk
            .input()
            .is_some_and(|i| matches!(i.purpose, InputPurpose::Seek));
        let held = match action {
            Action::StepForward
            | Action::StepBack
            | Action::NextChange
            | Action::NextOfKind
            | Action::SeekTo(_)
            | Action::SeekEnd
            | Action::StartSeek => true,
            Action::Confirm => seeking,
            _ => false,
        };
        if held {
            self.status = HELD.to_owned();
        }
        held
    }
}

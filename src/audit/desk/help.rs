//! The help overlay: whether it is open and which of its pages is shown. While it is open,
//! moving turns its pages rather than the list's rows.

use serde::Serialize;

use super::super::action::Action;
use super::Desk;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct Help {
    open: bool,
    /// The view wraps it round its page count.
    page: usize,
}

impl Desk {
    /// Whether the key help is open.
    pub fn help_open(&self) -> bool {
        self.help.open
    }

    /// The page of the help shown; the view wraps it round its page count.
    pub fn help_page(&self) -> usize {
        self.help.page
    }

    pub(super) fn toggle_help(&mut self) {
        self.help.open = !self.help.open;
        self.help.page = 0;
    }

    /// Closes the help; whether it was open.
    pub(super) fn close_help(&mut self) -> bool {
        std::mem::replace(&mut self.help.open, false)
    }

    /// Takes a move while the help is open, turning its pages; whether it took it.
    pub(super) fn turn_help_page(&mut self, action: &Action) -> bool {
        if !self.help.open {
            return false;
        }
        let page = &mut self.help.page;
        match action {
            Action::Down | Action::PageDown => *page = page.saturating_add(1),
            Action::Up | Action::PageUp => *page = page.saturating_sub(1),
            Action::First => *page = 0,
            _ => return false,
        }
        true
    }
}

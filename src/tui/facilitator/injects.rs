//! The place of injects in the facilitator's console: their view (tab 4) and their keys.
//! Injects are built elsewhere; until then this view says so, and takes no key.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::super::theme::Theme;
use super::ClassView;
use super::state::Command;

/// Whether the injects view took a key, and what the class must do for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    /// Not theirs: the console's own keys have it.
    No,
    Yes(Option<Command>),
}

/// Draws the injects view.
pub fn draw(frame: &mut Frame, area: Rect, _view: &ClassView, theme: Theme) {
    let lines = vec![Line::styled(
        "No injects in this console yet: the scenario's documents reach students at their dates.",
        theme.dim(),
    )];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

/// A key pressed while the injects view is shown, offered before the console's own keys.
pub fn key(_key: KeyEvent, _view: &ClassView) -> Taken {
    Taken::No
}

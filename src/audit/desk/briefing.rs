//! The briefing room: who the player is, the mandate, the objectives. It holds no state of
//! its own: the text comes from the scenario and its scroll is its row in the desk's list
//! cursors, moved like any list.

/// Rows the briefing scrolls through: its text is laid out by the view, so this is a bound.
pub(super) const ROWS: usize = 200;

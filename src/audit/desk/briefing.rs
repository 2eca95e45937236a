//! The briefing room: who the player is, the mandate, the objectives. It holds no state of
//! its own: the text comes from the scenario, and how far it is scrolled is kept with the
//! other text panes (the panes room), which counts its items.

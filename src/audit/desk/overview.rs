//! The overview room: colour counts over time, drawn from the world at the clock. It holds
//! no state and owns no action: it has no rows to select, and the clock it reads belongs to
//! the timeline.

/// The overview is a chart, not a list.
pub(super) const ROWS: usize = 0;

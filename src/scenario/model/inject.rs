//! Injects: documents or messages a facilitator releases to students during a class, each
//! with an optional moment of the scenario's clock at which play releases it by itself.

use serde::{Deserialize, Serialize};

use crate::scenario::text::Text;
use crate::scenario::time::Time;

/// A document or message the scenario marks for release by the facilitator.
///
/// Its schedule is a moment of the scenario's clock, not minutes of a class: play alone has
/// no class, a journal replays by its actions and never by the wall clock, and a player who
/// runs the clock to the end must have every record a finding rests on. A class never holds
/// an inject back past its schedule; the facilitator releases it earlier, by hand or with
/// its code. `minute` is only the class plan's cue, printed in the facilitator's handbook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    pub id: Text,
    /// What it gives the students.
    pub release: InjectRelease,
    /// When play releases it by itself. A document's own `available_from` when absent; a
    /// message without one comes only from the facilitator.
    #[serde(default)]
    pub at: Option<Time>,
    /// The minute of the class plan at which the handbook suggests releasing it.
    #[serde(default)]
    pub minute: Option<u32>,
    /// For the facilitator: why and when to release it. Never shown to students.
    #[serde(default)]
    pub cue: Option<Text>,
}

/// What an inject gives the students.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum InjectRelease {
    /// One of the scenario's documents (by id), held in the records until released.
    Document(Text),
    /// A message shown to the students and kept on the briefing.
    Message { title: Text, text: Text },
}

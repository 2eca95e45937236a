//! What the outside must do after the desk takes an action: the desk decides, the console
//! (or a replay, or a class server) carries it out.

use serde::{Deserialize, Serialize};

use super::casefile::{Flag, Given};

/// One thing the desk asks of whoever runs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// Write the debrief as a report: the case file has been graded.
    WriteReport,
    /// The player leaves the console.
    Quit,
    /// The case file changed, as described.
    CaseChanged(CaseChange),
}

/// A change to the case file, in the scenario's own ids, so a record of it never depends on
/// where a row sat on the screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CaseChange {
    /// A flag was recorded; `replaced` is the earlier flag on the same target, if any.
    /// Boxed: flags are the largest changes, and effects are passed by value.
    FlagAdded {
        flag: Box<Flag>,
        replaced: Option<Box<Flag>>,
    },
    /// A flag was removed.
    FlagRemoved(Flag),
    /// A flag was put back at its place in the list (an undone removal or replacement),
    /// replacing any flag on the same target.
    FlagRestored { index: usize, flag: Box<Flag> },
    /// A note was recorded.
    NoteAdded(String),
    /// A note was removed.
    NoteRemoved(String),
    /// A note was put back at its place in the list (an undone removal).
    NoteRestored { index: usize, note: String },
    /// An objective (by id) was answered.
    Answered { objective: String, answer: Given },
    /// An objective's answer was withdrawn (an undone first answer).
    AnswerWithdrawn { objective: String },
    /// The recommended controls (the scenario's ids) are now these.
    Recommended { controls: Vec<String> },
    /// An objective's hint was revealed for the first time, at this cost.
    HintTaken { objective: String, cost: u32 },
    /// The case file was handed in and graded.
    Submitted,
}

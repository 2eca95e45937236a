//! What the player makes of the world: actions, the desk and its update (with the effects it
//! asks of the outside), the case file, scoring and the debrief report. Pure: no drawing,
//! no I/O, no clock.

pub mod action;
pub mod casefile;
pub mod desk;
pub mod dialogs;
pub mod effect;
pub mod people;
pub mod report;
pub mod score;

pub use action::{Action, Screen};
pub use casefile::{CaseFile, Flag, FlagTarget, Given};
pub use desk::Desk;
pub use effect::{CaseChange, Effect};
pub use score::{Grade, Label, grade};

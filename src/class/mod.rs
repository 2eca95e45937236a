//! A class, pure: the class code students type to join, the roster of who has joined and
//! how far each has got, the teams and their variants, and the handouts. No clock, no
//! network: the server tells it what happened.

pub mod code;
pub mod handout;
pub mod roster;
pub mod team;

pub use code::{ClassCode, generate_code};
pub use roster::{Progress, Refusal, Roster, Student, TeamRow};
pub use team::{Placement, TeamRefusal, Teams};

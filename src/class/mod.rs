//! A class, pure: the class code students type to join, the roster of who has joined and
//! how far each has got, the teams and their variants, and the handouts. No clock, no
//! network: the server tells it what happened, and what time it is.

pub mod code;
pub mod command;
pub mod exercise;
pub mod handout;
pub mod hotwash;
pub mod release;
pub mod roster;
pub mod team;

pub use code::{ClassCode, generate_code};
pub use command::Command;
pub use exercise::{ClassEvent, Exercise, MAX_MESSAGE, Phase, Plan};
pub use release::{Audience, Released};
pub use roster::{Progress, Refusal, Roster, Standing, Student, TeamRow};
pub use team::{Placement, TeamRefusal, Teams};

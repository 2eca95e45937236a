//! What a scenario file says: its types, loading, validation and crowd expansion.
//!
//! Nothing here draws, reads a clock or touches randomness other than the seeded
//! generator in [`expand`].

pub mod builtin;
pub mod catalog;
pub mod diagnostic;
pub mod error;
pub mod expand;
pub mod ids;
pub mod inject;
pub mod load;
pub mod meaning;
pub mod model;
pub mod text;
pub mod time;
pub mod upgrade;
pub mod validate;

pub use diagnostic::{Diagnostic, Severity};
pub use error::ScenarioError;
pub use load::Loaded;
pub use model::Scenario;
pub use text::Text;
pub use time::Time;

//! What follows from a scenario: the simulated world, its ledger and the queries on it.
//!
//! Deterministic: the same scenario and seed give the same ledger, bit for bit.

pub mod error;
pub mod ledger;
pub mod query;
pub mod simulate;
pub mod world;

pub use error::SimulateError;
pub use ledger::{Cause, Entry, EntryId, Ledger, TimelineIx};
pub use simulate::simulate;
pub use world::World;

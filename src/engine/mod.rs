//! What follows from a scenario: the simulated world, its ledger and the queries on it.
//!
//! Deterministic: the same scenario and seed give the same ledger, bit for bit.

pub mod access;
pub mod area_rules;
pub mod bits;
pub mod error;
pub mod ledger;
mod negative_tests;
pub mod query;
pub mod records;
pub mod roster_index;
pub mod rows;
pub mod rule_force;
pub mod simulate;
pub mod tally;
pub mod variant;
pub mod world;

pub use access::{AccessCheck, AccessLog};
pub use bits::PersonSet;
pub use error::SimulateError;
pub use ledger::{Cause, Entry, EntryId, Ledger, TimelineIx};
pub use simulate::simulate;
pub use world::World;

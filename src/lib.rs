//! redcode: a terminal tabletop exercise in auditing the abuse of COVID health codes.
//!
//! The core is pure and deterministic: [`scenario`] reads a file, [`engine`] simulates it
//! into a ledger of every code change and its cause.

pub mod audit;
pub mod cli;
pub mod engine;
pub mod open;
pub mod paths;
pub mod scenario;
pub mod session;
pub mod tui;

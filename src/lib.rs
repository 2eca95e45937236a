//! redcode: a terminal tabletop exercise in auditing the abuse of COVID health codes.
//!
//! The core is pure and deterministic: [`scenario`] reads a file, [`engine`] simulates it
//! into a ledger of every code change and its cause, [`audit`] holds what the player
//! makes of it. [`session`], [`tui`] and [`cli`] are the shell around that core.
//!
//! Who turned a depositor red, and on whose order:
//!
//! ```
//! use redcode::scenario::{Time, model::Colour};
//!
//! let world = redcode::open::open(None, None).unwrap().world;
//! let tao_min = world.roster.find("tao-min").unwrap();
//! let trace = world.trace(tao_min, Time::parse("2022-06-14 00:00").unwrap());
//! assert_eq!(trace.colour, Colour::Red);
//! let chain: Vec<&str> = trace.links.iter().map(|link| link.id.as_str()).collect();
//! assert!(chain.contains(&"doc-instruction") && chain.contains(&"feng-jianguo"));
//! ```

pub mod audit;
pub mod class;
pub mod cli;
pub mod engine;
pub mod open;
pub mod paths;
pub mod scenario;
pub mod serve;
pub mod session;
#[cfg(feature = "testkit")]
pub mod testkit;
pub mod tui;

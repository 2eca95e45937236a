//! redcode: a terminal tabletop exercise in auditing the abuse of COVID health codes.
//!
//! The core is pure and deterministic: [`scenario`] reads a file, [`engine`] simulates it
//! into a ledger of every code change and its cause, [`audit`] holds what the player
//! makes of it. [`session`], [`tui`] and [`cli`] are the shell around that core.
//!
//! Who turned a depositor red, and on whose decision, once the inquiry's records are in:
//!
//! ```
//! use redcode::scenario::{Time, model::Colour};
//!
//! let world = redcode::open::open(None, None).unwrap().world;
//! let tao_min = world.roster.find("tao-min").unwrap();
//! let at = |t| Time::parse(t).unwrap();
//! let trace = world.trace_known_at(tao_min, at("2022-06-14 00:00"), at("2022-06-17 12:00"));
//! assert_eq!(trace.colour, Colour::Red);
//! let chain: Vec<&str> = trace.links.iter().map(|link| link.text.as_str()).collect();
//! assert!(chain.iter().any(|t| t.starts_with("decided: Feng Jianguo")));
//! ```

pub mod audit;
pub mod author;
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

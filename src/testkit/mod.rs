//! Test support, not part of the product: built only with the `testkit` feature, which the
//! crate's own tests, benches and examples turn on through a dev-dependency on itself.
//!
//! [`scale`] is the synthetic city the benches measure the engine and the console on.

pub mod scale;

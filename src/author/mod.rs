//! What scenario authors use, pure: the playtester, which plays a scenario as a careful, a
//! reckless and an idle auditor to prove it fair; the readiness preview; the templates
//! `redcode new` starts from; the warnings `validate` gives beside its errors.

pub mod key_warnings;
pub mod playtest;
pub mod preview;
pub mod templates;
pub mod warnings;

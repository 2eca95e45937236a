//! What scenario authors use, pure: the playtester, which plays a scenario as a careful, a
//! reckless and an idle auditor to prove it fair.

pub mod playtest;

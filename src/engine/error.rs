//! What can stop a simulation: a scenario value the engine cannot resolve, or a file that
//! would cost more work than the engine allows.

use crate::scenario::ScenarioError;

use super::simulate::MAX_CASE_SCANS;

/// Why a scenario could not be simulated.
#[derive(Debug, thiserror::Error)]
pub enum SimulateError {
    /// An id or crowd the scenario layer could not resolve (validation normally catches it).
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// The case reports' visit windows would read more than [`MAX_CASE_SCANS`] scans.
    #[error(
        "the case reports' visit windows take in more than {MAX_CASE_SCANS} scans in all; \
         narrow the windows or report fewer visits"
    )]
    TooManyCaseScans,
}

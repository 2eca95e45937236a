//! Variants: the figures of the answer key that depend on the crowd, derived from the world
//! at load, so that each seed (each team's variant) is graded on its own numbers and a
//! neighbouring team's numbers are of no use.
//!
//! An objective whose answer is a number its `found_by` counts (`FlaggedPeople`,
//! `FlaggedPeopleInCity`) is answered by counting the people of the key's findings in this
//! world: the batch view's figures over what a careful auditor flags. The number written in
//! the file is the answer on the scenario's own seed, kept as a check on the author.

use crate::scenario::model::{Answer, Finder};

use super::world::World;

/// An objective whose written number the world does not give: its index in the key's
/// objectives, the number written, the number derived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rederived {
    pub objective: usize,
    pub written: u64,
    pub derived: u64,
}

impl World {
    /// Replaces each counted objective's number with the one this world gives, and says
    /// which differed from the file's.
    pub fn derive_figures(&mut self) -> Vec<Rederived> {
        let Some(key) = &self.scenario.answer_key else {
            return Vec::new();
        };
        let counted = |o: &crate::scenario::model::Objective| {
            matches!(
                (&o.answer, &o.found_by),
                (
                    Answer::Number(_),
                    Some(Finder::FlaggedPeople | Finder::FlaggedPeopleInCity)
                )
            )
        };
        if !key.objectives.iter().any(counted) {
            return Vec::new();
        }
        let entries = key.findings.iter().flat_map(|f| self.select(&f.entries));
        let figures = self.entry_figures(entries.collect::<Vec<_>>());
        let mut changed = Vec::new();
        let Some(key) = &mut self.scenario.answer_key else {
            return changed;
        };
        for (i, objective) in key.objectives.iter_mut().enumerate() {
            let derived = match (&objective.answer, &objective.found_by) {
                (Answer::Number(_), Some(Finder::FlaggedPeople)) => figures.people as u64,
                (Answer::Number(_), Some(Finder::FlaggedPeopleInCity)) => figures.in_city as u64,
                _ => continue,
            };
            if let Answer::Number(written) = objective.answer
                && written != derived
            {
                changed.push(Rederived {
                    objective: i,
                    written,
                    derived,
                });
                objective.answer = Answer::Number(derived);
            }
        }
        changed
    }
}

/// The seed a team's code stands for: the same code always gives the same variant, and
/// codes that differ give different ones. The code is read trimmed and without regard to
/// case, as a teacher would write it on the board.
pub fn team_seed(code: &str) -> u64 {
    let code = code.trim().to_lowercase();
    let hash = blake3::hash(format!("redcode team {code}").as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_le_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_team_code_is_one_seed_whatever_its_case_and_two_codes_are_two() {
        assert_eq!(team_seed("Red Pandas"), team_seed(" red pandas "));
        assert_ne!(team_seed("red pandas"), team_seed("blue whales"));
    }
}

//! The case file rebuilt from a journal's recorded case changes, without the desk: what a
//! session is graded on, however a later release lays out its screens and dialogs.

use crate::audit::casefile::HintTaken;
use crate::audit::{CaseChange, CaseFile};

use super::journal::Journal;

/// The case file a journal's case changes build, and whether it was handed in; `None` for
/// a journal that did not record them (version 1), which only a replay can grade.
pub fn rebuild(journal: &Journal) -> Option<(CaseFile, bool)> {
    if !journal.records_changes() {
        return None;
    }
    let mut case = CaseFile::default();
    let mut submitted = false;
    for change in journal.changes.iter().flatten() {
        apply(&mut case, &mut submitted, change);
    }
    Some((case, submitted))
}

/// Applies one recorded change as the desk did when it made it.
pub fn apply(case: &mut CaseFile, submitted: &mut bool, change: &CaseChange) {
    match change {
        CaseChange::FlagAdded { flag, .. } => {
            case.add_flag(flag.clone());
        }
        CaseChange::FlagRemoved(flag) => {
            if let Some(i) = case.flags.iter().position(|f| f == flag) {
                case.flags.remove(i);
            }
        }
        CaseChange::NoteAdded(note) => case.notes.push(note.clone()),
        CaseChange::NoteRemoved(note) => {
            if let Some(i) = case.notes.iter().position(|n| n == note) {
                case.notes.remove(i);
            }
        }
        CaseChange::Answered { objective, answer } => {
            case.answers.insert(objective.clone(), answer.clone());
        }
        CaseChange::HintTaken { objective, cost } => {
            if !case.hint_taken(objective) {
                case.hints.push(HintTaken {
                    objective: objective.clone(),
                    cost: *cost,
                });
            }
        }
        CaseChange::Submitted => *submitted = true,
    }
}

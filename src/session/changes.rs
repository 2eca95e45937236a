//! The case file rebuilt from a journal's recorded case changes, without the desk: what a
//! session is graded on, however a later release lays out its screens and dialogs.

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
    case.apply(submitted, change);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::casefile::{Flag, FlagTarget, Given, HintTaken};
    use crate::scenario::model::Category;

    #[test]
    fn changes_rebuild_the_case_as_the_desk_made_it() {
        let first = Flag::new(
            FlagTarget::Entry(crate::engine::EntryId(1)),
            Category::NoEpidemicBasis,
            &[],
            &[],
        );
        let again = Flag::new(
            FlagTarget::Entry(crate::engine::EntryId(1)),
            Category::OutsideAuthority,
            &["a"],
            &[],
        );
        let batch = Flag::new(
            FlagTarget::Batch("b".into()),
            Category::NoEpidemicBasis,
            &[],
            &[],
        );
        let changes = [
            CaseChange::FlagAdded {
                flag: Box::new(first.clone()),
                replaced: None,
            },
            CaseChange::FlagAdded {
                flag: Box::new(batch.clone()),
                replaced: None,
            },
            CaseChange::FlagAdded {
                flag: Box::new(again.clone()),
                replaced: Some(Box::new(first)),
            },
            CaseChange::FlagRemoved(batch),
            CaseChange::NoteAdded("one".into()),
            CaseChange::NoteAdded("two".into()),
            CaseChange::NoteRemoved("one".into()),
            CaseChange::Answered {
                objective: "o".into(),
                answer: Given::Number(1),
            },
            CaseChange::Answered {
                objective: "o".into(),
                answer: Given::Number(2),
            },
            CaseChange::HintTaken {
                objective: "o".into(),
                cost: 2,
            },
            CaseChange::HintTaken {
                objective: "o".into(),
                cost: 1,
            },
        ];
        let mut case = CaseFile::default();
        let mut submitted = false;
        for change in &changes {
            apply(&mut case, &mut submitted, change);
        }
        assert_eq!(case.flags, vec![again]);
        assert_eq!(case.notes, ["two"]);
        assert_eq!(case.answers.get("o"), Some(&Given::Number(2)));
        assert_eq!(
            case.hints,
            vec![HintTaken {
                objective: "o".into(),
                cost: 2
            }]
        );
        assert!(!submitted);
        apply(&mut case, &mut submitted, &CaseChange::Submitted);
        assert!(submitted);
    }
}

//! The case file: the auditor's flags, notes, answers and the hints they took.

use crate::scenario::text::counted;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::{Cause, EntryId, World};
use crate::scenario::model::Category;

/// What a flag is put on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FlagTarget {
    /// One ledger entry.
    Entry(EntryId),
    /// Every entry of a batch job.
    Batch(String),
    /// Every manual entry by one official (their id): a flag on their work, from the
    /// Operators screen. Journals spell it `Operator`.
    #[serde(rename = "Operator")]
    Official(String),
}

/// A judgement on ledger entries: what kind of change they were, and who was behind them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    pub target: FlagTarget,
    pub category: Category,
    /// Officials (ids) the auditor holds to have executed the change.
    #[serde(default)]
    pub executed_by: Vec<String>,
    /// Officials (ids) the auditor holds to have ordered it.
    #[serde(default)]
    pub ordered_by: Vec<String>,
}

impl Flag {
    /// A flag naming officials by id.
    pub fn new(
        target: FlagTarget,
        category: Category,
        executed_by: &[&str],
        ordered_by: &[&str],
    ) -> Flag {
        Flag {
            target,
            category,
            executed_by: executed_by.iter().map(|s| s.to_string()).collect(),
            ordered_by: ordered_by.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// The ledger entries this flag covers.
    pub fn entries(&self, world: &World) -> Vec<EntryId> {
        match &self.target {
            FlagTarget::Entry(id) => vec![*id],
            FlagTarget::Batch(batch) => world.ledger.by_batch(batch).to_vec(),
            FlagTarget::Official(op) => world
                .official_ix(op)
                .map(|o| world.manual_entries_by(o))
                .unwrap_or_default(),
        }
    }

    /// A short description of the target, for lists.
    pub fn describe(&self, world: &World) -> String {
        match &self.target {
            FlagTarget::Entry(id) => {
                let who = world
                    .ledger
                    .get(*id)
                    .map_or("?", |e| world.person_name(e.person));
                format!("entry #{id} ({who})")
            }
            FlagTarget::Batch(batch) => format!(
                "batch {batch} ({})",
                counted(world.ledger.by_batch(batch).len(), "entry", "entries")
            ),
            FlagTarget::Official(op) => {
                let name = world
                    .official_ix(op)
                    .map_or(op.as_str(), |o| &world.official(o).name);
                format!("all manual entries by {name}")
            }
        }
    }
}

/// An answer chosen from the game's own records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Given {
    Official(String),
    Officials(Vec<String>),
    Person(String),
    Document(String),
    Number(u64),
}

/// A hint the auditor took, and what it cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HintTaken {
    pub objective: String,
    pub cost: u32,
}

/// Everything the auditor records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFile {
    pub flags: Vec<Flag>,
    pub notes: Vec<String>,
    pub answers: BTreeMap<String, Given>,
    pub hints: Vec<HintTaken>,
}

impl CaseFile {
    /// Adds a flag, replacing an earlier flag on the same target, which it returns.
    pub fn add_flag(&mut self, flag: Flag) -> Option<Flag> {
        let replaced = self
            .flags
            .iter()
            .position(|f| f.target == flag.target)
            .map(|i| self.flags.remove(i));
        self.flags.push(flag);
        replaced
    }

    pub fn remove_flag(&mut self, index: usize) -> Option<Flag> {
        (index < self.flags.len()).then(|| self.flags.remove(index))
    }

    pub fn hint_taken(&self, objective: &str) -> bool {
        self.hints.iter().any(|h| h.objective == objective)
    }

    /// The flag that decides an entry's category: an entry flag beats a batch flag, which
    /// beats a flag on an official's work, so a finer judgement overrides a broad one.
    pub fn flag_for<'a>(&'a self, world: &World, entry: EntryId) -> Option<&'a Flag> {
        let batch = world
            .assignment_of(entry)
            .and_then(|a| a.batch.as_ref())
            .map(|b| b.to_string());
        let operator = world
            .official_of(entry)
            .map(|o| world.official(o).id.to_string());
        let manual = matches!(
            world.ledger.get(entry).map(|e| &e.cause),
            Some(Cause::Manual { .. })
        );
        self.flags
            .iter()
            .find(|f| f.target == FlagTarget::Entry(entry))
            .or_else(|| {
                self.flags.iter().find(|f| {
                    batch
                        .as_ref()
                        .is_some_and(|b| f.target == FlagTarget::Batch(b.clone()))
                })
            })
            .or_else(|| {
                self.flags.iter().find(|f| {
                    manual
                        && operator
                            .as_ref()
                            .is_some_and(|o| f.target == FlagTarget::Official(o.clone()))
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(target: FlagTarget, category: Category) -> Flag {
        Flag {
            target,
            category,
            executed_by: vec![],
            ordered_by: vec![],
        }
    }

    #[test]
    fn a_second_flag_on_the_same_target_replaces_the_first() {
        let mut case = CaseFile::default();
        assert_eq!(
            case.add_flag(flag(FlagTarget::Entry(EntryId(3)), Category::Lawful)),
            None
        );
        case.add_flag(flag(FlagTarget::Entry(EntryId(4)), Category::Lawful));
        let replaced = case.add_flag(flag(
            FlagTarget::Entry(EntryId(3)),
            Category::NoEpidemicBasis,
        ));
        assert_eq!(replaced.map(|f| f.category), Some(Category::Lawful));
        assert_eq!(case.flags.len(), 2);
        assert_eq!(case.flags[1].category, Category::NoEpidemicBasis);
        assert!(case.remove_flag(5).is_none());
        assert_eq!(
            case.remove_flag(0).unwrap().target,
            FlagTarget::Entry(EntryId(4))
        );
    }

    #[test]
    fn flag_targets_keep_the_journal_spelling() {
        let official = FlagTarget::Official("chen-yuting".to_owned());
        let json = serde_json::to_string(&official).unwrap();
        assert_eq!(json, r#"{"Operator":"chen-yuting"}"#);
        assert_eq!(serde_json::from_str::<FlagTarget>(&json).unwrap(), official);
        let entry = serde_json::to_string(&FlagTarget::Entry(EntryId(4))).unwrap();
        assert_eq!(entry, r#"{"Entry":4}"#);
    }
}

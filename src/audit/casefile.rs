//! The case file: the auditor's flags, notes, answers and the hints they took.

use crate::scenario::text::counted;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::{Cause, EntryId, World};
use crate::scenario::model::{Category, ChainRole, Selector};

use super::effect::CaseChange;

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
    /// Every entry a rule made (its id): a judgement on the rule itself.
    Rule(String),
    /// One access to personal records (its id).
    Access(String),
    /// Every access made from an official's account (their id).
    AccountAccesses(String),
}

impl FlagTarget {
    /// Whether the flag judges accesses to personal records rather than code changes.
    pub fn is_access(&self) -> bool {
        matches!(self, FlagTarget::Access(_) | FlagTarget::AccountAccesses(_))
    }
}

/// A judgement on ledger entries: what kind of change they were, and who was behind them,
/// in the chain's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "FlagRecord")]
pub struct Flag {
    pub target: FlagTarget,
    /// The kinds of abuse the auditor holds it to be (or `Lawful` alone); never empty.
    pub categories: Vec<Category>,
    /// Officials (ids) the auditor holds to have decided it.
    pub decided: Vec<String>,
    /// Officials (ids) the auditor holds to have passed the instruction on.
    pub passed_on: Vec<String>,
    /// Officials (ids) the auditor holds to have carried it out.
    pub carried_out: Vec<String>,
}

/// A flag as journals have written it: format 2 wrote one `category` and named officials
/// as `executed_by` and `ordered_by`, which read as carried out and decided.
#[derive(Deserialize)]
struct FlagRecord {
    target: FlagTarget,
    #[serde(default)]
    category: Option<Category>,
    #[serde(default)]
    categories: Vec<Category>,
    #[serde(default, alias = "ordered_by")]
    decided: Vec<String>,
    #[serde(default)]
    passed_on: Vec<String>,
    #[serde(default, alias = "executed_by")]
    carried_out: Vec<String>,
}

impl From<FlagRecord> for Flag {
    fn from(record: FlagRecord) -> Flag {
        let mut categories = record.categories;
        categories.extend(record.category);
        Flag {
            target: record.target,
            categories: normalised(categories),
            decided: record.decided,
            passed_on: record.passed_on,
            carried_out: record.carried_out,
        }
    }
}

/// Categories in their fixed order, each once; `Lawful` excludes the others, and an empty
/// choice reads as the first kind of abuse.
fn normalised(mut categories: Vec<Category>) -> Vec<Category> {
    categories.sort();
    categories.dedup();
    if categories.contains(&Category::Lawful) && categories.len() > 1 {
        categories.retain(|&c| c != Category::Lawful);
    }
    if categories.is_empty() {
        categories.push(Category::NoEpidemicBasis);
    }
    categories
}

impl Flag {
    /// A flag of one category naming who carried it out and who decided, by id.
    pub fn new(
        target: FlagTarget,
        category: Category,
        carried_out: &[&str],
        decided: &[&str],
    ) -> Flag {
        let ids = |names: &[&str]| names.iter().map(|s| s.to_string()).collect();
        Flag {
            target,
            categories: vec![category],
            decided: ids(decided),
            passed_on: Vec::new(),
            carried_out: ids(carried_out),
        }
    }

    /// The same flag naming who passed the instruction on.
    pub fn with_passed_on(mut self, passed_on: &[&str]) -> Flag {
        self.passed_on = passed_on.iter().map(|s| s.to_string()).collect();
        self
    }

    /// The same flag with these categories (in their fixed order, `Lawful` alone).
    pub fn with_categories(mut self, categories: &[Category]) -> Flag {
        self.categories = normalised(categories.to_vec());
        self
    }

    /// The first of its categories: the one a one-word summary uses.
    pub fn category(&self) -> Category {
        self.categories
            .first()
            .copied()
            .unwrap_or(Category::NoEpidemicBasis)
    }

    /// Whether the auditor holds the entries lawful.
    pub fn is_lawful(&self) -> bool {
        self.categories == [Category::Lawful]
    }

    /// The categories in words, joined.
    pub fn category_labels(&self) -> String {
        let labels: Vec<&str> = self.categories.iter().map(|c| c.label()).collect();
        labels.join(" + ")
    }

    /// The chain as the flag names it, part by part, each official through `name`:
    /// "decided: A · passed the instruction on: — · carried it out: B, C".
    pub fn chain_summary(&self, name: impl Fn(&str) -> String) -> String {
        let parts: Vec<String> = ChainRole::ALL
            .iter()
            .map(|&role| {
                let names: Vec<String> = self.named(role).iter().map(|id| name(id)).collect();
                let names = if names.is_empty() {
                    "—".to_owned()
                } else {
                    names.join(", ")
                };
                format!("{}: {names}", role.label())
            })
            .collect();
        parts.join(" · ")
    }

    /// The officials (ids) the flag names in a part of the chain.
    pub fn named(&self, role: ChainRole) -> &[String] {
        match role {
            ChainRole::Decided => &self.decided,
            ChainRole::PassedOn => &self.passed_on,
            ChainRole::CarriedOut => &self.carried_out,
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
            FlagTarget::Rule(rule) => world.select(&Selector::Rule(rule.as_str().into())),
            FlagTarget::Access(_) | FlagTarget::AccountAccesses(_) => Vec::new(),
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
                // Reversals undo a change: they are no accusation, so the scope leaves
                // them out and says so.
                let Some(o) = world.official_ix(op) else {
                    return format!("all manual code changes by {op}");
                };
                let n = world.manual_entries_by(o).len();
                let what = if n == 1 {
                    "manual code change"
                } else {
                    "manual code changes"
                };
                format!(
                    "all {} {what} by {} (reversals not included)",
                    thousands(n),
                    world.official(o).name
                )
            }
            FlagTarget::Rule(rule) => {
                let name = world
                    .catalog
                    .rules
                    .get(rule.as_str())
                    .map_or(rule.as_str(), |&r| &world.scenario.rules[r as usize].name);
                let n = self.entries(world).len();
                let what = if n == 1 { "entry" } else { "entries" };
                format!("all {} {what} of the rule {name}", thousands(n))
            }
            FlagTarget::Access(id) => world.describe_access(id),
            FlagTarget::AccountAccesses(op) => {
                let name = world
                    .official_ix(op)
                    .map_or(op.as_str(), |o| world.official(o).name.as_str());
                let n = world.accesses_by(op).len();
                format!(
                    "all {} by {name}",
                    counted(
                        n,
                        "access to personal records",
                        "accesses to personal records"
                    )
                )
            }
        }
    }
}

/// A count with its thousands grouped, as the screens write counts: 1,317.
pub fn thousands(n: usize) -> String {
    crate::scenario::text::thousands(n as u64)
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
    /// The controls (the scenario's ids) the auditor recommends, in the scenario's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommended: Vec<String>,
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

    /// Applies one change as the desk made it: how the desk, its undo and redo, and a
    /// journal's rebuild all change a case file, so they cannot disagree. `submitted` is
    /// set by a submission.
    pub fn apply(&mut self, submitted: &mut bool, change: &CaseChange) {
        match change {
            CaseChange::FlagAdded { flag, .. } => {
                self.add_flag(flag.as_ref().clone());
            }
            CaseChange::FlagRemoved(flag) => {
                if let Some(i) = self.flags.iter().position(|f| f == flag) {
                    self.flags.remove(i);
                }
            }
            CaseChange::FlagRestored { index, flag } => {
                self.flags.retain(|f| f.target != flag.target);
                let at = (*index).min(self.flags.len());
                self.flags.insert(at, flag.as_ref().clone());
            }
            CaseChange::NoteAdded(note) => self.notes.push(note.clone()),
            CaseChange::NoteRemoved(note) => {
                if let Some(i) = self.notes.iter().position(|n| n == note) {
                    self.notes.remove(i);
                }
            }
            CaseChange::NoteRestored { index, note } => {
                let at = (*index).min(self.notes.len());
                self.notes.insert(at, note.clone());
            }
            CaseChange::Answered { objective, answer } => {
                self.answers.insert(objective.clone(), answer.clone());
            }
            CaseChange::AnswerWithdrawn { objective } => {
                self.answers.remove(objective);
            }
            CaseChange::Recommended { controls } => self.recommended = controls.clone(),
            CaseChange::HintTaken { objective, cost } => {
                if !self.hint_taken(objective) {
                    self.hints.push(HintTaken {
                        objective: objective.clone(),
                        cost: *cost,
                    });
                }
            }
            CaseChange::Submitted => *submitted = true,
        }
    }

    /// The flag that decides an entry's category: an entry flag beats a batch flag, which
    /// beats a flag on an official's work or on a rule, so a finer judgement overrides a
    /// broad one.
    pub fn flag_for<'a>(&'a self, world: &World, entry: EntryId) -> Option<&'a Flag> {
        let batch = world
            .assignment_of(entry)
            .and_then(|a| a.batch.as_ref())
            .map(|b| b.to_string());
        let operator = world
            .official_of(entry)
            .map(|o| world.official(o).id.to_string());
        let cause = world.ledger.get(entry).map(|e| &e.cause);
        let manual = matches!(cause, Some(Cause::Manual { .. }));
        let rule = match cause {
            Some(Cause::Rule { rule, .. }) => world
                .scenario
                .rules
                .get(usize::from(*rule))
                .map(|r| r.id.to_string()),
            _ => None,
        };
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
            .or_else(|| {
                let rule = rule.as_ref()?;
                self.flags
                    .iter()
                    .find(|f| matches!(&f.target, FlagTarget::Rule(r) if r == rule))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(target: FlagTarget, category: Category) -> Flag {
        Flag::new(target, category, &[], &[])
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
        assert_eq!(replaced.map(|f| f.category()), Some(Category::Lawful));
        assert_eq!(case.flags.len(), 2);
        assert_eq!(case.flags[1].category(), Category::NoEpidemicBasis);
        assert!(case.remove_flag(5).is_none());
        assert_eq!(
            case.remove_flag(0).unwrap().target,
            FlagTarget::Entry(EntryId(4))
        );
    }

    #[test]
    fn counts_group_their_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1317), "1,317");
        assert_eq!(thousands(1_234_567), "1,234,567");
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

    #[test]
    fn a_flag_as_format_2_wrote_it_reads_in_the_chains_words() {
        let old = r#"{"target":{"Batch":"b-1"},"category":"OutsideAuthority","executed_by":["wang"],"ordered_by":["feng","lu"]}"#;
        let flag: Flag = serde_json::from_str(old).unwrap();
        assert_eq!(flag.categories, vec![Category::OutsideAuthority]);
        assert_eq!(flag.carried_out, vec!["wang".to_owned()]);
        assert_eq!(flag.decided, vec!["feng".to_owned(), "lu".to_owned()]);
        assert!(flag.passed_on.is_empty());
        let again: Flag = serde_json::from_str(&serde_json::to_string(&flag).unwrap()).unwrap();
        assert_eq!(again, flag);
    }

    #[test]
    fn lawful_stands_alone_and_categories_keep_one_order() {
        let target = FlagTarget::Entry(EntryId(1));
        let both = flag(target.clone(), Category::TargetingGroup).with_categories(&[
            Category::TargetingGroup,
            Category::NoEpidemicBasis,
            Category::TargetingGroup,
        ]);
        assert_eq!(
            both.categories,
            vec![Category::NoEpidemicBasis, Category::TargetingGroup]
        );
        assert_eq!(
            both.category_labels(),
            "no epidemiological basis + targeting a group"
        );
        let mixed = flag(target, Category::Lawful)
            .with_categories(&[Category::Lawful, Category::OutsideAuthority]);
        assert_eq!(mixed.categories, vec![Category::OutsideAuthority]);
        assert!(!mixed.is_lawful());
    }
}

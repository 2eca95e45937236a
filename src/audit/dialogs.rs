//! The desk's small modal states: a text field, the flag dialog and the answer picker.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::engine::{Cause, EntryId, World};
use crate::scenario::catalog::{DocumentIx, OfficialIx};
use crate::scenario::model::{Answer, Category, ChainRole};

use super::action::Screen;
use super::casefile::{Flag, FlagTarget, Given};

/// What an open text field is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum InputPurpose {
    /// A search in the list of this screen, applied as it is typed.
    Search(Screen),
    /// A note for the case file.
    Note,
    /// A time to seek to.
    Seek,
    /// The code of an inject, read out by the facilitator.
    InjectCode,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Input {
    pub purpose: InputPurpose,
    pub text: String,
}

/// Longest text a field accepts: notes are paragraphs, not files.
pub const MAX_INPUT: usize = 2000;

/// The flag dialog: scope, categories, and who decided, passed the instruction on and
/// carried it out, as one list of rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagDialog {
    /// The targets this flag may be put on (an entry, its batch, its official's work).
    pub scopes: Vec<FlagTarget>,
    pub scope: usize,
    /// The categories ticked: kinds of abuse, or lawful alone.
    pub categories: BTreeSet<Category>,
    /// The officials ticked in each part of the chain, in `ChainRole::ALL`'s order.
    pub chain: [BTreeSet<OfficialIx>; 3],
    /// The selected row: 0 scope, one row per category, then one row per official for
    /// each part of the chain.
    pub row: usize,
    /// Whether it judges accesses to personal records: its categories are then those of
    /// `Category::ACCESS`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub access: bool,
}

/// Rows above the officials: the scope, then one per category.
pub const FLAG_HEAD_ROWS: usize = 1 + Category::ALL.len();

/// What a dialog's row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagRow {
    Scope,
    Category(Category),
    Named(ChainRole, OfficialIx),
}

impl FlagDialog {
    /// A dialog for a ledger entry: the entry itself, its batch, its official's work, or
    /// all the entries of the rule that made it.
    pub fn for_entry(world: &World, entry: EntryId) -> FlagDialog {
        let mut scopes = vec![FlagTarget::Entry(entry)];
        if let Some(batch) = world.assignment_of(entry).and_then(|a| a.batch.as_ref()) {
            scopes.push(FlagTarget::Batch(batch.to_string()));
        }
        let cause = world.ledger.get(entry).map(|e| &e.cause);
        if let Some(Cause::Rule { rule, .. }) = cause
            && let Some(rule) = world.scenario.rules.get(usize::from(*rule))
        {
            scopes.push(FlagTarget::Rule(rule.id.to_string()));
        }
        let manual = matches!(cause, Some(Cause::Manual { .. }));
        let operator = world.official_of(entry);
        if let (true, Some(op)) = (manual, operator) {
            scopes.push(FlagTarget::Official(world.official(op).id.to_string()));
        }
        let mut dialog = FlagDialog::new(scopes);
        if manual && let Some(op) = operator {
            dialog.chain[ChainRole::CarriedOut as usize].insert(op);
        }
        dialog
    }

    /// A dialog for an official's work: all of it, or one of their batches.
    pub fn for_official(world: &World, operator: OfficialIx) -> FlagDialog {
        let mut scopes = vec![FlagTarget::Official(
            world.official(operator).id.to_string(),
        )];
        let mut batches: Vec<String> = world
            .ledger
            .by_official(operator)
            .iter()
            .filter_map(|&id| {
                world
                    .assignment_of(id)
                    .and_then(|a| a.batch.as_ref())
                    .map(|b| b.to_string())
            })
            .collect();
        batches.dedup();
        scopes.extend(batches.into_iter().map(FlagTarget::Batch));
        let mut dialog = FlagDialog::new(scopes);
        dialog.chain[ChainRole::CarriedOut as usize].insert(operator);
        dialog
    }

    /// A dialog for an access to personal records (by its position in the access log):
    /// the access itself, or every access from its account.
    pub fn for_access(world: &World, ix: usize) -> Option<FlagDialog> {
        let (_, access) = world.access(ix)?;
        let scopes = vec![
            FlagTarget::Access(access.id.to_string()),
            FlagTarget::AccountAccesses(access.account.to_string()),
        ];
        let mut dialog = FlagDialog::new(scopes);
        dialog.access = true;
        dialog.categories = [Category::BeyondPurpose].into();
        if let Some(account) = world.official_ix(&access.account) {
            dialog.chain[ChainRole::CarriedOut as usize].insert(account);
        }
        Some(dialog)
    }

    fn new(scopes: Vec<FlagTarget>) -> FlagDialog {
        FlagDialog {
            scopes,
            scope: 0,
            categories: [Category::NoEpidemicBasis].into(),
            chain: Default::default(),
            row: 0,
            access: false,
        }
    }

    /// The categories the dialog offers, in its rows' order.
    pub fn offered(&self) -> &'static [Category; 4] {
        if self.access {
            &Category::ACCESS
        } else {
            &Category::ALL
        }
    }

    /// The dialog with an earlier flag's attribution added: the auditor names the same
    /// chain for many flags.
    pub fn remembering(mut self, chain: &[BTreeSet<OfficialIx>; 3]) -> FlagDialog {
        for (mine, earlier) in self.chain.iter_mut().zip(chain) {
            mine.extend(earlier.iter().copied());
        }
        self
    }

    pub fn rows(&self, officials: usize) -> usize {
        FLAG_HEAD_ROWS + ChainRole::ALL.len() * officials
    }

    /// What the row at `row` stands for.
    pub fn row_at(row: usize, officials: usize) -> Option<FlagRow> {
        if row == 0 {
            return Some(FlagRow::Scope);
        }
        if row < FLAG_HEAD_ROWS {
            return Some(FlagRow::Category(Category::ALL[row - 1]));
        }
        let rest = row - FLAG_HEAD_ROWS;
        let role = *ChainRole::ALL.get(rest / officials.max(1))?;
        Some(FlagRow::Named(
            role,
            OfficialIx((rest % officials.max(1)) as u16),
        ))
    }

    /// Changes the selected row's value. Lawful excludes the kinds of abuse, and at least
    /// one category stays ticked.
    pub fn toggle(&mut self, officials: usize) {
        let row = match FlagDialog::row_at(self.row, officials) {
            // The same row offers another category in an access's dialog.
            Some(FlagRow::Category(_)) => Some(FlagRow::Category(self.offered()[self.row - 1])),
            other => other,
        };
        match row {
            Some(FlagRow::Scope) => self.scope = (self.scope + 1) % self.scopes.len().max(1),
            Some(FlagRow::Category(c)) => {
                if self.categories.contains(&c) {
                    if self.categories.len() > 1 {
                        self.categories.remove(&c);
                    }
                } else if c == Category::Lawful {
                    self.categories = [c].into();
                } else {
                    self.categories.remove(&Category::Lawful);
                    self.categories.insert(c);
                }
            }
            Some(FlagRow::Named(role, official)) => flip(&mut self.chain[role as usize], official),
            None => {}
        }
    }

    /// The flag as it stands.
    pub fn flag(&self, world: &World) -> Option<Flag> {
        let ids = |role: ChainRole| {
            self.chain[role as usize]
                .iter()
                .map(|&o| world.official(o).id.to_string())
                .collect()
        };
        Some(Flag {
            target: self.scopes.get(self.scope)?.clone(),
            categories: self.categories.iter().copied().collect(),
            decided: ids(ChainRole::Decided),
            passed_on: ids(ChainRole::PassedOn),
            carried_out: ids(ChainRole::CarriedOut),
        })
    }
}

fn flip(set: &mut BTreeSet<OfficialIx>, value: OfficialIx) {
    if !set.remove(&value) {
        set.insert(value);
    }
}

/// What kind of record an objective's answer is chosen from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PickKind {
    Official,
    Officials,
    Person,
    Document,
    Number,
    /// The controls to recommend, from the scenario's list; several may be ticked.
    Controls,
}

impl PickKind {
    pub fn for_answer(answer: &Answer) -> PickKind {
        match answer {
            Answer::Official(_) => PickKind::Official,
            Answer::Officials(_) => PickKind::Officials,
            Answer::Person(_) => PickKind::Person,
            Answer::Document(_) => PickKind::Document,
            Answer::Number(_) => PickKind::Number,
        }
    }

    /// Whether several candidates may be ticked.
    pub fn ticks(self) -> bool {
        matches!(self, PickKind::Officials | PickKind::Controls)
    }

    /// Whether the picker takes typed text (a name to search, a number).
    pub fn takes_text(self) -> bool {
        matches!(self, PickKind::Person | PickKind::Number)
    }
}

/// Most people a person picker lists at once; typing narrows it.
pub const PICKER_LIMIT: usize = 200;

/// Choosing an objective's answer from the game's records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerPicker {
    pub objective: String,
    pub kind: PickKind,
    pub cursor: usize,
    pub chosen: BTreeSet<usize>,
    pub text: String,
}

impl AnswerPicker {
    pub fn new(objective: String, kind: PickKind) -> AnswerPicker {
        AnswerPicker {
            objective,
            kind,
            cursor: 0,
            chosen: BTreeSet::new(),
            text: String::new(),
        }
    }

    /// The candidates on offer, as (id, label), given the records available at `documents`.
    pub fn candidates(&self, world: &World, documents: &[DocumentIx]) -> Vec<(String, String)> {
        match self.kind {
            PickKind::Official | PickKind::Officials => world
                .scenario
                .officials
                .iter()
                .map(|o| (o.id.to_string(), format!("{} — {}", o.name, o.post)))
                .collect(),
            PickKind::Document => documents
                .iter()
                .map(|&d| {
                    let doc = &world.scenario.documents[d.ix()];
                    (doc.id.to_string(), doc.title.to_string())
                })
                .collect(),
            PickKind::Person => {
                let needle = self.text.to_lowercase();
                world
                    .roster
                    .people
                    .iter()
                    .filter(|p| {
                        needle.is_empty()
                            || p.name.to_lowercase().contains(&needle)
                            || p.id.contains(&needle)
                    })
                    .take(PICKER_LIMIT)
                    .map(|p| (p.id.clone(), format!("{} ({})", p.name, p.id)))
                    .collect()
            }
            PickKind::Number => Vec::new(),
            PickKind::Controls => world
                .scenario
                .controls
                .iter()
                .map(|c| (c.id.to_string(), c.text.to_string()))
                .collect(),
        }
    }

    /// The ids of the candidates ticked, in the candidates' order.
    pub fn ticked(&self, world: &World, documents: &[DocumentIx]) -> Vec<String> {
        let candidates = self.candidates(world, documents);
        self.chosen
            .iter()
            .filter_map(|&i| candidates.get(i).map(|(id, _)| id.clone()))
            .collect()
    }

    /// The answer as it stands, if it is complete.
    pub fn given(&self, world: &World, documents: &[DocumentIx]) -> Option<Given> {
        let candidates = self.candidates(world, documents);
        let at_cursor = || candidates.get(self.cursor).map(|(id, _)| id.clone());
        match self.kind {
            PickKind::Official => at_cursor().map(Given::Official),
            PickKind::Officials => {
                let ids: Vec<String> = self
                    .chosen
                    .iter()
                    .filter_map(|&i| candidates.get(i).map(|(id, _)| id.clone()))
                    .collect();
                (!ids.is_empty()).then_some(Given::Officials(ids))
            }
            PickKind::Person => at_cursor().map(Given::Person),
            PickKind::Document => at_cursor().map(Given::Document),
            PickKind::Number => self.text.trim().parse().ok().map(Given::Number),
            PickKind::Controls => None,
        }
    }
}

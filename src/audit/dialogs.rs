//! The desk's small modal states: a text field, the flag dialog and the answer picker.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::engine::{Cause, EntryId, World};
use crate::scenario::catalog::{DocumentIx, OfficialIx};
use crate::scenario::model::{Answer, Category};

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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Input {
    pub purpose: InputPurpose,
    pub text: String,
}

/// Longest text a field accepts: notes are paragraphs, not files.
pub const MAX_INPUT: usize = 2000;

/// The flag dialog: scope, category, and who executed and ordered, as one list of rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagDialog {
    /// The targets this flag may be put on (an entry, its batch, its official's work).
    pub scopes: Vec<FlagTarget>,
    pub scope: usize,
    pub category: Category,
    pub executed_by: BTreeSet<OfficialIx>,
    pub ordered_by: BTreeSet<OfficialIx>,
    /// The selected row: 0 scope, 1 category, then one row per official for "executed by",
    /// then one per official for "ordered by".
    pub row: usize,
}

impl FlagDialog {
    /// A dialog for a ledger entry: the entry itself, its batch, its official's work.
    pub fn for_entry(world: &World, entry: EntryId) -> FlagDialog {
        let mut scopes = vec![FlagTarget::Entry(entry)];
        if let Some(batch) = world.assignment_of(entry).and_then(|a| a.batch.as_ref()) {
            scopes.push(FlagTarget::Batch(batch.to_string()));
        }
        let manual = matches!(
            world.ledger.get(entry).map(|e| &e.cause),
            Some(Cause::Manual { .. })
        );
        let operator = world.official_of(entry);
        if let (true, Some(op)) = (manual, operator) {
            scopes.push(FlagTarget::Official(world.official(op).id.to_string()));
        }
        let mut dialog = FlagDialog::new(scopes);
        if manual && let Some(op) = operator {
            dialog.executed_by.insert(op);
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
        dialog.executed_by.insert(operator);
        dialog
    }

    fn new(scopes: Vec<FlagTarget>) -> FlagDialog {
        FlagDialog {
            scopes,
            scope: 0,
            category: Category::NoEpidemicBasis,
            executed_by: BTreeSet::new(),
            ordered_by: BTreeSet::new(),
            row: 0,
        }
    }

    pub fn rows(&self, officials: usize) -> usize {
        2 + 2 * officials
    }

    /// Changes the selected row's value.
    pub fn toggle(&mut self, officials: usize) {
        match self.row {
            0 => self.scope = (self.scope + 1) % self.scopes.len().max(1),
            1 => {
                let i = Category::ALL
                    .iter()
                    .position(|&c| c == self.category)
                    .unwrap_or(0);
                self.category = Category::ALL[(i + 1) % Category::ALL.len()];
            }
            row if row < 2 + officials => flip(&mut self.executed_by, OfficialIx((row - 2) as u16)),
            row if row < 2 + 2 * officials => flip(
                &mut self.ordered_by,
                OfficialIx((row - 2 - officials) as u16),
            ),
            _ => {}
        }
    }

    /// The flag as it stands.
    pub fn flag(&self, world: &World) -> Option<Flag> {
        let ids = |set: &BTreeSet<OfficialIx>| {
            set.iter()
                .map(|&o| world.official(o).id.to_string())
                .collect()
        };
        Some(Flag {
            target: self.scopes.get(self.scope)?.clone(),
            category: self.category,
            executed_by: ids(&self.executed_by),
            ordered_by: ids(&self.ordered_by),
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
        }
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
        }
    }
}

//! Warnings about the chain of decision as the records can show it: an order no record
//! ever reveals, a finding that names someone the records never show in that part, and
//! (with `validate --playtest`) a finding the playtester's careful auditor cannot pass.

use std::collections::BTreeSet;

use crate::engine::variant::Rederived;
use crate::engine::{Cause, World};
use crate::scenario::load::{Loaded, Step};
use crate::scenario::model::{ChainRole, EventKind};
use crate::scenario::validate::Locator;
use crate::scenario::{Diagnostic, Severity};

use Step::{Field, Item};

/// Each finding's named officials that no record in by the end of the clock shows in that
/// part of the chain behind the finding's changes. The chain is read once per batch, manual
/// change or rule, not once per entry.
pub fn attribution(loaded: &Loaded, world: &World) -> Vec<Diagnostic> {
    let Some(key) = &world.scenario.answer_key else {
        return Vec::new();
    };
    let locator = Locator::new(loaded);
    let end = world.scenario.end;
    let mut out = Vec::new();
    for (i, finding) in key.findings.iter().enumerate() {
        let mut sources = BTreeSet::new();
        let mut shown: Vec<BTreeSet<String>> = vec![BTreeSet::new(); ChainRole::ALL.len()];
        let entries = world.select(&finding.entries);
        // A set that picks nothing is an error of its own.
        if entries.is_empty() {
            continue;
        }
        for entry in entries {
            let source = match world.ledger.get(entry).map(|e| &e.cause) {
                Some(Cause::Manual { assignment, .. }) => (0, *assignment),
                Some(Cause::Rule { rule, .. }) => (1, u32::from(*rule)),
                _ => continue,
            };
            if !sources.insert(source) {
                continue;
            }
            let chain = world.chain_of(entry, end);
            for (r, role) in ChainRole::ALL.iter().enumerate() {
                let named = chain.named(*role).into_iter();
                shown[r].extend(named.map(|o| world.official(o).id.to_string()));
            }
        }
        for (r, role) in ChainRole::ALL.iter().enumerate() {
            for official in finding.named(*role) {
                if shown[r].contains(official.as_str()) {
                    continue;
                }
                let elsewhere: Vec<&str> = ChainRole::ALL
                    .iter()
                    .zip(&shown)
                    .filter(|(_, names)| names.contains(official.as_str()))
                    .map(|(other, _)| other.label())
                    .collect();
                let records = if elsewhere.is_empty() {
                    "no record in by the end shows their part in these changes".to_owned()
                } else {
                    format!("the records show them as {}", elsewhere.join(" and "))
                };
                let message = format!(
                    "finding `{}` names `{official}` in `{}`, but {records}: no player can support it",
                    finding.id,
                    role.field()
                );
                let path = [Field("answer_key"), Field("findings"), Item(i)];
                let d =
                    locator.diagnostic(&path, role.field(), official, Severity::Warning, message);
                out.push(d);
            }
        }
    }
    out
}

/// The findings the playtester's careful auditor does not pass, each at its place with why.
pub fn unpassable(loaded: &Loaded, world: &World) -> Vec<Diagnostic> {
    let Some(key) = &world.scenario.answer_key else {
        return Vec::new();
    };
    let locator = Locator::new(loaded);
    let failed = crate::author::playtest::unpassed_findings(world);
    let mut out = Vec::new();
    for (id, why) in failed {
        let Some(i) = key.findings.iter().position(|f| f.id.as_str() == id) else {
            continue;
        };
        let path = [Field("answer_key"), Field("findings"), Item(i)];
        let message = format!("the playtester's careful auditor cannot pass finding `{id}`: {why}");
        out.push(locator.diagnostic(&path, "id", &id, Severity::Warning, message));
    }
    out
}

/// Orders and decisions with no document of their own that no record reveals either: no
/// trace can ever show them.
pub fn never_known(loaded: &Loaded, world: &World) -> Vec<Diagnostic> {
    let locator = Locator::new(loaded);
    let mut out = Vec::new();
    for (i, event) in world.scenario.events.iter().enumerate() {
        let (EventKind::Order { id, document, .. } | EventKind::Decision { id, document, .. }) =
            &event.what
        else {
            continue;
        };
        if document.is_some() || world.catalog.revealed_by.contains_key(id.as_str()) {
            continue;
        }
        let message = format!(
            "`{id}` is never known: it has no document, and no record reveals it (a document's \
             `reveals`), so no trace can show it"
        );
        let path = [Field("events"), Item(i), Field("what")];
        out.push(locator.diagnostic(&path, "id", id, Severity::Warning, message));
    }
    out
}

/// Counted objectives whose written number is not what the scenario's own seed gives.
pub fn written_figures(loaded: &Loaded, rederived: &[Rederived]) -> Vec<Diagnostic> {
    let locator = Locator::new(loaded);
    let Some(key) = &loaded.scenario.answer_key else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for r in rederived {
        let Some(objective) = key.objectives.get(r.objective) else {
            continue;
        };
        let message = format!(
            "objective `{}` is answered {}, but its `found_by` counts {} on the scenario's own \
             seed; the count is what players are graded on",
            objective.id, r.written, r.derived
        );
        let path = [Field("answer_key"), Field("objectives"), Item(r.objective)];
        out.push(locator.diagnostic(&path, "answer", "", Severity::Warning, message));
    }
    out
}

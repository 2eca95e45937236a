//! Id lookup for a validated scenario: every named thing resolved to its index once.

use std::collections::HashMap;

use super::ScenarioError;
use super::model::{Assignment, EventKind, Scenario};

pub use super::ids::{DocumentIx, OfficialIx};

/// Maps from ids to positions in the scenario's lists. Built once after validation so
/// the engine works with small integers, not strings.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub systems: HashMap<String, u16>,
    pub cities: HashMap<String, u16>,
    pub districts: HashMap<String, u16>,
    pub venues: HashMap<String, u16>,
    pub rules: HashMap<String, u16>,
    pub reasons: HashMap<String, u16>,
    pub roles: HashMap<String, u16>,
    pub officials: HashMap<String, OfficialIx>,
    pub lists: HashMap<String, u16>,
    pub documents: HashMap<String, DocumentIx>,
    /// Batch id to the index of the assignment event that ran it.
    pub batches: HashMap<String, u32>,
    /// Order id to the index of its event.
    pub orders: HashMap<String, u32>,
    /// The decisions' and orders' events, by index, in the file's order: few beside the
    /// other events, so the chain of decision reads these alone.
    pub instructions: Vec<u32>,
    /// The events that set, change or withdraw a rule, by index, in time order (file order
    /// at equal times, as the timeline plays them): few beside the scans, so rule queries
    /// read these alone.
    pub rule_events: Vec<u32>,
    /// Order or decision id to the records that reveal it (`Document::reveals`), in the
    /// file's order: how an instruction with no document of its own becomes known.
    pub revealed_by: HashMap<String, Vec<DocumentIx>>,
}

fn index<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, u16> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| (id(item).to_owned(), i as u16))
        .collect()
}

impl Catalog {
    pub fn new(s: &Scenario) -> Catalog {
        let mut catalog = Catalog {
            systems: index(&s.systems, |x| &x.id),
            cities: index(&s.cities, |x| &x.id),
            districts: index(&s.districts, |x| &x.id),
            venues: index(&s.venues, |x| &x.id),
            rules: index(&s.rules, |x| &x.id),
            reasons: index(&s.reasons, |x| &x.id),
            roles: index(&s.roles, |x| &x.id),
            officials: index(&s.officials, |x| &x.id)
                .into_iter()
                .map(|(id, i)| (id, OfficialIx(i)))
                .collect(),
            lists: index(&s.lists, |x| &x.id),
            documents: index(&s.documents, |x| &x.id)
                .into_iter()
                .map(|(id, i)| (id, DocumentIx(i)))
                .collect(),
            batches: HashMap::new(),
            orders: HashMap::new(),
            instructions: Vec::new(),
            rule_events: Vec::new(),
            revealed_by: HashMap::new(),
        };
        for (d, document) in s.documents.iter().enumerate() {
            for id in &document.reveals {
                let records = catalog.revealed_by.entry(id.to_string()).or_default();
                records.push(DocumentIx(d as u16));
            }
        }
        for (i, event) in s.events.iter().enumerate() {
            match &event.what {
                EventKind::Assignment(Assignment {
                    batch: Some(batch), ..
                }) => {
                    catalog.batches.insert(batch.to_string(), i as u32);
                }
                EventKind::Order { id, .. } | EventKind::Decision { id, .. } => {
                    catalog.orders.insert(id.to_string(), i as u32);
                    catalog.instructions.push(i as u32);
                }
                EventKind::RuleSet { .. }
                | EventKind::RuleChanged { .. }
                | EventKind::RuleWithdrawn { .. } => catalog.rule_events.push(i as u32),
                _ => {}
            }
        }
        catalog
            .rule_events
            .sort_by_key(|&i| s.events[i as usize].at);
        catalog
    }
}

/// Looks an id up, with an error that names what was missing. The engine only meets
/// unknown ids when handed a scenario that skipped validation.
pub fn resolve<T: Copy>(
    map: &HashMap<String, T>,
    kind: &'static str,
    id: &str,
) -> Result<T, ScenarioError> {
    map.get(id)
        .copied()
        .ok_or_else(|| ScenarioError::unknown(kind, id))
}

//! What an order is about: the list, batch, rule, people or directive it concerns, so that a
//! trace attaches an order only to the changes it leads to.

use serde::{Deserialize, Serialize};

use crate::scenario::text::Text;

/// One thing an order concerns. An order that names any is attached only to the changes one
/// of them covers; an order that names none is attached through the directive a change cites
/// (or, when the change cites none, to the changes of the officials it was sent to).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Concern {
    /// The changes made on a list (by id): batches over its members, and a rule keyed on it.
    List(Text),
    /// The changes of one batch (by id).
    Batch(Text),
    /// The changes a rule (by id) makes.
    Rule(Text),
    /// Manual changes that name any of these people (by id).
    People(Vec<Text>),
    /// The changes that cite this directive (a document id).
    Directive(Text),
}

impl Concern {
    /// The word for the kind of thing concerned, as messages name it.
    pub fn kind(&self) -> &'static str {
        match self {
            Concern::List(_) => "list",
            Concern::Batch(_) => "batch",
            Concern::Rule(_) => "rule",
            Concern::People(_) => "people",
            Concern::Directive(_) => "directive",
        }
    }
}

//! The ledger as rows: each entry with everything it names resolved to text, for exports
//! (`redcode ledger`) and anyone else who wants the ledger flat.
//!
//! A row borrows from the world and builds no strings: an export of a large ledger costs
//! little more than writing its bytes.

use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

use crate::scenario::model::Colour;
use crate::scenario::time::Time;

use super::ledger::{Cause, EntryId, TimelineIx};
use super::world::World;

/// The columns of a ledger row, in order: CSV headers and JSON keys alike. Lower-case
/// snake_case and no SQL keywords, so a table loaded from them needs no quoting.
pub const LEDGER_COLUMNS: [&str; 17] = [
    "entry",
    "time",
    "person",
    "name",
    "code_system",
    "from_colour",
    "to_colour",
    "cause",
    "rule",
    "operator",
    "account",
    "batch",
    "reason",
    "justification",
    "directive",
    "evidence",
    "undoes",
];

/// One ledger entry, flattened. `None` is what the entry does not have (a rule entry has
/// no operator; a lapse has no reason).
#[derive(Clone, Copy)]
pub struct LedgerRow<'w> {
    world: &'w World,
    pub entry: EntryId,
    pub time: Time,
    /// The person's id.
    pub person: &'w str,
    /// The person's name.
    pub name: &'w str,
    /// The code system's id.
    pub code_system: &'w str,
    pub from_colour: Colour,
    pub to_colour: Colour,
    /// `rule`, `manual`, `lapse`, `lift` or `reversal`.
    pub cause: &'static str,
    /// The colour rule's id, for rule entries and lifts.
    pub rule: Option<&'w str>,
    /// The official's id behind a manual entry or a reversal.
    pub operator: Option<&'w str>,
    /// The platform account the operator acted through.
    pub account: Option<&'w str>,
    pub batch: Option<&'w str>,
    /// The reason shown on the person's phone.
    pub reason: Option<&'w str>,
    /// What the operator typed in the justification field.
    pub justification: Option<&'w str>,
    /// The directive (a document id) the change cites.
    pub directive: Option<&'w str>,
    /// The timeline records the change rests on; [`World::record_text`] says each.
    pub evidence: &'w [TimelineIx],
    /// The entries this one ends: the colour that lapsed, was lifted, or was reversed.
    pub undoes: &'w [EntryId],
}

impl World {
    /// The ledger entry `id` as a row, or `None` past the end of the ledger.
    pub fn ledger_row(&self, id: EntryId) -> Option<LedgerRow<'_>> {
        let e = self.ledger.get(id)?;
        let rule_id = |rule: &u16| Some(&*self.scenario.rules[usize::from(*rule)].id);
        let (rule, evidence, undoes): (_, &[TimelineIx], &[EntryId]) = match &e.cause {
            Cause::Rule { rule, evidence } => (rule_id(rule), evidence, &[]),
            Cause::Lift { rule, evidence, of } => (rule_id(rule), evidence, of),
            Cause::Manual { evidence, .. } => (None, evidence, &[]),
            Cause::Lapse { of } | Cause::Reversal { of, .. } => {
                (None, &[], std::slice::from_ref(of))
            }
        };
        let assignment = self.assignment_of(id);
        let operator = self.official_of(id).map(|o| self.official(o));
        Some(LedgerRow {
            world: self,
            entry: id,
            time: e.at,
            person: self.person_id(e.person),
            name: self.person_name(e.person),
            code_system: &self.scenario.systems[usize::from(e.system)].id,
            from_colour: e.from,
            to_colour: e.to,
            cause: e.cause.kind(),
            rule,
            operator: operator.map(|o| &*o.id),
            account: operator.and_then(|o| o.account.as_deref()),
            batch: assignment.and_then(|a| a.batch.as_deref()),
            reason: self.reason_text(id),
            justification: assignment.map(|a| &*a.justification),
            directive: assignment.and_then(|a| a.directive.as_deref()),
            evidence,
            undoes,
        })
    }

    /// Every ledger entry as a row, in ledger order.
    pub fn ledger_rows(&self) -> impl Iterator<Item = LedgerRow<'_>> + '_ {
        (0..self.ledger.len() as u32).filter_map(|id| self.ledger_row(EntryId(id)))
    }
}

impl<'w> LedgerRow<'w> {
    /// The world the row was read from, to say its evidence.
    pub fn world(&self) -> &'w World {
        self.world
    }
}

/// The colour as `trace --json` spells it (its serde name), for columns of text.
pub fn colour_word(colour: Colour) -> &'static str {
    match colour {
        Colour::Green => "Green",
        Colour::Yellow => "Yellow",
        Colour::Red => "Red",
    }
}

/// The evidence as a list of one-line accounts, written straight to the output.
struct Evidence<'w>(&'w World, &'w [TimelineIx]);

impl Serialize for Evidence<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.1.len()))?;
        for &ix in self.1 {
            seq.serialize_element(&Collected(self.0.record_text(ix)))?;
        }
        seq.end()
    }
}

/// Anything displayable, serialized as a string without building one first.
struct Collected<T>(T);

impl<T: std::fmt::Display> Serialize for Collected<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// The JSON shape: the columns as keys, `null` for what is absent, the time in ISO 8601,
/// evidence as a list of texts and `undoes` as a list of entry numbers.
impl Serialize for LedgerRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut row = serializer.serialize_struct("LedgerRow", LEDGER_COLUMNS.len())?;
        row.serialize_field("entry", &self.entry)?;
        row.serialize_field("time", &Collected(self.time.iso8601()))?;
        row.serialize_field("person", self.person)?;
        row.serialize_field("name", self.name)?;
        row.serialize_field("code_system", self.code_system)?;
        row.serialize_field("from_colour", &self.from_colour)?;
        row.serialize_field("to_colour", &self.to_colour)?;
        row.serialize_field("cause", self.cause)?;
        row.serialize_field("rule", &self.rule)?;
        row.serialize_field("operator", &self.operator)?;
        row.serialize_field("account", &self.account)?;
        row.serialize_field("batch", &self.batch)?;
        row.serialize_field("reason", &self.reason)?;
        row.serialize_field("justification", &self.justification)?;
        row.serialize_field("directive", &self.directive)?;
        row.serialize_field("evidence", &Evidence(self.world, self.evidence))?;
        row.serialize_field("undoes", self.undoes)?;
        row.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_words_are_the_serde_names() {
        for colour in Colour::ALL {
            assert_eq!(
                serde_json::to_value(colour).unwrap(),
                serde_json::Value::from(colour_word(colour))
            );
        }
    }

    #[test]
    fn every_row_has_every_column_in_order() {
        let world = crate::open::open(None, None).unwrap().world;
        for row in world.ledger_rows() {
            let text = serde_json::to_string(&row).unwrap();
            let at: Vec<usize> = LEDGER_COLUMNS
                .iter()
                .map(|c| text.find(&format!("\"{c}\":")).unwrap())
                .collect();
            assert!(at.is_sorted(), "{text}");
        }
        let lapse = world.ledger_rows().find(|r| r.cause == "lapse").unwrap();
        assert_eq!(lapse.undoes.len(), 1);
        assert!(lapse.evidence.is_empty() && lapse.reason.is_none() && lapse.rule.is_none());
    }
}

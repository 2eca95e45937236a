//! Timeline events: what happens in the city, moment by moment, as the file writes it.

use serde::{Deserialize, Serialize};

use super::{Colour, Concern, RiskLevel, Transport};
use crate::scenario::text::Text;
use crate::scenario::time::Time;

/// One timeline event, at a moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub at: Time,
    pub what: EventKind,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum EventKind {
    /// A place-code scan. The log cannot tell a scan made at the door from one made
    /// of a shared picture far away; only carrier records can.
    Scan {
        person: Text,
        venue: Text,
    },
    /// A carrier location record: the city the phone was in. `None`: the person's home city.
    Carrier {
        person: Text,
        city: Option<Text>,
    },
    ArrivalForm {
        person: Text,
        city: Text,
        transport: Transport,
    },
    Test {
        person: Text,
        positive: bool,
    },
    /// A confirmed case and where they were, with visit windows.
    CaseReport {
        person: Text,
        visits: Vec<Visit>,
    },
    /// A district's risk level changes.
    AreaRisk {
        district: Text,
        level: RiskLevel,
    },
    /// An arrival from abroad into home or central quarantine.
    InboundArrival {
        person: Text,
        from_country: Text,
        home_quarantine: bool,
    },
    /// A person missed a mass test.
    MissedTest {
        person: Text,
    },
    /// A manual code change by an official, single or batch.
    Assignment(Assignment),
    /// An account looks up or exports people's records.
    Access(super::Access),
    /// A decision taken by one or more officials: the top of a chain of decision. Not a
    /// public event: it becomes known when its `document` reaches the auditor.
    Decision {
        id: Text,
        by: Vec<Text>,
        summary: Text,
        /// The record that reveals it (minutes, a statement taken by the inquiry).
        document: Option<Text>,
    },
    /// An instruction passed from one official to others. Not a public event: it becomes
    /// known when its `document` reaches the auditor, or, given by phone or in a meeting with
    /// no document of its own, when a record that `reveals` it does.
    Order {
        id: Text,
        from: Text,
        to: Vec<Text>,
        summary: Text,
        /// The record that reveals it (a chat log, a work instruction, a job log); `None` for
        /// an order by phone or in a meeting, known through the records that reveal it.
        document: Option<Text>,
        /// The decisions or orders (by id) this instruction carries on. An order that
        /// follows nothing is its sender's own decision.
        #[serde(default)]
        follows: Vec<Text>,
        /// What it is about: it is attached only to the changes these cover. Empty: attached
        /// through the directive a change cites, or to its receivers' changes.
        #[serde(default)]
        concerns: Vec<Concern>,
    },
    /// Undo every change a batch made: each person returns to green.
    Reversal {
        operator: Text,
        batch: Text,
        note: Text,
    },
    /// A rule (by id) comes into force: it fires from this moment on. A public event,
    /// like the notice that announces it.
    RuleSet {
        rule: Text,
        /// Who set it (an official's id); the rule's issuer when absent.
        #[serde(default)]
        by: Option<Text>,
        /// The order or decision (by id) behind it, known once its record is in.
        #[serde(default)]
        order: Option<Text>,
        #[serde(default)]
        note: Text,
    },
    /// A rule is replaced by another version (`becomes`, a rule id): the old stops firing,
    /// the new fires from this moment on.
    RuleChanged {
        rule: Text,
        becomes: Text,
        #[serde(default)]
        by: Option<Text>,
        #[serde(default)]
        order: Option<Text>,
        #[serde(default)]
        note: Text,
    },
    /// A rule stops firing. Colours it set stay until they lapse or are lifted.
    RuleWithdrawn {
        rule: Text,
        #[serde(default)]
        by: Option<Text>,
        #[serde(default)]
        order: Option<Text>,
        #[serde(default)]
        note: Text,
    },
}

/// A case's stay at a venue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    pub venue: Text,
    pub from: Time,
    pub to: Time,
}

/// A manual code change: who did it, to whom, with what stated reason and on whose order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// The id of the official who made the change (the file calls them the operator).
    pub operator: Text,
    pub targets: Targets,
    pub colour: Colour,
    /// The reason (by id) shown on the person's phone.
    pub reason: Text,
    /// What the official entered in the justification field.
    pub justification: Text,
    /// A batch id, when the change ran as a batch job.
    #[serde(default)]
    pub batch: Option<Text>,
    /// The directive or order (a document id) the change cites.
    #[serde(default)]
    pub directive: Option<Text>,
    /// A record cited as the epidemiological basis (a document id).
    #[serde(default)]
    pub basis: Option<Text>,
    /// How long the colour lasts before it lapses, as a rule's colour does (a close
    /// contact's seven days); `None`: until changed again.
    #[serde(default)]
    pub duration_days: Option<u32>,
}

/// Whom an assignment touches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Targets {
    People(Vec<Text>),
    /// Members of a list who scanned a venue in `city` between `from` and `to`.
    ListScannedIn {
        list: Text,
        city: Text,
        from: Time,
        to: Time,
    },
}

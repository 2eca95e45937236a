//! The scenario file's vocabulary: the serde types a `.ron` scenario is written in.
//!
//! Everything here is plain data, exactly as an author writes it. Ids are strings so that
//! files read well; the engine resolves them to indexes once, after validation.

use serde::{Deserialize, Serialize};

use super::text::Text;
use super::time::Time;

/// The schema version this build writes and reads. Version 2 added what orders concern
/// (`Order::concerns`) and the records that reveal orders given with no document
/// (`Document::reveals`), and names a finding's parts `decided` and `carried_out`.
pub const SCHEMA_VERSION: u32 = 2;

/// The oldest schema version this build reads: older files are migrated on load, with a
/// notice, and `redcode validate --upgrade` rewrites them in the current version.
pub const OLDEST_SCHEMA_VERSION: u32 = 1;

/// A whole scenario: a city in an outbreak, its code system, its people and its timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub schema_version: u32,
    pub id: Text,
    pub title: Text,
    /// What the auditor is told before play: who they are, the mandate, what they may read.
    pub briefing: Text,
    /// The first and last moments of the scenario; every event falls between them.
    pub start: Time,
    pub end: Time,
    /// Seed for the crowd generators when none is given on the command line.
    #[serde(default)]
    pub seed: u64,
    pub systems: Vec<CodeSystem>,
    pub cities: Vec<City>,
    #[serde(default)]
    pub districts: Vec<District>,
    pub venues: Vec<Venue>,
    pub rules: Vec<Rule>,
    /// The reason texts an official can attach to a manual change, and what each requires.
    pub reasons: Vec<Reason>,
    pub roles: Vec<Role>,
    pub officials: Vec<Official>,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub crowds: Vec<Crowd>,
    #[serde(default)]
    pub lists: Vec<PersonList>,
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Controls an auditor may recommend, the answer key saying which would have stopped
    /// the abuse.
    #[serde(default)]
    pub controls: Vec<Control>,
    pub events: Vec<Event>,
    pub answer_key: Option<AnswerKey>,
    #[serde(default)]
    pub sources: Vec<Text>,
    /// Documents and messages a facilitator releases during a class.
    #[serde(default)]
    pub injects: Vec<Inject>,
}

/// A health-code system, run for one or more cities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeSystem {
    pub id: Text,
    pub name: Text,
    /// Other systems whose colours this one accepts. Empty: it honours no other code.
    #[serde(default)]
    pub honours: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct City {
    pub id: Text,
    pub name: Text,
    pub province: Text,
    /// The code system that colours people while they are in this city.
    pub system: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct District {
    pub id: Text,
    pub name: Text,
    pub city: Text,
}

/// A place with a place code that people scan on entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Venue {
    pub id: Text,
    pub name: Text,
    pub kind: VenueKind,
    pub city: Text,
    #[serde(default)]
    pub district: Option<Text>,
    /// Map position, in the scenario's own grid units.
    #[serde(default)]
    pub x: i32,
    #[serde(default)]
    pub y: i32,
    /// The identifier printed under the venue's QR code.
    pub place_code: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum VenueKind {
    StationExit,
    Hotel,
    Airport,
    BankOffice,
    Mall,
    Shop,
    Office,
    Clinic,
    Other,
}

/// A health-code colour. Ordered by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Colour {
    Green,
    Yellow,
    Red,
}

impl Colour {
    pub const ALL: [Colour; 3] = [Colour::Green, Colour::Yellow, Colour::Red];

    /// A letter that says the colour without colour, for monochrome screens and files.
    pub fn letter(self) -> char {
        match self {
            Colour::Green => 'G',
            Colour::Yellow => 'Y',
            Colour::Red => 'R',
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Colour::Green => "green",
            Colour::Yellow => "yellow",
            Colour::Red => "red",
        }
    }
}

/// A colour rule: which evidence turns which colour, for how long, and how it lifts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: Text,
    pub name: Text,
    pub system: Text,
    pub trigger: Trigger,
    pub colour: Colour,
    /// How long the colour lasts before it lapses back to green; `None`: until lifted.
    #[serde(default)]
    pub duration_days: Option<u32>,
    /// Whether negative tests (a `NegativeTests` rule) may lift a colour set by this rule.
    #[serde(default)]
    pub lifted_by_tests: bool,
    /// The reason (by id) shown to the person when this rule applies.
    pub reason: Text,
    /// Who set the rule: an official's id, or free text for a body with no one named.
    #[serde(default)]
    pub issuer: Option<Text>,
    /// When the rule comes into force; from the start when absent. A rule that a
    /// `RuleSet` event introduces is in force only from that event as well.
    #[serde(default)]
    pub from: Option<Time>,
    /// When the rule stops being in force (the first minute it no longer fires).
    #[serde(default)]
    pub until: Option<Time>,
    /// What the rule says it keys on; the reason's requirement when absent. The
    /// justification check sets it against the trigger the rule really has.
    #[serde(default)]
    pub basis: Option<StatedBasis>,
}

/// What a rule claims as its basis: its words and the requirement they amount to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatedBasis {
    /// The rule's own words (a notice's wording); the requirement in words when empty.
    #[serde(default)]
    pub text: Text,
    pub claims: Requirement,
}

/// The evidence that sets a rule off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Trigger {
    /// A positive test result.
    PositiveTest,
    /// A scan at a venue a case visited, within the case's visit window widened by
    /// `padding_minutes` on each side: close contact.
    CaseVisit { padding_minutes: u32 },
    /// A scan at a venue a case visited, outside the close-contact window but within
    /// `padding_minutes` of it: spatio-temporal overlap.
    CaseOverlap { padding_minutes: u32 },
    /// A scan in a district of the given risk level: in a city of the rule's own system,
    /// or, when `cities` names some, in those cities only, whatever their system. This is
    /// how another city's risk reaches a system's code: only through a rule that says so.
    AreaStay {
        level: RiskLevel,
        #[serde(default)]
        cities: Vec<Text>,
    },
    /// Arrival from abroad into quarantine.
    InboundQuarantine,
    /// A missed mass test.
    MissedTest,
    /// `count` negative tests within `within_days`: lifts colours whose rule allows it.
    NegativeTests { count: u32, within_days: u32 },
    /// A scan at one of these venues (by id), whenever it was made: no case needed.
    VenueScan { venues: Vec<Text> },
    /// A scan by a member of the list (by id) at a venue in the rule's system.
    ListMember { list: Text },
    /// A scan by a person with the tag at a venue in the rule's system.
    Tagged { tag: Text },
}

impl Trigger {
    /// Whether the trigger singles people out by who they are or where they went, not by
    /// an epidemic fact.
    pub fn is_selective(&self) -> bool {
        matches!(
            self,
            Trigger::VenueScan { .. } | Trigger::ListMember { .. } | Trigger::Tagged { .. }
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

/// A reason text a code can carry, and what the records must show for it to be true.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    pub id: Text,
    /// The words shown to the person on their phone.
    pub text: Text,
    pub requires: Requirement,
}

/// What a reason claims, in terms the records can confirm or contradict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Requirement {
    /// An arrival from abroad, registered with a quarantine.
    ArrivalFromAbroad,
    /// Presence at a case's venue during its window, or an investigation record naming the person.
    ContactWithCase,
    /// A positive test.
    PositiveTest,
    /// A stay in a high-risk district.
    HighRiskStay,
    /// A stay in a medium-risk district or an overlap with a case.
    MediumRiskOrOverlap,
    /// A missed mass test.
    MissedTest,
    /// Nothing: a return to green.
    Nothing,
}

/// A role in the code system and what it permits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: Text,
    pub name: Text,
    /// Colours an account in this role may set by hand. Empty: no code authority at all.
    #[serde(default)]
    pub may_assign: Vec<Colour>,
    /// Whether a non-green change needs an epidemiological basis in the records.
    #[serde(default)]
    pub requires_basis: bool,
    /// Whether the role may change many codes in one batch job.
    #[serde(default)]
    pub may_batch: bool,
    #[serde(default)]
    pub description: Text,
    /// The kinds of personal record an account in this role may read. Empty: none.
    #[serde(default)]
    pub may_read: Vec<Field>,
    /// The purposes it may read them for.
    #[serde(default)]
    pub purposes: Vec<Purpose>,
}

/// An official: a fictional person in a real post. An official who changes codes does it
/// through their `account` on the platform; the screens call them operators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Official {
    pub id: Text,
    pub name: Text,
    pub post: Text,
    pub organisation: Text,
    pub role: Text,
    /// The platform account they act through, if they have one.
    #[serde(default)]
    pub account: Option<Text>,
    /// The code system the account operates in; the scenario's first system when absent.
    #[serde(default)]
    pub system: Option<Text>,
}

/// One hand-written person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: Text,
    pub name: Text,
    pub home_city: Text,
    #[serde(default)]
    pub tags: Vec<Text>,
    /// Who they travel with, if anyone (a companion's id).
    #[serde(default)]
    pub companion_of: Option<Text>,
}

/// A seeded generator that expands a template into many people and their events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Crowd {
    pub id: Text,
    /// How many people it makes.
    pub count: u32,
    /// Generated ids are `{id_prefix}-{n:05}`, numbered in a seeded shuffle over every
    /// member and companion of the crowds sharing the prefix: crowds that share a neutral
    /// prefix make ids that say nothing of who their people are.
    pub id_prefix: Text,
    pub tags: Vec<Text>,
    /// One of these tags is added to each member, chosen at random (e.g. which bank).
    #[serde(default)]
    pub one_of_tags: Vec<Text>,
    /// Home cities, chosen at random.
    pub home_cities: Vec<Text>,
    pub surnames: Vec<Text>,
    pub given_names: Vec<Text>,
    /// Lists each member is placed on (e.g. a depositor list compiled by officials).
    #[serde(default)]
    pub lists: Vec<Text>,
    /// The first member's itinerary starts at a random minute in this window.
    pub start_from: Time,
    pub start_to: Time,
    pub itinerary: Vec<CrowdStep>,
    /// The first `companions` members travel with a companion who copies their itinerary.
    #[serde(default)]
    pub companions: u32,
    #[serde(default)]
    pub companion_tags: Vec<Text>,
}

/// One step of a crowd's generated itinerary, `delay_min..=delay_max` minutes after the
/// previous one. Files write it as `Step(..)`, so the serde name stays `Step`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Step")]
pub struct CrowdStep {
    #[serde(default)]
    pub delay_min: u32,
    #[serde(default)]
    pub delay_max: u32,
    pub action: StepAction,
}

/// What a generated person does at a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum StepAction {
    /// Registers an arrival on the city's form.
    ArrivalForm { city: Text, transport: Transport },
    /// Scans one of these venues' place codes (chosen at random).
    Scan { venues: Vec<Text> },
    /// A carrier location record: in the destination `city`, or at home when `None`.
    Carrier { city: Option<Text> },
    /// A test result.
    Test { positive: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Transport {
    Train,
    Plane,
    Car,
    Coach,
    FromAbroad,
}

/// A named list of people, compiled by someone (e.g. the depositor list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonList {
    pub id: Text,
    pub name: Text,
    pub compiled_by: Text,
    /// The document that records the list, if any.
    #[serde(default)]
    pub document: Option<Text>,
    /// Hand-written members; crowds add more through their `lists`.
    #[serde(default)]
    pub members: Vec<Text>,
}

/// A control an auditor may recommend: a safeguard that would stop a kind of abuse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    pub id: Text,
    /// The control, as the auditor would write it in a report.
    pub text: Text,
    /// The kinds of abuse it would have stopped, as the author judges it: a careful
    /// auditor recommends a control for the kinds they found. Empty: a control that would
    /// not have stopped any (a distractor).
    #[serde(default)]
    pub stops: Vec<Category>,
}

/// A record the auditor can read, available from a given time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: Text,
    pub title: Text,
    pub kind: DocumentKind,
    /// When the record reaches the auditor.
    pub available_from: Time,
    /// The record's own date (a meeting's minutes are dated the day of the meeting, even when
    /// they reach the auditor a week later); `available_from` when absent.
    #[serde(default)]
    pub dated: Option<Time>,
    /// Who wrote or issued it: an official's id, or free text for outsiders.
    pub author: Text,
    pub body: Text,
    /// People the document names (an investigation record names its contacts).
    #[serde(default)]
    pub concerns: Vec<Text>,
    /// Orders and decisions (by id) this record reveals: a call log, a statement, minutes
    /// that show an instruction given with no document of its own. Each is known once the
    /// first record that reveals it is in.
    #[serde(default)]
    pub reveals: Vec<Text>,
}

impl Document {
    /// The record's own date: when it was written or issued.
    pub fn date(&self) -> Time {
        self.dated.unwrap_or(self.available_from)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocumentKind {
    Directive,
    ChatMessage,
    Notice,
    HotlineTranscript,
    PublicStatement,
    BatchLog,
    InvestigationRecord,
    List,
    Finding,
}

mod access;
mod events;
mod inject;
mod key;
mod orders;

pub use access::*;
pub use events::*;
pub use inject::*;
pub use key::*;
pub use orders::*;

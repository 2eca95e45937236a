//! The answer key: findings, lawful sets, objectives and the chain of decision they name.

use serde::{Deserialize, Serialize};

use crate::scenario::text::Text;

/// What the scenario's author says happened: the key against which play is scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerKey {
    pub findings: Vec<Finding>,
    #[serde(default)]
    pub lawful: Vec<LawfulSet>,
    #[serde(default)]
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub debrief: Vec<Text>,
    /// The true chain of decision, told in order, for the debrief.
    #[serde(default)]
    pub chain: Vec<Text>,
    /// What the real inquiry found, shown at the debrief beside the auditor's own findings
    /// and never among the records during play.
    #[serde(default)]
    pub inquiry: Option<Text>,
    /// What happened next, for the debrief.
    #[serde(default)]
    pub epilogue: Vec<Text>,
    /// The controls (ids from `controls`) that would have stopped the abuse.
    #[serde(default)]
    pub recommended: Vec<Text>,
    /// When set, the auditor's own minimisation is scored: opening the records of more
    /// people than this costs a point for each one over. Absent: shown, not scored.
    #[serde(default)]
    pub open_at_most: Option<u32>,
}

/// A set of ledger entries that were abuse, and the kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub id: Text,
    pub title: Text,
    pub entries: Selector,
    pub category: Category,
    /// Other categories that also count as right for these entries.
    #[serde(default)]
    pub also_accept: Vec<Category>,
    /// Who decided the abuse (officials' ids). Files of schema 1 wrote `ordered_by`.
    #[serde(default, alias = "ordered_by")]
    pub decided: Vec<Text>,
    /// Who passed the instruction on.
    #[serde(default)]
    pub passed_on: Vec<Text>,
    /// Who carried it out: ran the changes from their account, compiled or supplied the
    /// list. Files of schema 1 wrote `executed_by`.
    #[serde(default, alias = "executed_by")]
    pub carried_out: Vec<Text>,
    pub explanation: Text,
}

/// Lawful entries that look like abuse: flagging them is a wrongful accusation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LawfulSet {
    pub id: Text,
    pub title: Text,
    pub entries: Selector,
    pub explanation: Text,
}

/// Picks ledger entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Selector {
    Batch(Text),
    Batches(Vec<Text>),
    Operator(Text),
    Rule(Text),
    /// Manual entries on these people by this official.
    OperatorOn {
        operator: Text,
        people: Vec<Text>,
    },
    /// One access to personal records (its id).
    Access(Text),
    /// These accesses (ids).
    Accesses(Vec<Text>),
    /// Every access made from an official's account.
    AccessesBy(Text),
}

impl Selector {
    /// Whether it picks accesses to personal records rather than ledger entries.
    pub fn picks_accesses(&self) -> bool {
        matches!(
            self,
            Selector::Access(_) | Selector::Accesses(_) | Selector::AccessesBy(_)
        )
    }
}

/// How a flagged change is classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Category {
    NoEpidemicBasis,
    OutsideAuthority,
    TargetingGroup,
    Lawful,
    /// Personal records read for a purpose other than epidemic control, or other than
    /// the one stated.
    BeyondPurpose,
    /// More records, or more people's, than the purpose needs.
    ExcessiveCollection,
}

impl Category {
    /// The categories a code change may be flagged with.
    pub const ALL: [Category; 4] = [
        Category::NoEpidemicBasis,
        Category::OutsideAuthority,
        Category::TargetingGroup,
        Category::Lawful,
    ];

    /// The categories an access to personal records may be flagged with.
    pub const ACCESS: [Category; 4] = [
        Category::BeyondPurpose,
        Category::ExcessiveCollection,
        Category::OutsideAuthority,
        Category::Lawful,
    ];

    /// The principle a change of this category breaks, for the debrief.
    pub fn principle(self) -> &'static str {
        match self {
            Category::NoEpidemicBasis => {
                "purpose limitation: a health code may be changed only for epidemic control"
            }
            Category::OutsideAuthority => {
                "least privilege: an account may do only what its role needs (GB/T 35273 §7.1, minimum access control)"
            }
            Category::TargetingGroup => {
                "no targeting by area or group: the CAC notice of February 2020 on personal information in epidemic control"
            }
            Category::Lawful => {
                "lawful: the change followed a published rule with its basis on record"
            }
            Category::BeyondPurpose => {
                "purpose limitation: personal information collected for epidemic control may not be used for anything else (the CAC notice of February 2020)"
            }
            Category::ExcessiveCollection => {
                "minimisation: collect and read only what the purpose needs, of only the people it concerns (GB/T 35273 §5.2)"
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::NoEpidemicBasis => "no epidemiological basis",
            Category::OutsideAuthority => "outside the operator's authority",
            Category::TargetingGroup => "targeting a group",
            Category::Lawful => "lawful",
            Category::BeyondPurpose => "beyond its purpose",
            Category::ExcessiveCollection => "excessive collection",
        }
    }
}

/// A part in the chain of decision, in the record's words: the one vocabulary the trace,
/// the flag dialog, the Operators screen, the answer key and the debrief share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ChainRole {
    /// Took the decision.
    Decided,
    /// Received the instruction and passed it on.
    PassedOn,
    /// Ran the changes from their account, or compiled or supplied the list they used.
    CarriedOut,
}

impl ChainRole {
    pub const ALL: [ChainRole; 3] = [
        ChainRole::Decided,
        ChainRole::PassedOn,
        ChainRole::CarriedOut,
    ];

    /// The words for the part, as labels and attribution rows show them.
    pub fn label(self) -> &'static str {
        match self {
            ChainRole::Decided => "decided",
            ChainRole::PassedOn => "passed the instruction on",
            ChainRole::CarriedOut => "carried it out",
        }
    }

    /// The part as a past participle, after "having": "decided", "passed the instruction
    /// on", "carried it out".
    pub fn past(self) -> &'static str {
        self.label()
    }

    /// The answer key's field for the part.
    pub fn field(self) -> &'static str {
        match self {
            ChainRole::Decided => "decided",
            ChainRole::PassedOn => "passed_on",
            ChainRole::CarriedOut => "carried_out",
        }
    }
}

impl Finding {
    /// The officials (ids) the key names in a part of the chain.
    pub fn named(&self, role: ChainRole) -> &[Text] {
        match role {
            ChainRole::Decided => &self.decided,
            ChainRole::PassedOn => &self.passed_on,
            ChainRole::CarriedOut => &self.carried_out,
        }
    }
}

/// A question the auditor answers by choosing from the game's own records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: Text,
    pub question: Text,
    pub answer: Answer,
    /// A hint, revealed on request.
    #[serde(default)]
    pub hint: Text,
    /// How a player finds the answer with the game's tools: the playtester follows it and
    /// checks that the tools give the key's answer.
    #[serde(default)]
    pub found_by: Option<Finder>,
}

/// A way of finding an objective's answer with the game's tools, from what a careful
/// auditor has flagged and what the screens show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Finder {
    /// The people the flagged changes touched, counted (the batch view's count).
    FlaggedPeople,
    /// Of those, the people with a scan inside the city by the carrier record.
    FlaggedPeopleInCity,
    /// The officials the traces of the flagged changes label with this part of the chain.
    Labelled(ChainRole),
    /// The account that ran these batches, as their traces show it.
    AccountOf(Vec<Text>),
    /// The directive the flagged changes cite, as their traces show it.
    CitedDirective,
    /// The person (with this tag, if given) whose code history holds a red set by a rule,
    /// confirmed cases aside.
    RedByRule(Option<Text>),
    /// The people the flagged accesses named (a list's members, people by name), each
    /// once, counted as the access log shows them.
    FlaggedAccessPeople,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Answer {
    Official(Text),
    Officials(Vec<Text>),
    Person(Text),
    Document(Text),
    Number(u64),
}

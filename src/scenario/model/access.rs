//! Access to personal information: an account looking up or exporting people's records,
//! which fields, for what stated purpose; and the words for fields and purposes that roles
//! use to say what they may read and why.

use serde::{Deserialize, Serialize};

use crate::scenario::text::Text;

/// One look-up or export of people's records from an account: the platform's access log.
/// The auditor reads it as the clock reaches it, as it reads the code ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Access {
    /// The access's id, as findings and flags name it.
    pub id: Text,
    /// The official whose account made it.
    pub account: Text,
    pub whose: Whose,
    /// The kinds of record read.
    pub fields: Vec<Field>,
    /// The purpose entered with the request, as the log classes it.
    pub purpose: Purpose,
    /// The purpose in the account's own words; the purpose's name when empty.
    #[serde(default)]
    pub stated: Text,
    /// Whether the records left the platform (an export), not only shown on screen.
    #[serde(default)]
    pub export: bool,
    /// A record the request cites (a work order, a proposal), by document id.
    #[serde(default)]
    pub document: Option<Text>,
}

/// Whose records an access reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Whose {
    /// These people (ids).
    People(Vec<Text>),
    /// Every member of a list (its id).
    List(Text),
    /// A bulk query over everyone in an area, counted but not named (residents of a
    /// district, every holder of a code).
    Count(u64),
}

/// A kind of personal record the platform holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Field {
    /// Name, ID number, phone, address.
    Identity,
    /// Place-code scans and carrier location records.
    LocationHistory,
    /// Nucleic-acid and antigen test results.
    TestResults,
    /// Who a person lives, travels or works with; close contacts.
    Contacts,
    /// Medical records and physical examinations.
    MedicalRecords,
    /// Habits: drinking, smoking, steps, sleep.
    Lifestyle,
}

impl Field {
    pub const ALL: [Field; 6] = [
        Field::Identity,
        Field::LocationHistory,
        Field::TestResults,
        Field::Contacts,
        Field::MedicalRecords,
        Field::Lifestyle,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Identity => "identity",
            Field::LocationHistory => "location history",
            Field::TestResults => "test results",
            Field::Contacts => "contacts",
            Field::MedicalRecords => "medical records",
            Field::Lifestyle => "lifestyle data",
        }
    }
}

/// What records are read for. The epidemic purposes are those the February 2020 notice
/// allows; each needs only some fields, and contact tracing and case management only the
/// records of cases and their contacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Purpose {
    /// Finding a case's close contacts.
    ContactTracing,
    /// Managing cases and people in quarantine.
    CaseManagement,
    /// Organising and following up a mass test.
    MassTesting,
    /// Counting for the epidemic's statistics: no one named.
    Statistics,
    /// Scoring people's health (a permanent personal rating).
    HealthRating,
    /// Scoring the health of buildings, communities or businesses.
    GroupRating,
    /// Keeping records past the emergency, for later use.
    Retention,
}

impl Purpose {
    pub const ALL: [Purpose; 7] = [
        Purpose::ContactTracing,
        Purpose::CaseManagement,
        Purpose::MassTesting,
        Purpose::Statistics,
        Purpose::HealthRating,
        Purpose::GroupRating,
        Purpose::Retention,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Purpose::ContactTracing => "contact tracing",
            Purpose::CaseManagement => "case management",
            Purpose::MassTesting => "mass testing",
            Purpose::Statistics => "epidemic statistics",
            Purpose::HealthRating => "rating people's health",
            Purpose::GroupRating => "rating the health of buildings, communities or businesses",
            Purpose::Retention => "keeping records after the emergency",
        }
    }

    /// Whether epidemic control is what the purpose serves.
    pub fn is_epidemic(self) -> bool {
        matches!(
            self,
            Purpose::ContactTracing
                | Purpose::CaseManagement
                | Purpose::MassTesting
                | Purpose::Statistics
        )
    }

    /// The fields the purpose needs: reading more is excessive collection. A purpose
    /// that is not epidemic control needs none of them.
    pub fn needs(self) -> &'static [Field] {
        match self {
            Purpose::ContactTracing => &[
                Field::Identity,
                Field::LocationHistory,
                Field::TestResults,
                Field::Contacts,
            ],
            Purpose::CaseManagement => {
                &[Field::Identity, Field::LocationHistory, Field::TestResults]
            }
            Purpose::MassTesting => &[Field::Identity, Field::TestResults],
            Purpose::Statistics => &[Field::TestResults],
            Purpose::HealthRating | Purpose::GroupRating | Purpose::Retention => &[],
        }
    }

    /// Whether the purpose concerns only cases and their contacts, not everyone in an area.
    pub fn cases_only(self) -> bool {
        matches!(self, Purpose::ContactTracing | Purpose::CaseManagement)
    }
}

impl Access {
    /// The purpose as the account stated it.
    pub fn stated_words(&self) -> &str {
        if self.stated.is_empty() {
            self.purpose.name()
        } else {
            &self.stated
        }
    }
}

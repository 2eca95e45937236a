//! Describing what the ledger and the timeline hold, one line each: an entry's cause, a
//! timeline event's record.

use crate::scenario::expand::{Occurrence, PersonIx};
use crate::scenario::model::{EventKind, Transport};

use super::super::ledger::{Cause, EntryId, TimelineIx};
use super::super::world::World;

impl World {
    /// A one-line account of an entry's cause.
    pub fn describe_cause(&self, entry: EntryId) -> String {
        let Some(e) = self.ledger.get(entry) else {
            return String::new();
        };
        match &e.cause {
            Cause::Rule { rule, .. } => {
                format!("rule: {}", self.scenario.rules[*rule as usize].name)
            }
            Cause::Manual { .. } => {
                let a = self
                    .assignment_of(entry)
                    .expect("manual entries have assignments");
                let op = self.official_ix(&a.operator).map(|o| self.official(o));
                let who = op.map_or(a.operator.to_string(), |o| {
                    format!("{} ({})", o.name, o.account.as_deref().unwrap_or("-"))
                });
                match &a.batch {
                    Some(batch) => format!("batch {batch} by {who}"),
                    None => format!("manual by {who}"),
                }
            }
            Cause::Lapse { of } => format!("lapse of entry #{of}"),
            Cause::Lift { rule, .. } => {
                format!("lifted: {}", self.scenario.rules[*rule as usize].name)
            }
            Cause::Reversal { of, .. } => {
                let who = self
                    .official_of(entry)
                    .map_or("?", |o| &self.official(o).name);
                format!("reversal of entry #{of} by {who}")
            }
        }
    }

    /// A one-line account of a record on the timeline.
    pub fn describe_record(&self, ix: TimelineIx) -> String {
        let Some(h) = self.timeline.get(ix.ix()) else {
            return String::new();
        };
        let who = |p: PersonIx| self.person_name(p).to_owned();
        match h.what {
            Occurrence::Scan { person, venue } => {
                let v = &self.scenario.venues[venue as usize];
                format!(
                    "{} scan: {} at {} ({})",
                    h.at,
                    who(person),
                    v.name,
                    v.place_code
                )
            }
            Occurrence::Carrier { person, city } => {
                format!(
                    "{} carrier: {}'s phone in {}",
                    h.at,
                    who(person),
                    self.city_name(city)
                )
            }
            Occurrence::ArrivalForm {
                person,
                city,
                transport,
            } => format!(
                "{} arrival form: {} to {} by {}",
                h.at,
                who(person),
                self.city_name(city),
                transport_word(transport)
            ),
            Occurrence::Test { person, positive } => format!(
                "{} test: {} {}",
                h.at,
                who(person),
                if positive { "positive" } else { "negative" }
            ),
            Occurrence::Scripted(_) => match self.scripted(ix) {
                Some(EventKind::CaseReport { person, visits }) => {
                    let name = self.roster.find(person).map_or(person.to_string(), who);
                    let places: Vec<String> = visits
                        .iter()
                        .map(|v| {
                            let venue = self
                                .catalog
                                .venues
                                .get(v.venue.as_str())
                                .map_or(v.venue.as_str(), |&i| {
                                    &self.scenario.venues[i as usize].name
                                });
                            format!("{venue} {}–{}", v.from, v.to)
                        })
                        .collect();
                    format!("{} case report: {name} visited {}", h.at, places.join(", "))
                }
                Some(EventKind::InboundArrival {
                    person,
                    from_country,
                    home_quarantine,
                }) => {
                    let name = self.roster.find(person).map_or(person.to_string(), who);
                    let place = if *home_quarantine { "home" } else { "central" };
                    format!(
                        "{} inbound arrival: {name} from {from_country}, {place} quarantine",
                        h.at
                    )
                }
                Some(EventKind::MissedTest { person }) => {
                    let name = self.roster.find(person).map_or(person.to_string(), who);
                    format!("{} missed mass test: {name}", h.at)
                }
                Some(EventKind::AreaRisk { district, level }) => {
                    format!("{} {district} declared {level:?} risk", h.at)
                }
                Some(EventKind::Order { id, summary, .. }) => {
                    format!("{} order {id}: {summary}", h.at)
                }
                Some(EventKind::Assignment(a)) => format!(
                    "{} assignment by {}: {}",
                    h.at,
                    a.operator,
                    a.batch.as_deref().unwrap_or("single")
                ),
                Some(EventKind::Reversal { batch, .. }) => {
                    format!("{} reversal of batch {batch}", h.at)
                }
                _ => format!("{} record", h.at),
            },
        }
    }
}

fn transport_word(t: Transport) -> &'static str {
    match t {
        Transport::Train => "train",
        Transport::Plane => "plane",
        Transport::Car => "car",
        Transport::Coach => "coach",
        Transport::FromAbroad => "international flight",
    }
}

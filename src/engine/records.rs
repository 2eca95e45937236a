//! One-line accounts of the records on the timeline, as the screens and exports show them.

use std::fmt;

use crate::scenario::expand::{Occurrence, PersonIx};
use crate::scenario::model::EventKind;
use crate::scenario::time::Time;

use super::ledger::TimelineIx;
use super::query::transport_word;
use super::world::World;

/// A timeline record as one line of text, from [`World::record_text`].
#[derive(Clone, Copy)]
pub struct RecordText<'w> {
    world: &'w World,
    ix: TimelineIx,
}

impl fmt::Display for RecordText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let world = self.world;
        let Some(h) = world.timeline.get(self.ix.ix()) else {
            return Ok(());
        };
        let who = |p: PersonIx| world.person_name(p);
        match h.what {
            Occurrence::Scan { person, venue } => {
                let v = &world.scenario.venues[venue as usize];
                write!(
                    f,
                    "{} scan: {} at {} ({})",
                    h.at,
                    who(person),
                    v.name,
                    v.place_code
                )?;
                // With one system the check says nothing the colour does not.
                // Exports write every scan: the check is worked out only when it is shown.
                if !world.several_systems() {
                    return Ok(());
                }
                match world.venue_check(self.ix) {
                    Some(check) => write!(f, " — {}", check.words(world)),
                    None => Ok(()),
                }
            }
            Occurrence::Carrier { person, city } => write!(
                f,
                "{} carrier: {}'s phone in {}",
                h.at,
                who(person),
                world.city_name(city)
            ),
            Occurrence::ArrivalForm {
                person,
                city,
                transport,
            } => write!(
                f,
                "{} arrival form: {} to {} by {}",
                h.at,
                who(person),
                world.city_name(city),
                transport_word(transport)
            ),
            Occurrence::Test { person, positive } => write!(
                f,
                "{} test: {} {}",
                h.at,
                who(person),
                if positive { "positive" } else { "negative" }
            ),
            Occurrence::Scripted(_) => self.fmt_scripted(f, h.at),
        }
    }
}

impl<'w> RecordText<'w> {
    pub(super) fn new(world: &'w World, ix: TimelineIx) -> RecordText<'w> {
        RecordText { world, ix }
    }

    fn fmt_scripted(&self, f: &mut fmt::Formatter<'_>, at: Time) -> fmt::Result {
        let world = self.world;
        let name = |person: &'w str| -> &'w str {
            world
                .roster
                .find(person)
                .map_or(person, |p| world.person_name(p))
        };
        match world.scripted(self.ix) {
            Some(EventKind::CaseReport { person, visits }) => {
                write!(f, "{at} case report: {} visited ", name(person))?;
                for (i, v) in visits.iter().enumerate() {
                    let venue = world
                        .catalog
                        .venues
                        .get(v.venue.as_str())
                        .map_or(v.venue.as_str(), |&i| {
                            &world.scenario.venues[i as usize].name
                        });
                    let comma = if i > 0 { ", " } else { "" };
                    write!(f, "{comma}{venue} {}–{}", v.from, v.to)?;
                }
                Ok(())
            }
            Some(EventKind::InboundArrival {
                person,
                from_country,
                home_quarantine,
            }) => {
                let place = if *home_quarantine { "home" } else { "central" };
                write!(
                    f,
                    "{at} inbound arrival: {} from {from_country}, {place} quarantine",
                    name(person)
                )
            }
            Some(EventKind::MissedTest { person }) => {
                write!(f, "{at} missed mass test: {}", name(person))
            }
            Some(EventKind::AreaRisk { district, level }) => {
                write!(f, "{at} {district} declared {level:?} risk")
            }
            Some(EventKind::Order { id, summary, .. }) => write!(f, "{at} order {id}: {summary}"),
            Some(EventKind::Assignment(a)) => write!(
                f,
                "{at} assignment by {}: {}",
                a.operator,
                a.batch.as_deref().unwrap_or("single")
            ),
            Some(EventKind::Reversal { batch, .. }) => {
                write!(f, "{at} reversal of batch {batch}")
            }
            Some(EventKind::RuleSet { rule, .. }) => write!(f, "{at} rule {rule} set"),
            Some(EventKind::RuleChanged { rule, becomes, .. }) => {
                write!(f, "{at} rule {rule} changed into {becomes}")
            }
            Some(EventKind::RuleWithdrawn { rule, .. }) => write!(f, "{at} rule {rule} withdrawn"),
            Some(EventKind::Access(a)) => write!(
                f,
                "{at} {} {}: {} of {}",
                if a.export { "export" } else { "look-up" },
                a.id,
                a.stated_words(),
                world.access_whose(a)
            ),
            _ => write!(f, "{at} record"),
        }
    }
}

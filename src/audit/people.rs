//! The people list's filters: colour at the clock, tag, venue visited, the official who
//! changed their code, search.

use serde::{Deserialize, Serialize};

use crate::engine::{PersonSet, World};
use crate::scenario::Time;
use crate::scenario::catalog::OfficialIx;
use crate::scenario::expand::PersonIx;
use crate::scenario::model::Colour;

/// The filters on the people list. `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleFilter {
    pub colour: Option<Colour>,
    /// A tag index in the roster.
    pub tag: Option<u16>,
    /// A venue index.
    pub venue: Option<u16>,
    /// An official: people with a manual entry by them.
    #[serde(rename = "operator")]
    pub official: Option<OfficialIx>,
    /// Text in the name or id.
    pub query: String,
}

impl PeopleFilter {
    pub fn is_empty(&self) -> bool {
        *self == PeopleFilter::default()
    }

    /// The people that pass, in roster order, as seen at `clock`.
    ///
    /// Each filter is a set from the world's indexes (colours at the clock, tags, venues
    /// visited, the letters of names), intersected a word of 64 people at a time; only
    /// the people left are read, and only to confirm a search of more than one letter.
    pub fn apply(&self, world: &World, clock: Time) -> Vec<PersonIx> {
        let people = world.person_count();
        let needle = self.query.to_lowercase();
        let mut sets = Vec::new();
        if let Some(tag) = self.tag {
            sets.push(world.roster_index.tagged(tag));
        }
        if let Some(colour) = self.colour {
            sets.push(world.people_of_colour(colour, clock));
        }
        if let Some(official) = self.official {
            sets.push(touched_by(world, official, clock));
        }
        if let Some(venue) = self.venue {
            sets.push(world.roster_index.visited(venue, clock));
        }
        let mut exact = true;
        if !needle.is_empty() {
            let (candidates, certain) = world.roster_index.search_candidates(&needle);
            sets.push(candidates);
            exact = certain;
        }
        let Some(mut passing) = sets.pop() else {
            return (0..people as u32).map(PersonIx).collect();
        };
        for set in &sets {
            passing.intersect(set);
        }
        if exact {
            return passing.to_vec();
        }
        passing
            .iter()
            .filter(|&p| {
                let record = &world.roster.people[p.ix()];
                matches_query(&record.name, &record.id, &needle)
            })
            .collect()
    }
}

/// People with an entry by an official at or before `clock`.
fn touched_by(world: &World, official: OfficialIx, clock: Time) -> PersonSet {
    let mut people = PersonSet::empty(world.person_count());
    let ids = world.ledger.by_official(official);
    // An official's entries are in ledger order, which is time order.
    let end = ids.partition_point(|&id| world.ledger.get(id).is_some_and(|e| e.at <= clock));
    for e in ids[..end].iter().filter_map(|&id| world.ledger.get(id)) {
        people.insert(e.person);
    }
    people
}

/// Whether a name or id contains a lower-case search text, ignoring case. It confirms the
/// people index's candidates on every keystroke, so the common ASCII case allocates nothing.
pub fn matches_query(name: &str, id: &str, needle: &str) -> bool {
    if id.contains(needle) {
        return true;
    }
    if needle.is_ascii() {
        let needle = needle.as_bytes();
        return name
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle));
    }
    name.to_lowercase().contains(needle)
}

/// The next value in a cycle through `None` and then each of `count` options.
pub fn cycle(current: Option<u16>, count: usize) -> Option<u16> {
    match current {
        None if count > 0 => Some(0),
        Some(i) if (i as usize) + 1 < count => Some(i + 1),
        _ => None,
    }
}

/// The next colour filter: any, then green, yellow, red.
pub fn cycle_colour(current: Option<Colour>) -> Option<Colour> {
    match current {
        None => Some(Colour::Green),
        Some(Colour::Green) => Some(Colour::Yellow),
        Some(Colour::Yellow) => Some(Colour::Red),
        Some(Colour::Red) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_ignores_case_in_any_script() {
        assert!(matches_query("林秀 Lin Xiu", "lin-xiu", "lin xiu"));
        assert!(matches_query("林秀 Lin Xiu", "lin-xiu", "林秀"));
        assert!(matches_query("Wu Wei", "dep-train-00001", "train-0000"));
        assert!(!matches_query("Wu Wei", "dep-train-00001", "lin"));
        assert!(matches_query("ÉMILE", "x", "émile"));
    }

    #[test]
    fn cycles_wrap_through_any() {
        assert_eq!(cycle(None, 2), Some(0));
        assert_eq!(cycle(Some(0), 2), Some(1));
        assert_eq!(cycle(Some(1), 2), None);
        assert_eq!(cycle(None, 0), None);
        assert_eq!(cycle_colour(Some(Colour::Red)), None);
        assert_eq!(cycle_colour(None), Some(Colour::Green));
    }
}

//! The people list's filters: colour at the clock, tag, venue visited, the official who
//! changed their code, search.

use serde::{Deserialize, Serialize};

use crate::engine::World;
use crate::scenario::Time;
use crate::scenario::catalog::OfficialIx;
use crate::scenario::expand::{Occurrence, PersonIx};
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
    pub fn apply(&self, world: &World, clock: Time) -> Vec<PersonIx> {
        let needle = self.query.to_lowercase();
        let operator_people = self.official.map(|op| {
            let mut people: Vec<PersonIx> = world
                .ledger
                .by_official(op)
                .iter()
                .filter_map(|&id| world.ledger.get(id))
                .filter(|e| e.at <= clock)
                .map(|e| e.person)
                .collect();
            people.sort_unstable();
            people.dedup();
            people
        });
        (0..world.person_count() as u32)
            .map(PersonIx)
            .filter(|&p| {
                let record = &world.roster.people[p.ix()];
                if let Some(tag) = self.tag
                    && !record.tags.contains(&tag)
                {
                    return false;
                }
                if let Some(people) = &operator_people
                    && people.binary_search(&p).is_err()
                {
                    return false;
                }
                if !needle.is_empty() && !matches_query(&record.name, &record.id, &needle) {
                    return false;
                }
                if let Some(colour) = self.colour
                    && world.ledger.colour_at(p, 0, clock) != colour
                {
                    return false;
                }
                if let Some(venue) = self.venue {
                    let visited = world.records_until(p, clock).iter().any(|&r| {
                        matches!(world.timeline[r.ix()].what, Occurrence::Scan { venue: v, .. } if v == venue)
                    });
                    if !visited {
                        return false;
                    }
                }
                true
            })
            .collect()
    }
}

/// Whether a name or id contains a lower-case search text, ignoring case. Searching runs
/// on every keystroke over every person, so the common ASCII case allocates nothing.
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

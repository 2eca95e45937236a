//! The people list's filters: colour at the clock, ever red, tag, venue visited, the
//! officials, batches or rules that changed their code, a scan the carrier record
//! contradicts, search. Filters combine (AND); several officials, batches or rules in one
//! filter are a union (OR).

use serde::{Deserialize, Serialize};

use crate::engine::{EntryId, PersonSet, World};
use crate::scenario::Time;
use crate::scenario::catalog::OfficialIx;
use crate::scenario::expand::PersonIx;
use crate::scenario::model::Colour;

/// The filters on the people list. `None`, `false` or an empty list means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleFilter {
    pub colour: Option<Colour>,
    /// Red at any moment up to the clock, not only at it.
    #[serde(default)]
    pub ever_red: bool,
    /// A tag index in the roster.
    pub tag: Option<u16>,
    /// A venue index.
    pub venue: Option<u16>,
    /// Officials: people with a manual entry (or reversal) by any of them.
    #[serde(rename = "operators", default)]
    pub officials: Vec<OfficialIx>,
    /// Batch ids: people changed by any of these batches.
    #[serde(default)]
    pub batches: Vec<String>,
    /// Rule indexes: people changed by any of these rules.
    #[serde(default)]
    pub rules: Vec<u16>,
    /// People with a scan the carrier record nearest before it contradicts.
    #[serde(default)]
    pub contradicted: bool,
    /// Text in the name or id.
    pub query: String,
    /// The code system whose colours the list shows and the colour filter reads; any
    /// system when `None` (the colour filter then passes a person of that colour in any
    /// system, or green in all of them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<u16>,
}

impl PeopleFilter {
    pub fn is_empty(&self) -> bool {
        *self == PeopleFilter::default()
    }

    /// Whether the people who pass can change with the clock (all but tag and search).
    pub fn follows_clock(&self) -> bool {
        let timeless = PeopleFilter {
            tag: self.tag,
            query: self.query.clone(),
            ..PeopleFilter::default()
        };
        *self != timeless
    }

    /// The people that pass, in roster order, as seen at `clock`.
    ///
    /// Each filter is a set from the world's indexes (colours at the clock, first reds,
    /// contradicted scans, tags, venues visited, the ledger's entries by official, batch
    /// and rule, the letters of names), intersected a word of 64 people at a time; only
    /// the people left are read, and only to confirm a search of more than one letter.
    pub fn apply(&self, world: &World, clock: Time) -> Vec<PersonIx> {
        let needle = self.query.to_lowercase();
        let mut sets = self.sets(world, clock);
        let mut exact = true;
        if !needle.is_empty() {
            let (candidates, certain) = world.roster_index.search_candidates(&needle);
            sets.push(candidates);
            exact = certain;
        }
        let Some(mut passing) = sets.pop() else {
            return (0..world.person_count() as u32).map(PersonIx).collect();
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

    /// The filters that are on, in words, in the order they are listed.
    pub fn describe(&self, world: &World) -> Vec<String> {
        let mut words = Vec::new();
        let system = self.system.map(|s| world.system_name(s));
        match (self.colour, system) {
            (Some(c), Some(system)) => words.push(format!("colour {} in {system}", c.name())),
            (Some(c), None) if world.several_systems() => {
                words.push(format!("colour {} in any system", c.name()))
            }
            (Some(c), None) => words.push(format!("colour {}", c.name())),
            (None, Some(system)) => words.push(format!("codes in {system}")),
            (None, None) => {}
        }
        if self.ever_red {
            words.push("ever red".to_owned());
        }
        if let Some(t) = self.tag {
            let tag = world.roster.tags.get(usize::from(t));
            words.push(format!("tag {}", tag.map_or("?", |t| t.as_str())));
        }
        if let Some(v) = self.venue {
            let venue = world.scenario.venues.get(usize::from(v));
            words.push(format!(
                "visited {}",
                venue.map_or("?", |v| v.name.as_str())
            ));
        }
        if !self.officials.is_empty() {
            let names: Vec<&str> = self
                .officials
                .iter()
                .map(|&o| {
                    world
                        .scenario
                        .officials
                        .get(o.ix())
                        .map_or("?", |o| o.name.as_str())
                })
                .collect();
            words.push(format!("touched by {}", names.join(" or ")));
        }
        match self.batches.as_slice() {
            [] => {}
            // Three or more take too long to read out in a title: their count and ends.
            [first, .., last] if self.batches.len() > 2 => {
                let n = self.batches.len();
                words.push(format!("{n} batches {first} … {last}"));
            }
            batches => words.push(format!("batch {}", batches.join(" or "))),
        }
        if !self.rules.is_empty() {
            let names: Vec<&str> = self
                .rules
                .iter()
                .map(|&r| {
                    world
                        .scenario
                        .rules
                        .get(usize::from(r))
                        .map_or("?", |r| r.id.as_str())
                })
                .collect();
            words.push(format!("rule {}", names.join(" or ")));
        }
        if self.contradicted {
            words.push("scan contradicted by the carrier".to_owned());
        }
        if !self.query.is_empty() {
            words.push(format!("\"{}\"", self.query));
        }
        words
    }

    /// How many people pass at `clock`.
    pub fn count(&self, world: &World, clock: Time) -> usize {
        self.apply(world, clock).len()
    }

    /// A set per filter that is on, apart from the search.
    fn sets(&self, world: &World, clock: Time) -> Vec<PersonSet> {
        let index = &world.roster_index;
        let ledger = &world.ledger;
        let mut sets = Vec::new();
        if let Some(tag) = self.tag {
            sets.push(index.tagged(tag));
        }
        if let Some(colour) = self.colour {
            sets.push(match self.system {
                Some(system) => world.people_of_colour_in(system, colour, clock),
                None if world.several_systems() => world.people_of_colour_anywhere(colour, clock),
                None => world.people_of_colour(colour, clock),
            });
        }
        if self.ever_red {
            sets.push(index.ever_red(clock));
        }
        if self.contradicted {
            sets.push(index.contradicted(clock));
        }
        if !self.officials.is_empty() {
            let lists = self.officials.iter().map(|&o| ledger.by_official(o));
            sets.push(changed_by(world, lists, clock));
        }
        if !self.batches.is_empty() {
            let lists = self.batches.iter().map(|b| ledger.by_batch(b));
            sets.push(changed_by(world, lists, clock));
        }
        if !self.rules.is_empty() {
            let lists = self.rules.iter().map(|&r| ledger.by_rule(r));
            sets.push(changed_by(world, lists, clock));
        }
        if let Some(venue) = self.venue {
            sets.push(index.visited(venue, clock));
        }
        sets
    }
}

/// People with an entry in any of the lists at or before `clock`. Each list is in ledger
/// order, which is time order, so the cost is the entries read, not the population.
fn changed_by<'a>(
    world: &World,
    lists: impl Iterator<Item = &'a [EntryId]>,
    clock: Time,
) -> PersonSet {
    let ledger = &world.ledger;
    let mut people = PersonSet::empty(world.person_count());
    for ids in lists {
        let end = ids.partition_point(|&id| ledger.get(id).is_some_and(|e| e.at <= clock));
        for e in ids[..end].iter().filter_map(|&id| ledger.get(id)) {
            people.insert(e.person);
        }
    }
    people
}

/// The next choice of a filter that holds several: the last one chosen moves on to the
/// next option not already chosen; past the last option it is dropped (so a filter of one
/// cycles through every option and back to "any").
pub fn cycle_choice<T: Clone + PartialEq>(chosen: &mut Vec<T>, options: &[T]) {
    let after = match chosen.pop() {
        None => 0,
        Some(last) => options.iter().position(|o| *o == last).map_or(0, |i| i + 1),
    };
    if let Some(next) = options[after.min(options.len())..]
        .iter()
        .find(|o| !chosen.contains(o))
    {
        chosen.push(next.clone());
    }
}

/// Adds one more choice to a filter that holds several: the first option after the last
/// chosen (round to the start) not yet chosen. Whether there was one to add.
pub fn widen_choice<T: Clone + PartialEq>(chosen: &mut Vec<T>, options: &[T]) -> bool {
    let start = chosen
        .last()
        .and_then(|last| options.iter().position(|o| o == last))
        .map_or(0, |i| i + 1);
    let next = options[start.min(options.len())..]
        .iter()
        .chain(&options[..start.min(options.len())])
        .find(|o| !chosen.contains(o));
    match next {
        Some(next) => {
            chosen.push(next.clone());
            true
        }
        None => false,
    }
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

/// The next system of the people list: any, then each system in play, then any again.
pub fn cycle_system(current: Option<u16>, in_play: &[u16]) -> Option<u16> {
    let next = match current {
        None => 0,
        Some(s) => in_play
            .iter()
            .position(|&p| p == s)
            .map_or(in_play.len(), |i| i + 1),
    };
    in_play.get(next).copied()
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
    fn the_system_cycles_through_those_in_play_and_back_to_any() {
        let in_play = [0, 2];
        assert_eq!(cycle_system(None, &in_play), Some(0));
        assert_eq!(cycle_system(Some(0), &in_play), Some(2));
        assert_eq!(cycle_system(Some(2), &in_play), None);
        assert_eq!(cycle_system(Some(1), &in_play), None);
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

    #[test]
    fn choices_cycle_one_at_a_time_and_widen_into_a_union() {
        let options = ["a", "b", "c"];
        let mut chosen: Vec<&str> = Vec::new();
        cycle_choice(&mut chosen, &options);
        assert_eq!(chosen, ["a"]);
        cycle_choice(&mut chosen, &options);
        assert_eq!(chosen, ["b"]);
        assert!(widen_choice(&mut chosen, &options));
        assert_eq!(chosen, ["b", "c"]);
        assert!(widen_choice(&mut chosen, &options));
        assert_eq!(chosen, ["b", "c", "a"]);
        assert!(!widen_choice(&mut chosen, &options), "all chosen");
        // The last chosen moves on past the others, and off the end it is dropped.
        let mut chosen = vec!["a", "b"];
        cycle_choice(&mut chosen, &options);
        assert_eq!(chosen, ["a", "c"]);
        cycle_choice(&mut chosen, &options);
        assert_eq!(chosen, ["a"]);
        let mut none: Vec<&str> = Vec::new();
        cycle_choice(&mut none, &[]);
        assert!(none.is_empty() && !widen_choice(&mut none, &[]));
    }
}

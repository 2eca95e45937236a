//! The indexes behind the console agree with asking the ledger person by person and entry
//! by entry, on the built-in scenario and on a small synthetic city.

use redcode::audit::people::{PeopleFilter, matches_query};
use std::collections::BTreeSet;

use redcode::engine::{Cause, EntryId, World};
use redcode::open::{open, open_loaded};
use redcode::scenario::Time;
use redcode::scenario::catalog::OfficialIx;
use redcode::scenario::expand::{Occurrence, PersonIx};
use redcode::scenario::load::parse_str;
use redcode::scenario::model::Colour;
use redcode::testkit::scale::scenario_text;

fn worlds() -> Vec<World> {
    let city = parse_str("scale.ron", scenario_text(1)).expect("the city parses");
    vec![
        open(None, None).expect("the built-in scenario opens").world,
        open_loaded(city, None).expect("the city opens").world,
    ]
}

/// Every hour of the scenario and the moments of a few hundred entries either side.
fn moments(world: &World) -> Vec<Time> {
    let mut at = vec![world.scenario.start, world.scenario.end];
    at.extend(world.ledger.hourly().iter().map(|h| h.hour));
    let entries = world.ledger.entries();
    let step = (entries.len() / 300).max(1);
    for e in entries.iter().step_by(step) {
        at.extend([e.at.plus_minutes(-1), e.at, e.at.plus_minutes(1)]);
    }
    at
}

/// The people list as it was computed before the indexes: every person, one by one.
fn filter_by_hand(f: &PeopleFilter, world: &World, clock: Time) -> Vec<PersonIx> {
    let needle = f.query.to_lowercase();
    let changed = |ids: Vec<EntryId>| -> BTreeSet<PersonIx> {
        ids.iter()
            .map(|&id| world.ledger.get(id).unwrap())
            .filter(|e| e.at <= clock)
            .map(|e| e.person)
            .collect()
    };
    let officials = changed(
        f.officials
            .iter()
            .flat_map(|&o| world.ledger.by_official(o).to_vec())
            .collect(),
    );
    let batches = changed(
        f.batches
            .iter()
            .flat_map(|b| world.ledger.by_batch(b).to_vec())
            .collect(),
    );
    let rules = changed(
        world
            .ledger
            .entries()
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                matches!(e.cause, Cause::Rule { rule, .. } | Cause::Lift { rule, .. }
                    if f.rules.contains(&rule))
            })
            .map(|(i, _)| EntryId(i as u32))
            .collect(),
    );
    (0..world.person_count() as u32)
        .map(PersonIx)
        .filter(|&p| {
            let record = &world.roster.people[p.ix()];
            f.tag.is_none_or(|t| record.tags.contains(&t))
                && (f.officials.is_empty() || officials.contains(&p))
                && (f.batches.is_empty() || batches.contains(&p))
                && (f.rules.is_empty() || rules.contains(&p))
                && (!f.ever_red
                    || world.ledger.history(p).iter().any(|&id| {
                        let e = world.ledger.get(id).unwrap();
                        e.at <= clock && e.system == 0 && e.to == Colour::Red
                    }))
                && (!f.contradicted
                    || world
                        .records_until(p, clock)
                        .iter()
                        .any(|&r| world.scan_place(r).is_some_and(|place| place.remote)))
                && (needle.is_empty() || matches_query(&record.name, &record.id, &needle))
                && f.colour
                    .is_none_or(|c| world.ledger.colour_at(p, 0, clock) == c)
                && f.venue.is_none_or(|v| {
                    world.records_until(p, clock).iter().any(|&r| {
                        matches!(world.timeline[r.ix()].what,
                            Occurrence::Scan { venue, .. } if venue == v)
                    })
                })
        })
        .collect()
}

#[test]
fn everyone_of_a_colour_is_who_the_ledger_says() {
    for world in worlds() {
        for at in moments(&world).into_iter().step_by(3) {
            let mut counts = [0u32; 3];
            for colour in [Colour::Green, Colour::Yellow, Colour::Red] {
                let set = world.people_of_colour(colour, at);
                for p in (0..world.person_count() as u32).map(PersonIx) {
                    let own = world.ledger.colour_at(p, 0, at);
                    assert_eq!(set.contains(p), own == colour, "{p} at {at}");
                }
                counts[colour as usize] = set.len() as u32;
            }
            assert_eq!(world.counts_by_system(at)[0], counts, "at {at}");
        }
    }
}

#[test]
fn counts_by_system_are_the_latest_colour_of_each_person_in_each_system() {
    for world in worlds() {
        for at in moments(&world).into_iter().step_by(7) {
            let systems = world.scenario.systems.len();
            let mut latest = std::collections::BTreeMap::new();
            for e in world.ledger.entries().iter().take_while(|e| e.at <= at) {
                latest.insert((e.person, e.system), e.to);
            }
            let mut counts = vec![[0u32; 3]; systems];
            for ((_, system), colour) in latest {
                counts[system as usize][colour as usize] += 1;
            }
            for c in &mut counts {
                c[0] = world.person_count() as u32 - c[1] - c[2];
            }
            assert_eq!(world.counts_by_system(at), counts, "at {at}");
        }
    }
}

#[test]
fn manual_and_rule_counts_are_the_entries_up_to_the_moment() {
    for world in worlds() {
        for at in moments(&world).into_iter().step_by(11) {
            for op in (0..world.scenario.officials.len() as u16).map(OfficialIx) {
                let mut counts = [0u32; 3];
                for &id in world.ledger.by_official(op) {
                    let e = world.ledger.get(id).unwrap();
                    if e.at <= at && matches!(e.cause, Cause::Manual { .. }) {
                        counts[e.to as usize] += 1;
                    }
                }
                assert_eq!(world.manual_counts_by(op, at), counts, "{op} at {at}");
            }
            let rules = world
                .ledger
                .entries()
                .iter()
                .filter(|e| e.at <= at && matches!(e.cause, Cause::Rule { .. }))
                .count();
            assert_eq!(world.rule_changes_until(at), rules, "at {at}");
        }
    }
}

#[test]
fn the_people_list_is_the_same_as_filtering_everyone_by_hand() {
    for world in worlds() {
        let times = moments(&world);
        let times: Vec<Time> = times.iter().step_by(times.len() / 6).copied().collect();
        let mut filters = Vec::new();
        for query in ["", "w", "wa", "lin x", "LIN-XIU", "dep-", "林", "zz", "qqq"] {
            for colour in [None, Some(Colour::Green), Some(Colour::Red)] {
                filters.push(PeopleFilter {
                    colour,
                    query: query.to_owned(),
                    ..PeopleFilter::default()
                });
            }
        }
        for tag in [0, 1, 999] {
            filters.push(PeopleFilter {
                tag: Some(tag),
                colour: Some(Colour::Yellow),
                ..PeopleFilter::default()
            });
        }
        for venue in [0, 3, 8, 999] {
            filters.push(PeopleFilter {
                venue: Some(venue),
                ..PeopleFilter::default()
            });
        }
        for operator in world
            .ledger
            .officials_who_changed_codes()
            .chain([OfficialIx(999)])
        {
            filters.push(PeopleFilter {
                officials: vec![operator],
                query: "a".to_owned(),
                ..PeopleFilter::default()
            });
        }
        let officials: Vec<OfficialIx> = world.ledger.officials_who_changed_codes().collect();
        filters.push(PeopleFilter {
            officials,
            ever_red: true,
            ..PeopleFilter::default()
        });
        let batches: Vec<String> = world.ledger.batches().map(str::to_owned).collect();
        for b in batches.iter().take(2) {
            filters.push(PeopleFilter {
                batches: vec![b.clone()],
                contradicted: true,
                ..PeopleFilter::default()
            });
        }
        filters.push(PeopleFilter {
            batches: batches.clone(),
            colour: Some(Colour::Red),
            ..PeopleFilter::default()
        });
        for rules in [vec![0], vec![0, 1], vec![999]] {
            filters.push(PeopleFilter {
                rules,
                ..PeopleFilter::default()
            });
        }
        filters.push(PeopleFilter {
            contradicted: true,
            tag: Some(0),
            ..PeopleFilter::default()
        });
        filters.push(PeopleFilter {
            ever_red: true,
            query: "w".to_owned(),
            ..PeopleFilter::default()
        });
        for f in &filters {
            for &at in &times {
                assert_eq!(
                    f.apply(&world, at),
                    filter_by_hand(f, &world, at),
                    "{f:?} at {at}"
                );
            }
        }
    }
}

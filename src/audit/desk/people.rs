//! The people room: the filters on the list of everyone and the rows they let through.
//! The filtering itself is `audit::people`; this room holds its result and keeps it current.

use serde::Serialize;

use crate::engine::World;
use crate::scenario::catalog::OfficialIx;
use crate::scenario::expand::PersonIx;

use super::super::action::{Action, Screen};
use super::super::people::{PeopleFilter, cycle, cycle_colour};
use super::Desk;

/// The people filter and the people it lets through at the clock.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct People {
    filter: PeopleFilter,
    rows: Vec<PersonIx>,
}

impl People {
    pub(super) fn new(world: &World, clock: crate::scenario::Time) -> People {
        let filter = PeopleFilter::default();
        let rows = filter.apply(world, clock);
        People { filter, rows }
    }
}

impl Desk {
    /// The filters on the people list.
    pub fn people_filter(&self) -> &PeopleFilter {
        &self.people.filter
    }

    /// The people the filters let through, in roster order.
    pub fn people_rows(&self) -> &[PersonIx] {
        &self.people.rows
    }

    /// The search text of the people list.
    pub(super) fn people_query(&self) -> &str {
        &self.people.filter.query
    }

    /// Changes one filter (the filter actions) and goes back to the list's top.
    pub(super) fn change_filter(&mut self, world: &World, action: &Action) {
        let filter = &mut self.people.filter;
        match action {
            Action::CycleColourFilter => filter.colour = cycle_colour(filter.colour),
            Action::CycleTagFilter => filter.tag = cycle(filter.tag, world.roster.tags.len()),
            Action::CycleVenueFilter => {
                filter.venue = cycle(filter.venue, world.scenario.venues.len())
            }
            Action::CycleOperatorFilter => {
                let officials: Vec<OfficialIx> =
                    world.ledger.officials_who_changed_codes().collect();
                let pos = filter
                    .official
                    .and_then(|o| officials.iter().position(|&x| x == o))
                    .map(|p| p as u16);
                filter.official = cycle(pos, officials.len()).map(|i| officials[i as usize]);
            }
            _ => *filter = PeopleFilter::default(),
        }
        self.after_filter(world);
    }

    /// Shows the people one official touched (opening a row of the operators room).
    pub(super) fn filter_by_official(&mut self, world: &World, official: OfficialIx) {
        self.people.filter = PeopleFilter {
            official: Some(official),
            ..PeopleFilter::default()
        };
        self.after_filter(world);
        self.show(Screen::People);
    }

    fn after_filter(&mut self, world: &World) {
        self.refresh_people(world);
        self.select(Screen::People, 0);
        self.tip_done(Screen::People);
    }

    /// The search as typed so far.
    pub(super) fn search_people(&mut self, world: &World, text: &str) {
        // The filter answers from the roster's indexes, so every keystroke costs what the
        // rows found cost, not the population.
        self.people.filter.query = text.to_owned();
        self.refresh_people(world);
    }

    /// Only the filters that depend on the clock need the list made again.
    pub(super) fn people_after_clock(&mut self, world: &World) {
        let f = &self.people.filter;
        if f.colour.is_some() || f.venue.is_some() || f.official.is_some() {
            self.refresh_people(world);
        }
    }

    fn refresh_people(&mut self, world: &World) {
        self.people.rows = self.people.filter.apply(world, self.clock());
        self.clamp_selections(world);
    }

    pub(super) fn selected_in_people(&self) -> Option<PersonIx> {
        self.people.rows.get(self.selected(Screen::People)).copied()
    }
}

//! The people room: the filters on the list of everyone and the rows they let through.
//! The filtering itself is `audit::people`; this room holds its result, keeps it current,
//! and remembers which filter of several choices (officials, batches, rules) was changed
//! last, so that widening it adds one more to that union.

use serde::Serialize;

use crate::engine::World;
use crate::scenario::Time;
use crate::scenario::catalog::OfficialIx;
use crate::scenario::expand::PersonIx;

use super::super::action::{Action, Screen};
use super::super::people::{
    PeopleFilter, cycle, cycle_choice, cycle_colour, cycle_system, widen_choice,
};
use super::Desk;

/// The people filter and the people it lets through at the clock.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct People {
    filter: PeopleFilter,
    rows: Vec<PersonIx>,
    /// The filter of several choices changed last: what `WidenFilter` widens.
    last_choice: Option<Choice>,
}

/// The filters that hold several choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
enum Choice {
    Officials,
    Batches,
    Rules,
}

impl People {
    pub(super) fn new(world: &World, clock: crate::scenario::Time) -> People {
        let filter = PeopleFilter::default();
        let rows = filter.apply(world, clock);
        People {
            filter,
            rows,
            last_choice: None,
        }
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
        let clock = self.clock();
        let filter = &mut self.people.filter;
        let mut choice = None;
        match action {
            Action::CycleColourFilter => filter.colour = cycle_colour(filter.colour),
            Action::CycleTagFilter => filter.tag = cycle(filter.tag, world.roster.tags.len()),
            Action::CycleVenueFilter => {
                filter.venue = cycle(filter.venue, world.scenario.venues.len())
            }
            Action::ToggleEverRed => filter.ever_red = !filter.ever_red,
            Action::ToggleContradictedFilter => filter.contradicted = !filter.contradicted,
            Action::CycleOperatorFilter => choice = Some(Choice::Officials),
            Action::CycleBatchFilter => choice = Some(Choice::Batches),
            Action::CycleRuleFilter => choice = Some(Choice::Rules),
            Action::WidenFilter => return self.widen_filter(world),
            Action::CycleSystemFilter => {
                filter.system = cycle_system(filter.system, world.systems_in_play())
            }
            _ => {
                *filter = PeopleFilter::default();
                self.people.last_choice = None;
            }
        }
        if let Some(choice) = choice {
            let filter = &mut self.people.filter;
            match choice {
                Choice::Officials => cycle_choice(&mut filter.officials, &officials(world)),
                Choice::Batches => cycle_choice(&mut filter.batches, &batches(world, clock)),
                Choice::Rules => cycle_choice(&mut filter.rules, &rules(world)),
            }
            self.people.last_choice = Some(choice);
        }
        self.after_filter(world);
    }

    /// Adds one more official, batch or rule to the filter of those changed last: a union.
    fn widen_filter(&mut self, world: &World) {
        let clock = self.clock();
        let filter = &mut self.people.filter;
        let widened = match self.people.last_choice {
            Some(Choice::Officials) => widen_choice(&mut filter.officials, &officials(world)),
            Some(Choice::Batches) => widen_choice(&mut filter.batches, &batches(world, clock)),
            Some(Choice::Rules) => widen_choice(&mut filter.rules, &rules(world)),
            None => {
                self.say("Choose an operator, batch or rule to filter by first.");
                return;
            }
        };
        if !widened {
            self.say("Every choice of that filter is in it already.");
        }
        self.after_filter(world);
    }

    /// Shows the people one official touched (opening a row of the operators room).
    pub(super) fn filter_by_official(&mut self, world: &World, official: OfficialIx) {
        self.people.filter = PeopleFilter {
            officials: vec![official],
            ..PeopleFilter::default()
        };
        self.people.last_choice = Some(Choice::Officials);
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
        if self.people.filter.follows_clock() {
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

/// The officials a filter may choose: those who changed codes by hand.
fn officials(world: &World) -> Vec<OfficialIx> {
    world.ledger.officials_who_changed_codes().collect()
}

/// The batches a filter may choose: those run by the clock, in the order they ran.
fn batches(world: &World, clock: Time) -> Vec<String> {
    world
        .batches_until(clock)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// The rules a filter may choose: every rule of the scenario.
fn rules(world: &World) -> Vec<u16> {
    (0..world.scenario.rules.len() as u16).collect()
}

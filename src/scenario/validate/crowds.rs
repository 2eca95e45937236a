//! Crowds: what each asks expansion for, its itinerary, and the totals they generate.

use super::ids::Kind;
use super::{Checker, MAX_CROWD, MAX_GENERATED_PEOPLE, MAX_GENERATED_RECORDS, item};
use crate::scenario::load::Step::{Field, Item};
use crate::scenario::model::{Crowd, StepAction};

impl<'a> Checker<'a> {
    pub(super) fn check_crowds(&mut self) {
        let mut people = 0u64;
        let mut records = 0u64;
        for (i, crowd) in self.scenario.crowds.iter().enumerate() {
            self.check_crowd_asks(i, crowd);
            self.check_itinerary(i, crowd);
            let at = item("crowds", i);
            for city in &crowd.home_cities {
                self.reference(Kind::City, &at, "home_cities", city);
            }
            for list in &crowd.lists {
                self.reference(Kind::List, &at, "lists", list);
            }
            self.check_prefix(i, crowd);
            // A crowd over its own limit is reported above; the totals count it at the limit.
            let count = crowd.count.min(MAX_CROWD);
            let made = u64::from(count) + u64::from(crowd.companions.min(count));
            people += made;
            records += made * crowd.itinerary.len() as u64;
        }
        self.check_generated_totals(people, records);
    }

    /// What one crowd asks expansion for: a count it can make, names and homes to choose
    /// from, an itinerary, and a start window inside the scenario.
    fn check_crowd_asks(&mut self, index: usize, crowd: &Crowd) {
        let s = self.scenario;
        let at = item("crowds", index);
        let id = crowd.id.as_str();
        let problem = |checker: &mut Self, key: &str, message: String| {
            checker.error(&at, key, "", format!("crowd `{id}` {message}"));
        };
        if crowd.count == 0 || crowd.count > MAX_CROWD {
            problem(
                self,
                "count",
                format!(
                    "asks for {} people; it can make 1 to {MAX_CROWD}",
                    crowd.count
                ),
            );
        }
        if crowd.companions > crowd.count {
            problem(
                self,
                "companions",
                format!(
                    "asks for {} companions for {} people",
                    crowd.companions, crowd.count
                ),
            );
        }
        if crowd.surnames.is_empty() {
            problem(
                self,
                "surnames",
                "has no surnames to choose from".to_owned(),
            );
        }
        if crowd.given_names.is_empty() {
            problem(
                self,
                "given_names",
                "has no given names to choose from".to_owned(),
            );
        }
        if crowd.home_cities.is_empty() {
            problem(
                self,
                "home_cities",
                "has no home cities to choose from".to_owned(),
            );
        }
        if crowd.itinerary.is_empty() {
            problem(self, "itinerary", "has an empty itinerary".to_owned());
        }
        if crowd.start_from > crowd.start_to {
            problem(
                self,
                "start_to",
                "starts its window after it ends".to_owned(),
            );
        }
        if crowd.start_from < s.start && s.start < s.end {
            problem(
                self,
                "start_from",
                format!(
                    "starts at {}, before the scenario does ({})",
                    crowd.start_from, s.start
                ),
            );
        }
    }

    /// Each itinerary step: its delays in order, reachable before the scenario ends, and
    /// the places it names.
    fn check_itinerary(&mut self, index: usize, crowd: &Crowd) {
        let s = self.scenario;
        let id = crowd.id.as_str();
        let mut latest = crowd.start_to;
        let mut past_end = false;
        for (j, step) in crowd.itinerary.iter().enumerate() {
            let step_at = [Field("crowds"), Item(index), Field("itinerary"), Item(j)];
            if step.delay_min > step.delay_max {
                self.error(
                    &step_at,
                    "delay_min",
                    "",
                    format!(
                        "crowd `{id}` has a step whose delay_min {} exceeds its delay_max {}",
                        step.delay_min, step.delay_max
                    ),
                );
            }
            latest = latest.plus_minutes(i64::from(step.delay_max.max(step.delay_min)));
            if latest > s.end && !past_end && s.start < s.end {
                past_end = true;
                self.error(
                    &step_at,
                    "delay_max",
                    "",
                    format!(
                        "crowd `{id}` can reach this step as late as {latest}, after the scenario ends ({})",
                        s.end
                    ),
                );
            }
            match &step.action {
                StepAction::ArrivalForm { city, .. } => {
                    self.reference(Kind::City, &step_at, "city", city)
                }
                StepAction::Scan { venues } => {
                    if venues.is_empty() {
                        self.error(
                            &step_at,
                            "venues",
                            "",
                            format!("crowd `{id}` has a scan step with no venues"),
                        );
                    }
                    for venue in venues {
                        self.reference(Kind::Venue, &step_at, "venues", venue);
                    }
                }
                StepAction::Carrier { city: Some(city) } => {
                    self.reference(Kind::City, &step_at, "city", city)
                }
                StepAction::Carrier { city: None } | StepAction::Test { .. } => {}
            }
        }
    }

    /// All crowds together stay within what a city may hold.
    fn check_generated_totals(&mut self, people: u64, records: u64) {
        if people > MAX_GENERATED_PEOPLE {
            self.error(
                &[],
                "crowds",
                "",
                format!("the crowds generate {people} people; the most they may is {MAX_GENERATED_PEOPLE}"),
            );
        }
        if records > MAX_GENERATED_RECORDS {
            self.error(
                &[],
                "crowds",
                "",
                format!(
                    "the crowds generate {records} records; the most they may is {MAX_GENERATED_RECORDS}"
                ),
            );
        }
    }

    /// A crowd needs a prefix for its ids. Crowds may share one: their people then draw
    /// numbers from one shuffled pool, so no id tells which crowd made its person.
    fn check_prefix(&mut self, index: usize, crowd: &Crowd) {
        if crowd.id_prefix.trim().is_empty() {
            self.error(
                &item("crowds", index),
                "id_prefix",
                "",
                format!("crowd `{}` has an empty id_prefix", crowd.id),
            );
        }
    }
}

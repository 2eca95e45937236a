//! Sizes the engine can hold, and the scenario's time window.

use std::collections::BTreeSet;

use super::{Checker, MAX_OF_A_KIND, MAX_RULES, MAX_SCENARIO_DAYS, MAX_TAGS, item};
use crate::scenario::load::Step;
use crate::scenario::time::{MINUTES_PER_DAY, Time};

impl<'a> Checker<'a> {
    /// Lists longer than the engine can number with 16 bits, and rule sets longer than
    /// [`MAX_RULES`], are refused at their first extra item.
    pub(super) fn check_sizes(&mut self) {
        let s = self.scenario;
        let lists = [
            ("systems", s.systems.len()),
            ("cities", s.cities.len()),
            ("districts", s.districts.len()),
            ("venues", s.venues.len()),
            ("rules", s.rules.len()),
            ("reasons", s.reasons.len()),
            ("roles", s.roles.len()),
            ("officials", s.officials.len()),
            ("lists", s.lists.len()),
            ("documents", s.documents.len()),
        ];
        for (list, len) in lists {
            let most = if list == "rules" {
                MAX_RULES
            } else {
                MAX_OF_A_KIND
            };
            if len > most {
                self.error(
                    &item(list, most),
                    "",
                    "",
                    format!("`{list}` holds {len} items; the most it may hold is {most}"),
                );
            }
        }
        let mut tags: BTreeSet<&str> = BTreeSet::new();
        let people_tags = s.people.iter().flat_map(|p| &p.tags);
        let crowd_tags = s
            .crowds
            .iter()
            .flat_map(|c| c.tags.iter().chain(&c.one_of_tags).chain(&c.companion_tags));
        for tag in people_tags.chain(crowd_tags) {
            tags.insert(tag);
            if tags.len() > MAX_TAGS {
                self.error(
                    &[],
                    "tags",
                    tag,
                    format!("the scenario uses more than {MAX_TAGS} distinct tags"),
                );
                break;
            }
        }
    }

    pub(super) fn check_window(&mut self) {
        let s = self.scenario;
        if s.start >= s.end {
            self.error(
                &[],
                "end",
                "",
                format!(
                    "the scenario ends ({}) before it starts ({})",
                    s.end, s.start
                ),
            );
        } else if s.end.0 - s.start.0 > MAX_SCENARIO_DAYS * MINUTES_PER_DAY {
            self.error(
                &[],
                "end",
                "",
                format!(
                    "the scenario runs from {} to {}; it may run at most {MAX_SCENARIO_DAYS} days",
                    s.start, s.end
                ),
            );
        }
        if s.systems.is_empty() {
            self.error(
                &[],
                "systems",
                "",
                "a scenario needs at least one code system".to_owned(),
            );
        }
    }

    /// Whether a time falls in the scenario. When the window itself is wrong that is the one
    /// error reported, rather than one for every event it would put outside.
    fn within(&self, time: Time) -> bool {
        let s = self.scenario;
        s.start >= s.end || (time >= s.start && time <= s.end)
    }

    pub(super) fn out_of_window(&mut self, path: &[Step], key: &str, time: Time, what: &str) {
        if !self.within(time) {
            let s = self.scenario;
            self.error(
                path,
                key,
                "",
                format!(
                    "{what} at {time} falls outside the scenario ({} to {})",
                    s.start, s.end
                ),
            );
        }
    }
}

//! Each person's negative tests, grouped once: what the lifting rules count.

use crate::scenario::expand::{Occurrence, PersonIx, TimelineEvent};
use crate::scenario::time::Time;

use super::ledger::TimelineIx;

/// Each person's negative tests as (time, timeline position), in timeline order: what the
/// lifting rules count, kept together so that a test reads a few bytes rather than every
/// record about the person scattered over the timeline.
#[derive(Debug, Default)]
pub struct NegativeTests {
    offsets: Vec<u32>,
    tests: Vec<(Time, TimelineIx)>,
}

impl NegativeTests {
    pub fn build(timeline: &[TimelineEvent], people: usize) -> NegativeTests {
        let negative = |h: &TimelineEvent| match h.what {
            Occurrence::Test {
                person,
                positive: false,
            } => Some(person.ix()),
            _ => None,
        };
        let mut offsets = vec![0u32; people + 1];
        for person in timeline.iter().filter_map(negative) {
            offsets[person + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut next = offsets.clone();
        let mut tests = vec![(Time(0), TimelineIx(0)); offsets[people] as usize];
        for (ix, h) in timeline.iter().enumerate() {
            if let Some(person) = negative(h) {
                tests[next[person] as usize] = (h.at, TimelineIx(ix as u32));
                next[person] += 1;
            }
        }
        NegativeTests { offsets, tests }
    }

    pub fn of(&self, person: PersonIx) -> &[(Time, TimelineIx)] {
        let person = person.ix();
        match (self.offsets.get(person), self.offsets.get(person + 1)) {
            (Some(&a), Some(&b)) => &self.tests[a as usize..b as usize],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::Transport;

    fn test(at: i64, person: PersonIx, positive: bool) -> TimelineEvent {
        TimelineEvent {
            at: Time(at),
            what: Occurrence::Test { person, positive },
        }
    }

    #[test]
    fn negative_tests_are_grouped_by_person_in_timeline_order() {
        let timeline = [
            test(1, PersonIx(2), false),
            TimelineEvent {
                at: Time(2),
                what: Occurrence::ArrivalForm {
                    person: PersonIx(0),
                    city: 0,
                    transport: Transport::Train,
                },
            },
            test(3, PersonIx(0), false),
            test(4, PersonIx(2), true),
            test(5, PersonIx(2), false),
            TimelineEvent {
                at: Time(6),
                what: Occurrence::Scripted(0),
            },
            test(7, PersonIx(0), false),
        ];
        let tests = NegativeTests::build(&timeline, 4);
        assert_eq!(
            tests.of(PersonIx(0)),
            &[(Time(3), TimelineIx(2)), (Time(7), TimelineIx(6))]
        );
        assert!(tests.of(PersonIx(1)).is_empty());
        assert_eq!(
            tests.of(PersonIx(2)),
            &[(Time(1), TimelineIx(0)), (Time(5), TimelineIx(4))]
        );
        assert!(tests.of(PersonIx(3)).is_empty());
        assert!(tests.of(PersonIx(99)).is_empty());
        assert!(NegativeTests::default().of(PersonIx(0)).is_empty());
    }
}

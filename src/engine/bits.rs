//! Sets of people as bits, one per person in roster order. The people list's filters are
//! intersections of these sets, sixty-four people to a machine word.

use crate::scenario::expand::PersonIx;

/// A set of people out of a roster of a known size.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonSet {
    words: Vec<u64>,
    people: usize,
}

impl PersonSet {
    /// No one, out of `people`.
    pub fn empty(people: usize) -> PersonSet {
        PersonSet {
            words: vec![0; people.div_ceil(64)],
            people,
        }
    }

    /// Everyone, out of `people`.
    pub fn full(people: usize) -> PersonSet {
        let mut words = vec![u64::MAX; people.div_ceil(64)];
        if let Some(last) = words.last_mut()
            && !people.is_multiple_of(64)
        {
            *last = (1u64 << (people % 64)) - 1;
        }
        PersonSet { words, people }
    }

    /// Adds a person; people outside the roster are ignored.
    pub fn insert(&mut self, person: PersonIx) {
        let p = person.ix();
        if p < self.people {
            self.words[p / 64] |= 1 << (p % 64);
        }
    }

    pub fn remove(&mut self, person: PersonIx) {
        let p = person.ix();
        if p < self.people {
            self.words[p / 64] &= !(1 << (p % 64));
        }
    }

    pub fn contains(&self, person: PersonIx) -> bool {
        let p = person.ix();
        p < self.people && self.words[p / 64] & (1 << (p % 64)) != 0
    }

    /// Keeps only the people also in `other`.
    pub fn intersect(&mut self, other: &PersonSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
        let shared = other.words.len().min(self.words.len());
        self.words[shared..].fill(0);
    }

    /// Adds the people in `other`.
    pub fn unite(&mut self, other: &PersonSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    /// Removes the people in `other`.
    pub fn subtract(&mut self, other: &PersonSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= !b;
        }
    }

    /// How many people are in the set.
    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }

    /// The people in the set, in roster order.
    pub fn iter(&self) -> impl Iterator<Item = PersonIx> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let bit = rest.trailing_zeros();
                rest &= rest - 1;
                Some(PersonIx((i * 64) as u32 + bit))
            })
        })
    }

    /// The people in the set, in roster order, as a list.
    pub fn to_vec(&self) -> Vec<PersonIx> {
        let mut people = Vec::with_capacity(self.len());
        people.extend(self.iter());
        people
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(ixs: &[u32]) -> Vec<PersonIx> {
        ixs.iter().copied().map(PersonIx).collect()
    }

    #[test]
    fn sets_hold_exactly_what_was_put_in_them() {
        let mut set = PersonSet::empty(130);
        for p in people(&[0, 63, 64, 129, 500]) {
            set.insert(p);
        }
        assert_eq!(set.to_vec(), people(&[0, 63, 64, 129]));
        assert!(
            set.contains(PersonIx(63))
                && !set.contains(PersonIx(62))
                && !set.contains(PersonIx(500))
        );
        set.remove(PersonIx(63));
        assert_eq!(set.len(), 3);
        assert!(!set.is_empty() && PersonSet::empty(10).is_empty());
    }

    #[test]
    fn the_full_set_is_the_roster_and_nothing_past_it() {
        for people in [0, 1, 63, 64, 65, 200] {
            let full = PersonSet::full(people);
            assert_eq!(
                full.to_vec(),
                (0..people as u32).map(PersonIx).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn intersection_and_difference_work_word_by_word() {
        let mut a = PersonSet::full(100);
        let mut b = PersonSet::empty(100);
        for p in people(&[1, 70, 99]) {
            b.insert(p);
        }
        let mut c = a.clone();
        c.intersect(&b);
        assert_eq!(c.to_vec(), people(&[1, 70, 99]));
        a.subtract(&b);
        assert_eq!(a.len(), 97);
        assert!(!a.contains(PersonIx(70)) && a.contains(PersonIx(71)));
    }
}

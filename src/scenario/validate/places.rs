//! Code systems, cities, districts and venues: what each refers to.

use super::ids::Kind;
use super::{Checker, item};

impl<'a> Checker<'a> {
    pub(super) fn check_places(&mut self) {
        let s = self.scenario;
        for (i, system) in s.systems.iter().enumerate() {
            for other in &system.honours {
                self.reference(Kind::System, &item("systems", i), "honours", other);
            }
        }
        for (i, city) in s.cities.iter().enumerate() {
            self.reference(Kind::System, &item("cities", i), "system", &city.system);
        }
        for (i, district) in s.districts.iter().enumerate() {
            self.reference(Kind::City, &item("districts", i), "city", &district.city);
        }
        for (i, venue) in s.venues.iter().enumerate() {
            let at = item("venues", i);
            self.reference(Kind::City, &at, "city", &venue.city);
            if let Some(district) = &venue.district {
                self.reference(Kind::District, &at, "district", district);
            }
        }
    }
}

//! Which `AreaStay` rules a scan in a risky district reaches: a rule reads the districts of
//! its own system's cities, or the cities it names, whatever their system. Another city's
//! risk reaches a code only through a rule that names that city.

use crate::scenario::catalog::Catalog;
use crate::scenario::model::{RiskLevel, Scenario, Trigger};

/// One `AreaStay` rule, resolved once.
#[derive(Debug, Clone)]
struct AreaRule {
    rule: u16,
    level: RiskLevel,
    system: u16,
    /// The cities named by the rule, or `None`: the cities of its own system.
    cities: Option<Vec<u16>>,
}

/// The `AreaStay` rules in file order, so rules fire in the order they always have.
#[derive(Debug, Clone, Default)]
pub struct AreaRules {
    rules: Vec<AreaRule>,
}

impl AreaRules {
    /// Resolves the rules; `rule_system` is each rule's system by index.
    pub fn new(scenario: &Scenario, catalog: &Catalog, rule_system: &[u16]) -> AreaRules {
        let rules = scenario
            .rules
            .iter()
            .enumerate()
            .filter_map(|(ix, rule)| {
                let Trigger::AreaStay { level, cities } = &rule.trigger else {
                    return None;
                };
                let cities = (!cities.is_empty()).then(|| {
                    cities
                        .iter()
                        .filter_map(|c| catalog.cities.get(c.as_str()).copied())
                        .collect()
                });
                Some(AreaRule {
                    rule: ix as u16,
                    level: *level,
                    system: rule_system.get(ix).copied().unwrap_or(0),
                    cities,
                })
            })
            .collect();
        AreaRules { rules }
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The `k`th area rule, if a scan at `level` in `city` (of `city_system`) reaches it.
    pub fn reached(&self, k: usize, level: RiskLevel, city: u16, city_system: u16) -> Option<u16> {
        let r = self.rules.get(k)?;
        let reaches = r.level == level
            && match &r.cities {
                None => r.system == city_system,
                Some(cities) => cities.contains(&city),
            };
        reaches.then_some(r.rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_reads_its_own_system_s_cities_or_the_cities_it_names() {
        let own = AreaRule {
            rule: 0,
            level: RiskLevel::High,
            system: 0,
            cities: None,
        };
        let named = AreaRule {
            rule: 1,
            level: RiskLevel::Medium,
            system: 0,
            cities: Some(vec![5]),
        };
        let rules = AreaRules {
            rules: vec![own, named],
        };
        // A high-risk district in a city of system 0: the first rule only.
        assert_eq!(rules.reached(0, RiskLevel::High, 2, 0), Some(0));
        assert_eq!(rules.reached(1, RiskLevel::High, 2, 0), None);
        // The same risk in a city of another system reaches no rule of system 0...
        assert_eq!(rules.reached(0, RiskLevel::High, 5, 1), None);
        // ...unless a rule names that city, at its level.
        assert_eq!(rules.reached(1, RiskLevel::Medium, 5, 1), Some(1));
        assert_eq!(rules.reached(1, RiskLevel::Medium, 6, 1), None);
        assert_eq!(rules.reached(2, RiskLevel::Medium, 5, 1), None);
    }
}

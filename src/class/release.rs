//! A release of an inject in a class: which inject, and to whom; and which injects a class
//! that releases them on schedule owes everyone by a minute of its plan.

use crate::scenario::model::Scenario;

/// One release: which inject, and to whom (everyone when `to` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Released {
    pub id: String,
    pub to: Option<String>,
}

impl Released {
    /// Whether this release reaches the student of this name.
    pub fn reaches(&self, name: &str) -> bool {
        self.to.as_deref().is_none_or(|to| to == name)
    }
}

/// The injects whose planned minute has come by `minute` and that have not been released to
/// everyone yet, in the scenario's order.
pub fn due_by(scenario: &Scenario, minute: u64, released: &[Released]) -> Vec<String> {
    scenario
        .injects
        .iter()
        .filter(|i| i.minute.is_some_and(|m| u64::from(m) <= minute))
        .filter(|i| !released.iter().any(|r| r.id == *i.id && r.to.is_none()))
        .map(|i| i.id.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_fall_due_at_their_planned_minute_once() {
        let world = crate::open::open(None, None).unwrap().world;
        let s = &world.scenario;
        assert!(due_by(s, 14, &[]).is_empty());
        assert_eq!(due_by(s, 15, &[]), ["hotline"]);
        assert_eq!(
            due_by(s, 26, &[]),
            ["hotline", "database-error", "province"]
        );
        let hotline = Released {
            id: "hotline".into(),
            to: None,
        };
        let to_one = Released {
            id: "database-error".into(),
            to: Some("ana".into()),
        };
        // A release to one student does not stand for everyone.
        assert_eq!(
            due_by(s, 26, &[hotline, to_one]),
            ["database-error", "province"]
        );
    }

    #[test]
    fn a_release_to_one_reaches_only_them() {
        let everyone = Released {
            id: "hotline".into(),
            to: None,
        };
        let one = Released {
            id: "hotline".into(),
            to: Some("ana".into()),
        };
        assert!(everyone.reaches("ana") && everyone.reaches("bo"));
        assert!(one.reaches("ana") && !one.reaches("bo"));
    }
}

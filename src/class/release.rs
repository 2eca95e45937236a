//! A release of an inject in a class: which inject, and to whom (everyone, one team, one
//! student); and which injects a class that releases them on schedule owes everyone by a
//! minute of its plan.

use std::fmt;

use crate::scenario::model::Scenario;

/// Whom a release is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    Everyone,
    /// Every student of this team, connected now or joining later.
    Team(String),
    /// The student of this name.
    Student(String),
}

impl Audience {
    /// Whether it takes in the student of this name, in this team (if the class plays in
    /// teams).
    pub fn takes_in(&self, name: &str, team: Option<&str>) -> bool {
        match self {
            Audience::Everyone => true,
            Audience::Team(t) => team == Some(t.as_str()),
            Audience::Student(s) => s == name,
        }
    }
}

/// As the console and the class log name it: "everyone", "team red", "Ana".
impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Audience::Everyone => f.write_str("everyone"),
            Audience::Team(team) => write!(f, "team {team}"),
            Audience::Student(name) => f.write_str(name),
        }
    }
}

/// One release: which inject, and to whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Released {
    pub id: String,
    pub to: Audience,
}

impl Released {
    /// Whether this release reaches the student of this name, in this team.
    pub fn reaches(&self, name: &str, team: Option<&str>) -> bool {
        self.to.takes_in(name, team)
    }
}

/// The injects whose planned minute has come by `minute` and that have not been released to
/// everyone yet, in the scenario's order.
pub fn due_by(scenario: &Scenario, minute: u64, released: &[Released]) -> Vec<String> {
    scenario
        .injects
        .iter()
        .filter(|i| i.minute.is_some_and(|m| u64::from(m) <= minute))
        .filter(|i| {
            !released
                .iter()
                .any(|r| r.id == *i.id && r.to == Audience::Everyone)
        })
        .map(|i| i.id.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn release(id: &str, to: Audience) -> Released {
        Released { id: id.into(), to }
    }

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
        let hotline = release("hotline", Audience::Everyone);
        let to_one = release("database-error", Audience::Student("ana".into()));
        let to_team = release("province", Audience::Team("red".into()));
        // A release to one student or one team does not stand for everyone.
        assert_eq!(
            due_by(s, 26, &[hotline, to_one, to_team]),
            ["database-error", "province"]
        );
    }

    #[test]
    fn a_release_reaches_its_audience_only() {
        let everyone = release("hotline", Audience::Everyone);
        let one = release("hotline", Audience::Student("ana".into()));
        let red = release("hotline", Audience::Team("red".into()));
        assert!(everyone.reaches("ana", None) && everyone.reaches("bo", Some("blue")));
        assert!(one.reaches("ana", Some("red")) && !one.reaches("bo", Some("red")));
        assert!(red.reaches("ana", Some("red")) && red.reaches("bo", Some("red")));
        assert!(!red.reaches("cy", Some("blue")), "another team");
        assert!(
            !red.reaches("red", None),
            "a student named like the team is not in it"
        );
        assert!(!red.reaches("dee", Some("redder")), "names match whole");
    }

    #[test]
    fn an_audience_is_named_as_the_console_shows_it() {
        assert_eq!(Audience::Everyone.to_string(), "everyone");
        assert_eq!(Audience::Team("red".into()).to_string(), "team red");
        assert_eq!(Audience::Student("Ana Li".into()).to_string(), "Ana Li");
    }
}

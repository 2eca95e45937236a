//! The roster: every student who has joined the class, connected or not, and how far each
//! has got. The server reports joins, leaves and progress; the facilitator's console reads it.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::audit::score::Grade;

/// How far a student has got, as their desk last said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// The scenario clock the student has reached, as shown on their screen.
    pub clock: String,
    pub flags: usize,
    pub notes: usize,
    pub submitted: bool,
    pub hints: usize,
    /// How the case file would be graded now.
    pub standing: Standing,
    /// When the student last pressed a key (class time); `None` before the first.
    pub last_active: Option<Duration>,
}

/// What the grading code makes of a case file as it stands: kept small, for the roster
/// and the hot wash.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    /// The findings of the key that would pass now, by id.
    pub passed: Vec<String>,
    /// The key's findings, all told.
    pub findings: usize,
    /// Lawful entries flagged as abuse.
    pub wrong: usize,
    /// The key's lawful sets (traps) with an entry flagged, by id.
    pub traps: Vec<String>,
    /// The controls recommended, by id.
    pub recommended: Vec<String>,
    pub score: u32,
    pub max_score: u32,
}

impl Standing {
    pub fn of(grade: &Grade) -> Standing {
        Standing {
            passed: grade
                .findings
                .iter()
                .filter(|f| f.passed)
                .map(|f| f.id.clone())
                .collect(),
            findings: grade.findings.len(),
            wrong: grade.wrong_flag_count(),
            traps: grade
                .traps
                .iter()
                .filter(|t| !t.left_alone())
                .map(|t| t.id.clone())
                .collect(),
            recommended: grade
                .recommendations
                .iter()
                .filter(|r| r.chosen)
                .map(|r| r.id.clone())
                .collect(),
            score: grade.score,
            max_score: grade.max_score,
        }
    }
}

/// One student (or team) in the class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Student {
    pub name: String,
    /// Their team, in a class played in teams.
    pub team: Option<String>,
    /// The variant (seed) they play.
    pub seed: Option<u64>,
    pub connected: bool,
    /// How many times they have joined (a rejoin after a dropped connection counts).
    pub joins: u32,
    pub progress: Progress,
}

/// One team as the facilitator sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRow {
    pub team: String,
    pub seed: Option<u64>,
    pub members: usize,
    pub connected: usize,
}

/// Why a join was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Someone is playing under this name right now.
    NameInUse,
    /// The name is empty once cleaned.
    NoName,
}

impl Refusal {
    /// What the student is told.
    pub fn message(&self) -> &'static str {
        match self {
            Refusal::NameInUse => {
                "Someone is already playing under this name. Join with another name (ssh -p PORT OTHERNAME@HOST), or ask your facilitator."
            }
            Refusal::NoName => "Join with your name as the user name: ssh -p PORT YOURNAME@HOST",
        }
    }
}

/// Everyone who has joined, by name.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    students: BTreeMap<String, Student>,
}

impl Roster {
    pub fn new() -> Roster {
        Roster::default()
    }

    /// A student joins under `name` (already cleaned): refused while someone is connected
    /// under it, so two people never play (and journal) the same game at once.
    pub fn join(&mut self, name: &str) -> Result<(), Refusal> {
        self.join_team(name, None, None)
    }

    /// A student joins under `name`, in `team` if the class plays in teams, playing the
    /// variant `seed`.
    pub fn join_team(
        &mut self,
        name: &str,
        team: Option<&str>,
        seed: Option<u64>,
    ) -> Result<(), Refusal> {
        if name.is_empty() {
            return Err(Refusal::NoName);
        }
        let student = self
            .students
            .entry(name.to_owned())
            .or_insert_with(|| Student {
                name: name.to_owned(),
                team: team.map(str::to_owned),
                seed,
                connected: false,
                joins: 0,
                progress: Progress::default(),
            });
        if student.connected {
            return Err(Refusal::NameInUse);
        }
        student.connected = true;
        student.joins += 1;
        Ok(())
    }

    /// The student's connection ended; their place and progress stay.
    pub fn leave(&mut self, name: &str) {
        if let Some(student) = self.students.get_mut(name) {
            student.connected = false;
        }
    }

    /// What the student's desk now says.
    pub fn update(&mut self, name: &str, progress: Progress) {
        if let Some(student) = self.students.get_mut(name) {
            student.progress = progress;
        }
    }

    /// A student by name.
    pub fn get(&self, name: &str) -> Option<&Student> {
        self.students.get(name)
    }

    /// Every student, by name.
    pub fn students(&self) -> impl Iterator<Item = &Student> {
        self.students.values()
    }

    pub fn len(&self) -> usize {
        self.students.len()
    }

    pub fn is_empty(&self) -> bool {
        self.students.is_empty()
    }

    /// The teams, by name: each with its seed, its members and how many are connected.
    pub fn teams(&self) -> Vec<TeamRow> {
        let mut teams: BTreeMap<&str, TeamRow> = BTreeMap::new();
        for student in self.students.values() {
            let Some(team) = &student.team else { continue };
            let row = teams.entry(team).or_insert_with(|| TeamRow {
                team: team.clone(),
                seed: student.seed,
                members: 0,
                connected: 0,
            });
            row.members += 1;
            row.connected += usize::from(student.connected);
        }
        teams.into_values().collect()
    }

    /// Whether someone has joined `team`.
    pub fn has_team(&self, team: &str) -> bool {
        self.students
            .values()
            .any(|s| s.team.as_deref() == Some(team))
    }

    /// How many are connected now.
    pub fn connected(&self) -> usize {
        self.students.values().filter(|s| s.connected).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_played_by_one_connection_at_a_time_and_kept_after_leaving() {
        let mut roster = Roster::new();
        assert_eq!(roster.join("Ana"), Ok(()));
        assert_eq!(roster.join("Ana"), Err(Refusal::NameInUse));
        assert_eq!(roster.join(""), Err(Refusal::NoName));
        roster.update(
            "Ana",
            Progress {
                flags: 2,
                ..Progress::default()
            },
        );
        roster.leave("Ana");
        assert_eq!(roster.connected(), 0);
        assert_eq!(roster.join("Ana"), Ok(()), "a dropped student rejoins");
        let ana = roster.students().next().unwrap();
        assert_eq!((ana.joins, ana.progress.flags, ana.connected), (2, 2, true));
        assert_eq!(roster.len(), 1);
    }

    #[test]
    fn teams_gather_their_members_and_keep_their_seed() {
        let mut roster = Roster::new();
        roster.join_team("red/Ana", Some("red"), Some(5)).unwrap();
        roster.join_team("red/Bo", Some("red"), Some(5)).unwrap();
        roster.join_team("blue/Cy", Some("blue"), Some(9)).unwrap();
        roster.leave("red/Bo");
        assert!(roster.has_team("red") && !roster.has_team("green"));
        let teams = roster.teams();
        assert_eq!(teams.len(), 2);
        assert_eq!(
            (
                teams[1].team.as_str(),
                teams[1].seed,
                teams[1].members,
                teams[1].connected
            ),
            ("red", Some(5), 2, 1)
        );
        assert_eq!(teams[0].team, "blue");
    }
}

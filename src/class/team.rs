//! Team play: how a student names their team with nothing but an SSH client (`TEAM/NAME`
//! as the user name), which teams a class accepts, and the variant (seed) each team plays.

use crate::session::player_name;

/// Between the team and the name in the user name a student types: `ssh red/ana@host`.
/// OpenSSH, PuTTY and Windows' ssh pass it through as it is.
pub const SEPARATOR: char = '/';

/// The longest team name kept.
pub const MAX_TEAM: usize = 24;

/// How a class plays in teams.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Teams {
    /// The only teams a student may join (as typed by the facilitator, compared without
    /// case); empty: any team name a student types.
    pub allowed: Vec<String>,
    /// One variant for every team, chosen by the facilitator; `None`: each team its own.
    pub seed: Option<u64>,
    /// How many teams may form when any name is accepted: each team costs a world.
    pub max_teams: usize,
}

/// Where a student plays: their player name (`red/Ana`: in the journal, the roster and the
/// grade table), their team and the seed of the variant the team plays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub name: String,
    pub team: String,
    pub seed: u64,
}

/// Why a student was not placed in a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamRefusal {
    /// The user name holds no team (or no name after it).
    NoTeam,
    /// The team is not one of those the facilitator listed.
    Unknown { team: String, allowed: Vec<String> },
    /// Too many teams already: the student is to join one of them.
    Full,
}

impl TeamRefusal {
    /// What the student is told; `hint` is how to join (`ssh -p 2222 TEAM/NAME@HOST`).
    pub fn message(&self, hint: &str) -> String {
        match self {
            TeamRefusal::NoTeam => format!(
                "This class plays in teams: put your team before your name, e.g. {}",
                example(hint)
            ),
            TeamRefusal::Unknown { team, allowed } => format!(
                "There is no team {team:?} in this class. The teams are: {}. Join with {}",
                allowed.join(", "),
                example(hint)
            ),
            TeamRefusal::Full => format!(
                "This class has as many teams as it allows: join one of the teams already playing ({})",
                example(hint)
            ),
        }
    }
}

fn example(hint: &str) -> String {
    hint.replace("TEAM/NAME", "red/ana")
}

impl Teams {
    /// Places the student who typed `user`, in a class whose own seed is `base`. `formed`
    /// says whether a team of that (normalised) name already plays.
    pub fn place(
        &self,
        user: &str,
        base: u64,
        formed: impl Fn(&str) -> bool,
        teams_now: usize,
    ) -> Result<Placement, TeamRefusal> {
        let (team, name) = split(user).ok_or(TeamRefusal::NoTeam)?;
        if !self.allowed.is_empty() && !self.allowed.iter().any(|a| team_key(a) == team) {
            return Err(TeamRefusal::Unknown {
                team,
                allowed: self.allowed.iter().map(|a| team_key(a)).collect(),
            });
        }
        if self.allowed.is_empty() && !formed(&team) && teams_now >= self.max_teams {
            return Err(TeamRefusal::Full);
        }
        let seed = self.seed.unwrap_or_else(|| team_seed(base, &team));
        Ok(Placement {
            name: player_name(&format!("{team}{SEPARATOR}{name}")),
            team,
            seed,
        })
    }
}

/// The team and the name in `TEAM/NAME`, both cleaned; the team in lower case, so `Red`
/// and `red` are one team. `None` when either is missing.
pub fn split(user: &str) -> Option<(String, String)> {
    let (team, name) = user.split_once(SEPARATOR)?;
    let team = team_key(team);
    let name = player_name(name);
    (!team.is_empty() && !name.is_empty()).then_some((team, name))
}

/// A team name as the class knows it: cleaned, trimmed, lower case, capped, with no
/// separator in it.
pub fn team_key(team: &str) -> String {
    player_name(team)
        .to_lowercase()
        .chars()
        .filter(|&c| c != SEPARATOR)
        .take(MAX_TEAM)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The seed of a team's variant: derived from the class's seed and the team's name, so
/// the same team in the same class always plays the same city (a restarted class resumes
/// every game), and two teams almost never share one.
pub fn team_seed(base: u64, team: &str) -> u64 {
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"redcode team seed\0");
    hasher.update(&base.to_le_bytes());
    hasher.update(team.as_bytes());
    let bytes = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&bytes.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open() -> Teams {
        Teams {
            max_teams: 2,
            ..Teams::default()
        }
    }

    #[test]
    fn team_and_name_come_from_the_user_name() {
        assert_eq!(split("Red/Ana"), Some(("red".into(), "Ana".into())));
        assert_eq!(
            split(" blue team / Bo Wen "),
            Some(("blue team".into(), "Bo Wen".into()))
        );
        assert_eq!(split("red/"), None);
        assert_eq!(split("/ana"), None);
        assert_eq!(split("ana"), None);
        assert_eq!(split("a/b/c"), Some(("a".into(), "b/c".into())));
        assert!(!team_key("\x1b[2JRED").contains('\x1b'));
        assert!(team_key(&"x".repeat(100)).len() <= MAX_TEAM);
    }

    #[test]
    fn each_team_plays_its_own_variant_unless_one_was_chosen_for_all() {
        let none = |_: &str| false;
        let red = open().place("red/Ana", 7, none, 0).unwrap();
        let red2 = open().place("RED/Bo", 7, none, 0).unwrap();
        let blue = open().place("blue/Cy", 7, none, 0).unwrap();
        assert_eq!(red.name, "red/Ana");
        assert_eq!(red2.team, "red");
        assert_eq!(red.seed, red2.seed, "one team, one variant");
        assert_ne!(red.seed, blue.seed, "another team, another variant");
        assert_ne!(red.seed, open().place("red/Ana", 8, none, 0).unwrap().seed);
        let fixed = Teams {
            seed: Some(42),
            ..open()
        };
        assert_eq!(fixed.place("red/Ana", 7, none, 0).unwrap().seed, 42);
        assert_eq!(fixed.place("blue/Cy", 7, none, 0).unwrap().seed, 42);
    }

    #[test]
    fn unknown_teams_missing_teams_and_one_team_too_many_are_refused() {
        let none = |_: &str| false;
        assert_eq!(open().place("Ana", 7, none, 0), Err(TeamRefusal::NoTeam));
        assert_eq!(open().place("red/Ana", 7, none, 2), Err(TeamRefusal::Full));
        assert!(
            open().place("red/Ana", 7, |t| t == "red", 2).is_ok(),
            "a formed team takes more"
        );
        let listed = Teams {
            allowed: vec!["Red".into(), "Blue".into()],
            ..open()
        };
        assert!(
            listed.place("red/Ana", 7, none, 9).is_ok(),
            "listed teams are not capped"
        );
        let refusal = listed.place("rde/Ana", 7, none, 0).unwrap_err();
        let said = refusal.message("ssh -p 2222 TEAM/NAME@HOST");
        assert!(
            said.contains("\"rde\"") && said.contains("red, blue"),
            "{said}"
        );
        assert!(said.contains("ssh -p 2222 red/ana@HOST"), "{said}");
    }
}

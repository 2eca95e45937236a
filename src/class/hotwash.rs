//! The hot wash, pure: what the class as a whole found and missed, gathered from the
//! roster's standings and the answer key, for the projector at the debrief.

use crate::engine::World;

use super::roster::Roster;

/// One student's line of the class table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassRow {
    pub name: String,
    pub passed: usize,
    pub findings: usize,
    pub wrong: usize,
    pub score: u32,
    pub max_score: u32,
    pub submitted: bool,
}

/// Something of the key with how many students it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub title: String,
    pub students: usize,
}

/// A control of the scenario's list, how many chose it, and whether it would have stopped
/// the abuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    pub text: String,
    pub students: usize,
    pub right: bool,
}

/// Everything the projector shows at the hot wash.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HotWash {
    pub table: Vec<ClassRow>,
    /// Each finding of the key and how many students would miss it, most missed first.
    pub missed: Vec<Tally>,
    /// Each lawful set (trap) and how many students flagged it, most flagged first; sets
    /// nobody flagged are left out.
    pub flagged: Vec<Tally>,
    pub chain: Vec<String>,
    pub prompts: Vec<String>,
    /// The controls the class chose, most chosen first; controls nobody chose are left out.
    pub recommendations: Vec<Chosen>,
}

/// The hot wash of a class on `world`, from the roster as it stands.
pub fn hot_wash(world: &World, roster: &Roster) -> HotWash {
    let Some(key) = &world.scenario.answer_key else {
        return HotWash {
            table: table(roster),
            ..HotWash::default()
        };
    };
    let standings: Vec<_> = roster.students().map(|s| &s.progress.standing).collect();
    let count =
        |has: &dyn Fn(&super::Standing) -> bool| standings.iter().filter(|s| has(s)).count();
    let mut missed: Vec<Tally> = key
        .findings
        .iter()
        .map(|f| Tally {
            title: f.title.to_string(),
            students: count(&|s| !s.passed.iter().any(|p| p == f.id.as_str())),
        })
        .collect();
    missed.sort_by_key(|t| std::cmp::Reverse(t.students));
    let mut flagged: Vec<Tally> = key
        .lawful
        .iter()
        .map(|l| Tally {
            title: l.title.to_string(),
            students: count(&|s| s.traps.iter().any(|t| t == l.id.as_str())),
        })
        .filter(|t| t.students > 0)
        .collect();
    flagged.sort_by_key(|t| std::cmp::Reverse(t.students));
    let mut recommendations: Vec<Chosen> = world
        .scenario
        .controls
        .iter()
        .map(|c| Chosen {
            text: c.text.to_string(),
            students: count(&|s| s.recommended.iter().any(|r| r == c.id.as_str())),
            right: key.recommended.contains(&c.id),
        })
        .filter(|c| c.students > 0)
        .collect();
    recommendations.sort_by_key(|t| std::cmp::Reverse(t.students));
    HotWash {
        table: table(roster),
        missed,
        flagged,
        chain: key.chain.iter().map(|c| c.to_string()).collect(),
        prompts: key.debrief.iter().map(|c| c.to_string()).collect(),
        recommendations,
    }
}

/// The class table, best score first, then by name.
fn table(roster: &Roster) -> Vec<ClassRow> {
    let mut rows: Vec<ClassRow> = roster
        .students()
        .map(|s| {
            let st = &s.progress.standing;
            ClassRow {
                name: s.name.clone(),
                passed: st.passed.len(),
                findings: st.findings,
                wrong: st.wrong,
                score: st.score,
                max_score: st.max_score,
                submitted: s.progress.submitted,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.name.cmp(&b.name)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::class::{Progress, Standing};

    #[test]
    fn the_class_tallies_what_it_missed_flagged_and_chose() {
        let world = crate::open::open(Some(crate::scenario::builtin::TUTORIAL), None)
            .unwrap()
            .world;
        let key = world.scenario.answer_key.as_ref().unwrap();
        let finding = key.findings[0].id.to_string();
        let trap = key.lawful[0].id.to_string();
        let mut roster = Roster::new();
        for (name, passed, traps) in [
            ("Ana", true, false),
            ("Bo", false, true),
            ("Cy", false, true),
        ] {
            roster.join(name).unwrap();
            roster.update(
                name,
                Progress {
                    standing: Standing {
                        passed: if passed {
                            vec![finding.clone()]
                        } else {
                            vec![]
                        },
                        traps: if traps { vec![trap.clone()] } else { vec![] },
                        findings: key.findings.len(),
                        score: if passed { 10 } else { 0 },
                        ..Standing::default()
                    },
                    ..Progress::default()
                },
            );
        }
        let wash = hot_wash(&world, &roster);
        assert_eq!(wash.table[0].name, "Ana", "best score first");
        assert_eq!(wash.table.len(), 3);
        let first = wash
            .missed
            .iter()
            .find(|t| t.title == key.findings[0].title.as_str())
            .unwrap();
        assert_eq!(first.students, 2);
        assert_eq!(wash.flagged[0].students, 2);
        assert_eq!(wash.flagged[0].title, key.lawful[0].title.as_str());
        assert_eq!(wash.chain.len(), key.chain.len());
        assert!(wash.recommendations.is_empty(), "nobody chose a control");
    }
}

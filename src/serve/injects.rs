//! Injects released to a class: the facilitator releases one to everyone, to one team or
//! to one student; every console of theirs, connected now or joining later, takes the release as
//! an action of its desk, so it is journaled like any other.

use std::sync::MutexGuard;

use super::Class;
use crate::audit::{Action, CaseChange, Desk};
use crate::class::team::team_key;
use crate::class::{Audience, Released};
use crate::engine::World;
use crate::scenario::inject;
use crate::scenario::text::clean_line;

impl Class {
    fn released_mut(&self) -> MutexGuard<'_, Vec<Released>> {
        self.released.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The injects released so far.
    pub fn released(&self) -> Vec<Released> {
        self.released_mut().clone()
    }

    /// Releases the scenario's inject `id` to `to` (a team named as students typed it);
    /// logged.
    pub fn release_inject(&self, id: &str, to: Audience) -> Result<(), String> {
        let s = &self.world.scenario;
        if inject::find(s, id).is_none() {
            return Err(format!("this scenario has no inject `{}`", clean_line(id)));
        }
        let to = match to {
            Audience::Team(_) if self.teams().is_none() => {
                return Err("this class does not play in teams".to_owned());
            }
            Audience::Team(team) => Audience::Team(team_key(&team)),
            other => other,
        };
        let release = Released {
            id: id.to_owned(),
            to,
        };
        let mut released = self.released_mut();
        if released.contains(&release) {
            return Err(format!(
                "inject `{id}` was already released to {}",
                release.to
            ));
        }
        let whom = clean_line(&release.to.to_string());
        released.push(release);
        drop(released);
        self.log
            .write(&format!("inject {} released to {whom}", clean_line(id)));
        Ok(())
    }
}

impl Class {
    /// Whether the class releases each inject to everyone at its planned minute.
    pub fn set_injects_on_schedule(&self, on: bool) {
        self.injects_on_schedule
            .store(on, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn injects_on_schedule(&self) -> bool {
        self.injects_on_schedule
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Releases to everyone the injects due by the class plan's minute, when the class
    /// releases them on schedule (called by the timer).
    pub(crate) fn release_due(&self) {
        if !self.injects_on_schedule() {
            return;
        }
        let Some(minute) = self.exercise().plan_minute(self.now()) else {
            return;
        };
        for id in crate::class::release::due_by(&self.world.scenario, minute, &self.released()) {
            let _ = self.release_inject(&id, Audience::Everyone);
        }
    }
}

/// Gives a desk every release meant for its student (`name`, in `team`) that it does not
/// hold yet, through the desk's own action; `record` sees each action taken, as the
/// journal must.
pub(crate) fn deliver(
    world: &World,
    released: &[Released],
    (name, team): (&str, Option<&str>),
    desk: &mut Desk,
    record: &mut dyn FnMut(&Action, &[CaseChange], &Desk),
) -> usize {
    let mut delivered = 0;
    for r in released.iter().filter(|r| r.reaches(name, team)) {
        let Some(i) = inject::find(&world.scenario, &r.id) else {
            continue;
        };
        if desk.inject_in(world, i) {
            continue;
        }
        super::control::take_recorded(world, desk, Action::ReleaseInject(r.id.clone()), record);
        delivered += 1;
    }
    delivered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_desk_takes_each_release_once_and_records_it() {
        let world = crate::open::open(None, None).unwrap().world;
        let mut desk = Desk::new(&world);
        let released = vec![
            Released {
                id: "hotline".into(),
                to: Audience::Everyone,
            },
            Released {
                id: "province".into(),
                to: Audience::Student("bo".into()),
            },
            Released {
                id: "database-error".into(),
                to: Audience::Team("blue".into()),
            },
        ];
        let mut recorded = Vec::new();
        let mut record = |a: &Action, _: &[CaseChange], _: &Desk| recorded.push(a.clone());
        let ana = ("ana", Some("red"));
        assert_eq!(deliver(&world, &released, ana, &mut desk, &mut record), 1);
        assert_eq!(deliver(&world, &released, ana, &mut desk, &mut record), 0);
        assert_eq!(recorded, [Action::ReleaseInject("hotline".into())]);
        let find = |id| inject::find(&world.scenario, id).unwrap();
        assert!(desk.inject_in(&world, find("hotline")));
        assert!(!desk.inject_in(&world, find("province")), "for bo alone");
        assert!(
            !desk.inject_in(&world, find("database-error")),
            "for team blue"
        );
        // A student of team blue gets the team's release.
        let mut blue = Desk::new(&world);
        let cy = ("cy", Some("blue"));
        let mut ignore = |_: &Action, _: &[CaseChange], _: &Desk| {};
        assert_eq!(deliver(&world, &released, cy, &mut blue, &mut ignore), 2);
        assert!(blue.inject_in(&world, find("database-error")));
    }
}

//! The debrief room: the grade once the case file is handed in, and the report asked of it.

use serde::Serialize;

use crate::engine::World;

use super::super::action::Screen;
use super::super::effect::{CaseChange, Effect};
use super::super::score::{Grade, grade};
use super::Desk;

/// The grade, once submitted.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct Debrief {
    grade: Option<Grade>,
}

impl Desk {
    /// The grade of the case file, once it has been handed in.
    pub fn grade(&self) -> Option<&Grade> {
        self.debrief.grade.as_ref()
    }

    /// Whether the case file has been handed in.
    pub fn submitted(&self) -> bool {
        self.debrief.grade.is_some()
    }

    /// Hands in the case file: it is graded and the debrief shown.
    pub(super) fn submit(&mut self, world: &World) {
        self.debrief.grade = Some(grade(world, self.case()));
        self.effects
            .push(Effect::CaseChanged(CaseChange::Submitted));
        self.show(Screen::Debrief);
    }

    /// Asks for the report: only a graded case file has one.
    pub(super) fn export_report(&mut self) {
        if self.submitted() {
            self.effects.push(Effect::WriteReport);
        } else {
            self.say("Submit the case file first (S in the case file).");
        }
    }
}

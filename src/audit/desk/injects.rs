//! Injects as the player meets them: documents and messages the facilitator releases early
//! (over the class's connection, or with a code read out in the room), beside those whose
//! time has come on the scenario's clock.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::engine::World;
use crate::scenario::catalog::DocumentIx;
use crate::scenario::inject;
use crate::scenario::model::InjectRelease;

use super::super::action::Screen;
use super::Desk;

/// The injects released early, by their place in the scenario's list.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct Released(BTreeSet<usize>);

impl Released {
    /// Left out of the serialised desk while empty, so journals recorded before injects
    /// existed keep their checksums.
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A message inject the player has: its title and text.
pub struct InjectMessage<'w> {
    pub title: &'w str,
    pub text: &'w str,
}

impl Desk {
    /// Whether an inject is in the player's hands: released early, or due by the clock.
    pub fn inject_in(&self, world: &World, i: usize) -> bool {
        let s = &world.scenario;
        self.released.0.contains(&i)
            || s.injects
                .get(i)
                .and_then(|inj| inject::schedule(s, inj))
                .is_some_and(|at| at <= self.clock())
    }

    /// Whether a document is among the player's records: its time has come, or the inject
    /// that holds it has been released.
    pub fn document_in(&self, world: &World, d: DocumentIx) -> bool {
        let doc = &world.scenario.documents[d.ix()];
        doc.available_from <= self.clock()
            || inject::holding(&world.scenario, &doc.id)
                .is_some_and(|i| self.released.0.contains(&i))
    }

    /// The messages the player has, in the scenario's order.
    pub fn inject_messages<'w>(&self, world: &'w World) -> Vec<InjectMessage<'w>> {
        world
            .scenario
            .injects
            .iter()
            .enumerate()
            .filter(|&(i, _)| self.inject_in(world, i))
            .filter_map(|(_, inj)| match &inj.release {
                InjectRelease::Message { title, text } => Some(InjectMessage {
                    title: title.as_str(),
                    text: text.as_str(),
                }),
                InjectRelease::Document(_) => None,
            })
            .collect()
    }

    /// Releases the inject with this id; the player is told what came and where to read it.
    pub(super) fn release_inject(&mut self, world: &World, id: &str) {
        let s = &world.scenario;
        let Some(i) = inject::find(s, id) else {
            self.say(format!("This scenario has no inject `{id}`."));
            return;
        };
        if self.inject_in(world, i) {
            self.say("You already have that record.");
            return;
        }
        self.released.0.insert(i);
        match &s.injects[i].release {
            InjectRelease::Document(doc) => {
                let title = s
                    .documents
                    .iter()
                    .find(|d| d.id == *doc)
                    .map_or(doc.as_str(), |d| d.title.as_str());
                self.say(format!(
                    "New record released: {title}. Read it in Documents (7)."
                ));
                self.refresh_documents(world);
            }
            InjectRelease::Message { title, .. } => {
                self.say(format!("New message: {title}. It is on the Briefing (1)."));
            }
        }
    }

    /// Releases the inject whose code the player typed, or says the code is not one.
    pub(super) fn release_by_code(&mut self, world: &World, typed: &str) {
        let s = &world.scenario;
        match inject::by_code(s, typed) {
            Some(i) => {
                let id = s.injects[i].id.to_string();
                self.release_inject(world, &id);
                self.tip_done(Screen::Documents);
            }
            None if typed.trim().is_empty() => {}
            None => self.say(format!(
                "`{}` is not a code of this scenario: check it with the facilitator.",
                crate::scenario::text::clean_line(typed)
            )),
        }
    }
}

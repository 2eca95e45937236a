//! The trace room: the chain behind one colour, and following its links to the records
//! they name.

use serde::Serialize;

use crate::engine::query::{Link, LinkTarget, Trace};
use crate::engine::world::person_of;
use crate::engine::{EntryId, World};

use super::super::action::Screen;
use super::Desk;

/// The trace on the trace screen.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct TraceRoom {
    trace: Option<Trace>,
}

impl Desk {
    /// The trace on the trace screen.
    pub fn trace(&self) -> Option<&Trace> {
        self.trace.trace.as_ref()
    }

    /// The entry the trace is about.
    pub(super) fn traced_entry(&self) -> Option<EntryId> {
        self.trace.trace.as_ref().and_then(|t| t.entry)
    }

    pub(super) fn trace_rows(&self) -> usize {
        self.trace.trace.as_ref().map_or(0, |t| t.links.len())
    }

    /// What the selected link names.
    pub(super) fn selected_link_target(&self) -> Option<LinkTarget> {
        self.selected_link().map(|l| l.target.clone())
    }

    fn selected_link(&self) -> Option<&Link> {
        self.trace
            .trace
            .as_ref()?
            .links
            .get(self.selected(Screen::Trace))
    }

    /// The selected link's entry, or else the entry the trace is about.
    pub(super) fn selected_in_trace(&self) -> Option<EntryId> {
        let link = self.selected_link()?;
        match link.target {
            LinkTarget::Entry(id) => Some(id),
            _ => self.traced_entry(),
        }
    }

    /// Traces the selected entry (or, on a list of people, the selected person at the clock).
    pub(super) fn trace_selected(&mut self, world: &World) {
        let target = match self.screen() {
            Screen::Dossier | Screen::Check | Screen::Trace => self
                .selected_entry(world)
                .and_then(|id| world.ledger.get(id))
                .map(|e| (e.person, e.at, Some(e.system)))
                .or(self.person().map(|p| (p, self.clock(), None))),
            _ => self.selected_person(world).map(|p| (p, self.clock(), None)),
        };
        match target {
            Some((person, at, system)) => {
                self.set_person(world, person);
                // An earlier change is traced with the records in by the clock, in the
                // system it was made in.
                let clock = self.clock();
                self.trace.trace = Some(match system {
                    Some(system) => world.trace_in(person, system, at, clock),
                    None => world.trace_known_at(person, at, clock),
                });
                self.select(Screen::Trace, 0);
                self.tip_done(Screen::Dossier);
                self.show(Screen::Trace);
            }
            None => self.say("Select a person or a code change to trace."),
        }
    }

    /// Opens what the selected link names: another entry's trace, a person, an official,
    /// a document, a check.
    pub(super) fn follow_link(&mut self, world: &World) {
        let Some(link) = self.selected_link().cloned() else {
            return;
        };
        self.tip_done(Screen::Trace);
        match link.target {
            LinkTarget::Entry(id) => {
                if let Some(trace) = world.trace_of_entry(id, self.clock()) {
                    self.trace.trace = Some(trace);
                    self.select(Screen::Trace, 0);
                }
            }
            LinkTarget::Evidence(ix) => {
                let person = world
                    .timeline
                    .get(ix.ix())
                    .and_then(|h| person_of(h, &world.scenario, &world.roster));
                if let Some(person) = person {
                    self.open_person(world, person);
                }
            }
            LinkTarget::Executor(o) | LinkTarget::Official(o) => self.show_official(o),
            LinkTarget::Directive(d) | LinkTarget::Basis(d) => self.open_document(world, d),
            LinkTarget::Order(event) => match world.instruction_record(event, self.clock()) {
                Some(doc) => self.open_document(world, doc),
                None => self.say("This instruction left no document."),
            },
            LinkTarget::Check(entry) | LinkTarget::Permission(entry) => {
                self.show_check(Some(entry));
            }
            LinkTarget::Batch(batch) => self.open_batch(world, &batch),
            LinkTarget::NotYet => {
                self.say(format!(
                    "{} — the records that would show it have not reached you.",
                    link.text
                ));
            }
            LinkTarget::Rule(_) | LinkTarget::Role(_) => {
                self.say(format!("{} — shown in full on this line.", link.text));
            }
        }
    }
}

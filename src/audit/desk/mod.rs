//! The auditor's desk: all of the player's state, changed only by `update(Action)`, which
//! returns the `Effect`s the outside must carry out.
//!
//! The desk never draws and never does I/O; the world it reads is passed in, so a recorded
//! list of actions replays to the same desk anywhere. Its state is split into rooms: each
//! screen's file (and each dialog's) holds that room's state and handles the actions it
//! owns, and `update` here only dispatches. What every room shares is here: where the
//! player is and the way back, each list's selected row, the page size, the tips acted on,
//! and the last thing the desk said.

mod accesses;
mod batch;
mod briefing;
mod case_file;
mod check;
mod compare;
mod debrief;
mod documents;
mod dossier;
mod flag_dialog;
mod help;
mod history;
mod injects;
mod input;
mod operators;
mod overview;
mod panes;
mod people;
mod picker;
mod timeline;
mod trace;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::engine::world::person_of;
use crate::engine::{EntryId, World};
use crate::scenario::expand::PersonIx;
use crate::scenario::model::Colour;

use super::action::{Action, Screen};
use super::dialogs::InputPurpose;
use super::effect::Effect;

pub use accesses::{ACCESS_ITEMS, AccessScope};
pub use batch::{BATCH_RECORD, BATCH_RECORD_ITEMS};
pub use debrief::{DebriefItem, DebriefSection, ItemKind, sections as debrief_sections};
pub use history::{Pending, Question};
pub use panes::{DOSSIER_RECORDS, OPERATORS_ACCOUNT, PaneKind};
pub use timeline::{EventKindFilter, parse_seek};

/// Rows of a few list screens shown per page, when no size is known yet.
const DEFAULT_PAGE: usize = 15;

/// Screens remembered for `Back`.
const BACK_DEPTH: usize = 64;

/// All of the player's state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Desk {
    screen: Screen,
    back: Vec<Screen>,
    /// Selected row per screen.
    selected: BTreeMap<Screen, usize>,
    /// Rows per page, from the last known terminal size.
    page: usize,
    /// Tips the player has acted on, so they fade.
    tips_done: BTreeSet<Screen>,
    /// The last thing the desk has to say (a confirmation, a refusal).
    message: String,
    timeline: timeline::Timeline,
    people: people::People,
    dossier: dossier::Dossier,
    trace: trace::TraceRoom,
    check: check::Check,
    compare: compare::Compare,
    batch: batch::BatchRoom,
    /// Left out of the serialised desk, which format 1 journals checksum whole: the
    /// sessions recorded before the access log existed still replay.
    #[serde(skip)]
    accesses: accesses::AccessRoom,
    documents: documents::Documents,
    /// Injects released early: left out while none is, as journals before injects hashed.
    #[serde(skip_serializing_if = "injects::Released::is_empty")]
    released: injects::Released,
    case_file: case_file::CaseRoom,
    debrief: debrief::Debrief,
    input: input::TextField,
    flag_dialog: flag_dialog::FlagRoom,
    picker: picker::PickerRoom,
    help: help::Help,
    panes: panes::Panes,
    history: history::History,
    /// What the action being taken asks of the outside; emptied by `update`.
    #[serde(skip)]
    effects: Vec<Effect>,
    /// How many actions the desk has taken: how a console knows it has something new to draw.
    #[serde(skip)]
    taken: Taken,
}

/// A count of actions taken. Not part of what a desk is: two desks in the same state are
/// equal however many actions each took to get there.
#[derive(Debug, Clone, Copy, Default)]
struct Taken(u64);

impl PartialEq for Taken {
    fn eq(&self, _: &Taken) -> bool {
        true
    }
}

impl Desk {
    /// A fresh desk at the scenario's start, on the briefing.
    pub fn new(world: &World) -> Desk {
        let timeline = timeline::Timeline::new(world);
        let mut desk = Desk {
            screen: Screen::Briefing,
            back: Vec::new(),
            selected: BTreeMap::new(),
            page: DEFAULT_PAGE,
            tips_done: BTreeSet::new(),
            message: String::new(),
            people: people::People::new(world, world.scenario.start),
            timeline,
            dossier: Default::default(),
            trace: Default::default(),
            check: Default::default(),
            compare: Default::default(),
            batch: Default::default(),
            accesses: Default::default(),
            documents: Default::default(),
            released: Default::default(),
            case_file: Default::default(),
            debrief: Default::default(),
            input: Default::default(),
            flag_dialog: Default::default(),
            picker: Default::default(),
            help: Default::default(),
            panes: Default::default(),
            history: Default::default(),
            effects: Vec::new(),
            taken: Taken::default(),
        };
        desk.refresh_documents(world);
        desk.clamp_selections(world);
        desk
    }

    /// Applies one action: the only way the desk changes. Returns what the outside must do.
    pub fn update(&mut self, world: &World, action: Action) -> Vec<Effect> {
        let action = action.cleaned();
        self.taken.0 += 1;
        self.message.clear();
        if let Action::Resize { height, .. } = action {
            // Header, tabs, footer and borders take about eight rows.
            self.page = usize::from(height).saturating_sub(8).max(1);
        } else if let Action::ReleaseInject(id) = &action {
            // It comes from the class, not the player's keys: whatever they have open
            // stays open and the record arrives all the same.
            self.release_inject(world, id);
        } else if self.turn_help_page(&action) {
            // The open help took it.
        } else if self.question_open() {
            self.update_question(world, action);
        } else if self.flag_dialog_open() {
            self.update_flag_dialog(world, action);
        } else if self.picker_open() {
            self.update_picker(world, action);
        } else if self.input_open() {
            self.update_input(world, action);
        } else {
            self.apply(world, action);
        }
        std::mem::take(&mut self.effects)
    }

    /// An action with no dialog open, handed to the room that owns it.
    fn apply(&mut self, world: &World, action: Action) {
        let page = self.page as i64;
        match action {
            Action::Show(screen) => self.show(screen),
            Action::Back => self.go_back(),
            Action::NextScreen => self.turn_tab(1),
            Action::PrevScreen => self.turn_tab(Screen::TABS.len() - 1),
            Action::Up => self.move_selection(world, -1),
            Action::Down => self.move_selection(world, 1),
            Action::PageUp => self.move_selection(world, -page),
            Action::PageDown => self.move_selection(world, page),
            Action::First => self.move_selection(world, i64::MIN / 2),
            Action::Last => self.move_selection(world, i64::MAX / 2),
            Action::SelectRow(row) => self.select_row(world, row),
            Action::Open => self.open_selected(world),
            Action::StepForward => self.step_forward(world),
            Action::StepBack => self.step_back(world),
            Action::NextChange => self.next_change(world),
            Action::NextOfKind => self.next_of_kind(world),
            Action::CycleEventKind => self.cycle_event_kind(),
            Action::SeekTo(t) => self.set_clock(world, t),
            Action::SeekEnd => self.set_clock(world, world.scenario.end),
            Action::StartSearch => self.start_search(),
            Action::StartSeek => self.open_input(InputPurpose::Seek, String::new()),
            Action::StartNote => self.open_input(InputPurpose::Note, String::new()),
            Action::StartInjectCode => self.open_input(InputPurpose::InjectCode, String::new()),
            // Taken in `update` before any dialog.
            Action::ReleaseInject(id) => self.release_inject(world, &id),
            Action::CycleColourFilter
            | Action::CycleTagFilter
            | Action::CycleVenueFilter
            | Action::CycleOperatorFilter
            | Action::CycleBatchFilter
            | Action::CycleRuleFilter
            | Action::ToggleEverRed
            | Action::ToggleContradictedFilter
            | Action::WidenFilter
            | Action::CycleSystemFilter
            | Action::ClearFilters => self.change_filter(world, &action),
            Action::OpenBatch => self.open_batch_selected(world),
            Action::OpenAccesses => self.open_accesses(world),
            Action::NextBatch => self.turn_batch(world, 1),
            Action::PrevBatch => self.turn_batch(world, -1),
            Action::TraceSelected => self.trace_selected(world),
            Action::CheckSelected => self.check_selected(world),
            Action::MarkCompare => self.mark_compare(world),
            Action::OpenFlagDialog => self.open_flag_dialog(world),
            Action::AddFlag(flag) => self.add_flag(world, flag),
            Action::RemoveFlag(index) => self.remove_flag(index),
            Action::AddNote(text) => self.add_note(text),
            Action::Answer { objective, answer } => self.answer(world, objective, answer),
            Action::TakeHint(objective) => self.take_hint(world, objective),
            Action::HintSelected => self.hint_selected(world),
            Action::RemoveSelected => self.remove_selected(world),
            Action::Submit => self.submit(world),
            Action::RequestSubmit => self.ask_submit(world),
            Action::RequestRemoveSelected => self.ask_remove_selected(world),
            Action::Undo => self.undo(world),
            Action::Redo => self.redo(world),
            Action::Recommend(controls) => self.recommend(world, controls),
            Action::ExportReport => self.export_report(),
            Action::ToggleHelp => self.toggle_help(),
            Action::SwitchPane => self.switch_pane(),
            Action::Quit => self.effects.push(Effect::Quit),
            // Only a dialog or a text field takes these.
            Action::Type(_) | Action::Erase | Action::Confirm | Action::Cancel | Action::Toggle => {
            }
            Action::Resize { .. } => {}
        }
    }

    /// Opens the selected row: what that means is the room's business.
    fn open_selected(&mut self, world: &World) {
        match self.screen {
            Screen::Timeline if self.batch_event_selected(world).is_some() => {
                self.open_batch_selected(world)
            }
            Screen::Timeline | Screen::People | Screen::Batch => {
                if self.screen == Screen::Batch {
                    // Opening one of the batch's people is acting on its tip.
                    self.tip_done(Screen::Batch);
                }
                match self.selected_person(world) {
                    Some(person) => self.open_person(world, person),
                    None => self.say("This event is not about one person."),
                }
            }
            Screen::Dossier => self.trace_selected(world),
            Screen::Trace => self.follow_link(world),
            Screen::Operators => self.open_operator(world),
            Screen::Documents => self.open_selected_document(),
            Screen::CaseFile => self.open_picker(world),
            Screen::Accesses => self.open_access_document(world),
            _ => {}
        }
    }

    /// How many actions the desk has taken: any change to it is one more.
    pub fn taken(&self) -> u64 {
        self.taken.0
    }

    /// The screen shown.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The selected row of a screen's list.
    pub fn selected(&self, screen: Screen) -> usize {
        if screen == Screen::Accesses {
            return self.accesses.row;
        }
        self.selected.get(&screen).copied().unwrap_or(0)
    }

    /// Rows per page, from the last known terminal size.
    pub fn page(&self) -> usize {
        self.page
    }

    /// The last thing the desk has to say (a confirmation, a refusal), or nothing.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether typed characters go to a text field rather than to key bindings.
    pub fn wants_text(&self) -> bool {
        self.input_open() || self.picker_takes_text()
    }

    /// Whether a dialog (the flag dialog, the answer picker or a question) is open.
    pub fn dialog_open(&self) -> bool {
        self.flag_dialog_open() || self.picker_open() || self.question_open()
    }

    /// Whether the current screen's tip is still due: the player has not yet acted on it.
    /// What the tip says (and which keys it names) is the console's business.
    pub fn tip_pending(&self) -> bool {
        !self.tips_done.contains(&self.screen)
    }

    /// Colour of a person at the clock: in the one system, or the most severe of their
    /// colours in several.
    pub fn colour_now(&self, world: &World, person: PersonIx) -> Colour {
        if !world.several_systems() {
            return world.ledger.colour_at(person, 0, self.clock());
        }
        let colours = world.colours_at(person, self.clock());
        colours.into_iter().max().unwrap_or(Colour::Green)
    }

    /// A person's codes at the clock as the people list shows them, (system, colour):
    /// in the system the list is set to, or in every system.
    pub fn codes_now(&self, world: &World, person: PersonIx) -> Vec<(u16, Colour)> {
        let clock = self.clock();
        match self.people_filter().system {
            Some(s) => vec![(s, world.ledger.colour_at(person, s, clock))],
            None => world
                .systems_in_play()
                .iter()
                .map(|&s| (s, world.ledger.colour_at(person, s, clock)))
                .collect(),
        }
    }

    /// How many rows the current screen's list has.
    pub fn list_len(&self, world: &World) -> usize {
        self.list_len_of(world, self.screen)
    }

    fn list_len_of(&self, world: &World, screen: Screen) -> usize {
        match screen {
            // The briefing and debrief scroll as text panes.
            Screen::Briefing | Screen::Debrief => 0,
            Screen::Timeline => self.revealed(),
            Screen::People => self.people_rows().len(),
            Screen::Dossier => self.dossier_entries(world).len(),
            Screen::Trace => self.trace_rows(),
            Screen::Operators => operators::rows(world),
            Screen::Documents => self.document_rows().len(),
            Screen::CaseFile => self.case_file_rows(world),
            Screen::Batch => self.batch_rows(),
            Screen::Accesses => self.access_rows(world).len(),
            Screen::Overview => overview::ROWS,
            Screen::Compare | Screen::Check => 0,
        }
    }

    /// The entry selected on the current screen, if it has one.
    pub fn selected_entry(&self, world: &World) -> Option<EntryId> {
        match self.screen {
            Screen::Dossier => self.selected_in_dossier(world),
            Screen::Trace => self.selected_in_trace(),
            Screen::Check => self.check_entry(),
            _ => None,
        }
    }

    /// The person selected on the current screen, if any.
    pub fn selected_person(&self, world: &World) -> Option<PersonIx> {
        match self.screen {
            Screen::People => self.selected_in_people(),
            Screen::Timeline => {
                let row = self.selected(Screen::Timeline);
                let h = world.timeline.get(row)?;
                // Just after a jump to a code change, its row stands for the changed person.
                self.changed_person_at(row)
                    .or_else(|| person_of(h, &world.scenario, &world.roster))
            }
            Screen::Dossier | Screen::Trace | Screen::Check => self.person(),
            Screen::Batch => self.selected_in_batch(),
            _ => None,
        }
    }

    fn say(&mut self, text: impl Into<String>) {
        self.message = text.into();
    }

    fn tip_done(&mut self, screen: Screen) {
        self.tips_done.insert(screen);
    }

    fn select(&mut self, screen: Screen, row: usize) {
        if screen == Screen::Accesses {
            // The access log keeps its row in its own room, which the serialised desk
            // leaves out (see `accesses`).
            self.accesses.row = row;
            return;
        }
        if screen == Screen::Operators && row != self.selected(screen) {
            // Another official's account starts at its top.
            self.reset_pane(Screen::Operators, OPERATORS_ACCOUNT);
        }
        self.selected.insert(screen, row);
    }

    fn show(&mut self, screen: Screen) {
        if screen != self.screen {
            self.back.push(self.screen);
            if self.back.len() > BACK_DEPTH {
                self.back.remove(0);
            }
            self.screen = screen;
        }
        self.close_help();
    }

    fn go_back(&mut self) {
        if self.close_document() || self.close_help() {
            return;
        }
        if let Some(screen) = self.back.pop() {
            self.screen = screen;
        }
    }

    /// Shows the tab `step` places on in tab order, wrapping round.
    fn turn_tab(&mut self, step: usize) {
        let tabs = Screen::TABS;
        let i = tabs.iter().position(|&s| s == self.screen).unwrap_or(0);
        self.show(tabs[(i + step) % tabs.len()]);
    }

    fn move_selection(&mut self, world: &World, delta: i64) {
        if self.scroll_document(delta) || self.scroll_pane(world, delta) {
            return;
        }
        let len = self.list_len(world);
        if len == 0 {
            return;
        }
        let current = self.selected(self.screen) as i64;
        let next = current.saturating_add(delta).clamp(0, len as i64 - 1) as usize;
        self.select(self.screen, next);
    }

    fn select_row(&mut self, world: &World, row: usize) {
        if row < self.list_len(world) {
            self.select(self.screen, row);
        }
    }

    /// Keeps every list's selection inside the list, after it has changed length.
    fn clamp_selections(&mut self, world: &World) {
        for screen in Screen::LISTS {
            let len = self.list_len_of(world, screen);
            let selected = self.selected(screen).min(len.saturating_sub(1));
            self.select(screen, selected);
        }
    }
}

#[cfg(test)]
mod tests;

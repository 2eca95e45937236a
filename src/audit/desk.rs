//! The auditor's desk: all of the player's state, changed only by `update(Action)`.
//!
//! The desk never draws and never does I/O; the world it reads is passed in, so a recorded
//! list of actions replays to the same desk anywhere.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::engine::query::{LinkKind, Trace};
use crate::engine::{EntryId, World};
use crate::scenario::Time;
use crate::scenario::expand::{Fact, PersonIx};
use crate::scenario::model::{Colour, EventKind};
use crate::scenario::text::clean;

use super::action::{Action, Screen};
use super::casefile::{CaseFile, Given, HintTaken};
use super::dialogs::{AnswerPicker, FlagDialog, Input, InputPurpose, MAX_INPUT, PickKind};
use super::people::{PeopleFilter, cycle, cycle_colour};
use super::score::{Grade, grade};

/// Kinds of event the clock can jump to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKindFilter {
    Assignment,
    CaseReport,
    Order,
    Reversal,
    ArrivalForm,
    Test,
}

impl EventKindFilter {
    pub const ALL: [EventKindFilter; 6] = [
        EventKindFilter::Assignment,
        EventKindFilter::CaseReport,
        EventKindFilter::Order,
        EventKindFilter::Reversal,
        EventKindFilter::ArrivalForm,
        EventKindFilter::Test,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EventKindFilter::Assignment => "manual assignment",
            EventKindFilter::CaseReport => "case report",
            EventKindFilter::Order => "order",
            EventKindFilter::Reversal => "reversal",
            EventKindFilter::ArrivalForm => "arrival form",
            EventKindFilter::Test => "test",
        }
    }

    fn matches(self, world: &World, ix: usize) -> bool {
        match (self, world.timeline[ix].what) {
            (EventKindFilter::ArrivalForm, Fact::ArrivalForm { .. }) => true,
            (EventKindFilter::Test, Fact::Test { .. }) => true,
            (_, Fact::Scripted(event)) => matches!(
                (self, &world.scenario.events[event as usize].what),
                (EventKindFilter::Assignment, EventKind::Assignment(_))
                    | (EventKindFilter::CaseReport, EventKind::CaseReport { .. })
                    | (EventKindFilter::Order, EventKind::Order { .. })
                    | (EventKindFilter::Reversal, EventKind::Reversal { .. })
            ),
            _ => false,
        }
    }
}

/// Rows of a few list screens shown per page, when no size is known yet.
const DEFAULT_PAGE: usize = 15;

/// All of the player's state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Desk {
    pub screen: Screen,
    back: Vec<Screen>,
    /// The scenario clock: nothing after it is visible.
    pub clock: Time,
    /// How many timeline events have happened by the clock.
    pub revealed: usize,
    pub event_kind: EventKindFilter,
    /// Selected row per screen.
    selected: BTreeMap<Screen, usize>,
    pub people_filter: PeopleFilter,
    pub people_rows: Vec<PersonIx>,
    /// The person in the dossier.
    pub person: Option<PersonIx>,
    /// The trace on the trace screen.
    pub trace: Option<Trace>,
    /// The entry on the check screen.
    pub check_entry: Option<EntryId>,
    /// The two people compared; the first is marked before the second.
    pub compare: [Option<PersonIx>; 2],
    pub document_query: String,
    pub document_rows: Vec<u16>,
    /// The document being read, and how far down it is scrolled.
    pub document_open: Option<u16>,
    document_scroll: usize,
    pub input: Option<Input>,
    pub flag_dialog: Option<FlagDialog>,
    pub picker: Option<AnswerPicker>,
    pub case: CaseFile,
    pub grade: Option<Grade>,
    pub help: bool,
    /// The page of the help overlay shown; the view wraps it round its page count.
    pub help_page: usize,
    pub quit: bool,
    /// Rows per page, from the last known terminal size.
    pub page: usize,
    /// Tips the player has acted on, so they fade.
    pub tips_done: BTreeSet<Screen>,
    /// The last thing the desk has to say (a confirmation, a refusal).
    pub message: String,
}

impl Desk {
    /// A fresh desk at the scenario's start, on the briefing.
    pub fn new(world: &World) -> Desk {
        let mut desk = Desk {
            screen: Screen::Briefing,
            back: Vec::new(),
            clock: world.scenario.start,
            revealed: world.events_until(world.scenario.start),
            event_kind: EventKindFilter::Assignment,
            selected: BTreeMap::new(),
            people_filter: PeopleFilter::default(),
            people_rows: Vec::new(),
            person: None,
            trace: None,
            check_entry: None,
            compare: [None, None],
            document_query: String::new(),
            document_rows: Vec::new(),
            document_open: None,
            document_scroll: 0,
            input: None,
            flag_dialog: None,
            picker: None,
            case: CaseFile::default(),
            grade: None,
            help: false,
            help_page: 0,
            quit: false,
            page: DEFAULT_PAGE,
            tips_done: BTreeSet::new(),
            message: String::new(),
        };
        desk.refresh(world);
        desk
    }

    /// The selected row of a screen's list.
    pub fn selected(&self, screen: Screen) -> usize {
        self.selected.get(&screen).copied().unwrap_or(0)
    }

    /// Whether typed characters go to a text field rather than to key bindings.
    pub fn wants_text(&self) -> bool {
        self.input.is_some() || self.picker.as_ref().is_some_and(|p| p.kind.takes_text())
    }

    /// Whether the case file has been handed in.
    pub fn submitted(&self) -> bool {
        self.grade.is_some()
    }

    /// The ledger entries visible in the dossier: the person's, up to the clock.
    pub fn dossier_entries<'w>(&self, world: &'w World) -> &'w [EntryId] {
        let Some(person) = self.person else {
            return &[];
        };
        let history = world.ledger.history(person);
        let end =
            history.partition_point(|&id| world.ledger.entries()[id as usize].at <= self.clock);
        &history[..end]
    }

    /// How many rows the current screen's list has.
    pub fn list_len(&self, world: &World) -> usize {
        self.list_len_of(world, self.screen)
    }

    fn list_len_of(&self, world: &World, screen: Screen) -> usize {
        match screen {
            Screen::Timeline => self.revealed,
            Screen::People => self.people_rows.len(),
            Screen::Dossier => self.dossier_entries(world).len(),
            Screen::Trace => self.trace.as_ref().map_or(0, |t| t.links.len()),
            Screen::Operators => world.scenario.officials.len(),
            Screen::Documents => self.document_rows.len(),
            Screen::CaseFile => {
                self.objective_count(world) + self.case.flags.len() + self.case.notes.len()
            }
            Screen::Briefing | Screen::Debrief => 200,
            Screen::Compare | Screen::Check | Screen::Overview => 0,
        }
    }

    pub fn objective_count(&self, world: &World) -> usize {
        world
            .scenario
            .answer_key
            .as_ref()
            .map_or(0, |k| k.objectives.len())
    }

    /// The documents available at the clock, in the scenario's order.
    pub fn available_documents(&self, world: &World) -> Vec<u16> {
        world
            .scenario
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| d.available_from <= self.clock)
            .map(|(i, _)| i as u16)
            .collect()
    }

    /// Whether the current screen's tip is still due: the player has not yet acted on it.
    /// What the tip says (and which keys it names) is the console's business.
    pub fn tip_pending(&self) -> bool {
        !self.tips_done.contains(&self.screen)
    }

    /// Applies one action. The only way the desk changes.
    pub fn update(&mut self, world: &World, action: Action) {
        let action = action.cleaned();
        self.message.clear();
        if let Action::Resize { height, .. } = action {
            // Header, tabs, footer and borders take about eight rows.
            self.page = usize::from(height).saturating_sub(8).max(1);
            return;
        }
        if self.help {
            // While the help is open, moving turns its pages rather than the list's rows.
            match action {
                Action::Down | Action::PageDown => {
                    self.help_page = self.help_page.saturating_add(1);
                    return;
                }
                Action::Up | Action::PageUp => {
                    self.help_page = self.help_page.saturating_sub(1);
                    return;
                }
                Action::First => {
                    self.help_page = 0;
                    return;
                }
                _ => {}
            }
        }
        if let Some(dialog) = self.flag_dialog.as_mut() {
            let officials = world.scenario.officials.len();
            match action {
                Action::Up => dialog.row = dialog.row.saturating_sub(1),
                Action::Down => dialog.row = (dialog.row + 1).min(dialog.rows(officials) - 1),
                Action::Toggle => dialog.toggle(officials),
                Action::Confirm => {
                    if let Some(flag) = dialog.flag(world) {
                        self.message = format!(
                            "Flagged {} as {}.",
                            flag.describe(world),
                            flag.category.label()
                        );
                        self.case.add_flag(flag);
                    }
                    self.flag_dialog = None;
                }
                Action::Cancel | Action::Back => self.flag_dialog = None,
                Action::Quit => self.quit = true,
                Action::AddFlag(_) => {
                    self.flag_dialog = None;
                    self.apply(world, action);
                }
                _ => {}
            }
            return;
        }
        if self.picker.is_some() {
            self.update_picker(world, action);
            return;
        }
        if self.input.is_some() {
            self.update_input(world, action);
            return;
        }
        self.apply(world, action);
    }

    fn update_picker(&mut self, world: &World, action: Action) {
        let documents = self.available_documents(world);
        let Some(picker) = self.picker.as_mut() else {
            return;
        };
        let count = picker.candidates(world, &documents).len();
        match action {
            Action::Up => picker.cursor = picker.cursor.saturating_sub(1),
            Action::Down => picker.cursor = (picker.cursor + 1).min(count.saturating_sub(1)),
            Action::PageDown => {
                picker.cursor = (picker.cursor + self.page).min(count.saturating_sub(1))
            }
            Action::PageUp => picker.cursor = picker.cursor.saturating_sub(self.page),
            Action::Toggle if picker.kind == PickKind::Officials => {
                let cursor = picker.cursor;
                if !picker.chosen.remove(&cursor) {
                    picker.chosen.insert(cursor);
                }
            }
            Action::Type(c)
                if picker.kind.takes_text()
                    && picker.text.len() < 100
                    && typeable(c)
                    && (picker.kind != PickKind::Number || c.is_ascii_digit()) =>
            {
                picker.text.push(c);
                picker.cursor = 0;
            }
            Action::Erase => {
                picker.text.pop();
                picker.cursor = 0;
            }
            Action::Confirm => {
                let answer = picker.given(world, &documents);
                let objective = picker.objective.clone();
                match answer {
                    Some(answer) => {
                        self.picker = None;
                        self.apply(world, Action::Answer { objective, answer });
                    }
                    None => self.message = "Choose an answer first.".to_owned(),
                }
            }
            Action::Cancel | Action::Back => self.picker = None,
            Action::Quit => self.quit = true,
            Action::Answer { .. } => {
                self.picker = None;
                self.apply(world, action);
            }
            _ => {}
        }
    }

    fn update_input(&mut self, world: &World, action: Action) {
        let Some(input) = self.input.as_mut() else {
            return;
        };
        match action {
            Action::Type(c) if input.text.chars().count() < MAX_INPUT && typeable(c) => {
                input.text.push(c)
            }
            Action::Erase => {
                input.text.pop();
            }
            Action::Confirm => {
                let input = self.input.take().expect("checked above");
                match input.purpose {
                    InputPurpose::Note => {
                        if !input.text.trim().is_empty() {
                            self.apply(world, Action::AddNote(input.text));
                        }
                    }
                    InputPurpose::Seek => match parse_seek(&input.text, self.clock) {
                        Ok(t) => self.apply(world, Action::SeekTo(t)),
                        Err(e) => self.message = e,
                    },
                    InputPurpose::Search(_) => {}
                }
                return;
            }
            Action::Cancel => {
                let input = self.input.take().expect("checked above");
                if let InputPurpose::Search(_) = input.purpose {
                    self.set_search(world, "");
                }
                return;
            }
            Action::Quit => {
                self.quit = true;
                return;
            }
            _ => return,
        }
        // A search applies as it is typed.
        if let Some(Input {
            purpose: InputPurpose::Search(_),
            text,
        }) = &self.input
        {
            let text = text.clone();
            self.set_search(world, &text);
        }
    }

    fn set_search(&mut self, world: &World, text: &str) {
        match self.screen {
            Screen::Documents => {
                self.document_query = text.to_owned();
                self.refresh_documents(world);
            }
            _ => {
                self.people_filter.query = text.to_owned();
                self.refresh_people(world);
            }
        }
        self.selected.insert(self.screen, 0);
    }

    fn apply(&mut self, world: &World, action: Action) {
        match action {
            Action::Show(screen) => self.show(screen),
            Action::Back => self.go_back(),
            Action::NextScreen | Action::PrevScreen => {
                let i = Screen::TABS
                    .iter()
                    .position(|&s| s == self.screen)
                    .unwrap_or(0);
                let n = Screen::TABS.len();
                let next = if action == Action::NextScreen {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                self.show(Screen::TABS[next]);
            }
            Action::Up => self.move_selection(world, -1),
            Action::Down => self.move_selection(world, 1),
            Action::PageUp => self.move_selection(world, -(self.page as i64)),
            Action::PageDown => self.move_selection(world, self.page as i64),
            Action::First => self.move_selection(world, i64::MIN / 2),
            Action::Last => self.move_selection(world, i64::MAX / 2),
            Action::SelectRow(row) => {
                let len = self.list_len(world);
                if row < len {
                    self.selected.insert(self.screen, row);
                }
            }
            Action::Open => self.open_selected(world),
            Action::StepForward => {
                if self.revealed < world.timeline.len() {
                    self.revealed += 1;
                    self.clock = self.clock.max(world.timeline[self.revealed - 1].at);
                    self.after_clock(world);
                }
            }
            Action::StepBack => {
                if self.revealed > 0 {
                    self.revealed -= 1;
                    self.clock = match self.revealed {
                        0 => world.scenario.start,
                        n => world.timeline[n - 1].at,
                    };
                    self.after_clock(world);
                }
            }
            Action::NextChange => {
                let entries = world.ledger.entries();
                let next = entries.partition_point(|e| e.at <= self.clock);
                match entries.get(next) {
                    Some(e) => {
                        self.set_clock(world, e.at);
                        self.message =
                            format!("Next code change: {} {}", e.at, world.person_name(e.person));
                    }
                    None => self.message = "No more code changes.".to_owned(),
                }
                self.tips_done.insert(Screen::Briefing);
                self.tips_done.insert(Screen::Timeline);
            }
            Action::NextOfKind => {
                let kind = self.event_kind;
                match (self.revealed..world.timeline.len()).find(|&i| kind.matches(world, i)) {
                    Some(i) => {
                        let at = world.timeline[i].at;
                        self.set_clock(world, at);
                        self.message = format!("Next {}: {}", kind.name(), at);
                    }
                    None => self.message = format!("No more events of kind {}.", kind.name()),
                }
            }
            Action::CycleEventKind => {
                let i = EventKindFilter::ALL
                    .iter()
                    .position(|&k| k == self.event_kind)
                    .unwrap_or(0);
                self.event_kind = EventKindFilter::ALL[(i + 1) % EventKindFilter::ALL.len()];
                self.message = format!("Jump to: {}", self.event_kind.name());
            }
            Action::SeekTo(t) => self.set_clock(world, t),
            Action::SeekEnd => self.set_clock(world, world.scenario.end),
            Action::StartSearch => {
                if matches!(self.screen, Screen::People | Screen::Documents) {
                    let text = if self.screen == Screen::People {
                        self.people_filter.query.clone()
                    } else {
                        self.document_query.clone()
                    };
                    self.input = Some(Input {
                        purpose: InputPurpose::Search(self.screen),
                        text,
                    });
                    self.tips_done.insert(self.screen);
                } else {
                    self.show(Screen::People);
                    self.input = Some(Input {
                        purpose: InputPurpose::Search(Screen::People),
                        text: self.people_filter.query.clone(),
                    });
                }
            }
            Action::StartSeek => {
                self.input = Some(Input {
                    purpose: InputPurpose::Seek,
                    text: String::new(),
                })
            }
            Action::StartNote => {
                self.input = Some(Input {
                    purpose: InputPurpose::Note,
                    text: String::new(),
                })
            }
            Action::Type(_) | Action::Erase | Action::Confirm | Action::Cancel | Action::Toggle => {
            }
            Action::CycleColourFilter => {
                self.people_filter.colour = cycle_colour(self.people_filter.colour);
                self.after_filter(world);
            }
            Action::CycleTagFilter => {
                self.people_filter.tag = cycle(self.people_filter.tag, world.roster.tags.len());
                self.after_filter(world);
            }
            Action::CycleVenueFilter => {
                self.people_filter.venue =
                    cycle(self.people_filter.venue, world.scenario.venues.len());
                self.after_filter(world);
            }
            Action::CycleOperatorFilter => {
                let operators: Vec<u16> = world.ledger.operators().collect();
                let pos = self
                    .people_filter
                    .operator
                    .and_then(|o| operators.iter().position(|&x| x == o))
                    .map(|p| p as u16);
                self.people_filter.operator =
                    cycle(pos, operators.len()).map(|i| operators[i as usize]);
                self.after_filter(world);
            }
            Action::ClearFilters => {
                self.people_filter = PeopleFilter::default();
                self.after_filter(world);
            }
            Action::TraceSelected => self.trace_selected(world),
            Action::CheckSelected => match self.selected_entry(world) {
                Some(entry) if world.assignment_of(entry).is_some() => {
                    self.check_entry = Some(entry);
                    self.tips_done.insert(Screen::Dossier);
                    self.show(Screen::Check);
                }
                Some(_) => {
                    self.message = "Only manual changes carry a stated reason to check.".to_owned()
                }
                None => self.message = "Select a code change first.".to_owned(),
            },
            Action::MarkCompare => self.mark_compare(world),
            Action::OpenFlagDialog => self.open_flag_dialog(world),
            Action::AddFlag(flag) => {
                self.message = format!(
                    "Flagged {} as {}.",
                    flag.describe(world),
                    flag.category.label()
                );
                self.case.add_flag(flag);
            }
            Action::RemoveFlag(index) => {
                if self.case.remove_flag(index).is_some() {
                    self.message = "Flag removed.".to_owned();
                }
            }
            Action::AddNote(text) => {
                // A note may come from a hand-edited journal: clean it like any file text.
                let text: String = clean(&text).chars().take(MAX_INPUT).collect();
                self.case.notes.push(text);
                self.message = "Note added to the case file.".to_owned();
            }
            Action::Answer { objective, answer } => self.answer(world, objective, answer),
            Action::TakeHint(objective) => self.take_hint(world, objective),
            Action::HintSelected => {
                let row = self.selected(Screen::CaseFile);
                let objective = world
                    .scenario
                    .answer_key
                    .as_ref()
                    .and_then(|k| k.objectives.get(row))
                    .map(|o| o.id.to_string());
                match (self.screen, objective) {
                    (Screen::CaseFile, Some(objective)) => self.take_hint(world, objective),
                    _ => {
                        self.message =
                            "Select an objective in the case file for its hint.".to_owned()
                    }
                }
            }
            Action::RemoveSelected => {
                let row = self.selected(Screen::CaseFile);
                let objectives = self.objective_count(world);
                let flags = self.case.flags.len();
                if self.screen != Screen::CaseFile || row < objectives {
                    self.message =
                        "Select a flag or note in the case file to remove it.".to_owned();
                } else if row < objectives + flags {
                    self.apply(world, Action::RemoveFlag(row - objectives));
                } else if row - objectives - flags < self.case.notes.len() {
                    self.case.notes.remove(row - objectives - flags);
                    self.message = "Note removed.".to_owned();
                }
                self.clamp_selections(world);
            }
            Action::Submit => {
                self.grade = Some(grade(world, &self.case));
                self.show(Screen::Debrief);
            }
            Action::ExportReport => {}
            Action::ToggleHelp => {
                self.help = !self.help;
                self.help_page = 0;
            }
            Action::Quit => self.quit = true,
            Action::Resize { .. } => {}
        }
    }

    fn show(&mut self, screen: Screen) {
        if screen != self.screen {
            self.back.push(self.screen);
            if self.back.len() > 64 {
                self.back.remove(0);
            }
            self.screen = screen;
        }
        self.help = false;
    }

    fn go_back(&mut self) {
        if self.screen == Screen::Documents && self.document_open.is_some() {
            self.document_open = None;
            return;
        }
        if self.help {
            self.help = false;
            return;
        }
        if let Some(screen) = self.back.pop() {
            self.screen = screen;
        }
    }

    fn move_selection(&mut self, world: &World, delta: i64) {
        if self.screen == Screen::Documents && self.document_open.is_some() {
            // Scrolling a document being read.
            self.document_scroll = (self.document_scroll as i64)
                .saturating_add(delta)
                .clamp(0, 10_000) as usize;
            return;
        }
        let len = self.list_len(world);
        if len == 0 {
            return;
        }
        let current = self.selected(self.screen) as i64;
        let next = (current.saturating_add(delta)).clamp(0, len as i64 - 1) as usize;
        self.selected.insert(self.screen, next);
    }

    /// Scroll position of the document being read.
    pub fn document_scroll(&self) -> usize {
        self.document_scroll
    }

    fn set_clock(&mut self, world: &World, at: Time) {
        let at = at.clamp(world.scenario.start, world.scenario.end);
        self.clock = at;
        self.revealed = world.events_until(at);
        self.after_clock(world);
    }

    fn after_clock(&mut self, world: &World) {
        // Keep the timeline's selection on the newest event.
        self.selected
            .insert(Screen::Timeline, self.revealed.saturating_sub(1));
        if self.people_filter.colour.is_some()
            || self.people_filter.venue.is_some()
            || self.people_filter.operator.is_some()
        {
            self.refresh_people(world);
        }
        self.refresh_documents(world);
        self.clamp_selections(world);
    }

    fn after_filter(&mut self, world: &World) {
        self.refresh_people(world);
        self.selected.insert(Screen::People, 0);
        self.tips_done.insert(Screen::People);
    }

    fn refresh(&mut self, world: &World) {
        self.refresh_people(world);
        self.refresh_documents(world);
    }

    fn refresh_people(&mut self, world: &World) {
        self.people_rows = self.people_filter.apply(world, self.clock);
        self.clamp_selections(world);
    }

    fn refresh_documents(&mut self, world: &World) {
        let needle = self.document_query.to_lowercase();
        self.document_rows = self
            .available_documents(world)
            .into_iter()
            .filter(|&d| {
                let doc = &world.scenario.documents[d as usize];
                needle.is_empty()
                    || doc.title.to_lowercase().contains(&needle)
                    || doc.body.to_lowercase().contains(&needle)
                    || doc.author.to_lowercase().contains(&needle)
            })
            .collect();
        if self
            .document_open
            .is_some_and(|d| world.scenario.documents[d as usize].available_from > self.clock)
        {
            self.document_open = None;
        }
    }

    fn clamp_selections(&mut self, world: &World) {
        for screen in [
            Screen::People,
            Screen::Dossier,
            Screen::Documents,
            Screen::CaseFile,
        ] {
            let len = self.list_len_of(world, screen);
            let selected = self.selected(screen).min(len.saturating_sub(1));
            self.selected.insert(screen, selected);
        }
    }

    /// The entry selected on the current screen, if it has one.
    pub fn selected_entry(&self, world: &World) -> Option<EntryId> {
        match self.screen {
            Screen::Dossier => self
                .dossier_entries(world)
                .get(self.selected(Screen::Dossier))
                .copied(),
            Screen::Trace => {
                let trace = self.trace.as_ref()?;
                let link = trace.links.get(self.selected(Screen::Trace))?;
                match link.kind {
                    LinkKind::Entry => link.id.parse().ok(),
                    _ => trace.entry,
                }
            }
            Screen::Check => self.check_entry,
            _ => None,
        }
    }

    /// The person selected on the current screen, if any.
    pub fn selected_person(&self, world: &World) -> Option<PersonIx> {
        match self.screen {
            Screen::People => self.people_rows.get(self.selected(Screen::People)).copied(),
            Screen::Timeline => {
                let h = world.timeline.get(self.selected(Screen::Timeline))?;
                crate::engine::world::person_of(h, &world.scenario, &world.roster)
            }
            Screen::Dossier | Screen::Trace | Screen::Check => self.person,
            _ => None,
        }
    }

    fn open_person(&mut self, world: &World, person: PersonIx) {
        self.person = Some(person);
        let entries = self.dossier_entries(world).len();
        self.selected
            .insert(Screen::Dossier, entries.saturating_sub(1));
        self.show(Screen::Dossier);
    }

    fn open_selected(&mut self, world: &World) {
        match self.screen {
            Screen::Timeline | Screen::People => match self.selected_person(world) {
                Some(person) => self.open_person(world, person),
                None => self.message = "This event is not about one person.".to_owned(),
            },
            Screen::Dossier => self.trace_selected(world),
            Screen::Trace => self.follow_link(world),
            Screen::Operators => {
                let op = self.selected(Screen::Operators) as u16;
                self.people_filter = PeopleFilter {
                    operator: Some(op),
                    ..PeopleFilter::default()
                };
                self.after_filter(world);
                self.show(Screen::People);
            }
            Screen::Documents => {
                self.document_open = self
                    .document_rows
                    .get(self.selected(Screen::Documents))
                    .copied();
                self.document_scroll = 0;
            }
            Screen::CaseFile => {
                let row = self.selected(Screen::CaseFile);
                let Some(key) = &world.scenario.answer_key else {
                    return;
                };
                if let Some(objective) = key.objectives.get(row) {
                    self.picker = Some(AnswerPicker::new(
                        objective.id.to_string(),
                        PickKind::for_answer(&objective.answer),
                    ));
                    self.tips_done.insert(Screen::CaseFile);
                }
            }
            _ => {}
        }
    }

    fn trace_selected(&mut self, world: &World) {
        let target = match self.screen {
            Screen::Dossier | Screen::Check | Screen::Trace => self
                .selected_entry(world)
                .and_then(|id| world.ledger.get(id))
                .map(|e| (e.person, e.at))
                .or(self.person.map(|p| (p, self.clock))),
            _ => self.selected_person(world).map(|p| (p, self.clock)),
        };
        match target {
            Some((person, at)) => {
                self.person = Some(person);
                self.trace = Some(world.trace(person, at));
                self.selected.insert(Screen::Trace, 0);
                self.tips_done.insert(Screen::Dossier);
                self.show(Screen::Trace);
            }
            None => self.message = "Select a person or a code change to trace.".to_owned(),
        }
    }

    fn follow_link(&mut self, world: &World) {
        let Some(link) = self
            .trace
            .as_ref()
            .and_then(|t| t.links.get(self.selected(Screen::Trace)))
            .cloned()
        else {
            return;
        };
        self.tips_done.insert(Screen::Trace);
        match link.kind {
            LinkKind::Entry => {
                if let Some(e) = link.id.parse().ok().and_then(|id| world.ledger.get(id)) {
                    let (person, at) = (e.person, e.at);
                    self.trace = Some(world.trace(person, at));
                    self.selected.insert(Screen::Trace, 0);
                }
            }
            LinkKind::Evidence => {
                let person = link
                    .id
                    .parse::<usize>()
                    .ok()
                    .and_then(|ix| world.timeline.get(ix))
                    .and_then(|h| {
                        crate::engine::world::person_of(h, &world.scenario, &world.roster)
                    });
                if let Some(person) = person {
                    self.open_person(world, person);
                }
            }
            LinkKind::Operator | LinkKind::Official => {
                if let Some(o) = world.official_ix(&link.id) {
                    self.selected.insert(Screen::Operators, o as usize);
                    self.show(Screen::Operators);
                }
            }
            LinkKind::Directive | LinkKind::Basis => self.open_document(world, &link.id),
            LinkKind::Order => {
                let document = world.catalog.orders.get(&link.id).and_then(|&e| {
                    match &world.scenario.events[e as usize].what {
                        EventKind::Order { document, .. } => {
                            document.as_ref().map(|d| d.to_string())
                        }
                        _ => None,
                    }
                });
                match document {
                    Some(doc) => self.open_document(world, &doc),
                    None => self.message = "This order left no document.".to_owned(),
                }
            }
            LinkKind::Check | LinkKind::Permission => {
                self.check_entry = self
                    .trace
                    .as_ref()
                    .and_then(|t| t.entry)
                    .or(link.id.parse().ok());
                self.show(Screen::Check);
            }
            LinkKind::Batch => {
                if let Some(&first) = world.ledger.by_batch(&link.id).first()
                    && let Some(op) = world.operator_of(first)
                {
                    self.selected.insert(Screen::Operators, op as usize);
                    self.show(Screen::Operators);
                }
            }
            LinkKind::Rule | LinkKind::Role => {
                self.message = format!("{} — shown in full on this line.", link.text);
            }
        }
    }

    fn open_document(&mut self, world: &World, id: &str) {
        let Some(&d) = world.catalog.documents.get(id) else {
            return;
        };
        if world.scenario.documents[d as usize].available_from > self.clock {
            self.message = format!(
                "That document is not available yet: it unlocks at {}.",
                world.scenario.documents[d as usize].available_from
            );
            return;
        }
        self.document_query.clear();
        self.refresh_documents(world);
        if let Some(row) = self.document_rows.iter().position(|&x| x == d) {
            self.selected.insert(Screen::Documents, row);
        }
        self.document_open = Some(d);
        self.document_scroll = 0;
        self.show(Screen::Documents);
    }

    fn mark_compare(&mut self, world: &World) {
        let Some(person) = self.selected_person(world) else {
            self.message = "Select a person to compare.".to_owned();
            return;
        };
        match self.compare {
            [Some(first), None] if first != person => {
                self.compare[1] = Some(person);
                self.show(Screen::Compare);
            }
            _ => {
                self.compare = [Some(person), None];
                self.message = format!(
                    "Marked {} for comparison: mark a second person with m.",
                    world.person_name(person)
                );
            }
        }
    }

    fn open_flag_dialog(&mut self, world: &World) {
        if self.submitted() {
            self.message = "The case file has been submitted.".to_owned();
            return;
        }
        if self.screen == Screen::Operators {
            let op = self.selected(Screen::Operators) as u16;
            if world.ledger.by_operator(op).is_empty() {
                self.message = "This official changed no codes.".to_owned();
                return;
            }
            self.flag_dialog = Some(FlagDialog::for_operator(world, op));
            self.tips_done.insert(Screen::Operators);
            return;
        }
        match self.selected_entry(world) {
            Some(entry) => {
                self.flag_dialog = Some(FlagDialog::for_entry(world, entry));
                self.tips_done.insert(Screen::Dossier);
            }
            None => {
                self.message = "Select a code change (in a dossier or trace) to flag.".to_owned()
            }
        }
    }

    fn answer(&mut self, world: &World, objective: String, answer: Given) {
        let known = world
            .scenario
            .answer_key
            .as_ref()
            .is_some_and(|k| k.objectives.iter().any(|o| o.id == objective.as_str()));
        if !known {
            self.message = format!("No objective `{objective}`.");
            return;
        }
        self.message = format!("Answered: {}", super::score::describe_given(world, &answer));
        self.case.answers.insert(objective, answer);
    }

    fn take_hint(&mut self, world: &World, objective: String) {
        let Some(key) = &world.scenario.answer_key else {
            return;
        };
        let Some(o) = key.objectives.iter().find(|o| o.id == objective.as_str()) else {
            self.message = format!("No objective `{objective}`.");
            return;
        };
        if !self.case.hint_taken(&objective) {
            // Hints fade: once some finding already stands, a hint costs less.
            let progress = grade(world, &self.case).findings_passed() > 0;
            self.case.hints.push(HintTaken {
                objective,
                cost: if progress { 1 } else { 2 },
            });
        }
        self.message = format!("Hint: {}", o.hint);
    }

    /// Colour of a person at the clock.
    pub fn colour_now(&self, world: &World, person: PersonIx) -> Colour {
        world.ledger.colour_at(person, 0, self.clock)
    }
}

/// Whether a typed character may go into a text field: nothing that could reach the
/// terminal as a control, bidi or invisible character, whatever a journal says was typed.
fn typeable(c: char) -> bool {
    let typed = c.to_string();
    c != '\n' && clean(&typed) == typed
}

/// A time typed to seek to, completed from the clock: `2022-06-13 12:00`, `06-13 12:00`
/// (this year), `12:00` (this day) or `2022-06-13` (midnight).
pub fn parse_seek(text: &str, clock: Time) -> Result<Time, String> {
    let text = text.trim();
    let now = clock.to_string();
    let full = match text.len() {
        5 if text.contains(':') => format!("{} {text}", &now[..10]),
        11 if text.contains(' ') => format!("{}-{text}", &now[..4]),
        _ => text.to_owned(),
    };
    Time::parse(&full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_characters_can_be_typed() {
        assert!(typeable('a') && typeable('林') && typeable(' '));
        for c in [
            '\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{200b}', '\n', '\t',
        ] {
            assert!(!typeable(c), "{c:?}");
        }
    }

    #[test]
    fn seek_times_are_completed_from_the_clock() {
        let clock = Time::parse("2022-06-11 08:30").unwrap();
        let at = |t: &str| parse_seek(t, clock).map(|t| t.to_string());
        assert_eq!(at("12:00").unwrap(), "2022-06-11 12:00");
        assert_eq!(at("06-13 12:00").unwrap(), "2022-06-13 12:00");
        assert_eq!(at("2022-06-14 01:02").unwrap(), "2022-06-14 01:02");
        assert_eq!(at("2022-06-14").unwrap(), "2022-06-14 00:00");
        assert!(at("soon").is_err());
    }
}

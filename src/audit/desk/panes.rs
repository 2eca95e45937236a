//! The panes room: which pane of a screen has the focus, and how far each text pane is
//! scrolled. A text pane scrolls by items (a record, a history row, a line of the
//! briefing), which the desk can count from the world, so its scroll is clamped here and
//! never runs past the end; the view lays the items out and keeps the panel full.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::engine::World;
use crate::scenario::catalog::OfficialIx;
use crate::scenario::expand::PersonIx;

use super::super::action::Screen;
use super::Desk;

/// Which pane of a screen has the focus, and each text pane's scroll.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct Panes {
    /// The focused pane per screen; absent means the first pane a screen opens on.
    focus: BTreeMap<Screen, usize>,
    /// The first item shown, per screen and pane.
    offsets: BTreeMap<Screen, [usize; 2]>,
}

/// What a screen's pane is: a list of rows the desk selects from, or text it scrolls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneKind {
    List,
    Text,
}

impl Screen {
    /// The panes of a screen, in the order focus moves through them.
    pub fn panes(self) -> &'static [PaneKind] {
        use PaneKind::{List, Text};
        match self {
            Screen::Dossier => &[List, Text],
            Screen::Operators => &[List, Text],
            Screen::Batch => &[List, Text],
            Screen::Accesses => &[List, Text],
            Screen::Compare => &[Text, Text],
            Screen::Briefing | Screen::Debrief => &[Text],
            _ => &[List],
        }
    }
}

/// The dossier's panes: its code history (a list, focused first) and its records.
pub const DOSSIER_RECORDS: usize = 1;
/// The operators' panes: the officials (a list, focused first) and the selected account.
pub const OPERATORS_ACCOUNT: usize = 1;

/// Lines of the operators' account above its batches: name, post, organisation, a gap,
/// a gap, and the count of changes (and three of role when the official has one).
const ACCOUNT_HEAD: usize = 6;
const ACCOUNT_ROLE: usize = 3;

impl Desk {
    /// The pane of a screen that has the focus: moves go to it.
    pub fn focused_pane(&self, screen: Screen) -> usize {
        self.panes.focus.get(&screen).copied().unwrap_or(0)
    }

    /// The first item a text pane shows.
    pub fn pane_scroll(&self, screen: Screen, pane: usize) -> usize {
        self.panes
            .offsets
            .get(&screen)
            .and_then(|o| o.get(pane))
            .copied()
            .unwrap_or(0)
    }

    /// How many items a text pane scrolls through.
    pub fn pane_len(&self, world: &World, screen: Screen, pane: usize) -> usize {
        match (screen, pane) {
            (Screen::Briefing, _) => {
                let messages = self.inject_messages(world).len();
                briefing_items(world) + if messages > 0 { 2 + messages } else { 0 }
            }
            (Screen::Debrief, _) => self.debrief_items(world),
            (Screen::Dossier, _) => self
                .person()
                .map_or(0, |p| world.records_until(p, self.clock()).len()),
            (Screen::Compare, side) => {
                self.compared()[side.min(1)].map_or(0, |p| self.compare_items(world, p))
            }
            (Screen::Batch, _) => super::BATCH_RECORD_ITEMS,
            (Screen::Accesses, _) => super::ACCESS_ITEMS,
            (Screen::Operators, _) => {
                let official = world
                    .scenario
                    .officials
                    .get(self.selected(Screen::Operators));
                let role =
                    official.is_some_and(|o| world.catalog.roles.contains_key(o.role.as_str()));
                ACCOUNT_HEAD
                    + if role { ACCOUNT_ROLE } else { 0 }
                    + self.account_batches(world).len()
            }
            _ => 0,
        }
    }

    /// The furthest a text pane scrolls: where its last page begins, as far as the desk can
    /// tell. The view shows the end from there on, so no press is lost past it.
    pub fn pane_last(&self, world: &World, screen: Screen, pane: usize) -> usize {
        // Each item takes a row at least; the briefing and debrief fill the body, whose
        // height is known from the terminal's, inside their borders. Other panes share
        // their room with a head the desk cannot measure, so they stop at their last item.
        let room = match screen {
            Screen::Briefing | Screen::Debrief => self.page + 2,
            _ => 1,
        };
        let len = self.pane_len(world, screen, pane);
        // One step at least, where there is more than one item: items that wrap can
        // overflow a pane that has fewer of them than rows.
        len.saturating_sub(room).max(len.saturating_sub(1).min(1))
    }

    /// Moves the focus to the screen's next pane, round to the first.
    pub(super) fn switch_pane(&mut self) {
        let panes = self.screen.panes().len();
        if panes < 2 {
            self.say("This screen has one pane: the movement keys scroll it.");
            return;
        }
        let next = (self.focused_pane(self.screen) + 1) % panes;
        self.panes.focus.insert(self.screen, next);
    }

    /// Scrolls the focused pane if it is text; whether it was.
    pub(super) fn scroll_pane(&mut self, world: &World, delta: i64) -> bool {
        let screen = self.screen;
        let pane = self.focused_pane(screen);
        if screen.panes().get(pane) != Some(&PaneKind::Text) {
            return false;
        }
        let last = self.pane_last(world, screen, pane);
        // The clock may have shortened the pane since it was scrolled.
        let current = self.pane_scroll(screen, pane).min(last) as i64;
        let next = current.saturating_add(delta).clamp(0, last as i64) as usize;
        self.set_pane_scroll(screen, pane, next);
        true
    }

    /// Puts a text pane back at its top (a new person or official in it).
    pub(super) fn reset_pane(&mut self, screen: Screen, pane: usize) {
        self.set_pane_scroll(screen, pane, 0);
    }

    fn set_pane_scroll(&mut self, screen: Screen, pane: usize, offset: usize) {
        if let Some(slot) = self.panes.offsets.entry(screen).or_default().get_mut(pane) {
            *slot = offset;
        }
    }

    /// Items of a compare column below its profile: the records, a gap and the heading of
    /// the code history, and its rows (or the line saying there are none).
    fn compare_items(&self, world: &World, person: PersonIx) -> usize {
        let clock = self.clock();
        let records = world.records_until(person, clock).len();
        let history = world
            .ledger
            .history(person)
            .iter()
            .filter(|&&id| world.ledger.get(id).is_some_and(|e| e.at <= clock))
            .count();
        records + 2 + history.max(1)
    }

    /// The batches of the selected official's changes up to the clock.
    pub fn account_batches(&self, world: &World) -> Vec<String> {
        let op = OfficialIx(self.selected(Screen::Operators) as u16);
        let clock = self.clock();
        let mut seen = BTreeSet::new();
        let mut batches = Vec::new();
        for &id in world.ledger.by_official(op) {
            if world.ledger.get(id).is_none_or(|e| e.at > clock) {
                continue;
            }
            if let Some(b) = world.assignment_of(id).and_then(|a| a.batch.as_ref())
                && seen.insert(b.as_str())
            {
                batches.push(b.to_string());
            }
        }
        batches
    }

    /// Items of the debrief: the result, then each section's heading (a blank line and
    /// its title) and items.
    fn debrief_items(&self, world: &World) -> usize {
        let Some(grade) = self.grade() else {
            return 1;
        };
        1 + super::debrief::sections(world, grade)
            .iter()
            .map(|s| 2 + s.items.len())
            .sum::<usize>()
    }
}

/// Items of the briefing: title, dates and a gap; its lines; the objectives under their
/// heading; and the closing advice after a gap.
fn briefing_items(world: &World) -> usize {
    let s = &world.scenario;
    let objectives = s.answer_key.as_ref().map_or(0, |k| 2 + k.objectives.len());
    3 + s.briefing.lines().count() + objectives + 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::action::Action;

    fn world() -> World {
        crate::open::open(Some("tutorial"), None)
            .expect("the tutorial opens")
            .world
    }

    fn desk_at_24_rows(world: &World) -> Desk {
        let mut desk = Desk::new(world);
        desk.update(
            world,
            Action::Resize {
                width: 80,
                height: 24,
            },
        );
        desk
    }

    #[test]
    fn the_briefing_scrolls_to_its_last_page_and_no_further() {
        let world = world();
        let mut desk = desk_at_24_rows(&world);
        let last = desk.pane_last(&world, Screen::Briefing, 0);
        assert!(last > 0, "the tutorial's briefing is longer than a page");
        for _ in 0..100 {
            desk.update(&world, Action::PageDown);
        }
        assert_eq!(desk.pane_scroll(Screen::Briefing, 0), last);
        desk.update(&world, Action::Up);
        assert_eq!(desk.pane_scroll(Screen::Briefing, 0), last - 1);
        desk.update(&world, Action::First);
        assert_eq!(desk.pane_scroll(Screen::Briefing, 0), 0);
    }

    #[test]
    fn the_focus_decides_whether_the_list_moves_or_the_text_scrolls() {
        let world = world();
        let mut desk = desk_at_24_rows(&world);
        desk.update(&world, Action::Show(Screen::Operators));
        desk.update(&world, Action::Down);
        assert_eq!(desk.selected(Screen::Operators), 1);
        desk.update(&world, Action::SwitchPane);
        assert_eq!(desk.focused_pane(Screen::Operators), OPERATORS_ACCOUNT);
        desk.update(&world, Action::Down);
        assert_eq!(desk.selected(Screen::Operators), 1, "the list stays");
        assert_eq!(desk.pane_scroll(Screen::Operators, OPERATORS_ACCOUNT), 1);
        // Round to the list again: a new official's account is read from its top.
        desk.update(&world, Action::SwitchPane);
        desk.update(&world, Action::Up);
        assert_eq!(desk.selected(Screen::Operators), 0);
        assert_eq!(desk.pane_scroll(Screen::Operators, OPERATORS_ACCOUNT), 0);
    }

    #[test]
    fn a_pane_shortened_by_the_clock_scrolls_from_its_new_end() {
        let world = world();
        let mut desk = desk_at_24_rows(&world);
        desk.update(&world, Action::SeekEnd);
        let person = (0..world.roster.people.len() as u32)
            .map(PersonIx)
            .max_by_key(|&p| world.records_until(p, world.scenario.end).len())
            .expect("people");
        desk.open_person(&world, person);
        desk.update(&world, Action::SwitchPane);
        desk.update(&world, Action::Last);
        let far = desk.pane_scroll(Screen::Dossier, DOSSIER_RECORDS);
        assert!(far > 1, "{far}");
        desk.update(&world, Action::SeekTo(world.scenario.start));
        desk.update(&world, Action::Show(Screen::Dossier));
        desk.update(&world, Action::Up);
        let last = desk.pane_last(&world, Screen::Dossier, DOSSIER_RECORDS);
        assert!(desk.pane_scroll(Screen::Dossier, DOSSIER_RECORDS) <= last);
    }
}

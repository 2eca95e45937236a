//! The console application: the world, the desk, the keymap and the theme, turning terminal
//! events into Actions and Actions into desk updates.

use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ratatui::Frame;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use crate::audit::report::markdown;
use crate::audit::{Action, CaseChange, Desk, Effect, Screen};
use crate::engine::World;

use super::keymap::{Keymap, Mode};
use super::theme::Theme;
use super::views;

/// Where a list was drawn, so a click can pick its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListArea {
    pub area: Rect,
    pub offset: usize,
}

/// Where a tab was drawn, so a click can show its screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TabPlace {
    pub area: Rect,
    pub screen: Screen,
}

/// The console: everything needed to draw a frame and take the next event.
pub struct App {
    /// The simulated world, shared read-only: a class serves every student's console
    /// from one copy.
    pub world: Arc<World>,
    pub desk: Desk,
    pub keymap: Keymap,
    pub theme: Theme,
    pub player: String,
    /// Where `w` writes the debrief: this name, or the first free one after it
    /// (`redcode-debrief-2.md`, ...).
    pub report_path: PathBuf,
    /// The player has asked to leave: the event loop ends.
    pub quit: bool,
    /// Something the console itself has to say (a report written, a file error).
    pub status: String,
    /// Scroll offsets per screen: view state, kept so lists scroll smoothly.
    pub offsets: RefCell<BTreeMap<Screen, usize>>,
    /// Where the current screen's list was last drawn.
    pub list_area: RefCell<Option<ListArea>>,
    /// Where each tab was last drawn.
    pub tab_places: RefCell<Vec<TabPlace>>,
    /// The widest name and id in the roster, measured once for the people table.
    pub roster_widths: OnceCell<(usize, usize)>,
    /// The class this console is served to, if any: local play has none.
    pub class: Option<super::banner::ClassBanner>,
}

/// What can change on a console's screen while its player presses nothing: the status
/// line, the class's banner, and the desk (through actions the class takes for them).
/// Compared before and after an idle moment, it tells the loop whether to draw again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Look {
    status: String,
    class: Option<super::banner::ClassBanner>,
    taken: u64,
}

impl App {
    /// The console's [`Look`] now.
    pub fn look(&self) -> Look {
        Look {
            status: self.status.clone(),
            class: self.class.clone(),
            taken: self.desk.taken(),
        }
    }

    pub fn new(world: impl Into<Arc<World>>, keymap: Keymap, theme: Theme, player: String) -> App {
        let world = world.into();
        let desk = Desk::new(&world);
        App {
            world,
            desk,
            keymap,
            theme,
            player,
            report_path: PathBuf::from("redcode-debrief.md"),
            quit: false,
            status: String::new(),
            offsets: RefCell::new(BTreeMap::new()),
            list_area: RefCell::new(None),
            tab_places: RefCell::new(Vec::new()),
            roster_widths: OnceCell::new(),
            class: None,
        }
    }

    /// Which keys are live now.
    pub fn mode(&self) -> Mode {
        if self.desk.wants_text() {
            Mode::Text
        } else if self.desk.dialog_open() {
            Mode::Dialog
        } else {
            Mode::Normal
        }
    }

    /// The action a terminal event asks for, if any.
    pub fn action_for(&self, event: &Event) -> Option<Action> {
        match event {
            Event::Key(key) => self.action_for_key(*key),
            Event::Mouse(mouse) => self.action_for_mouse(*mouse),
            Event::Resize(width, height) => Some(Action::Resize {
                width: *width,
                height: *height,
            }),
            _ => None,
        }
    }

    /// The action a key press asks for. Ctrl+C always quits, whatever a keymap says: a
    /// keymap file can rebind every other key, but never take away the way out.
    pub fn action_for_key(&self, key: KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return Some(Action::Quit);
        }
        self.keymap.resolve(key, self.mode())
    }

    fn action_for_mouse(&self, mouse: MouseEvent) -> Option<Action> {
        match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::Down),
            MouseEventKind::ScrollUp => Some(Action::Up),
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(tab) = self
                    .tab_places
                    .borrow()
                    .iter()
                    .find(|t| t.area.contains((mouse.column, mouse.row).into()))
                {
                    // A dialog keeps the screen under it: a click on a tab waits for it.
                    return (self.mode() == Mode::Normal).then_some(Action::Show(tab.screen));
                }
                let list = (*self.list_area.borrow())?;
                let inside = mouse.column >= list.area.x
                    && mouse.column < list.area.x + list.area.width
                    && mouse.row >= list.area.y
                    && mouse.row < list.area.y + list.area.height;
                inside
                    .then(|| Action::SelectRow(list.offset + usize::from(mouse.row - list.area.y)))
            }
            _ => None,
        }
    }

    /// Applies an action: the desk updates, and the console carries out what it asks.
    pub fn dispatch(&mut self, action: Action) {
        self.take(action);
    }

    /// Applies an action as [`App::dispatch`] does, returning what it changed in the case
    /// file, for the journal to record.
    pub fn take(&mut self, action: Action) -> Vec<CaseChange> {
        // A resize is not the player acting: what the console said stays on screen.
        if !matches!(action, Action::Resize { .. }) {
            self.status.clear();
        }
        let mut changes = Vec::new();
        for effect in self.desk.update(&self.world, action) {
            match effect {
                Effect::WriteReport => self.write_report(),
                Effect::Quit => self.quit = true,
                Effect::CaseChanged(change) => changes.push(change),
            }
        }
        changes
    }

    /// Writes the debrief under a name no file has yet, and says where.
    fn write_report(&mut self) {
        let Some(grade) = self.desk.grade() else {
            return;
        };
        let text = markdown(&self.world, self.desk.case(), grade, &self.player);
        self.status = match write_new(&self.report_path, &text) {
            Ok(path) => format!("Debrief written to {}", path.display()),
            Err(e) => format!("Could not write {}: {e}", self.report_path.display()),
        };
    }

    pub fn draw(&self, frame: &mut Frame) {
        views::draw(frame, self);
    }

    /// The scroll offset for a list of `len` rows: moved only as far as needed to show the
    /// selection, and never so far that the page ends short of a full list's last row (after
    /// the clock seeks back, the list shrinks and its rows fill the page again).
    pub fn scroll_list(&self, screen: Screen, selected: usize, height: usize, len: usize) -> usize {
        let mut offsets = self.offsets.borrow_mut();
        let offset = offsets.entry(screen).or_insert(0);
        let height = height.max(1);
        if selected < *offset {
            *offset = selected;
        } else if selected >= *offset + height {
            *offset = selected + 1 - height;
        }
        *offset = (*offset).min(len.saturating_sub(height));
        *offset
    }
}

/// Most numbered names tried before `w` gives up: a folder with this many reports has a
/// problem a new name will not solve.
const MAX_REPORTS: u32 = 10_000;

/// The `n`th name for a report at `base`: the base itself, then `stem-2.ext`, `stem-3.ext`...
fn numbered(base: &Path, n: u32) -> PathBuf {
    if n == 1 {
        return base.to_owned();
    }
    let stem = base.file_stem().unwrap_or_default().to_string_lossy();
    let name = match base.extension() {
        Some(ext) => format!("{stem}-{n}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{n}"),
    };
    base.with_file_name(name)
}

/// Writes `text` to the first of `base`'s numbered names that does not exist, and returns
/// it. The file is created new, so nothing is overwritten and no link is followed, even if
/// another file appears between the check and the write.
pub fn write_new(base: &Path, text: &str) -> io::Result<PathBuf> {
    for n in 1..=MAX_REPORTS {
        let path = numbered(base, n);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{MAX_REPORTS} reports already stand beside it"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_numbered_after_the_first() {
        let base = Path::new("out/redcode-debrief.md");
        assert_eq!(numbered(base, 1), base);
        assert_eq!(numbered(base, 2), Path::new("out/redcode-debrief-2.md"));
        assert_eq!(numbered(Path::new("report"), 3), Path::new("report-3"));
    }

    #[test]
    fn a_report_never_overwrites_or_follows_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("redcode-debrief.md");
        assert_eq!(write_new(&base, "one").unwrap(), base);
        let second = write_new(&base, "two").unwrap();
        assert_eq!(second, dir.path().join("redcode-debrief-2.md"));
        assert_eq!(std::fs::read_to_string(&base).unwrap(), "one");
        assert_eq!(std::fs::read_to_string(&second).unwrap(), "two");
        #[cfg(unix)]
        {
            // A link where the third report would go is skipped, not written through.
            let target = dir.path().join("elsewhere.md");
            let link = dir.path().join("redcode-debrief-3.md");
            std::os::unix::fs::symlink(&target, &link).unwrap();
            let third = write_new(&base, "three").unwrap();
            assert_eq!(third, dir.path().join("redcode-debrief-4.md"));
            assert!(!target.exists());
        }
    }
}

//! The console application: the world, the desk, the keymap and the theme, turning terminal
//! events into Actions and Actions into desk updates.

use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;
use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::{
    Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use crate::audit::report::markdown;
use crate::audit::{Action, Desk, Screen};
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

/// The console: everything needed to draw a frame and take the next event.
pub struct App {
    pub world: World,
    pub desk: Desk,
    pub keymap: Keymap,
    pub theme: Theme,
    pub player: String,
    /// Where `w` writes the debrief.
    pub report_path: PathBuf,
    /// Something the console itself has to say (a report written, a file error).
    pub status: String,
    /// Scroll offsets per screen: view state, kept so lists scroll smoothly.
    pub offsets: RefCell<BTreeMap<Screen, usize>>,
    /// Where the current screen's list was last drawn.
    pub list_area: RefCell<Option<ListArea>>,
    /// The widest name and id in the roster, measured once for the people table.
    pub roster_widths: OnceCell<(usize, usize)>,
}

impl App {
    pub fn new(world: World, keymap: Keymap, theme: Theme, player: String) -> App {
        let desk = Desk::new(&world);
        App {
            world,
            desk,
            keymap,
            theme,
            player,
            report_path: PathBuf::from("redcode-debrief.md"),
            status: String::new(),
            offsets: RefCell::new(BTreeMap::new()),
            list_area: RefCell::new(None),
            roster_widths: OnceCell::new(),
        }
    }

    /// Which keys are live now.
    pub fn mode(&self) -> Mode {
        if self.desk.wants_text() {
            Mode::Text
        } else if self.desk.flag_dialog.is_some() || self.desk.picker.is_some() {
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

    pub fn action_for_key(&self, key: KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        self.keymap.resolve(key, self.mode())
    }

    fn action_for_mouse(&self, mouse: MouseEvent) -> Option<Action> {
        match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::Down),
            MouseEventKind::ScrollUp => Some(Action::Up),
            MouseEventKind::Down(MouseButton::Left) => {
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

    /// Applies an action: the desk updates, and the few actions with effects outside the
    /// desk (writing the report) are carried out here.
    pub fn dispatch(&mut self, action: Action) {
        let export = action == Action::ExportReport;
        // A resize is not the player acting: what the console said stays on screen.
        if !matches!(action, Action::Resize { .. }) {
            self.status.clear();
        }
        self.desk.update(&self.world, action);
        if export {
            self.export_report();
        }
    }

    fn export_report(&mut self) {
        let Some(grade) = &self.desk.grade else {
            self.status = "Submit the case file first (S in the case file).".to_owned();
            return;
        };
        let text = markdown(&self.world, &self.desk.case, grade, &self.player);
        self.status = match write_no_follow(&self.report_path, &text) {
            Ok(()) => format!("Debrief written to {}", self.report_path.display()),
            Err(e) => format!("Could not write {}: {e}", self.report_path.display()),
        };
    }

    pub fn draw(&self, frame: &mut Frame) {
        views::draw(frame, self);
    }

    /// The scroll offset for a list, moved only as far as needed to show the selection.
    pub fn scroll(&self, screen: Screen, selected: usize, height: usize) -> usize {
        let mut offsets = self.offsets.borrow_mut();
        let offset = offsets.entry(screen).or_insert(0);
        let height = height.max(1);
        if selected < *offset {
            *offset = selected;
        } else if selected >= *offset + height {
            *offset = selected + 1 - height;
        }
        *offset
    }
}

/// Writes a report without following a symbolic link at its name: a link planted there must
/// not make the console overwrite the file it points to. Only a regular file is written.
pub fn write_no_follow(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    file.set_len(0)?;
    file.write_all(text.as_bytes())
}

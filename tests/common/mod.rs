//! What the integration tests share: the built-in worlds, playthroughs journaled as the
//! console journals them, the binary run as a user runs it, the tools some tests need, the
//! text of a drawn screen, and answers found the way a player finds them.
//!
//! Each test crate compiles this module for itself and uses only part of it, so unused
//! items are allowed here rather than in every test file.
#![allow(dead_code)]

pub mod answers;
pub mod class;
pub mod client;
pub mod tools;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Mutex, PoisonError};

use ratatui::buffer::Buffer;
use ratatui::text::Span;
use redcode::audit::casefile::{Flag, FlagTarget};
use redcode::audit::{Action, CaseChange, Desk, Effect};
use redcode::engine::World;
use redcode::open::open;
use redcode::scenario::builtin;
use redcode::scenario::model::Category;
use redcode::session::journal::{self, Journal, Writer};
use redcode::session::{Recorder, new_header};

/// The `redcode` binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_redcode");

/// A built-in scenario's world at its own seed. Opened once per test crate and cloned
/// after, since simulating the larger scenarios is the slow part of many tests.
pub fn world(name: &str) -> World {
    static OPENED: Mutex<BTreeMap<String, World>> = Mutex::new(BTreeMap::new());
    let mut opened = OPENED.lock().unwrap_or_else(PoisonError::into_inner);
    opened
        .entry(name.to_owned())
        .or_insert_with(|| match open(Some(name), None) {
            Ok(opened) => opened.world,
            Err(e) => panic!("the built-in scenario `{name}` opens: {e}"),
        })
        .clone()
}

/// The scenario played when none is named.
pub fn zhengzhou() -> World {
    world(builtin::DEFAULT)
}

/// The tutorial scenario.
pub fn tutorial() -> World {
    world(builtin::TUTORIAL)
}

/// A fresh temporary folder, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// Plays `actions` on a fresh desk over `world`, without a journal.
pub fn play(world: &World, actions: impl IntoIterator<Item = Action>) -> Desk {
    let mut desk = Desk::new(world);
    for action in actions {
        desk.update(world, action);
    }
    desk
}

/// Plays `actions` on a desk over the built-in scenario `name` while journaling them to
/// `path`, as the console does; the journal is synced before this returns.
pub fn record(path: &Path, name: &str, player: &str, actions: &[Action]) -> Desk {
    let world = world(name);
    assert!(
        builtin::find(name).is_some(),
        "no built-in scenario `{name}`"
    );
    let header = new_header(name, &world.scenario, world.seed, player);
    let writer = Writer::create(path, &header)
        .unwrap_or_else(|e| panic!("a new journal at {}: {e}", path.display()));
    let mut recorder = Recorder::new(writer);
    let mut desk = Desk::new(&world);
    for action in actions {
        let changes = changes_of(desk.update(&world, action.clone()));
        recorder.record(action, &changes, &desk);
    }
    recorder.sync();
    assert!(
        recorder.error.is_none(),
        "journaling failed: {:?}",
        recorder.error
    );
    desk
}

/// Records `actions` on the built-in scenario `name` into `dir/session.jsonl` and reads
/// the journal back.
pub fn recorded(dir: &Path, name: &str, player: &str, actions: &[Action]) -> Journal {
    let path = dir.join("session.jsonl");
    record(&path, name, player, actions);
    journal::read(&path).unwrap_or_else(|e| panic!("the journal reads back: {e}"))
}

/// The action of flagging `target` with the officials named by id.
pub fn flag(
    target: FlagTarget,
    category: Category,
    carried_out: &[&str],
    decided: &[&str],
) -> Action {
    Action::AddFlag(Flag::new(target, category, carried_out, decided))
}

/// A flag naming the whole chain: who decided, who passed the instruction on, who carried
/// it out.
pub fn chain_flag(
    target: FlagTarget,
    category: Category,
    [decided, passed_on, carried_out]: [&[&str]; 3],
) -> Action {
    Action::AddFlag(Flag::new(target, category, carried_out, decided).with_passed_on(passed_on))
}

/// The binary, to be run from the crate root (so relative paths read as a user types
/// them) with colour off.
pub fn redcode_command() -> Command {
    let mut command = Command::new(BIN);
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    command
}

/// Runs the binary with `args` and waits for it.
pub fn redcode(args: &[&str]) -> Output {
    redcode_command()
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The text of a drawn buffer, one string per row, each wide character once.
pub fn screen_rows(buffer: &Buffer) -> Vec<String> {
    (0..buffer.area.height)
        .map(|y| row_cells(buffer, y).into_iter().map(|(_, s)| s).collect())
        .collect()
}

/// The text of a drawn buffer, its rows joined by line breaks.
pub fn screen_text(buffer: &Buffer) -> String {
    screen_rows(buffer).join("\n")
}

/// The visible symbols of a row with the column each starts at (cells hidden behind a wide
/// character are skipped).
pub fn row_cells(buffer: &Buffer, y: u16) -> Vec<(u16, String)> {
    let mut out = Vec::new();
    let mut skip = 0usize;
    for x in 0..buffer.area.width {
        let symbol = buffer[(x, y)].symbol();
        if skip == 0 {
            out.push((x, symbol.to_owned()));
        }
        skip = skip.max(Span::raw(symbol).width()).saturating_sub(1);
    }
    out
}

/// What an action changed in the case file, out of the desk's effects, as the console
/// hands it to the journal.
pub fn changes_of(effects: Vec<Effect>) -> Vec<CaseChange> {
    effects
        .into_iter()
        .filter_map(|effect| match effect {
            Effect::CaseChanged(change) => Some(change),
            _ => None,
        })
        .collect()
}

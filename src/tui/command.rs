//! The commands a keymap may bind, apart from the desk's internal actions, and the words
//! (from `assets/commands.ron`) that the help and the footer say for each.
//!
//! A keymap names `Command`s, never `Action`s: actions such as `Resize`, `Type`,
//! `SelectRow`, `AddFlag` or `SeekTo` carry data only the console or a dialog can supply,
//! so a keymap that names one is refused where it is written, with its line and column.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::audit::{Action, Screen};

use super::keyfile::Ordered;
use super::replay_viewer::Control;

/// Something a key can do in the console, a dialog or a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    Show(Screen),
    Back,
    NextScreen,
    PrevScreen,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Open,
    StepForward,
    StepBack,
    NextChange,
    NextOfKind,
    CycleEventKind,
    SeekEnd,
    StartSearch,
    StartSeek,
    StartInjectCode,
    Erase,
    Confirm,
    Cancel,
    CycleColourFilter,
    CycleTagFilter,
    CycleVenueFilter,
    CycleOperatorFilter,
    ClearFilters,
    ToggleEverRed,
    ToggleContradictedFilter,
    CycleBatchFilter,
    CycleRuleFilter,
    WidenFilter,
    CycleSystemFilter,
    OpenBatch,
    OpenAccesses,
    NextBatch,
    PrevBatch,
    TraceSelected,
    CheckSelected,
    MarkCompare,
    OpenFlagDialog,
    Toggle,
    StartNote,
    HintSelected,
    RemoveSelected,
    Submit,
    ExportReport,
    SwitchPane,
    ToggleHelp,
    Quit,
    Undo,
    Redo,
}

impl Command {
    /// The action the desk is given for this command.
    pub fn action(self) -> Action {
        match self {
            Command::Show(screen) => Action::Show(screen),
            Command::Back => Action::Back,
            Command::NextScreen => Action::NextScreen,
            Command::PrevScreen => Action::PrevScreen,
            Command::Up => Action::Up,
            Command::Down => Action::Down,
            Command::PageUp => Action::PageUp,
            Command::PageDown => Action::PageDown,
            Command::First => Action::First,
            Command::Last => Action::Last,
            Command::Open => Action::Open,
            Command::StepForward => Action::StepForward,
            Command::StepBack => Action::StepBack,
            Command::NextChange => Action::NextChange,
            Command::NextOfKind => Action::NextOfKind,
            Command::CycleEventKind => Action::CycleEventKind,
            Command::SeekEnd => Action::SeekEnd,
            Command::StartSearch => Action::StartSearch,
            Command::StartSeek => Action::StartSeek,
            Command::StartInjectCode => Action::StartInjectCode,
            Command::Erase => Action::Erase,
            Command::Confirm => Action::Confirm,
            Command::Cancel => Action::Cancel,
            Command::CycleColourFilter => Action::CycleColourFilter,
            Command::CycleTagFilter => Action::CycleTagFilter,
            Command::CycleVenueFilter => Action::CycleVenueFilter,
            Command::CycleOperatorFilter => Action::CycleOperatorFilter,
            Command::ClearFilters => Action::ClearFilters,
            Command::ToggleEverRed => Action::ToggleEverRed,
            Command::ToggleContradictedFilter => Action::ToggleContradictedFilter,
            Command::CycleBatchFilter => Action::CycleBatchFilter,
            Command::CycleRuleFilter => Action::CycleRuleFilter,
            Command::WidenFilter => Action::WidenFilter,
            Command::CycleSystemFilter => Action::CycleSystemFilter,
            Command::OpenBatch => Action::OpenBatch,
            Command::OpenAccesses => Action::OpenAccesses,
            Command::NextBatch => Action::NextBatch,
            Command::PrevBatch => Action::PrevBatch,
            Command::TraceSelected => Action::TraceSelected,
            Command::CheckSelected => Action::CheckSelected,
            Command::MarkCompare => Action::MarkCompare,
            Command::OpenFlagDialog => Action::OpenFlagDialog,
            Command::Toggle => Action::Toggle,
            Command::StartNote => Action::StartNote,
            Command::HintSelected => Action::HintSelected,
            // Both ask first: the question's Confirm does it.
            Command::RemoveSelected => Action::RequestRemoveSelected,
            Command::Submit => Action::RequestSubmit,
            Command::ExportReport => Action::ExportReport,
            Command::SwitchPane => Action::SwitchPane,
            Command::ToggleHelp => Action::ToggleHelp,
            Command::Quit => Action::Quit,
            Command::Undo => Action::Undo,
            Command::Redo => Action::Redo,
        }
    }

    /// The command as a keymap file spells it: `Quit`, `Show(People)`.
    pub fn spelling(self) -> String {
        ron::to_string(&self).unwrap_or_else(|_| format!("{self:?}"))
    }
}

/// What the help and the footer say of a command in one mode.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Description {
    /// The words beside its keys; `{Command}` stands for that command's key.
    pub help: String,
    /// Its place in the footer: lower comes first.
    #[serde(default = "middle_rank")]
    pub rank: u8,
    /// The screens whose footer shows it.
    #[serde(default)]
    pub footer: Vec<Screen>,
}

fn middle_rank() -> u8 {
    7
}

/// The words for every command, by mode, as `assets/commands.ron` gives them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Descriptions {
    pub normal: Ordered<Command, Description>,
    pub dialog: Ordered<Command, Description>,
    pub text: Ordered<Command, Description>,
    pub replay: Ordered<Control, String>,
    pub welcome: Ordered<super::Welcome, String>,
}

const SOURCE: &str = include_str!("../../assets/commands.ron");

static DESCRIPTIONS: LazyLock<Descriptions> = LazyLock::new(|| {
    // Embedded and checked by the tests, so it cannot fail in a build that passed them.
    ron::from_str(SOURCE).expect("assets/commands.ron is valid")
});

/// The descriptions of every command.
pub fn descriptions() -> &'static Descriptions {
    &DESCRIPTIONS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_descriptions_parse_and_cover_every_screen() {
        let d = descriptions();
        for screen in Screen::TABS.iter().chain(&[Screen::Check, Screen::Debrief]) {
            assert!(
                d.normal.get(&Command::Show(*screen)).is_some(),
                "{screen:?}"
            );
        }
        assert_eq!(d.normal.get(&Command::Quit).map(|d| d.rank), Some(10));
        assert_eq!(d.normal.get(&Command::Up).map(|d| d.rank), Some(7));
        assert_eq!(Command::Show(Screen::People).spelling(), "Show(People)");
    }
}

//! Everything the player can do, as data. A recording of a session is a list of these.

use serde::{Deserialize, Serialize};

use crate::scenario::Time;

use super::casefile::{Flag, FlagTarget, Given};
use crate::scenario::text::clean;

/// The screens of the auditor's console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Screen {
    /// Who you are, the mandate, the objectives.
    Briefing,
    /// The scenario clock and the events so far.
    Timeline,
    /// Everyone, searchable and filterable.
    People,
    /// One person: profile, records, code history.
    Dossier,
    /// The chain behind a colour.
    Trace,
    /// Accounts, roles, permissions, batches, changes per hour.
    Operators,
    /// Directives, messages, notices, transcripts.
    Documents,
    /// Two people side by side.
    Compare,
    /// A manual entry's stated reason against the records.
    Check,
    /// Colour counts over time.
    Overview,
    /// Flags, notes and answers.
    CaseFile,
    /// The result, after submitting.
    Debrief,
    /// One batch job as a record: when, which account, the list, the reason, the
    /// directive, the people it touched and where they really were.
    Batch,
    /// The access log: who looked up or exported whose personal records, which fields,
    /// for what stated purpose, each against its purpose and its account's role.
    Accesses,
}

impl Screen {
    /// The screens reachable by number keys, in tab order.
    pub const TABS: [Screen; 10] = [
        Screen::Briefing,
        Screen::Timeline,
        Screen::People,
        Screen::Dossier,
        Screen::Trace,
        Screen::Operators,
        Screen::Documents,
        Screen::Overview,
        Screen::CaseFile,
        Screen::Compare,
    ];

    /// The screens with a list of rows to select, scroll and open: said once here for the
    /// desk, the views and the keymap. (The briefing and debrief scroll as text.)
    pub const LISTS: [Screen; 9] = [
        Screen::Timeline,
        Screen::People,
        Screen::Dossier,
        Screen::Trace,
        Screen::Operators,
        Screen::Documents,
        Screen::CaseFile,
        Screen::Batch,
        Screen::Accesses,
    ];

    /// Whether the screen has a list of rows to select, scroll and open.
    pub fn has_list(self) -> bool {
        Screen::LISTS.contains(&self)
    }

    pub fn title(self) -> &'static str {
        match self {
            Screen::Briefing => "Briefing",
            Screen::Timeline => "Timeline",
            Screen::People => "People",
            Screen::Dossier => "Dossier",
            Screen::Trace => "Trace",
            Screen::Operators => "Operators",
            Screen::Documents => "Documents",
            Screen::Compare => "Compare",
            Screen::Check => "Check",
            Screen::Overview => "Overview",
            Screen::CaseFile => "Case file",
            Screen::Debrief => "Debrief",
            Screen::Batch => "Batch",
            Screen::Accesses => "Accesses",
        }
    }
}

/// One thing the player does. The desk's `update` is the only way its state changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Go to a screen.
    Show(Screen),
    /// Return to the screen before this one.
    Back,
    /// Next screen in tab order.
    NextScreen,
    /// Previous screen in tab order.
    PrevScreen,
    /// Move the selection up one row.
    Up,
    /// Move the selection down one row.
    Down,
    /// Move the selection up a page.
    PageUp,
    /// Move the selection down a page.
    PageDown,
    /// Select the first row.
    First,
    /// Select the last row.
    Last,
    /// Select a row by its position in the current list (a mouse click).
    SelectRow(usize),
    /// Open the selected row: a person's dossier, an entry's trace, a link's record.
    Open,
    /// Advance the clock by one event.
    StepForward,
    /// Move the clock back by one event.
    StepBack,
    /// Advance the clock to the next code change.
    NextChange,
    /// Advance the clock to the next event of the chosen kind.
    NextOfKind,
    /// Choose which kind of event `NextOfKind` looks for.
    CycleEventKind,
    /// Set the clock to a moment.
    SeekTo(Time),
    /// Run the clock to the scenario's end.
    SeekEnd,
    /// Open the access log: an official's accesses from the Operators screen, those that
    /// read the person's records from a dossier, every one elsewhere.
    OpenAccesses,
    /// Start typing a search in the current list.
    StartSearch,
    /// Start typing a time to seek to.
    StartSeek,
    /// Start typing the code of an inject the facilitator read out.
    StartInjectCode,
    /// Release an inject (by id) before its time: sent by the class's server when the
    /// facilitator releases it.
    ReleaseInject(String),
    /// Type a character into the open text field.
    Type(char),
    /// Delete the last character of the open text field.
    Erase,
    /// Accept the open field, dialog or picker.
    Confirm,
    /// Close the open field, dialog or picker without accepting.
    Cancel,
    /// Cycle the people filter by colour.
    CycleColourFilter,
    /// Cycle the people filter by tag.
    CycleTagFilter,
    /// Cycle the people filter by venue visited.
    CycleVenueFilter,
    /// Cycle the people filter by the official who changed their codes.
    CycleOperatorFilter,
    /// Clear every people filter and the search.
    ClearFilters,
    /// Filter people red at any moment up to the clock, not only at it (or stop).
    ToggleEverRed,
    /// Filter people with a scan the carrier record nearest before it contradicts: the
    /// phone in another city than the venue (or stop).
    ToggleContradictedFilter,
    /// Cycle the people filter by the batch that changed their codes.
    CycleBatchFilter,
    /// Cycle the people filter by the rule that changed their codes.
    CycleRuleFilter,
    /// Add one more operator, batch or rule to the filter of those changed last: people
    /// changed by any of them.
    WidenFilter,
    /// Cycle the code system the people list shows and filters colours in: any, then each.
    CycleSystemFilter,
    /// Open the batch behind the selection: a batch event, a trace's batch link, an
    /// operator's first batch, the selected person's latest batch.
    OpenBatch,
    /// On the batch screen, show the next batch run by the clock.
    NextBatch,
    /// On the batch screen, show the previous batch run by the clock.
    PrevBatch,
    /// Trace the selected person's colour, or the selected entry.
    TraceSelected,
    /// Check the selected manual entry's stated reason against the records.
    CheckSelected,
    /// Mark the selected person for comparison; the second mark opens the comparison.
    MarkCompare,
    /// Open the flag dialog for the selected entry.
    OpenFlagDialog,
    /// In a dialog, change the selected field's value.
    Toggle,
    /// Record a flag in the case file.
    AddFlag(Flag),
    /// Remove a flag from the case file by its position.
    RemoveFlag(usize),
    /// Start typing a note.
    StartNote,
    /// Record a note in the case file.
    AddNote(String),
    /// Answer an objective (by id) with one of the game's records.
    Answer { objective: String, answer: Given },
    /// Reveal the hint of an objective (by id).
    TakeHint(String),
    /// Reveal the hint of the objective selected in the case file.
    HintSelected,
    /// Remove the flag or note selected in the case file, at once (journals before the
    /// question was asked recorded this).
    RemoveSelected,
    /// Hand in the case file and see the debrief, at once.
    Submit,
    /// Ask before handing in the case file, saying what is still unanswered; `Confirm`
    /// then hands it in.
    RequestSubmit,
    /// Ask before removing the flag or note selected in the case file; `Confirm` then
    /// removes it.
    RequestRemoveSelected,
    /// Undo the last edit of the case file (a flag, note, answer or recommendation added,
    /// replaced or removed), until the submit.
    Undo,
    /// Redo the last edit undone.
    Redo,
    /// Recommend these controls (the scenario's ids), replacing any chosen before.
    Recommend(Vec<String>),
    /// Ask for the debrief as a Markdown report.
    ExportReport,
    /// Move the focus to the screen's other pane: the movement keys then scroll that one.
    SwitchPane,
    /// Show or hide the key help.
    ToggleHelp,
    /// Leave the console.
    Quit,
    /// The terminal changed size; lists page by its height.
    Resize { width: u16, height: u16 },
}

impl Action {
    /// The action with every text it carries cleaned as file text is: actions also come
    /// from journals and keymap files, which may be hand-edited or hostile, and their
    /// texts end up on the screen.
    pub fn cleaned(self) -> Action {
        let text = |s: String| clean(&s);
        let texts = |v: Vec<String>| v.into_iter().map(|s| clean(&s)).collect();
        match self {
            Action::AddFlag(flag) => Action::AddFlag(Flag {
                target: match flag.target {
                    FlagTarget::Batch(b) => FlagTarget::Batch(text(b)),
                    FlagTarget::Official(o) => FlagTarget::Official(text(o)),
                    FlagTarget::Rule(r) => FlagTarget::Rule(text(r)),
                    FlagTarget::Entry(e) => FlagTarget::Entry(e),
                    FlagTarget::Access(a) => FlagTarget::Access(text(a)),
                    FlagTarget::AccountAccesses(o) => FlagTarget::AccountAccesses(text(o)),
                },
                categories: flag.categories,
                decided: texts(flag.decided),
                passed_on: texts(flag.passed_on),
                carried_out: texts(flag.carried_out),
            }),
            Action::AddNote(note) => Action::AddNote(text(note)),
            Action::Recommend(controls) => Action::Recommend(texts(controls)),
            Action::TakeHint(objective) => Action::TakeHint(text(objective)),
            Action::Answer { objective, answer } => Action::Answer {
                objective: text(objective),
                answer: match answer {
                    Given::Official(id) => Given::Official(text(id)),
                    Given::Officials(ids) => Given::Officials(texts(ids)),
                    Given::Person(id) => Given::Person(text(id)),
                    Given::Document(id) => Given::Document(text(id)),
                    Given::Number(n) => Given::Number(n),
                },
            },
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::Category;

    #[test]
    fn texts_carried_by_actions_are_cleaned() {
        let flag = Action::AddFlag(Flag::new(
            FlagTarget::Batch("b\u{1b}[2J".into()),
            Category::Lawful,
            &["a\u{202e}b"],
            &[],
        ))
        .cleaned();
        let Action::AddFlag(flag) = flag else {
            panic!("still a flag")
        };
        assert_eq!(flag.target, FlagTarget::Batch("b[2J".into()));
        assert_eq!(flag.carried_out, vec!["ab".to_string()]);
        assert_eq!(
            Action::AddNote("x\u{7}y".into()).cleaned(),
            Action::AddNote("xy".into())
        );
        let answer = Action::Answer {
            objective: "o\u{200b}".into(),
            answer: Given::Person("p\u{9b}".into()),
        }
        .cleaned();
        assert_eq!(
            answer,
            Action::Answer {
                objective: "o".into(),
                answer: Given::Person("p".into())
            }
        );
        assert_eq!(Action::Up.cleaned(), Action::Up);
    }
}

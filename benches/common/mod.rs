//! A long, realistic session for the session and console benches: navigation, clock
//! steps, searches, traces, checks, flags and notes, over the Zhengzhou scenario.

use redcode::audit::casefile::{Flag, FlagTarget};
use redcode::audit::{Action, Screen};
use redcode::scenario::model::Category;

/// `count` actions cycling through what an auditor does.
pub fn long_session(count: usize) -> Vec<Action> {
    let mut rounds = vec![Action::Resize {
        width: 200,
        height: 60,
    }];
    let round: Vec<Action> = vec![
        Action::NextChange,
        Action::Show(Screen::Timeline),
        Action::Down,
        Action::Up,
        Action::StepForward,
        Action::Show(Screen::People),
        Action::CycleColourFilter,
        Action::PageDown,
        Action::StartSearch,
        Action::Type('l'),
        Action::Type('i'),
        Action::Erase,
        Action::Cancel,
        Action::Open,
        Action::TraceSelected,
        Action::Down,
        Action::Open,
        Action::Back,
        Action::Show(Screen::Operators),
        Action::Down,
        Action::Show(Screen::Documents),
        Action::Down,
        Action::Open,
        Action::Back,
        Action::Show(Screen::Overview),
        Action::Show(Screen::CaseFile),
        Action::AddFlag(Flag::new(
            FlagTarget::Batch("b-0611-a".into()),
            Category::NoEpidemicBasis,
            &["chen-yuting"],
            &["feng-jianguo"],
        )),
        Action::AddNote("the reason says inbound; the forms say train".into()),
        Action::StepBack,
        Action::ClearFilters,
    ];
    while rounds.len() < count {
        rounds.extend(round.iter().cloned());
    }
    rounds.truncate(count);
    rounds
}

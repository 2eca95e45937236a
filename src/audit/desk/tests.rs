//! The desk acted on through Actions and read through its methods: what each room reports
//! to the outside as Effects.

use super::*;
use crate::audit::casefile::{Flag, FlagTarget, Given};
use crate::audit::effect::CaseChange;
use crate::scenario::model::Category;

fn world() -> World {
    crate::open::open(Some("tutorial"), None)
        .expect("the tutorial opens")
        .world
}

fn first_objective(world: &World) -> String {
    let key = world.scenario.answer_key.as_ref().expect("an answer key");
    key.objectives[0].id.to_string()
}

fn flag(entry: EntryId, category: Category) -> Flag {
    Flag::new(FlagTarget::Entry(entry), category, &[], &[])
}

#[test]
fn quitting_is_an_effect_from_anywhere() {
    let world = world();
    let mut desk = Desk::new(&world);
    assert_eq!(desk.update(&world, Action::Quit), vec![Effect::Quit]);
    desk.update(&world, Action::StartNote);
    assert_eq!(desk.update(&world, Action::Quit), vec![Effect::Quit]);
    assert!(desk.input().is_some(), "the note being typed stays open");
    assert_eq!(desk.update(&world, Action::Up), vec![]);
}

#[test]
fn a_report_is_asked_for_only_once_graded() {
    let world = world();
    let mut desk = Desk::new(&world);
    assert_eq!(desk.update(&world, Action::ExportReport), vec![]);
    assert!(desk.message().starts_with("Submit the case file first"));
    assert_eq!(
        desk.update(&world, Action::Submit),
        vec![Effect::CaseChanged(CaseChange::Submitted)]
    );
    assert_eq!(desk.screen(), Screen::Debrief);
    assert!(desk.grade().is_some());
    assert_eq!(
        desk.update(&world, Action::ExportReport),
        vec![Effect::WriteReport]
    );
}

#[test]
fn flags_report_what_they_replace_and_remove() {
    let world = world();
    let mut desk = Desk::new(&world);
    let first = flag(EntryId(0), Category::Lawful);
    let second = flag(EntryId(0), Category::NoEpidemicBasis);
    assert_eq!(
        desk.update(&world, Action::AddFlag(first.clone())),
        vec![Effect::CaseChanged(CaseChange::FlagAdded {
            flag: Box::new(first.clone()),
            replaced: None
        })]
    );
    assert_eq!(
        desk.update(&world, Action::AddFlag(second.clone())),
        vec![Effect::CaseChanged(CaseChange::FlagAdded {
            flag: Box::new(second.clone()),
            replaced: Some(Box::new(first))
        })]
    );
    assert_eq!(desk.update(&world, Action::RemoveFlag(5)), vec![]);
    assert_eq!(
        desk.update(&world, Action::RemoveFlag(0)),
        vec![Effect::CaseChanged(CaseChange::FlagRemoved(second))]
    );
    assert!(desk.case().flags.is_empty());
}

#[test]
fn notes_typed_and_removed_are_reported() {
    let world = world();
    let mut desk = Desk::new(&world);
    desk.update(&world, Action::StartNote);
    for c in "seen".chars() {
        assert_eq!(desk.update(&world, Action::Type(c)), vec![]);
    }
    assert_eq!(
        desk.update(&world, Action::Confirm),
        vec![Effect::CaseChanged(CaseChange::NoteAdded("seen".into()))]
    );
    desk.update(&world, Action::Show(Screen::CaseFile));
    desk.update(&world, Action::Last);
    assert_eq!(
        desk.update(&world, Action::RemoveSelected),
        vec![Effect::CaseChanged(CaseChange::NoteRemoved("seen".into()))]
    );
    assert!(desk.case().notes.is_empty());
}

#[test]
fn answers_and_hints_are_reported_in_the_scenarios_ids() {
    let world = world();
    let mut desk = Desk::new(&world);
    let objective = first_objective(&world);
    let unknown = Action::Answer {
        objective: "no-such-objective".into(),
        answer: Given::Number(1),
    };
    assert_eq!(desk.update(&world, unknown), vec![]);
    let answer = Given::Number(3);
    assert_eq!(
        desk.update(
            &world,
            Action::Answer {
                objective: objective.clone(),
                answer: answer.clone()
            }
        ),
        vec![Effect::CaseChanged(CaseChange::Answered {
            objective: objective.clone(),
            answer
        })]
    );
    let hint = desk.update(&world, Action::TakeHint(objective.clone()));
    assert!(matches!(
        hint.as_slice(),
        [Effect::CaseChanged(CaseChange::HintTaken { objective: o, cost: 1 | 2 })] if *o == objective
    ));
    // A hint already taken costs nothing more and changes nothing.
    assert_eq!(desk.update(&world, Action::TakeHint(objective)), vec![]);
    assert!(desk.message().starts_with("Hint: "));
}

#[test]
fn only_list_screens_have_rows_to_open() {
    let world = world();
    let mut desk = Desk::new(&world);
    desk.update(&world, Action::SeekEnd);
    for screen in [
        Screen::Briefing,
        Screen::Compare,
        Screen::Check,
        Screen::Overview,
        Screen::Debrief,
    ] {
        assert!(!screen.has_list());
        desk.update(&world, Action::Show(screen));
        let before = desk.clone();
        assert_eq!(desk.update(&world, Action::Open), vec![]);
        assert_eq!(desk, before, "{screen:?}");
    }
}

#[test]
fn back_closes_the_document_before_leaving_the_screen() {
    let world = world();
    let mut desk = Desk::new(&world);
    desk.update(&world, Action::SeekEnd);
    desk.update(&world, Action::Show(Screen::Documents));
    desk.update(&world, Action::Open);
    assert!(desk.document_open().is_some());
    desk.update(&world, Action::Down);
    assert_eq!(desk.document_scroll(), 1);
    desk.update(&world, Action::Back);
    assert_eq!(
        (desk.screen(), desk.document_open()),
        (Screen::Documents, None)
    );
    desk.update(&world, Action::Back);
    assert_eq!(desk.screen(), Screen::Briefing);
}

//! The desk driven by Actions through whole playthroughs of the Zhengzhou scenario.

mod common;

use common::{answers, chain_flag, flag, play, zhengzhou as world};
use redcode::audit::casefile::FlagTarget;
use redcode::audit::dialogs::FLAG_HEAD_ROWS;
use redcode::audit::{Action, Label, Screen};
use redcode::engine::{Cause, EntryId};
use redcode::scenario::Time;
use redcode::scenario::model::{Category, ChainRole};

/// Right flags on the code group's batches of 11 and 12 June, fully attributed.
fn code_group_flags() -> Vec<Action> {
    ["b-0611-a", "b-0612-a"]
        .into_iter()
        .map(|batch| {
            chain_flag(
                FlagTarget::Batch(batch.into()),
                Category::NoEpidemicBasis,
                [
                    &["feng-jianguo", "lu-xiaoming"],
                    &["zhao-hongwei"],
                    &["chen-yuting", "zhao-hongwei"],
                ],
            )
        })
        .collect()
}

#[test]
fn a_careful_auditor_reaches_full_marks() {
    let world = world();
    let deciders = ["feng-jianguo", "lu-xiaoming"];
    let mut actions = vec![Action::SeekEnd];
    actions.extend(code_group_flags());
    for batch in ["b-0613-a", "b-0613-b", "b-0614-a", "b-0614-b"] {
        actions.push(chain_flag(
            FlagTarget::Batch(batch.into()),
            Category::OutsideAuthority,
            [&deciders, &["zhao-hongwei"], &["wang-lei", "zhao-hongwei"]],
        ));
    }
    // The answers as the screens show them, not as the key holds them.
    actions.extend(answers::zhengzhou(&world));
    actions.push(answers::recommendations_for(
        &world,
        &[Category::NoEpidemicBasis, Category::OutsideAuthority],
    ));
    actions.push(Action::Submit);
    let desk = play(&world, actions);
    let grade = desk.grade().unwrap();
    assert_eq!(desk.screen(), Screen::Debrief);
    assert_eq!(grade.recommendations_right(), (5, 5));
    assert_eq!(grade.recommendations_wrong(), 0);
    assert_eq!(grade.label, Label::Complete, "{grade:#?}");
    assert_eq!(grade.objectives.len(), 6);
    for objective in &grade.objectives {
        assert!(objective.correct, "{objective:#?}");
    }
    assert_eq!(grade.score, grade.max_score);
    // Two findings, six objectives and five controls.
    assert_eq!(grade.max_score, 2 * 10 + 6 * 5 + 5 * 2);
    assert_eq!(grade.findings_passed(), 2);
    assert!(grade.wrongly_flagged.is_empty());
}

#[test]
fn flagging_everything_scores_low_and_unsafe() {
    let world = world();
    let mut actions = vec![Action::SeekEnd];
    for op in world.ledger.officials_who_changed_codes() {
        let id = world.official(op).id.to_string();
        actions.push(flag(
            FlagTarget::Official(id),
            Category::NoEpidemicBasis,
            &[],
            &[],
        ));
    }
    for (id, entry) in world.ledger.entries().iter().enumerate() {
        if matches!(entry.cause, Cause::Rule { .. }) {
            actions.push(flag(
                FlagTarget::Entry(EntryId(id as u32)),
                Category::NoEpidemicBasis,
                &[],
                &[],
            ));
        }
    }
    actions.push(Action::Submit);
    let desk = play(&world, actions);
    let grade = desk.grade().unwrap();
    assert_eq!(grade.label, Label::Unsafe);
    // Every lawful entry in the key is listed, once.
    let mut lawful: Vec<EntryId> = world
        .scenario
        .answer_key
        .as_ref()
        .unwrap()
        .lawful
        .iter()
        .flat_map(|set| world.select(&set.entries))
        .collect();
    lawful.sort_unstable();
    lawful.dedup();
    assert!(lawful.len() >= 10);
    assert_eq!(grade.wrongly_flagged.len(), lawful.len());
    // The CDC's lawful manual red is among the accusations, listed by entry.
    let qiao = world.roster.find("res-qiao").unwrap();
    let cdc_entry = world.ledger.history(qiao)[0];
    assert!(grade.wrongly_flagged.iter().any(|w| w.entry == cdc_entry));
    assert!(
        grade.score < grade.max_score / 4,
        "score {} of {}",
        grade.score,
        grade.max_score
    );
    // Without attribution no finding passes, and the reason says so.
    assert_eq!(grade.findings_passed(), 0);
    assert!(
        grade.findings[0].reason.contains("who carried it out"),
        "{}",
        grade.findings[0].reason
    );
}

#[test]
fn a_flag_without_who_ordered_fails_with_that_reason() {
    let world = world();
    let actions = vec![
        flag(
            FlagTarget::Batch("b-0611-a".into()),
            Category::NoEpidemicBasis,
            &["chen-yuting", "zhao-hongwei"],
            &[],
        ),
        flag(
            FlagTarget::Batch("b-0612-a".into()),
            Category::NoEpidemicBasis,
            &["chen-yuting", "zhao-hongwei"],
            &[],
        ),
        Action::Submit,
    ];
    let grade = play(&world, actions).grade().cloned().unwrap();
    let f = &grade.findings[0];
    assert!(!f.passed);
    assert!(f.reason.contains("who decided"), "{}", f.reason);
    assert_eq!(f.covered, f.entries);
}

#[test]
fn the_keys_path_search_open_trace_check_flag() {
    let world = world();
    let mut actions = vec![
        Action::SeekTo(Time::parse("2022-06-13 12:00").unwrap()),
        Action::Show(Screen::People),
        Action::StartSearch,
    ];
    actions.extend("lin xiu".chars().map(Action::Type));
    actions.extend([Action::Confirm, Action::Open]);
    let mut desk = play(&world, actions);
    assert_eq!(desk.screen(), Screen::Dossier);
    let lin = world.roster.find("lin-xiu").unwrap();
    assert_eq!(desk.person(), Some(lin));
    // The dossier opens on the latest change: the batch.
    let entry = desk.selected_entry(&world).unwrap();
    assert!(world.assignment_of(entry).is_some());
    desk.update(&world, Action::CheckSelected);
    assert_eq!(desk.screen(), Screen::Check);
    assert_eq!(desk.check_entry(), Some(entry));
    desk.update(&world, Action::Back);
    desk.update(&world, Action::TraceSelected);
    assert_eq!(desk.screen(), Screen::Trace);
    // On 13 June no record shows the instruction behind the batch: the trace says so
    // rather than naming anyone.
    let links = &desk.trace().unwrap().links;
    assert!(!links.iter().any(|l| l.id == "feng-jianguo"), "{links:#?}");
    assert!(
        links
            .iter()
            .any(|l| l.text == "the instruction behind this change is not on record yet"),
        "{links:#?}"
    );
    // Flag through the dialog: scope to the batch, category stays "no basis", name the
    // account that carried it out (pre-selected) and tick both who decided.
    desk.update(&world, Action::OpenFlagDialog);
    desk.update(&world, Action::Toggle);
    let officials = world.scenario.officials.len();
    let feng = usize::from(world.official_ix("feng-jianguo").unwrap());
    let lu = usize::from(world.official_ix("lu-xiaoming").unwrap());
    let decided = FLAG_HEAD_ROWS + officials * ChainRole::Decided as usize;
    for row in [decided + feng, decided + lu] {
        // Walk the dialog's rows as the arrow keys do.
        let at = desk.flag_dialog().unwrap().row;
        let step = if row > at { Action::Down } else { Action::Up };
        for _ in 0..at.abs_diff(row) {
            desk.update(&world, step.clone());
        }
        desk.update(&world, Action::Toggle);
    }
    desk.update(&world, Action::Confirm);
    assert!(desk.flag_dialog().is_none());
    assert_eq!(desk.case().flags.len(), 1, "{:#?}", desk.case().flags);
    let flag = &desk.case().flags[0];
    assert_eq!(flag.target, FlagTarget::Batch("b-0612-a".into()));
    assert_eq!(flag.category(), Category::NoEpidemicBasis);
    assert_eq!(flag.carried_out, vec!["chen-yuting".to_string()]);
    let mut ordered = flag.decided.clone();
    ordered.sort();
    assert_eq!(ordered, ["feng-jianguo", "lu-xiaoming"]);
    assert_eq!(
        desk.message(),
        format!(
            "Flagged batch b-0612-a (384 entries) as {}.",
            Category::NoEpidemicBasis.label()
        )
    );
}

#[test]
fn the_clock_hides_what_has_not_happened() {
    let world = world();
    let mut desk = play(&world, vec![Action::Show(Screen::Documents)]);
    let early = desk.document_rows().len();
    desk.update(&world, Action::SeekEnd);
    assert!(desk.document_rows().len() > early);
    desk.update(&world, Action::SeekTo(world.scenario.start));
    desk.update(&world, Action::NextChange);
    // The first code change of the scenario: the first batch's first red.
    let first = Time::parse("2022-06-10 16:00").unwrap();
    assert_eq!(world.ledger.entries()[0].at, first);
    assert_eq!(desk.clock(), first);
    // Everything up to the clock is revealed, nothing after it.
    let revealed = desk.revealed();
    assert!(revealed > 0);
    assert!(world.timeline[revealed - 1].at <= first);
    assert!(world.timeline[revealed].at > first);
    // A step reveals exactly the next event and moves the clock to its time.
    desk.update(&world, Action::StepForward);
    assert_eq!(desk.revealed(), revealed + 1);
    let next = world.timeline[revealed].at;
    assert!(next > first);
    assert_eq!(desk.clock(), next);
    // A step back hides it again and puts the clock back on the change.
    desk.update(&world, Action::StepBack);
    assert_eq!(desk.revealed(), revealed);
    assert_eq!(desk.clock(), first);
}

#[test]
fn replaying_the_same_actions_gives_the_same_desk() {
    let world = world();
    let actions = vec![
        Action::SeekEnd,
        Action::Show(Screen::People),
        Action::CycleColourFilter,
        Action::CycleColourFilter,
        Action::CycleColourFilter,
        Action::Down,
        Action::Open,
        Action::TraceSelected,
        Action::StartNote,
        Action::Type('x'),
        Action::Confirm,
    ];
    let a = play(&world, actions.clone());
    let b = play(&world, actions);
    assert_eq!(a, b);
    assert_eq!(a.case().notes, vec!["x".to_string()]);
}

#[test]
fn hints_cost_less_after_progress() {
    let world = world();
    let desk = play(&world, vec![Action::TakeHint("o-count".into())]);
    assert_eq!(desk.case().hints[0].cost, 2);
    let mut actions = code_group_flags();
    actions.push(Action::TakeHint("o-count".into()));
    let desk = play(&world, actions);
    assert_eq!(desk.case().hints[0].cost, 1);
    assert!(desk.message().starts_with("Hint:"));
}

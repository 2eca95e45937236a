//! The case file as an auditor writes it, driven by Actions: edits undone and redone until
//! the submit (and journaled so a rebuild and a replay agree), questions before a submit
//! or a deletion, recommendations scored against the key, flags on a rule's entries, the
//! chain remembered between flags, and a debrief that teaches.

mod common;

use common::{answers, flag, play, recorded, tempdir};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use redcode::audit::casefile::{CaseFile, FlagTarget, Given};
use redcode::audit::desk::{ItemKind, debrief_sections};
use redcode::audit::dialogs::FlagDialog;
use redcode::audit::{Action, CaseChange, Desk, Label, Screen};
use redcode::engine::{Cause, EntryId, World};
use redcode::scenario::model::{Category, ChainRole};
use redcode::session::changes;
use redcode::session::class_results::grade_one;
use redcode::session::replay::replay_to_end;
use redcode::tui::App;
use redcode::tui::keymap::Keymap;
use redcode::tui::theme::Theme;

fn batch_flag(batch: &str, category: Category) -> Action {
    flag(
        FlagTarget::Batch(batch.into()),
        category,
        &["chen-yuting", "zhao-hongwei"],
        &["feng-jianguo", "lu-xiaoming"],
    )
}

/// The first entry a rule made.
fn rule_entry(world: &World, rule: &str) -> EntryId {
    let r = world.catalog.rules[rule];
    *world
        .ledger
        .by_rule(r)
        .iter()
        .find(|&&e| matches!(world.ledger.get(e).unwrap().cause, Cause::Rule { .. }))
        .expect("the rule made an entry")
}

fn update(desk: &mut Desk, world: &World, action: Action) -> Vec<CaseChange> {
    common::changes_of(desk.update(world, action))
}

#[test]
fn every_case_file_edit_undoes_and_redoes_until_the_submit() {
    let world = common::zhengzhou();
    let mut desk = Desk::new(&world);
    let mut states: Vec<CaseFile> = vec![desk.case().clone()];
    let edits = [
        batch_flag("b-0611-a", Category::NoEpidemicBasis),
        // The same target again: a replacement.
        batch_flag("b-0611-a", Category::TargetingGroup),
        batch_flag("b-0612-a", Category::NoEpidemicBasis),
        Action::AddNote("same scans, different colour".into()),
        Action::Answer {
            objective: "o-count".into(),
            answer: Given::Number(1000),
        },
        Action::Answer {
            objective: "o-count".into(),
            answer: Given::Number(1317),
        },
        Action::Recommend(vec!["ctl-basis".into()]),
        Action::RemoveFlag(0),
    ];
    for edit in edits {
        assert!(!update(&mut desk, &world, edit).is_empty());
        states.push(desk.case().clone());
    }
    assert_eq!(desk.case().flags.len(), 1);
    // Undo walks back through every state, then says there is nothing left.
    for expected in states.iter().rev().skip(1) {
        assert!(desk.can_undo());
        let changes = update(&mut desk, &world, Action::Undo);
        assert!(!changes.is_empty(), "an undo reports what it changed");
        assert_eq!(desk.case(), expected);
    }
    assert!(!desk.can_undo());
    desk.update(&world, Action::Undo);
    assert_eq!(desk.message(), "Nothing to undo.");
    // Redo walks forward again.
    for expected in states.iter().skip(1) {
        update(&mut desk, &world, Action::Redo);
        assert_eq!(desk.case(), expected);
    }
    assert!(!desk.can_redo());
    // A new edit after an undo drops what could be redone.
    desk.update(&world, Action::Undo);
    assert!(desk.can_redo());
    desk.update(&world, Action::AddNote("new".into()));
    assert!(!desk.can_redo());
    // After the submit nothing is undone.
    desk.update(&world, Action::Submit);
    let submitted = desk.case().clone();
    assert!(update(&mut desk, &world, Action::Undo).is_empty());
    assert!(desk.message().contains("submitted"), "{}", desk.message());
    assert_eq!(desk.case(), &submitted);
}

#[test]
fn a_journal_with_undos_rebuilds_and_grades_as_the_desk_played_it() {
    let world = common::tutorial();
    let mut actions = vec![
        Action::SeekEnd,
        flag(
            FlagTarget::Entry(EntryId(2)),
            Category::NoEpidemicBasis,
            &["yu-clerk"],
            &["pan-deputy"],
        ),
        flag(
            FlagTarget::Entry(EntryId(1)),
            Category::NoEpidemicBasis,
            &[],
            &[],
        ),
        Action::Undo,
        Action::AddNote("one".into()),
        Action::AddNote("two".into()),
        Action::Show(Screen::CaseFile),
    ];
    actions.extend(answers::tutorial(&world));
    actions.extend([
        Action::Undo,
        Action::Undo,
        Action::Redo,
        answers::recommendations_for(&world, &[Category::NoEpidemicBasis]),
        Action::Recommend(vec!["ctl-more-tests".into()]),
        Action::Undo,
        // The first note removed, through the question, then put back and removed again.
        // Rows: two objectives, the recommendations, one flag, then the notes.
        Action::SelectRow(4),
        Action::RequestRemoveSelected,
        Action::Confirm,
        Action::Undo,
        Action::Redo,
        Action::RequestSubmit,
        Action::Confirm,
        Action::Undo,
    ]);
    let dir = tempdir();
    let journal = recorded(dir.path(), "tutorial", "p", &actions);
    assert!(
        journal.finished(),
        "a confirmed submit finishes the session"
    );
    let (case, submitted) = changes::rebuild(&journal).expect("changes recorded");
    let desk = replay_to_end(&world, &journal).expect("the replay matches its checksums");
    assert_eq!(&case, desk.case());
    assert!(submitted && desk.submitted());
    assert_eq!(case.notes, ["two"]);
    assert_eq!(case.flags.len(), 1);
    assert_eq!(case.recommended, ["ctl-basis", "ctl-audit-log"]);
    let played = play(&world, actions);
    assert_eq!(played.case(), &case);
    let row = grade_one(&world, &journal);
    let grade = played.grade().unwrap();
    assert_eq!((row.score, row.max_score), (grade.score, grade.max_score));
    // One objective's answer was undone: all but that one right.
    assert_eq!(grade.objectives_correct(), 1);
}

#[test]
fn submit_asks_first_and_says_what_is_still_open() {
    let world = common::zhengzhou();
    let mut desk = Desk::new(&world);
    desk.update(&world, Action::Show(Screen::CaseFile));
    assert!(update(&mut desk, &world, Action::RequestSubmit).is_empty());
    let question = desk.question().expect("a question").lines.join("\n");
    assert!(question.contains("Hand in the case file?"), "{question}");
    assert!(
        question.contains("6 objectives without an answer (Q1, Q2, Q3, Q4, Q5, Q6)"),
        "{question}"
    );
    assert!(question.contains("no recommendation chosen"), "{question}");
    assert!(question.contains("no flags"), "{question}");
    assert!(desk.dialog_open());
    // Cancel leaves it unsubmitted; anything else is ignored while it asks.
    desk.update(&world, Action::NextScreen);
    assert_eq!(desk.screen(), Screen::CaseFile);
    desk.update(&world, Action::Cancel);
    assert!(!desk.submitted() && desk.question().is_none());
    // Answered in full, it says so.
    let mut desk = play(&world, answers::zhengzhou(&world));
    let found = [Category::NoEpidemicBasis, Category::OutsideAuthority];
    desk.update(&world, answers::recommendations_for(&world, &found));
    desk.update(&world, batch_flag("b-0611-a", Category::NoEpidemicBasis));
    desk.update(&world, Action::RequestSubmit);
    let question = desk.question().unwrap().lines.join("\n");
    assert!(
        question.contains("Every objective is answered."),
        "{question}"
    );
    assert!(!question.contains("Still open"), "{question}");
    assert_eq!(
        update(&mut desk, &world, Action::Confirm),
        vec![CaseChange::Submitted]
    );
    assert_eq!(desk.screen(), Screen::Debrief);
}

#[test]
fn delete_asks_first_and_can_be_undone() {
    let world = common::tutorial();
    let head = {
        let desk = Desk::new(&world);
        desk.case_head_rows(&world)
    };
    let mut desk = play(
        &world,
        [
            Action::AddNote("keep me".into()),
            Action::Show(Screen::CaseFile),
            Action::SelectRow(head),
        ],
    );
    assert!(update(&mut desk, &world, Action::RequestRemoveSelected).is_empty());
    let question = desk.question().unwrap().lines.join("\n");
    assert!(
        question.contains("Remove the note \"keep me\"?"),
        "{question}"
    );
    desk.update(&world, Action::Back);
    assert_eq!(desk.case().notes, ["keep me"]);
    desk.update(&world, Action::RequestRemoveSelected);
    assert_eq!(
        update(&mut desk, &world, Action::Confirm),
        vec![CaseChange::NoteRemoved("keep me".into())]
    );
    assert!(desk.case().notes.is_empty());
    assert_eq!(
        update(&mut desk, &world, Action::Undo),
        vec![CaseChange::NoteRestored {
            index: 0,
            note: "keep me".into()
        }]
    );
    assert_eq!(desk.case().notes, ["keep me"]);
    // An objective's row has nothing to remove: no question.
    desk.update(&world, Action::SelectRow(0));
    desk.update(&world, Action::RequestRemoveSelected);
    assert!(desk.question().is_none());
}

#[test]
fn recommendations_score_right_controls_and_cost_wrong_ones() {
    let world = common::zhengzhou();
    let grade_with = |controls: &[&str]| {
        let mut actions = answers::zhengzhou(&world);
        actions.push(Action::Recommend(
            controls.iter().map(|c| c.to_string()).collect(),
        ));
        actions.push(Action::Submit);
        play(&world, actions).grade().cloned().unwrap()
    };
    let right = [
        "ctl-separation",
        "ctl-basis",
        "ctl-batch-approval",
        "ctl-audit-log",
        "ctl-bulk-limit",
    ];
    let all_right = grade_with(&right);
    assert_eq!(all_right.recommendation_points, 10);
    assert_eq!(all_right.recommendations_right(), (5, 5));
    let everything = grade_with(&[&right[..], &["ctl-faster-tests", "ctl-more-scanners"]].concat());
    assert_eq!(everything.recommendations_wrong(), 2);
    assert_eq!(
        everything.recommendation_points, 6,
        "ticking all earns less"
    );
    assert_eq!(everything.score, all_right.score - 4);
    let wrong_only = grade_with(&["ctl-faster-tests"]);
    assert_eq!(wrong_only.recommendation_points, 0, "never below nothing");
    assert!(
        wrong_only
            .summary()
            .contains("controls 0/5 (+1 that would not have)")
    );
    // Wrong picks keep a full case from being complete.
    assert_ne!(everything.label, Label::Complete);
    // An id the scenario does not list is refused.
    let mut desk = Desk::new(&world);
    assert!(
        update(
            &mut desk,
            &world,
            Action::Recommend(vec!["ctl-nothing".into()])
        )
        .is_empty()
    );
    assert!(desk.message().contains("ctl-nothing"));
}

#[test]
fn the_case_file_picks_controls_like_an_answer() {
    let world = common::zhengzhou();
    let mut desk = Desk::new(&world);
    desk.update(&world, Action::Show(Screen::CaseFile));
    // The recommendations' row follows the six objectives.
    desk.update(&world, Action::SelectRow(6));
    desk.update(&world, Action::Open);
    let picker = desk.picker().expect("the controls' picker");
    assert_eq!(picker.candidates(&world, &[]).len(), 7);
    desk.update(&world, Action::Toggle);
    desk.update(&world, Action::Down);
    desk.update(&world, Action::Toggle);
    assert_eq!(
        update(&mut desk, &world, Action::Confirm),
        vec![CaseChange::Recommended {
            controls: vec!["ctl-separation".into(), "ctl-basis".into()]
        }]
    );
    // Opened again, it shows what was chosen.
    desk.update(&world, Action::Open);
    assert_eq!(desk.picker().unwrap().chosen.len(), 2);
}

#[test]
fn a_rule_flag_covers_every_entry_of_the_rule_and_counts_against_its_trap() {
    let world = common::zhengzhou();
    let entry = rule_entry(&world, "close-contact");
    let dialog = FlagDialog::for_entry(&world, entry);
    let rule = FlagTarget::Rule("close-contact".into());
    assert!(dialog.scopes.contains(&rule), "{:?}", dialog.scopes);
    let desk = play(
        &world,
        [
            Action::SeekEnd,
            flag(rule.clone(), Category::TargetingGroup, &[], &[]),
            Action::Submit,
        ],
    );
    let flag = &desk.case().flags[0];
    let entries = flag.entries(&world);
    assert!(entries.len() >= 2);
    assert!(
        flag.describe(&world)
            .starts_with(&format!("all {} entries of the rule", entries.len()))
    );
    for &e in &entries {
        assert_eq!(desk.case().flag_for(&world, e), Some(flag));
    }
    let grade = desk.grade().unwrap();
    assert_eq!(grade.label, Label::Unsafe);
    for e in &entries {
        assert!(grade.wrongly_flagged.iter().any(|w| w.entry == *e), "{e:?}");
    }
    let trap = grade.traps.iter().find(|t| t.id == "l-contacts").unwrap();
    assert_eq!((trap.flagged, trap.entries), (entries.len(), entries.len()));
    assert!(!trap.left_alone());
    assert!(
        grade
            .traps
            .iter()
            .filter(|t| t.id != "l-contacts")
            .all(|t| t.left_alone())
    );
}

#[test]
fn an_officials_work_leaves_reversals_out_and_says_so() {
    let world = common::zhengzhou();
    let chen = world.official_ix("chen-yuting").unwrap();
    let manual = world.manual_entries_by(chen);
    let flag = redcode::audit::Flag::new(
        FlagTarget::Official("chen-yuting".into()),
        Category::NoEpidemicBasis,
        &[],
        &[],
    );
    assert_eq!(flag.entries(&world), manual);
    assert!(
        manual
            .iter()
            .all(|&e| matches!(world.ledger.get(e).unwrap().cause, Cause::Manual { .. }))
    );
    let reversals = world
        .ledger
        .by_official(chen)
        .iter()
        .filter(|&&e| matches!(world.ledger.get(e).unwrap().cause, Cause::Reversal { .. }))
        .count();
    assert!(reversals > 0, "Chen Yuting reversed codes too");
    let text = flag.describe(&world);
    assert!(
        text.ends_with("manual code changes by Chen Yuting (reversals not included)"),
        "{text}"
    );
    assert!(
        text.contains(&redcode::audit::casefile::thousands(manual.len())),
        "{text}"
    );
}

#[test]
fn the_next_flag_dialog_remembers_the_last_chain() {
    let world = common::zhengzhou();
    let mut desk = play(
        &world,
        [
            Action::SeekEnd,
            batch_flag("b-0611-a", Category::NoEpidemicBasis),
            Action::Show(Screen::Operators),
        ],
    );
    let remembered = desk.remembered_chain().clone();
    let ix = |id: &str| world.official_ix(id).unwrap();
    assert!(remembered[ChainRole::Decided as usize].contains(&ix("feng-jianguo")));
    assert!(remembered[ChainRole::CarriedOut as usize].contains(&ix("zhao-hongwei")));
    // The first official on the screen who changed codes.
    for row in 0..world.scenario.officials.len() {
        desk.update(&world, Action::SelectRow(row));
        desk.update(&world, Action::OpenFlagDialog);
        if desk.flag_dialog().is_some() {
            break;
        }
    }
    let dialog = desk.flag_dialog().expect("the dialog opens on an official");
    assert!(dialog.chain[ChainRole::Decided as usize].contains(&ix("lu-xiaoming")));
    assert!(dialog.chain[ChainRole::CarriedOut as usize].contains(&ix("zhao-hongwei")));
    // A lawful flag names no chain and leaves the memory alone.
    desk.update(&world, Action::Cancel);
    desk.update(
        &world,
        flag(FlagTarget::Entry(EntryId(0)), Category::Lawful, &[], &[]),
    );
    assert_eq!(desk.remembered_chain(), &remembered);
}

/// The Zhengzhou world with the inquiry's findings and an epilogue in its key, as the
/// scenario's authors give them.
fn world_with_inquiry() -> World {
    let mut world = common::zhengzhou();
    let key = world.scenario.answer_key.as_mut().unwrap();
    key.inquiry = Some(
        "Two officials decided; three carried it out. 1,317 depositors were given red codes."
            .into(),
    );
    key.epilogue = vec![
        "7 July — some depositors' codes turn red again.".into(),
        "10 July — depositors protest in Zhengzhou.".into(),
    ];
    world
}

#[test]
fn the_debrief_lists_the_traps_principles_choices_inquiry_and_epilogue() {
    let world = world_with_inquiry();
    let mut actions = vec![
        Action::SeekEnd,
        // The code group's batches as targeting a group only: a category the key accepts.
        batch_flag("b-0611-a", Category::TargetingGroup),
        batch_flag("b-0612-a", Category::TargetingGroup),
        flag(
            FlagTarget::Entry(rule_entry(&world, "case-positive")),
            Category::NoEpidemicBasis,
            &[],
            &[],
        ),
    ];
    actions.push(Action::Submit);
    let desk = play(&world, actions);
    let grade = desk.grade().unwrap();
    assert_eq!(grade.findings[0].chosen, vec![Category::TargetingGroup]);
    let sections = debrief_sections(&world, grade);
    let titles: Vec<&str> = sections.iter().map(|s| s.title).collect();
    assert_eq!(
        titles,
        [
            "Findings",
            "Objectives",
            "Recommendations",
            "The traps: lawful codes a careless auditor flags",
            "Lawful entries you flagged as abuse",
            "Personal data you opened",
            "What the inquiry found",
            "What you found",
            "The chain of decision",
            "What happened next",
            "For discussion",
        ]
    );
    let text = |title: &str| -> Vec<String> {
        sections
            .iter()
            .find(|s| s.title == title)
            .unwrap()
            .items
            .iter()
            .map(|i| i.text.clone())
            .collect()
    };
    let findings = text("Findings");
    assert!(
        findings.contains(&"You chose: targeting a group.".to_owned()),
        "{findings:?}"
    );
    assert!(
        findings
            .iter()
            .any(|f| f.contains("It breaks purpose limitation"))
    );
    assert!(
        findings
            .iter()
            .any(|f| f.contains("least privilege") && f.contains("GB/T 35273"))
    );
    // Every lawful set is listed, with whether it was left alone and why it was lawful.
    let traps = &sections[3].items;
    let key = world.scenario.answer_key.as_ref().unwrap();
    assert_eq!(traps.len(), 2 * key.lawful.len());
    assert_eq!(traps[0].kind, ItemKind::Mark(false, ""));
    assert!(
        traps[0]
            .text
            .contains("The confirmed case — you flagged 1 of 1 entry as abuse")
    );
    assert_eq!(traps[2].kind, ItemKind::Mark(true, ""));
    assert!(traps[3].text.starts_with("Lawful: "));
    assert_eq!(
        text("What the inquiry found"),
        [key.inquiry.as_ref().unwrap().to_string()]
    );
    assert!(text("What you found")[0].ends_with("targeting a group"));
    assert_eq!(text("What happened next").len(), 2);
    // The report has the same sections.
    let report = redcode::audit::report::markdown(&world, desk.case(), grade, "ann");
    for title in titles {
        assert!(report.contains(&format!("## {title}")), "{title}\n{report}");
    }
    assert!(report.contains("10 July — depositors protest"));
}

fn app(world: World, width: u16, height: u16) -> App {
    let mut app = App::new(world, Keymap::default(), Theme::COLOUR, "tester".into());
    app.dispatch(Action::Resize { width, height });
    app
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    terminal
}

#[test]
fn the_submit_question_over_the_case_file() {
    for (width, height) in [(80, 24), (160, 48)] {
        let mut app = app(common::zhengzhou(), width, height);
        app.dispatch(Action::Show(Screen::CaseFile));
        app.dispatch(Action::Answer {
            objective: "o-count".into(),
            answer: Given::Number(1317),
        });
        app.dispatch(Action::RequestSubmit);
        let terminal = draw(&app, width, height);
        let text = common::screen_text(terminal.backend().buffer());
        assert!(text.contains("Hand in the case file?"), "{text}");
        assert!(
            text.contains("5 objectives without an answer (Q2, Q3, Q4, Q5, Q6)"),
            "{text}"
        );
        assert!(text.contains("enter yes · esc no"), "{text}");
        insta::assert_snapshot!(
            format!("submit-question-{width}x{height}"),
            terminal.backend()
        );
    }
}

#[test]
fn the_controls_picker() {
    for (width, height) in [(80, 24), (160, 48)] {
        let mut app = app(common::zhengzhou(), width, height);
        app.dispatch(Action::Show(Screen::CaseFile));
        app.dispatch(Action::SelectRow(6));
        app.dispatch(Action::Open);
        app.dispatch(Action::Toggle);
        app.dispatch(Action::Down);
        let terminal = draw(&app, width, height);
        let text = common::screen_text(terminal.backend().buffer());
        assert!(
            text.contains("Which controls would have stopped it?"),
            "{text}"
        );
        assert!(text.contains("[x] Separation of duties"), "{text}");
        assert!(text.contains("[ ] A recorded basis"), "{text}");
        insta::assert_snapshot!(
            format!("controls-picker-{width}x{height}"),
            terminal.backend()
        );
    }
}

#[test]
fn the_debrief_shows_the_inquiry_beside_the_players_findings() {
    for (width, height) in [(80, 24), (160, 48)] {
        let world = world_with_inquiry();
        let mut actions = answers::zhengzhou(&world);
        actions.push(batch_flag("b-0611-a", Category::NoEpidemicBasis));
        actions.push(Action::Recommend(vec![
            "ctl-basis".into(),
            "ctl-faster-tests".into(),
        ]));
        let mut app = app(world, width, height);
        for action in actions {
            app.dispatch(action);
        }
        app.dispatch(Action::Submit);
        // Scrolled down to the recommendations and the traps, then to the inquiry.
        let mut seen = String::new();
        for _ in 0..40 {
            let terminal = draw(&app, width, height);
            seen.push_str(&common::screen_text(terminal.backend().buffer()));
            if seen.contains("What the inquiry found") {
                // On until the player's own findings stand under the inquiry's.
                for _ in 0..6 {
                    app.dispatch(Action::Down);
                }
                let terminal = draw(&app, width, height);
                let text = common::screen_text(terminal.backend().buffer());
                for needle in [
                    "What the inquiry found",
                    "Two officials decided",
                    "What you found",
                ] {
                    assert!(text.contains(needle), "{needle}:\n{text}");
                }
                insta::assert_snapshot!(
                    format!("debrief-inquiry-{width}x{height}"),
                    terminal.backend()
                );
                break;
            }
            app.dispatch(Action::Down);
        }
        for needle in [
            "You chose: no epidemiological basis.",
            "It breaks purpose limitation",
            "— chosen, but it would",
            "— missed: it would",
            "The traps: lawful codes a careless auditor flags",
            "The confirmed case — left alone",
            "What the inquiry found",
        ] {
            assert!(
                seen.contains(needle),
                "{needle} at {width}x{height}:\n{seen}"
            );
        }
    }
}

//! The batch view and the people filters answer the case's counting questions by
//! investigation: driven with Actions on the Zhengzhou scenario, the batches open from every
//! way in, and the filters give 1,317 people touched, 871 whose scan the carrier record
//! contradicts and 446 who scanned inside the city. Snapshots at 80×24 and 160×48.

mod common;

use std::collections::BTreeSet;

use common::{play, screen_text, zhengzhou};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use redcode::audit::desk::{BATCH_RECORD, Desk};
use redcode::audit::{Action, Screen};
use redcode::engine::World;
use redcode::engine::query::{LinkTarget, ScanWhere};
use redcode::scenario::Time;
use redcode::scenario::expand::Occurrence;
use redcode::tui::App;
use redcode::tui::keymap::Keymap;
use redcode::tui::theme::Theme;

const BATCHES: [&str; 6] = [
    "b-0611-a", "b-0612-a", "b-0613-a", "b-0613-b", "b-0614-a", "b-0614-b",
];

fn at(text: &str) -> Time {
    Time::parse(text).unwrap()
}

/// The people list filtered by all six batches, as a player reaches it: the batch filter
/// once, then widened five times.
fn all_batches() -> Vec<Action> {
    let mut actions = vec![
        Action::SeekEnd,
        Action::Show(Screen::People),
        Action::CycleBatchFilter,
    ];
    actions.extend(std::iter::repeat_n(Action::WidenFilter, 5));
    actions
}

#[test]
fn the_batches_together_touch_1317_of_whom_871_scanned_from_elsewhere() {
    let world = zhengzhou();
    let mut desk = play(&world, all_batches());
    assert_eq!(desk.people_filter().batches, BATCHES);
    assert_eq!(desk.people_rows().len(), 1317);
    desk.update(&world, Action::ToggleContradictedFilter);
    assert_eq!(desk.people_rows().len(), 871);
    // Everyone the batches touched was red at some time, though few are red at the end.
    desk.update(&world, Action::ToggleContradictedFilter);
    desk.update(&world, Action::ToggleEverRed);
    assert_eq!(desk.people_rows().len(), 1317);
    desk.update(&world, Action::CycleColourFilter);
    desk.update(&world, Action::CycleColourFilter);
    desk.update(&world, Action::CycleColourFilter);
    assert!(
        desk.people_rows().len() < 10,
        "{}",
        desk.people_rows().len()
    );
    // One more widening has nothing left to add, and says so.
    desk.update(&world, Action::WidenFilter);
    assert!(desk.message().contains("already"), "{}", desk.message());
}

#[test]
fn the_batch_records_count_446_in_the_city_and_the_filters_agree() {
    let world = zhengzhou();
    // Each batch opened on the batch screen, turned through with the batch keys.
    let mut desk = play(
        &world,
        [
            Action::SeekEnd,
            Action::Show(Screen::Operators),
            Action::SelectRow(usize::from(world.official_ix("chen-yuting").unwrap())),
            Action::OpenBatch,
        ],
    );
    assert_eq!(desk.screen(), Screen::Batch);
    let mut people = BTreeSet::new();
    let mut inside = BTreeSet::new();
    let mut seen = Vec::new();
    for _ in 0..BATCHES.len() {
        let record = desk.batch().expect("a batch on screen").clone();
        assert_eq!(desk.list_len(&world), record.people.len());
        assert_eq!(
            record.in_city + record.elsewhere + record.unknown,
            record.people.len()
        );
        for p in &record.people {
            people.insert(p.person);
            if p.place == ScanWhere::InCity {
                inside.insert(p.person);
            }
        }
        seen.push(record.id);
        desk.update(&world, Action::NextBatch);
    }
    assert_eq!(seen, BATCHES);
    assert_eq!((people.len(), inside.len()), (1317, 446));
    // The filters find the same people: the batches' people less the contradicted ones.
    let mut filtered = play(&world, all_batches());
    let all: BTreeSet<_> = filtered.people_rows().iter().copied().collect();
    filtered.update(&world, Action::ToggleContradictedFilter);
    let elsewhere: BTreeSet<_> = filtered.people_rows().iter().copied().collect();
    assert_eq!(all, people);
    assert_eq!(
        all.difference(&elsewhere).copied().collect::<BTreeSet<_>>(),
        inside
    );
}

#[test]
fn two_operators_in_one_filter_are_a_union() {
    let world = zhengzhou();
    let chen = world.official_ix("chen-yuting").unwrap();
    let wang = world.official_ix("wang-lei").unwrap();
    let mut desk = play(
        &world,
        [
            Action::SeekEnd,
            Action::Show(Screen::People),
            Action::CycleOperatorFilter,
        ],
    );
    // Cycle to Chen Yuting, then widen until Wang Lei joins her.
    while desk.people_filter().officials != [chen] {
        desk.update(&world, Action::CycleOperatorFilter);
    }
    let chen_alone = desk.people_rows().len();
    while !desk.people_filter().officials.contains(&wang) {
        desk.update(&world, Action::WidenFilter);
    }
    let both = desk.people_filter().officials.clone();
    assert!(both.len() >= 2 && both[0] == chen, "{both:?}");
    assert!(desk.people_rows().len() >= chen_alone);
    // Filters combine: the union narrowed to those the carrier record contradicts.
    let union = desk.people_rows().len();
    desk.update(&world, Action::ToggleContradictedFilter);
    assert!(desk.people_rows().len() < union);
    desk.update(&world, Action::ClearFilters);
    assert!(desk.people_filter().is_empty());
    assert_eq!(desk.people_rows().len(), world.person_count());
}

#[test]
fn a_rule_filter_finds_the_people_the_rule_changed() {
    let world = zhengzhou();
    let desk = play(
        &world,
        [
            Action::SeekEnd,
            Action::Show(Screen::People),
            Action::CycleRuleFilter,
        ],
    );
    let rule = desk.people_filter().rules[0];
    let by_hand: BTreeSet<_> = world
        .ledger
        .by_rule(rule)
        .iter()
        .map(|&id| world.ledger.get(id).unwrap().person)
        .collect();
    assert_eq!(desk.people_rows().len(), by_hand.len());
}

/// The timeline row of a batch's assignment event.
fn batch_row(world: &World, batch: &str) -> usize {
    let event = world.catalog.batches[batch];
    world
        .timeline
        .iter()
        .position(|h| h.what == Occurrence::Scripted(event))
        .expect("the batch is on the timeline")
}

#[test]
fn a_batch_opens_from_the_timeline_the_trace_the_operators_and_the_people() {
    let world = zhengzhou();
    // The timeline: Enter on the batch event.
    let row = batch_row(&world, "b-0612-a");
    let desk = play(
        &world,
        [
            Action::SeekTo(at("2022-06-12 12:00")),
            Action::Show(Screen::Timeline),
            Action::SelectRow(row),
            Action::Open,
        ],
    );
    assert_eq!(desk.screen(), Screen::Batch);
    assert_eq!(desk.batch().unwrap().id, "b-0612-a");

    // The trace: following the batch link of a batch entry's trace.
    let mut desk = play(
        &world,
        [
            Action::SeekTo(at("2022-06-13 12:00")),
            Action::Show(Screen::People),
        ],
    );
    let lin = world.roster.find("lin-xiu").unwrap();
    let row = desk.people_rows().iter().position(|&p| p == lin).unwrap();
    for action in [Action::SelectRow(row), Action::TraceSelected] {
        desk.update(&world, action);
    }
    let link = desk
        .trace()
        .unwrap()
        .links
        .iter()
        .position(|l| matches!(l.target, LinkTarget::Batch(_)))
        .expect("a batch link");
    desk.update(&world, Action::SelectRow(link));
    desk.update(&world, Action::Open);
    assert_eq!(desk.screen(), Screen::Batch);
    let traced = desk.batch().unwrap().id.clone();
    assert!(desk.batch().unwrap().people.iter().any(|p| p.person == lin));

    // The people list: the selected person's latest batch.
    desk.update(&world, Action::Show(Screen::People));
    desk.update(&world, Action::OpenBatch);
    assert_eq!(desk.screen(), Screen::Batch);
    assert_eq!(desk.batch().unwrap().id, traced);

    // Enter on a person of the batch opens their dossier; Back returns to the batch.
    desk.update(&world, Action::Last);
    let last = desk.batch().unwrap().people.last().unwrap().person;
    desk.update(&world, Action::Open);
    assert_eq!(
        (desk.screen(), desk.person()),
        (Screen::Dossier, Some(last))
    );
    desk.update(&world, Action::Back);
    assert_eq!(desk.screen(), Screen::Batch);

    // The operators: Wang Lei's first batch.
    let wang = usize::from(world.official_ix("wang-lei").unwrap());
    let desk = play(
        &world,
        [
            Action::SeekEnd,
            Action::Show(Screen::Operators),
            Action::SelectRow(wang),
            Action::OpenBatch,
        ],
    );
    assert_eq!(desk.batch().unwrap().id, "b-0613-a");

    // Before any batch has run there is none to open, and the desk says so.
    let desk = play(&world, [Action::Show(Screen::Operators), Action::OpenBatch]);
    assert_ne!(desk.screen(), Screen::Batch);
    assert!(!desk.message().is_empty());
}

fn app_at(width: u16, height: u16, actions: &[Action]) -> App {
    let mut app = App::new(
        zhengzhou(),
        Keymap::default(),
        Theme::COLOUR,
        "tester".into(),
    );
    app.dispatch(Action::Resize { width, height });
    for a in actions {
        app.dispatch(a.clone());
    }
    app
}

fn drawn(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    terminal
}

/// The first batch, opened from the timeline at the end of 14 June: reversed by then.
fn first_batch() -> Vec<Action> {
    let world = zhengzhou();
    vec![
        Action::SeekTo(at("2022-06-14 18:00")),
        Action::Show(Screen::Timeline),
        Action::SelectRow(batch_row(&world, "b-0611-a")),
        Action::Open,
    ]
}

#[test]
fn the_batch_view_shows_its_record_and_its_people() {
    for (width, height) in [(80, 24), (160, 48)] {
        let app = app_at(width, height, &first_batch());
        assert_eq!(app.desk.screen(), Screen::Batch);
        let record = app.desk.batch().unwrap().clone();
        let terminal = drawn(&app, width, height);
        let text = screen_text(terminal.backend().buffer());
        assert!(text.contains("Batch b-0611-a"), "{text}");
        assert!(
            text.contains(&format!("{} people", record.people.len())),
            "{text}"
        );
        assert!(text.contains("Account"), "{text}");
        // The list always says more lies below: the batch has more people than rows.
        assert!(text.contains("more below"), "{text}");
        if height >= 48 {
            // The whole record fits: the counts and the reversal are on screen.
            assert!(
                text.contains(&format!("{} scanned inside", record.in_city)),
                "{text}"
            );
            assert!(text.contains("Reversed: 2022-06-14 16:00"), "{text}");
        }
        insta::assert_snapshot!(format!("batch-{width}x{height}"), terminal.backend());
    }
}

#[test]
fn at_80x24_the_batch_record_scrolls_to_its_counts_and_reversal() {
    let mut actions = first_batch();
    // The record scrolled to its end, and the people list to its last row.
    actions.extend([
        Action::SwitchPane,
        Action::Last,
        Action::SwitchPane,
        Action::Last,
    ]);
    let app = app_at(80, 24, &actions);
    assert!(app.desk.pane_scroll(Screen::Batch, BATCH_RECORD) > 0);
    assert_eq!(app.desk.focused_pane(Screen::Batch), 0);
    let record = app.desk.batch().unwrap().clone();
    let terminal = drawn(&app, 80, 24);
    let text = screen_text(terminal.backend().buffer());
    assert!(text.contains("above"), "{text}");
    assert!(text.contains("Reversed: 2022-06-14 16:00"), "{text}");
    assert!(text.contains(&record.elsewhere.to_string()), "{text}");
    // The batch's last people scanned a shared code from elsewhere: the list says where.
    assert!(text.contains("⚠ phone in"), "{text}");
    assert_eq!(app.desk.selected(Screen::Batch), record.people.len() - 1);
    insta::assert_snapshot!("batch-record-scrolled-80x24", terminal.backend());
}

#[test]
fn the_people_screen_shows_the_filters_and_their_count() {
    for (width, height) in [(80, 24), (160, 48)] {
        let mut actions = all_batches();
        actions.push(Action::ToggleContradictedFilter);
        let app = app_at(width, height, &actions);
        let terminal = drawn(&app, width, height);
        let text = screen_text(terminal.backend().buffer());
        // The count comes first in the title, so a narrow screen never cuts it off.
        assert!(text.contains("People — 871 of 6,560"), "{text}");
        if width >= 160 {
            assert!(text.contains("6 batches b-0611-a … b-0614-b"), "{text}");
            assert!(text.contains("scan contradicted by the carrier"), "{text}");
        }
        insta::assert_snapshot!(
            format!("people-batches-contradicted-{width}x{height}"),
            terminal.backend()
        );
    }
}

#[test]
fn before_it_runs_a_batch_is_not_shown_and_the_screen_says_why() {
    let world = zhengzhou();
    let mut desk: Desk = play(&world, first_batch());
    desk.update(&world, Action::SeekTo(world.scenario.start));
    assert_eq!(desk.screen(), Screen::Batch);
    let mut app = App::new(world, Keymap::default(), Theme::COLOUR, "tester".into());
    for a in first_batch() {
        app.dispatch(a);
    }
    app.dispatch(Action::SeekTo(at("2022-06-10 00:00")));
    app.dispatch(Action::Resize {
        width: 80,
        height: 24,
    });
    let text = screen_text(drawn(&app, 80, 24).backend().buffer());
    assert!(text.contains("has not run by the clock"), "{text}");
}

//! Console speed on the full Zhengzhou scenario: the first frame after start, drawing every
//! screen at 200×60, and the desk's update for the actions that cost the most.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use redcode::audit::{Action, Screen};
use redcode::open::open;
use redcode::scenario::Time;
use redcode::tui::App;
use redcode::tui::keymap::Keymap;
use redcode::tui::theme::Theme;

fn app() -> App {
    let world = open(None, None).unwrap().world;
    App::new(world, Keymap::default(), Theme::COLOUR, "bench".into())
}

fn console(c: &mut Criterion) {
    let mut group = c.benchmark_group("console");
    group.sample_size(10);
    group.bench_function("start to first frame", |b| {
        b.iter(|| {
            let app = app();
            let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
            terminal.draw(|f| app.draw(f)).unwrap();
            black_box(app.desk.revealed())
        })
    });
    group.finish();

    let mut app = app();
    for action in [
        Action::Resize {
            width: 200,
            height: 60,
        },
        Action::SeekTo(Time::parse("2022-06-14 12:00").unwrap()),
        Action::Show(Screen::People),
        Action::Open,
        Action::TraceSelected,
        Action::Show(Screen::Dossier),
        Action::Last,
        Action::CheckSelected,
        Action::Show(Screen::Documents),
        Action::Open,
    ] {
        app.dispatch(action);
    }
    // Compare two people, marked as a player would: found by search, then marked.
    for id in ["lin-xiu", "zhou-bin"] {
        app.dispatch(Action::Show(Screen::People));
        app.dispatch(Action::StartSearch);
        id.chars().for_each(|c| app.dispatch(Action::Type(c)));
        app.dispatch(Action::Confirm);
        app.dispatch(Action::MarkCompare);
        app.dispatch(Action::ClearFilters);
    }
    assert!(app.desk.compared().iter().all(Option::is_some));
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut draw = c.benchmark_group("draw 200x60");
    for screen in [
        Screen::Briefing,
        Screen::Timeline,
        Screen::People,
        Screen::Dossier,
        Screen::Trace,
        Screen::Operators,
        Screen::Documents,
        Screen::Compare,
        Screen::Check,
        Screen::Overview,
        Screen::CaseFile,
    ] {
        app.dispatch(Action::Show(screen));
        draw.bench_function(screen.title(), |b| {
            b.iter(|| terminal.draw(|f| app.draw(f)).map(|_| ()).unwrap())
        });
    }
    draw.finish();

    // Each action from a state where it does real work: the costly ones run over every
    // person (filters, search) or the whole ledger (grading on submit).
    let mut update = c.benchmark_group("update");
    let world = &app.world;
    let mut on_people = redcode::audit::Desk::new(world);
    for action in [
        Action::Resize {
            width: 200,
            height: 60,
        },
        Action::SeekTo(Time::parse("2022-06-14 12:00").unwrap()),
        Action::Show(Screen::People),
    ] {
        on_people.update(world, action);
    }
    let mut searching = on_people.clone();
    searching.update(world, Action::StartSearch);
    let mut red_filter = on_people.clone();
    for _ in 0..3 {
        red_filter.update(world, Action::CycleColourFilter);
    }
    let mut in_dossier = on_people.clone();
    for action in [
        Action::StartSearch,
        Action::Type('l'),
        Action::Type('i'),
        Action::Type('n'),
        Action::Type(' '),
        Action::Type('x'),
        Action::Confirm,
        Action::Open,
    ] {
        in_dossier.update(world, action);
    }
    let cases: Vec<(&str, &redcode::audit::Desk, Action)> = vec![
        (
            "search keystroke over everyone",
            &searching,
            Action::Type('w'),
        ),
        ("search backspace", &searching, Action::Erase),
        ("colour filter", &on_people, Action::CycleColourFilter),
        (
            "next code change with a colour filter",
            &red_filter,
            Action::NextChange,
        ),
        (
            "step the clock with a colour filter",
            &red_filter,
            Action::StepForward,
        ),
        ("open a dossier", &red_filter, Action::Open),
        ("trace a batch entry", &in_dossier, Action::TraceSelected),
        ("check a batch entry", &in_dossier, Action::CheckSelected),
        (
            "flag dialog on a batch entry",
            &in_dossier,
            Action::OpenFlagDialog,
        ),
        ("move down a page", &on_people, Action::PageDown),
        ("submit and grade", &in_dossier, Action::Submit),
    ];
    for (name, base, action) in cases {
        update.bench_function(name, |b| {
            b.iter_batched(
                || base.clone(),
                |mut desk| {
                    desk.update(world, action.clone());
                    desk
                },
                criterion::BatchSize::SmallInput,
            )
        });
    }
    update.finish();
}

criterion_group!(benches, console);
criterion_main!(benches);

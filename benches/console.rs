//! Console speed on the full Zhengzhou scenario: the first frame after start, drawing every
//! screen at 200×60, and the desk's update for every kind of action.

mod common;

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
            black_box(app.desk.revealed)
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
    let lin = app.world.roster.find("lin-xiu").unwrap();
    app.desk.compare = [Some(lin), app.world.roster.find("zhou-bin")];
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

    let mut update = c.benchmark_group("update");
    let session = common::long_session(400);
    let mut kinds: Vec<Action> = Vec::new();
    for action in session {
        if !kinds
            .iter()
            .any(|k| std::mem::discriminant(k) == std::mem::discriminant(&action))
        {
            kinds.push(action);
        }
    }
    let base = app.desk.clone();
    for action in kinds {
        let name = format!("{action:?}");
        let name: String = name.chars().take(40).collect();
        update.bench_function(name, |b| {
            b.iter_batched(
                || base.clone(),
                |mut desk| {
                    desk.update(&app.world, action.clone());
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

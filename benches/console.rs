//! Console speed on the built-in Zhengzhou scenario and on the 200,000-person synthetic city
//! (`testkit::scale`): the first frame after start, drawing every screen at 200×60, and the
//! desk's update for the actions that cost the most.
//!
//! "Start to first frame" covers what `redcode play` does before the player sees anything:
//! parse the scenario text and draw the briefing at 200×60 (the world then opens on another
//! thread while the player reads). "Start to console ready" is the whole way to the
//! console: parse, validate, simulate, check the answer key, set up the console
//! (`App::new`) and draw its first screen.
//!
//! `cargo bench --bench console -- --measurement-time 3 --warm-up-time 1`; add `city` after
//! `--` to run the city's benches only (the city is opened either way).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use redcode::audit::casefile::{Flag, FlagTarget};
use redcode::audit::{Action, Desk, Screen};
use redcode::engine::World;
use redcode::open::open_loaded;
use redcode::scenario::Time;
use redcode::scenario::builtin;
use redcode::scenario::load::{Loaded, parse_str};
use redcode::scenario::model::Category;
use redcode::testkit::scale::{FULL_SCALE, scenario_text};
use redcode::tui::App;
use redcode::tui::keymap::Keymap;
use redcode::tui::theme::Theme;
use redcode::tui::views;

/// One scenario to measure, read but not yet opened.
struct Subject {
    /// Prefix of every bench name; the built-in scenario keeps the names it always had.
    prefix: &'static str,
    file: &'static str,
    text: String,
}

impl Subject {
    fn loaded(&self) -> Loaded {
        parse_str(self.file, self.text.clone()).expect("the scenario parses")
    }

    /// Parse, validate, simulate, check the key, start the console.
    fn app(&self) -> App {
        let world = open_loaded(self.loaded(), None).expect("opens").world;
        App::new(world, Keymap::default(), Theme::COLOUR, "bench".into())
    }

    fn group(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }
}

fn subjects() -> [Subject; 2] {
    let builtin = builtin::find(builtin::DEFAULT).expect("the default scenario is built in");
    [
        Subject {
            prefix: "",
            file: builtin.file,
            text: builtin.source.to_owned(),
        },
        Subject {
            prefix: "city ",
            file: "scale-city.ron",
            text: scenario_text(FULL_SCALE),
        },
    ]
}

fn console(c: &mut Criterion) {
    for subject in subjects() {
        first_frame(c, &subject);
        let app = draw(c, &subject);
        update(c, &subject, &app.world);
    }
}

fn first_frame(c: &mut Criterion, subject: &Subject) {
    let mut group = c.benchmark_group(subject.group("console"));
    group.sample_size(10);
    group.bench_function("start to first frame", |b| {
        b.iter_with_large_drop(|| {
            let loaded = subject.loaded();
            let scenario = &loaded.scenario;
            let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
            terminal
                .draw(|f| views::opening(f, &scenario.title, &scenario.briefing))
                .unwrap();
            loaded
        })
    });
    group.bench_function("start to console ready", |b| {
        b.iter_with_large_drop(|| {
            let app = subject.app();
            let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
            terminal.draw(|f| app.draw(f)).unwrap();
            app
        })
    });
    group.finish();
}

/// Draws every screen, from a state where each has something to show.
fn draw(c: &mut Criterion, subject: &Subject) -> App {
    let mut app = subject.app();
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
    let mut draw = c.benchmark_group(subject.group("draw 200x60"));
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
    app
}

fn desk_after(world: &World, from: &Desk, actions: &[Action]) -> Desk {
    let mut desk = from.clone();
    for action in actions {
        desk.update(world, action.clone());
    }
    desk
}

/// Each action from a state where it does real work: the costly ones run over every
/// person (filters, search) or the whole ledger (grading on submit).
fn update(c: &mut Criterion, subject: &Subject, world: &World) {
    let mut update = c.benchmark_group(subject.group("update"));
    let on_people = desk_after(
        world,
        &Desk::new(world),
        &[
            Action::Resize {
                width: 200,
                height: 60,
            },
            Action::SeekTo(Time::parse("2022-06-14 12:00").unwrap()),
            Action::Show(Screen::People),
        ],
    );
    let searching = desk_after(world, &on_people, &[Action::StartSearch]);
    let red_filter = desk_after(
        world,
        &on_people,
        &[
            Action::CycleColourFilter,
            Action::CycleColourFilter,
            Action::CycleColourFilter,
        ],
    );
    let in_dossier = desk_after(
        world,
        &on_people,
        &[
            Action::StartSearch,
            Action::Type('l'),
            Action::Type('i'),
            Action::Type('n'),
            Action::Type(' '),
            Action::Type('x'),
            Action::Confirm,
            Action::Open,
        ],
    );
    assert_eq!(in_dossier.person(), world.roster.find("lin-xiu"));
    // A case file with every batch job flagged, as a player who found them hands it in.
    let flagged: Vec<Action> = world
        .ledger
        .batches()
        .map(|batch| {
            Action::AddFlag(Flag::new(
                FlagTarget::Batch(batch.to_owned()),
                Category::NoEpidemicBasis,
                &["chen-yuting"],
                &["feng-jianguo"],
            ))
        })
        .collect();
    let with_flags = desk_after(world, &in_dossier, &flagged);
    let cases: Vec<(&str, &Desk, Action)> = vec![
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
        ("ever-red filter", &red_filter, Action::ToggleEverRed),
        (
            "carrier-contradicted filter",
            &red_filter,
            Action::ToggleContradictedFilter,
        ),
        ("batch filter", &on_people, Action::CycleBatchFilter),
        ("operator filter widened", &red_filter, Action::WidenFilter),
        ("open a person's batch", &red_filter, Action::OpenBatch),
        ("submit and grade", &in_dossier, Action::Submit),
        (
            "submit and grade with every batch flagged",
            &with_flags,
            Action::Submit,
        ),
    ];
    for (name, base, action) in cases {
        update.bench_function(name, |b| {
            b.iter_batched(
                || base.clone(),
                |mut desk| {
                    desk.update(world, action.clone());
                    desk
                },
                BatchSize::SmallInput,
            )
        });
    }
    update.finish();
}

criterion_group!(benches, console);
criterion_main!(benches);

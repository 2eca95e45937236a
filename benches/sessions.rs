//! Session speed: replaying 5,000 actions headlessly, grading 30 such sessions, seeking.

mod common;

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use redcode::audit::{CaseChange, Desk, Effect};
use redcode::open::open;
use redcode::session::journal::{self, Writer};
use redcode::session::replay::Replay;
use redcode::session::{Recorder, class_results, new_header};

const ACTIONS: usize = 5_000;

fn record(path: &Path, player: &str) {
    let world = open(None, None).unwrap().world;
    let header = new_header("zhengzhou-2022", &world.scenario, world.seed, player);
    let mut recorder = Recorder::new(Writer::create(path, &header).unwrap());
    let mut desk = Desk::new(&world);
    for action in common::long_session(ACTIONS) {
        let changes: Vec<CaseChange> = desk
            .update(&world, action.clone())
            .into_iter()
            .filter_map(|effect| match effect {
                Effect::CaseChanged(change) => Some(change),
                _ => None,
            })
            .collect();
        recorder.record(&action, &changes, &desk);
    }
}

fn sessions(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one.jsonl");
    record(&one, "solo");
    let journal = journal::read(&one).unwrap();
    let world = open(None, None).unwrap().world;

    let mut group = c.benchmark_group("sessions");
    group.sample_size(10);
    group.bench_function("replay 5000 actions headless", |b| {
        b.iter(|| {
            black_box(
                Replay::new(&world, &journal)
                    .unwrap()
                    .desk
                    .case()
                    .flags
                    .len(),
            )
        })
    });
    let mut replay = Replay::new(&world, &journal).unwrap();
    let mut target = 0;
    group.bench_function("seek anywhere in 5000 actions", |b| {
        b.iter(|| {
            // Jump around: far back, far forward, one step.
            target = (target + 1_733) % ACTIONS;
            replay.seek(&world, target);
            black_box(replay.position)
        })
    });
    let class = dir.path().join("class");
    std::fs::create_dir(&class).unwrap();
    for i in 0..30 {
        record(
            &class.join(format!("s{i:02}.jsonl")),
            &format!("student {i}"),
        );
    }
    let files = class_results::collect(&[class]).files;
    group.bench_function("grade 30 sessions of 5000 actions", |b| {
        b.iter(|| black_box(class_results::grade_all(&files, None, None, false).len()))
    });
    group.finish();
}

criterion_group!(benches, sessions);
criterion_main!(benches);

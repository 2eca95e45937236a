//! The engine at city scale: the synthetic city of 200,000 people and 2,000,000 events
//! (`testkit::scale`), stage by stage and end to end, the trace query on it, and the
//! built-in Zhengzhou scenario for comparison.
//!
//! `cargo bench --bench scale`. The heavy measurements take ten samples each, so the whole
//! run finishes in a few minutes on two cores.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};

use redcode::engine::simulate;
use redcode::open::{open, open_loaded};
use redcode::scenario::catalog::Catalog;
use redcode::scenario::expand::expand;
use redcode::scenario::load::parse_str;
use redcode::scenario::validate;
use redcode::testkit::scale::{FULL_SCALE, scenario_text};

const FILE: &str = "scale-city.ron";

fn city(c: &mut Criterion) {
    let text = scenario_text(FULL_SCALE);
    let loaded = parse_str(FILE, text.clone()).expect("the scale city parses");
    let seed = loaded.scenario.seed;

    let mut heavy = c.benchmark_group("city");
    heavy
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(15));
    // What `redcode` does with a file: parse, validate, simulate. The world is dropped
    // outside the measurement.
    heavy.bench_function("parse+validate+simulate", |b| {
        b.iter_batched(
            || text.clone(),
            |text| {
                let loaded = parse_str(FILE, text).expect("parses");
                let diagnostics = validate::check(&loaded);
                assert!(!diagnostics.iter().any(|d| d.is_error()));
                simulate(loaded.scenario, seed).expect("simulates")
            },
            BatchSize::PerIteration,
        )
    });
    heavy.bench_function("open_loaded", |b| {
        b.iter_batched(
            || loaded.clone(),
            |loaded| open_loaded(loaded, None).expect("opens"),
            BatchSize::PerIteration,
        )
    });
    heavy.bench_function("simulate", |b| {
        b.iter_batched(
            || loaded.scenario.clone(),
            |scenario| simulate(scenario, seed).expect("simulates"),
            BatchSize::PerIteration,
        )
    });
    heavy.bench_function("expand", |b| {
        b.iter_batched(
            || Catalog::new(&loaded.scenario),
            |catalog| expand(&loaded.scenario, &catalog, seed).expect("expands"),
            BatchSize::PerIteration,
        )
    });
    heavy.finish();

    let mut light = c.benchmark_group("city");
    light.measurement_time(Duration::from_secs(3));
    light.bench_function("parse", |b| {
        b.iter_batched(
            || text.clone(),
            |text| parse_str(FILE, text).expect("parses"),
            BatchSize::SmallInput,
        )
    });
    light.bench_function("validate", |b| {
        b.iter(|| validate::check(black_box(&loaded)))
    });

    let world = open_loaded(loaded.clone(), None).expect("opens").world;
    let red = world.ledger.by_batch("b-0612-a")[0];
    let red = world.ledger.get(red).expect("the batch has entries");
    let (red_person, red_at) = (red.person, red.at);
    let green = (0..world.person_count() as u32)
        .map(redcode::scenario::expand::PersonIx)
        .find(|&p| world.ledger.history(p).is_empty())
        .expect("someone stays green");
    let end = world.scenario.end;
    light.bench_function("trace batch-red person", |b| {
        b.iter(|| world.trace(black_box(red_person), black_box(red_at)))
    });
    light.bench_function("trace green person", |b| {
        b.iter(|| world.trace(black_box(green), black_box(end)))
    });
    light.finish();
}

fn zhengzhou(c: &mut Criterion) {
    let mut group = c.benchmark_group("zhengzhou");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("open", |b| {
        b.iter_with_large_drop(|| open(None, None).expect("the built-in scenario opens"))
    });
    group.finish();
}

criterion_group!(benches, city, zhengzhou);
criterion_main!(benches);

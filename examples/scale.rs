//! Opens the full-size synthetic city (200,000 people, 2,000,000 events) once and prints
//! how long each step took and the process's peak memory.
//!
//! ```text
//! cargo run --release --example scale            # the whole open, as `redcode` does it
//! cargo run --release --example scale -- stages  # parse, validate, simulate apart
//! cargo run --release --example scale -- 10      # a smaller city: 10 units of 2,000 people
//! cargo run --release --example scale -- digests # ledger digests of the built-in scenario
//! ```
//!
//! It prints the ledger's digest too: an engine change that should not change behaviour
//! must leave it, and the built-in scenario's digests, as they were.

use std::time::Instant;

use redcode::open::open_loaded;
use redcode::scenario::load::parse_str;
use redcode::scenario::scale::{FULL_SCALE, scenario_text};
use redcode::scenario::validate;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "digests") {
        for seed in [None, Some(1), Some(7), Some(99)] {
            let world = redcode::open::open(None, seed)
                .expect("the built-in scenario opens")
                .world;
            println!(
                "zhengzhou seed {:>9}: {} entries, digest {}",
                world.seed,
                world.ledger.len(),
                world.ledger.digest()
            );
        }
        return;
    }
    let stages = args.iter().any(|a| a == "stages");
    let units = args
        .iter()
        .find_map(|a| a.parse::<u32>().ok())
        .unwrap_or(FULL_SCALE);

    let t = Instant::now();
    let text = scenario_text(units);
    println!("generate text: {:>9.1} ms ({} bytes)", ms(t), text.len());

    let started = Instant::now();
    let t = Instant::now();
    let loaded = parse_str("scale-city.ron", text).expect("the scale scenario parses");
    println!("parse:         {:>9.1} ms", ms(t));

    let world = if stages {
        let t = Instant::now();
        let diagnostics = validate::check(&loaded);
        assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
        println!("validate:      {:>9.1} ms", ms(t));
        let seed = loaded.scenario.seed;
        let t = Instant::now();
        let world = redcode::engine::simulate(loaded.scenario, seed).expect("it simulates");
        println!("simulate:      {:>9.1} ms", ms(t));
        world
    } else {
        let t = Instant::now();
        let opened = open_loaded(loaded, None).expect("the scale scenario opens");
        println!(
            "open_loaded:   {:>9.1} ms (validate + simulate + key check)",
            ms(t)
        );
        opened.world
    };
    println!("parse to world:{:>9.1} ms", ms(started));
    println!(
        "people {}, timeline {}, ledger entries {}",
        world.person_count(),
        world.timeline.len(),
        world.ledger.len()
    );

    println!("ledger digest {}", world.ledger.digest());

    let batch = world.ledger.by_batch("b-0612-a");
    let red = world.ledger.get(batch[0]).expect("the batch has entries");
    let (red_person, red_at) = (red.person, red.at);
    let green = (0..world.person_count() as u32)
        .find(|&p| world.ledger.history(p).is_empty())
        .expect("someone stays green");
    for (what, person, at) in [
        ("batch-red", red_person, red_at),
        ("green", green, world.scenario.end),
    ] {
        let rounds = 1000;
        let t = Instant::now();
        let mut links = 0;
        for _ in 0..rounds {
            links += std::hint::black_box(world.trace(person, at)).links.len();
        }
        println!(
            "trace {what:<9} {:>9.1} µs per query ({} links)",
            t.elapsed().as_secs_f64() * 1e6 / f64::from(rounds),
            links / rounds as usize
        );
    }
    println!("peak memory (VmHWM): {}", peak_memory());
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// The process's peak resident set, from /proc (Linux only).
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

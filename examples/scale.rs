//! Opens the full-size synthetic city (200,000 people, 2,000,000 events) once and prints
//! how long each step took and the process's peak memory.
//!
//! ```text
//! cargo run --release --example scale            # the whole open, as `redcode` does it
//! cargo run --release --example scale -- stages  # parse, validate, simulate apart
//! cargo run --release --example scale -- 10      # a smaller city: 10 units of 2,000 people
//! cargo run --release --example scale -- digests # ledger digests of the built-in scenario
//! cargo run --release --example scale -- write city.ron --units 100
//!                                                 # save the city: `redcode play city.ron`
//! ```
//!
//! Each step shows wall time and, where Linux reports it, the CPU time of the thread: on a
//! busy machine the second is the steadier figure. It prints the ledger's digest too: an
//! engine change that should not change behaviour must leave it, and the built-in
//! scenario's digests, as they were.

use std::time::Instant;

use redcode::open::open_loaded;
use redcode::scenario::load::parse_str;
use redcode::scenario::validate;
use redcode::testkit::scale::{FULL_SCALE, scenario_text, write_file};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "write") {
        write(&args[1..]);
        return;
    }
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

    let t = Stopwatch::start();
    let text = scenario_text(units);
    t.report(&format!("generate text ({} bytes)", text.len()));

    let started = Stopwatch::start();
    let t = Stopwatch::start();
    let loaded = parse_str("scale-city.ron", text).expect("the scale scenario parses");
    t.report("parse");

    let world = if stages {
        let t = Stopwatch::start();
        let diagnostics = validate::check(&loaded);
        assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
        t.report("validate");
        let seed = loaded.scenario.seed;
        let t = Stopwatch::start();
        let world = redcode::engine::simulate(loaded.scenario, seed).expect("it simulates");
        t.report("simulate");
        world
    } else {
        let t = Stopwatch::start();
        let opened = open_loaded(loaded, None).expect("the scale scenario opens");
        t.report("open_loaded (validate + simulate + key check)");
        opened.world
    };
    started.report("parse to world");
    // The console's indexes are built inside the simulation; build them again to time them.
    let t = Stopwatch::start();
    std::hint::black_box(redcode::engine::tally::Tally::build(
        &world.ledger,
        world.person_count(),
        world.scenario.systems.len(),
        world.scenario.officials.len(),
    ));
    t.report("  of which: the tally (colours at any moment)");
    let t = Stopwatch::start();
    std::hint::black_box(redcode::engine::roster_index::RosterIndex::build(&world));
    t.report("  of which: the roster index (tags, venues, letters)");
    println!("peak memory (VmHWM): {}", peak_memory());
    println!(
        "people {}, timeline {}, ledger entries {}",
        world.person_count(),
        world.timeline.len(),
        world.ledger.len()
    );

    let batch = world.ledger.by_batch("b-0612-a");
    let red = world.ledger.get(batch[0]).expect("the batch has entries");
    let (red_person, red_at) = (red.person, red.at);
    let green = (0..world.person_count() as u32)
        .map(redcode::scenario::expand::PersonIx)
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
    println!("ledger digest {}", world.ledger.digest());
}

/// `write FILE [--units N]`: saves the city as a scenario file.
fn write(args: &[String]) {
    let usage = "usage: scale write FILE [--units N]";
    let mut file = None;
    let mut units = FULL_SCALE;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--units" {
            let n = args.next().and_then(|n| n.parse().ok());
            units = n.unwrap_or_else(|| fail(usage));
        } else if file.is_none() {
            file = Some(arg);
        } else {
            fail(usage);
        }
    }
    let file = file.unwrap_or_else(|| fail(usage));
    if let Err(e) = write_file(std::path::Path::new(file), units) {
        fail(&format!("could not write {file}: {e}"));
    }
    println!(
        "wrote {file}: {} people, {} events from crowds; open it with `redcode play {file}`",
        u64::from(units.max(1)) * redcode::testkit::scale::PEOPLE_PER_UNIT,
        u64::from(units.max(1)) * redcode::testkit::scale::EVENTS_PER_UNIT,
    );
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(2)
}

/// Wall time and the thread's CPU time since it started.
struct Stopwatch {
    wall: Instant,
    cpu: Option<u64>,
}

impl Stopwatch {
    fn start() -> Stopwatch {
        Stopwatch {
            wall: Instant::now(),
            cpu: cpu_ns(),
        }
    }

    fn report(&self, what: &str) {
        let wall = self.wall.elapsed().as_secs_f64() * 1e3;
        match (self.cpu, cpu_ns()) {
            (Some(a), Some(b)) => println!(
                "{what:<48} {wall:>9.1} ms  (cpu {:>7.1} ms)",
                (b - a) as f64 / 1e6
            ),
            _ => println!("{what:<48} {wall:>9.1} ms"),
        }
    }
}

/// Nanoseconds this thread has run on a CPU (Linux only).
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
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

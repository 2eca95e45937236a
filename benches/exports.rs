//! The ledger export against the plain csv and serde_json crates writing the same rows.
//!
//! The baseline is the rows already built as owned strings and handed to
//! `csv::Writer::serialize` and `serde_json::to_writer`: what the crates cost alone. The
//! export builds its rows from the world as it goes, so the comparison charges it for
//! that work too. Both write to memory; throughput is the bytes of output per second.
//!
//! `cargo bench --bench exports`: the built-in Zhengzhou scenario, then the 200,000-person
//! synthetic city (about two minutes in all).

use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Write;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use serde::Serialize;

use redcode::cli::ledger::{write_csv, write_json};
use redcode::engine::World;
use redcode::engine::rows::colour_word;
use redcode::open::{open, open_loaded};
use redcode::scenario::load::parse_str;
use redcode::scenario::model::Colour;
use redcode::testkit::scale::{FULL_SCALE, scenario_text};

/// A row as the CSV baseline holds it: every value already a string.
#[derive(Serialize)]
struct CsvRow {
    entry: u32,
    time: String,
    person: String,
    name: String,
    code_system: String,
    from_colour: &'static str,
    to_colour: &'static str,
    cause: &'static str,
    rule: String,
    operator: String,
    account: String,
    batch: String,
    reason: String,
    justification: String,
    directive: String,
    evidence: String,
    undoes: String,
}

/// A row as the JSON baseline holds it.
#[derive(Serialize)]
struct JsonRow {
    entry: u32,
    time: String,
    person: String,
    name: String,
    code_system: String,
    from_colour: Colour,
    to_colour: Colour,
    cause: &'static str,
    rule: Option<String>,
    operator: Option<String>,
    account: Option<String>,
    batch: Option<String>,
    reason: Option<String>,
    justification: Option<String>,
    directive: Option<String>,
    evidence: Vec<String>,
    undoes: Vec<u32>,
}

fn baseline_rows(world: &World) -> (Vec<CsvRow>, Vec<JsonRow>) {
    let owned = |s: Option<&str>| s.map(str::to_owned);
    let mut csv = Vec::new();
    let mut json = Vec::new();
    for row in world.ledger_rows() {
        let evidence: Vec<String> = row
            .evidence
            .iter()
            .map(|&ix| world.describe_record(ix))
            .collect();
        let mut undoes = String::new();
        for (i, of) in row.undoes.iter().enumerate() {
            let _ = write!(undoes, "{}{of}", if i > 0 { " " } else { "" });
        }
        csv.push(CsvRow {
            entry: row.entry.0,
            time: row.time.iso8601().to_string(),
            person: row.person.to_owned(),
            name: row.name.to_owned(),
            code_system: row.code_system.to_owned(),
            from_colour: colour_word(row.from_colour),
            to_colour: colour_word(row.to_colour),
            cause: row.cause,
            rule: row.rule.unwrap_or_default().to_owned(),
            operator: row.operator.unwrap_or_default().to_owned(),
            account: row.account.unwrap_or_default().to_owned(),
            batch: row.batch.unwrap_or_default().to_owned(),
            reason: row.reason.unwrap_or_default().to_owned(),
            justification: row.justification.unwrap_or_default().to_owned(),
            directive: row.directive.unwrap_or_default().to_owned(),
            evidence: evidence.join("; "),
            undoes,
        });
        json.push(JsonRow {
            entry: row.entry.0,
            time: row.time.iso8601().to_string(),
            person: row.person.to_owned(),
            name: row.name.to_owned(),
            code_system: row.code_system.to_owned(),
            from_colour: row.from_colour,
            to_colour: row.to_colour,
            cause: row.cause,
            rule: owned(row.rule),
            operator: owned(row.operator),
            account: owned(row.account),
            batch: owned(row.batch),
            reason: owned(row.reason),
            justification: owned(row.justification),
            directive: owned(row.directive),
            evidence,
            undoes: row.undoes.iter().map(|e| e.0).collect(),
        });
    }
    (csv, json)
}

fn baseline_csv(rows: &[CsvRow], out: &mut Vec<u8>) {
    let mut writer = csv::Writer::from_writer(out);
    for row in rows {
        writer.serialize(row).unwrap();
    }
    writer.flush().unwrap();
}

fn baseline_json(rows: &[JsonRow], out: &mut Vec<u8>) {
    out.extend_from_slice(b"[\n");
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        serde_json::to_writer(&mut *out, row).unwrap();
    }
    out.write_all(b"\n]\n").unwrap();
}

/// Benches the export and its baseline in both formats on one world.
fn compare(c: &mut Criterion, name: &str, world: &World, samples: usize) {
    let (csv_rows, json_rows) = baseline_rows(world);
    let mut group = c.benchmark_group(name);
    group
        .sample_size(samples)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    let mut out = Vec::new();
    type Writes<'a> = Box<dyn Fn(&mut Vec<u8>) + 'a>;
    let cases: [(&str, Writes); 4] = [
        (
            "csv/redcode ledger",
            Box::new(|out| write_csv(world, out).unwrap()),
        ),
        (
            "csv/csv crate",
            Box::new(|out| baseline_csv(&csv_rows, out)),
        ),
        (
            "json/redcode ledger",
            Box::new(|out| write_json(world, out).unwrap()),
        ),
        (
            "json/serde_json",
            Box::new(|out| baseline_json(&json_rows, out)),
        ),
    ];
    for (label, write) in &cases {
        out.clear();
        write(&mut out);
        group.throughput(Throughput::Bytes(out.len() as u64));
        group.bench_function(*label, |b| {
            b.iter(|| {
                out.clear();
                write(&mut out);
                black_box(out.len())
            })
        });
    }
    group.finish();
}

fn zhengzhou(c: &mut Criterion) {
    let world = open(None, None).expect("the built-in scenario opens").world;
    compare(c, "ledger export zhengzhou", &world, 50);
}

fn city(c: &mut Criterion) {
    let loaded = parse_str("scale-city.ron", scenario_text(FULL_SCALE)).expect("parses");
    let world = open_loaded(loaded, None).expect("opens").world;
    compare(c, "ledger export city", &world, 10);
}

criterion_group!(benches, zhengzhou, city);
criterion_main!(benches);

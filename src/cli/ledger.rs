//! `redcode ledger`: every entry, one row each, as CSV or JSON. The rows are the
//! engine's ([`World::ledger_rows`]); this writes them, with no string built per row.

use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};

use super::{CliError, LedgerFormat, out};
use crate::engine::World;
use crate::engine::rows::{LEDGER_COLUMNS, colour_word};

/// Bytes gathered before each write to the output.
const BUFFER: usize = 64 * 1024;

pub fn run(
    scenario: Option<&str>,
    seed: Option<u64>,
    format: LedgerFormat,
) -> Result<(), CliError> {
    let opened = super::diagnostics::open_for_debugging(scenario, seed)?;
    let world = &opened.world;
    out::print(|out| match format {
        LedgerFormat::Csv => write_csv(world, out),
        LedgerFormat::Json => write_json(world, out),
    })
}

/// Writes the ledger as CSV: a header row of [`LEDGER_COLUMNS`], then a row per entry.
/// Absent values are empty; evidence is joined with `; `, `undoes` with spaces.
pub fn write_csv(world: &World, out: impl Write) -> io::Result<()> {
    let mut csv = csv::WriterBuilder::new()
        .buffer_capacity(BUFFER)
        .from_writer(out);
    csv.write_record(LEDGER_COLUMNS).map_err(csv_error)?;
    // One buffer for every field that must be formatted, reused row after row.
    let mut text = String::new();
    for row in world.ledger_rows() {
        let mut field = |value: &str| csv.write_field(value).map_err(csv_error);
        text.clear();
        let _ = write!(text, "{}", row.entry);
        field(&text)?;
        text.clear();
        let _ = write!(text, "{}", row.time.iso8601());
        field(&text)?;
        field(row.person)?;
        field(row.name)?;
        field(row.code_system)?;
        field(colour_word(row.from_colour))?;
        field(colour_word(row.to_colour))?;
        field(row.cause)?;
        for value in [
            row.rule,
            row.operator,
            row.account,
            row.batch,
            row.reason,
            row.justification,
            row.directive,
        ] {
            field(value.unwrap_or_default())?;
        }
        text.clear();
        for (i, &ix) in row.evidence.iter().enumerate() {
            let separator = if i > 0 { "; " } else { "" };
            let _ = write!(text, "{separator}{}", world.record_text(ix));
        }
        field(&text)?;
        text.clear();
        for (i, of) in row.undoes.iter().enumerate() {
            let separator = if i > 0 { " " } else { "" };
            let _ = write!(text, "{separator}{of}");
        }
        field(&text)?;
        csv.write_record(None::<&[u8]>).map_err(csv_error)?;
    }
    csv.flush()
}

/// The I/O error inside a CSV error, so a closed pipe is still seen as one.
fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Writes the ledger as a JSON array, an entry a line (see [`crate::engine::rows`]).
pub fn write_json(world: &World, out: impl Write) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(BUFFER, out);
    out.write_all(b"[\n")?;
    for (i, row) in world.ledger_rows().enumerate() {
        if i > 0 {
            out.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut out, &row)?;
    }
    out.write_all(b"\n]\n")?;
    out.flush()
}

//! `redcode new FILE [--from blank|tutorial|zhengzhou] [--force]`: writes a scenario to start
//! from, never over an existing file unless asked.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::Path;

use super::{CliError, out};
use crate::author::templates::Template;
use crate::scenario::text::clean_line;

pub fn run(file: &Path, from: Template, force: bool) -> Result<(), CliError> {
    write_template(file, from, force)?;
    let shown = clean_line(&file.display().to_string());
    out::print(|out| {
        writeln!(
            out,
            "Wrote {shown} (from the {} template). Next:",
            from.name()
        )?;
        writeln!(out, "  redcode validate {shown}")?;
        writeln!(out, "  redcode preview {shown}")?;
        writeln!(out, "  redcode playtest {shown}")?;
        writeln!(out, "  redcode play {shown}")
    })
}

/// Writes the template's text to `file`. Without `force` the file is created new, so an
/// existing file (or a link where it would go) is never written through.
fn write_template(file: &Path, from: Template, force: bool) -> Result<(), CliError> {
    write_file(file, from.source(), force)
}

/// Writes `text` to `file`, new unless `force`: an existing file (or a link where it would
/// go) is never written through.
pub(super) fn write_file(file: &Path, text: &str, force: bool) -> Result<(), CliError> {
    let mut options = OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let written = options
        .open(file)
        .and_then(|mut f| f.write_all(text.as_bytes()));
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(CliError::Exists {
            path: file.to_path_buf(),
        }),
        Err(source) => Err(CliError::CannotWrite {
            path: file.to_path_buf(),
            source,
        }),
    }
}

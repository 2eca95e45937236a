//! Reading a scenario file: size cap, UTF-8, RON with a recursion limit, schema version.

use std::io::Read;
use std::path::Path;

use super::diagnostic::{Diagnostic, Severity};
use super::model::{SCHEMA_VERSION, Scenario};

/// Larger files are refused before they are parsed: the full city is a few hundred KiB,
/// since crowds are generated rather than written out.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// How deep RON may nest; real scenarios need about eight levels.
pub const RECURSION_LIMIT: usize = 64;

/// A parsed scenario with the text it came from, kept for pointing at places in it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The name diagnostics use for the file.
    pub file: String,
    pub source: String,
    pub scenario: Scenario,
}

/// Reads and parses a scenario file. Every failure is a diagnostic naming the place.
pub fn load_file(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let file = path.display().to_string();
    let bytes = read_capped(path, MAX_FILE_BYTES)
        .map_err(|message| vec![Diagnostic::whole_file(&file, message)])?;
    parse_bytes(&file, &bytes)
}

/// Reads at most `cap` bytes of a file, refusing anything larger or not a regular file.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, String> {
    let metadata = std::fs::metadata(path).map_err(|e| format!("cannot read the file: {e}"))?;
    if metadata.is_dir() {
        return Err("this is a folder, not a file".to_owned());
    }
    if metadata.len() > cap {
        return Err(too_big(metadata.len(), cap));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the file: {e}"))?;
    if bytes.len() as u64 > cap {
        return Err(too_big(bytes.len() as u64, cap));
    }
    Ok(bytes)
}

fn too_big(len: u64, cap: u64) -> String {
    format!("the file is {} bytes, over the limit of {} bytes", len, cap)
}

/// Parses scenario text that came from `file`.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<Loaded, Vec<Diagnostic>> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(vec![Diagnostic::whole_file(
            file,
            too_big(bytes.len() as u64, MAX_FILE_BYTES),
        )]);
    }
    let source = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(e) => {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            let at = Diagnostic::at_offset(
                file,
                &valid,
                valid.len(),
                0,
                Severity::Error,
                "the file is not UTF-8 text (is it a binary file?)",
            );
            return Err(vec![at]);
        }
    };
    parse_str(file, source)
}

/// Parses scenario text.
pub fn parse_str(file: &str, source: String) -> Result<Loaded, Vec<Diagnostic>> {
    if source.trim().is_empty() {
        return Err(vec![Diagnostic::whole_file(
            file,
            "the file is empty: a scenario starts with `Scenario(`",
        )]);
    }
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    let scenario: Scenario = match options.from_str(&source) {
        Ok(scenario) => scenario,
        Err(e) => {
            let message = describe_ron_error(&e.code);
            let diagnostic = Diagnostic::at_line_column(
                file,
                &source,
                e.span.start.line,
                e.span.start.col,
                Severity::Error,
                message,
            );
            return Err(vec![diagnostic]);
        }
    };
    if scenario.schema_version != SCHEMA_VERSION {
        let offset = source.find("schema_version").unwrap_or(0);
        return Err(vec![Diagnostic::at_offset(
            file,
            &source,
            offset,
            "schema_version".len(),
            Severity::Error,
            format!(
                "schema_version {} is not one this redcode reads (it reads {})",
                scenario.schema_version, SCHEMA_VERSION
            ),
        )]);
    }
    Ok(Loaded {
        file: file.to_owned(),
        source,
        scenario,
    })
}

/// Words for a RON error that a scenario author can act on.
fn describe_ron_error(code: &ron::Error) -> String {
    match code {
        ron::Error::ExceededRecursionLimit => {
            format!("the file nests deeper than {RECURSION_LIMIT} levels")
        }
        ron::Error::Eof => "the file ends too soon: something is not closed".to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_is_named_as_such() {
        let errors = parse_bytes("empty.ron", b"").unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "empty.ron:1:1: error: the file is empty: a scenario starts with `Scenario(`"
        );
    }

    #[test]
    fn binary_data_points_at_the_first_bad_byte() {
        let errors = parse_bytes("bin.ron", b"Scen\nar\xffio").unwrap_err();
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[0].column, 3);
        assert!(errors[0].message.contains("UTF-8"));
    }

    #[test]
    fn unknown_fields_are_refused_with_their_place() {
        let errors = parse_str(
            "x.ron",
            "Scenario(\n  schema_version: 1,\n  colour_of_sky: 3,\n)".to_owned(),
        )
        .unwrap_err();
        assert_eq!(errors[0].line, 3);
        assert!(
            errors[0].message.contains("colour_of_sky"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn deep_nesting_stops_at_the_limit() {
        let deep = format!(
            "Scenario(schema_version: 1, id: {}{})",
            "[".repeat(500),
            "]".repeat(500)
        );
        let errors = parse_str("deep.ron", deep).unwrap_err();
        assert!(
            errors[0].message.contains("nests deeper"),
            "{}",
            errors[0].message
        );
    }
}

//! The `redcode` binary run as a user runs it: exit codes, the one-line diagnostic format
//! when output is piped, the headless commands' output, and no panic whatever the input.

use std::path::Path;
use std::process::{Command, Output};

use clap::CommandFactory;
use redcode::cli::Cli;
use redcode::open::open;
use redcode::scenario::text::is_unsafe;

const MINIMAL: &str = "tests/fixtures/minimal.ron";
const CORPUS: &str = "tests/bad_input";

/// Runs the binary from the crate root, so that relative paths read as a user types them.
fn redcode(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_redcode"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Exit code, asserting on the way that the process neither panicked nor was killed.
fn code(output: &Output) -> i32 {
    let err = stderr(output);
    assert!(!err.contains("panicked"), "panic:\n{err}");
    output
        .status
        .code()
        .expect("exited, not killed by a signal")
}

/// Whether a line is `file:line:col: error|warning: message` with line and column >= 1.
fn is_diagnostic_line(line: &str) -> bool {
    let mut parts = line.splitn(4, ':');
    let (Some(file), Some(l), Some(c), Some(rest)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let number = |s: &str| s.parse::<usize>().is_ok_and(|n| n >= 1);
    !file.is_empty()
        && number(l)
        && number(c)
        && (rest.starts_with(" error: ") || rest.starts_with(" warning: "))
        && rest.len() > " error: ".len()
}

fn files_in(dir: &str, extension: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(root.join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .map(|p| format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    files.sort();
    files
}

/// The non-comment lines of a fixture's `.expected` file.
fn expected_lines(fixture: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join(fixture).with_extension("expected");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// Every character that must never reach a terminal from a file.
fn assert_clean(text: &str, what: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && (c == '\t' || is_unsafe(c)))
        .collect();
    assert!(bad.is_empty(), "{what} holds {bad:?}");
}

#[test]
fn validate_accepts_every_shipped_scenario_and_the_minimal_fixture() {
    let mut files = files_in("scenarios", "ron");
    assert!(files.iter().any(|f| f.ends_with("zhengzhou-2022.ron")));
    files.push(MINIMAL.to_owned());
    for file in &files {
        let output = redcode(&["validate", file]);
        assert_eq!(code(&output), 0, "{file}: {}", stderr(&output));
        assert!(
            stdout(&output).starts_with(&format!("{file}: ok (")),
            "{file}: {}",
            stdout(&output)
        );
    }
}

#[test]
fn validate_prints_each_bad_fixture_s_expected_lines_and_exits_1() {
    let fixtures = files_in(CORPUS, "ron");
    assert!(fixtures.len() >= 50);
    for fixture in &fixtures {
        let want = expected_lines(fixture);
        let output = redcode(&["validate", fixture]);
        let err = stderr(&output);
        let got: Vec<&str> = err.lines().collect();
        // stderr is a pipe here, so each problem is one plain line.
        for line in &got {
            assert!(is_diagnostic_line(line), "{fixture}: `{line}`");
        }
        assert_eq!(got, want, "{fixture}");
        let errors = want.iter().any(|l| l.contains(": error: "));
        assert_eq!(code(&output), i32::from(errors), "{fixture}: {err}");
        assert_clean(&err, fixture);
    }
}

#[test]
fn deny_warnings_fails_a_file_with_only_warnings_and_passes_a_clean_one() {
    let warned = "tests/bad_input/unused-venue.ron";
    let want = expected_lines(warned);
    assert!(want.iter().all(|l| l.contains(": warning: ")) && !want.is_empty());
    let output = redcode(&["validate", warned]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let output = redcode(&["validate", "--deny-warnings", warned, MINIMAL]);
    assert_eq!(code(&output), 1);
    let err: Vec<String> = stderr(&output).lines().map(str::to_owned).collect();
    assert_eq!(err, want);
    assert_eq!(
        stdout(&output),
        format!(
            "{warned}: 1 warning, refused by --deny-warnings\n{MINIMAL}: ok (4 people, 8 events, 3 ledger entries)\n"
        )
    );
    let output = redcode(&["validate", "--deny-warnings", MINIMAL]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
}

#[test]
fn the_shipped_scenarios_pass_validation_with_warnings_denied() {
    let mut args = vec!["validate", "--deny-warnings"];
    let files: Vec<String> = std::fs::read_dir("scenarios")
        .unwrap()
        .map(|e| format!("scenarios/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    args.extend(files.iter().map(String::as_str));
    let output = redcode(&args);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "no warnings");
    assert_eq!(stdout(&output).matches(": ok (").count(), files.len());
}

#[test]
fn validate_reports_every_file_it_is_given() {
    let files = [
        MINIMAL,
        "tests/bad_input/unknown-person.ron",
        "scenarios/zhengzhou-2022.ron",
        "tests/bad_input/empty.ron",
        "tests/bad_input/no-such-file.ron",
    ];
    let output = redcode(
        &["validate"]
            .iter()
            .chain(&files)
            .copied()
            .collect::<Vec<_>>(),
    );
    assert_eq!(code(&output), 1);
    let out = stdout(&output);
    let err = stderr(&output);
    assert!(out.contains(&format!("{MINIMAL}: ok (")), "{out}");
    assert!(out.contains("scenarios/zhengzhou-2022.ron: ok ("), "{out}");
    // The shipped scenarios and the minimal fixture warn of nothing: every line is an error.
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0].starts_with("tests/bad_input/unknown-person.ron:"));
    assert!(lines[1].starts_with("tests/bad_input/empty.ron:1:1: error: the file is empty"));
    assert!(lines[2].starts_with("tests/bad_input/no-such-file.ron:1:1: error: cannot read"));
    for line in lines {
        assert!(is_diagnostic_line(line), "{line}");
    }
}

#[test]
fn validate_refuses_a_fifty_megabyte_file_and_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let mut text = String::from("Scenario(schema_version: 1, id: \"");
    text.push_str(&"x".repeat(50 * 1024 * 1024));
    text.push_str("\")");
    std::fs::write(&path, text).unwrap();
    let output = redcode(&["validate", path.to_str().unwrap()]);
    assert_eq!(code(&output), 1);
    let err = stderr(&output);
    assert!(is_diagnostic_line(err.trim_end()), "{err}");
    assert!(err.contains("over the limit of 8388608 bytes"), "{err}");

    let output = redcode(&["validate", dir.path().to_str().unwrap()]);
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("folder"), "{}", stderr(&output));
}

#[test]
fn validate_without_files_is_a_usage_error() {
    let output = redcode(&["validate"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("Usage"), "{}", stderr(&output));
}

#[test]
fn trace_names_the_whole_chain_behind_lin_xiu_s_red_code() {
    let output = redcode(&["trace", "lin-xiu", "--at", "2022-06-13 12:00"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let out = stdout(&output);
    let first = out.lines().next().unwrap();
    assert!(
        first.contains("(lin-xiu) at 2022-06-13 12:00: red [R]"),
        "{first}"
    );
    for needle in [
        "b-0612-a",
        "Chen Yuting (bdb-hcg-01)",
        "doc-instruction",
        "Feng Jianguo",
        "Lu Xiaoming",
        "ord-instruct-feng",
        "ord-instruct-lu",
    ] {
        assert!(out.contains(needle), "no `{needle}` in\n{out}");
    }
}

#[test]
fn trace_before_the_first_batch_finds_her_green() {
    let output = redcode(&["trace", "lin-xiu", "--at", "2022-06-10 12:00"]);
    assert_eq!(code(&output), 0);
    let out = stdout(&output);
    assert!(out.lines().next().unwrap().contains(": green [G]"), "{out}");
    assert!(!out.contains("b-0612-a"), "{out}");
}

#[test]
fn trace_json_parses_with_the_colour_and_the_ids_of_the_chain() {
    let output = redcode(&["trace", "lin-xiu", "--at", "2022-06-13 12:00", "--json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(json["person"], "lin-xiu");
    assert_eq!(json["colour"], "Red");
    assert_eq!(json["at"], "2022-06-13 12:00");
    let ids: Vec<&str> = json["links"]
        .as_array()
        .expect("links")
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    for id in [
        "b-0612-a",
        "chen-yuting",
        "doc-instruction",
        "feng-jianguo",
        "lu-xiaoming",
    ] {
        assert!(ids.contains(&id), "no `{id}` in {ids:?}");
    }

    let green = redcode(&["trace", "lin-xiu", "--at", "2022-06-10 12:00", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&green)).unwrap();
    assert_eq!(json["colour"], "Green");
}

#[test]
fn trace_of_an_unknown_person_or_a_bad_time_fails_with_a_clear_message() {
    let output = redcode(&["trace", "no-such-person"]);
    assert_eq!(code(&output), 1);
    assert!(stdout(&output).is_empty());
    assert_eq!(
        stderr(&output).trim_end(),
        "error: no person with id `no-such-person` in scenarios/zhengzhou-2022.ron"
    );

    let output = redcode(&["trace", "lin-xiu", "--at", "13 June"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("`13 June` is not a time"),
        "{}",
        stderr(&output)
    );

    // What the user typed is cleaned before it is echoed back.
    let output = redcode(&["trace", "x\u{1b}[2J\u{202E}y"]);
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("`x[2Jy`"), "{}", stderr(&output));
    assert_clean(&stderr(&output), "the error");
}

#[test]
fn trace_and_ledger_on_a_broken_scenario_print_its_diagnostics_and_fail() {
    let fixture = "tests/bad_input/unknown-venue.ron";
    for args in [
        vec!["trace", "lin", "--scenario", fixture],
        vec!["ledger", "--scenario", fixture],
    ] {
        let output = redcode(&args);
        assert_eq!(code(&output), 1, "{args:?}");
        assert!(stdout(&output).is_empty());
        let err: Vec<String> = stderr(&output).lines().map(str::to_owned).collect();
        assert_eq!(err, expected_lines(fixture), "{args:?}");
    }
}

#[test]
fn trace_and_ledger_run_when_only_the_answer_key_fails_showing_its_errors_first() {
    for fixture in [
        "tests/bad_input/unknown-official-in-key.ron",
        "tests/bad_input/key-names-nothing.ron",
    ] {
        let want = expected_lines(fixture);
        assert!(want.iter().any(|l| l.contains(": error: ")), "{fixture}");
        for args in [
            vec!["trace", "lin", "--scenario", fixture],
            vec!["ledger", "--scenario", fixture],
        ] {
            let output = redcode(&args);
            assert_eq!(code(&output), 0, "{args:?}: {}", stderr(&output));
            let err: Vec<String> = stderr(&output).lines().map(str::to_owned).collect();
            // The key's errors first, each as `validate` prints it, then one line saying
            // the key is set aside.
            assert_eq!(err[..want.len()], want[..], "{args:?}");
            assert_eq!(err.len(), want.len() + 1, "{err:?}");
            assert!(
                err[want.len()].contains("the answer key has errors"),
                "{err:?}"
            );
            let out = stdout(&output);
            let shown = if args[0] == "trace" { "red [R]" } else { "b-1" };
            assert!(out.contains(shown), "{args:?}: {out}");
        }
    }
}

/// Ledger rows as the csv crate reads them (fields may hold commas and quotes).
fn csv_rows(text: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("a header row").clone();
    let rows = reader.records().map(|r| r.expect("a row")).collect();
    (header, rows)
}

/// A ledger row as a SQL loader or a spreadsheet reads the CSV: by header name.
#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CsvLedgerRow {
    entry: u32,
    time: String,
    person: String,
    name: String,
    code_system: String,
    from_colour: String,
    to_colour: String,
    cause: String,
    rule: Option<String>,
    operator: Option<String>,
    account: Option<String>,
    batch: Option<String>,
    reason: Option<String>,
    justification: Option<String>,
    directive: Option<String>,
    evidence: Option<String>,
    undoes: Option<String>,
}

/// Words SQL reserves (in the standard, SQLite, PostgreSQL or MySQL) that a column
/// named as a ledger field might be tempted to take.
const SQL_KEYWORDS: &[&str] = &[
    "from",
    "to",
    "order",
    "group",
    "select",
    "where",
    "user",
    "system",
    "table",
    "by",
    "case",
    "end",
    "key",
    "index",
    "check",
    "default",
    "references",
    "desc",
    "limit",
    "cast",
];

#[test]
fn ledger_csv_loads_by_header_with_sql_safe_names_and_known_rows() {
    let world = open(None, None).unwrap().world;
    assert!(world.ledger.len() > 1000);
    let output = redcode(&["ledger", "--format", "csv"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, redcode::engine::rows::LEDGER_COLUMNS);
    for column in &header {
        assert!(
            column.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && !SQL_KEYWORDS.contains(&column.as_str()),
            "`{column}` would need quoting in SQL"
        );
    }
    let rows: Vec<CsvLedgerRow> = reader.deserialize().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), world.ledger.len());
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.entry as usize, i);
    }
    // The scenario's first entry: an inbound traveller under a colour rule.
    assert_eq!(
        rows[0],
        CsvLedgerRow {
            entry: 0,
            time: "2022-06-10T16:00:00".into(),
            person: "deng-hao".into(),
            name: "邓浩 Deng Hao".into(),
            code_system: "henan-code".into(),
            from_colour: "Green".into(),
            to_colour: "Red".into(),
            cause: "rule".into(),
            rule: Some("inbound-quarantine".into()),
            operator: None,
            account: None,
            batch: None,
            reason: rows[0]
                .reason
                .clone()
                .filter(|r| r.starts_with("inbound traveller")),
            justification: None,
            directive: None,
            evidence: Some(
                "2022-06-10 16:00 inbound arrival: 邓浩 Deng Hao from Thailand, home quarantine"
                    .into()
            ),
            undoes: None,
        }
    );
    // The first batch job: who ran it, through which account, citing what.
    let batch = rows
        .iter()
        .find(|r| r.batch.as_deref() == Some("b-0611-a"))
        .unwrap();
    assert_eq!(
        (
            batch.time.as_str(),
            batch.cause.as_str(),
            batch.operator.as_deref(),
            batch.account.as_deref(),
            batch.directive.as_deref(),
            batch.justification.as_deref(),
            batch.to_colour.as_str(),
            batch.rule.as_deref(),
        ),
        (
            "2022-06-11T02:00:00",
            "manual",
            Some("chen-yuting"),
            Some("bdb-hcg-01"),
            Some("doc-instruction"),
            Some("Per command instruction: control of inbound persons."),
            "Red",
            None,
        )
    );
    assert!(batch.evidence.as_deref().unwrap().contains(" scan: "));
    let in_b_0612_a = rows
        .iter()
        .filter(|r| r.batch.as_deref() == Some("b-0612-a"))
        .count();
    assert_eq!(in_b_0612_a, world.ledger.by_batch("b-0612-a").len());
    // A lapse names the entry it ends, and nothing else.
    let lapse = rows.iter().find(|r| r.cause == "lapse").unwrap();
    let of: u32 = lapse.undoes.as_deref().unwrap().parse().unwrap();
    assert!(of < lapse.entry && rows[of as usize].person == lapse.person);
    assert_eq!((&lapse.reason, &lapse.evidence), (&None, &None));
    assert_clean(&text, "the CSV");
}

#[test]
fn ledger_json_has_types_nulls_iso_times_and_trace_colours() {
    let world = open(None, None).unwrap().world;
    let output = redcode(&["ledger", "--format", "json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let entries = json.as_array().expect("an array");
    assert_eq!(entries.len(), world.ledger.len());
    for (i, entry) in entries.iter().enumerate() {
        let keys: Vec<&str> = entry
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        let mut columns = redcode::engine::rows::LEDGER_COLUMNS.to_vec();
        columns.sort();
        assert_eq!(keys, columns);
        assert_eq!(entry["entry"], i);
        assert!(
            entry["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e.is_string())
        );
        assert!(
            entry["undoes"]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e.is_u64())
        );
    }
    let first = &entries[0];
    assert_eq!(first["time"], "2022-06-10T16:00:00");
    assert!(
        jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M:%S", first["time"].as_str().unwrap())
            .is_ok()
    );
    assert_eq!(first["person"], "deng-hao");
    assert_eq!(first["code_system"], "henan-code");
    assert_eq!(first["cause"], "rule");
    assert_eq!(first["rule"], "inbound-quarantine");
    for absent in ["operator", "account", "batch", "justification", "directive"] {
        assert!(first[absent].is_null(), "{absent}: {}", first[absent]);
    }
    assert_eq!(
        first["evidence"],
        serde_json::json!([
            "2022-06-10 16:00 inbound arrival: 邓浩 Deng Hao from Thailand, home quarantine"
        ])
    );
    assert_eq!(first["undoes"], serde_json::json!([]));
    // Colours as `trace --json` spells them.
    let trace = redcode(&["trace", "deng-hao", "--at", "2022-06-10 16:00", "--json"]);
    let trace: serde_json::Value = serde_json::from_str(&stdout(&trace)).unwrap();
    assert_eq!(trace["entry"], 0);
    assert_eq!(first["to_colour"], trace["colour"]);
    assert_eq!(first["from_colour"], "Green");
    let manual = entries.iter().find(|e| e["batch"] == "b-0611-a").unwrap();
    assert_eq!(manual["operator"], "chen-yuting");
    assert_eq!(manual["account"], "bdb-hcg-01");
    assert!(manual["rule"].is_null());
    assert!(!manual["evidence"].as_array().unwrap().is_empty());
    let lapse = entries.iter().find(|e| e["cause"] == "lapse").unwrap();
    assert!(lapse["reason"].is_null() && lapse["rule"].is_null());
    assert_eq!(lapse["undoes"].as_array().unwrap().len(), 1);
}

#[test]
fn ledger_with_a_seed_is_the_ledger_of_that_seed() {
    let world = open(None, Some(7)).unwrap().world;
    let output = redcode(&["ledger", "--seed", "7"]);
    assert_eq!(code(&output), 0);
    let (_, rows) = csv_rows(&stdout(&output));
    assert_eq!(rows.len(), world.ledger.len());
}

#[test]
fn scenarios_lists_the_built_in_scenarios() {
    let output = redcode(&["scenarios"]);
    assert_eq!(code(&output), 0);
    let out = stdout(&output);
    let ids: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert!(ids.contains(&"zhengzhou-2022"), "{out}");
    for builtin in redcode::scenario::builtin::BUILTINS {
        assert!(
            ids.contains(&builtin.id),
            "{} missing from\n{out}",
            builtin.id
        );
    }
}

#[test]
fn help_works_for_the_program_and_every_subcommand() {
    let output = redcode(&["--help"]);
    assert_eq!(code(&output), 0);
    let top = stdout(&output);
    let subcommands: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    assert!(subcommands.len() >= 4, "{subcommands:?}");
    for name in &subcommands {
        assert!(top.contains(name.as_str()), "`{name}` missing from --help");
        let output = redcode(&[name, "--help"]);
        assert_eq!(code(&output), 0, "{name} --help: {}", stderr(&output));
        let help = stdout(&output);
        assert!(help.contains("Usage: redcode"), "{name} --help:\n{help}");
        assert!(help.contains(name.as_str()), "{name} --help:\n{help}");
    }
}

#[test]
fn trace_and_ledger_read_a_scenario_file() {
    let output = redcode(&["trace", "lin", "--scenario", MINIMAL]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.lines().next().unwrap().contains("Lin Xiu (lin)"),
        "{out}"
    );
    assert!(out.contains(": red [R]"), "{out}");
    assert!(out.contains("b-1") && out.contains("bdb-01") && out.contains("doc-order"));

    let world = open(Some(MINIMAL), None).unwrap().world;
    let output = redcode(&["ledger", "--scenario", MINIMAL]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let (_, rows) = csv_rows(&stdout(&output));
    assert_eq!(rows.len(), world.ledger.len());
    assert_eq!(rows.len(), 3);
    let people: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
    // A walker's positive test sets the fixture's rule off; then the batch.
    assert_eq!(people, ["walker-00001", "lin", "tao"]);
}

#[test]
fn hostile_names_reach_neither_trace_nor_ledger_output() {
    let fixture = "tests/bad_input/hostile-text.ron";
    let raw = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture)).unwrap();
    assert!(raw.contains('\u{1b}') && raw.contains('\u{202E}'));
    for args in [
        vec!["trace", "lin", "--scenario", fixture],
        vec!["trace", "tao", "--scenario", fixture, "--json"],
        vec!["ledger", "--scenario", fixture],
        vec!["ledger", "--scenario", fixture, "--format", "json"],
    ] {
        let output = redcode(&args);
        assert_eq!(code(&output), 0, "{args:?}: {}", stderr(&output));
        let out = stdout(&output);
        assert!(out.len() > 100, "{args:?}: {out}");
        assert_clean(&out, &format!("{args:?}"));
        assert!(!out.contains('\u{1b}') && !out.contains('\u{9b}') && !out.contains('\u{7}'));
    }
    let output = redcode(&["trace", "lin", "--scenario", fixture]);
    assert!(
        stdout(&output).starts_with("Lin[2J[31m Xiu (lin)"),
        "{}",
        stdout(&output)
    );
    let output = redcode(&["ledger", "--scenario", fixture]);
    assert!(stdout(&output).contains(",Tao Min,"), "{}", stdout(&output));
}

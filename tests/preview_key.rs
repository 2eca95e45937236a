//! `redcode preview` on a scenario whose answer key fails: the key's errors first, then the
//! preview of the scenario without its key, so the key can be debugged against it.

use std::process::Command;

#[test]
fn preview_runs_on_a_scenario_whose_key_fails() {
    let dir = tempfile::tempdir().unwrap();
    let text = include_str!("fixtures/orders.ron").replace(
        r#"entries: Batch("b-list")"#,
        r#"entries: Batch("b-nothing")"#,
    );
    std::fs::write(dir.path().join("k.ron"), text).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_redcode"))
        .args(["preview", "k.ron"])
        .current_dir(dir.path())
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("error: unknown batch `b-nothing`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("k.ron: the answer key has errors: shown without it"),
        "{stderr}"
    );
    assert!(
        stdout.starts_with("Orders and what they concern (orders), seed 7\n"),
        "{stdout}"
    );
    assert!(stdout.contains("    b-list "), "{stdout}");
}

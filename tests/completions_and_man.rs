//! `redcode completions SHELL` and `redcode man`: scripts every shell can load and a manual
//! page, each naming every command.

mod common;

use std::path::Path;
use std::process::Command;

use clap::CommandFactory;
use common::redcode;
use common::tools::{self, BASH};
use redcode::cli::Cli;

/// Standard output of a command that must succeed with nothing on standard error.
fn succeeds(args: &[&str]) -> String {
    let output = redcode(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
    assert!(stderr.is_empty(), "{args:?}: {stderr}");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// Every subcommand a user can type, from the same definitions the binary parses.
fn subcommands() -> Vec<String> {
    let names: Vec<String> = Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_owned())
        .collect();
    assert!(names.len() >= 10, "{names:?}");
    names
}

#[test]
fn every_shell_gets_a_script_naming_every_command() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = succeeds(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: {script}");
        assert!(script.contains("redcode"), "{shell}");
        for name in subcommands() {
            assert!(script.contains(&name), "{shell}: `{name}` missing");
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let output = redcode(&["completions", "cmd.exe"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("possible values"), "{stderr}");
}

#[test]
fn the_bash_script_parses_in_bash() {
    // Fails, saying why, where bash cannot be had: a check that cannot run is not a pass.
    tools::require(&BASH);
    let dir = common::tempdir();
    let file = dir.path().join("redcode.bash");
    std::fs::write(&file, succeeds(&["completions", "bash"])).unwrap();
    let check = Command::new("bash").arg("-n").arg(&file).output().unwrap();
    assert!(
        check.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    // Loaded for real, it registers the completion function for `redcode`.
    let loaded = Command::new("bash")
        .arg("-c")
        .arg(format!("source {} && complete -p redcode", file.display()))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&loaded.stdout);
    assert!(
        loaded.status.success() && said.contains("redcode"),
        "{said}{}",
        String::from_utf8_lossy(&loaded.stderr)
    );
}

#[test]
fn the_man_page_is_roff_naming_every_command() {
    let page = succeeds(&["man"]);
    assert!(page.contains(".TH redcode 1"), "{page}");
    assert!(page.contains(".SH NAME\nredcode \\- audit"), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for name in subcommands() {
        assert!(
            page.contains(&format!("redcode\\-{name}(1)")),
            "`{name}` missing"
        );
    }
}

#[test]
fn man_out_dir_writes_a_page_per_command() {
    let dir = common::tempdir();
    let pages = dir.path().join("man1");
    let out = succeeds(&["man", "--out-dir", pages.to_str().unwrap()]);
    assert!(out.is_empty(), "{out}");
    let read = |name: &str| std::fs::read_to_string(pages.join(name)).unwrap_or_default();
    assert!(read("redcode.1").contains(".TH redcode 1"));
    for name in subcommands() {
        let page = read(&format!("redcode-{name}.1"));
        assert!(
            page.contains(&format!(".TH redcode-{name} 1")),
            "{name}:\n{page}"
        );
    }
}

#[test]
fn man_out_dir_that_cannot_be_made_is_a_clear_error() {
    let dir = common::tempdir();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let inside = file.join("man1");
    let output = redcode(&["man", "--out-dir", inside.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!("error: cannot write {}: ", inside.display())),
        "{stderr}"
    );
    assert!(!Path::new(&inside).exists());
}

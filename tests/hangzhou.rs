//! Hangzhou 2020, played through the console: the access log read off the Accesses screen
//! at 80×24, each access the check marks flagged through the flag dialog with the
//! categories and the chain the screen shows, the objectives answered from the screen,
//! the lawful epidemic uses left alone — full marks; and the careless auditor who flags
//! every access fails, told why each lawful one stood.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use redcode::audit::casefile::{FlagTarget, Given};
use redcode::audit::dialogs::FLAG_HEAD_ROWS;
use redcode::audit::{Action, Label, Screen};
use redcode::scenario::catalog::OfficialIx;
use redcode::scenario::model::{Category, ChainRole};
use redcode::tui::App;
use redcode::tui::keymap::Keymap;
use redcode::tui::theme::Theme;

use common::{answers, screen_rows};

fn app() -> App {
    let mut app = App::new(
        common::world("hangzhou-2020"),
        Keymap::default(),
        Theme::MONO,
        "tester".into(),
    );
    app.dispatch(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

fn draw(app: &App) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    screen_rows(terminal.backend().buffer())
}

/// The text after `label: ` on the screen's first row that has it, to the pane's border.
fn field(rows: &[String], label: &str) -> String {
    let tag = format!("{label}: ");
    let row = rows
        .iter()
        .find(|r| r.contains(&tag))
        .unwrap_or_else(|| panic!("no `{label}` on screen:\n{}", rows.join("\n")));
    let after = &row[row.find(&tag).unwrap() + tag.len()..];
    after.trim_end_matches(['│', ' ']).trim().to_owned()
}

/// The official the flag dialog lists under a name the screen shows.
fn official_named(app: &App, name: &str) -> OfficialIx {
    let world = &app.world;
    let i = world
        .scenario
        .officials
        .iter()
        .position(|o| o.name == name)
        .unwrap_or_else(|| panic!("no official is listed as {name}"));
    OfficialIx(i as u16)
}

/// The chain line in parts: `decided: A · carried it out: B`.
fn chain_of(line: &str) -> Vec<(ChainRole, String)> {
    line.split(" · ")
        .filter_map(|part| {
            ChainRole::ALL.iter().find_map(|&role| {
                let name = part.strip_prefix(&format!("{}: ", role.label()))?;
                Some((role, name.trim().to_owned()))
            })
        })
        .collect()
}

/// The categories a check's verdict names.
fn categories_of(verdict: &str) -> Vec<Category> {
    let mut out = Vec::new();
    for (words, category) in [
        ("beyond purpose", Category::BeyondPurpose),
        ("excessive", Category::ExcessiveCollection),
        ("beyond role", Category::OutsideAuthority),
    ] {
        if verdict.contains(words) {
            out.push(category);
        }
    }
    out
}

/// Moves the open flag dialog's cursor to a row and toggles it.
fn toggle_row(app: &mut App, row: usize) {
    let at = app.desk.flag_dialog().unwrap().row;
    let step = if row > at { Action::Down } else { Action::Up };
    for _ in 0..at.abs_diff(row) {
        app.dispatch(step.clone());
    }
    app.dispatch(Action::Toggle);
}

/// Sets the open dialog's categories and chain to these, as a player ticks and unticks.
fn fill_dialog(app: &mut App, categories: &[Category], chain: &[(ChainRole, OfficialIx)]) {
    let officials = app.world.scenario.officials.len();
    let offered = *app.desk.flag_dialog().unwrap().offered();
    // Tick the wanted ones first, so one always stays ticked, then untick the rest.
    for (i, c) in offered.iter().enumerate() {
        let on = app.desk.flag_dialog().unwrap().categories.contains(c);
        if categories.contains(c) && !on {
            toggle_row(app, 1 + i);
        }
    }
    for (i, c) in offered.iter().enumerate() {
        let on = app.desk.flag_dialog().unwrap().categories.contains(c);
        if !categories.contains(c) && on {
            toggle_row(app, 1 + i);
        }
    }
    for role in ChainRole::ALL {
        for o in 0..officials {
            let official = OfficialIx(o as u16);
            let on = app.desk.flag_dialog().unwrap().chain[role as usize].contains(&official);
            let wanted = chain.contains(&(role, official));
            if on != wanted {
                toggle_row(app, FLAG_HEAD_ROWS + role as usize * officials + o);
            }
        }
    }
}

/// What the careful auditor read off the Accesses screen and flagged.
struct Flagged {
    decided: Vec<String>,
    people_named: u64,
    categories: Vec<Category>,
}

/// Every access the check marks, flagged through the dialog from what the screen shows.
fn flag_what_the_screen_marks(app: &mut App) -> Flagged {
    app.dispatch(Action::Show(Screen::Operators));
    app.dispatch(Action::OpenAccesses);
    // From the operators screen the log shows one account; from elsewhere, every one.
    app.dispatch(Action::Show(Screen::Timeline));
    app.dispatch(Action::OpenAccesses);
    assert_eq!(app.desk.screen(), Screen::Accesses);
    let rows = app.desk.access_rows(&app.world).len();
    assert_eq!(rows, 7);
    let mut found = Flagged {
        decided: Vec::new(),
        people_named: 0,
        categories: Vec::new(),
    };
    for row in 0..rows {
        app.dispatch(Action::SelectRow(row));
        let screen = draw(app);
        let check = field(&screen, "Check");
        if !check.starts_with('⚠') {
            assert!(check.starts_with("within its purpose"), "{check}");
            continue;
        }
        let categories = categories_of(&check);
        assert!(!categories.is_empty(), "{check}");
        let chain: Vec<(ChainRole, OfficialIx)> = chain_of(&field(&screen, "Chain"))
            .into_iter()
            .map(|(role, name)| (role, official_named(app, &name)))
            .collect();
        for (role, o) in &chain {
            let id = app.world.official(*o).id.to_string();
            if *role == ChainRole::Decided && !found.decided.contains(&id) {
                found.decided.push(id);
            }
        }
        // A list's members are counted where the log lists it: "40 on the list …".
        let row_text = screen
            .iter()
            .find(|r| {
                r.contains(&format!(
                    "{} ",
                    app.world
                        .access(app.desk.selected_access(&app.world).unwrap())
                        .unwrap()
                        .0
                ))
            })
            .expect("the selected access's row");
        if let Some((before, _)) = row_text.split_once(" on the list ") {
            let n = before.rsplit(' ').next().unwrap().replace(',', "");
            found.people_named += n.parse::<u64>().expect("a count before the list");
        }
        app.dispatch(Action::OpenFlagDialog);
        let dialog = app.desk.flag_dialog().expect("the flag dialog opens");
        assert!(matches!(dialog.scopes[0], FlagTarget::Access(_)));
        fill_dialog(app, &categories, &chain);
        app.dispatch(Action::Confirm);
        found.categories.extend(categories);
    }
    found
}

#[test]
fn a_careful_auditor_reaches_full_marks_from_what_the_screens_show() {
    let mut app = app();
    app.dispatch(Action::SeekEnd);
    let found = flag_what_the_screen_marks(&mut app);
    assert_eq!(app.desk.case().flags.len(), 4);
    let mut decided = found.decided.clone();
    decided.sort();
    app.dispatch(Action::Answer {
        objective: "o-decided".into(),
        answer: Given::Officials(decided),
    });
    app.dispatch(Action::Answer {
        objective: "o-qingshan".into(),
        answer: Given::Number(found.people_named),
    });
    app.dispatch(answers::recommendations_for(&app.world, &found.categories));
    app.dispatch(Action::Submit);
    let grade = app.desk.grade().expect("graded").clone();
    assert_eq!(grade.label, Label::Complete, "{grade:#?}");
    assert_eq!(grade.score, grade.max_score);
    // Four findings, two objectives, three controls.
    assert_eq!(grade.max_score, 4 * 10 + 2 * 5 + 3 * 2);
    assert!(grade.wrongly_flagged_accesses.is_empty());
    assert!(
        grade.traps.iter().all(|t| t.left_alone()),
        "{:?}",
        grade.traps
    );
    // Nothing was opened but the access log: the debrief says so.
    assert_eq!(grade.data_opened.map(|d| d.people), Some(0));
    let debrief = draw(&app).join("\n");
    assert!(debrief.contains("Findings"), "{debrief}");
}

#[test]
fn flagging_every_access_is_unsafe_and_each_lawful_use_is_explained() {
    let mut app = app();
    app.dispatch(Action::SeekEnd);
    app.dispatch(Action::OpenAccesses);
    let rows = app.desk.access_rows(&app.world).len();
    for row in 0..rows {
        app.dispatch(Action::SelectRow(row));
        app.dispatch(Action::OpenFlagDialog);
        // The dialog opens on "beyond its purpose" with the account's holder ticked.
        app.dispatch(Action::Confirm);
    }
    app.dispatch(Action::Submit);
    let grade = app.desk.grade().unwrap();
    assert_eq!(grade.label, Label::Unsafe);
    let wrong: Vec<&str> = grade
        .wrongly_flagged_accesses
        .iter()
        .map(|w| w.access.as_str())
        .collect();
    assert_eq!(
        wrong,
        ["acc-0512-trace", "acc-0513-stats", "acc-0519-screening"]
    );
    assert!(
        grade.wrongly_flagged_accesses[1]
            .why_lawful
            .contains("test results alone")
    );
    // Without who decided, and with the excessive look-up miscategorised, nothing passes
    // but what the account's holder alone carried out... and none here is that.
    assert_eq!(grade.findings_passed(), 0, "{:#?}", grade.findings);
    let excessive = grade
        .findings
        .iter()
        .find(|f| f.id == "f-qingshan")
        .unwrap();
    assert!(
        excessive
            .reason
            .contains("under a category the records do not support"),
        "{}",
        excessive.reason
    );
}

#[test]
fn the_log_opens_narrowed_from_an_official_and_from_a_dossier() {
    let mut app = app();
    app.dispatch(Action::SeekEnd);
    let world = app.world.clone();
    // From the Operators screen: the data bureau's account alone.
    let fang = world.official_ix("fang-databureau").unwrap();
    app.dispatch(Action::Show(Screen::Operators));
    app.dispatch(Action::SelectRow(usize::from(fang)));
    app.dispatch(Action::OpenAccesses);
    assert_eq!(app.desk.screen(), Screen::Accesses);
    assert_eq!(app.desk.access_rows(&world), vec![4, 6]);
    let screen = draw(&app).join("\n");
    assert!(screen.contains("Access log: 方涛 Fang Tao (2)"), "{screen}");
    assert!(
        screen.contains("rating the health of buildings"),
        "{screen}"
    );
    // From a dossier: the accesses that read that person's records.
    let ma = world.roster.find("ma-case").unwrap();
    app.dispatch(Action::Show(Screen::People));
    let row = app
        .desk
        .people_rows()
        .iter()
        .position(|&p| p == ma)
        .unwrap();
    app.dispatch(Action::SelectRow(row));
    app.dispatch(Action::Open);
    assert_eq!(app.desk.screen(), Screen::Dossier);
    app.dispatch(Action::OpenAccesses);
    let rows = app.desk.access_rows(&world);
    assert_eq!(rows.len(), 1);
    let screen = draw(&app);
    assert_eq!(
        field(&screen, "Check").split(" (").next(),
        Some("within its purpose and the role")
    );
    // Enter reads the cited record, if any: this one cites none.
    app.dispatch(Action::Open);
    assert_eq!(app.desk.screen(), Screen::Accesses);
    assert!(
        app.desk.message().contains("cites no record"),
        "{}",
        app.desk.message()
    );
    // Opening her dossier counted her records as opened.
    app.dispatch(Action::Submit);
    let opened = app.desk.grade().unwrap().data_opened.unwrap();
    assert_eq!(opened.people, 1);
    assert!(opened.records >= 3, "{opened:?}");
    let mut text = String::new();
    for section in redcode::audit::desk::debrief_sections(&world, app.desk.grade().unwrap()) {
        for item in section.items {
            text.push_str(&item.text);
        }
    }
    assert!(
        text.contains("you opened the records of 1 person"),
        "{text}"
    );
}

#[test]
fn the_access_screen_at_80_by_24() {
    let mut app = app();
    app.dispatch(Action::SeekEnd);
    app.dispatch(Action::OpenAccesses);
    app.dispatch(Action::SelectRow(2));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    let rows = screen_rows(terminal.backend().buffer());
    let check = field(&rows, "Check");
    assert!(
        check.starts_with("⚠ beyond purpose, beyond role"),
        "{check}"
    );
    assert_eq!(
        field(&rows, "Chain"),
        "decided: 何建 He Jian · carried it out: 陆敏 Lu Min"
    );
    insta::assert_snapshot!("hangzhou-accesses-80x24", terminal.backend());

    // What does not fit below the check and the chain is reached by scrolling the pane.
    assert!(!rows.iter().any(|r| r.contains("Account: ")), "{rows:#?}");
    app.dispatch(Action::SwitchPane);
    for _ in 0..8 {
        app.dispatch(Action::Down);
    }
    let rows = draw(&app);
    assert!(field(&rows, "Account").contains("Lu Min"), "{rows:#?}");
    assert!(rows.iter().any(|r| r.contains("Cites: ")), "{rows:#?}");
}

/// The RON examples of the format doc's section on accesses parse as what they show.
#[test]
fn the_doc_s_access_examples_parse() {
    use redcode::scenario::model::{Event, Finding, Role};
    let doc = include_str!("../docs/scenario-format.md");
    let section = &doc[doc
        .find("## Access to personal records")
        .expect("the doc has the section")..];
    let blocks: Vec<&str> = section
        .split("```ron\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    assert_eq!(blocks.len(), 3);
    let role: Role = ron::from_str(blocks[0]).unwrap_or_else(|e| panic!("{e}\n{}", blocks[0]));
    assert_eq!(role.purposes.len(), 3);
    let event: Event = ron::from_str(blocks[1]).unwrap_or_else(|e| panic!("{e}\n{}", blocks[1]));
    assert!(matches!(
        event.what,
        redcode::scenario::model::EventKind::Access(_)
    ));
    let finding: Finding =
        ron::from_str(blocks[2]).unwrap_or_else(|e| panic!("{e}\n{}", blocks[2]));
    assert!(finding.entries.picks_accesses());
}

/// A key that sets `open_at_most` scores the auditor's own minimisation: each person's
/// records opened beyond it costs a point; without it the figure is shown, not scored.
#[test]
fn a_key_may_score_the_auditor_s_own_minimisation() {
    use redcode::open::open_loaded;
    use redcode::scenario::load::parse_str;
    let source = redcode::scenario::builtin::find("hangzhou-2020")
        .unwrap()
        .source;
    let strict = source.replace(
        "recommended: [\"ctl-purpose\"",
        "open_at_most: Some(1),\n        recommended: [\"ctl-purpose\"",
    );
    assert_ne!(strict, source);
    let loaded = parse_str("strict.ron", strict).unwrap();
    let world = open_loaded(loaded, None).unwrap().world;
    let mut desk = redcode::audit::Desk::new(&world);
    desk.update(&world, Action::SeekEnd);
    for id in ["ma-case", "dong-contact", "lin-contact"] {
        desk.update(&world, Action::Show(Screen::People));
        let person = world.roster.find(id).unwrap();
        let row = desk
            .people_rows()
            .iter()
            .position(|&p| p == person)
            .unwrap();
        desk.update(&world, Action::SelectRow(row));
        desk.update(&world, Action::Open);
        assert_eq!(desk.screen(), Screen::Dossier);
    }
    desk.update(&world, Action::Submit);
    let grade = desk.grade().unwrap();
    let opened = grade.data_opened.unwrap();
    assert_eq!(
        (opened.people, opened.limit, opened.penalty),
        (3, Some(1), 2)
    );
    let sections = redcode::audit::desk::debrief_sections(&world, grade);
    let said = &sections
        .iter()
        .find(|s| s.title == "Personal data you opened")
        .unwrap()
        .items[0]
        .text;
    assert!(
        said.contains("More than the 1 the case needed: 2 points lost"),
        "{said}"
    );
}

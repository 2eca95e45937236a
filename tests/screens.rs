//! Snapshots of every console screen and overlay at 80×24 and 160×48, and checks on what the
//! snapshots cannot show: badges in monochrome, CJK names aligned with ASCII ones.

mod common;

use common::{row_cells, screen_text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use ratatui::text::Span;
use redcode::audit::casefile::Given;
use redcode::audit::dialogs::FLAG_HEAD_ROWS;
use redcode::audit::{Action, Screen};
use redcode::scenario::Time;
use redcode::tui::App;
use redcode::tui::keymap::Keymap;
use redcode::tui::theme::Theme;

/// The smallest terminal the console supports, and a large one.
const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn app(scenario: &str, theme: Theme) -> App {
    App::new(
        common::world(scenario),
        Keymap::default(),
        theme,
        "tester".into(),
    )
}

fn at(text: &str) -> Time {
    Time::parse(text).unwrap()
}

fn official(app: &App, id: &str) -> usize {
    usize::from(app.world.official_ix(id).expect("official"))
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    terminal
}

/// Builds a fresh app for each size, tells it the size, drives it with `setup` and
/// snapshots the frame.
fn snap(scenario: &str, name: &str, setup: impl Fn(&mut App)) {
    for (width, height) in SIZES {
        let mut app = app(scenario, Theme::COLOUR);
        app.dispatch(Action::Resize { width, height });
        setup(&mut app);
        let terminal = draw(&app, width, height);
        insta::assert_snapshot!(format!("{name}-{width}x{height}"), terminal.backend());
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.dispatch(Action::Type(c));
    }
}

/// 13 June, noon: the batches of 11 and 12 June have run; the 13 June ones have too.
fn midway(app: &mut App) {
    app.dispatch(Action::SeekTo(at("2022-06-13 12:00")));
}

/// Lin Xiu's dossier at noon on 13 June, on her latest change (the 12 June batch).
fn lin_xiu_dossier(app: &mut App) {
    midway(app);
    lin_xiu_dossier_at_the_clock(app);
}

fn lin_xiu_dossier_at_the_clock(app: &mut App) {
    app.dispatch(Action::Show(Screen::People));
    app.dispatch(Action::StartSearch);
    type_text(app, "lin xiu");
    app.dispatch(Action::Confirm);
    app.dispatch(Action::Open);
    assert_eq!(app.desk.screen(), Screen::Dossier);
}

/// The flag dialog on Lin Xiu's batch entry, scoped to the batch, both deciders ticked.
fn flag_dialog_filled(app: &mut App) {
    lin_xiu_dossier(app);
    app.dispatch(Action::CheckSelected);
    app.dispatch(Action::OpenFlagDialog);
    app.dispatch(Action::Toggle);
    for id in ["feng-jianguo", "lu-xiaoming"] {
        // The "decided" rows come first after the scope and categories.
        let row = FLAG_HEAD_ROWS + official(app, id);
        to_dialog_row(app, row);
        app.dispatch(Action::Toggle);
    }
    to_dialog_row(app, 0);
}

/// Walks the flag dialog's selection to a row, as the arrow keys do.
fn to_dialog_row(app: &mut App, row: usize) {
    let at = app.desk.flag_dialog().unwrap().row;
    let step = if row > at { Action::Down } else { Action::Up };
    for _ in 0..at.abs_diff(row) {
        app.dispatch(step.clone());
    }
}

/// A case file with a flag, three answers (one wrong) and a note.
fn case_in_progress(app: &mut App) {
    flag_dialog_filled(app);
    app.dispatch(Action::Confirm);
    app.dispatch(Action::SeekEnd);
    for (objective, answer) in [
        ("o-count", Given::Number(1317)),
        ("o-first-account", Given::Official("chen-yuting".into())),
        ("o-decided", Given::Officials(vec!["feng-jianguo".into()])),
    ] {
        app.dispatch(Action::Answer {
            objective: objective.into(),
            answer,
        });
    }
    app.dispatch(Action::Show(Screen::CaseFile));
    app.dispatch(Action::StartNote);
    type_text(
        app,
        "Lin Xiu came by train from Shanghai: no border crossing.",
    );
    app.dispatch(Action::Confirm);
}

#[test]
fn briefing() {
    snap("zhengzhou-2022", "briefing", |_| {});
}

#[test]
fn timeline() {
    snap("zhengzhou-2022", "timeline", |app| {
        midway(app);
        app.dispatch(Action::Show(Screen::Timeline));
    });
}

#[test]
fn people() {
    snap("zhengzhou-2022", "people", |app| {
        midway(app);
        app.dispatch(Action::Show(Screen::People));
    });
}

#[test]
fn people_filtered_red() {
    snap("zhengzhou-2022", "people-red-depositors", |app| {
        midway(app);
        app.dispatch(Action::Show(Screen::People));
        for _ in 0..3 {
            app.dispatch(Action::CycleColourFilter);
        }
        app.dispatch(Action::CycleTagFilter);
        app.dispatch(Action::Down);
    });
}

#[test]
fn search_field_open() {
    snap("zhengzhou-2022", "people-search-typing", |app| {
        midway(app);
        app.dispatch(Action::Show(Screen::People));
        app.dispatch(Action::StartSearch);
        type_text(app, "lin xiu");
    });
}

#[test]
fn dossier() {
    snap("zhengzhou-2022", "dossier", lin_xiu_dossier);
}

#[test]
fn trace() {
    snap("zhengzhou-2022", "trace", |app| {
        lin_xiu_dossier(app);
        app.dispatch(Action::TraceSelected);
        assert_eq!(app.desk.screen(), Screen::Trace);
    });
}

#[test]
fn check() {
    snap("zhengzhou-2022", "check", |app| {
        lin_xiu_dossier(app);
        app.dispatch(Action::CheckSelected);
        assert_eq!(app.desk.screen(), Screen::Check);
    });
}

#[test]
fn operators() {
    snap("zhengzhou-2022", "operators", |app| {
        midway(app);
        app.dispatch(Action::Show(Screen::Operators));
        let chen = official(app, "chen-yuting");
        app.dispatch(Action::SelectRow(chen));
    });
}

#[test]
fn documents() {
    snap("zhengzhou-2022", "documents", |app| {
        midway(app);
        app.dispatch(Action::Show(Screen::Documents));
        app.dispatch(Action::Down);
    });
}

#[test]
fn document_open() {
    snap("zhengzhou-2022", "document-reading", |app| {
        app.dispatch(Action::SeekEnd);
        lin_xiu_dossier_at_the_clock(app);
        app.dispatch(Action::TraceSelected);
        let directive = app
            .desk
            .trace()
            .unwrap()
            .links
            .iter()
            .position(|l| l.id == "doc-instruction")
            .expect("the trace links the directive");
        app.dispatch(Action::SelectRow(directive));
        app.dispatch(Action::Open);
        assert_eq!(
            app.desk.screen(),
            Screen::Documents,
            "{}",
            app.desk.message()
        );
        assert!(app.desk.document_open().is_some());
        app.dispatch(Action::Down);
    });
}

#[test]
fn compare() {
    snap("zhengzhou-2022", "compare", |app| {
        lin_xiu_dossier(app);
        app.dispatch(Action::MarkCompare);
        app.dispatch(Action::Show(Screen::People));
        app.dispatch(Action::StartSearch);
        for _ in 0.."lin xiu".len() {
            app.dispatch(Action::Erase);
        }
        type_text(app, "zhou bin");
        app.dispatch(Action::Confirm);
        app.dispatch(Action::MarkCompare);
        assert_eq!(app.desk.screen(), Screen::Compare);
    });
}

#[test]
fn overview() {
    snap("zhengzhou-2022", "overview", |app| {
        midway(app);
        app.dispatch(Action::Show(Screen::Overview));
    });
}

#[test]
fn case_file() {
    snap("zhengzhou-2022", "case-file", case_in_progress);
}

#[test]
fn debrief() {
    snap("zhengzhou-2022", "debrief", |app| {
        case_in_progress(app);
        app.dispatch(Action::Submit);
        assert_eq!(app.desk.screen(), Screen::Debrief);
    });
}

#[test]
fn help_overlay() {
    snap("zhengzhou-2022", "help", |app| {
        midway(app);
        app.dispatch(Action::Show(Screen::People));
        app.dispatch(Action::ToggleHelp);
    });
}

#[test]
fn flag_dialog() {
    snap("zhengzhou-2022", "flag-dialog", flag_dialog_filled);
}

#[test]
fn answer_picker_officials() {
    snap("zhengzhou-2022", "picker-officials", |app| {
        midway(app);
        app.dispatch(Action::Show(Screen::CaseFile));
        app.dispatch(Action::SelectRow(2));
        app.dispatch(Action::Open);
        app.dispatch(Action::Toggle);
        app.dispatch(Action::Down);
    });
}

#[test]
fn answer_picker_person() {
    snap("zhengzhou-2022", "picker-person", |app| {
        midway(app);
        app.dispatch(Action::Show(Screen::CaseFile));
        app.dispatch(Action::SelectRow(5));
        app.dispatch(Action::Open);
        type_text(app, "he y");
    });
}

#[test]
fn seek_field_open() {
    snap("zhengzhou-2022", "timeline-seek-typing", |app| {
        app.dispatch(Action::Show(Screen::Timeline));
        app.dispatch(Action::StartSeek);
        for _ in 0..5 {
            app.dispatch(Action::Erase);
        }
        type_text(app, "12:");
    });
}

#[test]
fn tutorial_briefing() {
    snap("tutorial", "tutorial-briefing", |_| {});
}

#[test]
fn tutorial_people_at_the_end() {
    snap("tutorial", "tutorial-people", |app| {
        app.dispatch(Action::SeekEnd);
        app.dispatch(Action::Show(Screen::People));
    });
}

#[test]
fn empty_screens_say_what_to_do() {
    for screen in [
        Screen::Dossier,
        Screen::Trace,
        Screen::Compare,
        Screen::Check,
        Screen::Debrief,
    ] {
        snap(
            "tutorial",
            &format!("tutorial-empty-{}", screen.title().to_lowercase()),
            |app| app.dispatch(Action::Show(screen)),
        );
    }
}

#[test]
fn too_small_a_terminal_is_told_so() {
    for (width, height) in [(60, 20), (79, 24)] {
        let app = app("tutorial", Theme::COLOUR);
        let terminal = draw(&app, width, height);
        insta::assert_snapshot!(format!("too-small-{width}x{height}"), terminal.backend());
        let text = screen_text(terminal.backend().buffer());
        assert!(text.contains("at least 80×24"), "{text}");
        assert!(text.contains(&format!("{width}×{height}")), "{text}");
    }
}

#[test]
fn welcome() {
    for (width, height) in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| redcode::tui::views::welcome(f, "Red codes for depositors"))
            .unwrap();
        insta::assert_snapshot!(format!("welcome-{width}x{height}"), terminal.backend());
        let buffer = terminal.backend().buffer();
        // The three choices keep their indentation: keys line up in one column.
        let keys: Vec<(u16, u16)> = ["t   the tutorial", "⏎   Red codes", "q   quit"]
            .iter()
            .map(|s| locate(buffer, s).unwrap_or_else(|| panic!("{s} is shown")))
            .collect();
        let text_x = locate(buffer, "Welcome to redcode").unwrap().0;
        assert!(keys.iter().all(|&(x, _)| x == keys[0].0), "{keys:?}");
        assert!(keys[0].0 > text_x, "the choices are indented");
    }
}

// ---- What a snapshot of text cannot show -------------------------------------------------

/// The column and row where `needle` starts on screen.
fn locate(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    (0..buffer.area.height).find_map(|y| {
        let cells = row_cells(buffer, y);
        let mut text = String::new();
        let mut columns = Vec::new();
        for (x, symbol) in &cells {
            for _ in symbol.chars() {
                columns.push(*x);
            }
            text.push_str(symbol);
        }
        let at = text.find(needle)?;
        Some((columns[text[..at].chars().count()], y))
    })
}

#[test]
fn monochrome_keeps_the_glyph_and_letter_of_every_colour() {
    let mut app = app("zhengzhou-2022", Theme::MONO);
    midway(&mut app);
    app.dispatch(Action::Show(Screen::People));
    // Cycle the colour filter through green, yellow and red: each list shows its badge.
    for badge in ["● G", "▲ Y", "■ R"] {
        app.dispatch(Action::CycleColourFilter);
        assert!(!app.desk.people_rows().is_empty(), "someone is {badge}");
        let terminal = draw(&app, 80, 24);
        let buffer = terminal.backend().buffer();
        let (x, y) = locate(buffer, "code  name").expect("the table header");
        let first = row_cells(buffer, y + 1);
        let cell: String = first
            .iter()
            .skip_while(|(cx, _)| *cx < x)
            .take(3)
            .map(|(_, s)| s.as_str())
            .collect();
        assert_eq!(cell, badge);
        // No colour anywhere on the screen: the badge alone carries the meaning.
        for cell in buffer.content() {
            assert!(
                matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
                "a monochrome cell has a colour: {cell:?}"
            );
        }
    }
    // The colour theme draws the same badges, in colour.
    let mut app = crate::app("zhengzhou-2022", Theme::COLOUR);
    midway(&mut app);
    app.dispatch(Action::Show(Screen::People));
    let terminal = draw(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let (x, y) = locate(buffer, "● G").expect("a green badge");
    assert_ne!(buffer[(x, y)].fg, Color::Reset);
}

/// The text of row `y` from column `x` on, `len` symbols long.
fn text_at(buffer: &Buffer, x: u16, y: u16, len: usize) -> String {
    row_cells(buffer, y)
        .into_iter()
        .skip_while(|(cx, _)| *cx < x)
        .take(len)
        .map(|(_, s)| s)
        .collect()
}

#[test]
fn cjk_names_stay_aligned_with_ascii_names() {
    for (width, height) in SIZES {
        let mut app = app("zhengzhou-2022", Theme::MONO);
        app.dispatch(Action::Resize { width, height });
        app.dispatch(Action::Show(Screen::People));
        // Far enough down that the named residents and the first crowd share the page.
        app.dispatch(Action::SelectRow(20));
        let terminal = draw(&app, width, height);
        let buffer = terminal.backend().buffer();
        let (name_x, header_y) = locate(buffer, "code  name")
            .map(|(x, y)| (x + 6, y))
            .unwrap();
        let (id_x, _) = locate(buffer, " id ").map(|(x, y)| (x + 1, y)).unwrap();
        let (tags_x, _) = locate(buffer, "tags").unwrap();
        let list = app.list_area.borrow().expect("the list was drawn");
        assert_eq!(list.area.y, header_y + 1, "rows start under the header");
        let (mut cjk, mut ascii, mut longest_id) = (0, 0, 0);
        for row in 0..list.area.height {
            let Some(&person) = app.desk.people_rows().get(list.offset + usize::from(row)) else {
                break;
            };
            let record = &app.world.roster.people[person.ix()];
            let y = list.area.y + row;
            let name_len = record.name.chars().count();
            assert_eq!(
                text_at(buffer, name_x, y, name_len),
                record.name,
                "{} starts under the name header",
                record.name
            );
            let id_len = record.id.chars().count();
            assert_eq!(
                text_at(buffer, id_x, y, id_len + 1),
                format!("{} ", record.id),
                "the whole id {} stands under the id header",
                record.id
            );
            let tag = row_cells(buffer, y)
                .into_iter()
                .find(|(cx, s)| *cx >= tags_x && s != " ")
                .map(|(cx, _)| cx);
            assert_eq!(tag, Some(tags_x), "the tags of {} line up", record.name);
            if !record.name.is_ascii() {
                cjk += 1;
            } else {
                ascii += 1;
            }
            longest_id = longest_id.max(id_len);
        }
        assert!(
            cjk > 0 && ascii > 0,
            "both kinds of name on screen: {cjk} and {ascii}"
        );
        assert!(
            longest_id >= "lin-xiu".len(),
            "a generated id and a named one share the column"
        );
    }
}

#[test]
fn an_overlay_is_not_broken_by_a_wide_character_under_its_edge() {
    // Find a terminal width at which the flag dialog's left edge falls on the second half
    // of a CJK character on the check screen (the stated reason is in Chinese).
    let height = 30;
    let mut app = app("zhengzhou-2022", Theme::MONO);
    lin_xiu_dossier(&mut app);
    app.dispatch(Action::CheckSelected);
    let dialog_left = |width: u16| (width - 100) / 2;
    let width = (102..=160)
        .find(|&width| {
            let terminal = draw(&app, width, height);
            let buffer = terminal.backend().buffer();
            let x = dialog_left(width) - 1;
            (2..height - 2).any(|y| Span::raw(buffer[(x, y)].symbol()).width() == 2)
        })
        .expect("some width puts a CJK character under the dialog's edge");
    app.dispatch(Action::OpenFlagDialog);
    let terminal = draw(&app, width, height);
    let buffer = terminal.backend().buffer();
    let (left, top) = locate(buffer, "┌ Flag").expect("the dialog");
    assert_eq!(left, dialog_left(width));
    let bottom = (top..buffer.area.height)
        .find(|&y| buffer[(left, y)].symbol() == "└")
        .expect("the dialog's bottom corner");
    for y in top + 1..bottom {
        let visible = row_cells(buffer, y);
        assert!(
            visible.iter().any(|(x, s)| *x == left && s == "│"),
            "the dialog's left border shows on row {y}: {}",
            visible.iter().map(|(_, s)| s.as_str()).collect::<String>()
        );
    }
    insta::assert_snapshot!("flag-dialog-over-cjk", terminal.backend());
}

#[test]
fn the_header_and_footer_fit_every_screen() {
    let help_texts: Vec<String> = Keymap::default()
        .bindings
        .iter()
        .map(|b| b.help.clone())
        .collect();
    let mut screens = Screen::TABS.to_vec();
    screens.extend([Screen::Check, Screen::Debrief]);
    for (width, height) in [(80, 24), (100, 30), (160, 48)] {
        for &screen in &screens {
            let mut app = app("zhengzhou-2022", Theme::MONO);
            app.dispatch(Action::Resize { width, height });
            lin_xiu_dossier(&mut app);
            app.dispatch(Action::CheckSelected);
            app.dispatch(Action::Show(screen));
            let terminal = draw(&app, width, height);
            let text = screen_text(terminal.backend().buffer());
            let rows: Vec<&str> = text.lines().collect();
            // The header: the title, then at least two spaces, then the whole clock.
            let header = rows[0];
            let clock = header.find("2022-06-13 12:00").expect("the clock shows");
            let before = header[..clock].trim_end_matches("clock ");
            assert!(before.ends_with("  "), "{header}");
            let title = before.trim_end().rsplit("│ ").next().unwrap();
            let full = app.world.scenario.title.as_str();
            if width >= 160 {
                assert_eq!(title, full, "the title is whole: {header}");
            } else {
                let kept = title.strip_suffix('…').unwrap_or_else(|| {
                    panic!("at {width} columns the title is visibly cut: {header}")
                });
                assert!(
                    kept.len() > 10 && full.starts_with(kept),
                    "the title is cut, not changed: {header}"
                );
            }
            // The footer: the help key always, and the last hint whole.
            let keys = rows[rows.len() - 1];
            assert!(keys.contains("help: every key"), "{screen:?}: {keys}");
            assert!(
                help_texts
                    .iter()
                    .any(|h| keys.trim_end().ends_with(h.as_str())),
                "{screen:?} at {width}: the last hint is cut: {keys}"
            );
        }
    }
}

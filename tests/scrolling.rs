//! At 80×24 every pane that can overflow scrolls, through Actions, and says what lies
//! above and below: the dossier's records, Compare's two columns, an official's batches,
//! the briefing and the debrief, and the replay viewer's keys.

use std::sync::OnceLock;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use redcode::audit::desk::{DOSSIER_RECORDS, OPERATORS_ACCOUNT};
use redcode::audit::{Action, Screen};
use redcode::engine::World;
use redcode::open::open;
use redcode::scenario::Time;
use redcode::tui::App;
use redcode::tui::keymap::Keymap;
use redcode::tui::theme::Theme;

const WIDTH: u16 = 80;
const HEIGHT: u16 = 24;

fn zhengzhou() -> World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD
        .get_or_init(|| open(Some("zhengzhou-2022"), None).expect("opens").world)
        .clone()
}

/// The console at 80×24 on the Zhengzhou case.
fn app() -> App {
    let mut app = App::new(zhengzhou(), Keymap::default(), Theme::MONO, "tester".into());
    app.dispatch(Action::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    app
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    terminal
}

/// The frame's text, a string per row.
fn rows(app: &App) -> Vec<String> {
    columns(app, 0..WIDTH)
}

/// The frame's text between two columns, a string per row.
fn columns(app: &App, xs: std::ops::Range<u16>) -> Vec<String> {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| xs.clone().map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

fn screen_text(app: &App) -> String {
    rows(app).join("\n")
}

fn at(text: &str) -> Time {
    Time::parse(text).unwrap()
}

fn find_person(app: &mut App, name: &str) {
    app.dispatch(Action::Show(Screen::People));
    app.dispatch(Action::ClearFilters);
    app.dispatch(Action::StartSearch);
    for c in name.chars() {
        app.dispatch(Action::Type(c));
    }
    app.dispatch(Action::Confirm);
}

/// Lin Xiu's dossier at a moment.
fn lin_xiu_at(app: &mut App, time: &str) {
    app.dispatch(Action::SeekTo(at(time)));
    find_person(app, "lin xiu");
    app.dispatch(Action::Open);
    assert_eq!(app.desk.screen(), Screen::Dossier);
}

/// Lin Xiu and her companion Zhou Bin side by side at a moment.
fn compare_lin_xiu_and_zhou_bin(app: &mut App, time: &str) {
    app.dispatch(Action::SeekTo(at(time)));
    find_person(app, "lin xiu");
    app.dispatch(Action::MarkCompare);
    find_person(app, "zhou bin");
    app.dispatch(Action::MarkCompare);
    assert_eq!(app.desk.screen(), Screen::Compare);
}

#[test]
fn the_dossier_scrolls_its_records_down_to_the_scans() {
    let mut app = app();
    lin_xiu_at(&mut app, "2022-06-13 12:00");
    let before = screen_text(&app);
    assert!(!before.contains("scan:"), "{before}");
    assert!(before.contains("more below ↓"), "{before}");
    // The arrows move the code history until the focus goes to the records.
    app.dispatch(Action::SwitchPane);
    assert_eq!(app.desk.focused_pane(Screen::Dossier), DOSSIER_RECORDS);
    app.dispatch(Action::PageDown);
    let after = screen_text(&app);
    assert!(after.contains("scan:"), "{after}");
    assert!(!after.contains("more below"), "{after}");
    insta::assert_snapshot!("dossier-records-scrolled-80x24", draw(&app).backend());
    // No further than the last record.
    let last = app
        .desk
        .pane_last(&app.world, Screen::Dossier, DOSSIER_RECORDS);
    for _ in 0..50 {
        app.dispatch(Action::Down);
    }
    assert_eq!(app.desk.pane_scroll(Screen::Dossier, DOSSIER_RECORDS), last);
    app.dispatch(Action::Up);
    assert_eq!(
        app.desk.pane_scroll(Screen::Dossier, DOSSIER_RECORDS),
        last - 1
    );
}

#[test]
fn compare_scrolls_each_column_to_its_code_history() {
    let mut app = app();
    compare_lin_xiu_and_zhou_bin(&mut app, "2022-06-14 12:00");
    let before = screen_text(&app);
    assert!(!before.contains("Code history"), "{before}");
    assert!(before.contains("more below ↓"), "{before}");
    app.dispatch(Action::SwitchPane);
    assert_eq!(app.desk.focused_pane(Screen::Compare), 1);
    app.dispatch(Action::Last);
    // The companion's code history: no change, she stayed green.
    let right = columns(&app, WIDTH / 2..WIDTH).join("\n");
    assert!(right.contains("no change: green throughout"), "{right}");
    // The depositor's: her batch turned her red, which the first screen did not show.
    app.dispatch(Action::SwitchPane);
    assert_eq!(app.desk.focused_pane(Screen::Compare), 0);
    app.dispatch(Action::Last);
    let left = columns(&app, 0..WIDTH / 2).join("\n");
    assert!(left.contains("Code history"), "{left}");
    assert!(
        left.lines()
            .any(|r| r.contains("#") && r.contains("■ R") && r.contains("batch")),
        "{left}"
    );
    insta::assert_snapshot!("compare-both-scrolled-80x24", draw(&app).backend());
}

#[test]
fn an_officials_batches_scroll_into_view() {
    let mut app = app();
    app.dispatch(Action::SeekTo(at("2022-06-14 12:00")));
    app.dispatch(Action::Show(Screen::Operators));
    let chen = app.world.official_ix("chen-yuting").expect("official").ix();
    app.dispatch(Action::SelectRow(chen));
    let before = screen_text(&app);
    assert!(!before.contains("batch b-"), "{before}");
    app.dispatch(Action::SwitchPane);
    assert_eq!(app.desk.focused_pane(Screen::Operators), OPERATORS_ACCOUNT);
    app.dispatch(Action::Last);
    let after = screen_text(&app);
    assert!(after.contains("batch b-0612-a"), "{after}");
    insta::assert_snapshot!("operators-batches-scrolled-80x24", draw(&app).backend());
    // Another official's account starts at its top.
    app.dispatch(Action::SwitchPane);
    app.dispatch(Action::Down);
    assert_eq!(
        app.desk.pane_scroll(Screen::Operators, OPERATORS_ACCOUNT),
        0
    );
}

#[test]
fn the_briefing_stops_at_its_end_and_never_shows_a_blank_panel() {
    let mut app = app();
    for _ in 0..20 {
        app.dispatch(Action::PageDown);
    }
    let rows = rows(&app);
    let text = rows.join("\n");
    assert!(text.contains("Start with n"), "{text}");
    assert!(!text.contains("more below"), "{text}");
    // The panel is not left blank: most of its rows have text.
    let filled = rows[3..21]
        .iter()
        .filter(|r| r.trim_matches(['│', ' ']).chars().count() > 1)
        .count();
    assert!(filled >= 14, "{filled} rows of text\n{text}");
    // One press back moves it: nothing was scrolled past the end.
    let last = app.desk.pane_last(&app.world, Screen::Briefing, 0);
    assert_eq!(app.desk.pane_scroll(Screen::Briefing, 0), last);
    app.dispatch(Action::PageUp);
    assert!(screen_text(&app).contains("more below ↓"));
}

#[test]
fn the_debrief_scrolls_to_its_end_and_no_further() {
    let mut app = app();
    app.dispatch(Action::SeekEnd);
    app.dispatch(Action::Show(Screen::CaseFile));
    app.dispatch(Action::Submit);
    assert_eq!(app.desk.screen(), Screen::Debrief);
    assert!(screen_text(&app).contains("more below ↓"));
    for _ in 0..30 {
        app.dispatch(Action::PageDown);
    }
    let text = screen_text(&app);
    let key = app.world.scenario.answer_key.as_ref().expect("a key");
    let last_prompt = key.debrief.last().expect("prompts");
    let start: String = last_prompt.chars().take(20).collect();
    assert!(text.contains(&start), "{text}");
    assert!(!text.contains("more below"), "{text}");
    insta::assert_snapshot!("debrief-end-80x24", draw(&app).backend());
    let last = app.desk.pane_last(&app.world, Screen::Debrief, 0);
    assert_eq!(app.desk.pane_scroll(Screen::Debrief, 0), last);
    app.dispatch(Action::Up);
    assert!(screen_text(&app).contains("more below ↓"));
}

#[test]
fn a_screen_of_one_pane_says_so_when_asked_to_switch() {
    let mut app = app();
    app.dispatch(Action::Show(Screen::Timeline));
    app.dispatch(Action::SwitchPane);
    assert_eq!(app.desk.focused_pane(Screen::Timeline), 0);
    assert!(app.desk.message().contains("one pane"));
}

#[test]
fn the_help_and_the_pane_name_the_key_that_moves_the_focus() {
    let mut app = app();
    lin_xiu_at(&mut app, "2022-06-13 12:00");
    // The records' border says which key scrolls them while the code history has the focus.
    let text = screen_text(&app);
    assert!(text.contains("more; → scrolls)"), "{text}");
    app.dispatch(Action::ToggleHelp);
    let mut seen = false;
    for _ in 0..5 {
        seen |= screen_text(&app).contains("other pane");
        app.dispatch(Action::PageDown);
    }
    assert!(seen, "no help page names it");
}

#[test]
fn a_document_read_past_its_end_still_shows_its_last_lines() {
    let mut app = app();
    app.dispatch(Action::SeekEnd);
    app.dispatch(Action::Show(Screen::Documents));
    app.dispatch(Action::Open);
    assert!(app.desk.document_open().is_some());
    for _ in 0..50 {
        app.dispatch(Action::PageDown);
    }
    // The reading panel is the right-hand part of the body.
    let panel = columns(&app, 42..WIDTH);
    let filled = panel[3..21]
        .iter()
        .filter(|r| r.trim_matches(['│', ' ']).chars().count() > 1)
        .count();
    assert!(filled >= 6, "{}", panel.join("\n"));
    assert!(!panel.join("\n").contains("more below"));
}

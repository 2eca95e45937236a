//! Drawing: the frame's chrome (header, tabs, footer, help), the dialogs, and one module per
//! screen, named as `Screen` names them.
//! Views read the desk and the world; they never change the desk.

mod accesses;
mod batch;
mod briefing;
mod case_file;
mod check;
mod chrome;
mod compare;
mod debrief;
mod dialogs;
mod documents;
mod dossier;
mod operators;
mod overview;
mod people;
mod scroll;
mod table;
mod timeline;
mod trace;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

use crate::audit::Screen;

use super::Welcome;
use super::app::App;
use super::command::descriptions;
use super::keymap::{Keymap, Spelling};
use super::texts::texts;

/// The smallest terminal the console draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Columns a text takes on screen (CJK characters take two).
pub(crate) fn width(text: &str) -> usize {
    text.width()
}

/// A count with its thousands grouped by commas, as the record writes them: "1,317".
pub(crate) fn grouped(n: usize) -> String {
    crate::scenario::text::thousands(n as u64)
}

/// `text` cut to at most `columns` columns, ending in an ellipsis when something was cut,
/// so a cut never passes for the whole.
pub(crate) fn fit(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_owned();
    }
    if columns == 0 {
        return String::new();
    }
    let (kept, _) = text.unicode_truncate(columns - 1);
    format!("{kept}…")
}

/// The last `columns` columns of `text`, after an ellipsis when the start is cut, so the
/// end of a growing text stays in sight.
pub(crate) fn tail(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_owned();
    }
    let (kept, _) = text.unicode_truncate_start(columns.saturating_sub(1));
    format!("…{kept}")
}

/// Word-wraps `text` to `columns`, the first line after `first` and the others indented
/// under it (a hanging indent), so wrapped items still read as items. Lines break where
/// Unicode allows, so Chinese and Japanese text without spaces wraps too.
pub(crate) fn hanging<'a>(first: Vec<Span<'a>>, text: &str, columns: usize) -> Vec<Line<'a>> {
    let indent = first.iter().map(|s| width(&s.content)).sum::<usize>();
    let room = columns.saturating_sub(indent).max(10);
    // First fit, not the optimal fit: lines fill as a reader expects, greedily.
    let options = textwrap::Options::new(room).wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    let mut chunks = textwrap::wrap(text, options);
    if chunks.is_empty() {
        chunks.push("".into());
    }
    let mut first = Some(first);
    chunks
        .into_iter()
        .map(|chunk| match first.take() {
            Some(mut spans) => {
                spans.push(Span::raw(chunk.into_owned()));
                Line::from(spans)
            }
            None => Line::from(format!("{}{chunk}", " ".repeat(indent))),
        })
        .collect()
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    app.list_area.replace(None);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = vec![
            Line::from("redcode needs a terminal of at least 80×24."),
            Line::from(format!(
                "This one is {}×{}: make it larger, or press q to quit.",
                area.width, area.height
            )),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let [header, tabs, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(2),
    ])
    .areas(area);
    chrome::header(frame, header, app);
    chrome::tabs(frame, tabs, app);
    draw_screen(frame, body, app);
    chrome::footer(frame, footer, app);
    if app.desk.help_open() {
        chrome::help(frame, area, app);
    }
    if app.desk.flag_dialog().is_some() {
        dialogs::flag_dialog(frame, area, app);
    }
    if app.desk.picker().is_some() {
        dialogs::picker(frame, area, app);
    }
    if app.desk.question().is_some() {
        dialogs::question(frame, area, app);
    }
    // Under an overlay the list cannot be seen, so it cannot be clicked.
    if app.desk.help_open() || app.desk.dialog_open() {
        app.list_area.replace(None);
    }
}

fn draw_screen(frame: &mut Frame, area: Rect, app: &App) {
    match app.desk.screen() {
        Screen::Briefing => briefing::briefing(frame, area, app),
        Screen::Timeline => timeline::timeline(frame, area, app),
        Screen::People => people::people(frame, area, app),
        Screen::Dossier => dossier::dossier(frame, area, app),
        Screen::Trace => trace::trace(frame, area, app),
        Screen::Operators => operators::operators(frame, area, app),
        Screen::Documents => documents::documents(frame, area, app),
        Screen::Compare => compare::compare(frame, area, app),
        Screen::Check => check::check(frame, area, app),
        Screen::Overview => overview::overview(frame, area, app),
        Screen::CaseFile => case_file::case_file(frame, area, app),
        Screen::Debrief => debrief::debrief(frame, area, app),
        Screen::Batch => batch::batch(frame, area, app),
        Screen::Accesses => accesses::accesses(frame, area, app),
    }
}

/// The first-run welcome with the default keys.
pub fn welcome(frame: &mut Frame, main_title: &str) {
    welcome_with(frame, main_title, &Keymap::default());
}

/// The first-run welcome: the tutorial or the main scenario, with the keymap's welcome
/// keys. Its choices keep their indentation, so the keys stand in one column.
pub fn welcome_with(frame: &mut Frame, main_title: &str, keymap: &Keymap) {
    let box_area = chrome::centered(frame.area(), 64, 12);
    frame.render_widget(Clear, box_area);
    let key = Style::new().add_modifier(Modifier::BOLD);
    let words = &texts().welcome;
    let mut lines = vec![
        Line::from(Span::styled(words.title.as_str(), key)),
        Line::from(""),
        Line::from(words.intro.as_str()),
        Line::from(""),
    ];
    for (name, choice) in keymap.welcome_choices() {
        let what = match choice {
            Welcome::Main => main_title.to_owned(),
            other => descriptions()
                .welcome
                .get(&other)
                .cloned()
                .unwrap_or_default(),
        };
        let shown = Spelling::Symbol.spell(&name);
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(shown, key),
            Span::raw("   "),
            Span::raw(what),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines)
            // Not trimmed: trimming would strip the choices' indentation.
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::ALL).title(" redcode ")),
        box_area,
    );
}

/// The welcome's question for the player's (or team's) name, with what has been typed.
pub fn name_prompt(frame: &mut Frame, typed: &str) {
    let box_area = chrome::centered(frame.area(), 64, 10);
    frame.render_widget(Clear, box_area);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let words = &texts().welcome;
    let room = usize::from(box_area.width.saturating_sub(6));
    let lines = vec![
        Line::from(Span::styled(words.title.as_str(), bold)),
        Line::from(""),
        Line::from(words.name.as_str()),
        Line::from(""),
        Line::from(vec![
            Span::raw("  "),
            Span::styled(tail(typed, room), bold),
            Span::raw("█"),
        ]),
        Line::from(""),
        Line::from(words.name_keys.as_str()),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::ALL).title(" redcode ")),
        box_area,
    );
}

/// The briefing, shown from the parsed scenario while its world is still being opened: a
/// large city takes a second or more to simulate, and the player reads meanwhile.
pub fn opening(frame: &mut Frame, title: &str, briefing: &str) {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines = vec![
        Line::from(Span::styled(title.to_owned(), bold)),
        Line::from(Span::styled(
            texts().welcome.opening.as_str(),
            Style::new().add_modifier(Modifier::DIM),
        )),
        Line::from(""),
    ];
    lines.extend(briefing.lines().map(|l| Line::from(l.to_owned())));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::ALL).title(" Briefing ")),
        frame.area(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn chinese_text_without_spaces_wraps_within_its_columns() {
        let text = "郑州村镇银行储户到郑州后被赋红码这是滥用健康码的典型案例";
        let lines = hanging(vec![Span::raw("- ")], text, 22);
        let rows = texts(&lines);
        assert!(rows.len() > 1, "{rows:?}");
        assert!(rows.iter().all(|r| width(r) <= 22), "{rows:?}");
        assert!(rows[1..].iter().all(|r| r.starts_with("  ")), "{rows:?}");
        let joined: String = rows
            .iter()
            .map(|r| r.trim_start_matches(['-', ' ']))
            .collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn words_wrap_greedily_under_a_hanging_indent() {
        let lines = hanging(
            vec![Span::raw("1. ")],
            "who decided, who passed the instruction on",
            20,
        );
        assert_eq!(
            texts(&lines),
            ["1. who decided, who", "   passed the", "   instruction on"]
        );
        assert_eq!(texts(&hanging(vec![Span::raw("> ")], "", 20)), ["> "]);
    }

    #[test]
    fn cuts_end_in_an_ellipsis_and_keep_wide_characters_whole() {
        assert_eq!(fit("abcdef", 6), "abcdef");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("郑州银行", 6), "郑州…");
        assert_eq!(fit("郑州银行", 5), "郑州…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(tail("abcdef", 4), "…def");
        assert_eq!(tail("郑州银行", 5), "…银行");
    }

    #[test]
    fn counts_group_their_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(871), "871");
        assert_eq!(grouped(1317), "1,317");
        assert_eq!(grouped(200000), "200,000");
        assert_eq!(grouped(1234567), "1,234,567");
    }
}

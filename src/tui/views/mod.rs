//! Drawing: the frame's chrome (header, tabs, footer, help), the dialogs, and one module per
//! screen, named as `Screen` names them.
//! Views read the desk and the world; they never change the desk.

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
mod table;
mod timeline;
mod trace;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::audit::Screen;

use super::app::App;

/// The smallest terminal the console draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Columns a text takes on screen (CJK characters take two).
pub(crate) fn width(text: &str) -> usize {
    text.width()
}

/// `text` cut to at most `columns` columns, ending in an ellipsis when something was cut,
/// so a cut never passes for the whole.
pub(crate) fn fit(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > columns {
            break;
        }
        out.push(c);
        used += w;
    }
    if columns > 0 {
        out.push('…');
    }
    out
}

/// Word-wraps `text` to `columns`, the first line after `first` and the others indented
/// under it (a hanging indent), so wrapped items still read as items.
pub(crate) fn hanging<'a>(first: Vec<Span<'a>>, text: &str, columns: usize) -> Vec<Line<'a>> {
    let indent = first.iter().map(|s| width(&s.content)).sum::<usize>();
    let room = columns.saturating_sub(indent).max(10);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if width(&candidate) <= room || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_owned()));
        }
    }
    lines.push(current);
    let mut first = Some(first);
    lines
        .into_iter()
        .map(|chunk| match first.take() {
            Some(mut spans) => {
                spans.push(Span::raw(chunk));
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
    // Under an overlay the list cannot be seen, so it cannot be clicked.
    if app.desk.help_open() || app.desk.flag_dialog().is_some() || app.desk.picker().is_some() {
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
    }
}

/// The first-run welcome: the tutorial or the main scenario. Its choices keep their
/// indentation, so the keys stand in one column.
pub fn welcome(frame: &mut Frame, main_title: &str) {
    let box_area = chrome::centered(frame.area(), 64, 12);
    frame.render_widget(Clear, box_area);
    let key = Style::new().add_modifier(Modifier::BOLD);
    let choice = |k: &'static str, what: String| {
        Line::from(vec![
            Span::raw("  "),
            Span::styled(k, key),
            Span::raw("   "),
            Span::raw(what),
        ])
    };
    let lines = vec![
        Line::from(Span::styled("Welcome to redcode.", key)),
        Line::from(""),
        Line::from("You audit a city's health-code system: who turned whom red, and why."),
        Line::from(""),
        choice("t", "the tutorial: ten minutes in a small town".to_owned()),
        choice("⏎", main_title.to_owned()),
        choice("q", "quit".to_owned()),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            // Not trimmed: trimming would strip the choices' indentation.
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::ALL).title(" redcode ")),
        box_area,
    );
}

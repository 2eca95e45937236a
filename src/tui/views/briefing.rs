//! The briefing screen: who the player is, the mandate, the objectives.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use crate::audit::Screen;

use super::super::app::App;
use super::hanging;
use super::scroll::{TextPane, text_pane};

/// The briefing screen, scrolled as text: an item per line of the scenario's briefing,
/// as the desk counts them.
pub fn briefing(frame: &mut Frame, area: Rect, app: &App) {
    let s = &app.world.scenario;
    let mut items: Vec<Vec<Line>> = vec![
        vec![Line::from(Span::styled(
            s.title.to_string(),
            app.theme.title(),
        ))],
        vec![Line::from(Span::styled(
            format!("{} to {}", s.start, s.end),
            app.theme.dim(),
        ))],
        vec![Line::from("")],
    ];
    // List items ("  1. …", "  • …", "- …") wrap under their own text, not under the marker.
    let columns = usize::from(area.width.saturating_sub(2));
    for l in s.briefing.lines() {
        items.push(match list_marker(l) {
            Some(marker) => hanging(
                vec![Span::raw(l[..marker].to_owned())],
                &l[marker..],
                columns,
            ),
            None => vec![Line::from(l.to_owned())],
        });
    }
    if let Some(key) = &s.answer_key {
        items.push(vec![Line::from("")]);
        items.push(vec![Line::from(Span::styled(
            "Objectives",
            app.theme.title(),
        ))]);
        for (i, o) in key.objectives.iter().enumerate() {
            items.push(hanging(
                vec![Span::raw(format!("{}. ", i + 1))],
                &o.question,
                columns,
            ));
        }
    }
    let messages = app.desk.inject_messages(&app.world);
    if !messages.is_empty() {
        items.push(vec![Line::from("")]);
        items.push(vec![Line::from(Span::styled(
            "Messages released to you",
            app.theme.title(),
        ))]);
        for m in messages {
            items.push(hanging(
                vec![Span::styled(format!("{}: ", m.title), app.theme.accent())],
                m.text,
                columns,
            ));
        }
    }
    items.push(vec![Line::from("")]);
    items.push(vec![Line::from(Span::styled(
        "Start with n (next code change) or 3 (people). ? lists every key.",
        app.theme.accent(),
    ))]);
    text_pane(
        frame,
        area,
        app,
        TextPane {
            screen: Screen::Briefing,
            pane: 0,
            block: Block::default().borders(Borders::ALL).title(" Briefing "),
            head: Vec::new(),
            items,
        },
    );
}

/// Where the text of a list item starts, after its indentation and marker, if the line is
/// one.
fn list_marker(line: &str) -> Option<usize> {
    let text = line.trim_start();
    let indent = line.len() - text.len();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let marker = if digits > 0 && text[digits..].starts_with(". ") {
        digits + 2
    } else if text.starts_with("• ") {
        "• ".len()
    } else if text.starts_with("- ") {
        2
    } else {
        return None;
    };
    Some(indent + marker)
}

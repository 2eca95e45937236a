//! The briefing screen: who the player is, the mandate, the objectives.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::audit::Screen;

use super::super::app::App;
use super::hanging;

/// The briefing screen, scrolled as text.
pub fn briefing(frame: &mut Frame, area: Rect, app: &App) {
    let s = &app.world.scenario;
    let mut lines = vec![
        Line::from(Span::styled(s.title.to_string(), app.theme.title())),
        Line::from(Span::styled(
            format!("{} to {}", s.start, s.end),
            app.theme.dim(),
        )),
        Line::from(""),
    ];
    // List items ("  1. …", "  • …", "- …") wrap under their own text, not under the marker.
    let columns = usize::from(area.width.saturating_sub(2));
    for l in s.briefing.lines() {
        match list_marker(l) {
            Some(marker) => lines.extend(hanging(
                vec![Span::raw(l[..marker].to_owned())],
                &l[marker..],
                columns,
            )),
            None => lines.push(Line::from(l.to_owned())),
        }
    }
    if let Some(key) = &s.answer_key {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Objectives", app.theme.title())));
        for (i, o) in key.objectives.iter().enumerate() {
            lines.extend(hanging(
                vec![Span::raw(format!("{}. ", i + 1))],
                &o.question,
                columns,
            ));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Start with n (next code change) or 3 (people). ? lists every key.",
        app.theme.accent(),
    )));
    let paragraph = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::default().borders(Borders::ALL).title(" Briefing "));
    // Never scrolled past its last line into an empty panel: the count includes the
    // borders, as the area's height does.
    let last_page = paragraph
        .line_count(area.width.saturating_sub(2))
        .saturating_sub(usize::from(area.height));
    let scroll = app.desk.selected(Screen::Briefing).min(last_page);
    frame.render_widget(
        paragraph.scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
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

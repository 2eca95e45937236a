//! The check screen: a manual entry's stated reason held against the records.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::super::app::App;
use super::super::theme::badge;

/// The check screen: the stated reason against each record it cites.
pub fn check(frame: &mut Frame, area: Rect, app: &App) {
    let world = &app.world;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Justification check ");
    let Some(entry) = app.desk.check_entry() else {
        frame.render_widget(
            Paragraph::new("Select a manual code change and press x.").block(block),
            area,
        );
        return;
    };
    let Some(e) = world.ledger.get(entry) else {
        return;
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("Entry #{entry} "), app.theme.title()),
        Span::raw(format!("{} {}: ", e.at, world.person_name(e.person))),
        Span::styled(badge(e.to), app.theme.code(e.to)),
        Span::raw(format!("  {}", world.describe_cause(entry))),
    ])];
    if let Some(a) = world.assignment_of(entry) {
        lines.push(Line::from(format!(
            "Justification entered: {}",
            a.justification
        )));
    }
    lines.push(Line::from(""));
    match world.justification_check(entry) {
        Some(check) => {
            lines.push(Line::from(vec![
                Span::styled("Stated reason: ", app.theme.title()),
                Span::raw(check.reason.clone()),
            ]));
            lines.push(Line::from(vec![
                Span::styled("It requires: ", app.theme.title()),
                Span::raw(check.requires.clone()),
            ]));
            lines.push(Line::from(Span::styled(
                "The records show:",
                app.theme.title(),
            )));
            for record in &check.records {
                lines.push(Line::from(format!("  • {record}")));
            }
            lines.push(Line::from(""));
            lines.push(if check.holds {
                Line::from(Span::styled(
                    "✓ AGREES: the records bear the reason out.",
                    app.theme.good(),
                ))
            } else {
                Line::from(Span::styled(
                    "✗ DISCREPANCY: the records do not show what the reason requires.",
                    app.theme.bad(),
                ))
            });
        }
        None => lines.push(Line::from(
            "This change was made by a rule, not by hand: its evidence is in the trace.",
        )),
    }
    if let Some(permission) = world.permission_check(entry) {
        lines.push(Line::from(""));
        if permission.allowed {
            lines.push(Line::from(Span::styled(
                "✓ The operator's role allowed this change.",
                app.theme.good(),
            )));
        } else {
            lines.push(Line::from(Span::styled(
                "✗ The operator's role did not allow this change:",
                app.theme.bad(),
            )));
            for problem in &permission.problems {
                lines.push(Line::from(format!("  • {problem}")));
            }
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

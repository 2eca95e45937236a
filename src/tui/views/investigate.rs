//! The auditor's instruments: the trace of a colour and the check of a stated reason.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Wrap};

use crate::audit::Screen;
use crate::engine::query::LinkKind;

use super::super::app::App;
use super::super::theme::badge;
use super::fit;
use super::lists::{TableSpec, virtual_table};

fn kind_word(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Entry => "entry",
        LinkKind::Rule => "rule",
        LinkKind::Evidence => "evidence",
        LinkKind::Operator => "operator",
        LinkKind::Role => "role",
        LinkKind::Batch => "batch",
        LinkKind::Directive => "directive",
        LinkKind::Basis => "basis",
        LinkKind::Official => "official",
        LinkKind::Order => "order",
        LinkKind::Check => "check",
        LinkKind::Permission => "permission",
    }
}

pub fn trace(frame: &mut Frame, area: Rect, app: &App) {
    let Some(trace) = app.desk.trace() else {
        frame.render_widget(
            Paragraph::new("Nothing traced yet. Select a person or a code change and press t.")
                .block(Block::default().borders(Borders::ALL).title(" Trace ")),
            area,
        );
        return;
    };
    let [head, list, detail] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(4),
    ])
    .areas(area);
    let heading = Line::from(vec![
        Span::styled(trace.name.clone(), app.theme.title()),
        Span::raw(format!(" ({}) at {}: ", trace.person, trace.at)),
        Span::styled(badge(trace.colour), app.theme.code(trace.colour)),
        Span::raw(format!(" {} in the {}", trace.colour.name(), trace.system)),
    ]);
    let sub = if trace.links.is_empty() {
        "No code change on record: green since the start."
    } else {
        "Each line links to its record: select it and press enter."
    };
    frame.render_widget(
        Paragraph::new(vec![
            heading,
            Line::from(Span::styled(sub, app.theme.dim())),
        ])
        .block(Block::default().borders(Borders::TOP)),
        head,
    );
    let record_width = usize::from(list.width.saturating_sub(2 + 11 + 1));
    let spec = TableSpec {
        screen: Screen::Trace,
        title: " The chain behind the colour ".to_owned(),
        header: Row::new(["link", "record"]),
        widths: &[Constraint::Length(11), Constraint::Min(10)],
        len: trace.links.len(),
    };
    virtual_table(frame, list, app, spec, |i| {
        let link = &trace.links[i];
        Row::new([
            Cell::from(kind_word(link.kind)),
            Cell::from(Span::styled(
                fit(&link.text, record_width),
                link_style(app, link.kind, &link.text),
            )),
        ])
    });
    // The selected link in full: the table cuts long records to one line.
    let selected = app.desk.selected(Screen::Trace);
    if let Some(link) = trace.links.get(selected) {
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                link.text.clone(),
                link_style(app, link.kind, &link.text),
            )))
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::TOP).title(format!(
                " {} {} of {} ",
                kind_word(link.kind),
                selected + 1,
                trace.links.len()
            ))),
            detail,
        );
    }
}

fn link_style(app: &App, kind: LinkKind, text: &str) -> Style {
    match kind {
        LinkKind::Check | LinkKind::Permission if text.contains("not") => app.theme.bad(),
        LinkKind::Entry => app.theme.title(),
        _ => Style::new(),
    }
}

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

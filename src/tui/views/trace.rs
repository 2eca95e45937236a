//! The trace screen: the chain behind a colour, one link per row.

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
use super::table::{TableSpec, virtual_table};

fn kind_word(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Entry => "entry",
        LinkKind::Rule => "rule",
        LinkKind::Evidence => "evidence",
        LinkKind::Operator => "account",
        LinkKind::Role => "role",
        LinkKind::Batch => "batch",
        LinkKind::Directive => "directive",
        LinkKind::Basis => "basis",
        LinkKind::Official => "official",
        LinkKind::Order => "instruction",
        LinkKind::Check => "check",
        LinkKind::Permission => "permission",
        LinkKind::NotYet => "not yet",
    }
}

/// The trace screen: the traced change above its links.
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
    let mut heading = vec![
        Span::styled(trace.name.clone(), app.theme.title()),
        Span::raw(format!(" ({}) at {}: ", trace.person, trace.at)),
        Span::styled(badge(trace.colour), app.theme.code(trace.colour)),
        Span::raw(format!(" {} in the {}", trace.colour.name(), trace.system)),
    ];
    // The codes in the other systems, each named.
    for code in trace.codes.iter().filter(|c| c.system != trace.system) {
        heading.push(Span::raw("; "));
        heading.push(Span::styled(
            badge(code.colour),
            app.theme.code(code.colour),
        ));
        heading.push(Span::raw(format!(
            " {} in the {}",
            code.colour.name(),
            code.system
        )));
    }
    let heading = Line::from(heading);
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
            Cell::from(kind_word(link.kind())),
            Cell::from(Span::styled(
                fit(&link.text, record_width),
                link_style(app, link.kind(), &link.text),
            )),
        ])
    });
    // The selected link in full: the table cuts long records to one line.
    let selected = app.desk.selected(Screen::Trace);
    if let Some(link) = trace.links.get(selected) {
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                link.text.clone(),
                link_style(app, link.kind(), &link.text),
            )))
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::TOP).title(format!(
                " {} {} of {} ",
                kind_word(link.kind()),
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

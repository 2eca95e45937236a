//! The overview screen: colour counts over time, up to the clock.

use crate::scenario::text::counted;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Row, Table};

use crate::engine::ledger::HourCount;
use crate::scenario::model::Colour;

use super::super::app::App;
use super::super::theme::badge;

/// Colour counts at the clock in each code system that has changed anyone's colour.
fn systems_line(frame: &mut Frame, area: Rect, app: &App) {
    let world = &app.world;
    let counts = world.counts_by_system(app.desk.clock());
    let mut spans = vec![Span::styled(" By system: ", app.theme.title())];
    let mut untouched = 0;
    for (system, [green, yellow, red]) in world.scenario.systems.iter().zip(&counts) {
        if *yellow == 0 && *red == 0 {
            untouched += 1;
            continue;
        }
        spans.push(Span::raw(format!("{} ", system.name)));
        for (colour, n) in [
            (Colour::Green, green),
            (Colour::Yellow, yellow),
            (Colour::Red, red),
        ] {
            spans.push(Span::styled(
                format!("{} {n} ", badge(colour)),
                app.theme.code(colour),
            ));
        }
        spans.push(Span::raw(" "));
    }
    if untouched > 0 {
        spans.push(Span::styled(
            format!("{untouched} other systems: everyone green"),
            app.theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The overview: the chart, the counts by system, and the changes by account.
pub fn overview(frame: &mut Frame, area: Rect, app: &App) {
    let world = &app.world;
    let clock = app.desk.clock();
    let hourly: Vec<_> = world
        .ledger
        .hourly()
        .iter()
        .filter(|h| h.hour <= clock)
        .collect();
    let [chart_area, systems_area, table_area] = Layout::vertical([
        Constraint::Min(7),
        Constraint::Length(1),
        Constraint::Length(9),
    ])
    .areas(area);
    systems_line(frame, systems_area, app);
    chart(frame, chart_area, app, &hourly);
    accounts(frame, table_area, app, &hourly);
}

/// People red and yellow, hour by hour, up to the clock.
fn chart(frame: &mut Frame, chart_area: Rect, app: &App, hourly: &[&HourCount]) {
    let clock = app.desk.clock();
    let red: Vec<(f64, f64)> = hourly
        .iter()
        .enumerate()
        .map(|(i, h)| (i as f64, f64::from(h.red)))
        .collect();
    let yellow: Vec<(f64, f64)> = hourly
        .iter()
        .enumerate()
        .map(|(i, h)| (i as f64, f64::from(h.yellow)))
        .collect();
    let max = hourly
        .iter()
        .map(|h| h.red.max(h.yellow))
        .max()
        .unwrap_or(0)
        .max(1);
    let (red_style, yellow_style) = if app.theme.colour {
        (
            ratatui::style::Style::new().fg(Color::LightRed),
            ratatui::style::Style::new().fg(Color::Yellow),
        )
    } else {
        (ratatui::style::Style::new(), ratatui::style::Style::new())
    };
    let datasets = vec![
        Dataset::default()
            .name("■ R red")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(red_style)
            .data(&red),
        Dataset::default()
            .name("▲ Y yellow")
            .marker(if app.theme.colour {
                Marker::Braille
            } else {
                Marker::Dot
            })
            .graph_type(GraphType::Line)
            .style(yellow_style)
            .data(&yellow),
    ];
    // Month, day and hour: the year is in the title, and a long first label would push the
    // chart right.
    let label = |h: Option<&&HourCount>| {
        h.map(|h| h.hour.to_string()[5..].to_owned())
            .unwrap_or_default()
    };
    let first = label(hourly.first());
    let last = label(hourly.last());
    let chart = Chart::new(datasets)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(" People red and yellow, hour by hour, to {clock} ")),
        )
        .x_axis(
            Axis::default()
                .bounds([0.0, hourly.len().max(2) as f64 - 1.0])
                .labels(vec![Line::from(first), Line::from(last)])
                .labels_alignment(Alignment::Right),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, f64::from(max)])
                .labels(vec![Line::from("0"), Line::from(max.to_string())]),
        );
    frame.render_widget(chart, chart_area);
}

/// Manual changes by account up to the clock, with the rules' changes and today's counts.
fn accounts(frame: &mut Frame, table_area: Rect, app: &App, hourly: &[&HourCount]) {
    let world = &app.world;
    let clock = app.desk.clock();
    let mut rows: Vec<Row> = Vec::new();
    for op in world.ledger.officials_who_changed_codes() {
        let official = world.official(op);
        let counts = world.manual_counts_by(op, clock);
        // Undoing a batch is not a change made for a reason: it is counted apart.
        let reversals = world.reversals_by(op, clock);
        rows.push(Row::new(vec![
            official.name.to_string(),
            official.account.as_deref().unwrap_or("—").to_owned(),
            counts[Colour::Red as usize].to_string(),
            counts[Colour::Yellow as usize].to_string(),
            counts[Colour::Green as usize].to_string(),
            reversals.to_string(),
        ]));
    }
    let rules = world.rule_changes_until(clock);
    rows.push(Row::new(vec![
        "(rules)".to_owned(),
        "automatic".to_owned(),
        String::new(),
        String::new(),
        counted(rules, "change", "changes"),
        String::new(),
    ]));
    let now = hourly
        .last()
        .map(|h| (h.green, h.yellow, h.red))
        .unwrap_or((world.person_count() as u32, 0, 0));
    let counts = format!(
        " Manual changes by account · now {} {} / {} {} / {} {} ",
        badge(Colour::Green),
        now.0,
        badge(Colour::Yellow),
        now.1,
        badge(Colour::Red),
        now.2,
    );
    let full = format!("{counts}in the {} ", world.scenario.systems[0].name);
    let title = if super::width(&full) + 2 <= usize::from(table_area.width) {
        full
    } else {
        counts
    };
    let table = Table::new(
        rows,
        [
            Constraint::Length(18),
            Constraint::Length(12),
            Constraint::Length(7),
            Constraint::Length(8),
            Constraint::Length(12),
            Constraint::Min(8),
        ],
    )
    .header(
        Row::new([
            " by operator",
            "account",
            badge(Colour::Red),
            badge(Colour::Yellow),
            badge(Colour::Green),
            "reversals",
        ])
        .style(app.theme.title()),
    )
    .block(Block::default().borders(Borders::ALL).title(title));
    frame.render_widget(table, table_area);
}

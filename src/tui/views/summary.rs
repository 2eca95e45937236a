//! Whole-case screens: the briefing, the overview chart, the case file and the debrief.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Row, Table, Wrap,
};

use crate::audit::Screen;
use crate::audit::score::describe_given;
use crate::scenario::model::Colour;

use super::super::app::App;
use super::super::theme::badge;
use super::lists::{TableSpec, virtual_table};
use super::{fit, hanging};

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
    let scroll = app.desk.selected(Screen::Briefing) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(Block::default().borders(Borders::ALL).title(" Briefing ")),
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

/// Colour counts at the clock in each code system that has changed anyone's colour.
fn systems_line(frame: &mut Frame, area: Rect, app: &App) {
    let world = &app.world;
    let counts = world.counts_by_system(app.desk.clock);
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

pub fn overview(frame: &mut Frame, area: Rect, app: &App) {
    let world = &app.world;
    let clock = app.desk.clock;
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
    let label = |h: Option<&&crate::engine::ledger::HourCount>| {
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

    let mut rows: Vec<Row> = Vec::new();
    for op in world.ledger.operators() {
        let official = world.official(op);
        let counts = world.manual_counts_by(op, clock);
        rows.push(Row::new(vec![
            official.name.to_string(),
            official.account.as_deref().unwrap_or("—").to_owned(),
            counts[Colour::Red as usize].to_string(),
            counts[Colour::Yellow as usize].to_string(),
            counts[Colour::Green as usize].to_string(),
        ]));
    }
    let rules = world.rule_changes_until(clock);
    rows.push(Row::new(vec![
        "(rules)".to_owned(),
        "automatic".to_owned(),
        String::new(),
        String::new(),
        rules.to_string() + " changes",
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
        ])
        .style(app.theme.title()),
    )
    .block(Block::default().borders(Borders::ALL).title(title));
    frame.render_widget(table, table_area);
}

pub fn case_file(frame: &mut Frame, area: Rect, app: &App) {
    let world = &app.world;
    let desk = &app.desk;
    let objectives: Vec<_> = world
        .scenario
        .answer_key
        .iter()
        .flat_map(|k| k.objectives.iter())
        .collect();
    let flags = &desk.case.flags;
    let notes = &desk.case.notes;
    let title = if desk.submitted() {
        " Case file — submitted ".to_owned()
    } else {
        format!(
            " Case file — {} objectives, {} flags, {} notes · S submits ",
            objectives.len(),
            flags.len(),
            notes.len()
        )
    };
    // Each row in full: its tag, the item, and the detail.
    let texts = |i: usize| -> (String, String, String) {
        if let Some(o) = objectives.get(i) {
            let answer = desk
                .case
                .answers
                .get(o.id.as_str())
                .map_or("— not answered (enter)".to_owned(), |g| {
                    format!("answer: {}", describe_given(world, g))
                });
            let hint = if desk.case.hint_taken(&o.id) {
                format!("  hint: {}", o.hint)
            } else {
                String::new()
            };
            return (
                format!("Q{}", i + 1),
                o.question.to_string(),
                format!("{answer}{hint}"),
            );
        }
        let i = i - objectives.len();
        if let Some(f) = flags.get(i) {
            let names = |ids: &[String]| {
                let names: Vec<String> = ids
                    .iter()
                    .map(|id| {
                        world
                            .official_ix(id)
                            .map_or(id.clone(), |o| world.official(o).name.to_string())
                    })
                    .collect();
                if names.is_empty() {
                    "—".to_owned()
                } else {
                    names.join(", ")
                }
            };
            return (
                "flag".to_owned(),
                format!("{} — {}", f.describe(world), f.category.label()),
                format!(
                    "executed: {} · ordered: {}",
                    names(&f.executed_by),
                    names(&f.ordered_by)
                ),
            );
        }
        let i = i - flags.len();
        (
            "note".to_owned(),
            notes.get(i).cloned().unwrap_or_default(),
            String::new(),
        )
    };
    let len = objectives.len() + flags.len() + notes.len();
    let [list, detail_area] =
        Layout::vertical([Constraint::Min(5), Constraint::Length(5)]).areas(area);
    let inner = usize::from(list.width.saturating_sub(2));
    let item_width = (inner.saturating_sub(5 + 2)) * 55 / 100;
    let detail_width = inner.saturating_sub(5 + item_width + 2);
    let widths = [
        Constraint::Length(5),
        Constraint::Length(item_width as u16),
        Constraint::Min(10),
    ];
    let spec = TableSpec {
        screen: Screen::CaseFile,
        title,
        header: Row::new(["", "item", "detail"]),
        widths: &widths,
        len,
    };
    virtual_table(frame, list, app, spec, |i| {
        let (tag, item, detail) = texts(i);
        Row::new([tag, fit(&item, item_width), fit(&detail, detail_width)])
    });
    // The selected row in full, since the table cuts long questions and answers.
    let selected = desk.selected(Screen::CaseFile);
    if selected < len {
        let (tag, item, detail) = texts(selected);
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{tag}  "), app.theme.title()),
            Span::raw(item),
        ])];
        if !detail.is_empty() {
            lines.push(Line::from(detail));
        }
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::default().borders(Borders::TOP).title(" Selected ")),
            detail_area,
        );
    }
}

pub fn debrief(frame: &mut Frame, area: Rect, app: &App) {
    let world = &app.world;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Debrief — w writes it as Markdown ");
    let Some(grade) = &app.desk.grade else {
        frame.render_widget(
            Paragraph::new("Submit the case file (S) to see the debrief.").block(block),
            area,
        );
        return;
    };
    let label_style = match grade.label {
        crate::audit::Label::Complete => app.theme.good(),
        crate::audit::Label::Partial => app.theme.accent(),
        crate::audit::Label::Unsafe => app.theme.bad(),
    };
    // Wrapped items keep a hanging indent, so each still reads as one item.
    let columns = usize::from(area.width.saturating_sub(2));
    let mut lines = hanging(
        vec![Span::styled(
            format!("Result: {} ", grade.label.word().to_uppercase()),
            label_style,
        )],
        &format!("— {}", grade.summary()),
        columns,
    );
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Findings", app.theme.title())));
    for f in &grade.findings {
        let (mark, style) = if f.passed {
            ("✓ PASS", app.theme.good())
        } else {
            ("✗ FAIL", app.theme.bad())
        };
        lines.extend(hanging(
            vec![Span::styled(format!("{mark} "), style)],
            &f.title,
            columns,
        ));
        lines.extend(
            hanging(
                vec![Span::raw("       ")],
                &format!("{}.", f.reason),
                columns,
            )
            .into_iter()
            .map(|l| l.style(app.theme.dim())),
        );
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Objectives", app.theme.title())));
    for o in &grade.objectives {
        let (mark, style) = if o.correct {
            ("✓", app.theme.good())
        } else {
            ("✗", app.theme.bad())
        };
        let given = o.given.clone().unwrap_or_else(|| "no answer".to_owned());
        lines.extend(hanging(
            vec![Span::styled(format!("{mark} "), style)],
            &format!(
                "{} — you: {given}; records: {}{}",
                o.question,
                o.expected,
                if o.hint_taken { " (hint)" } else { "" }
            ),
            columns,
        ));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Lawful entries you flagged as abuse",
        app.theme.title(),
    )));
    if grade.wrongly_flagged.is_empty() {
        lines.push(Line::from("None."));
    }
    for w in &grade.wrongly_flagged {
        lines.extend(
            hanging(
                vec![Span::raw("  ")],
                &format!("#{} {} — {}: {}", w.entry, w.person, w.set, w.why_lawful),
                columns,
            )
            .into_iter()
            .map(|l| l.style(app.theme.bad())),
        );
    }
    if let Some(key) = &world.scenario.answer_key {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            "The chain of decision",
            app.theme.title(),
        )));
        for l in &key.chain {
            lines.extend(hanging(vec![Span::raw("  ")], l, columns));
        }
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            "For discussion",
            app.theme.title(),
        )));
        for l in &key.debrief {
            lines.extend(hanging(vec![Span::raw("  • ")], l, columns));
        }
    }
    let scroll = app.desk.selected(Screen::Debrief) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(block),
        area,
    );
}

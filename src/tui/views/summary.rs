//! Whole-case screens: the briefing, the overview chart, the case file and the debrief.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Row, Table, Wrap,
};

use crate::audit::Screen;
use crate::audit::score::describe_given;
use crate::engine::Cause;
use crate::scenario::model::Colour;

use super::super::app::App;
use super::super::theme::badge;
use super::lists::{TableSpec, virtual_table};

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
    lines.extend(s.briefing.lines().map(|l| Line::from(l.to_owned())));
    if let Some(key) = &s.answer_key {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Objectives", app.theme.title())));
        for (i, o) in key.objectives.iter().enumerate() {
            lines.push(Line::from(format!("{}. {}", i + 1, o.question)));
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

pub fn overview(frame: &mut Frame, area: Rect, app: &App) {
    let world = &app.world;
    let clock = app.desk.clock;
    let hourly: Vec<_> = world
        .ledger
        .hourly()
        .iter()
        .filter(|h| h.hour <= clock)
        .collect();
    let [chart_area, table_area] =
        Layout::vertical([Constraint::Min(8), Constraint::Length(9)]).areas(area);
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
    let first = hourly
        .first()
        .map(|h| h.hour.to_string())
        .unwrap_or_default();
    let last = hourly
        .last()
        .map(|h| h.hour.to_string())
        .unwrap_or_default();
    let chart = Chart::new(datasets)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(" People red and yellow, hour by hour, to {clock} ")),
        )
        .x_axis(
            Axis::default()
                .bounds([0.0, hourly.len().max(2) as f64 - 1.0])
                .labels(vec![Line::from(first), Line::from(last)]),
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
        let mut counts = [0u32; 3];
        for &id in world.ledger.by_operator(op) {
            if let Some(e) = world
                .ledger
                .get(id)
                .filter(|e| e.at <= clock && matches!(e.cause, Cause::Manual { .. }))
            {
                counts[e.to as usize] += 1;
            }
        }
        rows.push(Row::new(vec![
            official.name.to_string(),
            official.account.as_deref().unwrap_or("—").to_owned(),
            counts[Colour::Red as usize].to_string(),
            counts[Colour::Yellow as usize].to_string(),
            counts[Colour::Green as usize].to_string(),
        ]));
    }
    let rules: u32 = world
        .ledger
        .entries()
        .iter()
        .take_while(|e| e.at <= clock)
        .filter(|e| matches!(e.cause, Cause::Rule { .. }))
        .count() as u32;
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
    .block(Block::default().borders(Borders::ALL).title(format!(
        " Manual changes by account · now {} {} / {} {} / {} {} in the {} ",
        badge(Colour::Green),
        now.0,
        badge(Colour::Yellow),
        now.1,
        badge(Colour::Red),
        now.2,
        world.scenario.systems[0].name
    )));
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
    let spec = TableSpec {
        screen: Screen::CaseFile,
        title,
        header: Row::new(["", "item", "detail"]),
        widths: &[
            Constraint::Length(9),
            Constraint::Percentage(55),
            Constraint::Min(10),
        ],
        len: objectives.len() + flags.len() + notes.len(),
    };
    virtual_table(frame, area, app, spec, |i| {
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
            return Row::new([
                format!("Q{}", i + 1),
                o.question.to_string(),
                format!("{answer}{hint}"),
            ]);
        }
        let i = i - objectives.len();
        if let Some(f) = flags.get(i) {
            let names = |ids: &[String]| {
                ids.iter()
                    .map(|id| {
                        world
                            .official_ix(id)
                            .map_or(id.clone(), |o| world.official(o).name.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Row::new([
                "flag".to_owned(),
                format!("{} — {}", f.describe(world), f.category.label()),
                format!(
                    "executed: {} · ordered: {}",
                    names(&f.executed_by),
                    names(&f.ordered_by)
                ),
            ]);
        }
        let i = i - flags.len();
        Row::new([
            "note".to_owned(),
            notes.get(i).cloned().unwrap_or_default(),
            String::new(),
        ])
    });
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
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                format!("Result: {} ", grade.label.word().to_uppercase()),
                label_style,
            ),
            Span::raw(format!(
                "— {} of {} points · findings {}/{} · objectives {}/{} · hints {} · lawful entries wrongly flagged {}",
                grade.score,
                grade.max_score,
                grade.findings_passed(),
                grade.findings.len(),
                grade.objectives_correct(),
                grade.objectives.len(),
                grade.hints,
                grade.wrongly_flagged.len()
            )),
        ]),
        Line::from(""),
        Line::from(Span::styled("Findings", app.theme.title())),
    ];
    for f in &grade.findings {
        let (mark, style) = if f.passed {
            ("✓ PASS", app.theme.good())
        } else {
            ("✗ FAIL", app.theme.bad())
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::raw(f.title.clone()),
        ]));
        lines.push(Line::from(Span::styled(
            format!("    {}.", f.reason),
            app.theme.dim(),
        )));
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
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::raw(format!(
                "{} — you: {given}; records: {}{}",
                o.question,
                o.expected,
                if o.hint_taken { " (hint)" } else { "" }
            )),
        ]));
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
        lines.push(Line::from(Span::styled(
            format!("  #{} {} — {}: {}", w.entry, w.person, w.set, w.why_lawful),
            app.theme.bad(),
        )));
    }
    if let Some(key) = &world.scenario.answer_key {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            "The chain of decision",
            app.theme.title(),
        )));
        lines.extend(key.chain.iter().map(|l| Line::from(format!("  {l}"))));
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            "For discussion",
            app.theme.title(),
        )));
        lines.extend(key.debrief.iter().map(|l| Line::from(format!("  • {l}"))));
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

//! The operators screen: the officials, their accounts, and the changes they made.

use crate::scenario::text::counted;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Row};

use crate::audit::Screen;
use crate::audit::desk::OPERATORS_ACCOUNT;
use crate::engine::EntryId;
use crate::engine::query::Via;
use crate::scenario::catalog::OfficialIx;
use crate::scenario::model::{EventKind, Official};

use super::super::app::App;
use super::scroll::{TextPane, text_pane};
use super::table::{TableSpec, virtual_table};

/// The operators screen: the officials as a list, the selected one's account beside it.
pub fn operators(frame: &mut Frame, area: Rect, app: &App) {
    let world = &app.world;
    let desk = &app.desk;
    let [list, side] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
    let officials = &world.scenario.officials;
    let visible = |op: OfficialIx| -> Vec<EntryId> {
        world
            .ledger
            .by_official(op)
            .iter()
            .copied()
            .filter(|&id| world.ledger.get(id).is_some_and(|e| e.at <= desk.clock()))
            .collect()
    };
    let spec = TableSpec {
        screen: Screen::Operators,
        title: " Officials and operators ".to_owned(),
        header: Row::new(["name", "account", "changes"]),
        widths: &[
            Constraint::Length(16),
            Constraint::Length(12),
            Constraint::Min(7),
        ],
        len: officials.len(),
    };
    virtual_table(frame, list, app, spec, |i| {
        let o = &officials[i];
        Row::new([
            o.name.to_string(),
            o.account.as_deref().unwrap_or("—").to_owned(),
            visible(OfficialIx(i as u16)).len().to_string(),
        ])
    });
    let Some(o) = officials.get(desk.selected(Screen::Operators)) else {
        return;
    };
    let op = OfficialIx(desk.selected(Screen::Operators) as u16);
    let entries = visible(op);
    let lines = account_lines(app, o, &entries);
    let [text, chart] = Layout::vertical([Constraint::Min(8), Constraint::Length(9)]).areas(side);
    text_pane(
        frame,
        text,
        app,
        TextPane {
            screen: Screen::Operators,
            pane: OPERATORS_ACCOUNT,
            block: Block::default().borders(Borders::ALL).title(" Account "),
            head: Vec::new(),
            items: lines.into_iter().map(|l| vec![l]).collect(),
        },
    );
    changes_per_hour(frame, chart, app, &entries);
}

/// The official's part in the chain of decision, as the records known at the clock show
/// it, in the words the trace and the flag dialog use.
fn chain_lines(app: &App, o: &Official) -> Vec<Line<'static>> {
    let world = &app.world;
    let Some(op) = world.official_ix(&o.id) else {
        return Vec::new();
    };
    let parts = world.parts_of(op, app.desk.clock());
    let mut lines = vec![Line::from(Span::styled(
        "In the chain of decision, by the records so far:",
        app.theme.title(),
    ))];
    if parts.is_empty() {
        lines.push(Line::from("  nothing on record"));
    }
    for part in parts {
        let how = match part.via {
            Via::Account => "ran changes from their account".to_owned(),
            Via::List(list) => format!(
                "compiled the list {}",
                world.scenario.lists[list as usize].id
            ),
            Via::Instruction(event) => match &world.scenario.events[event as usize].what {
                EventKind::Order { id, .. } => format!("order {id}"),
                EventKind::Decision { id, .. } => format!("decision {id}"),
                EventKind::RuleSet { rule, .. } => format!("set the rule {rule}"),
                EventKind::RuleChanged { becomes, .. } => format!("set the rule {becomes}"),
                _ => String::new(),
            },
        };
        lines.push(Line::from(format!("  {}: {how}", part.role.label())));
    }
    lines.push(Line::from(""));
    lines
}

/// The selected official: who they are, their role's authority, their batches.
fn account_lines(app: &App, o: &Official, entries: &[EntryId]) -> Vec<Line<'static>> {
    let world = &app.world;
    let role = world
        .catalog
        .roles
        .get(o.role.as_str())
        .map(|&r| &world.scenario.roles[r as usize]);
    let mut lines = vec![
        Line::from(Span::styled(o.name.to_string(), app.theme.title())),
        Line::from(o.post.to_string()),
        Line::from(o.organisation.to_string()),
        Line::from(""),
    ];
    if let Some(role) = role {
        let may = if role.may_assign.is_empty() {
            "no code authority".to_owned()
        } else {
            let colours: Vec<&str> = role.may_assign.iter().map(|c| c.name()).collect();
            format!("may set {}", colours.join(", "))
        };
        lines.push(Line::from(vec![
            Span::styled("Role: ", app.theme.title()),
            Span::raw(role.name.to_string()),
        ]));
        lines.push(Line::from(format!(
            "{may}; {}; {}",
            if role.requires_basis {
                "needs an epidemiological basis"
            } else {
                "no basis rule"
            },
            if role.may_batch {
                "may run batches"
            } else {
                "no batches"
            }
        )));
        lines.push(Line::from(Span::styled(
            role.description.to_string(),
            app.theme.dim(),
        )));
    }
    lines.push(Line::from(""));
    lines.extend(chain_lines(app, o));
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for &id in entries {
        if let Some(b) = world.assignment_of(id).and_then(|a| a.batch.as_ref()) {
            *counts.entry(b.as_str()).or_default() += 1;
        }
    }
    // In the desk's order, so the pane scrolls through exactly the batches it counts.
    let batches: Vec<(String, usize)> = app
        .desk
        .account_batches(world)
        .into_iter()
        .map(|b| {
            let n = counts.get(b.as_str()).copied().unwrap_or(0);
            (b, n)
        })
        .collect();
    lines.push(Line::from(format!(
        "{} by the clock; {}",
        counted(entries.len(), "code change", "code changes"),
        counted(batches.len(), "batch", "batches")
    )));
    for (b, n) in &batches {
        let at = world
            .ledger
            .by_batch(b)
            .first()
            .and_then(|&id| world.ledger.get(id))
            .map(|e| e.at.to_string())
            .unwrap_or_default();
        lines.push(Line::from(format!("  batch {b} at {at}: {n} people")));
    }
    lines
}

/// A bar per hour of the official's changes.
fn changes_per_hour(frame: &mut Frame, chart: Rect, app: &App, entries: &[EntryId]) {
    let world = &app.world;
    let per_hour = world.ledger.per_hour(entries);
    let bars: Vec<Bar> = per_hour
        .iter()
        .map(|(hour, n)| {
            let label = hour.to_string();
            Bar::default()
                .value(u64::from(*n))
                .label(Line::from(label[5..13].to_owned()))
                .style(Style::new())
        })
        .collect();
    let chart_widget = BarChart::default()
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Changes per hour "),
        )
        .bar_width(8)
        .bar_gap(1)
        .data(BarGroup::default().bars(&bars));
    frame.render_widget(chart_widget, chart);
}

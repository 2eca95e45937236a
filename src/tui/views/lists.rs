//! The long lists: timeline events, people, operators. Only the visible rows are built, so
//! they scroll smoothly through any number of rows.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Bar, BarChart, BarGroup, Block, Borders, Cell, Paragraph, Row, Table, Wrap,
};

use crate::audit::Screen;
use crate::engine::world::person_of;

use super::super::app::{App, ListArea};
use super::super::theme::badge;
use super::{fit, width};

/// The fixed parts of a scrolling table.
pub struct TableSpec<'a> {
    pub screen: Screen,
    pub title: String,
    pub header: Row<'a>,
    pub widths: &'a [Constraint],
    pub len: usize,
}

/// Draws rows `[offset, offset + height)` of a list of `len` rows, built by `row`.
pub fn virtual_table<'a>(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    spec: TableSpec<'a>,
    mut row: impl FnMut(usize) -> Row<'a>,
) {
    let TableSpec {
        screen,
        title,
        header,
        widths,
        len,
    } = spec;
    // A title longer than the frame ends in an ellipsis rather than running into the corner.
    let title = fit(&title, usize::from(area.width.saturating_sub(3)));
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    let height = inner.height.saturating_sub(1) as usize;
    let selected = app.desk.selected(screen).min(len.saturating_sub(1));
    let offset = app.scroll(screen, selected, height);
    let rows: Vec<Row> = (offset..len.min(offset + height))
        .map(|i| {
            let r = row(i);
            if i == selected {
                r.style(app.theme.selected())
            } else {
                r
            }
        })
        .collect();
    frame.render_widget(
        Table::new(rows, widths)
            .header(header.style(app.theme.title()))
            .block(block),
        area,
    );
    app.list_area.replace(Some(ListArea {
        area: Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        },
        offset,
    }));
}

pub fn timeline(frame: &mut Frame, area: Rect, app: &App) {
    let world = &app.world;
    let desk = &app.desk;
    let [list, side] = split_side(area, 34);
    let title = format!(
        " Timeline — {} of {} events ",
        desk.revealed(),
        world.timeline.len()
    );
    // On narrow screens the year (the header's clock shows it) gives way to the event.
    let narrow = list.width < 100;
    let time_width: u16 = if narrow { 11 } else { 16 };
    let event_width = usize::from(list.width.saturating_sub(3 + time_width));
    let spec = TableSpec {
        screen: Screen::Timeline,
        title,
        header: Row::new(["time", "event"]),
        widths: &[Constraint::Length(time_width), Constraint::Min(10)],
        len: desk.revealed(),
    };
    virtual_table(frame, list, app, spec, |i| {
        let h = &world.timeline[i];
        let text = world.describe_record(i as u32);
        let text = text
            .split_once(' ')
            .and_then(|(_, rest)| rest.split_once(' '))
            .map_or(text.clone(), |(_, r)| r.to_owned());
        let at = h.at.to_string();
        let at = if narrow { at[5..].to_owned() } else { at };
        Row::new([Cell::from(at), Cell::from(fit(&text, event_width))])
    });
    let changes = world
        .ledger
        .entries()
        .partition_point(|e| e.at <= desk.clock());
    let next = world.ledger.entries().get(changes);
    let mut lines = vec![
        Line::from(Span::styled("Clock", app.theme.title())),
        Line::from(desk.clock().to_string()),
        Line::from(""),
        Line::from(format!("Code changes so far: {changes}")),
        Line::from(match next {
            Some(e) => format!("Next change: {}", e.at),
            None => "No more code changes.".to_owned(),
        }),
        Line::from(""),
        Line::from(format!("N jumps to: {}", desk.event_kind().name())),
        Line::from(""),
    ];
    if let Some(h) = world
        .timeline
        .get(desk.selected(Screen::Timeline))
        .filter(|_| desk.revealed() > 0)
    {
        lines.push(Line::from(Span::styled("Selected", app.theme.title())));
        lines.push(Line::from(
            world.describe_record(desk.selected(Screen::Timeline) as u32),
        ));
        if let Some(p) = person_of(h, &world.scenario, &world.roster) {
            let colour = desk.colour_now(world, p);
            lines.push(Line::from(vec![
                Span::raw("Now: "),
                Span::styled(badge(colour), app.theme.code(colour)),
            ]));
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::ALL)),
        side,
    );
}

/// A list on the left and a panel of `side` columns on the right (wider on wide screens).
pub fn split_side(area: Rect, side: u16) -> [Rect; 2] {
    let side = if area.width >= 140 { side + 20 } else { side };
    Layout::horizontal([Constraint::Min(40), Constraint::Length(side)]).areas(area)
}

pub fn people(frame: &mut Frame, area: Rect, app: &App) {
    let world = &app.world;
    let desk = &app.desk;
    let f = &desk.people_filter();
    let mut filters = Vec::new();
    if let Some(c) = f.colour {
        filters.push(format!("colour {}", c.name()));
    }
    if let Some(t) = f.tag {
        filters.push(format!("tag {}", world.roster.tags[t as usize]));
    }
    if let Some(v) = f.venue {
        filters.push(format!(
            "visited {}",
            world.scenario.venues[v as usize].name
        ));
    }
    if let Some(o) = f.operator {
        filters.push(format!("touched by {}", world.official(o).name));
    }
    if !f.query.is_empty() {
        filters.push(format!("\"{}\"", f.query));
    }
    let filters = if filters.is_empty() {
        "all".to_owned()
    } else {
        filters.join(", ")
    };
    let title = format!(
        " People — {} of {} ({filters}) at {} ",
        desk.people_rows().len(),
        world.person_count(),
        desk.clock()
    );
    let wide = area.width >= 120;
    // Name and id columns as wide as the widest in the roster (within reason), so no id is
    // cut and CJK names, two columns a character, line up with the rest.
    let (name_width, id_width) = *app.roster_widths.get_or_init(|| {
        world.roster.people.iter().fold((4, 2), |(n, i), p| {
            (n.max(width(&p.name)), i.max(width(&p.id)))
        })
    });
    let name_width = name_width.clamp(12, if wide { 30 } else { 24 }) as u16;
    let id_width = id_width.clamp(8, 24) as u16;
    let mut widths = vec![
        Constraint::Length(5),
        Constraint::Length(name_width),
        Constraint::Length(id_width),
    ];
    if wide {
        widths.push(Constraint::Length(12));
    }
    widths.push(Constraint::Min(10));
    let fixed: u16 = 5 + name_width + id_width + if wide { 12 } else { 0 };
    let columns = widths.len() as u16;
    let tags_width = usize::from(area.width.saturating_sub(2 + fixed + columns - 1));
    let header = if wide {
        Row::new(["code", "name", "id", "home", "tags"])
    } else {
        Row::new(["code", "name", "id", "tags"])
    };
    let spec = TableSpec {
        screen: Screen::People,
        title,
        header,
        widths: &widths,
        len: desk.people_rows().len(),
    };
    virtual_table(frame, area, app, spec, |i| {
        let p = desk.people_rows()[i];
        let record = &world.roster.people[p as usize];
        let colour = desk.colour_now(world, p);
        let tags: Vec<&str> = world.roster.tag_names(p).collect();
        let mut cells = vec![
            Cell::from(Span::styled(badge(colour), app.theme.code(colour))),
            Cell::from(fit(&record.name, usize::from(name_width))),
            Cell::from(fit(&record.id, usize::from(id_width))),
        ];
        if wide {
            cells.push(Cell::from(fit(world.city_name(record.home_city), 12)));
        }
        cells.push(Cell::from(fit(&tags.join(" "), tags_width)));
        Row::new(cells)
    });
}

pub fn operators(frame: &mut Frame, area: Rect, app: &App) {
    let world = &app.world;
    let desk = &app.desk;
    let [list, side] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
    let officials = &world.scenario.officials;
    let visible = |op: u16| -> Vec<u32> {
        world
            .ledger
            .by_operator(op)
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
            visible(i as u16).len().to_string(),
        ])
    });
    let Some(o) = officials.get(desk.selected(Screen::Operators)) else {
        return;
    };
    let op = desk.selected(Screen::Operators) as u16;
    let role = world
        .catalog
        .roles
        .get(o.role.as_str())
        .map(|&r| &world.scenario.roles[r as usize]);
    let entries = visible(op);
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
    let mut batches: Vec<(String, usize)> = Vec::new();
    for &id in &entries {
        if let Some(b) = world.assignment_of(id).and_then(|a| a.batch.as_ref()) {
            match batches.iter_mut().find(|(x, _)| x == b.as_str()) {
                Some((_, n)) => *n += 1,
                None => batches.push((b.to_string(), 1)),
            }
        }
    }
    lines.push(Line::from(format!(
        "{} code changes by the clock; {} batches",
        entries.len(),
        batches.len()
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
    let [text, chart] = Layout::vertical([Constraint::Min(8), Constraint::Length(9)]).areas(side);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::ALL).title(" Account ")),
        text,
    );
    let per_hour = world.ledger.per_hour(&entries);
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

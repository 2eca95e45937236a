//! The timeline screen: the events so far, up to the clock, and the selected one in full.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Wrap};

use crate::audit::Screen;
use crate::engine::TimelineIx;
use crate::engine::world::person_of;

use super::super::app::App;
use super::super::theme::badge;
use super::fit;
use super::table::{TableSpec, split_side, virtual_table};

/// The timeline screen: the events so far, the selected one in full.
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
        let text = world.describe_record(TimelineIx(i as u32));
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
        lines.push(Line::from(world.describe_record(TimelineIx(
            desk.selected(Screen::Timeline) as u32,
        ))));
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

//! The dossier screen: one person's profile, records and code history up to the clock.

use crate::scenario::text::counted;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row};

use crate::audit::Screen;
use crate::audit::desk::DOSSIER_RECORDS;
use crate::engine::EntryId;
use crate::scenario::expand::PersonIx;

use super::super::app::App;
use super::super::theme::badge;
use super::fit;
use super::scroll::{TextPane, text_pane};
use super::table::{TableSpec, virtual_table};

/// Profile of a person at the clock, as lines, ending in the heading of their records.
pub(super) fn profile_lines(app: &App, person: PersonIx) -> Vec<Line<'static>> {
    let world = &app.world;
    let desk = &app.desk;
    let record = &world.roster.people[person.ix()];
    let colour = desk.colour_now(world, person);
    let tags: Vec<&str> = world.roster.tag_names(person).collect();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(badge(colour), app.theme.code(colour)),
            Span::raw(" "),
            Span::styled(record.name.clone(), app.theme.title()),
            Span::raw(format!("  ({})", record.id)),
        ]),
        Line::from(format!("Home: {}", world.city_name(record.home_city))),
        Line::from(format!("Tags: {}", tags.join(", "))),
    ];
    if world.several_systems() {
        // A code in each system: the badge above is the most severe of them.
        let mut codes = vec![Span::raw("Codes:")];
        for (i, s) in world.systems_in_play().iter().copied().enumerate() {
            let colour = world.ledger.colour_at(person, s, desk.clock());
            codes.push(Span::raw(if i == 0 { " " } else { "  " }));
            codes.push(Span::styled(badge(colour), app.theme.code(colour)));
            codes.push(Span::raw(format!(" {}", world.system_name(s))));
        }
        lines.insert(1, Line::from(codes));
    }
    if !record.lists.is_empty() {
        let lists: Vec<&str> = record
            .lists
            .iter()
            .map(|&l| world.scenario.lists[l as usize].name.as_str())
            .collect();
        lines.push(Line::from(format!("On: {}", lists.join(", "))));
    }
    if let Some(other) = record.companion_of {
        lines.push(Line::from(format!(
            "Travels with {}",
            world.person_name(other)
        )));
    }
    let companions: Vec<&str> = world
        .roster_index
        .companions(person)
        .iter()
        .map(|&p| world.person_name(p))
        .collect();
    if !companions.is_empty() {
        lines.push(Line::from(format!("Companion: {}", companions.join(", "))));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Records", app.theme.title())));
    lines
}

/// A person's records up to the clock, a line each (the one saying there are none when
/// there are none): the items a dossier or compare pane scrolls through.
pub(super) fn record_lines(app: &App, person: PersonIx) -> Vec<Line<'static>> {
    let world = &app.world;
    let records = world.records_until(person, app.desk.clock());
    if records.is_empty() {
        return vec![Line::from(Span::styled("none yet", app.theme.dim()))];
    }
    records
        .iter()
        .map(|&r| {
            let mut text = world.describe_record(r);
            if let Some(place) = world.scan_place(r)
                && let Some((city, _)) = place.carrier
            {
                let marker = if place.remote {
                    "  ⚠ phone in "
                } else {
                    "  phone in "
                };
                text.push_str(marker);
                text.push_str(world.city_name(city));
            }
            Line::from(text)
        })
        .collect()
}

fn history_row(app: &App, id: EntryId, cause_width: usize) -> Row<'static> {
    let world = &app.world;
    let Some(e) = world.ledger.get(id) else {
        return Row::new([""]);
    };
    Row::new(vec![
        ratatui::widgets::Cell::from(format!("#{id}")),
        ratatui::widgets::Cell::from(e.at.to_string()),
        ratatui::widgets::Cell::from(Line::from(vec![
            Span::styled(badge(e.from), app.theme.code(e.from)),
            Span::raw("→"),
            Span::styled(badge(e.to), app.theme.code(e.to)),
        ])),
        ratatui::widgets::Cell::from(fit(&cause_in_system(app, id), cause_width)),
    ])
}

/// An entry's cause, after the system it changed when the scenario has several.
pub(super) fn cause_in_system(app: &App, id: EntryId) -> String {
    let world = &app.world;
    match world.ledger.get(id) {
        Some(e) if world.several_systems() => {
            format!(
                "[{}] {}",
                world.system_name(e.system),
                world.describe_cause(id)
            )
        }
        _ => world.describe_cause(id),
    }
}

/// The dossier screen: the person's profile above their code history.
pub fn dossier(frame: &mut Frame, area: Rect, app: &App) {
    let Some(person) = app.desk.person() else {
        frame.render_widget(
            Paragraph::new(
                "No one selected yet. Open a person from People (3) or the Timeline (2).",
            )
            .block(Block::default().borders(Borders::ALL).title(" Dossier ")),
            area,
        );
        return;
    };
    // Reading the records, they take most of the room and the profile shrinks to the name.
    let reading = app.desk.focused_pane(Screen::Dossier) == DOSSIER_RECORDS;
    let top_share = if reading { 75 } else { 55 };
    let [top, bottom] = Layout::vertical([
        Constraint::Percentage(top_share),
        Constraint::Percentage(100 - top_share),
    ])
    .areas(area);
    let mut head = profile_lines(app, person);
    if reading && head.len() > 2 {
        head.drain(1..head.len() - 1);
    }
    text_pane(
        frame,
        top,
        app,
        TextPane {
            screen: Screen::Dossier,
            pane: DOSSIER_RECORDS,
            block: Block::default().borders(Borders::ALL).title(" Dossier "),
            head,
            items: record_lines(app, person)
                .into_iter()
                .map(|l| vec![l])
                .collect(),
        },
    );
    let entries = app.desk.dossier_entries(&app.world);
    let spec = TableSpec {
        screen: Screen::Dossier,
        title: format!(
            " Code history — {} by {} ",
            counted(entries.len(), "change", "changes"),
            app.desk.clock()
        ),
        header: Row::new(["entry", "time", "change", "cause"]),
        widths: &[
            Constraint::Length(6),
            Constraint::Length(16),
            Constraint::Length(9),
            Constraint::Min(10),
        ],
        len: entries.len(),
    };
    let cause_width = usize::from(bottom.width.saturating_sub(2 + 6 + 16 + 9 + 3));
    virtual_table(frame, bottom, app, spec, |i| {
        history_row(app, entries[i], cause_width)
    });
}

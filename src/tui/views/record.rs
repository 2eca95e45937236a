//! Records of one thing: a person's dossier, two people compared, a document.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Wrap};

use crate::audit::Screen;
use crate::engine::EntryId;
use crate::scenario::expand::PersonIx;
use crate::scenario::model::DocumentKind;

use super::super::app::App;
use super::super::theme::badge;
use super::fit;
use super::lists::{TableSpec, split_side, virtual_table};

/// Profile and records of a person up to the clock, as lines.
fn profile_lines(app: &App, person: PersonIx) -> Vec<Line<'static>> {
    let world = &app.world;
    let desk = &app.desk;
    let record = &world.roster.people[person as usize];
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
    let records = world.records_until(person, desk.clock);
    if records.is_empty() {
        lines.push(Line::from(Span::styled("none yet", app.theme.dim())));
    }
    for &r in records {
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
        lines.push(Line::from(text));
    }
    lines
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
        ratatui::widgets::Cell::from(fit(&world.describe_cause(id), cause_width)),
    ])
}

pub fn dossier(frame: &mut Frame, area: Rect, app: &App) {
    let Some(person) = app.desk.person else {
        frame.render_widget(
            Paragraph::new(
                "No one selected yet. Open a person from People (3) or the Timeline (2).",
            )
            .block(Block::default().borders(Borders::ALL).title(" Dossier ")),
            area,
        );
        return;
    };
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
    frame.render_widget(
        Paragraph::new(profile_lines(app, person))
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::ALL).title(" Dossier ")),
        top,
    );
    let entries = app.desk.dossier_entries(&app.world);
    let spec = TableSpec {
        screen: Screen::Dossier,
        title: format!(
            " Code history — {} changes by {} ",
            entries.len(),
            app.desk.clock
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

pub fn compare(frame: &mut Frame, area: Rect, app: &App) {
    let [Some(a), Some(b)] = app.desk.compare else {
        frame.render_widget(
            Paragraph::new(
                "Mark two people with m (in People or a dossier) to compare them side by side.",
            )
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::ALL).title(" Compare ")),
            area,
        );
        return;
    };
    let columns =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).split(area);
    for (person, column) in [(a, columns[0]), (b, columns[1])] {
        let mut lines = profile_lines(app, person);
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Code history", app.theme.title())));
        let history = app.world.ledger.history(person);
        let visible: Vec<EntryId> = history
            .iter()
            .copied()
            .filter(|&id| {
                app.world
                    .ledger
                    .get(id)
                    .is_some_and(|e| e.at <= app.desk.clock)
            })
            .collect();
        if visible.is_empty() {
            lines.push(Line::from(Span::styled(
                "no change: green throughout",
                app.theme.dim(),
            )));
        }
        for id in visible {
            let e = &app.world.ledger.entries()[id as usize];
            lines.push(Line::from(vec![
                Span::raw(format!("#{id} {} ", e.at)),
                Span::styled(badge(e.to), app.theme.code(e.to)),
                Span::raw(format!(" {}", app.world.describe_cause(id))),
            ]));
        }
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: false }).block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(format!(" {} ", app.world.person_name(person))),
            ),
            column,
        );
    }
}

/// A document's kind in words.
fn kind_word(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Directive => "directive",
        DocumentKind::ChatMessage => "chat message",
        DocumentKind::Notice => "notice",
        DocumentKind::HotlineTranscript => "hotline call",
        DocumentKind::PublicStatement => "statement",
        DocumentKind::BatchLog => "batch log",
        DocumentKind::InvestigationRecord => "investigation",
        DocumentKind::List => "list",
        DocumentKind::Finding => "finding",
    }
}

pub fn documents(frame: &mut Frame, area: Rect, app: &App) {
    let world = &app.world;
    let desk = &app.desk;
    let [list, side] = split_side(area, if area.width < 120 { 38 } else { 46 });
    let title = if desk.document_query.is_empty() && list.width < 60 {
        format!(" Documents — {} available ", desk.document_rows.len())
    } else if desk.document_query.is_empty() {
        format!(
            " Documents — {} available by {} ",
            desk.document_rows.len(),
            desk.clock
        )
    } else {
        format!(
            " Documents matching \"{}\" — {} ",
            desk.document_query,
            desk.document_rows.len()
        )
    };
    // A narrow list gives the kind (the preview shows it) up to the title.
    let with_kind = list.width >= 60;
    let fixed = if with_kind { 11 + 1 + 13 + 1 } else { 11 + 1 };
    let title_width = usize::from(list.width.saturating_sub(2 + fixed));
    let (header, widths): (Row, &[Constraint]) = if with_kind {
        (
            Row::new(["from", "kind", "title"]),
            &[
                Constraint::Length(11),
                Constraint::Length(13),
                Constraint::Min(10),
            ],
        )
    } else {
        (
            Row::new(["from", "title"]),
            &[Constraint::Length(11), Constraint::Min(10)],
        )
    };
    let spec = TableSpec {
        screen: Screen::Documents,
        title,
        header,
        widths,
        len: desk.document_rows.len(),
    };
    virtual_table(frame, list, app, spec, |i| {
        let d = &world.scenario.documents[desk.document_rows[i] as usize];
        let from = d.available_from.to_string();
        let mut cells = vec![from[5..].to_owned()];
        if with_kind {
            cells.push(kind_word(d.kind).to_owned());
        }
        cells.push(fit(&d.title, title_width));
        Row::new(cells)
    });
    let shown = desk.document_open.or_else(|| {
        desk.document_rows
            .get(desk.selected(Screen::Documents))
            .copied()
    });
    let Some(d) = shown else { return };
    let doc = &world.scenario.documents[d as usize];
    let author = world
        .official_ix(&doc.author)
        .map_or(doc.author.to_string(), |o| {
            let o = world.official(o);
            format!("{}, {}", o.name, o.post)
        });
    let mut lines = vec![
        Line::from(Span::styled(doc.title.to_string(), app.theme.title())),
        Line::from(Span::styled(
            format!(
                "{} · {} · {}",
                kind_word(doc.kind),
                doc.available_from,
                author
            ),
            app.theme.dim(),
        )),
        Line::from(""),
    ];
    lines.extend(doc.body.lines().map(|l| Line::from(l.to_owned())));
    let scroll = if desk.document_open.is_some() {
        desk.document_scroll() as u16
    } else {
        0
    };
    let title = if desk.document_open.is_some() {
        " Reading — ↑↓ scroll, esc closes "
    } else {
        " Preview — enter to read "
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(Block::default().borders(Borders::ALL).title(title)),
        side,
    );
}

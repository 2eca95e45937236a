//! The batch screen: one batch job as a record above the people it touched, each with
//! where the carrier record put their phone when they made the scan the batch caught.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Wrap};

use crate::audit::Screen;
use crate::audit::desk::{BATCH_RECORD, BATCH_RECORD_ITEMS};
use crate::engine::World;
use crate::engine::query::{BatchRecord, ScanWhere};
use crate::scenario::Time;

use super::super::app::App;
use super::super::keymap::Spelling;
use super::super::texts::texts;
use super::super::theme::badge;
use super::scroll::{TextPane, text_pane};
use super::table::{TableSpec, virtual_table};
use super::{fit, grouped, hanging};

/// The batch screen: its record (a text pane) above its people (a list).
pub fn batch(frame: &mut Frame, area: Rect, app: &App) {
    let desk = &app.desk;
    let Some(record) = desk.batch().filter(|r| r.at <= desk.clock()) else {
        let words = &texts().batch;
        let text = match desk.batch() {
            Some(r) => words.not_run.replace("{batch}", &r.id),
            // A key left unbound leaves the sentence without its key rather than blank.
            None => app
                .keymap
                .fill(&words.none, Spelling::Symbol)
                .unwrap_or_else(|| words.none.replace("{OpenBatch}", "the batch key")),
        };
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(Block::default().borders(Borders::ALL).title(" Batch ")),
            area,
        );
        return;
    };
    // The record takes what it needs up to half the screen; the people have the rest. Its
    // items come wrapped already, so their lines are the rows they take.
    let items = record_items(app, record, usize::from(area.width.saturating_sub(2)));
    debug_assert_eq!(items.len(), BATCH_RECORD_ITEMS);
    let wanted = items.iter().map(Vec::len).sum::<usize>() as u16 + 2;
    let half = area.height / 2;
    let [top, bottom] = Layout::vertical([
        Constraint::Length(wanted.min(half.max(6))),
        Constraint::Min(5),
    ])
    .areas(area);
    text_pane(
        frame,
        top,
        app,
        TextPane {
            screen: Screen::Batch,
            pane: BATCH_RECORD,
            block: Block::default()
                .borders(Borders::ALL)
                .title(format!(" Batch {} ", record.id)),
            head: Vec::new(),
            items,
        },
    );
    people(frame, bottom, app, record);
}

/// The record, an item per fact, each wrapped under its label.
fn record_items(app: &App, r: &BatchRecord, columns: usize) -> Vec<Vec<Line<'static>>> {
    let world = &app.world;
    let clock = app.desk.clock();
    let label = |text: &str| vec![Span::styled(format!("{text}: "), app.theme.title())];
    let item = |name: &str, text: String| hanging(label(name), &text, columns);
    let official = r.official.map(|o| world.official(o));
    let account = official.map_or("unknown account".to_owned(), |o| {
        format!(
            "{} ({}, {})",
            o.account.as_deref().unwrap_or("no account"),
            o.name,
            o.post
        )
    });
    let city = r.list.as_ref().map(|l| world.city_name(l.city).to_owned());
    let list = match &r.list {
        Some(l) => format!(
            "{}: those with a scan in {} from {} to {}",
            world.scenario.lists[usize::from(l.list)].name,
            world.city_name(l.city),
            l.from,
            l.to
        ),
        None => "people named one by one".to_owned(),
    };
    let directive = match r.directive.map(|d| &world.scenario.documents[d.ix()]) {
        Some(d) if d.available_from <= clock => format!("{} ({})", d.title, d.id),
        Some(d) => format!("{} — not among your documents yet", d.id),
        None => "none".to_owned(),
    };
    let inside = city.as_deref().unwrap_or("the city");
    let mut places = format!(
        "{} scanned inside {inside}; {} had their phone elsewhere by the carrier record \
         at the time of the scan",
        grouped(r.in_city),
        grouped(r.elsewhere)
    );
    if r.unknown > 0 {
        places.push_str(&format!("; {} with no carrier record", grouped(r.unknown)));
    }
    let reversed = match r.reversed_by(clock) {
        Some((at, by)) => format!(
            "{at} by {}",
            by.map_or("unknown", |o| world.official(o).name.as_str())
        ),
        None => "not by the clock".to_owned(),
    };
    vec![
        item("Ran", format!("{} — set {}", r.at, r.colour.name())),
        item("Account", account),
        item("List", list),
        item("Reason shown", r.reason.clone()),
        item("Justification", format!("\"{}\"", r.justification)),
        item("Directive cited", directive),
        item("People touched", grouped(r.people.len())),
        item("Where they scanned", places),
        item("Reversed", reversed),
    ]
}

/// The people the batch touched, with where each scanned.
fn people(frame: &mut Frame, area: Rect, app: &App, r: &BatchRecord) {
    let world = &app.world;
    let desk = &app.desk;
    // Names narrower on a narrow screen, so where the phone was is not cut off.
    let name_width: u16 = if area.width >= 100 { 20 } else { 16 };
    let widths = [
        Constraint::Length(5),
        Constraint::Length(name_width),
        Constraint::Length(16),
        Constraint::Min(20),
    ];
    let how = app
        .keymap
        .fill(" — {Open} opens a dossier", Spelling::Symbol)
        .unwrap_or_default();
    let spec = TableSpec {
        screen: Screen::Batch,
        title: format!(" {} people{how} ", grouped(r.people.len())),
        header: Row::new(["code", "name", "id", "the scan it caught"]),
        widths: &widths,
        len: r.people.len(),
    };
    let place_width = usize::from(area.width.saturating_sub(2 + 5 + name_width + 16 + 3));
    virtual_table(frame, area, app, spec, |i| {
        let p = r.people[i];
        let colour = desk.colour_now(world, p.person);
        Row::new(vec![
            Cell::from(Span::styled(badge(colour), app.theme.code(colour))),
            Cell::from(fit(world.person_name(p.person), usize::from(name_width))),
            Cell::from(fit(world.person_id(p.person), 16)),
            Cell::from(fit(
                &place_text(world, p.place, scan_time(world, p.scan)),
                place_width,
            )),
        ])
    });
}

fn scan_time(world: &World, scan: Option<crate::engine::TimelineIx>) -> Option<Time> {
    Some(world.timeline.get(scan?.ix())?.at)
}

/// Where a person was when they made the scan, in words (a warning sign where the carrier
/// record contradicts it, so the mark does not rest on colour).
fn place_text(world: &World, place: ScanWhere, at: Option<Time>) -> String {
    let at = at.map(|t| format!("{t} ")).unwrap_or_default();
    match place {
        ScanWhere::InCity => format!("{at}phone in the city"),
        ScanWhere::Elsewhere(city) => format!("{at}⚠ phone in {}", world.city_name(city)),
        ScanWhere::NoCarrierRecord => format!("{at}no carrier record"),
        ScanWhere::NoScan => "no scan cited".to_owned(),
    }
}

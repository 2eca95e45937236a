//! The Accesses screen: the platform's access log up to the clock, a row per look-up or
//! export with the access check's verdict, above the selected access in full: the account
//! and its role, whose records, which fields, the stated purpose, the record it cites, the
//! chain as the records show it, and what the check found.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row};

use crate::audit::desk::AccessScope;
use crate::audit::{FlagTarget, Screen};
use crate::engine::World;

use super::super::app::App;
use super::super::keymap::Spelling;
use super::scroll::{TextPane, text_pane};
use super::table::{TableSpec, virtual_table};
use super::{fit, hanging};

/// The list above, the selected access below.
pub fn accesses(frame: &mut Frame, area: Rect, app: &App) {
    let world = &app.world;
    let rows = app.desk.access_rows(world);
    let detail = match app.desk.selected_access(world) {
        Some(ix) => detail(app, ix, usize::from(area.width.saturating_sub(2))),
        None => vec![vec![Line::from(
            "No access to personal records on record by the clock.",
        )]],
    };
    let wanted = detail.iter().map(Vec::len).sum::<usize>() as u16 + 2;
    let list_min = (rows.len() as u16 + 3).clamp(4, 10);
    let [top, bottom] = Layout::vertical([
        Constraint::Min(list_min),
        Constraint::Length(wanted.min(area.height.saturating_sub(list_min))),
    ])
    .areas(area);
    list(frame, top, app, &rows);
    // A pane of its own, scrolled like every record: on a small screen nothing is lost
    // below its border.
    text_pane(
        frame,
        bottom,
        app,
        TextPane {
            screen: Screen::Accesses,
            pane: 1,
            block: Block::default().borders(Borders::ALL).title(" The access "),
            head: Vec::new(),
            items: detail,
        },
    );
}

fn list(frame: &mut Frame, area: Rect, app: &App, rows: &[usize]) {
    let world = &app.world;
    let scope = match app.desk.access_scope() {
        AccessScope::All => "every account".to_owned(),
        AccessScope::Account(o) => world.official(o).name.to_string(),
        AccessScope::Person(p) => format!("naming {}", world.person_name(p)),
    };
    let how = app
        .keymap
        .fill(" — {OpenFlagDialog} flags", Spelling::Symbol)
        .unwrap_or_default();
    let widths = [
        Constraint::Length(16),
        Constraint::Length(14),
        Constraint::Min(16),
        Constraint::Length(15),
        Constraint::Length(1),
    ];
    let whose_width = usize::from(area.width.saturating_sub(2 + 16 + 14 + 15 + 1 + 4));
    let spec = TableSpec {
        screen: Screen::Accesses,
        title: format!(" Access log: {scope} ({}){how} ", rows.len()),
        header: Row::new(["when", "account", "whose records", "check", ""]),
        widths: &widths,
        len: rows.len(),
    };
    virtual_table(frame, area, app, spec, |i| {
        let ix = rows[i];
        let Some((at, a)) = world.access(ix) else {
            return Row::new(Vec::<Cell>::new());
        };
        let account = world
            .official_ix(&a.account)
            .map_or(a.account.to_string(), |o| {
                world.official(o).name.to_string()
            });
        let check = world.access_check(ix);
        let (verdict, style) = match &check {
            Some(c) if c.holds() => (c.short_verdict(), app.theme.good()),
            Some(c) => (c.short_verdict(), app.theme.bad()),
            None => ("no check".to_owned(), app.theme.dim()),
        };
        Row::new(vec![
            Cell::from(at.to_string()),
            Cell::from(fit(&account, 14)),
            Cell::from(fit(&world.access_whose(a), whose_width)),
            Cell::from(Span::styled(fit(&verdict, 15), style)),
            Cell::from(if flagged(app, &a.id, &a.account) {
                "⚑"
            } else {
                ""
            }),
        ])
    });
}

/// Whether a flag covers the access: its own, or its account's.
fn flagged(app: &App, id: &str, account: &str) -> bool {
    app.desk.case().flags.iter().any(|f| match &f.target {
        FlagTarget::Access(a) => a == id,
        FlagTarget::AccountAccesses(o) => o == account,
        _ => false,
    })
}

/// The selected access in full, an item per fact, each wrapped under its label.
fn detail(app: &App, ix: usize, columns: usize) -> Vec<Vec<Line<'static>>> {
    let world: &World = &app.world;
    let clock = app.desk.clock();
    let Some((at, a)) = world.access(ix) else {
        return Vec::new();
    };
    let label = |text: &str| vec![Span::styled(format!("{text}: "), app.theme.title())];
    let item = |name: &str, text: String| hanging(label(name), &text, columns);
    let official = world.official_ix(&a.account).map(|o| world.official(o));
    let account = official.map_or(a.account.to_string(), |o| {
        format!(
            "{} ({}, {})",
            o.account.as_deref().unwrap_or("no account"),
            o.name,
            o.post
        )
    });
    let fields: Vec<&str> = a.fields.iter().map(|f| f.name()).collect();
    let cited = match (
        a.document.as_deref(),
        world.access_document_known_at(ix, clock),
    ) {
        (None, _) => "none".to_owned(),
        (Some(_), Some((id, title))) => format!("{title} ({id})"),
        (Some(id), None) => format!("{id} — not among your documents yet"),
    };
    let chain: Vec<String> = world
        .access_chain_known_at(ix, clock)
        .into_iter()
        .map(|(role, o)| format!("{}: {}", role.label(), world.official(o).name))
        .collect();
    let kind = if a.export { "export" } else { "look-up" };
    let mut lines = Vec::new();
    lines.push(item("Access", format!("{} — {at}, {kind}", a.id)));
    // The check and the chain first: on a small screen they are what must show.
    if let Some(check) = world.access_check(ix) {
        let verdict = if check.holds() {
            "within its purpose and the role".to_owned()
        } else {
            format!("⚠ {}", check.verdict())
        };
        lines.push(item(
            "Check",
            format!(
                "{verdict} (role: {}) — {}",
                check.role,
                check.lines.join("; ")
            ),
        ));
    }
    lines.push(item("Chain", chain.join(" · ")));
    lines.push(item(
        "Purpose",
        format!("\"{}\" ({})", a.stated_words(), a.purpose.name()),
    ));
    lines.push(item("Fields", fields.join(", ")));
    lines.push(item("Whose", world.access_whose(a)));
    lines.push(item("Cites", cited));
    lines.push(item("Account", account));
    lines
}

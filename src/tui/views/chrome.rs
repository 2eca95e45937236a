//! The frame around every screen: header, tabs, footer, and the help overlay.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::audit::dialogs::InputPurpose;
use crate::audit::{Action, Screen};

use super::super::app::{App, TabPlace};
use super::super::keymap::{Mode, Spelling};
use super::super::texts::texts;
use super::{fit, tail, width};

/// The top line: the product and scenario on the left, the clock and case counts on the
/// right. The title gives way (with an ellipsis) so the two never run together.
pub fn header(frame: &mut Frame, area: Rect, app: &App) {
    let desk = &app.desk;
    let theme = app.theme;
    let counts = format!(
        "flags {}  notes {}  hints {} ",
        desk.case().flags.len(),
        desk.case().notes.len(),
        desk.case().hints.len()
    );
    let right = if area.width >= 100 {
        format!("clock {}  {counts}", desk.clock())
    } else if app.class.is_some() {
        // The class's phase and timer need the room more than the hints do.
        let case = desk.case();
        format!(
            "{}  flags {}  notes {} ",
            desk.clock(),
            case.flags.len(),
            case.notes.len()
        )
    } else {
        format!("{}  {counts}", desk.clock())
    };
    let brand = " redcode │ ";
    let right_width = width(&right);
    // Two columns of gap between the title and the clock.
    let room = usize::from(area.width).saturating_sub(right_width + width(brand) + 2);
    // In a class, the phase and time left stand where the title would.
    let title = match &app.class {
        Some(class) if class.paused => Span::styled(fit(&class.line, room), theme.bad()),
        Some(class) => Span::styled(fit(&class.line, room), theme.accent()),
        None => Span::raw(fit(&app.world.scenario.title, room)),
    };
    let left = Line::from(vec![
        Span::styled(" redcode ", theme.title()),
        Span::raw("│ "),
        title,
    ]);
    let [l, r] = Layout::horizontal([Constraint::Min(1), Constraint::Length(right_width as u16)])
        .areas(area);
    frame.render_widget(Paragraph::new(left), l);
    frame.render_widget(Paragraph::new(Span::styled(right, theme.accent())), r);
}

/// The tab bar: number keys and screen names, short names on narrow terminals.
pub fn tabs(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let short = area.width < 120;
    let mut spans = vec![Span::raw(" ")];
    let mut x = area.x + 1;
    let mut places = Vec::new();
    for (i, screen) in Screen::TABS.iter().enumerate() {
        let title = if short {
            short_title(*screen)
        } else {
            screen.title()
        };
        let label = format!("{}{}", (i + 1) % 10, title);
        let label_width = width(&label) as u16;
        places.push(TabPlace {
            area: Rect {
                x,
                y: area.y,
                width: label_width,
                height: 1,
            }
            .intersection(area),
            screen: *screen,
        });
        x = x.saturating_add(label_width + if short { 1 } else { 2 });
        let current = *screen == app.desk.screen()
            || (app.desk.screen() == Screen::Check && *screen == Screen::Trace)
            || (app.desk.screen() == Screen::Debrief && *screen == Screen::CaseFile);
        spans.push(if current {
            Span::styled(label, theme.selected())
        } else {
            Span::styled(label, theme.dim())
        });
        spans.push(Span::raw(if short { " " } else { "  " }));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    app.tab_places.replace(places);
}

fn short_title(screen: Screen) -> &'static str {
    match screen {
        Screen::Briefing => "Brief",
        Screen::Timeline => "Time",
        Screen::People => "People",
        Screen::Dossier => "Dossier",
        Screen::Trace => "Trace",
        Screen::Operators => "Ops",
        Screen::Documents => "Docs",
        Screen::Overview => "Overview",
        Screen::CaseFile => "Case",
        Screen::Compare => "Compare",
        other => other.title(),
    }
}

pub fn footer(frame: &mut Frame, area: Rect, app: &App) {
    let desk = &app.desk;
    let theme = app.theme;
    let [message, keys] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let columns = usize::from(area.width);
    let first = if let Some(input) = desk.input() {
        let label = match &input.purpose {
            InputPurpose::Search(_) => "Search",
            InputPurpose::Note => "Note",
            InputPurpose::Seek => "Seek to (YYYY-MM-DD HH:MM, MM-DD HH:MM or HH:MM)",
            InputPurpose::InjectCode => "Code the facilitator read out",
        };
        // The end of the text stays in sight as it grows.
        let room = columns.saturating_sub(width(label) + 3);
        let text = tail(&input.text, room);
        Line::from(vec![
            Span::styled(format!("{label}: "), theme.accent()),
            Span::raw(text),
            Span::styled("█", theme.dim()),
        ])
    } else if !app.status.is_empty() {
        Line::from(Span::styled(fit(&app.status, columns), theme.accent()))
    } else if !desk.message().is_empty() {
        Line::from(Span::styled(fit(desk.message(), columns), theme.accent()))
    } else if let Some(said) = app.class.as_ref().and_then(|c| c.message.as_ref()) {
        let said = format!("Facilitator: {said}");
        Line::from(Span::styled(fit(&said, columns), theme.accent()))
    } else if let Some(tip) = desk
        .tip_pending()
        .then(|| crate::tui::tips::tip(&app.keymap, desk.screen()))
        .flatten()
    {
        Line::from(Span::styled(fit(&tip, columns), theme.dim()))
    } else {
        Line::from("")
    };
    frame.render_widget(Paragraph::new(first), message);
    // As many hints as fit, in order; the help key always, since it lists the rest.
    let hints = app.keymap.footer(desk.screen(), app.mode());
    let cost = |key: &str, help: &str| width(key) + width(help) + 5;
    let help_cost = hints
        .iter()
        .find(|(_, _, a)| *a == Action::ToggleHelp)
        .map_or(0, |(k, h, _)| cost(k, h));
    let mut used = 0;
    let mut spans = Vec::new();
    for (key, help, action) in &hints {
        let reserve = if *action == Action::ToggleHelp {
            0
        } else {
            help_cost
        };
        if used + cost(key, help) + reserve > columns {
            if *action == Action::ToggleHelp {
                break;
            }
            continue;
        }
        used += cost(key, help);
        spans.push(Span::styled(format!(" {key} "), theme.selected()));
        spans.push(Span::raw(format!(" {help}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), keys);
}

/// Clears the area an overlay is drawn on. A wide character just left of the overlay
/// would spill its second half over the overlay's border, so it is blanked too.
pub fn clear_overlay(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    if area.x == 0 {
        return;
    }
    let buffer = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        let cell = &mut buffer[(area.x - 1, y)];
        if width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// A rectangle of at most `width`×`height` centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Every binding of the keymap, in columns as wide screens allow and in pages turned with
/// the movement keys when even that is not enough.
pub fn help(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let box_area = centered(area, area.width.saturating_sub(4).min(164), area.height - 2);
    clear_overlay(frame, box_area);
    let mut lines: Vec<Line> = Vec::new();
    let words = &texts().help;
    for (mode, title) in [
        (Mode::Normal, &words.modes.normal),
        (Mode::Dialog, &words.modes.dialog),
        (Mode::Text, &words.modes.text),
    ] {
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(title.as_str(), theme.accent())));
        let entries = app.keymap.help_lines(mode);
        let key_width = entries.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
        for (keys, help) in entries {
            let pad = " ".repeat(key_width - width(&keys));
            lines.push(Line::from(vec![
                Span::raw(format!(" {pad}")),
                Span::styled(keys, theme.title()),
                Span::raw("  "),
                Span::raw(help),
            ]));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(words.end.as_str()));

    let inner_width = box_area.width.saturating_sub(2);
    let rows = usize::from(box_area.height.saturating_sub(2)).max(1);
    // Columns of at least 56 cells, so no help text is cut, and no more than the lines need.
    let columns = usize::from(inner_width / 56)
        .min(lines.len().div_ceil(rows))
        .clamp(1, 3);
    let per_page = rows * columns;
    let pages = lines.len().div_ceil(per_page).max(1);
    let page = app.desk.help_page() % pages;
    let title = if pages > 1 {
        words
            .paged
            .replace("{page}", &(page + 1).to_string())
            .replace("{pages}", &pages.to_string())
    } else {
        words.title.clone()
    };
    let title = app
        .keymap
        .fill(&title, Spelling::Symbol)
        .unwrap_or_else(|| " Keys ".to_owned());
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    let constraints = vec![Constraint::Ratio(1, columns as u32); columns];
    let areas = Layout::horizontal(constraints).spacing(1).split(inner);
    let shown: Vec<Line> = lines.into_iter().skip(page * per_page).collect();
    for (chunk, column) in shown.chunks(rows).zip(areas.iter()) {
        frame.render_widget(Paragraph::new(chunk.to_vec()), *column);
    }
}

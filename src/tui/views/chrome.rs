//! The frame around every screen: header, tabs, footer, and the overlays (help, flag
//! dialog, answer picker).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, Paragraph, Wrap};

use crate::audit::Screen;
use crate::audit::dialogs::{InputPurpose, PickKind};
use crate::scenario::model::Category;

use super::super::app::App;
use super::super::keymap::Mode;

pub fn header(frame: &mut Frame, area: Rect, app: &App) {
    let desk = &app.desk;
    let theme = app.theme;
    let left = Line::from(vec![
        Span::styled(" redcode ", theme.title()),
        Span::raw("│ "),
        Span::raw(app.world.scenario.title.to_string()),
    ]);
    let right = format!(
        "clock {}  flags {}  notes {}  hints {} ",
        desk.clock,
        desk.case.flags.len(),
        desk.case.notes.len(),
        desk.case.hints.len()
    );
    let width = right.chars().count() as u16;
    let [l, r] = Layout::horizontal([Constraint::Min(1), Constraint::Length(width)]).areas(area);
    frame.render_widget(Paragraph::new(left), l);
    frame.render_widget(Paragraph::new(Span::styled(right, theme.accent())), r);
}

pub fn tabs(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let short = area.width < 120;
    let mut spans = Vec::new();
    for (i, screen) in Screen::TABS.iter().enumerate() {
        let title = if short {
            short_title(*screen)
        } else {
            screen.title()
        };
        let label = format!(" {}{} ", (i + 1) % 10, title);
        let current = *screen == app.desk.screen
            || (app.desk.screen == Screen::Check && *screen == Screen::Trace)
            || (app.desk.screen == Screen::Debrief && *screen == Screen::CaseFile);
        spans.push(if current {
            Span::styled(label, theme.selected())
        } else {
            Span::styled(label, theme.dim())
        });
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
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
    let first = if let Some(input) = &desk.input {
        let label = match &input.purpose {
            InputPurpose::Search(_) => "Search",
            InputPurpose::Note => "Note",
            InputPurpose::Seek => "Seek to (YYYY-MM-DD HH:MM)",
        };
        Line::from(vec![
            Span::styled(format!("{label}: "), theme.accent()),
            Span::raw(input.text.clone()),
            Span::styled("█", theme.dim()),
            Span::styled("   enter accept · esc cancel", theme.dim()),
        ])
    } else if !app.status.is_empty() {
        Line::from(Span::styled(app.status.clone(), theme.accent()))
    } else if !desk.message.is_empty() {
        Line::from(Span::styled(desk.message.clone(), theme.accent()))
    } else if let Some(tip) = desk.tip() {
        Line::from(Span::styled(tip, theme.dim()))
    } else {
        Line::from("")
    };
    frame.render_widget(Paragraph::new(first), message);
    let pairs: Vec<(String, String)> = match app.mode() {
        Mode::Normal => app
            .keymap
            .footer(desk.screen)
            .into_iter()
            .map(|(k, h)| (k.to_owned(), h.to_owned()))
            .collect(),
        mode => app.keymap.help_lines(mode),
    };
    let mut spans = Vec::new();
    for (key, help) in pairs {
        spans.push(Span::styled(format!(" {key} "), theme.selected()));
        spans.push(Span::raw(format!(" {help}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), keys);
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

pub fn help(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme;
    let box_area = centered(area, 76, area.height.saturating_sub(2));
    frame.render_widget(Clear, box_area);
    let mut lines = vec![Line::from(Span::styled(
        "Keys (esc or ? to close)",
        theme.title(),
    ))];
    for (mode, title) in [
        (Mode::Normal, "Console"),
        (Mode::Dialog, "In a dialog"),
        (Mode::Text, "In a text field"),
    ] {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(title, theme.accent())));
        for (keys, help) in app.keymap.help_lines(mode) {
            lines.push(Line::from(vec![
                Span::styled(format!("{keys:>18}  "), theme.title()),
                Span::raw(help),
            ]));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(
        "Mouse: click a row to select it, scroll to move.",
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::default().borders(Borders::ALL).title(" Help ")),
        box_area,
    );
}

pub fn flag_dialog(frame: &mut Frame, area: Rect, app: &App) {
    let Some(dialog) = &app.desk.flag_dialog else {
        return;
    };
    let theme = app.theme;
    let world = &app.world;
    let officials = &world.scenario.officials;
    let box_area = centered(area, 78, area.height.saturating_sub(2));
    frame.render_widget(Clear, box_area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Flag — space changes, enter records, esc cancels ");
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    let mut rows: Vec<ListItem> = Vec::new();
    let scope = dialog
        .flag(world)
        .map(|f| f.describe(world))
        .unwrap_or_default();
    rows.push(ListItem::new(format!(
        "On:        {scope}  ({} of {})",
        dialog.scope + 1,
        dialog.scopes.len()
    )));
    let categories: Vec<String> = Category::ALL
        .iter()
        .map(|c| {
            if *c == dialog.category {
                format!("[{}]", c.label())
            } else {
                c.label().to_owned()
            }
        })
        .collect();
    rows.push(ListItem::new(format!(
        "Category:  {}",
        categories.join(" · ")
    )));
    for (label, set) in [
        ("Executed by", &dialog.executed_by),
        ("Ordered by", &dialog.ordered_by),
    ] {
        for (i, o) in officials.iter().enumerate() {
            let tick = if set.contains(&(i as u16)) {
                "[x]"
            } else {
                "[ ]"
            };
            let head = if i == 0 {
                format!("{label}:")
            } else {
                String::new()
            };
            rows.push(ListItem::new(format!(
                "{head:<12}{tick} {} — {}",
                o.name, o.post
            )));
        }
    }
    let height = inner.height as usize;
    let offset = dialog.row.saturating_sub(height.saturating_sub(1));
    let visible: Vec<ListItem> = rows
        .into_iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, item)| {
            if i == dialog.row {
                item.style(theme.selected())
            } else {
                item
            }
        })
        .collect();
    frame.render_widget(List::new(visible), inner);
}

pub fn picker(frame: &mut Frame, area: Rect, app: &App) {
    let Some(picker) = &app.desk.picker else {
        return;
    };
    let theme = app.theme;
    let world = &app.world;
    let question = world
        .scenario
        .answer_key
        .as_ref()
        .and_then(|k| {
            k.objectives
                .iter()
                .find(|o| o.id == picker.objective.as_str())
        })
        .map(|o| o.question.to_string())
        .unwrap_or_default();
    let box_area = centered(area, 78, area.height.saturating_sub(4));
    frame.render_widget(Clear, box_area);
    let how = match picker.kind {
        PickKind::Officials => "space ticks, enter answers",
        PickKind::Number => "type the number, enter answers",
        PickKind::Person => "type to search, enter answers",
        _ => "enter answers",
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" Answer — {how}, esc cancels "));
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    let [q, text, list] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(question)
            .wrap(Wrap { trim: true })
            .style(theme.title()),
        q,
    );
    if picker.kind.takes_text() {
        frame.render_widget(Paragraph::new(format!("> {}█", picker.text)), text);
    }
    let documents = app.desk.available_documents(world);
    let candidates = picker.candidates(world, &documents);
    let height = list.height as usize;
    let offset = picker.cursor.saturating_sub(height.saturating_sub(1));
    let items: Vec<ListItem> = candidates
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, (_, label))| {
            let tick = match picker.kind {
                PickKind::Officials if picker.chosen.contains(&i) => "[x] ",
                PickKind::Officials => "[ ] ",
                _ => "",
            };
            let item = ListItem::new(format!("{tick}{label}"));
            if i == picker.cursor {
                item.style(theme.selected())
            } else {
                item
            }
        })
        .collect();
    frame.render_widget(List::new(items), list);
}

//! The dialogs drawn over a screen: the flag dialog, the answer picker and a question
//! before a submit or a deletion.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders, List, ListItem, Paragraph, Wrap};

use crate::audit::dialogs::PickKind;
use crate::scenario::catalog::OfficialIx;
use crate::scenario::model::ChainRole;

use super::super::app::App;
use super::super::keymap::Spelling;
use super::super::texts::texts;
use super::chrome::{centered, clear_overlay};
use super::fit;

/// The flag dialog over the screen: scope, categories, and who decided, passed the
/// instruction on and carried it out.
pub fn flag_dialog(frame: &mut Frame, area: Rect, app: &App) {
    let Some(dialog) = app.desk.flag_dialog() else {
        return;
    };
    let world = &app.world;
    let officials = &world.scenario.officials;
    let box_area = centered(area, 100, area.height.saturating_sub(2));
    clear_overlay(frame, box_area);
    let block = Block::default().borders(Borders::ALL).title(dialog_title(
        app,
        &texts().dialogs.flag,
        " Flag ",
    ));
    let inner = block.inner(box_area);
    frame.render_widget(block, box_area);
    let columns = usize::from(inner.width);
    let label = |text: &str| format!("{text:<13}");
    let mut rows: Vec<String> = Vec::new();
    let scope = dialog
        .flag(world)
        .map(|f| f.describe(world))
        .unwrap_or_default();
    rows.push(format!(
        "{}{scope}  ({} of {})",
        label("On:"),
        dialog.scope + 1,
        dialog.scopes.len()
    ));
    let tick = |on: bool| if on { "[x]" } else { "[ ]" };
    for (i, c) in dialog.offered().iter().enumerate() {
        let head = if i == 0 {
            label("Category:")
        } else {
            label("")
        };
        let on = dialog.categories.contains(c);
        rows.push(format!("{head}{} {}", tick(on), c.label()));
    }
    for role in ChainRole::ALL {
        let set = &dialog.chain[role as usize];
        for (i, o) in officials.iter().enumerate() {
            let on = set.contains(&OfficialIx(i as u16));
            // The part's words head its first row, as the trace's labels spell them.
            let head = if i == 0 {
                format!("{}:", role.label())
            } else {
                String::new()
            };
            rows.push(format!("{head:<27}{} {} — {}", tick(on), o.name, o.post));
        }
    }
    let rows = rows.into_iter().map(|text| fit(&text, columns));
    cursor_list(frame, inner, app, rows, dialog.row);
}

/// Rows with the one at `cursor` highlighted, scrolled just far enough to show it.
fn cursor_list(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    rows: impl Iterator<Item = String>,
    cursor: usize,
) {
    let height = area.height as usize;
    let offset = cursor.saturating_sub(height.saturating_sub(1));
    let items: Vec<ListItem> = rows
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, text)| {
            let item = ListItem::new(text);
            if i == cursor {
                item.style(app.theme.selected())
            } else {
                item
            }
        })
        .collect();
    frame.render_widget(List::new(items), area);
}

/// The answer picker over the screen: the candidates, and the text typed to narrow them.
pub fn picker(frame: &mut Frame, area: Rect, app: &App) {
    let Some(picker) = app.desk.picker() else {
        return;
    };
    let theme = app.theme;
    let world = &app.world;
    let question = if picker.kind == PickKind::Controls {
        "Which controls would have stopped it? Tick each you recommend.".to_owned()
    } else {
        world
            .scenario
            .answer_key
            .as_ref()
            .and_then(|k| {
                k.objectives
                    .iter()
                    .find(|o| o.id == picker.objective.as_str())
            })
            .map(|o| o.question.to_string())
            .unwrap_or_default()
    };
    let box_area = centered(area, 100, area.height.saturating_sub(4));
    clear_overlay(frame, box_area);
    let titles = &texts().dialogs.answer;
    let title = match picker.kind {
        PickKind::Officials => &titles.tick,
        PickKind::Number => &titles.number,
        PickKind::Person => &titles.search,
        PickKind::Official | PickKind::Document => &titles.choose,
        PickKind::Controls => &texts().dialogs.controls,
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(dialog_title(app, title, " Answer "));
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
    let rows = candidates.iter().enumerate().map(|(i, (_, label))| {
        let tick = match picker.kind {
            kind if kind.ticks() && picker.chosen.contains(&i) => "[x] ",
            kind if kind.ticks() => "[ ] ",
            _ => "",
        };
        fit(&format!("{tick}{label}"), usize::from(list.width))
    });
    cursor_list(frame, list, app, rows, picker.cursor);
}

/// The question asked before a submit or a deletion, over the screen.
pub fn question(frame: &mut Frame, area: Rect, app: &App) {
    let Some(question) = app.desk.question() else {
        return;
    };
    let columns = usize::from(area.width.saturating_sub(4)).min(76);
    let wrapped: Vec<String> = question
        .lines
        .iter()
        .flat_map(|l| textwrap::wrap(l, columns.max(10)))
        .map(|l| l.into_owned())
        .collect();
    let height = (wrapped.len() as u16 + 2).min(area.height);
    let box_area = centered(area, 80, height);
    clear_overlay(frame, box_area);
    let block = Block::default().borders(Borders::ALL).title(dialog_title(
        app,
        &texts().dialogs.question,
        " Sure? ",
    ));
    let lines: Vec<ratatui::text::Line> = wrapped
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                ratatui::text::Line::styled(l, app.theme.title())
            } else {
                ratatui::text::Line::from(l)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), box_area);
}

/// A dialog's title with the keys bound in the mode it is open in; `bare` when one of the
/// keys it names is unbound.
fn dialog_title(app: &App, template: &str, bare: &str) -> String {
    app.keymap
        .fill_in(app.mode(), template, Spelling::Plain)
        .unwrap_or_else(|| bare.to_owned())
}

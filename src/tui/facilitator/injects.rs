//! The injects view of the facilitator's console (tab 4): the scenario's injects with when
//! each comes by itself, its code for a class without a network, and whom it has reached;
//! Enter releases the selected one to everyone.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row, Table, TableState};

use super::super::theme::Theme;
use super::ClassView;
use super::state::{Command, Console};
use crate::scenario::inject;

/// Whether the injects view took a key, and what the class must do for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    /// Not theirs: the console's own keys have it.
    No,
    Yes(Option<Command>),
}

/// Draws the injects view; the console's scroll is the selected row.
pub fn draw(frame: &mut Frame, area: Rect, view: &ClassView, theme: Theme, console: &Console) {
    let s = &view.world.scenario;
    console
        .scroll_max
        .set(u16::try_from(s.injects.len().saturating_sub(1)).unwrap_or(0));
    if s.injects.is_empty() {
        let none = Table::new(
            [Row::new([
                "This scenario marks no injects: its records reach students at their times.",
            ])],
            [Constraint::Min(10)],
        );
        frame.render_widget(none.style(theme.dim()), area);
        return;
    }
    let rows: Vec<Row> = s
        .injects
        .iter()
        .zip(view.inject_codes.iter())
        .map(|(inj, code)| {
            let what = inject::describe(s, inj);
            let whom: Vec<String> = view
                .released
                .iter()
                .filter(|r| r.id == *inj.id)
                .map(|r| r.to.clone().unwrap_or_else(|| "everyone".to_owned()))
                .collect();
            let alone = inject::schedule(s, inj).map_or_else(|| "—".to_owned(), |t| t.to_string());
            Row::new(vec![
                Cell::from(inj.minute.map_or_else(String::new, |m| format!("{m:>3}'"))),
                Cell::from(what),
                Cell::from(code.clone()),
                Cell::from(alone),
                Cell::from(if whom.is_empty() {
                    String::new()
                } else {
                    format!("to {}", whom.join(", "))
                }),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(4),
            Constraint::Min(20),
            Constraint::Length(18),
            Constraint::Length(16),
            Constraint::Length(12),
        ],
    )
    .header(
        Row::new([
            "min",
            "Inject (Enter releases it to everyone)",
            "Code",
            "Comes alone at",
            "Released",
        ])
        .style(theme.title()),
    )
    .row_highlight_style(theme.selected());
    let selected = usize::from(console.scroll).min(s.injects.len() - 1);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
}

/// A key pressed while the injects view is shown, offered before the console's own keys:
/// Enter releases the selected inject to everyone.
pub fn key(key: KeyEvent, view: &ClassView, console: &Console) -> Taken {
    let injects = &view.world.scenario.injects;
    match key.code {
        KeyCode::Enter if !injects.is_empty() => {
            let row = usize::from(console.scroll).min(injects.len() - 1);
            Taken::Yes(Some(Command::ReleaseInject(injects[row].id.to_string())))
        }
        _ => Taken::No,
    }
}

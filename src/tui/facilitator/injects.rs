//! The injects view of the facilitator's console (tab 4): the scenario's injects with when
//! each comes by itself, its code for a class without a network, and whom it has reached;
//! Enter releases the selected one to everyone, `t` to one team or one student.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Block, Borders, Cell, Clear, List, ListItem, ListState, Row, Table};
use ratatui::widgets::{Paragraph, TableState};

use super::super::theme::Theme;
use super::ClassView;
use super::state::{Command, Console};
use crate::class::release::Audience;
use crate::scenario::inject;

/// Whether the injects view took a key, and what the class must do for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    /// Not theirs: the console's own keys have it.
    No,
    Yes(Option<Command>),
}

/// Whom one inject can be released to alone: each team, then each student, as the roster
/// has them now.
pub fn audiences(view: &ClassView) -> Vec<Audience> {
    let teams = view
        .roster
        .teams()
        .into_iter()
        .map(|t| Audience::Team(t.team));
    let students = view
        .roster
        .students()
        .map(|s| Audience::Student(s.name.clone()));
    teams.chain(students).collect()
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
                .map(|r| r.to.to_string())
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
            Constraint::Length(16),
        ],
    )
    .header(Row::new(["min", "Inject", "Code", "Comes alone at", "Released"]).style(theme.title()))
    .row_highlight_style(theme.selected());
    let selected = usize::from(console.scroll).min(s.injects.len() - 1);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
    if let Some(row) = console.picking {
        let title = format!(" Release {} to: ", s.injects[selected].id);
        picker(frame, area, &audiences(view), row, &title, theme);
    }
}

/// The audiences to choose from, in a box over the view.
fn picker(
    frame: &mut Frame,
    area: Rect,
    choices: &[Audience],
    row: usize,
    title: &str,
    theme: Theme,
) {
    let height = u16::try_from(choices.len().max(2) + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let width = 44.min(area.width);
    let place = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, place);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title.to_owned())
        .title_bottom(" ↑↓ choose · Enter release · Esc cancel ");
    if choices.is_empty() {
        let none = Paragraph::new("Nobody has joined yet: no team or student to choose.")
            .wrap(ratatui::widgets::Wrap { trim: true })
            .block(block)
            .style(theme.dim());
        frame.render_widget(none, place);
        return;
    }
    let items: Vec<ListItem> = choices
        .iter()
        .map(|a| ListItem::new(a.to_string()))
        .collect();
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selected());
    let mut state = ListState::default().with_selected(Some(row.min(choices.len() - 1)));
    frame.render_stateful_widget(list, place, &mut state);
}

/// A key pressed while the injects view is shown, offered before the console's own keys:
/// Enter releases the selected inject to everyone; `t` opens the choice of one team or
/// student, where Enter releases it to them.
pub fn key(key: KeyEvent, view: &ClassView, console: &mut Console) -> Taken {
    let injects = &view.world.scenario.injects;
    if injects.is_empty() {
        return Taken::No;
    }
    let id = || {
        injects[usize::from(console.scroll).min(injects.len() - 1)]
            .id
            .to_string()
    };
    let interrupt = key.code == KeyCode::Char('c')
        && key
            .modifiers
            .contains(ratatui::crossterm::event::KeyModifiers::CONTROL);
    if let Some(row) = console.picking
        && !interrupt
    {
        let choices = audiences(view);
        let last = choices.len().saturating_sub(1);
        let command = match key.code {
            KeyCode::Up | KeyCode::Char('k') => {
                console.picking = Some(row.saturating_sub(1));
                None
            }
            KeyCode::Down | KeyCode::Char('j') => {
                console.picking = Some((row + 1).min(last));
                None
            }
            KeyCode::Enter => {
                console.picking = None;
                let to = choices.get(row.min(last)).cloned();
                to.map(|to| Command::ReleaseInject(id(), to))
            }
            KeyCode::Esc => {
                console.picking = None;
                None
            }
            // While choosing, no other key reaches the console.
            _ => None,
        };
        return Taken::Yes(command);
    }
    match key.code {
        KeyCode::Enter => Taken::Yes(Some(Command::ReleaseInject(id(), Audience::Everyone))),
        KeyCode::Char('t') => {
            console.picking = Some(0);
            Taken::Yes(None)
        }
        _ => Taken::No,
    }
}

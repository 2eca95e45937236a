//! The roster view: every student with their live progress, the phase and its timer above.

use std::time::Duration;

use ratatui::layout::Constraint;
use ratatui::widgets::{Block, Borders, Cell, Row, Table};

use super::super::theme::Theme;
use super::ClassView;
use crate::class::Student;

/// How long since a student last pressed a key, short: "45s", "12m"; blank when away or
/// before their first key.
pub fn idle(student: &Student, now: Duration) -> String {
    match student.progress.last_active {
        Some(at) if student.connected => {
            let secs = now.saturating_sub(at).as_secs();
            if secs < 60 {
                format!("{secs}s")
            } else {
                format!("{}m", secs / 60)
            }
        }
        _ => String::new(),
    }
}

/// The scenario clock a student has reached, without its year (it is the scenario's).
fn short_clock(clock: &str) -> &str {
    clock
        .get(5..)
        .filter(|_| clock.len() == 16)
        .unwrap_or(clock)
}

pub fn table(view: &ClassView, theme: Theme) -> Table<'static> {
    let rows: Vec<Row> = view
        .roster
        .students()
        .map(|s| {
            let p = &s.progress;
            let st = &p.standing;
            let wrong = Cell::from(st.wrong.to_string());
            Row::new(vec![
                Cell::from(s.name.clone()),
                Cell::from(if s.connected { "on" } else { "away" }),
                Cell::from(short_clock(&p.clock).to_owned()),
                Cell::from(p.flags.to_string()),
                Cell::from(p.notes.to_string()),
                Cell::from(format!("{}/{}", st.passed.len(), st.findings)),
                if st.wrong > 0 {
                    wrong.style(theme.bad())
                } else {
                    wrong
                },
                Cell::from(p.hints.to_string()),
                Cell::from(idle(s, view.now)),
                Cell::from(if p.submitted { "submitted" } else { "" }),
            ])
        })
        .collect();
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let teams = match view.roster.teams().len() {
        0 => String::new(),
        n => format!(" in {}", count(n, "team", "teams")),
    };
    let title = format!(
        " {}{teams}, {} connected ({}) ",
        count(view.roster.len(), "student", "students"),
        view.roster.connected(),
        count(view.connections, "connection", "connections"),
    );
    Table::new(
        rows,
        [
            Constraint::Min(10),
            Constraint::Length(4),
            Constraint::Length(11),
            Constraint::Length(5),
            Constraint::Length(5),
            Constraint::Length(5),
            Constraint::Length(5),
            Constraint::Length(5),
            Constraint::Length(4),
            Constraint::Length(9),
        ],
    )
    .header(
        Row::new([
            "Name", "", "Clock", "Flags", "Notes", "Pass", "Wrong", "Hints", "Idle", "",
        ])
        .style(theme.title()),
    )
    .block(Block::default().borders(Borders::TOP).title(title))
}

//! The facilitator's console, in the teacher's own terminal: how students join, the class
//! code, the roster as it moves, and the latest events. Students never reach it: it is
//! drawn only here, never served.

use std::io;
use std::time::Duration;

use ratatui::Frame;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use super::terminal;
use super::theme::Theme;
use crate::class::Roster;

/// How often the roster is redrawn while no key is pressed.
const REFRESH: Duration = Duration::from_millis(500);

/// What the facilitator's console shows, taken fresh for every frame.
#[derive(Debug, Clone)]
pub struct ClassView {
    pub title: String,
    /// One `ssh -p PORT NAME@ADDRESS` line per address the students can reach.
    pub join: Vec<String>,
    pub code: String,
    pub dir: String,
    pub roster: Roster,
    pub connections: usize,
    /// The latest lines of the class log, oldest first.
    pub log: Vec<String>,
}

/// Whether `q` has been pressed once: the class stops on the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Confirming(pub bool);

/// Draws the console.
pub fn draw(frame: &mut Frame, view: &ClassView, theme: Theme, confirming: Confirming) {
    let [head, roster, log, foot] = Layout::vertical([
        Constraint::Length(u16::try_from(view.join.len()).unwrap_or(3).min(3) + 4),
        Constraint::Min(5),
        Constraint::Length(6),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    let mut lines = vec![Line::styled(view.title.clone(), theme.title())];
    lines.push(Line::from(
        if view.join.iter().any(|j| j.contains("TEAM/NAME")) {
            "Students join with (each types their team for TEAM, their own name for NAME):"
        } else {
            "Students join with (each types their own name for NAME):"
        },
    ));
    lines.extend(
        view.join
            .iter()
            .take(3)
            .map(|j| Line::styled(format!("    {j}"), theme.accent())),
    );
    lines.push(Line::from(vec![
        Span::raw("Class code (their password): "),
        Span::styled(view.code.clone(), theme.accent()),
    ]));
    lines.push(Line::styled(format!("Journals: {}", view.dir), theme.dim()));
    frame.render_widget(Paragraph::new(lines), head);
    frame.render_widget(roster_table(view, theme), roster);
    let log_lines: Vec<Line> = view.log.iter().map(|l| Line::from(l.as_str())).collect();
    frame.render_widget(
        Paragraph::new(log_lines).block(Block::default().borders(Borders::TOP).title(" Log ")),
        log,
    );
    let footer = if confirming.0 {
        Line::styled(
            "Stop the class? Every student is disconnected; their games are saved. q again to stop, any other key to go on.",
            theme.bad(),
        )
    } else {
        Line::styled("q stop the class", theme.dim())
    };
    frame.render_widget(Paragraph::new(footer), foot);
}

fn roster_table(view: &ClassView, theme: Theme) -> Table<'static> {
    let rows: Vec<Row> = view
        .roster
        .students()
        .map(|s| {
            let p = &s.progress;
            Row::new(vec![
                Cell::from(s.name.clone()),
                Cell::from(if s.connected { "connected" } else { "away" }),
                Cell::from(p.clock.clone()),
                Cell::from(p.flags.to_string()),
                Cell::from(p.notes.to_string()),
                Cell::from(if p.submitted { "submitted" } else { "" }),
            ])
        })
        .collect();
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let teams = view.roster.teams().len();
    let teams = if teams > 0 {
        format!(" in {}", count(teams, "team", "teams"))
    } else {
        String::new()
    };
    let title = format!(
        " Roster: {}{teams}, {} connected ({}) ",
        count(view.roster.len(), "student", "students"),
        view.roster.connected(),
        count(view.connections, "connection", "connections"),
    );
    Table::new(
        rows,
        [
            Constraint::Min(16),
            Constraint::Length(10),
            Constraint::Length(17),
            Constraint::Length(6),
            Constraint::Length(6),
            Constraint::Length(10),
        ],
    )
    .header(Row::new(["Name", "", "Clock", "Flags", "Notes", ""]).style(theme.title()))
    .block(Block::default().borders(Borders::TOP).title(title))
}

/// Runs the console in the local terminal until the facilitator stops the class (`q`
/// twice, or Ctrl+C) or a signal asks it to stop. `view` is asked for a fresh view before
/// every frame.
pub fn run(theme: Theme, mut view: impl FnMut() -> ClassView) -> io::Result<()> {
    let stop = terminal::StopSignal::register()?;
    let mut term = terminal::enter()?;
    let mut confirming = Confirming(false);
    let result = (|| loop {
        let shown = view();
        term.draw(|frame| draw(frame, &shown, theme, confirming))?;
        if stop.raised() {
            return Ok(());
        }
        if !event::poll(REFRESH)? {
            continue;
        }
        let Event::Key(key) = event::read()? else {
            continue;
        };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl_c || (key.code == KeyCode::Char('q') && confirming.0) {
            return Ok(());
        }
        confirming = Confirming(key.code == KeyCode::Char('q'));
    })();
    terminal::leave();
    result
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::class::Progress;

    #[test]
    fn the_console_shows_how_to_join_the_code_and_the_roster() {
        let mut roster = Roster::new();
        roster.join("Ana").unwrap();
        roster.update(
            "Ana",
            Progress {
                clock: "2022-06-10 09:00".into(),
                flags: 2,
                notes: 1,
                submitted: true,
            },
        );
        roster.join("Bo").unwrap();
        roster.leave("Bo");
        let view = ClassView {
            title: "redcode class: Zhengzhou".into(),
            join: vec!["ssh -p 2222 NAME@192.0.2.7".into()],
            code: "swift-river-42".into(),
            dir: "class-zhengzhou".into(),
            roster,
            connections: 1,
            log: vec!["2026-01-01T00:00:00Z joined Ana (192.0.2.9:5000)".into()],
        };
        let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
        terminal
            .draw(|f| draw(f, &view, Theme::MONO, Confirming(false)))
            .unwrap();
        let screen = format!("{:?}", terminal.backend().buffer());
        for wanted in [
            "ssh -p 2222 NAME@192.0.2.7",
            "swift-river-42",
            "Ana",
            "submitted",
            "away",
            "q stop the class",
        ] {
            assert!(screen.contains(wanted), "{wanted} missing");
        }
        terminal
            .draw(|f| draw(f, &view, Theme::MONO, Confirming(true)))
            .unwrap();
        let screen = format!("{:?}", terminal.backend().buffer());
        assert!(screen.contains("Stop the class?"));
    }
}

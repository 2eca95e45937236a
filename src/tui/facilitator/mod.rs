//! The facilitator's console, in the teacher's own terminal: how students join, the class
//! code, the phase and its timer, and four views (the roster with live progress, the
//! answer key and true chain, the projector's hot wash, the injects), with the controls of
//! the class in the footer. Students never reach it: it is drawn only here, never served.

pub mod injects;
mod key;
mod projector;
mod roster;
pub mod state;

use std::io;
use std::sync::Arc;
use std::time::Duration;

use ratatui::Frame;
use ratatui::crossterm::event::{self, Event, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, TableState};

use super::terminal;
use super::theme::Theme;
use crate::class::exercise::clock;
use crate::class::hotwash::hot_wash;
use crate::class::{Exercise, Roster};
use crate::engine::World;
pub use state::{Asking, Command, Console, KEYS, Tab};

/// How often the console is redrawn while no key is pressed: the timer shows seconds.
const REFRESH: Duration = Duration::from_millis(250);

/// What the facilitator's console shows, taken fresh for every frame.
#[derive(Clone)]
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
    /// The world the class plays, for the key and the hot wash.
    pub world: Arc<World>,
    pub exercise: Exercise,
    /// Class time now.
    pub now: Duration,
    /// The injects released so far, and to whom.
    pub released: Vec<crate::class::Released>,
    /// Each inject's code, in the scenario's order: worked out once for the class, not per
    /// frame (each derivation hashes the whole scenario).
    pub inject_codes: Arc<[String]>,
}

/// The phase and its timer, as the facilitator reads it.
fn phase_line(view: &ClassView) -> String {
    let e = &view.exercise;
    let Some(phase) = e.phase() else {
        return "Not started: n starts the briefing".to_owned();
    };
    let next = phase.next().map_or(String::new(), |n| {
        format!(", then {}", n.name().to_lowercase())
    });
    let mut line = format!(
        "{} {} of {}{next}",
        phase.name(),
        clock(e.elapsed(view.now)),
        clock(e.plan().duration(phase))
    );
    if e.paused() {
        line.push_str(" · PAUSED");
    }
    if e.ending() && !e.closed() {
        line.push_str(" · ending");
    }
    if e.closed() {
        line.push_str(" · submissions closed");
    }
    line
}

/// Draws the console.
pub fn draw(frame: &mut Frame, view: &ClassView, theme: Theme, console: &Console) {
    let area = frame.area();
    let log_height = if area.height >= 30 { 6 } else { 3 };
    let join_rows = u16::try_from(view.join.len()).unwrap_or(1).clamp(1, 3);
    let [head, tabs, help, body, log, foot] = Layout::vertical([
        Constraint::Length(join_rows + 2),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(log_height),
        Constraint::Length(1),
    ])
    .areas(area);
    header(frame, head, view, theme);
    tab_bar(frame, tabs, console.tab, theme);
    frame.render_widget(
        Paragraph::new(Line::styled(console.tab.help(), theme.dim())),
        help,
    );
    match console.tab {
        Tab::Roster => {
            // The table's border and header take two rows; the rest scroll.
            let rows = usize::from(body.height.saturating_sub(2));
            let max = view.roster.len().saturating_sub(rows);
            console
                .scroll_max
                .set(u16::try_from(max).unwrap_or(u16::MAX));
            let mut state = TableState::default().with_offset(usize::from(console.scroll).min(max));
            frame.render_stateful_widget(roster::table(view, theme), body, &mut state);
        }
        Tab::Key => {
            let lines = key::lines(&view.world, theme);
            console
                .scroll_max
                .set(projector::scrolled(lines.clone(), body));
            frame.render_widget(projector::text(lines, body, console.scroll), body);
        }
        Tab::Projector => console.scroll_max.set(projector::draw(
            frame,
            body,
            &hot_wash(&view.world, &view.roster),
            theme,
            console.scroll,
        )),
        Tab::Injects => injects::draw(frame, body, view, theme, console),
    }
    let shown = usize::from(log_height.saturating_sub(1));
    let log_lines: Vec<Line> = view
        .log
        .iter()
        .skip(view.log.len().saturating_sub(shown))
        .map(|l| Line::from(l.as_str()))
        .collect();
    frame.render_widget(
        Paragraph::new(log_lines).block(Block::default().borders(Borders::TOP).title(" Log ")),
        log,
    );
    footer(frame, foot, view, theme, console);
}

fn header(frame: &mut Frame, area: Rect, view: &ClassView, theme: Theme) {
    let phase = phase_line(view);
    let paused = view.exercise.paused();
    let mut lines = vec![Line::from(vec![
        Span::styled(view.title.clone(), theme.title()),
        Span::raw("  "),
        Span::styled(phase, if paused { theme.bad() } else { theme.accent() }),
    ])];
    for (i, join) in view.join.iter().take(3).enumerate() {
        let label = if i == 0 { "Join: " } else { "      " };
        lines.push(Line::from(vec![
            Span::raw(label),
            Span::styled(join.clone(), theme.accent()),
        ]));
    }
    lines.push(Line::from(vec![
        Span::raw("Class code (their password): "),
        Span::styled(view.code.clone(), theme.accent()),
        Span::styled(format!("   Journals: {}", view.dir), theme.dim()),
    ]));
    frame.render_widget(Paragraph::new(lines), area);
}

fn tab_bar(frame: &mut Frame, area: Rect, current: Tab, theme: Theme) {
    let mut spans = vec![];
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, tab.title());
        spans.push(if *tab == current {
            Span::styled(label, theme.selected())
        } else {
            Span::styled(label, theme.dim())
        });
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The keys, or the message being typed, or the question waiting for its answer.
fn footer(frame: &mut Frame, area: Rect, view: &ClassView, theme: Theme, console: &Console) {
    let line = if let Some(text) = &console.typing {
        Line::from(vec![
            Span::styled(
                "Message to everyone (Enter sends, Esc cancels): ",
                theme.accent(),
            ),
            Span::raw(text.clone()),
            Span::styled("█", theme.dim()),
        ])
    } else if let Some(asking) = console.asking {
        Line::styled(asking.question(), theme.bad())
    } else {
        // As many keys as fit, in order; the way to stop always.
        let columns = usize::from(area.width);
        let cost = |key: &str, what: &str| key.chars().count() + what.chars().count() + 3;
        let stop = KEYS.last().map_or(0, |(k, w)| cost(k, w));
        let mut used = 0;
        let mut spans = vec![];
        for (i, (key, what)) in KEYS.into_iter().enumerate() {
            let what = match (key, view.exercise.phase(), view.exercise.paused()) {
                ("n", None, _) => "start",
                ("p", _, true) => "resume",
                _ => what,
            };
            let reserve = if i + 1 == KEYS.len() { 0 } else { stop };
            if used + cost(key, what) + reserve > columns {
                continue;
            }
            used += cost(key, what);
            spans.push(Span::styled(format!(" {key} "), theme.selected()));
            spans.push(Span::raw(format!("{what} ")));
        }
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// What a key asks of the class: the injects view has the first say while it is shown and
/// nothing is being typed, then the console's own keys.
pub fn dispatch(console: &mut Console, key: KeyEvent, view: &ClassView) -> Option<Command> {
    if console.tab == Tab::Injects
        && console.typing.is_none()
        && console.asking.is_none()
        && let injects::Taken::Yes(command) = injects::key(key, view, &mut *console)
    {
        return command;
    }
    console.key(key, &view.exercise)
}

/// Runs the console in the local terminal until the facilitator stops the class (`q`
/// twice, or Ctrl+C) or a signal asks it to stop. `view` is asked for a fresh view before
/// every frame; `act` carries out each command on the class.
pub fn run(
    theme: Theme,
    mut view: impl FnMut() -> ClassView,
    mut act: impl FnMut(&Command),
) -> io::Result<()> {
    let stop = terminal::StopSignal::register()?;
    let mut term = terminal::enter()?;
    let mut console = Console::default();
    let result = (|| loop {
        let shown = view();
        term.draw(|frame| draw(frame, &shown, theme, &console))?;
        if stop.raised() {
            return Ok(());
        }
        if !event::poll(REFRESH)? {
            continue;
        }
        let Event::Key(key) = event::read()? else {
            continue;
        };
        match dispatch(&mut console, key, &shown) {
            Some(Command::Stop) => return Ok(()),
            Some(command) => act(&command),
            None => {}
        }
    })();
    terminal::leave();
    result
}

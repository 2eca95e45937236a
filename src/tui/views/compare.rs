//! The compare screen: two people side by side.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::audit::Screen;
use crate::engine::EntryId;

use super::super::app::App;
use super::super::theme::badge;
use super::dossier::{cause_in_system, profile_lines, record_lines};
use super::scroll::{TextPane, text_pane};

/// The compare screen: the two marked people's dossiers side by side.
pub fn compare(frame: &mut Frame, area: Rect, app: &App) {
    let [Some(a), Some(b)] = app.desk.compared() else {
        frame.render_widget(
            Paragraph::new(
                "Mark two people with m (in People or a dossier) to compare them side by side.",
            )
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::ALL).title(" Compare ")),
            area,
        );
        return;
    };
    let columns =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).split(area);
    for (pane, (person, column)) in [(a, columns[0]), (b, columns[1])].into_iter().enumerate() {
        let mut items: Vec<Vec<Line>> = record_lines(app, person)
            .into_iter()
            .map(|l| vec![l])
            .collect();
        items.push(vec![Line::from("")]);
        items.push(vec![Line::from(Span::styled(
            "Code history",
            app.theme.title(),
        ))]);
        let history = app.world.ledger.history(person);
        let visible: Vec<EntryId> = history
            .iter()
            .copied()
            .filter(|&id| {
                app.world
                    .ledger
                    .get(id)
                    .is_some_and(|e| e.at <= app.desk.clock())
            })
            .collect();
        if visible.is_empty() {
            items.push(vec![Line::from(Span::styled(
                "no change: green throughout",
                app.theme.dim(),
            ))]);
        }
        for id in visible {
            let e = &app.world.ledger.entries()[id.ix()];
            items.push(vec![Line::from(vec![
                Span::raw(format!("#{id} {} ", e.at)),
                Span::styled(badge(e.to), app.theme.code(e.to)),
                Span::raw(format!(" {}", cause_in_system(app, id))),
            ])]);
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" {} ", app.world.person_name(person)));
        text_pane(
            frame,
            column,
            app,
            TextPane {
                screen: Screen::Compare,
                pane,
                block,
                head: profile_lines(app, person),
                items,
            },
        );
    }
}

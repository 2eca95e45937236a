//! Drawing: the frame's chrome (header, tabs, footer, overlays) and one module per screen.
//! Views read the desk and the world; they never change the desk.

mod chrome;
mod investigate;
mod lists;
mod record;
mod summary;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::audit::Screen;

use super::app::App;

/// The smallest terminal the console draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    app.list_area.replace(None);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = vec![
            Line::from("redcode needs a terminal of at least 80×24."),
            Line::from(format!(
                "This one is {}×{}: make it larger, or press q to quit.",
                area.width, area.height
            )),
        ];
        frame.render_widget(
            Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    let [header, tabs, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(2),
    ])
    .areas(area);
    chrome::header(frame, header, app);
    chrome::tabs(frame, tabs, app);
    draw_screen(frame, body, app);
    chrome::footer(frame, footer, app);
    if app.desk.help {
        chrome::help(frame, area, app);
    }
    if app.desk.flag_dialog.is_some() {
        chrome::flag_dialog(frame, area, app);
    }
    if app.desk.picker.is_some() {
        chrome::picker(frame, area, app);
    }
}

fn draw_screen(frame: &mut Frame, area: Rect, app: &App) {
    match app.desk.screen {
        Screen::Briefing => summary::briefing(frame, area, app),
        Screen::Timeline => lists::timeline(frame, area, app),
        Screen::People => lists::people(frame, area, app),
        Screen::Dossier => record::dossier(frame, area, app),
        Screen::Trace => investigate::trace(frame, area, app),
        Screen::Operators => lists::operators(frame, area, app),
        Screen::Documents => record::documents(frame, area, app),
        Screen::Compare => record::compare(frame, area, app),
        Screen::Check => investigate::check(frame, area, app),
        Screen::Overview => summary::overview(frame, area, app),
        Screen::CaseFile => summary::case_file(frame, area, app),
        Screen::Debrief => summary::debrief(frame, area, app),
    }
}

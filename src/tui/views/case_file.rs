//! The case file screen: objectives, flags and notes, one per row.

use crate::scenario::text::counted;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Wrap};

use crate::audit::score::describe_given;
use crate::audit::{Flag, Screen};
use crate::engine::World;
use crate::scenario::model::Objective;

use super::super::app::App;
use super::fit;
use super::table::{TableSpec, virtual_table};

/// The case file screen: objectives, flags and notes as one list, the selected row in full.
pub fn case_file(frame: &mut Frame, area: Rect, app: &App) {
    let world = &app.world;
    let desk = &app.desk;
    let objectives: Vec<_> = world
        .scenario
        .answer_key
        .iter()
        .flat_map(|k| k.objectives.iter())
        .collect();
    let flags = &desk.case().flags;
    let notes = &desk.case().notes;
    let title = if desk.submitted() {
        " Case file — submitted ".to_owned()
    } else {
        format!(
            " Case file — {}, {}, {} · S submits ",
            counted(objectives.len(), "objective", "objectives"),
            counted(flags.len(), "flag", "flags"),
            counted(notes.len(), "note", "notes")
        )
    };
    let texts = |i: usize| row_texts(app, &objectives, i);
    let len = desk.case_head_rows(world) + flags.len() + notes.len();
    let [list, detail_area] =
        Layout::vertical([Constraint::Min(5), Constraint::Length(5)]).areas(area);
    let inner = usize::from(list.width.saturating_sub(2));
    let item_width = (inner.saturating_sub(5 + 2)) * 55 / 100;
    let detail_width = inner.saturating_sub(5 + item_width + 2);
    let widths = [
        Constraint::Length(5),
        Constraint::Length(item_width as u16),
        Constraint::Min(10),
    ];
    let spec = TableSpec {
        screen: Screen::CaseFile,
        title,
        header: Row::new(["", "item", "detail"]),
        widths: &widths,
        len,
    };
    virtual_table(frame, list, app, spec, |i| {
        let (tag, item, detail) = texts(i);
        Row::new([tag, fit(&item, item_width), fit(&detail, detail_width)])
    });
    // The selected row in full, since the table cuts long questions and answers.
    let selected = desk.selected(Screen::CaseFile);
    if selected < len {
        let (tag, item, detail) = texts(selected);
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{tag}  "), app.theme.title()),
            Span::raw(item),
        ])];
        if !detail.is_empty() {
            lines.push(Line::from(detail));
        }
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::default().borders(Borders::TOP).title(" Selected ")),
            detail_area,
        );
    }
}

/// A row in full: its tag, the item, and the detail. Rows are the objectives, then the
/// flags, then the notes.
fn row_texts(app: &App, objectives: &[&Objective], i: usize) -> (String, String, String) {
    let world = &app.world;
    let desk = &app.desk;
    let flags = &desk.case().flags;
    let notes = &desk.case().notes;
    if let Some(o) = objectives.get(i) {
        let answer = desk
            .case()
            .answers
            .get(o.id.as_str())
            .map_or("— not answered (enter)".to_owned(), |g| {
                format!("answer: {}", describe_given(world, g))
            });
        let hint = if desk.case().hint_taken(&o.id) {
            format!("  hint: {}", o.hint)
        } else {
            String::new()
        };
        return (
            format!("Q{}", i + 1),
            o.question.to_string(),
            format!("{answer}{hint}"),
        );
    }
    let mut i = i - objectives.len();
    if !world.scenario.controls.is_empty() {
        if i == 0 {
            return recommendation_texts(app);
        }
        i -= 1;
    }
    if let Some(f) = flags.get(i) {
        return flag_texts(world, f);
    }
    let i = i - flags.len();
    (
        "note".to_owned(),
        notes.get(i).cloned().unwrap_or_default(),
        String::new(),
    )
}

/// The recommendations' row: how many controls are chosen, and which.
fn recommendation_texts(app: &App) -> (String, String, String) {
    let chosen = &app.desk.case().recommended;
    let detail = if chosen.is_empty() {
        "— none chosen (enter)".to_owned()
    } else {
        let texts: Vec<String> = app
            .world
            .scenario
            .controls
            .iter()
            .filter(|c| chosen.iter().any(|id| c.id == id.as_str()))
            .map(|c| c.text.to_string())
            .collect();
        texts.join("; ")
    };
    (
        "rec".to_owned(),
        format!(
            "Controls that would have stopped it: {} of {} chosen",
            chosen.len(),
            app.world.scenario.controls.len()
        ),
        detail,
    )
}

/// A flag's row: what it covers and its categories, and whom it names in the chain.
fn flag_texts(world: &World, f: &Flag) -> (String, String, String) {
    let name = |id: &str| {
        world
            .official_ix(id)
            .map_or(id.to_owned(), |o| world.official(o).name.to_string())
    };
    (
        "flag".to_owned(),
        format!("{} — {}", f.describe(world), f.category_labels()),
        f.chain_summary(name),
    )
}

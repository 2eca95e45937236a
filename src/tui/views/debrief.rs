//! The debrief screen: the grade of the case file handed in, drawn from the debrief's
//! sections as the desk lays them out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::audit::Screen;
use crate::audit::desk::{DebriefItem, ItemKind, debrief_sections};

use super::super::app::App;
use super::hanging;
use super::scroll::{TextPane, text_pane};

/// The debrief screen: the result, each finding and objective, and what the case was.
pub fn debrief(frame: &mut Frame, area: Rect, app: &App) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Debrief — w writes it as Markdown ");
    let Some(grade) = &app.desk.grade() else {
        frame.render_widget(
            Paragraph::new("Submit the case file (S) to see the debrief.").block(block),
            area,
        );
        return;
    };
    let label_style = match grade.label {
        crate::audit::Label::Complete => app.theme.good(),
        crate::audit::Label::Partial => app.theme.accent(),
        crate::audit::Label::Unsafe => app.theme.bad(),
    };
    // Wrapped items keep a hanging indent, so each still reads as one item.
    let columns = usize::from(area.width.saturating_sub(2));
    let mut lines = vec![hanging(
        vec![Span::styled(
            format!("Result: {} ", grade.label.word().to_uppercase()),
            label_style,
        )],
        &format!("— {}", grade.summary()),
        columns,
    )];
    for section in debrief_sections(&app.world, grade) {
        heading(&mut lines, app, section.title);
        for item in &section.items {
            lines.push(item_lines(app, item, columns));
        }
    }
    text_pane(
        frame,
        area,
        app,
        TextPane {
            screen: Screen::Debrief,
            pane: 0,
            block,
            head: Vec::new(),
            items: lines,
        },
    );
}

/// One item of the debrief as wrapped lines, each kind drawn as it reads: a mark of right
/// or wrong before it, a detail dimmed and indented under the item above, an accusation in
/// the colour of a wrong, a bullet.
fn item_lines(app: &App, item: &DebriefItem, columns: usize) -> Vec<Line<'static>> {
    let styled = |lines: Vec<Line<'static>>, style: Style| -> Vec<Line<'static>> {
        lines.into_iter().map(|l| l.style(style)).collect()
    };
    match item.kind {
        ItemKind::Mark(right, word) => {
            let (mark, style) = mark(app, right, ["✓", "✗"]);
            let word = match (word, right) {
                ("", _) => String::new(),
                (w, true) => format!(" {w}"),
                (_, false) => " FAIL".to_owned(),
            };
            hanging(
                vec![Span::styled(format!("{mark}{word} "), style)],
                &item.text,
                columns,
            )
        }
        ItemKind::Detail => styled(
            hanging(vec![Span::raw("       ")], &item.text, columns),
            app.theme.dim(),
        ),
        ItemKind::Accusation => styled(
            hanging(vec![Span::raw("  ")], &item.text, columns),
            app.theme.bad(),
        ),
        ItemKind::Bullet => hanging(vec![Span::raw("  • ")], &item.text, columns),
        ItemKind::Plain => hanging(vec![Span::raw("  ")], &item.text, columns),
    }
}

/// The mark of a right or wrong result (`[right, wrong]`), and its style.
fn mark(app: &App, right: bool, [yes, no]: [&'static str; 2]) -> (&'static str, Style) {
    if right {
        (yes, app.theme.good())
    } else {
        (no, app.theme.bad())
    }
}

/// A section's title, after a blank line: two items.
fn heading(lines: &mut Vec<Vec<Line<'static>>>, app: &App, title: &'static str) {
    lines.push(vec![Line::from("")]);
    lines.push(vec![Line::from(Span::styled(title, app.theme.title()))]);
}

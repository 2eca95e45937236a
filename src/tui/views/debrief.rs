//! The debrief screen: the grade of the case file handed in.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::audit::{Grade, Screen};

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
    heading(&mut lines, app, "Findings");
    for f in &grade.findings {
        let (mark, style) = mark(app, f.passed, ["✓ PASS", "✗ FAIL"]);
        lines.push(hanging(
            vec![Span::styled(format!("{mark} "), style)],
            &f.title,
            columns,
        ));
        lines.push(
            hanging(
                vec![Span::raw("       ")],
                &format!("{}.", f.reason),
                columns,
            )
            .into_iter()
            .map(|l| l.style(app.theme.dim()))
            .collect(),
        );
    }
    heading(&mut lines, app, "Objectives");
    for o in &grade.objectives {
        let (mark, style) = mark(app, o.correct, ["✓", "✗"]);
        let given = o.given.clone().unwrap_or_else(|| "no answer".to_owned());
        lines.push(hanging(
            vec![Span::styled(format!("{mark} "), style)],
            &format!(
                "{} — you: {given}; records: {}{}",
                o.question,
                o.expected,
                if o.hint_taken { " (hint)" } else { "" }
            ),
            columns,
        ));
    }
    lines.extend(judgement_lines(app, grade, columns));
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

/// What the player got wrong and what the case was: lawful entries flagged as abuse, the
/// chain of decision, and questions for discussion; an item each, as the desk counts them.
fn judgement_lines(app: &App, grade: &Grade, columns: usize) -> Vec<Vec<Line<'static>>> {
    let world = &app.world;
    let mut lines = Vec::new();
    heading(&mut lines, app, "Lawful entries you flagged as abuse");
    if grade.wrongly_flagged.is_empty() {
        lines.push(vec![Line::from("None.")]);
    }
    for w in &grade.wrongly_flagged {
        lines.push(
            hanging(
                vec![Span::raw("  ")],
                &format!("#{} {} — {}: {}", w.entry, w.person, w.set, w.why_lawful),
                columns,
            )
            .into_iter()
            .map(|l| l.style(app.theme.bad()))
            .collect(),
        );
    }
    if let Some(key) = &world.scenario.answer_key {
        heading(&mut lines, app, "The chain of decision");
        for l in &key.chain {
            lines.push(hanging(vec![Span::raw("  ")], l, columns));
        }
        heading(&mut lines, app, "For discussion");
        for l in &key.debrief {
            lines.push(hanging(vec![Span::raw("  • ")], l, columns));
        }
    }
    lines
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

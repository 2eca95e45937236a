//! The projector view for the hot wash: the class table, the findings most missed, the
//! lawful codes most often flagged, the controls the class chose, the true chain and the
//! discussion prompts. Two columns when the screen is wide, one scrolled list when not.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::super::theme::Theme;
use crate::class::hotwash::HotWash;

/// Below this width the two halves stack.
const TWO_COLUMNS: u16 = 120;

/// Draws the hot wash; returns how far it can scroll.
pub fn draw(frame: &mut Frame, area: Rect, wash: &HotWash, theme: Theme, scroll: u16) -> u16 {
    let (left, right) = (results(wash, theme), story(wash, theme));
    if area.width >= TWO_COLUMNS {
        let [l, r] = Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)])
            .spacing(2)
            .areas(area);
        let max = scrolled(left, l).max(scrolled(right, r));
        frame.render_widget(text(results(wash, theme), l, scroll), l);
        frame.render_widget(text(story(wash, theme), r, scroll), r);
        max
    } else {
        let mut all = left;
        all.push(Line::from(""));
        all.extend(right);
        let max = scrolled(all.clone(), area);
        frame.render_widget(text(all, area, scroll), area);
        max
    }
}

/// The furthest `lines` scroll in `area`: the last row at the bottom, never below.
pub fn scrolled(lines: Vec<Line<'static>>, area: Rect) -> u16 {
    let rows = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .line_count(area.width.max(1));
    u16::try_from(rows.saturating_sub(usize::from(area.height))).unwrap_or(u16::MAX)
}

/// The lines wrapped, scrolled no further than their last row.
pub fn text(lines: Vec<Line<'static>>, area: Rect, scroll: u16) -> Paragraph<'static> {
    let max = scrolled(lines.clone(), area);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll.min(max), 0))
}

/// What the class found: the table, what it missed, what it flagged wrongly, what it chose.
fn results(wash: &HotWash, theme: Theme) -> Vec<Line<'static>> {
    let heading = |text: &str| Line::styled(text.to_owned(), theme.accent());
    let mut out = vec![heading("The class")];
    if wash.table.is_empty() {
        out.push(Line::from("  Nobody has joined yet."));
    }
    let name_width = wash
        .table
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 24);
    for row in &wash.table {
        let name: String = row.name.chars().take(name_width).collect();
        out.push(Line::from(format!(
            "  {name:<name_width$}  {:>3}/{} pts  findings {}/{}  wrong {}{}",
            row.score,
            row.max_score,
            row.passed,
            row.findings,
            row.wrong,
            if row.submitted {
                ""
            } else {
                "  (not submitted)"
            }
        )));
    }
    out.push(heading("Findings most missed"));
    if wash.missed.is_empty() {
        out.push(Line::from("  None in the key."));
    }
    for t in &wash.missed {
        out.push(Line::from(format!(
            "  {:>3} missed  {}",
            t.students, t.title
        )));
    }
    out.push(heading("Lawful codes most often flagged"));
    if wash.flagged.is_empty() {
        out.push(Line::from(
            "  None: nobody accused anyone who followed the rules.",
        ));
    }
    for t in &wash.flagged {
        out.push(Line::styled(
            format!("  {:>3} flagged  {}", t.students, t.title),
            theme.bad(),
        ));
    }
    out.push(heading("Recommendations the class chose"));
    if wash.recommendations.is_empty() {
        out.push(Line::from("  None chosen yet."));
    }
    for c in &wash.recommendations {
        let mark = if c.right { "✓" } else { "✗" };
        out.push(Line::from(format!(
            "  {:>3} chose {mark} {}",
            c.students, c.text
        )));
    }
    out
}

/// What happened and what to talk about: the true chain and the prompts.
fn story(wash: &HotWash, theme: Theme) -> Vec<Line<'static>> {
    let heading = |text: &str| Line::styled(text.to_owned(), theme.accent());
    let mut out = vec![heading("The true chain of decision")];
    out.extend(wash.chain.iter().map(|c| Line::from(format!("• {c}"))));
    out.push(heading("Discussion prompts"));
    out.extend(wash.prompts.iter().map(|c| Line::from(format!("• {c}"))));
    out
}

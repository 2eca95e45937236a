//! Text panes that scroll by items: a fixed head, then items from the desk's scroll, laid
//! out to keep the panel full, with markers on the border saying what lies above and below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use crate::audit::Screen;

use super::super::app::App;
use super::super::keymap::Spelling;

/// A text pane: what it draws and where its scroll comes from.
pub struct TextPane<'a> {
    pub screen: Screen,
    pub pane: usize,
    pub block: Block<'a>,
    /// Lines that stay at the top, unscrolled.
    pub head: Vec<Line<'a>>,
    /// What scrolls: each item one or more lines, wrapped to the pane.
    pub items: Vec<Vec<Line<'a>>>,
}

/// Rows a group of lines takes when wrapped to `width` columns.
fn rows(lines: &[Line], width: u16) -> usize {
    Paragraph::new(lines.to_vec())
        .wrap(Wrap { trim: false })
        .line_count(width)
}

/// Draws a text pane; a focused pane of a screen with several has its border lit.
pub fn text_pane(frame: &mut Frame, area: Rect, app: &App, pane: TextPane) {
    let TextPane {
        screen,
        pane,
        mut block,
        head,
        items,
    } = pane;
    let shared = screen.panes().len() > 1;
    let focused = app.desk.focused_pane(screen) == pane;
    if shared && focused {
        // Thick as well as lit, so the focus shows without colour too.
        block = block
            .border_style(app.theme.accent())
            .border_type(BorderType::Thick);
    }
    let inner = block.inner(area);
    let width = inner.width.max(1);
    let height = usize::from(inner.height);
    let head_rows = if head.is_empty() {
        0
    } else {
        rows(&head, width).min(height)
    };
    let room = height - head_rows;
    let heights: Vec<usize> = items.iter().map(|i| rows(i, width)).collect();
    // The first item from which the rest fits: scrolling further would leave rows empty.
    let mut last_start = items.len();
    let mut used = 0;
    while last_start > 0 && used + heights[last_start - 1] <= room {
        used += heights[last_start - 1];
        last_start -= 1;
    }
    let last_start = last_start.min(items.len().saturating_sub(1));
    let wanted = app.desk.pane_scroll(screen, pane);
    let last = app.desk.pane_last(&app.world, screen, pane);
    // From the desk's furthest scroll the end is shown, even where its count of rows is
    // short of the view's (items that wrap), so the end is always one press away.
    let start = if last > 0 && wanted >= last {
        last_start
    } else {
        wanted.min(last_start)
    };
    let mut shown = 0;
    let mut filled = 0;
    for h in &heights[start.min(heights.len())..] {
        if filled + h > room {
            break;
        }
        filled += h;
        shown += 1;
    }
    let below = items.len().saturating_sub(start + shown);
    if start > 0 {
        block = block.title_top(Line::from(format!(" ↑ {start} above ")).right_aligned());
    }
    if below > 0 {
        // A pane the arrows do not reach yet names the key that hands them to it.
        let how = shared
            .then(|| app.keymap.fill("; {SwitchPane} scrolls", Spelling::Symbol))
            .flatten()
            .filter(|_| !focused)
            .unwrap_or_default();
        block = block.title_bottom(
            Line::from(format!(" more below ↓ ({below} more{how}) "))
                .style(app.theme.accent())
                .right_aligned(),
        );
    }
    let mut lines = head;
    lines.extend(items.into_iter().skip(start).flatten());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

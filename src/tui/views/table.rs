//! Scrolling tables: only the visible rows are built, so a list scrolls smoothly through
//! any number of rows; and the split of a screen into a list and a side panel.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Row, Table};

use crate::audit::Screen;

use super::super::app::{App, ListArea};
use super::{fit, width};

/// The fixed parts of a scrolling table.
pub struct TableSpec<'a> {
    pub screen: Screen,
    pub title: String,
    pub header: Row<'a>,
    pub widths: &'a [Constraint],
    pub len: usize,
}

/// Draws rows `[offset, offset + height)` of a list of `len` rows, built by `row`.
pub fn virtual_table<'a>(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    spec: TableSpec<'a>,
    mut row: impl FnMut(usize) -> Row<'a>,
) {
    // Only a screen the desk keeps a selection for can draw a selectable list.
    debug_assert!(spec.screen.has_list(), "{:?} has no list", spec.screen);
    let TableSpec {
        screen,
        title,
        header,
        widths,
        len,
    } = spec;
    // A title longer than the frame ends in an ellipsis rather than running into the corner.
    let title = fit(&title, usize::from(area.width.saturating_sub(3)));
    let mut block = Block::default().borders(Borders::ALL).title(title.clone());
    // On a screen of several panes, the list's border is lit while the arrows move it.
    if screen.panes().len() > 1 && app.desk.focused_pane(screen) == 0 {
        // Thick as well as lit, so the focus shows without colour too.
        block = block
            .border_style(app.theme.accent())
            .border_type(BorderType::Thick);
    }
    let inner = block.inner(area);
    let height = inner.height.saturating_sub(1) as usize;
    let selected = app.desk.selected(screen).min(len.saturating_sub(1));
    let offset = app.scroll_list(screen, selected, height, len);
    let below = len.saturating_sub(offset + height);
    if below > 0 {
        block = block.title_bottom(
            Line::from(format!(" more below ↓ ({below} more) "))
                .style(app.theme.accent())
                .right_aligned(),
        );
    }
    let above = format!(" ↑ {offset} above ");
    // Only beside a title it leaves whole: the selected row already says where the list is.
    if offset > 0 && width(&title) + width(&above) + 3 <= usize::from(area.width) {
        block = block.title_top(Line::from(above).right_aligned());
    }
    let rows: Vec<Row> = (offset..len.min(offset + height))
        .map(|i| {
            let r = row(i);
            if i == selected {
                r.style(app.theme.selected())
            } else {
                r
            }
        })
        .collect();
    frame.render_widget(
        Table::new(rows, widths)
            .header(header.style(app.theme.title()))
            .block(block),
        area,
    );
    app.list_area.replace(Some(ListArea {
        area: Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        },
        offset,
    }));
}

/// A list on the left and a panel of `side` columns on the right (wider on wide screens).
pub fn split_side(area: Rect, side: u16) -> [Rect; 2] {
    let side = if area.width >= 140 { side + 20 } else { side };
    Layout::horizontal([Constraint::Min(40), Constraint::Length(side)]).areas(area)
}

//! The documents screen: the documents available at the clock, and the one being read.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Wrap};

use crate::audit::Screen;
use crate::scenario::catalog::DocumentIx;
use crate::scenario::model::DocumentKind;

use super::super::app::App;
use super::table::{TableSpec, split_side, virtual_table};
use super::{fit, width};

/// A document's kind in words.
fn kind_word(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Directive => "directive",
        DocumentKind::ChatMessage => "chat message",
        DocumentKind::Notice => "notice",
        DocumentKind::HotlineTranscript => "hotline call",
        DocumentKind::PublicStatement => "statement",
        DocumentKind::BatchLog => "batch log",
        DocumentKind::InvestigationRecord => "investigation",
        DocumentKind::List => "list",
        DocumentKind::Finding => "finding",
    }
}

/// The documents screen: the list, and beside it the selected document or the one being
/// read.
pub fn documents(frame: &mut Frame, area: Rect, app: &App) {
    let [list, side] = split_side(area, if area.width < 120 { 38 } else { 46 });
    document_list(frame, list, app);
    let desk = &app.desk;
    let shown = desk.document_open().or_else(|| {
        desk.document_rows()
            .get(desk.selected(Screen::Documents))
            .copied()
    });
    if let Some(d) = shown {
        document_pane(frame, side, app, d);
    }
}

/// The documents available at the clock (or matching the search), a row each.
fn document_list(frame: &mut Frame, list: Rect, app: &App) {
    let world = &app.world;
    let desk = &app.desk;
    let title = if desk.document_query().is_empty() && list.width < 60 {
        format!(" Documents — {} available ", desk.document_rows().len())
    } else if desk.document_query().is_empty() {
        format!(
            " Documents — {} available by {} ",
            desk.document_rows().len(),
            desk.clock()
        )
    } else {
        format!(
            " Documents matching \"{}\" — {} ",
            desk.document_query(),
            desk.document_rows().len()
        )
    };
    // A narrow list gives the kind (the preview shows it) up to the title.
    let with_kind = list.width >= 60;
    let fixed = if with_kind { 11 + 1 + 13 + 1 } else { 11 + 1 };
    let title_width = usize::from(list.width.saturating_sub(2 + fixed));
    let (header, widths): (Row, &[Constraint]) = if with_kind {
        (
            Row::new(["dated", "kind", "title"]),
            &[
                Constraint::Length(11),
                Constraint::Length(13),
                Constraint::Min(10),
            ],
        )
    } else {
        (
            Row::new(["dated", "title"]),
            &[Constraint::Length(11), Constraint::Min(10)],
        )
    };
    let spec = TableSpec {
        screen: Screen::Documents,
        title,
        header,
        widths,
        len: desk.document_rows().len(),
    };
    virtual_table(frame, list, app, spec, |i| {
        let d = &world.scenario.documents[usize::from(desk.document_rows()[i])];
        let dated = d.date().to_string();
        let mut cells = vec![dated[5..].to_owned()];
        if with_kind {
            cells.push(kind_word(d.kind).to_owned());
        }
        cells.push(fit(&d.title, title_width));
        Row::new(cells)
    });
}

/// One document, previewed or being read, scrolled no further than its end.
fn document_pane(frame: &mut Frame, side: Rect, app: &App, d: DocumentIx) {
    let world = &app.world;
    let desk = &app.desk;
    let doc = &world.scenario.documents[d.ix()];
    let author = world
        .official_ix(&doc.author)
        .map_or(doc.author.to_string(), |o| {
            let o = world.official(o);
            format!("{}, {}", o.name, o.post)
        });
    let mut lines = vec![
        Line::from(Span::styled(doc.title.to_string(), app.theme.title())),
        Line::from(Span::styled(
            format!(
                "{} · dated {} · reached you {} · {}",
                kind_word(doc.kind),
                doc.date(),
                doc.available_from,
                author
            ),
            app.theme.dim(),
        )),
        Line::from(""),
    ];
    lines.extend(doc.body.lines().map(|l| Line::from(l.to_owned())));
    let title = if desk.document_open().is_some() {
        " Reading — ↑↓ scroll, esc closes "
    } else {
        " Preview — enter to read "
    };
    let mut block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(side);
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let total = paragraph.line_count(inner.width.max(1));
    // Never scrolled past the end into an empty panel.
    let last = total.saturating_sub(usize::from(inner.height));
    let scroll = if desk.document_open().is_some() {
        desk.document_scroll().min(last)
    } else {
        0
    };
    let above = format!(" ↑ {scroll} above ");
    // Only where the title stays whole: it names the keys.
    if scroll > 0 && width(title) + width(&above) + 3 <= usize::from(side.width) {
        block = block.title_top(Line::from(above).right_aligned());
    }
    let below = last - scroll;
    if below > 0 {
        block = block.title_bottom(
            Line::from(format!(" more below ↓ ({below} more lines) "))
                .style(app.theme.accent())
                .right_aligned(),
        );
    }
    frame.render_widget(paragraph.scroll((scroll as u16, 0)).block(block), side);
}

//! The people screen: everyone the filters let through, with their colour at the clock.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row};

use crate::audit::Screen;

use super::super::app::App;
use super::super::theme::badge;
use super::table::{TableSpec, virtual_table};
use super::{fit, grouped, width};

/// The people screen: the filtered list, the selected person beside it.
pub fn people(frame: &mut Frame, area: Rect, app: &App) {
    let world = &app.world;
    let desk = &app.desk;
    let filters = desk.people_filter().describe(world);
    let filters = if filters.is_empty() {
        "all".to_owned()
    } else {
        filters.join(", ")
    };
    // The count first, so a long list of filters cut at the border never hides it.
    let title = format!(
        " People — {} of {} ({filters}) at {} ",
        grouped(desk.people_rows().len()),
        grouped(world.person_count()),
        desk.clock()
    );
    let wide = area.width >= 120;
    // Name and id columns as wide as the widest in the roster (within reason), so no id is
    // cut and CJK names, two columns a character, line up with the rest.
    let (name_width, id_width) = *app.roster_widths.get_or_init(|| {
        world.roster.people.iter().fold((4, 2), |(n, i), p| {
            (n.max(width(&p.name)), i.max(width(&p.id)))
        })
    });
    let name_width = name_width.clamp(12, if wide { 30 } else { 24 }) as u16;
    let id_width = id_width.clamp(8, 24) as u16;
    let mut widths = vec![
        Constraint::Length(5),
        Constraint::Length(name_width),
        Constraint::Length(id_width),
    ];
    if wide {
        widths.push(Constraint::Length(12));
    }
    widths.push(Constraint::Min(10));
    let fixed: u16 = 5 + name_width + id_width + if wide { 12 } else { 0 };
    let columns = widths.len() as u16;
    let tags_width = usize::from(area.width.saturating_sub(2 + fixed + columns - 1));
    let header = if wide {
        Row::new(["code", "name", "id", "home", "tags"])
    } else {
        Row::new(["code", "name", "id", "tags"])
    };
    let spec = TableSpec {
        screen: Screen::People,
        title,
        header,
        widths: &widths,
        len: desk.people_rows().len(),
    };
    virtual_table(frame, area, app, spec, |i| {
        let p = desk.people_rows()[i];
        let record = &world.roster.people[p.ix()];
        let colour = desk.colour_now(world, p);
        let tags: Vec<&str> = world.roster.tag_names(p).collect();
        let mut cells = vec![
            Cell::from(Span::styled(badge(colour), app.theme.code(colour))),
            Cell::from(fit(&record.name, usize::from(name_width))),
            Cell::from(fit(&record.id, usize::from(id_width))),
        ];
        if wide {
            cells.push(Cell::from(fit(world.city_name(record.home_city), 12)));
        }
        cells.push(Cell::from(fit(&tags.join(" "), tags_width)));
        Row::new(cells)
    });
}

//! The people screen: everyone the filters let through, with their colour at the clock.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
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
    // With several systems the code column holds a badge per system shown, in the order
    // the title names them.
    let shown: Vec<u16> = match desk.people_filter().system {
        Some(s) => vec![s],
        None => world.systems_in_play().to_vec(),
    };
    let systems = if world.several_systems() {
        let names: Vec<&str> = shown.iter().map(|&s| world.system_name(s)).collect();
        format!("· codes: {} ", names.join(" | "))
    } else {
        String::new()
    };
    // The count first, so a long list of filters cut at the border never hides it.
    let title = format!(
        " People — {} of {} ({filters}) at {} {systems}",
        grouped(desk.people_rows().len()),
        grouped(world.person_count()),
        desk.clock()
    );
    let code_width = 4 * shown.len() as u16 + 1;
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
        Constraint::Length(code_width),
        Constraint::Length(name_width),
        Constraint::Length(id_width),
    ];
    if wide {
        widths.push(Constraint::Length(12));
    }
    widths.push(Constraint::Min(10));
    let fixed: u16 = code_width + name_width + id_width + if wide { 12 } else { 0 };
    let columns = widths.len() as u16;
    let tags_width = usize::from(area.width.saturating_sub(2 + fixed + columns - 1));
    let code = if shown.len() > 1 { "codes" } else { "code" };
    let header = if wide {
        Row::new([code, "name", "id", "home", "tags"])
    } else {
        Row::new([code, "name", "id", "tags"])
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
        let tags: Vec<&str> = world.roster.tag_names(p).collect();
        let mut badges = Vec::new();
        for (i, (_, colour)) in desk.codes_now(world, p).into_iter().enumerate() {
            if i > 0 {
                badges.push(Span::raw(" "));
            }
            badges.push(Span::styled(badge(colour), app.theme.code(colour)));
        }
        let mut cells = vec![
            Cell::from(Line::from(badges)),
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

//! Colours and glyphs. Every code colour also has a glyph and a letter, so a monochrome
//! screen (`NO_COLOR`, `--color never`) says the same.

use std::sync::LazyLock;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::scenario::model::Colour;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub colour: bool,
}

impl Theme {
    pub const COLOUR: Theme = Theme { colour: true };
    pub const MONO: Theme = Theme { colour: false };

    /// Chooses from `--color` and the environment: `never`, `always`, or `auto` (colour
    /// unless `NO_COLOR` is set to anything non-empty).
    pub fn choose(flag: &str, no_color_env: Option<&str>) -> Theme {
        match flag {
            "never" => Theme::MONO,
            "always" => Theme::COLOUR,
            _ if no_color_env.is_some_and(|v| !v.is_empty()) => Theme::MONO,
            _ => Theme::COLOUR,
        }
    }

    /// The styles of this theme, from `assets/themes.ron`.
    fn palette(self) -> &'static Palette {
        if self.colour {
            &THEMES.colour
        } else {
            &THEMES.mono
        }
    }

    pub fn code(self, colour: Colour) -> Style {
        let p = self.palette();
        match colour {
            Colour::Green => p.green,
            Colour::Yellow => p.yellow,
            Colour::Red => p.red,
        }
        .style()
    }

    pub fn title(self) -> Style {
        self.palette().title.style()
    }

    pub fn dim(self) -> Style {
        self.palette().dim.style()
    }

    pub fn accent(self) -> Style {
        self.palette().accent.style()
    }

    pub fn selected(self) -> Style {
        self.palette().selected.style()
    }

    pub fn good(self) -> Style {
        self.palette().good.style()
    }

    pub fn bad(self) -> Style {
        self.palette().bad.style()
    }
}

/// A terminal colour by its name in a theme file.
#[derive(Debug, Clone, Copy, Deserialize)]
enum Named {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
}

impl Named {
    fn color(self) -> Color {
        match self {
            Named::Black => Color::Black,
            Named::Red => Color::Red,
            Named::Green => Color::Green,
            Named::Yellow => Color::Yellow,
            Named::Blue => Color::Blue,
            Named::Magenta => Color::Magenta,
            Named::Cyan => Color::Cyan,
            Named::Gray => Color::Gray,
            Named::DarkGray => Color::DarkGray,
            Named::LightRed => Color::LightRed,
            Named::LightGreen => Color::LightGreen,
            Named::LightYellow => Color::LightYellow,
            Named::LightBlue => Color::LightBlue,
            Named::LightMagenta => Color::LightMagenta,
            Named::LightCyan => Color::LightCyan,
            Named::White => Color::White,
        }
    }
}

/// One style as a theme file writes it: `(fg: Some(Cyan), bold: true)`.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct StyleSpec {
    fg: Option<Named>,
    bold: bool,
    underlined: bool,
    reversed: bool,
}

impl StyleSpec {
    fn style(self) -> Style {
        let mut style = Style::new();
        if let Some(fg) = self.fg {
            style = style.fg(fg.color());
        }
        for (on, modifier) in [
            (self.bold, Modifier::BOLD),
            (self.underlined, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
        ] {
            if on {
                style = style.add_modifier(modifier);
            }
        }
        style
    }
}

/// Every style the console draws with.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Palette {
    green: StyleSpec,
    yellow: StyleSpec,
    red: StyleSpec,
    title: StyleSpec,
    dim: StyleSpec,
    accent: StyleSpec,
    selected: StyleSpec,
    good: StyleSpec,
    bad: StyleSpec,
}

/// The two themes of `assets/themes.ron`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Themes {
    colour: Palette,
    mono: Palette,
}

static THEMES: LazyLock<Themes> = LazyLock::new(|| {
    // Embedded and checked by the tests, so it cannot fail in a build that passed them.
    ron::from_str(include_str!("../../assets/themes.ron")).expect("assets/themes.ron is valid")
});

/// A glyph and letter for a colour: never colour alone.
pub fn badge(colour: Colour) -> &'static str {
    match colour {
        Colour::Green => "● G",
        Colour::Yellow => "▲ Y",
        Colour::Red => "■ R",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_and_the_flag_choose_monochrome() {
        assert_eq!(Theme::choose("auto", Some("1")), Theme::MONO);
        assert_eq!(Theme::choose("auto", Some("")), Theme::COLOUR);
        assert_eq!(Theme::choose("auto", None), Theme::COLOUR);
        assert_eq!(Theme::choose("never", None), Theme::MONO);
        assert_eq!(Theme::choose("always", Some("1")), Theme::COLOUR);
    }

    #[test]
    fn every_colour_has_a_distinct_letter_badge() {
        let badges: Vec<&str> = Colour::ALL.iter().map(|&c| badge(c)).collect();
        assert_eq!(badges, ["● G", "▲ Y", "■ R"]);
        assert_eq!(Theme::MONO.code(Colour::Green).fg, None);
    }

    #[test]
    fn the_themes_file_gives_each_style() {
        assert_eq!(
            Theme::COLOUR.code(Colour::Red),
            Style::new().fg(Color::LightRed)
        );
        assert_eq!(
            Theme::COLOUR.bad(),
            Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(
            Theme::MONO.accent(),
            Style::new().add_modifier(Modifier::UNDERLINED)
        );
        assert_eq!(Theme::MONO.dim(), Style::new());
        assert_eq!(Theme::COLOUR.dim(), Style::new().fg(Color::DarkGray));
        assert_eq!(
            Theme::MONO.selected(),
            Style::new().add_modifier(Modifier::REVERSED)
        );
    }
}

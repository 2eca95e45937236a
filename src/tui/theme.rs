//! Colours and glyphs. Every code colour also has a glyph and a letter, so a monochrome
//! screen (`NO_COLOR`, `--color never`) says the same.

use ratatui::style::{Color, Modifier, Style};

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

    pub fn code(self, colour: Colour) -> Style {
        if !self.colour {
            return match colour {
                Colour::Red => Style::new().add_modifier(Modifier::BOLD),
                _ => Style::new(),
            };
        }
        Style::new().fg(match colour {
            Colour::Green => Color::Green,
            Colour::Yellow => Color::Yellow,
            Colour::Red => Color::LightRed,
        })
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.colour {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn accent(self) -> Style {
        if self.colour {
            Style::new().fg(Color::Cyan)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn good(self) -> Style {
        if self.colour {
            Style::new().fg(Color::Green)
        } else {
            Style::new()
        }
    }

    pub fn bad(self) -> Style {
        if self.colour {
            Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }
}

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
}

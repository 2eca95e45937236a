//! The scenarios `redcode new` starts an author from: a small teaching template, and copies
//! of the built-in scenarios. Each is text embedded in the binary, written out as it is, so
//! its comments reach the author.

use crate::scenario::builtin;

/// A scenario to start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// A small but complete case (one city, a lawful red and an abusive one) whose comments
    /// teach the format.
    Blank,
    /// The built-in tutorial.
    Tutorial,
    /// The built-in Zhengzhou 2022 case.
    Zhengzhou,
}

/// The teaching template's text.
const BLANK: &str = include_str!("../../assets/templates/blank.ron");

impl Template {
    pub const ALL: [Template; 3] = [Template::Blank, Template::Tutorial, Template::Zhengzhou];

    /// The name `--from` takes.
    pub fn name(self) -> &'static str {
        match self {
            Template::Blank => "blank",
            Template::Tutorial => "tutorial",
            Template::Zhengzhou => "zhengzhou",
        }
    }

    /// The scenario's text, as written to the new file.
    pub fn source(self) -> &'static str {
        let builtin = |id: &str| builtin::find(id).map_or("", |b| b.source);
        match self {
            Template::Blank => BLANK,
            Template::Tutorial => builtin(builtin::TUTORIAL),
            Template::Zhengzhou => builtin("zhengzhou-2022"),
        }
    }

    /// The file name its diagnostics would name, had it one.
    pub fn file(self) -> &'static str {
        match self {
            Template::Blank => "assets/templates/blank.ron",
            Template::Tutorial => "scenarios/tutorial.ron",
            Template::Zhengzhou => "scenarios/zhengzhou-2022.ron",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Action, Desk};
    use crate::author::playtest::playtest;
    use crate::open::open_loaded;
    use crate::scenario::load::parse_str;

    #[test]
    fn every_template_validates_without_warnings_plays_and_is_fair() {
        for template in Template::ALL {
            let name = template.name();
            assert!(!template.source().is_empty(), "{name} has text");
            let loaded = parse_str(template.file(), template.source().to_owned())
                .unwrap_or_else(|d| panic!("{name} parses: {d:?}"));
            let opened = open_loaded(loaded, None).unwrap_or_else(|e| panic!("{name} opens: {e}"));
            assert!(
                opened.warnings.is_empty(),
                "{name} has warnings: {:?}",
                opened.warnings
            );
            let world = &opened.world;
            assert!(world.ledger.len() >= 2, "{name} changes codes");
            // It plays: the clock runs to the end and the case file submits to a grade.
            let mut desk = Desk::new(world);
            desk.update(world, Action::SeekEnd);
            assert_eq!(desk.clock(), world.scenario.end);
            desk.update(world, Action::Submit);
            assert!(desk.grade().is_some(), "{name} grades");
            let result = playtest(world);
            assert!(result.fair(), "{name} is unfair: {:?}", result.problems);
        }
    }

    #[test]
    fn the_blank_template_holds_each_part_of_a_case() {
        let loaded = parse_str("blank.ron", BLANK.to_owned()).unwrap();
        let s = &loaded.scenario;
        assert_eq!((s.cities.len(), s.systems.len()), (1, 1));
        assert_eq!((s.roles.len(), s.officials.len()), (2, 2));
        assert_eq!(s.crowds.len(), 1);
        assert!(!s.documents.is_empty() && !s.controls.is_empty());
        use crate::scenario::model::EventKind;
        let has = |f: fn(&EventKind) -> bool| s.events.iter().any(|e| f(&e.what));
        assert!(has(|k| matches!(k, EventKind::Decision { .. })));
        assert!(has(
            |k| matches!(k, EventKind::Order { follows, .. } if !follows.is_empty())
        ));
        assert!(has(|k| matches!(k, EventKind::Assignment(_))));
        let key = s.answer_key.as_ref().unwrap();
        assert_eq!((key.findings.len(), key.lawful.len()), (1, 1));
        assert!(key.objectives.iter().all(|o| o.found_by.is_some()));
        assert!(s.controls.iter().any(|c| !c.stops.is_empty()));
        // The comments teach: the file says what its parts are for.
        for word in [
            "redcode validate",
            "answer key",
            "lawful",
            "found_by",
            "follows",
        ] {
            assert!(BLANK.contains(word), "the template explains {word}");
        }
    }
}

//! Scenarios shipped inside the binary, so `redcode` works from anywhere.

/// A scenario embedded at build time.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    pub id: &'static str,
    pub file: &'static str,
    pub source: &'static str,
}

pub const BUILTINS: &[Builtin] = &[
    Builtin {
        id: "zhengzhou-2022",
        file: "scenarios/zhengzhou-2022.ron",
        source: include_str!("../../scenarios/zhengzhou-2022.ron"),
    },
    Builtin {
        id: "tutorial",
        file: "scenarios/tutorial.ron",
        source: include_str!("../../scenarios/tutorial.ron"),
    },
    Builtin {
        id: "control",
        file: "scenarios/control.ron",
        source: include_str!("../../scenarios/control.ron"),
    },
    Builtin {
        id: "hangzhou-2020",
        file: "scenarios/hangzhou-2020.ron",
        source: include_str!("../../scenarios/hangzhou-2020.ron"),
    },
];

/// The tutorial offered to first-time players.
pub const TUTORIAL: &str = "tutorial";

/// The scenario played when none is named.
pub const DEFAULT: &str = "zhengzhou-2022";

pub fn find(id: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.id == id)
}

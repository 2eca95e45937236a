//! The debrief room: the grade once the case file is handed in, the report asked of it,
//! and the debrief's sections, which the console, the desk's scrolling and the report share.

use serde::Serialize;

use crate::engine::World;
use crate::scenario::text::counted;

use super::super::action::Screen;
use super::super::effect::{CaseChange, Effect};
use super::super::score::{FindingResult, Grade, TrapResult, grade};
use super::Desk;

/// The grade, once submitted.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct Debrief {
    grade: Option<Grade>,
}

impl Desk {
    /// The grade of the case file, once it has been handed in.
    pub fn grade(&self) -> Option<&Grade> {
        self.debrief.grade.as_ref()
    }

    /// Whether the case file has been handed in.
    pub fn submitted(&self) -> bool {
        self.debrief.grade.is_some()
    }

    /// Hands in the case file: it is graded and the debrief shown.
    pub(super) fn submit(&mut self, world: &World) {
        let graded = grade(world, self.case()).with_data_opened(world, self.data_opened());
        self.debrief.grade = Some(graded);
        self.effects
            .push(Effect::CaseChanged(CaseChange::Submitted));
        self.show(Screen::Debrief);
    }

    /// Asks for the report: only a graded case file has one.
    pub(super) fn export_report(&mut self) {
        if self.submitted() {
            self.effects.push(Effect::WriteReport);
        } else {
            self.say("Submit the case file first (S in the case file).");
        }
    }
}

/// How a debrief item reads: a mark of right or wrong before it, a detail under the item
/// before it, a bullet, or plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// Right (`true`) or wrong, with its mark word: "PASS", "left alone", or none.
    Mark(bool, &'static str),
    /// Said of the item above it, indented.
    Detail,
    /// An accusation against someone who followed the rules.
    Accusation,
    /// One of a list.
    Bullet,
    /// A paragraph.
    Plain,
}

/// One item of the debrief: what the console draws as a wrapped block and the report as
/// one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebriefItem {
    pub kind: ItemKind,
    pub text: String,
}

/// A section of the debrief under its heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebriefSection {
    pub title: &'static str,
    pub items: Vec<DebriefItem>,
}

fn item(kind: ItemKind, text: impl Into<String>) -> DebriefItem {
    DebriefItem {
        kind,
        text: text.into(),
    }
}

/// The debrief, section by section, as the console, the desk's scrolling and the report
/// all read it: findings with the categories chosen and the principle each breaks,
/// objectives, recommendations, the traps, the lawful entries flagged, what the inquiry
/// found beside the auditor's findings, the true chain, what happened next, and prompts
/// for discussion. Sections the scenario has nothing for are left out.
pub fn sections(world: &World, grade: &Grade) -> Vec<DebriefSection> {
    let key = world.scenario.answer_key.as_ref();
    let mut findings: Vec<DebriefItem> = grade.findings.iter().flat_map(finding_items).collect();
    if findings.is_empty() {
        // A control: every code was lawful, and leaving them all alone was the finding.
        findings.push(item(
            ItemKind::Plain,
            "There was no abuse to find: every code had its basis on record. A clean audit is the right answer here.",
        ));
    }
    let mut out = vec![DebriefSection {
        title: "Findings",
        items: findings,
    }];
    out.push(DebriefSection {
        title: "Objectives",
        items: grade
            .objectives
            .iter()
            .map(|o| {
                let given = o.given.as_deref().unwrap_or("no answer");
                let hint = if o.hint_taken { " (hint)" } else { "" };
                item(
                    ItemKind::Mark(o.correct, ""),
                    format!(
                        "{} — you: {given}; records: {}{hint}",
                        o.question, o.expected
                    ),
                )
            })
            .collect(),
    });
    if !grade.recommendations.is_empty() {
        out.push(recommendations(grade));
    }
    if !grade.traps.is_empty() {
        out.push(DebriefSection {
            title: "The traps: lawful codes a careless auditor flags",
            items: grade.traps.iter().flat_map(trap_items).collect(),
        });
    }
    out.push(accusations(grade));
    out.extend(data_opened(grade));
    let Some(key) = key else {
        return out;
    };
    if let Some(inquiry) = &key.inquiry {
        out.push(DebriefSection {
            title: "What the inquiry found",
            items: inquiry.lines().map(|l| item(ItemKind::Plain, l)).collect(),
        });
        out.push(DebriefSection {
            title: "What you found",
            items: grade
                .findings
                .iter()
                .map(|f| {
                    item(
                        ItemKind::Mark(f.passed, ""),
                        format!("{}: {}", f.title, chosen_words(f)),
                    )
                })
                .collect(),
        });
    }
    let lists = [
        ("The chain of decision", &key.chain, ItemKind::Plain),
        ("What happened next", &key.epilogue, ItemKind::Plain),
        ("For discussion", &key.debrief, ItemKind::Bullet),
    ];
    for (title, lines, kind) in lists {
        if !lines.is_empty() {
            out.push(DebriefSection {
                title,
                items: lines.iter().map(|l| item(kind, l.as_str())).collect(),
            });
        }
    }
    out
}

/// A finding: its mark and title, why it passed or failed, the categories the auditor
/// chose, and the principle the abuse breaks.
fn finding_items(f: &FindingResult) -> Vec<DebriefItem> {
    vec![
        item(ItemKind::Mark(f.passed, "PASS"), f.title.clone()),
        item(ItemKind::Detail, format!("{}.", f.reason)),
        item(ItemKind::Detail, format!("You chose: {}.", chosen_words(f))),
        item(
            ItemKind::Detail,
            format!("It breaks {}.", f.category.principle()),
        ),
    ]
}

/// The categories the auditor's flags chose for a finding, in words.
fn chosen_words(f: &FindingResult) -> String {
    if f.chosen.is_empty() {
        return "not flagged".to_owned();
    }
    let labels: Vec<&str> = f.chosen.iter().map(|c| c.label()).collect();
    labels.join(" + ")
}

/// A trap: whether the auditor left it alone, and why it was lawful.
fn trap_items(t: &TrapResult) -> Vec<DebriefItem> {
    let how = if t.left_alone() {
        format!(
            "{} — left alone ({})",
            t.title,
            counted(t.entries, "entry", "entries")
        )
    } else {
        format!(
            "{} — you flagged {} of {} as abuse",
            t.title,
            t.flagged,
            counted(t.entries, "entry", "entries")
        )
    };
    vec![
        item(ItemKind::Mark(t.left_alone(), ""), how),
        item(ItemKind::Detail, format!("Lawful: {}", t.why_lawful)),
    ]
}

/// The controls: those rightly chosen, those chosen that would not have stopped it, and
/// those missed; the ones rightly left out are not worth a line.
fn recommendations(grade: &Grade) -> DebriefSection {
    let (right, of) = grade.recommendations_right();
    let mut items = vec![item(
        ItemKind::Plain,
        format!(
            "You chose {right} of the {of} controls that would have stopped it, and {} that would not ({} points).",
            grade.recommendations_wrong(),
            grade.recommendation_points
        ),
    )];
    for r in &grade.recommendations {
        let text = match (r.chosen, r.right) {
            (true, true) => format!("{} — chosen", r.text),
            (true, false) => format!("{} — chosen, but it would not have stopped it", r.text),
            (false, true) => format!("{} — missed: it would have stopped it", r.text),
            (false, false) => continue,
        };
        items.push(item(ItemKind::Mark(r.chosen == r.right, ""), text));
    }
    DebriefSection {
        title: "Recommendations",
        items,
    }
}

/// The lawful entries and accesses flagged as abuse, each an accusation.
fn accusations(grade: &Grade) -> DebriefSection {
    let mut accused: Vec<DebriefItem> = grade
        .wrongly_flagged
        .iter()
        .map(|w| {
            item(
                ItemKind::Accusation,
                format!("#{} {} — {}: {}", w.entry, w.person, w.set, w.why_lawful),
            )
        })
        .collect();
    accused.extend(grade.wrongly_flagged_accesses.iter().map(|w| {
        item(
            ItemKind::Accusation,
            format!("{} — {}: {}", w.what, w.set, w.why_lawful),
        )
    }));
    if accused.is_empty() {
        accused.push(item(ItemKind::Plain, "None."));
    }
    DebriefSection {
        title: "Lawful entries you flagged as abuse",
        items: accused,
    }
}

/// How much personal data the auditor opened, when the desk that graded knows it.
fn data_opened(grade: &Grade) -> Option<DebriefSection> {
    let opened = grade.data_opened?;
    Some(DebriefSection {
        title: "Personal data you opened",
        items: vec![item(
            ItemKind::Plain,
            format!(
                "To reach your findings you opened the records of {} ({} about them). {}",
                counted(opened.people, "person", "people"),
                counted(opened.records, "record", "records"),
                match opened.limit {
                    None =>
                        "Shown, not scored: the auditor is bound by minimisation too.".to_owned(),
                    Some(limit) if opened.penalty > 0 => format!(
                        "More than the {limit} the case needed: {} lost. The auditor is bound by minimisation too.",
                        counted(opened.penalty as usize, "point", "points")
                    ),
                    Some(limit) => format!(
                        "Within the {limit} the case needed: the auditor is bound by minimisation too."
                    ),
                }
            ),
        )],
    })
}

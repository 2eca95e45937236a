//! Handouts for a class, as Markdown: the players' situation manual, which holds nothing of
//! the answer key, and the facilitator's handbook, which holds all of it.

use std::fmt::Write;

use crate::audit::score::describe_answer;
use crate::engine::World;
use crate::scenario::inject;
use crate::scenario::model::{AnswerKey, ChainRole, Scenario};

/// Who a handout is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Players,
    Facilitator,
}

/// Minutes of each phase in the plan of a class, in order: the class's own default plan
/// (`Plan::default`), a 50-minute class.
pub const PHASES: [(&str, u32, &str); 4] = [
    (
        "Briefing",
        5,
        "read the briefing and this manual aloud; students join and give their names",
    ),
    (
        "Investigation",
        30,
        "students step through the timeline, trace, check, compare and flag",
    ),
    (
        "Submission",
        5,
        "students answer what is left, choose the controls and submit",
    ),
    (
        "Debrief",
        10,
        "the class table, the findings most missed, the traps, the true chain, the prompts",
    ),
];

/// The handout for `audience`, in Markdown.
pub fn handout(world: &World, audience: Audience) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = match audience {
        Audience::Players => players(&mut out, &world.scenario),
        Audience::Facilitator => facilitator(&mut out, world),
    };
    out
}

/// What every player may read: the situation, the mandate, the rules in force, how to play
/// and how to join. Nothing from the answer key.
fn players(out: &mut String, s: &Scenario) -> std::fmt::Result {
    writeln!(out, "# {} — situation manual\n", s.title)?;
    writeln!(out, "## The situation\n")?;
    writeln!(out, "{}\n", s.briefing)?;
    writeln!(out, "The exercise runs from {} to {}.\n", s.start, s.end)?;
    writeln!(out, "## The rules in force\n")?;
    writeln!(
        out,
        "The health-code rules published for the city. A code a rule set from real evidence is lawful.\n"
    )?;
    for rule in &s.rules {
        let reason = s.reasons.iter().find(|r| r.id == rule.reason);
        let shown = reason.map_or(String::new(), |r| format!(" — shown as \"{}\"", r.text));
        writeln!(out, "- **{}**: {}{shown}", rule.name, rule.colour.name())?;
    }
    writeln!(out, "\n## How to play\n")?;
    for line in HOW_TO_PLAY {
        writeln!(out, "- {line}")?;
    }
    writeln!(out, "\n## How to join the class\n")?;
    writeln!(
        out,
        "Your facilitator gives you an address, a port and a class code. In a terminal type\n\n    ssh -p PORT YOURNAME@ADDRESS\n\nand give the class code when asked. Everyone in a team joins under the same team name. Nothing needs installing: every current Windows, macOS and Linux has `ssh`. Without a network, play `redcode play` on your own machine."
    )
}

/// How to play, in words that hold under any keymap (the console's `?` lists the keys).
const HOW_TO_PLAY: [&str; 7] = [
    "Run the clock forward to the next code change; records reach you as they are gathered, some long after their date.",
    "People: filter by colour, tag, batch, rule or operator, or by scans the carrier record contradicts; open a person's dossier.",
    "Trace a code change: who or what changed it, and, once the records show it, who decided, who passed the instruction on and who carried it out.",
    "Check a manual change: its stated reason set against the records. Compare two people side by side.",
    "Open a batch: when it ran, from which account, on which list, whom it touched.",
    "Flag what was abuse with its categories and the chain of decision; leave the lawful codes alone.",
    "In the case file answer the objectives, choose the controls that would have stopped it, and submit.",
];

/// The facilitator's handbook: the plan, the key, the chain, the traps, the release of the
/// records, the prompts and the pitfalls.
fn facilitator(out: &mut String, world: &World) -> std::fmt::Result {
    let s = &world.scenario;
    writeln!(out, "# {} — facilitator's handbook\n", s.title)?;
    writeln!(
        out,
        "Keep this away from the players: it holds the answer key.\n"
    )?;
    writeln!(out, "## Timing plan\n")?;
    writeln!(out, "| phase | minutes | what happens |\n|---|---|---|")?;
    for (phase, minutes, what) in PHASES {
        writeln!(out, "| {phase} | {minutes} | {what} |")?;
    }
    writeln!(out, "\n## When the records reach the players\n")?;
    let mut documents: Vec<_> = s.documents.iter().collect();
    documents.sort_by_key(|d| d.available_from);
    for d in documents {
        writeln!(
            out,
            "- {} — {} (dated {})",
            d.available_from,
            d.title,
            d.date()
        )?;
    }
    injects(out, s)?;
    let Some(key) = &s.answer_key else {
        return writeln!(out, "\nThis scenario has no answer key.");
    };
    key_sections(out, world, key)
}

/// The injects: when to release each, what it brings, and the code to read out where the
/// class has no network.
fn injects(out: &mut String, s: &Scenario) -> std::fmt::Result {
    if s.injects.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n## Injects\n")?;
    writeln!(
        out,
        "Release each from the console's Injects view (4: Enter to everyone, t to one team or \
         student), or with `release ID` on a headless class's input, or read its code out: students type \
         it after C in their game. Unreleased, each comes by itself at its time.\n"
    )?;
    writeln!(
        out,
        "| class minute | inject | what it brings | comes alone at | code | when to release it |\n|---|---|---|---|---|---|"
    )?;
    let codes = inject::codes(s);
    for (inj, code) in s.injects.iter().zip(&codes) {
        let brings = inject::describe(s, inj);
        let alone = inject::schedule(s, inj).map_or_else(|| "never".to_owned(), |t| t.to_string());
        writeln!(
            out,
            "| {} | {} | {} | {alone} | `{code}` | {} |",
            inj.minute.map_or_else(String::new, |m| m.to_string()),
            inj.id,
            brings.replace('|', "/"),
            inj.cue.as_deref().unwrap_or("").replace('|', "/"),
        )?;
    }
    Ok(())
}

fn key_sections(out: &mut String, world: &World, key: &AnswerKey) -> std::fmt::Result {
    let name = |id: &str| {
        world
            .official_ix(id)
            .map_or(id.to_owned(), |o| world.official(o).name.to_string())
    };
    writeln!(out, "\n## The answer key\n")?;
    if key.findings.is_empty() {
        writeln!(
            out,
            "No abuse: every code is lawful, and a clean audit is the answer."
        )?;
    }
    for f in &key.findings {
        writeln!(out, "### {}\n", f.title)?;
        writeln!(
            out,
            "- Category: {} — {}",
            f.category.label(),
            f.category.principle()
        )?;
        for role in ChainRole::ALL {
            let names: Vec<String> = f.named(role).iter().map(|id| name(id)).collect();
            if !names.is_empty() {
                writeln!(out, "- Who {}: {}", role.label(), names.join(", "))?;
            }
        }
        writeln!(out, "\n{}\n", f.explanation)?;
    }
    writeln!(out, "## The traps: lawful codes students flag\n")?;
    for l in &key.lawful {
        writeln!(out, "- **{}**: {}", l.title, l.explanation)?;
    }
    writeln!(out, "\n## Objectives\n")?;
    for o in &key.objectives {
        let answer = describe_answer(world, &o.answer);
        writeln!(out, "- {} — **{answer}**. Hint: {}", o.question, o.hint)?;
    }
    let controls = world.scenario.controls.iter();
    let recommended: Vec<&str> = controls
        .filter(|c| key.recommended.contains(&c.id))
        .map(|c| c.text.as_str())
        .collect();
    if !recommended.is_empty() {
        writeln!(out, "\n## The controls that would have stopped it\n")?;
        for text in recommended {
            writeln!(out, "- {text}")?;
        }
    }
    writeln!(out, "\n## The true chain\n")?;
    for line in &key.chain {
        writeln!(out, "- {line}")?;
    }
    if let Some(inquiry) = &key.inquiry {
        writeln!(out, "\n## What the inquiry found\n\n{inquiry}")?;
    }
    for line in &key.epilogue {
        writeln!(out, "- {line}")?;
    }
    writeln!(out, "\n## Discussion prompts\n")?;
    for line in &key.debrief {
        writeln!(out, "- {line}")?;
    }
    writeln!(out, "\n## Pitfalls students meet\n")?;
    for line in PITFALLS {
        writeln!(out, "- {line}")?;
    }
    Ok(())
}

const PITFALLS: [&str; 4] = [
    "Flagging every red code: the lawful ones are accusations against people who followed the rules (the debrief lists them one by one).",
    "Naming who decided before any record shows it: the trace says what is not on record yet, and the records that reveal the chain come late.",
    "Reading the reason shown on a phone as the truth: the same reason text can be true for one person and false for another; the check sets it against the records.",
    "Counting scans as presence: a place code can be scanned from a shared picture far away; only the carrier record tells.",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text of the answer key that would give an answer away, as written in the file.
    fn key_texts(key: &AnswerKey) -> Vec<String> {
        let mut texts: Vec<String> = Vec::new();
        for f in &key.findings {
            texts.extend([f.title.to_string(), f.explanation.to_string()]);
        }
        // A lawful set's title may be a public rule's name ("Missed mass test"): its
        // explanation is what the key adds.
        for l in &key.lawful {
            texts.push(l.explanation.to_string());
        }
        for o in &key.objectives {
            texts.push(o.hint.to_string());
        }
        texts.extend(key.chain.iter().map(|c| c.to_string()));
        texts.extend(key.debrief.iter().map(|c| c.to_string()));
        texts.extend(key.inquiry.iter().map(|c| c.to_string()));
        texts.extend(key.epilogue.iter().map(|c| c.to_string()));
        texts.retain(|t| t.len() > 12);
        texts
    }

    #[test]
    fn the_players_manual_holds_nothing_of_the_key_and_the_handbook_all_of_it() {
        for id in ["zhengzhou-2022", "tutorial", "control", "hangzhou-2020"] {
            let world = crate::open::open(Some(id), None).unwrap().world;
            let key = world.scenario.answer_key.clone().unwrap();
            let players = handout(&world, Audience::Players);
            let handbook = handout(&world, Audience::Facilitator);
            assert!(players.contains(world.scenario.briefing.as_str()));
            assert!(players.contains("ssh -p PORT"));
            for text in key_texts(&key) {
                assert!(
                    !players.contains(&text),
                    "{id}: the manual gives away {text:?}"
                );
                assert!(
                    handbook.contains(&text),
                    "{id}: the handbook lacks {text:?}"
                );
            }
            for o in &key.objectives {
                let answer = describe_answer(&world, &o.answer);
                assert!(
                    handbook.contains(&format!("**{answer}**")),
                    "{id}: {answer}"
                );
            }
            for f in &key.findings {
                for role in ChainRole::ALL {
                    for official in f.named(role) {
                        let name = world.official(world.official_ix(official).unwrap());
                        let line = format!("Who {}: ", role.label());
                        assert!(handbook.contains(&line) && handbook.contains(name.name.as_str()));
                    }
                }
            }
        }
    }

    #[test]
    fn the_inject_codes_are_in_the_handbook_only() {
        let world = crate::open::open(None, None).unwrap().world;
        let players = handout(&world, Audience::Players);
        let handbook = handout(&world, Audience::Facilitator);
        let codes = inject::codes(&world.scenario);
        assert!(codes.len() >= 4);
        for (inj, code) in world.scenario.injects.iter().zip(&codes) {
            assert!(handbook.contains(&format!("`{code}`")), "{code}");
            assert!(!players.contains(code.as_str()), "{code}");
            if let Some(cue) = &inj.cue {
                assert!(handbook.contains(cue.as_str()) && !players.contains(cue.as_str()));
            }
        }
    }

    #[test]
    fn the_zhengzhou_manual_names_no_one_the_key_holds_responsible() {
        let world = crate::open::open(None, None).unwrap().world;
        let players = handout(&world, Audience::Players);
        for name in [
            "Feng Jianguo",
            "Lu Xiaoming",
            "Zhao Hongwei",
            "1,317",
            "446",
            "871",
        ] {
            assert!(!players.contains(name), "the manual gives away {name}");
        }
    }
}

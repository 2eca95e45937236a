//! Injects as play meets them: when each is due on the scenario's clock, which one holds a
//! document back, and the short codes a facilitator reads out to release one without a
//! network.
//!
//! A code is derived from the scenario's meaning hash and the inject's id with BLAKE3 in
//! key-derivation mode: the same scenario gives the same codes on every machine, and one
//! inject's code says nothing of another's without the scenario itself.

use super::meaning::scenario_hash;
use super::model::{Inject, InjectRelease, Scenario};
use super::time::Time;

/// Words of a code, chosen to be short, common, and unlike the class code's words, so the
/// two are not mixed up when read aloud.
const FIRST: [&str; 64] = [
    "able", "bold", "brisk", "busy", "cosy", "crisp", "daring", "deep", "dusty", "eager", "fancy",
    "fine", "firm", "gentle", "glad", "grand", "humble", "icy", "jolly", "keen", "lively", "loud",
    "lucid", "mellow", "mild", "modest", "neat", "noble", "odd", "open", "plain", "polite",
    "prime", "pure", "rare", "ready", "rich", "rosy", "round", "rustic", "salty", "sharp", "shiny",
    "simple", "sleek", "snowy", "soft", "solid", "sound", "spare", "steady", "stern", "stout",
    "sweet", "tender", "tidy", "tiny", "true", "vivid", "wild", "witty", "young", "zesty",
    "cheery",
];
const SECOND: [&str; 64] = [
    "anchor", "arrow", "badge", "barrel", "basket", "beacon", "bell", "blanket", "bottle",
    "button", "candle", "canoe", "castle", "chair", "clock", "compass", "cottage", "cup", "drum",
    "engine", "feather", "fiddle", "flute", "fountain", "gate", "glove", "hammer", "helmet",
    "jacket", "kettle", "ladder", "lantern", "letter", "magnet", "marble", "mirror", "needle",
    "notebook", "paddle", "pencil", "piano", "pillow", "planet", "pocket", "puzzle", "quilt",
    "ribbon", "rocket", "saddle", "scarf", "shovel", "spoon", "statue", "teapot", "ticket",
    "trumpet", "tunnel", "violin", "wagon", "wallet", "whistle", "window", "wrench", "zipper",
];

/// BLAKE3's context string for inject codes: fixed, so codes stay the same across releases.
const CONTEXT: &str = "redcode 2022-06 inject release code v1";

/// When play releases the inject by itself on the scenario's clock: its `at`, else a
/// document's own `available_from`; `None` for a message only the facilitator sends.
pub fn schedule(scenario: &Scenario, inject: &Inject) -> Option<Time> {
    inject.at.or_else(|| match &inject.release {
        InjectRelease::Document(id) => scenario
            .documents
            .iter()
            .find(|d| d.id == *id)
            .map(|d| d.available_from),
        InjectRelease::Message { .. } => None,
    })
}

/// The inject (its position) that holds back the document `id`, if one does.
pub fn holding(scenario: &Scenario, id: &str) -> Option<usize> {
    scenario
        .injects
        .iter()
        .position(|i| matches!(&i.release, InjectRelease::Document(d) if d.as_str() == id))
}

/// What an inject brings, in words: its document's title, or `message: TITLE`.
pub fn describe(scenario: &Scenario, inject: &Inject) -> String {
    match &inject.release {
        InjectRelease::Document(id) => scenario
            .documents
            .iter()
            .find(|d| d.id == *id)
            .map_or_else(|| id.to_string(), |d| d.title.to_string()),
        InjectRelease::Message { title, .. } => format!("message: {title}"),
    }
}

/// The inject (its position) with this id.
pub fn find(scenario: &Scenario, id: &str) -> Option<usize> {
    scenario.injects.iter().position(|i| i.id == *id)
}

/// One code from a meaning hash and an inject id, e.g. `brisk-lantern-42`; `round` makes
/// another when two injects of a scenario would share one.
fn derive(hash: &str, id: &str, round: u32) -> String {
    let mut material = Vec::with_capacity(hash.len() + id.len() + 8);
    material.extend_from_slice(hash.as_bytes());
    material.push(0);
    material.extend_from_slice(id.as_bytes());
    material.push(0);
    material.extend_from_slice(&round.to_le_bytes());
    let key = blake3::derive_key(CONTEXT, &material);
    let first = FIRST[usize::from(key[0]) % FIRST.len()];
    let second = SECOND[usize::from(key[1]) % SECOND.len()];
    let number = u16::from_le_bytes([key[2], key[3]]) % 100;
    format!("{first}-{second}-{number:02}")
}

/// Every inject's code, in the scenario's order; no two alike.
pub fn codes(scenario: &Scenario) -> Vec<String> {
    let hash = scenario_hash(scenario);
    let mut codes: Vec<String> = Vec::with_capacity(scenario.injects.len());
    for inject in &scenario.injects {
        let mut round = 0;
        let mut code = derive(&hash, &inject.id, round);
        while codes.iter().any(|c| normalized(c) == normalized(&code)) {
            round += 1;
            code = derive(&hash, &inject.id, round);
        }
        codes.push(code);
    }
    codes
}

/// The inject (its position) whose code was typed. Case, spaces and dashes do not matter:
/// a code read aloud is typed many ways.
pub fn by_code(scenario: &Scenario, typed: &str) -> Option<usize> {
    let typed = normalized(typed);
    if typed.is_empty() {
        return None;
    }
    codes(scenario)
        .iter()
        .position(|code| normalized(code) == typed)
}

/// The letters and digits of a code, lower-cased.
fn normalized(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::builtin;
    use crate::scenario::load::parse_str;

    fn zhengzhou() -> Scenario {
        let b = builtin::BUILTINS
            .iter()
            .find(|b| b.id == "zhengzhou-2022")
            .expect("the Zhengzhou scenario ships");
        parse_str(b.file, b.source.to_owned())
            .expect("it parses")
            .scenario
    }

    #[test]
    fn codes_are_the_same_every_time_and_differ_per_inject() {
        let s = zhengzhou();
        assert!(s.injects.len() >= 3, "the Zhengzhou scenario marks injects");
        let codes = codes(&s);
        assert_eq!(codes, super::codes(&s.clone()));
        // Fixed across runs and machines: derived from the meaning alone.
        assert_eq!(derive("h", "i", 0), derive("h", "i", 0));
        assert_eq!(derive("abc", "hotline", 0), "rustic-arrow-84");
        let mut distinct = codes.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), codes.len(), "{codes:?}");
        for code in &codes {
            let words: Vec<&str> = code.split('-').collect();
            assert_eq!(words.len(), 3, "{code}");
            assert!(FIRST.contains(&words[0]) && SECOND.contains(&words[1]));
            assert!(words[2].len() == 2 && words[2].bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn a_code_depends_on_the_scenario_and_the_inject() {
        assert_ne!(derive("one", "hotline", 0), derive("two", "hotline", 0));
        assert_ne!(derive("one", "hotline", 0), derive("one", "statement", 0));
        let s = zhengzhou();
        let mut changed = s.clone();
        changed.title = "Another exercise".into();
        assert_ne!(codes(&s), codes(&changed), "another scenario, other codes");
    }

    #[test]
    fn a_typed_code_finds_its_inject_and_a_wrong_one_nothing() {
        let s = zhengzhou();
        let codes = codes(&s);
        for (i, code) in codes.iter().enumerate() {
            assert_eq!(by_code(&s, code), Some(i));
            let loud = code.to_uppercase().replace('-', " ");
            assert_eq!(by_code(&s, &loud), Some(i), "typed as heard");
        }
        assert_eq!(by_code(&s, "bold-anchor-00x"), None);
        assert_eq!(by_code(&s, ""), None);
        assert_eq!(by_code(&s, "---"), None);
    }

    #[test]
    fn a_document_inject_is_due_when_its_document_is() {
        let s = zhengzhou();
        for inject in &s.injects {
            if let (InjectRelease::Document(id), None) = (&inject.release, inject.at) {
                let doc = s.documents.iter().find(|d| d.id == *id).expect("exists");
                assert_eq!(schedule(&s, inject), Some(doc.available_from));
                assert_eq!(holding(&s, id), find(&s, &inject.id));
            }
        }
    }
}

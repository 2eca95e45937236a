//! Injects: each id once, a document that exists and no other inject holds, a record no
//! change or order cites, a schedule inside the scenario.

use std::collections::BTreeMap;

use super::ids::Kind;
use super::{Checker, item};
use crate::scenario::load::Step;
use crate::scenario::model::{Assignment, EventKind, InjectRelease};

impl<'a> Checker<'a> {
    pub(super) fn check_injects(&mut self) {
        let s = self.scenario;
        let cited = self.cited_documents();
        let mut held: BTreeMap<&str, &str> = BTreeMap::new();
        for (i, inject) in s.injects.iter().enumerate() {
            let at = item("injects", i);
            self.declare(Kind::Inject, &at, "id", &inject.id);
            match &inject.release {
                InjectRelease::Document(doc) => {
                    let path = [at[0], at[1], Step::Field("release")];
                    self.reference(Kind::Document, &path, "Document", doc);
                    if let Some(other) = held.insert(doc.as_str(), inject.id.as_str()) {
                        self.error(
                            &path,
                            "Document",
                            doc,
                            format!("document `{doc}` is already released by inject `{other}`"),
                        );
                    }
                    if let Some(what) = cited.get(doc.as_str()) {
                        self.error(
                            &path,
                            "Document",
                            doc,
                            format!(
                                "document `{doc}` is cited by {what}: a trace or a chain of decision would name it before the inject is released; choose a record no change or order cites"
                            ),
                        );
                    }
                }
                InjectRelease::Message { title, text } => {
                    if title.trim().is_empty() || text.trim().is_empty() {
                        let path = [at[0], at[1], Step::Field("release")];
                        self.error(
                            &path,
                            "Message",
                            "",
                            format!(
                                "inject `{}` has a message with no title or no text",
                                inject.id
                            ),
                        );
                    }
                }
            }
            if let Some(when) = inject.at {
                self.out_of_window(&at, "at", when, &format!("inject `{}`", inject.id));
            }
        }
    }

    /// The documents a change, an order, a decision or a list cites, with what cites them:
    /// the trace and the chain read those by the clock, so none may be held back.
    fn cited_documents(&self) -> BTreeMap<&'a str, String> {
        let s = self.scenario;
        let mut cited = BTreeMap::new();
        for event in &s.events {
            let (docs, what): (Vec<&Option<_>>, String) = match &event.what {
                EventKind::Assignment(Assignment {
                    directive, basis, ..
                }) => (vec![directive, basis], format!("a change at {}", event.at)),
                EventKind::Order { id, document, .. }
                | EventKind::Decision { id, document, .. } => {
                    (vec![document], format!("the order or decision `{id}`"))
                }
                EventKind::Access(access) => (
                    vec![&access.document],
                    format!("the access `{}`", access.id),
                ),
                _ => continue,
            };
            for doc in docs.into_iter().flatten() {
                cited.entry(doc.as_str()).or_insert_with(|| what.clone());
            }
        }
        for doc in s.documents.iter().filter(|d| !d.reveals.is_empty()) {
            cited
                .entry(doc.id.as_str())
                .or_insert_with(|| format!("the chain: it reveals `{}`", doc.reveals[0]));
        }
        for list in &s.lists {
            if let Some(doc) = &list.document {
                cited
                    .entry(doc.as_str())
                    .or_insert_with(|| format!("the list `{}`", list.id));
            }
        }
        cited
    }
}

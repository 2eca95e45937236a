//! Documents: when they become available and whom they concern.

use super::ids::Kind;
use super::{Checker, item};

impl<'a> Checker<'a> {
    pub(super) fn check_documents(&mut self) {
        let s = self.scenario;
        for (i, doc) in s.documents.iter().enumerate() {
            let at = item("documents", i);
            self.out_of_window(
                &at,
                "available_from",
                doc.available_from,
                &format!("document `{}`", doc.id),
            );
            for person in &doc.concerns {
                self.reference(Kind::Person, &at, "concerns", person);
            }
            for order in &doc.reveals {
                self.reference(Kind::Order, &at, "reveals", order);
            }
        }
    }
}

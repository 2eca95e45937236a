//! Accesses to personal records: the account behind each, whose records, which fields.

use std::collections::BTreeSet;

use super::Checker;
use super::ids::Kind;
use crate::scenario::load::Step;
use crate::scenario::model::{Access, Whose};

impl Checker<'_> {
    pub(super) fn check_access(&mut self, at: &[Step], a: &Access) {
        self.reference(Kind::Official, at, "account", &a.account);
        let has_account = self
            .scenario
            .officials
            .iter()
            .any(|o| o.id == a.account && o.account.is_some());
        if self.known(Kind::Official, &a.account) && !has_account {
            self.error(
                at,
                "account",
                &a.account,
                format!(
                    "official `{}` has no platform account to read records through",
                    a.account
                ),
            );
        }
        match &a.whose {
            Whose::People(people) => {
                if people.is_empty() {
                    self.error(at, "whose", "", "an access names no one".to_owned());
                }
                let mut seen = BTreeSet::new();
                for person in people {
                    self.reference(Kind::Person, at, "People", person);
                    if !seen.insert(person.as_str()) {
                        // Pointing at the second mention, where the repeat is.
                        let message = format!("person `{person}` is named twice in one access");
                        let d = self.locator.nth_error(at, "People", person, 1, message);
                        self.diagnostics.push(d);
                    }
                }
            }
            Whose::List(list) => self.reference(Kind::List, at, "List", list),
            Whose::Count(0) => self.error(
                at,
                "whose",
                "",
                "an access reads the records of no one: a count must be at least 1".to_owned(),
            ),
            Whose::Count(_) => {}
        }
        if a.fields.is_empty() {
            self.error(
                at,
                "fields",
                "",
                "an access reads no field: name at least one (Identity, LocationHistory, \
                 TestResults, Contacts, MedicalRecords, Lifestyle)"
                    .to_owned(),
            );
        }
        let mut fields = BTreeSet::new();
        for field in &a.fields {
            if !fields.insert(field) {
                let name = format!("{field:?}");
                let message = format!("the field {name} is listed twice in one access");
                let d = self.locator.nth_error(at, "fields", &name, 1, message);
                self.diagnostics.push(d);
            }
        }
        if let Some(doc) = &a.document {
            self.reference(Kind::Document, at, "document", doc);
        }
    }
}

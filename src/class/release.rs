//! A release of an inject in a class: which inject, and to whom.

/// One release: which inject, and to whom (everyone when `to` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Released {
    pub id: String,
    pub to: Option<String>,
}

impl Released {
    /// Whether this release reaches the student of this name.
    pub fn reaches(&self, name: &str) -> bool {
        self.to.as_deref().is_none_or(|to| to == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_to_one_reaches_only_them() {
        let everyone = Released {
            id: "hotline".into(),
            to: None,
        };
        let one = Released {
            id: "hotline".into(),
            to: Some("ana".into()),
        };
        assert!(everyone.reaches("ana") && everyone.reaches("bo"));
        assert!(one.reaches("ana") && !one.reaches("bo"));
    }
}

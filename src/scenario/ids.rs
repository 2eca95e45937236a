//! Index newtypes: positions in the scenario's lists and the world's, each its own type so
//! that a person's index cannot be passed where an entry's is meant.
//!
//! They serialise as the bare number (`serde(transparent)`), so every export keeps its shape.

/// Defines an index newtype over an unsigned integer: copyable, ordered, hashable, shown
/// and serialised as its number, and turned into a `usize` to index a slice.
macro_rules! index_newtype {
    ($(#[$meta:meta])* $name:ident($int:ty)) => {
        $(#[$meta])*
        #[derive(
            Debug,
            Clone,
            Copy,
            Default,
            PartialEq,
            Eq,
            PartialOrd,
            Ord,
            Hash,
            serde::Serialize,
            serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub $int);

        impl $name {
            /// The position as a slice index.
            pub fn ix(self) -> usize {
                self.0 as usize
            }
        }

        impl From<$name> for usize {
            fn from(ix: $name) -> usize {
                ix.ix()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

pub(crate) use index_newtype;

index_newtype! {
    /// Index of a person in the roster.
    PersonIx(u32)
}

index_newtype! {
    /// Index of an official (a person with a post) in `Scenario::officials`. Their account
    /// on the code platform is theirs alone, so the same index names the account too.
    OfficialIx(u16)
}

index_newtype! {
    /// Index of a document in `Scenario::documents`.
    DocumentIx(u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_serialises_and_shows_as_its_number() {
        assert_eq!(serde_json::to_string(&PersonIx(42)).unwrap(), "42");
        assert_eq!(PersonIx(42).to_string(), "42");
        assert_eq!(usize::from(OfficialIx(3)), 3);
        let back: DocumentIx = serde_json::from_str("7").unwrap();
        assert_eq!(back, DocumentIx(7));
    }
}

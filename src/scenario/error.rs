//! What can go wrong in the scenario layer outside a located diagnostic: a file that cannot be
//! read, a time that does not parse, an id nothing defines, a crowd that cannot be drawn.
//!
//! Located problems (file, line, column) are [`Diagnostic`](super::Diagnostic)s; these are
//! the errors of values already parsed, which validation normally catches first.

/// An error in a scenario's values, with the message a user reads.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    /// A file that could not be read at all.
    #[error("cannot read the file: {0}")]
    CannotRead(#[source] std::io::Error),
    /// A folder where a file was expected.
    #[error("this is a folder, not a file")]
    Folder,
    /// A FIFO, device or socket where a file is expected: reading one could wait forever.
    #[error("this is not a regular file (a pipe, device or socket); give a file")]
    NotRegular,
    /// A file whose size, as the file system gives it, is over the limit.
    #[error("the file is {len} bytes, over the limit of {cap} bytes")]
    TooBig { len: u64, cap: u64 },
    /// A file that gave more than the limit when read (a device, a file still growing).
    #[error("the file is over the limit of {cap} bytes")]
    OverLimit { cap: u64 },
    /// Text that is not a `YYYY-MM-DD HH:MM` time.
    #[error("`{text}` is not a time: write it as YYYY-MM-DD HH:MM")]
    BadTime { text: String },
    /// An id of the given kind (person, venue, city, ...) that nothing defines.
    #[error("unknown {kind} `{id}`")]
    Unknown { kind: &'static str, id: String },
    /// Two people made with the same id, by the file or by a crowd.
    #[error("person id `{id}` is made twice")]
    DuplicatePerson { id: String },
    /// A crowd with no surnames, given names or home cities to draw from.
    #[error("crowd `{crowd}` has nothing to draw names or homes from")]
    EmptyCrowd { crowd: String },
}

impl ScenarioError {
    /// An id of `kind` that nothing in the scenario defines.
    pub fn unknown(kind: &'static str, id: &str) -> ScenarioError {
        ScenarioError::Unknown {
            kind,
            id: id.to_owned(),
        }
    }
}

//! Finding the place in the source text that a diagnostic concerns.

use std::cell::OnceCell;

use crate::scenario::diagnostic::{Diagnostic, Severity};
use crate::scenario::load::{Loaded, Node, SourceMap, Step};

/// Finds places in the source text: a path leads to the value a check is about (the third
/// event, the first finding), and within it the string written under a key.
/// The map of the source is only built when there is something to report.
pub struct Locator<'a> {
    file: &'a str,
    source: &'a str,
    map: OnceCell<SourceMap>,
}

impl<'a> Locator<'a> {
    pub fn new(loaded: &'a Loaded) -> Locator<'a> {
        Locator {
            file: &loaded.file,
            source: &loaded.source,
            map: OnceCell::new(),
        }
    }

    fn map(&self) -> &SourceMap {
        self.map.get_or_init(|| SourceMap::new(self.source))
    }

    /// Byte offset and length of the place meant: within the value at `path`, the string
    /// `value` written under `key` (a field name, or a variant name such as `People`);
    /// failing that the value of the field `key`; failing that any string `value`; failing
    /// that the value at `path` itself, or the start of the file.
    pub fn find(&self, path: &[Step], key: &str, value: &str) -> (usize, usize) {
        let map = self.map();
        let scope = map.get(path).or_else(|| map.root());
        let Some(scope) = scope else {
            return (0, 0);
        };
        let node = (!value.is_empty())
            .then(|| scope.find_string(self.source, key, value))
            .flatten()
            .or_else(|| (!key.is_empty()).then(|| scope.find_field(key)).flatten())
            .or_else(|| {
                (!value.is_empty())
                    .then(|| scope.find_string(self.source, "", value))
                    .flatten()
            })
            .unwrap_or(scope);
        extent(node)
    }

    /// Byte offset and length of the `nth` (0-based) string `value` under `key` within the
    /// value at `path`, or failing that of the first, as [`find`](Locator::find) finds it.
    pub fn find_nth(&self, path: &[Step], key: &str, value: &str, nth: usize) -> (usize, usize) {
        let map = self.map();
        let nth_string = map
            .get(path)
            .and_then(|scope| scope.find_nth_string(self.source, key, value, nth));
        match nth_string {
            Some(node) => extent(node),
            None => self.find(path, key, value),
        }
    }

    pub fn diagnostic(
        &self,
        path: &[Step],
        key: &str,
        value: &str,
        severity: Severity,
        message: String,
    ) -> Diagnostic {
        let (offset, length) = self.find(path, key, value);
        Diagnostic::at_offset(self.file, self.source, offset, length, severity, message)
    }

    /// An error at the `nth` (0-based) string `value` under `key`, as
    /// [`find_nth`](Locator::find_nth) finds it.
    pub(super) fn nth_error(
        &self,
        path: &[Step],
        key: &str,
        value: &str,
        nth: usize,
        message: String,
    ) -> Diagnostic {
        let (offset, length) = self.find_nth(path, key, value, nth);
        Diagnostic::at_offset(
            self.file,
            self.source,
            offset,
            length,
            Severity::Error,
            message,
        )
    }
}

fn extent(node: &Node) -> (usize, usize) {
    (node.start, node.end - node.start)
}

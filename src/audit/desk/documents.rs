//! The documents room: the documents available at the clock, a search over them, and the
//! one being read with how far down it is scrolled.

use serde::Serialize;

use crate::engine::World;
use crate::scenario::catalog::DocumentIx;

use super::super::action::Screen;
use super::Desk;

/// Furthest a document can be scrolled: past any real document's end.
const MAX_SCROLL: i64 = 10_000;

/// The search, the rows it lets through, and the document being read.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct Documents {
    query: String,
    rows: Vec<DocumentIx>,
    open: Option<DocumentIx>,
    scroll: usize,
}

impl Desk {
    /// The search text of the documents list.
    pub fn document_query(&self) -> &str {
        &self.documents.query
    }

    /// The documents the search lets through, available at the clock.
    pub fn document_rows(&self) -> &[DocumentIx] {
        &self.documents.rows
    }

    /// The document being read.
    pub fn document_open(&self) -> Option<DocumentIx> {
        self.documents.open
    }

    /// Scroll position of the document being read.
    pub fn document_scroll(&self) -> usize {
        self.documents.scroll
    }

    /// The documents available at the clock, by their own date (in the scenario's order
    /// where dates are equal): minutes that reach the auditor late sit on the day of the
    /// meeting.
    pub fn available_documents(&self, world: &World) -> Vec<DocumentIx> {
        let documents = &world.scenario.documents;
        let mut available: Vec<DocumentIx> = documents
            .iter()
            .enumerate()
            .map(|(i, _)| DocumentIx(i as u16))
            .filter(|&d| self.document_in(world, d))
            .collect();
        available.sort_by_key(|d| documents[d.ix()].date());
        available
    }

    /// Whether a document is being read on the documents screen (moves scroll it).
    fn reading(&self) -> bool {
        self.screen() == Screen::Documents && self.documents.open.is_some()
    }

    /// Closes the document being read, if one is: what `Back` does first.
    pub(super) fn close_document(&mut self) -> bool {
        let reading = self.reading();
        if reading {
            self.documents.open = None;
        }
        reading
    }

    /// Scrolls the document being read, if one is.
    pub(super) fn scroll_document(&mut self, delta: i64) -> bool {
        let reading = self.reading();
        if reading {
            self.documents.scroll = (self.documents.scroll as i64)
                .saturating_add(delta)
                .clamp(0, MAX_SCROLL) as usize;
        }
        reading
    }

    /// The search as typed so far.
    pub(super) fn search_documents(&mut self, world: &World, text: &str) {
        self.documents.query = text.to_owned();
        self.refresh_documents(world);
    }

    /// Makes the rows again, and closes a document the clock has gone back before.
    pub(super) fn refresh_documents(&mut self, world: &World) {
        let needle = self.documents.query.to_lowercase();
        self.documents.rows = self
            .available_documents(world)
            .into_iter()
            .filter(|&d| {
                let doc = &world.scenario.documents[d.ix()];
                needle.is_empty()
                    || doc.title.to_lowercase().contains(&needle)
                    || doc.body.to_lowercase().contains(&needle)
                    || doc.author.to_lowercase().contains(&needle)
            })
            .collect();
        if self
            .documents
            .open
            .is_some_and(|d| !self.document_in(world, d))
        {
            self.documents.open = None;
        }
    }

    /// Reads the selected document.
    pub(super) fn open_selected_document(&mut self) {
        self.documents.open = self
            .documents
            .rows
            .get(self.selected(Screen::Documents))
            .copied();
        self.documents.scroll = 0;
    }

    /// Reads a document from wherever it is named, if the clock has reached it.
    pub(super) fn open_document(&mut self, world: &World, d: DocumentIx) {
        let from = world.scenario.documents[d.ix()].available_from;
        if !self.document_in(world, d) {
            self.say(format!(
                "That document is not available yet: it unlocks at {from}."
            ));
            return;
        }
        self.documents.query.clear();
        self.refresh_documents(world);
        if let Some(row) = self.documents.rows.iter().position(|&x| x == d) {
            self.select(Screen::Documents, row);
        }
        self.documents.open = Some(d);
        self.documents.scroll = 0;
        self.show(Screen::Documents);
    }
}

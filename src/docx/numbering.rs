//! `numbering.xml`: list definitions and marker rendering (Chinese counting included).
//! STUB: interface only; implementation owned by the package helper.

use super::package::{Package, Rels};
use super::styles::Styles;
use crate::error::Error;
use crate::model::{ListItem, Warning};

/// The list definitions of a document.
#[derive(Debug, Default)]
pub(crate) struct Numbering {}

/// Running counters while the body is read, one per list instance and level.
#[derive(Debug, Default)]
pub(crate) struct Counters {}

impl Numbering {
    /// Loads the numbering part named by the main part's relationships; empty when absent.
    pub fn load(
        _pkg: &mut Package,
        _rels: &Rels,
        _styles: &Styles,
        _warnings: &mut Vec<Warning>,
    ) -> Result<Numbering, Error> {
        Ok(Numbering {})
    }
    /// The list item for a paragraph numbered (`num_id`, `ilvl`), advancing `counters`;
    /// `None` when `num_id` is 0 or undefined (numbering removed).
    pub fn item(&self, _counters: &mut Counters, _num_id: &str, _ilvl: u8) -> Option<ListItem> {
        None
    }
}

//! `styles.xml`: style names, heading levels, style-linked numbering.
//! STUB: interface only; implementation owned by the package helper.

use super::package::{Package, Rels};
use crate::error::Error;
use crate::model::Warning;

/// The paragraph styles of a document.
#[derive(Debug, Default)]
pub(crate) struct Styles {}

impl Styles {
    /// Loads the styles part named by the main part's relationships; empty when absent.
    pub fn load(
        _pkg: &mut Package,
        _rels: &Rels,
        _warnings: &mut Vec<Warning>,
    ) -> Result<Styles, Error> {
        Ok(Styles {})
    }
    /// Heading level 1–9 of a paragraph style (outline level or heading name, through `basedOn`).
    pub fn heading_level(&self, _style_id: &str) -> Option<u8> {
        None
    }
    /// The display name of a style id.
    pub fn name(&self, _style_id: &str) -> Option<&str> {
        None
    }
    /// The numbering (`numId`, `ilvl`) a paragraph style carries, through `basedOn`.
    pub fn numbering(&self, _style_id: &str) -> Option<(String, u8)> {
        None
    }
    /// The default paragraph style id.
    pub fn default_paragraph(&self) -> Option<&str> {
        None
    }
}

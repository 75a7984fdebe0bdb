//! The zip package: bounded inflation, relationships, main-part discovery.
//! STUB: interface only; implementation owned by the package helper.

use crate::error::Error;
use crate::limits::Limits;
use std::io::BufRead;

/// An opened .docx package.
pub(crate) struct Package<'a> {
    _bytes: &'a [u8],
    main: String,
    _limits: Limits,
}

/// One relationship of a part.
#[derive(Debug, Clone)]
pub(crate) struct Rel {
    /// Last segment of the relationship type URI (`styles`, `numbering`, `footnotes`, `header`, …).
    pub kind: String,
    /// Target resolved to a part name without leading slash (`word/styles.xml`), or the raw URI when external.
    pub target: String,
    /// `TargetMode="External"`.
    pub external: bool,
}

/// The relationships of one part, by id.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rels {
    pub list: Vec<(String, Rel)>,
}

impl Rels {
    /// The relationship with this id.
    pub fn get(&self, id: &str) -> Option<&Rel> {
        self.list.iter().find(|(i, _)| i == id).map(|(_, r)| r)
    }
    /// The first internal relationship of this kind.
    pub fn first_of_kind(&self, kind: &str) -> Option<&Rel> {
        self.list
            .iter()
            .map(|(_, r)| r)
            .find(|r| r.kind == kind && !r.external)
    }
}

impl<'a> Package<'a> {
    /// Opens the zip and resolves the main part through `_rels/.rels`.
    pub fn open(bytes: &'a [u8], limits: &Limits) -> Result<Package<'a>, Error> {
        Ok(Package {
            _bytes: bytes,
            main: "word/document.xml".into(),
            _limits: *limits,
        })
    }
    /// The main document part's name, e.g. `word/document.xml`.
    pub fn main_part(&self) -> &str {
        &self.main
    }
    /// The relationships of `part` (from `<dir>/_rels/<name>.rels`); empty when absent.
    pub fn rels_of(&mut self, _part: &str) -> Result<Rels, Error> {
        Ok(Rels::default())
    }
    /// Reads a whole part (bounded, BOM stripped); `None` when the package has no such part.
    pub fn read_part(&mut self, _name: &str) -> Result<Option<Vec<u8>>, Error> {
        Ok(None)
    }
    /// Opens a part for streaming (bounded, BOM stripped); `None` when absent.
    pub fn open_part(&mut self, _name: &str) -> Result<Option<Box<dyn BufRead + '_>>, Error> {
        Ok(None)
    }
}

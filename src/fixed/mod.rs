//! Fixed-layout sources: the neutral page model that PDF (and, later, OCR) readers produce, and
//! the layout and table detection that read only that model (with [`LayoutParams`]).

mod assemble;
mod bidi;
pub(crate) mod layout;
pub mod page;
pub mod tables;
pub(crate) mod text;
pub mod turn;

pub use crate::params::LayoutParams;
pub use assemble::{assemble, assemble_owned, assemble_with};
pub use page::{
    BBox, FilledRect, Glyph, ImageBox, Page, Region, Segment, SegmentPaint, PER_PAGE_CAP,
};
pub use text::is_page_furniture;

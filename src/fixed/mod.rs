//! Fixed-layout sources: the neutral page model that PDF (and, later, OCR) readers produce and
//! the layout and table code reads.

pub mod page;
pub mod turn;

pub use page::{BBox, FilledRect, Glyph, ImageBox, Page, Region, Segment, SegmentPaint};

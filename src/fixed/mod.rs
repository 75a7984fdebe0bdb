//! Fixed-layout sources: the neutral page model that PDF (and, later, OCR) readers produce and
//! the layout and table code reads.

pub mod page;

pub use page::{BBox, FilledRect, Glyph, ImageBox, Page, Segment, SegmentPaint};

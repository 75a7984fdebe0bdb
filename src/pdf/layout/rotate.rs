//! Pages whose text runs sideways (a landscape table printed on a portrait page, or a page
//! whose `/Rotate` turns upright content sideways) are turned so that most text is upright,
//! before tables and lines are looked for: rows then come out as rows, not as columns.

use crate::pdf::engine::{Glyph, Page, Segment};

/// The page turned so that its most common glyph direction is upright; `None` when it already is.
pub fn upright(page: &Page) -> Option<Page> {
    let mut count = [0usize; 4];
    for g in &page.glyphs {
        if let Some(c) = count.get_mut(usize::from(g.quarter & 3)) {
            *c += 1;
        }
    }
    let (q, n) = count.iter().enumerate().max_by_key(|(_, n)| **n)?;
    if q == 0 || *n <= count[0] {
        return None;
    }
    let q = q as u8;
    let (w, h) = (page.width, page.height);
    let map = move |p: (f32, f32)| unturn_point(q, (w, h), p);
    let (nw, nh) = if q == 2 { (w, h) } else { (h, w) };
    // A clone keeps whatever else the page model carries; glyphs and segments are redone.
    let mut out = page.clone();
    out.width = nw;
    out.height = nh;
    out.glyphs.clear();
    out.segments.clear();
    out.glyphs
        .extend(page.glyphs.iter().map(|g| unturn_glyph(g, q, (w, h))));
    out.segments.extend(page.segments.iter().map(|s| Segment {
        from: map(s.from),
        to: map(s.to),
        ..*s
    }));
    Some(out)
}

/// Maps a point of a `w` × `h` area (y down) so that writing direction `q` (quarter turns
/// clockwise) reads left to right; `(0, 0)` for the size when only relative positions matter.
pub(crate) fn unturn_point(q: u8, (w, h): (f32, f32), (x, y): (f32, f32)) -> (f32, f32) {
    match q & 3 {
        0 => (x, y),
        1 => (y, w - x),
        2 => (w - x, h - y),
        _ => (h - y, x),
    }
}

/// The glyph as it reads once `q` quarter turns are undone (see [`unturn_point`]).
pub(crate) fn unturn_glyph(g: &Glyph, q: u8, size: (f32, f32)) -> Glyph {
    let map = |p| unturn_point(q, size, p);
    let (a, b) = (map((g.bbox.0, g.bbox.1)), map((g.bbox.2, g.bbox.3)));
    let origin = map(g.origin);
    Glyph {
        bbox: (a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1)),
        origin,
        baseline: origin.1,
        // Wrapping subtraction modulo 4.
        quarter: (g.quarter + 4 - (q & 3)) & 3,
        ..g.clone()
    }
}

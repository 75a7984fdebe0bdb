//! Pages whose text runs sideways (a landscape table printed on a portrait page, or a page
//! whose `/Rotate` turns upright content sideways) are turned so that most text is upright,
//! before tables and lines are looked for: rows then come out as rows, not as columns.

use crate::pdf::engine::{Page, Segment};

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
    let (w, h) = (page.width, page.height);
    // Maps a point so that direction `q` becomes left-to-right (y grows downwards).
    let map = move |(x, y): (f32, f32)| -> (f32, f32) {
        match q {
            1 => (y, w - x),
            2 => (w - x, h - y),
            _ => (h - y, x),
        }
    };
    let (nw, nh) = if q == 2 { (w, h) } else { (h, w) };
    // A clone keeps whatever else the page model carries; glyphs and segments are redone.
    let mut out = page.clone();
    out.width = nw;
    out.height = nh;
    out.glyphs.clear();
    out.segments.clear();
    for g in &page.glyphs {
        let mut g = g.clone();
        let a = map((g.bbox.0, g.bbox.1));
        let b = map((g.bbox.2, g.bbox.3));
        g.bbox = (a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1));
        g.origin = map(g.origin);
        g.baseline = g.origin.1;
        // `q` quarter turns are undone: wrapping subtraction modulo 4.
        g.quarter = (g.quarter + 4 - q as u8) & 3;
        out.glyphs.push(g);
    }
    out.segments.extend(page.segments.iter().map(|s| Segment {
        from: map(s.from),
        to: map(s.to),
        ..*s
    }));
    Some(out)
}

//! Pages whose text runs sideways (a landscape table printed on a portrait page, or a page
//! whose `/Rotate` turns upright content sideways) are turned so that most text is upright,
//! before tables and lines are looked for: rows then come out as rows, not as columns.

use crate::pdf::engine::{Glyph, Page, Segment};
use crate::pdf::text::{lines_of, Line};

/// The page turned so that its most common glyph direction is upright; `None` when it already is.
pub fn upright(page: &Page) -> Option<Page> {
    let count = turn_counts(&page.glyphs);
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

/// How many glyphs run in each of the four directions (index: quarter turns clockwise).
pub(crate) fn turn_counts<'g>(glyphs: impl IntoIterator<Item = &'g Glyph>) -> [usize; 4] {
    let mut count = [0usize; 4];
    for g in glyphs {
        if let Some(c) = count.get_mut(usize::from(g.quarter & 3)) {
            *c += 1;
        }
    }
    count
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

/// Lines of glyphs set sideways on an upright page, each read in its own direction, with its box
/// in page coordinates (a tall narrow box for text running up or down).
pub(crate) fn sideways_lines<'g>(glyphs: impl IntoIterator<Item = &'g Glyph>) -> Vec<Line> {
    let mut by_turn: [Vec<Glyph>; 4] = Default::default();
    for g in glyphs {
        let q = g.quarter & 3;
        if q != 0 {
            if let Some(v) = by_turn.get_mut(usize::from(q)) {
                v.push(unturn_glyph(g, q, (0.0, 0.0)));
            }
        }
    }
    let mut out = Vec::new();
    for (q, gs) in (0u8..).zip(by_turn) {
        for mut l in lines_of(&gs) {
            let (a, b) = (turn_back(q, (l.x0, l.y0)), turn_back(q, (l.x1, l.y1)));
            (l.x0, l.y0, l.x1, l.y1) = (a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1));
            l.sideways = true;
            out.push(l);
        }
    }
    out
}

/// The inverse of [`unturn_point`] for a size of `(0, 0)`.
fn turn_back(q: u8, (x, y): (f32, f32)) -> (f32, f32) {
    match q & 3 {
        0 => (x, y),
        1 => (-y, x),
        2 => (-x, -y),
        _ => (y, -x),
    }
}

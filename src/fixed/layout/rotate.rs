//! Pages whose text runs sideways (a landscape table printed on a portrait page, or a page
//! whose `/Rotate` turns upright content sideways) are turned so that most text is upright,
//! before tables and lines are looked for: rows then come out as rows, not as columns.

use crate::fixed::text::{lines_of, Line};
use crate::fixed::turn::{turn_counts, unturn_glyph, unturn_point};
use crate::fixed::{FilledRect, Glyph, ImageBox, Page, Segment};
use crate::params::LayoutParams;

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
    let turn_box = |b: crate::fixed::BBox| {
        let (p, q) = (map((b.0, b.1)), map((b.2, b.3)));
        (p.0.min(q.0), p.1.min(q.1), p.0.max(q.0), p.1.max(q.1))
    };
    out.fills = page
        .fills
        .iter()
        .map(|f| FilledRect {
            bbox: turn_box(f.bbox),
            ..*f
        })
        .collect();
    out.images = page
        .images
        .iter()
        .map(|i| ImageBox {
            bbox: turn_box(i.bbox),
            ..*i
        })
        .collect();
    Some(out)
}

/// Lines of glyphs set sideways on an upright page, each read in its own direction, with its box
/// in page coordinates (a tall narrow box for text running up or down).
pub(crate) fn sideways_lines<'g>(
    glyphs: impl IntoIterator<Item = &'g Glyph>,
    params: &LayoutParams,
) -> Vec<Line> {
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
        for mut l in lines_of(&gs, params) {
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

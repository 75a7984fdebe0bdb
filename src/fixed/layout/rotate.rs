//! Pages whose text runs sideways (a landscape table printed on a portrait page, or a page
//! whose `/Rotate` turns upright content sideways) are turned so that most text is upright,
//! before tables and lines are looked for: rows then come out as rows, not as columns.

use crate::fixed::text::{lines_of, Line};
use crate::fixed::turn::{turn_counts, unturn_glyph, unturn_glyph_in_place, unturn_point};
use crate::fixed::{Glyph, Page};
use crate::params::LayoutParams;

/// The page turned so that its most common glyph direction is upright; `None` when it already is.
pub fn upright(page: &Page) -> Option<Page> {
    let q = quarter_to_turn(page)?;
    let mut out = page.clone();
    turn_by(&mut out, q);
    Some(out)
}

/// Turns the page in place so that its most common glyph direction is upright; false when it
/// already is. In place so that a document's pages are not copied to turn a few of them.
pub fn turn_upright(page: &mut Page) -> bool {
    let Some(q) = quarter_to_turn(page) else {
        return false;
    };
    turn_by(page, q);
    true
}

/// Undoes `q` quarter turns of everything the page draws, in place.
fn turn_by(page: &mut Page, q: u8) {
    let (w, h) = (page.width, page.height);
    let map = move |p: (f32, f32)| unturn_point(q, (w, h), p);
    (page.width, page.height) = if q == 2 { (w, h) } else { (h, w) };
    for g in &mut page.glyphs {
        unturn_glyph_in_place(g, q, (w, h));
    }
    for s in &mut page.segments {
        (s.from, s.to) = (map(s.from), map(s.to));
    }
    let turn_box = |b: crate::fixed::BBox| {
        let (p, q) = (map((b.0, b.1)), map((b.2, b.3)));
        (p.0.min(q.0), p.1.min(q.1), p.0.max(q.0), p.1.max(q.1))
    };
    for f in &mut page.fills {
        f.bbox = turn_box(f.bbox);
    }
    for i in &mut page.images {
        i.bbox = turn_box(i.bbox);
    }
}

/// The quarter turn most of the page's glyphs are set in, when it is not 0 and beats upright.
fn quarter_to_turn(page: &Page) -> Option<u8> {
    let count = turn_counts(&page.glyphs);
    let (q, n) = count.iter().enumerate().max_by_key(|(_, n)| **n)?;
    if q == 0 || *n <= count[0] {
        return None;
    }
    u8::try_from(q).ok()
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

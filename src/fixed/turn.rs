//! Quarter turns of page geometry: text set sideways is read by turning it upright first.

use super::page::Glyph;

/// How many glyphs run in each of the four directions (index: quarter turns clockwise).
pub fn turn_counts<'g>(glyphs: impl IntoIterator<Item = &'g Glyph>) -> [usize; 4] {
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
pub fn unturn_point(q: u8, (w, h): (f32, f32), (x, y): (f32, f32)) -> (f32, f32) {
    match q & 3 {
        0 => (x, y),
        1 => (y, w - x),
        2 => (w - x, h - y),
        _ => (h - y, x),
    }
}

/// The glyph as it reads once `q` quarter turns are undone (see [`unturn_point`]).
pub fn unturn_glyph(g: &Glyph, q: u8, size: (f32, f32)) -> Glyph {
    let mut out = g.clone();
    unturn_glyph_in_place(&mut out, q, size);
    out
}

/// [`unturn_glyph`] of a glyph the caller owns: its text is not copied.
pub fn unturn_glyph_in_place(g: &mut Glyph, q: u8, size: (f32, f32)) {
    let map = |p| unturn_point(q, size, p);
    let (a, b) = (map((g.bbox.0, g.bbox.1)), map((g.bbox.2, g.bbox.3)));
    g.bbox = (a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1));
    g.origin = map(g.origin);
    g.baseline = g.origin.1;
    // Wrapping subtraction modulo 4.
    g.quarter = (g.quarter + 4 - (q & 3)) & 3;
}

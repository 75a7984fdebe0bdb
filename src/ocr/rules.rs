//! Ruling lines of a scanned page: long runs of dark pixels on the binarised image, joined
//! across neighbouring rows (columns) into lines, become the page model's segments, so the
//! table detector finds a scanned ruled table as it finds a drawn one.
//!
//! A red seal does not break them: the page image is the darkest channel's complement (see
//! the rasteriser), so red ink is light and never dark enough to count, while the black rule
//! under it stays black.

use super::image::Gray;
use crate::fixed::page::{Segment, SegmentPaint};

/// Pixels darker than this are ink.
const INK: u8 = 150;
/// Gaps of up to this many pixels inside a run are bridged (scan noise, a dotted scan).
const BRIDGE: usize = 2;

/// A ruling line found in the image, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rule {
    /// Start and end along the line.
    from: usize,
    to: usize,
    /// First and last row (column) across it.
    first: usize,
    last: usize,
}

/// The horizontal and vertical rules of `image` (at `dpi`) as segments in points.
pub fn find(image: &Gray, dpi: f32) -> Vec<Segment> {
    // A rule is at least a quarter inch long (a character's stroke is shorter) and at most
    // 1/25 inch thick (a 3 pt border; thicker dark bands are pictures or black boxes).
    let min_len = (dpi * 0.25).max(20.0) as usize;
    let max_thick = (dpi / 25.0).max(3.0) as usize;
    let ink: Vec<bool> = image.pixels.iter().map(|&p| p < INK).collect();
    let (w, h) = (image.width, image.height);
    let at = |x: usize, y: usize| ink.get(y * w + x).copied().unwrap_or(false);
    let points = 72.0 / dpi.max(1.0);
    let mut out = Vec::new();
    for r in rules(w, h, at, min_len, max_thick) {
        let y = (r.first + r.last + 1) as f32 / 2.0 * points;
        out.push(segment(
            (r.from as f32 * points, y),
            ((r.to + 1) as f32 * points, y),
            (r.last + 1 - r.first) as f32 * points,
        ));
    }
    for r in rules(h, w, |along, across| at(across, along), min_len, max_thick) {
        let x = (r.first + r.last + 1) as f32 / 2.0 * points;
        out.push(segment(
            (x, r.from as f32 * points),
            (x, (r.to + 1) as f32 * points),
            (r.last + 1 - r.first) as f32 * points,
        ));
    }
    out
}

/// `segments` less those lying wholly inside a detected text line (`boxes`, pixels at `dpi`):
/// the long strokes of a large heading's letters, not rules. A rule runs between lines of text,
/// or past their ends.
pub fn outside_text(
    segments: Vec<Segment>,
    boxes: &[super::detect::TextBox],
    dpi: f32,
) -> Vec<Segment> {
    let px = dpi / 72.0;
    let inside = |s: &Segment| {
        let (x0, x1) = (s.from.0.min(s.to.0) * px, s.from.0.max(s.to.0) * px);
        let (y0, y1) = (s.from.1.min(s.to.1) * px, s.from.1.max(s.to.1) * px);
        boxes.iter().any(|b| {
            let (bx0, by0, bx1, by1) = b.bbox;
            x0 >= bx0 && x1 <= bx1 && y0 >= by0 && y1 <= by1
        })
    };
    segments.into_iter().filter(|s| !inside(s)).collect()
}

fn segment(from: (f32, f32), to: (f32, f32), width: f32) -> Segment {
    Segment {
        from,
        to,
        width,
        paint: SegmentPaint::Stroke,
        lightness: 0.0,
        dashed: false,
    }
}

/// Lines along the first axis (`along_len` long) stacked over the second (`across_len`):
/// runs of at least `min_len` in each row, joined with the runs of the next row that overlap
/// most of them; lines thicker than `max_thick` are dropped.
fn rules(
    along_len: usize,
    across_len: usize,
    ink: impl Fn(usize, usize) -> bool,
    min_len: usize,
    max_thick: usize,
) -> Vec<Rule> {
    let mut open: Vec<Rule> = Vec::new();
    let mut done: Vec<Rule> = Vec::new();
    let mut runs = Vec::new();
    for across in 0..across_len {
        runs.clear();
        let mut along = 0;
        while along < along_len {
            if !ink(along, across) {
                along += 1;
                continue;
            }
            let start = along;
            let mut end = along;
            let mut gap = 0;
            along += 1;
            while along < along_len && gap <= BRIDGE {
                if ink(along, across) {
                    end = along;
                    gap = 0;
                } else {
                    gap += 1;
                }
                along += 1;
            }
            if end + 1 - start >= min_len {
                runs.push((start, end));
            }
        }
        let mut next = Vec::with_capacity(open.len());
        for &(from, to) in &runs {
            let joined = open.iter().position(|r| {
                let overlap = to.min(r.to).saturating_sub(from.max(r.from));
                overlap * 2 >= (to - from).min(r.to - r.from)
            });
            match joined {
                Some(k) => {
                    let mut r = open.swap_remove(k);
                    r.from = r.from.min(from);
                    r.to = r.to.max(to);
                    r.last = across;
                    next.push(r);
                }
                None => next.push(Rule {
                    from,
                    to,
                    first: across,
                    last: across,
                }),
            }
        }
        done.append(&mut open);
        open = next;
    }
    done.append(&mut open);
    done.retain(|r| r.last + 1 - r.first <= max_thick);
    done
}

#[cfg(test)]
mod tests {
    use super::Gray;

    #[test]
    fn a_box_gives_four_rules_and_text_strokes_none() {
        let mut g = Gray::white(300, 200);
        for x in 10..290 {
            for y in [20, 21, 180] {
                g.pixels[y * 300 + x] = 0;
            }
        }
        for y in 20..181 {
            for x in [10, 289] {
                g.pixels[y * 300 + x] = 0;
            }
        }
        // A short stroke and a black block: neither is a rule.
        for x in 50..60 {
            g.pixels[100 * 300 + x] = 0;
        }
        for y in 60..120 {
            for x in 100..200 {
                g.pixels[y * 300 + x] = 0;
            }
        }
        let segs = super::find(&g, 72.0);
        assert_eq!(segs.len(), 4, "{segs:?}");
        let top = segs.iter().find(|s| s.from.1 < 25.0).unwrap();
        assert_eq!((top.from.0, top.to.0, top.width), (10.0, 290.0, 2.0));
    }
}

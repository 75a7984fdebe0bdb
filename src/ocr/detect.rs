//! Text detection: PP-OCR's DBNet gives a probability map of text pixels; its post-processing
//! (threshold, connected regions, the box score, unclip) gives one box per text line.
//!
//! Regions are axis-aligned: the page is deskewed before detection, and a box is what the
//! page model and the recogniser's crops need anyway.

use super::image::Gray;
use super::runtime::run_first_output;
use ort::session::Session;

/// A text line's box in the page image's pixels, with DBNet's score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextBox {
    /// Left, top, right, bottom in pixels of the image given to [`detect`].
    pub bbox: (f32, f32, f32, f32),
    /// Mean probability of the region's pixels.
    pub score: f32,
}

/// Pixels above this probability are text (PP-OCR's `det_db_thresh`).
const PIXEL_THRESHOLD: f32 = 0.3;
/// Regions whose mean probability is below this are dropped (`det_db_box_thresh`).
const BOX_THRESHOLD: f32 = 0.5;
/// How far a shrunk region is grown back (`det_db_unclip_ratio`): DBNet is trained on text
/// shrunk by `A (1 - 0.4²) / L`.
const UNCLIP_RATIO: f32 = 1.6;
/// Regions smaller than this on the map (pixels, either side) are specks.
const MIN_SIDE: usize = 3;

/// Runs the detector on `image` shrunk so that its longer side is at most `max_side` pixels (a
/// multiple of 32, as the network needs) and returns line boxes in `image`'s pixels.
pub fn detect(
    session: &mut Session,
    image: &Gray,
    max_side: usize,
) -> Result<Vec<TextBox>, String> {
    let longer = image.width.max(image.height).max(1);
    let scale = (max_side as f32 / longer as f32).min(1.0);
    let round32 = |v: usize| (((v as f32 * scale) / 32.0).round() as usize).max(1) * 32;
    let (w, h) = (round32(image.width), round32(image.height));
    let small = image.resized(w, h);
    // ImageNet normalisation per channel of a grey image given as three equal channels.
    let mean = [0.485f32, 0.456, 0.406];
    let std = [0.229f32, 0.224, 0.225];
    let mut input = Vec::with_capacity(3 * w * h);
    for c in 0..3 {
        input.extend(
            small
                .pixels
                .iter()
                .map(|&p| (f32::from(p) / 255.0 - mean[c]) / std[c]),
        );
    }
    let (fx, fy) = (
        image.width as f32 / w as f32,
        image.height as f32 / h as f32,
    );
    run_first_output(session, [1, 3, h, w], input, "detector", |_, map| {
        if map.len() < w * h {
            return Err(format!(
                "the detector's map has {} values, expected {}",
                map.len(),
                w * h
            ));
        }
        Ok(regions(map, w, h)
            .into_iter()
            .map(|b| TextBox {
                bbox: (
                    (b.bbox.0 * fx).max(0.0),
                    (b.bbox.1 * fy).max(0.0),
                    (b.bbox.2 * fx).min(image.width as f32),
                    (b.bbox.3 * fy).min(image.height as f32),
                ),
                score: b.score,
            })
            .collect())
    })
}

/// The post-processing on a `w × h` probability map: 8-connected regions of pixels over the
/// threshold, scored by their mean probability, grown back by the unclip distance.
pub fn regions(map: &[f32], w: usize, h: usize) -> Vec<TextBox> {
    let on = |i: usize| map.get(i).is_some_and(|p| *p > PIXEL_THRESHOLD);
    let mut seen = vec![false; w * h];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for start in 0..w * h {
        if seen.get(start).copied().unwrap_or(true) || !on(start) {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        let (mut sum, mut n) = (0f32, 0usize);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
            sum += map.get(i).copied().unwrap_or(0.0);
            n += 1;
            for (dx, dy) in [
                (-1, -1),
                (0, -1),
                (1, -1),
                (-1, 0),
                (1, 0),
                (-1, 1),
                (0, 1),
                (1, 1),
            ] {
                let (nx, ny) = (x as isize + dx, y as isize + dy);
                if nx < 0 || ny < 0 || nx as usize >= w || ny as usize >= h {
                    continue;
                }
                let j = ny as usize * w + nx as usize;
                if on(j) && !seen.get(j).copied().unwrap_or(true) {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        let (bw, bh) = (x1 + 1 - x0, y1 + 1 - y0);
        let score = sum / n.max(1) as f32;
        if bw.min(bh) < MIN_SIDE || score < BOX_THRESHOLD {
            continue;
        }
        let (bw, bh) = (bw as f32, bh as f32);
        let grow = bw * bh * UNCLIP_RATIO / (2.0 * (bw + bh));
        out.push(TextBox {
            bbox: (
                x0 as f32 - grow,
                y0 as f32 - grow,
                x1 as f32 + 1.0 + grow,
                y1 as f32 + 1.0 + grow,
            ),
            score,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_region_is_one_grown_box_and_specks_are_dropped() {
        let (w, h) = (20, 10);
        let mut map = vec![0.0f32; w * h];
        for y in 3..6 {
            for x in 2..15 {
                map[y * w + x] = 0.9;
            }
        }
        map[9 * w + 19] = 0.9;
        let boxes = super::regions(&map, w, h);
        assert_eq!(boxes.len(), 1, "{boxes:?}");
        let b = boxes[0].bbox;
        assert!(b.0 < 2.0 && b.2 > 15.0 && b.1 < 3.0 && b.3 > 6.0, "{b:?}");
        assert!(super::regions(&[], 0, 0).is_empty());
    }
}

//! The skew of a scan placed askew (±5°): the angle at which the ink's horizontal projection
//! is sharpest (text lines and rules fall into the fewest rows), measured on a shrunk image.

use super::image::Gray;

/// Skews searched, in degrees either side of level.
const RANGE: f32 = 5.0;
/// Below this the page is taken as level (a rotation would only blur it).
pub const LEVEL: f32 = 0.08;

/// The skew of `image` in degrees: positive when lines run down to the right. Turning the
/// image by it ([`Gray::rotated`]) levels them.
pub fn skew(image: &Gray) -> f32 {
    // About 600 pixels across is enough to see lines and keeps the search cheap.
    let factor = (image.width / 600).max(1);
    let small = image.resized(image.width / factor, image.height / factor);
    let ink: Vec<(f32, f32)> = small
        .pixels
        .iter()
        .enumerate()
        .filter(|(_, &p)| p < 128)
        .map(|(i, _)| ((i % small.width) as f32, (i / small.width) as f32))
        .collect();
    if ink.len() < 100 {
        return 0.0;
    }
    let sharpness = |degrees: f32| {
        let slope = degrees.to_radians().tan();
        let offset = small.width as f32 * RANGE.to_radians().tan() + 1.0;
        let rows = small.height + 2 * offset as usize + 2;
        let mut counts = vec![0u32; rows];
        for &(x, y) in &ink {
            let row = (y - x * slope + offset).round();
            if row >= 0.0 {
                if let Some(c) = counts.get_mut(row as usize) {
                    *c += 1;
                }
            }
        }
        counts
            .iter()
            .map(|&c| f64::from(c) * f64::from(c))
            .sum::<f64>()
    };
    let best = |from: f32, to: f32, step: f32| {
        let steps = ((to - from) / step).round() as i32;
        (0..=steps)
            .map(|k| from + k as f32 * step)
            .map(|a| (a, sharpness(a)))
            .fold(
                (0.0f32, f64::MIN),
                |acc, (a, s)| if s > acc.1 { (a, s) } else { acc },
            )
            .0
    };
    let coarse = best(-RANGE, RANGE, 0.2);
    best(coarse - 0.2, coarse + 0.2, 0.02)
}

#[cfg(test)]
mod tests {
    use super::Gray;

    #[test]
    fn finds_the_slope_of_lines() {
        let (w, h) = (600, 400);
        let mut g = Gray::white(w, h);
        let slope = 2f32.to_radians().tan();
        for row in [100.0, 200.0, 300.0] {
            for x in 0..w {
                let y = (row + x as f32 * slope) as usize;
                g.pixels[y * w + x] = 0;
                g.pixels[(y + 1) * w + x] = 0;
            }
        }
        let a = super::skew(&g);
        assert!((a - 2.0).abs() < 0.1, "{a}");
        let level = g.rotated(a);
        assert!(super::skew(&level).abs() < 0.1);
        assert_eq!(super::skew(&Gray::white(10, 10)), 0.0);
    }
}

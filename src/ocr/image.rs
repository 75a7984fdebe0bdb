//! A greyscale page image and the few operations OCR needs on it: crop, resize, rotate. Written
//! here rather than taken from `image`/`imageproc` because they are four small loops and those
//! crates would bring codecs the PDF engine already has.

/// An 8-bit greyscale image, 0 black to 255 white, row by row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Gray {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width * height` pixels, row by row.
    pub pixels: Vec<u8>,
}

impl Gray {
    /// A white image.
    pub fn white(width: usize, height: usize) -> Gray {
        Gray {
            width,
            height,
            pixels: vec![255; width.saturating_mul(height)],
        }
    }

    /// The pixel at (x, y), white outside the image.
    pub fn get(&self, x: isize, y: isize) -> u8 {
        if x < 0 || y < 0 {
            return 255;
        }
        let (x, y) = (x as usize, y as usize);
        if x >= self.width || y >= self.height {
            return 255;
        }
        self.pixels.get(y * self.width + x).copied().unwrap_or(255)
    }

    /// Bilinear sample at a real position (pixel centres at integer + 0.5).
    pub fn sample(&self, x: f32, y: f32) -> f32 {
        let (fx, fy) = (x - 0.5, y - 0.5);
        let (x0, y0) = (fx.floor(), fy.floor());
        let (ax, ay) = (fx - x0, fy - y0);
        let (x0, y0) = (x0 as isize, y0 as isize);
        let p = |dx: isize, dy: isize| f32::from(self.get(x0 + dx, y0 + dy));
        let top = p(0, 0) * (1.0 - ax) + p(1, 0) * ax;
        let bottom = p(0, 1) * (1.0 - ax) + p(1, 1) * ax;
        top * (1.0 - ay) + bottom * ay
    }

    /// Resized to `width × height`: box-averaged when shrinking (small text keeps its
    /// strokes), bilinear when growing.
    pub fn resized(&self, width: usize, height: usize) -> Gray {
        let mut out = Gray::white(width, height);
        if self.width == 0 || self.height == 0 || width == 0 || height == 0 {
            return out;
        }
        let sx = self.width as f32 / width as f32;
        let sy = self.height as f32 / height as f32;
        for y in 0..height {
            for x in 0..width {
                let v = if sx > 1.0 || sy > 1.0 {
                    self.box_mean(x as f32 * sx, y as f32 * sy, sx.max(1.0), sy.max(1.0))
                } else {
                    self.sample((x as f32 + 0.5) * sx, (y as f32 + 0.5) * sy)
                };
                if let Some(px) = out.pixels.get_mut(y * width + x) {
                    *px = v.round().clamp(0.0, 255.0) as u8;
                }
            }
        }
        out
    }

    fn box_mean(&self, x: f32, y: f32, w: f32, h: f32) -> f32 {
        let (x0, y0) = (x.floor() as isize, y.floor() as isize);
        let (x1, y1) = ((x + w).ceil() as isize, (y + h).ceil() as isize);
        let (mut sum, mut n) = (0u32, 0u32);
        for yy in y0..y1.max(y0 + 1) {
            for xx in x0..x1.max(x0 + 1) {
                sum += u32::from(self.get(xx, yy));
                n += 1;
            }
        }
        sum as f32 / n.max(1) as f32
    }

    /// The part inside `(x0, y0, x1, y1)` (pixels; clipped to the image).
    pub fn crop(&self, (x0, y0, x1, y1): (usize, usize, usize, usize)) -> Gray {
        let (x1, y1) = (x1.min(self.width), y1.min(self.height));
        let (w, h) = (x1.saturating_sub(x0), y1.saturating_sub(y0));
        let mut out = Gray::white(w, h);
        for y in 0..h {
            let from = (y0 + y) * self.width + x0;
            if let (Some(src), Some(dst)) = (
                self.pixels.get(from..from + w),
                out.pixels.get_mut(y * w..(y + 1) * w),
            ) {
                dst.copy_from_slice(src);
            }
        }
        out
    }

    /// Turned by half a turn (text the classifier found upside down).
    pub fn turned_half(&self) -> Gray {
        let mut pixels = self.pixels.clone();
        pixels.reverse();
        Gray { pixels, ..*self }
    }

    /// Rotated by `degrees` (counter-clockwise as seen, about the centre), same size, white
    /// where nothing maps: the deskew of a scan placed askew.
    pub fn rotated(&self, degrees: f32) -> Gray {
        let (s, c) = degrees.to_radians().sin_cos();
        let (cx, cy) = (self.width as f32 / 2.0, self.height as f32 / 2.0);
        let mut out = Gray::white(self.width, self.height);
        for y in 0..self.height {
            for x in 0..self.width {
                let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
                // The source of an output pixel is the output position turned back.
                let sx = c * dx - s * dy + cx;
                let sy = s * dx + c * dy + cy;
                let v = self.sample(sx, sy);
                if let Some(px) = out.pixels.get_mut(y * self.width + x) {
                    *px = v.round().clamp(0.0, 255.0) as u8;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Gray;

    #[test]
    fn crops_resizes_and_turns_within_bounds() {
        let mut g = Gray::white(4, 2);
        g.pixels[0] = 0;
        assert_eq!(g.crop((0, 0, 9, 9)).width, 4);
        assert_eq!(g.crop((3, 1, 2, 0)).pixels.len(), 0);
        assert_eq!(g.turned_half().pixels[7], 0);
        let small = g.resized(2, 1);
        assert_eq!((small.width, small.height, small.pixels.len()), (2, 1, 2));
        assert!(small.pixels[0] < 255);
        assert_eq!(g.get(-1, 0), 255);
        assert_eq!(g.rotated(0.0), g);
        assert_eq!(Gray::default().resized(3, 3).pixels.len(), 9);
    }
}

//! Direction classification and recognition of detected lines: each line's crop is turned
//! when the classifier reads it as upside down, resized to the recogniser's height and decoded
//! by CTC (best path: the most likely class per time step, repeats merged, blanks dropped)
//! with the model's dictionary. Each character keeps the time step it was read at, which gives
//! its place along the line.

use super::detect::TextBox;
use super::image::Gray;
use super::runtime::run_first_output;
use super::runtime::Engine;
use ort::session::Session;

/// One recognised character: its text and its horizontal centre in the page image's pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Char {
    /// The character (one dictionary entry).
    pub text: String,
    /// Centre x in the page image's pixels.
    pub centre: f32,
    /// The recogniser's probability for it.
    pub confidence: f32,
}

/// One recognised line.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// The line's box in the page image's pixels.
    pub bbox: (f32, f32, f32, f32),
    /// Its characters in reading order (spaces included).
    pub chars: Vec<Char>,
    /// The mean confidence of its characters.
    pub confidence: f32,
}

/// The recogniser's input height (PP-OCRv4: 3 × 48 × W).
const REC_HEIGHT: usize = 48;
/// Time steps are this many input pixels wide (the network downsamples width by 8).
const REC_STRIDE: f32 = 8.0;
/// Crops wider than this (input pixels) are squeezed: bounds the tensor of one long line.
const REC_MAX_WIDTH: usize = 3200;
/// Lines recognised together, padded to the widest (PP-OCR's `rec_batch_num`).
const BATCH: usize = 6;
/// The classifier's input (3 × 48 × 192) and how sure it must be to turn a crop.
const CLS_SIZE: (usize, usize) = (192, 48);
const CLS_TURN: f32 = 0.9;

/// Recognises every box of `image`, lines with no character left out.
pub fn recognise(
    engine: &mut Engine,
    image: &Gray,
    boxes: &[TextBox],
) -> Result<Vec<TextLine>, String> {
    let mut crops: Vec<(TextBox, Gray)> = boxes
        .iter()
        .filter_map(|b| {
            let (x0, y0, x1, y1) = b.bbox;
            let px = |v: f32| v.max(0.0).round() as usize;
            let crop = image.crop((px(x0), px(y0), px(x1), px(y1)));
            (crop.width > 1 && crop.height > 1).then_some((*b, crop))
        })
        .collect();
    if let Some(classifier) = engine.classifier.as_mut() {
        for (_, crop) in crops.iter_mut() {
            if upside_down(classifier, crop)? {
                *crop = crop.turned_half();
            }
        }
    }
    // Similar widths together, so that a batch pads little.
    let ratio = |g: &Gray| g.width as f32 / g.height.max(1) as f32;
    crops.sort_by(|a, b| ratio(&a.1).total_cmp(&ratio(&b.1)));
    let mut out = Vec::with_capacity(crops.len());
    for batch in crops.chunks(BATCH) {
        let decoded = recognise_batch(&mut engine.recogniser, &engine.dictionary, batch)?;
        out.extend(decoded.into_iter().filter(|l| !l.chars.is_empty()));
    }
    Ok(out)
}

/// Input pixels of a crop scaled to the recogniser's height.
fn scaled_width(crop: &Gray) -> usize {
    let w = (crop.width as f32 * REC_HEIGHT as f32 / crop.height.max(1) as f32).ceil() as usize;
    w.clamp(REC_STRIDE as usize, REC_MAX_WIDTH)
}

/// `(x / 255 - 0.5) / 0.5` of a crop resized to `w × h`, three channels, into `out` at a row
/// stride of `stride` pixels (the rest of each row stays 0, PP-OCR's padding).
fn normalised_into(crop: &Gray, w: usize, h: usize, stride: usize, out: &mut [f32]) {
    let small = crop.resized(w, h);
    for c in 0..3 {
        for y in 0..h {
            for x in 0..w {
                let v = f32::from(small.get(x as isize, y as isize)) / 127.5 - 1.0;
                if let Some(slot) = out.get_mut((c * h + y) * stride + x) {
                    *slot = v;
                }
            }
        }
    }
}

fn upside_down(classifier: &mut Session, crop: &Gray) -> Result<bool, String> {
    let (cw, ch) = CLS_SIZE;
    let w =
        ((crop.width as f32 * ch as f32 / crop.height.max(1) as f32).ceil() as usize).clamp(1, cw);
    let mut input = vec![0f32; 3 * ch * cw];
    normalised_into(crop, w, ch, cw, &mut input);
    run_first_output(
        classifier,
        [1, 3, ch, cw],
        input,
        "classifier",
        |_, probs| Ok(probs.get(1).is_some_and(|p| *p > CLS_TURN)),
    )
}

fn recognise_batch(
    session: &mut Session,
    dictionary: &[String],
    batch: &[(TextBox, Gray)],
) -> Result<Vec<TextLine>, String> {
    let widths: Vec<usize> = batch.iter().map(|(_, c)| scaled_width(c)).collect();
    let stride = widths.iter().copied().max().unwrap_or(REC_STRIDE as usize);
    let per = 3 * REC_HEIGHT * stride;
    let mut input = vec![0f32; batch.len() * per];
    for (k, ((_, crop), w)) in batch.iter().zip(&widths).enumerate() {
        if let Some(slot) = input.get_mut(k * per..(k + 1) * per) {
            normalised_into(crop, *w, REC_HEIGHT, stride, slot);
        }
    }
    let shape = [batch.len(), 3, REC_HEIGHT, stride];
    run_first_output(session, shape, input, "recogniser", |dims, probs| {
        lines_of(batch, &widths, dims, probs, dictionary)
    })
}

/// The recogniser's output `probs` (of `dims`: batch × steps × classes) decoded into one line
/// per crop of `batch`.
fn lines_of(
    batch: &[(TextBox, Gray)],
    widths: &[usize],
    dims: &[i64],
    probs: &[f32],
    dictionary: &[String],
) -> Result<Vec<TextLine>, String> {
    let (steps, classes) = match dims.iter().map(|d| usize::try_from(*d)).collect::<Vec<_>>()[..] {
        [Ok(n), Ok(t), Ok(c)] if n == batch.len() && n * t * c <= probs.len() => (t, c),
        _ => return Err(format!("the recogniser's output has shape {dims:?}")),
    };
    let mut out = Vec::with_capacity(batch.len());
    for (k, ((b, crop), w)) in batch.iter().zip(widths).enumerate() {
        let Some(seq) = probs.get(k * steps * classes..(k + 1) * steps * classes) else {
            continue;
        };
        // A step's centre in input pixels, back to the crop's and the page's pixels.
        let to_page = |t: usize| {
            let input_x = (t as f32 + 0.5) * REC_STRIDE;
            b.bbox.0 + input_x * crop.width as f32 / *w as f32
        };
        let chars = decode(seq, classes, dictionary)
            .into_iter()
            .map(|(t, text, confidence)| Char {
                text,
                centre: to_page(t),
                confidence,
            })
            .collect::<Vec<_>>();
        let confidence = if chars.is_empty() {
            0.0
        } else {
            chars.iter().map(|c| c.confidence).sum::<f32>() / chars.len() as f32
        };
        out.push(TextLine {
            bbox: b.bbox,
            chars,
            confidence,
        });
    }
    Ok(out)
}

/// Best-path CTC decoding of `steps × classes` probabilities: `(time step, character,
/// probability)` for each character kept; class 0 is the blank, class `i` is
/// `dictionary[i - 1]`.
pub fn decode(seq: &[f32], classes: usize, dictionary: &[String]) -> Vec<(usize, String, f32)> {
    let mut out = Vec::new();
    let mut previous = 0usize;
    for (t, step) in seq.chunks(classes.max(1)).enumerate() {
        let (best, p) =
            step.iter().enumerate().fold(
                (0usize, f32::MIN),
                |acc, (i, &v)| if v > acc.1 { (i, v) } else { acc },
            );
        if best != 0 && best != previous {
            if let Some(text) = dictionary.get(best - 1) {
                out.push((t, text.clone(), p));
            }
        }
        previous = best;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn ctc_merges_repeats_and_drops_blanks() {
        let dict: Vec<String> = ["a", "b"].iter().map(|s| s.to_string()).collect();
        // Steps: a a blank a b; classes: blank, a, b.
        let seq = [
            0.1, 0.8, 0.1, 0.1, 0.7, 0.2, 0.9, 0.05, 0.05, 0.2, 0.6, 0.2, 0.1, 0.1, 0.8,
        ];
        let got: Vec<String> = super::decode(&seq, 3, &dict)
            .into_iter()
            .map(|c| c.1)
            .collect();
        assert_eq!(got, ["a", "a", "b"]);
        assert!(super::decode(&[], 0, &dict).is_empty());
    }
}

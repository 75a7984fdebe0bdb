//! Bounds on what one PDF can make the engine do, enforced from outside it.
//!
//! hayro has no limits of its own beyond a nesting depth of 50 for forms and patterns: it inflates
//! every stream whole (a 1 MB deflate bomb costs a gigabyte), joins a page's `/Contents` array
//! (the same stream listed 10,000 times), and walks a form-XObject DAG without memo (2^40 draws).
//! So: streams are measured with our own bounded decoders before the engine touches them
//! ([`scan_raw`] over the file bytes, [`check_objects`] and [`check_contents`] over parsed
//! objects), and interpretation runs inside [`Budget`], a device wrapper that counts drawing
//! operations and watches the clock, and stops the interpreter by unwinding with a [`Stop`]
//! payload (`resume_unwind` runs no panic hook, so nothing is printed) caught in `load`.

use crate::limits::content::path_over;
use crate::limits::decoded::{decoded_len, worst_case, Filter as Dec};
use hayro_interpret::font::GlyphRun;
use hayro_interpret::hayro_syntax::object::{Array, Dict, Name, Object, Stream};
use hayro_interpret::hayro_syntax::{Filter, Pdf};
use hayro_interpret::kurbo::{BezPath, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, SoftMask,
};
use std::time::Instant;

/// The bound that stopped reading: the payload of the unwind out of the interpreter, and the
/// error of the checks before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stop {
    /// The bound's name, as in [`crate::Limits`].
    pub what: &'static str,
    /// The bound's value.
    pub limit: u64,
}

/// Wall-clock bound of one document; `None` when unbounded.
#[derive(Debug, Clone, Copy)]
pub(super) struct Deadline {
    at: Option<Instant>,
    seconds: u64,
}

impl Deadline {
    /// Starts the clock; 0 seconds means no bound.
    pub fn start(seconds: u64) -> Deadline {
        let at = (seconds > 0)
            .then(|| Instant::now().checked_add(std::time::Duration::from_secs(seconds)))
            .flatten();
        Deadline { at, seconds }
    }

    /// `Err` once the time is up.
    pub fn check(&self) -> Result<(), Stop> {
        match self.at {
            Some(at) if Instant::now() >= at => Err(Stop {
                what: "max_pdf_seconds",
                limit: self.seconds,
            }),
            _ => Ok(()),
        }
    }
}

fn over(cap: u64) -> Stop {
    Stop {
        what: "max_pdf_stream_bytes",
        limit: cap,
    }
}

/// Counts what every deflate stream in the raw file would inflate to, before the parser runs:
/// the xref and object streams are inflated while the file is opened, out of our reach later.
/// A stream is taken to run from its `stream` keyword to the next `endstream`, which over-counts
/// only when a stream contains that word (harmless: the inflater stops at its final block).
/// Image streams and attached files are left out: docgrid never decodes them. Returns where the
/// data (start, length) of each measured stream lies, so that [`check_objects`] need not
/// inflate it again.
pub(super) fn scan_raw(
    bytes: &[u8],
    cap: u64,
    deadline: &Deadline,
) -> Result<Vec<(usize, usize)>, Stop> {
    let mut measured = Vec::new();
    let finder = memchr::memmem::Finder::new(b"stream");
    let end_finder = memchr::memmem::Finder::new(b"endstream");
    let mut from = 0;
    while let Some(found) = bytes.get(from..).and_then(|b| finder.find(b)) {
        let kw = from + found;
        from = kw + 6;
        if kw >= 3 && bytes.get(kw - 3..kw) == Some(&b"end"[..]) {
            continue;
        }
        let start = match bytes.get(from..from + 2) {
            Some([b'\r', b'\n', ..]) => from + 2,
            Some([b'\n' | b'\r', ..]) => from + 1,
            _ => continue,
        };
        let end = bytes
            .get(start..)
            .and_then(|b| end_finder.find(b))
            .map_or(bytes.len(), |e| start + e);
        let Some(data) = bytes.get(start..end) else {
            continue;
        };
        if worst_case(data.len() as u64, &[Dec::Flate]) <= cap {
            continue;
        }
        // The stream's dictionary: back to the nearest "obj", at most 64 KiB away.
        let lo = kw.saturating_sub(64 * 1024);
        let head = bytes.get(lo..kw).unwrap_or_default();
        let dict = memchr::memmem::rfind(head, b"obj")
            .and_then(|o| head.get(o..))
            .unwrap_or(head);
        let image = [
            &b"/Image"[..],
            b"/EmbeddedFile",
            b"/DCTDecode",
            b"/JPXDecode",
            b"/JBIG2Decode",
            b"/CCITTFax",
        ]
        .iter()
        .any(|k| memchr::memmem::find(dict, k).is_some());
        if image {
            continue;
        }
        deadline.check()?;
        decoded_len(data, &[Dec::Flate], cap).map_err(|_| over(cap))?;
        measured.push((start, data.len()));
    }
    Ok(measured)
}

/// Streams docgrid never decodes: images and attached files.
fn never_decoded(dict: &Dict<'_>) -> bool {
    dict.get::<Name<'_>>(b"Subtype")
        .is_some_and(|n| &*n == b"Image")
        || dict
            .get::<Name<'_>>(b"Type")
            .is_some_and(|n| &*n == b"EmbeddedFile")
}

/// The stream's filters for our decoders.
fn filters(s: &Stream<'_>) -> Vec<Dec> {
    let early_change = s
        .dict()
        .get::<Dict<'_>>(b"DecodeParms")
        .and_then(|p| p.get::<i32>(b"EarlyChange"))
        .is_none_or(|v| v != 0);
    s.filters()
        .iter()
        .map(|f| match f {
            Filter::AsciiHexDecode => Dec::AsciiHex,
            Filter::Ascii85Decode => Dec::Ascii85,
            Filter::LzwDecode => Dec::Lzw { early_change },
            Filter::FlateDecode => Dec::Flate,
            Filter::RunLengthDecode => Dec::RunLength,
            _ => Dec::Other,
        })
        .collect()
}

/// Decoded size of one stream, exact only when it could pass `cap`; otherwise its worst case.
fn stream_len(s: &Stream<'_>, cap: u64) -> Result<u64, Stop> {
    let filters = filters(s);
    let raw = s.raw_data();
    let worst = worst_case(raw.len() as u64, &filters);
    if worst <= cap {
        return Ok(worst);
    }
    decoded_len(&raw, &filters, cap).map_err(|_| over(cap))
}

/// Measures every non-image stream through the parser: catches what [`scan_raw`] cannot see
/// (encrypted files, filter chains, LZW and run-length bombs). Form XObjects and tiling
/// patterns are content streams: big ones are read for an oversized path too.
pub(super) fn check_objects(
    pdf: &Pdf,
    cap: u64,
    max_path: u64,
    deadline: &Deadline,
    measured: &[(usize, usize)],
) -> Result<(), Stop> {
    let big = max_path.saturating_mul(2);
    let file: &[u8] = pdf.data().as_ref();
    for obj in pdf.objects() {
        let Object::Stream(s) = obj else { continue };
        let dict = s.dict();
        if never_decoded(dict) {
            continue;
        }
        let content = dict
            .get::<Name<'_>>(b"Subtype")
            .is_some_and(|n| &*n == b"Form")
            || dict.get::<i32>(b"PatternType") == Some(1);
        if !content && measured_raw(&s, file, measured) {
            continue;
        }
        deadline.check()?;
        let len = stream_len(&s, cap)?;
        if content && len >= big {
            // A worst case over `big` may still be a small stream: count before decoding.
            let exact = decoded_len(&s.raw_data(), &filters(&s), cap).map_err(|_| over(cap))?;
            if exact >= big {
                check_paths(&s.decoded().unwrap_or_default(), max_path)?;
            }
        }
    }
    Ok(())
}

/// The stream is plain deflate data, unencrypted, that [`scan_raw`] measured in the file already
/// (a font program is the usual case: inflating it twice more than the engine does was a fifth of
/// the reading time of a report). The parser's data must lie within what was measured: a
/// `/Length` reaching past an `endstream` inside the data would hide the rest from the scan.
fn measured_raw(s: &Stream<'_>, file: &[u8], measured: &[(usize, usize)]) -> bool {
    if filters(s) != [Dec::Flate] {
        return false;
    }
    let std::borrow::Cow::Borrowed(raw) = s.raw_data() else {
        return false;
    };
    let (base, at) = (file.as_ptr() as usize, raw.as_ptr() as usize);
    let Some(off) = at
        .checked_sub(base)
        .filter(|off| off.saturating_add(raw.len()) <= file.len())
    else {
        return false;
    };
    measured
        .binary_search_by_key(&off, |m| m.0)
        .ok()
        .and_then(|i| measured.get(i))
        .is_some_and(|m| raw.len() <= m.1)
}

/// Refuses content with a path of more than `max` elements.
pub(super) fn check_paths(content: &[u8], max: u64) -> Result<(), Stop> {
    if path_over(content, max) {
        Err(Stop {
            what: "max_pdf_path_elements",
            limit: max,
        })
    } else {
        Ok(())
    }
}

/// The engine joins a page's content streams into one buffer: their decoded sizes together
/// must stay under `cap` (one stream listed 10,000 times in `/Contents` would not).
pub(super) fn check_contents(page: &Dict<'_>, cap: u64) -> Result<(), Stop> {
    let streams: Vec<Stream<'_>> = match page.get::<Stream<'_>>(b"Contents") {
        Some(s) => vec![s],
        None => page
            .get::<Array<'_>>(b"Contents")
            .map(|a| a.iter::<Stream<'_>>().collect())
            .unwrap_or_default(),
    };
    let worst = streams.iter().fold(0u64, |n, s| {
        n.saturating_add(worst_case(s.raw_data().len() as u64, &filters(s)))
            .saturating_add(1)
    });
    if worst <= cap {
        return Ok(());
    }
    let mut total = 0u64;
    for s in &streams {
        let left = cap.saturating_sub(total);
        let n = decoded_len(&s.raw_data(), &filters(s), left).map_err(|_| over(cap))?;
        // The engine adds one separating space per stream.
        total = total.saturating_add(n).saturating_add(1);
        if total > cap {
            return Err(over(cap));
        }
    }
    Ok(())
}

/// A page's content streams decoded and joined as the engine joins them (a space after each
/// stream of an array), at their exact size.
pub(super) fn page_content(page: &Dict<'_>) -> Vec<u8> {
    let mut out = match page.get::<Stream<'_>>(b"Contents") {
        Some(s) => s.decoded_data().map(|d| d.into_owned()).unwrap_or_default(),
        None => {
            let mut joined = Vec::new();
            let list = page.get::<Array<'_>>(b"Contents");
            for s in list.iter().flat_map(|a| a.iter::<Object<'_>>()) {
                if let Some(Ok(d)) = s.into_stream().map(|s| s.decoded_data()) {
                    joined.extend_from_slice(&d);
                    joined.push(b' ');
                }
            }
            joined
        }
    };
    out.shrink_to_fit();
    out
}

/// Forwards every call to the device it wraps, counting drawing operations (nested forms
/// included, since each form draw pushes a clip) and checking the clock; past a bound it unwinds
/// out of the interpreter with a [`Stop`].
pub(super) struct Budget<D> {
    /// The wrapped device.
    pub inner: D,
    ops: u64,
    max_ops: u64,
    deadline: Deadline,
}

impl<D> Budget<D> {
    /// Wraps `inner` with a fresh count.
    pub fn new(inner: D, max_ops: u64, deadline: Deadline) -> Budget<D> {
        Budget {
            inner,
            ops: 0,
            max_ops,
            deadline,
        }
    }

    fn tick(&mut self) {
        self.ops += 1;
        let stop = if self.ops > self.max_ops {
            Some(Stop {
                what: "max_pdf_draw_ops",
                limit: self.max_ops,
            })
        } else if self.ops.is_multiple_of(256) {
            self.deadline.check().err()
        } else {
            None
        };
        if let Some(stop) = stop {
            std::panic::resume_unwind(Box::new(stop));
        }
    }
}

impl<'a, D: Device<'a>> Device<'a> for Budget<D> {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        self.tick();
        self.inner.draw_path(path, props, mode);
    }
    fn push_clip_path(&mut self, clip: &ClipPath) {
        self.tick();
        self.inner.push_clip_path(clip);
    }
    fn push_clip_rect(&mut self, rect: &Rect) {
        self.tick();
        self.inner.push_clip_rect(rect);
    }
    fn push_transparency_group(&mut self, opacity: f32, mask: Option<SoftMask<'a>>, b: BlendMode) {
        self.tick();
        self.inner.push_transparency_group(opacity, mask, b);
    }
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        self.tick();
        self.inner.draw_glyph_run(run, props, mode);
    }
    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        self.tick();
        self.inner.draw_image(image, props);
    }
    fn pop_clip(&mut self) {
        self.inner.pop_clip();
    }
    fn pop_transparency_group(&mut self) {
        self.inner.pop_transparency_group();
    }
    fn draw_rect(&mut self, rect: &Rect, props: DrawProps<'a>, mode: &DrawMode) {
        self.tick();
        self.inner.draw_rect(rect, props, mode);
    }
    fn begin_marked_content(&mut self, tag: &[u8], properties: Option<&Dict<'_>>) {
        self.inner.begin_marked_content(tag, properties);
    }
    fn end_marked_content(&mut self) {
        self.inner.end_marked_content();
    }
}

//! How many bytes a PDF stream decodes to, found without ever holding more than a bound.
//!
//! The PDF engine inflates a stream into one `Vec` before looking at it, so a 1 MB file with a
//! deflate bomb in its content stream costs a gigabyte. These decoders run first: the last filter
//! of a chain only counts its output, earlier ones (rare: `[/FlateDecode /FlateDecode]`,
//! `[/LZWDecode /ASCII85Decode]`) materialise it, both stopping as soon as the bound is passed.
//! They are as lenient as the engine's own fallback decoders: corrupt data ends the count
//! instead of failing it, because the engine keeps what it decoded up to that point.

/// A stream filter, as far as its output size is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// `/ASCIIHexDecode`: shrinks.
    AsciiHex,
    /// `/ASCII85Decode`: up to four bytes per input byte (`z`).
    Ascii85,
    /// `/LZWDecode` with its `/EarlyChange` (default true).
    Lzw {
        /// Code width grows one code early (the PDF default).
        early_change: bool,
    },
    /// `/FlateDecode` (zlib or raw deflate).
    Flate,
    /// `/RunLengthDecode`: up to 128 bytes per two input bytes.
    RunLength,
    /// Image or crypt filters and unknown names: the engine does not decode these for text.
    Other,
}

impl Filter {
    /// The most output one input byte can yield.
    pub fn max_ratio(self) -> u64 {
        match self {
            Filter::AsciiHex | Filter::Other => 1,
            Filter::Ascii85 => 4,
            // Table entries reach about 3,840 bytes and a code takes at least 9 bits.
            Filter::Lzw { .. } => 4_096,
            // 258 bytes per 2-bit fixed-Huffman match at best: the classic 1032:1.
            Filter::Flate => 1_032,
            Filter::RunLength => 128,
        }
    }
}

/// The decoded size would pass the bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Over;

/// The most bytes `raw_len` input bytes can decode to through `filters` (saturating).
pub fn worst_case(raw_len: u64, filters: &[Filter]) -> u64 {
    filters
        .iter()
        .fold(raw_len, |n, f| n.saturating_mul(f.max_ratio()))
}

/// The decoded size of `raw` through `filters` (applied in order), or [`Over`] once it passes
/// `cap`. Decoding stops at the first filter this module does not decode ([`Filter::Other`]).
pub fn decoded_len(raw: &[u8], filters: &[Filter], cap: u64) -> Result<u64, Over> {
    let mut data = std::borrow::Cow::Borrowed(raw);
    for (i, f) in filters.iter().enumerate() {
        let last = i + 1 == filters.len();
        let mut sink = Sink::new(cap, !last);
        match f {
            Filter::AsciiHex => ascii_hex(&data, &mut sink)?,
            Filter::Ascii85 => ascii85(&data, &mut sink)?,
            Filter::Lzw { early_change } => lzw(&data, *early_change, &mut sink)?,
            Filter::Flate => inflate(&data, &mut sink)?,
            Filter::RunLength => run_length(&data, &mut sink)?,
            Filter::Other => return within(data.len() as u64, cap),
        }
        if last {
            return Ok(sink.len);
        }
        data = std::borrow::Cow::Owned(sink.out);
    }
    within(data.len() as u64, cap)
}

fn within(len: u64, cap: u64) -> Result<u64, Over> {
    if len > cap {
        Err(Over)
    } else {
        Ok(len)
    }
}

/// Where decoded bytes go: counted always, kept only for a filter that feeds another.
pub(super) struct Sink {
    out: Vec<u8>,
    keep: bool,
    len: u64,
    cap: u64,
}

impl Sink {
    fn new(cap: u64, keep: bool) -> Sink {
        Sink {
            out: Vec::new(),
            keep,
            len: 0,
            cap,
        }
    }

    /// Forgets everything written, for a second decoder to start over.
    pub(super) fn reset(&mut self) {
        self.out.clear();
        self.len = 0;
    }

    pub(super) fn grow(&mut self, n: u64) -> Result<(), Over> {
        self.len = self.len.saturating_add(n);
        if self.len > self.cap {
            Err(Over)
        } else {
            Ok(())
        }
    }

    pub(super) fn push(&mut self, b: u8) -> Result<(), Over> {
        self.grow(1)?;
        if self.keep {
            self.out.push(b);
        }
        Ok(())
    }

    pub(super) fn extend(&mut self, bytes: &[u8]) -> Result<(), Over> {
        self.grow(bytes.len() as u64)?;
        if self.keep {
            self.out.extend_from_slice(bytes);
        }
        Ok(())
    }

    pub(super) fn repeat(&mut self, b: u8, n: usize) -> Result<(), Over> {
        self.grow(n as u64)?;
        if self.keep {
            self.out.resize(self.out.len() + n, b);
        }
        Ok(())
    }

    /// A deflate back-reference; a distance before the start reads zeros, as lenient decoders do.
    pub(super) fn copy_back(&mut self, dist: usize, n: usize) -> Result<(), Over> {
        self.grow(n as u64)?;
        if self.keep {
            for _ in 0..n {
                let at = self.out.len().checked_sub(dist);
                let b = at.and_then(|i| self.out.get(i).copied()).unwrap_or(0);
                self.out.push(b);
            }
        }
        Ok(())
    }
}

fn ascii_hex(data: &[u8], sink: &mut Sink) -> Result<(), Over> {
    let mut high: Option<u8> = None;
    for &c in data {
        if c == b'>' {
            break;
        }
        let Some(v) = (c as char).to_digit(16) else {
            continue;
        };
        let v = v as u8;
        match high.take() {
            Some(h) => sink.push(h << 4 | v)?,
            None => high = Some(v),
        }
    }
    if let Some(h) = high {
        sink.push(h << 4)?;
    }
    Ok(())
}

fn ascii85(data: &[u8], sink: &mut Sink) -> Result<(), Over> {
    let mut group = [0u8; 5];
    let mut n = 0;
    let flush = |group: &[u8; 5], n: usize, sink: &mut Sink| -> Result<(), Over> {
        let mut padded = [b'u' - b'!'; 5];
        padded[..n].copy_from_slice(&group[..n]);
        let v = padded.iter().fold(0u64, |acc, d| acc * 85 + u64::from(*d));
        let bytes = (v as u32).to_be_bytes();
        sink.extend(&bytes[..n.saturating_sub(1)])
    };
    for &c in data {
        match c {
            b'~' => break,
            b'z' if n == 0 => sink.extend(&[0; 4])?,
            b'!'..=b'u' => {
                if let Some(slot) = group.get_mut(n) {
                    *slot = c - b'!';
                }
                n += 1;
                if n == 5 {
                    flush(&group, 5, sink)?;
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        flush(&group, n, sink)?;
    }
    Ok(())
}

fn run_length(data: &[u8], sink: &mut Sink) -> Result<(), Over> {
    let mut i = 0;
    while let Some(&len) = data.get(i) {
        i += 1;
        match len {
            128 => break,
            0..=127 => {
                let end = (i + usize::from(len) + 1).min(data.len());
                sink.extend(data.get(i..end).unwrap_or_default())?;
                i = end;
            }
            _ => {
                let Some(&b) = data.get(i) else { break };
                i += 1;
                sink.repeat(b, 257 - usize::from(len))?;
            }
        }
    }
    Ok(())
}

/// One LZW table entry: the entry it extends, its last byte, its first byte and its length.
#[derive(Clone, Copy)]
struct Entry {
    prefix: u16,
    last: u8,
    first: u8,
    len: u32,
}

fn lzw(data: &[u8], early_change: bool, sink: &mut Sink) -> Result<(), Over> {
    const CLEAR: usize = 256;
    const EOD: usize = 257;
    const MAX_ENTRIES: usize = 4096;
    let base: Vec<Entry> = (0..=255u8)
        .map(|b| Entry {
            prefix: u16::MAX,
            last: b,
            first: b,
            len: 1,
        })
        .chain(
            [Entry {
                prefix: u16::MAX,
                last: 0,
                first: 0,
                len: 0,
            }; 2],
        )
        .collect();
    let mut table = base.clone();
    let width = |size: usize| match size + usize::from(early_change) {
        s if s >= 2048 => 12,
        s if s >= 1024 => 11,
        s if s >= 512 => 10,
        _ => 9,
    };
    let (mut acc, mut bits, mut pos) = (0u32, 0u32, 0usize);
    let mut prev: Option<usize> = None;
    let mut scratch = Vec::new();
    loop {
        let w = width(table.len());
        while bits < w {
            let Some(&b) = data.get(pos) else {
                return Ok(());
            };
            pos += 1;
            acc = (acc << 8) | u32::from(b);
            bits += 8;
        }
        let code = ((acc >> (bits - w)) & ((1 << w) - 1)) as usize;
        bits -= w;
        match code {
            CLEAR => {
                table.truncate(base.len());
                prev = None;
            }
            EOD => return Ok(()),
            _ => {
                let entry = if code < table.len() {
                    let Some(&e) = table.get(code) else {
                        return Ok(());
                    };
                    if let Some(p) = prev.and_then(|p| table.get(p).copied()) {
                        register(&mut table, prev, p, e.first, MAX_ENTRIES);
                    }
                    e
                } else if code == table.len() {
                    // The KwKwK case: the new entry is the previous one plus its own first byte.
                    let Some(p) = prev.and_then(|p| table.get(p).copied()) else {
                        return Ok(());
                    };
                    if !register(&mut table, prev, p, p.first, MAX_ENTRIES) {
                        return Ok(());
                    }
                    match table.last() {
                        Some(&e) => e,
                        None => return Ok(()),
                    }
                } else {
                    return Ok(());
                };
                emit(&table, entry, sink, &mut scratch)?;
                prev = Some(code);
            }
        }
    }
}

fn register(table: &mut Vec<Entry>, prev: Option<usize>, p: Entry, byte: u8, max: usize) -> bool {
    let Some(prefix) = prev.and_then(|i| u16::try_from(i).ok()) else {
        return false;
    };
    if table.len() >= max {
        return false;
    }
    table.push(Entry {
        prefix,
        last: byte,
        first: p.first,
        len: p.len.saturating_add(1),
    });
    true
}

fn emit(table: &[Entry], entry: Entry, sink: &mut Sink, scratch: &mut Vec<u8>) -> Result<(), Over> {
    if !sink.keep {
        return sink.grow(u64::from(entry.len));
    }
    scratch.clear();
    let mut e = entry;
    loop {
        scratch.push(e.last);
        match table.get(usize::from(e.prefix)) {
            Some(&p) if e.prefix != u16::MAX && scratch.len() < 4096 => e = p,
            _ => break,
        }
    }
    scratch.reverse();
    sink.extend(scratch)
}

use super::inflate::inflate;

#[cfg(test)]
#[path = "decoded_tests.rs"]
mod tests;

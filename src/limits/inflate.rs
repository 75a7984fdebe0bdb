//! A lenient inflate (RFC 1950/1951) that writes into a bounded [`Sink`], after Mark Adler's
//! `puff.c`: slow-ish canonical Huffman decoding, no tables to get wrong, no unchecked indexing.
//! Corrupt input ends the output where it breaks, as the PDF engine's fallback decoder does.

use super::decoded::{Over, Sink};

const MAXBITS: usize = 15;
const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// The order code-length code lengths are sent in (RFC 1951, 3.2.7).
const CL_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// Least-significant-bit-first reader; `None` once the input runs out.
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    buf: u64,
    cnt: u32,
}

impl Bits<'_> {
    fn take(&mut self, n: u32) -> Option<u32> {
        while self.cnt < n {
            let b = *self.data.get(self.pos)?;
            self.pos += 1;
            self.buf |= u64::from(b) << self.cnt;
            self.cnt += 8;
        }
        let v = (self.buf & ((1u64 << n) - 1)) as u32;
        self.buf >>= n;
        self.cnt -= n;
        Some(v)
    }

    /// Drops the bits left in the current byte (fewer than 8: bytes are loaded one at a time).
    fn align(&mut self) {
        self.buf = 0;
        self.cnt = 0;
    }
}

/// A canonical Huffman code: how many codes of each length, and the symbols in code order.
struct Huffman {
    count: [u16; MAXBITS + 1],
    symbol: Vec<u16>,
}

impl Huffman {
    fn new(lengths: &[u8]) -> Huffman {
        let mut count = [0u16; MAXBITS + 1];
        for &l in lengths {
            if let Some(c) = count.get_mut(usize::from(l)) {
                *c += 1;
            }
        }
        let mut offs = [0usize; MAXBITS + 2];
        for len in 1..=MAXBITS {
            offs[len + 1] = offs[len] + usize::from(count[len]);
        }
        let mut symbol = vec![0u16; lengths.len()];
        for (sym, &l) in lengths.iter().enumerate() {
            let l = usize::from(l);
            if (1..=MAXBITS).contains(&l) {
                if let Some(slot) = symbol.get_mut(offs[l]) {
                    *slot = sym as u16;
                }
                offs[l] += 1;
            }
        }
        count[0] = 0;
        Huffman { count, symbol }
    }

    fn decode(&self, bits: &mut Bits<'_>) -> Option<u16> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..=MAXBITS {
            code |= bits.take(1)? as i32;
            let count = i32::from(self.count[len]);
            if code - count < first {
                return self.symbol.get((index + (code - first)) as usize).copied();
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        None
    }
}

/// Inflates a zlib stream (header skipped) or raw deflate data into `sink`.
pub(super) fn inflate(data: &[u8], sink: &mut Sink) -> Result<(), Over> {
    let zlib = match data {
        [cmf, flg, ..] => {
            cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0 && flg & 0x20 == 0
        }
        _ => false,
    };
    // Every big stream is measured before the engine inflates it again, so speed matters here:
    // zlib-rs first (it is what the engine uses for a well-formed stream, so the count is the
    // engine's). Only a stream zlib-rs rejects or finds truncated is counted again below, the way
    // the engine's lenient fallback decoder would read it.
    if complete_stream(data, zlib, sink)? {
        return Ok(());
    }
    sink.reset();
    let mut bits = Bits {
        data: if zlib {
            data.get(2..).unwrap_or_default()
        } else {
            data
        },
        pos: 0,
        buf: 0,
        cnt: 0,
    };
    loop {
        let (Some(last), Some(kind)) = (bits.take(1), bits.take(2)) else {
            return Ok(());
        };
        let complete = match kind {
            0 => stored(&mut bits, sink)?,
            1 => {
                let mut lit = [8u8; 288];
                lit[144..256].fill(9);
                lit[256..280].fill(7);
                codes(
                    &mut bits,
                    sink,
                    &Huffman::new(&lit),
                    &Huffman::new(&[5; 30]),
                )?
            }
            2 => match dynamic(&mut bits) {
                Some((lit, dist)) => codes(&mut bits, sink, &lit, &dist)?,
                None => false,
            },
            _ => false,
        };
        if !complete || last == 1 {
            return Ok(());
        }
    }
}

/// Counts `data` through zlib-rs; `Ok(false)` unless it is one complete, valid stream.
fn complete_stream(data: &[u8], zlib: bool, sink: &mut Sink) -> Result<bool, Over> {
    use flate2::{Decompress, FlushDecompress, Status};
    let mut d = Decompress::new(zlib);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let (read, written) = (d.total_in(), d.total_out());
        let rest = usize::try_from(read)
            .ok()
            .and_then(|r| data.get(r..))
            .unwrap_or_default();
        let status = d.decompress(rest, &mut buf, FlushDecompress::Finish);
        let n = usize::try_from(d.total_out().saturating_sub(written)).unwrap_or(0);
        sink.extend(buf.get(..n).unwrap_or_default())?;
        match status {
            Ok(Status::StreamEnd) => return Ok(true),
            // No progress: the input ended before the stream did.
            Ok(_) if n == 0 && d.total_in() == read => return Ok(false),
            Ok(_) => {}
            Err(_) => return Ok(false),
        }
    }
}

/// A stored block; `Ok(false)` when the input ends inside it.
fn stored(bits: &mut Bits<'_>, sink: &mut Sink) -> Result<bool, Over> {
    bits.align();
    let Some(&[lo, hi, _, _]) = bits.data.get(bits.pos..bits.pos + 4) else {
        return Ok(false);
    };
    let len = usize::from(u16::from_le_bytes([lo, hi]));
    bits.pos += 4;
    let end = (bits.pos + len).min(bits.data.len());
    sink.extend(bits.data.get(bits.pos..end).unwrap_or_default())?;
    let complete = end - bits.pos == len;
    bits.pos = end;
    Ok(complete)
}

/// Reads the code tables of a dynamic block.
fn dynamic(bits: &mut Bits<'_>) -> Option<(Huffman, Huffman)> {
    let nlen = bits.take(5)? as usize + 257;
    let ndist = bits.take(5)? as usize + 1;
    let ncode = bits.take(4)? as usize + 4;
    let mut cl = [0u8; 19];
    for &at in CL_ORDER.iter().take(ncode) {
        cl[at] = bits.take(3)? as u8;
    }
    let cl = Huffman::new(&cl);
    let mut lengths = vec![0u8; nlen + ndist];
    let mut i = 0;
    while i < nlen + ndist {
        let sym = cl.decode(bits)?;
        let (value, times) = match sym {
            0..=15 => (sym as u8, 1),
            16 => (*lengths.get(i.checked_sub(1)?)?, 3 + bits.take(2)? as usize),
            17 => (0, 3 + bits.take(3)? as usize),
            _ => (0, 11 + bits.take(7)? as usize),
        };
        for _ in 0..times {
            *lengths.get_mut(i)? = value;
            i += 1;
        }
    }
    let (lit, dist) = lengths.split_at(nlen);
    Some((Huffman::new(lit), Huffman::new(dist)))
}

/// The codes of one compressed block; `Ok(true)` at its end-of-block code.
fn codes(
    bits: &mut Bits<'_>,
    sink: &mut Sink,
    lit: &Huffman,
    dist: &Huffman,
) -> Result<bool, Over> {
    loop {
        let Some(sym) = lit.decode(bits) else {
            return Ok(false);
        };
        let sym = usize::from(sym);
        if sym < 256 {
            sink.push(sym as u8)?;
            continue;
        }
        if sym == 256 {
            return Ok(true);
        }
        let (Some(&base), Some(&extra)) = (LENGTH_BASE.get(sym - 257), LENGTH_EXTRA.get(sym - 257))
        else {
            return Ok(false);
        };
        let Some(add) = bits.take(u32::from(extra)) else {
            return Ok(false);
        };
        let len = usize::from(base) + add as usize;
        let Some(dsym) = dist.decode(bits).map(usize::from) else {
            return Ok(false);
        };
        let (Some(&dbase), Some(&dextra)) = (DIST_BASE.get(dsym), DIST_EXTRA.get(dsym)) else {
            return Ok(false);
        };
        let Some(dadd) = bits.take(u32::from(dextra)) else {
            return Ok(false);
        };
        sink.copy_back(usize::from(dbase) + dadd as usize, len)?;
    }
}

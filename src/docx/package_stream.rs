//! Part streams: bounded inflation and text-encoding normalisation (BOM, UTF-16).
//!
//! Bounds are enforced inside `Read`, so they surface as `io::Error`s wrapping a
//! [`StreamError`]; [`io_to_error`] (and `xml::quick_error`) turn them back into typed errors.

use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use std::cell::Cell;
use std::fmt;
use std::io::{self, BufRead, BufReader, Cursor, Read};

/// Buffer size for part streams: large enough that the XML parser rarely waits on inflate.
const BUF_SIZE: usize = 64 * 1024;
/// Smallest read buffer of a part (see `decode`).
const MIN_BUF_SIZE: usize = 1024;

/// A failure inside a part stream, carried through `io::Error` to keep its type.
#[derive(Debug)]
pub(crate) enum StreamError {
    /// A bound of [`Limits`] was exceeded while inflating `part`.
    Limit {
        /// The part name.
        part: String,
        /// The bound's name.
        what: &'static str,
        /// The bound's value.
        limit: u64,
    },
    /// The compressed data of `part` is corrupt (or its text encoding is).
    Corrupt {
        /// The part name.
        part: String,
        /// The cause.
        message: String,
    },
}

impl StreamError {
    /// The typed error this stands for.
    pub fn to_error(&self) -> Error {
        Error::new(match self {
            StreamError::Limit { part, what, limit } => ErrorKind::Limit {
                part: part.clone(),
                what,
                limit: *limit,
            },
            StreamError::Corrupt { part, message } => ErrorKind::Zip(format!("{part}: {message}")),
        })
    }

    fn into_io(self) -> io::Error {
        io::Error::other(self)
    }
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.to_error().fmt(f)
    }
}

impl std::error::Error for StreamError {}

/// Maps an `io::Error` from a part stream to our error: the carried [`StreamError`] when
/// there is one, else a zip error naming the part.
pub(crate) fn io_to_error(part: &str, e: &io::Error) -> Error {
    match e.get_ref().and_then(|r| r.downcast_ref::<StreamError>()) {
        Some(se) => se.to_error(),
        None => Error::new(ErrorKind::Zip(format!("{part}: {e}"))),
    }
}

/// Counts inflated bytes against the per-part and per-package bounds.
pub(crate) struct Bounded<'t, R> {
    inner: R,
    part: String,
    read: u64,
    limits: Limits,
    total: &'t Cell<u64>,
}

impl<'t, R: Read> Bounded<'t, R> {
    /// Wraps the inflating reader of `part`; `total` is shared by all parts of the package.
    pub fn new(inner: R, part: &str, limits: &Limits, total: &'t Cell<u64>) -> Self {
        Bounded {
            inner,
            part: part.to_string(),
            read: 0,
            limits: *limits,
            total,
        }
    }

    fn limit(&self, what: &'static str, limit: u64) -> io::Error {
        StreamError::Limit {
            part: self.part.clone(),
            what,
            limit,
        }
        .into_io()
    }
}

impl<R: Read> Read for Bounded<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf).map_err(|e| {
            StreamError::Corrupt {
                part: self.part.clone(),
                message: e.to_string(),
            }
            .into_io()
        })?;
        self.read += n as u64;
        if self.read > self.limits.max_part_bytes {
            return Err(self.limit("max_part_bytes", self.limits.max_part_bytes));
        }
        let total = self.total.get() + n as u64;
        self.total.set(total);
        if total > self.limits.max_total_bytes {
            return Err(self.limit("max_total_bytes", self.limits.max_total_bytes));
        }
        Ok(n)
    }
}

/// Reads up to `N` bytes (fewer only at end of stream).
fn read_head<const N: usize>(r: &mut impl Read) -> io::Result<([u8; N], usize)> {
    let mut head = [0u8; N];
    let mut len = 0;
    while len < N {
        match r.read(head.get_mut(len..).unwrap_or_default()) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok((head, len))
}

/// Normalises a part to UTF-8 without BOM: a UTF-8 BOM is dropped, UTF-16 (by BOM, or by
/// `<?` encoded in UTF-16 without one) is transcoded, anything else passes through.
///
/// `size` is the part's size as its zip entry states it, for the buffer: a buffer smaller than
/// `BUF_SIZE` for a small part, because BufReader zeroes its whole buffer on the first fill
/// (`core.xml` of 700 bytes cost 64 KB of memset; 33 parts a file were 4 % of `batch`).
pub(crate) fn decode<'r, R: Read + 'r>(
    mut inner: R,
    part: &str,
    size: u64,
) -> Result<Box<dyn BufRead + 'r>, Error> {
    // The stated size may lie; it only sizes the buffer (a part larger than stated still
    // reads, in more fills).
    let capacity = usize::try_from(size.saturating_add(64))
        .unwrap_or(BUF_SIZE)
        .clamp(MIN_BUF_SIZE, BUF_SIZE);
    let (head, len) = read_head::<4>(&mut inner).map_err(|e| io_to_error(part, &e))?;
    let head = head.get(..len).unwrap_or_default();
    let (skip, utf16) = match head {
        [0xEF, 0xBB, 0xBF, ..] => (3, None),
        [0xFF, 0xFE, ..] => (2, Some(false)),
        [0xFE, 0xFF, ..] => (2, Some(true)),
        [0x3C, 0x00, 0x3F, 0x00] => (0, Some(false)),
        [0x00, 0x3C, 0x00, 0x3F] => (0, Some(true)),
        _ => (0, None),
    };
    let rest = Cursor::new(head.get(skip..).unwrap_or_default().to_vec()).chain(inner);
    Ok(match utf16 {
        None => Box::new(BufReader::with_capacity(capacity, rest)),
        Some(big_endian) => Box::new(BufReader::with_capacity(
            capacity,
            Utf16 {
                inner: rest,
                big_endian,
                part: part.to_string(),
                raw: Vec::new(),
                out: Vec::new(),
                pos: 0,
            },
        )),
    })
}

/// Transcodes UTF-16 to UTF-8 on the fly (some non-Word writers emit UTF-16 parts).
struct Utf16<R> {
    inner: R,
    big_endian: bool,
    part: String,
    /// Undecoded input: an odd byte or a high surrogate awaiting its pair.
    raw: Vec<u8>,
    /// Decoded UTF-8 not yet handed out, from `pos`.
    out: Vec<u8>,
    pos: usize,
}

impl<R: Read> Utf16<R> {
    fn corrupt(&self, message: &str) -> io::Error {
        StreamError::Corrupt {
            part: self.part.clone(),
            message: message.to_string(),
        }
        .into_io()
    }

    /// Decodes the next chunk into `out`; leaves `out` empty only at end of stream.
    fn fill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.pos = 0;
        let mut chunk = [0u8; 8192];
        while self.out.is_empty() {
            let n = self.inner.read(&mut chunk)?;
            if n == 0 {
                if self.raw.is_empty() {
                    return Ok(());
                }
                return Err(self.corrupt("truncated UTF-16 text"));
            }
            self.raw
                .extend_from_slice(chunk.get(..n).unwrap_or_default());
            let mut units: Vec<u16> = self
                .raw
                .chunks_exact(2)
                .map(|p| match *p {
                    [a, b] if self.big_endian => u16::from_be_bytes([a, b]),
                    [a, b] => u16::from_le_bytes([a, b]),
                    _ => 0,
                })
                .collect();
            let mut used = units.len() * 2;
            if units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
                units.pop();
                used -= 2;
            }
            for c in char::decode_utf16(units) {
                let c = c.map_err(|_| self.corrupt("unpaired UTF-16 surrogate"))?;
                let mut tmp = [0u8; 4];
                self.out
                    .extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
            }
            self.raw.drain(..used);
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf16<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.out.len() {
            self.fill()?;
        }
        let avail = self.out.get(self.pos..).unwrap_or_default();
        let n = avail.len().min(buf.len());
        if let (Some(dst), Some(src)) = (buf.get_mut(..n), avail.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.pos += n;
        Ok(n)
    }
}

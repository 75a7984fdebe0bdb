//! The piece table of the CLX ([MS-DOC] 2.9.38, 2.4.1): which stream bytes hold each run of
//! character positions (CPs), as 16-bit UTF-16LE or, with bit 30 of the FC set, 8-bit
//! Windows-1252 at half the FC.

use super::le::{i16_at, u32_at, u8_at};
use super::malformed;
use crate::error::Error;
use crate::model::Warning;

const PART: &str = "piece table";

/// One piece: CPs `[cp_start, cp_end)` stored from byte `offset` of the `WordDocument` stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    /// First CP.
    pub cp_start: u32,
    /// CP after the last.
    pub cp_end: u32,
    /// Byte offset of the first character in the `WordDocument` stream.
    pub offset: u32,
    /// One byte per character (Windows-1252) instead of two (UTF-16LE).
    pub compressed: bool,
}

/// The pieces in CP order.
#[derive(Debug, Clone, Default)]
pub(crate) struct PieceTable {
    pieces: Vec<Piece>,
}

impl PieceTable {
    /// Parses a CLX: any number of `Prc` (0x01, size, grpprl) before the `Pcdt` (0x02, size, PlcPcd).
    pub fn parse(clx: &[u8]) -> Result<PieceTable, Error> {
        let mut at = 0usize;
        loop {
            match u8_at(clx, at) {
                Some(0x01) => {
                    let cb = i16_at(clx, at + 1).ok_or_else(|| malformed(PART, "truncated Prc"))?;
                    let cb =
                        usize::try_from(cb).map_err(|_| malformed(PART, "negative Prc size"))?;
                    at = at.saturating_add(3 + cb);
                }
                Some(0x02) => break,
                _ => return Err(malformed(PART, "no Pcdt in the CLX")),
            }
        }
        let lcb = u32_at(clx, at + 1).ok_or_else(|| malformed(PART, "truncated Pcdt"))? as usize;
        let plc = super::le::slice(clx, at + 5, lcb)
            .ok_or_else(|| malformed(PART, "PlcPcd runs past the end of the CLX"))?;
        let (n, cps) = super::le::plc(plc, 8)
            .ok_or_else(|| malformed(PART, "PlcPcd length fits no piece count"))?;
        let mut pieces = Vec::with_capacity(n);
        for i in 0..n {
            let pcd = 4 * (n + 1) + 8 * i;
            let fc = u32_at(plc, pcd + 2).ok_or_else(|| malformed(PART, "truncated PCD"))?;
            let (cp_start, cp_end) = (cps[i], cps[i + 1]);
            if cp_end < cp_start {
                return Err(malformed(PART, "CPs out of order"));
            }
            let compressed = fc & 0x4000_0000 != 0;
            let offset = if compressed {
                (fc & !0x4000_0000) / 2
            } else {
                fc
            };
            pieces.push(Piece {
                cp_start,
                cp_end,
                offset,
                compressed,
            });
        }
        Ok(PieceTable { pieces })
    }

    /// The pieces, in CP order.
    #[cfg(test)]
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// The stream offset of the character at `cp`.
    pub fn fc_of(&self, cp: u32) -> Option<u32> {
        let i = self.pieces.partition_point(|p| p.cp_end <= cp);
        let p = self.pieces.get(i).filter(|p| p.cp_start <= cp)?;
        let width = if p.compressed { 1 } else { 2 };
        p.offset.checked_add((cp - p.cp_start).checked_mul(width)?)
    }

    /// One UTF-16 code unit per CP for `[0, end_cp)`; CPs no piece covers, or whose bytes lie
    /// outside the stream, are 0 (dropped later) with one warning.
    pub fn text(&self, word: &[u8], end_cp: u32, warnings: &mut Vec<Warning>) -> Vec<u16> {
        let cp1252 = cp1252_table();
        let mut units = vec![0u16; end_cp as usize];
        let mut missing = 0usize;
        for p in &self.pieces {
            let end = p.cp_end.min(end_cp);
            for cp in p.cp_start..end {
                let n = (cp - p.cp_start) as usize;
                let at = p.offset as usize;
                let unit = if p.compressed {
                    at.checked_add(n)
                        .and_then(|i| u8_at(word, i))
                        .map(|b| cp1252[usize::from(b)])
                } else {
                    at.checked_add(2 * n)
                        .and_then(|i| super::le::u16_at(word, i))
                };
                match unit {
                    Some(u) => units[cp as usize] = u,
                    None => missing += 1,
                }
            }
        }
        let covered: u64 = self
            .pieces
            .iter()
            .map(|p| u64::from(p.cp_end.min(end_cp).saturating_sub(p.cp_start.min(end_cp))))
            .sum();
        missing += (end_cp as u64).saturating_sub(covered) as usize;
        if missing > 0 {
            warnings.push(Warning::new(
                "doc.text_missing",
                format!("piece table: {missing} characters lie outside the WordDocument stream or in no piece; left out"),
            ));
        }
        units
    }
}

/// Each byte of an 8-bit piece as its UTF-16 unit: [MS-DOC] stores them as Windows-1252.
fn cp1252_table() -> [u16; 256] {
    let mut table = [0u16; 256];
    for (b, slot) in table.iter_mut().enumerate() {
        let byte = [b as u8];
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        *slot = text.encode_utf16().next().unwrap_or(0xFFFD);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A CLX with one Prc and the given pieces as (cp_start, cp_end, raw fc).
    fn clx(pieces: &[(u32, u32, u32)]) -> Vec<u8> {
        let mut plc = Vec::new();
        for p in pieces {
            plc.extend(p.0.to_le_bytes());
        }
        plc.extend(pieces.last().map_or(0, |p| p.1).to_le_bytes());
        for p in pieces {
            plc.extend([0, 0]);
            plc.extend(p.2.to_le_bytes());
            plc.extend([0, 0]);
        }
        let mut out = vec![0x01, 3, 0, 0x16, 0x24, 1];
        out.push(0x02);
        out.extend((plc.len() as u32).to_le_bytes());
        out.extend(plc);
        out
    }

    #[test]
    fn cp_to_fc_for_8_and_16_bit_pieces() {
        // "ab" in 8 bits at byte 0x200 (fc 0x400 with bit 30), then "中é" in 16 bits at 0x300.
        let t = PieceTable::parse(&clx(&[(0, 2, 0x4000_0400), (2, 4, 0x300)])).unwrap();
        assert_eq!(t.pieces().len(), 2);
        assert_eq!(t.fc_of(0), Some(0x200));
        assert_eq!(t.fc_of(1), Some(0x201));
        assert_eq!(t.fc_of(2), Some(0x300));
        assert_eq!(t.fc_of(3), Some(0x302));
        assert_eq!(t.fc_of(4), None);
        let mut word = vec![0u8; 0x304];
        word[0x200] = b'a';
        word[0x201] = 0x80; // Windows-1252 euro sign
        word[0x300..0x302].copy_from_slice(&0x4E2Du16.to_le_bytes());
        word[0x302..0x304].copy_from_slice(&0x00E9u16.to_le_bytes());
        let mut w = Vec::new();
        let units = t.text(&word, 4, &mut w);
        assert_eq!(String::from_utf16(&units).unwrap(), "a€中é");
        assert!(w.is_empty());
    }

    #[test]
    fn pieces_past_the_stream_are_warned_not_panicked() {
        let t = PieceTable::parse(&clx(&[(0, 3, 0xFFFF_FFF0)])).unwrap();
        let mut w = Vec::new();
        assert_eq!(t.text(&[0; 16], 3, &mut w), vec![0, 0, 0]);
        assert_eq!(w[0].code, "doc.text_missing");
        assert!(PieceTable::parse(&[0x02, 0xFF, 0xFF, 0, 0]).is_err());
        assert!(PieceTable::parse(&[0x01, 0xFF, 0xFF]).is_err());
        assert!(PieceTable::parse(&clx(&[(5, 2, 0)])).is_err());
    }
}

//! The File Information Block at the start of the `WordDocument` stream ([MS-DOC] 2.5.1):
//! version, flags, the story lengths (`ccp*`) and where every table-stream structure lies.

use super::le::{u16_at, u32_at};
use super::malformed;
use crate::error::{Error, ErrorKind};

/// `wIdent` of every Word binary document.
const W_IDENT: u16 = 0xA5EC;
/// Word 97's `nFib`; every later version writes it in the FibBase too. Word 6 (101) and
/// Word 95 (104) use another FIB layout and byte-per-character text with no piece table.
const NFIB_WORD97: u16 = 0x00C0;

/// Indices into `FibRgFcLcb97` (pairs of stream offset and length in the table stream).
pub(super) mod fc {
    /// STSH, the style sheet.
    pub const STSHF: usize = 1;
    /// Footnote reference CPs.
    pub const PLCFFND_REF: usize = 2;
    /// Footnote text CPs.
    pub const PLCFFND_TXT: usize = 3;
    /// Section descriptors (where sections end).
    pub const PLCFSED: usize = 6;
    /// Header story CPs.
    pub const PLCFHDD: usize = 11;
    /// Character property pages.
    pub const PLCFBTE_CHPX: usize = 12;
    /// Paragraph property pages.
    pub const PLCFBTE_PAPX: usize = 13;
    /// The font table (SttbfFfn).
    pub const STTBF_FFN: usize = 15;
    /// The CLX: property modifiers and the piece table.
    pub const CLX: usize = 33;
    /// Endnote reference CPs.
    pub const PLCFEND_REF: usize = 46;
    /// Endnote text CPs.
    pub const PLCFEND_TXT: usize = 47;
    /// Anchors of the main text's drawn shapes (FSPA).
    pub const PLC_SPA_MOM: usize = 40;
    /// The OfficeArt drawing data (shapes and their properties).
    pub const DGG_INFO: usize = 50;
    /// Text-box CP ranges in the text-box story (FTXBXS).
    pub const PLCFTXBX_TXT: usize = 56;
    /// List definitions (LSTFs; their LVLs follow).
    pub const PLF_LST: usize = 73;
    /// List instances (LFOs and their overrides).
    pub const PLF_LFO: usize = 74;
}

/// What the reader uses of the FIB.
#[derive(Debug, Clone)]
pub(super) struct Fib {
    /// The table stream holding the CLX, STSH and PLCs: `1Table` or `0Table`.
    pub table_stream: &'static str,
    /// Lengths of the main, footnote, header, macro, annotation, endnote, text-box and
    /// header text-box stories, in CPs.
    pub ccp: [u32; 8],
    /// `FibRgFcLcb` pairs (offset, length) in the table stream.
    fc_lcb: Vec<(u32, u32)>,
}

impl Fib {
    /// Reads the FIB, refusing encrypted files and the pre-97 formats with a message that says so.
    pub fn parse(word: &[u8]) -> Result<Fib, Error> {
        let part = "WordDocument stream";
        let short = || malformed(part, "too short for a File Information Block");
        if u16_at(word, 0).ok_or_else(short)? != W_IDENT {
            return Err(malformed(part, "not a Word binary document (bad wIdent)"));
        }
        let n_fib = u16_at(word, 2).ok_or_else(short)?;
        let flags = u16_at(word, 0x0A).ok_or_else(short)?;
        // fEncrypted (bit 8) or fObfuscated (bit 15): the text is unreadable without the key.
        if flags & 0x0100 != 0 || flags & 0x8000 != 0 {
            return Err(Error::new(ErrorKind::PasswordProtected(
                ".doc (Word 97-2003)".into(),
            )));
        }
        if n_fib < NFIB_WORD97 {
            return Err(Error::new(ErrorKind::Unsupported(format!(
                ".doc of Word 6/95 or older (nFib {n_fib}): Word 6/95 is not supported; save it as .docx"
            ))));
        }
        let table_stream = if flags & 0x0200 != 0 {
            "1Table"
        } else {
            "0Table"
        };
        let csw = usize::from(u16_at(word, 0x20).ok_or_else(short)?);
        let lw_at = 0x22 + csw * 2;
        let cslw = usize::from(u16_at(word, lw_at).ok_or_else(short)?);
        let lw = |i: usize| -> u32 {
            if i < cslw {
                u32_at(word, lw_at + 2 + 4 * i).unwrap_or(0)
            } else {
                0
            }
        };
        let ccp = [lw(3), lw(4), lw(5), lw(6), lw(7), lw(8), lw(9), lw(10)];
        let fc_at = lw_at + 2 + cslw * 4;
        let count = usize::from(u16_at(word, fc_at).ok_or_else(short)?);
        let fc_lcb = (0..count)
            .map_while(|i| {
                let at = fc_at + 2 + 8 * i;
                Some((u32_at(word, at)?, u32_at(word, at + 4)?))
            })
            .collect();
        Ok(Fib {
            table_stream,
            ccp,
            fc_lcb,
        })
    }

    /// The (offset, length) pair at `index` of `FibRgFcLcb`; `None` when absent or empty.
    pub fn fc_lcb(&self, index: usize) -> Option<(usize, usize)> {
        let &(fc, lcb) = self.fc_lcb.get(index)?;
        (lcb > 0).then_some((fc as usize, lcb as usize))
    }

    /// The table-stream bytes of structure `index`, when present and inside the stream.
    pub fn structure<'t>(&self, table: &'t [u8], index: usize) -> Option<&'t [u8]> {
        let (fc, lcb) = self.fc_lcb(index)?;
        super::le::slice(table, fc, lcb)
    }

    /// The first CP of each story after the main one, in the order of [`Fib::ccp`].
    pub fn story_start(&self, story: usize) -> u32 {
        self.ccp
            .iter()
            .take(story)
            .fold(0u32, |a, &b| a.saturating_add(b))
    }

    /// CPs of all stories together; Word adds one final paragraph mark when any story other
    /// than the main one is present.
    pub fn total_cp(&self) -> u32 {
        let all = self.story_start(self.ccp.len());
        if all > self.ccp[0] {
            all.saturating_add(1)
        } else {
            all
        }
    }
}

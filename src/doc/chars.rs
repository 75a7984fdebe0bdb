//! Character properties, read for the one thing text needs from them: symbol characters.
//! Word marks one with sprmCSymbol ([MS-DOC] 2.6.1: a font index `ftc` and the font's code
//! `xchar`, drawn in place of the character the text stream holds there); LibreOffice, and Word
//! for typed text, instead store the font's code in the symbol area (U+F020–U+F0FF) of a run
//! whose fonts (sprmCRgFtc0/1/2, sprmCFtcBi) name a symbol font. PlcBteChpx → 512-byte
//! ChpxFkp pages (2.9.32, 2.9.35) give each run of stream offsets its CHPX; the font table
//! SttbfFfn (2.9.283) names the fonts. Bounds are checked like every other structure; what does
//! not parse is left out (the stored character then stays), never a panic. Fonts a character
//! style gives are not followed.
//!
//! The same pages give legacy checkbox form fields their state: a field code's 0x01 character
//! with sprmCFData points (sprmCPicLocation) at a NilPICFAndBinData in the Data stream, whose
//! FFData (2.9.78) says whether it is a checkbox and whether it is checked.

use super::le::{self, u16_at, u32_at, u8_at};
use super::pieces::PieceTable;
use super::sprm::{
    sprms, C_FTC_BI, C_F_DATA, C_PIC_LOCATION, C_RG_FTC0, C_RG_FTC1, C_RG_FTC2, C_SYMBOL,
};
use crate::word::symbols::{is_symbol_area, to_unicode, SymbolFont, UnmappedSymbols};
use std::collections::BTreeMap;

/// What a run of stream offsets `[fc_start, fc_end)` says about symbol characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SymbolRun {
    fc_start: u32,
    fc_end: u32,
    kind: RunFonts,
}

/// A run's symbol information.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RunFonts {
    /// sprmCSymbol: every character of the run is code `xchar` of font `ftc`.
    Symbol { ftc: u16, xchar: u16 },
    /// The run's fonts (ASCII, other Latin, complex script, East Asian), for characters it
    /// stores in the symbol area.
    Fonts([Option<u16>; 4]),
}

/// A run of stream offsets `[fc_start, fc_end)` with form field data at `data_at` of the Data stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FormRun {
    fc_start: u32,
    fc_end: u32,
    data_at: u32,
}

/// The runs of the CHPX pages that carry symbol fonts, and those with form field data,
/// each sorted by offset.
fn chpx_runs(word: &[u8], plc: &[u8]) -> (Vec<SymbolRun>, Vec<FormRun>) {
    let mut runs = Vec::new();
    let mut forms = Vec::new();
    let Some(pages) = le::bte_pages(plc) else {
        return (runs, forms);
    };
    for pn in pages {
        if let Some(page) = pn.checked_mul(512).and_then(|at| le::slice(word, at, 512)) {
            read_page(page, &mut runs, &mut forms);
        }
    }
    runs.sort_by_key(|r| r.fc_start);
    forms.sort_by_key(|r| r.fc_start);
    (runs, forms)
}

/// The symbol runs of one ChpxFkp page: `crun` offsets, then one byte per run giving its
/// CHPX's place in 2-byte words (0: no properties); a CHPX is a byte count and its sprms.
fn read_page(page: &[u8], runs: &mut Vec<SymbolRun>, forms: &mut Vec<FormRun>) {
    let crun = usize::from(u8_at(page, 511).unwrap_or(0));
    for i in 0..crun {
        let (Some(fc_start), Some(fc_end)) = (u32_at(page, 4 * i), u32_at(page, 4 * (i + 1)))
        else {
            return;
        };
        let o = 2 * usize::from(u8_at(page, 4 * (crun + 1) + i).unwrap_or(0));
        if o == 0 {
            continue;
        }
        let cb = usize::from(u8_at(page, o).unwrap_or(0));
        // A CHPX must stay inside its page (before the run count byte).
        let Some(grpprl) = page.get(o + 1..(o + 1 + cb).min(511)) else {
            continue;
        };
        let mut symbol = None;
        let mut fonts = [None; 4];
        let (mut form_data, mut location) = (false, None);
        for s in sprms(grpprl) {
            let slot = match s.code {
                C_SYMBOL => {
                    symbol = u16_at(s.operand, 0).zip(u16_at(s.operand, 2));
                    continue;
                }
                C_F_DATA => {
                    form_data = s.operand.first().is_some_and(|&b| b != 0);
                    continue;
                }
                C_PIC_LOCATION => {
                    location = u32_at(s.operand, 0);
                    continue;
                }
                C_RG_FTC0 => 0,
                C_RG_FTC2 => 1,
                C_FTC_BI => 2,
                C_RG_FTC1 => 3,
                _ => continue,
            };
            fonts[slot] = u16_at(s.operand, 0);
        }
        if let (true, Some(data_at)) = (form_data, location) {
            forms.push(FormRun {
                fc_start,
                fc_end,
                data_at,
            });
        }
        let kind = match symbol {
            Some((ftc, xchar)) => RunFonts::Symbol { ftc, xchar },
            None if fonts.iter().any(Option::is_some) => RunFonts::Fonts(fonts),
            None => continue,
        };
        runs.push(SymbolRun {
            fc_start,
            fc_end,
            kind,
        });
    }
}

/// Offset of an FFN's name (`xszFfn`): after ffid, wWeight, chs, ixchSzAlt, panose and fs.
const FFN_NAME_AT: usize = 1 + 2 + 1 + 1 + 10 + 24;

/// The font names of a SttbfFfn, by font index (`ftc`); an unreadable entry is empty.
fn font_names(sttb: &[u8]) -> Vec<String> {
    let count = usize::from(u16_at(sttb, 0).unwrap_or(0));
    let mut names = Vec::new();
    let mut at = 4usize;
    for _ in 0..count {
        let Some(cch) = u8_at(sttb, at).map(usize::from) else {
            break;
        };
        let Some(ffn) = le::slice(sttb, at + 1, cch) else {
            break;
        };
        let units: Vec<u16> = (FFN_NAME_AT..cch)
            .step_by(2)
            .map_while(|i| u16_at(ffn, i))
            .take_while(|&u| u != 0)
            .collect();
        names.push(String::from_utf16_lossy(&units));
        at += 1 + cch;
    }
    names
}

/// The document's text and the structures its symbol characters and form fields are read from.
pub(crate) struct CharSources<'a> {
    /// The `WordDocument` stream (CHPX pages).
    pub word: &'a [u8],
    /// The `Data` stream (form field data).
    pub data: &'a [u8],
    /// The PlcBteChpx.
    pub plc: Option<&'a [u8]>,
    /// The SttbfFfn.
    pub fonts: Option<&'a [u8]>,
    /// The pieces, for each CP's stream offset.
    pub pieces: &'a PieceTable,
    /// One UTF-16 unit per CP.
    pub units: &'a [u16],
}

/// What character properties change in the text, by CP.
#[derive(Debug, Default)]
pub(crate) struct CharMarks {
    /// Symbol characters drawn in place of the stored ones.
    pub symbols: BTreeMap<u32, char>,
    /// The 0x01 characters of checkbox form fields, with their state (checked or not).
    pub checkboxes: BTreeMap<u32, bool>,
}

/// The symbol characters and checkbox form fields of the document (see [`symbols_by_cp`]).
pub(crate) fn read_marks(src: &CharSources, unmapped: &mut UnmappedSymbols) -> CharMarks {
    let (runs, forms) = src.plc.map(|p| chpx_runs(src.word, p)).unwrap_or_default();
    CharMarks {
        symbols: symbols_by_cp(src, runs, unmapped),
        checkboxes: checkboxes_by_cp(src, &forms),
    }
}

/// The run among `[fc_start, fc_end)`-sorted `runs` holding `fc`.
fn run_at<T>(runs: &[T], fc: u32, span: impl Fn(&T) -> (u32, u32)) -> Option<&T> {
    let i = runs.partition_point(|r| span(r).0 <= fc);
    let run = i.checked_sub(1).and_then(|i| runs.get(i))?;
    (fc < span(run).1).then_some(run)
}

/// The checkbox form fields, by the CP of their 0x01 character: state from their FFData.
fn checkboxes_by_cp(src: &CharSources, forms: &[FormRun]) -> BTreeMap<u32, bool> {
    let mut out = BTreeMap::new();
    if forms.is_empty() {
        return out;
    }
    for (cp, &unit) in (0u32..).zip(src.units) {
        if unit != 0x01 {
            continue;
        }
        let Some(fc) = src.pieces.fc_of(cp) else {
            continue;
        };
        let Some(run) = run_at(forms, fc, |r| (r.fc_start, r.fc_end)) else {
            continue;
        };
        if let Some(checked) = checkbox_state(src.data, run.data_at as usize) {
            out.insert(cp, checked);
        }
    }
    out
}

/// The state of a checkbox form field whose NilPICFAndBinData lies at `at` of the Data
/// stream; `None` when it is no checkbox's or does not parse. The header (`lcb`, `cbHeader`)
/// precedes the FFData: `version` 0xFFFFFFFF, `bits` (`iType` 1 is a checkbox; `iRes` 0 or 1
/// its state, 25 "the default"), `cch`, `hps`, the name (Xstz), then `wDef`, the default.
fn checkbox_state(data: &[u8], at: usize) -> Option<bool> {
    let header = usize::from(u16_at(data, at.checked_add(4)?)?);
    let ff = at.checked_add(header)?;
    if u32_at(data, ff)? != 0xFFFF_FFFF {
        return None;
    }
    let bits = u16_at(data, ff + 4)?;
    if bits & 0x3 != 1 {
        return None;
    }
    let name_at = ff + 10;
    let name_len = usize::from(u16_at(data, name_at)?);
    let default_at = name_at + 2 + 2 * name_len + 2;
    match (bits >> 2) & 0x1F {
        0 => Some(false),
        1 => Some(true),
        _ => u16_at(data, default_at).map(|d| d != 0),
    }
}

/// The symbol characters of the document, by CP: a sprmCSymbol code, or a symbol-area
/// character of a run in a symbol font, mapped through the font's table; a font without a
/// table (or unnamed), or a code without a mapping, keeps Word's private-use code point and is
/// counted in `unmapped`.
fn symbols_by_cp(
    src: &CharSources,
    mut runs: Vec<SymbolRun>,
    unmapped: &mut UnmappedSymbols,
) -> BTreeMap<u32, char> {
    let mut out = BTreeMap::new();
    let names = src.fonts.map(font_names).unwrap_or_default();
    let name = |ftc: u16| names.get(usize::from(ftc)).map_or("", String::as_str);
    let symbol_font = |fonts: &[Option<u16>; 4]| {
        fonts
            .iter()
            .flatten()
            .map(|&f| name(f))
            .find(|n| SymbolFont::from_name(n).is_some())
    };
    runs.retain(|r| match &r.kind {
        RunFonts::Symbol { .. } => true,
        RunFonts::Fonts(fonts) => symbol_font(fonts).is_some(),
    });
    if runs.is_empty() {
        return out;
    }
    for (cp, &unit) in (0u32..).zip(src.units) {
        let Some(fc) = src.pieces.fc_of(cp) else {
            continue;
        };
        let Some(run) = run_at(&runs, fc, |r| (r.fc_start, r.fc_end)) else {
            continue;
        };
        let (font, code) = match &run.kind {
            RunFonts::Symbol { ftc, xchar } => (name(*ftc), u32::from(*xchar)),
            RunFonts::Fonts(fonts) => {
                let stored = char::from_u32(u32::from(unit)).unwrap_or_default();
                match symbol_font(fonts) {
                    Some(font) if is_symbol_area(stored) => (font, u32::from(unit)),
                    _ => continue,
                }
            }
        };
        let c = to_unicode(font, code).unwrap_or_else(|kept| {
            unmapped.count(font);
            kept
        });
        out.insert(cp, c);
    }
    out
}

#[cfg(test)]
#[path = "chars_tests.rs"]
mod tests;

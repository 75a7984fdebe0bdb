//! List definitions ([MS-DOC] PlfLst with its LVLs, and PlfLfo), handed to the DOCX reader's
//! numbering so that counters and markers are computed once for both formats.

use super::le::{i16_at, slice, u16_at, u32_at, u8_at};
use crate::docx::numbering::{LevelSpec, Numbering, LEVELS};
use crate::model::Warning;

/// Size of an LSTF.
const LSTF_SIZE: usize = 28;
/// Size of an LVLF.
const LVLF_SIZE: usize = 28;
/// Size of an LFO.
const LFO_SIZE: usize = 16;
/// Size of an LFOLVL without its optional LVL.
const LFOLVL_SIZE: usize = 8;

/// The ST_NumberFormat name of an MSONFC value ([MS-DOC] 2.2.1.3); unlisted ones are decimal.
fn format_name(nfc: u8) -> &'static str {
    const NAMES: [&str; 0x3C] = [
        "decimal",
        "upperRoman",
        "lowerRoman",
        "upperLetter",
        "lowerLetter",
        "ordinal",
        "cardinalText",
        "ordinalText",
        "hex",
        "chicago",
        "ideographDigital",
        "japaneseCounting",
        "aiueo",
        "iroha",
        "decimalFullWidth",
        "decimalHalfWidth",
        "japaneseLegal",
        "japaneseDigitalTenThousand",
        "decimalEnclosedCircle",
        "decimalFullWidth2",
        "aiueoFullWidth",
        "irohaFullWidth",
        "decimalZero",
        "bullet",
        "ganada",
        "chosung",
        "decimalEnclosedFullstop",
        "decimalEnclosedParen",
        "decimalEnclosedCircleChinese",
        "ideographEnclosedCircle",
        "ideographTraditional",
        "ideographZodiac",
        "ideographZodiacTraditional",
        "taiwaneseCounting",
        "ideographLegalTraditional",
        "taiwaneseCountingThousand",
        "taiwaneseDigital",
        "chineseCounting",
        "chineseLegalSimplified",
        "chineseCountingThousand",
        "decimal",
        "koreanDigital",
        "koreanCounting",
        "koreanLegal",
        "koreanDigital2",
        "hebrew1",
        "arabicAlpha",
        "hebrew2",
        "arabicAbjad",
        "hindiVowels",
        "hindiConsonants",
        "hindiNumbers",
        "hindiCounting",
        "thaiLetters",
        "thaiNumbers",
        "thaiCounting",
        "vietnameseCounting",
        "numberInDash",
        "russianLower",
        "russianUpper",
    ];
    match nfc {
        0xFF => "none",
        n => NAMES.get(usize::from(n)).copied().unwrap_or("decimal"),
    }
}

/// One LVL at `at`: its level in `numbering.xml` terms and the offset after it.
fn level(table: &[u8], at: usize) -> Option<(LevelSpec, usize)> {
    let lvlf = slice(table, at, LVLF_SIZE)?;
    let start = u32_at(lvlf, 0)?;
    let nfc = u8_at(lvlf, 4)?;
    let flags = u8_at(lvlf, 5)?;
    let cb_chpx = usize::from(u8_at(lvlf, 24)?);
    let cb_papx = usize::from(u8_at(lvlf, 25)?);
    let xst = at + LVLF_SIZE + cb_papx + cb_chpx;
    let cch = usize::from(u16_at(table, xst)?);
    let units: Vec<u16> = slice(table, xst + 2, cch * 2)?
        .chunks_exact(2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .collect();
    // Characters 0x00–0x08 stand for the numbers of levels 1–9: `%1`…`%9` in lvlText.
    let mut text = String::new();
    for c in char::decode_utf16(units) {
        match c.map(u32::from) {
            Ok(n @ 0..=8) => text.push_str(&format!("%{}", n + 1)),
            Ok(n) => text.extend(char::from_u32(n)),
            Err(_) => text.push('\u{FFFD}'),
        }
    }
    let spec = LevelSpec {
        fmt: format_name(nfc).to_string(),
        text,
        // A negative start (damaged) counts from 0.
        start: u32::try_from(start as i32).unwrap_or(0),
        is_lgl: flags & 0x04 != 0,
    };
    Some((spec, xst + 2 + cch * 2))
}

/// Reads PlfLst (at `lst`, `lst_len`; its LVLs follow it) and PlfLfo into list definitions
/// keyed by `lsid` and instances keyed by the 1-based `ilfo`; what does not parse is left out
/// with one warning, so its paragraphs keep their level without a marker.
pub(super) fn read(
    table: &[u8],
    lst: Option<(usize, usize)>,
    lfo: Option<&[u8]>,
    warnings: &mut Vec<Warning>,
) -> Numbering {
    let mut numbering = Numbering::default();
    let (Some((lst_at, lst_len)), Some(lfo)) = (lst, lfo) else {
        return numbering;
    };
    let complete = read_definitions(table, lst_at, lst_len, &mut numbering).is_some()
        && read_instances(lfo, &mut numbering).is_some();
    if !complete {
        warnings.push(Warning::new(
            "doc.list_definitions",
            "list definitions (PlfLst/PlfLfo) are cut short; some list items have no marker",
        ));
    }
    numbering
}

/// The LSTFs and the LVLs after them.
fn read_definitions(table: &[u8], at: usize, len: usize, out: &mut Numbering) -> Option<()> {
    let plf = slice(table, at, len)?;
    let count = usize::try_from(i16_at(plf, 0)?).ok()?;
    let mut lvl_at = at.checked_add(len)?;
    for i in 0..count {
        let lstf = slice(plf, 2 + i * LSTF_SIZE, LSTF_SIZE)?;
        let lsid = u32_at(lstf, 0)?;
        let simple = u8_at(lstf, 26)? & 0x01 != 0;
        let n = if simple { 1 } else { LEVELS };
        let mut levels = Vec::with_capacity(n);
        for _ in 0..n {
            let (spec, next) = level(table, lvl_at)?;
            levels.push(Some(spec));
            lvl_at = next;
        }
        out.add_definition(&lsid.to_string(), levels);
    }
    Some(())
}

/// The LFOs and their LFOData: start overrides (fStartAt) per level; a level given a whole
/// LVL (fFormatting) is skipped over, its own formatting not read.
fn read_instances(plf: &[u8], out: &mut Numbering) -> Option<()> {
    let count = usize::try_from(u32_at(plf, 0)?).ok()?;
    let lfos = 4 + count.checked_mul(LFO_SIZE)?;
    let mut data_at = lfos;
    for i in 0..count {
        let lfo = slice(plf, 4 + i * LFO_SIZE, LFO_SIZE)?;
        let lsid = u32_at(lfo, 0)?;
        let levels = usize::from(u8_at(lfo, 12)?);
        let mut starts = [None; LEVELS];
        // LFOData: a CP, then the LFOLVLs.
        u32_at(plf, data_at)?;
        data_at += 4;
        for _ in 0..levels {
            let start = u32_at(plf, data_at)?;
            let bits = u32_at(plf, data_at + 4)?;
            data_at += LFOLVL_SIZE;
            let ilvl = (bits & 0x0F) as usize;
            if bits & 0x10 != 0 {
                if let Some(slot) = starts.get_mut(ilvl) {
                    *slot = Some(u32::try_from(start as i32).unwrap_or(0));
                }
            }
            if bits & 0x20 != 0 {
                let (_, next) = level(plf, data_at)?;
                data_at = next;
            }
        }
        out.add_instance(&(i + 1).to_string(), &lsid.to_string(), starts);
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One simple list (lsid 7): decimal from 3, text "%1.", then one LFO of it.
    fn table() -> (Vec<u8>, usize, Vec<u8>) {
        let mut t = vec![1, 0];
        let mut lstf = vec![0u8; LSTF_SIZE];
        lstf[0] = 7;
        lstf[26] = 1; // fSimpleList
        t.extend(lstf);
        let lst_len = t.len();
        let mut lvlf = vec![0u8; LVLF_SIZE];
        lvlf[0] = 3;
        t.extend(lvlf);
        t.extend([2, 0, 0, 0, b'.', 0]);
        let mut lfo = vec![1, 0, 0, 0];
        let mut rec = vec![0u8; LFO_SIZE];
        rec[0] = 7;
        lfo.extend(rec);
        lfo.extend([0, 0, 0, 0]);
        (t, lst_len, lfo)
    }

    #[test]
    fn a_simple_list_counts_from_its_start() {
        let (t, len, lfo) = table();
        let mut warnings = Vec::new();
        let n = read(&t, Some((0, len)), Some(&lfo), &mut warnings);
        let mut counters = crate::docx::numbering::Counters::default();
        let first = n.item(&mut counters, "1", 0).and_then(|i| i.marker);
        let second = n.item(&mut counters, "1", 0).and_then(|i| i.marker);
        assert_eq!(
            (first.as_deref(), second.as_deref()),
            (Some("3."), Some("4."))
        );
        assert!(warnings.is_empty());
    }

    #[test]
    fn cut_short_definitions_warn_and_never_panic() {
        let (t, len, lfo) = table();
        for cut in 0..t.len() {
            let mut warnings = Vec::new();
            read(&t[..cut], Some((0, len)), Some(&lfo), &mut warnings);
            assert_eq!(warnings.len(), 1, "cut at {cut}");
        }
        for cut in 0..lfo.len() {
            let mut warnings = Vec::new();
            read(&t, Some((0, len)), Some(&lfo[..cut]), &mut warnings);
            assert_eq!(warnings.len(), 1, "lfo cut at {cut}");
        }
    }
}

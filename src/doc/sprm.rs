//! Single property modifiers ([MS-DOC] 2.2.5.1): a 16-bit code whose top three bits (`spra`)
//! give the operand size, with variable-length operands sized by their first byte, or by a
//! 16-bit count (sprmTDefTable), or by their content (sprmPChgTabs with 255).

use super::le::{u16_at, u8_at};

/// Paragraph style.
pub(crate) const P_ISTD: u16 = 0x4600;
/// List level.
pub(crate) const P_ILVL: u16 = 0x260A;
/// List instance (`ilfo`); non-zero makes the paragraph a list item.
pub(crate) const P_ILFO: u16 = 0x460B;
/// Tab stops changed; the only paragraph sprm whose size can depend on its content.
pub(crate) const P_CHG_TABS: u16 = 0xC615;
/// The paragraph is in a table.
pub(crate) const P_F_IN_TABLE: u16 = 0x2416;
/// The paragraph is the row-end mark of a depth-1 table (table terminating paragraph).
pub(crate) const P_F_TTP: u16 = 0x2417;
/// Outline level (0–8; 9 is body text).
pub(crate) const P_OUT_LVL: u16 = 0x2640;
/// Table depth.
pub(crate) const P_ITAP: u16 = 0x6649;
/// The paragraph ends a cell of a nested table.
pub(crate) const P_F_INNER_TABLE_CELL: u16 = 0x244B;
/// The paragraph is the row-end mark of a nested table.
pub(crate) const P_F_INNER_TTP: u16 = 0x244C;
/// The paragraph's sprms lie in the `Data` stream at this offset (too long for an FKP page).
pub(crate) const P_HUGE_PAPX: u16 = 0x6646;
/// A row's cell boundaries and cell properties.
pub(crate) const T_DEF_TABLE: u16 = 0xD608;
/// The pre-Word 97 form of sprmTDefTable, sized the same way.
const T_DEF_TABLE_10: u16 = 0xD606;
/// The row repeats as a header row.
pub(crate) const T_TABLE_HEADER: u16 = 0x3404;
/// Merges cells `[first, lim)` of the row horizontally.
pub(crate) const T_MERGE: u16 = 0x5624;
/// Sets one cell's vertical merge.
pub(crate) const T_VERT_MERGE: u16 = 0xD62B;

/// sprmPDcs: drop cap settings (`fdct` in the low 3 bits: 0 none, 1 drop, 2 in the margin).
pub(crate) const P_DCS: u16 = 0x442C;
/// sprmCFData: the character (a field's 0x01) has form field data.
pub(crate) const C_F_DATA: u16 = 0x0806;
/// sprmCPicLocation: where in the Data stream a character's picture or form field data lies.
pub(crate) const C_PIC_LOCATION: u16 = 0x6A03;
/// sprmCSymbol: a symbol character, font index and character code ([MS-DOC] 2.6.1).
pub(crate) const C_SYMBOL: u16 = 0x6A09;
/// sprmCRgFtc0: the run's font for ASCII characters.
pub(crate) const C_RG_FTC0: u16 = 0x4A4F;
/// sprmCRgFtc1: the run's font for East Asian characters.
pub(crate) const C_RG_FTC1: u16 = 0x4A50;
/// sprmCRgFtc2: the run's font for other characters.
pub(crate) const C_RG_FTC2: u16 = 0x4A51;
/// sprmCFtcBi: the run's font for complex-script characters.
pub(crate) const C_FTC_BI: u16 = 0x4A5E;

/// One property modifier: its code and its operand (without any length prefix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sprm<'a> {
    /// The sprm code.
    pub code: u16,
    /// The operand bytes.
    pub operand: &'a [u8],
}

/// The (length prefix, operand) sizes in bytes of the operand starting at `rest`.
pub(crate) fn operand_size(code: u16, rest: &[u8]) -> Option<(usize, usize)> {
    Some(match code >> 13 {
        0 | 1 => (0, 1),
        2 | 4 | 5 => (0, 2),
        3 => (0, 4),
        7 => (0, 3),
        _ => match code {
            // cb counts the rest of the operand plus one.
            T_DEF_TABLE | T_DEF_TABLE_10 => (2, usize::from(u16_at(rest, 0)?).saturating_sub(1)),
            P_CHG_TABS if u8_at(rest, 0)? == 255 => {
                // PChgTabsDelClose (count, 4 bytes each) then PChgTabsAdd (count, 3 bytes each).
                let deleted = usize::from(u8_at(rest, 1)?);
                let added = usize::from(u8_at(rest, 2 + 4 * deleted)?);
                (1, 1 + 4 * deleted + 1 + 3 * added)
            }
            _ => (1, usize::from(u8_at(rest, 0)?)),
        },
    })
}

/// The sprms of a grpprl, in order; stops at the first one that does not fit.
pub(crate) fn sprms(grpprl: &[u8]) -> impl Iterator<Item = Sprm<'_>> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let code = u16_at(grpprl, at)?;
        let rest = grpprl.get(at + 2..)?;
        let (prefix, size) = operand_size(code, rest)?;
        let operand = rest.get(prefix..prefix.checked_add(size)?)?;
        at += 2 + prefix + size;
        Some(Sprm { code, operand })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_spra() {
        assert_eq!(operand_size(P_F_IN_TABLE, &[1]), Some((0, 1)));
        assert_eq!(operand_size(P_ISTD, &[0, 0]), Some((0, 2)));
        assert_eq!(operand_size(P_ITAP, &[0; 4]), Some((0, 4)));
        assert_eq!(operand_size(0x9601, &[0; 2]), Some((0, 2))); // sprmTDxaLeft, spra 4
        assert_eq!(operand_size(0xE634, &[0; 3]), Some((0, 3))); // spra 7
        assert_eq!(operand_size(T_VERT_MERGE, &[2, 0, 3]), Some((1, 2)));
        // sprmTDefTable: cb 0x0017 counts 22 operand bytes plus one.
        assert_eq!(operand_size(T_DEF_TABLE, &[0x17, 0x00]), Some((2, 22)));
        // sprmPChgTabs with 255: one deletion (4 bytes), two additions (3 bytes each).
        let tabs = [255, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0];
        assert_eq!(operand_size(P_CHG_TABS, &tabs), Some((1, 12)));
        assert_eq!(operand_size(P_CHG_TABS, &[4]), Some((1, 4)));
        assert_eq!(operand_size(T_DEF_TABLE, &[0x17]), None);
    }

    #[test]
    fn a_grpprl_walks_in_order_and_stops_at_a_truncated_sprm() {
        let g = [
            0x16, 0x24, 0x01, // sprmPFInTable 1
            0x49, 0x66, 2, 0, 0, 0, // sprmPItap 2
            0x2B, 0xD6, 2, 1, 3, // sprmTVertMerge itc 1 restart
            0x08, 0xD6, 0xFF, 0x00, // sprmTDefTable claiming 254 bytes
        ];
        let got: Vec<(u16, Vec<u8>)> = sprms(&g).map(|s| (s.code, s.operand.to_vec())).collect();
        assert_eq!(
            got,
            vec![
                (P_F_IN_TABLE, vec![1]),
                (P_ITAP, vec![2, 0, 0, 0]),
                (T_VERT_MERGE, vec![1, 3]),
            ]
        );
    }
}

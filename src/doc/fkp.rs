//! Paragraph properties: PlcBtePapx → 512-byte PapxFkp pages → each paragraph's style and
//! sprms ([MS-DOC] 2.8.1, 2.9.177), read into [`ParaProps`] (table depth, row ends, the row's
//! cell boundaries and merges, outline level, list membership).

use super::le::{i16_at, u16_at, u32_at, u8_at};
use super::sprm::{self, sprms};
use crate::model::Warning;

/// A run of stream offsets `[fc_start, fc_end)` sharing one PAPX.
#[derive(Debug, Clone)]
struct Run {
    fc_start: u32,
    fc_end: u32,
    /// Where the PAPX's istd and grpprl lie in the `WordDocument` stream.
    at: usize,
    len: usize,
}

/// Every paragraph-property run of the document, sorted by offset.
#[derive(Debug, Default)]
pub(crate) struct ParaRuns {
    runs: Vec<Run>,
}

impl ParaRuns {
    /// Reads the PlcBtePapx (from the table stream) and the FKP pages it names.
    pub fn load(word: &[u8], plc: Option<&[u8]>, warnings: &mut Vec<Warning>) -> ParaRuns {
        let Some(pages) = plc.and_then(super::le::bte_pages) else {
            warnings.push(Warning::new(
                "doc.no_paragraph_properties",
                "1Table stream: no readable PlcBtePapx; paragraphs read without styles or tables",
            ));
            return ParaRuns::default();
        };
        let mut runs = Vec::new();
        for pn in pages {
            let Some(page) = pn
                .checked_mul(512)
                .and_then(|at| super::le::slice(word, at, 512))
            else {
                warnings.push(Warning::new(
                    "doc.fkp_out_of_range",
                    format!("WordDocument stream: paragraph property page {pn} lies outside the stream; its paragraphs read without properties"),
                ));
                continue;
            };
            read_page(page, pn * 512, &mut runs);
        }
        runs.sort_by_key(|r| r.fc_start);
        ParaRuns { runs }
    }

    /// The run holding stream offset `fc` (a paragraph mark's), if any.
    pub fn run_at(&self, fc: u32) -> Option<usize> {
        let i = self
            .runs
            .partition_point(|r| r.fc_start <= fc)
            .checked_sub(1)?;
        self.runs.get(i).filter(|r| fc < r.fc_end).map(|_| i)
    }

    /// The properties of run `index`; `data` is the `Data` stream, where sprmPHugePapx keeps
    /// the sprms too long for a page.
    pub fn props(&self, index: usize, word: &[u8], data: &[u8]) -> ParaProps {
        let Some(run) = self.runs.get(index) else {
            return ParaProps::default();
        };
        let bytes = super::le::slice(word, run.at, run.len).unwrap_or_default();
        ParaProps::parse(bytes, data)
    }
}

/// The runs of one PapxFkp page (at `base` in the stream).
fn read_page(page: &[u8], base: usize, runs: &mut Vec<Run>) {
    let crun = usize::from(page[511]);
    for i in 0..crun {
        let (Some(fc_start), Some(fc_end)) = (u32_at(page, 4 * i), u32_at(page, 4 * (i + 1)))
        else {
            return;
        };
        // BxPap: the PAPX's offset in 2-byte words, then 12 bytes of layout hints.
        let Some(b_offset) = u8_at(page, 4 * (crun + 1) + 13 * i) else {
            return;
        };
        let o = 2 * usize::from(b_offset);
        let (at, len) = match u8_at(page, o) {
            _ if o == 0 => (0, 0),
            Some(0) => (o + 2, 2 * usize::from(u8_at(page, o + 1).unwrap_or(0))),
            Some(cb) => (o + 1, 2 * usize::from(cb) - 1),
            None => continue,
        };
        // A PAPX must stay inside its page (before the run count byte).
        let len = if at + len <= 511 { len } else { 0 };
        runs.push(Run {
            fc_start,
            fc_end,
            at: base + at,
            len,
        });
    }
}

/// One cell's properties in a row definition (TC80).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CellDef {
    /// `horzMerge`: 0 none, 1 first of a merged run, 2 or 3 merged into the cell on the left.
    pub horz_merge: u8,
    /// `vertMerge`: 0 none, 3 starts a vertical merge, 1 (or 2) continues the one above.
    pub vert_merge: u8,
}

/// A table row's definition, from the sprms of its row-end mark.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RowDef {
    /// Cell boundaries in twips (`rgdxaCenter`): cell `i` spans `[centers[i], centers[i+1])`.
    pub centers: Vec<i16>,
    /// One per cell.
    pub cells: Vec<CellDef>,
    /// The row repeats as a header row (sprmTTableHeader).
    pub header: bool,
}

/// What the reader uses of a paragraph's properties.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ParaProps {
    /// The paragraph style.
    pub istd: u16,
    /// sprmPFInTable.
    pub in_table: bool,
    /// sprmPFTtp: the row-end mark of a depth-1 table.
    pub ttp: bool,
    /// sprmPItap: the table depth, when given.
    pub itap: Option<u32>,
    /// sprmPFInnerTableCell: ends a cell of a nested table.
    pub inner_cell: bool,
    /// sprmPFInnerTtp: the row-end mark of a nested table.
    pub inner_ttp: bool,
    /// sprmPOutLvl, when given directly.
    pub outline: Option<u8>,
    /// sprmPIlfo, when given directly: the list instance (0: numbering removed).
    pub ilfo: Option<u16>,
    /// sprmPIlvl, when given directly: the list level.
    pub ilvl: Option<u8>,
    /// The row definition, on a row-end mark.
    pub row: Option<RowDef>,
    /// A drop cap paragraph (sprmPDcs): its letter starts the next paragraph.
    pub drop_cap: bool,
}

impl ParaProps {
    /// Reads a GrpPrlAndIstd: the style then the sprms (those of a sprmPHugePapx from `data`).
    pub fn parse(bytes: &[u8], data: &[u8]) -> ParaProps {
        let mut p = ParaProps {
            istd: u16_at(bytes, 0).unwrap_or(0),
            ..ParaProps::default()
        };
        let grpprl = bytes.get(2..).unwrap_or_default();
        p.apply(grpprl);
        let huge = sprms(grpprl)
            .find(|s| s.code == sprm::P_HUGE_PAPX)
            .and_then(|s| u32_at(s.operand, 0));
        if let Some(at) = huge {
            // PrcData: a 16-bit size, then the sprms.
            let at = at as usize;
            let cb = u16_at(data, at).map_or(0, usize::from);
            p.apply(super::le::slice(data, at + 2, cb).unwrap_or_default());
        }
        p
    }

    /// Applies the sprms of a grpprl in order.
    fn apply(&mut self, grpprl: &[u8]) {
        let p = self;
        let flag = |o: &[u8]| o.first().is_some_and(|&b| b != 0);
        for s in sprms(grpprl) {
            let o = s.operand;
            match s.code {
                sprm::P_ISTD => p.istd = u16_at(o, 0).unwrap_or(p.istd),
                sprm::P_F_IN_TABLE => p.in_table = flag(o),
                sprm::P_F_TTP => p.ttp = flag(o),
                sprm::P_ITAP => p.itap = u32_at(o, 0),
                sprm::P_F_INNER_TABLE_CELL => p.inner_cell = flag(o),
                sprm::P_F_INNER_TTP => p.inner_ttp = flag(o),
                sprm::P_OUT_LVL => p.outline = o.first().copied(),
                sprm::P_ILFO => p.ilfo = Some(u16_at(o, 0).unwrap_or(0)),
                sprm::P_ILVL => p.ilvl = Some(o.first().copied().unwrap_or(0)),
                sprm::P_DCS => p.drop_cap = u16_at(o, 0).is_some_and(|dcs| dcs & 0x7 != 0),
                sprm::T_DEF_TABLE => {
                    let header = p.row.as_ref().is_some_and(|r| r.header);
                    p.row = Some(RowDef {
                        header,
                        ..def_table(o)
                    });
                }
                sprm::T_TABLE_HEADER => p.row.get_or_insert_with(RowDef::default).header = flag(o),
                sprm::T_VERT_MERGE => {
                    if let (Some(row), Some(&itc), Some(&merge)) =
                        (p.row.as_mut(), o.first(), o.get(1))
                    {
                        if let Some(c) = row.cells.get_mut(usize::from(itc)) {
                            c.vert_merge = merge;
                        }
                    }
                }
                sprm::T_MERGE => {
                    if let (Some(row), Some(&first), Some(&lim)) =
                        (p.row.as_mut(), o.first(), o.get(1))
                    {
                        let lim = usize::from(lim).min(row.cells.len());
                        for (i, c) in row
                            .cells
                            .iter_mut()
                            .enumerate()
                            .take(lim)
                            .skip(usize::from(first))
                        {
                            c.horz_merge = if i == usize::from(first) { 1 } else { 2 };
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// A TDefTableOperand: `itcMac`, `itcMac + 1` boundaries, then up to `itcMac` TC80s (20 bytes).
fn def_table(o: &[u8]) -> RowDef {
    let count = usize::from(u8_at(o, 0).unwrap_or(0));
    let centers: Vec<i16> = (0..=count).map_while(|i| i16_at(o, 1 + 2 * i)).collect();
    let cells_at = 1 + 2 * (count + 1);
    let cells = (0..centers.len().saturating_sub(1))
        .map(|i| {
            let grf = u16_at(o, cells_at + 20 * i).unwrap_or(0);
            CellDef {
                horz_merge: (grf & 0x3) as u8,
                vert_merge: ((grf >> 5) & 0x3) as u8,
            }
        })
        .collect();
    RowDef {
        centers,
        cells,
        header: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_end_mark_carries_boundaries_and_merges() {
        let mut g = vec![0u8, 0]; // istd 0
        g.extend([0x16, 0x24, 1, 0x17, 0x24, 1]);
        // sprmTDefTable: 2 cells, boundaries 0, 1000, 3000; TC80 of cell 0 restarts a vertical
        // merge (vertMerge 3 at bits 5-6), cell 1 is the first of a horizontal run.
        let mut op = vec![2u8];
        for x in [0i16, 1000, 3000] {
            op.extend(x.to_le_bytes());
        }
        let mut tc0 = vec![0u8; 20];
        tc0[0] = 0x60;
        let mut tc1 = vec![0u8; 20];
        tc1[0] = 0x01;
        op.extend(tc0);
        op.extend(tc1);
        g.extend(T_DEF.to_le_bytes());
        g.extend(((op.len() + 1) as u16).to_le_bytes());
        g.extend(op);
        g.extend([0x2B, 0xD6, 2, 1, 1]); // cell 1 continues a vertical merge
        let p = ParaProps::parse(&g, &[]);
        assert!(p.in_table && p.ttp);
        let row = p.row.unwrap();
        assert_eq!(row.centers, vec![0, 1000, 3000]);
        assert_eq!(
            row.cells,
            vec![
                CellDef {
                    horz_merge: 0,
                    vert_merge: 3
                },
                CellDef {
                    horz_merge: 1,
                    vert_merge: 1
                }
            ]
        );
    }

    const T_DEF: u16 = sprm::T_DEF_TABLE;

    #[test]
    fn a_drop_cap_is_a_dcs_with_a_kind() {
        // istd 0, then sprmPDcs: fdct 1 (drop), 3 lines; then fdct 0 (none).
        assert!(ParaProps::parse(&[0, 0, 0x2C, 0x44, 0x19, 0x00], &[]).drop_cap);
        assert!(!ParaProps::parse(&[0, 0, 0x2C, 0x44, 0x18, 0x00], &[]).drop_cap);
    }
}

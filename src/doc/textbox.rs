//! Text boxes. Their text is a story of its own (after the main text, footnotes, headers,
//! comments and endnotes): PlcftxbxTxt gives each box's CP range in it, PlcSpaMom the CP and
//! shape id of every shape anchored in the main text, and the OfficeArt drawing data (DggInfo)
//! the text-box id (`lTxid`) of each shape id. A box goes where its shape is anchored; a box
//! no shape claims follows the body, with a warning, so its text is never lost.

use super::fib::{fc, Fib};
use super::{le, text, Story};
use crate::model::Warning;

/// Index of the text-box story in [`Fib::ccp`].
const TEXT_BOXES: usize = 6;
/// Bytes of an FTXBXS (the data of PlcftxbxTxt).
const FTXBXS_SIZE: usize = 22;
/// Bytes of an FSPA (the data of PlcSpaMom).
const FSPA_SIZE: usize = 26;

/// Puts every text box's paragraphs into `main`: after the paragraph holding its anchor (after
/// the table, when the anchor is in one), or after the body when anchors cannot be paired.
pub(super) fn splice(
    main: &mut Vec<text::Paragraph>,
    story: &Story,
    fib: &Fib,
    table: &[u8],
    warnings: &mut Vec<Warning>,
) {
    let Some((_, cps)) = fib
        .structure(table, fc::PLCFTXBX_TXT)
        .and_then(|p| le::plc(p, FTXBXS_SIZE))
    else {
        return;
    };
    let base = fib.story_start(TEXT_BOXES);
    let story_len = fib.ccp.get(TEXT_BOXES).copied().unwrap_or(0);
    let mut boxes: Vec<Vec<text::Paragraph>> = cps
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0].min(story_len), w[1].min(story_len));
            story.paragraphs(base.saturating_add(a), b.saturating_sub(a), &[])
        })
        .collect();
    // Word ends the list with a box of no text that belongs to no shape.
    while boxes.last().is_some_and(|b| is_blank(b)) {
        boxes.pop();
    }
    if boxes.is_empty() {
        return;
    }
    let text_ids = fib
        .structure(table, fc::DGG_INFO)
        .map(shape_text_ids)
        .unwrap_or_default();
    // The anchor CP of each box, from the shape whose lTxid names it (high word: 1-based box).
    let mut anchor_of: Vec<Option<u32>> = vec![None; boxes.len()];
    for (cp, spid) in shape_anchors(fib.structure(table, fc::PLC_SPA_MOM)) {
        let Some(&(_, txid)) = text_ids.iter().find(|(id, _)| *id == spid) else {
            continue;
        };
        let index = (txid >> 16) as usize;
        if let Some(slot) = index.checked_sub(1).and_then(|i| anchor_of.get_mut(i)) {
            slot.get_or_insert(cp);
        }
    }
    let mut insertions = Vec::new();
    let mut unplaced = Vec::new();
    for (b, anchor) in boxes.into_iter().zip(anchor_of) {
        match anchor {
            _ if is_blank(&b) => {}
            Some(cp) => insertions.push((insertion_point(main, cp), cp, b)),
            None => unplaced.push(b),
        }
    }
    if !unplaced.is_empty() {
        warnings.push(Warning::new(
            "doc.text_box_unanchored",
            format!(
                "{} text box(es) whose shape was not found in the drawing data are read after \
                 the body",
                unplaced.len()
            ),
        ));
    }
    // Boxes anchored in one paragraph keep their anchors' order; inserting from the end keeps
    // the earlier indices valid.
    insertions.sort_by_key(|(at, cp, _)| (*at, *cp));
    for (at, _, b) in insertions.into_iter().rev() {
        let at = at.min(main.len());
        main.splice(at..at, b);
    }
    main.extend(unplaced.into_iter().flatten());
}

/// (anchor CP, shape id) of every FSPA in PlcSpaMom.
fn shape_anchors(plc: Option<&[u8]>) -> Vec<(u32, u32)> {
    let Some(bytes) = plc else {
        return Vec::new();
    };
    let Some((n, cps)) = le::plc(bytes, FSPA_SIZE) else {
        return Vec::new();
    };
    let data = 4 * (n + 1);
    cps.iter()
        .take(n)
        .enumerate()
        .filter_map(|(i, &cp)| Some((cp, le::u32_at(bytes, data + i * FSPA_SIZE)?)))
        .collect()
}

/// (shape id, lTxid) of every shape in the OfficeArt data that has text: each shape's
/// OfficeArtFSP record (type 0xF00A) gives its id, the OfficeArtFOPT (0xF00B) that follows it
/// in the same shape container its properties, lTxid being property 0x0080. The records are
/// walked as a flat sequence: containers (version 0xF) are entered, not skipped, and a byte
/// that is no record header (DggInfo puts a one-byte drawing label between drawings) ends the
/// walk of that stretch after a one-byte step.
fn shape_text_ids(dgg: &[u8]) -> Vec<(u32, u32)> {
    const FSP: u16 = 0xF00A;
    const FOPT: u16 = 0xF00B;
    const LTXID: u16 = 0x0080;
    let mut found = Vec::new();
    let mut shape = None;
    let mut at = 0usize;
    while let (Some(ver_inst), Some(kind), Some(len)) = (
        le::u16_at(dgg, at),
        le::u16_at(dgg, at + 2),
        le::u32_at(dgg, at + 4),
    ) {
        if !(0xF000..=0xF122).contains(&kind) {
            at += 1;
            continue;
        }
        let body = at + 8;
        let len = len as usize;
        if ver_inst & 0xF == 0xF {
            at = body;
            continue;
        }
        match kind {
            FSP => shape = le::u32_at(dgg, body),
            FOPT => {
                let count = usize::from(ver_inst >> 4);
                let txid = (0..count).find_map(|i| {
                    let opid = le::u16_at(dgg, body + 6 * i)?;
                    (opid & 0x3FFF == LTXID).then(|| le::u32_at(dgg, body + 6 * i + 2))?
                });
                if let (Some(spid), Some(txid)) = (shape, txid) {
                    found.push((spid, txid));
                }
            }
            _ => {}
        }
        at = body.saturating_add(len);
    }
    found
}

/// Just after the paragraph holding CP `anchor`, or after the table that paragraph is in.
fn insertion_point(main: &[text::Paragraph], anchor: u32) -> usize {
    let Some(holder) = main.iter().position(|p| p.raw.mark_cp >= anchor) else {
        return main.len();
    };
    let in_table = |p: &text::Paragraph| p.props.in_table || p.props.itap.is_some_and(|d| d > 0);
    main.iter()
        .skip(holder)
        .position(|p| !in_table(p))
        .map_or(main.len(), |offset| holder + offset + 1)
}

fn is_blank(paragraphs: &[text::Paragraph]) -> bool {
    paragraphs.iter().all(|p| p.raw.text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(ver_inst: u16, kind: u16, body: &[u8]) -> Vec<u8> {
        let mut r = Vec::new();
        r.extend(ver_inst.to_le_bytes());
        r.extend(kind.to_le_bytes());
        r.extend((body.len() as u32).to_le_bytes());
        r.extend(body);
        r
    }

    #[test]
    fn shapes_name_their_text_box_through_the_drawing_data() {
        let fsp = record(0x0002, 0xF00A, &[1, 4, 0, 0, 0, 0, 0, 0]); // spid 1025
        let mut props = Vec::new();
        props.extend(0x0004u16.to_le_bytes());
        props.extend(7u32.to_le_bytes());
        props.extend(0x0080u16.to_le_bytes());
        props.extend(0x0002_0000u32.to_le_bytes());
        let fopt = record(0x0023, 0xF00B, &props); // version 3, 2 properties
        let picture = record(0x0002, 0xF00A, &[2, 4, 0, 0, 0, 0, 0, 0]); // spid 1026, no text
        let container = record(0x000F, 0xF004, &[fsp, fopt].concat());
        let other = record(0x000F, 0xF004, &picture);
        // DggInfo puts a one-byte drawing label before a drawing's container.
        let dgg = [vec![0u8], container, other, vec![0xFF; 3]].concat();
        assert_eq!(shape_text_ids(&dgg), [(1025, 0x0002_0000)]);
        assert!(shape_text_ids(&dgg[..20]).is_empty());
    }
}

//! Pages to a document: tables found first, the glyphs inside their regions kept out of the
//! text, then lines, furniture, reading order, paragraphs and headings. Reads only the page
//! model, so every fixed-layout source (PDF today, OCR of scans next) shares it.

use super::{layout, tables, text, Glyph, Page, PER_PAGE_CAP};
use crate::model::{Block, Document, OcrMark, Warning};
use crate::Options;

/// Builds the document from interpreted pages: tables found first, the glyphs inside their
/// regions kept out of the text, then lines, furniture, reading order, paragraphs, headings.
/// The options' `include_headers_footers` keeps the furniture as `header`/`footer` paragraphs.
pub fn assemble(pages: &[Page], options: &Options) -> Document {
    let turned: Vec<Option<Page>> = pages.iter().map(layout::upright).collect();
    if turned.iter().all(Option::is_none) {
        return assemble_upright(pages, options);
    }
    let owned: Vec<Page> = turned
        .into_iter()
        .zip(pages)
        .map(|(t, p)| t.unwrap_or_else(|| p.clone()))
        .collect();
    assemble_upright(&owned, options)
}

/// [`assemble`] of pages the caller gives up: sideways pages are turned in place, so no page is
/// copied (the PDF reader's path).
pub fn assemble_owned(mut pages: Vec<Page>, options: &Options) -> Document {
    for page in &mut pages {
        layout::turn_upright(page);
    }
    assemble_upright(&pages, options)
}

/// [`assemble`] of pages already turned upright.
fn assemble_upright(pages: &[Page], options: &Options) -> Document {
    let mut table_warnings = Vec::new();
    let found = tables::detect_in(
        pages,
        &options.layout,
        &options.tables,
        &options.limits,
        &mut table_warnings,
    );
    let mut doc = assemble_with(pages, found, options);
    doc.warnings.extend(table_warnings);
    mark_ocr(&mut doc.blocks, pages);
    doc
}

/// Marks every block on a page read by OCR with the mean confidence of its page(s): a table
/// over several pages gets the mean of those read by OCR.
fn mark_ocr(blocks: &mut [Block], pages: &[Page]) {
    if pages.iter().all(|p| p.ocr_confidence.is_none()) {
        return;
    }
    let confidence = |page: u32| {
        let index = usize::try_from(page).ok()?.checked_sub(1)?;
        pages.get(index)?.ocr_confidence
    };
    for block in blocks {
        match block {
            Block::Heading(h) => h.ocr = h.page.and_then(confidence).map(OcrMark::new),
            Block::Paragraph(p) => p.ocr = p.page.and_then(confidence).map(OcrMark::new),
            Block::Table(t) => {
                let on = if t.pages.is_empty() {
                    t.page.as_slice()
                } else {
                    t.pages.as_slice()
                };
                let (sum, read) = on
                    .iter()
                    .filter_map(|&p| confidence(p))
                    .fold((0.0f32, 0usize), |(s, n), c| (s + c, n + 1));
                t.ocr = (read > 0).then(|| OcrMark::new(sum / read as f32));
            }
        }
    }
}

/// [`assemble`] with the tables given (tests measure the text with and without them).
pub fn assemble_with(pages: &[Page], found: Vec<tables::Found>, options: &Options) -> Document {
    let params = &options.layout;
    // Every fixed-layout source is a PDF today (a scan's OCR words come from a PDF too).
    let mut doc = Document::new("pdf");
    doc.source.pages = Some(u32::try_from(pages.len()).unwrap_or(u32::MAX));
    doc.warnings = warnings(pages);
    let mut regions: Vec<(usize, tables::Region, bool)> = Vec::new();
    for (t, f) in found.iter().enumerate() {
        for (k, r) in f.regions.iter().enumerate() {
            regions.push((t, *r, k == 0));
        }
    }
    let mut lines: Vec<Vec<text::Line>> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let here: Vec<&tables::Region> = regions
                .iter()
                .filter(|r| r.1.page == i)
                .map(|r| &r.1)
                .collect();
            let free = |g: &&Glyph| {
                let (cx, cy) = g.centre();
                !here.iter().any(|r| r.contains(cx, cy))
            };
            let upright = p.glyphs.iter().filter(|g| g.quarter == 0).filter(free);
            let mut ls = text::lines_of(upright, params);
            // Sideways glyphs left on an upright page (a margin stamp, a rotated caption) are
            // read in their own direction.
            ls.extend(layout::sideways_lines(
                p.glyphs.iter().filter(|g| g.quarter != 0).filter(free),
                params,
            ));
            ls
        })
        .collect();
    let furniture = layout::strip_furniture(pages, &mut lines, params);
    // Sideways lines stay out of column detection and join no paragraph: they follow their
    // page's text.
    let side: Vec<Vec<text::Line>> = lines
        .iter_mut()
        .map(|ls| {
            let (side, rest) = std::mem::take(ls).into_iter().partition(|l| l.sideways);
            *ls = rest;
            side
        })
        .collect();
    let items = layout::with_sideways(layout::order(pages, lines, &regions, params), side);
    doc.blocks = layout::blocks(
        &items,
        found.into_iter().map(|f| Some(f.table)).collect(),
        params,
    );
    if options.include_headers_footers {
        doc.blocks = layout::with_furniture(std::mem::take(&mut doc.blocks), furniture);
    }
    doc
}

/// `pdf.no_text_layer` for a page that draws something but no glyph (a scan; a blank page is
/// not worth a warning), `pdf.page_cap` for glyphs and shapes past the per-page caps, and
/// `pdf.unmapped_glyphs` for glyphs whose font gives no Unicode (kept as U+FFFD).
fn warnings(pages: &[Page]) -> Vec<Warning> {
    let mut out = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        let page = u32::try_from(i + 1).ok();
        if p.glyphs.is_empty() && (!p.images.is_empty() || !p.segments.is_empty()) {
            out.push(Warning {
                code: "pdf.no_text_layer",
                message: "page has no text layer (a scan, or text drawn as outlines); nothing read from it"
                    .into(),
                page,
            });
        }
        if p.not_kept > 0 {
            out.push(Warning {
                code: "pdf.page_cap",
                message: format!(
                    "{} glyphs or drawn shapes past the per-page cap of {} were not kept",
                    p.not_kept, PER_PAGE_CAP
                ),
                page,
            });
        }
        let unmapped = p
            .glyphs
            .iter()
            .filter(|g| g.text.contains('\u{FFFD}'))
            .count();
        if unmapped > 0 {
            out.push(Warning {
                code: "pdf.unmapped_glyphs",
                message: format!(
                    "{unmapped} glyphs have no Unicode mapping in their font; written as U+FFFD"
                ),
                page,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{mark_ocr, Page};
    use crate::model::{Block, OcrMark, Paragraph, Table};

    #[test]
    fn blocks_on_pages_read_by_ocr_carry_their_pages_confidence() {
        let pages = [
            Page {
                ocr_confidence: Some(0.75),
                ..Page::default()
            },
            Page::default(),
            Page {
                ocr_confidence: Some(0.25),
                ..Page::default()
            },
        ];
        let paragraph = |page| {
            Block::Paragraph(Paragraph {
                text: "x".into(),
                page: Some(page),
                ..Paragraph::default()
            })
        };
        let table = |pages: Vec<u32>| {
            Block::Table(Table {
                page: pages.first().copied(),
                pages,
                ..Table::default()
            })
        };
        let mut blocks = vec![
            paragraph(1),
            paragraph(2),
            table(vec![1, 2, 3]),
            table(vec![2]),
            paragraph(4),
        ];
        mark_ocr(&mut blocks, &pages);
        let marks: Vec<Option<OcrMark>> = blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.ocr,
                Block::Table(t) => t.ocr,
                Block::Heading(h) => h.ocr,
            })
            .collect();
        // A table over pages 1–3 has the mean of the two pages OCR read; page 4 does not exist.
        assert_eq!(
            marks,
            [
                Some(OcrMark::new(0.75)),
                None,
                Some(OcrMark::new(0.5)),
                None,
                None
            ]
        );
        let json = serde_json::to_value(&blocks[0]).unwrap();
        assert_eq!(json["ocr"], true);
        assert_eq!(json["ocr_confidence"], 0.75);
        assert!(serde_json::to_value(&blocks[1])
            .unwrap()
            .get("ocr")
            .is_none());
    }
}

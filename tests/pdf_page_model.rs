//! The PDF engine fills the neutral page model: rotation, glyph flags, filled rectangles with
//! their colour, image boxes. (Italic comes from embedded font data, which these fixtures lack.)

#[path = "support/pdf.rs"]
mod support;
use docgrid::pdf::engine::{load, PageLimits};
use support::{pdf, PageSpec};

#[test]
fn glyph_flags_fills_images_and_rotation() {
    let content = "BT /F1 12 Tf 72 700 Td (Seen) Tj ET\n\
                   BT 3 Tr /F1 12 Tf 72 680 Td (Hidden) Tj 0 Tr ET\n\
                   BT /F2 12 Tf 72 660 Td (Plain) Tj ET\n\
                   1 0 0 rg 100 400 50 20 re f\n\
                   q 40 0 0 30 200 300 cm /Im1 Do Q\n";
    let bytes = pdf(&[PageSpec::new(content.to_string())]);
    let pages = load(&bytes, "", PageLimits::default()).unwrap();
    let [page] = pages.as_slice() else {
        panic!("{} pages", pages.len())
    };
    assert_eq!((page.width, page.height, page.rotation), (595.0, 842.0, 0));
    let word = |w: &str| -> Vec<(bool, bool)> {
        let mut seen = Vec::new();
        let mut text = String::new();
        for g in &page.glyphs {
            text.push_str(&g.text);
            seen.push((g.visible, g.italic));
            if text.ends_with(w) {
                return seen[seen.len() - w.len()..].to_vec();
            }
        }
        panic!("{w} not in {text}")
    };
    assert_eq!(word("Seen"), vec![(true, false); 4]);
    assert_eq!(word("Hidden"), vec![(false, false); 6]);
    // Helvetica-Oblique is a standard Type 1 font: no font data, so no italic flag from it.
    assert_eq!(word("Plain"), vec![(true, false); 5]);
    // 100,400 50×20 in PDF space is x 100–150, y 842-420=422 to 442 from the top.
    assert_eq!(page.fills.len(), 1, "{:?}", page.fills);
    assert_eq!(page.fills[0].bbox, (100.0, 422.0, 150.0, 442.0));
    assert_eq!(page.fills[0].rgba, [1.0, 0.0, 0.0, 1.0]);
    assert_eq!(page.images.len(), 1);
    assert_eq!(page.images[0].pixels, (2, 2));
    let b = page.images[0].bbox;
    let near = |a: f32, e: f32| (a - e).abs() < 0.01;
    assert!(
        near(b.0, 200.0) && near(b.1, 512.0) && near(b.2, 240.0) && near(b.3, 542.0),
        "{b:?}"
    );
}

#[test]
fn rotated_page_reports_its_rotation_and_displayed_size() {
    let page = PageSpec {
        content: "BT /F1 12 Tf 72 700 Td (Turned) Tj ET\n".to_string(),
        extra: "/Rotate 90".to_string(),
    };
    let pages = load(&pdf(&[page]), "", PageLimits::default()).unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(
        (pages[0].width, pages[0].height, pages[0].rotation),
        (842.0, 595.0, 90)
    );
}

#[test]
fn glyphs_past_the_page_cap_are_a_warning() {
    let cap = PageLimits::default().max_glyphs_per_page;
    let content = format!("BT /F1 1 Tf 10 400 Td ({}) Tj ET\n", "x".repeat(cap + 7));
    let bytes = pdf(&[PageSpec::new(content)]);
    let doc = docgrid::convert_bytes(&bytes, &docgrid::Options::default()).unwrap();
    let w: Vec<_> = doc
        .warnings
        .iter()
        .map(|w| (w.code, w.message.as_str(), w.page))
        .collect();
    let message = format!("7 glyphs or drawn shapes past the per-page cap of {cap} were not kept");
    assert_eq!(w, vec![("pdf.page_cap", message.as_str(), Some(1))]);
}

//! The page-image path of OCR (feature `ocr`): a one-page PDF whose only content draws one
//! image XObject, the fuzzer's bytes as its stream. The first byte picks the filter (DCT,
//! Flate, CCITT G4 and G3, JBIG2, JPEG 2000, none) and the colour space, the next two the
//! image's size; the engine decodes it and docgrid places it by its transform on the page
//! canvas (src/pdf/engine/raster.rs). Beyond "no panic, no hang": the canvas is the page's size
//! at its resolution.
#![no_main]

use docgrid::pdf::engine::{load, render_images, PageLimits};

/// The pixel bound of the page canvas and of each image. Smaller than docgrid's default
/// (the canvas costs its pixels on every run: at 4,000,000 the target ran 33 inputs a second),
/// with the same code paths, refusal of oversized images included.
const MAX_PIXELS: u64 = 250_000;

fn pdf(filter: &str, space: &str, bits: u8, (w, h): (u32, u32), data: &[u8]) -> Vec<u8> {
    let mut out: Vec<u8> = b"%PDF-1.7\n".to_vec();
    let content = format!("q 500 0 0 700 40 60 cm /Im0 Do Q");
    let image_dict = format!(
        "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace {space} \
         /BitsPerComponent {bits} {filter} /Length {} >>",
        data.len()
    );
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        [
            format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(),
            content.as_bytes(),
            b"\nendstream",
        ]
        .concat(),
        [image_dict.as_bytes(), b"\nstream\n", data, b"\nendstream"].concat(),
    ];
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let [pick, w, h, rest @ ..] = data else {
        return;
    };
    let (w, h) = (u32::from(*w) * 4 + 1, u32::from(*h) * 4 + 1);
    let (filter, space, bits) = match pick % 7 {
        0 => ("/Filter /DCTDecode".to_string(), "/DeviceRGB", 8),
        1 => ("/Filter /FlateDecode".to_string(), "/DeviceGray", 8),
        2 => (
            format!("/Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns {w} /Rows {h} >>"),
            "/DeviceGray",
            1,
        ),
        3 => (
            format!("/Filter /CCITTFaxDecode /DecodeParms << /K 0 /Columns {w} /BlackIs1 true >>"),
            "/DeviceGray",
            1,
        ),
        4 => ("/Filter /JBIG2Decode".to_string(), "/DeviceGray", 1),
        5 => ("/Filter /JPXDecode".to_string(), "/DeviceRGB", 8),
        _ => (String::new(), if pick & 8 == 0 { "/DeviceGray" } else { "/DeviceRGB" }, 8),
    };
    let file = pdf(&filter, space, bits, (w, h), rest);
    let Ok(pages) = load(&file, "", PageLimits::default()) else {
        return;
    };
    let Some(page) = pages.first() else {
        return;
    };
    let asked = [(0usize, page.images.as_slice())];
    if let Ok(images) = render_images(&file, "", &asked, MAX_PIXELS) {
        for image in images.into_iter().flatten() {
            assert_eq!(image.pixels.len(), image.width * image.height);
            assert!(image.width as u64 * image.height as u64 <= MAX_PIXELS);
        }
    }
});

//! Unit tests of `chars`: CHPX pages, the font table and form field data, on bytes built here.

use super::*;

/// A ChpxFkp page with runs `[0x400, 0x402)` (sprmCSymbol: font 1, 0xF0B7) and
/// `[0x402, 0x410)` (fonts: 2).
fn page() -> Vec<u8> {
    let mut page = vec![0u8; 512];
    for (i, fc) in [0x400u32, 0x402, 0x410].iter().enumerate() {
        page[4 * i..4 * i + 4].copy_from_slice(&fc.to_le_bytes());
    }
    // rgb: run 0's CHPX at word 0x80 (byte 0x100), run 1 none.
    page[12] = 0x80;
    page[13] = 0;
    // CHPX: cb 6, sprmCSymbol ftc 1 xchar 0xF0B7.
    page[0x100..0x107].copy_from_slice(&[6, 0x09, 0x6A, 1, 0, 0xB7, 0xF0]);
    // Run 1, as LibreOffice writes a Wingdings run: sprmCRgFtc0 2, sprmCRgFtc2 2.
    page[13] = 0x90;
    page[0x120..0x129].copy_from_slice(&[8, 0x4F, 0x4A, 2, 0, 0x51, 0x4A, 2, 0]);
    page[511] = 2;
    page
}

#[test]
fn a_chpx_page_gives_its_symbol_runs() {
    let mut runs = Vec::new();
    read_page(&page(), &mut runs, &mut Vec::new());
    assert_eq!(
        runs,
        vec![
            SymbolRun {
                fc_start: 0x400,
                fc_end: 0x402,
                kind: RunFonts::Symbol {
                    ftc: 1,
                    xchar: 0xF0B7
                }
            },
            SymbolRun {
                fc_start: 0x402,
                fc_end: 0x410,
                kind: RunFonts::Fonts([Some(2), Some(2), None, None])
            }
        ]
    );
    // A CHPX claiming more bytes than the page holds is cut at the page, not read past it.
    let mut bad = page();
    bad[0x1FE] = 0xFF;
    bad[12] = 0xFF;
    bad[13] = 0;
    let mut runs = Vec::new();
    read_page(&bad, &mut runs, &mut Vec::new());
    assert!(runs.is_empty());
}

fn ffn(name: &str) -> Vec<u8> {
    let mut f = vec![0u8; FFN_NAME_AT];
    f.extend(name.encode_utf16().chain([0]).flat_map(u16::to_le_bytes));
    f
}

#[test]
fn the_font_table_names_fonts_by_index() {
    let mut sttb = vec![2, 0, 0, 0];
    for name in ["Times New Roman", "Symbol"] {
        let f = ffn(name);
        sttb.push(f.len() as u8);
        sttb.extend(f);
    }
    assert_eq!(font_names(&sttb), ["Times New Roman", "Symbol"]);
    // Truncated: what is there is read, the rest left out.
    assert_eq!(font_names(&sttb[..20]), Vec::<String>::new());
}

/// A NilPICFAndBinData (68-byte header) holding a checkbox FFData named `Check1`.
fn checkbox_data(ires: u16, default: u16) -> Vec<u8> {
    let mut d = vec![0u8; 8];
    d.extend(0u32.to_le_bytes()); // an unrelated record before it
    let at = d.len();
    d.extend(0u32.to_le_bytes()); // lcb
    d.extend(0x44u16.to_le_bytes()); // cbHeader
    d.resize(at + 0x44, 0);
    d.extend(0xFFFF_FFFFu32.to_le_bytes());
    d.extend((1 | (ires << 2)).to_le_bytes()); // iType 1: checkbox
    d.extend([0, 0, 20, 0]); // cch, hps
    d.extend(6u16.to_le_bytes());
    d.extend(
        "Check1"
            .encode_utf16()
            .chain([0])
            .flat_map(u16::to_le_bytes),
    );
    d.extend(default.to_le_bytes());
    d
}

#[test]
fn checkbox_form_data_gives_the_state() {
    assert_eq!(checkbox_state(&checkbox_data(1, 0), 12), Some(true));
    assert_eq!(checkbox_state(&checkbox_data(0, 1), 12), Some(false));
    // iRes 25: the default decides.
    assert_eq!(checkbox_state(&checkbox_data(25, 1), 12), Some(true));
    assert_eq!(checkbox_state(&checkbox_data(25, 0), 12), Some(false));
    // Not at a header, truncated, or a text field: no state.
    assert_eq!(checkbox_state(&checkbox_data(1, 0), 0), None);
    assert_eq!(checkbox_state(&checkbox_data(25, 1)[..90], 12), None);
    let mut text = checkbox_data(0, 0);
    text[12 + 0x44 + 4] = 0;
    assert_eq!(checkbox_state(&text, 12), None);
}

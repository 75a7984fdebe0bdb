//! A fixed minimal one-page PDF whose content stream or one font/CMap stream is replaced by the
//! fuzzer's bytes, so that mutations reach the interpreter and the font code instead of dying in
//! the file-structure parser. The xref table is exact, so no repair pass runs.

/// Which stream of the fixed document the fuzzed bytes become.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The page's content stream.
    Content,
    /// The ToUnicode CMap of the Identity-H Type0 font `/F3`.
    ToUnicode,
    /// An embedded CMap used as the `/Encoding` of `/F3` (instead of Identity-H).
    EncodingCMap,
    /// `/FontFile2` (TrueType) of `/F3`'s descendant CIDFontType2.
    TrueType,
    /// `/FontFile3` `/Type1C` (bare CFF) of the simple font `/F4`.
    Cff,
    /// `/FontFile` (Type 1, PFA/PFB) of `/F4`.
    Type1,
    /// `/FontFile3` `/OpenType` of `/F4`.
    OpenType,
}

impl Slot {
    /// Every font or CMap slot, indexed by the first input byte of the `pdf_cmap` target.
    pub const FONT_SLOTS: [Slot; 6] = [
        Slot::ToUnicode,
        Slot::EncodingCMap,
        Slot::TrueType,
        Slot::Cff,
        Slot::Type1,
        Slot::OpenType,
    ];
}

/// Draws with every font (1- and 2-byte codes, a spread of code values), a form XObject, an
/// annotation-free path and an image-free page: what a report page does, in miniature.
pub const CONTENT: &[u8] = b"q 0.5 w 72 700 m 500 700 l S 72 650 200 20 re f Q
BT /F1 12 Tf 72 760 Td (Revenue 2024) Tj 0 -14 Td [(A) -250 (B)] TJ ET
BT /F2 10.5 Tf 72 730 Td <4E2D658765875B57> Tj ET
BT /F3 10.5 Tf 72 715 Td <0001000200030041004200430100FFFF3000> Tj ET
BT /F3 9 Tf 72 600 Td <000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F> Tj ET
BT /F3 9 Tf 72 590 Td <202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F> Tj ET
BT /F4 11 Tf 72 690 Td (Hello, table) Tj <80818283A0A1C0FF> Tj ET
q 1 0 0 1 72 400 cm /X1 Do Q
";

/// The fixed ToUnicode CMap of `/F3`.
pub const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfchar
<0001> <6536>
<0002> <5165>
<0003> <0041>
endbfchar
2 beginbfrange
<0041> <0043> <0061>
<0100> <0102> [<5408> <8BA1> <D83DDE00>]
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
";

/// The embedded encoding CMap put in for [`Slot::EncodingCMap`] seeds.
pub const ENCODING_CMAP: &[u8] = b"%!PS-Adobe-3.0 Resource-CMap
/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def
/CMapName /Fuzz-H def
/CMapType 1 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
1 begincidrange
<0000> <FFFF> 0
endcidrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
";

const FORM: &[u8] = b"BT /F1 9 Tf 0 0 Td (in a form) Tj ET 0 0 m 100 0 l S";

/// A dictionary body followed by optional stream data.
struct Obj {
    dict: String,
    stream: Option<Vec<u8>>,
}

fn dict(d: &str) -> Obj {
    Obj {
        dict: d.to_string(),
        stream: None,
    }
}

fn stream(d: &str, data: &[u8]) -> Obj {
    Obj {
        dict: format!("<< {d} /Length {} >>", data.len()),
        stream: Some(data.to_vec()),
    }
}

/// [`CONTENT`] without the predefined-CMap font `/F2`: loading its bundled binary CMaps costs
/// more than everything else together, and no font slot of `pdf_cmap` touches it.
pub const FONT_CONTENT: &[u8] = b"BT /F1 12 Tf 72 760 Td (Revenue 2024) Tj ET
BT /F3 10.5 Tf 72 715 Td <0001000200030041004200430100FFFF3000> Tj ET
BT /F3 9 Tf 72 600 Td <000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F> Tj ET
BT /F3 9 Tf 72 590 Td <202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F> Tj ET
BT /F4 11 Tf 72 690 Td (Hello, table) Tj <80818283A0A1C0FF> Tj ET
";

/// The fixed document with `data` in `slot`.
pub fn pdf(slot: Slot, data: &[u8]) -> Vec<u8> {
    let pick = |s: Slot, fixed: &[u8]| -> Vec<u8> {
        if slot == s {
            data.to_vec()
        } else {
            fixed.to_vec()
        }
    };
    let f3_encoding = if slot == Slot::EncodingCMap {
        "14 0 R"
    } else {
        "/Identity-H"
    };
    let f3_file = if slot == Slot::TrueType {
        "/FontFile2 15 0 R"
    } else {
        ""
    };
    let f4_file = match slot {
        Slot::Cff => "/FontFile3 15 0 R",
        Slot::Type1 => "/FontFile 15 0 R",
        Slot::OpenType => "/FontFile3 15 0 R",
        _ => "",
    };
    let file_subtype = match slot {
        Slot::Cff => "/Subtype /Type1C",
        Slot::OpenType => "/Subtype /OpenType",
        _ => "",
    };
    let objs = [
        dict("<< /Type /Catalog /Pages 2 0 R >>"),
        dict("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        dict(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << \
             /F1 4 0 R /F2 5 0 R /F3 6 0 R /F4 13 0 R >> /XObject << /X1 10 0 R >> >> \
             /Contents 7 0 R >>",
        ),
        dict("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
        dict(
            "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H \
             /DescendantFonts [8 0 R] >>",
        ),
        dict(&format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding {f3_encoding} \
             /DescendantFonts [11 0 R] /ToUnicode 9 0 R >>"
        )),
        stream(
            "",
            match slot {
                Slot::Content => data,
                _ => FONT_CONTENT,
            },
        ),
        dict(
            "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo \
             << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 12 0 R /DW 1000 >>",
        ),
        stream("", &pick(Slot::ToUnicode, TO_UNICODE)),
        stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 200 50] /Resources << /Font << /F1 4 0 R >> >>",
            FORM,
        ),
        dict(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo \
             << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 16 0 R \
             /CIDToGIDMap /Identity /DW 1000 /W [1 [500 600] 65 67 550] >>",
        ),
        dict(
            "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] \
             /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        ),
        dict(
            "<< /Type /Font /Subtype /Type1 /BaseFont /FuzzSans /FirstChar 32 /LastChar 255 \
             /FontDescriptor 17 0 R /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding \
             /Differences [128 /Euro /bullet /uni4E2D /g12] >> >>",
        ),
        stream("", &pick(Slot::EncodingCMap, ENCODING_CMAP)),
        stream(file_subtype, if f3_file.is_empty() && f4_file.is_empty() { b"" } else { data }),
        dict(&format!(
            "<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -200 1000 900] \
             /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 {f3_file} >>"
        )),
        dict(&format!(
            "<< /Type /FontDescriptor /FontName /FuzzSans /Flags 32 /FontBBox [0 -200 1000 900] \
             /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 {f4_file} >>"
        )),
    ];
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objs.len());
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{}", i + 1, o.dict).as_bytes());
        if let Some(s) = &o.stream {
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(s);
            out.extend_from_slice(b"\nendstream");
        }
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

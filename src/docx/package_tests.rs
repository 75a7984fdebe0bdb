//! Tests of the package layer, on zips built in memory and on the shared corpus.

use super::*;
use crate::docx::xml::XmlReader;
use std::io::Write;
use std::path::PathBuf;

const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_DOC: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

/// A zip (deflated entries) holding `entries` in order.
pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn root_rels(type_uri: &str, target: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS_NS}"><Relationship Id="rId1" Type="{type_uri}" Target="{target}"/></Relationships>"#
    )
    .into_bytes()
}

const DOC: &[u8] =
    b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>";

fn open(bytes: &[u8]) -> Result<String, Error> {
    Package::open(bytes, &Limits::default()).map(|p| p.main_part().to_string())
}

#[test]
fn main_part_from_rels_absolute_target() {
    let z = zip_of(&[
        ("_rels/.rels", &root_rels(OFFICE_DOC, "/word/document2.xml")),
        ("word/document2.xml", DOC),
        ("word/document.xml", DOC),
    ]);
    assert_eq!(open(&z).unwrap(), "word/document2.xml");
}

#[test]
fn main_part_from_rels_relative_target_and_strict_type() {
    let strict = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";
    let z = zip_of(&[
        ("_rels/.rels", &root_rels(strict, "./word/blah.xml")),
        ("word/blah.xml", DOC),
    ]);
    assert_eq!(open(&z).unwrap(), "word/blah.xml");
}

#[test]
fn main_part_from_content_type_override() {
    let types = br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/doc/main.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let z = zip_of(&[("[Content_Types].xml", types), ("doc/main.xml", DOC)]);
    assert_eq!(open(&z).unwrap(), "doc/main.xml");
}

#[test]
fn main_part_conventional_name_tolerates_case_and_backslash() {
    let z = zip_of(&[("Word\\Document.XML", DOC)]);
    assert_eq!(open(&z).unwrap(), "Word\\Document.XML");
    let mut pkg = Package::open(&z, &Limits::default()).unwrap();
    assert!(pkg.has_part("/word/document.xml"));
    assert_eq!(pkg.read_part("word/DOCUMENT.xml").unwrap().unwrap(), DOC);
}

#[test]
fn no_main_part() {
    let z = zip_of(&[("word/styles.xml", b"<a/>")]);
    assert!(matches!(
        open(&z).unwrap_err().kind(),
        ErrorKind::NoMainPart
    ));
    // officeDocument pointing at a part typed as a theme manager is not a Word document.
    let types = br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/theme/tm.xml" ContentType="application/vnd.openxmlformats-officedocument.themeManager+xml"/></Types>"#;
    let z = zip_of(&[
        ("[Content_Types].xml", types),
        ("_rels/.rels", &root_rels(OFFICE_DOC, "theme/tm.xml")),
        ("theme/tm.xml", b"<a/>"),
    ]);
    assert!(matches!(
        open(&z).unwrap_err().kind(),
        ErrorKind::NoMainPart
    ));
}

#[test]
fn ole_is_encrypted_and_garbage_is_zip_error() {
    let mut ole = OLE_MAGIC.to_vec();
    ole.extend_from_slice(&[0; 504]);
    assert!(matches!(
        open(&ole).unwrap_err().kind(),
        ErrorKind::Encrypted
    ));
    let err = open(b"PK\x03\x04 this is not really a zip").unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Zip(_)), "{err:?}");
}

#[test]
fn rels_resolve_relative_to_part_folder() {
    let rels = format!(
        r#"<?xml version="1.0"?><Relationships xmlns="{RELS_NS}">
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
        <Relationship Id="rId2" Type="http://x/customXml" Target="../customXml/item1.xml"/>
        <Relationship Id="rId3" Type="http://x/evil" Target="../../../../evil.xml"/>
        <Relationship Id="rId4" Type="http://x/image" Target="media/../media\image1.png"/>
        <Relationship Id="rId5" Type="http://x/hyperlink" Target="http://example.com/a/../b?x=1&amp;y=2" TargetMode="External"/>
        <Relationship Id="rId6" Type="http://x/footer" Target="/word/footer1.xml"/>
        </Relationships>"#
    );
    let z = zip_of(&[
        ("word/document.xml", DOC),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
    ]);
    let mut pkg = Package::open(&z, &Limits::default()).unwrap();
    let rels = pkg.rels_of("word/document.xml").unwrap();
    let got: Vec<(&str, &str, &str, bool)> = rels
        .list
        .iter()
        .map(|(id, r)| (id.as_str(), r.kind.as_str(), r.target.as_str(), r.external))
        .collect();
    assert_eq!(
        got,
        [
            ("rId1", "styles", "word/styles.xml", false),
            ("rId2", "customXml", "customXml/item1.xml", false),
            ("rId3", "evil", "evil.xml", false),
            ("rId4", "image", "word/media/image1.png", false),
            (
                "rId5",
                "hyperlink",
                "http://example.com/a/../b?x=1&y=2",
                true
            ),
            ("rId6", "footer", "word/footer1.xml", false),
        ]
    );
    assert_eq!(
        rels.first_of_kind("styles").unwrap().target,
        "word/styles.xml"
    );
    assert!(rels.first_of_kind("hyperlink").is_none());
    assert_eq!(rels.get("rId6").unwrap().kind, "footer");
    assert!(pkg.rels_of("word/styles.xml").unwrap().list.is_empty());
}

#[test]
fn bom_is_stripped() {
    let z = zip_of(&[("word/document.xml", b"\xEF\xBB\xBF<a>x</a>")]);
    let mut pkg = Package::open(&z, &Limits::default()).unwrap();
    assert_eq!(
        pkg.read_part("word/document.xml").unwrap().unwrap(),
        b"<a>x</a>"
    );
    assert_eq!(pkg.read_part("word/missing.xml").unwrap(), None);
}

#[test]
fn utf16_parts_are_transcoded() {
    let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>中文😀</a>";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let z = zip_of(&[("word/document.xml", &le), ("word/be.xml", &be)]);
    let mut pkg = Package::open(&z, &Limits::default()).unwrap();
    for part in ["word/document.xml", "word/be.xml"] {
        let got = pkg.read_part(part).unwrap().unwrap();
        assert_eq!(String::from_utf8(got).unwrap(), text);
        let stream = pkg.open_part(part).unwrap().unwrap();
        let mut xr = XmlReader::new(stream, part, &Limits::default());
        let mut buf = Vec::new();
        let mut seen = String::new();
        loop {
            match xr.next(&mut buf).unwrap() {
                Event::Text(t) => seen.push_str(&t.xml10_content()),
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        assert_eq!(seen, "中文😀");
    }
}

#[test]
fn part_over_limit() {
    let bomb = vec![b'a'; 100_000];
    let z = zip_of(&[("word/document.xml", &bomb)]);
    let limits = Limits {
        max_part_bytes: 1_000,
        ..Limits::default()
    };
    let mut pkg = Package::open(&z, &limits).unwrap();
    let err = pkg.read_part("word/document.xml").unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::Limit { part, what: "max_part_bytes", limit: 1_000 } if part == "word/document.xml"
    ));
}

#[test]
fn part_over_limit_while_streaming() {
    // The declared size is checked up front; a lying header is caught by the count.
    let file = vec![b'a'; 50_000];
    let limits = Limits {
        max_part_bytes: 1_000,
        ..Limits::default()
    };
    let total = Cell::new(0);
    let mut bounded = stream::Bounded::new(&file[..], "word/document.xml", &limits, &total);
    let err = std::io::copy(&mut bounded, &mut std::io::sink()).unwrap_err();
    assert!(matches!(
        stream::io_to_error("word/document.xml", &err).kind(),
        ErrorKind::Limit {
            what: "max_part_bytes",
            ..
        }
    ));
}

#[test]
fn total_over_limit_surfaces_through_the_xml_reader() {
    let body = format!("<a>{}</a>", "x".repeat(594));
    let z = zip_of(&[
        ("word/document.xml", body.as_bytes()),
        ("word/other.xml", body.as_bytes()),
    ]);
    let limits = Limits {
        max_part_bytes: 1_000,
        max_total_bytes: 1_000,
        ..Limits::default()
    };
    let mut pkg = Package::open(&z, &limits).unwrap();
    assert_eq!(
        pkg.read_part("word/document.xml").unwrap().unwrap().len(),
        601
    );
    let stream = pkg.open_part("word/other.xml").unwrap().unwrap();
    let mut xr = XmlReader::new(stream, "word/other.xml", &limits);
    let mut buf = Vec::new();
    let err = loop {
        match xr.next(&mut buf) {
            Ok(Event::Eof) => panic!("limit not enforced"),
            Ok(_) => buf.clear(),
            Err(e) => break e,
        }
    };
    assert!(
        matches!(err.kind(), ErrorKind::Limit { part, what: "max_total_bytes", limit: 1_000 } if part == "word/other.xml"),
        "{err:?}"
    );
}

#[test]
fn corrupt_deflate_is_zip_error_naming_part() {
    let data: Vec<u8> = (0..20_000u32)
        .flat_map(|i| (i * 7919 % 251).to_le_bytes())
        .collect();
    let mut z = zip_of(&[("word/document.xml", &data)]);
    // Local header: 30 fixed bytes + name (17) + extra field (length at offset 28).
    let extra = u16::from_le_bytes([z[28], z[29]]) as usize;
    let start = 30 + "word/document.xml".len() + extra;
    for b in &mut z[start + 10..start + 60] {
        *b ^= 0x5A;
    }
    let mut pkg = Package::open(&z, &Limits::default()).unwrap();
    let err = pkg.read_part("word/document.xml").unwrap_err();
    match err.kind() {
        ErrorKind::Zip(msg) => assert!(msg.starts_with("word/document.xml: "), "{msg}"),
        k => panic!("unexpected {k:?}"),
    }
}

#[test]
fn target_resolution_never_escapes_root() {
    assert_eq!(resolve_target("word/document.xml", "../../x.xml"), "x.xml");
    assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
    assert_eq!(resolve_target("a/b/c.xml", "./d/../e.xml"), "a/b/e.xml");
    assert_eq!(resolve_target("a\\b.xml", "/c.xml"), "c.xml");
}

/// The shared DOCX corpus, or `None` after a visible SKIPPED line when it is absent.
pub(crate) fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/docx");
    if dir.is_dir() {
        Some(dir)
    } else {
        // Straight to stderr: libtest captures eprintln! of passing tests, and a skip must be seen.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"SKIPPED: ../shared/corpus not found\n",
        );
        None
    }
}

#[test]
fn corpus_main_parts() {
    let Some(dir) = corpus() else { return };
    let cases = [
        (
            "pandoc/alternate_document_path.docx",
            Some("word/document2.xml"),
        ),
        (
            "docx2python/renamed_document_xml.docx",
            Some("word/blah_blah.xml"),
        ),
        ("docx2python/strict.docx", Some("word/document.xml")),
        ("unstructured/teams_chat.docx", Some("word/document.xml")),
        ("poi/stress012.docx", Some("word/document.xml")),
        ("poi/stress025.docx", None),
    ];
    for (file, want) in cases {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        match (Package::open(&bytes, &Limits::default()), want) {
            (Ok(mut pkg), Some(want)) => {
                assert_eq!(pkg.main_part(), want, "{file}");
                let main = pkg.main_part().to_string();
                let xml = pkg.read_part(&main).unwrap().unwrap();
                assert!(xml.starts_with(b"<"), "{file}: BOM or junk before XML");
            }
            (Err(e), None) => assert!(matches!(e.kind(), ErrorKind::NoMainPart), "{file}: {e}"),
            (Ok(pkg), None) => panic!("{file}: unexpected main part {}", pkg.main_part()),
            (Err(e), Some(_)) => panic!("{file}: {e}"),
        }
    }
}

#[test]
fn corpus_rels_of_main_part() {
    let Some(dir) = corpus() else { return };
    let bytes = std::fs::read(dir.join("docx2python/strict.docx")).unwrap();
    let mut pkg = Package::open(&bytes, &Limits::default()).unwrap();
    let rels = pkg.rels_of("word/document.xml").unwrap();
    assert_eq!(
        rels.first_of_kind("styles").unwrap().target,
        "word/styles.xml"
    );
    assert_eq!(
        rels.first_of_kind("numbering").unwrap().target,
        "word/numbering.xml"
    );
    let bytes = std::fs::read(dir.join("pandoc/alternate_document_path.docx")).unwrap();
    let mut pkg = Package::open(&bytes, &Limits::default()).unwrap();
    let rels = pkg.rels_of("word/document2.xml").unwrap();
    assert_eq!(
        rels.first_of_kind("styles").unwrap().target,
        "word/styles.xml"
    );
}

#[test]
fn duplicate_entry_names_are_refused() {
    let ct = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;
    let rels = root_rels(OFFICE_DOC, "word/document.xml");
    let doc = br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>"#;
    // Same name twice: the zip writer refuses that, so the second name is patched in afterwards
    // (same length, in both the local and the central header).
    let mut z = zip_of(&[
        ("[Content_Types].xml", ct),
        ("_rels/.rels", &rels),
        ("word/document.xml", doc),
        ("word/documenX.xml", doc),
    ]);
    let at: Vec<usize> = z
        .windows(17)
        .enumerate()
        .filter(|(_, w)| *w == b"word/documenX.xml")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(at.len(), 2, "local and central header");
    for i in at {
        z[i + 12] = b't';
    }
    let err = Package::open(&z, &Limits::default()).err().unwrap();
    assert!(
        matches!(err.kind(), ErrorKind::Zip(m) if m.contains("same name")),
        "{err}"
    );
    // Names equal but for case are one part name in OPC: refused as well, naming the entry.
    let z = zip_of(&[
        ("[Content_Types].xml", ct),
        ("_rels/.rels", &rels),
        ("word/document.xml", doc),
        ("Word/Document.xml", doc),
    ]);
    let err = Package::open(&z, &Limits::default()).err().unwrap();
    assert_eq!(
        err.to_string(),
        "invalid zip package: Word/Document.xml: a second entry with this name (case-insensitive)"
    );
}

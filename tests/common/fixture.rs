//! The .docx fixture builder: a minimal valid package around a `w:body` snippet.

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// Transitional WordprocessingML namespace.
pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Transitional relationships namespace (`r:id`).
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// Strict WordprocessingML namespace.
pub const W_NS_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
/// Strict relationships namespace.
pub const R_NS_STRICT: &str = "http://purl.oclc.org/ooxml/officeDocument/relationships";

const PKG_RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const CORE_REL: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
const CT_MAIN: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

/// Namespaces a Word 2010+ document declares on its root besides `w` and `r`.
const OTHER_NS: &str = concat!(
    r#" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#,
    r#" xmlns:o="urn:schemas-microsoft-com:office:office""#,
    r#" xmlns:v="urn:schemas-microsoft-com:vml""#,
    r#" xmlns:w10="urn:schemas-microsoft-com:office:word""#,
    r#" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing""#,
    r#" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#,
    r#" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#,
    r#" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml""#,
    r#" mc:Ignorable="w14""#,
);

/// A .docx package under construction. Parts given as snippets are wrapped in their root
/// element with the fixture's namespaces; `part` adds any file verbatim.
#[derive(Debug, Clone)]
pub struct Fixture {
    body: String,
    main_path: String,
    strict: bool,
    raw_document: Option<Vec<u8>>,
    styles: Option<String>,
    numbering: Option<String>,
    footnotes: Option<String>,
    endnotes: Option<String>,
    comments: Option<String>,
    core: Option<String>,
    extra_rels: Vec<(String, String, String, bool)>,
    parts: Vec<(String, Vec<u8>)>,
}

impl Fixture {
    /// A package whose main part's `w:body` holds `body` (a `w:sectPr` is appended, as Word does).
    pub fn new(body: &str) -> Fixture {
        Fixture {
            body: body.to_string(),
            main_path: "word/document.xml".into(),
            strict: false,
            raw_document: None,
            styles: None,
            numbering: None,
            footnotes: None,
            endnotes: None,
            comments: None,
            core: None,
            extra_rels: Vec::new(),
            parts: Vec::new(),
        }
    }

    /// Uses Strict OOXML namespaces and relationship types throughout.
    pub fn strict(mut self) -> Fixture {
        self.strict = true;
        self
    }

    /// Puts the main part at `path` (found only through `_rels/.rels`).
    pub fn main_path(mut self, path: &str) -> Fixture {
        self.main_path = path.to_string();
        self
    }

    /// Replaces the generated main part with these exact bytes.
    pub fn raw_document(mut self, bytes: &[u8]) -> Fixture {
        self.raw_document = Some(bytes.to_vec());
        self
    }

    /// Adds a styles part; `inner` is the content of `w:styles`.
    pub fn styles(mut self, inner: &str) -> Fixture {
        self.styles = Some(inner.to_string());
        self
    }

    /// Adds a numbering part; `inner` is the content of `w:numbering`.
    pub fn numbering(mut self, inner: &str) -> Fixture {
        self.numbering = Some(inner.to_string());
        self
    }

    /// Adds a footnotes part; `inner` is the content of `w:footnotes`.
    pub fn footnotes(mut self, inner: &str) -> Fixture {
        self.footnotes = Some(inner.to_string());
        self
    }

    /// Adds an endnotes part; `inner` is the content of `w:endnotes`.
    pub fn endnotes(mut self, inner: &str) -> Fixture {
        self.endnotes = Some(inner.to_string());
        self
    }

    /// Adds a comments part; `inner` is the content of `w:comments`.
    pub fn comments(mut self, inner: &str) -> Fixture {
        self.comments = Some(inner.to_string());
        self
    }

    /// Adds `docProps/core.xml`; `inner` is the content of `cp:coreProperties`.
    pub fn core(mut self, inner: &str) -> Fixture {
        self.core = Some(inner.to_string());
        self
    }

    /// Adds a relationship of the main part (`kind` is the last segment of the type URI).
    pub fn rel(mut self, id: &str, kind: &str, target: &str, external: bool) -> Fixture {
        self.extra_rels
            .push((id.into(), kind.into(), target.into(), external));
        self
    }

    /// Adds a file to the zip verbatim.
    pub fn part(mut self, name: &str, bytes: &[u8]) -> Fixture {
        self.parts.push((name.to_string(), bytes.to_vec()));
        self
    }

    fn w_ns(&self) -> &'static str {
        if self.strict {
            W_NS_STRICT
        } else {
            W_NS
        }
    }

    fn rel_type(&self, kind: &str) -> String {
        if self.strict {
            format!("http://purl.oclc.org/ooxml/officeDocument/relationships/{kind}")
        } else {
            format!("http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}")
        }
    }

    fn root(&self, name: &str, inner: &str) -> String {
        let r = if self.strict { R_NS_STRICT } else { R_NS };
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:{name} xmlns:w="{}" xmlns:r="{r}"{OTHER_NS}>{inner}</w:{name}>"#,
            self.w_ns()
        )
    }

    /// The main part as generated from the body snippet.
    pub fn document_xml(&self) -> String {
        let body = format!(
            r#"<w:body>{}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body>"#,
            self.body
        );
        self.root("document", &body)
    }

    /// Zips the package.
    pub fn build(&self) -> Vec<u8> {
        let (dir, file) = match self.main_path.rsplit_once('/') {
            Some((d, f)) => (format!("{d}/"), f.to_string()),
            None => (String::new(), self.main_path.clone()),
        };
        // Parts related to the main part live beside it, targets relative to its folder.
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        let mut overrides = vec![(format!("/{}", self.main_path), CT_MAIN.to_string())];
        let mut rels = Vec::new();
        let optional = [
            ("styles", "styles", &self.styles),
            ("numbering", "numbering", &self.numbering),
            ("footnotes", "footnotes", &self.footnotes),
            ("endnotes", "endnotes", &self.endnotes),
            ("comments", "comments", &self.comments),
        ];
        for (i, (root, kind, inner)) in optional.iter().enumerate() {
            if let Some(inner) = inner {
                let name = format!("{dir}{kind}.xml");
                overrides.push((
                    format!("/{name}"),
                    format!(
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"
                    ),
                ));
                rels.push(format!(
                    r#"<Relationship Id="rIdF{i}" Type="{}" Target="{kind}.xml"/>"#,
                    self.rel_type(kind)
                ));
                files.push((name, self.root(root, inner).into_bytes()));
            }
        }
        for (id, kind, target, external) in &self.extra_rels {
            let mode = if *external {
                r#" TargetMode="External""#
            } else {
                ""
            };
            rels.push(format!(
                r#"<Relationship Id="{id}" Type="{}" Target="{target}"{mode}/>"#,
                self.rel_type(kind)
            ));
        }
        let mut pkg_rels = vec![format!(
            r#"<Relationship Id="rId1" Type="{}" Target="{}"/>"#,
            self.rel_type("officeDocument"),
            self.main_path
        )];
        if let Some(core) = &self.core {
            overrides.push((
                "/docProps/core.xml".into(),
                "application/vnd.openxmlformats-package.core-properties+xml".into(),
            ));
            pkg_rels.push(format!(
                r#"<Relationship Id="rId2" Type="{CORE_REL}" Target="docProps/core.xml"/>"#
            ));
            files.push(("docProps/core.xml".into(), core_xml(core).into_bytes()));
        }
        let content_types = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{}</Types>"#,
            overrides
                .iter()
                .map(|(p, t)| format!(r#"<Override PartName="{p}" ContentType="{t}"/>"#))
                .collect::<String>()
        );
        let document = self
            .raw_document
            .clone()
            .unwrap_or_else(|| self.document_xml().into_bytes());
        let mut all = vec![
            (
                "[Content_Types].xml".to_string(),
                content_types.into_bytes(),
            ),
            (
                "_rels/.rels".to_string(),
                rels_xml(&pkg_rels.concat()).into_bytes(),
            ),
            (
                format!("{dir}_rels/{file}.rels"),
                rels_xml(&rels.concat()).into_bytes(),
            ),
            (self.main_path.clone(), document),
        ];
        all.extend(files);
        all.extend(self.parts.iter().cloned());
        zip_files(&all)
    }
}

fn rels_xml(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG_RELS_NS}">{inner}</Relationships>"#
    )
}

fn core_xml(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{inner}</cp:coreProperties>"#
    )
}

/// Zips `(name, bytes)` pairs, deflated, in the given order.
pub fn zip_files(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A package whose body is `body`, with no other parts.
pub fn docx(body: &str) -> Vec<u8> {
    Fixture::new(body).build()
}

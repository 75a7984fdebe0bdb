//! Tests of the shared XML plumbing.

use super::*;

fn events(xml: &str) -> Result<Vec<String>, Error> {
    let mut xr = XmlReader::new(xml.as_bytes(), "word/document.xml", &Limits::default());
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match xr.next(&mut buf)? {
            Event::Start(e) | Event::Empty(e) => {
                let (ns, local) = xr.name(&e);
                out.push(format!("{ns:?}:{local}@{}", xr.depth()));
            }
            Event::End(e) => {
                let (ns, local) = xr.end_name(&e);
                out.push(format!("/{ns:?}:{local}@{}", xr.depth()));
            }
            Event::Text(t) => out.push(format!("'{}'", t.xml10_content())),
            Event::GeneralRef(r) => out.push(format!("&{}", xr.resolve_ref(&r)?)),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

#[test]
fn namespaces_resolve_with_nested_redeclaration() {
    let xml = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:x="urn:other"><x:p/><w:body xmlns:w="urn:other" xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:p/><w:p/></w:body><x:p/><w:p/></w:document>"#;
    assert_eq!(
        events(xml).unwrap(),
        [
            "W:document@1",
            "Other:p@2",
            "Other:body@2",
            "W:p@3",
            "Other:p@3",
            "/Other:body@2",
            "Other:p@2",
            "W:p@2",
            "/W:document@1",
        ]
    );
}

#[test]
fn default_namespace_and_undeclaration() {
    let xml = r#"<Relationships xmlns="http://schemas.openxmlformats.org/markup-compatibility/2006"><a xmlns=""/><b/></Relationships>"#;
    assert_eq!(
        events(xml).unwrap(),
        [
            "Mc:Relationships@1",
            "None:a@2",
            "Mc:b@2",
            "/Mc:Relationships@1"
        ]
    );
}

#[test]
fn attributes_by_namespace() {
    let xml = r#"<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships" val="plain" w:val="a &amp; b&#x21;" r:id="rId7" xml:space="preserve"/>"#;
    let mut xr = XmlReader::new(xml.as_bytes(), "p", &Limits::default());
    let mut buf = Vec::new();
    let Event::Empty(e) = xr.next(&mut buf).unwrap() else {
        panic!("expected an empty element");
    };
    assert_eq!(
        xr.attr(&e, Ns::W, "val").unwrap().as_deref(),
        Some("a & b!")
    );
    assert_eq!(
        xr.attr(&e, Ns::None, "val").unwrap().as_deref(),
        Some("plain")
    );
    assert_eq!(xr.attr(&e, Ns::R, "id").unwrap().as_deref(), Some("rId7"));
    assert_eq!(
        xr.attr(&e, Ns::Xml, "space").unwrap().as_deref(),
        Some("preserve")
    );
    assert_eq!(xr.attr(&e, Ns::W, "id").unwrap(), None);
}

#[test]
fn text_is_not_trimmed_and_refs_resolve() {
    let xml = "<t> a &lt;&#20013;&#x6587;&gt; &quot;&apos;&amp; </t>";
    assert_eq!(
        events(xml).unwrap(),
        [
            "None:t@1",
            "' a '",
            "&<",
            "&中",
            "&文",
            "&>",
            "' '",
            "&\"",
            "&'",
            "&&",
            "' '",
            "/None:t@1"
        ]
    );
}

#[test]
fn unknown_entity_is_an_error() {
    let err = events("<t>&nbsp;</t>").unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Xml { part, .. } if part == "word/document.xml"));
    assert!(err.to_string().contains("nbsp"), "{err}");
}

#[test]
fn doctype_is_refused() {
    let xml = r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>"#;
    let err = events(xml).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Dtd { part } if part == "word/document.xml"));
}

#[test]
fn mismatched_end_is_malformed_with_position() {
    let err = events("<a><b></a>").unwrap_err();
    match err.kind() {
        ErrorKind::Xml { position, .. } => assert!(*position >= 6, "{position}"),
        k => panic!("unexpected {k:?}"),
    }
}

#[test]
fn depth_limit() {
    let limits = Limits {
        max_depth: 3,
        ..Limits::default()
    };
    let run = |xml: &str| -> Result<(), Error> {
        let mut xr = XmlReader::new(xml.as_bytes(), "x", &limits);
        let mut buf = Vec::new();
        while !matches!(xr.next(&mut buf)?, Event::Eof) {
            buf.clear();
        }
        Ok(())
    };
    assert!(run("<a><b><c/></b><b><c></c></b></a>").is_ok());
    let err = run("<a><b><c><d/></c></b></a>").unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::Limit {
            what: "max_depth",
            limit: 3,
            ..
        }
    ));
}

#[test]
fn skip_current_skips_subtree_only() {
    let xml = "<a><mc><x><y/></x><x/></mc><b/><e/></a>";
    let mut xr = XmlReader::new(xml.as_bytes(), "x", &Limits::default());
    let mut buf = Vec::new();
    let mut seen = Vec::new();
    loop {
        let skip = match xr.next(&mut buf).unwrap() {
            Event::Start(e) | Event::Empty(e) => {
                seen.push(xr.name(&e).1.to_string());
                matches!(xr.name(&e).1, "mc" | "e")
            }
            Event::Eof => break,
            _ => false,
        };
        if skip {
            xr.skip_current(&mut buf).unwrap();
        }
        buf.clear();
    }
    assert_eq!(seen, ["a", "mc", "b", "e"]);
}

#[test]
fn long_parser_messages_are_cut_to_one_short_line() {
    let long = format!("close tag `</w:document {}>`\nnext", "x".repeat(500));
    let e = xml_error("word/document.xml", 56, long);
    let text = e.to_string();
    assert!(!text.contains('\n'), "{text}");
    assert!(text.ends_with('…'), "{text}");
    assert!(text.chars().count() < 260, "{text}");
}

/// Reads `xml` through a `BufReader` of `capacity` bytes, skipping every `s` element with
/// `skip_unnested`, and returns the names of the elements seen.
fn seen_with_unnested_skip(xml: &str, capacity: usize) -> Result<Vec<String>, Error> {
    let inner = std::io::BufReader::with_capacity(capacity, xml.as_bytes());
    let mut xr = XmlReader::new(inner, "x", &Limits::default());
    let mut buf = Vec::new();
    let mut seen = Vec::new();
    loop {
        let skip = match xr.next(&mut buf)? {
            Event::Start(e) => {
                seen.push(xr.name(&e).1.to_string());
                (xr.name(&e).1 == "s").then(|| e.name().0.to_string())
            }
            Event::Empty(e) => {
                seen.push(xr.name(&e).1.to_string());
                None
            }
            Event::Eof => break,
            _ => None,
        };
        if let Some(qname) = skip {
            xr.skip_unnested(&qname, &mut buf)?;
        }
        buf.clear();
    }
    Ok(seen)
}

#[test]
fn skip_unnested_jumps_to_the_end_tag_whatever_the_buffer_size() {
    let xml = r#"<w:r xmlns:w="u"><w:s w:t="table"><w:x><w:y/></w:x>text &amp; more</w:s><w:b/><w:s><w:z/></w:s ><w:e/></w:r>"#;
    // 4 bytes: the end tag is never wholly buffered, so the tokenising fallback runs.
    for capacity in [4, 16, 64, 8192] {
        let seen = seen_with_unnested_skip(xml, capacity).unwrap();
        assert_eq!(seen, ["r", "s", "b", "s", "e"], "capacity {capacity}");
    }
}

#[test]
fn skip_unnested_searches_again_after_the_buffer_refills() {
    // A skipped element many buffers long, with nested children: the skip tokenises to the
    // end of a buffer, then jumps once the next is read and no child is open.
    let children = "<w:c><w:d w:v=\"1\"/>text</w:c><w:e/>".repeat(60);
    let xml =
        format!(r#"<w:r xmlns:w="u"><w:s>{children}</w:s><w:b/><w:s>{children}</w:s><w:e/></w:r>"#);
    for capacity in [32, 100, 256, 1000, 65536] {
        let seen = seen_with_unnested_skip(&xml, capacity).unwrap();
        assert_eq!(seen, ["r", "s", "b", "s", "e"], "capacity {capacity}");
    }
    // The mismatched end tag after a long skip is still found at its exact byte.
    let bad = format!(r#"<w:r xmlns:w="u"><w:s>{children}</w:s><w:p></w:q></w:r>"#);
    let want = bad.find("</w:q>").unwrap() as u64;
    for capacity in [32, 100, 1000] {
        match seen_with_unnested_skip(&bad, capacity).unwrap_err().kind() {
            ErrorKind::Xml { position, .. } => assert_eq!(*position, want, "capacity {capacity}"),
            other => panic!("expected malformed XML, got {other:?}"),
        }
    }
}

#[test]
fn skip_unnested_keeps_error_positions_exact() {
    // The skipped style is 40 bytes of content; the error is the mismatched `</w:q>` after it.
    let xml =
        r#"<w:r xmlns:w="u"><w:s>0123456789012345678901234567890123456789</w:s><w:p></w:q></w:r>"#;
    let err = seen_with_unnested_skip(xml, 8192).unwrap_err();
    let want = xml.find("</w:q>").unwrap() as u64;
    match err.kind() {
        ErrorKind::Xml { position, .. } => assert_eq!(*position, want, "{err}"),
        other => panic!("expected malformed XML, got {other:?}"),
    }
}

#[test]
fn skip_unnested_on_nested_or_unclosed_input_is_an_error_not_a_hang() {
    // Nesting the name is malformed for the elements this is used on: the outer end tag then
    // mismatches. A missing end tag runs into the parent's end tag.
    for xml in [
        r#"<w:r xmlns:w="u"><w:s><w:s></w:s></w:s></w:r>"#,
        r#"<w:r xmlns:w="u"><w:s><w:x/></w:r>"#,
        r#"<w:r xmlns:w="u"><w:s>"#,
    ] {
        assert!(seen_with_unnested_skip(xml, 8192).is_err(), "{xml}");
    }
}

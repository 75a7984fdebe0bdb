//! Which encoding a page is in, as a browser decides: byte-order mark, then a `<meta>` charset
//! found by a prescan of the first bytes (the HTML spec's prescan), then the content itself:
//! valid UTF-8 is UTF-8, anything else GB18030 (the superset of GBK and GB2312 that the archives
//! this reader serves are written in when they say nothing).

use crate::model::Warning;
use encoding_rs::{Encoding, GB18030, UTF_8};

/// How far the `<meta>` prescan looks, as the spec's prescan.
const PRESCAN_BYTES: usize = 1024;

/// Decodes the page; `declared` is a charset given outside the bytes (an MHTML part's header).
/// Malformed sequences become U+FFFD with a warning.
pub(super) fn decode(bytes: &[u8], declared: Option<&str>, warnings: &mut Vec<Warning>) -> String {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom)) => (enc, bytes.get(bom..).unwrap_or_default()),
        None => (pick(bytes, declared), bytes),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        warnings.push(Warning::new(
            "html.malformed_bytes",
            format!(
                "bytes that are not valid {} were read as U+FFFD",
                encoding.name()
            ),
        ));
    }
    text.into_owned()
}

fn pick(bytes: &[u8], declared: Option<&str>) -> &'static Encoding {
    let labelled = declared
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| {
            prescan(
                bytes
                    .get(..PRESCAN_BYTES.min(bytes.len()))
                    .unwrap_or_default(),
            )
        });
    match labelled {
        // A page that reached us as bytes cannot be UTF-16 without a BOM (the spec reads the
        // label as UTF-8).
        Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => UTF_8,
        Some(enc) => enc,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => GB18030,
    }
}

/// The charset of the first `<meta charset=…>` or `<meta http-equiv=Content-Type
/// content="…; charset=…">` in `head` that names a known encoding.
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut rest = lower.as_slice();
    while let Some(at) = find(rest, b"<meta") {
        rest = rest.get(at + 5..).unwrap_or_default();
        let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        let tag = rest.get(..end).unwrap_or_default();
        if let Some(enc) = charset_in(tag) {
            return Some(enc);
        }
    }
    None
}

/// The value after `charset` `=` in a meta tag's attributes (either form), quoted or not.
fn charset_in(tag: &[u8]) -> Option<&'static Encoding> {
    let at = find(tag, b"charset")?;
    let after = tag.get(at + 7..)?;
    let after = trim_start(after);
    let after = trim_start(after.strip_prefix(b"=")?);
    let after = after
        .strip_prefix(b"\"")
        .or_else(|| after.strip_prefix(b"'"))
        .unwrap_or(after);
    let len = after
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/') || b.is_ascii_whitespace())
        .unwrap_or(after.len());
    Encoding::for_label(after.get(..len)?)
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    b.get(n..).unwrap_or_default()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> (String, usize) {
        let mut w = Vec::new();
        let s = decode(bytes, None, &mut w);
        (s, w.len())
    }

    #[test]
    fn bom_meta_and_fallback() {
        let (gbk, _, _) = encoding_rs::GBK.encode("年度报告");
        let mut page =
            b"<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">".to_vec();
        page.extend_from_slice(&gbk);
        assert!(read(&page).0.ends_with("年度报告"));
        let mut bare = b"<p>".to_vec();
        bare.extend_from_slice(&gbk);
        assert_eq!(read(&bare), ("<p>年度报告".to_string(), 0));
        assert_eq!(
            read("<meta charset='utf-8'>é".as_bytes()).0,
            "<meta charset='utf-8'>é"
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<p>表".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(read(&utf16).0, "<p>表");
        let (bad, warned) = read(b"<meta charset=utf-8><p>\xff");
        assert!(bad.ends_with('\u{FFFD}') && warned == 1);
    }
}

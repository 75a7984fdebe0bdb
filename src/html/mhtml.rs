//! MHTML (RFC 2557) archives: the MIME multipart is parsed by `mailparse`, which also undoes
//! quoted-printable and base64; the first `text/html` part is the page.

use crate::error::{Error, ErrorKind};
use mailparse::ParsedMail;

/// The bytes of the first `text/html` part and the charset its header names.
pub(super) fn html_part(bytes: &[u8]) -> Result<(Vec<u8>, Option<String>), Error> {
    let mail = mailparse::parse_mail(bytes).map_err(|e| {
        unsupported(format!(
            "MHTML web archive: unreadable MIME structure ({e})"
        ))
    })?;
    let part = first_html(&mail)
        .ok_or_else(|| unsupported("MHTML web archive: no text/html part".to_string()))?;
    let body = part
        .get_body_raw()
        .map_err(|e| unsupported(format!("MHTML web archive: undecodable HTML part ({e})")))?;
    Ok((body, part.ctype.params.get("charset").cloned()))
}

fn unsupported(message: String) -> Error {
    Error::new(ErrorKind::Unsupported(message))
}

/// Depth-first, in order: the page comes before its resources.
fn first_html<'m, 'a>(mail: &'m ParsedMail<'a>) -> Option<&'m ParsedMail<'a>> {
    let mut stack = vec![mail];
    while let Some(m) = stack.pop() {
        if m.ctype.mimetype.eq_ignore_ascii_case("text/html") {
            return Some(m);
        }
        stack.extend(m.subparts.iter().rev());
    }
    None
}

//! Arbitrary bytes as an HTML page (first byte even) or as the HTML part of an MHTML archive
//! (odd): exercises charset detection, html5ever's recovery, the walk, the browser table model
//! and MIME decoding. A prefix makes sniffing route every input to the HTML reader.
#![no_main]

#[path = "common.rs"]
mod common;

const MHTML_HEAD: &[u8] = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html; charset=\"gb2312\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let input = if first % 2 == 0 {
        [b"<html>".as_slice(), rest].concat()
    } else {
        [MHTML_HEAD, rest, b"\r\n--b--\r\n"].concat()
    };
    common::check(&input);
});

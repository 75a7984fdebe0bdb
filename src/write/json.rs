//! JSON writer for the contract of `docs/output.md`.

use crate::model::Document;
use std::io::{self, Write};

/// Writes `doc` as JSON, pretty-printed with two-space indents when `pretty`, followed by a newline.
pub fn write<W: Write>(doc: &Document, mut out: W, pretty: bool) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut out, doc)?;
    } else {
        serde_json::to_writer(&mut out, doc)?;
    }
    out.write_all(b"\n")?;
    out.flush()
}

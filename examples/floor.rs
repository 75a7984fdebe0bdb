//! The speed floor for benchmarks: open the zip, stream-inflate word/document.xml and tokenise it
//! with quick-xml, counting events and doing nothing else. No real reader of the format can be
//! faster than this, so `scripts/bench.sh` reports docgrid's distance from it.
//!
//! Usage: `cargo run --release --example floor -- FILE.docx...`

use quick_xml::events::Event;
use quick_xml::Reader;
use std::error::Error;
use std::io::BufReader;

fn count_events(path: &str) -> Result<u64, Box<dyn Error>> {
    let bytes = std::fs::read(path)?;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
    let part = archive.by_name("word/document.xml")?;
    // The same streaming shape docgrid uses: XML straight out of the inflater, no full copy.
    let mut reader = Reader::from_reader(BufReader::with_capacity(64 * 1024, part));
    let mut buf = Vec::with_capacity(4096);
    let mut events = 0u64;
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Eof => break,
            _ => events += 1,
        }
        buf.clear();
    }
    Ok(events)
}

fn main() -> Result<(), Box<dyn Error>> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        return Err("usage: floor FILE.docx...".into());
    }
    for path in &paths {
        println!("{path}\tevents={}", count_events(path)?);
    }
    Ok(())
}

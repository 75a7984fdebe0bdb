//! HTML reader: pages are decoded ([`encoding`]), parsed by html5ever through `scraper` (the
//! HTML spec's error recovery, so malformed markup reads as a browser shows it), the main
//! content is chosen ([`content`]) and walked into blocks ([`walk`], tables in [`table`]).
//! MHTML archives ([`mhtml`]) give their first `text/html` part to the same path.

mod content;
mod encoding;
mod meta;
mod mhtml;
mod mso_list;
mod prescan;
mod table;
mod walk;

use crate::error::{Error, ErrorKind};
use crate::model::{Block, Document};
use crate::Options;
use scraper::Html;

/// Reads an HTML page held in memory.
pub fn read(bytes: &[u8], options: &Options) -> Result<Document, Error> {
    check_size(bytes, options)?;
    let mut doc = Document::new("html");
    let text = encoding::decode(bytes, None, &mut doc.warnings);
    read_text(&text, options, doc)
}

/// Reads an MHTML web archive (Word's "single file web page", a browser's saved page).
pub fn read_mhtml(bytes: &[u8], options: &Options) -> Result<Document, Error> {
    check_size(bytes, options)?;
    let mut doc = Document::new("mhtml");
    let (html, charset) = mhtml::html_part(bytes)?;
    let text = encoding::decode(&html, charset.as_deref(), &mut doc.warnings);
    read_text(&text, options, doc)
}

fn check_size(bytes: &[u8], options: &Options) -> Result<(), Error> {
    let limit = options.limits.max_part_bytes;
    if bytes.len() as u64 > limit {
        return Err(Error::new(ErrorKind::Limit {
            part: "html".to_string(),
            what: "max_part_bytes",
            limit,
        }));
    }
    Ok(())
}

fn read_text(text: &str, options: &Options, mut doc: Document) -> Result<Document, Error> {
    prescan::check(text, &options.limits)?;
    let page = Html::parse_document(text);
    doc.metadata = meta::read(&page);
    let Some(body) = content::body(&page) else {
        return Ok(doc);
    };
    let chosen = content::choose(body, options.html_all);
    let mut walker = walk::Walker::new(options);
    doc.blocks = walker.read(chosen.root)?;
    doc.warnings.append(&mut walker.warnings);
    let left_out = walker.left_out.add(chosen.outside);
    if left_out.chars > 0 {
        doc.warnings.push(crate::model::Warning::new(
            "html.content_left_out",
            format!(
                "{} characters of text in {} element(s) left out (hidden, navigation, or outside \
                 the main content); --html-all keeps them",
                left_out.chars, left_out.elements
            ),
        ));
    }
    let mut n = 0;
    for b in &mut doc.blocks {
        if let Block::Table(t) = b {
            t.index = n;
            n += 1;
        }
    }
    Ok(doc)
}

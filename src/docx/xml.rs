//! Shared quick-xml plumbing for every DOCX part: a configured reader, error mapping, DTD
//! refusal, entity resolution, cheap namespace resolution and a depth bound.
//!
//! [`XmlReader`] bundles all of it. Its reader does **not** trim text, **does** check that end
//! names match, and does **not** expand empty elements: `<w:b/>` arrives as one
//! [`Event::Empty`] (no matching `End`), so handle `Start` and `Empty` alike where it matters.
//! Namespace scopes and depth are kept by `next` itself, including for `End` and `Empty`
//! events (their scope is popped lazily, on the following call, so that names of the event
//! just returned still resolve).
//!
//! ```ignore
//! let mut xr = XmlReader::new(pkg.open_part(part)?.unwrap(), part, limits);
//! let mut buf = Vec::new();
//! loop {
//!     match xr.next(&mut buf)? {
//!         Event::Start(e) | Event::Empty(e) => match xr.name(&e) {
//!             (Ns::W, "pStyle") => style = xr.attr(&e, Ns::W, "val")?.map(|v| v.into_owned()),
//!             (Ns::Mc, "Fallback") => xr.skip_current(&mut buf)?, // only after a Start
//!             _ => {}
//!         },
//!         Event::Text(t) => text.push_str(&t.xml10_content()),
//!         Event::GeneralRef(r) => text.push(xr.resolve_ref(&r)?),
//!         Event::End(e) if xr.end_name(&e) == (Ns::W, "p") => { /* paragraph done */ }
//!         Event::Eof => break,
//!         _ => {}
//!     }
//!     buf.clear();
//! }
//! ```
//!
//! The pieces are also usable alone: [`configure`], [`xml_error`], [`quick_error`], [`dtd_error`],
//! [`resolve_ref`], [`Namespaces`], [`Depth`].

use super::package::StreamError;
use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use quick_xml::events::{BytesEnd, BytesRef, BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;
use std::io::BufRead;

/// The namespaces docgrid tells apart; all others are [`Ns::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML main (`w:`), Transitional or Strict.
    W,
    /// Office document relationships (`r:`), Transitional or Strict.
    R,
    /// Markup compatibility (`mc:`).
    Mc,
    /// VML (`v:`).
    V,
    /// Word 2010 shapes (`wps:`).
    Wps,
    /// Word 2010 WordprocessingML additions (`w14:`: checkbox content controls).
    W14,
    /// DrawingML WordprocessingML drawing (`wp:`), Transitional or Strict.
    Wp,
    /// DrawingML main (`a:`), Transitional or Strict.
    A,
    /// The `xml:` prefix (`xml:space`).
    Xml,
    /// A namespace not listed above.
    Other,
    /// No namespace (unprefixed attribute, or unprefixed element without default namespace).
    None,
}

/// Maps a namespace URI to the namespaces we care about.
pub(crate) fn classify(uri: &str) -> Ns {
    match uri {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        | "http://purl.oclc.org/ooxml/officeDocument/relationships" => Ns::R,
        "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        "urn:schemas-microsoft-com:vml" => Ns::V,
        "http://schemas.microsoft.com/office/word/2010/wordprocessingShape" => Ns::Wps,
        "http://schemas.microsoft.com/office/word/2010/wordml" => Ns::W14,
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
        | "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing" => Ns::Wp,
        "http://schemas.openxmlformats.org/drawingml/2006/main"
        | "http://purl.oclc.org/ooxml/drawingml/main" => Ns::A,
        "http://www.w3.org/XML/1998/namespace" => Ns::Xml,
        _ => Ns::Other,
    }
}

/// Configures a quick-xml reader the way every part is read: no trimming (spaces in `w:t`
/// are content), end names checked, empty elements NOT expanded.
pub(crate) fn configure<R: BufRead>(inner: R) -> Reader<R> {
    let mut reader = Reader::from_reader(inner);
    let config = reader.config_mut();
    config.trim_text(false);
    config.check_end_names = true;
    config.expand_empty_elements = false;
    config.allow_dangling_amp = false;
    reader
}

/// A malformed-XML error naming the part and the byte offset.
pub(crate) fn xml_error(part: &str, position: u64, cause: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Xml {
        part: part.to_string(),
        position,
        message: one_line(&cause.to_string()),
    })
}

/// Longest parser message kept: quick-xml quotes whole tags, and a root tag with its
/// namespace declarations runs to hundreds of characters in what must stay one readable line.
const MAX_MESSAGE_CHARS: usize = 160;

/// The message on one line, cut to [`MAX_MESSAGE_CHARS`] characters with `…`.
fn one_line(message: &str) -> String {
    let flat: String = message
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match flat.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

/// Maps a quick-xml error: a bound or inflate failure from the part stream keeps its own
/// kind (`Limit`, `Zip`), anything else is malformed XML.
pub(crate) fn quick_error(part: &str, position: u64, e: quick_xml::Error) -> Error {
    if let quick_xml::Error::Io(io) = &e {
        if let Some(se) = io.get_ref().and_then(|r| r.downcast_ref::<StreamError>()) {
            return se.to_error();
        }
    }
    xml_error(part, position, e)
}

/// The error for a part that carries a `<!DOCTYPE …>`: we never expand entities.
pub(crate) fn dtd_error(part: &str) -> Error {
    Error::new(ErrorKind::Dtd {
        part: part.to_string(),
    })
}

/// Resolves `&name;` / `&#n;` / `&#xh;` to its character. Only the five predefined entities
/// exist without a DTD, and a DTD is refused, so any other name is malformed XML.
pub(crate) fn resolve_ref(part: &str, position: u64, r: &BytesRef) -> Result<char, Error> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => return Ok(c),
        Ok(None) => {}
        Err(e) => return Err(xml_error(part, position, e)),
    }
    match &**r {
        "amp" => Ok('&'),
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "quot" => Ok('"'),
        "apos" => Ok('\''),
        other => Err(xml_error(
            part,
            position,
            format_args!("undefined entity &{other}; (no DTD)"),
        )),
    }
}

/// Finds `xmlns` in an element's raw attributes.
static XMLNS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("xmlns"));

/// Prefix → namespace bindings in scope, as a stack so nested redeclarations work.
/// Cheaper than `NsReader`: attributes are only parsed when an element mentions `xmlns`.
#[derive(Debug, Default)]
pub(crate) struct Namespaces {
    /// (prefix, namespace); the empty prefix is the default namespace.
    bindings: Vec<(Box<str>, Ns)>,
    /// (depth of the declaring element, bindings length before it).
    scopes: Vec<(usize, usize)>,
}

impl Namespaces {
    /// Records the declarations of an element at `depth` (call for `Start` and `Empty`).
    pub fn push(&mut self, e: &BytesStart, depth: usize) -> Result<(), quick_xml::Error> {
        // A plain `str::contains` builds a two-way searcher per call; this runs on every element.
        if XMLNS.find(e.attributes_raw().as_bytes()).is_none() {
            return Ok(());
        }
        let before = self.bindings.len();
        for a in e.attributes() {
            let a = a?;
            let key = a.key.0;
            let prefix = if key == "xmlns" {
                ""
            } else if let Some(p) = key.strip_prefix("xmlns:") {
                p
            } else {
                continue;
            };
            let uri = a.normalized_value(quick_xml::XmlVersion::Implicit1_0)?;
            // `xmlns=""` undeclares the default namespace.
            let ns = if uri.is_empty() {
                Ns::None
            } else {
                classify(&uri)
            };
            self.bindings.push((prefix.into(), ns));
        }
        if self.bindings.len() > before {
            self.scopes.push((depth, before));
        }
        Ok(())
    }

    /// Drops the declarations made by the element at `depth` (call when it ends).
    pub fn pop(&mut self, depth: usize) {
        if let Some(&(d, len)) = self.scopes.last() {
            if d == depth {
                self.bindings.truncate(len);
                self.scopes.pop();
            }
        }
    }

    fn lookup(&self, prefix: &str) -> Ns {
        if prefix == "xml" {
            return Ns::Xml;
        }
        self.bindings
            .iter()
            .rev()
            .find(|(p, _)| &**p == prefix)
            .map_or(
                if prefix.is_empty() {
                    Ns::None
                } else {
                    Ns::Other
                },
                |(_, ns)| *ns,
            )
    }

    /// Resolves an element's qualified name (unprefixed names take the default namespace).
    pub fn resolve_element<'n>(&self, qname: &'n str) -> (Ns, &'n str) {
        match qname.split_once(':') {
            Some((prefix, local)) => (self.lookup(prefix), local),
            None => (self.lookup(""), qname),
        }
    }

    /// Resolves an attribute's qualified name (unprefixed attributes have no namespace).
    pub fn resolve_attribute<'n>(&self, qname: &'n str) -> (Ns, &'n str) {
        match qname.split_once(':') {
            Some((prefix, local)) => (self.lookup(prefix), local),
            None => (Ns::None, qname),
        }
    }

    /// The value (entities resolved, whitespace normalised) of attribute (`ns`, `local`).
    pub fn attr<'e>(
        &self,
        e: &'e BytesStart,
        ns: Ns,
        local: &str,
    ) -> Result<Option<Cow<'e, str>>, quick_xml::Error> {
        for a in e.attributes().with_checks(false) {
            let a = a?;
            let key = a.key.0;
            let key_local = key.rsplit(':').next().unwrap_or(key);
            if key_local == local && self.resolve_attribute(key).0 == ns {
                return Ok(Some(
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)?,
                ));
            }
        }
        Ok(None)
    }
}

/// Element nesting depth, bounded by [`Limits::max_depth`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Depth {
    current: usize,
    max: usize,
}

impl Depth {
    /// A counter at depth 0 bounded by `max`.
    pub fn new(max: usize) -> Depth {
        Depth { current: 0, max }
    }
    /// Enters an element; `ErrorKind::Limit { what: "max_depth" }` when too deep.
    pub fn enter(&mut self, part: &str) -> Result<usize, Error> {
        if self.current >= self.max {
            return Err(Error::new(ErrorKind::Limit {
                part: part.to_string(),
                what: "max_depth",
                limit: self.max as u64,
            }));
        }
        self.current += 1;
        Ok(self.current)
    }
    /// Leaves an element.
    pub fn leave(&mut self) {
        self.current = self.current.saturating_sub(1);
    }
    /// The current depth (0 outside the root element).
    pub fn get(&self) -> usize {
        self.current
    }
}

/// What `next` must undo before reading the following event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    Nothing,
    /// The last event was `End` or `Empty`: pop its scope and depth.
    Leave,
}

/// A part's XML reader with error mapping, DTD refusal, namespaces and depth built in.
pub(crate) struct XmlReader<R: BufRead> {
    reader: Reader<R>,
    part: String,
    ns: Namespaces,
    depth: Depth,
    pending: Pending,
    /// Bytes consumed behind quick-xml's back by [`XmlReader::skip_unnested`], added to its
    /// offsets so that error positions stay exact.
    skipped: u64,
}

impl<R: BufRead> XmlReader<R> {
    /// Reads part `part` from `inner` under `limits`.
    pub fn new(inner: R, part: &str, limits: &Limits) -> XmlReader<R> {
        XmlReader {
            reader: configure(inner),
            part: part.to_string(),
            ns: Namespaces::default(),
            depth: Depth::new(limits.max_depth),
            pending: Pending::Nothing,
            skipped: 0,
        }
    }

    /// The next event; `DocType` becomes `ErrorKind::Dtd`, parse errors `ErrorKind::Xml`.
    pub fn next<'b>(&mut self, buf: &'b mut Vec<u8>) -> Result<Event<'b>, Error> {
        if self.pending == Pending::Leave {
            self.ns.pop(self.depth.get());
            self.depth.leave();
            self.pending = Pending::Nothing;
        }
        let event = match self.reader.read_event_into(buf) {
            Ok(ev) => ev,
            Err(e) => return Err(quick_error(&self.part, self.error_position(), e)),
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let depth = self.depth.enter(&self.part)?;
                if let Err(err) = self.ns.push(e, depth) {
                    return Err(xml_error(&self.part, self.position(), err));
                }
                if matches!(event, Event::Empty(_)) {
                    self.pending = Pending::Leave;
                }
            }
            Event::End(_) => self.pending = Pending::Leave,
            Event::DocType(_) => return Err(dtd_error(&self.part)),
            _ => {}
        }
        Ok(event)
    }

    /// Skips the rest of the element whose `Start` was just returned (its `End` included).
    ///
    /// Tokenises without namespace or name bookkeeping (the skipped subtree is never looked
    /// at), which makes skipping several times cheaper than reading: python-docx's default
    /// styles.xml is 350 KB of table styles that carry nothing docgrid uses.
    pub fn skip_current(&mut self, buf: &mut Vec<u8>) -> Result<(), Error> {
        if self.pending == Pending::Leave {
            // The last event was `Empty` or `End`: nothing is open to skip.
            return Ok(());
        }
        let base = self.depth.get();
        let mut inner = 0usize;
        while !self.skip_event(buf, base, &mut inner)? {}
        Ok(())
    }

    /// Skips the rest of the element just returned as `Start` (qualified name `qname`, copied
    /// by the caller since the event borrows `buf`), for an element that cannot
    /// contain another of its own name (`w:style`): jumps to the first `</qname` in the bytes
    /// already buffered, without tokenising what lies between, then lets quick-xml read that
    /// end tag (so its end-name check still applies).
    ///
    /// Where the end tag is not in the buffer, it tokenises as [`XmlReader::skip_current`] does,
    /// and searches again once the reader has refilled its buffer and no child is open (a raw
    /// jump over an open child would leave quick-xml expecting that child's end tag). Tokenising
    /// the rest of a 30 KB `w:latentStyles` at each buffer boundary was 6 % of a python-docx
    /// report's conversion.
    ///
    /// If malformed input does nest the name, the skip stops at the inner end tag and the outer
    /// one is reported as a mismatched end tag later, as for any malformed part.
    pub fn skip_unnested(&mut self, qname: &str, buf: &mut Vec<u8>) -> Result<(), Error> {
        if self.pending == Pending::Leave {
            return Ok(());
        }
        let mut pattern = Vec::with_capacity(qname.len() + 2);
        pattern.extend_from_slice(b"</");
        pattern.extend_from_slice(qname.as_bytes());
        let base = self.depth.get();
        let mut inner = 0usize;
        // How many bytes the buffer held when last searched: more means it has refilled.
        let mut searched: Option<usize> = None;
        loop {
            if inner == 0 {
                let reader = self.reader.get_mut();
                let found = match reader.fill_buf() {
                    Ok(chunk) => {
                        let refilled = searched.is_none_or(|n| chunk.len() > n);
                        searched = Some(chunk.len());
                        refilled
                            .then(|| memchr::memmem::find(chunk, &pattern))
                            .flatten()
                    }
                    // Let the tokenising below meet (and report) the same error.
                    Err(_) => None,
                };
                if let Some(at) = found {
                    reader.consume(at);
                    self.skipped += at as u64;
                    buf.clear();
                    return match self.next(buf)? {
                        Event::End(_) => Ok(()),
                        _ => Err(self.error("expected an end tag")),
                    };
                }
            }
            if self.skip_event(buf, base, &mut inner)? {
                return Ok(());
            }
        }
    }

    /// Reads one event of a skipped subtree `inner` levels below depth `base`; true at the
    /// subtree's own end tag (left on the next call, as after any `End`).
    fn skip_event(
        &mut self,
        buf: &mut Vec<u8>,
        base: usize,
        inner: &mut usize,
    ) -> Result<bool, Error> {
        buf.clear();
        let event = match self.reader.read_event_into(buf) {
            Ok(ev) => ev,
            Err(e) => return Err(quick_error(&self.part, self.error_position(), e)),
        };
        match event {
            Event::Start(_) => {
                *inner += 1;
                if base + *inner > self.depth.max {
                    return Err(Error::new(ErrorKind::Limit {
                        part: self.part.clone(),
                        what: "max_depth",
                        limit: self.depth.max as u64,
                    }));
                }
            }
            Event::End(_) if *inner == 0 => {
                self.pending = Pending::Leave;
                return Ok(true);
            }
            Event::End(_) => *inner -= 1,
            Event::DocType(_) => return Err(dtd_error(&self.part)),
            Event::Eof => {
                return Err(xml_error(
                    &self.part,
                    self.position(),
                    "unexpected end of part",
                ))
            }
            _ => {}
        }
        Ok(false)
    }

    /// (namespace, local name) of a `Start`/`Empty` element.
    pub fn name<'e>(&self, e: &'e BytesStart) -> (Ns, &'e str) {
        self.ns.resolve_element(e.name().0)
    }

    /// (namespace, local name) of an `End` element.
    pub fn end_name<'e>(&self, e: &'e BytesEnd) -> (Ns, &'e str) {
        self.ns.resolve_element(e.name().0)
    }

    /// The value of attribute (`ns`, `local`) of `e`, e.g. `attr(e, Ns::W, "val")`.
    pub fn attr<'e>(
        &self,
        e: &'e BytesStart,
        ns: Ns,
        local: &str,
    ) -> Result<Option<Cow<'e, str>>, Error> {
        self.ns
            .attr(e, ns, local)
            .map_err(|err| xml_error(&self.part, self.position(), err))
    }

    /// The character an `Event::GeneralRef` stands for.
    pub fn resolve_ref(&self, r: &BytesRef) -> Result<char, Error> {
        resolve_ref(&self.part, self.position(), r)
    }

    /// A malformed-XML error at the current position (for structural problems found by callers).
    pub fn error(&self, message: impl std::fmt::Display) -> Error {
        xml_error(&self.part, self.position(), message)
    }

    /// The part name.
    #[allow(dead_code)] // helper API for part readers
    pub fn part(&self) -> &str {
        &self.part
    }

    /// Current element depth (the element just started counts).
    pub fn depth(&self) -> usize {
        self.depth.get()
    }

    /// Byte offset in the inflated part.
    #[allow(dead_code)] // helper API for part readers
    pub fn position(&self) -> u64 {
        self.reader.buffer_position() + self.skipped
    }

    /// Where the last error happened, in the inflated part.
    fn error_position(&self) -> u64 {
        self.reader.error_position() + self.skipped
    }
}

#[cfg(test)]
#[path = "xml_tests.rs"]
mod tests;

//! `styles.xml`: style names, heading levels, style-linked numbering.
//!
//! A heading is found, walking the `basedOn` chain from the style itself, by the first of:
//! an outline level (`w:outlineLvl` 0–8 → heading 1–9; 9 means body text and ends the
//! search), or a heading-like name or id in one of the languages Word, WPS and LibreOffice
//! write (`heading 1`, `Heading1`, `标题 1`, `Überschrift 1`, `Titre 1`, `Заголовок 1`, …).

use super::package::{Package, Rels};
use super::xml::{Ns, XmlReader};
use crate::error::{Error, ErrorKind};
use crate::model::Warning;
use quick_xml::events::Event;
use std::cell::OnceCell;
use std::collections::HashMap;

/// Longest `basedOn` / link chain followed (real chains are under 10; cycles exist).
pub(crate) const MAX_CHAIN: usize = 32;

/// Heading-name stems, lower case, as they precede the level digit (space optional).
/// `berschrift` is German Word's style *id* for `Überschrift` (ids drop non-ASCII letters).
const HEADING_STEMS: &[&str] = &[
    "heading",
    "标题",
    "標題",
    "überschrift",
    "berschrift",
    "titre",
    "заголовок",
    "titolo",
    "título",
    "titulo",
    "kop",
    "nagłówek",
    "rubrik",
    "otsikko",
    "overskrift",
    "başlık",
    "見出し",
    "제목",
    "nadpis",
    "címsor",
];

/// One style definition.
#[derive(Debug, Default, Clone)]
struct Style {
    name: Option<String>,
    based_on: Option<String>,
    /// `w:outlineLvl` as written (0-based; 9 = body text).
    outline: Option<u8>,
    num_id: Option<String>,
    ilvl: Option<u8>,
}

/// The paragraph styles of a document.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    by_id: HashMap<String, Style>,
    default_paragraph: Option<String>,
    /// Style id → list level, from `w:lvl/w:pStyle` in numbering.xml (set by the numbering
    /// loader), used when a style's `w:numPr` names a list but no level.
    level_of_style: OnceCell<HashMap<String, u8>>,
}

/// Whether `w:val` of an on/off property means on (absent value means on).
pub(crate) fn on_off(v: Option<&str>) -> bool {
    !matches!(v, Some("0" | "false" | "off" | "none"))
}

/// Heading level 1–9 read from a style name or id such as `heading 2` or `Heading2`.
pub(crate) fn heading_from_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    let stem_len = HEADING_STEMS
        .iter()
        .find(|s| lower.starts_with(*s))
        .map(|s| s.len())?;
    let rest = lower.get(stem_len..)?.trim_start();
    match rest.as_bytes() {
        [d @ b'1'..=b'9'] => Some(d - b'0'),
        _ => None,
    }
}

impl Styles {
    /// Loads the styles part named by the main part's relationships; empty when absent.
    /// A malformed part is a warning (`docx.bad_styles`); a DTD or a limit is an error.
    pub fn load(
        pkg: &mut Package,
        rels: &Rels,
        warnings: &mut Vec<Warning>,
    ) -> Result<Styles, Error> {
        let part = match rels.first_of_kind("styles") {
            Some(rel) => rel.target.clone(),
            None => "word/styles.xml".to_string(),
        };
        match Styles::parse(pkg, &part) {
            Ok(styles) => Ok(styles),
            Err(e) if matches!(e.kind(), ErrorKind::Xml { .. } | ErrorKind::Zip(_)) => {
                warnings.push(Warning::new(
                    "docx.bad_styles",
                    format!("styles ignored: {e}"),
                ));
                Ok(Styles::default())
            }
            Err(e) => Err(e),
        }
    }

    fn parse(pkg: &mut Package, part: &str) -> Result<Styles, Error> {
        let limits = pkg.limits();
        let mut styles = Styles::default();
        let Some(stream) = pkg.open_part(part)? else {
            return Ok(styles);
        };
        let mut xr = XmlReader::new(stream, part, &limits);
        let mut buf = Vec::new();
        // (id, style) of the `w:style` being read, and whether we are inside its `w:pPr`.
        let mut current: Option<(String, Style)> = None;
        let mut in_ppr = false;
        loop {
            match xr.next(&mut buf)? {
                ev @ (Event::Start(_) | Event::Empty(_)) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let (Event::Start(e) | Event::Empty(e)) = ev else {
                        continue;
                    };
                    let (ns, local) = xr.name(&e);
                    if ns != Ns::W {
                        buf.clear();
                        continue;
                    }
                    let val = || xr.attr(&e, Ns::W, "val");
                    match (local, current.as_mut()) {
                        ("style", _) => {
                            let id = xr.attr(&e, Ns::W, "styleId")?.unwrap_or_default();
                            // No `w:type` means paragraph (ECMA-376 §17.7.4.17).
                            let kind = xr.attr(&e, Ns::W, "type")?;
                            let is_para = kind.as_deref().is_none_or(|k| k == "paragraph");
                            if matches!(kind.as_deref(), Some("character" | "table")) {
                                // Character and table styles never name a paragraph's heading
                                // level or list (numbering styles do, through numStyleLink),
                                // and table styles are most of the bytes of a typical
                                // styles.xml.
                                if empty {
                                    buf.clear();
                                    continue;
                                }
                                let qname = e.name().0.to_string();
                                xr.skip_unnested(&qname, &mut buf)?;
                                buf.clear();
                                continue;
                            }
                            let default = xr.attr(&e, Ns::W, "default")?;
                            if is_para
                                && default.is_some()
                                && on_off(default.as_deref())
                                && styles.default_paragraph.is_none()
                            {
                                styles.default_paragraph = Some(id.to_string());
                            }
                            if empty {
                                styles.by_id.entry(id.into_owned()).or_default();
                            } else {
                                current = Some((id.into_owned(), Style::default()));
                            }
                            in_ppr = false;
                        }
                        ("pPr", Some(_)) => in_ppr = true,
                        // Run, table and latent-style properties: nothing read there.
                        ("rPr" | "tblPr" | "trPr" | "tcPr" | "tblStylePr", _) => {
                            xr.skip_current(&mut buf)?;
                        }
                        ("latentStyles" | "docDefaults", None) if !empty => {
                            let qname = e.name().0.to_string();
                            xr.skip_unnested(&qname, &mut buf)?;
                        }
                        ("name", Some((_, s))) => s.name = val()?.map(|v| v.into_owned()),
                        ("basedOn", Some((_, s))) => s.based_on = val()?.map(|v| v.into_owned()),
                        ("outlineLvl", Some((_, s))) if in_ppr => {
                            s.outline = val()?.and_then(|v| v.trim().parse().ok());
                        }
                        ("numId", Some((_, s))) if in_ppr => {
                            s.num_id = val()?.map(|v| v.trim().to_string());
                        }
                        ("ilvl", Some((_, s))) if in_ppr => {
                            s.ilvl = val()?.and_then(|v| v.trim().parse().ok());
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match xr.end_name(&e) {
                    (Ns::W, "pPr") => in_ppr = false,
                    (Ns::W, "style") => {
                        if let Some((id, style)) = current.take() {
                            // Duplicated ids: the first definition wins, as in Word.
                            styles.by_id.entry(id).or_insert(style);
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(styles)
    }

    /// The `basedOn` chain from `style_id` (itself first), bounded and cycle-safe.
    fn chain<'s>(&'s self, style_id: &'s str) -> impl Iterator<Item = (&'s str, &'s Style)> + 's {
        let mut next = Some(style_id);
        let mut seen: Vec<&str> = Vec::new();
        std::iter::from_fn(move || {
            let id = next.take()?;
            if seen.len() >= MAX_CHAIN || seen.contains(&id) {
                return None;
            }
            seen.push(id);
            let style = self.by_id.get(id)?;
            next = style.based_on.as_deref();
            Some((id, style))
        })
    }

    /// Heading level 1–9 of a paragraph style (outline level or heading name, through `basedOn`).
    pub fn heading_level(&self, style_id: &str) -> Option<u8> {
        for (id, style) in self.chain(style_id) {
            if let Some(level) = style.outline {
                return (level < 9).then(|| level + 1);
            }
            let by_name = style.name.as_deref().and_then(heading_from_name);
            if let Some(level) = by_name.or_else(|| heading_from_name(id)) {
                return Some(level);
            }
        }
        None
    }

    /// The display name of a style id.
    pub fn name(&self, style_id: &str) -> Option<&str> {
        self.by_id.get(style_id)?.name.as_deref()
    }

    /// The numbering (`numId`, `ilvl`) a paragraph style carries, through `basedOn`.
    /// Without an explicit `ilvl`, the level whose `w:pStyle` names the style, else 0.
    pub fn numbering(&self, style_id: &str) -> Option<(String, u8)> {
        let (id, style) = self.chain(style_id).find(|(_, s)| s.num_id.is_some())?;
        let num_id = style.num_id.clone()?;
        let ilvl = style
            .ilvl
            .or_else(|| self.level_of_style.get()?.get(style_id).copied())
            .or_else(|| self.level_of_style.get()?.get(id).copied())
            .unwrap_or(0);
        Some((num_id, ilvl))
    }

    /// The default paragraph style id.
    pub fn default_paragraph(&self) -> Option<&str> {
        self.default_paragraph.as_deref()
    }

    /// Records the list levels that numbering.xml links to styles (`w:lvl/w:pStyle`).
    /// Only the first call counts.
    pub fn set_level_links(&self, links: HashMap<String, u8>) {
        let _ = self.level_of_style.set(links);
    }
}

#[cfg(test)]
#[path = "styles_tests.rs"]
mod tests;

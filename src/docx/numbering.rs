//! `numbering.xml`: list definitions and marker rendering (Chinese counting included).
//!
//! Counters: a `w:num` without overrides shares its counters with every other such
//! `w:num` of the same `w:abstractNum` (Word continues such lists); a `w:num` with a
//! `w:lvlOverride` counts on its own, starting at its `w:startOverride`.

#[path = "numbering_build.rs"]
mod build;
#[path = "numbering_format.rs"]
mod format;

use super::package::{Package, Rels};
use super::styles::{on_off, Styles, MAX_CHAIN};
use super::xml::{Ns, XmlReader};
use crate::error::{Error, ErrorKind};
use crate::model::{ListItem, Warning};
pub(crate) use build::LevelSpec;
pub(crate) use format::format_number;
use quick_xml::events::Event;
use std::collections::HashMap;

/// Levels of a list definition (`w:ilvl` 0–8).
pub(crate) const LEVELS: usize = 9;

/// One `w:lvl`.
#[derive(Debug, Clone, Default)]
struct Level {
    fmt: Option<String>,
    text: Option<String>,
    /// `w:start`; absent means 0 (ECMA-376 §17.9.25, and Word shows 0).
    start: u32,
    /// `w:lvlRestart` (1-based level after which this one restarts; 0 = never).
    restart: Option<u8>,
    is_lgl: bool,
    pstyle: Option<String>,
}

/// One `w:abstractNum`.
#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    num_style_link: Option<String>,
}

/// One `w:num`.
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    /// Per level: (`w:startOverride`, full `w:lvl` override).
    overrides: [(Option<u32>, Option<Level>); LEVELS],
    has_override: bool,
}

/// The list definitions of a document.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<String, Num>,
    /// numId → abstractNumId after `w:numStyleLink` indirection.
    resolved: HashMap<String, String>,
}

/// Running counters while the body is read, one per list instance and level.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    values: HashMap<String, [Option<u32>; LEVELS]>,
}

fn level_index(v: Option<&str>) -> Option<usize> {
    v.and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&i| i < LEVELS)
}

/// Private-use glyphs of Symbol/Wingdings bullets, as the Unicode bullets they show.
fn bullet_glyph(c: char) -> char {
    match c {
        '\u{F0B7}' | '\u{F06C}' => '•',
        '\u{F0A7}' | '\u{F06E}' => '▪',
        '\u{F0D8}' => '➢',
        '\u{F076}' => '❖',
        '\u{F0FC}' => '✓',
        '\u{F071}' => '❑',
        '\u{F0A8}' => '◆',
        '\u{F06F}' => '○',
        '\u{E000}'..='\u{F8FF}' => '•',
        other => other,
    }
}

impl Numbering {
    /// Loads the numbering part named by the main part's relationships; empty when absent.
    /// A malformed part is a warning (`docx.bad_numbering`); a DTD or a limit is an error.
    pub fn load(
        pkg: &mut Package,
        rels: &Rels,
        styles: &Styles,
        warnings: &mut Vec<Warning>,
    ) -> Result<Numbering, Error> {
        let part = match rels.first_of_kind("numbering") {
            Some(rel) => rel.target.clone(),
            None => "word/numbering.xml".to_string(),
        };
        let mut numbering = match Numbering::parse(pkg, &part) {
            Ok(n) => n,
            Err(e) if matches!(e.kind(), ErrorKind::Xml { .. } | ErrorKind::Zip(_)) => {
                warnings.push(Warning::new(
                    "docx.bad_numbering",
                    format!("list numbering ignored: {e}"),
                ));
                return Ok(Numbering::default());
            }
            Err(e) => return Err(e),
        };
        numbering.resolve_links(styles);
        let mut links = HashMap::new();
        for abs in numbering.abstracts.values() {
            for (i, level) in abs.levels.iter().enumerate() {
                if let Some(style) = level.as_ref().and_then(|l| l.pstyle.clone()) {
                    links.entry(style).or_insert(i as u8);
                }
            }
        }
        styles.set_level_links(links);
        Ok(numbering)
    }

    /// Follows `w:numStyleLink` → numbering style → its `w:numId` → that num's abstract.
    fn resolve_links(&mut self, styles: &Styles) {
        for (num_id, num) in &self.nums {
            let mut abs_id = num.abstract_id.clone();
            for _ in 0..MAX_CHAIN {
                let Some(link) = self
                    .abstracts
                    .get(&abs_id)
                    .and_then(|a| a.num_style_link.as_deref())
                else {
                    break;
                };
                let Some(next) = styles
                    .numbering(link)
                    .and_then(|(n, _)| self.nums.get(&n))
                    .map(|n| n.abstract_id.clone())
                else {
                    break;
                };
                abs_id = next;
            }
            self.resolved.insert(num_id.clone(), abs_id);
        }
    }

    fn parse(pkg: &mut Package, part: &str) -> Result<Numbering, Error> {
        let limits = pkg.limits();
        let mut out = Numbering::default();
        let Some(stream) = pkg.open_part(part)? else {
            return Ok(out);
        };
        let mut xr = XmlReader::new(stream, part, &limits);
        let mut buf = Vec::new();
        let mut abs: Option<(String, Abstract)> = None;
        let mut num: Option<(String, Num)> = None;
        // The `w:lvl` being read and its index; the `w:lvlOverride` level index.
        let mut lvl: Option<(usize, Level)> = None;
        let mut override_ilvl: Option<usize> = None;
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
                    let val = xr.attr(&e, Ns::W, "val")?;
                    let val = val.as_deref().map(str::trim);
                    match local {
                        "abstractNum" if !empty => {
                            let id = xr.attr(&e, Ns::W, "abstractNumId")?.unwrap_or_default();
                            abs = Some((id.trim().to_string(), Abstract::default()));
                        }
                        "num" if !empty => {
                            let id = xr.attr(&e, Ns::W, "numId")?.unwrap_or_default();
                            num = Some((id.trim().to_string(), Num::default()));
                        }
                        "abstractNumId" => {
                            if let Some((_, n)) = num.as_mut() {
                                n.abstract_id = val.unwrap_or_default().to_string();
                            }
                        }
                        "numStyleLink" => {
                            if let Some((_, a)) = abs.as_mut() {
                                a.num_style_link = val.map(str::to_string);
                            }
                        }
                        "lvlOverride" => {
                            override_ilvl = level_index(xr.attr(&e, Ns::W, "ilvl")?.as_deref());
                            if let Some((_, n)) = num.as_mut() {
                                n.has_override |= override_ilvl.is_some();
                            }
                        }
                        "startOverride" => {
                            if let (Some((_, n)), Some(i)) = (num.as_mut(), override_ilvl) {
                                if let Some(slot) = n.overrides.get_mut(i) {
                                    slot.0 = val.and_then(|v| v.parse().ok());
                                }
                            }
                        }
                        "lvl" if !empty => {
                            let i = level_index(xr.attr(&e, Ns::W, "ilvl")?.as_deref())
                                .or(override_ilvl);
                            lvl = i.map(|i| (i, Level::default()));
                        }
                        _ => {
                            if let Some((_, l)) = lvl.as_mut() {
                                match local {
                                    "start" => {
                                        l.start = val.and_then(|v| v.parse().ok()).unwrap_or(0)
                                    }
                                    // A newer format in mc:Choice comes with a Fallback: the
                                    // last format wins over `custom`.
                                    "numFmt" if l.fmt.as_deref().is_none_or(|f| f == "custom") => {
                                        l.fmt = val.map(str::to_string);
                                    }
                                    "lvlText" => l.text = val.map(str::to_string),
                                    "lvlRestart" => l.restart = val.and_then(|v| v.parse().ok()),
                                    "isLgl" => l.is_lgl = on_off(val),
                                    "pStyle" => l.pstyle = val.map(str::to_string),
                                    _ => {}
                                }
                            }
                        }
                    }
                }
                Event::End(e) => match xr.end_name(&e) {
                    (Ns::W, "lvl") => {
                        if let Some((i, level)) = lvl.take() {
                            if let Some((_, n)) = num.as_mut() {
                                if let Some(slot) = n.overrides.get_mut(i) {
                                    slot.1 = Some(level);
                                }
                            } else if let Some((_, a)) = abs.as_mut() {
                                if let Some(slot) = a.levels.get_mut(i) {
                                    *slot = Some(level);
                                }
                            }
                        }
                    }
                    (Ns::W, "lvlOverride") => override_ilvl = None,
                    (Ns::W, "abstractNum") => {
                        if let Some((id, a)) = abs.take() {
                            out.abstracts.entry(id).or_insert(a);
                        }
                    }
                    (Ns::W, "num") => {
                        if let Some((id, n)) = num.take() {
                            out.nums.entry(id).or_insert(n);
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(out)
    }

    /// The effective level `i` of a num: its `w:lvl` override, else the abstract's level.
    fn level<'s>(&'s self, num: &'s Num, abs: Option<&'s Abstract>, i: usize) -> Option<&'s Level> {
        num.overrides
            .get(i)
            .and_then(|(_, l)| l.as_ref())
            .or_else(|| abs?.levels.get(i)?.as_ref())
    }

    /// The list item for a paragraph numbered (`num_id`, `ilvl`), advancing `counters`;
    /// `None` when `num_id` is 0 or undefined (numbering removed).
    pub fn item(&self, counters: &mut Counters, num_id: &str, ilvl: u8) -> Option<ListItem> {
        let num = self.nums.get(num_id.trim())?;
        let abs_id = self.resolved.get(num_id.trim()).unwrap_or(&num.abstract_id);
        let abs = self.abstracts.get(abs_id);
        let ilvl = usize::from(ilvl).min(LEVELS - 1);
        let level_u8 = ilvl as u8;
        let Some(level) = self.level(num, abs, ilvl) else {
            return Some(ListItem {
                level: level_u8,
                marker: None,
            });
        };
        let start_of = |i: usize| -> u32 {
            num.overrides
                .get(i)
                .and_then(|(s, _)| *s)
                .or_else(|| self.level(num, abs, i).map(|l| l.start))
                .unwrap_or(0)
        };
        let key = if num.has_override {
            format!("num:{num_id}")
        } else {
            format!("abs:{abs_id}")
        };
        let values = counters.values.entry(key).or_insert([None; LEVELS]);
        let next = match values.get(ilvl).copied().flatten() {
            Some(v) => v.saturating_add(1),
            None => start_of(ilvl),
        };
        if let Some(slot) = values.get_mut(ilvl) {
            *slot = Some(next);
        }
        // A level skipped on the way down shows its start value and from then on counts as
        // used, as Word numbers it: Heading 2 paragraphs before the first Heading 1 make that
        // Heading 1 "2" (Microsoft KB Q197139), and 2 → 2.1.1 → "2.2" (docling's groundtruth
        // `unit_test_headers_numbered.docx`).
        for shallower in 0..ilvl {
            let start = start_of(shallower);
            if let Some(slot @ None) = values.get_mut(shallower) {
                *slot = Some(start);
            }
        }
        for deeper in ilvl + 1..LEVELS {
            let restart = self
                .level(num, abs, deeper)
                .and_then(|l| l.restart)
                .map_or(deeper, usize::from);
            if ilvl < restart {
                if let Some(slot) = values.get_mut(deeper) {
                    *slot = None;
                }
            }
        }
        let values = *values;
        let marker = self.render(level, |i| {
            let value = values
                .get(i)
                .copied()
                .flatten()
                .unwrap_or_else(|| start_of(i));
            let fmt = if level.is_lgl {
                "decimal"
            } else {
                self.level(num, abs, i)
                    .and_then(|l| l.fmt.as_deref())
                    .unwrap_or("decimal")
            };
            format_number(fmt, value)
        });
        Some(ListItem {
            level: level_u8,
            marker,
        })
    }

    /// The marker text of `level`: `lvlText` with `%1`…`%9` replaced through `number`.
    fn render(&self, level: &Level, number: impl Fn(usize) -> String) -> Option<String> {
        let text = level.text.as_deref()?;
        let fmt = level.fmt.as_deref().unwrap_or("decimal");
        let marker: String = if fmt == "bullet" {
            text.chars().map(bullet_glyph).collect()
        } else {
            let mut out = String::new();
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                    ('%', Some(d @ 1..=9)) => {
                        chars.next();
                        out.push_str(&number(d as usize - 1));
                    }
                    _ => out.push(c),
                }
            }
            out
        };
        (!marker.trim().is_empty()).then_some(marker)
    }
}

#[cfg(test)]
#[path = "numbering_tests.rs"]
mod tests;

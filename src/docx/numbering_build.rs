//! List definitions given by another reader (the .doc reader's LST/LFO), so that one counter
//! and marker logic serves both formats.

use super::{Abstract, Level, Num, Numbering, LEVELS};

/// One level of a list definition, in `numbering.xml` terms.
#[derive(Debug, Clone, Default)]
pub(crate) struct LevelSpec {
    /// The ST_NumberFormat name (`decimal`, `bullet`, `upperRoman`…).
    pub fmt: String,
    /// The marker text with `%1`…`%9` for the level numbers.
    pub text: String,
    /// The start value.
    pub start: u32,
    /// Legal numbering: every level shown in decimal.
    pub is_lgl: bool,
}

impl Numbering {
    /// Adds list definition `id` with its levels (index = level, at most nine).
    pub fn add_definition(&mut self, id: &str, levels: Vec<Option<LevelSpec>>) {
        let mut abs = Abstract::default();
        for (slot, spec) in abs.levels.iter_mut().zip(levels) {
            *slot = spec.map(|s| Level {
                fmt: Some(s.fmt),
                text: Some(s.text),
                start: s.start,
                restart: None,
                is_lgl: s.is_lgl,
                pstyle: None,
            });
        }
        self.abstracts.insert(id.to_string(), abs);
    }

    /// Adds list instance `num_id` of definition `abstract_id`; `starts` are per-level start
    /// overrides (an instance with one counts on its own, as a `w:lvlOverride` does).
    pub fn add_instance(&mut self, num_id: &str, abstract_id: &str, starts: [Option<u32>; LEVELS]) {
        let mut num = Num {
            abstract_id: abstract_id.to_string(),
            has_override: starts.iter().any(Option::is_some),
            ..Num::default()
        };
        for (slot, start) in num.overrides.iter_mut().zip(starts) {
            slot.0 = start;
        }
        self.nums.insert(num_id.to_string(), num);
    }
}

//! Every tolerance of layout analysis and table detection, in one documented struct (as
//! pdfminer's `LAParams`): the layout and table code under `fixed::` reads these and no other
//! magic numbers. Every reader gets them in `Options::layout`.
//!
//! Distances are in points unless the field says *em* (a multiple of the glyph's or line's font
//! size) or *share* (a fraction of the page). The defaults are what the corpus was measured with
//! (BENCHMARKS.md); a source with other habits (OCR word boxes are looser than a PDF's glyph
//! boxes) passes its own.

/// Tolerances for grouping glyphs into lines, lines into paragraphs, and drawn rules and text
/// into tables.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutParams {
    // --- glyphs → lines ---
    /// A glyph joins a line when its baseline is within this (em, at least 1 pt) of the line's.
    pub line_tolerance: f32,
    /// A gap wider than this (em) between two glyphs is a word space (not in CJK text).
    pub word_gap: f32,
    /// A gap wider than this (em) cuts a baseline into separate lines: a column gutter or a tab
    /// stop, wider than any justified word space.
    pub wide_gap: f32,

    // --- lines → paragraphs, furniture, columns ---
    /// A line continues the paragraph when the gap above it is at most the page's usual line
    /// gap plus this (em).
    pub paragraph_gap_slack: f32,
    /// An indented line starting further right than the line above by this (em) begins a new
    /// paragraph.
    pub indent: f32,
    /// Share of the page height, at the top and at the bottom, where running heads, footers and
    /// page numbers may stand.
    pub furniture_band: f32,
    /// Lines repeated in the margin on several pages are furniture when their positions differ
    /// by less than this.
    pub furniture_drift: f32,
    /// Least lines on a page for looking for two text columns.
    pub column_min_lines: usize,

    // --- drawn rules ---
    /// Rules closer than this across their direction are one rule (double borders, a fill's
    /// two sides, a ½ pt offset between producers' pieces).
    pub rule_snap: f32,
    /// Collinear pieces with gaps up to this are one rule (dashes, per-cell border pieces).
    pub rule_join: f32,
    /// Paint lighter than this (0 black, 1 white) is the page background, not a rule.
    pub invisible_lightness: f32,
    /// Strokes wider than this are decoration (bars, title boxes), not rules.
    pub rule_max_width: f32,
    /// A rule lighter than `invisible_lightness` is still a rule where it lies on a fill at
    /// least this much darker (white lines between shaded cells).
    pub light_rule_contrast: f32,
    /// ... and a chain of light pieces is a rule when at least this share of its length runs
    /// between such fills, or along their edge where it meets light rules across.
    pub light_rule_share: f32,
    /// Most (light segment, fill) pairs compared per page for that check: a bound on work,
    /// not a tolerance.
    pub light_rule_checks: usize,
    /// How far a rule may miss a boundary or another rule and still meet it.
    pub grid_tolerance: f32,

    // --- text in ruled cells ---
    /// The least right padding a cell's text keeps from its border (for telling a wrapped line
    /// from a line break).
    pub cell_padding: f32,
    /// Least text lines side by side in a grid row for cutting the row at their baselines.
    pub split_min_lines: usize,
    /// A ruled grid row is bounded by its rules: it is cut at its text lines (as a frame without
    /// inner rules always is) when every line has text in each of its cells (one-line
    /// records), or when it holds at least this many times the lines of the frame's typical
    /// (median) other row, unless it is the top row over rows of at most two lines each (the
    /// header of a body ruled record by record) ...
    pub cut_row_ratio: f32,
    /// ... and at least this many lines (a header of labels on several lines stays one row).
    pub cut_row_min_lines: usize,
    /// Least gap (em) between two pieces of text in a spanning cell for splitting the cell.
    pub split_gap: f32,

    // --- line-less (stream) tables ---
    /// A gap wider than this (em of the smaller neighbour) separates two chunks of one row.
    pub chunk_gap: f32,
    /// Chunks closer than this (em) read as one run of text (justified prose).
    pub run_gap: f32,
    /// Rows further apart than this (em of the smaller row) are not one block.
    pub block_gap: f32,
    /// Least rows with text in two or more columns for a table.
    pub min_rich_rows: usize,
    /// A chunk with this many words is a run of prose.
    pub prose_words: usize,
    /// A run of prose at least this share of the block's width breaks the block.
    pub prose_width: f32,
    /// Narrowest least-covered stretch of whitespace that separates two columns.
    pub min_river: f32,
    /// Least horizontal rules of one extent, with no vertical rule meeting them, that bound a
    /// table (booktabs' top, mid and bottom rules).
    pub band_min_rules: usize,
    /// With at least this many such rules they are drawn between the rows: the lines between two
    /// rules are one row when the later ones only continue the first one's cells.
    pub band_row_rules: usize,
    /// Shortest such rule (pt): a rule under a heading or a signature line is shorter.
    pub band_min_width: f32,
    /// A line of one chunk this many times the size of a line next to it is a heading: it ends
    /// a line-less table instead of being its row.
    pub heading_size_ratio: f32,
}

impl Default for LayoutParams {
    fn default() -> Self {
        LayoutParams {
            line_tolerance: 0.3,
            word_gap: 0.15,
            wide_gap: 1.8,
            paragraph_gap_slack: 0.6,
            indent: 0.5,
            furniture_band: 0.12,
            furniture_drift: 6.0,
            column_min_lines: 8,
            rule_snap: 2.5,
            rule_join: 3.0,
            invisible_lightness: 0.92,
            light_rule_contrast: 0.1,
            light_rule_share: 0.5,
            light_rule_checks: 4_000_000,
            rule_max_width: 6.0,
            grid_tolerance: 3.0,
            cell_padding: 3.0,
            split_min_lines: 3,
            cut_row_ratio: 2.0,
            cut_row_min_lines: 6,
            split_gap: 1.0,
            chunk_gap: 0.5,
            run_gap: 1.2,
            block_gap: 2.2,
            min_rich_rows: 3,
            prose_words: 6,
            prose_width: 0.45,
            min_river: 1.5,
            band_min_rules: 3,
            band_row_rules: 4,
            band_min_width: 72.0,
            heading_size_ratio: 1.15,
        }
    }
}

//! Resource bounds, so that no input can exhaust memory or time.

/// Default bound on the inflated size of one package part (the largest real document.xml
/// seen in the corpus is 52.5 MB).
pub const DEFAULT_MAX_PART_BYTES: u64 = 512 * 1024 * 1024;
/// Default bound on the inflated size of all parts read from one package.
pub const DEFAULT_MAX_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;
/// Default bound on XML element nesting depth (real documents stay under 100).
pub const DEFAULT_MAX_DEPTH: usize = 1_000;
/// Default bound on nested tables inside tables.
pub const DEFAULT_MAX_TABLE_NESTING: usize = 64;
/// Default bound on grid positions (rows × columns) of one table.
pub const DEFAULT_MAX_TABLE_CELLS: u64 = 20_000_000;
/// Default bound on grid columns of one table (Word itself allows 63).
pub const DEFAULT_MAX_TABLE_COLS: usize = 16_384;

/// The bounds applied while reading one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Inflated bytes of any one part.
    pub max_part_bytes: u64,
    /// Inflated bytes of all parts of one document.
    pub max_total_bytes: u64,
    /// XML element nesting depth.
    pub max_depth: usize,
    /// Tables nested inside table cells.
    pub max_table_nesting: usize,
    /// Grid positions of one table.
    pub max_table_cells: u64,
    /// Grid columns of one table.
    pub max_table_cols: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_part_bytes: DEFAULT_MAX_PART_BYTES,
            max_total_bytes: DEFAULT_MAX_TOTAL_BYTES,
            max_depth: DEFAULT_MAX_DEPTH,
            max_table_nesting: DEFAULT_MAX_TABLE_NESTING,
            max_table_cells: DEFAULT_MAX_TABLE_CELLS,
            max_table_cols: DEFAULT_MAX_TABLE_COLS,
        }
    }
}

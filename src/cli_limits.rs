//! Command-line overrides for every bound of [`docgrid::Limits`], shared by `convert` and `batch`.

use docgrid::limits::{
    DEFAULT_MAX_DEPTH, DEFAULT_MAX_PART_BYTES, DEFAULT_MAX_TABLE_CELLS, DEFAULT_MAX_TABLE_COLS,
    DEFAULT_MAX_TABLE_NESTING, DEFAULT_MAX_TOTAL_BYTES,
};
use docgrid::Limits;

/// Resource bounds; an input that exceeds one fails with an error naming it.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct LimitArgs {
    /// Inflated bytes of any one part of a package.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_PART_BYTES)]
    max_part_bytes: u64,
    /// Inflated bytes of all parts of one document.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_TOTAL_BYTES)]
    max_total_bytes: u64,
    /// XML element nesting depth.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_DEPTH)]
    max_depth: usize,
    /// Tables nested inside table cells.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_TABLE_NESTING)]
    max_table_nesting: usize,
    /// Grid positions (rows × columns) of one table.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_TABLE_CELLS)]
    max_table_cells: u64,
    /// Grid columns of one table.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_TABLE_COLS)]
    max_table_cols: usize,
}

impl LimitArgs {
    /// The library bounds these options describe.
    pub fn limits(&self) -> Limits {
        Limits {
            max_part_bytes: self.max_part_bytes,
            max_total_bytes: self.max_total_bytes,
            max_depth: self.max_depth,
            max_table_nesting: self.max_table_nesting,
            max_table_cells: self.max_table_cells,
            max_table_cols: self.max_table_cols,
        }
    }
}

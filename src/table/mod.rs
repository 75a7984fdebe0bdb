//! Table reconstruction: source rows with spans and merge marks → a true grid of cells.

pub mod grid;

pub use grid::{check_partition, CellSpec, GridBuilder, VMerge};

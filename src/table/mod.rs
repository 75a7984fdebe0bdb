//! Table reconstruction shared by every reader: cells with spans → a true grid of cells
//! ([`TableBuilder`]), and tables continued over a break ([`continuation`]).

pub mod builder;
pub mod content;
pub mod continuation;

pub use builder::{check_partition, Holes, Place, TableBuilder};
pub use content::cell_content;

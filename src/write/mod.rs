//! Writers: they see only the [`crate::model`], never a reader.

pub mod cells;
pub mod csv;
pub mod json;
pub mod markdown;
pub mod number;
pub mod output;
pub mod tables;
pub mod xlsx;

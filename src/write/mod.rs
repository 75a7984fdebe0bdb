//! Writers: they see only the [`crate::model`], never a reader.

pub mod json;

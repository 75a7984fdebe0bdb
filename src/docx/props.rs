//! `docProps/core.xml`: document properties as `metadata`.
//! STUB: interface only; implementation owned by the package helper.

use super::package::Package;
use crate::error::Error;
use crate::model::Warning;
use std::collections::BTreeMap;

/// Reads the core properties (title, author, created, …); empty when absent.
/// A malformed properties part is a warning, not a failure.
pub(crate) fn read_core(
    _pkg: &mut Package,
    _warnings: &mut Vec<Warning>,
) -> Result<BTreeMap<String, String>, Error> {
    Ok(BTreeMap::new())
}

//! `--table` values: a table label (`3`, `3.1` nested) or the K-th table on page P (`p3:1`),
//! resolved against each document to the labels the writers take.

use docgrid::model::Table;
use docgrid::Document;

/// One `--table` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TablePick {
    /// A label as the writers number tables: `3`, or `3.1` for a nested one.
    Label(String),
    /// The `nth` (from 1) top-level table lying on `page` (from 1): `p3:1`.
    OnPage { page: u32, nth: usize },
}

/// Parses `3`, `3.1` or `p3:1` (clap's value parser).
pub fn parse_pick(s: &str) -> Result<TablePick, String> {
    let positive =
        |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && !p.starts_with('0');
    if let Some(rest) = s.strip_prefix(['p', 'P']) {
        let parsed = rest.split_once(':').and_then(|(page, nth)| {
            let ok = positive(page) && positive(nth);
            ok.then(|| Some((page.parse().ok()?, nth.parse().ok()?)))
                .flatten()
        });
        return match parsed {
            Some((page, nth)) => Ok(TablePick::OnPage { page, nth }),
            None => Err("expected pP:K, the K-th table on page P, both from 1 (p3:1)".into()),
        };
    }
    if s.split('.').all(positive) {
        Ok(TablePick::Label(s.to_string()))
    } else {
        Err("expected a table number from 1, N.K for a nested table, or pP:K for the K-th table on page P".into())
    }
}

/// Every page a table lies on (PDF only; empty for flow documents).
pub fn table_pages(t: &Table) -> Vec<u32> {
    if t.pages.is_empty() {
        t.page.into_iter().collect()
    } else {
        t.pages.clone()
    }
}

/// The labels `picks` name in `doc`, in the order given, each once; empty for no picks (all
/// tables). A page-qualified pick naming no table is an error saying what the page has.
pub fn resolve(doc: &Document, picks: &[TablePick]) -> Result<Vec<String>, String> {
    let mut labels: Vec<String> = Vec::new();
    for pick in picks {
        let label = match pick {
            TablePick::Label(l) => l.clone(),
            TablePick::OnPage { page, nth } => {
                let on_page: Vec<usize> = doc
                    .tables()
                    .enumerate()
                    .filter(|(_, t)| table_pages(t).contains(page))
                    .map(|(i, _)| i + 1)
                    .collect();
                match on_page.get(nth.saturating_sub(1)) {
                    Some(n) => n.to_string(),
                    None => {
                        return Err(format!(
                            "no table p{page}:{nth} (page {page} has {} tables)",
                            on_page.len()
                        ))
                    }
                }
            }
        };
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_parse_labels_and_page_forms() {
        assert_eq!(parse_pick("3.1"), Ok(TablePick::Label("3.1".into())));
        assert_eq!(
            parse_pick("p3:2"),
            Ok(TablePick::OnPage { page: 3, nth: 2 })
        );
        for bad in [
            "0",
            "p0:1",
            "p3",
            "p3:",
            "p:1",
            "3.",
            "x",
            "p3:1:2",
            "p99999999999:1",
        ] {
            assert!(parse_pick(bad).is_err(), "{bad}");
        }
    }
}

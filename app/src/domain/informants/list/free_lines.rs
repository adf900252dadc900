//! Free lines, one informant a line: `[name…,] address[, group]`, where the address may be
//! `Name <address>` and fields are separated by `,`, `;` or a tab.

use super::{Fields, Record, count_check, is_skipped, split_fields};
use crate::domain::informants::InformantError;

pub(super) fn line_records(raw_lines: &[&str]) -> Result<Vec<Record>, InformantError> {
    let mut records = Vec::new();
    for (index, line) in raw_lines.iter().enumerate() {
        if is_skipped(line) {
            continue;
        }
        let line_no = index + 1;
        count_check(records.len() + 1, line_no)?;
        records.push((line_no, Ok(line_fields(line))));
    }
    Ok(records)
}

/// Reads `[name…,] address[, group]`, where the address may be `Name <address>`.
fn line_fields(line: &str) -> Fields {
    let mut parts: Vec<&str> = split_fields(line.trim())
        .into_iter()
        .map(str::trim)
        .collect();
    // A trailing separator ("piet@gemeente.nl,") leaves the group empty, not the address.
    let group = if parts.len() > 1 {
        parts.pop().map(str::to_owned)
    } else {
        None
    };
    let spec = parts.pop().unwrap_or("");
    let mut name_parts: Vec<&str> = parts;
    let email = match (spec.find('<'), spec.strip_suffix('>')) {
        (Some(open), Some(inner)) if open < inner.len() => {
            name_parts.push(&spec[..open]);
            inner[open + 1..].to_owned()
        }
        _ => spec.to_owned(),
    };
    let name = name_parts
        .iter()
        .map(|p| p.trim().trim_matches('"').trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    Fields { name, email, group }
}

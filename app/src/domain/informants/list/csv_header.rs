//! CSV with a header row such as `naam,email,groep` or `name,email,group`, in any column order,
//! separated by `,`, `;` (Dutch spreadsheet exports) or tabs.

use super::{Fields, Record, count_check, is_skipped, split_fields};
use crate::domain::informants::InformantError;
use crate::domain::informants::group_names::group_key;

const NAME_HEADERS: [&str; 4] = ["naam", "name", "volledige naam", "full name"];
const EMAIL_HEADERS: [&str; 7] = [
    "email",
    "e-mail",
    "emailadres",
    "e-mailadres",
    "email address",
    "e-mail address",
    "mail",
];
const GROUP_HEADERS: [&str; 4] = ["groep", "group", "beoordelaarsgroep", "rater group"];

pub(super) struct Header {
    pub(super) delimiter: u8,
}

/// A header row is the first non-blank, non-comment line with a cell naming the address.
pub(super) fn find_header(raw_lines: &[&str]) -> Option<Header> {
    let first = raw_lines.iter().find(|l| !is_skipped(l))?;
    let cells = split_fields(first.trim());
    if !cells.iter().any(|c| {
        EMAIL_HEADERS
            .contains(&group_key(c.trim_matches(|c: char| c == '"' || c.is_whitespace())).as_str())
    }) {
        return None;
    }
    let delimiter = if first.contains('\t') {
        b'\t'
    } else if first.contains(';') {
        b';'
    } else {
        b','
    };
    Some(Header { delimiter })
}

fn column(header: &csv::StringRecord, names: &[&str]) -> Option<usize> {
    header
        .iter()
        .position(|cell| names.contains(&group_key(cell).as_str()))
}

/// Reads one line as a CSV record. Lines are read one at a time, not the whole text at once,
/// because the `csv` reader's positions drift over skipped comment and blank lines, and the
/// preview must name the exact line; a quoted field cannot span lines in an informant list.
fn csv_line(line: &str, delimiter: u8) -> Option<csv::StringRecord> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(line.as_bytes())
        .records()
        .next()?
        .ok()
}

pub(super) fn csv_records(
    raw_lines: &[&str],
    delimiter: u8,
) -> Result<Vec<Record>, InformantError> {
    let mut lines = raw_lines
        .iter()
        .enumerate()
        .filter(|(_, line)| !is_skipped(line))
        .map(|(index, line)| (index + 1, line.trim_end_matches('\r')));
    // `find_header` found the header on the first line that is not skipped.
    let Some(header) = lines.next().and_then(|(_, line)| csv_line(line, delimiter)) else {
        return Ok(Vec::new());
    };
    let name_col = column(&header, &NAME_HEADERS);
    let email_col = column(&header, &EMAIL_HEADERS);
    let group_col = column(&header, &GROUP_HEADERS);

    let mut records = Vec::new();
    for (line_no, line) in lines {
        let fields = match csv_line(line, delimiter) {
            Some(record) => {
                if record.iter().all(str::is_empty) {
                    continue; // ";;;" is a blank spreadsheet row
                }
                let get =
                    |col: Option<usize>| col.and_then(|c| record.get(c)).unwrap_or("").to_owned();
                Ok(Fields {
                    name: get(name_col),
                    email: get(email_col),
                    group: Some(get(group_col)),
                })
            }
            None => Err(InformantError::Unreadable { line: line_no }),
        };
        count_check(records.len() + 1, line_no)?;
        records.push((line_no, fields));
    }
    Ok(records)
}

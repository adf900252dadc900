//! Parsing a pasted or uploaded list into a [`Preview`]: free lines (`free_lines.rs`) or CSV
//! with a header row (`csv_header.rs`), then the checks of `check.rs` on every line, and the
//! repeats within the list and against those already invited.

use std::collections::HashMap;

use super::check::build;
use super::{InformantContext, InformantError, MAX_INPUT_BYTES, MAX_LINES, Preview, PreviewLine};
use crate::domain::account::Email;

mod csv_header;
mod free_lines;

use csv_header::{csv_records, find_header};
use free_lines::line_records;

/// The raw fields of one informant line, before checking.
struct Fields {
    name: String,
    email: String,
    group: Option<String>,
}

/// Parses a pasted or uploaded list into a preview. Only the whole-input limits fail the call
/// ([`InformantError::InputTooLarge`], [`InformantError::TooManyLines`]); every other problem
/// is reported on its line.
pub fn parse_informant_list(
    input: &str,
    ctx: &InformantContext<'_>,
) -> Result<Preview, InformantError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(InformantError::InputTooLarge {
            bytes: input.len(),
            max: MAX_INPUT_BYTES,
        });
    }
    let text = input.strip_prefix('\u{feff}').unwrap_or(input);
    let raw_lines: Vec<&str> = text.lines().collect();
    let raw = |line_no: usize| -> String {
        raw_lines
            .get(line_no.wrapping_sub(1))
            .map(|l| l.trim_end_matches('\r').to_owned())
            .unwrap_or_default()
    };

    let records = match find_header(&raw_lines) {
        Some(header) => csv_records(&raw_lines, header.delimiter)?,
        None => line_records(&raw_lines)?,
    };

    let mut first_seen: HashMap<Email, usize> = HashMap::new();
    let mut lines = Vec::with_capacity(records.len());
    for (line_no, fields) in records {
        let outcome = fields.and_then(|fields| {
            let group = fields.group.as_deref().unwrap_or("");
            let informant = build(line_no, &fields.name, &fields.email, group, ctx)?;
            if let Some(&first_line) = first_seen.get(&informant.email) {
                return Err(InformantError::DuplicateInList {
                    line: line_no,
                    email: informant.email,
                    first_line,
                });
            }
            if ctx.existing.contains(&informant.email) {
                return Err(InformantError::AlreadyInvited {
                    line: line_no,
                    email: informant.email,
                });
            }
            first_seen.insert(informant.email.clone(), line_no);
            Ok(informant)
        });
        lines.push(PreviewLine {
            line_no,
            raw: raw(line_no),
            outcome,
        });
    }
    Ok(Preview { lines })
}

type Record = (usize, Result<Fields, InformantError>);

fn is_skipped(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.is_empty() || trimmed.starts_with('#')
}

fn count_check(count: usize, line: usize) -> Result<(), InformantError> {
    if count > MAX_LINES {
        Err(InformantError::TooManyLines {
            line,
            max: MAX_LINES,
        })
    } else {
        Ok(())
    }
}

/// Splits at `,`, `;` and tabs that are not inside `"…"` or `<…>`.
fn split_fields(line: &str) -> Vec<&str> {
    let mut fields = Vec::new();
    let (mut in_quotes, mut in_angle, mut start) = (false, false, 0);
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            '<' if !in_quotes => in_angle = true,
            '>' if !in_quotes => in_angle = false,
            ',' | ';' | '\t' if !in_quotes && !in_angle => {
                fields.push(&line[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    fields.push(&line[start..]);
    fields
}

#[cfg(test)]
mod tests;

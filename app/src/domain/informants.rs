//! Informants of a scan, typed one by one or pasted/uploaded as a list.
//!
//! A list is turned into a *preview* first: every line with the informant it yields or the
//! reason it cannot be used, so the organiser fixes the list before anything is saved. Accepted
//! forms, one informant a line:
//!
//! * `Piet Jansen <piet@gemeente.nl>, collega's`
//! * `piet@gemeente.nl, staff`
//! * `Piet Jansen, piet@gemeente.nl, staff` (three columns, as pasted from a spreadsheet)
//! * CSV with a header row such as `naam,email,groep` or `name,email,group`, in any column
//!   order, separated by `,`, `;` (Dutch spreadsheet exports) or tabs.
//!
//! Fields may be separated by `,`, `;` or a tab. A group is given by its id or by its Dutch or
//! English label, case-insensitively and with accents and apostrophes tolerated. Blank lines and
//! lines starting with `#` are skipped. Pure code: the caller passes the text and what is already
//! invited.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::account::Email;
use super::catalog::fold;
use super::scan::RaterGroup;

/// Most informants in one list: more than any 360° round needs, and it bounds the preview.
pub const MAX_LINES: usize = 1000;
/// Largest list accepted (256 KiB), refused before parsing so a careless upload of a huge file
/// cannot use unbounded memory and time. 1000 lines of 250 bytes still fit.
pub const MAX_INPUT_BYTES: usize = 256 * 1024;
/// Longest informant name, in characters; names appear in the organiser's overview only.
pub const MAX_NAME_CHARS: usize = 200;

/// Parses an address an invitation can be sent to: a bare `local@domain`, normalised. The same
/// rule as [`Email::parse`]; kept as a function so the parser reads as one step per field.
pub fn parse_address(input: &str) -> Option<Email> {
    Email::parse(input).ok()
}

/// One informant to invite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Informant {
    /// Name as given (may be empty: the address is enough to invite).
    pub name: String,
    /// The normalised address.
    pub email: Email,
    /// Id of the rater group.
    pub group: String,
}

/// One line of the preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewLine {
    /// 1-based line number in the pasted text or file.
    pub line_no: usize,
    /// The line as it was given (without its line ending).
    pub raw: String,
    /// The informant, or why this line cannot be used.
    pub outcome: Result<Informant, InformantError>,
}

/// The whole preview, in input order; blank and comment lines are not part of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    /// Every informant line.
    pub lines: Vec<PreviewLine>,
}

impl Preview {
    /// The informants of the good lines.
    pub fn informants(&self) -> impl Iterator<Item = &Informant> {
        self.lines.iter().filter_map(|l| l.outcome.as_ref().ok())
    }

    /// The problems of the bad lines.
    pub fn errors(&self) -> impl Iterator<Item = &InformantError> {
        self.lines.iter().filter_map(|l| l.outcome.as_ref().err())
    }

    /// True when every line is usable, so the list can be saved as it is.
    pub fn is_clean(&self) -> bool {
        self.errors().next().is_none()
    }
}

/// What the parser checks the informants against.
#[derive(Clone, Copy, Debug)]
pub struct InformantContext<'a> {
    /// The scan's rater groups.
    pub groups: &'a [RaterGroup],
    /// The subject's address: they are invited in the self group automatically.
    pub subject_email: &'a Email,
    /// Addresses already invited to this scan.
    pub existing: &'a HashSet<Email>,
}

/// Why an informant (a line of a list) cannot be used. Every line-level variant names its
/// line; `line` 0 means the informant was entered on its own, not in a list.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InformantError {
    /// The text is larger than [`MAX_INPUT_BYTES`]; nothing was read.
    #[error("the list is {bytes} bytes, more than the limit of {max} bytes")]
    InputTooLarge {
        /// Size in bytes.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// The list has more than [`MAX_LINES`] informants; `line` is the first one too many.
    #[error("line {line}: the list has more than {max} informants")]
    TooManyLines {
        /// The first line over the limit.
        line: usize,
        /// The limit.
        max: usize,
    },
    /// The line could not be read as CSV.
    #[error("{}could not be read as CSV", at(*line))]
    Unreadable {
        /// Line number.
        line: usize,
    },
    /// No email address on the line.
    #[error("{}no email address", at(*line))]
    MissingEmail {
        /// Line number.
        line: usize,
    },
    /// The email address is malformed.
    #[error("{}malformed email address {address:?}", at(*line))]
    MalformedAddress {
        /// Line number.
        line: usize,
        /// The address as given.
        address: String,
    },
    /// No group on the line.
    #[error("{}no group given", at(*line))]
    MissingGroup {
        /// Line number.
        line: usize,
    },
    /// The group is not one of the scan's; the known ones are listed so the fix is obvious.
    #[error("{}unknown group {given:?}; known groups: {}", at(*line), known_en.join(", "))]
    UnknownGroup {
        /// Line number.
        line: usize,
        /// The group as given.
        given: String,
        /// Dutch labels of the groups that may be used.
        known_nl: Vec<String>,
        /// English labels of the groups that may be used.
        known_en: Vec<String>,
    },
    /// Nobody is added to the self group: the subject is invited there automatically.
    #[error("{}the self group is only for the subject, who is invited automatically", at(*line))]
    SelfGroupReserved {
        /// Line number.
        line: usize,
    },
    /// The subject cannot also rate themselves as someone else, which would skew that group.
    #[error("{}{email} is the subject's own address, which belongs in the self group only", at(*line))]
    SubjectInOtherGroup {
        /// Line number.
        line: usize,
        /// The subject's address.
        email: Email,
    },
    /// The same address appears earlier in the list (case is ignored).
    #[error("{}{email} is already on line {first_line}", at(*line))]
    DuplicateInList {
        /// Line number.
        line: usize,
        /// The repeated address.
        email: Email,
        /// Where it first appeared.
        first_line: usize,
    },
    /// The address is already invited to this scan.
    #[error("{}{email} is already invited", at(*line))]
    AlreadyInvited {
        /// Line number.
        line: usize,
        /// The address.
        email: Email,
    },
    /// The name is longer than [`MAX_NAME_CHARS`].
    #[error("{}the name is longer than {max} characters", at(*line))]
    NameTooLong {
        /// Line number.
        line: usize,
        /// The limit.
        max: usize,
    },
}

fn at(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!("line {line}: ")
    }
}

fn regel(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!("regel {line}: ")
    }
}

impl InformantError {
    /// The line the problem is on (0 for a single entry or the whole input).
    pub fn line(&self) -> usize {
        use InformantError as E;
        match self {
            E::InputTooLarge { .. } => 0,
            E::TooManyLines { line, .. }
            | E::Unreadable { line }
            | E::MissingEmail { line }
            | E::MalformedAddress { line, .. }
            | E::MissingGroup { line }
            | E::UnknownGroup { line, .. }
            | E::SelfGroupReserved { line }
            | E::SubjectInOtherGroup { line, .. }
            | E::DuplicateInList { line, .. }
            | E::AlreadyInvited { line, .. }
            | E::NameTooLong { line, .. } => *line,
        }
    }

    /// The message in Dutch, for the organiser.
    pub fn message_nl(&self) -> String {
        use InformantError as E;
        match self {
            E::InputTooLarge { bytes, max } => {
                format!("de lijst is {bytes} bytes, meer dan de grens van {max} bytes")
            }
            E::TooManyLines { line, max } => {
                format!("regel {line}: de lijst bevat meer dan {max} informanten")
            }
            E::Unreadable { line } => format!("{}niet leesbaar als CSV", regel(*line)),
            E::MissingEmail { line } => format!("{}geen e-mailadres", regel(*line)),
            E::MalformedAddress { line, address } => {
                format!("{}ongeldig e-mailadres {address:?}", regel(*line))
            }
            E::MissingGroup { line } => format!("{}geen groep opgegeven", regel(*line)),
            E::UnknownGroup {
                line,
                given,
                known_nl,
                ..
            } => format!(
                "{}onbekende groep {given:?}; bekende groepen: {}",
                regel(*line),
                known_nl.join(", ")
            ),
            E::SelfGroupReserved { line } => format!(
                "{}de groep 'zelf' is alleen voor de beoordeelde, die automatisch wordt uitgenodigd",
                regel(*line)
            ),
            E::SubjectInOtherGroup { line, email } => format!(
                "{}{email} is het adres van de beoordeelde zelf en hoort alleen in de groep 'zelf'",
                regel(*line)
            ),
            E::DuplicateInList {
                line,
                email,
                first_line,
            } => format!("{}{email} staat al op regel {first_line}", regel(*line)),
            E::AlreadyInvited { line, email } => {
                format!("{}{email} is al uitgenodigd", regel(*line))
            }
            E::NameTooLong { line, max } => {
                format!("{}de naam is langer dan {max} tekens", regel(*line))
            }
        }
    }
}

/// Normalises a group name for matching: folded case and accents, no apostrophes or dots,
/// single spaces, so `Collega’s`, `collegas` and `COLLEGA'S` are one group.
fn group_key(text: &str) -> String {
    fold(text)
        .chars()
        .filter(|c| !matches!(c, '\'' | '.'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Other ways to name a group: the label without its explanation in brackets, the explanation
/// itself, and each half of a label with a slash ("Fractievoorzitter / partijbestuur").
fn group_aliases(label: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (short, rest) = match label.split_once('(') {
        Some((short, rest)) => (short, Some(rest.trim_end_matches(')'))),
        None => (label, None),
    };
    out.push(group_key(short));
    out.extend(rest.map(group_key));
    out.extend(short.split('/').map(group_key));
    out.retain(|k| !k.is_empty());
    out
}

/// Finds a group by id or label (see [`group_key`]); exact ids and labels win over aliases.
pub fn find_group<'a>(groups: &'a [RaterGroup], text: &str) -> Option<&'a RaterGroup> {
    let key = group_key(text);
    if key.is_empty() {
        return None;
    }
    groups
        .iter()
        .find(|g| {
            [&g.id, &g.label_nl, &g.label_en]
                .iter()
                .any(|name| group_key(name) == key)
        })
        .or_else(|| {
            groups.iter().find(|g| {
                group_aliases(&g.label_nl)
                    .into_iter()
                    .chain(group_aliases(&g.label_en))
                    .any(|alias| alias == key)
            })
        })
}

/// The subject's own invitation, in the self group; `None` when the scan has no self group.
pub fn subject_invitation(name: &str, email: &Email, groups: &[RaterGroup]) -> Option<Informant> {
    groups.iter().find(|g| g.is_self).map(|g| Informant {
        name: name.trim().to_owned(),
        email: email.clone(),
        group: g.id.clone(),
    })
}

/// Checks one informant typed into the form (name, address and group in separate fields).
/// Errors carry line 0.
pub fn check_informant(
    name: &str,
    email: &str,
    group: &str,
    ctx: &InformantContext<'_>,
) -> Result<Informant, InformantError> {
    let informant = build(0, name, email, group, ctx)?;
    if ctx.existing.contains(&informant.email) {
        return Err(InformantError::AlreadyInvited {
            line: 0,
            email: informant.email,
        });
    }
    Ok(informant)
}

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

/// The checks every informant gets, in the order the organiser would fix them.
fn build(
    line: usize,
    name: &str,
    email: &str,
    group: &str,
    ctx: &InformantContext<'_>,
) -> Result<Informant, InformantError> {
    let name = name.trim().trim_matches('"').trim();
    let email = email.trim();
    if email.is_empty() || !email.contains('@') {
        return Err(InformantError::MissingEmail { line });
    }
    let email = parse_address(email).ok_or_else(|| InformantError::MalformedAddress {
        line,
        address: email.to_owned(),
    })?;
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(InformantError::NameTooLong {
            line,
            max: MAX_NAME_CHARS,
        });
    }
    let group = group.trim();
    if group.is_empty() {
        return Err(InformantError::MissingGroup { line });
    }
    let group = find_group(ctx.groups, group).ok_or_else(|| {
        let usable = || ctx.groups.iter().filter(|g| !g.is_self);
        InformantError::UnknownGroup {
            line,
            given: group.to_owned(),
            known_nl: usable().map(|g| g.label_nl.clone()).collect(),
            known_en: usable().map(|g| g.label_en.clone()).collect(),
        }
    })?;
    if group.is_self {
        return Err(InformantError::SelfGroupReserved { line });
    }
    if &email == ctx.subject_email {
        return Err(InformantError::SubjectInOtherGroup { line, email });
    }
    Ok(Informant {
        name: name.to_owned(),
        email,
        group: group.id.clone(),
    })
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

// ---- free lines -----------------------------------------------------------------------------

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

fn line_records(raw_lines: &[&str]) -> Result<Vec<Record>, InformantError> {
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

// ---- CSV with a header ----------------------------------------------------------------------

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

struct Header {
    delimiter: u8,
}

/// A header row is the first non-blank, non-comment line with a cell naming the address.
fn find_header(raw_lines: &[&str]) -> Option<Header> {
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

fn csv_records(raw_lines: &[&str], delimiter: u8) -> Result<Vec<Record>, InformantError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scan::default_groups;
    use proptest::prelude::*;

    fn subject() -> Email {
        Email::parse("gs@gemeente.nl").unwrap()
    }

    fn parse_with(input: &str, existing: &[&str]) -> Preview {
        let groups = default_groups("gemeentesecretaris");
        let subject = subject();
        let existing: HashSet<Email> = existing.iter().map(|e| Email::parse(e).unwrap()).collect();
        let ctx = InformantContext {
            groups: &groups,
            subject_email: &subject,
            existing: &existing,
        };
        parse_informant_list(input, &ctx).expect("within limits")
    }

    fn parse(input: &str) -> Preview {
        parse_with(input, &[])
    }

    fn ok(line: &PreviewLine) -> (&str, &str, &str) {
        let i = line.outcome.as_ref().unwrap_or_else(|e| panic!("{e}"));
        (i.name.as_str(), i.email.as_str(), i.group.as_str())
    }

    fn err(line: &PreviewLine) -> &InformantError {
        line.outcome.as_ref().expect_err("line should be rejected")
    }

    #[test]
    fn name_with_angle_address_and_label() {
        let p = parse("Piet Jansen <Piet@Gemeente.nl>, collega's");
        assert_eq!(p.lines.len(), 1);
        assert_eq!(p.lines[0].line_no, 1);
        assert_eq!(p.lines[0].raw, "Piet Jansen <Piet@Gemeente.nl>, collega's");
        assert_eq!(
            ok(&p.lines[0]),
            ("Piet Jansen", "piet@gemeente.nl", "colleagues")
        );
        assert!(p.is_clean());
    }

    #[test]
    fn bare_address_and_group_id() {
        let p = parse("piet@gemeente.nl, staff\nklaas@gemeente.nl;board\njan@gemeente.nl\tothers");
        let got: Vec<_> = p.lines.iter().map(ok).collect();
        assert_eq!(
            got,
            [
                ("", "piet@gemeente.nl", "staff"),
                ("", "klaas@gemeente.nl", "board"),
                ("", "jan@gemeente.nl", "others"),
            ]
        );
    }

    #[test]
    fn three_columns_and_quoted_names() {
        let p = parse(
            "Piet Jansen, piet@gemeente.nl, medewerkers\n\
             \"Jansen, Klaas\" <klaas@gemeente.nl>, college\n\
             Jansen, Anna <anna@gemeente.nl>, MT",
        );
        assert_eq!(
            ok(&p.lines[0]),
            ("Piet Jansen", "piet@gemeente.nl", "staff")
        );
        assert_eq!(
            ok(&p.lines[1]),
            ("Jansen, Klaas", "klaas@gemeente.nl", "board")
        );
        assert_eq!(
            ok(&p.lines[2]),
            ("Jansen, Anna", "anna@gemeente.nl", "colleagues")
        );
    }

    #[test]
    fn groups_by_id_or_label_in_any_case_and_accents() {
        let groups = default_groups("gemeentesecretaris");
        let cases = [
            ("STAFF", "staff"),
            ("Medewerkers", "staff"),
            ("collegas", "colleagues"),
            ("Collega’s (MT)", "colleagues"),
            ("COLLEGA'S", "colleagues"),
            ("Colleagues (management team)", "colleagues"),
            ("Collégá's", "colleagues"),
            ("college", "board"),
            ("burgemeester en wethouders", "board"),
            ("Board", "board"),
            ("informanten", "others"),
            ("extern", "others"),
            ("  others ", "others"),
            ("zelf", "self"),
        ];
        for (given, id) in cases {
            assert_eq!(
                find_group(&groups, given).map(|g| g.id.as_str()),
                Some(id),
                "{given:?}"
            );
        }
        assert_eq!(find_group(&groups, "leidinggevende"), None);
        assert_eq!(find_group(&groups, ""), None);
        let raadslid = default_groups("raadslid");
        assert_eq!(find_group(&raadslid, "partijbestuur").unwrap().id, "board");
        assert_eq!(find_group(&raadslid, "fractie").unwrap().id, "colleagues");
    }

    #[test]
    fn csv_with_dutch_header() {
        let p = parse(
            "naam,email,groep\nPiet Jansen,piet@gemeente.nl,collega's\n\"Jansen, Klaas\",klaas@gemeente.nl,Medewerkers\n",
        );
        assert_eq!(p.lines.len(), 2);
        assert_eq!(p.lines[0].line_no, 2);
        assert_eq!(
            ok(&p.lines[0]),
            ("Piet Jansen", "piet@gemeente.nl", "colleagues")
        );
        assert_eq!(p.lines[1].line_no, 3);
        assert_eq!(
            p.lines[1].raw,
            "\"Jansen, Klaas\",klaas@gemeente.nl,Medewerkers"
        );
        assert_eq!(
            ok(&p.lines[1]),
            ("Jansen, Klaas", "klaas@gemeente.nl", "staff")
        );
    }

    #[test]
    fn csv_with_english_header_other_order_semicolons_and_bom() {
        let p = parse(
            "\u{feff}# export uit Excel\r\nGroup;E-mail;Name;Afdeling\r\n\r\nstaff;piet@gemeente.nl;Piet;Burgerzaken\r\n;;;\r\n# klaar\r\nboard;wethouder@gemeente.nl;;\r\n",
        );
        assert_eq!(p.lines.len(), 2, "{:?}", p.lines);
        assert_eq!(p.lines[0].line_no, 4);
        assert_eq!(p.lines[0].raw, "staff;piet@gemeente.nl;Piet;Burgerzaken");
        assert_eq!(ok(&p.lines[0]), ("Piet", "piet@gemeente.nl", "staff"));
        assert_eq!(p.lines[1].line_no, 7);
        assert_eq!(ok(&p.lines[1]), ("", "wethouder@gemeente.nl", "board"));
    }

    #[test]
    fn csv_with_tabs_and_without_group_column() {
        let p = parse("e-mailadres\tnaam\npiet@gemeente.nl\tPiet\n");
        assert_eq!(err(&p.lines[0]), &InformantError::MissingGroup { line: 2 });
    }

    #[test]
    fn csv_bad_rows_are_marked() {
        let p = parse(
            "name,email,group\nPiet,piet@gemeente,staff\nKlaas,,staff\nAnna,anna@gemeente.nl,\nJan,jan@gemeente.nl,bakkers\n",
        );
        let errors: Vec<_> = p.errors().cloned().collect();
        assert_eq!(errors.len(), 4);
        assert_eq!(
            errors[0],
            InformantError::MalformedAddress {
                line: 2,
                address: "piet@gemeente".into()
            }
        );
        assert_eq!(errors[1], InformantError::MissingEmail { line: 3 });
        assert_eq!(errors[2], InformantError::MissingGroup { line: 4 });
        assert!(
            matches!(&errors[3], InformantError::UnknownGroup { line: 5, given, .. } if given == "bakkers")
        );
    }

    #[test]
    fn blank_lines_comments_and_windows_line_endings() {
        let p = parse(
            "# informanten voor de scan\r\n\r\n   \r\npiet@gemeente.nl, staff\r\n  # nog een\r\nklaas@gemeente.nl, board\r\n",
        );
        assert_eq!(p.lines.len(), 2);
        assert_eq!(p.lines[0].line_no, 4);
        assert_eq!(p.lines[0].raw, "piet@gemeente.nl, staff");
        assert_eq!(p.lines[1].line_no, 6);
        assert_eq!(ok(&p.lines[1]).2, "board");
        assert!(parse("").lines.is_empty());
        assert!(parse("\n\n# niets\n").lines.is_empty());
    }

    #[test]
    fn tricky_addresses() {
        let good = [
            ("o'brien@gemeente.nl", "o'brien@gemeente.nl"),
            ("Piet.Jansen+360@Gemeente.NL", "piet.jansen+360@gemeente.nl"),
            (
                "p.jansen@sub.gemeente-maastricht.nl",
                "p.jansen@sub.gemeente-maastricht.nl",
            ),
            ("  piet@gemeente.nl  ", "piet@gemeente.nl"),
        ];
        for (given, expected) in good {
            let p = parse(&format!("{given}, staff"));
            assert_eq!(ok(&p.lines[0]).1, expected, "{given:?}");
        }
        let bad = [
            "piet@gemeente",
            "piet@@gemeente.nl",
            "piet@gemeente.",
            ".piet@gemeente.nl",
            "piet..jansen@gemeente.nl",
            "piet jansen@gemeente.nl",
            "piet@[10.0.0.1]",
            "\"piet jansen\"@gemeente.nl",
            "mailto:piet@gemeente.nl",
            "Piet <piet@gemeente.nl",
            "<piet@gemeente.nl>>",
        ];
        for given in bad {
            let p = parse(&format!("{given}, staff"));
            assert!(
                matches!(
                    err(&p.lines[0]),
                    InformantError::MalformedAddress { line: 1, .. }
                ),
                "{given:?}: {:?}",
                p.lines[0].outcome
            );
        }
    }

    #[test]
    fn display_name_inside_angle_brackets_only_once() {
        // The parser takes the part in brackets; the display-name form is not an address.
        assert_eq!(parse_address("Piet <piet@gemeente.nl>"), None);
        assert_eq!(
            parse_address("piet@gemeente.nl").unwrap().as_str(),
            "piet@gemeente.nl"
        );
        let p = parse("<piet@gemeente.nl>, staff");
        assert_eq!(ok(&p.lines[0]), ("", "piet@gemeente.nl", "staff"));
    }

    #[test]
    fn missing_email_and_group() {
        let p = parse("Piet Jansen, staff\npiet@gemeente.nl\npiet@gemeente.nl,\n, staff");
        assert_eq!(err(&p.lines[0]), &InformantError::MissingEmail { line: 1 });
        assert_eq!(err(&p.lines[1]), &InformantError::MissingGroup { line: 2 });
        assert_eq!(err(&p.lines[2]), &InformantError::MissingGroup { line: 3 });
        assert_eq!(err(&p.lines[3]), &InformantError::MissingEmail { line: 4 });
    }

    #[test]
    fn unknown_group_lists_the_usable_ones() {
        let p = parse("piet@gemeente.nl, bakkers");
        let InformantError::UnknownGroup {
            line,
            given,
            known_nl,
            known_en,
        } = err(&p.lines[0])
        else {
            panic!("{:?}", p.lines[0]);
        };
        assert_eq!((*line, given.as_str()), (1, "bakkers"));
        assert_eq!(known_nl.len(), 4);
        assert!(known_nl.contains(&"Medewerkers".to_owned()));
        assert!(!known_nl.contains(&"Zelf".to_owned()));
        assert!(known_en.contains(&"Staff".to_owned()));
        assert!(err(&p.lines[0]).message_nl().contains("Medewerkers"));
        assert!(err(&p.lines[0]).to_string().contains("Staff"));
    }

    #[test]
    fn duplicates_in_the_list_ignore_case() {
        let p = parse(
            "piet@gemeente.nl, staff\nbad-address, staff\nPIET@Gemeente.NL, board\nPiet <piet@GEMEENTE.nl>, others",
        );
        assert!(p.lines[0].outcome.is_ok());
        assert_eq!(
            err(&p.lines[2]),
            &InformantError::DuplicateInList {
                line: 3,
                email: Email::parse("piet@gemeente.nl").unwrap(),
                first_line: 1
            }
        );
        assert!(matches!(
            err(&p.lines[3]),
            InformantError::DuplicateInList {
                line: 4,
                first_line: 1,
                ..
            }
        ));
        assert_eq!(p.informants().count(), 1);
    }

    #[test]
    fn a_rejected_line_does_not_count_as_first() {
        let p = parse("piet@gemeente.nl, bakkers\npiet@gemeente.nl, staff");
        assert!(p.lines[0].outcome.is_err());
        assert!(p.lines[1].outcome.is_ok());
    }

    #[test]
    fn already_invited_ignores_case() {
        let p = parse_with(
            "Piet@Gemeente.nl, staff\nklaas@gemeente.nl, staff",
            &["piet@gemeente.nl"],
        );
        assert_eq!(
            err(&p.lines[0]),
            &InformantError::AlreadyInvited {
                line: 1,
                email: Email::parse("piet@gemeente.nl").unwrap()
            }
        );
        assert!(p.lines[1].outcome.is_ok());
    }

    #[test]
    fn subject_and_self_group() {
        let p = parse("GS@gemeente.nl, staff\npiet@gemeente.nl, zelf\ngs@gemeente.nl, self");
        assert_eq!(
            err(&p.lines[0]),
            &InformantError::SubjectInOtherGroup {
                line: 1,
                email: subject()
            }
        );
        assert_eq!(
            err(&p.lines[1]),
            &InformantError::SelfGroupReserved { line: 2 }
        );
        assert_eq!(
            err(&p.lines[2]),
            &InformantError::SelfGroupReserved { line: 3 }
        );
        let groups = default_groups("maastricht-2014");
        let own = subject_invitation(" Gemeentesecretaris ", &subject(), &groups).unwrap();
        assert_eq!(
            (own.name.as_str(), own.email.as_str(), own.group.as_str()),
            ("Gemeentesecretaris", "gs@gemeente.nl", "self")
        );
        assert_eq!(subject_invitation("x", &subject(), &groups[1..]), None);
    }

    #[test]
    fn name_too_long() {
        let name = "n".repeat(MAX_NAME_CHARS + 1);
        let p = parse(&format!("{name} <piet@gemeente.nl>, staff"));
        assert_eq!(
            err(&p.lines[0]),
            &InformantError::NameTooLong {
                line: 1,
                max: MAX_NAME_CHARS
            }
        );
    }

    #[test]
    fn whole_input_limits() {
        let groups = default_groups("gemeentesecretaris");
        let subject = subject();
        let existing = HashSet::new();
        let ctx = InformantContext {
            groups: &groups,
            subject_email: &subject,
            existing: &existing,
        };
        let huge = "x".repeat(MAX_INPUT_BYTES + 1);
        assert_eq!(
            parse_informant_list(&huge, &ctx),
            Err(InformantError::InputTooLarge {
                bytes: MAX_INPUT_BYTES + 1,
                max: MAX_INPUT_BYTES
            })
        );
        // Exactly the limit of lines, with comments between, is fine.
        let list: String = (0..MAX_LINES)
            .map(|i| format!("# {i}\np{i}@gemeente.nl, staff\n"))
            .collect();
        let preview = parse_informant_list(&list, &ctx).unwrap();
        assert_eq!(preview.informants().count(), MAX_LINES);
        let over = format!("{list}extra@gemeente.nl, staff\n");
        assert_eq!(
            parse_informant_list(&over, &ctx),
            Err(InformantError::TooManyLines {
                line: 2 * MAX_LINES + 1,
                max: MAX_LINES
            })
        );
        let csv_over = format!(
            "email,group\n{}",
            (0..=MAX_LINES)
                .map(|i| format!("p{i}@gemeente.nl,staff\n"))
                .collect::<String>()
        );
        assert_eq!(
            parse_informant_list(&csv_over, &ctx),
            Err(InformantError::TooManyLines {
                line: MAX_LINES + 2,
                max: MAX_LINES
            })
        );
    }

    #[test]
    fn single_entry_uses_the_same_rules() {
        let groups = default_groups("maastricht-2014");
        let subject = subject();
        let existing: HashSet<Email> = [Email::parse("klaas@gemeente.nl").unwrap()].into();
        let ctx = InformantContext {
            groups: &groups,
            subject_email: &subject,
            existing: &existing,
        };
        let piet = check_informant(" Piet ", "Piet@Gemeente.nl", "Leidinggevende", &ctx).unwrap();
        assert_eq!(piet.group, "manager");
        assert_eq!(piet.name, "Piet");
        let e = check_informant("Klaas", "KLAAS@gemeente.nl", "staff", &ctx).unwrap_err();
        assert!(matches!(e, InformantError::AlreadyInvited { line: 0, .. }));
        // A single entry's message names no line.
        assert_eq!(e.to_string(), "klaas@gemeente.nl is already invited");
        assert_eq!(e.message_nl(), "klaas@gemeente.nl is al uitgenodigd");
        assert_eq!(
            check_informant("Anna", "anna@", "staff", &ctx)
                .unwrap_err()
                .line(),
            0
        );
    }

    #[test]
    fn every_error_has_a_line_and_both_languages() {
        let email = subject();
        let all = [
            InformantError::InputTooLarge { bytes: 9, max: 8 },
            InformantError::TooManyLines { line: 7, max: 1000 },
            InformantError::Unreadable { line: 7 },
            InformantError::MissingEmail { line: 7 },
            InformantError::MalformedAddress {
                line: 7,
                address: "x@".into(),
            },
            InformantError::MissingGroup { line: 7 },
            InformantError::UnknownGroup {
                line: 7,
                given: "x".into(),
                known_nl: vec!["Medewerkers".into()],
                known_en: vec!["Staff".into()],
            },
            InformantError::SelfGroupReserved { line: 7 },
            InformantError::SubjectInOtherGroup {
                line: 7,
                email: email.clone(),
            },
            InformantError::DuplicateInList {
                line: 7,
                email: email.clone(),
                first_line: 2,
            },
            InformantError::AlreadyInvited { line: 7, email },
            InformantError::NameTooLong { line: 7, max: 200 },
        ];
        for e in &all[1..] {
            assert_eq!(e.line(), 7);
            assert!(e.to_string().starts_with("line 7: "), "{e}");
            assert!(
                e.message_nl().starts_with("regel 7: "),
                "{}",
                e.message_nl()
            );
            assert_ne!(e.to_string(), e.message_nl());
        }
        assert_eq!(all[0].line(), 0);
        assert!(all[0].message_nl().contains("bytes"));
    }

    /// Builds list lines from pieces that are sometimes good, sometimes not.
    fn line_strategy() -> impl Strategy<Value = String> {
        let name = prop::sample::select(vec![
            "",
            "Piet Jansen",
            "\"Jansen, Piet\"",
            "Ànne-Marie O'Brien",
        ]);
        let email = prop_oneof![
            "[a-z]{1,8}@[a-z]{1,8}\\.nl",
            "[A-Z][a-z.+']{0,8}@gemeente\\.[a-z]{2,3}",
            "\\PC{0,30}",
            "[a-z@.<> \"]{0,20}",
        ];
        let group = prop::sample::select(vec![
            "staff",
            "Medewerkers",
            "collega's",
            "zelf",
            "",
            "bakkers",
            "COLLEGE",
        ]);
        let sep = prop::sample::select(vec![", ", ";", "\t", ",,"]);
        (name, email, group, sep, any::<bool>()).prop_map(|(name, email, group, sep, angle)| {
            if angle {
                format!("{name} <{email}>{sep}{group}")
            } else {
                format!("{email}{sep}{group}")
            }
        })
    }

    proptest! {
        #[test]
        fn parser_never_panics_on_anything(input in "\\PC{0,400}") {
            let _ = parse_with(&input, &["a@b.nl"]);
        }

        #[test]
        fn parser_never_panics_on_csv_like_input(
            header in prop::sample::select(vec!["naam,email,groep", "Group;E-mail", "email\tname", "x,y"]),
            rows in prop::collection::vec("[a-z@.,;\"\t <>#\r]{0,30}", 0..20),
        ) {
            let input = format!("{header}\n{}", rows.join("\n"));
            let _ = parse(&input);
        }

        #[test]
        fn accepted_addresses_are_always_valid(lines in prop::collection::vec(line_strategy(), 1..30)) {
            let input = lines.join("\r\n");
            let preview = parse(&input);
            let expected = lines.iter().filter(|l| !is_skipped(l)).count();
            prop_assert_eq!(preview.lines.len(), expected);
            let mut seen = HashSet::new();
            for line in &preview.lines {
                prop_assert!(line.line_no >= 1 && line.line_no <= lines.len());
                match &line.outcome {
                    Ok(informant) => {
                        let address = informant.email.as_str();
                        prop_assert!(email_address::EmailAddress::is_valid(address), "{}", address);
                        prop_assert_eq!(parse_address(address), Some(informant.email.clone()));
                        prop_assert!(!address.contains(['<', '>', ' ', '"', ',', ';']));
                        prop_assert_eq!(address.to_lowercase(), address);
                        prop_assert!(address != subject().as_str());
                        prop_assert!(informant.group != "self");
                        prop_assert!(seen.insert(informant.email.clone()), "duplicate accepted");
                    }
                    Err(error) => prop_assert_eq!(error.line(), line.line_no),
                }
            }
        }

        #[test]
        fn addresses_without_exactly_one_at_are_never_accepted(
            local in "[a-z0-9.@ ]{0,10}",
            domain in "[a-z0-9.@ ]{0,10}",
        ) {
            let address = format!("{local}{domain}");
            prop_assume!(address.matches('@').count() != 1);
            let preview = parse(&format!("{address}, staff"));
            for line in &preview.lines {
                prop_assert!(line.outcome.is_err());
            }
        }
    }
}

//! The checks every informant gets, typed alone into the form or read from a list.

use std::collections::HashSet;

use super::group_names::find_group;
use super::{Informant, InformantError, MAX_NAME_CHARS, parse_address};
use crate::domain::account::Email;
use crate::domain::scan::RaterGroup;

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

/// The checks every informant gets, in the order the organiser would fix them.
pub(super) fn build(
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
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scan::default_groups;

    #[test]
    fn single_entry_uses_the_same_rules() {
        let groups = default_groups("maastricht-2014");
        let subject = Email::parse("gs@gemeente.nl").unwrap();
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
}

//! One informant to invite, and the address rule every invitation follows.

use serde::{Deserialize, Serialize};

use crate::domain::account::Email;
use crate::domain::scan::RaterGroup;

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

/// The subject's own invitation, in the self group; `None` when the scan has no self group.
pub fn subject_invitation(name: &str, email: &Email, groups: &[RaterGroup]) -> Option<Informant> {
    groups.iter().find(|g| g.is_self).map(|g| Informant {
        name: name.trim().to_owned(),
        email: email.clone(),
        group: g.id.clone(),
    })
}

//! A scan (ontwikkelscan): one round of feedback about one subject. What the organiser types
//! ([`ScanDraft`]) is checked against the chosen framework and the product rules
//! ([`validate_scan`]) into a [`ValidScan`], or into *every* problem at once ([`ScanError`]), so
//! the form can mark all fields in one round trip instead of one error per submit.
//!
//! Pure code: the caller passes the framework and the current time, nothing is read or stored.
//! One file per purpose, all re-exported here, so every type is named `domain::scan::X`:
//!
//! * `draft.rs`, `valid_scan.rs`: the organiser's input and the checked scan;
//! * `validation.rs`: the checks from one to the other; `error.rs`: every problem, in English
//!   and Dutch;
//! * `status.rs`: the life cycle; `edit_rules.rs`: what an edit may change once a scan is open;
//! * `rater_groups.rs`: rater groups and the groups a new scan starts with;
//! * `framework_choices.rs`: a profile's competencies and the next level up;
//! * `limits.rs`: k and the longest texts (the invitations' language is
//!   `domain::language::Language`, re-exported here);
//! * `form.rs`: the form as typed; `progress.rs`: the invitations' progress; `example.rs`: the
//!   example scan the tests and benchmarks share;
//! * `group_reach.rs`: groups that cannot reach k; `dashboard.rs`: the organiser's home page;
//!   `error_names.rs`: problems with the framework's names instead of its ids.

mod draft;
mod edit_rules;
mod error;
mod framework_choices;
mod limits;
mod rater_groups;
mod status;
mod valid_scan;
mod validation;

pub mod dashboard;
pub mod error_names;
pub mod example;
pub mod form;
pub mod group_reach;
pub mod progress;

#[cfg(test)]
mod test_fixtures;

pub use draft::ScanDraft;
pub use edit_rules::check_edit;
pub use error::{LockedField, ScanError, TextField};
pub use framework_choices::{next_level, preselect_from_profile};
// The language moved to `domain::language` (it is not about scans); kept here for old paths.
pub use super::language::Language;
pub use limits::{
    DEFAULT_K, MAX_INTRODUCTION_CHARS, MAX_REMINDER_DAYS, MAX_SHORT_TEXT_CHARS, MIN_K,
};
pub use rater_groups::{RaterGroup, SELF_GROUP_ID, default_groups};
pub use status::ScanStatus;
pub use valid_scan::ValidScan;
pub use validation::{check_person_status, validate_scan};

//! A scan that passed validation: what storage keeps and every later step reads.

use serde::{Deserialize, Serialize};

use super::{Language, RaterGroup};
use crate::domain::account::Email;

/// A scan whose input passed [`validate_scan`](super::validate_scan): normalised and consistent with its framework.
///
/// Only [`validate_scan`](super::validate_scan) should build one from user input; the fields are public so storage
/// can persist and load it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValidScan {
    /// Trimmed subject name.
    pub subject_name: String,
    /// Normalised subject email.
    pub subject_email: Email,
    /// Trimmed job title (may be empty).
    pub subject_job_title: String,
    /// Framework id.
    pub framework_id: String,
    /// Framework version the questions come from.
    pub framework_version: u32,
    /// The profile used, if any.
    pub profile_id: Option<String>,
    /// The level asked (levelled frameworks only).
    pub level_id: Option<String>,
    /// The next level up, when asked as well.
    pub next_level_id: Option<String>,
    /// Chosen competencies, without repeats, in the framework's display order so the
    /// questionnaire and the report follow the framework's clusters.
    pub competency_ids: Vec<String>,
    /// Rater groups, in the organiser's order, with labels trimmed.
    pub groups: Vec<RaterGroup>,
    /// Anonymity minimum, at least [`MIN_K`](super::MIN_K).
    pub k: usize,
    /// Deadline, unix seconds, in the future when validated.
    pub deadline: i64,
    /// Language of the invitations.
    pub language: Language,
    /// Trimmed introduction text for the informants.
    pub introduction: String,
    /// Trimmed introduction text for the subject (self); empty for none. Scans stored before
    /// it existed have none.
    #[serde(default)]
    pub introduction_self: String,
    /// Report readers, normalised, without repeats, in the organiser's order.
    pub report_readers: Vec<Email>,
    /// Days before the deadline for the automatic reminder, within [`MAX_REMINDER_DAYS`](super::MAX_REMINDER_DAYS).
    #[serde(default)]
    pub reminder_days: Option<u32>,
    /// Whether the organiser may see per informant who submitted.
    #[serde(default)]
    pub person_status: bool,
}

impl ValidScan {
    /// The levels whose behaviours are asked: the job's level, then the next one if asked.
    pub fn levels(&self) -> Vec<&str> {
        self.level_id
            .iter()
            .chain(self.next_level_id.iter())
            .map(String::as_str)
            .collect()
    }

    /// The group the subject rates themselves in.
    pub fn self_group(&self) -> Option<&RaterGroup> {
        self.groups.iter().find(|g| g.is_self)
    }

    /// Looks a group up by id.
    pub fn group(&self, id: &str) -> Option<&RaterGroup> {
        self.groups.iter().find(|g| g.id == id)
    }
}

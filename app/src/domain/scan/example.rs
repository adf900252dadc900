//! The example scan the tests, benchmarks and load tests share: a policy officer
//! (beleidsmedewerker) of the municipality of Maastricht at level 8–10, with the profile's seven
//! competencies, the framework's default rater groups and k = 3. One realistic questionnaire
//! everywhere, instead of a copy per test.

use super::{ScanDraft, default_groups, preselect_from_profile};
use crate::domain::catalog::Framework;

/// The example draft for `framework` (the built-in `maastricht-2014`), due at `deadline`.
/// Change fields with struct update syntax: `ScanDraft { k: 2, ..maastricht_example(..) }`.
pub fn maastricht_example(framework: &Framework, deadline: i64) -> ScanDraft {
    ScanDraft {
        subject_name: "Piet Jansen".into(),
        subject_email: "piet@gemeente.nl".into(),
        subject_job_title: "Beleidsmedewerker".into(),
        framework_id: framework.id.clone(),
        framework_version: framework.version,
        profile_id: Some("beleidsmedewerker".into()),
        level_id: Some("8-10".into()),
        include_next_level: false,
        competency_ids: preselect_from_profile(framework, "beleidsmedewerker"),
        groups: default_groups(&framework.id),
        k: 3,
        deadline,
        language: Default::default(),
        introduction: String::new(),
        introduction_self: String::new(),
        report_readers: vec![],
        reminder_days: None,
        person_status: false,
    }
}

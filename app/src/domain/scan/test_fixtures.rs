//! What the scan module's tests share: the shipped frameworks, a fixed "now" and a valid draft.

use crate::domain::catalog::{Framework, builtin};
use crate::domain::scan::{
    DEFAULT_K, Language, ScanDraft, ScanError, default_groups, preselect_from_profile,
    validate_scan,
};

pub(super) const NOW: i64 = 1_750_000_000;
pub(super) const WEEK: i64 = 7 * 24 * 3600;

pub(super) fn framework(id: &str) -> Framework {
    builtin()
        .into_iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no shipped framework {id}"))
}

pub(super) fn maastricht() -> Framework {
    framework("maastricht-2014")
}

pub(super) fn strings(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| (*s).to_owned()).collect()
}

/// A valid draft for the Maastricht framework with the Adviseur profile and no own choices.
pub(super) fn draft() -> ScanDraft {
    let fw = maastricht();
    ScanDraft {
        subject_name: "  Piet Jansen ".into(),
        subject_email: "Piet.Jansen@Maastricht.nl".into(),
        subject_job_title: "Adviseur P&O".into(),
        framework_id: fw.id.clone(),
        framework_version: fw.version,
        profile_id: Some("adviseur".into()),
        level_id: Some("8-10".into()),
        include_next_level: false,
        competency_ids: preselect_from_profile(&fw, "adviseur"),
        groups: default_groups(&fw.id),
        k: DEFAULT_K,
        deadline: NOW + 2 * WEEK,
        language: Language::Nl,
        introduction: "Beste collega, ...".into(),
        introduction_self: String::new(),
        report_readers: vec![
            "Manager@Maastricht.nl".into(),
            "manager@maastricht.nl".into(),
        ],
        reminder_days: Some(3),
        person_status: false,
    }
}

pub(super) fn errors_of(draft: &ScanDraft, fw: &Framework) -> Vec<ScanError> {
    validate_scan(draft, fw, NOW).expect_err("draft should be invalid")
}

//! Checks what an organiser typed into the scan form ([`ScanDraft`]) against the chosen
//! framework and the product rules, and returns either a [`ValidScan`] or *every* problem at
//! once, so the form can mark all fields in one round trip instead of one error per submit.

use std::collections::HashSet;

use super::{
    MAX_INTRODUCTION_CHARS, MAX_REMINDER_DAYS, MAX_SHORT_TEXT_CHARS, MIN_K, RaterGroup, ScanDraft,
    ScanError, TextField, ValidScan, next_level,
};
use crate::domain::account::Email;
use crate::domain::catalog::{Framework, is_slug};
use crate::domain::informants::parse_address;

/// Checks a draft against its framework at time `now` (unix seconds) and returns the
/// normalised scan, or every problem found, in form order.
pub fn validate_scan(
    draft: &ScanDraft,
    framework: &Framework,
    now: i64,
) -> Result<ValidScan, Vec<ScanError>> {
    let mut errors = Vec::new();

    // Subject.
    let subject_name = draft.subject_name.trim();
    if subject_name.is_empty() {
        errors.push(ScanError::SubjectNameMissing);
    }
    check_length(
        &mut errors,
        TextField::SubjectName,
        subject_name,
        MAX_SHORT_TEXT_CHARS,
    );
    let subject_email = parse_address(&draft.subject_email);
    if subject_email.is_none() {
        errors.push(ScanError::InvalidSubjectEmail {
            input: draft.subject_email.clone(),
        });
    }
    let job_title = draft.subject_job_title.trim();
    check_length(
        &mut errors,
        TextField::JobTitle,
        job_title,
        MAX_SHORT_TEXT_CHARS,
    );

    // Framework and questions.
    if draft.framework_id != framework.id || draft.framework_version != framework.version {
        errors.push(ScanError::FrameworkMismatch {
            requested: draft.framework_id.clone(),
            requested_version: draft.framework_version,
            found: framework.id.clone(),
            found_version: framework.version,
        });
    }
    let (level_id, next_level_id) = check_levels(&mut errors, draft, framework);
    let competency_ids = check_competencies(&mut errors, draft, framework);

    // Groups and settings.
    let groups = check_groups(&mut errors, &draft.groups);
    if draft.k < MIN_K {
        errors.push(ScanError::KTooSmall {
            k: draft.k,
            min: MIN_K,
        });
    }
    if draft.deadline <= now {
        errors.push(ScanError::DeadlineNotInFuture {
            deadline: draft.deadline,
            now,
        });
    }
    let introduction = draft.introduction.trim();
    check_length(
        &mut errors,
        TextField::Introduction,
        introduction,
        MAX_INTRODUCTION_CHARS,
    );
    let introduction_self = draft.introduction_self.trim();
    check_length(
        &mut errors,
        TextField::IntroductionSelf,
        introduction_self,
        MAX_INTRODUCTION_CHARS,
    );

    if let Some(days) = draft.reminder_days
        && !(1..=MAX_REMINDER_DAYS).contains(&days)
    {
        errors.push(ScanError::ReminderDaysOutOfRange {
            days,
            max: MAX_REMINDER_DAYS,
        });
    }

    let mut report_readers: Vec<Email> = Vec::new();
    for input in draft.report_readers.iter().filter(|r| !r.trim().is_empty()) {
        match parse_address(input) {
            // A reader listed twice is harmless: keep one.
            Some(email) if report_readers.contains(&email) => {}
            Some(email) => report_readers.push(email),
            None => errors.push(ScanError::InvalidReaderEmail {
                input: input.clone(),
            }),
        }
    }

    match subject_email {
        Some(subject_email) if errors.is_empty() => Ok(ValidScan {
            subject_name: subject_name.to_owned(),
            subject_email,
            subject_job_title: job_title.to_owned(),
            framework_id: framework.id.clone(),
            framework_version: framework.version,
            profile_id: draft.profile_id.clone(),
            level_id,
            next_level_id,
            competency_ids,
            groups,
            k: draft.k,
            deadline: draft.deadline,
            language: draft.language,
            introduction: introduction.to_owned(),
            introduction_self: introduction_self.to_owned(),
            report_readers,
            reminder_days: draft.reminder_days,
            person_status: draft.person_status,
        }),
        _ => Err(errors),
    }
}

fn check_length(errors: &mut Vec<ScanError>, field: TextField, text: &str, max: usize) {
    let found = text.chars().count();
    if found > max {
        errors.push(ScanError::TooLong { field, max, found });
    }
}

/// Returns the level and next level ids when they are valid.
fn check_levels(
    errors: &mut Vec<ScanError>,
    draft: &ScanDraft,
    framework: &Framework,
) -> (Option<String>, Option<String>) {
    if !framework.is_levelled() {
        if draft.level_id.is_some() || draft.include_next_level {
            errors.push(ScanError::LevelNotApplicable {
                framework: framework.id.clone(),
            });
        }
        return (None, None);
    }
    let known = || framework.levels.iter().map(|l| l.id.clone()).collect();
    let Some(level_id) = draft.level_id.as_deref() else {
        errors.push(ScanError::LevelRequired {
            framework: framework.id.clone(),
            known: known(),
        });
        return (None, None);
    };
    if !framework.levels.iter().any(|l| l.id == level_id) {
        errors.push(ScanError::UnknownLevel {
            id: level_id.to_owned(),
            known: known(),
        });
        return (None, None);
    }
    let next = if draft.include_next_level {
        match next_level(framework, level_id) {
            Some(next) => Some(next.id.clone()),
            None => {
                errors.push(ScanError::NoNextLevel {
                    level: level_id.to_owned(),
                });
                None
            }
        }
    } else {
        None
    };
    (Some(level_id.to_owned()), next)
}

/// Returns the known chosen competencies in framework order, without repeats.
fn check_competencies(
    errors: &mut Vec<ScanError>,
    draft: &ScanDraft,
    framework: &Framework,
) -> Vec<String> {
    if draft.competency_ids.is_empty() {
        errors.push(ScanError::NoCompetencies);
    }
    let mut seen = HashSet::new();
    for id in &draft.competency_ids {
        if !seen.insert(id.as_str()) {
            errors.push(ScanError::DuplicateCompetency { id: id.clone() });
        } else if framework.competency(id).is_none() {
            errors.push(ScanError::UnknownCompetency {
                id: id.clone(),
                framework: framework.id.clone(),
            });
        }
    }

    if let Some(profile_id) = draft.profile_id.as_deref() {
        match framework.profile(profile_id) {
            None => errors.push(ScanError::UnknownProfile {
                id: profile_id.to_owned(),
                framework: framework.id.clone(),
            }),
            Some(profile) => {
                for required in profile.competency_ids() {
                    if !seen.contains(required) {
                        errors.push(ScanError::ProfileCompetencyMissing {
                            profile: profile.id.clone(),
                            competency: required.to_owned(),
                        });
                    }
                }
                let prescribed: HashSet<&str> = profile.competency_ids().collect();
                let mut extras: Vec<String> = Vec::new();
                for id in &draft.competency_ids {
                    if !prescribed.contains(id.as_str()) && !extras.contains(id) {
                        extras.push(id.clone());
                    }
                }
                let allowed = usize::from(profile.own_choice);
                if profile.fixed && !extras.is_empty() {
                    errors.push(ScanError::FixedProfileExtras {
                        profile: profile.id.clone(),
                        extras,
                    });
                } else if extras.len() > allowed {
                    errors.push(ScanError::TooManyOwnChoices {
                        profile: profile.id.clone(),
                        allowed,
                        found: extras.len(),
                        extras,
                    });
                }
            }
        }
    }

    framework
        .competencies
        .iter()
        .filter(|c| seen.contains(c.id.as_str()))
        .map(|c| c.id.clone())
        .collect()
}

/// Returns the groups with trimmed labels.
fn check_groups(errors: &mut Vec<ScanError>, groups: &[RaterGroup]) -> Vec<RaterGroup> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(groups.len());
    for group in groups {
        if !is_slug(&group.id) {
            errors.push(ScanError::InvalidGroupId {
                id: group.id.clone(),
            });
        } else if !seen.insert(group.id.as_str()) {
            errors.push(ScanError::DuplicateGroup {
                id: group.id.clone(),
            });
            continue;
        }
        let label_nl = group.label_nl.trim();
        let label_en = group.label_en.trim();
        if label_nl.is_empty() || label_en.is_empty() {
            errors.push(ScanError::EmptyGroupLabel {
                id: group.id.clone(),
            });
        }
        out.push(RaterGroup {
            id: group.id.clone(),
            label_nl: label_nl.to_owned(),
            label_en: label_en.to_owned(),
            identifiable: group.identifiable,
            is_self: group.is_self,
        });
    }
    let selves: Vec<String> = out
        .iter()
        .filter(|g| g.is_self)
        .map(|g| g.id.clone())
        .collect();
    match selves.len() {
        0 => errors.push(ScanError::NoSelfGroup),
        1 => {}
        _ => errors.push(ScanError::MultipleSelfGroups { ids: selves }),
    }
    out
}

/// Checks that per-person response status is not asked by an organiser who is the subject.
pub fn check_person_status(scan: &ValidScan, organiser: &Email) -> Result<(), ScanError> {
    if scan.person_status && scan.subject_email == *organiser {
        Err(ScanError::PersonStatusForSubject)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests;

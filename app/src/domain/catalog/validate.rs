//! The rules a framework must keep before a scan may use it.
//!
//! All problems are collected, not just the first, so an administrator can fix an imported file
//! in one go.
//!
//! Profile rules (only when the framework has `profile_rules`, see seed 004 art. 3 lid 2-3):
//! * `core` holds exactly `rules.core` competencies, all from `rules.core_cluster`;
//!   `specific` holds none from it.
//! * A fixed profile allows no own choice (the management profiles have 6 fixed ones).
//! * An ordinary profile has `rules.specific` specific competencies and at most
//!   `rules.own_choice_max` own choices, or no specific ones and exactly
//!   `rules.specific + rules.own_choice_max` own choices (the "Vakspecialist" case, where the
//!   manager picks all of them).
//! * Core + specific + own choice never exceeds `rules.max_total`.
//!
//! Without `profile_rules` only known and unique competency ids are checked.

use std::collections::HashSet;

use super::error::{IdKind, ValidationError};
use super::model::{Framework, Profile, ProfileRules};

/// Checks every rule and returns all problems found (empty when the framework is valid).
pub fn validate(file: &str, framework: &Framework) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    let f = file.to_string();

    check_id(&mut errors, &f, IdKind::Framework, &framework.id);
    if framework.name.trim().is_empty() || framework.name_en.trim().is_empty() {
        errors.push(ValidationError::EmptyName {
            file: f.clone(),
            kind: IdKind::Framework,
            id: framework.id.clone(),
        });
    }

    let mut values = HashSet::new();
    for label in &framework.rating_labels {
        if !values.insert(label.value) {
            errors.push(ValidationError::DuplicateRatingValue {
                file: f.clone(),
                value: label.value,
            });
        }
        if label.label.trim().is_empty() || label.label_en.trim().is_empty() {
            errors.push(ValidationError::EmptyName {
                file: f.clone(),
                kind: IdKind::RatingLabel,
                id: label.value.to_string(),
            });
        }
    }

    let level_ids = unique_ids(
        &mut errors,
        &f,
        IdKind::Level,
        framework
            .levels
            .iter()
            .map(|l| (l.id.as_str(), l.name.as_str())),
    );
    let cluster_ids = unique_ids(
        &mut errors,
        &f,
        IdKind::Cluster,
        framework
            .clusters
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str())),
    );
    let competency_ids = unique_ids(
        &mut errors,
        &f,
        IdKind::Competency,
        framework
            .competencies
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str())),
    );
    unique_ids(
        &mut errors,
        &f,
        IdKind::Profile,
        framework
            .profiles
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str())),
    );

    if framework.competencies.is_empty() {
        errors.push(ValidationError::NoCompetencies { file: f.clone() });
    }

    for competency in &framework.competencies {
        let c = || competency.id.clone();
        if competency.definition.trim().is_empty() {
            errors.push(ValidationError::EmptyDefinition {
                file: f.clone(),
                competency: c(),
            });
        }
        if !cluster_ids.contains(competency.cluster.as_str()) {
            errors.push(ValidationError::UnknownCluster {
                file: f.clone(),
                competency: c(),
                cluster: competency.cluster.clone(),
            });
        }
        let mut seen = HashSet::new();
        for content in &competency.levels {
            if !level_ids.contains(content.level.as_str()) {
                errors.push(ValidationError::UnknownLevel {
                    file: f.clone(),
                    competency: c(),
                    level: content.level.clone(),
                });
            }
            if !seen.insert(content.level.as_str()) {
                errors.push(ValidationError::RepeatedLevel {
                    file: f.clone(),
                    competency: c(),
                    level: content.level.clone(),
                });
            }
            if content.behaviours.is_empty() {
                errors.push(ValidationError::EmptyLevel {
                    file: f.clone(),
                    competency: c(),
                    level: content.level.clone(),
                });
            }
            empty_texts(
                &mut errors,
                &f,
                &competency.id,
                "behaviour",
                &content.behaviours,
            );
            empty_texts(&mut errors, &f, &competency.id, "tip", &content.tips);
        }
        empty_texts(&mut errors, &f, &competency.id, "item", &competency.items);
        for level in &framework.levels {
            if !seen.contains(level.id.as_str()) {
                errors.push(ValidationError::MissingLevel {
                    file: f.clone(),
                    competency: c(),
                    level: level.id.clone(),
                });
            }
        }
    }

    if let Some(rules) = &framework.profile_rules
        && !cluster_ids.contains(rules.core_cluster.as_str())
    {
        errors.push(ValidationError::UnknownCoreCluster {
            file: f.clone(),
            cluster: rules.core_cluster.clone(),
        });
    }
    for profile in &framework.profiles {
        check_profile(
            &mut errors,
            &f,
            framework,
            &competency_ids,
            profile,
            framework.profile_rules.as_ref(),
        );
    }
    errors
}

/// True for lowercase ASCII slugs: "a-z0-9" words joined by single '-'.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn check_id(errors: &mut Vec<ValidationError>, file: &str, kind: IdKind, id: &str) {
    if !is_slug(id) {
        errors.push(ValidationError::InvalidId {
            file: file.to_string(),
            kind,
            id: id.to_string(),
        });
    }
}

fn unique_ids<'a>(
    errors: &mut Vec<ValidationError>,
    file: &str,
    kind: IdKind,
    items: impl Iterator<Item = (&'a str, &'a str)>,
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (id, name) in items {
        // Level ids such as "3-7" are slugs too.
        check_id(errors, file, kind, id);
        if !seen.insert(id) {
            errors.push(ValidationError::DuplicateId {
                file: file.to_string(),
                kind,
                id: id.to_string(),
            });
        }
        if name.trim().is_empty() {
            errors.push(ValidationError::EmptyName {
                file: file.to_string(),
                kind,
                id: id.to_string(),
            });
        }
    }
    seen
}

fn empty_texts(
    errors: &mut Vec<ValidationError>,
    file: &str,
    competency: &str,
    what: &'static str,
    texts: &[String],
) {
    if texts.iter().any(|t| t.trim().is_empty()) {
        errors.push(ValidationError::EmptyText {
            file: file.to_string(),
            competency: competency.to_string(),
            what,
        });
    }
}

fn check_profile(
    errors: &mut Vec<ValidationError>,
    file: &str,
    framework: &Framework,
    competency_ids: &HashSet<&str>,
    profile: &Profile,
    rules: Option<&ProfileRules>,
) {
    let p = || profile.id.clone();
    let mut seen = HashSet::new();
    for id in profile.competency_ids() {
        if !competency_ids.contains(id) {
            errors.push(ValidationError::UnknownProfileCompetency {
                file: file.to_string(),
                profile: p(),
                competency: id.to_string(),
            });
        }
        if !seen.insert(id) {
            errors.push(ValidationError::DuplicateProfileCompetency {
                file: file.to_string(),
                profile: p(),
                competency: id.to_string(),
            });
        }
    }
    if profile.fixed && profile.own_choice > 0 {
        errors.push(ValidationError::FixedWithOwnChoice {
            file: file.to_string(),
            profile: p(),
            own_choice: profile.own_choice,
        });
    }
    let Some(rules) = rules else { return };

    let in_core = |id: &str| {
        framework
            .competency(id)
            .is_some_and(|c| c.cluster == rules.core_cluster)
    };
    for id in &profile.core {
        if competency_ids.contains(id.as_str()) && !in_core(id) {
            errors.push(ValidationError::CoreOutsideCoreCluster {
                file: file.to_string(),
                profile: p(),
                competency: id.clone(),
            });
        }
    }
    for id in &profile.specific {
        if in_core(id) {
            errors.push(ValidationError::SpecificInCoreCluster {
                file: file.to_string(),
                profile: p(),
                competency: id.clone(),
            });
        }
    }
    if profile.core.len() != rules.core {
        errors.push(ValidationError::ProfileCoreCount {
            file: file.to_string(),
            profile: p(),
            expected: rules.core,
            found: profile.core.len(),
        });
    }
    let own = usize::from(profile.own_choice);
    if !profile.fixed {
        if profile.specific.is_empty() {
            // Specific competencies left to the manager: all of them become own choice.
            let allowed = rules.specific + rules.own_choice_max;
            if own != allowed {
                errors.push(ValidationError::ProfileOwnChoice {
                    file: file.to_string(),
                    profile: p(),
                    allowed,
                    found: own,
                });
            }
        } else {
            if profile.specific.len() != rules.specific {
                errors.push(ValidationError::ProfileSpecificCount {
                    file: file.to_string(),
                    profile: p(),
                    expected: rules.specific,
                    found: profile.specific.len(),
                });
            }
            if own > rules.own_choice_max {
                errors.push(ValidationError::ProfileOwnChoice {
                    file: file.to_string(),
                    profile: p(),
                    allowed: rules.own_choice_max,
                    found: own,
                });
            }
        }
    }
    let total = profile.core.len() + profile.specific.len() + own;
    if total > rules.max_total {
        errors.push(ValidationError::ProfileTooMany {
            file: file.to_string(),
            profile: p(),
            max: rules.max_total,
            found: total,
        });
    }
}

//! The competency profile of a cycle as a party sees it (art. 3 lid 2–3): the chosen
//! competencies with the behaviours at the job's level, and for the manager what the guide
//! offers to choose from. Names come from the stored guide; an id the guide no longer holds is
//! shown as itself rather than hidden.

use crate::domain::appraisal::competency_choice::{
    ChosenCompetency, level_for_scale, profile_kind,
};
use crate::domain::appraisal::development_agreements::ProfileKind;
use crate::domain::appraisal::view::{
    CompetencyLine, CompetencyOption, CompetencyOptions, ProfileLine, ProfileOption, Text,
};
use crate::domain::catalog::Framework;
use crate::storage::appraisal::StoredCycleRecord;

/// The chosen competencies stored on the cycle ('' or a JSON list).
pub fn chosen(record: &StoredCycleRecord) -> Vec<ChosenCompetency> {
    if record.cycle.competencies.trim().is_empty() {
        return Vec::new();
    }
    serde_json::from_str(&record.cycle.competencies).unwrap_or_default()
}

/// A competency's name in the guide, or its id.
pub fn competency_name(framework: Option<&Framework>, id: &str) -> String {
    framework
        .and_then(|f| f.competency(id))
        .map(|c| c.name.clone())
        .unwrap_or_else(|| id.to_string())
}

fn source_label(source: &str) -> Text {
    match source {
        "core" => Text::new("kerncompetentie", "core competency"),
        "specific" => Text::new("functiespecifiek", "job-specific"),
        _ => Text::new("naar keuze", "of the manager's choice"),
    }
}

/// The profile as chosen, with which competencies already carry an agreement.
pub fn profile_line(
    record: &StoredCycleRecord,
    framework: Option<&Framework>,
) -> Option<ProfileLine> {
    let profile_id = record.cycle.profile_id.clone()?;
    let scale = record.cycle.salary_scale.unwrap_or_default();
    let level =
        framework.and_then(|f| u8::try_from(scale).ok().and_then(|s| level_for_scale(f, s)));
    let level_id = level.map(|l| l.id.clone()).unwrap_or_default();
    let agreed: Vec<&str> = record
        .agreements
        .iter()
        .filter(|a| a.kind == "development" && a.status == "agreed")
        .filter_map(|a| a.competency_id.as_deref())
        .collect();
    let competencies = chosen(record)
        .into_iter()
        .map(|c| {
            let found = framework.and_then(|f| f.competency(&c.id));
            CompetencyLine {
                name: competency_name(framework, &c.id),
                source_label: source_label(&c.source),
                definition: found.map(|f| f.definition.clone()).unwrap_or_default(),
                behaviours: found
                    .and_then(|f| f.at_level(&level_id))
                    .map(|l| l.behaviours.clone())
                    .unwrap_or_default(),
                agreed: agreed.contains(&c.id.as_str()),
                id: c.id,
                source: c.source,
            }
        })
        .collect();
    Some(ProfileLine {
        name: framework
            .and_then(|f| f.profile(&profile_id))
            .map(|p| p.name.clone())
            .unwrap_or_else(|| profile_id.clone()),
        id: profile_id,
        scale,
        level: level.map(|l| l.name.clone()).unwrap_or_default(),
        competencies,
    })
}

/// The guide's profiles and its competencies outside the core, to choose from.
pub fn options(framework: &Framework) -> CompetencyOptions {
    let core_cluster = framework
        .profile_rules
        .as_ref()
        .map(|r| r.core_cluster.as_str())
        .unwrap_or("kern");
    CompetencyOptions {
        profiles: framework
            .profiles
            .iter()
            .map(|p| ProfileOption {
                id: p.id.clone(),
                name: p.name.clone(),
                kind: match profile_kind(p) {
                    ProfileKind::Ordinary => "ordinary",
                    ProfileKind::Vakspecialist => "vakspecialist",
                    ProfileKind::Management => "management",
                }
                .into(),
            })
            .collect(),
        competencies: framework
            .competencies
            .iter()
            .filter(|c| c.cluster != core_cluster)
            .map(|c| CompetencyOption {
                id: c.id.clone(),
                name: c.name.clone(),
            })
            .collect(),
        scales: framework
            .levels
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

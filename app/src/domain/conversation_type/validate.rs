//! The rules a conversation type keeps before a record may use it.
//!
//! Every reference inside a type resolves (subject and planner roles, the setting that decides
//! whether the person discussed may change the summary), ids are unique slugs, texts screens
//! show are not empty, and the kinds the record rules give meaning to (agreements, look back,
//! sign-off) occur at most once. All problems are collected, not just the first.

use std::collections::HashSet;

use super::error::{ItemKind, TypeProblem};
use super::model::{AnswerKind, ConversationType, SectionKind, SubjectMayChange};
use super::{MAX_RETENTION_MONTHS, READER_ROLE};
use crate::domain::catalog::is_slug;

/// The shortest and longest plan a record accepts; a minimum duration outside it is useless.
const DURATION_MINUTES: std::ops::RangeInclusive<u32> = 15..=600;

/// Checks every rule and returns all problems found (empty when the type is valid).
pub fn validate(t: &ConversationType) -> Vec<TypeProblem> {
    let mut problems = Vec::new();
    let p = &mut problems;

    check_id(p, ItemKind::Type, &t.id);
    if t.version == 0 {
        p.push(TypeProblem::VersionZero);
    }
    for (field, text) in [
        ("name", &t.name),
        ("name_en", &t.name_en),
        ("source", &t.source),
        ("description", &t.description),
    ] {
        empty(p, ItemKind::Type, &t.id, field, text);
    }
    if t.sample_agenda.iter().any(|line| line.trim().is_empty()) {
        empty(p, ItemKind::Type, &t.id, "sample_agenda", "");
    }

    check_roles(p, t);
    check_sections(p, t);
    check_preparation(p, t);

    if !(1..=MAX_RETENTION_MONTHS).contains(&t.retention_months) {
        p.push(TypeProblem::Retention(t.retention_months));
    }
    if let Some(minutes) = t.min_duration_minutes
        && !DURATION_MINUTES.contains(&minutes)
    {
        p.push(TypeProblem::MinDuration(minutes));
    }
    if t.is_assessment {
        p.push(TypeProblem::Assessment);
    }
    problems
}

fn check_roles(p: &mut Vec<TypeProblem>, t: &ConversationType) {
    if t.roles.is_empty() {
        p.push(TypeProblem::NoRoles);
    }
    let mut seen = HashSet::new();
    for role in &t.roles {
        check_id(p, ItemKind::Role, &role.id);
        if !seen.insert(role.id.as_str()) {
            duplicate(p, ItemKind::Role, &role.id);
        }
        if role.id == READER_ROLE {
            p.push(TypeProblem::ReservedRole(role.id.clone()));
        }
        empty(p, ItemKind::Role, &role.id, "name", &role.name);
        empty(p, ItemKind::Role, &role.id, "name_en", &role.name_en);
    }
    match t.role(&t.subject_role) {
        None => p.push(TypeProblem::UnknownSubjectRole(t.subject_role.clone())),
        Some(subject) if !subject.required || subject.repeatable => {
            p.push(TypeProblem::SubjectRoleShape(subject.id.clone()));
        }
        Some(_) => {}
    }
    if t.planner_roles.is_empty() {
        p.push(TypeProblem::NoPlannerRoles);
    }
    for planner in &t.planner_roles {
        if t.role(planner).is_none() {
            p.push(TypeProblem::UnknownPlannerRole(planner.clone()));
        } else if *planner == t.subject_role {
            p.push(TypeProblem::SubjectPlans(planner.clone()));
        }
    }
}

fn check_sections(p: &mut Vec<TypeProblem>, t: &ConversationType) {
    if t.sections.is_empty() {
        p.push(TypeProblem::NoSections);
    }
    let mut seen = HashSet::new();
    for (expected, section) in (1u32..).zip(&t.sections) {
        check_id(p, ItemKind::Section, &section.id);
        if !seen.insert(section.id.as_str()) {
            duplicate(p, ItemKind::Section, &section.id);
        }
        if section.number != expected {
            p.push(TypeProblem::SectionNumber {
                id: section.id.clone(),
                expected,
                found: section.number,
            });
        }
        empty(p, ItemKind::Section, &section.id, "title", &section.title);
        if let Some(intro) = &section.intro {
            empty(p, ItemKind::Section, &section.id, "intro", intro);
        }
        if let Some(label) = &section.notes_label {
            empty(p, ItemKind::Section, &section.id, "notes_label", label);
        }
        if section
            .prompts
            .iter()
            .any(|prompt| prompt.trim().is_empty())
        {
            empty(p, ItemKind::Section, &section.id, "prompts", "");
        }
        if section.kind == SectionKind::SignOff
            && (!section.prompts.is_empty() || section.notes_label.is_some())
        {
            p.push(TypeProblem::SignOffWithText(section.id.clone()));
        }
    }
    for kind in [
        SectionKind::Agreements,
        SectionKind::LookBack,
        SectionKind::SignOff,
    ] {
        let count = t.sections.iter().filter(|s| s.kind == kind).count();
        if count > 1 {
            p.push(TypeProblem::TooManyOfKind {
                kind: kind.as_str(),
                count,
            });
        }
    }
}

fn check_preparation(p: &mut Vec<TypeProblem>, t: &ConversationType) {
    let mut seen = HashSet::new();
    for question in &t.preparation {
        check_id(p, ItemKind::Question, &question.id);
        if !seen.insert(question.id.as_str()) {
            duplicate(p, ItemKind::Question, &question.id);
        }
        empty(p, ItemKind::Question, &question.id, "text", &question.text);
    }
    if let SubjectMayChange::Setting(id) = &t.subject_may_change {
        match t.preparation_question(id) {
            None => p.push(TypeProblem::UnknownSetting(id.clone())),
            Some(q) if q.answer != AnswerKind::YesNo => {
                p.push(TypeProblem::SettingNotYesNo(id.clone()));
            }
            Some(_) => {}
        }
    }
}

fn check_id(p: &mut Vec<TypeProblem>, kind: ItemKind, id: &str) {
    if !is_slug(id) {
        p.push(TypeProblem::InvalidId {
            kind,
            id: id.to_owned(),
        });
    }
}

fn duplicate(p: &mut Vec<TypeProblem>, kind: ItemKind, id: &str) {
    p.push(TypeProblem::DuplicateId {
        kind,
        id: id.to_owned(),
    });
}

fn empty(p: &mut Vec<TypeProblem>, kind: ItemKind, id: &str, field: &'static str, text: &str) {
    if text.trim().is_empty() {
        p.push(TypeProblem::EmptyText {
            kind,
            id: id.to_owned(),
            field,
        });
    }
}

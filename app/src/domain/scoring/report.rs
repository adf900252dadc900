//! Builds the whole report from the scan's settings, item structure and responses.
//!
//! Order of work, chosen so the per-competency and per-behaviour figures cannot be played off
//! against each other:
//!
//! 1. Per competency × level, decide which groups are published (shown or pooled) from the
//!    counted respondents (see `anonymity`).
//! 2. Per behaviour of that cell, apply the same rule again, considering only the groups
//!    published in step 1: a group left out of a competency is left out of its behaviours too.
//! 3. Compute the competency figures. Means use every answer of a counted respondent; the
//!    distribution and "cannot judge" counts only take answers on behaviours where the
//!    respondent's group was published in step 2. So the distributions of "others" per behaviour
//!    add up exactly to the distribution of "others" for the competency, and subtracting one from
//!    the other reveals nothing.
//!
//! Per behaviour the report publishes only self, others and the gap — not the individual
//! groups — because group lines per behaviour next to group lines per competency would let a
//! reader subtract their way to a pooled group's answers.
//!
//! Known limit: a competency *mean* still uses every answer of a counted respondent, including
//! answers on a behaviour where their group was too small to publish. Because a respondent's
//! score is a mean over the behaviours they rated, these answers cannot be isolated by plain
//! subtraction, but the guarantee for means across the two levels is weaker than for counts.
//!
//! Everything is sorted by id and every sum is order-independent, so shuffling the responses
//! never changes a figure.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::agreement::AgreementCategory;
use super::anonymity::Breakdown;
use super::highlights::Highlights;
use super::input::{
    BehaviourId, CompetencyId, GroupId, ItemStructure, LevelId, Response, ScanConfig, ScoringError,
};
use super::stats::{Contribution, Spread, Stats};

/// The settings the figures were computed with, published with them so the page can explain
/// the rules with the right numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Method {
    /// k: fewest counted respondents for a group (or the pooled line) to be shown.
    pub min_group_size: usize,
    /// The Fleenor threshold on the 1–5 scale.
    pub agreement_threshold: f64,
    /// The group shown as "self".
    pub self_group: GroupId,
    /// Groups shown whatever their size.
    pub identifiable_groups: Vec<GroupId>,
    /// Which standard deviation `sd` is.
    pub spread: Spread,
}

/// The figures of one competency at one level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetencyResult {
    /// The competency.
    pub competency: CompetencyId,
    /// The level whose behaviours were asked.
    pub level: LevelId,
    /// Self, shown groups, pooled line, others and gap.
    pub figures: Breakdown,
    /// Self–other agreement; absent without both a self and an others' mean.
    pub agreement: Option<AgreementCategory>,
}

/// The published figures of one behaviour: self and others only (see the module docs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BehaviourResult {
    /// The competency the behaviour belongs to.
    pub competency: CompetencyId,
    /// The level the behaviour belongs to.
    pub level: LevelId,
    /// The behaviour.
    pub behaviour: BehaviourId,
    /// The subject's own rating; absent when self did not answer it.
    pub self_line: Option<Stats>,
    /// Every published respondent except self, per the anonymity rule for this behaviour.
    pub others: Option<Stats>,
    /// Others' mean − self's score.
    pub gap: Option<f64>,
}

/// Everything the report page and the exports show, without any presentation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The rules' settings.
    pub method: Method,
    /// Per competency × level, sorted by competency id, then level id.
    pub competencies: Vec<CompetencyResult>,
    /// Per behaviour, sorted by competency, level and behaviour id.
    pub behaviours: Vec<BehaviourResult>,
    /// Highest, lowest and largest-gap behaviours.
    pub highlights: Highlights,
}

/// Computes the report. Fails only on input that does not belong to the scan (a rating of an
/// unknown behaviour); the config and item structure were validated when they were built.
pub fn build_report(
    config: &ScanConfig,
    items: &ItemStructure,
    responses: &[Response],
) -> Result<Report, ScoringError> {
    // Reject unknown behaviours, reporting the smallest id so the error is order-independent.
    if let Some(unknown) = responses
        .iter()
        .flat_map(|r| r.ratings.keys())
        .filter(|b| !items.contains(b))
        .min()
    {
        return Err(ScoringError::UnknownBehaviour(unknown.clone()));
    }

    let mut competencies = Vec::new();
    let mut behaviours = Vec::new();
    for (competency, level, cell_behaviours) in items.cells() {
        if cell_behaviours.is_empty() {
            continue;
        }
        // Step 1: which groups the competency publishes (counted respondents only decide).
        let (_, cell_groups) = Breakdown::build_with_published(
            config,
            cell_contributions(responses, cell_behaviours, |_, _| true),
        );

        // Step 2: per behaviour, among those groups only.
        let mut behaviour_groups: BTreeMap<&BehaviourId, BTreeSet<GroupId>> = BTreeMap::new();
        for behaviour in cell_behaviours {
            let contributions = responses
                .iter()
                .filter(|r| cell_groups.contains(&r.group))
                .filter_map(|r| {
                    Contribution::for_behaviour(r.ratings.get(behaviour))
                        .map(|c| (r.group.clone(), c))
                })
                .collect();
            let (figures, published) = Breakdown::build_with_published(config, contributions);
            behaviour_groups.insert(behaviour, published);
            behaviours.push(BehaviourResult {
                competency: competency.clone(),
                level: level.clone(),
                behaviour: behaviour.clone(),
                self_line: figures.self_line,
                others: figures.others,
                gap: figures.gap,
            });
        }

        // Step 3: the competency figures, distributions restricted to published answers.
        let figures = Breakdown::build(
            config,
            cell_contributions(responses, cell_behaviours, |group, behaviour| {
                behaviour_groups
                    .get(behaviour)
                    .is_some_and(|groups| groups.contains(group))
            }),
        );
        let agreement = figures
            .self_line
            .as_ref()
            .and_then(|s| s.mean)
            .zip(figures.others.as_ref().and_then(|o| o.mean))
            .map(|(own, others)| {
                AgreementCategory::classify(own, others, config.agreement_threshold())
            });
        competencies.push(CompetencyResult {
            competency: competency.clone(),
            level: level.clone(),
            figures,
            agreement,
        });
    }

    let highlights = Highlights::from_behaviours(&behaviours);
    Ok(Report {
        method: Method {
            min_group_size: config.min_group_size(),
            agreement_threshold: config.agreement_threshold(),
            self_group: config.self_group().to_owned(),
            identifiable_groups: config.identifiable_groups().iter().cloned().collect(),
            spread: Spread::SampleStandardDeviation,
        },
        competencies,
        behaviours,
        highlights,
    })
}

/// Every respondent's contribution to one cell, tagged with their group.
fn cell_contributions(
    responses: &[Response],
    behaviours: &[BehaviourId],
    publishes_answers: impl Fn(&GroupId, &BehaviourId) -> bool,
) -> Vec<(GroupId, Contribution)> {
    responses
        .iter()
        .filter_map(|response| {
            Contribution::for_cell(&response.ratings, behaviours, |behaviour| {
                publishes_answers(&response.group, behaviour)
            })
            .map(|c| (response.group.clone(), c))
        })
        .collect()
}

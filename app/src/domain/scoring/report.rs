//! Builds the whole report from the scan's settings, item structure and responses.
//!
//! Order of work, chosen so the per-competency and per-behaviour figures cannot be played off
//! against each other:
//!
//! 1. Per competency × level, decide which groups are published (shown or pooled) from the
//!    counted respondents (see `anonymity`).
//! 2. Per behaviour of that cell, apply the same rule again, considering only the groups
//!    published in step 1: a group left out of a competency is left out of its behaviours too.
//! 3. Compute the competency figures from the answers published in step 2 only: means, n,
//!    the half rule, distribution and "cannot judge" alike. So the distributions of "others" per
//!    behaviour add up exactly to the distribution of "others" for the competency, and no
//!    competency figure rests on an answer withheld for its behaviour.
//! 4. If step 3 publishes fewer groups than step 1 (a group whose members keep too few published
//!    answers falls below k), repeat steps 2 and 3 among those groups until nothing changes; the
//!    set only shrinks, so this ends.
//!
//! Per behaviour the report publishes only self, others and the gap — not the individual
//! groups — because group lines per behaviour next to group lines per competency would let a
//! reader subtract their way to a pooled group's answers.
//!
//! [`build_version`] adds the published comments (see `comments`) and who is in each line
//! protected by k (see `release`).
//!
//! Everything is sorted by id and every sum is order-independent, so shuffling the responses
//! never changes a figure.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::agreement::AgreementCategory;
use super::anonymity::{Breakdown, LineId, Lines, Parts};
use super::comments::{Reach, publish_comments};
use super::highlights::Highlights;
use super::input::{
    BehaviourId, CompetencyId, GroupId, ItemStructure, LevelId, Response, ScanConfig, ScoringError,
};
use super::release::{Membership, Version, line_key};
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
    Ok(build(config, items, responses)?.report)
}

/// Everything readers may be shown at one moment: the figures, the comments, and who is in each
/// line protected by k (kept with a frozen version so the next can be compared, see `release`).
pub fn build_version(
    config: &ScanConfig,
    items: &ItemStructure,
    responses: &[Response],
) -> Result<Version, ScoringError> {
    let built = build(config, items, responses)?;
    let (comments, comment_members) = publish_comments(config, &built.reach, responses);
    let mut membership = built.membership;
    membership.lines.extend(comment_members);
    Ok(Version {
        report: built.report,
        comments,
        membership: Some(membership),
    })
}

struct Built {
    report: Report,
    membership: Membership,
    reach: BTreeMap<CompetencyId, Vec<Reach>>,
}

fn build(
    config: &ScanConfig,
    items: &ItemStructure,
    responses: &[Response],
) -> Result<Built, ScoringError> {
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
    let mut membership = Membership::default();
    let mut reach: BTreeMap<CompetencyId, Vec<Reach>> = BTreeMap::new();
    for (competency, level, cell_behaviours) in items.cells() {
        if cell_behaviours.is_empty() {
            continue;
        }
        // Step 1: which groups the competency publishes (counted respondents only decide).
        let mut groups = Lines::build(
            config,
            cell_contributions(responses, cell_behaviours, |_, _| true),
            Parts::Published,
        )
        .published;
        // Steps 2 and 3 until the groups stay the same: restricting the competency to published
        // answers can leave a group below k, whose behaviours are then decided again without it.
        // The set only shrinks, so this ends.
        let (behaviour_lines, cell_lines) = loop {
            let behaviour_lines: Vec<(&BehaviourId, Lines)> = cell_behaviours
                .iter()
                .map(|behaviour| {
                    let contributions = responses
                        .iter()
                        .filter(|r| groups.contains(&r.group))
                        .filter_map(|r| {
                            Contribution::for_behaviour(&r.id, r.ratings.get(behaviour))
                                .map(|c| (r.group.clone(), c))
                        })
                        .collect();
                    (
                        behaviour,
                        Lines::build(config, contributions, Parts::Unpublished),
                    )
                })
                .collect();
            let publishes: BTreeMap<&BehaviourId, &BTreeSet<GroupId>> = behaviour_lines
                .iter()
                .map(|(behaviour, lines)| (*behaviour, &lines.published))
                .collect();
            let cell_lines = Lines::build(
                config,
                cell_contributions(responses, cell_behaviours, |group, behaviour| {
                    groups.contains(group)
                        && publishes
                            .get(behaviour)
                            .is_some_and(|published| published.contains(group))
                })
                .into_iter()
                .filter(|(group, _)| groups.contains(group))
                .collect(),
                Parts::Published,
            );
            if cell_lines.published == groups {
                break (behaviour_lines, cell_lines);
            }
            groups = cell_lines.published.clone();
        };

        for (behaviour, lines) in behaviour_lines {
            if let Some(members) = lines.members.get(&LineId::Others) {
                membership.lines.insert(
                    line_key(&["behaviour", behaviour, "others"]),
                    members.clone(),
                );
            }
            let figures = lines.breakdown;
            behaviours.push(BehaviourResult {
                competency: competency.clone(),
                level: level.clone(),
                behaviour: behaviour.clone(),
                self_line: figures.self_line,
                others: figures.others,
                gap: figures.gap,
            });
        }

        for (line, members) in &cell_lines.members {
            let key = match line {
                LineId::Group(group) => line_key(&["cell", competency, level, "group", group]),
                LineId::Pooled => line_key(&["cell", competency, level, "pooled"]),
                LineId::Others => line_key(&["cell", competency, level, "others"]),
            };
            membership.lines.insert(key, members.clone());
        }
        let figures = cell_lines.breakdown;
        reach.entry(competency.clone()).or_default().push(Reach {
            shown: figures.groups.iter().map(|g| g.group.clone()).collect(),
            pooled: cell_lines.pooled,
        });
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
    let report = Report {
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
    };
    Ok(Built {
        report,
        membership,
        reach,
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
            Contribution::for_cell(&response.id, &response.ratings, behaviours, |behaviour| {
                publishes_answers(&response.group, behaviour)
            })
            .map(|c| (response.group.clone(), c))
        })
        .collect()
}

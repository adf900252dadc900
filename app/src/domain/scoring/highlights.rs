//! The behaviours worth talking about: the highest and lowest rated by others, and the largest
//! differences between self and others.
//!
//! - Only behaviours with an others' mean (after the anonymity rule per behaviour) take part.
//! - **Highest** and **lowest**: at most [`HIGHLIGHT_COUNT`] each, by others' mean; ties go to
//!   the behaviour id, so the lists are deterministic. A behaviour never appears in both: with
//!   fewer than 2 × 5 candidates the highest list takes the larger half (rounded up), the lowest
//!   list the rest.
//! - **Largest gaps**: at most [`HIGHLIGHT_COUNT`] behaviours with both a self and an others'
//!   mean and a non-zero difference, by |self − others| descending, ties to the behaviour id.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::input::{BehaviourId, CompetencyId, LevelId};
use super::report::BehaviourResult;

/// How many behaviours each highlight list holds at most.
pub const HIGHLIGHT_COUNT: usize = 5;

/// One behaviour in a highlight list, with the figures the list is ordered by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BehaviourHighlight {
    /// The competency the behaviour belongs to.
    pub competency: CompetencyId,
    /// The level the behaviour belongs to.
    pub level: LevelId,
    /// The behaviour.
    pub behaviour: BehaviourId,
    /// Others' mean (anonymity rule applied).
    pub others_mean: f64,
    /// Counted raters behind `others_mean`.
    pub others_n: usize,
    /// The subject's own score, if given.
    pub self_mean: Option<f64>,
    /// Others − self, if both exist.
    pub gap: Option<f64>,
}

/// The three highlight lists of a report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Highlights {
    /// Highest rated by others, best first.
    pub highest: Vec<BehaviourHighlight>,
    /// Lowest rated by others, lowest first.
    pub lowest: Vec<BehaviourHighlight>,
    /// Largest |self − others|, largest first.
    pub largest_gaps: Vec<BehaviourHighlight>,
}

impl Highlights {
    /// Picks the lists from all behaviour results.
    pub(crate) fn from_behaviours(behaviours: &[BehaviourResult]) -> Highlights {
        let mut candidates: Vec<BehaviourHighlight> =
            behaviours.iter().filter_map(highlight).collect();

        let by_gap = |a: &BehaviourHighlight, b: &BehaviourHighlight| {
            let abs = |h: &BehaviourHighlight| h.gap.map_or(0.0, f64::abs);
            abs(b).total_cmp(&abs(a)).then_with(|| tie(a, b))
        };
        let mut gaps: Vec<BehaviourHighlight> = candidates
            .iter()
            .filter(|h| h.gap.is_some_and(|g| g != 0.0))
            .cloned()
            .collect();
        gaps.sort_by(by_gap);
        gaps.truncate(HIGHLIGHT_COUNT);

        candidates.sort_by(|a, b| {
            b.others_mean
                .total_cmp(&a.others_mean)
                .then_with(|| tie(a, b))
        });
        let highest_count = HIGHLIGHT_COUNT.min(candidates.len().div_ceil(2));
        let lowest_count = HIGHLIGHT_COUNT.min(candidates.len() - highest_count);
        let lowest: Vec<BehaviourHighlight> = {
            let mut rest = candidates.split_off(highest_count);
            rest.sort_by(|a, b| {
                a.others_mean
                    .total_cmp(&b.others_mean)
                    .then_with(|| tie(a, b))
            });
            rest.truncate(lowest_count);
            rest
        };
        Highlights {
            highest: candidates,
            lowest,
            largest_gaps: gaps,
        }
    }
}

/// Deterministic tie-break: by behaviour id (ids are unique within a scan).
fn tie(a: &BehaviourHighlight, b: &BehaviourHighlight) -> Ordering {
    a.behaviour.cmp(&b.behaviour)
}

fn highlight(result: &BehaviourResult) -> Option<BehaviourHighlight> {
    let others = result.others.as_ref()?;
    Some(BehaviourHighlight {
        competency: result.competency.clone(),
        level: result.level.clone(),
        behaviour: result.behaviour.clone(),
        others_mean: others.mean?,
        others_n: others.n,
        self_mean: result.self_line.as_ref().and_then(|s| s.mean),
        gap: result.gap,
    })
}

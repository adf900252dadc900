//! What the conversation should be about: the competencies that most need attention, with the
//! framework's development tips, and a suggested agenda after seed 000 ("Voorbeeld agenda":
//! look back on earlier agreements; discuss the competencies; agreements for the coming period).
//!
//! Both look only at the scan's own level (the next level, when asked, is there to show growth,
//! not to judge), and only at published figures.

use std::cmp::Ordering;

use crate::domain::catalog::Framework;
use crate::domain::scan::ValidScan;

use super::{Agenda, AttentionItem, CompetencyRow};

/// How many competencies the attention list and each agenda list name.
pub const GUIDE_COUNT: usize = 3;

/// The rows at the scan's own level (all rows for a framework without levels).
pub(super) fn own_level<'a>(
    rows: &'a [CompetencyRow],
    level: Option<&str>,
) -> Vec<&'a CompetencyRow> {
    rows.iter()
        .filter(|r| level.is_none_or(|level| r.level_id == level))
        .collect()
}

/// The score others gave, or self's when no others may be shown.
fn score(row: &CompetencyRow) -> Option<f64> {
    row.others_mean.or(row.self_mean)
}

/// Lowest score first; among equals, the one where others see less than self does first (a
/// blind spot weighs more than a modest self-view), then by name for a stable order.
fn by_need(a: &CompetencyRow, b: &CompetencyRow) -> Ordering {
    score(a)
        .unwrap_or(f64::INFINITY)
        .total_cmp(&score(b).unwrap_or(f64::INFINITY))
        .then_with(|| a.gap.unwrap_or(0.0).total_cmp(&b.gap.unwrap_or(0.0)))
        .then_with(|| a.name.cmp(&b.name))
}

/// The three competencies that most need attention: the lowest scores by others (self's score
/// when others are not shown), with the framework's development tips at the scan's level.
pub fn attention(
    rows: &[CompetencyRow],
    scan: &ValidScan,
    framework: &Framework,
) -> Vec<AttentionItem> {
    let mut candidates: Vec<&CompetencyRow> = own_level(rows, scan.level_id.as_deref())
        .into_iter()
        .filter(|r| score(r).is_some())
        .collect();
    candidates.sort_by(|a, b| by_need(a, b));
    candidates
        .into_iter()
        .take(GUIDE_COUNT)
        .map(|row| AttentionItem {
            name: row.name.clone(),
            level: row.level.clone(),
            others_mean: row.others_mean,
            self_mean: row.self_mean,
            gap: row.gap,
            tips: framework
                .competency(&row.competency_id)
                .and_then(|c| c.at_level(&row.level_id))
                .map(|level| level.tips.clone())
                .unwrap_or_default(),
        })
        .collect()
}

/// The suggested agenda's lists of competencies (the page words the items).
pub fn agenda(rows: &[CompetencyRow], scan: &ValidScan, attention: &[AttentionItem]) -> Agenda {
    let rows = own_level(rows, scan.level_id.as_deref());
    let names = |list: Vec<&CompetencyRow>| -> Vec<String> {
        list.into_iter()
            .take(GUIDE_COUNT)
            .map(|r| r.name.clone())
            .collect()
    };
    let mut gaps: Vec<&CompetencyRow> = rows.iter().copied().filter(|r| r.gap.is_some()).collect();
    gaps.sort_by(|a, b| {
        let size = |r: &CompetencyRow| r.gap.map_or(0.0, f64::abs);
        size(b)
            .total_cmp(&size(a))
            .then_with(|| a.name.cmp(&b.name))
    });
    let mut scored: Vec<&CompetencyRow> = rows
        .iter()
        .copied()
        .filter(|r| r.others_mean.is_some())
        .collect();
    scored.sort_by(|a, b| by_need(a, b));
    let lowest = names(scored.clone());
    let highest = names(scored.into_iter().rev().collect());
    Agenda {
        largest_gaps: names(gaps),
        lowest,
        highest,
        development: attention.iter().map(|a| a.name.clone()).collect(),
    }
}

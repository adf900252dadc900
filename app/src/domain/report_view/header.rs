//! What a reader needs to know before the figures: whose report, in which function, on which
//! framework and level, over which period, and as of when.

use serde::{Deserialize, Serialize};

use crate::domain::catalog::Framework;
use crate::domain::scan::ValidScan;

use super::ReportBasis;

/// When the scan opened, closed and was released (unix seconds), as stored with it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanDates {
    pub opened_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub released_at: Option<i64>,
}

/// The report's header: the subject, the framework and the period. Dates are unix seconds; the
/// page writes them as a Dutch calendar date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReportHeader {
    /// The subject's function; empty when the organiser gave none.
    pub job_title: String,
    pub framework_name_nl: String,
    pub framework_name_en: String,
    /// The level asked; empty for frameworks without levels.
    pub level_nl: String,
    pub level_en: String,
    /// The next level, when asked as well; empty otherwise.
    pub next_level_nl: String,
    pub next_level_en: String,
    pub opened_at: Option<i64>,
    /// The closing date the organiser set (the last second of that day, Dutch time).
    pub deadline: i64,
    /// When the scan was closed, if it was.
    pub closed_at: Option<i64>,
    /// When the figures were frozen for readers (released early, or the scan reopened).
    pub released_at: Option<i64>,
    /// The moment the figures shown are from: closing for final figures, the release for
    /// released or frozen ones (the deadline if neither is known).
    pub figures_at: i64,
}

impl ReportHeader {
    pub fn new(
        scan: &ValidScan,
        framework: &Framework,
        dates: ScanDates,
        basis: ReportBasis,
    ) -> ReportHeader {
        let level = |id: Option<&str>| -> (String, String) {
            id.and_then(|id| framework.levels.iter().find(|l| l.id == id))
                .map(|l| {
                    (
                        l.name.clone(),
                        l.name_en.clone().unwrap_or_else(|| l.name.clone()),
                    )
                })
                .unwrap_or_default()
        };
        let (level_nl, level_en) = level(scan.level_id.as_deref());
        let (next_level_nl, next_level_en) = level(scan.next_level_id.as_deref());
        let figures_at = match basis {
            ReportBasis::Final => dates.closed_at,
            ReportBasis::Released | ReportBasis::FrozenAtRelease => dates.released_at,
        }
        .unwrap_or(scan.deadline);
        ReportHeader {
            job_title: scan.subject_job_title.clone(),
            framework_name_nl: framework.name.clone(),
            framework_name_en: framework.name_en.clone(),
            level_nl,
            level_en,
            next_level_nl,
            next_level_en,
            opened_at: dates.opened_at,
            deadline: scan.deadline,
            closed_at: dates.closed_at,
            released_at: dates.released_at,
            figures_at,
        }
    }
}

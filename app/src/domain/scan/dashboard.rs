//! The organiser's home page as a dashboard: which scans are running (with their response and
//! deadline), which reports can be read, and what needs attention now — a draft nobody is
//! invited to yet, a group that can never be shown (`group_reach`), a deadline within a few
//! days, an invitation that did not arrive. Pure: the service gathers the facts per scan.

use serde::{Deserialize, Serialize};

use super::ScanStatus;
use super::group_reach::ReachWarning;

/// How close a deadline is before the dashboard points it out: three days.
pub const DEADLINE_SOON_SECONDS: i64 = 3 * 24 * 60 * 60;

/// What the dashboard knows of one scan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanFacts {
    pub id: String,
    pub subject_name: String,
    pub framework_nl: String,
    pub framework_en: String,
    pub status: ScanStatus,
    pub deadline: i64,
    /// Invitations whose link works (sent; a draft's are still waiting).
    pub invited: usize,
    /// Responses stored.
    pub submitted: usize,
    /// Working or waiting invitations outside the self group.
    pub informants: usize,
    /// Invitations whose latest email failed.
    pub failed: usize,
    /// Readers may open the report: the scan is closed, or its figures were released.
    pub report_readable: bool,
    /// Groups that cannot reach `k` (empty for a closed scan: the report says so itself).
    pub reach: ReachWarning,
}

/// Why a scan is on the "needs attention" list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttentionReason {
    /// A draft with nobody invited but the subject.
    NoInformants,
    /// Groups that can never be shown with the invitees they have.
    GroupsBelowK(ReachWarning),
    /// An open scan whose deadline is near.
    DeadlineSoon { deadline: i64 },
    /// Invitations whose email could not be delivered.
    FailedDeliveries { failed: usize },
}

/// One line of the "needs attention" list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attention {
    pub scan_id: String,
    pub subject_name: String,
    pub reason: AttentionReason,
}

/// The home page's sections.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Open scans, the nearest deadline first.
    pub open: Vec<ScanFacts>,
    /// Scans whose report can be read, in the order given (newest first).
    pub reports: Vec<ScanFacts>,
    /// Drafts, in the order given.
    pub drafts: Vec<ScanFacts>,
    /// What to do now, scan by scan in the order of the sections above.
    pub attention: Vec<Attention>,
}

impl Dashboard {
    /// No scans at all: the page invites the organiser to make one.
    pub fn is_empty(&self) -> bool {
        self.open.is_empty() && self.reports.is_empty() && self.drafts.is_empty()
    }
}

fn attention_for(scan: &ScanFacts, now: i64) -> Vec<AttentionReason> {
    let mut reasons = Vec::new();
    match scan.status {
        ScanStatus::Draft if scan.informants == 0 => reasons.push(AttentionReason::NoInformants),
        ScanStatus::Open if scan.deadline - now <= DEADLINE_SOON_SECONDS => {
            reasons.push(AttentionReason::DeadlineSoon {
                deadline: scan.deadline,
            });
        }
        _ => {}
    }
    if scan.status != ScanStatus::Closed {
        if !scan.reach.is_empty() {
            reasons.push(AttentionReason::GroupsBelowK(scan.reach.clone()));
        }
        if scan.failed > 0 {
            reasons.push(AttentionReason::FailedDeliveries {
                failed: scan.failed,
            });
        }
    }
    reasons
}

/// Sorts the scans (given newest first) into the dashboard's sections at time `now`.
pub fn dashboard(scans: Vec<ScanFacts>, now: i64) -> Dashboard {
    let mut board = Dashboard::default();
    for scan in scans {
        if scan.report_readable {
            board.reports.push(scan.clone());
        }
        match scan.status {
            ScanStatus::Open => board.open.push(scan),
            ScanStatus::Draft => board.drafts.push(scan),
            ScanStatus::Closed => {}
        }
    }
    board.open.sort_by_key(|s| s.deadline);
    let in_order = board.open.iter().chain(&board.drafts);
    board.attention = in_order
        .flat_map(|scan| {
            attention_for(scan, now)
                .into_iter()
                .map(|reason| Attention {
                    scan_id: scan.id.clone(),
                    subject_name: scan.subject_name.clone(),
                    reason,
                })
        })
        .collect();
    board
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scan::default_groups;
    use crate::domain::scan::group_reach::groups_below_k;

    const NOW: i64 = 1_800_000_000;
    const DAY: i64 = 24 * 60 * 60;

    fn scan(id: &str, status: ScanStatus) -> ScanFacts {
        ScanFacts {
            id: id.into(),
            subject_name: format!("Persoon {id}"),
            framework_nl: "Kader".into(),
            framework_en: "Framework".into(),
            status,
            deadline: NOW + 14 * DAY,
            invited: 6,
            submitted: 2,
            informants: 5,
            failed: 0,
            report_readable: status == ScanStatus::Closed,
            reach: ReachWarning::default(),
        }
    }

    fn reasons(board: &Dashboard) -> Vec<(&str, &AttentionReason)> {
        board
            .attention
            .iter()
            .map(|a| (a.scan_id.as_str(), &a.reason))
            .collect()
    }

    #[test]
    fn scans_go_to_their_sections() {
        let mut released = scan("r", ScanStatus::Open);
        released.report_readable = true;
        let board = dashboard(
            vec![
                scan("d", ScanStatus::Draft),
                scan("o", ScanStatus::Open),
                scan("c", ScanStatus::Closed),
                released,
            ],
            NOW,
        );
        let ids = |list: &[ScanFacts]| list.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&board.drafts), ["d"]);
        assert_eq!(ids(&board.open), ["o", "r"]);
        assert_eq!(ids(&board.reports), ["c", "r"]);
        assert!(board.attention.is_empty());
        assert!(!board.is_empty());
        assert!(dashboard(vec![], NOW).is_empty());
    }

    #[test]
    fn open_scans_nearest_deadline_first() {
        let mut late = scan("late", ScanStatus::Open);
        late.deadline = NOW + 30 * DAY;
        let mut early = scan("early", ScanStatus::Open);
        early.deadline = NOW + 10 * DAY;
        let board = dashboard(vec![late, early], NOW);
        assert_eq!(board.open[0].id, "early");
    }

    #[test]
    fn a_draft_without_informants_needs_attention() {
        let mut empty = scan("e", ScanStatus::Draft);
        empty.informants = 0;
        let board = dashboard(vec![empty, scan("full", ScanStatus::Draft)], NOW);
        assert_eq!(reasons(&board), [("e", &AttentionReason::NoInformants)]);
    }

    #[test]
    fn a_deadline_within_three_days_needs_attention_only_while_open() {
        let mut soon = scan("soon", ScanStatus::Open);
        soon.deadline = NOW + 2 * DAY;
        let mut edge = scan("edge", ScanStatus::Open);
        edge.deadline = NOW + 3 * DAY;
        let mut later = scan("later", ScanStatus::Open);
        later.deadline = NOW + 3 * DAY + 1;
        let mut draft = scan("draft", ScanStatus::Draft);
        draft.deadline = NOW + DAY;
        let board = dashboard(vec![soon, edge, later, draft], NOW);
        assert_eq!(
            reasons(&board),
            [
                (
                    "soon",
                    &AttentionReason::DeadlineSoon {
                        deadline: NOW + 2 * DAY
                    }
                ),
                (
                    "edge",
                    &AttentionReason::DeadlineSoon {
                        deadline: NOW + 3 * DAY
                    }
                ),
            ]
        );
    }

    #[test]
    fn groups_below_k_and_failed_mail_need_attention_until_closed() {
        let groups = default_groups("maastricht-2014");
        let reach = groups_below_k(&groups, &[("colleagues".to_owned(), 1)].into(), 3);
        let mut open = scan("o", ScanStatus::Open);
        open.reach = reach.clone();
        open.failed = 2;
        let mut closed = scan("c", ScanStatus::Closed);
        closed.reach = reach.clone();
        closed.failed = 1;
        let board = dashboard(vec![open, closed], NOW);
        assert_eq!(
            reasons(&board),
            [
                ("o", &AttentionReason::GroupsBelowK(reach)),
                ("o", &AttentionReason::FailedDeliveries { failed: 2 }),
            ]
        );
    }
}

//! The facts the organiser's home page is built from (`domain::scan::dashboard`): the scans
//! they manage, each with its framework's name, response, and for a running scan its groups
//! below `k` and its failed invitations.

use super::ScanServiceError;
use super::service::list_named_for;
use crate::domain::account::CurrentUser;
use crate::domain::scan::dashboard::{Dashboard, ScanFacts, dashboard};
use crate::domain::scan::group_reach::{ReachWarning, groups_below_k, working_invitations};
use crate::domain::scan::progress::{Delivery, InvitationStatus};
use crate::domain::scan::{SELF_GROUP_ID, ScanStatus};
use crate::storage::Db;

/// The home page of `user` at time `now`.
pub async fn dashboard_for(
    db: &Db,
    user: &CurrentUser,
    now: i64,
) -> Result<Dashboard, ScanServiceError> {
    let mut facts = Vec::new();
    for (item, framework_nl, framework_en) in list_named_for(db, user).await? {
        let mut scan = ScanFacts {
            id: item.id,
            subject_name: item.subject_name,
            framework_nl,
            framework_en,
            status: item.status,
            deadline: item.deadline,
            invited: usize::try_from(item.invited).unwrap_or(0),
            submitted: usize::try_from(item.submitted).unwrap_or(0),
            informants: 0,
            failed: 0,
            report_readable: item.status == ScanStatus::Closed,
            reach: ReachWarning::default(),
        };
        // A closed scan's report says itself which groups were too small.
        if scan.status != ScanStatus::Closed
            && let Some(stored) = db.find_scan(&scan.id).await?
        {
            let records = db.list_invitations(&scan.id).await?;
            let invited =
                working_invitations(records.iter().map(|r| (r.group_id.as_str(), r.status)));
            let self_ids: Vec<&str> = stored
                .scan
                .groups
                .iter()
                .filter(|g| g.is_self)
                .map(|g| g.id.as_str())
                .chain([SELF_GROUP_ID])
                .collect();
            scan.informants = invited
                .iter()
                .filter(|(group, _)| !self_ids.contains(&group.as_str()))
                .map(|(_, n)| n)
                .sum();
            scan.failed = records
                .iter()
                .filter(|r| {
                    r.status == InvitationStatus::Invited && r.delivery == Some(Delivery::Failed)
                })
                .count();
            scan.reach = groups_below_k(&stored.scan.groups, &invited, stored.scan.k);
            scan.report_readable = stored.released_at.is_some();
        }
        facts.push(scan);
    }
    Ok(dashboard(facts, now))
}

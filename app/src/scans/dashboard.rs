//! The facts the organiser's home page is built from (`domain::scan::dashboard`): the scans
//! they manage, each with its framework's name, response, and for a running scan its groups
//! below `k` and its failed invitations; and the closed scans whose report names them as a
//! reader (a mayor or manager with an account manages no scans, yet has reports to read).

use super::ScanServiceError;
use super::service::list_named_for;
use crate::domain::account::CurrentUser;
use crate::domain::scan::dashboard::{Dashboard, ScanFacts, dashboard};
use crate::domain::scan::group_reach::{ReachWarning, groups_below_k, working_invitations};
use crate::domain::scan::progress::{Delivery, InvitationStatus};
use crate::domain::scan::{SELF_GROUP_ID, ScanStatus};
use crate::storage::{Db, StorageError};

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
    facts.extend(readable_elsewhere(db, user).await?);
    Ok(dashboard(facts, now))
}

/// Closed scans of other organisers that name `user` as a reader, the latest closed first. An
/// administrator manages every scan, so has them listed already.
async fn readable_elsewhere(db: &Db, user: &CurrentUser) -> Result<Vec<ScanFacts>, StorageError> {
    if user.is_admin() {
        return Ok(Vec::new());
    }
    let mut scans: Vec<_> = db
        .closed_scans()
        .await?
        .into_iter()
        .filter(|s| s.organiser_id != user.id && crate::report::may_read(user, s))
        .collect();
    scans.sort_by_key(|s| std::cmp::Reverse(s.closed_at));
    let mut facts = Vec::new();
    for stored in scans {
        let scan = &stored.scan;
        let (framework_nl, framework_en) = match db
            .framework_version(&scan.framework_id, scan.framework_version)
            .await?
        {
            Some(f) => (f.name.clone(), f.name_en.clone()),
            None => (scan.framework_id.clone(), scan.framework_id.clone()),
        };
        facts.push(ScanFacts {
            id: stored.id.clone(),
            subject_name: scan.subject_name.clone(),
            framework_nl,
            framework_en,
            status: ScanStatus::Closed,
            deadline: scan.deadline,
            invited: 0,
            submitted: 0,
            informants: 0,
            failed: 0,
            report_readable: true,
            reach: ReachWarning::default(),
        });
    }
    Ok(facts)
}

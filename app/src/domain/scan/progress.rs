//! What the organiser sees of a scan's invitations: delivery per invitation, and response
//! counts per group. Who submitted is shown per person only when the scan allows it and the
//! viewer is not the subject; otherwise only counts per group leave this module.
//!
//! Response counts come from the responses themselves, not from the invitations: revoking an
//! invitation after it submitted changes no count, so a count never tells whether that one
//! person had answered. Whether anyone opened their link is not kept at all.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{RaterGroup, ValidScan};
use crate::domain::account::Email;

/// Where an invitation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InvitationStatus {
    /// Added to a draft scan; nothing sent yet.
    Pending,
    /// Sent (or queued); the personal link works while the scan is open.
    Invited,
    /// The organiser withdrew the link; it opens nothing until sent again.
    Revoked,
}

impl InvitationStatus {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            InvitationStatus::Pending => "pending",
            InvitationStatus::Invited => "invited",
            InvitationStatus::Revoked => "revoked",
        }
    }

    /// The inverse of [`InvitationStatus::as_str`].
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "pending" => Some(InvitationStatus::Pending),
            "invited" => Some(InvitationStatus::Invited),
            "revoked" => Some(InvitationStatus::Revoked),
            _ => None,
        }
    }
}

/// The state of the latest email sent for an invitation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Delivery {
    /// Waiting in the outbox (or being sent right now).
    Queued,
    /// Accepted by the mail server (or written to the outbox folder).
    Sent,
    /// Refused or given up; the reason is kept.
    Failed,
}

/// One invitation as stored, with the delivery state of its latest email.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRecord {
    pub id: String,
    pub name: String,
    pub email: String,
    pub group_id: String,
    pub status: InvitationStatus,
    pub invited_at: Option<i64>,
    /// Whether the invitation has submitted: told by the server from its keyed submission
    /// marker (the database alone cannot tell), so `false` as read from storage.
    pub submitted: bool,
    /// The latest email's state; `None` before anything was queued.
    pub delivery: Option<Delivery>,
    /// Why the latest email failed (or why it is being retried).
    pub delivery_error: Option<String>,
}

/// One row of the organiser's invitation table. `submitted` is `None` when the viewer may not
/// see it per person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationLine {
    pub id: String,
    pub name: String,
    pub email: String,
    pub group_id: String,
    pub status: InvitationStatus,
    pub delivery: Option<Delivery>,
    pub delivery_error: Option<String>,
    pub submitted: Option<bool>,
}

/// Response counts of one rater group (revoked and pending invitations not counted).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct GroupProgress {
    pub group_id: String,
    pub label_nl: String,
    pub label_en: String,
    /// Invitations whose link works.
    pub invited: usize,
    /// Responses stored for the group (a revoked invitation's response still counts).
    pub submitted: usize,
    /// Invitations whose latest email failed.
    pub failed: usize,
}

/// Whether `viewer` may see per informant who submitted: only when the scan allows
/// it and the viewer is not the person the scan is about.
pub fn may_see_person_status(scan: &ValidScan, viewer: &Email) -> bool {
    scan.person_status && scan.subject_email != *viewer
}

/// The invitation table as `viewer` may see it.
pub fn invitation_lines(
    invitations: &[InvitationRecord],
    scan: &ValidScan,
    viewer: &Email,
) -> Vec<InvitationLine> {
    let personal = may_see_person_status(scan, viewer);
    invitations
        .iter()
        .map(|i| InvitationLine {
            id: i.id.clone(),
            name: i.name.clone(),
            email: i.email.clone(),
            group_id: i.group_id.clone(),
            status: i.status,
            delivery: i.delivery,
            delivery_error: i.delivery_error.clone(),
            submitted: personal.then_some(i.submitted),
        })
        .collect()
}

/// Counts per group, in the scan's group order; groups without invitations show zeros.
/// Invitations and responses of a group the scan no longer has are counted under their own id,
/// so none disappears from the totals. `responses` is the number of responses per group.
pub fn progress_by_group(
    groups: &[RaterGroup],
    invitations: &[InvitationRecord],
    responses: &BTreeMap<String, usize>,
) -> Vec<GroupProgress> {
    let mut rows: Vec<GroupProgress> = groups
        .iter()
        .map(|g| GroupProgress {
            group_id: g.id.clone(),
            label_nl: g.label_nl.clone(),
            label_en: g.label_en.clone(),
            ..GroupProgress::default()
        })
        .collect();
    fn row_of<'a>(rows: &'a mut Vec<GroupProgress>, group_id: &str) -> &'a mut GroupProgress {
        let index = match rows.iter().position(|r| r.group_id == group_id) {
            Some(index) => index,
            None => {
                rows.push(GroupProgress {
                    group_id: group_id.to_owned(),
                    label_nl: group_id.to_owned(),
                    label_en: group_id.to_owned(),
                    ..GroupProgress::default()
                });
                rows.len() - 1
            }
        };
        &mut rows[index]
    }
    for invitation in invitations
        .iter()
        .filter(|i| i.status == InvitationStatus::Invited)
    {
        let row = row_of(&mut rows, &invitation.group_id);
        row.invited += 1;
        row.failed += usize::from(invitation.delivery == Some(Delivery::Failed));
    }
    for (group_id, count) in responses {
        row_of(&mut rows, group_id).submitted += count;
    }
    rows
}

/// The totals over all groups.
pub fn total_progress(rows: &[GroupProgress]) -> GroupProgress {
    rows.iter().fold(GroupProgress::default(), |mut sum, r| {
        sum.invited += r.invited;
        sum.submitted += r.submitted;
        sum.failed += r.failed;
        sum
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::builtin;

    use crate::domain::scan::{ScanDraft, default_groups, validate_scan};

    fn scan(person_status: bool) -> ValidScan {
        let fw = builtin()
            .into_iter()
            .find(|f| f.id == "gemeentesecretaris")
            .unwrap();
        let draft = ScanDraft {
            subject_name: "Sanne de Vries".into(),
            subject_email: "secretaris@gemeente.nl".into(),
            subject_job_title: String::new(),
            framework_id: fw.id.clone(),
            framework_version: fw.version,
            profile_id: None,
            level_id: None,
            include_next_level: false,
            competency_ids: fw
                .competencies
                .iter()
                .map(|c| c.id.clone())
                .take(3)
                .collect(),
            groups: default_groups(&fw.id),
            k: 3,
            deadline: 2_000_000_000,
            language: Default::default(),
            introduction: String::new(),
            introduction_self: String::new(),
            report_readers: vec![],
            reminder_days: None,
            person_status,
        };
        validate_scan(&draft, &fw, 1_800_000_000).expect("valid scan")
    }

    fn invitation(
        group: &str,
        status: InvitationStatus,
        n: usize,
        submitted: bool,
    ) -> InvitationRecord {
        InvitationRecord {
            id: format!("{group}-{n}-{submitted}"),
            name: String::new(),
            email: format!("{group}@example.nl"),
            group_id: group.into(),
            status,
            invited_at: Some(1),
            submitted,
            delivery: Some(Delivery::Sent),
            delivery_error: None,
        }
    }

    #[test]
    fn statuses_round_trip() {
        for s in [
            InvitationStatus::Pending,
            InvitationStatus::Invited,
            InvitationStatus::Revoked,
        ] {
            assert_eq!(InvitationStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(InvitationStatus::parse("sent"), None);
    }

    #[test]
    fn counts_per_group_skip_pending_and_revoked_invitations_but_not_responses() {
        use InvitationStatus::*;
        let scan = scan(false);
        let mut failed = invitation("staff", Invited, 1, false);
        failed.delivery = Some(Delivery::Failed);
        let list = vec![
            invitation("colleagues", Invited, 1, true),
            invitation("colleagues", Invited, 2, false),
            invitation("colleagues", Revoked, 3, true),
            invitation("colleagues", Pending, 4, false),
            failed,
            invitation("gone", Invited, 1, true),
        ];
        // Two colleagues answered, one of whom was revoked afterwards: still two.
        let responses = BTreeMap::from([("colleagues".to_owned(), 2), ("gone".to_owned(), 1)]);
        let rows = progress_by_group(&scan.groups, &list, &responses);
        let colleagues = rows.iter().find(|r| r.group_id == "colleagues").unwrap();
        assert_eq!((colleagues.invited, colleagues.submitted), (2, 2));
        let staff = rows.iter().find(|r| r.group_id == "staff").unwrap();
        assert_eq!((staff.invited, staff.submitted, staff.failed), (1, 0, 1));
        // Every scan group appears, in order, then groups the scan no longer has.
        let ids: Vec<&str> = rows.iter().map(|r| r.group_id.as_str()).collect();
        assert_eq!(
            &ids[..scan.groups.len()],
            scan.groups
                .iter()
                .map(|g| g.id.as_str())
                .collect::<Vec<_>>()
        );
        assert_eq!(ids.last(), Some(&"gone"));
        let total = total_progress(&rows);
        assert_eq!((total.invited, total.submitted, total.failed), (4, 3, 1));
    }

    #[test]
    fn revoking_a_respondent_changes_no_response_count() {
        use InvitationStatus::*;
        let scan = scan(false);
        let responses = BTreeMap::from([("staff".to_owned(), 1)]);
        let before = vec![
            invitation("staff", Invited, 1, true),
            invitation("staff", Invited, 2, false),
        ];
        let mut after = before.clone();
        after[0].status = Revoked;
        let count = |list: &[InvitationRecord]| {
            progress_by_group(&scan.groups, list, &responses)
                .into_iter()
                .find(|r| r.group_id == "staff")
                .unwrap()
                .submitted
        };
        assert_eq!(count(&before), count(&after));
    }

    #[test]
    fn per_person_status_only_when_allowed_and_never_for_the_subject() {
        let list = vec![invitation("staff", InvitationStatus::Invited, 1, true)];
        let subject = Email::parse("secretaris@gemeente.nl").unwrap();
        let hr = Email::parse("hr@gemeente.nl").unwrap();
        let hidden = invitation_lines(&list, &scan(false), &hr);
        assert_eq!(hidden[0].submitted, None);
        let shown = invitation_lines(&list, &scan(true), &hr);
        assert_eq!(shown[0].submitted, Some(true));
        let subject_view = invitation_lines(&list, &scan(true), &subject);
        assert_eq!(subject_view[0].submitted, None);
        // Delivery is always visible: the organiser must be able to fix a wrong address.
        assert_eq!(subject_view[0].delivery, Some(Delivery::Sent));
    }
}

//! What an edit may change once a scan is open or closed.

use super::{LockedField, ScanError, ScanStatus, ValidScan};

/// Checks whether a scan in `status` may be changed from `old` to `new` (both validated).
///
/// A draft may change freely. An open scan keeps its subject and its questions (answers would
/// otherwise belong to different questionnaires), keeps every existing group unchanged
/// (invitations use them, and identifiable groups were told so) and may not lower k (those who
/// answered were promised it); it may get new groups, a new deadline, introduction, language
/// and report readers. A closed scan may only change its report readers.
pub fn check_edit(
    status: ScanStatus,
    old: &ValidScan,
    new: &ValidScan,
) -> Result<(), Vec<ScanError>> {
    let mut locked = Vec::new();
    match status {
        ScanStatus::Draft => {}
        ScanStatus::Open => {
            if old.subject_email != new.subject_email {
                locked.push(LockedField::Subject);
            }
            if old.framework_id != new.framework_id
                || old.framework_version != new.framework_version
                || old.profile_id != new.profile_id
                || old.level_id != new.level_id
                || old.next_level_id != new.next_level_id
                || old.competency_ids != new.competency_ids
            {
                locked.push(LockedField::Questions);
            }
            if !old.groups.iter().all(|g| new.groups.contains(g)) {
                locked.push(LockedField::Groups);
            }
            if new.k < old.k {
                locked.push(LockedField::KLowered);
            }
            if new.person_status && !old.person_status {
                locked.push(LockedField::PersonStatus);
            }
        }
        ScanStatus::Closed => {
            let same_apart_from_readers = ValidScan {
                report_readers: old.report_readers.clone(),
                ..new.clone()
            } == *old;
            if !same_apart_from_readers {
                locked.push(LockedField::Closed);
            }
        }
    }
    if locked.is_empty() {
        Ok(())
    } else {
        Err(locked
            .into_iter()
            .map(|what| ScanError::Locked { status, what })
            .collect())
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Email;
    use crate::domain::scan::test_fixtures::{NOW, WEEK, draft, maastricht};
    use crate::domain::scan::{RaterGroup, validate_scan};

    fn valid() -> ValidScan {
        validate_scan(&draft(), &maastricht(), NOW).unwrap()
    }

    fn locked(status: ScanStatus, whats: &[LockedField]) -> Result<(), Vec<ScanError>> {
        Err(whats
            .iter()
            .map(|&what| ScanError::Locked { status, what })
            .collect())
    }

    #[test]
    fn draft_may_change_everything() {
        let old = valid();
        let mut new = old.clone();
        new.competency_ids.pop();
        new.k = 2;
        new.groups.pop();
        new.subject_email = Email::parse("ander@maastricht.nl").unwrap();
        assert_eq!(check_edit(ScanStatus::Draft, &old, &new), Ok(()));
    }

    #[test]
    fn open_scan_keeps_questions_groups_subject_and_k() {
        let old = valid();
        let open = ScanStatus::Open;

        // Allowed: later deadline, new group, higher k, other readers and text.
        let mut new = old.clone();
        new.deadline += WEEK;
        new.k = 4;
        new.introduction = "Herinnering".into();
        new.report_readers.clear();
        new.groups.push(RaterGroup {
            id: "klanten".into(),
            label_nl: "Klanten".into(),
            label_en: "Customers".into(),
            identifiable: false,
            is_self: false,
        });
        assert_eq!(check_edit(open, &old, &new), Ok(()));

        let mut new = old.clone();
        new.competency_ids.pop();
        assert_eq!(
            check_edit(open, &old, &new),
            locked(open, &[LockedField::Questions])
        );

        let mut new = old.clone();
        new.next_level_id = Some("11-18".into());
        new.groups[2].identifiable = true;
        new.k = 2;
        new.subject_email = Email::parse("ander@maastricht.nl").unwrap();
        assert_eq!(
            check_edit(open, &old, &new),
            locked(
                open,
                &[
                    LockedField::Subject,
                    LockedField::Questions,
                    LockedField::Groups,
                    LockedField::KLowered
                ]
            )
        );
    }

    #[test]
    fn closed_scan_only_changes_readers() {
        let old = valid();
        let closed = ScanStatus::Closed;
        let mut new = old.clone();
        new.report_readers
            .push(Email::parse("wethouder@maastricht.nl").unwrap());
        assert_eq!(check_edit(closed, &old, &new), Ok(()));
        new.deadline += 1;
        assert_eq!(
            check_edit(closed, &old, &new),
            locked(closed, &[LockedField::Closed])
        );
    }

    #[test]
    fn per_person_status_cannot_be_turned_on_once_open() {
        let fw = maastricht();
        let old = validate_scan(&draft(), &fw, NOW).unwrap();
        let new = ValidScan {
            person_status: true,
            ..old.clone()
        };
        assert_eq!(
            check_edit(ScanStatus::Open, &old, &new),
            Err(vec![ScanError::Locked {
                status: ScanStatus::Open,
                what: LockedField::PersonStatus
            }])
        );
        assert_eq!(check_edit(ScanStatus::Draft, &old, &new), Ok(()));
        // Turning it off is always allowed.
        assert_eq!(check_edit(ScanStatus::Open, &new, &old), Ok(()));
    }
}

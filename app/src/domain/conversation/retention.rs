//! How long a record and an attached scan are kept. A record is kept for the type's number of
//! calendar months after its approval (36 for the secretary, seed 001 K); a record never
//! approved (left planned, agenda sent, held or with a proposed summary) for the same number of
//! months after its last change, so an abandoned record is not kept forever. A scan attached to
//! records is kept for its organisation's scan retention after closing, but never shorter than
//! any record that still holds it — and so never forever either.
//!
//! Months are counted on the Dutch calendar date: approved on 14 March 2027 at 10:00 with 36
//! months, the record is kept until 14 March 2030 has ended in the Netherlands (23:59:59 Dutch
//! time, [`end_of_day_amsterdam`]). Keeping to the end of the day rather than to the same
//! instant makes the date people read the whole truth ("bewaard tot en met 14 maart 2030")
//! and needs no rule for an hour that summer time skips. A day the target month lacks falls
//! back to the month's last day: 31 January plus one month is 28 (or 29) February, 29 February
//! plus twelve months is 28 February.

use crate::domain::calendar::{add_months, amsterdam_date, end_of_day_amsterdam};

/// The last second (Dutch time) of the day `months` calendar months after the Dutch date of
/// `at` (unix seconds).
pub fn end_of_day_months_after(at: i64, months: u32) -> i64 {
    // Retention periods are at most a few hundred months: no overflow into negative counts.
    end_of_day_amsterdam(add_months(
        amsterdam_date(at),
        months.min(i32::MAX as u32) as i32,
    ))
}

/// When the retention job may remove a record approved at `approved_at`: the end of the Dutch
/// day `retention_months` calendar months later.
pub fn keep_until(approved_at: i64, retention_months: u32) -> i64 {
    end_of_day_months_after(approved_at, retention_months)
}

/// When the retention job may remove a record that is not approved (yet): the end of the Dutch
/// day `retention_months` calendar months after its last change (`updated_at`). Every change
/// moves the date on; approving replaces it with [`keep_until`] of the approval.
pub fn unapproved_keep_until(last_change: i64, retention_months: u32) -> i64 {
    end_of_day_months_after(last_change, retention_months)
}

/// Until when a record is kept, approved or not: its stored `keep_until` once approved (set from
/// the approval, [`keep_until`]), else [`unapproved_keep_until`] of its last change.
pub fn record_keep_until(
    approved_keep_until: Option<i64>,
    last_change: i64,
    retention_months: u32,
) -> i64 {
    approved_keep_until.unwrap_or_else(|| unapproved_keep_until(last_change, retention_months))
}

/// When an attached scan closed at `closed_at` may be removed: the end of the Dutch day
/// `scan_retention_months` later, or later still if a record holding it is kept longer.
/// `keeping` has the date of every unremoved record the scan is attached to
/// ([`record_keep_until`]: approved or not, every record has one), so a scan always has a date.
pub fn scan_removal_at(closed_at: i64, scan_retention_months: u32, keeping: &[i64]) -> i64 {
    keeping.iter().fold(
        end_of_day_months_after(closed_at, scan_retention_months),
        |latest, &keep| latest.max(keep),
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::calendar::Date;

    fn date(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    // Reference instants from Python's zoneinfo (Europe/Amsterdam).

    #[test]
    fn kept_until_the_end_of_the_same_date_years_later() {
        // Approved 14 March 2027 10:00; 36 months: until 14 March 2030 23:59:59 CET.
        assert_eq!(keep_until(1_805_014_800, 36), 1_899_759_599);
    }

    #[test]
    fn twenty_ninth_of_february() {
        // Approved 29 February 2028 12:00.
        assert_eq!(keep_until(1_835_434_800, 12), 1_867_013_999); // 28 February 2029
        assert_eq!(keep_until(1_835_434_800, 48), 1_961_708_399); // 29 February 2032
        assert_eq!(add_months(date("2028-02-29"), 1), date("2028-03-29"));
    }

    #[test]
    fn thirty_first_of_january_plus_one_month() {
        assert_eq!(keep_until(1_801_393_200, 1), 1_803_855_599); // 28 February 2027
        assert_eq!(keep_until(1_832_929_200, 1), 1_835_477_999); // 29 February 2028
        assert_eq!(add_months(date("2027-01-31"), 3), date("2027-04-30"));
        assert_eq!(add_months(date("2027-03-31"), 1), date("2027-04-30"));
        assert_eq!(add_months(date("2027-12-31"), 2), date("2028-02-29"));
    }

    #[test]
    fn months_cross_years() {
        assert_eq!(add_months(date("2027-11-15"), 2), date("2028-01-15"));
        assert_eq!(add_months(date("2027-12-01"), 1), date("2028-01-01"));
        assert_eq!(add_months(date("2027-05-20"), 36), date("2030-05-20"));
        assert_eq!(add_months(date("2027-05-20"), 0), date("2027-05-20"));
        assert_eq!(add_months(date("2027-05-20"), 120), date("2037-05-20"));
    }

    #[test]
    fn the_dutch_date_counts_not_the_utc_date() {
        // 30 June 2027 22:30 UTC is already 1 July in the Netherlands: six months later is
        // 1 January 2028, which ends at 22:59:59 UTC (winter time).
        assert_eq!(keep_until(1_814_394_600, 6), 1_830_380_399);
    }

    #[test]
    fn summer_time_at_the_end_is_dutch_summer_time() {
        // Approved 15 January 2027 (winter); 15 July 2027 ends at 21:59:59 UTC (summer time).
        assert_eq!(keep_until(1_800_010_800, 6), 1_815_688_799);
        // Ending on the day summer time starts (28 March 2027) and the day it ends.
        assert_eq!(keep_until(1_774_695_600, 12), 1_806_271_199);
        assert_eq!(end_of_day_amsterdam(date("2027-10-31")), 1_825_023_599);
    }

    #[test]
    fn a_scan_is_kept_as_long_as_the_longest_of_its_records() {
        let closed = 1_805_014_800; // 14 March 2027
        let own = end_of_day_months_after(closed, 36);
        assert_eq!(own, 1_899_759_599);
        assert_eq!(scan_removal_at(closed, 36, &[]), own);
        assert_eq!(scan_removal_at(closed, 36, &[own - 10]), own);
        assert_eq!(
            scan_removal_at(closed, 36, &[own - 10, own + 10, own + 5]),
            own + 10
        );
        assert_eq!(scan_removal_at(closed, 0, &[]), 1_805_065_199);
    }

    #[test]
    fn an_unapproved_record_is_kept_for_the_months_after_its_last_change() {
        // Last changed 14 March 2027 10:00; 36 months: until 14 March 2030 23:59:59 CET.
        assert_eq!(unapproved_keep_until(1_805_014_800, 36), 1_899_759_599);
        // Last changed 31 January 2027; one month: until the end of 28 February 2027.
        assert_eq!(unapproved_keep_until(1_801_393_200, 1), 1_803_855_599);
        // Not approved: counted from the last change, not from when it was made.
        assert_eq!(record_keep_until(None, 1_805_014_800, 36), 1_899_759_599);
        // Approved: the stored date from the approval, whatever changed after.
        assert_eq!(record_keep_until(Some(42), 1_805_014_800, 36), 42);
    }

    #[test]
    fn an_abandoned_record_no_longer_keeps_its_scan_forever() {
        let closed = 1_805_014_800; // 14 March 2027
        let own = end_of_day_months_after(closed, 36);
        // A record left in 'held' a year after the scan closed (2028 has 29 February), with 36
        // months: the scan is kept until the record's date, four years after closing, no longer.
        let abandoned = record_keep_until(None, closed + 366 * 86_400, 36);
        assert!(abandoned > own);
        assert_eq!(scan_removal_at(closed, 36, &[abandoned]), abandoned);
        assert_eq!(
            amsterdam_date(scan_removal_at(closed, 36, &[abandoned])),
            date("2031-03-14")
        );
    }

    proptest! {
        /// The record is kept through the whole Dutch day N months on, and not a second more.
        #[test]
        fn keep_until_is_the_last_second_of_the_dutch_day(
            approved in 1_800_000_000i64..2_100_000_000, months in 0u32..=120
        ) {
            let end = keep_until(approved, months);
            let target = add_months(amsterdam_date(approved), months as i32);
            prop_assert!(end >= approved);
            prop_assert_eq!(amsterdam_date(end), target);
            prop_assert_eq!(amsterdam_date(end + 1), target.add_days(1));
        }

        #[test]
        fn adding_months_keeps_the_day_or_the_months_last(
            days in 0i64..40_000, months in 0u32..=240
        ) {
            let start = Date { year: 1990, month: 1, day: 1 }.add_days(days);
            let later = add_months(start, months as i32);
            let month_index = |d: Date| i64::from(d.year) * 12 + i64::from(d.month);
            prop_assert_eq!(month_index(later) - month_index(start), i64::from(months));
            prop_assert!(later.day <= start.day);
            if later.day < start.day {
                prop_assert_eq!(later.add_days(1).day, 1, "clamped to the month's last day");
            }
            prop_assert!(Date::parse_iso(&later.iso()).is_some());
        }

        #[test]
        fn a_scan_outlives_every_record_that_holds_it(
            closed in 1_800_000_000i64..2_000_000_000,
            months in 0u32..=120,
            keeping in proptest::collection::vec(1_800_000_000i64..2_300_000_000, 0..5),
        ) {
            let removal = scan_removal_at(closed, months, &keeping);
            prop_assert!(removal >= end_of_day_months_after(closed, months));
            prop_assert!(keeping.iter().all(|&keep| removal >= keep));
            prop_assert!(removal == end_of_day_months_after(closed, months) || keeping.contains(&removal));
        }

        /// A record that is not approved has a date, at least a month after its last change
        /// for every period a type may have, and a later change never brings it forward.
        #[test]
        fn an_unapproved_record_always_has_a_date_that_follows_its_last_change(
            changed in 1_800_000_000i64..2_100_000_000,
            later in 0i64..400 * 86_400,
            months in 1u32..=120,
        ) {
            let until = record_keep_until(None, changed, months);
            prop_assert_eq!(until, keep_until(changed, months));
            prop_assert!(until >= changed + 28 * 86_400);
            prop_assert_eq!(amsterdam_date(until), add_months(amsterdam_date(changed), months as i32));
            prop_assert!(record_keep_until(None, changed + later, months) >= until);
        }

        /// With every holding record dated, the scan's date is finite and is the latest of its
        /// own date and the records' dates, approved or not.
        #[test]
        fn a_scan_held_by_unapproved_records_is_removed_after_the_latest_of_them(
            closed in 1_800_000_000i64..2_000_000_000,
            months in 1u32..=120,
            records in proptest::collection::vec(
                (proptest::option::of(1_800_000_000i64..2_300_000_000), 1_800_000_000i64..2_100_000_000, 1u32..=120),
                0..5,
            ),
        ) {
            let keeping: Vec<i64> = records
                .iter()
                .map(|&(approved, changed, m)| record_keep_until(approved, changed, m))
                .collect();
            let removal = scan_removal_at(closed, months, &keeping);
            let expected = keeping
                .iter()
                .copied()
                .chain([end_of_day_months_after(closed, months)])
                .max()
                .unwrap();
            prop_assert_eq!(removal, expected);
        }
    }
}

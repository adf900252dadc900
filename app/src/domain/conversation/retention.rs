//! How long a record and an attached scan are kept. A record is kept for the type's number of
//! calendar months after its approval (36 for the secretary, seed 001 K); a scan attached to
//! records for its organisation's scan retention after closing, but never shorter than any
//! record that still holds it.
//!
//! Months are counted on the Dutch calendar date: approved on 14 March 2027 at 10:00 with 36
//! months, the record is kept until 14 March 2030 has ended in the Netherlands (23:59:59 Dutch
//! time, [`end_of_day_amsterdam`]). Keeping to the end of the day rather than to the same
//! instant makes the date people read the whole truth ("bewaard tot en met 14 maart 2030")
//! and needs no rule for an hour that summer time skips. A day the target month lacks falls
//! back to the month's last day: 31 January plus one month is 28 (or 29) February, 29 February
//! plus twelve months is 28 February.

use crate::domain::calendar::{Date, amsterdam_date, end_of_day_amsterdam};

/// The date `months` calendar months after `date`, on the last day of the month where that
/// month is shorter.
pub fn add_months(date: Date, months: u32) -> Date {
    let index = i64::from(date.year) * 12 + i64::from(date.month) - 1 + i64::from(months);
    let year = index.div_euclid(12) as i32;
    let month = (index.rem_euclid(12) + 1) as u8;
    let first = Date {
        year,
        month,
        day: 1,
    };
    let next_first = add_one_month_first(first);
    let length = (next_first.days_since_epoch() - first.days_since_epoch()) as u8;
    Date {
        year,
        month,
        day: date.day.min(length),
    }
}

fn add_one_month_first(first: Date) -> Date {
    if first.month == 12 {
        Date {
            year: first.year + 1,
            month: 1,
            day: 1,
        }
    } else {
        Date {
            year: first.year,
            month: first.month + 1,
            day: 1,
        }
    }
}

/// The last second (Dutch time) of the day `months` calendar months after the Dutch date of
/// `at` (unix seconds).
pub fn end_of_day_months_after(at: i64, months: u32) -> i64 {
    end_of_day_amsterdam(add_months(amsterdam_date(at), months))
}

/// When the retention job may remove a record approved at `approved_at`: the end of the Dutch
/// day `retention_months` calendar months later.
pub fn keep_until(approved_at: i64, retention_months: u32) -> i64 {
    end_of_day_months_after(approved_at, retention_months)
}

/// When an attached scan closed at `closed_at` may be removed: the end of the Dutch day
/// `scan_retention_months` later, or later still if a record holding it is kept longer.
/// `keeping` has the `keep_until` of every unremoved record the scan is attached to; a record
/// not approved yet (`None`) has no end, so neither has the scan (`None`).
pub fn scan_removal_at(
    closed_at: i64,
    scan_retention_months: u32,
    keeping: &[Option<i64>],
) -> Option<i64> {
    keeping.iter().try_fold(
        end_of_day_months_after(closed_at, scan_retention_months),
        |latest, keep| keep.map(|keep| latest.max(keep)),
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

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
        assert_eq!(scan_removal_at(closed, 36, &[]), Some(own));
        assert_eq!(scan_removal_at(closed, 36, &[Some(own - 10)]), Some(own));
        assert_eq!(
            scan_removal_at(closed, 36, &[Some(own - 10), Some(own + 10), Some(own + 5)]),
            Some(own + 10)
        );
        assert_eq!(scan_removal_at(closed, 36, &[Some(own + 10), None]), None);
        assert_eq!(scan_removal_at(closed, 0, &[]), Some(1_805_065_199));
    }

    proptest! {
        /// The record is kept through the whole Dutch day N months on, and not a second more.
        #[test]
        fn keep_until_is_the_last_second_of_the_dutch_day(
            approved in 1_800_000_000i64..2_100_000_000, months in 0u32..=120
        ) {
            let end = keep_until(approved, months);
            let target = add_months(amsterdam_date(approved), months);
            prop_assert!(end >= approved);
            prop_assert_eq!(amsterdam_date(end), target);
            prop_assert_eq!(amsterdam_date(end + 1), target.add_days(1));
        }

        #[test]
        fn adding_months_keeps_the_day_or_the_months_last(
            days in 0i64..40_000, months in 0u32..=240
        ) {
            let start = Date { year: 1990, month: 1, day: 1 }.add_days(days);
            let later = add_months(start, months);
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
            let wrapped: Vec<Option<i64>> = keeping.iter().copied().map(Some).collect();
            let removal = scan_removal_at(closed, months, &wrapped).unwrap();
            prop_assert!(removal >= end_of_day_months_after(closed, months));
            prop_assert!(keeping.iter().all(|&keep| removal >= keep));
            prop_assert!(removal == end_of_day_months_after(closed, months) || keeping.contains(&removal));
        }
    }
}

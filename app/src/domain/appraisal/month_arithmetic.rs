//! Calendar-month steps for the deadlines of "het goede gesprek" (seed 004).
//!
//! The regulation counts several periods in months: the cycle starts "binnen een maand" after
//! entry (art. 2 lid 7), the first probation assessment is "maximaal 5 maanden na
//! indiensttreding" and the second "één maand voor de beslissing" (art. 6 lid 2). It does not say
//! what a month after 31 January is, so the product decides, as Dutch practice for periods in
//! months does:
//!
//! * A step of `n` months lands on the **same day number** `n` months later or earlier.
//! * When that month is too short, it lands on the **last day of that month**: 31 January + 1
//!   month is 28 February (29 February in a leap year); 31 May − 1 month is 30 April;
//!   29 February 2028 + 12 months is 28 February 2029.
//! * Leap years follow the proleptic Gregorian calendar of [`Date`] (2000 and 2400 leap, 2100
//!   not).
//!
//! So a step never spills into the following month, and `add_months(d, n)` never has a larger
//! day number than `d`. Steps do not always undo each other (31 March − 1 month + 1 month is
//! 28 or 29 March), which is why every deadline is computed from its own starting date, never
//! by chaining.
//!
//! No day is ever moved off a weekend or public holiday: the regulation does not move them
//! (it does not invoke the Algemene termijnenwet), so neither does the product.

use crate::domain::calendar::Date;
pub use crate::domain::calendar::{add_months, days_in_month, is_leap_year};

/// The date `weeks` weeks after `date`: exactly `7 × weeks` days, weekends included.
pub fn add_weeks(date: Date, weeks: i64) -> Date {
    date.add_days(7 * weeks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn month_end_clamps_to_the_last_day_of_a_shorter_month() {
        assert_eq!(add_months(date(2026, 1, 31), 1), date(2026, 2, 28));
        assert_eq!(add_months(date(2028, 1, 31), 1), date(2028, 2, 29));
        assert_eq!(add_months(date(2026, 3, 31), 1), date(2026, 4, 30));
        assert_eq!(add_months(date(2026, 5, 31), -1), date(2026, 4, 30));
        assert_eq!(add_months(date(2026, 3, 31), -1), date(2026, 2, 28));
        assert_eq!(add_months(date(2026, 8, 31), 6), date(2027, 2, 28));
    }

    #[test]
    fn leap_days_step_to_28_february_in_common_years() {
        assert_eq!(add_months(date(2028, 2, 29), 12), date(2029, 2, 28));
        assert_eq!(add_months(date(2028, 2, 29), 48), date(2032, 2, 29));
        assert_eq!(add_months(date(2099, 2, 28), 12), date(2100, 2, 28));
        assert_eq!(add_months(date(2000, 1, 31), 1), date(2000, 2, 29));
        assert_eq!(add_months(date(2100, 1, 31), 1), date(2100, 2, 28));
        assert!(is_leap_year(2000) && !is_leap_year(2100) && is_leap_year(2028));
    }

    #[test]
    fn ordinary_steps_keep_the_day_number_across_years() {
        assert_eq!(add_months(date(2026, 12, 15), 1), date(2027, 1, 15));
        assert_eq!(add_months(date(2027, 1, 15), -1), date(2026, 12, 15));
        assert_eq!(add_months(date(2026, 4, 1), 12), date(2027, 4, 1));
        assert_eq!(add_months(date(2026, 4, 1), 0), date(2026, 4, 1));
        assert_eq!(add_months(date(2026, 4, 1), -28), date(2023, 12, 1));
        assert_eq!(add_weeks(date(2026, 12, 31), 2), date(2027, 1, 14));
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (1970i32..=2400, 1u8..=12, 1u8..=31)
            .prop_map(|(y, m, d)| date(y, m, d.min(days_in_month(y, m))))
    }

    proptest! {
        #[test]
        fn result_is_a_real_date_in_the_right_month(d in any_date(), n in -60i32..=60) {
            let moved = add_months(d, n);
            prop_assert!(moved.day >= 1 && moved.day <= days_in_month(moved.year, moved.month));
            prop_assert!((1..=12).contains(&moved.month));
            prop_assert_eq!(Date::from_days_since_epoch(moved.days_since_epoch()), moved);
            let months = |x: Date| i64::from(x.year) * 12 + i64::from(x.month);
            prop_assert_eq!(months(moved) - months(d), i64::from(n));
            prop_assert!(moved.day <= d.day);
            if d.day <= 28 {
                prop_assert_eq!(moved.day, d.day);
            }
        }

        #[test]
        fn steps_are_monotone(a in any_date(), b in any_date(), n in -60i32..=60) {
            if a <= b {
                prop_assert!(add_months(a, n) <= add_months(b, n));
            }
        }

        #[test]
        fn never_shifted_off_a_weekend(d in any_date(), n in 0i32..=24) {
            // The same-day-number rule alone decides; a Saturday or Sunday stays as it is.
            let moved = add_months(d, n);
            let expected_day = d.day.min(days_in_month(moved.year, moved.month));
            prop_assert_eq!(moved.day, expected_day);
        }
    }
}

//! Calendar dates for deadlines.
//!
//! A deadline is a whole day in Dutch time: an organiser picks "11 December" in a date field
//! and means that answers are welcome until that day is over in the Netherlands, not until
//! midnight UTC (which would close the scan an hour or two early) and not at some hour of the
//! server's own time zone. Deadlines are therefore stored as unix seconds of the *last second*
//! of the chosen day in Europe/Amsterdam ([`end_of_day_amsterdam`]), and shown again as that
//! local date ([`format_deadline`]), so the date an organiser typed is the date everybody sees.
//!
//! Pure arithmetic, no crates and no time zone database: the Netherlands follow the EU rule
//! (UTC+1 in winter; UTC+2 from the last Sunday of March 01:00 UTC to the last Sunday of October
//! 01:00 UTC), and dates are converted with the days-from-civil / civil-from-days algorithms of
//! the proleptic Gregorian calendar (Howard Hinnant, "chrono-Compatible Low-Level Date
//! Algorithms").

use crate::domain::language::Language;

const SECONDS_PER_DAY: i64 = 86_400;
const WINTER_OFFSET: i64 = 3_600;
const SUMMER_OFFSET: i64 = 7_200;

/// A calendar date (proleptic Gregorian). Ordering is chronological for valid dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    /// 1 (January) to 12.
    pub month: u8,
    /// 1 to the length of the month.
    pub day: u8,
}

impl Date {
    /// Parses exactly `YYYY-MM-DD` (the value of an HTML `<input type="date">`): ten ASCII
    /// characters, no surrounding space, a real calendar date, year 1970 to 9999.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            bytes[range].iter().try_fold(0u32, |acc, &b| {
                b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
            })
        };
        let year = number(0..4)?;
        let month = number(5..7)?;
        let day = number(8..10)?;
        if !(1970..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        let date = Date {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        };
        (1..=u32::from(days_in_month(date.year, date.month)))
            .contains(&day)
            .then_some(date)
    }

    /// The `YYYY-MM-DD` form, as [`Date::parse_iso`] reads it.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The day of the week: 0 is Monday, 6 is Sunday.
    pub fn weekday(&self) -> u8 {
        // 1970-01-01, day 0, was a Thursday (3).
        (self.days_since_epoch() + 3).rem_euclid(7) as u8
    }

    /// The date `n` days later (earlier for negative `n`).
    pub fn add_days(&self, n: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + n)
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(&self) -> i64 {
        days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        )
    }

    /// The inverse of [`Date::days_since_epoch`].
    pub fn from_days_since_epoch(days: i64) -> Date {
        let (year, month, day) = civil_from_days(days);
        Date {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        }
    }
}

/// Whether `year` has a 29 February.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in `month` (1 to 12) of `year`; 0 for a month outside 1 to 12.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The date `months` calendar months after `date` (before it for a negative count): the same
/// day number, or the last day of the target month where that month is shorter — 31 January
/// plus one month is 28 (or 29) February, 29 February plus twelve months is 28 February. So a
/// step never spills into the next month. Retention periods and the appraisal deadlines count
/// months this way.
pub fn add_months(date: Date, months: i32) -> Date {
    let index = i64::from(date.year) * 12 + i64::from(date.month) - 1 + i64::from(months);
    let year = index.div_euclid(12) as i32;
    let month = (index.rem_euclid(12) + 1) as u8;
    let day = date.day.min(days_in_month(year, month));
    Date { year, month, day }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400; // 0..=399
    let month_from_march = (month + 9).rem_euclid(12); // March = 0 .. February = 11
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1; // 0..=365
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date (year, month, day) of a day count since 1970-01-01
/// (Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097; // 0..=146096
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153; // March = 0 .. February = 11
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The day count of the last Sunday of a 31-day `month` (March or October) of `year`.
fn last_sunday(year: i64, month: i64) -> i64 {
    let last = days_from_civil(year, month, 31);
    let weekday = (last + 3).rem_euclid(7); // 0 = Monday .. 6 = Sunday
    last - (weekday + 1) % 7
}

/// The offset of Dutch local time from UTC at an instant, in seconds: 3600 in winter (CET),
/// 7200 in summer (CEST), by the EU rule (summer time from the last Sunday of March 01:00 UTC
/// up to the last Sunday of October 01:00 UTC).
pub fn amsterdam_offset_secs(unix: i64) -> i64 {
    // Summer time never spans a new year, so the UTC year is the year that matters.
    let (year, _, _) = civil_from_days(unix.div_euclid(SECONDS_PER_DAY));
    let start = last_sunday(year, 3) * SECONDS_PER_DAY + 3_600;
    let end = last_sunday(year, 10) * SECONDS_PER_DAY + 3_600;
    if (start..end).contains(&unix) {
        SUMMER_OFFSET
    } else {
        WINTER_OFFSET
    }
}

/// The unix second of 23:59:59 Dutch local time on `date`: the last moment at which a deadline
/// on that date has not yet passed.
pub fn end_of_day_amsterdam(date: Date) -> i64 {
    let local = date.days_since_epoch() * SECONDS_PER_DAY + (SECONDS_PER_DAY - 1);
    // Clocks change at 02:00 or 03:00 local time, never near midnight, so exactly one of the
    // two offsets is consistent with the instant it gives.
    if amsterdam_offset_secs(local - SUMMER_OFFSET) == SUMMER_OFFSET {
        local - SUMMER_OFFSET
    } else {
        local - WINTER_OFFSET
    }
}

/// The Dutch local calendar date of an instant.
pub fn amsterdam_date(unix: i64) -> Date {
    let local = unix + amsterdam_offset_secs(unix);
    Date::from_days_since_epoch(local.div_euclid(SECONDS_PER_DAY))
}

const WEEKDAYS_NL: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date written out with its weekday: "vrijdag 11 december 2026" (Dutch: no capitals) or
/// "Friday 11 December 2026" (British order, as in the Dutch).
pub fn format_date(date: Date, language: Language) -> String {
    let (weekdays, months) = match language {
        Language::Nl => (&WEEKDAYS_NL, &MONTHS_NL),
        Language::En => (&WEEKDAYS_EN, &MONTHS_EN),
    };
    let weekday = weekdays[usize::from(date.weekday())];
    let month = usize::from(date.month)
        .checked_sub(1)
        .and_then(|index| months.get(index))
        .copied()
        .unwrap_or("?");
    format!("{weekday} {} {month} {}", date.day, date.year)
}

/// The Dutch local date of an instant, written out: a deadline stored with
/// [`end_of_day_amsterdam`] shows as the date that was entered, e.g. "vrijdag 11 december 2026".
pub fn format_deadline(unix: i64, language: Language) -> String {
    format_date(amsterdam_date(unix), language)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// Unix seconds of a UTC date and time.
    fn utc(year: i32, month: u8, day: u8, hour: i64, minute: i64, second: i64) -> i64 {
        date(year, month, day).days_since_epoch() * SECONDS_PER_DAY
            + hour * 3_600
            + minute * 60
            + second
    }

    #[test]
    fn parses_valid_dates() {
        assert_eq!(Date::parse_iso("2026-12-11"), Some(date(2026, 12, 11)));
        assert_eq!(Date::parse_iso("1970-01-01"), Some(date(1970, 1, 1)));
        assert_eq!(Date::parse_iso("9999-12-31"), Some(date(9999, 12, 31)));
        assert_eq!(Date::parse_iso("2026-04-30"), Some(date(2026, 4, 30)));
        assert_eq!(Date::parse_iso("2026-01-31"), Some(date(2026, 1, 31)));
    }

    #[test]
    fn leap_years() {
        assert_eq!(Date::parse_iso("2028-02-29"), Some(date(2028, 2, 29)));
        assert_eq!(Date::parse_iso("2000-02-29"), Some(date(2000, 2, 29)));
        assert_eq!(Date::parse_iso("2027-02-29"), None);
        assert_eq!(Date::parse_iso("2100-02-29"), None);
        assert_eq!(Date::parse_iso("2028-02-30"), None);
        assert_eq!(Date::parse_iso("2027-02-28"), Some(date(2027, 2, 28)));
        assert_eq!(date(2028, 2, 28).add_days(1), date(2028, 2, 29));
        assert_eq!(date(2027, 2, 28).add_days(1), date(2027, 3, 1));
        assert_eq!(date(2100, 2, 28).add_days(1), date(2100, 3, 1));
    }

    #[test]
    fn rejects_malformed_or_impossible_dates() {
        for text in [
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026-01-32",
            "2026-04-31",
            "2026-1-1",
            "2026-01-1",
            " 2026-01-01",
            "2026-01-01 ",
            "2026-01-01\n",
            "",
            "abcd-ef-gh",
            "2026/01/01",
            "20260101",
            "2026-01-01T00:00",
            "+2026-01-01",
            "2026-+1-01",
            "2026--1-01",
            "1969-12-31",
            "0000-01-01",
            "10000-01-01",
            "２０２６-01-01",
            "2026-0١-01",
        ] {
            assert_eq!(Date::parse_iso(text), None, "{text:?} should be rejected");
        }
    }

    #[test]
    fn iso_pads_and_round_trips() {
        assert_eq!(date(2026, 1, 5).iso(), "2026-01-05");
        assert_eq!(date(1970, 12, 31).iso(), "1970-12-31");
        let text = "2028-02-29";
        assert_eq!(Date::parse_iso(text).unwrap().iso(), text);
    }

    #[test]
    fn weekdays_of_known_dates() {
        assert_eq!(date(1970, 1, 1).weekday(), 3); // Thursday
        assert_eq!(date(2000, 1, 1).weekday(), 5); // Saturday
        assert_eq!(date(2024, 2, 29).weekday(), 3); // Thursday
        assert_eq!(date(2026, 3, 29).weekday(), 6); // Sunday
        assert_eq!(date(2026, 10, 25).weekday(), 6); // Sunday
        assert_eq!(date(2026, 12, 11).weekday(), 4); // Friday
        assert_eq!(date(2027, 1, 1).weekday(), 4); // Friday
        assert_eq!(date(1969, 12, 31).weekday(), 2); // Wednesday
    }

    #[test]
    fn epoch_and_known_day_counts() {
        assert_eq!(date(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(date(1969, 12, 31).days_since_epoch(), -1);
        assert_eq!(date(2000, 1, 1).days_since_epoch(), 10_957);
        assert_eq!(Date::from_days_since_epoch(20_000), date(2024, 10, 4));
        assert_eq!(date(2026, 12, 31).add_days(1), date(2027, 1, 1));
        assert_eq!(date(2027, 1, 1).add_days(-1), date(2026, 12, 31));
        assert_eq!(date(2026, 3, 1).add_days(-1), date(2026, 2, 28));
        assert_eq!(date(2026, 1, 1).add_days(365), date(2027, 1, 1));
        assert_eq!(date(2028, 1, 1).add_days(366), date(2029, 1, 1));
        assert_eq!(date(2026, 5, 17).add_days(0), date(2026, 5, 17));
    }

    #[test]
    fn every_day_round_trips() {
        let mut expected = date(1970, 1, 1);
        let mut weekday = 3;
        for days in 0..date(2101, 1, 1).days_since_epoch() {
            let current = Date::from_days_since_epoch(days);
            assert_eq!(current, expected);
            assert_eq!(current.days_since_epoch(), days);
            assert_eq!(current.weekday(), weekday);
            assert_eq!(Date::parse_iso(&current.iso()), Some(current));
            assert_eq!(amsterdam_date(end_of_day_amsterdam(current)), current);
            assert_eq!(
                amsterdam_date(end_of_day_amsterdam(current) + 1),
                current.add_days(1)
            );
            // Step by hand to check the arithmetic against a plain calendar walk.
            expected = if expected.day < days_in_month(expected.year, expected.month) {
                date(expected.year, expected.month, expected.day + 1)
            } else if expected.month < 12 {
                date(expected.year, expected.month + 1, 1)
            } else {
                date(expected.year + 1, 1, 1)
            };
            weekday = (weekday + 1) % 7;
        }
    }

    #[test]
    fn round_trips_far_from_epoch() {
        for days in [-800_000, -146_097, -719_468, -1, 2_932_896, 3_000_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(Date::from_days_since_epoch(-719_468), date(0, 3, 1));
        assert_eq!(date(9999, 12, 31).days_since_epoch(), 2_932_896);
    }

    #[test]
    fn summer_time_starts_on_2026_03_29() {
        let switch = utc(2026, 3, 29, 1, 0, 0);
        assert_eq!(amsterdam_offset_secs(switch - 1), 3_600);
        assert_eq!(amsterdam_offset_secs(switch), 7_200);
        // The day before and the day of the switch both end at local midnight.
        assert_eq!(
            end_of_day_amsterdam(date(2026, 3, 28)),
            utc(2026, 3, 28, 22, 59, 59)
        );
        assert_eq!(
            end_of_day_amsterdam(date(2026, 3, 29)),
            utc(2026, 3, 29, 21, 59, 59)
        );
        assert_eq!(
            amsterdam_date(utc(2026, 3, 28, 22, 59, 59)),
            date(2026, 3, 28)
        );
        assert_eq!(
            amsterdam_date(utc(2026, 3, 28, 23, 0, 0)),
            date(2026, 3, 29)
        );
        assert_eq!(
            amsterdam_date(utc(2026, 3, 29, 21, 59, 59)),
            date(2026, 3, 29)
        );
        assert_eq!(
            amsterdam_date(utc(2026, 3, 29, 22, 0, 0)),
            date(2026, 3, 30)
        );
    }

    #[test]
    fn summer_time_ends_on_2026_10_25() {
        let switch = utc(2026, 10, 25, 1, 0, 0);
        assert_eq!(amsterdam_offset_secs(switch - 1), 7_200);
        assert_eq!(amsterdam_offset_secs(switch), 3_600);
        assert_eq!(
            end_of_day_amsterdam(date(2026, 10, 24)),
            utc(2026, 10, 24, 21, 59, 59)
        );
        assert_eq!(
            end_of_day_amsterdam(date(2026, 10, 25)),
            utc(2026, 10, 25, 22, 59, 59)
        );
        assert_eq!(
            amsterdam_date(utc(2026, 10, 24, 21, 59, 59)),
            date(2026, 10, 24)
        );
        assert_eq!(
            amsterdam_date(utc(2026, 10, 24, 22, 0, 0)),
            date(2026, 10, 25)
        );
        assert_eq!(
            amsterdam_date(utc(2026, 10, 25, 22, 59, 59)),
            date(2026, 10, 25)
        );
        assert_eq!(
            amsterdam_date(utc(2026, 10, 25, 23, 0, 0)),
            date(2026, 10, 26)
        );
    }

    #[test]
    fn days_around_the_switches_last_24_23_or_25_hours() {
        let length = |d: Date| end_of_day_amsterdam(d) - end_of_day_amsterdam(d.add_days(-1));
        assert_eq!(length(date(2026, 3, 28)), 24 * 3_600);
        assert_eq!(length(date(2026, 3, 29)), 23 * 3_600);
        assert_eq!(length(date(2026, 3, 30)), 24 * 3_600);
        assert_eq!(length(date(2026, 10, 25)), 25 * 3_600);
        assert_eq!(length(date(2026, 10, 26)), 24 * 3_600);
    }

    #[test]
    fn switch_dates_of_other_years() {
        // Last Sundays of March and October, from published Dutch clock changes.
        for (year, march, october) in [
            (2024, 31, 27),
            (2025, 30, 26),
            (2026, 29, 25),
            (2027, 28, 31),
            (2028, 26, 29),
        ] {
            let start = utc(year, 3, march, 1, 0, 0);
            let end = utc(year, 10, october, 1, 0, 0);
            assert_eq!(amsterdam_offset_secs(start - 1), 3_600, "{year}");
            assert_eq!(amsterdam_offset_secs(start), 7_200, "{year}");
            assert_eq!(amsterdam_offset_secs(end - 1), 7_200, "{year}");
            assert_eq!(amsterdam_offset_secs(end), 3_600, "{year}");
        }
    }

    #[test]
    fn offsets_in_plain_winter_and_summer() {
        assert_eq!(amsterdam_offset_secs(0), 3_600);
        assert_eq!(amsterdam_offset_secs(utc(2026, 1, 15, 12, 0, 0)), 3_600);
        assert_eq!(amsterdam_offset_secs(utc(2026, 7, 1, 12, 0, 0)), 7_200);
        assert_eq!(amsterdam_offset_secs(utc(2026, 12, 31, 23, 30, 0)), 3_600);
        assert_eq!(
            end_of_day_amsterdam(date(2026, 12, 11)),
            utc(2026, 12, 11, 22, 59, 59)
        );
        assert_eq!(
            end_of_day_amsterdam(date(2026, 7, 1)),
            utc(2026, 7, 1, 21, 59, 59)
        );
    }

    #[test]
    fn local_date_differs_from_utc_date_late_in_the_evening() {
        // 23:30 UTC on 31 December is already New Year's Day in Amsterdam.
        assert_eq!(
            amsterdam_date(utc(2026, 12, 31, 23, 30, 0)),
            date(2027, 1, 1)
        );
        assert_eq!(
            amsterdam_date(utc(2026, 12, 31, 22, 59, 59)),
            date(2026, 12, 31)
        );
        assert_eq!(amsterdam_date(utc(2026, 7, 1, 22, 0, 0)), date(2026, 7, 2));
        assert_eq!(amsterdam_date(-1), date(1970, 1, 1));
    }

    #[test]
    fn formats_dates_in_both_languages() {
        let deadline = date(2026, 12, 11);
        assert_eq!(
            format_date(deadline, Language::Nl),
            "vrijdag 11 december 2026"
        );
        assert_eq!(
            format_date(deadline, Language::En),
            "Friday 11 December 2026"
        );
        assert_eq!(
            format_date(date(2026, 3, 1), Language::Nl),
            "zondag 1 maart 2026"
        );
        assert_eq!(
            format_date(date(2026, 5, 4), Language::En),
            "Monday 4 May 2026"
        );
        // A date that was built by hand and is not valid does not panic.
        let nonsense = format_date(date(2026, 13, 1), Language::Nl);
        assert!(nonsense.contains('?'), "{nonsense}");
    }

    #[test]
    fn deadline_shows_the_date_that_was_entered() {
        for text in [
            "2026-12-11",
            "2026-03-29",
            "2026-10-25",
            "2026-07-01",
            "2028-02-29",
        ] {
            let entered = Date::parse_iso(text).unwrap();
            let stored = end_of_day_amsterdam(entered);
            assert_eq!(
                format_deadline(stored, Language::Nl),
                format_date(entered, Language::Nl)
            );
            assert_eq!(
                format_deadline(stored, Language::En),
                format_date(entered, Language::En)
            );
        }
        let stored = end_of_day_amsterdam(date(2026, 12, 11));
        assert_eq!(
            format_deadline(stored, Language::Nl),
            "vrijdag 11 december 2026"
        );
        assert_eq!(
            format_deadline(stored + 1, Language::En),
            "Saturday 12 December 2026"
        );
    }

    #[test]
    fn dates_order_chronologically() {
        assert!(date(2026, 12, 11) < date(2027, 1, 1));
        assert!(date(2026, 2, 28) < date(2026, 3, 1));
        assert!(date(2026, 3, 1) < date(2026, 3, 2));
    }
}

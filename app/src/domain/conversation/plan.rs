//! The plan of a conversation: when (a date and a time in Dutch time, as the planner types
//! them), where and how long. A type may ask for a minimum duration (the secretary's yearly
//! conversation takes at least 1.5 hours); a shorter plan is allowed but warned about, because
//! the planner may have good reasons.
//!
//! Dutch local time is turned into an instant with the EU summer-time rule of
//! [`crate::domain::calendar`]. When the clocks go back, a time between 02:00 and 03:00 happens
//! twice: the first (summer-time) one is meant. When they go forward that hour does not exist
//! and is refused.

use serde::{Deserialize, Serialize};

use super::PlanView;
use super::field_error::{FieldError, FieldProblem, char_count};
use crate::domain::calendar::{Date, amsterdam_date, amsterdam_offset_secs};
use crate::domain::language::Language;

/// Limits of the plan form.
pub const MAX_PLACE_CHARS: usize = 200;
pub const MIN_DURATION_MINUTES: u32 = 15;
pub const MAX_DURATION_MINUTES: u32 = 600;

/// A valid plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Unix seconds.
    pub starts_at: i64,
    /// Trimmed, 1 to 200 characters.
    pub place: String,
    pub duration_minutes: u32,
}

/// The planned duration is below the type's minimum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DurationWarning {
    pub minimum_minutes: u32,
    pub planned_minutes: u32,
}

impl DurationWarning {
    /// "Voor dit gesprek wordt ten minste 1,5 uur uitgetrokken; gepland is 60 minuten."
    pub fn message(&self, language: Language) -> String {
        let minimum = duration_text(self.minimum_minutes, language);
        let planned = duration_text(self.planned_minutes, language);
        match language {
            Language::Nl => format!(
                "Voor dit gesprek wordt ten minste {minimum} uitgetrokken; gepland is {planned}."
            ),
            Language::En => format!(
                "At least {minimum} should be set aside for this conversation; {planned} is planned."
            ),
        }
    }
}

/// A duration for people: whole and half hours in hours ("1,5 uur", "2 hours"), anything else
/// in minutes ("45 minuten").
pub fn duration_text(minutes: u32, language: Language) -> String {
    if minutes >= 60 && minutes.is_multiple_of(30) {
        let whole = minutes / 60;
        let half = minutes % 60 == 30;
        match (language, half) {
            (Language::Nl, false) => format!("{whole} uur"),
            (Language::Nl, true) => format!("{whole},5 uur"),
            (Language::En, false) if whole == 1 => "1 hour".to_string(),
            (Language::En, false) => format!("{whole} hours"),
            (Language::En, true) => format!("{whole}.5 hours"),
        }
    } else {
        match language {
            Language::Nl => format!("{minutes} minuten"),
            Language::En => format!("{minutes} minutes"),
        }
    }
}

/// A valid plan and the warning that goes with it, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedPlan {
    pub plan: Plan,
    pub warning: Option<DurationWarning>,
}

/// Checks the plan form: `starts_on` a `YYYY-MM-DD` date and `start_time` an `HH:MM` time in
/// Dutch time, together after `now` (unix seconds); `place` non-empty and at most 200
/// characters after trimming; `duration_minutes` 15 to 600. Below `min_duration_minutes` (the
/// type's minimum) the plan is valid with a [`DurationWarning`]. Every problem is reported,
/// named by its field: "starts_on", "starts_at", "place", "duration_minutes".
pub fn validate_plan(
    starts_on: &str,
    start_time: &str,
    place: &str,
    duration_minutes: u32,
    min_duration_minutes: Option<u32>,
    now: i64,
) -> Result<CheckedPlan, Vec<FieldError>> {
    let mut errors = Vec::new();
    let date = Date::parse_iso(starts_on.trim());
    if date.is_none() {
        errors.push(FieldError::new("starts_on", FieldProblem::BadDate));
    }
    let time = parse_time(start_time.trim());
    if time.is_none() {
        errors.push(FieldError::new("starts_at", FieldProblem::BadTime));
    }
    let mut starts_at = None;
    if let (Some(date), Some((hour, minute))) = (date, time) {
        match amsterdam_instant(date, hour, minute) {
            None => errors.push(FieldError::new("starts_at", FieldProblem::TimeDoesNotExist)),
            Some(instant) if instant <= now => {
                errors.push(FieldError::new("starts_on", FieldProblem::NotInFuture))
            }
            Some(instant) => starts_at = Some(instant),
        }
    }
    let place = place.trim();
    if place.is_empty() {
        errors.push(FieldError::new("place", FieldProblem::Missing));
    } else if char_count(place) > MAX_PLACE_CHARS {
        errors.push(FieldError::new(
            "place",
            FieldProblem::TooLong {
                max: MAX_PLACE_CHARS,
            },
        ));
    }
    if !(MIN_DURATION_MINUTES..=MAX_DURATION_MINUTES).contains(&duration_minutes) {
        errors.push(FieldError::new(
            "duration_minutes",
            FieldProblem::OutOfRange {
                min: MIN_DURATION_MINUTES,
                max: MAX_DURATION_MINUTES,
            },
        ));
    }
    match starts_at {
        Some(starts_at) if errors.is_empty() => Ok(CheckedPlan {
            plan: Plan {
                starts_at,
                place: place.to_string(),
                duration_minutes,
            },
            warning: duration_warning(duration_minutes, min_duration_minutes),
        }),
        _ => Err(errors),
    }
}

/// The warning for a duration below the type's minimum, if it is.
pub fn duration_warning(
    duration_minutes: u32,
    min_duration_minutes: Option<u32>,
) -> Option<DurationWarning> {
    min_duration_minutes
        .filter(|&minimum| duration_minutes < minimum)
        .map(|minimum_minutes| DurationWarning {
            minimum_minutes,
            planned_minutes: duration_minutes,
        })
}

/// Parses exactly `HH:MM` (24-hour clock, two digits each): the value of an HTML
/// `<input type="time">`.
pub fn parse_time(text: &str) -> Option<(u8, u8)> {
    let bytes = text.as_bytes();
    if bytes.len() != 5 || bytes[2] != b':' {
        return None;
    }
    let two = |at: usize| -> Option<u8> {
        let (tens, ones) = (bytes[at], bytes[at + 1]);
        (tens.is_ascii_digit() && ones.is_ascii_digit()).then(|| (tens - b'0') * 10 + (ones - b'0'))
    };
    let hour = two(0)?;
    let minute = two(3)?;
    (hour < 24 && minute < 60).then_some((hour, minute))
}

/// The instant of a Dutch wall-clock time: the summer-time reading when the clocks go back and
/// the time happens twice, `None` when the clocks go forward and it does not happen at all.
pub fn amsterdam_instant(date: Date, hour: u8, minute: u8) -> Option<i64> {
    let local = date.days_since_epoch() * 86_400 + i64::from(hour) * 3_600 + i64::from(minute) * 60;
    [7_200, 3_600]
        .into_iter()
        .map(|offset| local - offset)
        .find(|&instant| instant + amsterdam_offset_secs(instant) == local)
}

/// The plan as the form shows it again: the instant as Dutch date and time.
pub fn plan_view(plan: &Plan) -> PlanView {
    let local = plan.starts_at + amsterdam_offset_secs(plan.starts_at);
    let second_of_day = local.rem_euclid(86_400);
    PlanView {
        starts_at: plan.starts_at,
        starts_on: amsterdam_date(plan.starts_at).iso(),
        start_time: format!(
            "{:02}:{:02}",
            second_of_day / 3_600,
            second_of_day % 3_600 / 60
        ),
        place: plan.place.clone(),
        duration_minutes: plan.duration_minutes,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// 1 December 2026, well before every plan below.
    const NOW: i64 = 1_796_083_200;

    fn plan(on: &str, at: &str) -> Result<CheckedPlan, Vec<FieldError>> {
        validate_plan(on, at, "Raadhuis, kamer 2", 90, Some(90), NOW)
    }

    fn problems(result: Result<CheckedPlan, Vec<FieldError>>) -> Vec<(String, FieldProblem)> {
        result
            .expect_err("refused")
            .into_iter()
            .map(|error| (error.field, error.problem))
            .collect()
    }

    fn one(field: &str, problem: FieldProblem) -> Vec<(String, FieldProblem)> {
        vec![(field.to_string(), problem)]
    }

    #[test]
    fn winter_and_summer_times_are_dutch_time() {
        // Reference instants from Python's zoneinfo (Europe/Amsterdam).
        assert_eq!(
            plan("2027-01-05", "10:00").unwrap().plan.starts_at,
            1_799_139_600
        );
        assert_eq!(
            plan("2027-07-01", "10:00").unwrap().plan.starts_at,
            1_814_428_800
        );
    }

    #[test]
    fn the_hour_summer_time_skips_does_not_exist() {
        assert_eq!(
            plan("2027-03-28", "01:59").unwrap().plan.starts_at,
            1_806_195_540
        );
        assert_eq!(
            plan("2027-03-28", "03:00").unwrap().plan.starts_at,
            1_806_195_600
        );
        for time in ["02:00", "02:30", "02:59"] {
            assert_eq!(
                problems(plan("2027-03-28", time)),
                one("starts_at", FieldProblem::TimeDoesNotExist),
                "{time}"
            );
        }
    }

    #[test]
    fn the_hour_that_happens_twice_means_the_first() {
        assert_eq!(
            plan("2027-10-31", "02:30").unwrap().plan.starts_at,
            1_824_942_600
        );
        assert_eq!(
            plan("2027-10-31", "03:00").unwrap().plan.starts_at,
            1_824_948_000
        );
    }

    #[test]
    fn the_start_must_be_in_the_future() {
        let starts_at = 1_799_139_600; // 5 January 2027 10:00
        let at = |now| validate_plan("2027-01-05", "10:00", "Raadhuis", 60, None, now);
        assert!(at(starts_at - 1).is_ok());
        assert_eq!(
            problems(at(starts_at)),
            one("starts_on", FieldProblem::NotInFuture)
        );
        assert_eq!(
            problems(at(starts_at + 86_400)),
            one("starts_on", FieldProblem::NotInFuture)
        );
    }

    #[test]
    fn dates_and_times_must_be_well_formed() {
        for date in [
            "",
            "5-1-2027",
            "2027-02-29",
            "2027-13-01",
            "05-01-2027",
            "2027/01/05",
        ] {
            assert_eq!(
                problems(plan(date, "10:00")),
                one("starts_on", FieldProblem::BadDate),
                "{date:?}"
            );
        }
        for time in [
            "", "9:00", "24:00", "12:60", "12:00:00", "ab:cd", "1200", "-1:00",
        ] {
            assert_eq!(
                problems(plan("2027-01-05", time)),
                one("starts_at", FieldProblem::BadTime),
                "{time:?}"
            );
        }
        assert!(plan(" 2027-01-05 ", " 00:00 ").is_ok());
        assert!(plan("2027-01-05", "23:59").is_ok());
    }

    #[test]
    fn the_place_is_required_and_limited() {
        let with = |place: &str| validate_plan("2027-01-05", "10:00", place, 60, None, NOW);
        assert_eq!(problems(with("")), one("place", FieldProblem::Missing));
        assert_eq!(problems(with(" \t ")), one("place", FieldProblem::Missing));
        assert_eq!(with("  Raadhuis ").unwrap().plan.place, "Raadhuis");
        assert!(with(&"é".repeat(200)).is_ok(), "characters, not bytes");
        assert_eq!(
            problems(with(&"a".repeat(201))),
            one("place", FieldProblem::TooLong { max: 200 })
        );
    }

    #[test]
    fn the_duration_is_15_to_600_minutes() {
        let with = |minutes| validate_plan("2027-01-05", "10:00", "Raadhuis", minutes, None, NOW);
        for minutes in [0, 14, 601, u32::MAX] {
            assert_eq!(
                problems(with(minutes)),
                one(
                    "duration_minutes",
                    FieldProblem::OutOfRange { min: 15, max: 600 }
                ),
                "{minutes}"
            );
        }
        assert_eq!(with(15).unwrap().plan.duration_minutes, 15);
        assert_eq!(with(600).unwrap().plan.duration_minutes, 600);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let fields: Vec<String> = validate_plan("x", "y", "", 5, Some(90), NOW)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["starts_on", "starts_at", "place", "duration_minutes"]
        );
    }

    #[test]
    fn a_short_conversation_is_warned_about_not_refused() {
        let with = |minutes, minimum| {
            validate_plan("2027-01-05", "10:00", "Raadhuis", minutes, minimum, NOW)
                .unwrap()
                .warning
        };
        let warning = with(60, Some(90)).expect("warned");
        assert_eq!(
            warning,
            DurationWarning {
                minimum_minutes: 90,
                planned_minutes: 60
            }
        );
        assert_eq!(
            warning.message(Language::Nl),
            "Voor dit gesprek wordt ten minste 1,5 uur uitgetrokken; gepland is 1 uur."
        );
        assert_eq!(
            warning.message(Language::En),
            "At least 1.5 hours should be set aside for this conversation; 1 hour is planned."
        );
        assert_eq!(with(89, Some(90)).map(|w| w.planned_minutes), Some(89));
        assert_eq!(with(90, Some(90)), None);
        assert_eq!(with(600, Some(90)), None);
        assert_eq!(with(15, None), None);
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_text(90, Language::Nl), "1,5 uur");
        assert_eq!(duration_text(120, Language::Nl), "2 uur");
        assert_eq!(duration_text(45, Language::Nl), "45 minuten");
        assert_eq!(duration_text(100, Language::Nl), "100 minuten");
        assert_eq!(duration_text(60, Language::En), "1 hour");
        assert_eq!(duration_text(150, Language::En), "2.5 hours");
        assert_eq!(duration_text(30, Language::En), "30 minutes");
    }

    #[test]
    fn the_view_shows_the_plan_as_entered() {
        let checked = plan("2027-10-31", "03:00").unwrap();
        let view = plan_view(&checked.plan);
        assert_eq!(view.starts_on, "2027-10-31");
        assert_eq!(view.start_time, "03:00");
        assert_eq!(view.place, "Raadhuis, kamer 2");
        assert_eq!(view.duration_minutes, 90);
        assert_eq!(view.starts_at, 1_824_948_000);
    }

    proptest! {
        /// Any existing Dutch date and time reads back as typed.
        #[test]
        fn plans_round_trip_through_the_view(
            days in 0i64..(365 * 20), hour in 0u8..24, minute in 0u8..60
        ) {
            let date = Date { year: 2027, month: 1, day: 1 }.add_days(days);
            let time = format!("{hour:02}:{minute:02}");
            match validate_plan(&date.iso(), &time, "Raadhuis", 60, None, NOW) {
                Ok(checked) => {
                    let view = plan_view(&checked.plan);
                    prop_assert_eq!(view.starts_on, date.iso());
                    prop_assert_eq!(view.start_time, time);
                }
                Err(errors) => {
                    // Only the hour the clocks skip, on the last Sunday of March.
                    prop_assert_eq!(hour, 2);
                    prop_assert_eq!(date.month, 3);
                    prop_assert_eq!(date.weekday(), 6);
                    prop_assert!(date.day > 24);
                    prop_assert_eq!(errors, vec![FieldError::new("starts_at", FieldProblem::TimeDoesNotExist)]);
                }
            }
        }
    }
}

//! How long a closed scan is kept, as pure rules (the job that acts on them is
//! `crate::retention`).
//!
//! A closed scan holds personal data (the informants' names and addresses, their comments, the
//! subject's name), so it is kept for the organisation's retention period only: by default 36
//! months after it closed, the period an administrator may set between 1 and 120 months. A
//! conversation record that attached the scan may need it longer: until the record's own date
//! (`conversation::retention::record_keep_until`: its `keep_until` once approved, else its
//! type's months after its last change), never forever. Dates are whole days in Dutch time, like deadlines: a scan closed on 4 December 2026 with
//! 36 months is kept until the end of 4 December 2029 in the Netherlands, and removed by the
//! first run of the daily job after that.
//!
//! Also here: the `outbox.about` value that names a scan or a record, and what the job leaves of
//! a removed scan's settings (the framework and the groups stay; names, addresses and free text
//! go).

pub use crate::domain::conversation::retention::end_of_day_months_after;
use crate::domain::conversation::retention::scan_removal_at;

/// The retention period when an administrator did not set one (seed 001, K: three years).
pub const DEFAULT_SCAN_RETENTION_MONTHS: u32 = 36;
/// The shortest period an administrator may set.
pub const MIN_SCAN_RETENTION_MONTHS: u32 = 1;
/// The longest period an administrator may set (ten years).
pub const MAX_SCAN_RETENTION_MONTHS: u32 = 120;

/// Why a typed retention period was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetentionMonthsError {
    /// Not a whole number.
    NotANumber,
    /// Outside [`MIN_SCAN_RETENTION_MONTHS`]..=[`MAX_SCAN_RETENTION_MONTHS`].
    OutOfRange,
}

/// Parses the period an administrator typed (surrounding spaces allowed).
pub fn parse_retention_months(text: &str) -> Result<u32, RetentionMonthsError> {
    let months: i64 = text
        .trim()
        .parse()
        .map_err(|_| RetentionMonthsError::NotANumber)?;
    if (i64::from(MIN_SCAN_RETENTION_MONTHS)..=i64::from(MAX_SCAN_RETENTION_MONTHS))
        .contains(&months)
    {
        Ok(months as u32)
    } else {
        Err(RetentionMonthsError::OutOfRange)
    }
}

/// The stored value as a period: the default when missing or unreadable (a bad row must not
/// make the job remove early, nor stop it).
pub fn stored_retention_months(value: Option<&str>) -> u32 {
    value
        .and_then(|v| parse_retention_months(v).ok())
        .unwrap_or(DEFAULT_SCAN_RETENTION_MONTHS)
}

/// Until when a scan closed at `closed_at` is kept: its retention period, or longer while a
/// record that is not removed holds it. `records` holds each such record's date
/// (`record_keep_until`, approved or not). The rule is the records'
/// (`conversation::retention`), shared so the record and the scan page tell the same date.
pub fn scan_kept_until(closed_at: i64, retention_months: u32, records: &[i64]) -> i64 {
    scan_removal_at(closed_at, retention_months, records)
}

/// Whether the job removes the scan at `now`: only after the day it is kept until.
pub fn scan_due_for_removal(
    closed_at: i64,
    retention_months: u32,
    records: &[i64],
    now: i64,
) -> bool {
    scan_kept_until(closed_at, retention_months, records) < now
}

/// Whether a record's content is removed at `now`: only after the day it is kept until
/// (`record_keep_until`, approved or not).
pub fn record_due_for_removal(kept_until: i64, now: i64) -> bool {
    kept_until < now
}

/// The `outbox.about` of a scan's messages.
pub fn scan_about(scan_id: &str) -> String {
    format!("scan:{scan_id}")
}

/// The `outbox.about` of a conversation record's messages.
pub fn conversation_about(conversation_id: &str) -> String {
    format!("conversation:{conversation_id}")
}

/// The fields of a scan's settings (JSON of `ValidScan`) that name a person or hold free text.
const PERSONAL_TEXT_FIELDS: [&str; 5] = [
    "subject_name",
    "subject_email",
    "subject_job_title",
    "introduction",
    "introduction_self",
];

/// A removed scan's settings: names, addresses and free text blanked, the report readers
/// emptied; the framework, competencies, groups, `k`, deadline and language kept, so the line
/// still reads as a scan. Refuses text that is not a JSON object.
pub fn scrub_scan_settings(settings_json: &str) -> Result<String, serde_json::Error> {
    let mut settings: serde_json::Value = serde_json::from_str(settings_json)?;
    let Some(fields) = settings.as_object_mut() else {
        return Err(serde::de::Error::custom("scan settings are not an object"));
    };
    for field in PERSONAL_TEXT_FIELDS {
        if fields.contains_key(field) {
            fields.insert(field.to_owned(), serde_json::Value::String(String::new()));
        }
    }
    if fields.contains_key("report_readers") {
        fields.insert(
            "report_readers".to_owned(),
            serde_json::Value::Array(Vec::new()),
        );
    }
    serde_json::to_string(&settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{Date, amsterdam_date, end_of_day_amsterdam};

    fn date(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// 12:00 Dutch time on a date (winter or summer alike: noon is far from any change).
    fn noon(d: Date) -> i64 {
        end_of_day_amsterdam(d) - 12 * 3600 + 1
    }

    #[test]
    fn months_are_parsed_within_one_to_a_hundred_and_twenty() {
        assert_eq!(parse_retention_months("36"), Ok(36));
        assert_eq!(parse_retention_months(" 1 "), Ok(1));
        assert_eq!(parse_retention_months("120"), Ok(120));
        assert_eq!(
            parse_retention_months("0"),
            Err(RetentionMonthsError::OutOfRange)
        );
        assert_eq!(
            parse_retention_months("121"),
            Err(RetentionMonthsError::OutOfRange)
        );
        assert_eq!(
            parse_retention_months("-5"),
            Err(RetentionMonthsError::OutOfRange)
        );
        assert_eq!(
            parse_retention_months("99999999999999999999"),
            Err(RetentionMonthsError::NotANumber)
        );
        for bad in ["", "drie", "3.5", "36 maanden"] {
            assert_eq!(
                parse_retention_months(bad),
                Err(RetentionMonthsError::NotANumber),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn a_missing_or_unreadable_stored_value_is_the_default() {
        assert_eq!(stored_retention_months(None), 36);
        assert_eq!(stored_retention_months(Some("12")), 12);
        assert_eq!(stored_retention_months(Some("0")), 36);
        assert_eq!(stored_retention_months(Some("abc")), 36);
    }

    #[test]
    fn a_scan_is_kept_until_the_end_of_the_day_in_dutch_time() {
        let closed = noon(date(2026, 12, 4));
        let until = scan_kept_until(closed, 36, &[]);
        assert_eq!(until, end_of_day_amsterdam(date(2029, 12, 4)));
        assert_eq!(amsterdam_date(until), date(2029, 12, 4));
        assert_eq!(amsterdam_date(until + 1), date(2029, 12, 5));
        // Closed in the last second of a Dutch day: that day counts, not the next.
        let late = end_of_day_amsterdam(date(2026, 6, 30));
        assert_eq!(
            amsterdam_date(scan_kept_until(late, 1, &[])),
            date(2026, 7, 30)
        );
    }

    #[test]
    fn removal_comes_only_after_the_last_kept_second() {
        let closed = noon(date(2026, 12, 4));
        let until = scan_kept_until(closed, 36, &[]);
        assert!(!scan_due_for_removal(closed, 36, &[], until));
        assert!(scan_due_for_removal(closed, 36, &[], until + 1));
        assert!(!scan_due_for_removal(closed, 36, &[], closed + 86_400));
    }

    #[test]
    fn the_period_changes_the_date() {
        let closed = noon(date(2026, 12, 4));
        let short = scan_kept_until(closed, 12, &[]);
        let long = scan_kept_until(closed, 36, &[]);
        assert_eq!(amsterdam_date(short), date(2027, 12, 4));
        assert!(short < long);
        let now = short + 1;
        assert!(scan_due_for_removal(closed, 12, &[], now));
        assert!(!scan_due_for_removal(closed, 36, &[], now));
    }

    #[test]
    fn a_record_kept_longer_keeps_the_scan_until_then() {
        let closed = noon(date(2026, 12, 4));
        let own = scan_kept_until(closed, 36, &[]);
        let record = own + 400 * 86_400;
        assert_eq!(scan_kept_until(closed, 36, &[record]), record);
        // A record kept for a shorter time does not shorten the scan's own period.
        assert_eq!(scan_kept_until(closed, 36, &[closed + 10, record]), record);
        assert!(!scan_due_for_removal(closed, 36, &[record], own + 1));
        assert!(scan_due_for_removal(closed, 36, &[record], record + 1));
    }

    #[test]
    fn a_record_never_approved_keeps_the_scan_until_its_own_date_only() {
        use crate::domain::conversation::record_keep_until;
        let closed = noon(date(2026, 12, 4));
        let own = scan_kept_until(closed, 36, &[]);
        // Left 'held' on 1 June 2028, never approved: kept 36 months after that change.
        let abandoned = record_keep_until(None, noon(date(2028, 6, 1)), 36);
        assert_eq!(abandoned, end_of_day_amsterdam(date(2031, 6, 1)));
        assert_eq!(scan_kept_until(closed, 36, &[abandoned]), abandoned);
        assert!(!scan_due_for_removal(closed, 36, &[abandoned], own + 1));
        assert!(!scan_due_for_removal(closed, 36, &[abandoned], abandoned));
        assert!(scan_due_for_removal(
            closed,
            36,
            &[abandoned],
            abandoned + 1
        ));
        // A late change to the record moves its date, and the scan's, on.
        let changed = record_keep_until(None, noon(date(2029, 1, 10)), 36);
        assert_eq!(scan_kept_until(closed, 36, &[changed]), changed);
        assert!(!scan_due_for_removal(closed, 36, &[changed], abandoned + 1));
    }

    #[test]
    fn a_record_is_removed_after_the_day_it_is_kept_until() {
        assert!(!record_due_for_removal(100, 100));
        assert!(record_due_for_removal(100, 101));
        assert!(!record_due_for_removal(100, 99));
    }

    #[test]
    fn about_names_the_scan_or_the_record() {
        assert_eq!(scan_about("abc"), "scan:abc");
        assert_eq!(conversation_about("def"), "conversation:def");
    }

    #[test]
    fn scrubbed_settings_keep_the_framework_and_lose_names_and_free_text() {
        let json = r#"{"subject_name":"Jan Jansen","subject_email":"jan@gemeente.nl",
            "subject_job_title":"gemeentesecretaris","framework_id":"maastricht-2014",
            "framework_version":1,"introduction":"Beste collega's, Jan vraagt",
            "introduction_self":"Beste Jan","report_readers":["piet@gemeente.nl"],"k":3,
            "groups":[{"id":"self"}]}"#;
        let scrubbed = scrub_scan_settings(json).unwrap();
        for gone in [
            "Jan",
            "jan@gemeente.nl",
            "gemeentesecretaris",
            "Beste",
            "piet@gemeente.nl",
        ] {
            assert!(!scrubbed.contains(gone), "{gone} in {scrubbed}");
        }
        let value: serde_json::Value = serde_json::from_str(&scrubbed).unwrap();
        assert_eq!(value["framework_id"], "maastricht-2014");
        assert_eq!(value["framework_version"], 1);
        assert_eq!(value["k"], 3);
        assert_eq!(value["groups"][0]["id"], "self");
        assert_eq!(value["subject_name"], "");
        assert_eq!(value["report_readers"], serde_json::json!([]));
        // A field that was never there is not added.
        assert!(scrub_scan_settings(r#"{"k":3}"#).unwrap().eq(r#"{"k":3}"#));
        assert!(scrub_scan_settings("[1]").is_err());
        assert!(scrub_scan_settings("niet json").is_err());
    }
}

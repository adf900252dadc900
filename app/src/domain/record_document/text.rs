//! The record's dates, durations, states and outcomes written out in Dutch or English, for the
//! PDF and the print page alike. Times are Dutch local time (Europe/Amsterdam, see
//! [`calendar`](crate::domain::calendar)), whatever the server's own zone.

use crate::domain::calendar::{Date, amsterdam_date, amsterdam_offset_secs, format_date};
use crate::domain::language::Language;

/// Written where there is nothing to write (no date, no name).
pub const NOTHING: &str = "–";

/// The Dutch local date and time (hours, minutes) of an instant.
pub fn local_date_time(unix: i64) -> (Date, u32, u32) {
    let seconds_of_day = (unix + amsterdam_offset_secs(unix)).rem_euclid(86_400);
    let hour = (seconds_of_day / 3_600) as u32;
    let minute = (seconds_of_day % 3_600 / 60) as u32;
    (amsterdam_date(unix), hour, minute)
}

/// "dinsdag 3 maart 2026" / "Tuesday 3 March 2026".
pub fn date_text(unix: i64, language: Language) -> String {
    format_date(amsterdam_date(unix), language)
}

/// "dinsdag 3 maart 2026 om 14:00" / "Tuesday 3 March 2026 at 14:00".
pub fn date_time_text(unix: i64, language: Language) -> String {
    let (date, hour, minute) = local_date_time(unix);
    format!(
        "{} {} {hour:02}:{minute:02}",
        format_date(date, language),
        language.pick("om", "at")
    )
}

/// A date without its weekday: "3 april 2026" / "3 April 2026".
fn short_date(date: Date, language: Language) -> String {
    let long = format_date(date, language);
    // `format_date` writes "<weekday> <day> <month> <year>"; every weekday is one word.
    long.split_once(' ')
        .map_or(long.clone(), |(_, rest)| rest.to_owned())
}

/// An agreement's due date (ISO `YYYY-MM-DD`) written out, e.g. "3 april 2026"; empty stays
/// empty, and text that is no date is shown as it is.
pub fn due_text(due_on: &str, language: Language) -> String {
    let due_on = due_on.trim();
    match Date::parse_iso(due_on) {
        Some(date) => short_date(date, language),
        None => due_on.to_owned(),
    }
}

/// "1 uur en 30 minuten", "2 uur", "45 minuten" / "1 hour and 30 minutes", "2 hours", "45 minutes".
pub fn duration_text(minutes: u32, language: Language) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    let hours_text = match (language, hours) {
        (Language::Nl, h) => format!("{h} uur"),
        (Language::En, 1) => "1 hour".to_owned(),
        (Language::En, h) => format!("{h} hours"),
    };
    let minutes_text = match (language, rest) {
        (Language::Nl, 1) => "1 minuut".to_owned(),
        (Language::Nl, m) => format!("{m} minuten"),
        (Language::En, 1) => "1 minute".to_owned(),
        (Language::En, m) => format!("{m} minutes"),
    };
    match (hours, rest) {
        (0, _) => minutes_text,
        (_, 0) => hours_text,
        _ => format!("{hours_text} {} {minutes_text}", language.pick("en", "and")),
    }
}

/// The record's state by its code, as a reader says it; an unknown code is shown as it is.
pub fn state_label(code: &str, language: Language) -> String {
    let (nl, en) = match code {
        "planned" => ("Gepland", "Planned"),
        "agenda_sent" => ("Agenda verstuurd", "Agenda sent"),
        "held" => ("Gehouden", "Held"),
        "summary_proposed" => ("Verslag ter goedkeuring", "Summary awaiting approval"),
        "approved" => ("Goedgekeurd", "Approved"),
        "archived" => ("Gearchiveerd", "Archived"),
        "removed" => ("Verwijderd", "Removed"),
        other => (other, other),
    };
    language.pick(nl, en).to_owned()
}

/// Whether a record in this state is final (approved or archived): a print of any other state
/// is a draft.
pub fn is_final(code: &str) -> bool {
    matches!(code, "approved" | "archived")
}

/// What became of an agreement, by its outcome code; empty: not yet discussed.
pub fn outcome_label(code: &str, language: Language) -> String {
    let (nl, en) = match code {
        "" => ("Nog niet besproken", "Not yet discussed"),
        "done" => ("Nagekomen", "Done"),
        "partly" => ("Deels nagekomen", "Partly done"),
        "not_done" => ("Niet nagekomen", "Not done"),
        "continued" => ("Loopt door", "Continued"),
        other => (other, other),
    };
    language.pick(nl, en).to_owned()
}

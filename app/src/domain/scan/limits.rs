//! The product's limits on a scan: the anonymity minimum (its floor and its default), the
//! longest texts and the earliest automatic reminder.

/// The product rule: a group's results need at least this many answers, never fewer, or a
/// single answer could be read off the report. Matches the floor of the scoring module.
pub const MIN_K: usize = 2;
/// The default anonymity minimum k (product brief).
pub const DEFAULT_K: usize = 3;
/// Longest introduction text, in characters: long enough for a personal letter, short enough
/// to fit in an invitation email that people still read.
pub const MAX_INTRODUCTION_CHARS: usize = 4000;
/// Longest subject name or job title, in characters; they appear in email subjects.
pub const MAX_SHORT_TEXT_CHARS: usize = 200;
/// The earliest automatic reminder, in days before the deadline: scans rarely run longer.
pub const MAX_REMINDER_DAYS: u32 = 30;

//! A scan's life cycle: draft, open, closed, and which moves between them are allowed.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ScanError;

/// Where a scan is in its life: draft → open → closed, and closed → open again when the organiser
/// reopens it with a new deadline (the report is unreadable again until it closes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ScanStatus {
    /// Being prepared; everything can still be edited and nobody is invited yet.
    Draft,
    /// Invitations are out; the questions are fixed.
    Open,
    /// No more answers; the report is final.
    Closed,
}

impl ScanStatus {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            ScanStatus::Draft => "draft",
            ScanStatus::Open => "open",
            ScanStatus::Closed => "closed",
        }
    }

    /// The inverse of [`ScanStatus::as_str`].
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "draft" => Some(ScanStatus::Draft),
            "open" => Some(ScanStatus::Open),
            "closed" => Some(ScanStatus::Closed),
            _ => None,
        }
    }

    /// Whether the scan may move from `self` to `next`: draft → open → closed, closed → open.
    /// A draft never comes back: once invitations exist, the questions stay fixed.
    pub fn can_become(self, next: ScanStatus) -> bool {
        matches!(
            (self, next),
            (ScanStatus::Draft, ScanStatus::Open)
                | (ScanStatus::Open, ScanStatus::Closed)
                | (ScanStatus::Closed, ScanStatus::Open)
        )
    }

    /// Moves to `next`, or says why that is not allowed.
    pub fn transition(self, next: ScanStatus) -> Result<ScanStatus, ScanError> {
        if self.can_become(next) {
            Ok(next)
        } else {
            Err(ScanError::InvalidTransition {
                from: self,
                to: next,
            })
        }
    }

    /// True while everything about the scan may change.
    pub fn is_editable(self) -> bool {
        self == ScanStatus::Draft
    }

    /// True once invitations may have been answered: the questions must stay as they were
    /// asked, or answers would be compared across different questionnaires.
    pub fn questions_fixed(self) -> bool {
        self != ScanStatus::Draft
    }

    /// The Dutch word, for the organiser's messages.
    pub(super) fn nl(self) -> &'static str {
        match self {
            ScanStatus::Draft => "concept",
            ScanStatus::Open => "open",
            ScanStatus::Closed => "gesloten",
        }
    }
}

impl fmt::Display for ScanStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_life_cycle_allows_open_close_and_reopen_only() {
        use ScanStatus::*;
        let all = [Draft, Open, Closed];
        for from in all {
            for to in all {
                let allowed = matches!((from, to), (Draft, Open) | (Open, Closed) | (Closed, Open));
                assert_eq!(from.can_become(to), allowed, "{from} -> {to}");
                match from.transition(to) {
                    Ok(next) => {
                        assert!(allowed);
                        assert_eq!(next, to);
                    }
                    Err(e) => {
                        assert!(!allowed);
                        assert_eq!(e, ScanError::InvalidTransition { from, to });
                    }
                }
            }
        }
        assert!(Draft.is_editable() && !Open.is_editable() && !Closed.is_editable());
        assert!(!Draft.questions_fixed() && Open.questions_fixed() && Closed.questions_fixed());
    }

    #[test]
    fn status_round_trips() {
        for status in [ScanStatus::Draft, ScanStatus::Open, ScanStatus::Closed] {
            assert_eq!(ScanStatus::parse(status.as_str()), Some(status));
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
        assert_eq!(ScanStatus::parse("Open"), None);
    }
}

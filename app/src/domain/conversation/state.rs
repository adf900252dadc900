//! The states a conversation record passes through, from planning to removal by the retention
//! job. The strings of [`RecordState::as_str`] are stored in `conversations.state` (the
//! migration's CHECK lists the same seven) and never change.

use serde::{Deserialize, Serialize};

use crate::domain::language::Language;

/// Where a record is in its life (see [`super::check`] for what moves it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordState {
    /// Created, perhaps with a date, place and agenda; the agenda is not sent yet.
    Planned,
    /// The planner sent the agenda to every party.
    AgendaSent,
    /// The conversation took place; a participant writes the concept summary.
    Held,
    /// The summary went to the person discussed for approval.
    SummaryProposed,
    /// The person discussed approved the summary: the record is final.
    Approved,
    /// Put away after approval; still readable by its parties.
    Archived,
    /// The retention job removed the content; only a content-free line remains.
    Removed,
}

impl RecordState {
    /// Every state, in life order.
    pub const ALL: [RecordState; 7] = [
        RecordState::Planned,
        RecordState::AgendaSent,
        RecordState::Held,
        RecordState::SummaryProposed,
        RecordState::Approved,
        RecordState::Archived,
        RecordState::Removed,
    ];

    /// The stable code stored in the database and used in URLs and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordState::Planned => "planned",
            RecordState::AgendaSent => "agenda_sent",
            RecordState::Held => "held",
            RecordState::SummaryProposed => "summary_proposed",
            RecordState::Approved => "approved",
            RecordState::Archived => "archived",
            RecordState::Removed => "removed",
        }
    }

    /// The inverse of [`RecordState::as_str`]; exact match only.
    pub fn parse(code: &str) -> Option<RecordState> {
        RecordState::ALL
            .into_iter()
            .find(|state| state.as_str() == code)
    }

    /// The state's name for people.
    pub fn label(self, language: Language) -> &'static str {
        let (nl, en) = match self {
            RecordState::Planned => ("Gepland", "Planned"),
            RecordState::AgendaSent => ("Agenda verstuurd", "Agenda sent"),
            RecordState::Held => ("Gevoerd", "Held"),
            RecordState::SummaryProposed => ("Verslag ter instemming", "Summary proposed"),
            RecordState::Approved => ("Vastgesteld", "Approved"),
            RecordState::Archived => ("Gearchiveerd", "Archived"),
            RecordState::Removed => ("Verwijderd", "Removed"),
        };
        language.pick(nl, en)
    }

    /// Whether the summary is final (approved or archived after approval).
    pub fn is_final(self) -> bool {
        matches!(self, RecordState::Approved | RecordState::Archived)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_the_migration() {
        let codes: Vec<&str> = RecordState::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            codes,
            [
                "planned",
                "agenda_sent",
                "held",
                "summary_proposed",
                "approved",
                "archived",
                "removed"
            ]
        );
        for state in RecordState::ALL {
            assert_eq!(RecordState::parse(state.as_str()), Some(state));
        }
    }

    #[test]
    fn parse_is_exact() {
        for text in [
            "",
            "Planned",
            " planned",
            "planned ",
            "agenda-sent",
            "gepland",
        ] {
            assert_eq!(RecordState::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn serde_uses_the_stored_codes() {
        for state in RecordState::ALL {
            let json = serde_json::to_string(&state).unwrap();
            assert_eq!(json, format!("\"{}\"", state.as_str()));
            assert_eq!(serde_json::from_str::<RecordState>(&json).unwrap(), state);
        }
    }

    #[test]
    fn labels_differ_per_language_and_state() {
        let mut seen = std::collections::HashSet::new();
        for state in RecordState::ALL {
            assert!(seen.insert(state.label(Language::Nl)));
            assert!(seen.insert(state.label(Language::En)));
        }
        assert_eq!(RecordState::Approved.label(Language::Nl), "Vastgesteld");
    }
}

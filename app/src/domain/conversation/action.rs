//! What a party can do to a record. One action per kind of change or read, so that
//! [`super::check`] decides every door's question in one place and the view can list what the
//! viewer may do now ([`super::allowed_actions`]).

use serde::{Deserialize, Serialize};

use crate::domain::language::Language;

/// Every action on a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordAction {
    /// Set or change the date, time, place and duration.
    Plan,
    /// Change the agenda (reorder, remove, reword items).
    EditAgenda,
    /// Send the agenda to every party.
    SendAgenda,
    /// Add a topic to the agenda.
    AddTopic,
    /// Record that the conversation took place.
    MarkHeld,
    /// Write (save) the concept summary.
    WriteSummary,
    /// Send the summary to the person discussed for approval.
    ProposeSummary,
    /// The person discussed changes the proposed summary.
    ChangeSummary,
    /// The person discussed approves the summary.
    Approve,
    /// Sign the summary "voor akkoord".
    SignOff,
    /// Give the readers read access (and add readers).
    Share,
    /// Put the approved record away.
    Archive,
    /// Attach a closed scan's report.
    AttachScan,
    /// Read the record.
    Read,
    /// Download the record as PDF.
    DownloadPdf,
    /// Read who read and changed the record.
    ReadAudit,
}

impl RecordAction {
    /// Every action, in the order of a record's life.
    pub const ALL: [RecordAction; 16] = [
        RecordAction::Plan,
        RecordAction::EditAgenda,
        RecordAction::SendAgenda,
        RecordAction::AddTopic,
        RecordAction::MarkHeld,
        RecordAction::WriteSummary,
        RecordAction::ProposeSummary,
        RecordAction::ChangeSummary,
        RecordAction::Approve,
        RecordAction::SignOff,
        RecordAction::Share,
        RecordAction::Archive,
        RecordAction::AttachScan,
        RecordAction::Read,
        RecordAction::DownloadPdf,
        RecordAction::ReadAudit,
    ];

    /// The stable code (JSON, form values, tests).
    pub fn as_str(self) -> &'static str {
        match self {
            RecordAction::Plan => "plan",
            RecordAction::EditAgenda => "edit_agenda",
            RecordAction::SendAgenda => "send_agenda",
            RecordAction::AddTopic => "add_topic",
            RecordAction::MarkHeld => "mark_held",
            RecordAction::WriteSummary => "write_summary",
            RecordAction::ProposeSummary => "propose_summary",
            RecordAction::ChangeSummary => "change_summary",
            RecordAction::Approve => "approve",
            RecordAction::SignOff => "sign_off",
            RecordAction::Share => "share",
            RecordAction::Archive => "archive",
            RecordAction::AttachScan => "attach_scan",
            RecordAction::Read => "read",
            RecordAction::DownloadPdf => "download_pdf",
            RecordAction::ReadAudit => "read_audit",
        }
    }

    /// The inverse of [`RecordAction::as_str`]; exact match only.
    pub fn parse(code: &str) -> Option<RecordAction> {
        RecordAction::ALL
            .into_iter()
            .find(|action| action.as_str() == code)
    }

    /// Whether the action changes the record (everything but reading).
    pub fn changes_record(self) -> bool {
        !matches!(
            self,
            RecordAction::Read | RecordAction::DownloadPdf | RecordAction::ReadAudit
        )
    }

    /// The action as a verb phrase for people ("het verslag vaststellen").
    pub fn label(self, language: Language) -> &'static str {
        let (nl, en) = match self {
            RecordAction::Plan => ("het gesprek plannen", "plan the conversation"),
            RecordAction::EditAgenda => ("de agenda aanpassen", "edit the agenda"),
            RecordAction::SendAgenda => ("de agenda versturen", "send the agenda"),
            RecordAction::AddTopic => ("een agendapunt toevoegen", "add a topic"),
            RecordAction::MarkHeld => (
                "vastleggen dat het gesprek is gevoerd",
                "record that the conversation was held",
            ),
            RecordAction::WriteSummary => ("het verslag schrijven", "write the summary"),
            RecordAction::ProposeSummary => (
                "het verslag ter instemming voorleggen",
                "propose the summary for approval",
            ),
            RecordAction::ChangeSummary => ("het verslag wijzigen", "change the summary"),
            RecordAction::Approve => ("het verslag vaststellen", "approve the summary"),
            RecordAction::SignOff => ("voor akkoord tekenen", "sign off"),
            RecordAction::Share => ("het verslag delen", "share the record"),
            RecordAction::Archive => ("het verslag archiveren", "archive the record"),
            RecordAction::AttachScan => ("een scan toevoegen", "attach a scan"),
            RecordAction::Read => ("het verslag lezen", "read the record"),
            RecordAction::DownloadPdf => ("de pdf downloaden", "download the PDF"),
            RecordAction::ReadAudit => ("het logboek lezen", "read the audit trail"),
        };
        language.pick(nl, en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for action in RecordAction::ALL {
            assert!(seen.insert(action.as_str()), "{}", action.as_str());
            assert_eq!(RecordAction::parse(action.as_str()), Some(action));
            let json = serde_json::to_string(&action).unwrap();
            assert_eq!(json, format!("\"{}\"", action.as_str()));
        }
        assert_eq!(RecordAction::parse("Approve"), None);
        assert_eq!(RecordAction::parse(""), None);
    }

    #[test]
    fn only_reading_leaves_the_record_unchanged() {
        let reading: Vec<RecordAction> = RecordAction::ALL
            .into_iter()
            .filter(|a| !a.changes_record())
            .collect();
        assert_eq!(
            reading,
            [
                RecordAction::Read,
                RecordAction::DownloadPdf,
                RecordAction::ReadAudit
            ]
        );
    }

    #[test]
    fn labels_exist_in_both_languages() {
        for action in RecordAction::ALL {
            assert!(!action.label(Language::Nl).is_empty());
            assert!(!action.label(Language::En).is_empty());
            assert_ne!(action.label(Language::Nl), action.label(Language::En));
        }
    }
}

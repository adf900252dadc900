//! The codes of the record's audit trail (`conversation_audit.action`). The person discussed
//! reads the trail, so each code has a label in both languages; the codes are stored and never
//! change.

use serde::{Deserialize, Serialize};

use super::RecordAction;
use crate::domain::language::Language;

/// What happened to a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Created,
    Planned,
    AgendaSent,
    TopicAdded,
    Held,
    SummarySaved,
    SummaryProposed,
    SummaryChanged,
    Signed,
    Approved,
    Shared,
    Archived,
    ScanAttached,
    Read,
    PdfDownloaded,
    RecordDownloaded,
    ReaderAdded,
    /// Written on the *previous* record when the next conversation records what became of
    /// one of its agreements: its parties see who changed their record, and from where.
    OutcomeRecorded,
}

impl AuditAction {
    /// Every code, in the design's order.
    pub const ALL: [AuditAction; 18] = [
        AuditAction::Created,
        AuditAction::Planned,
        AuditAction::AgendaSent,
        AuditAction::TopicAdded,
        AuditAction::Held,
        AuditAction::SummarySaved,
        AuditAction::SummaryProposed,
        AuditAction::SummaryChanged,
        AuditAction::Signed,
        AuditAction::Approved,
        AuditAction::Shared,
        AuditAction::Archived,
        AuditAction::ScanAttached,
        AuditAction::Read,
        AuditAction::PdfDownloaded,
        AuditAction::RecordDownloaded,
        AuditAction::ReaderAdded,
        AuditAction::OutcomeRecorded,
    ];

    /// The stable code stored in `conversation_audit.action`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Created => "created",
            AuditAction::Planned => "planned",
            AuditAction::AgendaSent => "agenda_sent",
            AuditAction::TopicAdded => "topic_added",
            AuditAction::Held => "held",
            AuditAction::SummarySaved => "summary_saved",
            AuditAction::SummaryProposed => "summary_proposed",
            AuditAction::SummaryChanged => "summary_changed",
            AuditAction::Signed => "signed",
            AuditAction::Approved => "approved",
            AuditAction::Shared => "shared",
            AuditAction::Archived => "archived",
            AuditAction::ScanAttached => "scan_attached",
            AuditAction::Read => "read",
            AuditAction::PdfDownloaded => "pdf_downloaded",
            AuditAction::RecordDownloaded => "record_downloaded",
            AuditAction::ReaderAdded => "reader_added",
            AuditAction::OutcomeRecorded => "outcome_recorded",
        }
    }

    /// The inverse of [`AuditAction::as_str`]; exact match only.
    pub fn parse(code: &str) -> Option<AuditAction> {
        AuditAction::ALL
            .into_iter()
            .find(|action| action.as_str() == code)
    }

    /// What happened, for the person discussed reading the trail.
    pub fn label(self, language: Language) -> &'static str {
        let (nl, en) = match self {
            AuditAction::Created => ("Gesprek aangemaakt", "Conversation created"),
            AuditAction::Planned => ("Gesprek gepland", "Conversation planned"),
            AuditAction::AgendaSent => ("Agenda verstuurd", "Agenda sent"),
            AuditAction::TopicAdded => ("Agendapunt toegevoegd", "Topic added"),
            AuditAction::Held => ("Gesprek gevoerd", "Conversation held"),
            AuditAction::SummarySaved => ("Verslag opgeslagen", "Summary saved"),
            AuditAction::SummaryProposed => {
                ("Verslag ter instemming voorgelegd", "Summary proposed")
            }
            AuditAction::SummaryChanged => ("Verslag gewijzigd", "Summary changed"),
            AuditAction::Signed => ("Voor akkoord getekend", "Signed off"),
            AuditAction::Approved => ("Verslag vastgesteld", "Summary approved"),
            AuditAction::Shared => ("Verslag gedeeld", "Record shared"),
            AuditAction::Archived => ("Verslag gearchiveerd", "Record archived"),
            AuditAction::ScanAttached => ("Scan toegevoegd", "Scan attached"),
            AuditAction::Read => ("Verslag gelezen", "Record read"),
            AuditAction::PdfDownloaded => ("Pdf gedownload", "PDF downloaded"),
            AuditAction::RecordDownloaded => ("Gegevens gedownload", "Record data downloaded"),
            AuditAction::ReaderAdded => ("Meelezer toegevoegd", "Reader added"),
            AuditAction::OutcomeRecorded => (
                "Uitkomst van een afspraak vastgelegd in het volgende gesprek",
                "Outcome of an agreement recorded in the next conversation",
            ),
        };
        language.pick(nl, en)
    }

    /// The code a successful action is written to the trail with (`None` for actions the
    /// trail does not record on their own: editing the agenda is logged by the service with
    /// the detail it changed, and reading the trail itself is not a read of the record).
    pub fn of_action(action: RecordAction) -> Option<AuditAction> {
        Some(match action {
            RecordAction::Plan => AuditAction::Planned,
            RecordAction::EditAgenda => return None,
            RecordAction::SendAgenda => AuditAction::AgendaSent,
            RecordAction::AddTopic => AuditAction::TopicAdded,
            RecordAction::MarkHeld => AuditAction::Held,
            RecordAction::WriteSummary => AuditAction::SummarySaved,
            RecordAction::ProposeSummary => AuditAction::SummaryProposed,
            RecordAction::ChangeSummary => AuditAction::SummaryChanged,
            RecordAction::Approve => AuditAction::Approved,
            RecordAction::SignOff => AuditAction::Signed,
            RecordAction::Share => AuditAction::Shared,
            RecordAction::Archive => AuditAction::Archived,
            RecordAction::AttachScan => AuditAction::ScanAttached,
            RecordAction::Read => AuditAction::Read,
            RecordAction::DownloadPdf => AuditAction::PdfDownloaded,
            RecordAction::ReadAudit => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_designs_and_round_trip() {
        let codes: Vec<&str> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(
            codes,
            [
                "created",
                "planned",
                "agenda_sent",
                "topic_added",
                "held",
                "summary_saved",
                "summary_proposed",
                "summary_changed",
                "signed",
                "approved",
                "shared",
                "archived",
                "scan_attached",
                "read",
                "pdf_downloaded",
                "record_downloaded",
                "reader_added",
                "outcome_recorded"
            ]
        );
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
            assert_eq!(
                serde_json::to_string(&action).unwrap(),
                format!("\"{}\"", action.as_str())
            );
        }
        assert_eq!(AuditAction::parse("Read"), None);
    }

    #[test]
    fn labels_are_distinct_in_each_language() {
        for language in [Language::Nl, Language::En] {
            let mut seen = std::collections::HashSet::new();
            for action in AuditAction::ALL {
                assert!(seen.insert(action.label(language)), "{action:?}");
            }
        }
    }

    #[test]
    fn changing_actions_leave_a_trace() {
        for action in RecordAction::ALL {
            let code = AuditAction::of_action(action);
            if action.changes_record() && action != RecordAction::EditAgenda {
                assert!(code.is_some(), "{action:?}");
            }
        }
        assert_eq!(
            AuditAction::of_action(RecordAction::Approve),
            Some(AuditAction::Approved)
        );
        assert_eq!(AuditAction::of_action(RecordAction::ReadAudit), None);
    }
}

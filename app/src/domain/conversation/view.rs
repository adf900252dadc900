//! What one party sees of a record: everything a page, the API or the PDF needs, already
//! filtered for the viewer (the service leaves out what they may not see, e.g. the audit trail
//! for readers) and with the actions they may take now ([`allowed_actions`]), so no door has to
//! repeat a rule.

use serde::{Deserialize, Serialize};

use super::{Actor, AgreementView, AuditAction, RecordAction, RecordRules, RecordState, check};
use crate::domain::report_view::ReportView;

/// The conversation's date, time, place and duration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlanView {
    /// Unix seconds.
    pub starts_at: i64,
    /// The Dutch local date, `YYYY-MM-DD` (the plan form's value).
    pub starts_on: String,
    /// The Dutch local time, `HH:MM` (the plan form's value).
    pub start_time: String,
    pub place: String,
    pub duration_minutes: u32,
}

/// One agenda item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgendaItemView {
    pub id: String,
    pub text: String,
    /// Who added it ("Secretaris: J. Jansen"); `None` for the type's sample agenda.
    pub added_by: Option<String>,
}

/// What a section of the form is for (mirrors the conversation type's section kind).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SectionViewKind {
    /// Free text.
    #[default]
    Text,
    /// The structured agreements ([`RecordView::agreements`]).
    Agreements,
    /// The previous conversation's agreements ([`RecordView::previous_agreements`]).
    LookBack,
    /// "Voor akkoord": the signatures ([`PartyView::signed_at`]), no text.
    SignOff,
}

/// One section of the form with the record's text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SectionView {
    pub id: String,
    pub number: u32,
    pub title: String,
    pub intro: Option<String>,
    pub prompts: Vec<String>,
    pub notes_label: Option<String>,
    pub kind: SectionViewKind,
    /// The record's text; empty for sections without text.
    pub text: String,
}

/// A closed scan attached to the record, with its report as frozen when attached.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AttachedScanView {
    pub scan_id: String,
    /// Unix seconds.
    pub attached_at: i64,
    pub report: ReportView,
}

/// A party as the record names them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PartyView {
    /// The role's name in the type ("Burgemeester"), "Meelezer" for readers.
    pub role_name: String,
    pub name: String,
    pub is_subject: bool,
    /// When they signed "voor akkoord" (unix seconds).
    pub signed_at: Option<i64>,
    /// Readers: when the record was shared with them (unix seconds).
    pub shared_at: Option<i64>,
}

/// An answer to one of the type's preparation questions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SettingView {
    pub question: String,
    pub answer: String,
}

/// The moments of the record's life (unix seconds).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RecordDates {
    pub created_at: i64,
    pub agenda_sent_at: Option<i64>,
    pub held_at: Option<i64>,
    pub proposed_at: Option<i64>,
    pub approved_at: Option<i64>,
    pub shared_at: Option<i64>,
    pub archived_at: Option<i64>,
}

/// One line of the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AuditLine {
    /// Unix seconds.
    pub at: i64,
    /// The party's role and name as they were ("Burgemeester: A. de Vries").
    pub actor: String,
    pub action: AuditAction,
    /// Short text without the record's content.
    pub detail: String,
}

/// Everything one party sees of a record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RecordView {
    pub id: String,
    pub type_id: String,
    pub type_name: String,
    pub state: RecordState,
    /// The optimistic-concurrency revision a form posts back.
    pub revision: i64,
    pub subject_name: String,
    /// The viewer's role name ("Secretaris", "Meelezer").
    pub viewer_role: String,
    /// The viewer in the rules.
    pub viewer: Actor,
    pub plan: Option<PlanView>,
    /// Shown when the planned duration is below the type's minimum.
    pub duration_warning: Option<String>,
    pub agenda: Vec<AgendaItemView>,
    pub sections: Vec<SectionView>,
    pub agreements: Vec<AgreementView>,
    pub previous_agreements: Vec<AgreementView>,
    pub scans: Vec<AttachedScanView>,
    /// Participants and the person discussed.
    pub parties: Vec<PartyView>,
    pub readers: Vec<PartyView>,
    pub settings: Vec<SettingView>,
    pub dates: RecordDates,
    /// When the retention job may remove the content (unix seconds); set on approval.
    pub keep_until: Option<i64>,
    /// Before approval: when the retention job removes the content unless the record is
    /// approved first (the type's `retention_months` after its last change, the end of that
    /// Dutch day); `None` once approved.
    #[serde(default)]
    pub removal_unless_approved: Option<i64>,
    /// What the viewer may do now ([`allowed_actions`]).
    pub allowed: Vec<RecordAction>,
    /// The audit trail, for the person discussed and the participants only.
    pub audit: Option<Vec<AuditLine>>,
}

/// Every action `actor` may do now, in [`RecordAction::ALL`] order: the buttons a page shows.
pub fn allowed_actions(state: RecordState, actor: Actor, rules: RecordRules) -> Vec<RecordAction> {
    RecordAction::ALL
        .into_iter()
        .filter(|&action| check(state, actor, action, rules).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> RecordView {
        let rules = RecordRules {
            subject_may_change: true,
        };
        RecordView {
            id: "c1".into(),
            type_id: "functioneringsgesprek-secretaris".into(),
            type_name: "Functioneringsgesprek secretaris".into(),
            state: RecordState::SummaryProposed,
            revision: 7,
            subject_name: "J. Jansen".into(),
            viewer_role: "Secretaris".into(),
            viewer: Actor::Subject,
            plan: None,
            duration_warning: None,
            agenda: vec![AgendaItemView {
                id: "a1".into(),
                text: "Terugblik".into(),
                added_by: None,
            }],
            sections: vec![SectionView {
                id: "akkoord".into(),
                number: 9,
                title: "Voor akkoord".into(),
                kind: SectionViewKind::SignOff,
                ..SectionView::default()
            }],
            agreements: vec![],
            previous_agreements: vec![],
            scans: vec![],
            parties: vec![PartyView {
                role_name: "Burgemeester".into(),
                name: "A. de Vries".into(),
                signed_at: Some(1_800_000_000),
                ..PartyView::default()
            }],
            readers: vec![],
            settings: vec![],
            dates: RecordDates {
                created_at: 1_790_000_000,
                ..RecordDates::default()
            },
            keep_until: None,
            removal_unless_approved: Some(1_900_000_000),
            allowed: allowed_actions(RecordState::SummaryProposed, Actor::Subject, rules),
            audit: Some(vec![AuditLine {
                at: 1_800_000_000,
                actor: "Burgemeester: A. de Vries".into(),
                action: AuditAction::SummaryProposed,
                detail: String::new(),
            }]),
        }
    }

    #[test]
    fn the_view_travels_as_json_with_stable_codes() {
        let view = view();
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["state"], "summary_proposed");
        assert_eq!(json["viewer"], "subject");
        assert_eq!(json["sections"][0]["kind"], "sign_off");
        assert_eq!(json["audit"][0]["action"], "summary_proposed");
        assert_eq!(
            json["allowed"],
            serde_json::json!([
                "change_summary",
                "approve",
                "sign_off",
                "read",
                "download_pdf",
                "read_audit"
            ])
        );
        assert_eq!(serde_json::from_value::<RecordView>(json).unwrap(), view);
    }
}

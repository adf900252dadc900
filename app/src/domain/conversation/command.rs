//! The one input type of the service's `act` door: everything a party can ask of a record, as
//! posted by a page or the API. Plain data; the service validates the text with [`super::plan`],
//! [`super::agreements`] and [`super::summary`] and asks [`super::check`] about
//! [`RecordCommand::action`].

use serde::{Deserialize, Serialize};

use super::RecordAction;

/// The text of one section of the type's form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SectionText {
    /// The section's id in the conversation type.
    pub section_id: String,
    pub text: String,
}

/// One agreement as typed: what, who, by when.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgreementInput {
    pub what: String,
    pub who: String,
    /// `YYYY-MM-DD`, or empty for an open-ended agreement.
    pub due_on: String,
}

/// Everything a party can ask of a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum RecordCommand {
    /// Date (`YYYY-MM-DD`) and time (`HH:MM`) in Dutch time, place and duration.
    Plan {
        starts_on: String,
        starts_at: String,
        place: String,
        duration_minutes: u32,
    },
    AddTopic {
        text: String,
    },
    SendAgenda,
    MarkHeld,
    /// The writer's draft of the summary.
    SaveSummary {
        sections: Vec<SectionText>,
        agreements: Vec<AgreementInput>,
    },
    ProposeSummary,
    /// The person discussed changes the proposed summary.
    ChangeSummary {
        sections: Vec<SectionText>,
        agreements: Vec<AgreementInput>,
    },
    Approve,
    SignOff,
    Share,
    Archive,
    AttachScan {
        scan_id: String,
    },
    /// Add a reader; once the record is shared they get read access and a message.
    AddReader {
        name: String,
        email: String,
    },
    /// How an agreement of the previous conversation turned out.
    LookBack {
        agreement_id: String,
        /// An [`super::AgreementOutcome`] code: '', done, partly, not_done, continued.
        outcome: String,
        note: String,
    },
}

impl RecordCommand {
    /// The action [`super::check`] decides about. Adding a reader is part of sharing (readers
    /// exist to be shared with, which is possible once the summary is approved); looking back
    /// on the previous agreements is part of writing the summary.
    pub fn action(&self) -> RecordAction {
        match self {
            RecordCommand::Plan { .. } => RecordAction::Plan,
            RecordCommand::AddTopic { .. } => RecordAction::AddTopic,
            RecordCommand::SendAgenda => RecordAction::SendAgenda,
            RecordCommand::MarkHeld => RecordAction::MarkHeld,
            RecordCommand::SaveSummary { .. } => RecordAction::WriteSummary,
            RecordCommand::ProposeSummary => RecordAction::ProposeSummary,
            RecordCommand::ChangeSummary { .. } => RecordAction::ChangeSummary,
            RecordCommand::Approve => RecordAction::Approve,
            RecordCommand::SignOff => RecordAction::SignOff,
            RecordCommand::Share => RecordAction::Share,
            RecordCommand::Archive => RecordAction::Archive,
            RecordCommand::AttachScan { .. } => RecordAction::AttachScan,
            RecordCommand::AddReader { .. } => RecordAction::Share,
            RecordCommand::LookBack { .. } => RecordAction::WriteSummary,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_command_names_its_action() {
        let cases = [
            (
                RecordCommand::Plan {
                    starts_on: "2027-01-05".into(),
                    starts_at: "10:00".into(),
                    place: "Raadhuis".into(),
                    duration_minutes: 90,
                },
                RecordAction::Plan,
            ),
            (
                RecordCommand::AddTopic { text: "x".into() },
                RecordAction::AddTopic,
            ),
            (RecordCommand::SendAgenda, RecordAction::SendAgenda),
            (RecordCommand::MarkHeld, RecordAction::MarkHeld),
            (
                RecordCommand::SaveSummary {
                    sections: vec![],
                    agreements: vec![],
                },
                RecordAction::WriteSummary,
            ),
            (RecordCommand::ProposeSummary, RecordAction::ProposeSummary),
            (
                RecordCommand::ChangeSummary {
                    sections: vec![],
                    agreements: vec![],
                },
                RecordAction::ChangeSummary,
            ),
            (RecordCommand::Approve, RecordAction::Approve),
            (RecordCommand::SignOff, RecordAction::SignOff),
            (RecordCommand::Share, RecordAction::Share),
            (RecordCommand::Archive, RecordAction::Archive),
            (
                RecordCommand::AttachScan {
                    scan_id: "s1".into(),
                },
                RecordAction::AttachScan,
            ),
            (
                RecordCommand::AddReader {
                    name: "A".into(),
                    email: "a@example.org".into(),
                },
                RecordAction::Share,
            ),
            (
                RecordCommand::LookBack {
                    agreement_id: "g1".into(),
                    outcome: "done".into(),
                    note: String::new(),
                },
                RecordAction::WriteSummary,
            ),
        ];
        for (command, action) in cases {
            assert_eq!(command.action(), action, "{command:?}");
        }
    }

    #[test]
    fn commands_travel_as_tagged_json() {
        let command = RecordCommand::SaveSummary {
            sections: vec![SectionText {
                section_id: "terugblik".into(),
                text: "Goed jaar".into(),
            }],
            agreements: vec![AgreementInput {
                what: "Cursus".into(),
                who: "Secretaris".into(),
                due_on: "2027-06-01".into(),
            }],
        };
        let json = serde_json::to_value(&command).unwrap();
        assert_eq!(json["command"], "save_summary");
        assert_eq!(json["sections"][0]["section_id"], "terugblik");
        let back: RecordCommand = serde_json::from_value(json).unwrap();
        assert_eq!(back, command);
        let approve: RecordCommand = serde_json::from_str(r#"{"command":"approve"}"#).unwrap();
        assert_eq!(approve, RecordCommand::Approve);
    }
}

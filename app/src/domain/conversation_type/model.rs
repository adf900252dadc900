//! The typed shape of a conversation type, exactly as it is stored in a type file.
//!
//! Field names are the file format (see `app/conversation_types/README.md`): renaming one breaks
//! every imported file, so add new fields with `#[serde(default)]` instead.

use serde::{Deserialize, Serialize};

/// One kind of conversation: its parties, its form and how long its records are kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConversationType {
    /// Stable ASCII slug; records refer to the type by this id and `version`.
    pub id: String,
    /// Raised whenever the content changes; a stored version never changes.
    pub version: u32,
    /// Dutch name, shown first.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Where the text comes from (the source document's title), for traceability.
    pub source: String,
    /// What the conversation is for, in Dutch.
    pub description: String,
    /// Everyone who may take part, the person discussed included, in display order.
    pub roles: Vec<PartyRole>,
    /// Role id of the person discussed ("secretaris", "raadslid").
    pub subject_role: String,
    /// Roles that plan the conversation and send the agenda.
    pub planner_roles: Vec<String>,
    /// The form, in order.
    pub sections: Vec<FormSection>,
    /// Agenda items a new record starts with; the parties may change and add to them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sample_agenda: Vec<String>,
    /// Questions the organising side answers before the conversation (the record's settings).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preparation: Vec<PreparationQuestion>,
    /// Planning a shorter conversation gives a warning, not a refusal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_duration_minutes: Option<u32>,
    /// Calendar months an approved record is kept before its content is removed.
    pub retention_months: u32,
    /// Whether the person discussed may change the proposed summary.
    pub subject_may_change: SubjectMayChange,
    /// An assessment (beoordeling) would carry ratings; no shipped type is one and validation
    /// refuses `true` until the product supports ratings in a record.
    #[serde(default)]
    pub is_assessment: bool,
}

/// A party's role in the conversation (burgemeester, secretaris, raadslid, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyRole {
    /// Stable ASCII slug, unique within the type; `reader` is reserved.
    pub id: String,
    /// Dutch name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// A record cannot be created without someone in this role.
    #[serde(default)]
    pub required: bool,
    /// Parties in this role sign the record ("Voor accoord").
    #[serde(default)]
    pub signs_off: bool,
    /// More than one party may have this role.
    #[serde(default)]
    pub repeatable: bool,
}

/// One numbered block of the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormSection {
    /// Stable ASCII slug, unique within the type; a record's text is stored under it.
    pub id: String,
    /// The number the form shows; 1, 2, 3 … in file order.
    pub number: u32,
    /// Dutch title.
    pub title: String,
    /// A line under the title, word for word from the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    /// The questions to discuss, word for word from the source, one line each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<String>,
    /// Label of the text field ("Toelichting/opmerkingen"); a plain field when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes_label: Option<String>,
    /// What the section holds.
    #[serde(default, skip_serializing_if = "SectionKind::is_text")]
    pub kind: SectionKind,
}

/// What a section holds besides its title.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// Free text written in the summary.
    #[default]
    Text,
    /// The structured agreements (what, who, by when); at most one per type.
    Agreements,
    /// The previous conversation's agreements, looked back on; at most one per type.
    LookBack,
    /// The "Voor accoord" block: who signed and when, no text field; at most one per type.
    SignOff,
}

impl SectionKind {
    /// True for the default kind (left out of a written file).
    pub fn is_text(&self) -> bool {
        matches!(self, SectionKind::Text)
    }

    /// The file format's name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Text => "text",
            SectionKind::Agreements => "agreements",
            SectionKind::LookBack => "look_back",
            SectionKind::SignOff => "sign_off",
        }
    }
}

/// A question answered before the conversation (seed 003, "Stap 1. Voorbereiding").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreparationQuestion {
    /// Stable ASCII slug; the record's settings store the answer under it.
    pub id: String,
    /// The question, word for word from the source.
    pub text: String,
    /// The kind of answer.
    pub answer: AnswerKind,
}

/// How a preparation question is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    /// Free text.
    Text,
    /// Ja or nee.
    YesNo,
}

/// Whether the person discussed may change the proposed summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectMayChange {
    /// Always (seed 001 I: "Na aanpassing/accordering door de secretaris").
    Always,
    /// As the answer to this yes/no preparation question says (seed 003).
    Setting(String),
    /// Never: the person discussed approves or not.
    Never,
}

impl SubjectMayChange {
    /// Resolves the rule for one record. `answer` gives a yes/no preparation answer by question
    /// id; an unanswered question counts as no, so nobody gains a right by leaving it open.
    pub fn resolve(&self, answer: impl Fn(&str) -> Option<bool>) -> bool {
        match self {
            SubjectMayChange::Always => true,
            SubjectMayChange::Never => false,
            SubjectMayChange::Setting(question) => answer(question).unwrap_or(false),
        }
    }
}

impl ConversationType {
    /// Looks a role up by id.
    pub fn role(&self, id: &str) -> Option<&PartyRole> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// The role of the person discussed (always present in a validated type).
    pub fn subject(&self) -> Option<&PartyRole> {
        self.role(&self.subject_role)
    }

    /// True when parties in role `id` plan the conversation and send the agenda.
    pub fn is_planner_role(&self, id: &str) -> bool {
        self.planner_roles.iter().any(|r| r == id)
    }

    /// Looks a section up by id.
    pub fn section(&self, id: &str) -> Option<&FormSection> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The first section of `kind` (there is at most one of each kind but text).
    pub fn section_of_kind(&self, kind: SectionKind) -> Option<&FormSection> {
        self.sections.iter().find(|s| s.kind == kind)
    }

    /// The sections that hold free text in a summary (kind Text).
    pub fn text_sections(&self) -> impl Iterator<Item = &FormSection> {
        self.sections.iter().filter(|s| s.kind == SectionKind::Text)
    }

    /// Looks a preparation question up by id.
    pub fn preparation_question(&self, id: &str) -> Option<&PreparationQuestion> {
        self.preparation.iter().find(|q| q.id == id)
    }
}

//! The conversation record as it is printed for the personnel file: everything the paper form
//! shows, as plain data, with nothing of storage or of the page in it. The service fills one
//! from the database ([`RecordDocument::builder`]); the PDF (`conversations::pdf`) and the
//! record's print page only read it. Kept apart from the record's rules and its on-screen view
//! because the printed form has its own order (that of the type's form, seed 001) and its own
//! content: the sign-off block with a line per signing role, the date until which the record is
//! kept, and the attached scans' figures frozen as their readers saw them.
//!
//! The form's own words (the type's name, its sections' titles, prompts and notes labels) and
//! the written text are data in the record's language; the product's words around them come
//! from [`labels`], in Dutch and English. Dates are unix seconds, written out by [`text`] in
//! Dutch time.

mod build;
#[cfg(test)]
pub mod fixture;
pub mod labels;
#[cfg(test)]
mod tests;
pub mod text;

use serde::{Deserialize, Serialize};

use crate::domain::language::Language;
use crate::domain::report_view::ReportView;

pub use build::{RecordDocumentBuilder, tidy_text};

/// The printed conversation record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordDocument {
    /// The conversation type's name, e.g. "Functioneringsgesprek B&W - Secretaris".
    pub type_name: String,
    /// Its English name (the same as `type_name` when the type has none).
    pub type_name_en: String,
    /// The person discussed.
    pub subject_name: String,
    /// The record's state as its stable code ("planned" … "removed"); see [`text::state_label`].
    pub state: String,
    /// When the conversation starts (unix seconds); `None` until it is planned.
    pub starts_at: Option<i64>,
    /// Where; empty until planned.
    pub place: String,
    pub duration_minutes: Option<u32>,
    /// The participants in the form's order ("Deelnemers: 1. 2. 3."), the person discussed
    /// among them.
    pub participants: Vec<Participant>,
    /// The form's sections in order, each with the text written under it.
    pub sections: Vec<DocumentSection>,
    /// What was agreed (the section of kind [`SectionKind::Agreements`] shows them).
    pub agreements: Vec<Agreement>,
    /// The previous conversation's agreements, looked back on ([`SectionKind::LookBack`]).
    pub previous_agreements: Vec<LookedBack>,
    /// Closed scans attached to the record, with the report as its readers saw it.
    pub scans: Vec<AttachedScan>,
    /// "Voor accoord": one line per signing role, in the type's order.
    pub sign_off: Vec<SignOffLine>,
    /// When the person discussed approved the summary (unix seconds).
    pub approved_at: Option<i64>,
    /// The readers the approved record was shared with.
    pub readers: Vec<Reader>,
    /// Until when the record is kept ("Bewaard tot …", unix seconds); set on approval.
    pub keep_until: Option<i64>,
    /// The language of the form and the written text.
    pub language: Language,
}

/// A participant: the role's name in the form ("burgemeester") and the person's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub role_name: String,
    pub name: String,
}

/// What a section of the form holds besides its written text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// Prompts and written text only.
    Text,
    /// The agreements made (what, who, by when), as a table under the text.
    Agreements,
    /// The previous conversation's agreements with their outcome.
    LookBack,
    /// The sign-off block ("Voor accoord"); no written text.
    SignOff,
}

/// One section of the form with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSection {
    pub number: u32,
    pub title: String,
    /// A line under the title, e.g. "(vooraf in te brengen door burgemeester/wethouder P&O
    /// resp. secretaris)".
    pub intro: Option<String>,
    /// The questions the conversation goes through, in order.
    pub prompts: Vec<String>,
    /// The label above the written text, e.g. "Toelichting/opmerkingen".
    pub notes_label: Option<String>,
    pub kind: SectionKind,
    /// What was written; empty when nothing was.
    pub text: String,
}

/// An agreement: what, who, and by when (an ISO date `YYYY-MM-DD`, or empty when open-ended).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub what: String,
    pub who: String,
    pub due_on: String,
}

/// An agreement of the previous conversation and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookedBack {
    pub agreement: Agreement,
    /// '', 'done', 'partly', 'not_done' or 'continued'; see [`text::outcome_label`].
    pub outcome: String,
    pub note: String,
}

/// A scan attached to the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttachedScan {
    pub scan_id: String,
    pub attached_at: i64,
    /// The report as its readers saw it when it was attached: subject, closing date, the gap
    /// per competency and the competencies that need attention with their tips.
    pub report: ReportView,
}

/// One line of the sign-off block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOffLine {
    pub role_name: String,
    pub name: String,
    /// When this party signed (unix seconds); `None`: not (yet) signed.
    pub signed_at: Option<i64>,
}

/// A reader the record was shared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reader {
    pub name: String,
    pub shared_at: Option<i64>,
}

impl RecordDocument {
    /// The type's name in `language`.
    pub fn type_name_in(&self, language: Language) -> &str {
        language.pick(&self.type_name, &self.type_name_en)
    }

    /// The section that holds `kind`, if the form has one.
    pub fn section_of(&self, kind: SectionKind) -> Option<&DocumentSection> {
        self.sections.iter().find(|s| s.kind == kind)
    }

    /// Whether every signing role has signed (and there is at least one).
    pub fn fully_signed(&self) -> bool {
        !self.sign_off.is_empty() && self.sign_off.iter().all(|l| l.signed_at.is_some())
    }
}

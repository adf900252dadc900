//! What a party of a cycle sees: the manager everything, the employee everything but a concept
//! not yet released (art. 6 lid 3). Plain data, built by `crate::appraisal` and shown by the
//! page, the API and the PDF alike. Labels come in both languages; the page picks one.

use serde::{Deserialize, Serialize};

use crate::domain::report_view::ReportView;

/// Dutch and English of one text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Text {
    pub nl: String,
    pub en: String,
}

impl Text {
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            nl: nl.into(),
            en: en.into(),
        }
    }

    pub fn pick(&self, language: crate::domain::language::Language) -> &str {
        language.pick(&self.nl, &self.en)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CycleView {
    pub id: String,
    pub revision: i64,
    /// "manager" or "employee".
    pub you: String,
    pub kind: String,
    pub kind_label: Text,
    pub employee_name: String,
    pub employee_email: String,
    pub department: String,
    pub starts: String,
    pub ends: String,
    pub decision_on: Option<String>,
    pub schedule: Vec<ScheduleLine>,
    pub work_agreements: Vec<AgreementLine>,
    pub development_agreements: Vec<AgreementLine>,
    /// Older versions and dropped agreements (art. 5: the agreed version is kept).
    pub history: Vec<AgreementLine>,
    pub career: String,
    pub conditions: String,
    pub manager_decided: String,
    pub planning_held_on: Option<String>,
    /// The profile development agreements draw on (art. 3 lid 2), once chosen.
    pub profile: Option<ProfileLine>,
    /// For the manager while agreements may change: the profiles and competencies to choose
    /// from. `None` for the employee and once the cycle is complete.
    pub options: Option<CompetencyOptions>,
    /// Progress conversations (art. 5), in the order held.
    pub progress: Vec<ProgressLine>,
    /// Input both parties brought, oldest first.
    pub topics: Vec<TopicLine>,
    pub scan: Option<ScanLine>,
    pub assessments: Vec<AssessmentView>,
    pub events: Vec<EventLine>,
}

/// One conversation the cycle asks for, with its last day and whether it is overdue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScheduleLine {
    pub label: Text,
    pub by: String,
    pub is_deadline: bool,
    pub done_on: Option<String>,
    pub overdue: bool,
}

/// The employee's competency profile as chosen, read at the level of the job's salary scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProfileLine {
    pub id: String,
    pub name: String,
    pub scale: i64,
    /// The guide's level for that scale ("Schaal 8–10").
    pub level: String,
    pub competencies: Vec<CompetencyLine>,
}

/// One competency development agreements are made on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CompetencyLine {
    pub id: String,
    pub name: String,
    /// "core", "specific" or "choice".
    pub source: String,
    pub source_label: Text,
    pub definition: String,
    /// The characteristic behaviours at the job's level.
    pub behaviours: Vec<String>,
    /// True when a current development agreement is made on it.
    pub agreed: bool,
}

/// What the manager may choose from (the competency guide's profiles and competencies).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CompetencyOptions {
    pub profiles: Vec<ProfileOption>,
    /// Every competency outside the core, in the guide's order.
    pub competencies: Vec<CompetencyOption>,
    /// The scales the guide describes ("3-7, 8-10, 11-18").
    pub scales: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProfileOption {
    pub id: String,
    pub name: String,
    /// "ordinary", "vakspecialist" or "management".
    pub kind: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CompetencyOption {
    pub id: String,
    pub name: String,
}

/// One progress conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProgressLine {
    pub held_on: String,
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgreementLine {
    pub id: String,
    pub text: String,
    /// Development agreements: the competency's id and name (empty for work agreements).
    pub competency_id: String,
    pub competency: String,
    /// The weight as typed back ("2", "1,5"); empty for equal weights and development agreements.
    pub weight: String,
    /// The share of part (a) in per cent, rounded for display ("33,3 %").
    pub share: String,
    pub crucial: bool,
    /// "agreed", "replaced" or "dropped".
    pub status: String,
    pub since: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScanLine {
    pub scan_id: String,
    /// The closed report as the manager received it; `None` while the scan runs.
    pub report: Option<ReportView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RatingLine {
    /// What the rating is stored under: a work agreement's id, or a chosen competency's id.
    pub agreement_id: String,
    pub text: String,
    /// "work" or "development".
    pub kind: String,
    pub crucial: bool,
    /// A qualification code, or empty while not rated.
    pub qualification: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProposalLine {
    pub work_agreements: String,
    pub knowledge_and_competencies: String,
    pub score: String,
    pub qualification: String,
    /// Competencies rated "onvoldoende" that are crucial (art. 6 lid 7 offered).
    pub crucial_offered: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AssessmentView {
    pub number: i64,
    pub stage: String,
    pub stage_label: Text,
    pub conversation_on: Option<String>,
    pub released_on: Option<String>,
    pub held_on: Option<String>,
    pub ratings: Vec<RatingLine>,
    pub knowledge: String,
    /// How the career agreements went: evaluated, never weighed (art. 6 lid 4).
    pub career_evaluation: String,
    /// The proposal while every item is rated, else why not.
    pub proposal: Option<ProposalLine>,
    pub proposal_missing: Option<Text>,
    pub final_qualification: Option<String>,
    pub basis: Option<Text>,
    pub deviation: Option<Text>,
    pub motivation: String,
    pub set_on: Option<String>,
    pub approved_on: Option<String>,
    pub seen_on: Option<String>,
    pub objections: String,
    pub objection_held_on: Option<String>,
    pub settlement: Option<String>,
    pub settlement_motivation: String,
    pub settled_on: Option<String>,
    /// Art. 6 lid 9: a final "goed" or "uitstekend" may be rewarded (no pay logic here).
    pub extra_reward_possible: bool,
    pub next_deadline: Option<DeadlineLine>,
    /// The commands the viewer may give now (their `command` codes).
    pub allowed: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DeadlineLine {
    pub label: Text,
    pub by: String,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EventLine {
    pub at: i64,
    pub actor: String,
    pub action: Text,
    pub detail: String,
}

/// One line of a party's list of cycles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CycleListLine {
    pub id: String,
    pub employee_name: String,
    pub department: String,
    pub kind_label: Text,
    pub you: String,
    pub stage_label: Text,
    pub next_deadline: Option<DeadlineLine>,
}

/// HR's overview: counts per department and manager, never a name or a qualification of one
/// person. Final qualifications are counted per department only where at least
/// `min_cell` assessments are final, so a small team's cell names nobody.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Overview {
    pub min_cell: usize,
    pub rows: Vec<OverviewLine>,
    pub qualifications: Vec<QualificationCounts>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OverviewLine {
    pub department: String,
    pub manager: String,
    /// Every stage in order, with how many assessments are in it.
    pub stages: Vec<StageCount>,
    pub overdue: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QualificationCounts {
    pub department: String,
    /// Every label with its count; `None` when a cell could name someone's qualification.
    pub counts: Option<Vec<LabelCount>>,
    pub final_assessments: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StageCount {
    pub stage: String,
    pub label: Text,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LabelCount {
    /// A qualification code.
    pub qualification: String,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TopicLine {
    /// "manager" or "employee".
    pub added_by: String,
    pub text: String,
    pub at: i64,
}

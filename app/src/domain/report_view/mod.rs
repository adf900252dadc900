//! The report as its readers see it: names instead of ids, only what the anonymity rules
//! publish, in the order the page, the charts and the exports show it. Built by [`build`] from
//! the scoring engine's [`Report`](crate::domain::scoring::Report); nothing is recomputed here.
//! [`guide`] picks the competencies that need attention and drafts the conversation's agenda.

mod build;
pub mod category;
pub mod guide;
pub mod header;
pub mod print_style;
pub mod summary;
pub mod table;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use build::{ReportSources, build, group_response};
pub use header::{ReportHeader, ScanDates};
pub use summary::{Summary, SummaryKind, SummaryLine};

/// Which kind of line a figure is, for labels and for the CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    SelfView,
    Group,
    /// A group shown below k because its members were told they are identifiable.
    IdentifiableGroup,
    /// Hidden groups pooled to reach k ("overige informanten").
    Pooled,
    Others,
}

/// Every published figure of one line of one competency at one level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LineFigures {
    pub kind: LineKind,
    /// The group id for group lines; "self", "pooled" or "others" otherwise.
    pub id: String,
    pub label_nl: String,
    pub label_en: String,
    pub n: usize,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// How often each label 1–5 was given.
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<u64>))]
    pub distribution: [usize; 5],
    pub cannot_judge: usize,
}

/// One group's line for a competency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct GroupFigure {
    pub label_nl: String,
    pub label_en: String,
    pub n: usize,
    pub mean: Option<f64>,
    pub identifiable: bool,
}

/// One competency at one level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CompetencyRow {
    pub competency_id: String,
    pub level_id: String,
    pub name: String,
    /// The level's name; empty for frameworks without levels.
    pub level: String,
    pub self_mean: Option<f64>,
    pub others_mean: Option<f64>,
    pub others_n: usize,
    pub others_sd: Option<f64>,
    pub gap: Option<f64>,
    pub groups: Vec<GroupFigure>,
    /// Hidden groups pooled to reach k: (n, mean).
    #[cfg_attr(feature = "ssr", schema(value_type = Option<Vec<Option<f64>>>))]
    pub pooled: Option<(usize, Option<f64>)>,
    /// The self–other agreement category id (see `AgreementCategory::id`).
    pub category_id: Option<String>,
    /// The self–other agreement category: (nl name, en name, nl explanation, en explanation).
    #[cfg_attr(feature = "ssr", schema(value_type = Option<Vec<String>>))]
    pub category: Option<(String, String, String, String)>,
    /// Self, each shown group, the pooled line and others, with every figure.
    pub lines: Vec<LineFigures>,
}

/// One behaviour in a highlight list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BehaviourRow {
    pub competency: String,
    pub text: String,
    pub others_mean: f64,
    pub others_n: usize,
    pub self_mean: Option<f64>,
    pub gap: Option<f64>,
}

/// The comments of one source on one competency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CommentList {
    /// The group's label; empty when no group may be named.
    pub label_nl: String,
    pub label_en: String,
    /// In alphabetical order, never that of submission.
    pub comments: Vec<String>,
}

/// The comments on one competency, per source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CommentBlock {
    pub competency: String,
    pub lists: Vec<CommentList>,
}

/// A competency that most needs attention, with the framework's tips at the scan's level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AttentionItem {
    pub name: String,
    pub level: String,
    pub others_mean: Option<f64>,
    pub self_mean: Option<f64>,
    pub gap: Option<f64>,
    pub tips: Vec<String>,
}

/// The suggested agenda (seed 000): look back, discuss, agree. Names only; the page words it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Agenda {
    /// The competencies with the largest difference between self and others.
    pub largest_gaps: Vec<String>,
    /// The lowest rated by others.
    pub lowest: Vec<String>,
    /// The highest rated by others.
    pub highest: Vec<String>,
    /// Development agreements: the competencies that need attention.
    pub development: Vec<String>,
}

/// The response of one rater group as report readers see it. Readers (the subject among them)
/// see counts only for groups with at least k invitations, and never who opened a link or whose
/// email failed: for a group of one or two a count is a statement about a person. The counts are
/// those of the figures shown (frozen with them), so they never move while the figures stay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct GroupResponse {
    pub group_id: String,
    pub label_nl: String,
    pub label_en: String,
    /// Invitations; absent when fewer than k.
    pub invited: Option<usize>,
    /// Responses; absent when fewer than k invitations.
    pub responded: Option<usize>,
    /// What the page shows, e.g. "4 van 6" or "minder dan 3 uitgenodigd".
    pub text_nl: String,
    pub text_en: String,
}

/// Which figures the readers see (see `domain::scoring::release`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportBasis {
    /// The scan is closed; every answer is in.
    Final,
    /// The organiser released the report while the scan is open: the figures as released.
    Released,
    /// The scan is closed, but answers that came in after the release would reveal who gave
    /// them: the figures stay as released.
    FrozenAtRelease,
}

/// The report in the order it is read: who and when, the response, the answer in words, the
/// figures per competency, what to talk about, the behaviours and comments, and last the
/// method's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReportView {
    pub scan_id: String,
    pub subject_name: String,
    /// Function, framework, level and dates.
    pub header: ReportHeader,
    /// Response per group, frozen with the figures (see [`GroupResponse`]); empty for a version
    /// frozen before it was kept.
    pub progress: Vec<GroupResponse>,
    /// The answer in a few sentences (see [`summary`]).
    pub summary: Summary,
    pub basis: ReportBasis,
    /// Ordered by gap, the largest shortfall of others below self first.
    pub rows: Vec<CompetencyRow>,
    pub attention: Vec<AttentionItem>,
    pub agenda: Agenda,
    pub highest: Vec<BehaviourRow>,
    pub lowest: Vec<BehaviourRow>,
    pub largest_gaps: Vec<BehaviourRow>,
    pub comments: Vec<CommentBlock>,
    /// The method's settings: k and the agreement threshold.
    pub k: usize,
    pub threshold: f64,
}

impl ReportView {
    /// What a conversation record keeps of the report when a scan is attached: the header, the
    /// response, the summary, the figures per competency (the gap chart), the competencies that
    /// need attention and the agenda — what the record shows. Not the informants' comments nor
    /// the behaviour lists: the record's parties (the person discussed, readers) need not be
    /// readers of the report, and the comments are the informants' own words.
    pub fn for_conversation(self) -> Self {
        ReportView {
            comments: Vec::new(),
            highest: Vec::new(),
            lowest: Vec::new(),
            largest_gaps: Vec::new(),
            ..self
        }
    }
}

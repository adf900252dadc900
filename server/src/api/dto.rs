//! The JSON shapes of the API. Separate from the domain types on purpose: the API is a
//! contract with HR systems, so a change inside the domain must not change it silently.
//! Input types reject unknown fields.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A rater group as given when creating a scan.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupInput {
    /// Slug, e.g. `colleagues`.
    pub id: String,
    pub label_nl: String,
    pub label_en: String,
    /// Shown even when fewer than k answered; its members are told so.
    #[serde(default)]
    pub identifiable: bool,
    /// The subject's own group; exactly one per scan.
    #[serde(default)]
    pub is_self: bool,
}

/// A scan to create, or the new settings of an existing one.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(examples(json!({
    "subject_name": "Piet Jansen",
    "subject_email": "piet.jansen@gemeente.nl",
    "subject_job_title": "Beleidsmedewerker",
    "framework_id": "maastricht-2014",
    "framework_version": 1,
    "profile_id": "beleidsmedewerker",
    "level_id": "8-10",
    "competency_ids": ["samenwerken", "klantgericht-werken", "integriteit",
        "gevoel-voor-bestuurlijke-verhouding", "werken-in-netwerken", "visie-ontwikkelen",
        "resultaatgerichtheid"],
    "deadline": "2099-12-18"
})))]
pub struct ScanInput {
    pub subject_name: String,
    pub subject_email: String,
    #[serde(default)]
    pub subject_job_title: String,
    pub framework_id: String,
    pub framework_version: u32,
    /// A job-group profile of the framework, if any.
    #[serde(default)]
    pub profile_id: Option<String>,
    /// The level, for frameworks with levels (e.g. `8-10`).
    #[serde(default)]
    pub level_id: Option<String>,
    #[serde(default)]
    pub include_next_level: bool,
    pub competency_ids: Vec<String>,
    /// The rater groups; the framework's default groups when left out.
    #[serde(default)]
    pub groups: Option<Vec<GroupInput>>,
    /// The anonymity minimum (at least 2, default 3).
    #[serde(default)]
    pub k: Option<u32>,
    /// The last day answers are accepted (`YYYY-MM-DD`, Dutch time).
    pub deadline: String,
    /// `nl` (default) or `en`.
    #[serde(default)]
    pub language: Option<String>,
    /// The organiser's text for the informants' invitations and welcome page.
    #[serde(default)]
    pub introduction: String,
    /// The organiser's text for the subject's own invitation and welcome page.
    #[serde(default)]
    pub introduction_self: String,
    #[serde(default)]
    pub report_readers: Vec<String>,
    /// Automatic reminder this many days before the deadline.
    #[serde(default)]
    pub reminder_days: Option<u32>,
    /// Let the organiser see per person who responded (never when the organiser is the subject).
    #[serde(default)]
    pub person_status: bool,
}

/// A rater group of a scan.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupOutput {
    pub id: String,
    pub label_nl: String,
    pub label_en: String,
    pub identifiable: bool,
    pub is_self: bool,
}

/// A scan.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScanOutput {
    pub id: String,
    /// `draft`, `open` or `closed`.
    pub status: String,
    /// Changes with every update; also the `ETag`.
    pub revision: i64,
    pub subject_name: String,
    pub subject_email: String,
    pub subject_job_title: String,
    pub framework_id: String,
    pub framework_version: u32,
    pub profile_id: Option<String>,
    pub level_id: Option<String>,
    pub next_level_id: Option<String>,
    pub competency_ids: Vec<String>,
    pub groups: Vec<GroupOutput>,
    pub k: u32,
    /// `YYYY-MM-DD`, the last day answers are accepted.
    pub deadline: String,
    pub language: String,
    pub introduction: String,
    pub introduction_self: String,
    pub report_readers: Vec<String>,
    pub reminder_days: Option<u32>,
    pub person_status: bool,
}

/// A line of the scans list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScanSummary {
    pub id: String,
    pub subject_name: String,
    pub framework_id: String,
    pub status: String,
    pub deadline: String,
    pub invited: i64,
    pub submitted: i64,
}

/// One page of scans.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScanList {
    pub items: Vec<ScanSummary>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The new deadline of a reopened scan.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(examples(json!({"deadline": "2099-12-18"})))]
pub struct ReopenInput {
    /// `YYYY-MM-DD`, in the future.
    pub deadline: String,
}

/// How many emails an action queued.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Queued {
    pub queued: usize,
}

/// One informant to invite.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InformantInput {
    #[serde(default)]
    pub name: String,
    pub email: String,
    /// The id of one of the scan's groups (not the self group).
    pub group: String,
}

/// Informants to invite; all or none are added.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(examples(json!({"informants": [
    {"name": "Anna de Boer", "email": "anna@gemeente.nl", "group": "colleagues"},
    {"name": "Bram Visser", "email": "bram@gemeente.nl", "group": "colleagues"},
    {"name": "Cees Bakker", "email": "cees@gemeente.nl", "group": "staff"}
]})))]
pub struct InformantsInput {
    pub informants: Vec<InformantInput>,
}

/// How many informants were added.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Added {
    pub added: usize,
}

/// An invitation as the caller may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvitationOutput {
    pub id: String,
    pub name: String,
    pub email: String,
    pub group: String,
    /// `pending`, `invited` or `revoked`.
    pub status: String,
    /// The latest email: `queued`, `sent` or `failed`; absent before any was queued.
    pub delivery: Option<String>,
    /// Why the latest email failed or waits for a retry.
    pub delivery_error: Option<String>,
    /// Only when the scan allows per-person status and the caller is not the subject.
    pub submitted: Option<bool>,
}

/// One page of invitations.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvitationList {
    pub items: Vec<InvitationOutput>,
    pub next_cursor: Option<String>,
}

/// Response counts of one group.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupProgressOutput {
    pub group: String,
    pub label_nl: String,
    pub label_en: String,
    pub invited: usize,
    /// Responses stored for the group (counted from the responses: revoking changes nothing).
    pub submitted: usize,
    pub failed: usize,
}

/// A framework in the catalog list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FrameworkSummaryOutput {
    pub id: String,
    pub name: String,
    pub version: u32,
    pub competencies: usize,
    pub levels: usize,
    pub profiles: usize,
}

/// One page of frameworks.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FrameworkList {
    pub items: Vec<FrameworkSummaryOutput>,
    pub next_cursor: Option<String>,
}

/// The result of a framework import.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportOutput {
    pub id: String,
    pub version: u32,
    /// `stored`, or `unchanged` when this exact version was there already.
    pub outcome: String,
}

/// A message in the outbox.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OutboxOutput {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    /// `queued`, `sending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

/// One page of the outbox, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OutboxList {
    pub items: Vec<OutboxOutput>,
    pub next_cursor: Option<String>,
}

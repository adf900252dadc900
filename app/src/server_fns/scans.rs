//! What the organiser's scan pages show: the list, the form (new and edit) and one scan's page.
//! The forms post to the server functions of `scan_forms`; a form refused to a plain post, and
//! an informant list's preview, come back here through the flash store, never the URL.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::action_error::ActionError;
use super::frameworks::{ClusterView, NamedLink};
use crate::domain::scan::form::{FormProblem, ScanForm};
use crate::domain::scan::progress::{GroupProgress, InvitationLine};
use crate::domain::scan::{RaterGroup, ScanStatus};
use crate::domain::user_error::UserError;

/// One line of the scans list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanRow {
    pub id: String,
    pub subject_name: String,
    pub framework_id: String,
    /// The framework's name in Dutch and English (what the list shows).
    pub framework_nl: String,
    pub framework_en: String,
    pub status: ScanStatus,
    pub deadline: i64,
    pub invited: i64,
    pub submitted: i64,
}

/// A framework the form offers, with its profiles for the first step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameworkChoice {
    pub id: String,
    pub name: String,
    pub profiles: Vec<NamedLink>,
}

/// What the second step of the form needs of the chosen framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormOutline {
    pub id: String,
    pub name: String,
    pub version: u32,
    pub levels: Vec<NamedLink>,
    pub clusters: Vec<ClusterView>,
    pub profiles: Vec<NamedLink>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanFormPage {
    /// Set when editing.
    pub scan_id: Option<String>,
    pub status: Option<ScanStatus>,
    pub frameworks: Vec<FrameworkChoice>,
    pub outline: Option<FormOutline>,
    pub form: Option<ScanForm>,
    pub problems: Vec<FormProblem>,
    /// The refusal of a plain post that was not about one field.
    pub refused: Option<UserError>,
}

/// A refused scan form, kept for the page the browser is sent back to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanFormFlash {
    pub form: ScanForm,
    pub problems: Vec<FormProblem>,
    /// A refusal that is not about one field (changed meanwhile, not allowed…).
    #[serde(default)]
    pub refused: Option<UserError>,
}

pub use crate::domain::informant_form::{InformantPreview, PreviewLineView};

/// What a post to a scan's page leaves for the page to show once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanPageFlash {
    pub preview: Option<InformantPreview>,
    pub problems: Vec<FormProblem>,
    /// The single informant form as typed, when it was refused.
    pub single: Option<(String, String, String)>,
    /// A refusal that is not about the typed text (not allowed, closed meanwhile…).
    #[serde(default)]
    pub refused: Option<UserError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanPage {
    pub id: String,
    pub status: ScanStatus,
    /// Whether the report's figures are frozen for readers (released early or reopened).
    pub released: bool,
    pub revision: i64,
    pub subject_name: String,
    pub subject_email: String,
    pub subject_job_title: String,
    pub framework_name: String,
    pub profile_name: Option<String>,
    pub levels: Vec<String>,
    pub competencies: Vec<String>,
    pub groups: Vec<RaterGroup>,
    pub k: usize,
    pub deadline: i64,
    pub deadline_iso: String,
    pub language: String,
    pub introduction: String,
    pub report_readers: Vec<String>,
    pub reminder_days: Option<u32>,
    /// Whether this viewer sees per person who submitted.
    pub person_status: bool,
    pub progress: Vec<GroupProgress>,
    pub total: GroupProgress,
    pub invitations: Vec<InvitationLine>,
    /// Who hears that the report is ready, and how (pages/report_readers_notice.rs).
    pub readers_notice: crate::domain::report_readers::ReadersNotice,
    pub flash: ScanPageFlash,
    /// A closed scan: until when it is kept, its own date or that of a record holding it
    /// (`None` while it is not closed, or once removed).
    #[serde(default)]
    pub kept_until: Option<i64>,
    /// When the retention job removed its content (issue 21).
    #[serde(default)]
    pub removed_at: Option<i64>,
}

#[cfg(feature = "ssr")]
fn internal(error: impl std::fmt::Display) -> ActionError {
    tracing::error!(%error, "failure while loading a scan page");
    ActionError::from(UserError::Internal)
}

/// The scans of the signed-in organiser (every scan for an administrator), newest first.
#[server]
pub async fn list_scans() -> Result<Vec<ScanRow>, ActionError> {
    let (state, user) = super::signed_in().await?;
    let list = crate::scans::service::list_named_for(&state.db, &user).await?;
    Ok(list
        .into_iter()
        .map(|(s, framework_nl, framework_en)| ScanRow {
            id: s.id,
            subject_name: s.subject_name,
            framework_id: s.framework_id,
            framework_nl,
            framework_en,
            status: s.status,
            deadline: s.deadline,
            invited: s.invited,
            submitted: s.submitted,
        })
        .collect())
}

#[cfg(feature = "ssr")]
fn outline(f: &crate::domain::catalog::Framework) -> FormOutline {
    let named = |id: &str, name: &str| NamedLink {
        id: id.to_owned(),
        name: name.to_owned(),
    };
    FormOutline {
        id: f.id.clone(),
        name: f.name.clone(),
        version: f.version,
        levels: f.levels.iter().map(|l| named(&l.id, &l.name)).collect(),
        clusters: f
            .clusters
            .iter()
            .map(|cluster| ClusterView {
                name: cluster.name.clone(),
                competencies: f
                    .competencies_in(&cluster.id)
                    .iter()
                    .map(|c| named(&c.id, &c.name))
                    .collect(),
            })
            .collect(),
        profiles: f.profiles.iter().map(|p| named(&p.id, &p.name)).collect(),
    }
}

/// The scan form: step one (choose a framework and profile) when `framework` is empty, step
/// two otherwise; a stored scan's values when `scan_id` is set; the refused form when `flash`
/// names one; filled in from an appraisal cycle its manager starts it from when `cycle` is set.
#[server]
pub async fn load_scan_form(
    framework: String,
    profile: String,
    scan_id: String,
    flash: String,
    cycle: String,
) -> Result<ScanFormPage, ActionError> {
    use crate::scans::service;

    let (state, user) = super::signed_in().await?;
    let frameworks = state.db.latest_frameworks().await.map_err(internal)?;
    let choices = frameworks
        .iter()
        .map(|f| FrameworkChoice {
            id: f.id.clone(),
            name: f.name.clone(),
            profiles: f
                .profiles
                .iter()
                .map(|p| NamedLink {
                    id: p.id.clone(),
                    name: p.name.clone(),
                })
                .collect(),
        })
        .collect();
    let refused: Option<ScanFormFlash> = crate::flash::take_in_server_fn(&state.flash, &flash)
        .await
        .and_then(|payload| serde_json::from_str(&payload).ok());

    let mut page = ScanFormPage {
        scan_id: None,
        status: None,
        frameworks: choices,
        outline: None,
        form: None,
        problems: Vec::new(),
        refused: None,
    };
    if !scan_id.is_empty() {
        let stored = service::load_for(&state.db, &user, &scan_id).await?;
        let framework = state
            .db
            .find_framework(
                &stored.scan.framework_id,
                Some(stored.scan.framework_version),
            )
            .await
            .map_err(internal)?
            .ok_or_else(|| internal("a scan's framework version is missing"))?;
        page.outline = Some(outline(&framework));
        page.form = Some(ScanForm::from_scan(&stored.scan, stored.revision));
        page.scan_id = Some(stored.id);
        page.status = Some(stored.status);
    } else if !cycle.is_empty() && refused.is_none() {
        let guide = crate::domain::appraisal::competency_choice::CYCLE_FRAMEWORK_ID;
        let f = frameworks
            .iter()
            .find(|f| f.id == guide)
            .ok_or_else(|| internal("the cycle's competency guide is missing"))?;
        let form = crate::appraisal::scan_start::scan_form_for_cycle(
            &state.db,
            &user,
            &cycle,
            f,
            crate::state::unix_now(),
        )
        .await
        .map_err(|error| match error {
            // The same answer for a cycle that does not exist and one of someone else's.
            crate::appraisal::AppraisalError::Unknown => {
                ActionError::from(crate::domain::user_error::UserError::Forbidden)
            }
            other => internal(other),
        })?;
        page.outline = Some(outline(f));
        page.form = Some(form);
    } else {
        let wanted = refused
            .as_ref()
            .map(|r| r.form.framework_id.clone())
            .unwrap_or(framework);
        if let Some(f) = frameworks.iter().find(|f| f.id == wanted) {
            page.outline = Some(outline(f));
            let profile = Some(profile.as_str()).filter(|p| !p.is_empty());
            page.form = Some(ScanForm::new_for(f, profile, crate::state::unix_now()));
        }
    }
    if let Some(refused) = refused {
        page.form = Some(refused.form);
        page.problems = refused.problems;
        page.refused = refused.refused;
    }
    Ok(page)
}

/// One scan's page for its organiser (or an administrator).
#[server]
pub async fn load_scan_page(id: String, flash: String) -> Result<ScanPage, ActionError> {
    use crate::domain::calendar::amsterdam_date;
    use crate::domain::scan::progress::{may_see_person_status, total_progress};
    use crate::scans::service;

    let (state, user) = super::signed_in().await?;
    let overview = service::overview(&state.db, &state.settings.link_secret, &user, &id).await?;
    let stored = &overview.stored;
    let scan = &stored.scan;
    let framework = state
        .db
        .find_framework(&scan.framework_id, Some(scan.framework_version))
        .await
        .map_err(internal)?;
    let (framework_name, profile_name, levels, competencies) = match &framework {
        Some(f) => (
            f.name.clone(),
            scan.profile_id
                .as_deref()
                .and_then(|p| f.profile(p))
                .map(|p| p.name.clone()),
            scan.levels()
                .iter()
                .map(|id| {
                    f.levels
                        .iter()
                        .find(|l| l.id == *id)
                        .map(|l| l.name.clone())
                        .unwrap_or_else(|| (*id).to_owned())
                })
                .collect(),
            scan.competency_ids
                .iter()
                .map(|id| {
                    f.competency(id)
                        .map(|c| c.name.clone())
                        .unwrap_or_else(|| id.clone())
                })
                .collect(),
        ),
        None => (
            scan.framework_id.clone(),
            None,
            Vec::new(),
            scan.competency_ids.clone(),
        ),
    };
    let viewer = crate::domain::account::Email::parse(&user.email).map_err(internal)?;
    let retention = if stored.status == crate::domain::scan::ScanStatus::Closed {
        crate::retention::scan_retention(&state.db, &stored.id)
            .await
            .map_err(internal)?
    } else {
        Default::default()
    };
    let flash: ScanPageFlash = crate::flash::take_in_server_fn(&state.flash, &flash)
        .await
        .and_then(|payload| serde_json::from_str(&payload).ok())
        .unwrap_or_default();
    Ok(ScanPage {
        id: stored.id.clone(),
        status: stored.status,
        released: stored.released_at.is_some(),
        revision: stored.revision,
        subject_name: scan.subject_name.clone(),
        subject_email: scan.subject_email.as_str().to_owned(),
        subject_job_title: scan.subject_job_title.clone(),
        framework_name,
        profile_name,
        levels,
        competencies,
        groups: scan.groups.clone(),
        k: scan.k,
        deadline: scan.deadline,
        deadline_iso: amsterdam_date(scan.deadline).iso(),
        language: scan.language.code().to_owned(),
        introduction: scan.introduction.clone(),
        report_readers: scan
            .report_readers
            .iter()
            .map(|e| e.as_str().to_owned())
            .collect(),
        reminder_days: scan.reminder_days,
        person_status: may_see_person_status(scan, &viewer),
        total: total_progress(&overview.progress),
        progress: overview.progress.clone(),
        invitations: overview.invitations.clone(),
        readers_notice: crate::scans::notify_readers::readers_notice(&state.db, stored).await?,
        flash,
        kept_until: retention.kept_until,
        removed_at: retention.removed_at,
    })
}

//! The figures of a scan's report as its readers see them: only what the anonymity rules
//! publish (the scoring engine decides; nothing is recomputed here).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::scan::progress::GroupProgress;

/// One group's line for a competency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupFigure {
    pub label_nl: String,
    pub label_en: String,
    pub n: usize,
    pub mean: Option<f64>,
    pub identifiable: bool,
}

/// One competency at one level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetencyRow {
    pub name: String,
    pub level: String,
    pub self_mean: Option<f64>,
    pub others_mean: Option<f64>,
    pub others_n: usize,
    pub others_sd: Option<f64>,
    pub gap: Option<f64>,
    pub groups: Vec<GroupFigure>,
    /// Hidden groups pooled to reach k.
    pub pooled: Option<(usize, Option<f64>)>,
    /// The self–other agreement category: (nl name, en name, nl explanation, en explanation).
    pub category: Option<(String, String, String, String)>,
}

/// One behaviour in a highlight list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BehaviourRow {
    pub competency: String,
    pub text: String,
    pub others_mean: f64,
    pub others_n: usize,
    pub self_mean: Option<f64>,
    pub gap: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    pub scan_id: String,
    pub subject_name: String,
    pub k: usize,
    pub threshold: f64,
    /// Ordered by gap, the largest shortfall of others below self first.
    pub rows: Vec<CompetencyRow>,
    pub highest: Vec<BehaviourRow>,
    pub lowest: Vec<BehaviourRow>,
    pub largest_gaps: Vec<BehaviourRow>,
    pub progress: Vec<GroupProgress>,
}

#[server]
pub async fn load_report(id: String) -> Result<ReportView, ServerFnError> {
    use crate::domain::questionnaire;
    use crate::domain::scan::progress::progress_by_group;
    use crate::domain::scoring::BehaviourHighlight;

    let (state, user) = super::require_user().await?;
    let (stored, report) = crate::report::figures(&state.db, &user, &id)
        .await
        .map_err(|e| ServerFnError::new(e.user_error().code()))?;
    let internal = |e: crate::storage::StorageError| {
        tracing::error!(error = %e, "report page");
        ServerFnError::new(crate::domain::user_error::UserError::Internal.code())
    };
    let framework = state
        .db
        .framework_version(&stored.scan.framework_id, stored.scan.framework_version)
        .await
        .map_err(internal)?
        .ok_or_else(|| ServerFnError::new(crate::domain::user_error::UserError::Internal.code()))?;
    let q = questionnaire::build(&framework, &stored.scan, false);
    let scan = &stored.scan;
    let competency_name = |id: &str| {
        framework
            .competency(id)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| id.to_owned())
    };
    let level_name = |id: &str| {
        framework
            .levels
            .iter()
            .find(|l| l.id == id)
            .map(|l| l.name.clone())
            .unwrap_or_default()
    };
    let item_text = |key: &str| {
        q.sections
            .iter()
            .flat_map(|s| s.items.iter())
            .find(|i| i.key == key)
            .map(|i| i.text.clone())
            .unwrap_or_else(|| key.to_owned())
    };
    let mut rows: Vec<CompetencyRow> = report
        .competencies
        .iter()
        .map(|c| {
            let f = &c.figures;
            CompetencyRow {
                name: competency_name(&c.competency),
                level: level_name(&c.level),
                self_mean: f.self_line.as_ref().and_then(|s| s.mean),
                others_mean: f.others.as_ref().and_then(|s| s.mean),
                others_n: f.others.as_ref().map(|s| s.n).unwrap_or(0),
                others_sd: f.others.as_ref().and_then(|s| s.sd),
                gap: f.gap,
                groups: f
                    .groups
                    .iter()
                    .map(|g| {
                        let group = scan.group(&g.group);
                        GroupFigure {
                            label_nl: group
                                .map(|x| x.label_nl.clone())
                                .unwrap_or_else(|| g.group.clone()),
                            label_en: group
                                .map(|x| x.label_en.clone())
                                .unwrap_or_else(|| g.group.clone()),
                            n: g.stats.n,
                            mean: g.stats.mean,
                            identifiable: g.identifiable,
                        }
                    })
                    .collect(),
                pooled: f.other_informants.as_ref().map(|s| (s.n, s.mean)),
                category: c.agreement.map(|a| {
                    let (name, explanation) = (a.name(), a.explanation());
                    (
                        name.nl.to_owned(),
                        name.en.to_owned(),
                        explanation.nl.to_owned(),
                        explanation.en.to_owned(),
                    )
                }),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        a.gap
            .unwrap_or(0.0)
            .total_cmp(&b.gap.unwrap_or(0.0))
            .then_with(|| a.name.cmp(&b.name))
    });
    let behaviour = |h: &BehaviourHighlight| BehaviourRow {
        competency: competency_name(&h.competency),
        text: item_text(&h.behaviour),
        others_mean: h.others_mean,
        others_n: h.others_n,
        self_mean: h.self_mean,
        gap: h.gap,
    };
    let invitations = state.db.list_invitations(&id).await.map_err(internal)?;
    Ok(ReportView {
        scan_id: stored.id.clone(),
        subject_name: scan.subject_name.clone(),
        k: report.method.min_group_size,
        threshold: report.method.agreement_threshold,
        rows,
        highest: report.highlights.highest.iter().map(behaviour).collect(),
        lowest: report.highlights.lowest.iter().map(behaviour).collect(),
        largest_gaps: report
            .highlights
            .largest_gaps
            .iter()
            .map(behaviour)
            .collect(),
        progress: progress_by_group(&scan.groups, &invitations),
    })
}

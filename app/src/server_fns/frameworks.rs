//! What the catalog pages show. Each function returns only what its page needs, so a page does
//! not carry a whole framework (some are 150 KB) into the browser.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::action_error::ActionError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameworkSummary {
    pub id: String,
    pub name: String,
    pub version: u32,
    pub competencies: usize,
    pub levels: usize,
    pub profiles: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedLink {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterView {
    pub name: String,
    pub competencies: Vec<NamedLink>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileView {
    pub name: String,
    pub competencies: Vec<NamedLink>,
    pub own_choice: u8,
    pub fixed: bool,
}

/// Which text of a competency a search matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HitKind {
    Name,
    Definition,
    Behaviour,
    Tip,
    Item,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HitView {
    pub competency: NamedLink,
    pub kind: HitKind,
    pub level: Option<NamedLink>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameworkOverview {
    pub id: String,
    pub name: String,
    pub version: u32,
    pub source: String,
    pub levels: Vec<NamedLink>,
    pub clusters: Vec<ClusterView>,
    pub profiles: Vec<ProfileView>,
    /// Search results when a query was given (at most 200).
    pub hits: Option<Vec<HitView>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelView {
    pub id: String,
    pub name: String,
    pub behaviours: Vec<String>,
    pub tips: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetencyView {
    pub framework: NamedLink,
    pub name: String,
    pub cluster: String,
    pub definition: String,
    pub levels: Vec<LevelView>,
    pub items: Vec<String>,
}

#[server]
pub async fn list_frameworks() -> Result<Vec<FrameworkSummary>, ActionError> {
    let (state, _) = super::signed_in().await?;
    let frameworks = state.db.latest_frameworks().await?;
    Ok(frameworks
        .iter()
        .map(|f| FrameworkSummary {
            id: f.id.clone(),
            name: f.name.clone(),
            version: f.version,
            competencies: f.competencies.len(),
            levels: f.levels.len(),
            profiles: f.profiles.len(),
        })
        .collect())
}

#[server]
pub async fn load_framework_overview(
    id: String,
    query: String,
) -> Result<Option<FrameworkOverview>, ActionError> {
    use crate::domain::catalog::{SearchField, search};

    let (state, _) = super::signed_in().await?;
    let Some(f) = state.db.find_framework(&id, None).await? else {
        return Ok(None);
    };
    let link = |id: &str| NamedLink {
        id: id.to_owned(),
        name: f
            .competency(id)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| id.to_owned()),
    };
    let level_link = |id: &str| NamedLink {
        id: id.to_owned(),
        name: f
            .levels
            .iter()
            .find(|l| l.id == id)
            .map(|l| l.name.clone())
            .unwrap_or_default(),
    };
    let query = query.trim();
    let hits = (!query.is_empty()).then(|| {
        search(&f, query)
            .into_iter()
            .take(200)
            .map(|hit| {
                let (kind, level) = match &hit.field {
                    SearchField::Name => (HitKind::Name, None),
                    SearchField::Definition => (HitKind::Definition, None),
                    SearchField::Behaviour { level, .. } => {
                        (HitKind::Behaviour, Some(level_link(level)))
                    }
                    SearchField::Tip { level, .. } => (HitKind::Tip, Some(level_link(level))),
                    SearchField::Item { .. } => (HitKind::Item, None),
                };
                HitView {
                    competency: link(&hit.competency),
                    kind,
                    level,
                    text: hit.text,
                }
            })
            .collect()
    });
    Ok(Some(FrameworkOverview {
        id: f.id.clone(),
        name: f.name.clone(),
        version: f.version,
        source: f.source.clone(),
        levels: f
            .levels
            .iter()
            .map(|l| NamedLink {
                id: l.id.clone(),
                name: l.name.clone(),
            })
            .collect(),
        clusters: f
            .clusters
            .iter()
            .map(|cluster| ClusterView {
                name: cluster.name.clone(),
                competencies: f
                    .competencies_in(&cluster.id)
                    .iter()
                    .map(|c| link(&c.id))
                    .collect(),
            })
            .collect(),
        profiles: f
            .profiles
            .iter()
            .map(|p| ProfileView {
                name: p.name.clone(),
                competencies: p.competency_ids().map(link).collect(),
                own_choice: p.own_choice,
                fixed: p.fixed,
            })
            .collect(),
        hits,
    }))
}

#[server]
pub async fn load_competency(
    framework: String,
    competency: String,
) -> Result<Option<CompetencyView>, ActionError> {
    let (state, _) = super::signed_in().await?;
    let Some(f) = state.db.find_framework(&framework, None).await? else {
        return Ok(None);
    };
    let Some(c) = f.competency(&competency) else {
        return Ok(None);
    };
    Ok(Some(CompetencyView {
        framework: NamedLink {
            id: f.id.clone(),
            name: f.name.clone(),
        },
        name: c.name.clone(),
        cluster: f
            .clusters
            .iter()
            .find(|cl| cl.id == c.cluster)
            .map(|cl| cl.name.clone())
            .unwrap_or_default(),
        definition: c.definition.clone(),
        levels: f
            .levels
            .iter()
            .filter_map(|level| {
                let content = c.at_level(&level.id)?;
                Some(LevelView {
                    id: level.id.clone(),
                    name: level.name.clone(),
                    behaviours: content.behaviours.clone(),
                    tips: content.tips.clone(),
                })
            })
            .collect(),
        items: c.items.clone(),
    }))
}

/// Import outcome shown once on the framework administration page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ImportReport {
    Imported {
        name: String,
        version: u32,
    },
    Rejected {
        messages_nl: Vec<String>,
        messages_en: Vec<String>,
    },
}

impl ImportReport {
    /// The report of an import form sent without a file.
    pub fn no_file() -> Self {
        ImportReport::Rejected {
            messages_nl: vec!["kies eerst een bestand (TOML of JSON)".to_owned()],
            messages_en: vec!["choose a file first (TOML or JSON)".to_owned()],
        }
    }
}

#[server]
pub async fn load_import_report(key: String) -> Result<Option<ImportReport>, ActionError> {
    let (state, _) = super::signed_in().await?;
    Ok(crate::flash::take_in_server_fn(&state.flash, &key)
        .await
        .and_then(|payload| serde_json::from_str(&payload).ok()))
}

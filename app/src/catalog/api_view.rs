//! The JSON shape of `GET /api/v1/frameworks[/{id}]`: stable field names for HR systems,
//! independent of how the framework files are written.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::catalog::Framework;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameworkJson {
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub version: u32,
    pub source: String,
    pub levels: Vec<LevelJson>,
    pub clusters: Vec<ClusterJson>,
    pub competencies: Vec<CompetencyJson>,
    pub profiles: Vec<ProfileJson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelJson {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterJson {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetencyJson {
    pub id: String,
    pub name: String,
    pub cluster: String,
    pub definition: String,
    /// Per level id: the behaviours and development tips. Empty for unlevelled frameworks.
    pub levels: BTreeMap<String, LevelContentJson>,
    /// Scan items of unlevelled frameworks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelContentJson {
    pub behaviours: Vec<String>,
    pub tips: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileJson {
    pub id: String,
    pub name: String,
    /// Core first, then the profile's specific competencies.
    pub competencies: Vec<String>,
    pub own_choice: u8,
    pub fixed: bool,
}

impl From<&Framework> for FrameworkJson {
    fn from(f: &Framework) -> Self {
        FrameworkJson {
            id: f.id.clone(),
            name: f.name.clone(),
            name_en: f.name_en.clone(),
            version: f.version,
            source: f.source.clone(),
            levels: f
                .levels
                .iter()
                .map(|l| LevelJson {
                    id: l.id.clone(),
                    label: l.name.clone(),
                })
                .collect(),
            clusters: f
                .clusters
                .iter()
                .map(|c| ClusterJson {
                    id: c.id.clone(),
                    name: c.name.clone(),
                })
                .collect(),
            competencies: f
                .competencies
                .iter()
                .map(|c| CompetencyJson {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    cluster: c.cluster.clone(),
                    definition: c.definition.clone(),
                    levels: c
                        .levels
                        .iter()
                        .map(|l| {
                            (
                                l.level.clone(),
                                LevelContentJson {
                                    behaviours: l.behaviours.clone(),
                                    tips: l.tips.clone(),
                                },
                            )
                        })
                        .collect(),
                    items: c.items.clone(),
                })
                .collect(),
            profiles: f
                .profiles
                .iter()
                .map(|p| ProfileJson {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    competencies: p.competency_ids().map(str::to_owned).collect(),
                    own_choice: p.own_choice,
                    fixed: p.fixed,
                })
                .collect(),
        }
    }
}

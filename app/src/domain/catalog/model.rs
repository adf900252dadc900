//! The typed shape of a competency framework, exactly as it is stored in a framework file.
//!
//! Field names are the file format: changing one breaks every exported framework, so add new
//! fields with `#[serde(default)]` instead of renaming.

use serde::{Deserialize, Serialize};

/// A competency framework (competentiekader): what a scan asks and how answers are labelled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Stable ASCII slug; scans refer to the framework by this id.
    pub id: String,
    /// Dutch name, shown first (the product is Dutch first).
    pub name: String,
    /// English name for the second language.
    pub name_en: String,
    /// Increases when the content changes, so old scans can tell which text they asked.
    pub version: u32,
    /// Which document the content comes from, for traceability.
    pub source: String,
    /// Set when the framework is not a literal copy of its source but built from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derived: Option<String>,
    /// Counting rules for `profiles`; without it profiles are only checked for known ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_rules: Option<ProfileRules>,
    /// Labels of the rating scale as the source names them (may be empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rating_labels: Vec<RatingLabel>,
    /// Levels (bands) the behaviours are written for; empty means an unlevelled framework.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<Level>,
    /// Groups of competencies, in display order.
    pub clusters: Vec<Cluster>,
    /// The competencies, in display order.
    pub competencies: Vec<Competency>,
    /// Ready-made selections of competencies per job group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profiles: Vec<Profile>,
}

/// One label of the rating scale, e.g. 3 = "Normaal" (seed 004 art. 6 lid 5).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingLabel {
    /// The number stored in a response.
    pub value: u8,
    /// Dutch label.
    pub label: String,
    /// English label.
    pub label_en: String,
    /// Dutch explanation shown next to the label, so raters share one meaning.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub meaning: String,
    /// English explanation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub meaning_en: String,
}

/// A level (band) of a levelled framework. Levels are what a job asks, not development steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Stable id, e.g. "8-10".
    pub id: String,
    /// Dutch name, e.g. "Schaal 8–10".
    pub name: String,
    /// English name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
}

/// A group of competencies (e.g. "Kern", "Verbinden").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    /// Stable id referred to by [`Competency::cluster`].
    pub id: String,
    /// Dutch name.
    pub name: String,
    /// English name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
}

/// One competency with its definition and, per level, behaviours and development tips.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    /// Stable ASCII slug; answers and reports refer to it.
    pub id: String,
    /// Dutch name.
    pub name: String,
    /// English name, where one has been written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Id of the [`Cluster`] it belongs to.
    pub cluster: String,
    /// The definition, word for word from the source.
    pub definition: String,
    /// Behaviours and tips per level (levelled frameworks only), in level order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<LevelContent>,
    /// Scan items of an unlevelled framework; when empty the definition is the one item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

/// What a competency looks like at one level: the behaviours to rate and tips to grow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelContent {
    /// Id of the [`Level`] this block belongs to.
    pub level: String,
    /// Characteristic behaviours (kenmerkend werkgedrag): the items a scan asks.
    pub behaviours: Vec<String>,
    /// Development tips, offered in the report for the weakest competencies.
    #[serde(default)]
    pub tips: Vec<String>,
}

/// A job-group profile: which competencies a job asks and how many may be added.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Stable ASCII slug.
    pub id: String,
    /// Dutch name of the job group.
    pub name: String,
    /// Core competencies (ids), the same for everyone in the organisation.
    pub core: Vec<String>,
    /// Job-specific competencies (ids).
    #[serde(default)]
    pub specific: Vec<String>,
    /// How many more competencies the manager may add from the whole framework.
    #[serde(default)]
    pub own_choice: u8,
    /// True when the selection is complete and nothing may be added (management profiles).
    #[serde(default)]
    pub fixed: bool,
}

/// The counting rules a framework's profiles must keep (seed 004 art. 3 lid 2-3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileRules {
    /// Cluster holding the core competencies; core lists draw from it, specific lists not.
    pub core_cluster: String,
    /// Exact number of core competencies per profile.
    pub core: usize,
    /// Number of specific competencies of an ordinary profile.
    pub specific: usize,
    /// Most own-choice competencies an ordinary profile may add.
    pub own_choice_max: usize,
    /// Most competencies a profile may hold in all (core + specific + own choice).
    pub max_total: usize,
}

impl Framework {
    /// True when behaviours are written per level (a scan must then pick a level).
    pub fn is_levelled(&self) -> bool {
        !self.levels.is_empty()
    }

    /// Looks a competency up by id.
    pub fn competency(&self, id: &str) -> Option<&Competency> {
        self.competencies.iter().find(|c| c.id == id)
    }

    /// Looks a profile up by id.
    pub fn profile(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    /// The competencies of one cluster, in display order.
    pub fn competencies_in(&self, cluster_id: &str) -> Vec<&Competency> {
        self.competencies
            .iter()
            .filter(|c| c.cluster == cluster_id)
            .collect()
    }
}

impl Competency {
    /// The behaviours and tips at one level, if the competency has that level.
    pub fn at_level(&self, level_id: &str) -> Option<&LevelContent> {
        self.levels.iter().find(|l| l.level == level_id)
    }

    /// The texts a scan asks for this competency: the behaviours of `level` in a levelled
    /// framework; otherwise the items, or the definition when there are no items.
    pub fn scan_items(&self, level: Option<&str>) -> Vec<&str> {
        match level {
            Some(level_id) => self
                .at_level(level_id)
                .map(|l| l.behaviours.iter().map(String::as_str).collect())
                .unwrap_or_default(),
            None if !self.items.is_empty() => self.items.iter().map(String::as_str).collect(),
            None => vec![self.definition.as_str()],
        }
    }
}

impl Profile {
    /// All competencies the profile prescribes (core first), without the own choices.
    pub fn competency_ids(&self) -> impl Iterator<Item = &str> {
        self.core
            .iter()
            .chain(self.specific.iter())
            .map(String::as_str)
    }
}

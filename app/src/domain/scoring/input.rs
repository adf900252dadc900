//! What the scoring needs to know about a scan: its anonymity settings, its item structure and
//! the submitted responses. Each is validated once when built, so the calculation itself cannot
//! fail halfway.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::domain::rating::Rating;

/// Identifies a rater group (e.g. "self", "board", "staff") as the scan configures it.
pub type GroupId = String;
/// Identifies a competency within the scan's framework.
pub type CompetencyId = String;
/// Identifies a level (band) within the scan's framework.
pub type LevelId = String;
/// Identifies one behaviour (kenmerkend werkgedrag) within the scan's framework.
pub type BehaviourId = String;

/// Everything that can be wrong with the input of the scoring; nothing is computed when one occurs.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScoringError {
    /// The product rule: k is never below 2, or a single answer would be shown.
    #[error("the minimum group size must be at least {min}, not {0}", min = ScanConfig::MIN_GROUP_SIZE_FLOOR)]
    MinGroupSizeTooSmall(usize),
    /// The Fleenor threshold must be a positive, finite distance on the 1–5 scale.
    #[error("the agreement threshold must be greater than 0 and at most 4, not {0}")]
    InvalidAgreementThreshold(f64),
    /// A behaviour may belong to one competency and level only, or its ratings would count twice.
    #[error("behaviour {0:?} occurs more than once in the item structure")]
    DuplicateBehaviour(BehaviourId),
    /// A response rated a behaviour the scan does not ask: a sign of a mismatched scan.
    #[error("a response rates behaviour {0:?}, which is not part of this scan")]
    UnknownBehaviour(BehaviourId),
}

/// The anonymity and agreement settings of one scan. Fields are private so that a config with
/// k below 2 cannot exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ScanConfigFields", into = "ScanConfigFields")]
pub struct ScanConfig {
    min_group_size: usize,
    self_group: GroupId,
    identifiable_groups: BTreeSet<GroupId>,
    agreement_threshold: f64,
}

/// The serialised form of [`ScanConfig`], validated on the way in.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ScanConfigFields {
    min_group_size: usize,
    self_group: GroupId,
    #[serde(default)]
    identifiable_groups: BTreeSet<GroupId>,
    agreement_threshold: f64,
}

impl TryFrom<ScanConfigFields> for ScanConfig {
    type Error = ScoringError;

    fn try_from(fields: ScanConfigFields) -> Result<Self, Self::Error> {
        ScanConfig::new(fields.self_group)
            .with_min_group_size(fields.min_group_size)?
            .with_agreement_threshold(fields.agreement_threshold)
            .map(|config| config.with_identifiable_groups(fields.identifiable_groups))
    }
}

impl From<ScanConfig> for ScanConfigFields {
    fn from(config: ScanConfig) -> Self {
        ScanConfigFields {
            min_group_size: config.min_group_size,
            self_group: config.self_group,
            identifiable_groups: config.identifiable_groups,
            agreement_threshold: config.agreement_threshold,
        }
    }
}

impl ScanConfig {
    /// The product default for k: a group is shown from three counted informants.
    pub const DEFAULT_MIN_GROUP_SIZE: usize = 3;
    /// k may never be lower than this (product rule "never below 2").
    pub const MIN_GROUP_SIZE_FLOOR: usize = 2;
    /// Default distance between self and others that counts as over- or under-estimation.
    pub const DEFAULT_AGREEMENT_THRESHOLD: f64 = 0.5;

    /// A config with the defaults (k = 3, threshold 0.5, no identifiable groups).
    pub fn new(self_group: impl Into<GroupId>) -> ScanConfig {
        ScanConfig {
            min_group_size: Self::DEFAULT_MIN_GROUP_SIZE,
            self_group: self_group.into(),
            identifiable_groups: BTreeSet::new(),
            agreement_threshold: Self::DEFAULT_AGREEMENT_THRESHOLD,
        }
    }

    /// Sets k; rejects values below 2 instead of silently raising them.
    pub fn with_min_group_size(mut self, k: usize) -> Result<ScanConfig, ScoringError> {
        if k < Self::MIN_GROUP_SIZE_FLOOR {
            return Err(ScoringError::MinGroupSizeTooSmall(k));
        }
        self.min_group_size = k;
        Ok(self)
    }

    /// Sets the Fleenor threshold; it must lie in (0, 4], the largest possible distance.
    pub fn with_agreement_threshold(mut self, threshold: f64) -> Result<ScanConfig, ScoringError> {
        if !(threshold.is_finite() && threshold > 0.0 && threshold <= 4.0) {
            return Err(ScoringError::InvalidAgreementThreshold(threshold));
        }
        self.agreement_threshold = threshold;
        Ok(self)
    }

    /// Marks groups whose members were told they are identifiable (e.g. a board of two):
    /// they are shown as themselves whatever their size.
    pub fn with_identifiable_groups(
        mut self,
        groups: impl IntoIterator<Item = impl Into<GroupId>>,
    ) -> ScanConfig {
        self.identifiable_groups = groups.into_iter().map(Into::into).collect();
        self
    }

    /// k: the fewest counted respondents a (non-exempt) group needs to be shown.
    pub fn min_group_size(&self) -> usize {
        self.min_group_size
    }

    /// The group whose answers are the subject's own.
    pub fn self_group(&self) -> &str {
        &self.self_group
    }

    /// Groups exempt from k because their members agreed to be identifiable.
    pub fn identifiable_groups(&self) -> &BTreeSet<GroupId> {
        &self.identifiable_groups
    }

    /// The Fleenor threshold on the 1–5 scale.
    pub fn agreement_threshold(&self) -> f64 {
        self.agreement_threshold
    }

    /// Whether a group is shown regardless of its size (self, or marked identifiable).
    pub fn is_exempt(&self, group: &str) -> bool {
        group == self.self_group || self.identifiable_groups.contains(group)
    }
}

/// Where a behaviour sits in the scan.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct BehaviourPlace {
    pub(crate) competency: CompetencyId,
    pub(crate) level: LevelId,
}

/// The questions of a scan: competency → level → behaviours. Validated so that every behaviour
/// belongs to exactly one competency and level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    try_from = "BTreeMap<CompetencyId, BTreeMap<LevelId, Vec<BehaviourId>>>",
    into = "BTreeMap<CompetencyId, BTreeMap<LevelId, Vec<BehaviourId>>>"
)]
pub struct ItemStructure {
    tree: BTreeMap<CompetencyId, BTreeMap<LevelId, Vec<BehaviourId>>>,
    #[serde(skip)]
    places: BTreeMap<BehaviourId, BehaviourPlace>,
}

impl ItemStructure {
    /// Builds the structure, rejecting a behaviour listed twice. Behaviours are kept sorted by id
    /// so no figure depends on the order the caller listed them in.
    pub fn new(
        tree: BTreeMap<CompetencyId, BTreeMap<LevelId, Vec<BehaviourId>>>,
    ) -> Result<ItemStructure, ScoringError> {
        let mut places = BTreeMap::new();
        let mut sorted = BTreeMap::new();
        for (competency, levels) in tree {
            let mut sorted_levels = BTreeMap::new();
            for (level, mut behaviours) in levels {
                behaviours.sort();
                for behaviour in &behaviours {
                    let place = BehaviourPlace {
                        competency: competency.clone(),
                        level: level.clone(),
                    };
                    if places.insert(behaviour.clone(), place).is_some() {
                        return Err(ScoringError::DuplicateBehaviour(behaviour.clone()));
                    }
                }
                sorted_levels.insert(level, behaviours);
            }
            sorted.insert(competency, sorted_levels);
        }
        Ok(ItemStructure {
            tree: sorted,
            places,
        })
    }

    /// The competency → level → behaviours tree, all sorted by id.
    pub fn tree(&self) -> &BTreeMap<CompetencyId, BTreeMap<LevelId, Vec<BehaviourId>>> {
        &self.tree
    }

    /// Every (competency, level, behaviours) cell, in id order.
    pub(crate) fn cells(&self) -> impl Iterator<Item = (&CompetencyId, &LevelId, &[BehaviourId])> {
        self.tree.iter().flat_map(|(competency, levels)| {
            levels
                .iter()
                .map(move |(level, behaviours)| (competency, level, behaviours.as_slice()))
        })
    }

    pub(crate) fn contains(&self, behaviour: &str) -> bool {
        self.places.contains_key(behaviour)
    }
}

impl TryFrom<BTreeMap<CompetencyId, BTreeMap<LevelId, Vec<BehaviourId>>>> for ItemStructure {
    type Error = ScoringError;

    fn try_from(
        tree: BTreeMap<CompetencyId, BTreeMap<LevelId, Vec<BehaviourId>>>,
    ) -> Result<Self, Self::Error> {
        ItemStructure::new(tree)
    }
}

impl From<ItemStructure> for BTreeMap<CompetencyId, BTreeMap<LevelId, Vec<BehaviourId>>> {
    fn from(items: ItemStructure) -> Self {
        items.tree
    }
}

/// Identifies one stored response: random and stable (responses are insert-only), so two
/// versions of the report can be compared by who is in each line. It says nothing about who
/// answered.
pub type ResponseId = String;

/// One submitted questionnaire, already detached from its invitation: only its random id, the
/// rater group, the ratings and the comments remain. A behaviour left out of `ratings` was not
/// answered (neither a score nor "cannot judge").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// The response's stable random id (not the invitation's).
    pub id: ResponseId,
    /// The rater group the informant was invited in.
    pub group: GroupId,
    /// The answer per behaviour.
    pub ratings: BTreeMap<BehaviourId, Rating>,
    /// The written comment per competency (see `comments` for which are published).
    #[serde(default)]
    pub comments: BTreeMap<CompetencyId, String>,
}

impl Response {
    /// Convenience constructor for callers and tests.
    pub fn new(
        id: impl Into<ResponseId>,
        group: impl Into<GroupId>,
        ratings: impl IntoIterator<Item = (impl Into<BehaviourId>, Rating)>,
    ) -> Response {
        Response {
            id: id.into(),
            group: group.into(),
            ratings: ratings.into_iter().map(|(b, r)| (b.into(), r)).collect(),
            comments: BTreeMap::new(),
        }
    }

    /// Adds a comment on a competency.
    pub fn with_comment(
        mut self,
        competency: impl Into<CompetencyId>,
        text: impl Into<String>,
    ) -> Response {
        self.comments.insert(competency.into(), text.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_below_two_is_rejected() {
        assert_eq!(
            ScanConfig::new("self").with_min_group_size(1),
            Err(ScoringError::MinGroupSizeTooSmall(1))
        );
        assert_eq!(
            ScanConfig::new("self").with_min_group_size(0),
            Err(ScoringError::MinGroupSizeTooSmall(0))
        );
        let two = ScanConfig::new("self").with_min_group_size(2).unwrap();
        assert_eq!(two.min_group_size(), 2);
    }

    #[test]
    fn defaults_are_k_three_and_threshold_half() {
        let config = ScanConfig::new("self");
        assert_eq!(config.min_group_size(), 3);
        assert_eq!(config.agreement_threshold(), 0.5);
    }

    #[test]
    fn threshold_must_be_positive_and_finite() {
        for bad in [0.0, -0.5, f64::NAN, f64::INFINITY, 4.5] {
            assert!(
                ScanConfig::new("self")
                    .with_agreement_threshold(bad)
                    .is_err(),
                "{bad}"
            );
        }
        assert!(
            ScanConfig::new("self")
                .with_agreement_threshold(1.0)
                .is_ok()
        );
    }

    #[test]
    fn deserialising_a_config_applies_the_same_checks() {
        let bad = r#"{"min_group_size":1,"self_group":"self","agreement_threshold":0.5}"#;
        assert!(serde_json::from_str::<ScanConfig>(bad).is_err());
        let good = r#"{"min_group_size":4,"self_group":"zelf","identifiable_groups":["college"],"agreement_threshold":0.75}"#;
        let config: ScanConfig = serde_json::from_str(good).unwrap();
        assert_eq!(config.min_group_size(), 4);
        assert!(config.is_exempt("college"));
        assert!(config.is_exempt("zelf"));
        assert!(!config.is_exempt("staff"));
        let round: ScanConfig =
            serde_json::from_str(&serde_json::to_string(&config).unwrap()).unwrap();
        assert_eq!(round, config);
    }

    #[test]
    fn a_behaviour_may_occur_only_once() {
        let tree = BTreeMap::from([
            (
                "c1".to_string(),
                BTreeMap::from([("l1".to_string(), vec!["b1".to_string()])]),
            ),
            (
                "c2".to_string(),
                BTreeMap::from([("l1".to_string(), vec!["b1".to_string()])]),
            ),
        ]);
        assert_eq!(
            ItemStructure::new(tree),
            Err(ScoringError::DuplicateBehaviour("b1".into()))
        );
    }
}

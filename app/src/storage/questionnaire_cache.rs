//! Built questionnaires, kept per database handle like the parsed frameworks they come from.
//! A questionnaire depends only on a stored framework version (which never changes) and the
//! scan's choice of level, next level and competencies, so an entry is found by exactly those
//! inputs and can never be stale. Building one clones every statement of the scan (hundreds of
//! strings); every page of a respondent needs it.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, RwLock};

use crate::domain::catalog::Framework;
use crate::domain::questionnaire::{self, Questionnaire};
use crate::domain::scan::ValidScan;

/// A bound against unbounded growth; a municipality has a few dozen open scans.
const MAX_ENTRIES: usize = 1024;

#[derive(Clone, Debug, Default)]
pub struct QuestionnaireCache(Arc<RwLock<HashMap<u64, Vec<Entry>>>>);

#[derive(Debug)]
struct Entry {
    kept: KeptInputs,
    questionnaire: Arc<Questionnaire>,
}

/// What a questionnaire is built from, borrowed from a scan: found and compared without
/// copying the scan's strings.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Inputs<'a> {
    framework_id: &'a str,
    framework_version: u32,
    level_id: Option<&'a str>,
    next_level_id: Option<&'a str>,
    competency_ids: &'a [String],
    first_person: bool,
}

impl<'a> Inputs<'a> {
    fn of(scan: &'a ValidScan, first_person: bool) -> Self {
        Self {
            framework_id: &scan.framework_id,
            framework_version: scan.framework_version,
            level_id: scan.level_id.as_deref(),
            next_level_id: scan.next_level_id.as_deref(),
            competency_ids: &scan.competency_ids,
            first_person,
        }
    }

    fn hash(&self) -> u64 {
        let mut hasher = std::hash::DefaultHasher::new();
        Hash::hash(self, &mut hasher);
        hasher.finish()
    }

    fn keep(&self) -> KeptInputs {
        KeptInputs {
            framework_id: self.framework_id.to_owned(),
            framework_version: self.framework_version,
            level_id: self.level_id.map(str::to_owned),
            next_level_id: self.next_level_id.map(str::to_owned),
            competency_ids: self.competency_ids.to_vec(),
            first_person: self.first_person,
        }
    }
}

/// [`Inputs`], owned by a cache entry.
#[derive(Debug)]
struct KeptInputs {
    framework_id: String,
    framework_version: u32,
    level_id: Option<String>,
    next_level_id: Option<String>,
    competency_ids: Vec<String>,
    first_person: bool,
}

impl KeptInputs {
    fn inputs(&self) -> Inputs<'_> {
        Inputs {
            framework_id: &self.framework_id,
            framework_version: self.framework_version,
            level_id: self.level_id.as_deref(),
            next_level_id: self.next_level_id.as_deref(),
            competency_ids: &self.competency_ids,
            first_person: self.first_person,
        }
    }
}

impl QuestionnaireCache {
    /// `questionnaire::build(framework, scan, first_person)`, built once. `framework` must be
    /// the version `scan` names.
    pub fn get_or_build(
        &self,
        framework: &Framework,
        scan: &ValidScan,
        first_person: bool,
    ) -> Arc<Questionnaire> {
        let inputs = Inputs::of(scan, first_person);
        let hash = inputs.hash();
        let found = |entries: &Vec<Entry>| {
            entries
                .iter()
                .find(|e| e.kept.inputs() == inputs)
                .map(|e| e.questionnaire.clone())
        };
        if let Some(found) = self.read().get(&hash).and_then(found) {
            return found;
        }
        let built = Arc::new(questionnaire::build(framework, scan, first_person));
        let mut map = self.0.write().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        let entries = map.entry(hash).or_default();
        if found(entries).is_none() {
            entries.push(Entry {
                kept: inputs.keep(),
                questionnaire: built.clone(),
            });
        }
        built
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<u64, Vec<Entry>>> {
        self.0.read().unwrap_or_else(|e| e.into_inner())
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.read().values().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::builtin;
    use crate::domain::scan::example::maastricht_example;
    use crate::domain::scan::{ScanDraft, validate_scan};

    const NOW: i64 = 1_800_000_000;

    /// The Maastricht framework and a scan of level 8-10 with the next level.
    fn example() -> (Framework, ValidScan) {
        let framework = builtin()
            .into_iter()
            .find(|f| f.id == "maastricht-2014")
            .unwrap();
        let draft = ScanDraft {
            include_next_level: true,
            ..maastricht_example(&framework, NOW + 86_400)
        };
        let scan = validate_scan(&draft, &framework, NOW).unwrap();
        (framework, scan)
    }

    #[test]
    fn each_choice_is_built_once_and_equals_a_fresh_build() {
        let (framework, scan) = example();
        let cache = QuestionnaireCache::default();
        let first = cache.get_or_build(&framework, &scan, false);
        let again = cache.get_or_build(&framework, &scan, false);
        assert!(
            Arc::ptr_eq(&first, &again),
            "the second page reuses the first build"
        );
        assert_eq!(*first, questionnaire::build(&framework, &scan, false));

        let own = cache.get_or_build(&framework, &scan, true);
        assert_eq!(*own, questionnaire::build(&framework, &scan, true));
        assert_ne!(*own, *first, "the self group reads first-person statements");
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn another_choice_of_the_scan_gets_its_own_questionnaire() {
        let (framework, scan) = example();
        let cache = QuestionnaireCache::default();
        let all = cache.get_or_build(&framework, &scan, false);
        let mut fewer = scan.clone();
        fewer.competency_ids.truncate(1);
        let one = cache.get_or_build(&framework, &fewer, false);
        assert_eq!(one.sections.len(), 1);
        assert_eq!(*one, questionnaire::build(&framework, &fewer, false));
        let mut without_next = scan.clone();
        without_next.next_level_id = None;
        let fewer_items = cache.get_or_build(&framework, &without_next, false);
        assert_eq!(
            *fewer_items,
            questionnaire::build(&framework, &without_next, false)
        );
        assert!(all.item_count() > fewer_items.item_count());
        assert_eq!(cache.len(), 3);
    }

    #[test]
    fn kept_inputs_are_found_again_and_tell_the_self_group_apart() {
        let (_, scan) = example();
        for first_person in [false, true] {
            let inputs = Inputs::of(&scan, first_person);
            let kept = inputs.keep();
            assert_eq!(kept.inputs(), inputs);
            assert_eq!(kept.inputs().hash(), inputs.hash());
            assert_ne!(kept.inputs(), Inputs::of(&scan, !first_person));
        }
    }
}

//! Parsed scan settings, kept per database handle for the respondent's link lookup: every page
//! of a respondent reads its scan's settings (a few KB of JSON). An entry is used only while the
//! stored text is byte for byte the text it was parsed from, so a changed scan is parsed again
//! and nothing stale is ever returned.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use super::StorageError;
use crate::domain::scan::ValidScan;

/// A bound against unbounded growth; a municipality has a few dozen open scans.
const MAX_ENTRIES: usize = 1024;

/// Scan id → (the settings text, its parse).
type SettingsMap = HashMap<String, (String, Arc<ValidScan>)>;

#[derive(Clone, Debug, Default)]
pub struct SettingsCache(Arc<RwLock<SettingsMap>>);

impl SettingsCache {
    /// `settings` (scan `scan_id`'s stored JSON) parsed, or the earlier parse of the same text.
    pub fn parse(&self, scan_id: &str, settings: &str) -> Result<Arc<ValidScan>, StorageError> {
        if let Some((text, parsed)) = self
            .0
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(scan_id)
            && text == settings
        {
            return Ok(parsed.clone());
        }
        let parsed = Arc::new(parse(settings)?);
        let mut map = self.0.write().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        map.insert(scan_id.to_owned(), (settings.to_owned(), parsed.clone()));
        Ok(parsed)
    }
}

/// A scan's stored settings JSON as the validated scan it was written from.
pub fn parse(settings: &str) -> Result<ValidScan, StorageError> {
    serde_json::from_str(settings).map_err(|e| StorageError::Corrupt(format!("settings: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::builtin;
    use crate::domain::scan::example::maastricht_example;
    use crate::domain::scan::validate_scan;

    const NOW: i64 = 1_800_000_000;

    fn settings(subject: &str) -> String {
        let framework = builtin()
            .into_iter()
            .find(|f| f.id == "maastricht-2014")
            .unwrap();
        let draft = crate::domain::scan::ScanDraft {
            subject_name: subject.into(),
            ..maastricht_example(&framework, NOW + 86_400)
        };
        serde_json::to_string(&validate_scan(&draft, &framework, NOW).unwrap()).unwrap()
    }

    #[test]
    fn the_same_text_is_parsed_once_and_a_changed_text_again() {
        let cache = SettingsCache::default();
        let first = settings("Piet Jansen");
        let a = cache.parse("scan-1", &first).unwrap();
        let b = cache.parse("scan-1", &first).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(*a, parse(&first).unwrap());

        let changed = settings("Anna de Vries");
        let c = cache.parse("scan-1", &changed).unwrap();
        assert_eq!(
            c.subject_name, "Anna de Vries",
            "a changed scan is read anew"
        );
        let d = cache.parse("scan-2", &first).unwrap();
        assert_eq!(d.subject_name, "Piet Jansen");
    }

    #[test]
    fn unreadable_settings_are_an_error_and_not_kept() {
        let cache = SettingsCache::default();
        assert!(matches!(
            cache.parse("scan-1", "{not json"),
            Err(StorageError::Corrupt(_))
        ));
        assert!(cache.0.read().unwrap().is_empty());
    }
}

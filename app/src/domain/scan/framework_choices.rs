//! What the scan form offers from a framework: the competencies a profile ticks in advance and
//! the level above the job's.

use crate::domain::catalog::{Framework, Level};

/// The next level up from `level_id`, or `None` at the top or for an unknown level.
pub fn next_level<'a>(framework: &'a Framework, level_id: &str) -> Option<&'a Level> {
    let index = framework.levels.iter().position(|l| l.id == level_id)?;
    framework.levels.get(index + 1)
}

/// The competencies a job-group profile prescribes (core first, then specific), for the form
/// to tick in advance. Empty for an unknown profile.
pub fn preselect_from_profile(framework: &Framework, profile_id: &str) -> Vec<String> {
    framework
        .profile(profile_id)
        .map(|p| p.competency_ids().map(str::to_owned).collect())
        .unwrap_or_default()
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scan::test_fixtures::{NOW, draft, framework, maastricht, strings};
    use crate::domain::scan::validate_scan;

    #[test]
    fn preselection_of_maastricht_profiles() {
        let fw = maastricht();
        assert_eq!(
            preselect_from_profile(&fw, "adviseur"),
            strings(&[
                "samenwerken",
                "klantgericht-werken",
                "integriteit",
                "overtuigingskracht",
                "analyseren",
                "omgevingsbewust",
                "oordeelsvorming",
            ])
        );
        assert_eq!(
            preselect_from_profile(&fw, "teammanager"),
            strings(&[
                "samenwerken",
                "klantgericht-werken",
                "integriteit",
                "motiveren",
                "inlevingsvermogen",
                "ondernemend-handelen",
                "besluitvaardigheid",
                "resultaatgerichtheid",
                "verantwoordelijkheid",
            ])
        );
        assert_eq!(
            preselect_from_profile(&fw, "vakspecialist"),
            strings(&["samenwerken", "klantgericht-werken", "integriteit"])
        );
        assert_eq!(
            preselect_from_profile(&fw, "medewerker-frontoffice"),
            strings(&[
                "samenwerken",
                "klantgericht-werken",
                "integriteit",
                "inlevingsvermogen",
                "flexibel-zijn",
                "luisteren",
                "accuraat-werken",
            ])
        );
        assert!(preselect_from_profile(&fw, "bestaat-niet").is_empty());
    }

    #[test]
    fn every_profile_preselection_validates_as_is() {
        let fw = maastricht();
        for profile in &fw.profiles {
            let mut d = draft();
            d.profile_id = Some(profile.id.clone());
            d.competency_ids = preselect_from_profile(&fw, &profile.id);
            assert!(validate_scan(&d, &fw, NOW).is_ok(), "{}", profile.id);
        }
    }

    #[test]
    fn secretary_preselection_is_the_six_core_competencies() {
        let fw = framework("gemeentesecretaris");
        let core: Vec<String> = fw
            .competencies_in("kern")
            .iter()
            .map(|c| c.id.clone())
            .collect();
        assert_eq!(core.len(), 6);
        assert_eq!(preselect_from_profile(&fw, "gemeentesecretaris"), core);
    }

    #[test]
    fn next_level_walks_up_the_bands() {
        let fw = maastricht();
        assert_eq!(next_level(&fw, "3-7").map(|l| l.id.as_str()), Some("8-10"));
        assert_eq!(
            next_level(&fw, "8-10").map(|l| l.id.as_str()),
            Some("11-18")
        );
        assert_eq!(next_level(&fw, "11-18"), None);
        assert_eq!(next_level(&fw, "99"), None);
        assert_eq!(next_level(&framework("raadslid"), "3-7"), None);
    }
}

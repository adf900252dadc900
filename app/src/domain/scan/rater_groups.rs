//! Rater groups: the groups of informants whose answers are reported together, and the groups
//! a new scan starts with for each shipped framework.

use serde::{Deserialize, Serialize};

use super::Language;

/// The id of the rater group in which the subject rates themselves.
pub const SELF_GROUP_ID: &str = "self";

/// A group of informants whose answers are reported together (e.g. "colleagues").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaterGroup {
    /// Stable ASCII slug; invitations and responses refer to it.
    pub id: String,
    /// Dutch label, shown first.
    pub label_nl: String,
    /// English label.
    pub label_en: String,
    /// Shown regardless of k. Its members are told before they answer, so a small group that
    /// cannot reach k (a board of two, a single manager) is not silently dropped from the report.
    #[serde(default)]
    pub identifiable: bool,
    /// The group in which the subject rates themselves; exactly one per scan. A flag rather
    /// than a fixed id so organisations can name their groups freely.
    #[serde(default)]
    pub is_self: bool,
}

impl RaterGroup {
    fn new(id: &str, label_nl: &str, label_en: &str, identifiable: bool) -> Self {
        Self {
            id: id.to_owned(),
            label_nl: label_nl.to_owned(),
            label_en: label_en.to_owned(),
            identifiable,
            is_self: id == SELF_GROUP_ID,
        }
    }

    /// The label in the given language.
    pub fn label(&self, language: Language) -> &str {
        match language {
            Language::Nl => &self.label_nl,
            Language::En => &self.label_en,
        }
    }
}

fn self_group() -> RaterGroup {
    // Self is shown as self, whatever k is: it is one known person.
    RaterGroup::new(SELF_GROUP_ID, "Zelf", "Self", true)
}

fn board_group() -> RaterGroup {
    RaterGroup::new(
        "board",
        "College (burgemeester en wethouders)",
        "Board (mayor and aldermen)",
        false,
    )
}

fn manager_group() -> RaterGroup {
    // Usually one person, who could never reach k; identifiable by default so the manager's
    // view is not lost, and the manager is told so before answering.
    RaterGroup::new("manager", "Leidinggevende", "Manager", true)
}

fn colleagues_group(label_nl: &str, label_en: &str) -> RaterGroup {
    RaterGroup::new("colleagues", label_nl, label_en, false)
}

fn staff_group() -> RaterGroup {
    RaterGroup::new("staff", "Medewerkers", "Staff", false)
}

fn others_group() -> RaterGroup {
    RaterGroup::new("others", "Informanten (extern)", "Others (external)", false)
}

/// The rater groups a new scan starts with, suited to the framework; the organiser may change
/// them. Unknown (organisation's own) frameworks get all six standard groups.
pub fn default_groups(framework_id: &str) -> Vec<RaterGroup> {
    match framework_id {
        // Seed 000: the secretary asks the board, the management team, staff and partners.
        "gemeentesecretaris" => vec![
            self_group(),
            board_group(),
            colleagues_group("Collega's (MT)", "Colleagues (management team)"),
            staff_group(),
            others_group(),
        ],
        // Seed 004: an employee's manager, colleagues, staff (for managers) and others.
        "maastricht-2014" => vec![
            self_group(),
            manager_group(),
            colleagues_group("Collega's", "Colleagues"),
            staff_group(),
            others_group(),
        ],
        // Seed 003: a council member is discussed by the group chair or party board and the
        // fellow group members; there is no manager or staff.
        "raadslid" => vec![
            self_group(),
            RaterGroup::new(
                "board",
                "Fractievoorzitter / partijbestuur",
                "Group chair / party board",
                false,
            ),
            colleagues_group("Fractie", "Council group"),
            others_group(),
        ],
        _ => vec![
            self_group(),
            board_group(),
            manager_group(),
            colleagues_group("Collega's (MT)", "Colleagues (management team)"),
            staff_group(),
            others_group(),
        ],
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::{builtin, is_slug};
    use crate::domain::scan::test_fixtures::{NOW, draft};
    use crate::domain::scan::validate_scan;

    fn ids(groups: &[RaterGroup]) -> Vec<&str> {
        groups.iter().map(|g| g.id.as_str()).collect()
    }

    #[test]
    fn secretary_default_groups() {
        let groups = default_groups("gemeentesecretaris");
        assert_eq!(
            ids(&groups),
            ["self", "board", "colleagues", "staff", "others"]
        );
        assert_eq!(groups[1].label_nl, "College (burgemeester en wethouders)");
        assert_eq!(groups[2].label_nl, "Collega's (MT)");
        assert_eq!(groups[4].label_nl, "Informanten (extern)");
    }

    #[test]
    fn maastricht_default_groups() {
        let groups = default_groups("maastricht-2014");
        assert_eq!(
            ids(&groups),
            ["self", "manager", "colleagues", "staff", "others"]
        );
        assert_eq!(groups[1].label_nl, "Leidinggevende");
        // A single manager could never reach k, so the group is identifiable by default.
        assert!(groups[1].identifiable);
        assert!(!groups[2].identifiable);
    }

    #[test]
    fn council_member_default_groups() {
        let groups = default_groups("raadslid");
        assert_eq!(ids(&groups), ["self", "board", "colleagues", "others"]);
        assert_eq!(groups[1].label_nl, "Fractievoorzitter / partijbestuur");
        assert_eq!(groups[2].label_nl, "Fractie");
    }

    #[test]
    fn own_frameworks_get_all_six_groups() {
        let groups = default_groups("eigen-kader");
        assert_eq!(
            ids(&groups),
            ["self", "board", "manager", "colleagues", "staff", "others"]
        );
    }

    #[test]
    fn every_default_set_has_exactly_one_self_group_and_valid_slugs() {
        for fw in ["gemeentesecretaris", "maastricht-2014", "raadslid", "x"] {
            let groups = default_groups(fw);
            let selves: Vec<_> = groups.iter().filter(|g| g.is_self).collect();
            assert_eq!(selves.len(), 1, "{fw}");
            assert_eq!(selves[0].id, SELF_GROUP_ID);
            assert_eq!(selves[0].label(Language::Nl), "Zelf");
            assert_eq!(selves[0].label(Language::En), "Self");
            assert!(groups.iter().all(|g| is_slug(&g.id)), "{fw}");
            assert!(
                groups
                    .iter()
                    .all(|g| !g.label_nl.is_empty() && !g.label_en.is_empty())
            );
        }
    }

    #[test]
    fn default_groups_of_every_shipped_framework_validate() {
        for fw in builtin() {
            let mut d = draft();
            d.framework_id = fw.id.clone();
            d.framework_version = fw.version;
            d.groups = default_groups(&fw.id);
            d.profile_id = None;
            d.competency_ids = vec![fw.competencies[0].id.clone()];
            d.level_id = fw.levels.first().map(|l| l.id.clone());
            assert!(validate_scan(&d, &fw, NOW).is_ok(), "{}", fw.id);
        }
    }
}

//! The compact competency table: one column per group that is shown for at least one
//! competency, and for each row whether that group is shown there or left out (fewer than k
//! counted respondents for that competency), so the page can say why a cell is empty.

use super::{CompetencyRow, GroupResponse};

/// A group column of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupColumn {
    pub label_nl: String,
    pub label_en: String,
}

/// One group's cell in one row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GroupCell {
    /// Shown: its mean (absent when nobody gave a score), and whether it is shown below k
    /// because its members were told they are identifiable.
    Shown {
        mean: Option<f64>,
        identifiable: bool,
    },
    /// Not shown for this competency: fewer than k counted respondents.
    LeftOut,
}

/// The groups shown in any row, in the scan's order of groups (`progress`), then any other in
/// the order first met.
pub fn group_columns(rows: &[CompetencyRow], progress: &[GroupResponse]) -> Vec<GroupColumn> {
    let mut seen: Vec<GroupColumn> = Vec::new();
    for group in rows.iter().flat_map(|r| r.groups.iter()) {
        if !seen.iter().any(|c| c.label_nl == group.label_nl) {
            seen.push(GroupColumn {
                label_nl: group.label_nl.clone(),
                label_en: group.label_en.clone(),
            });
        }
    }
    let position = |column: &GroupColumn| {
        progress
            .iter()
            .position(|g| g.label_nl == column.label_nl)
            .unwrap_or(usize::MAX)
    };
    // Stable: groups unknown to `progress` keep the order they were met in.
    seen.sort_by_key(position);
    seen
}

/// The cell of `column` in `row`.
pub fn group_cell(row: &CompetencyRow, column: &GroupColumn) -> GroupCell {
    row.groups
        .iter()
        .find(|g| g.label_nl == column.label_nl)
        .map_or(GroupCell::LeftOut, |g| GroupCell::Shown {
            mean: g.mean,
            identifiable: g.identifiable,
        })
}

/// Whether any row has an "other informants" line (small groups pooled to reach k).
pub fn has_pooled(rows: &[CompetencyRow]) -> bool {
    rows.iter().any(|r| r.pooled.is_some())
}

/// Whether any cell of the table is left out, so the page adds the footnote that explains it.
pub fn any_left_out(rows: &[CompetencyRow], columns: &[GroupColumn]) -> bool {
    let pooled = has_pooled(rows);
    rows.iter().any(|row| {
        columns
            .iter()
            .any(|c| group_cell(row, c) == GroupCell::LeftOut)
            || (pooled && row.pooled.is_none())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::report_view::GroupFigure;

    fn figure(label: &str, mean: f64) -> GroupFigure {
        GroupFigure {
            label_nl: label.to_owned(),
            label_en: format!("{label} (en)"),
            n: 3,
            mean: Some(mean),
            identifiable: false,
        }
    }

    fn row(name: &str, groups: Vec<GroupFigure>) -> CompetencyRow {
        CompetencyRow {
            competency_id: name.to_lowercase(),
            level_id: String::new(),
            name: name.to_owned(),
            level: String::new(),
            self_mean: Some(4.0),
            others_mean: Some(3.0),
            others_n: 6,
            others_sd: None,
            gap: Some(-1.0),
            groups,
            pooled: None,
            category_id: None,
            category: None,
            lines: vec![],
        }
    }

    fn response(label: &str) -> GroupResponse {
        GroupResponse {
            group_id: label.to_lowercase(),
            label_nl: label.to_owned(),
            label_en: label.to_owned(),
            invited: Some(5),
            responded: Some(5),
            text_nl: String::new(),
            text_en: String::new(),
        }
    }

    #[test]
    fn a_column_per_shown_group_in_the_scans_order_and_left_out_cells_marked() {
        let rows = vec![
            row("Samenwerken", vec![figure("Medewerkers", 3.5)]),
            row(
                "Integriteit",
                vec![figure("Medewerkers", 4.0), figure("Collega's", 3.0)],
            ),
        ];
        let progress = [
            response("Zelf"),
            response("Collega's"),
            response("Medewerkers"),
        ];
        let columns = group_columns(&rows, &progress);
        let labels: Vec<&str> = columns.iter().map(|c| c.label_nl.as_str()).collect();
        assert_eq!(labels, ["Collega's", "Medewerkers"]);
        assert_eq!(columns[0].label_en, "Collega's (en)");
        assert_eq!(group_cell(&rows[0], &columns[0]), GroupCell::LeftOut);
        assert_eq!(
            group_cell(&rows[0], &columns[1]),
            GroupCell::Shown {
                mean: Some(3.5),
                identifiable: false
            }
        );
        assert!(any_left_out(&rows, &columns));
        assert!(!any_left_out(&rows[1..], &columns));
        assert!(!has_pooled(&rows));
    }

    #[test]
    fn a_row_without_the_pooled_line_is_left_out_when_another_has_it() {
        let mut pooled = row("Samenwerken", vec![]);
        pooled.pooled = Some((3, Some(3.0)));
        let rows = vec![pooled, row("Integriteit", vec![])];
        assert!(has_pooled(&rows));
        assert!(any_left_out(&rows, &[]));
        assert!(!any_left_out(&rows[..1], &[]));
    }
}

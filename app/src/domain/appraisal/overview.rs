//! HR's overview of cycles (issue 22): counts only, and final qualifications only where a
//! department's cell cannot name one person's qualification to a reader who is not entitled to
//! it (the manager and the employee are; HR reading the overview is not).

use std::collections::BTreeMap;

use super::qualification::Qualification;

/// The fewest final assessments a department needs before its qualifications are counted.
pub const MIN_CELL: usize = 5;

/// The counts per label of one department's final qualifications, or `None` when showing them
/// would tell a reader someone's qualification: fewer than [`MIN_CELL`] final assessments (a
/// reader who knows the team can guess who is who), or all of them the same label (then each
/// person's qualification is known, however many there are).
pub fn qualification_cells(
    finals: &[Qualification],
    min_cell: usize,
) -> Option<Vec<(Qualification, usize)>> {
    if finals.len() < min_cell.max(2) {
        return None;
    }
    let mut counts: BTreeMap<Qualification, usize> = BTreeMap::new();
    for q in finals {
        *counts.entry(*q).or_default() += 1;
    }
    if counts.len() == 1 {
        return None;
    }
    Some(
        Qualification::ALL
            .iter()
            .map(|q| (*q, counts.get(q).copied().unwrap_or(0)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use Qualification::*;

    #[test]
    fn a_small_department_shows_no_qualifications() {
        assert_eq!(
            qualification_cells(&[Goed, Normaal, Normaal, Uitstekend], MIN_CELL),
            None
        );
    }

    #[test]
    fn a_department_where_everybody_has_the_same_label_shows_none() {
        assert_eq!(qualification_cells(&[Goed; 8], MIN_CELL), None);
    }

    #[test]
    fn a_mixed_department_of_five_shows_every_label_with_zeroes() {
        let cells =
            qualification_cells(&[Goed, Normaal, Normaal, Goed, Uitstekend], MIN_CELL).unwrap();
        assert_eq!(cells.len(), 5);
        assert_eq!(cells.iter().map(|(_, n)| n).sum::<usize>(), 5);
        assert_eq!(cells[2], (Normaal, 2));
        assert_eq!(cells[0], (Onvoldoende, 0));
    }

    #[test]
    fn a_minimum_below_two_is_still_two() {
        assert_eq!(qualification_cells(&[Goed], 0), None);
    }
}

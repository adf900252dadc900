//! From a scan's questionnaire and its stored answers to the scoring engine's input: the item
//! structure (competency → level → statements), the scan's anonymity settings, and one scoring
//! response per submitted response. Pure; the report service feeds it from storage.

use std::collections::BTreeMap;

use super::{Answer, Answers, Questionnaire};
use crate::domain::rating::{Rating, Score};
use crate::domain::scan::ValidScan;
use crate::domain::scoring::{ItemStructure, Response, ScanConfig, ScoringError};

/// The level id used for frameworks without levels.
pub const NO_LEVEL: &str = "-";

/// Everything `build_report` needs.
#[derive(Debug, Clone)]
pub struct ScoringInput {
    pub config: ScanConfig,
    pub items: ItemStructure,
    pub responses: Vec<Response>,
}

/// One submitted response as stored: its random id, its group and its answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Submitted {
    pub id: String,
    pub group: String,
    pub answers: Answers,
}

/// The scan's anonymity settings as the scoring engine needs them.
pub fn scan_config(scan: &ValidScan) -> Result<ScanConfig, ScoringError> {
    let self_group = scan
        .self_group()
        .map(|g| g.id.clone())
        .unwrap_or_else(|| crate::domain::scan::SELF_GROUP_ID.to_owned());
    Ok(ScanConfig::new(self_group)
        .with_min_group_size(scan.k)?
        .with_identifiable_groups(
            scan.groups
                .iter()
                .filter(|g| g.identifiable && !g.is_self)
                .map(|g| g.id.clone()),
        ))
}

/// Builds the scoring input. Answers to statements the questionnaire does not ask are ignored
/// (the questions of an open scan are fixed, so this only guards against a corrupted row); the
/// comments travel with their response.
pub fn scoring_input(
    questionnaire: &Questionnaire,
    scan: &ValidScan,
    responses: &[Submitted],
) -> Result<ScoringInput, ScoringError> {
    let mut tree: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for section in &questionnaire.sections {
        for item in &section.items {
            tree.entry(section.competency_id.clone())
                .or_default()
                .entry(item.level_id.clone().unwrap_or_else(|| NO_LEVEL.to_owned()))
                .or_default()
                .push(item.key.clone());
        }
    }
    let items = ItemStructure::new(tree)?;
    let known: std::collections::HashSet<&str> = questionnaire.keys().collect();
    let config = scan_config(scan)?;
    let responses = responses
        .iter()
        .map(|submitted| {
            let mut response = Response::new(
                submitted.id.clone(),
                submitted.group.clone(),
                submitted
                    .answers
                    .ratings
                    .iter()
                    .filter(|(key, _)| known.contains(key.as_str()))
                    .filter_map(|(key, answer)| {
                        let rating = match answer {
                            Answer::Rating(n) => Rating::Score(Score::new(i64::from(*n)).ok()?),
                            Answer::CannotJudge => Rating::CannotJudge,
                        };
                        Some((key.clone(), rating))
                    }),
            );
            response.comments = submitted.answers.comments.clone();
            response
        })
        .collect();
    Ok(ScoringInput {
        config,
        items,
        responses,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::builtin;
    use crate::domain::questionnaire::build;
    use crate::domain::scan::example::maastricht_example;
    use crate::domain::scan::{ScanDraft, validate_scan};
    use crate::domain::scoring::build_report;

    fn scan() -> (Questionnaire, ValidScan) {
        let fw = builtin()
            .into_iter()
            .find(|f| f.id == "maastricht-2014")
            .unwrap();
        let draft = ScanDraft {
            subject_name: "Piet".into(),
            ..maastricht_example(&fw, 1_900_000_000)
        };
        let scan = validate_scan(&draft, &fw, 1_800_000_000).unwrap();
        (build(&fw, &scan, false), scan)
    }

    fn submitted(id: usize, group: &str, answers: Answers) -> Submitted {
        Submitted {
            id: format!("r{id}"),
            group: group.to_owned(),
            answers,
        }
    }

    fn answers(q: &Questionnaire, rating: u8) -> Answers {
        let mut a = Answers::default();
        for key in q.keys() {
            a.ratings.insert(key.to_owned(), Answer::Rating(rating));
        }
        a
    }

    #[test]
    fn stored_answers_become_a_report_with_the_anonymity_rules_applied() {
        let (q, scan) = scan();
        let mut responses = vec![submitted(0, "self", answers(&q, 5))];
        // Three colleagues (shown), two staff (hidden: below k and alone cannot be pooled).
        for r in [4, 3, 2] {
            responses.push(submitted(r.into(), "colleagues", answers(&q, r)));
        }
        for i in [5, 6] {
            responses.push(submitted(i, "staff", answers(&q, 1)));
        }
        let input = scoring_input(&q, &scan, &responses).unwrap();
        let report = build_report(&input.config, &input.items, &input.responses).unwrap();
        assert_eq!(report.competencies.len(), q.sections.len());
        let first = &report.competencies[0].figures;
        assert_eq!(first.self_line.as_ref().unwrap().mean, Some(5.0));
        let groups: Vec<&str> = first.groups.iter().map(|g| g.group.as_str()).collect();
        assert_eq!(groups, ["colleagues"], "staff (2 < k) is not shown");
        // Others are the shown groups only: the hidden staff cannot be recovered by subtraction.
        assert_eq!(first.others.as_ref().unwrap().n, 3);
        assert_eq!(first.others.as_ref().unwrap().mean, Some(3.0));
        assert_eq!(first.gap, Some(-2.0));
    }

    #[test]
    fn cannot_judge_and_unknown_statements() {
        let (q, scan) = scan();
        let mut a = answers(&q, 4);
        let first_key = q.sections[0].items[0].key.clone();
        a.ratings.insert(first_key.clone(), Answer::CannotJudge);
        a.ratings.insert("verzonnen:-:0".into(), Answer::Rating(1));
        let input = scoring_input(&q, &scan, &[submitted(1, "colleagues", a)]).unwrap();
        let ratings = &input.responses[0].ratings;
        assert_eq!(ratings[&first_key], Rating::CannotJudge);
        assert!(!ratings.contains_key("verzonnen:-:0"));
        assert_eq!(input.config.min_group_size(), 3);
        assert!(input.config.is_exempt("manager"), "identifiable by default");
    }
}

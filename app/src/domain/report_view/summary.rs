//! The report's answer in a few sentences, read before any figure: which competencies are blind
//! spots, hidden strengths, acknowledged strengths and development points (the self–other
//! agreement categories of `domain::scoring::agreement`), and the response it rests on.
//!
//! Only the scan's own level counts: the next level, when asked, shows growth and is not judged
//! (as in `guide`). Competencies keep the report's order (largest shortfall of others below self
//! first), so the most pressing blind spot comes first.

use serde::{Deserialize, Serialize};

use crate::domain::language::Language;
use crate::domain::scoring::AgreementCategory;

use super::category::category_of;
use super::guide::own_level;
use super::{CompetencyRow, GroupResponse};

/// What a summary sentence is about; the sentences come in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SummaryKind {
    /// Self clearly higher than others, others below expectations.
    BlindSpots,
    /// Self clearly lower than others, others at or above expectations.
    HiddenStrengths,
    /// Self and others agree, at or above expectations.
    Strengths,
    /// Others below expectations, self agreeing or lower still.
    DevelopmentPoints,
    /// Self clearly higher than others, others still at or above expectations.
    RatedHigherBySelf,
}

impl SummaryKind {
    const ORDER: [SummaryKind; 5] = [
        SummaryKind::BlindSpots,
        SummaryKind::HiddenStrengths,
        SummaryKind::Strengths,
        SummaryKind::DevelopmentPoints,
        SummaryKind::RatedHigherBySelf,
    ];

    fn of(category: AgreementCategory) -> SummaryKind {
        match category {
            AgreementCategory::OverEstimationBelowStandard => SummaryKind::BlindSpots,
            AgreementCategory::UnderEstimationAtStandard => SummaryKind::HiddenStrengths,
            AgreementCategory::AgreementAtStandard => SummaryKind::Strengths,
            AgreementCategory::AgreementBelowStandard
            | AgreementCategory::UnderEstimationBelowStandard => SummaryKind::DevelopmentPoints,
            AgreementCategory::OverEstimationAtStandard => SummaryKind::RatedHigherBySelf,
        }
    }

    /// The sentence's opening words (singular, plural) and what they mean.
    fn words(self, language: Language) -> (&'static str, &'static str, &'static str) {
        match (self, language) {
            (SummaryKind::BlindSpots, Language::Nl) => (
                "Blinde vlek",
                "Blinde vlekken",
                "zelfbeeld duidelijk hoger dan dat van anderen, die het gedrag onder de verwachting zien",
            ),
            (SummaryKind::BlindSpots, Language::En) => (
                "Blind spot",
                "Blind spots",
                "self-view clearly higher than the others', who see the behaviour below expectations",
            ),
            (SummaryKind::HiddenStrengths, Language::Nl) => (
                "Verborgen sterkte",
                "Verborgen sterktes",
                "anderen zien het gedrag duidelijk positiever dan de betrokkene zelf",
            ),
            (SummaryKind::HiddenStrengths, Language::En) => (
                "Hidden strength",
                "Hidden strengths",
                "others see the behaviour clearly more positively than the subject does",
            ),
            (SummaryKind::Strengths, Language::Nl) => (
                "Erkende sterkte",
                "Erkende sterktes",
                "zelf en anderen zijn het eens, op of boven de verwachting",
            ),
            (SummaryKind::Strengths, Language::En) => (
                "Acknowledged strength",
                "Acknowledged strengths",
                "self and others agree, at or above expectations",
            ),
            (SummaryKind::DevelopmentPoints, Language::Nl) => (
                "Ontwikkelpunt",
                "Ontwikkelpunten",
                "anderen zien het gedrag onder de verwachting, en de betrokkene ook",
            ),
            (SummaryKind::DevelopmentPoints, Language::En) => (
                "Development point",
                "Development points",
                "others see the behaviour below expectations, and so does the subject",
            ),
            (SummaryKind::RatedHigherBySelf, Language::Nl) => (
                "Zelfbeeld hoger, wel op niveau",
                "Zelfbeeld hoger, wel op niveau",
                "de betrokkene scoort zichzelf duidelijk hoger dan anderen, die het gedrag wel als normaal of beter zien",
            ),
            (SummaryKind::RatedHigherBySelf, Language::En) => (
                "Self-view higher, meets expectations",
                "Self-view higher, meets expectations",
                "the subject rates themselves clearly higher than the others do, who still see the behaviour as meeting expectations or better",
            ),
        }
    }
}

/// One sentence of the summary: the competencies of one kind, by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SummaryLine {
    pub kind: SummaryKind,
    pub competencies: Vec<String>,
    pub text_nl: String,
    pub text_en: String,
}

/// The summary in words, in both languages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Summary {
    /// How many competencies were compared, and at which level (or that none could be).
    pub lead_nl: String,
    pub lead_en: String,
    /// Only kinds with at least one competency, in [`SummaryKind`]'s order.
    pub lines: Vec<SummaryLine>,
    /// The response of the groups whose counts readers may see; empty when there are none.
    pub response_nl: String,
    pub response_en: String,
}

/// `A`, `A en B`, `A, B en C` (English: `and`, no comma before it).
pub fn join_names(names: &[String], language: Language) -> String {
    let and = language.pick(" en ", " and ");
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{and}{last}", init.join(", ")),
    }
}

fn sentence(kind: SummaryKind, names: &[String], language: Language) -> String {
    let (one, many, meaning) = kind.words(language);
    let label = if names.len() == 1 { one } else { many };
    format!("{label} ({meaning}): {}.", join_names(names, language))
}

fn lead(compared: usize, level: (&str, &str), language: Language) -> String {
    let level = language.pick(level.0, level.1);
    let at = if level.is_empty() {
        String::new()
    } else {
        language.pick(" op ", " at ").to_owned() + level
    };
    match (compared, language) {
        (0, Language::Nl) => "Geen enkele competentie heeft zowel een zelfbeoordeling als getoonde antwoorden van anderen: een vergelijking is niet te maken.".to_owned(),
        (0, Language::En) => "No competency has both a self-rating and answers of others that may be shown: there is nothing to compare.".to_owned(),
        (1, Language::Nl) => format!("Zelfbeeld en beeld van anderen vergeleken op 1 competentie{at}."),
        (1, Language::En) => format!("Self-view and others' view compared on 1 competency{at}."),
        (n, Language::Nl) => format!("Zelfbeeld en beeld van anderen vergeleken op {n} competenties{at}."),
        (n, Language::En) => format!("Self-view and others' view compared on {n} competencies{at}."),
    }
}

fn response(progress: &[GroupResponse], language: Language) -> String {
    let groups: Vec<String> = progress
        .iter()
        .filter(|g| g.invited.is_some())
        .map(|g| {
            format!(
                "{} {}",
                language.pick(&g.label_nl, &g.label_en),
                language.pick(&g.text_nl, &g.text_en)
            )
        })
        .collect();
    if groups.is_empty() {
        return String::new();
    }
    format!(
        "{}: {}.",
        language.pick("Respons", "Response"),
        join_names(&groups, language)
    )
}

/// The summary of `rows` at `level_id` (all rows when `None`); `level` names that level for the
/// lead sentence (empty for frameworks without levels). `progress` gives the response: only
/// groups whose counts readers may see (at least k invitations) are named.
pub fn summarise(
    rows: &[CompetencyRow],
    level_id: Option<&str>,
    level: (&str, &str),
    progress: &[GroupResponse],
) -> Summary {
    let classified: Vec<(SummaryKind, &CompetencyRow)> = own_level(rows, level_id)
        .into_iter()
        .filter_map(|row| {
            let category = row.category_id.as_deref().and_then(category_of)?;
            Some((SummaryKind::of(category), row))
        })
        .collect();
    let lines = SummaryKind::ORDER
        .into_iter()
        .filter_map(|kind| {
            let names: Vec<String> = classified
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, row)| row.name.clone())
                .collect();
            (!names.is_empty()).then(|| SummaryLine {
                kind,
                text_nl: sentence(kind, &names, Language::Nl),
                text_en: sentence(kind, &names, Language::En),
                competencies: names,
            })
        })
        .collect();
    Summary {
        lead_nl: lead(classified.len(), level, Language::Nl),
        lead_en: lead(classified.len(), level, Language::En),
        lines,
        response_nl: response(progress, Language::Nl),
        response_en: response(progress, Language::En),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, level: &str, category: Option<AgreementCategory>) -> CompetencyRow {
        CompetencyRow {
            competency_id: name.to_lowercase(),
            level_id: level.to_owned(),
            name: name.to_owned(),
            level: level.to_owned(),
            self_mean: None,
            others_mean: None,
            others_n: 0,
            others_sd: None,
            gap: None,
            groups: vec![],
            pooled: None,
            category_id: category.map(|c| c.id().to_owned()),
            category: None,
            lines: vec![],
        }
    }

    fn group(label: &str, invited: Option<usize>, text: &str) -> GroupResponse {
        GroupResponse {
            group_id: label.to_lowercase(),
            label_nl: label.to_owned(),
            label_en: format!("{label} (en)"),
            invited,
            responded: invited.map(|_| 4),
            text_nl: text.to_owned(),
            text_en: text.replace("van", "of"),
        }
    }

    fn names(strings: &[&str]) -> Vec<String> {
        strings.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn names_are_joined_as_a_reader_writes_them() {
        assert_eq!(join_names(&[], Language::Nl), "");
        assert_eq!(join_names(&names(&["A"]), Language::Nl), "A");
        assert_eq!(join_names(&names(&["A", "B"]), Language::Nl), "A en B");
        assert_eq!(
            join_names(&names(&["A", "B", "C"]), Language::Nl),
            "A, B en C"
        );
        assert_eq!(
            join_names(&names(&["A", "B", "C"]), Language::En),
            "A, B and C"
        );
    }

    #[test]
    fn every_category_lands_in_its_sentence_in_report_order() {
        use AgreementCategory as C;
        let rows = vec![
            row("Samenwerken", "8", Some(C::OverEstimationBelowStandard)),
            row("Integriteit", "8", Some(C::OverEstimationBelowStandard)),
            row("Klantgericht", "8", Some(C::UnderEstimationAtStandard)),
            row("Plannen", "8", Some(C::AgreementAtStandard)),
            row("Analyseren", "8", Some(C::AgreementBelowStandard)),
            row("Delegeren", "8", Some(C::UnderEstimationBelowStandard)),
            row("Overtuigen", "8", Some(C::OverEstimationAtStandard)),
            row("Zonder zelf", "8", None),
        ];
        let progress = [group("Collega's", Some(5), "5 van 5")];
        let summary = summarise(&rows, Some("8"), ("Schaal 8–10", "Scale 8–10"), &progress);
        let kinds: Vec<SummaryKind> = summary.lines.iter().map(|l| l.kind).collect();
        assert_eq!(kinds, SummaryKind::ORDER);
        assert_eq!(
            summary.lines[0].competencies,
            names(&["Samenwerken", "Integriteit"])
        );
        assert_eq!(
            summary.lines[0].text_nl,
            "Blinde vlekken (zelfbeeld duidelijk hoger dan dat van anderen, die het gedrag onder de verwachting zien): Samenwerken en Integriteit."
        );
        assert!(
            summary.lines[0]
                .text_en
                .starts_with("Blind spots (self-view")
        );
        assert!(
            summary.lines[1]
                .text_nl
                .starts_with("Verborgen sterkte (anderen"),
            "singular for one"
        );
        assert_eq!(
            summary.lines[3].competencies,
            names(&["Analyseren", "Delegeren"])
        );
        assert_eq!(
            summary.lead_nl,
            "Zelfbeeld en beeld van anderen vergeleken op 7 competenties op Schaal 8–10."
        );
        assert_eq!(
            summary.lead_en,
            "Self-view and others' view compared on 7 competencies at Scale 8–10."
        );
    }

    #[test]
    fn only_the_scans_own_level_is_judged() {
        let rows = vec![
            row(
                "Samenwerken",
                "8",
                Some(AgreementCategory::AgreementAtStandard),
            ),
            row(
                "Samenwerken",
                "11",
                Some(AgreementCategory::OverEstimationBelowStandard),
            ),
        ];
        let summary = summarise(&rows, Some("8"), ("Schaal 8–10", "Scale 8–10"), &[]);
        assert_eq!(summary.lines.len(), 1);
        assert_eq!(summary.lines[0].kind, SummaryKind::Strengths);
        assert!(
            summary.lead_nl.contains("op 1 competentie op"),
            "{}",
            summary.lead_nl
        );
        // Without levels every row counts, and the lead names no level.
        let summary = summarise(&rows, None, ("", ""), &[]);
        assert_eq!(summary.lines.len(), 2);
        assert_eq!(
            summary.lead_nl,
            "Zelfbeeld en beeld van anderen vergeleken op 2 competenties."
        );
    }

    #[test]
    fn nothing_to_compare_is_said_in_words() {
        let summary = summarise(&[row("Samenwerken", "", None)], None, ("", ""), &[]);
        assert!(summary.lines.is_empty());
        assert!(summary.lead_nl.starts_with("Geen enkele competentie"));
        assert!(summary.lead_en.starts_with("No competency"));
        assert_eq!(summary.response_nl, "");
    }

    #[test]
    fn the_response_names_only_groups_whose_counts_may_be_seen() {
        let progress = [
            group("Zelf", None, "minder dan 3 uitgenodigd"),
            group("Collega's", Some(5), "5 van 5"),
            group("Medewerkers", Some(5), "4 van 5"),
        ];
        let summary = summarise(&[], None, ("", ""), &progress);
        assert_eq!(
            summary.response_nl,
            "Respons: Collega's 5 van 5 en Medewerkers 4 van 5."
        );
        assert_eq!(
            summary.response_en,
            "Response: Collega's (en) 5 of 5 and Medewerkers (en) 4 of 5."
        );
    }
}

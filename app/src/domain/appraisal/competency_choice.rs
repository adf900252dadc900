//! The competencies a cycle's development agreements are made on (seed 004 art. 3 lid 2–3): the
//! employee's profile from the competency guide, read at the level of the job's salary scale,
//! with the manager's choices, checked by the count rule of [`super::development_agreements`].
//!
//! Pure: the framework is handed in. A posted choice is turned into a [`ChosenCompetencies`]
//! or into every problem at once, each under the form field it came from.

use serde::{Deserialize, Serialize};

use super::command::FieldProblem;
use super::development_agreements::{
    CompetencySource, ProfileKind, SelectedCompetency, SelectionError, check_selection,
};
use crate::domain::catalog::{Framework, Level, Profile};

/// The framework whose profiles the cycle uses: Maastricht's competency guide (seed 004).
pub const CYCLE_FRAMEWORK_ID: &str = "maastricht-2014";
/// The salary scales of the CAR-UWO's general table.
pub const SCALES: std::ops::RangeInclusive<u8> = 1..=18;

/// The manager's choice as posted: a profile, the job's scale and, where the profile leaves
/// them open, the job-specific competencies (Vakspecialist) and the ones of their own choice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PostedChoice<'a> {
    pub profile_id: &'a str,
    pub scale: &'a str,
    pub specific: &'a [String],
    pub own_choice: &'a [String],
}

/// One chosen competency and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenCompetency {
    pub id: String,
    /// "core", "specific" or "choice".
    pub source: String,
}

/// A choice that keeps the count rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChosenCompetencies {
    pub profile_id: String,
    pub scale: u8,
    pub level_id: String,
    pub competencies: Vec<ChosenCompetency>,
}

/// The code stored for a source.
pub fn source_code(source: CompetencySource) -> &'static str {
    match source {
        CompetencySource::Core => "core",
        CompetencySource::Specific => "specific",
        CompetencySource::ManagerChoice => "choice",
    }
}

/// The kind of a catalog profile (management: fixed; Vakspecialist: no specific ones listed).
pub fn profile_kind(profile: &Profile) -> ProfileKind {
    ProfileKind::from_profile_shape(profile.specific.len(), profile.fixed)
}

/// The framework's level for a salary scale: levels are named by their scale range ("8-10").
pub fn level_for_scale(framework: &Framework, scale: u8) -> Option<&Level> {
    framework.levels.iter().find(|level| {
        let mut bounds = level.id.split('-').map(|part| part.trim().parse::<u8>());
        match (bounds.next(), bounds.next(), bounds.next()) {
            (Some(Ok(low)), Some(Ok(high)), None) => (low..=high).contains(&scale),
            (Some(Ok(only)), None, None) => only == scale,
            _ => false,
        }
    })
}

fn problem(field: &str, nl: impl Into<String>, en: impl Into<String>) -> FieldProblem {
    FieldProblem {
        field: field.into(),
        nl: nl.into(),
        en: en.into(),
    }
}

/// Checks a posted choice against `framework`; answers the selection or every problem.
pub fn choose(
    framework: &Framework,
    posted: &PostedChoice<'_>,
) -> Result<ChosenCompetencies, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let profile = framework.profile(posted.profile_id.trim());
    if profile.is_none() {
        problems.push(problem(
            "profile_id",
            "Kies het competentieprofiel van de functie.",
            "Choose the job's competency profile.",
        ));
    }
    let scale = posted
        .scale
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|s| SCALES.contains(s));
    let level = scale.and_then(|s| level_for_scale(framework, s));
    if level.is_none() {
        let covered = framework
            .levels
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        problems.push(problem(
            "scale",
            format!(
                "Vul de salarisschaal van de functie in; de competentiegids beschrijft de schalen {covered}."
            ),
            format!("Enter the job's salary scale; the competency guide describes scales {covered}."),
        ));
    }
    let core_cluster = framework
        .profile_rules
        .as_ref()
        .map(|r| r.core_cluster.as_str())
        .unwrap_or("kern");
    let mut unknown = |field: &str, ids: &[String]| {
        for id in ids.iter().map(|id| id.trim()).filter(|id| !id.is_empty()) {
            match framework.competency(id) {
                None => problems.push(problem(
                    field,
                    format!("De competentiegids kent geen competentie {id:?}."),
                    format!("The competency guide has no competency {id:?}."),
                )),
                Some(c) if c.cluster == core_cluster => problems.push(problem(
                    field,
                    format!(
                        "{} is een kerncompetentie; die horen al bij elk profiel.",
                        c.name
                    ),
                    format!(
                        "{} is a core competency; every profile already holds it.",
                        c.name
                    ),
                )),
                Some(_) => {}
            }
        }
    };
    unknown("specific", posted.specific);
    unknown("own_choice", posted.own_choice);
    let (Some(profile), Some(scale), Some(level)) = (profile, scale, level) else {
        return Err(problems);
    };
    let kind = profile_kind(profile);
    let posted_specific: Vec<&str> = posted
        .specific
        .iter()
        .map(|id| id.trim())
        .filter(|id| !id.is_empty())
        .collect();
    let specific: Vec<&str> = match kind {
        ProfileKind::Vakspecialist => posted_specific,
        ProfileKind::Ordinary | ProfileKind::Management => {
            if !posted_specific.is_empty()
                && !same_set(
                    &posted_specific,
                    profile.specific.iter().map(String::as_str),
                )
            {
                problems.push(problem(
                    "specific",
                    format!(
                        "Het profiel {} legt de functiespecifieke competenties vast; alleen bij de Vakspecialist kiest u ze zelf (art. 3 lid 3).",
                        profile.name
                    ),
                    format!(
                        "The profile {} fixes the job-specific competencies; only for the Vakspecialist do you choose them (art. 3(3)).",
                        profile.name
                    ),
                ));
            }
            profile.specific.iter().map(String::as_str).collect()
        }
    };
    let selection: Vec<SelectedCompetency<'_>> = profile
        .core
        .iter()
        .map(|id| SelectedCompetency {
            id: id.as_str(),
            source: CompetencySource::Core,
        })
        .chain(specific.iter().map(|id| SelectedCompetency {
            id,
            source: CompetencySource::Specific,
        }))
        .chain(
            posted
                .own_choice
                .iter()
                .map(|id| id.trim())
                .filter(|id| !id.is_empty())
                .map(|id| SelectedCompetency {
                    id,
                    source: CompetencySource::ManagerChoice,
                }),
        )
        .collect();
    if let Err(errors) = check_selection(kind, &selection) {
        problems.extend(errors.iter().map(|e| selection_problem(framework, kind, e)));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ChosenCompetencies {
        profile_id: profile.id.clone(),
        scale,
        level_id: level.id.clone(),
        competencies: selection
            .iter()
            .map(|s| ChosenCompetency {
                id: s.id.to_string(),
                source: source_code(s.source).into(),
            })
            .collect(),
    })
}

fn same_set<'a>(posted: &[&str], fixed: impl Iterator<Item = &'a str>) -> bool {
    let mut a: Vec<&str> = posted.to_vec();
    let mut b: Vec<&str> = fixed.collect();
    a.sort_unstable();
    a.dedup();
    b.sort_unstable();
    a == b
}

fn selection_problem(
    framework: &Framework,
    kind: ProfileKind,
    error: &SelectionError,
) -> FieldProblem {
    match error {
        SelectionError::CoreCount { expected, found } => problem(
            "profile_id",
            format!(
                "Een profiel heeft {expected} kerncompetenties, dit profiel {found} (art. 3 lid 2)."
            ),
            error.to_string(),
        ),
        SelectionError::SpecificCount { expected, found } => problem(
            "specific",
            if kind == ProfileKind::Vakspecialist {
                format!(
                    "Kies voor de Vakspecialist {expected} functiespecifieke competenties, niet {found} (art. 3 lid 3)."
                )
            } else {
                format!(
                    "Dit profiel heeft {found} functiespecifieke competenties; vereist zijn er {expected} (art. 3 lid 2)."
                )
            },
            error.to_string(),
        ),
        SelectionError::TooManyManagerChoices { max: 0, .. } => problem(
            "own_choice",
            "Bij een sturende functie liggen alle negen competenties vast; u voegt er geen toe (toelichting art. 3 lid 2).",
            "A management profile fixes all nine competencies; you add none (explanation to art. 3(2)).",
        ),
        SelectionError::TooManyManagerChoices { max, found } => problem(
            "own_choice",
            format!(
                "U voegt ten hoogste {max} competenties naar keuze toe, niet {found} (art. 3 lid 2)."
            ),
            error.to_string(),
        ),
        SelectionError::TooMany { found } => problem(
            "own_choice",
            format!("Ten hoogste negen competenties in totaal, niet {found}."),
            error.to_string(),
        ),
        SelectionError::Duplicate(id) => {
            let name = framework
                .competency(id)
                .map(|c| c.name.as_str())
                .unwrap_or(id);
            problem(
                "own_choice",
                format!("{name} staat er al in; elke competentie telt één keer."),
                format!("{name} is already in the selection; each competency counts once."),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::builtin;

    fn maastricht() -> Framework {
        builtin()
            .into_iter()
            .find(|f| f.id == CYCLE_FRAMEWORK_ID)
            .expect("the Maastricht guide ships")
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn post<'a>(
        profile_id: &'a str,
        scale: &'a str,
        specific: &'a [String],
        own_choice: &'a [String],
    ) -> PostedChoice<'a> {
        PostedChoice {
            profile_id,
            scale,
            specific,
            own_choice,
        }
    }

    fn fields(problems: &[FieldProblem]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn article_3_2_level_of_the_salary_scale() {
        let f = maastricht();
        assert_eq!(level_for_scale(&f, 3).unwrap().id, "3-7");
        assert_eq!(level_for_scale(&f, 7).unwrap().id, "3-7");
        assert_eq!(level_for_scale(&f, 8).unwrap().id, "8-10");
        assert_eq!(level_for_scale(&f, 10).unwrap().id, "8-10");
        assert_eq!(level_for_scale(&f, 11).unwrap().id, "11-18");
        assert_eq!(level_for_scale(&f, 18).unwrap().id, "11-18");
        assert!(
            level_for_scale(&f, 2).is_none(),
            "the guide starts at scale 3"
        );
    }

    #[test]
    fn article_3_2_ordinary_profile_takes_its_core_and_specific_and_up_to_two_choices() {
        let f = maastricht();
        let choice = ids(&["luisteren"]);
        let chosen = choose(&f, &post("adviseur", "9", &[], &choice)).unwrap();
        assert_eq!(chosen.level_id, "8-10");
        let got: Vec<(&str, &str)> = chosen
            .competencies
            .iter()
            .map(|c| (c.id.as_str(), c.source.as_str()))
            .collect();
        assert_eq!(
            &got[..3],
            &[
                ("samenwerken", "core"),
                ("klantgericht-werken", "core"),
                ("integriteit", "core")
            ]
        );
        assert_eq!(got.iter().filter(|(_, s)| *s == "specific").count(), 4);
        assert_eq!(&got[7..], &[("luisteren", "choice")]);
    }

    #[test]
    fn article_3_2_a_choice_already_in_the_profile_is_refused() {
        let f = maastricht();
        let choice = ids(&["analyseren"]);
        let problems = choose(&f, &post("adviseur", "9", &[], &choice)).unwrap_err();
        assert_eq!(fields(&problems), ["own_choice"]);
        assert!(problems[0].nl.contains("één keer"), "{problems:?}");
    }

    #[test]
    fn article_3_2_at_most_two_of_the_managers_choice() {
        let f = maastricht();
        let three = ids(&["luisteren", "vernieuwen", "initiatief"]);
        let problems = choose(&f, &post("adviseur", "12", &[], &three)).unwrap_err();
        assert!(fields(&problems).contains(&"own_choice"));
        let two = ids(&["luisteren", "vernieuwen"]);
        let chosen = choose(&f, &post("adviseur", "12", &[], &two)).unwrap();
        assert_eq!(chosen.competencies.len(), 9);
        assert_eq!(chosen.level_id, "11-18");
    }

    #[test]
    fn article_3_3_vakspecialist_needs_four_specific_set_by_the_manager() {
        let f = maastricht();
        let problems = choose(&f, &post("vakspecialist", "8", &[], &[])).unwrap_err();
        assert_eq!(fields(&problems), ["specific"]);
        assert!(problems[0].nl.contains("Vakspecialist"));
        let four = ids(&["analyseren", "luisteren", "vernieuwen", "initiatief"]);
        let two = ids(&["presentatie", "onderhandelen"]);
        let chosen = choose(&f, &post("vakspecialist", "8", &four, &two)).unwrap();
        assert_eq!(chosen.competencies.len(), 9);
        assert_eq!(
            chosen
                .competencies
                .iter()
                .filter(|c| c.source == "specific")
                .count(),
            4
        );
    }

    #[test]
    fn article_3_3_only_the_vakspecialist_chooses_specific_ones() {
        let f = maastricht();
        let other = ids(&["analyseren", "luisteren", "vernieuwen", "initiatief"]);
        let problems = choose(&f, &post("beleidsmedewerker", "10", &other, &[])).unwrap_err();
        assert_eq!(fields(&problems), ["specific"]);
        // Posting the profile's own four (a form that sends them back) is no problem.
        let own = f.profile("beleidsmedewerker").unwrap().specific.clone();
        assert!(choose(&f, &post("beleidsmedewerker", "10", &own, &[])).is_ok());
    }

    #[test]
    fn toelichting_article_3_2_management_profiles_take_no_choice() {
        let f = maastricht();
        let teammanager = f.profile("teammanager").unwrap();
        assert_eq!(profile_kind(teammanager), ProfileKind::Management);
        let chosen = choose(&f, &post("teammanager", "11", &[], &[])).unwrap();
        assert_eq!(chosen.competencies.len(), 9);
        let one = ids(&["luisteren"]);
        let problems = choose(&f, &post("teammanager", "11", &[], &one)).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.field == "own_choice" && p.nl.contains("sturende"))
        );
    }

    #[test]
    fn article_3_2_core_competencies_are_not_chosen_again() {
        let f = maastricht();
        let core = ids(&["integriteit"]);
        let problems = choose(&f, &post("adviseur", "9", &[], &core)).unwrap_err();
        assert!(problems.iter().all(|p| p.field == "own_choice"));
        assert!(problems[0].nl.contains("kerncompetentie"), "{problems:?}");
    }

    #[test]
    fn unknown_profile_scale_and_competency_are_refused_together() {
        let f = maastricht();
        let bogus = ids(&["toveren"]);
        let problems = choose(&f, &post("astronaut", "19", &[], &bogus)).unwrap_err();
        assert_eq!(fields(&problems), ["profile_id", "scale", "own_choice"]);
        let problems = choose(&f, &post("adviseur", "twee", &[], &[])).unwrap_err();
        assert_eq!(fields(&problems), ["scale"]);
        assert!(problems[0].nl.contains("3-7"));
    }

    #[test]
    fn every_shipped_profile_can_be_chosen_at_every_scale_of_the_guide() {
        let f = maastricht();
        let four = ids(&["analyseren", "luisteren", "vernieuwen", "initiatief"]);
        for profile in &f.profiles {
            let specific: &[String] = if profile_kind(profile) == ProfileKind::Vakspecialist {
                &four
            } else {
                &[]
            };
            for scale in 3..=18u8 {
                let scale = scale.to_string();
                let chosen = choose(&f, &post(&profile.id, &scale, specific, &[]))
                    .unwrap_or_else(|p| panic!("{}: {p:?}", profile.id));
                assert!(chosen.competencies.len() <= 9);
            }
        }
    }
}

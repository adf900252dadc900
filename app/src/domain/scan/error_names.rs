//! The problems of a scan in the words the organiser saw on the form: the validation names
//! frameworks, profiles, levels and competencies by their ids (`maastricht-2014`,
//! `beleidsmedewerker`, `samenwerken`), which a secretary never typed. Before a problem is
//! shown, every id the framework can name is replaced by its name; an id it does not know
//! (that is what the problem is about) stays as it was typed.

use super::ScanError;
use crate::domain::catalog::Framework;

/// The problem with the framework's names in place of its ids.
pub fn with_names(error: ScanError, framework: &Framework) -> ScanError {
    let framework_name = |id: String| {
        if id == framework.id {
            framework.name.clone()
        } else {
            id
        }
    };
    let competency = |id: String| {
        framework
            .competency(&id)
            .map(|c| c.name.clone())
            .unwrap_or(id)
    };
    let competencies = |ids: Vec<String>| ids.into_iter().map(competency).collect();
    let level = |id: String| {
        framework
            .levels
            .iter()
            .find(|l| l.id == id)
            .map(|l| l.name.clone())
            .unwrap_or(id)
    };
    let profile = |id: String| framework.profile(&id).map(|p| p.name.clone()).unwrap_or(id);
    use ScanError as E;
    match error {
        E::UnknownCompetency { id, framework } => E::UnknownCompetency {
            id,
            framework: framework_name(framework),
        },
        E::DuplicateCompetency { id } => E::DuplicateCompetency { id: competency(id) },
        E::LevelRequired { framework, known } => E::LevelRequired {
            framework: framework_name(framework),
            known: known.into_iter().map(level).collect(),
        },
        E::UnknownLevel { id, known } => E::UnknownLevel {
            id,
            known: known.into_iter().map(level).collect(),
        },
        E::LevelNotApplicable { framework } => E::LevelNotApplicable {
            framework: framework_name(framework),
        },
        E::NoNextLevel { level: id } => E::NoNextLevel { level: level(id) },
        E::UnknownProfile { id, framework } => E::UnknownProfile {
            id,
            framework: framework_name(framework),
        },
        E::ProfileCompetencyMissing {
            profile: p,
            competency: c,
        } => E::ProfileCompetencyMissing {
            profile: profile(p),
            competency: competency(c),
        },
        E::FixedProfileExtras { profile: p, extras } => E::FixedProfileExtras {
            profile: profile(p),
            extras: competencies(extras),
        },
        E::TooManyOwnChoices {
            profile: p,
            allowed,
            found,
            extras,
        } => E::TooManyOwnChoices {
            profile: profile(p),
            allowed,
            found,
            extras: competencies(extras),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scan::test_fixtures::{draft, errors_of, maastricht, strings};

    #[test]
    fn a_missing_profile_competency_is_named_not_identified() {
        let fw = maastricht();
        let profile = fw.profile("adviseur").expect("the draft's profile");
        let required = profile.core[0].clone();
        let mut d = draft();
        d.competency_ids.retain(|c| *c != required);
        let named: Vec<ScanError> = errors_of(&d, &fw)
            .into_iter()
            .map(|e| with_names(e, &fw))
            .collect();
        let missing = named
            .iter()
            .find(|e| matches!(e, ScanError::ProfileCompetencyMissing { .. }))
            .expect("the required competency is missing");
        let text = missing.message_nl();
        let competency_name = &fw.competency(&required).unwrap().name;
        assert!(text.contains(&profile.name), "{text}");
        assert!(text.contains(competency_name.as_str()), "{text}");
        assert!(!text.contains(&format!("{:?}", profile.id)), "{text}");
    }

    #[test]
    fn levels_and_frameworks_are_named_unknown_ids_stay() {
        let fw = maastricht();
        let e = with_names(
            ScanError::UnknownLevel {
                id: "schaal-99".into(),
                known: fw.levels.iter().map(|l| l.id.clone()).collect(),
            },
            &fw,
        );
        let ScanError::UnknownLevel { id, known } = &e else {
            unreachable!()
        };
        assert_eq!(id, "schaal-99");
        assert_eq!(
            known,
            &fw.levels.iter().map(|l| l.name.clone()).collect::<Vec<_>>()
        );
        let e = with_names(
            ScanError::UnknownCompetency {
                id: "vliegen".into(),
                framework: fw.id.clone(),
            },
            &fw,
        );
        assert_eq!(
            e,
            ScanError::UnknownCompetency {
                id: "vliegen".into(),
                framework: fw.name.clone()
            }
        );
        let untouched = ScanError::FixedProfileExtras {
            profile: "onbekend".into(),
            extras: strings(&["x"]),
        };
        assert_eq!(with_names(untouched.clone(), &fw), untouched);
    }
}

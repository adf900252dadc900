use proptest::prelude::*;

use super::*;
use crate::domain::scan::test_fixtures::{NOW, draft, errors_of, framework, maastricht, strings};
use crate::domain::scan::{default_groups, preselect_from_profile};

// ---- a valid scan ---------------------------------------------------------------------------

#[test]
fn valid_scan_is_normalised() {
    let fw = maastricht();
    let mut d = draft();
    // Own choices, given out of framework order.
    d.competency_ids.insert(0, "accuraat-werken".into());
    d.competency_ids.push("motiveren".into());
    d.include_next_level = true;
    let scan = validate_scan(&d, &fw, NOW).unwrap();
    assert_eq!(scan.subject_name, "Piet Jansen");
    assert_eq!(scan.subject_email.as_str(), "piet.jansen@maastricht.nl");
    assert_eq!(scan.levels(), ["8-10", "11-18"]);
    assert_eq!(scan.competency_ids.len(), 9);
    // Framework order: the core cluster first, accuraat-werken (last competency) last.
    assert_eq!(scan.competency_ids[0], "samenwerken");
    assert_eq!(scan.competency_ids.last().unwrap(), "accuraat-werken");
    let positions: Vec<usize> = scan
        .competency_ids
        .iter()
        .map(|id| fw.competencies.iter().position(|c| &c.id == id).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]));
    // Readers listed twice in different case become one.
    assert_eq!(scan.report_readers.len(), 1);
    assert_eq!(scan.self_group().unwrap().id, "self");
    assert_eq!(scan.group("manager").unwrap().label_nl, "Leidinggevende");
    // Storage round trip.
    let json = serde_json::to_string(&scan).unwrap();
    assert_eq!(serde_json::from_str::<ValidScan>(&json).unwrap(), scan);
}

#[test]
fn organiser_may_pick_freely_without_a_profile() {
    let fw = framework("gemeentesecretaris");
    let mut d = draft();
    d.framework_id = fw.id.clone();
    d.framework_version = fw.version;
    d.profile_id = None;
    d.level_id = None;
    d.groups = default_groups(&fw.id);
    d.competency_ids = strings(&["visie", "zelfreflectie"]);
    let scan = validate_scan(&d, &fw, NOW).unwrap();
    assert_eq!(scan.competency_ids, strings(&["zelfreflectie", "visie"]));
    assert!(scan.levels().is_empty());
}

#[test]
fn secretary_profile_takes_all_core_and_a_subset_of_situational() {
    let fw = framework("gemeentesecretaris");
    let mut d = draft();
    d.framework_id = fw.id.clone();
    d.framework_version = fw.version;
    d.profile_id = Some("gemeentesecretaris".into());
    d.level_id = None;
    d.competency_ids = preselect_from_profile(&fw, "gemeentesecretaris");
    d.competency_ids
        .extend(strings(&["visie", "samenwerken", "netwerkvaardigheid"]));
    assert!(validate_scan(&d, &fw, NOW).is_ok());
    // All eight situational ones are allowed too.
    d.competency_ids = fw.competencies.iter().map(|c| c.id.clone()).collect();
    assert!(validate_scan(&d, &fw, NOW).is_ok());
    // Leaving out a core one is not.
    d.competency_ids.retain(|c| c != "zelfreflectie");
    assert_eq!(
        errors_of(&d, &fw),
        [ScanError::ProfileCompetencyMissing {
            profile: "gemeentesecretaris".into(),
            competency: "zelfreflectie".into(),
        }]
    );
}

// ---- every error ----------------------------------------------------------------------------

#[test]
fn subject_name_missing() {
    let mut d = draft();
    d.subject_name = "   ".into();
    assert_eq!(
        errors_of(&d, &maastricht()),
        [ScanError::SubjectNameMissing]
    );
}

#[test]
fn malformed_subject_email() {
    for bad in [
        "",
        "piet",
        "piet@maastricht",
        // `Email::parse` alone accepts these two; invitations need a bare address.
        "Piet <piet@maastricht.nl>",
        "piet@[10.0.0.1]",
    ] {
        let mut d = draft();
        d.subject_email = bad.into();
        assert_eq!(
            errors_of(&d, &maastricht()),
            [ScanError::InvalidSubjectEmail { input: bad.into() }],
            "{bad:?}"
        );
    }
}

#[test]
fn texts_over_their_limit() {
    let fw = maastricht();
    let mut d = draft();
    // Exactly at the limit, counted in characters not bytes, is fine.
    d.introduction = "é".repeat(MAX_INTRODUCTION_CHARS);
    assert!(validate_scan(&d, &fw, NOW).is_ok());
    d.introduction.push('x');
    d.subject_name = "n".repeat(MAX_SHORT_TEXT_CHARS + 1);
    d.subject_job_title = "t".repeat(MAX_SHORT_TEXT_CHARS + 2);
    assert_eq!(
        errors_of(&d, &fw),
        [
            ScanError::TooLong {
                field: TextField::SubjectName,
                max: MAX_SHORT_TEXT_CHARS,
                found: MAX_SHORT_TEXT_CHARS + 1
            },
            ScanError::TooLong {
                field: TextField::JobTitle,
                max: MAX_SHORT_TEXT_CHARS,
                found: MAX_SHORT_TEXT_CHARS + 2
            },
            ScanError::TooLong {
                field: TextField::Introduction,
                max: 4000,
                found: 4001
            },
        ]
    );
}

#[test]
fn framework_mismatch() {
    let fw = maastricht();
    let mut d = draft();
    d.framework_version = fw.version + 1;
    assert_eq!(
        errors_of(&d, &fw),
        [ScanError::FrameworkMismatch {
            requested: "maastricht-2014".into(),
            requested_version: fw.version + 1,
            found: "maastricht-2014".into(),
            found_version: fw.version,
        }]
    );
}

#[test]
fn k_below_two_is_refused_and_two_is_fine() {
    let fw = maastricht();
    for k in [0, 1] {
        let mut d = draft();
        d.k = k;
        assert_eq!(errors_of(&d, &fw), [ScanError::KTooSmall { k, min: 2 }]);
    }
    let mut d = draft();
    d.k = 2;
    assert_eq!(validate_scan(&d, &fw, NOW).unwrap().k, 2);
}

#[test]
fn deadline_must_be_in_the_future() {
    let fw = maastricht();
    for deadline in [NOW - 1, NOW] {
        let mut d = draft();
        d.deadline = deadline;
        assert_eq!(
            errors_of(&d, &fw),
            [ScanError::DeadlineNotInFuture { deadline, now: NOW }]
        );
    }
    let mut d = draft();
    d.deadline = NOW + 1;
    assert!(validate_scan(&d, &fw, NOW).is_ok());
}

#[test]
fn no_competencies() {
    let mut d = draft();
    d.profile_id = None;
    d.competency_ids.clear();
    assert_eq!(errors_of(&d, &maastricht()), [ScanError::NoCompetencies]);
}

#[test]
fn unknown_and_duplicate_competencies() {
    let mut d = draft();
    d.profile_id = None;
    d.competency_ids = strings(&["integriteit", "toveren", "integriteit"]);
    assert_eq!(
        errors_of(&d, &maastricht()),
        [
            ScanError::UnknownCompetency {
                id: "toveren".into(),
                framework: "maastricht-2014".into()
            },
            ScanError::DuplicateCompetency {
                id: "integriteit".into()
            },
        ]
    );
}

#[test]
fn levelled_framework_needs_a_known_level() {
    let fw = maastricht();
    let known = strings(&["3-7", "8-10", "11-18"]);
    let mut d = draft();
    d.level_id = None;
    assert_eq!(
        errors_of(&d, &fw),
        [ScanError::LevelRequired {
            framework: "maastricht-2014".into(),
            known: known.clone()
        }]
    );
    d.level_id = Some("19".into());
    d.include_next_level = true;
    assert_eq!(
        errors_of(&d, &fw),
        [ScanError::UnknownLevel {
            id: "19".into(),
            known
        }]
    );
}

#[test]
fn next_level_must_exist_when_asked() {
    let fw = maastricht();
    let mut d = draft();
    d.level_id = Some("11-18".into());
    assert!(validate_scan(&d, &fw, NOW).is_ok());
    d.include_next_level = true;
    assert_eq!(
        errors_of(&d, &fw),
        [ScanError::NoNextLevel {
            level: "11-18".into()
        }]
    );
}

#[test]
fn unlevelled_framework_takes_no_level() {
    let fw = framework("raadslid");
    let mut base = draft();
    base.framework_id = fw.id.clone();
    base.framework_version = fw.version;
    base.profile_id = None;
    base.groups = default_groups(&fw.id);
    base.competency_ids = strings(&["netwerk"]);
    base.level_id = None;
    assert!(validate_scan(&base, &fw, NOW).is_ok());

    let expected = [ScanError::LevelNotApplicable {
        framework: "raadslid".into(),
    }];
    let mut d = base.clone();
    d.level_id = Some("8-10".into());
    assert_eq!(errors_of(&d, &fw), expected);
    let mut d = base;
    d.include_next_level = true;
    assert_eq!(errors_of(&d, &fw), expected);
}

#[test]
fn unknown_profile() {
    let mut d = draft();
    d.profile_id = Some("astronaut".into());
    assert_eq!(
        errors_of(&d, &maastricht()),
        [ScanError::UnknownProfile {
            id: "astronaut".into(),
            framework: "maastricht-2014".into()
        }]
    );
}

#[test]
fn profile_competencies_cannot_be_left_out() {
    let mut d = draft();
    d.competency_ids
        .retain(|c| c != "integriteit" && c != "analyseren");
    assert_eq!(
        errors_of(&d, &maastricht()),
        [
            ScanError::ProfileCompetencyMissing {
                profile: "adviseur".into(),
                competency: "integriteit".into()
            },
            ScanError::ProfileCompetencyMissing {
                profile: "adviseur".into(),
                competency: "analyseren".into()
            },
        ]
    );
}

#[test]
fn ordinary_profile_allows_two_own_choices() {
    let fw = maastricht();
    let mut d = draft();
    d.competency_ids
        .extend(strings(&["motiveren", "luisteren"]));
    assert!(validate_scan(&d, &fw, NOW).is_ok());
    d.competency_ids.push("vernieuwen".into());
    assert_eq!(
        errors_of(&d, &fw),
        [ScanError::TooManyOwnChoices {
            profile: "adviseur".into(),
            allowed: 2,
            found: 3,
            extras: strings(&["motiveren", "luisteren", "vernieuwen"]),
        }]
    );
}

#[test]
fn fixed_profile_allows_no_extras() {
    let fw = maastricht();
    let mut d = draft();
    d.profile_id = Some("teammanager".into());
    d.competency_ids = preselect_from_profile(&fw, "teammanager");
    assert!(validate_scan(&d, &fw, NOW).is_ok());
    d.competency_ids.push("luisteren".into());
    assert_eq!(
        errors_of(&d, &fw),
        [ScanError::FixedProfileExtras {
            profile: "teammanager".into(),
            extras: strings(&["luisteren"]),
        }]
    );
}

#[test]
fn specialist_profile_has_six_own_choices() {
    let fw = maastricht();
    let mut d = draft();
    d.profile_id = Some("vakspecialist".into());
    d.competency_ids = preselect_from_profile(&fw, "vakspecialist");
    // Core alone is fine ("at most" six own choices).
    assert!(validate_scan(&d, &fw, NOW).is_ok());
    let own = [
        "analyseren",
        "accuraat-werken",
        "luisteren",
        "initiatief",
        "vernieuwen",
        "presentatie",
    ];
    d.competency_ids.extend(strings(&own));
    assert!(validate_scan(&d, &fw, NOW).is_ok());
    d.competency_ids.push("motiveren".into());
    let errors = errors_of(&d, &fw);
    assert!(
        matches!(
            &errors[..],
            [ScanError::TooManyOwnChoices {
                allowed: 6,
                found: 7,
                ..
            }]
        ),
        "{errors:?}"
    );
}

#[test]
fn group_problems() {
    let fw = maastricht();
    let mut d = draft();
    let mut second_self = d.groups[0].clone();
    second_self.id = "zelf-2".into();
    d.groups.push(second_self);
    d.groups.push(d.groups[1].clone());
    d.groups.push(RaterGroup {
        id: "Klanten!".into(),
        label_nl: " ".into(),
        label_en: "Customers".into(),
        identifiable: false,
        is_self: false,
    });
    assert_eq!(
        errors_of(&d, &fw),
        [
            ScanError::DuplicateGroup {
                id: "manager".into()
            },
            ScanError::InvalidGroupId {
                id: "Klanten!".into()
            },
            ScanError::EmptyGroupLabel {
                id: "Klanten!".into()
            },
            ScanError::MultipleSelfGroups {
                ids: strings(&["self", "zelf-2"])
            },
        ]
    );
}

#[test]
fn self_group_is_required() {
    let mut d = draft();
    d.groups.retain(|g| !g.is_self);
    assert_eq!(errors_of(&d, &maastricht()), [ScanError::NoSelfGroup]);
    d.groups.clear();
    assert_eq!(errors_of(&d, &maastricht()), [ScanError::NoSelfGroup]);
}

#[test]
fn malformed_report_reader() {
    let mut d = draft();
    d.report_readers.push("burgemeester@".into());
    d.report_readers.push("   ".into()); // an empty form row is ignored
    assert_eq!(
        errors_of(&d, &maastricht()),
        [ScanError::InvalidReaderEmail {
            input: "burgemeester@".into()
        }]
    );
}

#[test]
fn all_problems_are_reported_at_once() {
    let fw = maastricht();
    let mut d = draft();
    d.subject_name.clear();
    d.subject_email = "nope".into();
    d.k = 1;
    d.deadline = 0;
    d.level_id = None;
    d.competency_ids.push("toveren".into());
    d.groups.remove(0);
    let errors = errors_of(&d, &fw);
    assert_eq!(errors.len(), 7, "{errors:#?}");
    assert!(errors.contains(&ScanError::NoSelfGroup));
    assert!(errors.contains(&ScanError::KTooSmall { k: 1, min: 2 }));
}

// ---- properties -----------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the form sends, validation returns (never panics) and an accepted scan keeps
    /// the product rules.
    #[test]
    fn accepted_scans_keep_the_rules(
        k in 0usize..6,
        deadline_offset in -10i64..10,
        level in prop::option::of(prop::sample::select(vec!["3-7", "8-10", "11-18", "x"])),
        next in any::<bool>(),
        picks in prop::collection::vec(0usize..30, 0..12),
        profile in prop::option::of(0usize..17),
        drop_self in any::<bool>(),
        name in "\\PC{0,10}",
        email in "\\PC{0,20}",
    ) {
        let fw = maastricht();
        let mut d = draft();
        d.k = k;
        d.deadline = NOW + deadline_offset;
        d.level_id = level.map(str::to_owned);
        d.include_next_level = next;
        d.subject_name = name;
        if !email.is_empty() {
            d.subject_email = email;
        }
        d.profile_id = profile.map(|i| {
            fw.profiles.get(i).map_or_else(|| "onbekend".to_owned(), |p| p.id.clone())
        });
        d.competency_ids = picks
            .iter()
            .map(|&i| fw.competencies.get(i).map_or_else(|| "onbekend".to_owned(), |c| c.id.clone()))
            .collect();
        if drop_self {
            d.groups.remove(0);
        }
        match validate_scan(&d, &fw, NOW) {
            Ok(scan) => {
                prop_assert!(scan.k >= MIN_K);
                prop_assert!(scan.deadline > NOW);
                prop_assert!(!scan.competency_ids.is_empty());
                prop_assert!(scan.competency_ids.iter().all(|c| fw.competency(c).is_some()));
                prop_assert_eq!(scan.groups.iter().filter(|g| g.is_self).count(), 1);
                let level = scan.level_id.as_deref().unwrap();
                prop_assert!(fw.levels.iter().any(|l| l.id == level));
                prop_assert_eq!(scan.next_level_id.is_some(), next);
                if let Some(p) = scan.profile_id.as_deref().and_then(|p| fw.profile(p)) {
                    prop_assert!(p.competency_ids().all(|c| scan.competency_ids.iter().any(|s| s == c)));
                    let extras = scan.competency_ids.len() - p.competency_ids().count();
                    prop_assert!(extras <= usize::from(p.own_choice));
                }
            }
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }
}

// ---- reminders and per-person status --------------------------------------------------------

#[test]
fn reminder_days_must_lie_between_one_and_the_maximum() {
    let fw = maastricht();
    for days in [1, 7, MAX_REMINDER_DAYS] {
        let d = ScanDraft {
            reminder_days: Some(days),
            ..draft()
        };
        assert_eq!(
            validate_scan(&d, &fw, NOW).unwrap().reminder_days,
            Some(days)
        );
    }
    for days in [0, MAX_REMINDER_DAYS + 1, u32::MAX] {
        let d = ScanDraft {
            reminder_days: Some(days),
            ..draft()
        };
        assert_eq!(
            errors_of(&d, &fw),
            vec![ScanError::ReminderDaysOutOfRange {
                days,
                max: MAX_REMINDER_DAYS
            }]
        );
    }
    let none = ScanDraft {
        reminder_days: None,
        ..draft()
    };
    assert_eq!(validate_scan(&none, &fw, NOW).unwrap().reminder_days, None);
}

#[test]
fn an_organiser_who_is_the_subject_never_sees_who_responded() {
    let fw = maastricht();
    let scan = validate_scan(
        &ScanDraft {
            person_status: true,
            ..draft()
        },
        &fw,
        NOW,
    )
    .unwrap();
    let subject = Email::parse("piet.jansen@maastricht.nl").unwrap();
    let hr = Email::parse("hr@maastricht.nl").unwrap();
    assert_eq!(
        check_person_status(&scan, &subject),
        Err(ScanError::PersonStatusForSubject)
    );
    assert_eq!(check_person_status(&scan, &hr), Ok(()));
    let counts_only = ValidScan {
        person_status: false,
        ..scan
    };
    assert_eq!(check_person_status(&counts_only, &subject), Ok(()));
}

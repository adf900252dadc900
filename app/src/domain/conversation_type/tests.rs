//! Tests of reading, validating and writing conversation types: one test per refusal, each
//! starting from a valid small type and breaking exactly one rule.

use super::*;

const MINI: &str = r#"
id = "mini"
version = 1
name = "Mini"
name_en = "Mini"
source = "test"
description = "Een klein gesprek."
subject_role = "medewerker"
planner_roles = ["leidinggevende"]
retention_months = 12
subject_may_change = { setting = "mag-wijzigen" }
sample_agenda = ["Terugblik"]

[[roles]]
id = "leidinggevende"
name = "Leidinggevende"
name_en = "Manager"
required = true
signs_off = true

[[roles]]
id = "medewerker"
name = "Medewerker"
name_en = "Employee"
required = true

[[preparation]]
id = "mag-wijzigen"
text = "Mag de medewerker het verslag wijzigen?"
answer = "yes_no"

[[preparation]]
id = "doel"
text = "Wat is het doel?"
answer = "text"

[[sections]]
id = "terugblik"
number = 1
title = "Terugblik"
kind = "look_back"

[[sections]]
id = "werk"
number = 2
title = "Werk"
prompts = ["Hoe gaat het?"]
notes_label = "Toelichting"

[[sections]]
id = "afspraken"
number = 3
title = "Afspraken"
kind = "agreements"

[[sections]]
id = "akkoord"
number = 4
title = "Voor akkoord"
kind = "sign_off"
"#;

fn mini() -> ConversationType {
    ConversationType::from_toml("mini.toml", MINI).expect("MINI is valid")
}

/// The problems of `t` after `change`, which must start from a valid type.
fn problems_after(change: impl FnOnce(&mut ConversationType)) -> Vec<TypeProblem> {
    let mut t = mini();
    change(&mut t);
    validate(&t)
}

#[test]
fn mini_reads_with_defaults() {
    let t = mini();
    assert_eq!(t.id, "mini");
    assert_eq!(t.roles.len(), 2);
    assert!(!t.roles[1].signs_off && !t.roles[1].repeatable);
    assert_eq!(t.sections[1].kind, SectionKind::Text);
    assert_eq!(t.sections[0].kind, SectionKind::LookBack);
    assert_eq!(t.sections[3].kind, SectionKind::SignOff);
    assert_eq!(t.min_duration_minutes, None);
    assert!(!t.is_assessment);
    assert_eq!(
        t.subject_may_change,
        SubjectMayChange::Setting("mag-wijzigen".into())
    );
    assert_eq!(t.subject().map(|r| r.name.as_str()), Some("Medewerker"));
    assert!(t.is_planner_role("leidinggevende"));
    assert!(!t.is_planner_role("medewerker"));
    assert_eq!(
        t.section_of_kind(SectionKind::Agreements).map(|s| s.number),
        Some(3)
    );
    assert_eq!(t.text_sections().count(), 1);
}

#[test]
fn builtin_types_are_valid_and_listed_in_order() {
    let types = builtin();
    let ids: Vec<&str> = types.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        ["functioneringsgesprek-secretaris", "raadslid-gesprek"]
    );
    assert!(find(&types, "raadslid-gesprek").is_some());
    assert!(find(&types, "onbekend").is_none());
    for t in &types {
        assert!(validate(t).is_empty(), "{}", t.id);
        assert!(!t.is_assessment, "{}: no ratings in a record", t.id);
    }
}

#[test]
fn toml_round_trip_gives_an_equal_type() {
    for t in builtin().into_iter().chain([mini()]) {
        let text = t.to_toml().expect("writes");
        let back = ConversationType::from_toml("back.toml", &text).expect("reads back");
        assert_eq!(back, t);
    }
}

#[test]
fn subject_may_change_resolves_per_record() {
    let yes = |_: &str| Some(true);
    let no = |_: &str| Some(false);
    let open = |_: &str| None;
    assert!(SubjectMayChange::Always.resolve(no));
    assert!(!SubjectMayChange::Never.resolve(yes));
    let setting = SubjectMayChange::Setting("q".into());
    assert!(setting.resolve(yes));
    assert!(!setting.resolve(no));
    assert!(!setting.resolve(open), "unanswered counts as no");
    assert!(setting.resolve(|id| (id == "q").then_some(true)));
}

#[test]
fn syntax_errors_name_the_file() {
    let err = ConversationType::from_toml("kapot.toml", "id = ").unwrap_err();
    assert!(matches!(err, TypeError::Syntax { ref file, .. } if file == "kapot.toml"));
    assert!(
        err.message_nl()
            .starts_with("kapot.toml: geen geldig TOML-bestand")
    );
}

#[test]
fn unknown_fields_are_refused_not_ignored() {
    let text = MINI.replace(
        "retention_months = 12",
        "retention_months = 12\nratings = true",
    );
    let err = ConversationType::from_toml("x.toml", &text).unwrap_err();
    let TypeError::Syntax { message, .. } = err else {
        panic!("expected a syntax error, got {err:?}");
    };
    assert!(message.contains("ratings"), "{message}");
}

#[test]
fn an_unknown_section_kind_is_refused() {
    let text = MINI.replace("kind = \"agreements\"", "kind = \"scores\"");
    assert!(matches!(
        ConversationType::from_toml("x.toml", &text),
        Err(TypeError::Syntax { .. })
    ));
}

#[test]
fn subject_may_change_reads_all_three_forms() {
    for (text, expected) in [
        ("\"always\"", SubjectMayChange::Always),
        ("\"never\"", SubjectMayChange::Never),
    ] {
        let file = MINI.replace("{ setting = \"mag-wijzigen\" }", text);
        let t = ConversationType::from_toml("x.toml", &file).expect("valid");
        assert_eq!(t.subject_may_change, expected);
    }
}

#[test]
fn oversized_files_are_refused_before_parsing() {
    let text = format!("{MINI}\n#{}", "x".repeat(MAX_FILE_BYTES));
    let err = ConversationType::from_toml("groot.toml", &text).unwrap_err();
    assert!(matches!(err, TypeError::TooLarge { limit, .. } if limit == MAX_FILE_BYTES));
    assert!(err.message_nl().contains("meer dan de grens"));
}

#[test]
fn invalid_files_list_every_problem_in_both_languages() {
    let text = MINI
        .replace("retention_months = 12", "retention_months = 0")
        .replace("version = 1", "version = 0");
    let err = ConversationType::from_toml("twee.toml", &text).unwrap_err();
    assert_eq!(
        err.problems(),
        [TypeProblem::VersionZero, TypeProblem::Retention(0)]
    );
    assert_eq!(err.messages(true).len(), 2);
    assert_eq!(
        err.messages(false),
        [
            "version must be 1 or higher",
            "retention_months is 0; it must be 1 to 120"
        ]
    );
    assert!(
        err.message_nl()
            .starts_with("twee.toml: 2 fout(en) gevonden")
    );
    assert!(err.to_string().starts_with("twee.toml: 2 problem(s) found"));
}

#[test]
fn ids_must_be_slugs() {
    assert_eq!(
        problems_after(|t| t.id = "Mini Type".into()),
        [TypeProblem::InvalidId {
            kind: ItemKind::Type,
            id: "Mini Type".into()
        }]
    );
    assert_eq!(
        problems_after(|t| t.sections[1].id = "werk_".into()),
        [TypeProblem::InvalidId {
            kind: ItemKind::Section,
            id: "werk_".into()
        }]
    );
    assert_eq!(
        problems_after(|t| t.preparation[1].id = "".into()),
        [TypeProblem::InvalidId {
            kind: ItemKind::Question,
            id: "".into()
        }]
    );
}

#[test]
fn ids_must_be_unique() {
    assert_eq!(
        problems_after(|t| t.sections[2].id = "werk".into()),
        [TypeProblem::DuplicateId {
            kind: ItemKind::Section,
            id: "werk".into()
        }]
    );
    assert_eq!(
        problems_after(|t| t.preparation[1].id = "mag-wijzigen".into()),
        [TypeProblem::DuplicateId {
            kind: ItemKind::Question,
            id: "mag-wijzigen".into()
        }]
    );
    assert_eq!(
        problems_after(|t| {
            let copy = t.roles[0].clone();
            t.roles.push(copy);
        }),
        [TypeProblem::DuplicateId {
            kind: ItemKind::Role,
            id: "leidinggevende".into()
        }]
    );
}

#[test]
fn shown_texts_must_not_be_empty() {
    let empty = |kind, id: &str, field| TypeProblem::EmptyText {
        kind,
        id: id.into(),
        field,
    };
    assert_eq!(
        problems_after(|t| t.name = " ".into()),
        [empty(ItemKind::Type, "mini", "name")]
    );
    assert_eq!(
        problems_after(|t| t.description.clear()),
        [empty(ItemKind::Type, "mini", "description")]
    );
    assert_eq!(
        problems_after(|t| t.sample_agenda.push("\n".into())),
        [empty(ItemKind::Type, "mini", "sample_agenda")]
    );
    assert_eq!(
        problems_after(|t| t.roles[1].name_en.clear()),
        [empty(ItemKind::Role, "medewerker", "name_en")]
    );
    assert_eq!(
        problems_after(|t| t.sections[1].prompts.push("  ".into())),
        [empty(ItemKind::Section, "werk", "prompts")]
    );
    assert_eq!(
        problems_after(|t| t.sections[1].title.clear()),
        [empty(ItemKind::Section, "werk", "title")]
    );
    assert_eq!(
        problems_after(|t| t.sections[1].notes_label = Some(String::new())),
        [empty(ItemKind::Section, "werk", "notes_label")]
    );
    assert_eq!(
        problems_after(|t| t.sections[1].intro = Some(" ".into())),
        [empty(ItemKind::Section, "werk", "intro")]
    );
    assert_eq!(
        problems_after(|t| t.preparation[1].text.clear()),
        [empty(ItemKind::Question, "doel", "text")]
    );
}

#[test]
fn a_type_needs_roles_and_sections() {
    let problems = problems_after(|t| t.roles.clear());
    assert!(problems.contains(&TypeProblem::NoRoles), "{problems:?}");
    assert!(problems.contains(&TypeProblem::UnknownSubjectRole("medewerker".into())));
    assert_eq!(
        problems_after(|t| t.sections.clear()),
        [TypeProblem::NoSections]
    );
}

#[test]
fn the_reader_role_is_reserved() {
    let problems = problems_after(|t| {
        let mut reader = t.roles[0].clone();
        reader.id = READER_ROLE.into();
        t.roles.push(reader);
    });
    assert_eq!(problems, [TypeProblem::ReservedRole("reader".into())]);
}

#[test]
fn the_subject_role_must_exist_be_required_and_single() {
    assert_eq!(
        problems_after(|t| t.subject_role = "secretaris".into()),
        [TypeProblem::UnknownSubjectRole("secretaris".into())]
    );
    assert_eq!(
        problems_after(|t| t.roles[1].required = false),
        [TypeProblem::SubjectRoleShape("medewerker".into())]
    );
    assert_eq!(
        problems_after(|t| t.roles[1].repeatable = true),
        [TypeProblem::SubjectRoleShape("medewerker".into())]
    );
}

#[test]
fn planner_roles_must_exist_and_exclude_the_subject() {
    assert_eq!(
        problems_after(|t| t.planner_roles.clear()),
        [TypeProblem::NoPlannerRoles]
    );
    assert_eq!(
        problems_after(|t| t.planner_roles.push("wethouder".into())),
        [TypeProblem::UnknownPlannerRole("wethouder".into())]
    );
    assert_eq!(
        problems_after(|t| t.planner_roles.push("medewerker".into())),
        [TypeProblem::SubjectPlans("medewerker".into())]
    );
}

#[test]
fn sections_are_numbered_in_order() {
    assert_eq!(
        problems_after(|t| t.sections.swap(1, 2)),
        [
            TypeProblem::SectionNumber {
                id: "afspraken".into(),
                expected: 2,
                found: 3
            },
            TypeProblem::SectionNumber {
                id: "werk".into(),
                expected: 3,
                found: 2
            },
        ]
    );
}

#[test]
fn at_most_one_agreements_look_back_and_sign_off_section() {
    for (kind, name) in [
        (SectionKind::Agreements, "agreements"),
        (SectionKind::LookBack, "look_back"),
        (SectionKind::SignOff, "sign_off"),
    ] {
        let problems = problems_after(|t| {
            let mut extra = t.section_of_kind(kind).expect("mini has one").clone();
            extra.id = "extra".into();
            extra.number = 5;
            t.sections.push(extra);
        });
        assert_eq!(
            problems,
            [TypeProblem::TooManyOfKind {
                kind: name,
                count: 2
            }]
        );
    }
}

#[test]
fn a_sign_off_section_has_no_text() {
    assert_eq!(
        problems_after(|t| t.sections[3].prompts.push("Handtekening".into())),
        [TypeProblem::SignOffWithText("akkoord".into())]
    );
    assert_eq!(
        problems_after(|t| t.sections[3].notes_label = Some("Opmerkingen".into())),
        [TypeProblem::SignOffWithText("akkoord".into())]
    );
}

#[test]
fn the_setting_must_be_an_existing_yes_no_question() {
    assert_eq!(
        problems_after(|t| t.subject_may_change = SubjectMayChange::Setting("wijzigen".into())),
        [TypeProblem::UnknownSetting("wijzigen".into())]
    );
    assert_eq!(
        problems_after(|t| t.subject_may_change = SubjectMayChange::Setting("doel".into())),
        [TypeProblem::SettingNotYesNo("doel".into())]
    );
}

#[test]
fn retention_is_1_to_120_months() {
    assert_eq!(
        problems_after(|t| t.retention_months = 0),
        [TypeProblem::Retention(0)]
    );
    assert_eq!(
        problems_after(|t| t.retention_months = 121),
        [TypeProblem::Retention(121)]
    );
    assert!(problems_after(|t| t.retention_months = 1).is_empty());
    assert!(problems_after(|t| t.retention_months = 120).is_empty());
}

#[test]
fn min_duration_is_within_what_a_plan_allows() {
    assert_eq!(
        problems_after(|t| t.min_duration_minutes = Some(14)),
        [TypeProblem::MinDuration(14)]
    );
    assert_eq!(
        problems_after(|t| t.min_duration_minutes = Some(601)),
        [TypeProblem::MinDuration(601)]
    );
    assert!(problems_after(|t| t.min_duration_minutes = Some(90)).is_empty());
}

#[test]
fn version_zero_and_assessments_are_refused() {
    assert_eq!(
        problems_after(|t| t.version = 0),
        [TypeProblem::VersionZero]
    );
    assert_eq!(
        problems_after(|t| t.is_assessment = true),
        [TypeProblem::Assessment]
    );
}

#[test]
fn every_problem_has_a_dutch_message_naming_what_is_wrong() {
    let samples = [
        TypeProblem::UnknownPlannerRole("wethouder".into()),
        TypeProblem::SettingNotYesNo("doel".into()),
        TypeProblem::ReservedRole("reader".into()),
        TypeProblem::TooManyOfKind {
            kind: "sign_off",
            count: 2,
        },
    ];
    for problem in samples {
        let nl = problem.message_nl();
        assert_ne!(nl, problem.to_string());
        assert!(
            nl.contains("wethouder")
                || nl.contains("doel")
                || nl.contains("reader")
                || nl.contains("sign_off"),
            "{nl}"
        );
    }
    assert!(
        TypeProblem::Assessment
            .message_nl()
            .contains("beoordelingen")
    );
}

//! Tests of loading, validation, export/import and search.

use super::*;

const MINI: &str = r#"
id = "mini"
name = "Mini"
name_en = "Mini"
version = 1
source = "test"

[profile_rules]
core_cluster = "kern"
core = 1
specific = 2
own_choice_max = 1
max_total = 4

[[rating_labels]]
value = 1
label = "Onvoldoende"
label_en = "Insufficient"

[[levels]]
id = "laag"
name = "Laag"

[[levels]]
id = "hoog"
name = "Hoog"

[[clusters]]
id = "kern"
name = "Kern"

[[clusters]]
id = "overig"
name = "Overig"

[[competencies]]
id = "k1"
name = "Kern één"
cluster = "kern"
definition = "De kern."
levels = [
  { level = "laag", behaviours = ["Je doet k1 laag."], tips = ["Tip k1."] },
  { level = "hoog", behaviours = ["Je doet k1 hoog."] },
]

[[competencies]]
id = "a"
name = "Aa"
cluster = "overig"
definition = "A."
levels = [
  { level = "laag", behaviours = ["Je doet a laag."] },
  { level = "hoog", behaviours = ["Je doet a hoog."] },
]

[[competencies]]
id = "b"
name = "Bee"
cluster = "overig"
definition = "B."
levels = [
  { level = "laag", behaviours = ["Je doet b laag."] },
  { level = "hoog", behaviours = ["Je doet b hoog."] },
]

[[competencies]]
id = "c"
name = "Cee"
cluster = "overig"
definition = "C."
levels = [
  { level = "laag", behaviours = ["Je doet c laag."] },
  { level = "hoog", behaviours = ["Je doet c hoog."] },
]

[[profiles]]
id = "gewoon"
name = "Gewoon"
core = ["k1"]
specific = ["a", "b"]
own_choice = 1

[[profiles]]
id = "vrij"
name = "Vrij"
core = ["k1"]
own_choice = 3

[[profiles]]
id = "vast"
name = "Vast"
core = ["k1"]
specific = ["a", "b", "c"]
fixed = true
"#;

const FILE: &str = "mini.toml";

fn mini() -> Framework {
    Framework::from_toml(FILE, MINI).expect("fixture is valid")
}

fn errors(f: &Framework) -> Vec<ValidationError> {
    validate(FILE, f)
}

fn f() -> String {
    FILE.to_string()
}

fn shipped(name: &str) -> &'static str {
    BUILTIN_FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .unwrap()
}

// --- shipped files -------------------------------------------------------------------------

#[test]
fn builtin_files_are_valid() {
    for (name, text) in BUILTIN_FILES {
        if let Err(e) = Framework::from_toml(name, text) {
            panic!("{name}: {e}");
        }
    }
    let ids: Vec<String> = builtin().into_iter().map(|f| f.id).collect();
    assert_eq!(ids, ["gemeentesecretaris", "maastricht-2014", "raadslid"]);
}

#[test]
fn builtin_files_fit_the_size_limit_with_room() {
    for (name, text) in BUILTIN_FILES {
        assert!(
            text.len() < MAX_FILE_BYTES / 10,
            "{name} is {} bytes",
            text.len()
        );
    }
}

#[test]
fn fixture_is_valid() {
    assert_eq!(errors(&mini()), vec![]);
}

// --- export / import -----------------------------------------------------------------------

#[test]
fn toml_round_trip_gives_an_equal_framework() {
    for original in builtin().into_iter().chain([mini()]) {
        let text = original.to_toml().unwrap();
        let back = Framework::from_toml("export.toml", &text).unwrap();
        assert_eq!(back, original, "{}", original.id);
    }
}

#[test]
fn json_round_trip_gives_an_equal_framework() {
    for original in builtin().into_iter().chain([mini()]) {
        let text = original.to_json().unwrap();
        let back = Framework::from_json("export.json", &text).unwrap();
        assert_eq!(back, original, "{}", original.id);
    }
}

#[test]
fn json_export_then_toml_export_is_stable() {
    let f = builtin().remove(1);
    let via_json = Framework::from_json("x.json", &f.to_json().unwrap()).unwrap();
    assert_eq!(via_json.to_toml().unwrap(), f.to_toml().unwrap());
}

// --- malformed files -----------------------------------------------------------------------

#[test]
fn broken_toml_syntax_is_a_syntax_error() {
    let text = shipped("gemeentesecretaris.toml").replacen("name = \"", "name = ", 1);
    let err = Framework::from_toml("kapot.toml", &text).unwrap_err();
    assert!(
        matches!(&err, CatalogError::Syntax { file, format: Format::Toml, .. } if file == "kapot.toml"),
        "{err:?}"
    );
    assert!(err.message_nl().contains("geen geldig TOML-bestand"));
}

#[test]
fn broken_json_syntax_is_a_syntax_error() {
    let err = Framework::from_json("kapot.json", "{\"id\": \"x\",").unwrap_err();
    assert!(
        matches!(
            err,
            CatalogError::Syntax {
                format: Format::Json,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn unknown_field_is_rejected_so_typos_do_not_vanish() {
    let text = MINI.replacen(
        "source = \"test\"",
        "source = \"test\"\nsoruce = \"typo\"",
        1,
    );
    let err = Framework::from_toml(FILE, &text).unwrap_err();
    match err {
        CatalogError::Syntax { message, .. } => assert!(message.contains("soruce"), "{message}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_competency_in_a_profile_file_is_rejected() {
    let text = shipped("maastricht-2014.toml").replacen(
        "specific = [\"overtuigingskracht\",",
        "specific = [\"overtuigen\",",
        1,
    );
    let err = Framework::from_toml("m.toml", &text).unwrap_err();
    assert!(
        err.validation_errors()
            .contains(&ValidationError::UnknownProfileCompetency {
                file: "m.toml".into(),
                profile: "adviseur".into(),
                competency: "overtuigen".into(),
            }),
        "{err}"
    );
}

#[test]
fn duplicate_competency_id_in_a_file_is_rejected() {
    let text =
        shipped("gemeentesecretaris.toml").replacen("id = \"visie\"", "id = \"samenwerken\"", 1);
    let err = Framework::from_toml("g.toml", &text).unwrap_err();
    assert_eq!(
        err.validation_errors(),
        [ValidationError::DuplicateId {
            file: "g.toml".into(),
            kind: IdKind::Competency,
            id: "samenwerken".into(),
        }]
    );
}

#[test]
fn empty_level_in_a_file_is_rejected() {
    let text = shipped("maastricht-2014.toml");
    let start = text.find("behaviours = [").unwrap();
    let end = start + text[start..].find("\n]").unwrap() + 2;
    let broken = format!("{}behaviours = []{}", &text[..start], &text[end..]);
    let err = Framework::from_toml("m.toml", &broken).unwrap_err();
    assert_eq!(
        err.validation_errors(),
        [ValidationError::EmptyLevel {
            file: "m.toml".into(),
            competency: "samenwerken".into(),
            level: "3-7".into(),
        }]
    );
}

#[test]
fn file_of_several_megabytes_is_rejected_before_parsing() {
    // Not even valid TOML: the size check must come first.
    let huge = format!("this is not toml {}", "x".repeat(3 * 1024 * 1024));
    for result in [
        Framework::from_toml("groot.toml", &huge),
        Framework::from_json("groot.json", &huge),
    ] {
        match result.unwrap_err() {
            CatalogError::TooLarge { size, limit, .. } => {
                assert_eq!(size, huge.len());
                assert_eq!(limit, MAX_FILE_BYTES);
            }
            other => panic!("{other:?}"),
        }
    }
    let just_fits = format!("{MINI}#{}", "x".repeat(MAX_FILE_BYTES - MINI.len() - 1));
    assert_eq!(just_fits.len(), MAX_FILE_BYTES);
    assert!(Framework::from_toml(FILE, &just_fits).is_ok());
}

#[test]
fn validation_reports_all_problems_not_just_the_first() {
    let mut fw = mini();
    fw.competencies[0].definition = " ".into();
    fw.competencies[1].cluster = "nergens".into();
    fw.profiles[0].specific.push("zz".into());
    let text = fw.to_toml().unwrap();
    let err = Framework::from_toml(FILE, &text).unwrap_err();
    let problems = err.validation_errors();
    assert!(problems.len() >= 3, "{problems:?}");
    assert!(problems.contains(&ValidationError::EmptyDefinition {
        file: f(),
        competency: "k1".into()
    }));
    assert!(problems.contains(&ValidationError::UnknownCluster {
        file: f(),
        competency: "a".into(),
        cluster: "nergens".into()
    }));
    assert!(
        problems.contains(&ValidationError::UnknownProfileCompetency {
            file: f(),
            profile: "gewoon".into(),
            competency: "zz".into()
        })
    );
    let text = err.to_string();
    assert!(text.starts_with("mini.toml: "), "{text}");
    assert!(err.message_nl().contains("fout(en) gevonden"));
}

// --- one test per validation error ---------------------------------------------------------

#[test]
fn invalid_id() {
    let mut fw = mini();
    fw.competencies[1].id = "Aa b".into();
    fw.profiles.clear();
    assert_eq!(
        errors(&fw),
        [ValidationError::InvalidId {
            file: f(),
            kind: IdKind::Competency,
            id: "Aa b".into()
        }]
    );
    assert!(
        is_slug("11-18") && is_slug("a") && !is_slug("a--b") && !is_slug("-a") && !is_slug("é")
    );
}

#[test]
fn duplicate_ids_of_each_kind() {
    let mut fw = mini();
    fw.clusters[1].id = "kern".into();
    fw.levels[1].id = "laag".into();
    fw.profiles[1].id = "gewoon".into();
    let errs = errors(&fw);
    for kind in [IdKind::Cluster, IdKind::Level, IdKind::Profile] {
        assert!(
            errs.iter()
                .any(|e| matches!(e, ValidationError::DuplicateId { kind: k, .. } if *k == kind)),
            "{kind}: {errs:?}"
        );
    }
}

#[test]
fn empty_name() {
    let mut fw = mini();
    fw.clusters[1].name = "".into();
    assert_eq!(
        errors(&fw),
        [ValidationError::EmptyName {
            file: f(),
            kind: IdKind::Cluster,
            id: "overig".into()
        }]
    );
}

#[test]
fn no_competencies() {
    let mut fw = mini();
    fw.competencies.clear();
    fw.profiles.clear();
    assert_eq!(errors(&fw), [ValidationError::NoCompetencies { file: f() }]);
}

#[test]
fn empty_definition() {
    let mut fw = mini();
    fw.competencies[2].definition = "".into();
    assert_eq!(
        errors(&fw),
        [ValidationError::EmptyDefinition {
            file: f(),
            competency: "b".into()
        }]
    );
}

#[test]
fn unknown_cluster() {
    let mut fw = mini();
    fw.competencies[2].cluster = "leren".into();
    assert_eq!(
        errors(&fw),
        [ValidationError::UnknownCluster {
            file: f(),
            competency: "b".into(),
            cluster: "leren".into()
        }]
    );
}

#[test]
fn missing_level() {
    let mut fw = mini();
    fw.competencies[3].levels.pop();
    assert_eq!(
        errors(&fw),
        [ValidationError::MissingLevel {
            file: f(),
            competency: "c".into(),
            level: "hoog".into()
        }]
    );
}

#[test]
fn unknown_level() {
    let mut fw = mini();
    let mut extra = fw.competencies[3].levels[0].clone();
    extra.level = "midden".into();
    fw.competencies[3].levels.push(extra);
    assert_eq!(
        errors(&fw),
        [ValidationError::UnknownLevel {
            file: f(),
            competency: "c".into(),
            level: "midden".into()
        }]
    );
}

#[test]
fn repeated_level() {
    let mut fw = mini();
    let again = fw.competencies[3].levels[0].clone();
    fw.competencies[3].levels.push(again);
    assert_eq!(
        errors(&fw),
        [ValidationError::RepeatedLevel {
            file: f(),
            competency: "c".into(),
            level: "laag".into()
        }]
    );
}

#[test]
fn empty_level() {
    let mut fw = mini();
    fw.competencies[0].levels[1].behaviours.clear();
    assert_eq!(
        errors(&fw),
        [ValidationError::EmptyLevel {
            file: f(),
            competency: "k1".into(),
            level: "hoog".into()
        }]
    );
}

#[test]
fn empty_text() {
    let mut fw = mini();
    fw.competencies[0].levels[0].tips.push("  ".into());
    assert_eq!(
        errors(&fw),
        [ValidationError::EmptyText {
            file: f(),
            competency: "k1".into(),
            what: "tip"
        }]
    );
}

#[test]
fn duplicate_rating_value() {
    let mut fw = mini();
    let again = fw.rating_labels[0].clone();
    fw.rating_labels.push(again);
    assert_eq!(
        errors(&fw),
        [ValidationError::DuplicateRatingValue {
            file: f(),
            value: 1
        }]
    );
}

#[test]
fn unknown_core_cluster() {
    let mut fw = mini();
    fw.profile_rules.as_mut().unwrap().core_cluster = "basis".into();
    let errs = errors(&fw);
    assert_eq!(
        errs[0],
        ValidationError::UnknownCoreCluster {
            file: f(),
            cluster: "basis".into()
        }
    );
}

#[test]
fn unknown_profile_competency() {
    let mut fw = mini();
    fw.profiles[0].specific[1] = "onbekend".into();
    assert_eq!(
        errors(&fw),
        [ValidationError::UnknownProfileCompetency {
            file: f(),
            profile: "gewoon".into(),
            competency: "onbekend".into()
        }]
    );
}

#[test]
fn duplicate_profile_competency() {
    let mut fw = mini();
    fw.profiles[0].specific[1] = "a".into();
    assert_eq!(
        errors(&fw),
        [ValidationError::DuplicateProfileCompetency {
            file: f(),
            profile: "gewoon".into(),
            competency: "a".into()
        }]
    );
}

#[test]
fn core_outside_core_cluster() {
    let mut fw = mini();
    fw.profiles[0].core = vec!["c".into()];
    assert_eq!(
        errors(&fw),
        [ValidationError::CoreOutsideCoreCluster {
            file: f(),
            profile: "gewoon".into(),
            competency: "c".into()
        }]
    );
}

#[test]
fn specific_in_core_cluster() {
    let mut fw = mini();
    fw.profiles[0].core.clear();
    fw.profiles[0].specific = vec!["k1".into(), "a".into()];
    assert_eq!(
        errors(&fw),
        [
            ValidationError::SpecificInCoreCluster {
                file: f(),
                profile: "gewoon".into(),
                competency: "k1".into()
            },
            ValidationError::ProfileCoreCount {
                file: f(),
                profile: "gewoon".into(),
                expected: 1,
                found: 0
            }
        ]
    );
}

#[test]
fn profile_core_count() {
    let mut fw = mini();
    fw.profiles[2].core.clear();
    assert_eq!(
        errors(&fw),
        [ValidationError::ProfileCoreCount {
            file: f(),
            profile: "vast".into(),
            expected: 1,
            found: 0
        }]
    );
}

#[test]
fn profile_specific_count() {
    let mut fw = mini();
    fw.profiles[0].specific.pop();
    assert_eq!(
        errors(&fw),
        [ValidationError::ProfileSpecificCount {
            file: f(),
            profile: "gewoon".into(),
            expected: 2,
            found: 1
        }]
    );
}

#[test]
fn profile_own_choice_above_maximum() {
    let mut fw = mini();
    fw.profiles[0].own_choice = 2;
    let errs = errors(&fw);
    assert_eq!(
        errs[0],
        ValidationError::ProfileOwnChoice {
            file: f(),
            profile: "gewoon".into(),
            allowed: 1,
            found: 2
        }
    );
}

#[test]
fn profile_own_choice_when_everything_is_own_choice() {
    // The "Vakspecialist" case: no specific ones, so exactly specific + own_choice_max.
    let mut fw = mini();
    fw.profiles[1].own_choice = 2;
    assert_eq!(
        errors(&fw),
        [ValidationError::ProfileOwnChoice {
            file: f(),
            profile: "vrij".into(),
            allowed: 3,
            found: 2
        }]
    );
}

#[test]
fn profile_too_many() {
    let mut fw = mini();
    fw.competencies.push(Competency {
        id: "d".into(),
        ..fw.competencies[3].clone()
    });
    fw.profiles[2].specific.push("d".into());
    assert_eq!(
        errors(&fw),
        [ValidationError::ProfileTooMany {
            file: f(),
            profile: "vast".into(),
            max: 4,
            found: 5
        }]
    );
}

#[test]
fn fixed_with_own_choice() {
    let mut fw = mini();
    fw.profiles[2].specific.pop();
    fw.profiles[2].own_choice = 1;
    assert_eq!(
        errors(&fw),
        [ValidationError::FixedWithOwnChoice {
            file: f(),
            profile: "vast".into(),
            own_choice: 1
        }]
    );
}

#[test]
fn profiles_without_rules_only_need_known_unique_competencies() {
    let mut fw = mini();
    fw.profile_rules = None;
    fw.profiles[0].core.clear();
    fw.profiles[0].own_choice = 9;
    assert_eq!(errors(&fw), vec![]);
}

#[test]
fn every_error_has_an_english_and_a_dutch_message_naming_the_file() {
    let s = || "x".to_string();
    let all = [
        ValidationError::InvalidId {
            file: f(),
            kind: IdKind::Level,
            id: s(),
        },
        ValidationError::DuplicateId {
            file: f(),
            kind: IdKind::Profile,
            id: s(),
        },
        ValidationError::EmptyName {
            file: f(),
            kind: IdKind::RatingLabel,
            id: s(),
        },
        ValidationError::NoCompetencies { file: f() },
        ValidationError::EmptyDefinition {
            file: f(),
            competency: s(),
        },
        ValidationError::UnknownCluster {
            file: f(),
            competency: s(),
            cluster: s(),
        },
        ValidationError::MissingLevel {
            file: f(),
            competency: s(),
            level: s(),
        },
        ValidationError::UnknownLevel {
            file: f(),
            competency: s(),
            level: s(),
        },
        ValidationError::RepeatedLevel {
            file: f(),
            competency: s(),
            level: s(),
        },
        ValidationError::EmptyLevel {
            file: f(),
            competency: s(),
            level: s(),
        },
        ValidationError::EmptyText {
            file: f(),
            competency: s(),
            what: "item",
        },
        ValidationError::DuplicateRatingValue {
            file: f(),
            value: 3,
        },
        ValidationError::UnknownCoreCluster {
            file: f(),
            cluster: s(),
        },
        ValidationError::UnknownProfileCompetency {
            file: f(),
            profile: s(),
            competency: s(),
        },
        ValidationError::DuplicateProfileCompetency {
            file: f(),
            profile: s(),
            competency: s(),
        },
        ValidationError::CoreOutsideCoreCluster {
            file: f(),
            profile: s(),
            competency: s(),
        },
        ValidationError::SpecificInCoreCluster {
            file: f(),
            profile: s(),
            competency: s(),
        },
        ValidationError::ProfileCoreCount {
            file: f(),
            profile: s(),
            expected: 3,
            found: 2,
        },
        ValidationError::ProfileSpecificCount {
            file: f(),
            profile: s(),
            expected: 4,
            found: 5,
        },
        ValidationError::ProfileOwnChoice {
            file: f(),
            profile: s(),
            allowed: 2,
            found: 3,
        },
        ValidationError::ProfileTooMany {
            file: f(),
            profile: s(),
            max: 9,
            found: 10,
        },
        ValidationError::FixedWithOwnChoice {
            file: f(),
            profile: s(),
            own_choice: 1,
        },
    ];
    for e in &all {
        let en = e.to_string();
        let nl = e.message_nl();
        assert!(
            en.starts_with("mini.toml: ") && nl.starts_with("mini.toml: "),
            "{en} / {nl}"
        );
        assert_ne!(en, nl, "Dutch text missing for {e:?}");
    }
    let nl: Vec<String> = all.iter().map(ValidationError::message_nl).collect();
    assert!(nl[4].contains("lege definitie"));
    assert!(nl[13].contains("onbekende competentie"));
    let too_large = CatalogError::TooLarge {
        file: f(),
        size: 3,
        limit: 2,
    };
    assert!(too_large.message_nl().contains("meer dan de grens"));
    assert!(too_large.to_string().contains("more than the limit"));
}

// --- model helpers and search --------------------------------------------------------------

#[test]
fn scan_items_follow_the_framework_kind() {
    let all = builtin();
    let maastricht = &all[1];
    let samenwerken = maastricht.competency("samenwerken").unwrap();
    assert_eq!(samenwerken.scan_items(Some("8-10")).len(), 3);
    assert!(samenwerken.scan_items(Some("99")).is_empty());
    let secretaris = &all[0];
    let visie = secretaris.competency("visie").unwrap();
    assert_eq!(
        visie.scan_items(None),
        ["Lange termijn beleid formuleren, uitzetten, uitdragen en uitvoeren."]
    );
    let raadslid = &all[2];
    assert_eq!(
        raadslid
            .competency("actiepunten")
            .unwrap()
            .scan_items(None)
            .len(),
        2
    );
}

#[test]
fn search_finds_a_known_behaviour() {
    let maastricht = builtin().remove(1);
    let hits = search(&maastricht, "gemeenschappelijk standpunt");
    assert_eq!(
        hits,
        [SearchHit {
            competency: "samenwerken".into(),
            field: SearchField::Behaviour {
                level: "8-10".into(),
                index: 1
            },
            text: "Je gaat actief op zoek naar een gemeenschappelijk standpunt of resultaat. Je kunt hierbij je eigen standpunt/belang of dat van je team loslaten als dat nodig is.".into(),
        }]
    );
}

#[test]
fn search_ignores_case_and_accents() {
    let maastricht = builtin().remove(1);
    let hits = search(&maastricht, "SFEER beinvloeden");
    assert!(
        hits.iter().any(|h| h.competency == "samenwerken"
            && h.field
                == SearchField::Behaviour {
                    level: "11-18".into(),
                    index: 1
                }),
        "{hits:?}"
    );
    let by_name = search(&maastricht, "integriteit");
    assert_eq!(by_name[0].field, SearchField::Name);
    assert_eq!(by_name[0].competency, "integriteit");
    assert!(search(&maastricht, "   ").is_empty());
    assert!(search(&maastricht, "qwertyuiop").is_empty());
    assert_eq!(
        fold("Beïnvloeden, CREËREN – collega’s"),
        "beinvloeden, creeren - collega's"
    );
}

#[test]
fn search_covers_definitions_and_items() {
    let all = builtin();
    let hits = search(&all[0], "kikkers kruiwagen");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].field, SearchField::Definition);
    let hits = search(&all[2], "dorpsraden");
    assert_eq!(hits[0].competency, "netwerk");
    assert_eq!(hits[0].field, SearchField::Item { index: 0 });
}

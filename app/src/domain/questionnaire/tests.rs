use super::*;
use crate::domain::catalog::builtin;
use crate::domain::scan::example::maastricht_example;
use crate::domain::scan::{ScanDraft, default_groups, validate_scan};

const NOW: i64 = 1_800_000_000;

fn framework(id: &str) -> Framework {
    builtin().into_iter().find(|f| f.id == id).unwrap()
}

fn maastricht_scan(next_level: bool) -> (Framework, ValidScan) {
    let fw = framework("maastricht-2014");
    let draft = ScanDraft {
        subject_name: "Piet".into(),
        include_next_level: next_level,
        ..maastricht_example(&fw, NOW + 86_400)
    };
    let scan = validate_scan(&draft, &fw, NOW).unwrap();
    (fw, scan)
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn one_section_per_competency_with_the_levels_behaviours() {
    let (fw, scan) = maastricht_scan(false);
    let q = build(&fw, &scan, false);
    assert_eq!(q.sections.len(), scan.competency_ids.len());
    let first = &q.sections[0];
    assert_eq!(first.competency_id, scan.competency_ids[0]);
    let expected = fw
        .competency(&first.competency_id)
        .unwrap()
        .scan_items(Some("8-10"));
    assert_eq!(
        first
            .items
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>(),
        expected
    );
    assert!(
        first
            .items
            .iter()
            .all(|i| i.level_id.as_deref() == Some("8-10") && !i.next_level)
    );
    // Keys are unique across the questionnaire.
    let keys: std::collections::HashSet<&str> = q.keys().collect();
    assert_eq!(keys.len(), q.item_count());
}

#[test]
fn the_next_level_is_added_and_labelled() {
    let (fw, scan) = maastricht_scan(true);
    let q = build(&fw, &scan, false);
    let section = &q.sections[0];
    assert!(
        section
            .items
            .iter()
            .any(|i| i.next_level && i.level_id.as_deref() == Some("11-18"))
    );
    assert!(section.items.iter().any(|i| !i.next_level));
}

#[test]
fn the_self_group_reads_in_the_first_person() {
    let (fw, scan) = maastricht_scan(false);
    let others = build(&fw, &scan, false);
    let own = build(&fw, &scan, true);
    let je = others
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .filter(|i| i.text.starts_with("Je "))
        .count();
    assert!(je > 0);
    assert!(
        own.sections
            .iter()
            .flat_map(|s| &s.items)
            .all(|i| !i.text.starts_with("Je "))
    );
    // Same keys: answers of the self group line up with everyone else's.
    assert_eq!(
        others.keys().collect::<Vec<_>>(),
        own.keys().collect::<Vec<_>>()
    );
}

#[test]
fn informants_read_about_de_betrokkene_with_the_same_keys() {
    let (fw, scan) = maastricht_scan(true);
    let framework_text = build(&fw, &scan, false);
    let informant = framework_text.for_informant();
    let texts: Vec<&str> = informant
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.text.as_str()))
        .collect();
    assert!(texts.iter().any(|t| t.starts_with("De betrokkene ")));
    assert!(!texts.iter().any(|t| t.starts_with("Je ")));
    assert!(
        informant
            .sections
            .iter()
            .all(|s| !s.definition.starts_with("Je "))
    );
    assert_eq!(
        framework_text.keys().collect::<Vec<_>>(),
        informant.keys().collect::<Vec<_>>()
    );
    assert_eq!(informant.sections[0].name, framework_text.sections[0].name);
}

#[test]
fn frameworks_without_levels_ask_the_definition_or_items() {
    let fw = framework("gemeentesecretaris");
    let draft = ScanDraft {
        subject_name: "Sanne".into(),
        subject_email: "s@gemeente.nl".into(),
        subject_job_title: String::new(),
        framework_id: fw.id.clone(),
        framework_version: fw.version,
        profile_id: None,
        level_id: None,
        include_next_level: false,
        competency_ids: fw
            .competencies
            .iter()
            .take(2)
            .map(|c| c.id.clone())
            .collect(),
        groups: default_groups(&fw.id),
        k: 3,
        deadline: NOW + 86_400,
        language: Default::default(),
        introduction: String::new(),
        introduction_self: String::new(),
        report_readers: vec![],
        reminder_days: None,
        person_status: false,
    };
    let scan = validate_scan(&draft, &fw, NOW).unwrap();
    let q = build(&fw, &scan, false);
    assert_eq!(q.sections.len(), 2);
    assert!(
        q.sections
            .iter()
            .all(|s| !s.items.is_empty() && s.items[0].level_id.is_none())
    );
}

#[test]
fn a_section_is_applied_whole_or_not_at_all() {
    let (fw, scan) = maastricht_scan(false);
    let q = build(&fw, &scan, false);
    let section = &q.sections[0];
    let (a, b) = (section.items[0].key.clone(), section.items[1].key.clone());
    let comment = format!("c:{}", section.competency_id);
    let mut answers = Answers::default();
    apply_section(
        section,
        &pairs(&[
            (&format!("r:{a}"), "4"),
            (&format!("r:{b}"), "x"),
            (&comment, "  Goed werk. "),
            ("action", "next"),
        ]),
        &["action"],
        &mut answers,
    )
    .unwrap();
    assert_eq!(answers.ratings[&a], Answer::Rating(4));
    assert_eq!(answers.ratings[&b], Answer::CannotJudge);
    assert_eq!(answers.comments[&section.competency_id], "Goed werk.");

    // Bad input: nothing of it is kept, every problem is named.
    let other = &q.sections[1].items[0].key;
    let long = "x".repeat(MAX_COMMENT_CHARS + 1);
    let errors = apply_section(
        section,
        &pairs(&[
            (&format!("r:{a}"), "6"),
            (&format!("r:{b}"), "0"),
            (&format!("r:{other}"), "3"),
            (&comment, &long),
            ("verzonnen", "1"),
        ]),
        &["action"],
        &mut answers,
    )
    .unwrap_err();
    assert_eq!(errors.len(), 5, "{errors:?}");
    assert!(matches!(errors[2], AnswerError::UnknownItem { .. }));
    assert!(matches!(errors[3], AnswerError::CommentTooLong { .. }));
    assert_eq!(answers.ratings[&a], Answer::Rating(4), "unchanged");

    // Posting again changes what is posted: an empty value clears one answer, a statement not
    // posted keeps its answer, an empty comment clears it.
    apply_section(
        section,
        &pairs(&[(&format!("r:{a}"), ""), (&comment, "")]),
        &[],
        &mut answers,
    )
    .unwrap();
    assert!(!answers.ratings.contains_key(&a));
    assert_eq!(answers.ratings[&b], Answer::CannotJudge);
    assert!(!answers.comments.contains_key(&section.competency_id));
}

#[test]
fn unanswered_statements_and_where_to_resume() {
    let (fw, scan) = maastricht_scan(false);
    let q = build(&fw, &scan, false);
    let mut answers = Answers::default();
    assert_eq!(q.resume_at(&answers), Some(0));
    for item in &q.sections[0].items {
        answers.ratings.insert(item.key.clone(), Answer::Rating(3));
    }
    assert_eq!(q.resume_at(&answers), Some(1));
    assert_eq!(q.unanswered(&answers).len(), q.sections.len() - 1);
    for key in q.keys() {
        answers.ratings.insert(key.to_owned(), Answer::CannotJudge);
    }
    assert_eq!(q.resume_at(&answers), None);
    // Answers to statements the scan does not ask are dropped before storing.
    answers
        .ratings
        .insert("verzonnen:-:0".into(), Answer::Rating(5));
    answers.comments.insert("verzonnen".into(), "x".into());
    retain_known(&q, &mut answers);
    assert_eq!(answers.ratings.len(), q.item_count());
    assert!(answers.comments.is_empty());
}

#[test]
fn answers_round_trip_through_their_form_values() {
    for answer in [Answer::Rating(1), Answer::Rating(5), Answer::CannotJudge] {
        assert_eq!(Answer::parse(&answer.form_value()), Some(answer));
    }
    for bad in ["0", "6", "", "3.5", "-1", "X ", "drie"] {
        assert_eq!(Answer::parse(bad), None, "{bad}");
    }
}

//! Tests that pin the shipped conversation types to the seed texts in `app/frameworks/seeds/`
//! (the same verbatim copies the framework tests read).
//!
//! Texts are compared after normalising only what the extraction added: bullet signs ("·",
//! "•", the PDF's private-use bullet) and runs of whitespace become one space. Every letter and
//! punctuation mark of a prompt, intro or agenda line must appear in the seed, in order.

use super::*;

const SEED_000: &str = include_str!("../../../frameworks/seeds/000_45e578a320b0ecd7.txt");
const SEED_001: &str = include_str!("../../../frameworks/seeds/001_a45f685949d09f2e.txt");
const SEED_003: &str = include_str!("../../../frameworks/seeds/003_57514277b741d40e.txt");

/// Bullets become spaces, whitespace runs one space, ends trimmed.
fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '·' | '•' | '\u{f0b7}' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The part of a seed from the first line equal to `start` (trimmed) to the end.
fn from_line<'a>(seed: &'a str, start: &str) -> &'a str {
    let mut offset = 0;
    for line in seed.split_inclusive('\n') {
        if line.trim() == start {
            return &seed[offset..];
        }
        offset += line.len();
    }
    panic!("line {start:?} not in seed");
}

/// Asserts that `texts` occur in `seed` word for word and in this order.
fn assert_in_order(seed: &str, texts: &[&str], what: &str) {
    let seed = normalise(seed);
    let mut from = 0;
    for text in texts {
        let needle = normalise(text);
        assert!(!needle.is_empty(), "{what}: empty text");
        match seed[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => panic!(
                "{what}: not found word for word (after the previous one): {text:?}\nfound anywhere: {}",
                seed.contains(&needle)
            ),
        }
    }
}

fn shipped(id: &str) -> ConversationType {
    find(&builtin(), id)
        .cloned()
        .unwrap_or_else(|| panic!("no shipped type {id}"))
}

fn prompts(t: &ConversationType) -> Vec<&str> {
    t.sections
        .iter()
        .flat_map(|s| s.prompts.iter().map(String::as_str))
        .collect()
}

#[test]
fn secretary_form_has_the_nine_sections_of_seed_001() {
    let t = shipped("functioneringsgesprek-secretaris");
    let titles: Vec<(u32, &str)> = t
        .sections
        .iter()
        .map(|s| (s.number, s.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            (1, "Resultaten"),
            (2, "Vooruitkijken naar de gewenste resultaten"),
            (3, "Ondersteuning en aansturing door het bestuur"),
            (4, "Werkomstandigheden"),
            (5, "Gewenste vorming/opleiding/ondersteuning"),
            (6, "Overige gesprekspunten"),
            (7, "Samenvatting afspraken"),
            (8, "Korte evaluatie van het gesprek"),
            (9, "Voor accoord"),
        ]
    );
    let form = from_line(SEED_001, "Formulier Functioneringsgesprek B&W - Secretaris");
    let title_texts: Vec<&str> = t.sections.iter().map(|s| s.title.as_str()).collect();
    assert_in_order(form, &title_texts, "secretary section titles");
    let kinds: Vec<SectionKind> = t.sections.iter().map(|s| s.kind).collect();
    use SectionKind::*;
    assert_eq!(
        kinds,
        [
            Text, Text, Text, Text, Text, Text, Agreements, Text, SignOff
        ]
    );
}

#[test]
fn secretary_prompts_are_word_for_word_and_in_order() {
    let t = shipped("functioneringsgesprek-secretaris");
    let form = from_line(SEED_001, "Formulier Functioneringsgesprek B&W - Secretaris");
    assert_in_order(form, &prompts(&t), "secretary prompts");
    // Nothing left out: one prompt per "·" question, plus the sub-items a-c and the
    // parenthesised line under a question.
    let questions = form.matches('·').count();
    let extra_lines = prompts(&t)
        .iter()
        .filter(|p| p.starts_with('(') || ["a. ", "b. ", "c. "].iter().any(|s| p.starts_with(s)))
        .count();
    assert_eq!(questions, 17);
    assert_eq!(extra_lines, 4);
    assert_eq!(prompts(&t).len(), questions + extra_lines);
}

#[test]
fn secretary_notes_labels_intro_and_sign_off() {
    let t = shipped("functioneringsgesprek-secretaris");
    for s in &t.sections {
        let expected = (1..=5)
            .contains(&s.number)
            .then_some("Toelichting/opmerkingen");
        assert_eq!(s.notes_label.as_deref(), expected, "section {}", s.number);
    }
    assert_eq!(SEED_001.matches("Toelichting/opmerkingen:").count(), 5);
    let intros: Vec<&str> = t
        .sections
        .iter()
        .filter_map(|s| s.intro.as_deref())
        .collect();
    assert_eq!(
        intros,
        ["(vooraf in te brengen door burgemeester/wethouder P&O resp. secretaris)."]
    );
    assert_in_order(SEED_001, &intros, "secretary intro");
    let sign_off = t.section_of_kind(SectionKind::SignOff).expect("section 9");
    assert!(sign_off.prompts.is_empty() && sign_off.notes_label.is_none());
}

#[test]
fn secretary_agenda_is_seed_000_word_for_word() {
    let t = shipped("functioneringsgesprek-secretaris");
    let agenda: Vec<&str> = t.sample_agenda.iter().map(String::as_str).collect();
    assert_eq!(agenda.len(), 3, "the three items of the Voorbeeld agenda");
    assert_in_order(
        from_line(SEED_000, "Voorbeeld agenda:"),
        &agenda,
        "secretary agenda",
    );
    assert!(agenda[0].starts_with("Terugblik op de afspraken"));
    assert!(agenda[1].contains("kerncompetenties"));
    assert!(agenda[2].starts_with("Afspraken voor de komende periode"));
}

#[test]
fn secretary_parties_time_and_retention_follow_seed_001() {
    let t = shipped("functioneringsgesprek-secretaris");
    let roles: Vec<(&str, &str, bool, bool)> = t
        .roles
        .iter()
        .map(|r| (r.id.as_str(), r.name.as_str(), r.required, r.repeatable))
        .collect();
    assert_eq!(
        roles,
        [
            ("burgemeester", "Burgemeester", true, false),
            ("wethouder-po", "Wethouder P&O", true, false),
            ("secretaris", "Secretaris", true, false),
            ("overige", "Overige gespreksdeelnemer", false, true),
        ]
    );
    // Seed 001 B names the three; section 9 is signed by them.
    assert!(SEED_001.contains("tenminste de burgemeester, de wethouder P&O en de secretaris"));
    assert!(t.roles[..3].iter().all(|r| r.signs_off));
    assert_eq!(t.subject_role, "secretaris");
    assert_eq!(t.planner_roles, ["burgemeester", "wethouder-po"]);
    assert!(SEED_001.contains("tenminste 1,5 uur"));
    assert_eq!(t.min_duration_minutes, Some(90));
    assert!(SEED_001.contains("gedurende maximaal 3 jaar"));
    assert_eq!(t.retention_months, 36);
    assert_eq!(t.subject_may_change, SubjectMayChange::Always);
    assert!(t.preparation.is_empty());
    assert!(t.source.contains("seed 001") && t.source.contains("seed 000"));
}

#[test]
fn council_member_topics_and_questions_are_seed_003_word_for_word() {
    let t = shipped("raadslid-gesprek");
    let conversation = from_line(SEED_003, "Stap 3. Het gesprek");
    let topics: Vec<&str> = t.sections[1..].iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        topics,
        [
            "Ambities en doelen",
            "Functioneren als raadslid",
            "Ontwikkelpunten",
            "Actiepunten"
        ]
    );
    assert_in_order(conversation, &topics, "council topics");
    assert_in_order(conversation, &prompts(&t), "council prompts");
    // One prompt per bullet of the four topic blocks (up to "Advies:").
    let blocks = &conversation[..conversation.find("Advies:").expect("Advies")];
    assert_eq!(blocks.matches('•').count(), prompts(&t).len());
    let agenda: Vec<&str> = t.sample_agenda.iter().map(String::as_str).collect();
    assert_eq!(agenda, topics, "the agenda walks the topic blocks");
}

#[test]
fn council_member_action_points_are_the_agreements_and_come_back() {
    let t = shipped("raadslid-gesprek");
    let agreements = t
        .section_of_kind(SectionKind::Agreements)
        .expect("actiepunten");
    assert_eq!(agreements.title, "Actiepunten");
    let look_back = t.section_of_kind(SectionKind::LookBack).expect("terugblik");
    assert_eq!(look_back.number, 1);
    assert_in_order(
        SEED_003,
        &[look_back.intro.as_deref().expect("intro")],
        "look back intro",
    );
    assert!(t.section_of_kind(SectionKind::SignOff).is_none());
}

#[test]
fn council_member_preparation_is_seed_003_step_1() {
    let t = shipped("raadslid-gesprek");
    let start = SEED_003.find("Stap 1. Voorbereiding").expect("stap 1");
    let end = SEED_003.find("Stap 2.").expect("stap 2");
    let step_1 = &SEED_003[start..end];
    let texts: Vec<&str> = t.preparation.iter().map(|q| q.text.as_str()).collect();
    assert_in_order(step_1, &texts, "preparation questions");
    assert_eq!(
        texts.len(),
        6,
        "all of step 1 but the topics, which the form answers"
    );
    let SubjectMayChange::Setting(id) = &t.subject_may_change else {
        panic!("the council member's right to change is a setting");
    };
    let question = t.preparation_question(id).expect("setting exists");
    assert_eq!(question.answer, AnswerKind::YesNo);
    assert!(
        question
            .text
            .contains("kan het raadslid nog veranderingen aanbrengen")
    );
    let shared = t
        .preparation
        .iter()
        .find(|q| q.text.contains("kandidatencommissie"))
        .expect("sharing with third parties");
    assert_eq!(shared.answer, AnswerKind::YesNo);
}

#[test]
fn council_member_roles_and_no_ratings() {
    let t = shipped("raadslid-gesprek");
    assert_eq!(t.subject_role, "raadslid");
    assert_eq!(t.planner_roles, ["bestuurslid", "fractievoorzitter"]);
    // "Wie de gesprekken voert, ligt niet vast": no conducting role is required.
    for planner in &t.planner_roles {
        assert!(!t.role(planner).expect("planner role").required);
    }
    assert!(SEED_003.contains("geen beoordelingsgesprek"));
    assert!(!t.is_assessment);
    assert!((1..=MAX_RETENTION_MONTHS).contains(&t.retention_months));
    assert!(t.source.contains("seed 003"));
}

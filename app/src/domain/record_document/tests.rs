//! The builder, the sample record and the words written out.

use super::build::tidy_text;
use super::fixture::{sample_document, section, seed_sections, winter_time};
use super::labels::{Label, label};
use super::text::{
    date_text, date_time_text, due_text, duration_text, is_final, local_date_time, outcome_label,
    state_label,
};
use super::*;

#[test]
fn the_sample_has_seed_001s_nine_sections_in_order_with_their_kinds() {
    let doc = sample_document();
    let numbers: Vec<u32> = doc.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, (1..=9).collect::<Vec<_>>());
    assert_eq!(doc.sections[0].title, "Resultaten");
    assert_eq!(
        doc.section_of(SectionKind::Agreements).map(|s| s.number),
        Some(7)
    );
    assert_eq!(
        doc.section_of(SectionKind::SignOff).map(|s| s.number),
        Some(9)
    );
    assert!(doc.section_of(SectionKind::LookBack).is_none());
    assert_eq!(doc.participants.len(), 3);
    assert_eq!(doc.participants[2].name, "Noëlle van den Berg");
    assert_eq!(doc.agreements.len(), 3);
    assert_eq!(doc.previous_agreements[0].outcome, "done");
    assert_eq!(doc.scans[0].report.attention.len(), 1);
    assert!(doc.fully_signed());
    assert_eq!(doc.language, Language::Nl);
}

#[test]
fn sections_are_sorted_by_number_and_equal_numbers_keep_their_order() {
    let mut sections = seed_sections();
    sections.reverse();
    let mut builder = RecordDocument::builder("Gesprek", "", "Piet");
    for s in sections {
        builder = builder.section(s);
    }
    builder = builder
        .section(section(3, "Derde b", &[], SectionKind::Text, ""))
        .section(section(3, "Derde c", &[], SectionKind::Text, ""));
    let doc = builder.build();
    let titles: Vec<&str> = doc
        .sections
        .iter()
        .filter(|s| s.number == 3)
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Ondersteuning en aansturing door het bestuur",
            "Derde b",
            "Derde c"
        ]
    );
    assert!(doc.sections.windows(2).all(|w| w[0].number <= w[1].number));
}

#[test]
fn written_text_is_tidied_and_the_sign_off_section_holds_none() {
    let doc = sample_document();
    assert_eq!(
        doc.sections[0].text,
        "De vertaling van bestuurlijke opdrachten naar de bedrijfsvoering verloopt goed.\n\
         In het MT is de inbreng sterk; extern kan de secretaris zich meer profileren."
    );
    assert_eq!(tidy_text("\n\n  a  \r\n\r\n b\rc \n \n"), "  a\n\n b\nc");
    assert_eq!(tidy_text(" \r\n\t\n"), "");
    let signed = RecordDocument::builder("G", "", "P")
        .section(section(
            9,
            "Voor accoord",
            &[],
            SectionKind::SignOff,
            "stray",
        ))
        .build();
    assert_eq!(signed.sections[0].text, "");
}

#[test]
fn empty_agreements_are_left_out_and_names_trimmed() {
    let doc = RecordDocument::builder(" Gesprek ", " ", "  Piet Jansen ")
        .agreement("  ", " ", "2026-01-01")
        .agreement("Cursus", "", "")
        .agreement("", " Piet ", "")
        .participant(" secretaris ", " Piet Jansen ")
        .build();
    assert_eq!(doc.agreements.len(), 2);
    assert_eq!(doc.agreements[1].who, "Piet");
    assert_eq!(doc.type_name, "Gesprek");
    assert_eq!(
        doc.type_name_en, "Gesprek",
        "no English name: the Dutch one"
    );
    assert_eq!(doc.type_name_in(Language::En), "Gesprek");
    assert_eq!(doc.subject_name, "Piet Jansen");
    assert_eq!(doc.participants[0].role_name, "secretaris");
    assert_eq!(doc.state, "planned");
    assert!(!doc.fully_signed(), "no signing roles: not signed");
}

#[test]
fn fully_signed_needs_every_line() {
    let doc = RecordDocument::builder("G", "", "P")
        .signer("burgemeester", "A", Some(1))
        .signer("secretaris", "B", None)
        .build();
    assert!(!doc.fully_signed());
}

#[test]
fn dates_and_times_are_dutch_local_time() {
    let at = winter_time(2026, 3, 3, 14, 0);
    assert_eq!(
        local_date_time(at),
        (
            crate::domain::calendar::Date {
                year: 2026,
                month: 3,
                day: 3
            },
            14,
            0
        )
    );
    assert_eq!(
        date_time_text(at, Language::Nl),
        "dinsdag 3 maart 2026 om 14:00"
    );
    assert_eq!(
        date_time_text(at, Language::En),
        "Tuesday 3 March 2026 at 14:00"
    );
    // Summer time: 12:05 UTC is 14:05 in Amsterdam.
    let summer = crate::domain::calendar::Date {
        year: 2026,
        month: 7,
        day: 1,
    }
    .days_since_epoch()
        * 86_400
        + 12 * 3_600
        + 5 * 60;
    assert_eq!(
        date_time_text(summer, Language::Nl),
        "woensdag 1 juli 2026 om 14:05"
    );
    // Just before midnight UTC is the next day in Amsterdam.
    let late = winter_time(2026, 12, 31, 23, 30) + 3_600;
    assert_eq!(date_text(late, Language::Nl), "vrijdag 1 januari 2027");
}

#[test]
fn due_dates_lose_their_weekday_and_other_text_stays() {
    assert_eq!(due_text("2026-12-31", Language::Nl), "31 december 2026");
    assert_eq!(due_text("2026-06-01", Language::En), "1 June 2026");
    assert_eq!(due_text("", Language::Nl), "");
    assert_eq!(due_text("na de zomer", Language::Nl), "na de zomer");
    assert_eq!(due_text("2026-02-30", Language::Nl), "2026-02-30");
}

#[test]
fn durations_read_as_hours_and_minutes() {
    assert_eq!(duration_text(90, Language::Nl), "1 uur en 30 minuten");
    assert_eq!(duration_text(90, Language::En), "1 hour and 30 minutes");
    assert_eq!(duration_text(120, Language::Nl), "2 uur");
    assert_eq!(duration_text(120, Language::En), "2 hours");
    assert_eq!(duration_text(60, Language::En), "1 hour");
    assert_eq!(duration_text(45, Language::Nl), "45 minuten");
    assert_eq!(duration_text(61, Language::Nl), "1 uur en 1 minuut");
    assert_eq!(duration_text(1, Language::En), "1 minute");
}

#[test]
fn every_state_and_outcome_has_words_in_both_languages() {
    for code in [
        "planned",
        "agenda_sent",
        "held",
        "summary_proposed",
        "approved",
        "archived",
        "removed",
    ] {
        let (nl, en) = (
            state_label(code, Language::Nl),
            state_label(code, Language::En),
        );
        assert!(nl != code && en != code && nl != en, "{code}: {nl} / {en}");
    }
    assert_eq!(state_label("weird", Language::Nl), "weird");
    assert!(is_final("approved") && is_final("archived"));
    assert!(!is_final("summary_proposed") && !is_final("held"));
    for code in ["", "done", "partly", "not_done", "continued"] {
        let (nl, en) = (
            outcome_label(code, Language::Nl),
            outcome_label(code, Language::En),
        );
        assert!(!nl.is_empty() && !en.is_empty() && nl != en, "{code}");
    }
    assert_eq!(outcome_label("done", Language::Nl), "Nagekomen");
}

#[test]
fn every_label_has_distinct_dutch_and_english_words() {
    for l in Label::ALL {
        let (nl, en) = (label(l, Language::Nl), label(l, Language::En));
        assert!(!nl.is_empty() && !en.is_empty(), "{l:?}");
        // "Status" is the same word in both languages.
        assert!(nl != en || l == Label::State, "{l:?}: {nl}");
    }
    assert_eq!(Label::SignOff.text(Language::Nl), "Voor accoord");
    assert_eq!(Label::KeptUntil.text(Language::Nl), "Bewaard tot");
}

#[test]
fn the_document_round_trips_through_json() {
    let doc = sample_document();
    let json = serde_json::to_string(&doc).unwrap();
    let back: RecordDocument = serde_json::from_str(&json).unwrap();
    assert_eq!(back, doc);
    assert!(json.contains("\"kind\":\"sign_off\""), "{json}");
}

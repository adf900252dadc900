use std::collections::HashSet;

use proptest::prelude::*;

use super::*;
use crate::domain::account::Email;
use crate::domain::informants::{MAX_NAME_CHARS, parse_address, subject_invitation};
use crate::domain::scan::default_groups;

fn subject() -> Email {
    Email::parse("gs@gemeente.nl").unwrap()
}

fn parse_with(input: &str, existing: &[&str]) -> Preview {
    let groups = default_groups("gemeentesecretaris");
    let subject = subject();
    let existing: HashSet<Email> = existing.iter().map(|e| Email::parse(e).unwrap()).collect();
    let ctx = InformantContext {
        groups: &groups,
        subject_email: &subject,
        existing: &existing,
    };
    parse_informant_list(input, &ctx).expect("within limits")
}

fn parse(input: &str) -> Preview {
    parse_with(input, &[])
}

fn ok(line: &PreviewLine) -> (&str, &str, &str) {
    let i = line.outcome.as_ref().unwrap_or_else(|e| panic!("{e}"));
    (i.name.as_str(), i.email.as_str(), i.group.as_str())
}

fn err(line: &PreviewLine) -> &InformantError {
    line.outcome.as_ref().expect_err("line should be rejected")
}

#[test]
fn name_with_angle_address_and_label() {
    let p = parse("Piet Jansen <Piet@Gemeente.nl>, collega's");
    assert_eq!(p.lines.len(), 1);
    assert_eq!(p.lines[0].line_no, 1);
    assert_eq!(p.lines[0].raw, "Piet Jansen <Piet@Gemeente.nl>, collega's");
    assert_eq!(
        ok(&p.lines[0]),
        ("Piet Jansen", "piet@gemeente.nl", "colleagues")
    );
    assert!(p.is_clean());
}

#[test]
fn bare_address_and_group_id() {
    let p = parse("piet@gemeente.nl, staff\nklaas@gemeente.nl;board\njan@gemeente.nl\tothers");
    let got: Vec<_> = p.lines.iter().map(ok).collect();
    assert_eq!(
        got,
        [
            ("", "piet@gemeente.nl", "staff"),
            ("", "klaas@gemeente.nl", "board"),
            ("", "jan@gemeente.nl", "others"),
        ]
    );
}

#[test]
fn three_columns_and_quoted_names() {
    let p = parse(
        "Piet Jansen, piet@gemeente.nl, medewerkers\n\
         \"Jansen, Klaas\" <klaas@gemeente.nl>, college\n\
         Jansen, Anna <anna@gemeente.nl>, MT",
    );
    assert_eq!(
        ok(&p.lines[0]),
        ("Piet Jansen", "piet@gemeente.nl", "staff")
    );
    assert_eq!(
        ok(&p.lines[1]),
        ("Jansen, Klaas", "klaas@gemeente.nl", "board")
    );
    assert_eq!(
        ok(&p.lines[2]),
        ("Jansen, Anna", "anna@gemeente.nl", "colleagues")
    );
}

#[test]
fn csv_with_dutch_header() {
    let p = parse(
        "naam,email,groep\nPiet Jansen,piet@gemeente.nl,collega's\n\"Jansen, Klaas\",klaas@gemeente.nl,Medewerkers\n",
    );
    assert_eq!(p.lines.len(), 2);
    assert_eq!(p.lines[0].line_no, 2);
    assert_eq!(
        ok(&p.lines[0]),
        ("Piet Jansen", "piet@gemeente.nl", "colleagues")
    );
    assert_eq!(p.lines[1].line_no, 3);
    assert_eq!(
        p.lines[1].raw,
        "\"Jansen, Klaas\",klaas@gemeente.nl,Medewerkers"
    );
    assert_eq!(
        ok(&p.lines[1]),
        ("Jansen, Klaas", "klaas@gemeente.nl", "staff")
    );
}

#[test]
fn csv_with_english_header_other_order_semicolons_and_bom() {
    let p = parse(
        "\u{feff}# export uit Excel\r\nGroup;E-mail;Name;Afdeling\r\n\r\nstaff;piet@gemeente.nl;Piet;Burgerzaken\r\n;;;\r\n# klaar\r\nboard;wethouder@gemeente.nl;;\r\n",
    );
    assert_eq!(p.lines.len(), 2, "{:?}", p.lines);
    assert_eq!(p.lines[0].line_no, 4);
    assert_eq!(p.lines[0].raw, "staff;piet@gemeente.nl;Piet;Burgerzaken");
    assert_eq!(ok(&p.lines[0]), ("Piet", "piet@gemeente.nl", "staff"));
    assert_eq!(p.lines[1].line_no, 7);
    assert_eq!(ok(&p.lines[1]), ("", "wethouder@gemeente.nl", "board"));
}

#[test]
fn csv_with_tabs_and_without_group_column() {
    let p = parse("e-mailadres\tnaam\npiet@gemeente.nl\tPiet\n");
    assert_eq!(err(&p.lines[0]), &InformantError::MissingGroup { line: 2 });
}

#[test]
fn csv_bad_rows_are_marked() {
    let p = parse(
        "name,email,group\nPiet,piet@gemeente,staff\nKlaas,,staff\nAnna,anna@gemeente.nl,\nJan,jan@gemeente.nl,bakkers\n",
    );
    let errors: Vec<_> = p.errors().cloned().collect();
    assert_eq!(errors.len(), 4);
    assert_eq!(
        errors[0],
        InformantError::MalformedAddress {
            line: 2,
            address: "piet@gemeente".into()
        }
    );
    assert_eq!(errors[1], InformantError::MissingEmail { line: 3 });
    assert_eq!(errors[2], InformantError::MissingGroup { line: 4 });
    assert!(
        matches!(&errors[3], InformantError::UnknownGroup { line: 5, given, .. } if given == "bakkers")
    );
}

#[test]
fn blank_lines_comments_and_windows_line_endings() {
    let p = parse(
        "# informanten voor de scan\r\n\r\n   \r\npiet@gemeente.nl, staff\r\n  # nog een\r\nklaas@gemeente.nl, board\r\n",
    );
    assert_eq!(p.lines.len(), 2);
    assert_eq!(p.lines[0].line_no, 4);
    assert_eq!(p.lines[0].raw, "piet@gemeente.nl, staff");
    assert_eq!(p.lines[1].line_no, 6);
    assert_eq!(ok(&p.lines[1]).2, "board");
    assert!(parse("").lines.is_empty());
    assert!(parse("\n\n# niets\n").lines.is_empty());
}

#[test]
fn tricky_addresses() {
    let good = [
        ("o'brien@gemeente.nl", "o'brien@gemeente.nl"),
        ("Piet.Jansen+360@Gemeente.NL", "piet.jansen+360@gemeente.nl"),
        (
            "p.jansen@sub.gemeente-maastricht.nl",
            "p.jansen@sub.gemeente-maastricht.nl",
        ),
        ("  piet@gemeente.nl  ", "piet@gemeente.nl"),
    ];
    for (given, expected) in good {
        let p = parse(&format!("{given}, staff"));
        assert_eq!(ok(&p.lines[0]).1, expected, "{given:?}");
    }
    let bad = [
        "piet@gemeente",
        "piet@@gemeente.nl",
        "piet@gemeente.",
        ".piet@gemeente.nl",
        "piet..jansen@gemeente.nl",
        "piet jansen@gemeente.nl",
        "piet@[10.0.0.1]",
        "\"piet jansen\"@gemeente.nl",
        "mailto:piet@gemeente.nl",
        "Piet <piet@gemeente.nl",
        "<piet@gemeente.nl>>",
    ];
    for given in bad {
        let p = parse(&format!("{given}, staff"));
        assert!(
            matches!(
                err(&p.lines[0]),
                InformantError::MalformedAddress { line: 1, .. }
            ),
            "{given:?}: {:?}",
            p.lines[0].outcome
        );
    }
}

#[test]
fn display_name_inside_angle_brackets_only_once() {
    // The parser takes the part in brackets; the display-name form is not an address.
    assert_eq!(parse_address("Piet <piet@gemeente.nl>"), None);
    assert_eq!(
        parse_address("piet@gemeente.nl").unwrap().as_str(),
        "piet@gemeente.nl"
    );
    let p = parse("<piet@gemeente.nl>, staff");
    assert_eq!(ok(&p.lines[0]), ("", "piet@gemeente.nl", "staff"));
}

#[test]
fn missing_email_and_group() {
    let p = parse("Piet Jansen, staff\npiet@gemeente.nl\npiet@gemeente.nl,\n, staff");
    assert_eq!(err(&p.lines[0]), &InformantError::MissingEmail { line: 1 });
    assert_eq!(err(&p.lines[1]), &InformantError::MissingGroup { line: 2 });
    assert_eq!(err(&p.lines[2]), &InformantError::MissingGroup { line: 3 });
    assert_eq!(err(&p.lines[3]), &InformantError::MissingEmail { line: 4 });
}

#[test]
fn unknown_group_lists_the_usable_ones() {
    let p = parse("piet@gemeente.nl, bakkers");
    let InformantError::UnknownGroup {
        line,
        given,
        known_nl,
        known_en,
    } = err(&p.lines[0])
    else {
        panic!("{:?}", p.lines[0]);
    };
    assert_eq!((*line, given.as_str()), (1, "bakkers"));
    assert_eq!(known_nl.len(), 4);
    assert!(known_nl.contains(&"Medewerkers".to_owned()));
    assert!(!known_nl.contains(&"Zelf".to_owned()));
    assert!(known_en.contains(&"Staff".to_owned()));
    assert!(err(&p.lines[0]).message_nl().contains("Medewerkers"));
    assert!(err(&p.lines[0]).to_string().contains("Staff"));
}

#[test]
fn duplicates_in_the_list_ignore_case() {
    let p = parse(
        "piet@gemeente.nl, staff\nbad-address, staff\nPIET@Gemeente.NL, board\nPiet <piet@GEMEENTE.nl>, others",
    );
    assert!(p.lines[0].outcome.is_ok());
    assert_eq!(
        err(&p.lines[2]),
        &InformantError::DuplicateInList {
            line: 3,
            email: Email::parse("piet@gemeente.nl").unwrap(),
            first_line: 1
        }
    );
    assert!(matches!(
        err(&p.lines[3]),
        InformantError::DuplicateInList {
            line: 4,
            first_line: 1,
            ..
        }
    ));
    assert_eq!(p.informants().count(), 1);
}

#[test]
fn a_rejected_line_does_not_count_as_first() {
    let p = parse("piet@gemeente.nl, bakkers\npiet@gemeente.nl, staff");
    assert!(p.lines[0].outcome.is_err());
    assert!(p.lines[1].outcome.is_ok());
}

#[test]
fn already_invited_ignores_case() {
    let p = parse_with(
        "Piet@Gemeente.nl, staff\nklaas@gemeente.nl, staff",
        &["piet@gemeente.nl"],
    );
    assert_eq!(
        err(&p.lines[0]),
        &InformantError::AlreadyInvited {
            line: 1,
            email: Email::parse("piet@gemeente.nl").unwrap()
        }
    );
    assert!(p.lines[1].outcome.is_ok());
}

#[test]
fn subject_and_self_group() {
    let p = parse("GS@gemeente.nl, staff\npiet@gemeente.nl, zelf\ngs@gemeente.nl, self");
    assert_eq!(
        err(&p.lines[0]),
        &InformantError::SubjectInOtherGroup {
            line: 1,
            email: subject()
        }
    );
    assert_eq!(
        err(&p.lines[1]),
        &InformantError::SelfGroupReserved { line: 2 }
    );
    assert_eq!(
        err(&p.lines[2]),
        &InformantError::SelfGroupReserved { line: 3 }
    );
    let groups = default_groups("maastricht-2014");
    let own = subject_invitation(" Gemeentesecretaris ", &subject(), &groups).unwrap();
    assert_eq!(
        (own.name.as_str(), own.email.as_str(), own.group.as_str()),
        ("Gemeentesecretaris", "gs@gemeente.nl", "self")
    );
    assert_eq!(subject_invitation("x", &subject(), &groups[1..]), None);
}

#[test]
fn name_too_long() {
    let name = "n".repeat(MAX_NAME_CHARS + 1);
    let p = parse(&format!("{name} <piet@gemeente.nl>, staff"));
    assert_eq!(
        err(&p.lines[0]),
        &InformantError::NameTooLong {
            line: 1,
            max: MAX_NAME_CHARS
        }
    );
}

#[test]
fn whole_input_limits() {
    let groups = default_groups("gemeentesecretaris");
    let subject = subject();
    let existing = HashSet::new();
    let ctx = InformantContext {
        groups: &groups,
        subject_email: &subject,
        existing: &existing,
    };
    let huge = "x".repeat(MAX_INPUT_BYTES + 1);
    assert_eq!(
        parse_informant_list(&huge, &ctx),
        Err(InformantError::InputTooLarge {
            bytes: MAX_INPUT_BYTES + 1,
            max: MAX_INPUT_BYTES
        })
    );
    // Exactly the limit of lines, with comments between, is fine.
    let list: String = (0..MAX_LINES)
        .map(|i| format!("# {i}\np{i}@gemeente.nl, staff\n"))
        .collect();
    let preview = parse_informant_list(&list, &ctx).unwrap();
    assert_eq!(preview.informants().count(), MAX_LINES);
    let over = format!("{list}extra@gemeente.nl, staff\n");
    assert_eq!(
        parse_informant_list(&over, &ctx),
        Err(InformantError::TooManyLines {
            line: 2 * MAX_LINES + 1,
            max: MAX_LINES
        })
    );
    let csv_over = format!(
        "email,group\n{}",
        (0..=MAX_LINES)
            .map(|i| format!("p{i}@gemeente.nl,staff\n"))
            .collect::<String>()
    );
    assert_eq!(
        parse_informant_list(&csv_over, &ctx),
        Err(InformantError::TooManyLines {
            line: MAX_LINES + 2,
            max: MAX_LINES
        })
    );
}

/// Builds list lines from pieces that are sometimes good, sometimes not.
fn line_strategy() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec![
        "",
        "Piet Jansen",
        "\"Jansen, Piet\"",
        "Ànne-Marie O'Brien",
    ]);
    let email = prop_oneof![
        "[a-z]{1,8}@[a-z]{1,8}\\.nl",
        "[A-Z][a-z.+']{0,8}@gemeente\\.[a-z]{2,3}",
        "\\PC{0,30}",
        "[a-z@.<> \"]{0,20}",
    ];
    let group = prop::sample::select(vec![
        "staff",
        "Medewerkers",
        "collega's",
        "zelf",
        "",
        "bakkers",
        "COLLEGE",
    ]);
    let sep = prop::sample::select(vec![", ", ";", "\t", ",,"]);
    (name, email, group, sep, any::<bool>()).prop_map(|(name, email, group, sep, angle)| {
        if angle {
            format!("{name} <{email}>{sep}{group}")
        } else {
            format!("{email}{sep}{group}")
        }
    })
}

proptest! {
    #[test]
    fn parser_never_panics_on_anything(input in "\\PC{0,400}") {
        let _ = parse_with(&input, &["a@b.nl"]);
    }

    #[test]
    fn parser_never_panics_on_csv_like_input(
        header in prop::sample::select(vec!["naam,email,groep", "Group;E-mail", "email\tname", "x,y"]),
        rows in prop::collection::vec("[a-z@.,;\"\t <>#\r]{0,30}", 0..20),
    ) {
        let input = format!("{header}\n{}", rows.join("\n"));
        let _ = parse(&input);
    }

    #[test]
    fn accepted_addresses_are_always_valid(lines in prop::collection::vec(line_strategy(), 1..30)) {
        let input = lines.join("\r\n");
        let preview = parse(&input);
        let expected = lines.iter().filter(|l| !is_skipped(l)).count();
        prop_assert_eq!(preview.lines.len(), expected);
        let mut seen = HashSet::new();
        for line in &preview.lines {
            prop_assert!(line.line_no >= 1 && line.line_no <= lines.len());
            match &line.outcome {
                Ok(informant) => {
                    let address = informant.email.as_str();
                    prop_assert!(email_address::EmailAddress::is_valid(address), "{}", address);
                    prop_assert_eq!(parse_address(address), Some(informant.email.clone()));
                    prop_assert!(!address.contains(['<', '>', ' ', '"', ',', ';']));
                    prop_assert_eq!(address.to_lowercase(), address);
                    prop_assert!(address != subject().as_str());
                    prop_assert!(informant.group != "self");
                    prop_assert!(seen.insert(informant.email.clone()), "duplicate accepted");
                }
                Err(error) => prop_assert_eq!(error.line(), line.line_no),
            }
        }
    }

    #[test]
    fn addresses_without_exactly_one_at_are_never_accepted(
        local in "[a-z0-9.@ ]{0,10}",
        domain in "[a-z0-9.@ ]{0,10}",
    ) {
        let address = format!("{local}{domain}");
        prop_assume!(address.matches('@').count() != 1);
        let preview = parse(&format!("{address}, staff"));
        for line in &preview.lines {
            prop_assert!(line.outcome.is_err());
        }
    }
}

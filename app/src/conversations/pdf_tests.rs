//! The record's PDF read back by a PDF reader (poppler's `pdftotext`, installed by the CI
//! tools): it says what the record says, in the form's order, in Dutch or English labels.
//! `pdftotext -layout` keeps a line of the page one line of text, so a label is read next to
//! its value and a table row as a row; white space is then made one space before comparing.

use super::*;
use crate::domain::record_document::fixture::{sample_document, section};

/// The text of a PDF, read by poppler's `pdftotext` line by line as laid out; pages end with a
/// form feed.
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("verslag.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils) is installed");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// `text` with every run of white space (line and page breaks too) made one space.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where the first `needle` (white space normalised) in `haystack` (normalised) after `from`
/// ends; fails the test when there is none.
fn find_after(haystack: &str, needle: &str, from: usize) -> usize {
    let needle = words(needle);
    haystack[from..]
        .find(&needle)
        .map(|at| from + at + needle.len())
        .unwrap_or_else(|| panic!("{needle:?} missing after {from} in:\n{haystack}"))
}

/// The pages of a `pdftotext` output.
fn pages(text: &str) -> Vec<String> {
    text.split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(words)
        .collect()
}

#[test]
fn the_sample_record_reads_back_as_the_form_of_seed_001_in_order() {
    let doc = sample_document();
    let pdf = record_pdf(&doc, Language::Nl).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = words(&pdf_text(&pdf));
    let mut at = find_after(&text, "Formulier Functioneringsgesprek B&W - Secretaris", 0);
    for needle in [
        "Betreft",
        "Noëlle van den Berg",
        "Datum gesprek",
        "dinsdag 3 maart 2026 om 14:00",
        "Burgemeesterskamer, stadhuis",
        "1 uur en 30 minuten",
        "Deelnemers",
        "1. Anna de Wit (burgemeester)",
        "2. Joost Meijer (wethouder P&O)",
        "3. Noëlle van den Berg (secretaris)",
        "Goedgekeurd",
        "Terugblik op de afspraken van het vorige gesprek",
        "Profiel van de externe rol",
        "1 september",
        "Nagekomen",
        "uitwerken",
        "Besproken in de raadscommissie.",
        "1. Resultaten",
        "Hoe verloopt de vertaling van het bestuurlijke niveau naar dat van de bedrijfsvoering?",
        "a. in het college/de raad(scommissies);",
        "c. extern (profilering/ambassadeursfunctie).",
        "Toelichting/opmerkingen:",
        "De vertaling van bestuurlijke opdrachten naar de bedrijfsvoering verloopt goed.",
        "extern kan de secretaris zich meer profileren.",
        "2. Vooruitkijken naar de gewenste resultaten",
        "Het college vraagt een sterkere regie op de organisatieontwikkeling.",
        "3. Ondersteuning en aansturing door het bestuur",
        "4. Werkomstandigheden",
        "5. Gewenste vorming/opleiding/ondersteuning",
        "6. Overige gesprekspunten",
        "(vooraf in te brengen door burgemeester/wethouder P&O resp. secretaris)",
        "7. Samenvatting afspraken",
        "Drie afspraken, zie de tabel.",
        "Afspraak",
        "Leergang strategisch leiderschap volgen",
        "31 december 2026",
        "Maandelijks overleg burgemeester en secretaris",
        // A cell that wraps: its first line, the row's other cells, then its second line.
        "Taakverdeling bestuursondersteuning",
        "Joost Meijer 1 juni 2026",
        "op papier zetten",
        "8. Korte evaluatie van het gesprek",
        "Een open gesprek in goede sfeer.",
        "9. Voor accoord:",
        "burgemeester,",
        "Anna de Wit",
        "dinsdag 10 maart 2026",
        "wethouder P&O,",
        "Joost Meijer",
        "woensdag 11 maart 2026",
        "secretaris,",
        "Noëlle van den Berg",
        "donderdag 12 maart 2026",
        "Goedgekeurd op donderdag 12 maart 2026",
        "Ter kennis gebracht van Bram Özdemir (vrijdag 13 maart 2026)",
        "Bewaard tot maandag 12 maart 2029",
        "Bijlage: 360°-feedback over Noëlle van den Berg",
        "Scan gesloten op zaterdag 14 februari 2026",
        "Bijgevoegd op vrijdag 20 februari 2026",
        "Verschil tussen zelfbeeld en anderen",
        "Bestuurssensitiviteit",
        "\u{2212}1,25",
        "Aandachtspunten en ontwikkeltips",
        "Vraag de wethouders na elk collegeoverleg om feedback.",
    ] {
        at = find_after(&text, needle, at);
    }
}

#[test]
fn every_page_has_the_person_confidential_the_retention_date_and_its_number() {
    let text = pdf_text(&record_pdf(&sample_document(), Language::Nl).unwrap());
    let pages = pages(&text);
    assert!(pages.len() >= 2, "{}", pages.len());
    let count = pages.len();
    for (i, page) in pages.iter().enumerate() {
        for needle in [
            "Noëlle van den Berg".to_owned(),
            "Vertrouwelijk".to_owned(),
            "Bewaard tot maandag 12 maart 2029".to_owned(),
            format!("pagina {} van {count}", i + 1),
        ] {
            assert!(
                page.contains(&needle),
                "page {}: {needle:?} in {page}",
                i + 1
            );
        }
    }
}

#[test]
fn an_empty_section_still_prints_its_prompts_and_says_nothing_was_written() {
    let text = words(&pdf_text(
        &record_pdf(&sample_document(), Language::Nl).unwrap(),
    ));
    let start = find_after(&text, "4. Werkomstandigheden", 0);
    let end = find_after(&text, "5. Gewenste vorming", start);
    let section = &text[start..end];
    for needle in [
        "Zijn de taken van de secretaris voor eenieder helder en inzichtelijk?",
        "Zijn de taken reëel uitvoerbaar en in evenwicht?",
        "Toelichting/opmerkingen:",
        "(niets ingevuld)",
    ] {
        assert!(section.contains(needle), "{needle:?} in {section}");
    }
    // A section with text does not say it is empty.
    let first = &text[find_after(&text, "1. Resultaten", 0)..start];
    assert!(!first.contains("(niets ingevuld)"), "{first}");
}

#[test]
fn dutch_characters_survive_the_round_trip() {
    let text = words(&pdf_text(
        &record_pdf(&sample_document(), Language::Nl).unwrap(),
    ));
    for needle in [
        "geëxpliciteerd",
        "De secretaris’ wens om maandelijks met de burgemeester te overleggen",
        "Gespreksthema’s van de secretaris",
        "Bram Özdemir",
        "Noëlle",
        "360°-feedback",
    ] {
        find_after(&text, needle, 0);
    }
}

/// The sample with `lines` numbered lines as the text of section 1.
fn with_long_text(lines: usize) -> RecordDocument {
    let mut doc = sample_document();
    doc.sections[0].text = (1..=lines)
        .map(|i| format!("Regel {i} van het verslag over de resultaten van dit jaar."))
        .collect::<Vec<_>>()
        .join("\n");
    doc
}

#[test]
fn a_long_text_flows_over_pages_without_losing_a_line() {
    let doc = with_long_text(150);
    let text = pdf_text(&record_pdf(&doc, Language::Nl).unwrap());
    let long_pages = pages(&text);
    let first = long_pages
        .iter()
        .position(|p| p.contains("Regel 1 van het verslag"))
        .expect("the first line");
    let last = long_pages
        .iter()
        .position(|p| p.contains("Regel 150 van het verslag"))
        .expect("the last line");
    assert!(
        last >= first + 2,
        "150 lines take three pages: {first} → {last}"
    );
    let all = words(&text);
    let mut at = 0;
    for i in 1..=150 {
        at = find_after(&all, &format!("Regel {i} van het verslag"), at);
    }
    // Section 2 follows the long text.
    find_after(&all, "2. Vooruitkijken naar de gewenste resultaten", at);
    let short = pdf_text(&record_pdf(&sample_document(), Language::Nl).unwrap());
    assert!(long_pages.len() > pages(&short).len());
}

#[test]
fn the_sign_off_block_is_never_split_over_pages() {
    // Push the block down the page a few lines at a time, past a page break.
    let mut seen_breaks = 0;
    let mut previous_page = None;
    for filler in (0..70).step_by(3) {
        let mut doc = sample_document();
        doc.sections[7].text = (0..filler)
            .map(|i| format!("Evaluatieregel {i}."))
            .collect::<Vec<_>>()
            .join("\n");
        let pages = pages(&pdf_text(&record_pdf(&doc, Language::Nl).unwrap()));
        let page = pages
            .iter()
            .position(|p| p.contains("9. Voor accoord:"))
            .expect("the sign-off heading");
        let block = &pages[page];
        let start = block.find("9. Voor accoord:").unwrap();
        for needle in [
            "burgemeester, Anna de Wit dinsdag 10 maart 2026",
            "secretaris, Noëlle van den Berg donderdag 12 maart 2026",
            "Goedgekeurd op donderdag 12 maart 2026",
            "Bewaard tot maandag 12 maart 2029",
        ] {
            assert!(
                block[start..].contains(needle),
                "filler {filler}: {needle:?} not with the heading on page {}: {block}",
                page + 1
            );
        }
        if previous_page.is_some_and(|p| p != page) {
            seen_breaks += 1;
        }
        previous_page = Some(page);
    }
    assert!(
        seen_breaks > 0,
        "the filler never moved the block to a new page"
    );
}

#[test]
fn english_labels_around_the_dutch_form() {
    let text = words(&pdf_text(
        &record_pdf(&sample_document(), Language::En).unwrap(),
    ));
    let mut at = find_after(&text, "Form: Performance review Executive – Secretary", 0);
    for needle in [
        "About",
        "Date of the conversation",
        "Tuesday 3 March 2026 at 14:00",
        "1 hour and 30 minutes",
        "Participants",
        "Status Approved",
        "Looking back on the previous conversation's agreements",
        "Done",
        // The form's own words stay as written.
        "1. Resultaten",
        "Toelichting/opmerkingen:",
        "7. Samenvatting afspraken",
        "Agreement Who By",
        "31 December 2026",
        "9. Voor accoord:",
        "Role Name Signed on",
        "Tuesday 10 March 2026",
        "Approved on Thursday 12 March 2026",
        "Shared with",
        "Kept until Monday 12 March 2029",
        "Attachment: 360° feedback on Noëlle van den Berg",
        "Gap between self-view and others",
        "Points of attention and development tips",
    ] {
        at = find_after(&text, needle, at);
    }
    assert!(text.contains("Confidential") && text.contains("page 1 of"));
    assert!(!text.contains("Vertrouwelijk") && !text.contains("pagina 1 van"));
}

#[test]
fn a_draft_says_so_on_every_page_and_shows_who_has_not_signed() {
    let mut doc = sample_document();
    doc.state = "summary_proposed".to_owned();
    doc.approved_at = None;
    doc.keep_until = None;
    doc.readers.clear();
    doc.sign_off[2].signed_at = None;
    let text = pdf_text(&record_pdf(&doc, Language::Nl).unwrap());
    for page in pages(&text) {
        assert!(page.contains("Concept · Verslag ter goedkeuring"), "{page}");
        assert!(!page.contains("Bewaard tot"), "{page}");
    }
    let all = words(&text);
    find_after(&all, "secretaris, Noëlle van den Berg nog niet getekend", 0);
    find_after(&all, "Goedgekeurd op nog niet goedgekeurd", 0);
    assert!(!all.contains("Ter kennis gebracht van"));
}

#[test]
fn a_form_without_agreements_or_sign_off_sections_still_prints_both() {
    let doc = RecordDocument::builder("Raadslidgesprek", "", "Piet Jansen")
        .state("held")
        .participant("fractievoorzitter", "Els Mulder")
        .section(section(
            1,
            "Terugblik",
            &["Hoe ging het afgelopen jaar?"],
            SectionKind::Text,
            "",
        ))
        .agreement("Cursus debatteren", "Piet Jansen", "2026-10-01")
        .signer("raadslid", "Piet Jansen", None)
        .build();
    let text = words(&pdf_text(&record_pdf(&doc, Language::Nl).unwrap()));
    let mut at = find_after(&text, "Formulier Raadslidgesprek", 0);
    for needle in [
        "Datum gesprek –",
        "1. Terugblik",
        "Hoe ging het afgelopen jaar?",
        "(niets ingevuld)",
        "Afspraken",
        "Cursus debatteren Piet Jansen 1 oktober 2026",
        "Voor accoord:",
        "raadslid, Piet Jansen nog niet getekend",
    ] {
        at = find_after(&text, needle, at);
    }
    assert!(
        !text.contains("Terugblik op de afspraken"),
        "no previous agreements, no block"
    );
    assert!(!text.contains("Bijlage"), "no scan, no attachment");
}

#[test]
fn the_laid_out_order_puts_the_table_in_section_7_and_the_scan_after_the_sign_off() {
    let (layout, title) = lay_out(&sample_document(), Language::Nl).unwrap();
    assert_eq!(title, "Formulier Functioneringsgesprek B&W - Secretaris");
    let texts = layout.texts();
    let index = |needle: &str| {
        texts
            .iter()
            .position(|t| t.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} in {texts:?}"))
    };
    let seven = index("7. Samenvatting afspraken");
    let table = index("Leergang strategisch leiderschap volgen");
    let eight = index("8. Korte evaluatie van het gesprek");
    let nine = index("9. Voor accoord:");
    let scan = index("Bijlage:");
    assert!(seven < table && table < eight && eight < nine && nine < scan);
    assert_eq!(
        texts
            .iter()
            .filter(|t| t.contains("Leergang strategisch"))
            .count(),
        1,
        "the agreements are printed once"
    );
}

//! The report's documents over HTTP for a real closed scan: the gap chart's SVG with every
//! competency's name whole, its gaps in Dutch and text large enough to print, and the PDF of
//! the report (read back with poppler's `pdftotext`), for its readers only.

use crate::support;

use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};

use support::scans::open_scan_read_by;
use support::{TestApp, location, signed_in_admin};

const READER: &str = "lezer@gemeente.nl";
const OUTSIDER: &str = "buiten@gemeente.nl";

/// A closed scan of Piet Jansen read by READER: self rates 5 and 4 in turn, three colleagues
/// and three staff rate 3, 4 and 2 in turn, so the gaps differ per competency.
async fn closed_scan(app: &TestApp) -> String {
    let informants = [
        ("anna", "colleagues"),
        ("bram", "colleagues"),
        ("cees", "colleagues"),
        ("eva", "staff"),
        ("fien", "staff"),
        ("gijs", "staff"),
    ];
    let (id, opened) = open_scan_read_by(app, READER, &informants).await;
    assert!(opened.contains("gedaan=geopend"), "{opened}");
    app.submit_scores(&id, "self", &[5, 4]).await;
    for group in [
        "colleagues",
        "colleagues",
        "colleagues",
        "staff",
        "staff",
        "staff",
    ] {
        app.submit_scores(&id, group, &[3, 4, 2]).await;
    }
    let r = app.scan_action("close", &id).await;
    assert_eq!(location(&r), format!("/scans/{id}?gedaan=gesloten#actions"));
    id
}

/// The Dutch names of the scan's competencies.
async fn competency_names(app: &TestApp, id: &str) -> Vec<String> {
    let stored = app.db.find_scan(id).await.unwrap().unwrap();
    let framework = app
        .db
        .framework_version(&stored.scan.framework_id, stored.scan.framework_version)
        .await
        .unwrap()
        .unwrap();
    let names: Vec<String> = stored
        .scan
        .competency_ids
        .iter()
        .map(|c| framework.competency(c).expect("a competency").name.clone())
        .collect();
    assert!(names.len() >= 3, "{names:?}");
    names
}

/// The contents of every `<text>` element, in document order, with XML's escapes undone.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .map(|part| {
            let start = part.find('>').unwrap() + 1;
            let end = part.find("</text>").unwrap();
            part[start..end]
                .trim()
                .replace("&apos;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        })
        .collect()
}

/// Whether `phrase`'s words occur in order, one after the other, in `text`'s words.
fn whole_in(text: &str, phrase: &str) -> bool {
    let wanted: Vec<&str> = phrase.split_whitespace().collect();
    let seen: Vec<&str> = text.split_whitespace().collect();
    seen.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

/// The text of a PDF, read by poppler's `pdftotext` (installed by the CI tools).
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapport.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gap_chart_names_every_competency_whole_with_its_gap_in_dutch() {
    let app = signed_in_admin().await;
    let id = closed_scan(&app).await;
    let names = competency_names(&app, &id).await;
    let r = app
        .get(&format!("/scans/{id}/rapport/grafiek/verschil.svg"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let svg = r.text().await.unwrap();
    let texts = svg_texts(&svg).join(" ");
    assert!(!svg.contains('…'), "a label is cut: {texts}");
    for name in &names {
        assert!(whole_in(&texts, name), "{name} not whole in {texts}");
    }
    // Others − self per row, in Dutch: 3 − 5 and 2 − 5 among them, with a real minus sign.
    for gap in ["\u{2212}2,00", "\u{2212}3,00"] {
        assert!(whole_in(&texts, gap), "{gap} missing from {texts}");
    }
    assert!(!texts.contains("-2.00"), "{texts}");
    // No text smaller than 9 pt when the chart is printed 180 mm wide (see app::charts::text).
    for size in svg.split("font-size=\"").skip(1) {
        let size: f64 = size.split('"').next().unwrap().parse().unwrap();
        assert!(size >= 15.9, "font-size {size}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_downloads_as_a_pdf_for_its_readers_only() {
    let app = signed_in_admin().await;
    app.add_organiser(READER).await;
    app.add_organiser(OUTSIDER).await;
    let id = closed_scan(&app).await;
    let names = competency_names(&app, &id).await;
    let path = format!("/scans/{id}/rapport/rapport.pdf");

    let reader = app.signed_in_as(READER).await;
    let r = reader.get(&path).await;
    assert_eq!(r.status(), StatusCode::OK);
    let header = |name| r.headers()[name].to_str().unwrap().to_owned();
    assert_eq!(header(CONTENT_TYPE), "application/pdf");
    assert!(header(CACHE_CONTROL).contains("no-store"));
    let disposition = header(CONTENT_DISPOSITION);
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(disposition.contains(".pdf\""), "{disposition}");
    let pdf = r.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    for expected in [
        "Rapport: Piet Jansen",
        "Beleidsmedewerker",
        "Vertrouwelijk",
        "pagina 1 van",
        "Samenvatting",
        "Zo zijn de cijfers berekend",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    assert!(
        whole_in(&text, &names[0]),
        "{} missing from:\n{text}",
        names[0]
    );
    // Figures as a Dutch reader reads them: a decimal comma and a real minus sign.
    assert!(text.contains("\u{2212}2,00"), "{text}");
    assert!(text.contains("3,00"), "{text}");
    assert!(!text.contains("3.00"), "{text}");
    // The summary comes before the figures, the method at the end.
    let at = |needle: &str| text.find(needle).unwrap();
    assert!(at("Samenvatting") < at("Competenties"));
    assert!(at("Competenties") < at("Zo zijn de cijfers berekend"));
    // After the table, as on the page: what needs attention (with the framework's tips), the
    // agenda, the behaviours as the informants answered them, the comments; then the method.
    let mut from = at("Competenties");
    for section in [
        "Aandachtspunten en ontwikkeltips",
        "Ontwikkeltips",
        "Voorstel voor de agenda van het gesprek",
        "Terugblik op de afspraken",
        "Hoogst beoordeeld door anderen",
        "De betrokkene",
        "Laagst beoordeeld door anderen",
        "Opmerkingen",
        "Opmerking colleagues",
        "Zo zijn de cijfers berekend",
    ] {
        from += text[from..]
            .find(section)
            .unwrap_or_else(|| panic!("{section} missing after byte {from} of:\n{text}"));
    }
    // Every page says which page of how many.
    let pages = text.matches("pagina ").count();
    assert!(
        pages >= 1 && text.contains(&format!("pagina {pages} van {pages}")),
        "{text}"
    );

    // In English on request.
    let english = pdf_text(
        &reader
            .get(&format!("{path}?lang=en"))
            .await
            .bytes()
            .await
            .unwrap(),
    );
    assert!(
        english.contains("Confidential") && english.contains("page 1 of"),
        "{english}"
    );
    assert!(english.contains("\u{2212}2.00"), "{english}");
    let at = |needle: &str| english.find(needle).unwrap();
    assert!(at("Points of attention") < at("Suggested agenda"));
    assert!(at("Suggested agenda") < at("Rated highest by others"));
    assert!(at("Rated highest by others") < at("Comments"));

    // Anyone else: the same 404 as for an unknown scan; nobody signed in: 401.
    let outsider = app.signed_in_as(OUTSIDER).await;
    assert_eq!(outsider.get(&path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        outsider
            .get("/scans/onbekend/rapport/rapport.pdf")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.clone_without_client().get(&path).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

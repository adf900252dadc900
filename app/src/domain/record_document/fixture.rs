//! A sample record for tests: the form of seed 001 (the yearly conversation of the college with
//! the municipal secretary), held, written, approved and shared, with one attached scan. Other
//! modules' tests reuse [`sample_document`].

use crate::domain::calendar::Date;
use crate::domain::language::Language;
use crate::domain::report_view::{
    AttentionItem, CompetencyRow, ReportBasis, ReportHeader, ReportView,
};
use crate::domain::scoring::AgreementCategory;

use super::{Agreement, DocumentSection, RecordDocument, SectionKind};

/// Unix seconds of a Dutch local date and time in winter (UTC+1), as the fixture's dates are.
pub fn winter_time(year: i32, month: u8, day: u8, hour: i64, minute: i64) -> i64 {
    Date { year, month, day }.days_since_epoch() * 86_400 + (hour - 1) * 3_600 + minute * 60
}

/// A section of seed 001's form with `text` written under it.
pub fn section(
    number: u32,
    title: &str,
    prompts: &[&str],
    kind: SectionKind,
    text: &str,
) -> DocumentSection {
    DocumentSection {
        number,
        title: title.to_owned(),
        intro: None,
        prompts: prompts.iter().map(|p| (*p).to_owned()).collect(),
        notes_label: (kind == SectionKind::Text).then(|| "Toelichting/opmerkingen".to_owned()),
        kind,
        text: text.to_owned(),
    }
}

/// Seed 001's nine sections, with text under every one but section 4 ("Werkomstandigheden").
pub fn seed_sections() -> Vec<DocumentSection> {
    let mut other = section(
        6,
        "Overige gesprekspunten",
        &[],
        SectionKind::Text,
        "Gespreksthema’s van de secretaris: de werkdruk in het MT en de begroting 2027.",
    );
    other.intro =
        Some("(vooraf in te brengen door burgemeester/wethouder P&O resp. secretaris)".to_owned());
    other.notes_label = None;
    vec![
        section(
            1,
            "Resultaten",
            &[
                "Hoe verloopt de vertaling van het bestuurlijke niveau naar dat van de bedrijfsvoering?",
                "Hoe worden gemaakte afspraken, zowel richting B&W als organisatie vertaald resp. nagekomen?",
                "Hoe is de inbreng van de secretaris in overlegsituaties:",
                "a. in het college/de raad(scommissies);",
                "b. in de organisatie (DR/MT, stafoverleggen etc.);",
                "c. extern (profilering/ambassadeursfunctie).",
            ],
            SectionKind::Text,
            "De vertaling van bestuurlijke opdrachten naar de bedrijfsvoering verloopt goed.\r\n\
             In het MT is de inbreng sterk; extern kan de secretaris zich meer profileren.  \n\n",
        ),
        section(
            2,
            "Vooruitkijken naar de gewenste resultaten",
            &[
                "Welke verwachtingen heeft het college van de rolinvulling van de secretaris?",
                "Welke resultaten vraagt het college van de secretaris.",
                "Wat zijn de voorwaarden/condities waaronder de secretaris daarmede succesvol kan opereren?",
                "Op welke wijze zijn deze resultaten meetbaar?",
            ],
            SectionKind::Text,
            "Het college vraagt een sterkere regie op de organisatieontwikkeling.",
        ),
        section(
            3,
            "Ondersteuning en aansturing door het bestuur",
            &[
                "Krijgt de secretaris voldoende informatie en feedback van (de leden van) het college van B&W?",
                "Zijn de wederzijdse verwachtingen/opvattingen helder, en in voldoende mate geëxpliciteerd?",
            ],
            SectionKind::Text,
            "De secretaris’ wens om maandelijks met de burgemeester te overleggen wordt gehonoreerd.",
        ),
        section(
            4,
            "Werkomstandigheden",
            &[
                "Zijn de taken van de secretaris voor eenieder helder en inzichtelijk?",
                "Zijn de taken reëel uitvoerbaar en in evenwicht?",
            ],
            SectionKind::Text,
            "",
        ),
        section(
            5,
            "Gewenste vorming/opleiding/ondersteuning",
            &[
                "Op welke wijze heeft de secretaris de afgelopen periode gewerkt aan zijn/haar persoonlijke ontwikkeling?",
                "Bestaat er van de zijde van de secretaris behoefte aan coaching/begeleiding c.a.?",
            ],
            SectionKind::Text,
            "De secretaris volgt in 2026 de leergang strategisch leiderschap.",
        ),
        other,
        section(
            7,
            "Samenvatting afspraken",
            &[],
            SectionKind::Agreements,
            "Drie afspraken, zie de tabel.",
        ),
        section(
            8,
            "Korte evaluatie van het gesprek",
            &[],
            SectionKind::Text,
            "Een open gesprek in goede sfeer.",
        ),
        section(9, "Voor accoord", &[], SectionKind::SignOff, ""),
    ]
}

fn row(name: &str, self_mean: f64, others: f64) -> CompetencyRow {
    CompetencyRow {
        competency_id: name.to_lowercase(),
        level_id: String::new(),
        name: name.to_owned(),
        level: String::new(),
        self_mean: Some(self_mean),
        others_mean: Some(others),
        others_n: 6,
        others_sd: Some(0.5),
        gap: Some(others - self_mean),
        groups: vec![],
        pooled: None,
        category_id: Some(
            AgreementCategory::classify(self_mean, others, 0.5)
                .id()
                .to_owned(),
        ),
        category: None,
        lines: vec![],
    }
}

/// The closed scan's report as its readers saw it: three competencies, one needing attention.
pub fn sample_report() -> ReportView {
    ReportView {
        scan_id: "scan-2026".to_owned(),
        subject_name: "Noëlle van den Berg".to_owned(),
        header: ReportHeader {
            job_title: "Gemeentesecretaris".to_owned(),
            framework_name_nl: "Competentiegids".to_owned(),
            framework_name_en: "Competency guide".to_owned(),
            deadline: winter_time(2026, 2, 13, 23, 59),
            closed_at: Some(winter_time(2026, 2, 14, 9, 0)),
            ..ReportHeader::default()
        },
        progress: vec![],
        summary: Default::default(),
        basis: ReportBasis::Final,
        rows: vec![
            row("Bestuurssensitiviteit", 4.5, 3.25),
            row("Samenwerken", 4.0, 3.75),
            row("Visie", 3.5, 4.0),
        ],
        attention: vec![AttentionItem {
            name: "Bestuurssensitiviteit".to_owned(),
            level: String::new(),
            others_mean: Some(3.25),
            self_mean: Some(4.5),
            gap: Some(-1.25),
            tips: vec!["Vraag de wethouders na elk collegeoverleg om feedback.".to_owned()],
        }],
        agenda: Default::default(),
        highest: vec![],
        lowest: vec![],
        largest_gaps: vec![],
        comments: vec![],
        k: 3,
        threshold: 0.5,
    }
}

/// The sample record: seed 001's form, held on Tuesday 3 March 2026 at 14:00 in the
/// burgemeesterskamer for 90 minutes, approved on 12 March 2026 and kept until 12 March 2029.
pub fn sample_document() -> RecordDocument {
    let mut builder = RecordDocument::builder(
        "Functioneringsgesprek B&W - Secretaris",
        "Performance review Executive – Secretary",
        "Noëlle van den Berg",
    )
    .state("approved")
    .plan(
        winter_time(2026, 3, 3, 14, 0),
        "Burgemeesterskamer, stadhuis",
        90,
    )
    .participant("burgemeester", "Anna de Wit")
    .participant("wethouder P&O", "Joost Meijer")
    .participant("secretaris", "Noëlle van den Berg")
    .agreement(
        "Leergang strategisch leiderschap volgen",
        "Noëlle van den Berg",
        "2026-12-31",
    )
    .agreement(
        "Maandelijks overleg burgemeester en secretaris",
        "Anna de Wit",
        "",
    )
    .agreement(
        "Taakverdeling bestuursondersteuning en bedrijfsvoering op papier zetten",
        "Joost Meijer",
        "2026-06-01",
    )
    .looked_back(
        Agreement {
            what: "Profiel van de externe rol uitwerken".to_owned(),
            who: "Noëlle van den Berg".to_owned(),
            due_on: "2025-09-01".to_owned(),
        },
        "done",
        "Besproken in de raadscommissie.",
    )
    .scan(
        "scan-2026",
        winter_time(2026, 2, 20, 10, 0),
        sample_report(),
    )
    .signer(
        "burgemeester",
        "Anna de Wit",
        Some(winter_time(2026, 3, 10, 9, 0)),
    )
    .signer(
        "wethouder P&O",
        "Joost Meijer",
        Some(winter_time(2026, 3, 11, 9, 0)),
    )
    .signer(
        "secretaris",
        "Noëlle van den Berg",
        Some(winter_time(2026, 3, 12, 16, 30)),
    )
    .approved_at(winter_time(2026, 3, 12, 16, 30))
    .reader("Bram Özdemir", Some(winter_time(2026, 3, 13, 9, 0)))
    .keep_until(winter_time(2029, 3, 12, 16, 30))
    .language(Language::Nl);
    for section in seed_sections() {
        builder = builder.section(section);
    }
    builder.build()
}

//! Tests that pin the shipped frameworks to the seed texts in `app/frameworks/seeds/`.
//!
//! Texts are compared in "letter space": whitespace, hyphens and bullet signs removed on both
//! sides, so PDF line breaks and broken hyphenation ("gemeen-\nschappelijk") do not matter but
//! every letter and punctuation mark of a behaviour must appear in the seed, in order.

use super::*;

const SEED_000: &str = include_str!("../../../frameworks/seeds/000_45e578a320b0ecd7.txt");
const SEED_002: &str = include_str!("../../../frameworks/seeds/002_d9849d7e33b2a85e.txt");
const SEED_003: &str = include_str!("../../../frameworks/seeds/003_57514277b741d40e.txt");
const SEED_004: &str = include_str!("../../../frameworks/seeds/004_eb75be18cb468ead.txt");

fn framework(id: &str) -> Framework {
    builtin()
        .into_iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no builtin framework {id}"))
}

/// Letter space: drops whitespace, hyphens, dashes and bullets.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '–' | '•'))
        .collect()
}

/// Seed 004 without page furniture ("Pagina 22", the side index "5 Resultaatgerichtheid").
fn seed_004_lines() -> Vec<&'static str> {
    SEED_004
        .lines()
        .filter(|l| {
            let t = l.trim();
            let furniture = t.starts_with("Pagina ")
                && t["Pagina ".len()..]
                    .trim()
                    .chars()
                    .all(|c| c.is_ascii_digit());
            let side_index = t.split_once(' ').is_some_and(|(n, rest)| {
                n.chars().all(|c| c.is_ascii_digit())
                    && matches!(
                        rest,
                        "Resultaatgerichtheid"
                            | "Verantwoordelijkheid nemen"
                            | "Overtuigingskracht"
                            | "Vasthoudendheid"
                    )
            });
            !furniture && !side_index
        })
        .collect()
}

/// The raw seed lines of one competency of the guide: from its heading to the next heading.
fn seed_section(name: &str, all_names: &[&str]) -> String {
    let lines = seed_004_lines();
    let guide_start = lines
        .iter()
        .position(|l| l.trim() == "Tips om het gesprek voor te bereiden")
        .expect("guide start");
    let start = guide_start
        + lines[guide_start..]
            .iter()
            .position(|l| l.trim() == name)
            .unwrap_or_else(|| panic!("{name} not found in seed 004"));
    let end = lines[start + 1..]
        .iter()
        .position(|l| {
            let t = l.trim();
            all_names.contains(&t) || t == "Competentieprofielen"
        })
        .map(|i| start + 1 + i)
        .expect("section end");
    lines[start + 1..end].join("\n")
}

fn strip_marker_tail(s: &str) -> &str {
    // Level markers ("3–7", "8–10", " –18") and the behaviours heading, in letter space.
    let mut s = s;
    loop {
        let before = s.len();
        s = s.trim_end_matches(|c: char| c.is_ascii_digit());
        s = s.strip_suffix("Kenmerkendwerkgedrag").unwrap_or(s);
        if s.len() == before {
            return s;
        }
    }
}

#[test]
fn gemeentesecretaris_has_6_core_and_8_situational_competencies() {
    let f = framework("gemeentesecretaris");
    assert_eq!(f.competencies.len(), 14);
    let names = |cluster: &str| -> Vec<String> {
        f.competencies_in(cluster)
            .iter()
            .map(|c| c.name.clone())
            .collect()
    };
    assert_eq!(
        names("kern"),
        [
            "Bestuurlijke & politieke sensitiviteit",
            "Communicatieve vaardigheid",
            "(Participatieve) besluitvaardigheid",
            "Probleemoplossend vermogen",
            "Persoonlijk optreden",
            "Zelfreflectie",
        ]
    );
    assert_eq!(
        names("situationeel"),
        [
            "Adviesvaardigheid",
            "Plannen en organiseren",
            "Resultaatgerichtheid",
            "Coaching/ontwikkelingsgerichtheid",
            "Samenwerken",
            "Visie",
            "Netwerkvaardigheid",
            "Complexe organisatieontwikkelprocessen in een dynamische omgeving",
        ]
    );
    assert!(f.levels.is_empty(), "definitions are the scan items");
}

#[test]
fn gemeentesecretaris_definitions_are_word_for_word_from_seed_000_or_002() {
    let f = framework("gemeentesecretaris");
    let seeds = [key(SEED_000).to_lowercase(), key(SEED_002).to_lowercase()];
    for c in &f.competencies {
        let k = key(&c.definition).to_lowercase();
        assert!(
            seeds.iter().any(|s| s.contains(&k)),
            "definition of {} not found in seeds 000/002: {}",
            c.id,
            c.definition
        );
        // Every name also occurs in the appendix of seed 000 (upper case there).
        let first_word = c
            .name
            .split([' ', '/', '(', ')'])
            .find(|w| w.len() > 3)
            .unwrap();
        assert!(
            SEED_000.to_lowercase().contains(&first_word.to_lowercase()),
            "{} not in seed 000",
            c.name
        );
    }
    // The two repaired PDF artefacts.
    let zelfreflectie = f.competency("zelfreflectie").unwrap();
    assert!(
        zelfreflectie
            .definition
            .ends_with("op basis daarvan bijsturen.")
    );
    assert!(
        !f.competency("complexe-organisatieontwikkelprocessen")
            .unwrap()
            .definition
            .contains('”')
    );
}

#[test]
fn maastricht_has_27_competencies_in_4_clusters_3_levels_16_profiles() {
    let f = framework("maastricht-2014");
    assert_eq!(f.competencies.len(), 27);
    assert_eq!(f.profiles.len(), 16);
    let levels: Vec<_> = f
        .levels
        .iter()
        .map(|l| (l.id.as_str(), l.name.as_str()))
        .collect();
    assert_eq!(
        levels,
        [
            ("3-7", "Schaal 3–7"),
            ("8-10", "Schaal 8–10"),
            ("11-18", "Schaal 11–18")
        ]
    );
    let names = |cluster: &str| -> Vec<String> {
        f.competencies_in(cluster)
            .iter()
            .map(|c| c.name.clone())
            .collect()
    };
    assert_eq!(
        names("kern"),
        ["Samenwerken", "Klantgericht werken", "Integriteit"]
    );
    assert_eq!(
        names("verbinden"),
        [
            "Gevoel voor bestuurlijke verhouding",
            "Motiveren",
            "Inlevingsvermogen",
            "Integraal werken",
            "Werken in netwerken",
            "Presentatie",
            "Visie ontwikkelen",
            "Ondernemend handelen",
            "Onderhandelen",
        ]
    );
    assert_eq!(
        names("kiezen"),
        [
            "Besluitvaardigheid",
            "Flexibel zijn",
            "Plannen en organiseren",
            "Resultaatgerichtheid",
            "Verantwoordelijkheid",
            "Overtuigingskracht",
            "Vasthoudendheid",
        ]
    );
    assert_eq!(
        names("leren"),
        [
            "Luisteren",
            "Analyseren",
            "Lerend vermogen",
            "Initiatief",
            "Vernieuwen",
            "Omgevingsbewust",
            "Oordeelsvorming",
            "Accuraat werken",
        ]
    );
    for c in &f.competencies {
        let levels: Vec<_> = c.levels.iter().map(|l| l.level.as_str()).collect();
        assert_eq!(levels, ["3-7", "8-10", "11-18"], "{}", c.id);
        assert!(
            c.levels.iter().all(|l| !l.tips.is_empty()),
            "{} lacks tips",
            c.id
        );
    }
}

#[test]
fn maastricht_texts_match_the_seed_level_by_level() {
    let f = framework("maastricht-2014");
    let names: Vec<&str> = f.competencies.iter().map(|c| c.name.as_str()).collect();
    for c in &f.competencies {
        let raw = seed_section(&c.name, &names);
        let section = key(&raw);
        // Every bullet of the seed is a behaviour or a tip, and nothing else is.
        let bullets = raw.matches('•').count();
        let items: usize = c
            .levels
            .iter()
            .map(|l| l.behaviours.len() + l.tips.len())
            .sum();
        assert_eq!(
            items, bullets,
            "{}: bullet count differs from the seed",
            c.id
        );

        let mut previous = key(&c.definition);
        let mut cursor = 0;
        for level in &c.levels {
            let first = key(&level.behaviours[0]);
            let last = key(level.behaviours.last().unwrap());
            let at = cursor
                + section[cursor..].find(&first).unwrap_or_else(|| {
                    panic!("{} {}: first behaviour not in seed", c.id, level.level)
                });
            // What precedes the first behaviour is the previous block (definition or the
            // previous level's last tip), apart from level markers.
            assert!(
                strip_marker_tail(&section[..at]).ends_with(&previous),
                "{} {}: first behaviour is not the first of its level",
                c.id,
                level.level
            );
            let end =
                at + section[at..].find(&last).unwrap_or_else(|| {
                    panic!("{} {}: last behaviour not in seed", c.id, level.level)
                }) + last.len();
            assert!(
                section[end..].starts_with("Tipsomdezecompetentieteontwikkelen"),
                "{} {}: last behaviour is not the last before the tips",
                c.id,
                level.level
            );
            // All behaviours and tips occur in order.
            let mut pos = at;
            for text in level.behaviours.iter().chain(level.tips.iter()) {
                let k = key(text);
                let found = section[pos..].find(&k).unwrap_or_else(|| {
                    panic!("{} {}: not in seed in order: {text}", c.id, level.level)
                });
                pos += found + k.len();
            }
            cursor = pos;
            previous = key(level.tips.last().unwrap());
        }
        let rest = &section[cursor..];
        assert!(
            rest.is_empty()
                || ["Verbinden", "Alswekiezen", "Alsweleren"]
                    .iter()
                    .any(|intro| rest.starts_with(intro)),
            "{}: text after the last tip: {}",
            c.id,
            &rest[..rest.len().min(80)]
        );
    }
}

#[test]
fn maastricht_first_and_last_behaviours_pinned() {
    // Exact strings for ten competencies, including the ones whose seed layout is broken
    // (missing level markers, words split over blank lines, side index in the text).
    let f = framework("maastricht-2014");
    let check = |id: &str, level: &str, first: &str, last: &str| {
        let content = f.competency(id).unwrap().at_level(level).unwrap();
        assert_eq!(
            content.behaviours.first().unwrap(),
            first,
            "{id} {level} first"
        );
        assert_eq!(
            content.behaviours.last().unwrap(),
            last,
            "{id} {level} last"
        );
    };
    check(
        "samenwerken",
        "8-10",
        "Je bent tactvol in de omgang met anderen. Je houdt hierbij rekening met de gevoelens van een ander.",
        "Je helpt anderen gevraagd en ongevraagd.",
    );
    check(
        "klantgericht-werken",
        "3-7",
        "Je behandelt klanten met respect.",
        "Je bent duidelijk wanneer je niet aan de wens en of behoefte van een klant kunt voldoen.",
    );
    check(
        "integriteit",
        "11-18",
        "Je krijgt vertrouwen van anderen voor de lange termijn en je weet deze te behouden en/of terug te winnen.",
        "Je houdt vast aan de waarden en normen van de organisatie, ook als dit nadelen of conflicten met zich meebrengt.",
    );
    check(
        "gevoel-voor-bestuurlijke-verhouding",
        "11-18",
        "Je lobbyt, en brengt belangrijke onderwerpen bij de juiste personen/bestuurders/partijen onder de aandacht.",
        "Je weet bestuurders “op koers” te houden door het schetsen van het lange termijnperspectief.",
    );
    check(
        "integraal-werken",
        "11-18",
        "Je bent een voortrekker in het volgen, delen en verankeren van nieuwe ontwikkelingen en trends die meerdere vakgebieden raken. Je kunt daarbij goed inzichtelijk maken in hoeverre deze binnen de organisatie aan elkaar gerelateerd zijn en/of verbonden kunnen worden",
        "Je kunt integrale (beleids)voorstellen voorleggen aan management en bestuur, waarbij je rekening houdt met uitvoerbaarheid en bestuurlijke gevoeligheden, risico’s en belangen.",
    );
    check(
        "visie-ontwikkelen",
        "3-7",
        "Je volgt de nieuwste ontwikkelingen en trends op je vakgebied.",
        "Je kunt deze kennis delen met collega’s en toetsen bij hun eigen beelden en ideeën.",
    );
    check(
        "besluitvaardigheid",
        "3-7",
        "Je neemt besluiten binnen je eigen verantwoordelijkheidgebied en kunt deze motiveren.",
        "Je neemt zelf het initiatief om (tijdig) een besluit te nemen.",
    );
    check(
        "overtuigingskracht",
        "11-18",
        "Je weet hoe je anderen kunt winnen voor een standpunt/idee of een bepaalde visie door argumentatie (in complexe situaties) en door het uitstralen van persoonlijk gezag en charisma.",
        "Je kunt binnen en buiten de organisatie zoeken naar personen of partijen die (deels) dezelfde standpunten en belangen hebben. Je kunt deze partijen benaderen en waar mogelijk coalities sluiten.",
    );
    check(
        "lerend-vermogen",
        "3-7",
        "Je wilt graag leren en bent nieuwsgierig.",
        f.competency("lerend-vermogen").unwrap().levels[0]
            .behaviours
            .last()
            .unwrap(),
    );
    assert_eq!(
        f.competency("lerend-vermogen").unwrap().levels[0].behaviours[1],
        "Je staat open voor gevraagde en ongevraagde feedback en suggesties van anderen."
    );
    check(
        "onderhandelen",
        "3-7",
        "Je maakt tijdens de onderhandeling eigen belangen, argumenten en keuzes duidelijk aan de andere partij.",
        "Je controleert na de onderhandelingen of de tegenpartij het eens is met de eindafspraak.",
    );
    check(
        "accuraat-werken",
        "11-18",
        "Je zorgt dat je de juiste mensen op de juiste momenten over de juiste zaken informeert of betrokken worden.",
        "Je stuurt actief op fouten of onnauwkeurigheden van anderen met als doel de kwaliteit op de lange termijn te verbeteren",
    );
}

#[test]
fn maastricht_definitions_are_in_the_seed() {
    let f = framework("maastricht-2014");
    let seed = key(SEED_004);
    for c in &f.competencies {
        assert!(
            seed.contains(&format!("{}{}", key(&c.name), key(&c.definition))),
            "{}: definition does not follow the name in the seed",
            c.id
        );
    }
}

#[test]
fn maastricht_profiles_match_the_seed_tables() {
    let f = framework("maastricht-2014");
    let lines = seed_004_lines();
    let start = lines
        .iter()
        .position(|l| l.trim() == "Competentieprofielen")
        .unwrap();
    let table = &lines[start + 1..];
    let profile_names: Vec<&str> = f.profiles.iter().map(|p| p.name.as_str()).collect();
    // Every profile heading of the seed is a shipped profile, in the seed's order.
    let headings: Vec<&str> = table
        .windows(2)
        .filter(|w| w[1].trim().starts_with("Competentie ") && !w[0].trim().is_empty())
        .map(|w| w[0].trim())
        .collect();
    assert_eq!(headings, profile_names);

    for (i, profile) in f.profiles.iter().enumerate() {
        let from = table.iter().position(|l| l.trim() == profile.name).unwrap();
        let to = profile_names
            .get(i + 1)
            .map(|next| table.iter().position(|l| l.trim() == *next).unwrap())
            .unwrap_or(table.len());
        let chunk = table[from + 1..to].join("\n");
        let chunk_key = key(&chunk);
        let mut listed: Vec<&str> = f
            .competencies
            .iter()
            .filter(|c| chunk_key.contains(&key(&c.name)))
            .map(|c| c.id.as_str())
            .collect();
        listed.sort_unstable();
        let mut shipped: Vec<&str> = profile.competency_ids().collect();
        shipped.sort_unstable();
        assert_eq!(shipped, listed, "profile {}", profile.id);
        assert_eq!(
            usize::from(profile.own_choice),
            chunk.matches("Eigen keuze").count(),
            "profile {} own choice",
            profile.id
        );
        assert_eq!(
            profile.fixed,
            profile.own_choice == 0,
            "profile {}",
            profile.id
        );
        assert_eq!(
            profile.core,
            ["samenwerken", "klantgericht-werken", "integriteit"],
            "profile {}",
            profile.id
        );
    }
    // The exceptions the guide names.
    let vakspecialist = f.profile("vakspecialist").unwrap();
    assert!(vakspecialist.specific.is_empty());
    assert_eq!(vakspecialist.own_choice, 6);
    let mut fixed: Vec<&str> = f
        .profiles
        .iter()
        .filter(|p| p.fixed)
        .map(|p| p.id.as_str())
        .collect();
    fixed.sort_unstable();
    assert_eq!(
        fixed,
        [
            "directieleden",
            "manager-bedrijfsvoering",
            "manager-beleid-of-bedrijf",
            "programma-manager",
            "teammanager"
        ]
    );
    assert!(
        f.profiles
            .iter()
            .filter(|p| p.fixed)
            .all(|p| p.specific.len() == 6)
    );
    assert_eq!(
        f.profile("adviseur").unwrap().specific,
        [
            "overtuigingskracht",
            "analyseren",
            "omgevingsbewust",
            "oordeelsvorming"
        ]
    );
}

#[test]
fn maastricht_rating_labels_follow_article_6() {
    let f = framework("maastricht-2014");
    let labels: Vec<_> = f
        .rating_labels
        .iter()
        .map(|l| (l.value, l.label.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            (1, "Onvoldoende"),
            (2, "Enigszins onvoldoende"),
            (3, "Normaal"),
            (4, "Goed"),
            (5, "Uitstekend"),
        ]
    );
    let seed = key(SEED_004);
    for l in &f.rating_labels {
        assert!(
            seed.contains(&format!("{}:{}", key(&l.label), key(&l.meaning))),
            "meaning of {} not in seed",
            l.label
        );
    }
}

#[test]
fn raadslid_topics_come_from_seed_003() {
    let f = framework("raadslid");
    assert!(
        f.derived.is_some(),
        "marked as derived from the seed's topics"
    );
    assert!(f.levels.is_empty());
    let seed = key(SEED_003);
    for cluster in &f.clusters {
        assert!(
            seed.contains(&key(&cluster.name)),
            "cluster {}",
            cluster.name
        );
    }
    for c in &f.competencies {
        for item in &c.items {
            assert!(
                seed.contains(&key(item)),
                "{}: item not in seed: {item}",
                c.id
            );
        }
    }
    let ids: Vec<&str> = f.competencies.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "ambities-en-doelen",
            "politieke-vaardigheden",
            "uitvoeren-verkiezingsprogramma",
            "waarmaken-eigen-doelen",
            "zichtbaarheid",
            "netwerk",
            "samenwerking-fractie",
            "samenwerking-wethouder",
            "samenwerking-bestuur",
            "samenwerking-partij",
            "samenwerking-oppositie",
            "ontwikkelpunten",
            "actiepunten",
        ]
    );
}

#[test]
fn seed_copies_are_the_shared_seeds() {
    // The copies must stay verbatim: the tests above are only as good as these texts.
    assert!(SEED_004.contains("Regeling gesprekscyclus het goede gesprek"));
    assert_eq!(SEED_004.len(), 157_226);
    assert_eq!(SEED_000.len(), 4_419);
    assert_eq!(SEED_002.len(), 6_972);
    assert_eq!(SEED_003.len(), 4_576);
}

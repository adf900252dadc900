use super::*;
use crate::domain::catalog::builtin;

/// Every text an informant can be asked to rate or read on a questionnaire page: each
/// competency's definition, its items and, per level, its behaviours, of all shipped frameworks
/// (which the catalog's seed tests pin to the seed documents).
fn every_sentence() -> Vec<String> {
    let mut all = Vec::new();
    for framework in builtin() {
        for competency in &framework.competencies {
            all.push(competency.definition.clone());
            all.extend(competency.items.iter().cloned());
            for level in &competency.levels {
                all.extend(level.behaviours.iter().cloned());
            }
        }
    }
    all
}

/// Words that speak to the reader, in any case.
const SECOND_PERSON: &[&str] = &[
    "je", "jij", "jou", "jouw", "jezelf", "jijzelf", "u", "uw", "uzelf", "jullie",
];

/// Verb forms that only go with "je"/"jij"/"u".
const SECOND_PERSON_VERBS: &[&str] = &["bent", "hebt", "kunt", "wilt", "zult"];

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// What a sentence starting with "De betrokkene" may continue with: a verb in the third person
/// singular.
fn is_third_person_verb(word: &str) -> bool {
    ["is", "heeft", "kan", "mag", "wil", "zal"].contains(&word) || word.ends_with('t')
}

#[test]
fn no_sentence_of_the_frameworks_keeps_a_second_person_word_and_the_verb_agrees() {
    let sentences = every_sentence();
    assert!(sentences.len() > 300, "{}", sentences.len());
    let mut rewritten = 0;
    for sentence in &sentences {
        let third = to_third_person(sentence);
        for word in words(&third) {
            assert!(
                !SECOND_PERSON.contains(&word.as_str()),
                "{word:?} left in {third:?} (from {sentence:?})"
            );
            assert!(
                !SECOND_PERSON_VERBS.contains(&word.as_str()),
                "the verb {word:?} does not agree in {third:?} (from {sentence:?})"
            );
        }
        // Each sentence that now opens with the subject continues with its verb.
        for part in third.split(['.', '?', '!', ';']) {
            if let Some(rest) = part.trim().strip_prefix("De betrokkene ") {
                let verb = rest
                    .split(' ')
                    .next()
                    .unwrap_or_default()
                    .trim_end_matches(|c: char| !c.is_alphanumeric());
                assert!(
                    is_third_person_verb(verb),
                    "{verb:?} after the subject in {third:?} (from {sentence:?})"
                );
            }
        }
        // A stem before an inverted subject got its t ("Daarmee motiveert de betrokkene").
        for pair in third.split(' ').collect::<Vec<_>>().windows(3) {
            if pair[1] == "de" && pair[2].starts_with("betrokkene") {
                let before = pair[0].to_lowercase();
                assert!(
                    ![
                        "ben", "heb", "kun", "ga", "doe", "vind", "vraag", "stuur", "spreek"
                    ]
                    .contains(&before.as_str()),
                    "{before:?} before the subject in {third:?}"
                );
            }
        }
        if third != *sentence {
            rewritten += 1;
        }
        assert_eq!(
            to_third_person(&third),
            third,
            "rewriting twice changes nothing"
        );
    }
    assert!(rewritten > 300, "{rewritten}");
}

#[test]
fn rewrites_the_frameworks_sentence_shapes() {
    let cases = [
        ("Je bent tactvol", "De betrokkene is tactvol"),
        (
            "Je luistert naar anderen.",
            "De betrokkene luistert naar anderen.",
        ),
        (
            "Je maakt duidelijke afspraken en komt die ook na.",
            "De betrokkene maakt duidelijke afspraken en komt die ook na.",
        ),
        (
            "Je bent tactvol in de omgang met anderen. Je houdt hierbij rekening met de gevoelens van een ander.",
            "De betrokkene is tactvol in de omgang met anderen. De betrokkene houdt hierbij rekening met de gevoelens van een ander.",
        ),
        (
            "Je houdt je, ook onder druk, aan afspraken, regels en geldende normen.",
            "De betrokkene houdt zich, ook onder druk, aan afspraken, regels en geldende normen.",
        ),
        (
            "Je neemt klachten serieus en je handelt ze met zorg af.",
            "De betrokkene neemt klachten serieus en handelt ze met zorg af.",
        ),
        (
            "Je laat zien dat je leert van anderen.",
            "De betrokkene laat zien dat die leert van anderen.",
        ),
        (
            "Je bent duidelijk wanneer je niet aan de wens en of behoefte van een klant kunt voldoen.",
            "De betrokkene is duidelijk wanneer die niet aan de wens en of behoefte van een klant kan voldoen.",
        ),
        (
            "Je hebt oog voor praktische uitvoerbaarheid van je voorstellen",
            "De betrokkene heeft oog voor praktische uitvoerbaarheid van diens voorstellen",
        ),
        (
            "Je kunt jouw ideeën en/of standpunten duidelijk en enthousiast overbrengen op anderen.",
            "De betrokkene kan diens ideeën en/of standpunten duidelijk en enthousiast overbrengen op anderen.",
        ),
        (
            "Je profileert jezelf en de organisatie tijdens externe presentaties en publicaties.",
            "De betrokkene profileert zichzelf en de organisatie tijdens externe presentaties en publicaties.",
        ),
        (
            "Je kunt je verplaatsen in de positie van de politiek en de burger.",
            "De betrokkene kan zich verplaatsen in de positie van de politiek en de burger.",
        ),
        (
            "Je kiest je woorden zorgvuldig.",
            "De betrokkene kiest diens woorden zorgvuldig.",
        ),
        (
            "Je toont belangstelling voor de mensen om je heen.",
            "De betrokkene toont belangstelling voor de mensen om zich heen.",
        ),
        (
            "Je laat zien hoe het moet als het gaat om inzet. Daarmee motiveer je anderen.",
            "De betrokkene laat zien hoe het moet als het gaat om inzet. Daarmee motiveert de betrokkene anderen.",
        ),
        (
            "Waar nodig stuur je bij en/of spreek je mensen aan op hun bijdrage.",
            "Waar nodig stuurt de betrokkene bij en/of spreekt mensen aan op hun bijdrage.",
        ),
        (
            "Je gaat op een verantwoorde manier om met geld of andere middelen die jou ter beschikking staan.",
            "De betrokkene gaat op een verantwoorde manier om met geld of andere middelen die de betrokkene ter beschikking staan.",
        ),
        (
            "Je bent goed bereikbaar (mail, telefoon, agenda up to date) zodat anderen je snel en makkelijk kunnen vinden",
            "De betrokkene is goed bereikbaar (mail, telefoon, agenda up to date) zodat anderen de betrokkene snel en makkelijk kunnen vinden",
        ),
        (
            "Je pakt zaken uit je zelf op en wacht niet af. Je trekt zaken naar je toe.",
            "De betrokkene pakt zaken uit zichzelf op en wacht niet af. De betrokkene trekt zaken naar zich toe.",
        ),
        (
            "Je wijst niet gelijk naar anderen, maar je vraagt je eerst af wat je eigen bijdrage is geweest.",
            "De betrokkene wijst niet gelijk naar anderen, maar vraagt zich eerst af wat diens eigen bijdrage is geweest.",
        ),
        (
            "Je maakt tussentijdse samenvattingen om te toetsen of je elkaar begrepen hebt.",
            "De betrokkene maakt tussentijdse samenvattingen om te toetsen of men elkaar begrepen heeft.",
        ),
        (
            "Je bent je ervan bewust dat je bij de overheid werkt en daarmee het algemeen belang dient. Je gedrag draagt bij aan het vertrouwen in de organisatie.",
            "De betrokkene is zich ervan bewust dat die bij de overheid werkt en daarmee het algemeen belang dient. Diens gedrag draagt bij aan het vertrouwen in de organisatie.",
        ),
        (
            "Wat heb je bereikt, waar ben je trots op?",
            "Wat heeft de betrokkene bereikt, waar is die trots op?",
        ),
        (
            "Waar vind je dat je je ontwikkeld hebt?",
            "Waar vindt de betrokkene dat die zich ontwikkeld heeft?",
        ),
        (
            "Welke acties ga je ondernemen om je ontwikkelpunten te realiseren?",
            "Welke acties gaat de betrokkene ondernemen om diens ontwikkelpunten te realiseren?",
        ),
        (
            "Als je twijfelt, overleg je.",
            "Als de betrokkene twijfelt, overlegt die.",
        ),
        (
            "Je kunt een duidelijke structuur aanbrengen in je boodschap en de vorm waarin je die naar voren brengt.",
            "De betrokkene kan een duidelijke structuur aanbrengen in diens boodschap en de vorm waarin de betrokkene die naar voren brengt.",
        ),
        ("Jij bent aan zet.", "De betrokkene is aan zet."),
        (
            "Je weet hoe je mensen moet bewegen om het beste uit zichzelf te halen.",
            "De betrokkene weet hoe de betrokkene mensen moet bewegen om het beste uit zichzelf te halen.",
        ),
        (
            "Je accepteert dat anderen invloed hebben op je werkzaamheden en kan je daarop aanpassen.",
            "De betrokkene accepteert dat anderen invloed hebben op diens werkzaamheden en kan zich daarop aanpassen.",
        ),
        (
            "Je betrekt bij de onderhandeling de aard van de relatie en stemt daarop je strategie af.",
            "De betrokkene betrekt bij de onderhandeling de aard van de relatie en stemt daarop diens strategie af.",
        ),
        (
            "Je plant je werk, zodat je de doelen haalt en je de voortgang bewaakt.",
            "De betrokkene plant diens werk, zodat die de doelen haalt en de voortgang bewaakt.",
        ),
        (
            "Als je afspraken niet nakomt geef je niet anderen de schuld.",
            "Als de betrokkene afspraken niet nakomt geeft die niet anderen de schuld.",
        ),
        (
            "Je eigen gedrag bij een verandering aanpassen.",
            "Eigen gedrag bij een verandering aanpassen.",
        ),
    ];
    for (second, third) in cases {
        assert_eq!(to_third_person(second), third, "{second}");
    }
}

#[test]
fn sentences_without_je_stay_as_they_are() {
    for text in [
        "Heeft visie op de ontwikkeling van de organisatie.",
        "Integriteit: handelt volgens de normen.",
        "Samenwerking met de wethouder.",
        "",
    ] {
        assert_eq!(to_third_person(text), text);
    }
}

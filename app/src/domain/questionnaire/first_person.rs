//! "Je maakt duidelijke afspraken" → "Ik maak duidelijke afspraken": the framework's behaviours
//! speak to the person ("je"), but the subject rates themselves in the first person. A small,
//! rule-based rewrite for the sentence shapes of the frameworks: the subject "je"/"jij" becomes
//! "ik" with the verb after it in the first person, a reflexive "je" right after that verb
//! becomes "me", and other "je"/"jouw" (possessive) become "mijn". Sentences without "je" are
//! left as they are. After a comma the verb comes first ("…, vraag je om hulp"), and its
//! second-person form is already the first-person one; a verb after "en" that shares the
//! subject ("… en komt die na") follows it. Word shapes decide what is a verb, so an unusual
//! sentence may keep a second-person form; it stays understandable.

use super::third_person::{is_inverted_stem, is_reflexive_context, is_verb_after_je};

/// Second-person forms whose first-person form is not "drop the final t".
const IRREGULAR: &[(&str, &str)] = &[
    ("bent", "ben"),
    ("kunt", "kan"),
    ("hebt", "heb"),
    ("wilt", "wil"),
    ("zult", "zal"),
    ("mag", "mag"),
    ("gaat", "ga"),
    ("staat", "sta"),
    ("slaat", "sla"),
    ("doet", "doe"),
    ("ziet", "zie"),
    ("weet", "weet"),
    ("laat", "laat"),
    ("zet", "zet"),
    ("moet", "moet"),
    ("praat", "praat"),
    ("eet", "eet"),
    ("wacht", "wacht"),
    ("richt", "richt"),
    ("licht", "licht"),
    ("verricht", "verricht"),
    ("bericht", "bericht"),
    ("past", "pas"),
    ("toetst", "toets"),
    ("test", "test"),
    ("last", "last"),
    // Stems that end in t themselves.
    ("sluit", "sluit"),
    ("let", "let"),
    ("zit", "zit"),
    ("ontmoet", "ontmoet"),
    ("begroet", "begroet"),
];

/// Words after "en"/"of"/"maar" that end in t but are no verb: the coordinated-verb rule
/// leaves them alone.
const NOT_VERBS: &[&str] = &[
    "niet", "het", "dat", "met", "wat", "tot", "uit", "echt", "juist", "kort", "vlot", "vast",
    "licht", "recht", "zacht", "dit", "niets", "iets", "meest", "best", "eerst", "altijd",
    "dienst", "winst", "kunst", "toekomst", "markt", "opdracht", "kracht", "macht", "nacht",
];

/// Words that open a subordinate clause: its verb comes last ("als ik iets niet weet").
const SUBORDINATORS: &[&str] = &[
    "als", "dat", "zodat", "waar", "wanneer", "omdat", "terwijl", "waarbij", "waardoor", "waarmee",
    "zodra", "indien", "nadat", "voordat", "doordat", "hoe", "wat", "waarin", "waarop", "waarvoor",
    "waarvan", "waaraan", "die",
];

/// Whether a word after "en"/"of"/"maar" in a sentence about "ik" is a verb sharing that
/// subject ("Ik stel vragen en vraagt door"): a lower-case word ending in t that is not a known
/// non-verb nor of a noun or adjective shape ending in t.
fn is_coordinated_verb(word: &str) -> bool {
    let lower = word.to_lowercase();
    if word.chars().next().is_some_and(char::is_uppercase) || lower.chars().count() < 4 {
        return false;
    }
    if IRREGULAR.iter().any(|(second, _)| *second == lower) {
        return true;
    }
    lower.ends_with('t')
        && !NOT_VERBS.contains(&lower.as_str())
        && !["iteit", "ant", "ent", "aat", "ct", "ust", "eit", "cht"]
            .iter()
            .any(|suffix| lower.ends_with(suffix))
}

fn first_person_verb(verb: &str) -> String {
    let lower = verb.to_lowercase();
    if let Some((_, first)) = IRREGULAR.iter().find(|(second, _)| *second == lower) {
        return (*first).to_owned();
    }
    match lower.strip_suffix('t') {
        // "verwacht", "tracht": the stem ends in t itself.
        Some(_) if lower.ends_with("cht") => lower,
        // "houdt" → "houd", "maakt" → "maak", "stimuleert" → "stimuleer".
        Some(stem) if !stem.is_empty() => stem.to_owned(),
        _ => lower,
    }
}

pub(super) fn capitalise_like(original: &str, word: &str) -> String {
    if original.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = word.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    } else {
        word.to_owned()
    }
}

/// Splits a word into its letters and trailing punctuation ("afspraken." → "afspraken", ".").
pub(super) fn split_punctuation(word: &str) -> (&str, &str) {
    let end = word
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    word.split_at(end)
}

/// Whether the clause written so far (back to the last comma or full stop) has "ik" already.
fn ik_in_clause(out: &[String]) -> bool {
    for word in out.iter().rev() {
        let (core, punctuation) = split_punctuation(word);
        if !punctuation.is_empty() && punctuation.contains([',', '.', ';', ':', '!', '?']) {
            return false;
        }
        if core.eq_ignore_ascii_case("ik") {
            return true;
        }
    }
    false
}

/// Rewrites one statement in the first person.
pub fn to_first_person(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    // After a subject "je", the next word is its verb; after that verb, a "je" is reflexive.
    let mut expect_verb = false;
    let mut after_verb = false;
    // The first word after a comma is, in these sentences, an inverted verb ("…, overleg je").
    let mut after_inverted_verb = false;
    let mut previous_ended_clause = false;
    // Whether the current sentence's subject became "ik", and the previous word was "en"/"of".
    let mut subject_is_ik = false;
    let mut after_coordinator = false;
    // In a subordinate clause with subject "ik", the index of the first word after "ik": the
    // clause's verb is the last verb-shaped word from there to the clause's end.
    let mut final_verb_from: Option<usize> = None;
    for (index, word) in words.iter().enumerate() {
        let (core, punctuation) = split_punctuation(word);
        let lower = core.to_lowercase();
        let was_after_coordinator = after_coordinator;
        after_coordinator =
            matches!(lower.as_str(), "en" | "of" | "maar") && punctuation.is_empty();
        let rewritten = if expect_verb && !core.is_empty() {
            expect_verb = false;
            after_verb = true;
            subject_is_ik = true;
            capitalise_like(core, &first_person_verb(core))
        } else if was_after_coordinator && subject_is_ik && is_coordinated_verb(core) {
            after_verb = true;
            capitalise_like(core, &first_person_verb(core))
        } else {
            let previous = out.last().map(|w| w.to_lowercase());
            let subordinate = previous
                .as_deref()
                .is_some_and(|w| SUBORDINATORS.contains(&w));
            let subject_position = out.is_empty()
                || subordinate
                || previous.as_deref().is_some_and(|w| {
                    w.ends_with(['.', '!', '?', ':', ';', ','])
                        || matches!(w, "en" | "of" | "maar" | "want" | "ook" | "dan")
                });
            let was_after_verb = after_verb;
            after_verb = false;
            let was_after_inverted_verb = after_inverted_verb;
            after_inverted_verb = previous_ended_clause;
            let ends_clause = !punctuation.is_empty();
            let before = index
                .checked_sub(1)
                .map(|i| split_punctuation(words[i]).0)
                .unwrap_or_default();
            let after = words
                .get(index + 1)
                .map(|w| split_punctuation(w).0.to_lowercase())
                .unwrap_or_default();
            // "je houdt je aan", "om je heen", "stelt je in staat": no possessive.
            let object_like = ends_clause || is_reflexive_context(&after);
            match lower.as_str() {
                // "overleg je." / "vraag je om hulp": the subject after an inverted verb, whose
                // second-person form already equals the first person.
                "je" | "jij" if was_after_inverted_verb || (ends_clause && !was_after_verb) => {
                    capitalise_like(core, "ik")
                }
                "je" | "jij" if subject_position && subordinate => {
                    // The verb comes at the end of the clause.
                    final_verb_from = Some(out.len() + 1);
                    capitalise_like(core, "ik")
                }
                // "… en je de voortgang bewaakt", "of je die signalen begrijpt": the subject of
                // a clause whose verb comes last.
                "je" if !was_after_verb
                    && matches!(after.as_str(), "de" | "het" | "een" | "die") =>
                {
                    final_verb_from = Some(out.len() + 1);
                    capitalise_like(core, "ik")
                }
                // "…, je organisatieonderdeel", "Je gedrag draagt bij": a possessive.
                "je" if subject_position
                    && !is_verb_after_je(&after, !(out.is_empty() || core == "Je"))
                    && !matches!(after.as_str(), "de" | "het" | "een" | "die") =>
                {
                    capitalise_like(core, "mijn")
                }
                "je" | "jij" if subject_position => {
                    expect_verb = true;
                    capitalise_like(core, "ik")
                }
                // "Daarmee motiveer je anderen", "Wat heb je bereikt": an inverted subject.
                "je" | "jij"
                    if is_inverted_stem(before)
                        && (!ik_in_clause(&out)
                            || index >= 2
                                && !matches!(before, "kan" | "mag" | "wil" | "zal")
                                && matches!(
                                    split_punctuation(words[index - 2]).0,
                                    "en" | "of" | "en/of" | "maar"
                                )) =>
                {
                    subject_is_ik = true;
                    capitalise_like(core, "ik")
                }
                "jij" => capitalise_like(core, "ik"),
                "je" if object_like => capitalise_like(core, "me"),
                "jezelf" => capitalise_like(core, "mezelf"),
                // Forms that only ever go with "je", wherever the clause put them ("wanneer je
                // niet … aan de wens van een klant kunt voldoen").
                "bent" | "hebt" | "kunt" | "wilt" | "zult" => {
                    capitalise_like(core, &first_person_verb(core))
                }
                "jou" => capitalise_like(core, "mij"),
                "je" | "jouw" => capitalise_like(core, "mijn"),
                _ => core.to_owned(),
            }
        };
        let clause_ends = !punctuation.is_empty()
            || index + 1 == words.len()
            || matches!(
                words.get(index + 1).map(|w| w.to_lowercase()).as_deref(),
                Some("en" | "maar" | "of")
            );
        if clause_ends && let Some(from) = final_verb_from.take() {
            let last = out.len();
            out.push(format!("{rewritten}{punctuation}"));
            if let Some(verb_at) = (from..=last).rev().find(|&i| {
                let (core, _) = split_punctuation(&out[i]);
                IRREGULAR
                    .iter()
                    .any(|(second, _)| *second == core.to_lowercase())
                    || is_coordinated_verb(core)
            }) {
                let (core, tail) = split_punctuation(&out[verb_at]);
                out[verb_at] = format!("{}{tail}", first_person_verb(core));
            }
            previous_ended_clause = punctuation.contains(',');
            if punctuation.contains(['.', '!', '?', ';']) {
                subject_is_ik = false;
            }
            continue;
        }
        previous_ended_clause = punctuation.contains(',');
        if punctuation.contains(['.', '!', '?', ';']) {
            subject_is_ik = false;
        }
        out.push(format!("{rewritten}{punctuation}"));
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_the_frameworks_sentence_shapes() {
        let cases = [
            (
                "Je maakt duidelijke afspraken en komt die ook na.",
                "Ik maak duidelijke afspraken en kom die ook na.",
            ),
            (
                "Je bent tactvol. Je houdt rekening met anderen.",
                "Ik ben tactvol. Ik houd rekening met anderen.",
            ),
            (
                "Je stelt vragen en vraagt door als iets niet duidelijk is.",
                "Ik stel vragen en vraag door als iets niet duidelijk is.",
            ),
            ("Je helpt collega en klant.", "Ik help collega en klant."),
            (
                "Je kunt trends vertalen waarbij je verschillende vakgebieden kunt verbinden.",
                "Ik kan trends vertalen waarbij ik verschillende vakgebieden kan verbinden.",
            ),
            (
                "Je vraagt hulp als je iets niet weet.",
                "Ik vraag hulp als ik iets niet weet.",
            ),
            (
                "Je levert een product of dienst.",
                "Ik lever een product of dienst.",
            ),
            ("Je werkt snel en correct.", "Ik werk snel en correct."),
            (
                "Je bent gericht op een gemeenschappelijk resultaat.",
                "Ik ben gericht op een gemeenschappelijk resultaat.",
            ),
            ("Je kunt goed luisteren.", "Ik kan goed luisteren."),
            ("Je houdt je aan afspraken.", "Ik houd me aan afspraken."),
            (
                "Je hebt oog voor je omgeving.",
                "Ik heb oog voor mijn omgeving.",
            ),
            (
                "Je stelt jezelf kritische vragen.",
                "Ik stel mezelf kritische vragen.",
            ),
            ("Je weet wat er speelt.", "Ik weet wat er speelt."),
            (
                "Je gaat de confrontatie aan als dat nodig is.",
                "Ik ga de confrontatie aan als dat nodig is.",
            ),
            (
                "Als je twijfelt, overleg je.",
                "Als ik twijfel, overleg ik.",
            ),
            (
                "Als het moet, vraag je om hulp.",
                "Als het moet, vraag ik om hulp.",
            ),
            (
                "Je toont jouw betrokkenheid.",
                "Ik toon mijn betrokkenheid.",
            ),
            (
                "Je laat zien hoe het moet. Daarmee motiveer je anderen.",
                "Ik laat zien hoe het moet. Daarmee motiveer ik anderen.",
            ),
            (
                "Wat heb je bereikt, waar ben je trots op?",
                "Wat heb ik bereikt, waar ben ik trots op?",
            ),
            (
                "Je kiest je woorden zorgvuldig.",
                "Ik kies mijn woorden zorgvuldig.",
            ),
            (
                "Je bent bereikbaar zodat anderen je snel kunnen vinden.",
                "Ik ben bereikbaar zodat anderen me snel kunnen vinden.",
            ),
            (
                "Je werkt in de organisatie, je organisatieonderdeel of team.",
                "Ik werk in de organisatie, mijn organisatieonderdeel of team.",
            ),
            (
                "Je toekomstbeeld is leidend. Je bent koersvast.",
                "Mijn toekomstbeeld is leidend. Ik ben koersvast.",
            ),
            (
                "Je houdt oogcontact en je let op signalen.",
                "Ik houd oogcontact en ik let op signalen.",
            ),
            (
                "Waar nodig stuur je bij en/of spreek je mensen aan.",
                "Waar nodig stuur ik bij en/of spreek ik mensen aan.",
            ),
            (
                "Je accepteert invloed op je werk en kan je daarop aanpassen.",
                "Ik accepteer invloed op mijn werk en kan me daarop aanpassen.",
            ),
            (
                "Je vraagt of je die signalen goed begrijpt.",
                "Ik vraag of ik die signalen goed begrijp.",
            ),
            (
                "Je bent gericht op resultaat en je sluit compromissen.",
                "Ik ben gericht op resultaat en ik sluit compromissen.",
            ),
        ];
        for (second, first) in cases {
            assert_eq!(to_first_person(second), first, "{second}");
        }
    }

    #[test]
    fn no_sentence_of_the_frameworks_keeps_a_second_person_word() {
        let mut count = 0;
        for framework in crate::domain::catalog::builtin() {
            for competency in &framework.competencies {
                let levels = competency.levels.iter().flat_map(|l| &l.behaviours);
                for sentence in competency.items.iter().chain(levels) {
                    count += 1;
                    let first = to_first_person(sentence);
                    for word in first
                        .split(|c: char| !c.is_alphanumeric())
                        .map(str::to_lowercase)
                    {
                        assert!(
                            !["je", "jij", "jou", "jouw", "jezelf", "bent", "hebt", "kunt"]
                                .contains(&word.as_str()),
                            "{word:?} left in {first:?} (from {sentence:?})"
                        );
                    }
                }
            }
        }
        assert!(count > 300, "{count}");
    }

    #[test]
    fn sentences_without_je_stay_as_they_are() {
        for text in [
            "Heeft visie op de ontwikkeling van de organisatie.",
            "Integriteit: handelt volgens de normen.",
            "",
        ] {
            assert_eq!(to_first_person(text), text);
        }
    }
}

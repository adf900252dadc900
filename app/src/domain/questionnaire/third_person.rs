//! "Je bent tactvol" → "De betrokkene is tactvol": the framework's behaviours speak to the
//! person ("je"), but an informant rates someone else, so they read about "de betrokkene". A
//! small, rule-based rewrite for the sentence shapes of the frameworks, like `first_person`:
//!
//! * the subject "je"/"jij" at the start of a sentence becomes "de betrokkene"; in a clause
//!   after "en"/"maar"/a comma that shares that subject it is left out ("… en handelt ze af"),
//!   in a subordinate clause it becomes "die" ("als die twijfelt");
//! * an inverted subject ("Daarmee motiveer je") becomes "de betrokkene" (or "die" when the
//!   sentence already named them) and its verb gets the third-person t ("motiveert");
//! * a reflexive "je" becomes "zich", "jezelf" "zichzelf", an object "je"/"jou" "de
//!   betrokkene", and a possessive "je"/"jouw" the gender-neutral "diens";
//! * the second-person-only verb forms become third person ("bent" → "is", "kunt" → "kan").
//!
//! Word shapes decide what is a verb; the unit tests run it over every sentence the shipped
//! frameworks ask.

use super::first_person::{capitalise_like, split_punctuation};

/// The subject that stands for the person rated.
const SUBJECT: &str = "de betrokkene";
/// Their possessive: neutral, unlike "zijn"/"haar".
const POSSESSIVE: &str = "diens";

/// Verb forms that only go with "je"/"jij"/"u", and their third-person form. "bet" and "denk"
/// are the frameworks' own typing errors for "bent" and "denkt".
const SECOND_PERSON_ONLY: &[(&str, &str)] = &[
    ("bent", "is"),
    ("hebt", "heeft"),
    ("kunt", "kan"),
    ("wilt", "wil"),
    ("zult", "zal"),
];
const TYPOS_AFTER_JE: &[(&str, &str)] = &[("bet", "is"), ("denk", "denkt")];

/// Stems before an inverted "je" whose third-person form is not "stem + t".
const INVERTED_IRREGULAR: &[(&str, &str)] = &[
    ("ben", "is"),
    ("heb", "heeft"),
    ("kun", "kan"),
    ("kan", "kan"),
    ("wil", "wil"),
    ("zul", "zal"),
    ("zal", "zal"),
    ("mag", "mag"),
    ("ga", "gaat"),
    ("sta", "staat"),
    ("sla", "slaat"),
    ("doe", "doet"),
    ("zie", "ziet"),
];

/// Words after which a "je" cannot be an inverted subject: they are no verb.
const NOT_VERBS: &[&str] = &[
    "aan", "af", "als", "bij", "binnen", "buiten", "dan", "dat", "de", "die", "door", "een", "en",
    "het", "in", "met", "na", "naar", "naast", "of", "om", "onder", "op", "over", "tegen",
    "tijdens", "tot", "uit", "van", "voor", "zonder", "maar", "ook", "niet", "eigen", "wel",
];

/// Words that open a subordinate clause, whose verb comes last ("als je iets niet weet").
const SUBORDINATORS: &[&str] = &[
    "als", "dat", "die", "zodat", "waar", "wanneer", "omdat", "terwijl", "waarbij", "waardoor",
    "waarmee", "waarin", "waarop", "waarvoor", "waarvan", "waaraan", "zodra", "indien", "nadat",
    "voordat", "doordat", "hoe", "wat", "dan",
];

/// Coordinators: a clause after them may share the sentence's subject.
const COORDINATORS: &[&str] = &["en", "of", "maar", "en/of", "want"];

/// A "je" followed by one of these is no possessive ("je houdt je aan", "om je heen", "je
/// kunt je verplaatsen"): reflexive when "je" is the clause's subject, else an object.
const NOT_POSSESSED: &[&str] = &[
    "aan",
    "af",
    "bij",
    "in",
    "op",
    "om",
    "met",
    "voor",
    "over",
    "uit",
    "tot",
    "naar",
    "te",
    "niet",
    "ook",
    "eerst",
    "ervan",
    "erbij",
    "erop",
    "ervoor",
    "daarbij",
    "hierbij",
    "hier",
    "daar",
    "bewust",
    "gemakkelijk",
    "makkelijk",
    "snel",
    "goed",
    "heen",
    "toe",
    "verplaatsen",
    "richten",
    "ontwikkeld",
    "ontwikkelen",
    "inzetten",
    "inspannen",
    "inleven",
    "aanpassen",
    "voelen",
    "bewegen",
];

/// Verbs ending in -ent or -ant (a shape most such words are nouns of: "klant", "talent").
const VERBS_LIKE_NOUNS: &[&str] = &[
    "bent", "kent", "herkent", "erkent", "went", "plant", "gaat", "staat", "slaat", "laat", "praat",
];

/// Whether `word` is a finite verb of "je" by its shape. `strict` (after "en", "of" or a
/// comma, where a noun may follow "je" as well: "je klant") also refuses noun-like endings.
pub(super) fn is_verb_after_je(word: &str, strict: bool) -> bool {
    let lower = word.to_lowercase();
    if ["kan", "mag", "wil", "zal"].contains(&lower.as_str())
        || TYPOS_AFTER_JE.iter().any(|(typo, _)| *typo == lower)
        || VERBS_LIKE_NOUNS.contains(&lower.as_str())
    {
        return true;
    }
    if !lower.ends_with('t') || lower.chars().count() < 3 {
        return false;
    }
    !strict
        || !["iteit", "ant", "ent", "aat", "ct", "ust", "eit"]
            .iter()
            .any(|suffix| lower.ends_with(suffix))
            && ![
                "niet", "het", "dat", "met", "wat", "tot", "uit", "echt", "juist",
            ]
            .contains(&lower.as_str())
}

/// A verb form agreeing with "de betrokkene", given the form that went with "je".
fn third_person_verb(verb: &str) -> Option<&'static str> {
    let lower = verb.to_lowercase();
    SECOND_PERSON_ONLY
        .iter()
        .chain(TYPOS_AFTER_JE)
        .find(|(second, _)| *second == lower)
        .map(|(_, third)| *third)
}

/// The third-person form of the stem before an inverted "je" ("vraag" → "vraagt").
fn third_person_of_stem(stem: &str) -> String {
    let lower = stem.to_lowercase();
    let third = match INVERTED_IRREGULAR.iter().find(|(s, _)| *s == lower) {
        Some((_, third)) => (*third).to_owned(),
        None if lower.ends_with('t') => lower,
        None => format!("{lower}t"),
    };
    capitalise_like(stem, &third)
}

/// Whether a "je" before `next` (lower case) is reflexive or an object, not a possessive.
pub(super) fn is_reflexive_context(next: &str) -> bool {
    NOT_POSSESSED.contains(&next) || is_pronominal_adverb(next)
}

/// "daarop", "hierbij", "waarmee": adverbs, never a verb or a noun.
fn is_pronominal_adverb(lower: &str) -> bool {
    ["daar", "hier", "waar"]
        .iter()
        .any(|prefix| lower.starts_with(prefix))
}

/// Whether `word` can be the stem of a verb before an inverted "je" ("motiveer je").
pub(super) fn is_inverted_stem(word: &str) -> bool {
    let lower = word.to_lowercase();
    INVERTED_IRREGULAR.iter().any(|(s, _)| *s == lower)
        || (lower.chars().count() >= 3
            && lower.chars().all(char::is_alphabetic)
            && !lower.ends_with('t')
            // "anderen je …": a plural noun, not a stem.
            && !lower.ends_with("en")
            && !is_pronominal_adverb(&lower)
            && !NOT_VERBS.contains(&lower.as_str())
            && !SUBORDINATORS.contains(&lower.as_str()))
}

/// Words after which a subordinate subject "die" cannot be read as "those" ("als die iets
/// niet weet", not "hoe die mensen …"): a verb, an article, a preposition or an adverb.
const AFTER_DIE: &[&str] = &[
    "de", "het", "een", "bij", "in", "op", "aan", "voor", "met", "uit", "over", "naar", "tot",
    "van", "om", "door", "tegen", "zonder", "binnen", "buiten", "niet", "iets", "zelf", "ook",
    "al", "er", "nog", "wel", "graag", "geen", "zich", "snel", "goed", "je", "jezelf",
];

fn die_fits_before(next: &str) -> bool {
    AFTER_DIE.contains(&next) || is_pronominal_adverb(next) || is_verb_after_je(next, false)
}

/// Verb forms that are the same with "je" and "de betrokkene": after "en" they continue the
/// sentence's subject ("… en kan je daarop aanpassen": "je" is then reflexive).
const SHARED_MODALS: &[&str] = &["kan", "mag", "wil", "zal"];

/// Who the subject of the current clause is, as far as the words so far tell.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Subject {
    /// Not known yet (the clause may still get an inverted "je").
    Unknown,
    /// A subordinator was just read: the next word decides.
    Pending,
    /// The person rated ("je").
    Person,
    /// Someone or something else.
    Other,
}

/// After "of", these show a subordinate clause ("of je elkaar begrepen hebt").
const WHETHER_NEXT: &[&str] = &[
    "elkaar", "die", "dat", "de", "het", "een", "iets", "niet", "al",
];

/// One rewritten word with its punctuation, capitalised like the original.
fn word_out(original: &str, word: &str, punctuation: &str) -> Option<String> {
    Some(format!("{}{punctuation}", capitalise_like(original, word)))
}

/// Punctuation that ends a clause (a closing bracket or quote does not).
fn ends_clause(punctuation: &str) -> bool {
    punctuation.contains([',', '.', ';', ':', '!', '?'])
}

fn ends_sentence(punctuation: &str) -> bool {
    punctuation.contains(['.', ';', '!', '?'])
}

/// Rewrites one statement in the third person, about "de betrokkene".
pub fn to_third_person(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let lower_core = |i: usize| {
        words
            .get(i)
            .map(|w| split_punctuation(w).0.to_lowercase())
            .unwrap_or_default()
    };
    // The rewritten words; `None` for a word left out.
    let mut out: Vec<Option<String>> = Vec::with_capacity(words.len());
    let mut clause = Subject::Unknown;
    let mut clause_words = 0usize;
    // The clause began after a coordinator ("en", "maar") or a comma inside the sentence.
    let mut coordinated = false;
    // The clause's first word was a subordinator ("Als …", "Wat …"): it may be a question.
    let mut opened_by_subordinator = false;
    // The sentence (or the statement) named the person already: a later mention may be "die".
    let mut sentence_named = false;
    let mut statement_named = false;
    // The next word is the verb of a subject "je".
    let mut expect_verb = false;
    // A word consumed together with the one before ("je zelf" → "zichzelf").
    let mut skip_next = false;
    // The clause has a finite verb already: a later "je" is no inverted subject.
    let mut clause_has_verb = false;
    // The clause opened the sentence with a subordinator ("Als je afspraken niet nakomt …"):
    // its verb comes last and ends it, even without a comma.
    let mut leading_subordinate = false;
    let mut sentence_words = 0usize;
    for (index, word) in words.iter().enumerate() {
        if skip_next {
            skip_next = false;
            continue;
        }
        let (core, punctuation) = split_punctuation(word);
        let lower = core.to_lowercase();
        let next = lower_core(index + 1);
        let previous = index.checked_sub(1).map(lower_core).unwrap_or_default();
        // A capital "Je" inside a sentence starts a new one (a full stop the source lost).
        let sentence_start = index == 0 || core == "Je";
        if core == "Je" && index > 0 {
            clause = Subject::Unknown;
            clause_words = 0;
            coordinated = false;
            opened_by_subordinator = false;
            sentence_named = false;
            clause_has_verb = false;
            leading_subordinate = false;
            sentence_words = 0;
        }
        let pending = clause == Subject::Pending;
        if pending && !matches!(lower.as_str(), "je" | "jij") {
            clause = if opened_by_subordinator && clause_words == 1 {
                // "Wat heb je bereikt": a question, not a subordinate clause.
                leading_subordinate = false;
                Subject::Unknown
            } else {
                Subject::Other
            };
        }
        let second_only = SECOND_PERSON_ONLY.iter().find(|(s, _)| *s == lower);
        let rewritten: Option<String> = if expect_verb {
            expect_verb = false;
            let verb = third_person_verb(core).unwrap_or(core);
            word_out(core, verb, punctuation)
        } else if let Some((_, third)) = second_only {
            // "bent", "kunt"…: only ever a verb of "je", wherever it stands.
            word_out(core, third, punctuation)
        } else {
            match lower.as_str() {
                "je" | "jij" => {
                    let at_clause_start = clause_words == 0;
                    // "of je elkaar begrepen hebt": "of" opens a subordinate clause here.
                    let whether = previous == "of"
                        && at_clause_start
                        && WHETHER_NEXT.contains(&next.as_str());
                    if lower == "je" && next == "zelf" && !pending {
                        skip_next = true;
                        word_out(core, "zichzelf", punctuation)
                    } else if pending || whether {
                        if next == "eigen" {
                            word_out(core, POSSESSIVE, punctuation)
                        } else if next == "elkaar" {
                            clause = Subject::Person;
                            word_out(core, "men", punctuation)
                        } else {
                            clause = Subject::Person;
                            // Never "die die".
                            let die_reads_badly =
                                previous == "die" || next == "die" || !die_fits_before(&next);
                            let subject = if statement_named && !die_reads_badly {
                                "die"
                            } else {
                                SUBJECT
                            };
                            statement_named = true;
                            sentence_named = true;
                            word_out(core, subject, punctuation)
                        }
                    } else if at_clause_start
                        && coordinated
                        && sentence_named
                        && ["de", "het", "een"].contains(&next.as_str())
                    {
                        // "… en je de voortgang bewaakt": the shared subject, left out.
                        clause = Subject::Person;
                        None
                    } else if clause == Subject::Unknown
                        && sentence_named
                        && SHARED_MODALS.contains(&previous.as_str())
                        && index >= 2
                        && COORDINATORS.contains(&lower_core(index - 2).as_str())
                    {
                        // "… en kan je daarop aanpassen": reflexive after the shared subject.
                        clause = Subject::Person;
                        if !punctuation.is_empty()
                            || NOT_POSSESSED.contains(&next.as_str())
                            || is_pronominal_adverb(&next)
                        {
                            word_out(core, "zich", punctuation)
                        } else {
                            word_out(core, POSSESSIVE, punctuation)
                        }
                    } else if at_clause_start && is_verb_after_je(&next, !sentence_start) {
                        clause = Subject::Person;
                        expect_verb = true;
                        if coordinated && sentence_named {
                            None
                        } else {
                            sentence_named = true;
                            statement_named = true;
                            word_out(core, SUBJECT, punctuation)
                        }
                    } else if clause == Subject::Unknown
                        && !at_clause_start
                        && !clause_has_verb
                        && is_inverted_stem(&previous)
                    {
                        // "Daarmee motiveer je anderen": the verb before gets its t.
                        if let Some(Some(verb)) = out.last_mut() {
                            let (stem, tail) = split_punctuation(verb);
                            *verb = format!("{}{tail}", third_person_of_stem(stem));
                        }
                        clause = Subject::Person;
                        let verb_after_coordinator =
                            index >= 2 && COORDINATORS.contains(&lower_core(index - 2).as_str());
                        if verb_after_coordinator && sentence_named {
                            None
                        } else {
                            let subject = if sentence_named { "die" } else { SUBJECT };
                            sentence_named = true;
                            statement_named = true;
                            word_out(core, subject, punctuation)
                        }
                    } else if lower == "jij" {
                        word_out(core, SUBJECT, punctuation)
                    } else if !punctuation.is_empty()
                        || NOT_POSSESSED.contains(&next.as_str())
                        || is_pronominal_adverb(&next)
                    {
                        if clause == Subject::Person {
                            word_out(core, "zich", punctuation)
                        } else {
                            word_out(core, SUBJECT, punctuation)
                        }
                    } else {
                        if at_clause_start {
                            // "Je gedrag draagt bij": the clause is about the thing.
                            clause = Subject::Other;
                        }
                        if sentence_start && next == "eigen" && !statement_named {
                            // "Je eigen gedrag … aanpassen" (a definition): "Eigen gedrag …".
                            None
                        } else {
                            word_out(core, POSSESSIVE, punctuation)
                        }
                    }
                }
                "jezelf" => word_out(core, "zichzelf", punctuation),
                "jou" => word_out(core, SUBJECT, punctuation),
                "jouw" => word_out(core, POSSESSIVE, punctuation),
                _ => Some((*word).to_owned()),
            }
        };
        // After a left-out "Je", the next word opens the sentence.
        let capitalise_next = rewritten.is_none() && sentence_start;
        out.push(rewritten);
        if capitalise_next {
            skip_next = false;
            if let Some(next_word) = words.get(index + 1) {
                out.push(Some(capitalise_like("E", next_word)));
                skip_next = true;
            }
        }
        clause_words += 1;
        sentence_words += 1;
        let finite = lower != "je"
            && (is_verb_after_je(core, true)
                || SECOND_PERSON_ONLY.iter().any(|(v, _)| *v == lower));
        if finite && index > 0 {
            clause_has_verb = true;
            if leading_subordinate && clause == Subject::Person && !ends_clause(punctuation) {
                // "Als je afspraken niet nakomt | geef je …": the main clause starts here.
                leading_subordinate = false;
                clause = Subject::Unknown;
                clause_has_verb = false;
            }
        }
        // Where the next clause starts.
        if ends_sentence(punctuation) {
            sentence_named = false;
            sentence_words = 0;
        }
        if ends_clause(punctuation) || COORDINATORS.contains(&lower.as_str()) {
            clause = Subject::Unknown;
            clause_words = 0;
            coordinated = !ends_sentence(punctuation);
            opened_by_subordinator = false;
            clause_has_verb = false;
            leading_subordinate = false;
        } else if SUBORDINATORS.contains(&lower.as_str()) {
            opened_by_subordinator = clause_words == 1;
            leading_subordinate = opened_by_subordinator && sentence_words == 1;
            clause = Subject::Pending;
        }
    }
    out.into_iter().flatten().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;

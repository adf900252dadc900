//! What an informant is told about the anonymity of their answers, before they answer: on the
//! welcome page of the questionnaire and in the invitation and reminder emails, from this one
//! text so the two never disagree. Every sentence states a rule the engine keeps (PRODUCT.md,
//! "Anonymity"; issue 18): results only per group of at least `k`, small groups pooled or left
//! out, comments only where their group's figures appear and in lists of at least `k` authors,
//! the organiser seeing counts per group (or, with `person_status`, per person whether — not
//! what — someone answered), self shown as self, identifiable groups recognisable, and answers
//! stored without any link to the informant.

use crate::domain::scan::Language;

/// How the informant's answers appear in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The subject rating themselves: shown as "self", not anonymous.
    OwnRating,
    /// A group the scan shows even when it is small (e.g. a board of two).
    Identifiable,
    /// An ordinary group, shown only from `k` answers.
    Anonymous,
}

/// What the promise depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PromiseFacts {
    pub standing: Standing,
    /// The scan's anonymity minimum.
    pub k: usize,
    /// The scan shows the organiser per person whether they have submitted.
    pub person_status: bool,
}

/// The promise as one paragraph of plain text (no markup; escape it for HTML).
pub fn promise(language: Language, facts: &PromiseFacts) -> String {
    sentences(language, facts).join(" ")
}

/// The promise's sentences, in order.
pub fn sentences(language: Language, facts: &PromiseFacts) -> Vec<String> {
    let k = facts.k;
    let mut out = Vec::new();
    match (language, facts.standing) {
        (Language::Nl, Standing::OwnRating) => {
            out.push(
                "Uw antwoorden zijn niet anoniem: dit is uw eigen beoordeling, en het rapport \
                 toont uw antwoorden en toelichtingen als 'zelf', naast het beeld van de anderen."
                    .to_owned(),
            );
            out.push("De organisator ziet of u de vragenlijst hebt ingestuurd.".to_owned());
            return out;
        }
        (Language::En, Standing::OwnRating) => {
            out.push(
                "Your answers are not anonymous: this is your own assessment, and the report \
                 shows your answers and comments as 'self', next to the view of the others."
                    .to_owned(),
            );
            out.push("The organiser sees whether you have submitted the questionnaire.".to_owned());
            return out;
        }
        (Language::Nl, Standing::Identifiable) => {
            out.push(
                "Let op: uw groep wordt in het rapport apart getoond, ook als er maar weinig \
                 mensen in zitten. Uw antwoorden en toelichtingen zijn daardoor herkenbaar als \
                 antwoorden van uw groep, en bent u de enige in die groep, dan als die van u."
                    .to_owned(),
            );
        }
        (Language::En, Standing::Identifiable) => {
            out.push(
                "Please note: your group is shown separately in the report, even if it has only \
                 a few members. Your answers and comments can therefore be recognised as answers \
                 from your group, and if you are the only one in that group, as yours."
                    .to_owned(),
            );
        }
        (Language::Nl, Standing::Anonymous) => {
            out.push("Uw antwoorden zijn anoniem.".to_owned());
            out.push(format!(
                "Het rapport toont geen afzonderlijke antwoorden, alleen resultaten per groep, en \
                 die van een groep alleen als ten minste {k} mensen uit die groep hebben \
                 geantwoord. Groepen met minder antwoorden worden samengevoegd als ze samen ten \
                 minste {k} mensen tellen, en anders nergens meegeteld."
            ));
            out.push(format!(
                "Uw toelichtingen verschijnen alleen bij een competentie waarvan de cijfers van \
                 uw groep (of van de samengevoegde groepen) getoond worden, en alleen in een lijst \
                 met toelichtingen van ten minste {k} verschillende mensen."
            ));
        }
        (Language::En, Standing::Anonymous) => {
            out.push("Your answers are anonymous.".to_owned());
            out.push(format!(
                "The report shows no individual answers, only results per group, and a group's \
                 results only if at least {k} people in that group have answered. Groups with \
                 fewer answers are combined when together they reach {k} people, and otherwise \
                 left out of every figure."
            ));
            out.push(format!(
                "Your comments appear only with a competency for which the figures of your group \
                 (or of the combined groups) are shown, and only in a list of comments from at \
                 least {k} different people."
            ));
        }
    }
    out.push(match (language, facts.person_status) {
        (Language::Nl, false) => {
            "De organisator ziet per groep hoeveel mensen hebben geantwoord, niet wie.".to_owned()
        }
        (Language::Nl, true) => "Bij deze scan ziet de organisator per persoon of iemand de \
                                 vragenlijst heeft ingestuurd, maar niet wat iemand heeft \
                                 geantwoord."
            .to_owned(),
        (Language::En, false) => {
            "The organiser sees per group how many people have answered, not who.".to_owned()
        }
        (Language::En, true) => "In this scan the organiser sees per person whether they have \
                                 submitted the questionnaire, but not what they answered."
            .to_owned(),
    });
    out.push(match language {
        Language::Nl => "Na het insturen worden uw antwoorden bewaard zonder enige verwijzing \
                         naar u of uw uitnodiging: ook wie de database of een back-up in handen \
                         heeft, kan ze niet aan u koppelen."
            .to_owned(),
        Language::En => "Once you submit, your answers are stored without any reference to you \
                         or your invitation: not even someone holding the database or a backup \
                         can tie them to you."
            .to_owned(),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(standing: Standing, person_status: bool) -> PromiseFacts {
        PromiseFacts {
            standing,
            k: 3,
            person_status,
        }
    }

    #[test]
    fn the_old_promise_is_gone_and_the_new_one_names_every_rule() {
        let nl = promise(Language::Nl, &facts(Standing::Anonymous, false));
        assert!(!nl.contains("Niemand, ook de beheerder niet"), "{nl}");
        for part in [
            "Uw antwoorden zijn anoniem.",
            "ten minste 3 mensen uit die groep",
            "samengevoegd",
            "nergens meegeteld",
            "toelichtingen van ten minste 3 verschillende mensen",
            "per groep hoeveel mensen hebben geantwoord, niet wie",
            "zonder enige verwijzing naar u of uw uitnodiging",
            "database of een back-up",
        ] {
            assert!(nl.contains(part), "{part}: {nl}");
        }
        let en = promise(Language::En, &facts(Standing::Anonymous, false));
        for part in [
            "Your answers are anonymous.",
            "at least 3 people in that group",
            "combined",
            "left out of every figure",
            "at least 3 different people",
            "per group how many people have answered, not who",
            "without any reference to you",
        ] {
            assert!(en.contains(part), "{part}: {en}");
        }
    }

    #[test]
    fn person_status_is_said_when_it_is_on() {
        for standing in [Standing::Anonymous, Standing::Identifiable] {
            let on = promise(Language::Nl, &facts(standing, true));
            assert!(on.contains("per persoon of iemand de vragenlijst heeft ingestuurd"));
            assert!(on.contains("maar niet wat"));
            assert!(!on.contains("niet wie"));
            let off = promise(Language::Nl, &facts(standing, false));
            assert!(!off.contains("per persoon"));
            let en = promise(Language::En, &facts(standing, true));
            assert!(en.contains("per person whether they have submitted"));
        }
    }

    #[test]
    fn self_and_identifiable_are_told_what_they_are() {
        let own = promise(Language::Nl, &facts(Standing::OwnRating, false));
        assert!(own.contains("niet anoniem") && own.contains("'zelf'"));
        assert!(!own.contains("herkenbaar") && !own.contains("Uw antwoorden zijn anoniem"));
        let group = promise(Language::Nl, &facts(Standing::Identifiable, false));
        assert!(group.contains("herkenbaar als antwoorden van uw groep"));
        assert!(!group.contains("Uw antwoorden zijn anoniem"));
        let en = promise(Language::En, &facts(Standing::Identifiable, false));
        assert!(en.contains("recognised as answers from your group"));
        assert!(!en.contains("Your answers are anonymous"));
    }
}

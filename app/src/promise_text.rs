//! What an informant is told about the anonymity of their answers, in words: the sentences the
//! pure `domain::anonymity_promise` chooses, each from the locale files, so the welcome page,
//! the invitation and the reminder say the same. Used by the respondent's pages and the email
//! templates, not by the organiser's pages.

use crate::domain::anonymity_promise::{PromiseFacts, Sentence, sentences};
use crate::domain::language::Language;
use crate::i18n::Locale;

/// What an informant is told about the anonymity of their answers (welcome page and emails),
/// as one paragraph of plain text in `language`.
pub fn promise_text(language: Language, facts: &PromiseFacts) -> String {
    use crate::i18n::td_string;
    let locale = Locale::from(language);
    sentences(facts)
        .into_iter()
        .map(|sentence| match sentence {
            Sentence::OwnRating => td_string!(locale, promise_own_rating).to_string(),
            Sentence::OwnRatingStatus => td_string!(locale, promise_own_rating_status).to_string(),
            Sentence::Identifiable => td_string!(locale, promise_identifiable).to_string(),
            Sentence::Anonymous => td_string!(locale, promise_anonymous).to_string(),
            Sentence::Groups { k } => td_string!(locale, promise_groups, k).to_string(),
            Sentence::Comments { k } => td_string!(locale, promise_comments, k).to_string(),
            Sentence::CountsOnly => td_string!(locale, promise_counts_only).to_string(),
            Sentence::PersonStatus => td_string!(locale, promise_person_status).to_string(),
            Sentence::Unlinked => td_string!(locale, promise_unlinked).to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::anonymity_promise::Standing;

    fn facts(standing: Standing, person_status: bool) -> PromiseFacts {
        PromiseFacts {
            standing,
            k: 3,
            person_status,
        }
    }

    #[test]
    fn the_old_promise_is_gone_and_the_new_one_names_every_rule() {
        let nl = promise_text(Language::Nl, &facts(Standing::Anonymous, false));
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
        let en = promise_text(Language::En, &facts(Standing::Anonymous, false));
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
            let on = promise_text(Language::Nl, &facts(standing, true));
            assert!(on.contains("per persoon of iemand de vragenlijst heeft ingestuurd"));
            assert!(on.contains("maar niet wat"));
            assert!(!on.contains("niet wie"));
            let off = promise_text(Language::Nl, &facts(standing, false));
            assert!(!off.contains("per persoon"));
            let en = promise_text(Language::En, &facts(standing, true));
            assert!(en.contains("per person whether they have submitted"));
        }
    }

    #[test]
    fn self_and_identifiable_are_told_what_they_are() {
        let own = promise_text(Language::Nl, &facts(Standing::OwnRating, false));
        assert!(own.contains("niet anoniem") && own.contains("'zelf'"));
        assert!(!own.contains("herkenbaar") && !own.contains("Uw antwoorden zijn anoniem"));
        let group = promise_text(Language::Nl, &facts(Standing::Identifiable, false));
        assert!(group.contains("herkenbaar als antwoorden van uw groep"));
        assert!(!group.contains("Uw antwoorden zijn anoniem"));
        let en = promise_text(Language::En, &facts(Standing::Identifiable, false));
        assert!(en.contains("recognised as answers from your group"));
        assert!(!en.contains("Your answers are anonymous"));
    }
}

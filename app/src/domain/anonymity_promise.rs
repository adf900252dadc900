//! What an informant is told about the anonymity of their answers, before they answer: on the
//! welcome page of the questionnaire and in the invitation and reminder emails, from this one
//! text so the two never disagree. Every sentence states a rule the engine keeps (PRODUCT.md,
//! "Anonymity"; issue 18): results only per group of at least `k`, small groups pooled or left
//! out, comments only where their group's figures appear and in lists of at least `k` authors,
//! the organiser seeing counts per group (or, with `person_status`, per person whether — not
//! what — someone answered), self shown as self, identifiable groups recognisable, and answers
//! stored without any link to the informant.

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

/// One sentence of the promise; its words are in the translations (`promise_*` keys, rendered by
/// `components::localized::promise_text`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sentence {
    /// Not anonymous: shown as "self".
    OwnRating,
    /// The organiser sees whether self submitted.
    OwnRatingStatus,
    /// The group is shown separately, so answers are recognisable.
    Identifiable,
    /// The answers are anonymous.
    Anonymous,
    /// Results only per group of at least k; smaller groups pooled or left out.
    Groups { k: usize },
    /// Comments only where the group's figures appear, in lists of at least k authors.
    Comments { k: usize },
    /// The organiser sees counts per group, not who.
    CountsOnly,
    /// The organiser sees per person whether (not what) someone submitted.
    PersonStatus,
    /// Stored without any link to the informant.
    Unlinked,
}

/// The promise's sentences, in order.
pub fn sentences(facts: &PromiseFacts) -> Vec<Sentence> {
    let k = facts.k;
    let mut out = match facts.standing {
        Standing::OwnRating => return vec![Sentence::OwnRating, Sentence::OwnRatingStatus],
        Standing::Identifiable => vec![Sentence::Identifiable],
        Standing::Anonymous => vec![
            Sentence::Anonymous,
            Sentence::Groups { k },
            Sentence::Comments { k },
        ],
    };
    out.push(if facts.person_status {
        Sentence::PersonStatus
    } else {
        Sentence::CountsOnly
    });
    out.push(Sentence::Unlinked);
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
    fn an_anonymous_informant_is_told_every_rule() {
        assert_eq!(
            sentences(&facts(Standing::Anonymous, false)),
            [
                Sentence::Anonymous,
                Sentence::Groups { k: 3 },
                Sentence::Comments { k: 3 },
                Sentence::CountsOnly,
                Sentence::Unlinked,
            ]
        );
    }

    #[test]
    fn person_status_replaces_counts_only_when_it_is_on() {
        for standing in [Standing::Anonymous, Standing::Identifiable] {
            let on = sentences(&facts(standing, true));
            assert!(on.contains(&Sentence::PersonStatus) && !on.contains(&Sentence::CountsOnly));
            let off = sentences(&facts(standing, false));
            assert!(off.contains(&Sentence::CountsOnly) && !off.contains(&Sentence::PersonStatus));
        }
    }

    #[test]
    fn self_and_identifiable_are_not_promised_anonymity() {
        let own = sentences(&facts(Standing::OwnRating, true));
        assert_eq!(own, [Sentence::OwnRating, Sentence::OwnRatingStatus]);
        let group = sentences(&facts(Standing::Identifiable, false));
        assert!(group.contains(&Sentence::Identifiable));
        assert!(!group.contains(&Sentence::Anonymous));
        assert!(group.contains(&Sentence::Unlinked));
    }
}

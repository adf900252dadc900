//! The five assessment qualifications (beoordelingskwalificaties) of the Maastricht regulation
//! "het goede gesprek" (seed 004, art. 1 sub l and art. 6 lid 5).
//!
//! Article 6 lid 5 gives every work agreement, every competency and the knowledge level exactly
//! one of five qualifications, and article 6 lid 6 uses the same five for the final
//! qualification. They are parsed once at the boundary ([`Qualification::parse`]) so the
//! arithmetic never sees anything else. Each carries a score 1–5 (onvoldoende = 1 …
//! uitstekend = 5): the regulation names no numbers, the product gives the labels their rank on
//! the same scale as a 360° rating ([`Score`]), so a scan and an assessment read alike.

use std::fmt;

use crate::domain::rating::{Bilingual, Score};

/// One of the five qualifications of article 6 lid 5, in rising order. `Ord` follows the
/// scale: `Onvoldoende < EnigszinsOnvoldoende < … < Uitstekend`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Qualification {
    /// "Onvoldoende", score 1.
    Onvoldoende,
    /// "Enigszins onvoldoende", score 2.
    EnigszinsOnvoldoende,
    /// "Normaal", score 3.
    Normaal,
    /// "Goed", score 4.
    Goed,
    /// "Uitstekend", score 5.
    Uitstekend,
}

/// Why a code is not one of the five qualifications (art. 6 lid 5). Carries the refused text,
/// shortened, so the caller can show it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QualificationError {
    /// The refused input, at most 40 characters.
    pub input: String,
}

impl fmt::Display for QualificationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a qualification must be one of onvoldoende, enigszins_onvoldoende, normaal, goed, \
             uitstekend (or 1-5), not {:?}",
            self.input
        )
    }
}

impl std::error::Error for QualificationError {}

impl Qualification {
    /// The five in rising order, for forms and legends.
    pub const ALL: [Qualification; 5] = [
        Qualification::Onvoldoende,
        Qualification::EnigszinsOnvoldoende,
        Qualification::Normaal,
        Qualification::Goed,
        Qualification::Uitstekend,
    ];

    /// Parses the code a form or the API sends: the snake-case code ("enigszins_onvoldoende"),
    /// the Dutch label as written in art. 6 lid 5 ("Enigszins onvoldoende"), or the score "1"–"5".
    /// Case and surrounding whitespace are ignored; anything else is refused, never guessed.
    pub fn parse(input: &str) -> Result<Qualification, QualificationError> {
        let normal = input.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        let found = match normal.as_str() {
            "onvoldoende" | "1" => Qualification::Onvoldoende,
            "enigszins_onvoldoende" | "2" => Qualification::EnigszinsOnvoldoende,
            "normaal" | "3" => Qualification::Normaal,
            "goed" | "4" => Qualification::Goed,
            "uitstekend" | "5" => Qualification::Uitstekend,
            _ => {
                return Err(QualificationError {
                    input: input.chars().take(40).collect(),
                });
            }
        };
        Ok(found)
    }

    /// The canonical code ([`Qualification::parse`] reads it back): what forms post and the
    /// database stores.
    pub fn code(self) -> &'static str {
        match self {
            Qualification::Onvoldoende => "onvoldoende",
            Qualification::EnigszinsOnvoldoende => "enigszins_onvoldoende",
            Qualification::Normaal => "normaal",
            Qualification::Goed => "goed",
            Qualification::Uitstekend => "uitstekend",
        }
    }

    /// The score 1–5 the arithmetic uses (onvoldoende = 1 … uitstekend = 5).
    pub fn score(self) -> u8 {
        match self {
            Qualification::Onvoldoende => 1,
            Qualification::EnigszinsOnvoldoende => 2,
            Qualification::Normaal => 3,
            Qualification::Goed => 4,
            Qualification::Uitstekend => 5,
        }
    }

    /// The qualification of a score 1–5; `None` outside the scale.
    pub fn from_score(score: u8) -> Option<Qualification> {
        Qualification::ALL
            .get(usize::from(score).checked_sub(1)?)
            .copied()
    }

    /// The label as art. 6 lid 5 writes it (Dutch), with its English translation.
    pub fn label(self) -> Bilingual {
        let (nl, en) = match self {
            Qualification::Onvoldoende => ("Onvoldoende", "Insufficient"),
            Qualification::EnigszinsOnvoldoende => {
                ("Enigszins onvoldoende", "Somewhat insufficient")
            }
            Qualification::Normaal => ("Normaal", "Meets expectations"),
            Qualification::Goed => ("Goed", "Good"),
            Qualification::Uitstekend => ("Uitstekend", "Excellent"),
        };
        Bilingual { nl, en }
    }

    /// The definition word for word from art. 6 lid 5 (Dutch), with its English translation.
    pub fn definition(self) -> Bilingual {
        let (nl, en) = match self {
            Qualification::Onvoldoende => (
                "voldoet in het geheel niet aan de gestelde eisen en verwachtingen",
                "does not meet the requirements and expectations at all",
            ),
            Qualification::EnigszinsOnvoldoende => (
                "voldoet niet volledig aan de gestelde eisen en verwachtingen",
                "does not fully meet the requirements and expectations",
            ),
            Qualification::Normaal => (
                "voldoet aan de gestelde eisen en verwachtingen",
                "meets the requirements and expectations",
            ),
            Qualification::Goed => (
                "stijgt regelmatig uit boven de gestelde eisen en verwachtingen",
                "regularly exceeds the requirements and expectations",
            ),
            Qualification::Uitstekend => (
                "stijgt voortdurend uit boven de gestelde eisen en verwachtingen",
                "constantly exceeds the requirements and expectations",
            ),
        };
        Bilingual { nl, en }
    }

    /// Art. 6 lid 9: with a final "goed" or "uitstekend" the manager *may* grant an extra reward
    /// (Regeling Flexibel Belonen). Only the possibility is shown; there is no pay logic here.
    pub fn allows_extra_reward(self) -> bool {
        matches!(self, Qualification::Goed | Qualification::Uitstekend)
    }
}

impl From<Score> for Qualification {
    /// A 360° rating score and a qualification share the scale of art. 6 lid 5.
    fn from(score: Score) -> Qualification {
        Qualification::ALL[score.index()]
    }
}

impl From<Qualification> for Score {
    fn from(q: Qualification) -> Score {
        Score::ALL[usize::from(q.score() - 1)]
    }
}

impl fmt::Display for Qualification {
    /// The Dutch label: the product is Dutch first.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label().nl)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn article_6_5_has_exactly_five_qualifications_in_rising_order() {
        let scores: Vec<u8> = Qualification::ALL.iter().map(|q| q.score()).collect();
        assert_eq!(scores, vec![1, 2, 3, 4, 5]);
        assert!(Qualification::ALL.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn article_6_5_labels_and_definitions_are_word_for_word() {
        let expected = [
            (
                "Onvoldoende",
                "voldoet in het geheel niet aan de gestelde eisen en verwachtingen",
            ),
            (
                "Enigszins onvoldoende",
                "voldoet niet volledig aan de gestelde eisen en verwachtingen",
            ),
            ("Normaal", "voldoet aan de gestelde eisen en verwachtingen"),
            (
                "Goed",
                "stijgt regelmatig uit boven de gestelde eisen en verwachtingen",
            ),
            (
                "Uitstekend",
                "stijgt voortdurend uit boven de gestelde eisen en verwachtingen",
            ),
        ];
        for (q, (label, definition)) in Qualification::ALL.iter().zip(expected) {
            assert_eq!(q.label().nl, label);
            assert_eq!(q.definition().nl, definition);
            assert!(!q.label().en.is_empty() && !q.definition().en.is_empty());
        }
    }

    #[test]
    fn article_1_l_labels_match_the_definition_list() {
        // Art. 1 sub l names them in lower case: "onvoldoende", "enigszins onvoldoende", ...
        for name in [
            "onvoldoende",
            "enigszins onvoldoende",
            "normaal",
            "goed",
            "uitstekend",
        ] {
            let q = Qualification::parse(name).unwrap();
            assert_eq!(q.label().nl.to_lowercase(), name);
        }
    }

    #[test]
    fn article_6_5_parse_accepts_codes_labels_and_scores() {
        assert_eq!(
            Qualification::parse("enigszins_onvoldoende"),
            Ok(Qualification::EnigszinsOnvoldoende)
        );
        assert_eq!(
            Qualification::parse("  Enigszins Onvoldoende "),
            Ok(Qualification::EnigszinsOnvoldoende)
        );
        assert_eq!(Qualification::parse("GOED"), Ok(Qualification::Goed));
        assert_eq!(Qualification::parse("5"), Ok(Qualification::Uitstekend));
    }

    #[test]
    fn article_6_5_parse_refuses_anything_else() {
        for bad in [
            "",
            "0",
            "6",
            "-1",
            "3.5",
            "voldoende",
            "good",
            "n",
            "cannot_judge",
            "normaal!",
        ] {
            let error = Qualification::parse(bad).unwrap_err();
            assert_eq!(error.input, bad);
            assert!(error.to_string().contains("normaal"));
        }
        let long = "x".repeat(500);
        assert_eq!(Qualification::parse(&long).unwrap_err().input.len(), 40);
    }

    #[test]
    fn article_6_9_extra_reward_only_with_goed_or_uitstekend() {
        let allowed: Vec<_> = Qualification::ALL
            .into_iter()
            .filter(|q| q.allows_extra_reward())
            .collect();
        assert_eq!(
            allowed,
            vec![Qualification::Goed, Qualification::Uitstekend]
        );
    }

    #[test]
    fn article_6_5_shares_the_scale_of_a_360_rating() {
        for q in Qualification::ALL {
            let score = Score::from(q);
            assert_eq!(score.value(), q.score());
            assert_eq!(Qualification::from(score), q);
            assert_eq!(score.description().nl, q.definition().nl);
        }
        assert_eq!(Qualification::from_score(0), None);
        assert_eq!(Qualification::from_score(6), None);
        assert_eq!(Qualification::Normaal.to_string(), "Normaal");
    }

    proptest! {
        #[test]
        fn code_round_trips(index in 0usize..5) {
            let q = Qualification::ALL[index];
            prop_assert_eq!(Qualification::parse(q.code()), Ok(q));
            prop_assert_eq!(Qualification::from_score(q.score()), Some(q));
        }

        #[test]
        fn parse_never_panics_and_only_accepts_the_five(input in ".{0,30}") {
            if let Ok(q) = Qualification::parse(&input) {
                let normal = input.trim().to_ascii_lowercase().replace([' ', '-'], "_");
                prop_assert!(normal == q.code() || normal == q.score().to_string());
            }
        }
    }
}

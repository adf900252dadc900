//! One answer on the rating scale of the Maastricht regulation (seed 004, art. 6 lid 5):
//! a score from 1 (onvoldoende) to 5 (uitstekend), or "kan ik niet beoordelen".
//!
//! Parse, don't validate: a [`Rating`] can only be built through [`Rating::parse`],
//! [`Score::new`] or deserialisation, all of which reject anything off the scale, so the scoring
//! code never has to check a rating again.
//!
//! Wire format (serde and HTML form values): `"1"` … `"5"` and `"cannot_judge"`. Deserialisation
//! also accepts the integers `1` … `5` and the short form `"n"`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A fixed text in both product languages, so labels can live next to the rule they name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Bilingual {
    /// Dutch, the product's first language.
    pub nl: &'static str,
    /// English, the second language.
    pub en: &'static str,
}

/// Why a piece of input is not a rating; shown to the user in their own language by the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RatingError {
    /// The text is not one of "1"–"5", "n" or "cannot_judge".
    #[error("a rating must be 1, 2, 3, 4, 5 or \"n\" (cannot judge), not {0:?}")]
    Unrecognised(String),
    /// A number outside 1–5 (e.g. from JSON or the database).
    #[error("a score must be between 1 and 5, not {0}")]
    OutOfRange(i64),
}

/// A score on the five-point scale: 1 onvoldoende … 5 uitstekend. The field is private so a
/// `Score` is always within 1..=5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Score(u8);

impl Score {
    /// The lowest point, "onvoldoende".
    pub const MIN: Score = Score(1);
    /// The highest point, "uitstekend".
    pub const MAX: Score = Score(5);
    /// The middle point, "normaal": the norm the agreement categories compare against.
    pub const MEETS_EXPECTATIONS: Score = Score(3);
    /// All five points in scale order, for legends and distributions.
    pub const ALL: [Score; 5] = [Score(1), Score(2), Score(3), Score(4), Score(5)];

    /// Builds a score from a number, rejecting anything outside 1..=5.
    pub fn new(value: i64) -> Result<Score, RatingError> {
        match value {
            1..=5 => Ok(Score(value as u8)),
            other => Err(RatingError::OutOfRange(other)),
        }
    }

    /// The number 1..=5, for arithmetic.
    pub fn value(self) -> u8 {
        self.0
    }

    /// Position 0..=4 on the scale, for indexing a distribution.
    pub fn index(self) -> usize {
        usize::from(self.0 - 1)
    }

    /// The label of seed 004 (Dutch) and its English equivalent.
    pub fn label(self) -> Bilingual {
        match self.0 {
            1 => Bilingual {
                nl: "onvoldoende",
                en: "insufficient",
            },
            2 => Bilingual {
                nl: "enigszins onvoldoende",
                en: "somewhat insufficient",
            },
            3 => Bilingual {
                nl: "normaal",
                en: "meets expectations",
            },
            4 => Bilingual {
                nl: "goed",
                en: "good",
            },
            _ => Bilingual {
                nl: "uitstekend",
                en: "excellent",
            },
        }
    }

    /// The one-line meaning of the label from seed 004 art. 6 lid 5, for the questionnaire legend.
    pub fn description(self) -> Bilingual {
        match self.0 {
            1 => Bilingual {
                nl: "voldoet in het geheel niet aan de gestelde eisen en verwachtingen",
                en: "does not meet the requirements and expectations at all",
            },
            2 => Bilingual {
                nl: "voldoet niet volledig aan de gestelde eisen en verwachtingen",
                en: "does not fully meet the requirements and expectations",
            },
            3 => Bilingual {
                nl: "voldoet aan de gestelde eisen en verwachtingen",
                en: "meets the requirements and expectations",
            },
            4 => Bilingual {
                nl: "stijgt regelmatig uit boven de gestelde eisen en verwachtingen",
                en: "regularly exceeds the requirements and expectations",
            },
            _ => Bilingual {
                nl: "stijgt voortdurend uit boven de gestelde eisen en verwachtingen",
                en: "constantly exceeds the requirements and expectations",
            },
        }
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// One answer to one behaviour: a score, or "kan ik niet beoordelen", which is excluded from
/// every average but still counted so the report can say how many could not judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rating {
    /// A point on the five-point scale.
    Score(Score),
    /// "Kan ik niet beoordelen": the informant has not seen this behaviour.
    CannotJudge,
}

impl Rating {
    /// The code used in forms and serialisation for "cannot judge".
    pub const CANNOT_JUDGE_CODE: &'static str = "cannot_judge";

    /// The six possible answers in the order a questionnaire shows them.
    pub const ALL: [Rating; 6] = [
        Rating::Score(Score(1)),
        Rating::Score(Score(2)),
        Rating::Score(Score(3)),
        Rating::Score(Score(4)),
        Rating::Score(Score(5)),
        Rating::CannotJudge,
    ];

    /// Parses form or import input: "1"–"5", or "n" / "cannot_judge" (case-insensitive,
    /// surrounding whitespace ignored). Anything else is an error, never a guess.
    pub fn parse(input: &str) -> Result<Rating, RatingError> {
        let trimmed = input.trim();
        match trimmed {
            "1" => Ok(Rating::Score(Score(1))),
            "2" => Ok(Rating::Score(Score(2))),
            "3" => Ok(Rating::Score(Score(3))),
            "4" => Ok(Rating::Score(Score(4))),
            "5" => Ok(Rating::Score(Score(5))),
            t if t.eq_ignore_ascii_case("n") || t.eq_ignore_ascii_case(Self::CANNOT_JUDGE_CODE) => {
                Ok(Rating::CannotJudge)
            }
            _ => Err(RatingError::Unrecognised(shorten(input))),
        }
    }

    /// The canonical code ("1"–"5" or "cannot_judge"): what forms post and serde writes.
    pub fn code(self) -> &'static str {
        match self {
            Rating::Score(Score(1)) => "1",
            Rating::Score(Score(2)) => "2",
            Rating::Score(Score(3)) => "3",
            Rating::Score(Score(4)) => "4",
            Rating::Score(_) => "5",
            Rating::CannotJudge => Self::CANNOT_JUDGE_CODE,
        }
    }

    /// The score, or `None` for "cannot judge": the only way averages see a rating.
    pub fn score(self) -> Option<Score> {
        match self {
            Rating::Score(score) => Some(score),
            Rating::CannotJudge => None,
        }
    }

    /// The label shown next to the answer.
    pub fn label(self) -> Bilingual {
        match self {
            Rating::Score(score) => score.label(),
            Rating::CannotJudge => Bilingual {
                nl: "kan ik niet beoordelen",
                en: "cannot judge",
            },
        }
    }
}

impl From<Score> for Rating {
    fn from(score: Score) -> Self {
        Rating::Score(score)
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Rating {
    type Err = RatingError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rating::parse(s)
    }
}

/// Keeps error messages short when someone posts a very long value.
fn shorten(input: &str) -> String {
    const MAX_CHARS: usize = 20;
    if input.chars().count() <= MAX_CHARS {
        input.to_owned()
    } else {
        let mut short: String = input.chars().take(MAX_CHARS).collect();
        short.push('…');
        short
    }
}

impl Serialize for Score {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.0)
    }
}

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Rating::deserialize(deserializer)? {
            Rating::Score(score) => Ok(score),
            Rating::CannotJudge => Err(serde::de::Error::custom(
                "expected a score 1–5, not \"cannot judge\"",
            )),
        }
    }
}

impl Serialize for Rating {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RatingVisitor;

        impl serde::de::Visitor<'_> for RatingVisitor {
            type Value = Rating;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a rating: 1–5, \"n\" or \"cannot_judge\"")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Rating, E> {
                Rating::parse(v).map_err(E::custom)
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Rating, E> {
                Score::new(v).map(Rating::Score).map_err(E::custom)
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Rating, E> {
                let v = i64::try_from(v).unwrap_or(i64::MAX);
                self.visit_i64(v)
            }
        }

        deserializer.deserialize_any(RatingVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_five_points_and_cannot_judge() {
        for (input, value) in [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5), (" 4 ", 4)] {
            assert_eq!(
                Rating::parse(input).unwrap().score().map(Score::value),
                Some(value)
            );
        }
        for input in ["n", "N", "cannot_judge", " Cannot_Judge "] {
            assert_eq!(Rating::parse(input).unwrap(), Rating::CannotJudge);
        }
    }

    #[test]
    fn rejects_everything_else() {
        for input in ["", "0", "6", "-1", "3.5", "05", "nee", "x", "1 2", "٣"] {
            assert!(
                matches!(Rating::parse(input), Err(RatingError::Unrecognised(_))),
                "{input:?} should be rejected"
            );
        }
        assert_eq!(Score::new(0), Err(RatingError::OutOfRange(0)));
        assert_eq!(Score::new(6), Err(RatingError::OutOfRange(6)));
    }

    #[test]
    fn error_message_is_clear_and_short() {
        let error = Rating::parse(&"x".repeat(500)).unwrap_err().to_string();
        assert!(error.contains("1, 2, 3, 4, 5"));
        assert!(error.len() < 120, "{error}");
    }

    #[test]
    fn labels_follow_seed_004() {
        let nl: Vec<_> = Rating::ALL.iter().map(|r| r.label().nl).collect();
        assert_eq!(
            nl,
            [
                "onvoldoende",
                "enigszins onvoldoende",
                "normaal",
                "goed",
                "uitstekend",
                "kan ik niet beoordelen"
            ]
        );
        let en: Vec<_> = Rating::ALL.iter().map(|r| r.label().en).collect();
        assert_eq!(
            en,
            [
                "insufficient",
                "somewhat insufficient",
                "meets expectations",
                "good",
                "excellent",
                "cannot judge"
            ]
        );
    }

    #[test]
    fn serde_round_trips_and_rejects_off_scale() {
        for rating in Rating::ALL {
            let json = serde_json::to_string(&rating).unwrap();
            assert_eq!(serde_json::from_str::<Rating>(&json).unwrap(), rating);
            assert_eq!(Rating::parse(rating.code()).unwrap(), rating);
        }
        assert_eq!(
            serde_json::to_string(&Rating::CannotJudge).unwrap(),
            "\"cannot_judge\""
        );
        assert_eq!(
            serde_json::from_str::<Rating>("4").unwrap(),
            Rating::Score(Score(4))
        );
        assert_eq!(
            serde_json::from_str::<Rating>("\"n\"").unwrap(),
            Rating::CannotJudge
        );
        for bad in ["0", "6", "-3", "\"7\"", "null", "3.0", "true"] {
            assert!(serde_json::from_str::<Rating>(bad).is_err(), "{bad}");
        }
        assert_eq!(serde_json::to_string(&Score(2)).unwrap(), "2");
        assert!(serde_json::from_str::<Score>("\"cannot_judge\"").is_err());
    }

    #[test]
    fn index_matches_scale_position() {
        let indices: Vec<_> = Score::ALL.iter().map(|s| s.index()).collect();
        assert_eq!(indices, [0, 1, 2, 3, 4]);
    }
}

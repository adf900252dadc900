//! Self–other agreement in the six categories after Fleenor, McCauley & Brutus (1996),
//! "Self-other rating agreement and leader effectiveness".
//!
//! Per competency × level, with `d = self − others` and the scan's threshold `t` (default 0.5):
//!
//! - `d ≥ t`: **over-estimation** (the subject rates themselves higher than the others do);
//! - `−d ≥ t`: **under-estimation** (the others rate the subject higher);
//! - otherwise: **in agreement**.
//!
//! Each is split by the others' mean: **at standard** when it is at least 3 ("normaal", meets
//! expectations), **below standard** when it is under 3. Comparisons allow 1e-9 of rounding, so
//! a difference of exactly 0.5 is 0.5. No category is given without both a self and an others
//! mean.

use serde::{Deserialize, Serialize};

use crate::domain::rating::{Bilingual, Score};

/// Rounding allowance so that, e.g., 3.5 − 3.0 is never judged below a threshold of 0.5.
const EPSILON: f64 = 1e-9;

/// One of the six self–other agreement categories; its serde name is its stable id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementCategory {
    /// Self clearly higher than others; others at or above "normaal".
    OverEstimationAtStandard,
    /// Self clearly higher than others; others below "normaal": a blind spot.
    OverEstimationBelowStandard,
    /// Self and others close; others at or above "normaal": an acknowledged strength.
    AgreementAtStandard,
    /// Self and others close; others below "normaal": an acknowledged development point.
    AgreementBelowStandard,
    /// Self clearly lower than others; others at or above "normaal": a hidden strength.
    UnderEstimationAtStandard,
    /// Self clearly lower than others; others below "normaal".
    UnderEstimationBelowStandard,
}

impl AgreementCategory {
    /// All six, in the order a legend shows them.
    pub const ALL: [AgreementCategory; 6] = [
        AgreementCategory::OverEstimationAtStandard,
        AgreementCategory::OverEstimationBelowStandard,
        AgreementCategory::AgreementAtStandard,
        AgreementCategory::AgreementBelowStandard,
        AgreementCategory::UnderEstimationAtStandard,
        AgreementCategory::UnderEstimationBelowStandard,
    ];

    /// Classifies one competency × level from the self mean, the others' mean and the threshold.
    pub fn classify(self_mean: f64, others_mean: f64, threshold: f64) -> AgreementCategory {
        let difference = self_mean - others_mean;
        let at_standard = others_mean >= f64::from(Score::MEETS_EXPECTATIONS.value()) - EPSILON;
        let over = difference >= threshold - EPSILON;
        let under = -difference >= threshold - EPSILON;
        match (over, under, at_standard) {
            (true, _, true) => AgreementCategory::OverEstimationAtStandard,
            (true, _, false) => AgreementCategory::OverEstimationBelowStandard,
            (false, true, true) => AgreementCategory::UnderEstimationAtStandard,
            (false, true, false) => AgreementCategory::UnderEstimationBelowStandard,
            (false, false, true) => AgreementCategory::AgreementAtStandard,
            (false, false, false) => AgreementCategory::AgreementBelowStandard,
        }
    }

    /// The stable id, as serialised (for CSS classes, i18n keys and exports).
    pub fn id(self) -> &'static str {
        match self {
            AgreementCategory::OverEstimationAtStandard => "over_estimation_at_standard",
            AgreementCategory::OverEstimationBelowStandard => "over_estimation_below_standard",
            AgreementCategory::AgreementAtStandard => "agreement_at_standard",
            AgreementCategory::AgreementBelowStandard => "agreement_below_standard",
            AgreementCategory::UnderEstimationAtStandard => "under_estimation_at_standard",
            AgreementCategory::UnderEstimationBelowStandard => "under_estimation_below_standard",
        }
    }

    /// A short name for legends.
    pub fn name(self) -> Bilingual {
        match self {
            AgreementCategory::OverEstimationAtStandard => Bilingual {
                nl: "Overschatting, op niveau",
                en: "Over-estimation, meets expectations",
            },
            AgreementCategory::OverEstimationBelowStandard => Bilingual {
                nl: "Overschatting, onder niveau (blinde vlek)",
                en: "Over-estimation, below expectations (blind spot)",
            },
            AgreementCategory::AgreementAtStandard => Bilingual {
                nl: "Overeenstemming, op niveau",
                en: "In agreement, meets expectations",
            },
            AgreementCategory::AgreementBelowStandard => Bilingual {
                nl: "Overeenstemming, onder niveau",
                en: "In agreement, below expectations",
            },
            AgreementCategory::UnderEstimationAtStandard => Bilingual {
                nl: "Onderschatting, op niveau (verborgen sterkte)",
                en: "Under-estimation, meets expectations (hidden strength)",
            },
            AgreementCategory::UnderEstimationBelowStandard => Bilingual {
                nl: "Onderschatting, onder niveau",
                en: "Under-estimation, below expectations",
            },
        }
    }

    /// One sentence that tells the reader what the category means for the conversation.
    pub fn explanation(self) -> Bilingual {
        match self {
            AgreementCategory::OverEstimationAtStandard => Bilingual {
                nl: "De betrokkene beoordeelt zichzelf duidelijk hoger dan de anderen, die het gedrag wel als normaal of beter zien.",
                en: "The subject rates themselves clearly higher than the others do, who still see the behaviour as meeting expectations or better.",
            },
            AgreementCategory::OverEstimationBelowStandard => Bilingual {
                nl: "De betrokkene beoordeelt zichzelf duidelijk hoger dan de anderen, die het gedrag onder de verwachting zien: een blinde vlek om te bespreken.",
                en: "The subject rates themselves clearly higher than the others do, who see the behaviour below expectations: a blind spot to discuss.",
            },
            AgreementCategory::AgreementAtStandard => Bilingual {
                nl: "Zelfbeeld en beeld van de anderen komen overeen en liggen op of boven de verwachting: een erkende sterkte.",
                en: "Self and others agree, at or above expectations: an acknowledged strength.",
            },
            AgreementCategory::AgreementBelowStandard => Bilingual {
                nl: "Zelfbeeld en beeld van de anderen komen overeen, maar liggen onder de verwachting: een erkend ontwikkelpunt.",
                en: "Self and others agree, but below expectations: an acknowledged development point.",
            },
            AgreementCategory::UnderEstimationAtStandard => Bilingual {
                nl: "De betrokkene beoordeelt zichzelf duidelijk lager dan de anderen, die het gedrag als normaal of beter zien: een verborgen sterkte.",
                en: "The subject rates themselves clearly lower than the others do, who see the behaviour as meeting expectations or better: a hidden strength.",
            },
            AgreementCategory::UnderEstimationBelowStandard => Bilingual {
                nl: "De betrokkene beoordeelt zichzelf nog lager dan de anderen, die het gedrag ook onder de verwachting zien.",
                en: "The subject rates themselves even lower than the others do, who also see the behaviour below expectations.",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AgreementCategory as C;

    #[test]
    fn six_categories_hand_computed() {
        assert_eq!(C::classify(4.0, 3.5, 0.5), C::OverEstimationAtStandard);
        assert_eq!(C::classify(3.0, 2.5, 0.5), C::OverEstimationBelowStandard);
        assert_eq!(C::classify(3.4, 3.0, 0.5), C::AgreementAtStandard);
        assert_eq!(C::classify(2.0, 2.4, 0.5), C::AgreementBelowStandard);
        assert_eq!(C::classify(3.0, 3.5, 0.5), C::UnderEstimationAtStandard);
        assert_eq!(C::classify(1.0, 2.9, 0.5), C::UnderEstimationBelowStandard);
    }

    #[test]
    fn boundaries_are_inclusive_despite_rounding() {
        // 10/3 − 17/6 = 0.5 in exact arithmetic, not in floating point.
        assert_eq!(
            C::classify(10.0 / 3.0, 17.0 / 6.0, 0.5),
            C::OverEstimationBelowStandard
        );
        assert_eq!(
            C::classify(17.0 / 6.0, 10.0 / 3.0, 0.5),
            C::UnderEstimationAtStandard
        );
        // Others exactly 3 is "normaal": at standard.
        assert_eq!(C::classify(3.0, 3.0, 0.5), C::AgreementAtStandard);
        assert_eq!(C::classify(3.0, 2.999, 0.5), C::AgreementBelowStandard);
        // A just-smaller difference is agreement.
        assert_eq!(C::classify(3.49, 3.0, 0.5), C::AgreementAtStandard);
    }

    #[test]
    fn threshold_is_a_setting() {
        assert_eq!(C::classify(4.0, 3.5, 1.0), C::AgreementAtStandard);
        assert_eq!(C::classify(4.0, 3.5, 0.25), C::OverEstimationAtStandard);
    }

    #[test]
    fn ids_match_serde_and_texts_are_one_sentence() {
        for category in C::ALL {
            let json = serde_json::to_string(&category).unwrap();
            assert_eq!(json, format!("\"{}\"", category.id()));
            for text in [category.explanation().nl, category.explanation().en] {
                assert!(text.ends_with('.'));
                assert_eq!(text.matches(". ").count(), 0, "{text}");
            }
        }
    }
}

//! The self–other agreement categories as a report table names them: a short label per
//! category, its full name and explanation being one click away (see
//! [`AgreementCategory::name`] and [`AgreementCategory::explanation`]).

use crate::domain::rating::Bilingual;
use crate::domain::scoring::AgreementCategory;

/// The category with this stable id (`AgreementCategory::id`), if any.
pub fn category_of(id: &str) -> Option<AgreementCategory> {
    AgreementCategory::ALL.into_iter().find(|c| c.id() == id)
}

/// Two or three words a manager reads at a glance in a table cell.
pub fn short_name(category: AgreementCategory) -> Bilingual {
    match category {
        AgreementCategory::OverEstimationAtStandard => Bilingual {
            nl: "Overschat, op niveau",
            en: "Over-rated, meets expectations",
        },
        AgreementCategory::OverEstimationBelowStandard => Bilingual {
            nl: "Blinde vlek",
            en: "Blind spot",
        },
        AgreementCategory::AgreementAtStandard => Bilingual {
            nl: "Erkende sterkte",
            en: "Acknowledged strength",
        },
        AgreementCategory::AgreementBelowStandard => Bilingual {
            nl: "Erkend ontwikkelpunt",
            en: "Acknowledged development point",
        },
        AgreementCategory::UnderEstimationAtStandard => Bilingual {
            nl: "Verborgen sterkte",
            en: "Hidden strength",
        },
        AgreementCategory::UnderEstimationBelowStandard => Bilingual {
            nl: "Onderschat, onder niveau",
            en: "Under-rated, below expectations",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_finds_its_category_and_short_names_differ() {
        for category in AgreementCategory::ALL {
            assert_eq!(category_of(category.id()), Some(category));
            let short = short_name(category);
            assert!(short.nl.len() < category.name().nl.len() + 1, "{short:?}");
        }
        assert_eq!(category_of("unknown"), None);
        let names: std::collections::BTreeSet<&str> = AgreementCategory::ALL
            .into_iter()
            .map(|c| short_name(c).nl)
            .collect();
        assert_eq!(names.len(), 6);
    }
}

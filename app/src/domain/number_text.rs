//! Numbers as a person reads them in the report: in Dutch with a decimal comma, in English with
//! a decimal point, and in both with a real minus sign (U+2212) instead of a hyphen. Machine
//! formats (the CSV file for other systems, the JSON API) keep their own notation and never use
//! this.

use crate::domain::language::Language;

const MINUS: char = '\u{2212}';

/// `value` with `places` decimals: `4,33` in Dutch, `4.33` in English, `−1,87` below zero. A
/// value that rounds to zero has no sign.
pub fn decimal(value: f64, places: usize, language: Language) -> String {
    let text = format!("{:.*}", places, value.abs());
    let text = match language {
        Language::Nl => text.replace('.', ","),
        Language::En => text,
    };
    if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("{MINUS}{text}")
    } else {
        text
    }
}

/// Like [`decimal`], with a plus sign above zero: a difference (`+0,50`, `−1,87`, `0,00`).
pub fn signed(value: f64, places: usize, language: Language) -> String {
    let text = decimal(value, places, language);
    if value > 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_has_a_decimal_comma_and_english_a_point() {
        assert_eq!(decimal(4.333, 2, Language::Nl), "4,33");
        assert_eq!(decimal(4.333, 2, Language::En), "4.33");
        assert_eq!(decimal(0.5, 1, Language::Nl), "0,5");
        assert_eq!(decimal(3.0, 0, Language::Nl), "3");
        assert_eq!(decimal(1234.5, 1, Language::Nl), "1234,5");
    }

    #[test]
    fn below_zero_is_a_real_minus_sign_and_zero_has_no_sign() {
        assert_eq!(decimal(-1.866, 2, Language::Nl), "\u{2212}1,87");
        assert_eq!(decimal(-1.866, 2, Language::En), "\u{2212}1.87");
        assert_eq!(decimal(-0.001, 2, Language::Nl), "0,00");
        assert!(!decimal(-2.5, 1, Language::Nl).contains('-'));
    }

    #[test]
    fn a_difference_says_which_way() {
        assert_eq!(signed(0.5, 2, Language::Nl), "+0,50");
        assert_eq!(signed(-1.866, 2, Language::Nl), "\u{2212}1,87");
        assert_eq!(signed(0.0, 2, Language::Nl), "0,00");
        assert_eq!(signed(0.004, 2, Language::En), "0.00");
        assert_eq!(signed(1.0, 1, Language::En), "+1.0");
    }
}

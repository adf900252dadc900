//! The weight of one work agreement (werkafspraak) in the final qualification.
//!
//! Art. 4 lid 2: all competencies and work agreements weigh equally "tenzij de
//! direct-leidinggevende na overleg met de medewerker per werkafspraak een andere weging
//! vaststelt". Only work agreements can carry another weight; competencies and the knowledge
//! level never do. Only the proportions matter: weights 1, 1, 2 and 25 %, 25 %, 50 % give the
//! same proposal.
//!
//! A weight is an exact decimal with at most four decimals, stored as a whole number of
//! ten-thousandths, so the arithmetic of the proposal stays exact (no floating point: a boundary
//! such as 3.5 must be 3.5, not 3.4999999). It is strictly positive: a zero or negative weight,
//! "NaN" or infinity is refused here, at the boundary, with a [`WeightError`].

use std::fmt;

/// Ten-thousandths per whole unit of weight.
const UNITS_PER_WHOLE: u64 = 10_000;
/// The largest weight accepted, in whole units. Far above any sensible weight (percentages
/// stop at 100) and small enough that no sum or product in the proposal can overflow.
pub const MAX_WHOLE_WEIGHT: u64 = 10_000;

/// A strictly positive weight with at most four decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Weight(u64);

/// Why a value is not a weight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WeightError {
    /// Not a decimal number ("abc", "1.2.3", "", "NaN" as text).
    Malformed(String),
    /// Zero or negative: a work agreement that should not count is dropped, not weighted 0.
    NotPositive,
    /// A floating-point NaN (from JSON or a spreadsheet).
    NotANumber,
    /// More than four decimals.
    TooManyDecimals,
    /// Above [`MAX_WHOLE_WEIGHT`], or infinite.
    TooLarge,
}

impl fmt::Display for WeightError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WeightError::Malformed(text) => {
                write!(f, "a weight must be a positive number, not {text:?}")
            }
            WeightError::NotPositive => f.write_str("a weight must be greater than zero"),
            WeightError::NotANumber => f.write_str("a weight must be a number, not NaN"),
            WeightError::TooManyDecimals => f.write_str("a weight has at most four decimals"),
            WeightError::TooLarge => write!(f, "a weight is at most {MAX_WHOLE_WEIGHT}"),
        }
    }
}

impl std::error::Error for WeightError {}

impl Weight {
    /// The weight every work agreement has unless another is set (art. 4 lid 2): 1.
    pub const EQUAL: Weight = Weight(UNITS_PER_WHOLE);

    /// A whole-number weight (e.g. a percentage such as 25).
    pub fn whole(value: u64) -> Result<Weight, WeightError> {
        match value {
            0 => Err(WeightError::NotPositive),
            v if v > MAX_WHOLE_WEIGHT => Err(WeightError::TooLarge),
            v => Ok(Weight(v * UNITS_PER_WHOLE)),
        }
    }

    /// A weight in ten-thousandths (12_500 is 1.25).
    pub fn from_ten_thousandths(units: u64) -> Result<Weight, WeightError> {
        match units {
            0 => Err(WeightError::NotPositive),
            u if u > MAX_WHOLE_WEIGHT * UNITS_PER_WHOLE => Err(WeightError::TooLarge),
            u => Ok(Weight(u)),
        }
    }

    /// Parses form input: digits with at most one decimal separator ("." or the Dutch ","), at
    /// most four decimals, an optional trailing "%" (ignored: only proportions count), surrounding
    /// whitespace ignored. "0", "-1", "NaN", "inf" and "" are refused.
    pub fn parse(input: &str) -> Result<Weight, WeightError> {
        let text = input.trim();
        let text = text.strip_suffix('%').map(str::trim_end).unwrap_or(text);
        match text.strip_prefix('-') {
            // A well-formed negative number is refused as not positive, anything else as
            // malformed.
            Some(magnitude) => match Weight::parse_magnitude(input, magnitude) {
                Ok(_) | Err(WeightError::NotPositive) => Err(WeightError::NotPositive),
                Err(other) => Err(other),
            },
            None => Weight::parse_magnitude(input, text),
        }
    }

    /// The unsigned part of [`Weight::parse`]; `input` is only used in the error.
    fn parse_magnitude(input: &str, text: &str) -> Result<Weight, WeightError> {
        let malformed = || WeightError::Malformed(input.chars().take(40).collect());
        let (whole, fraction) = match text.find(['.', ',']) {
            Some(at) => (&text[..at], &text[at + 1..]),
            None => (text, ""),
        };
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
            return Err(malformed());
        }
        if text.ends_with(['.', ',']) {
            return Err(malformed());
        }
        if fraction.len() > 4 {
            return Err(WeightError::TooManyDecimals);
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 6 {
            return Err(WeightError::TooLarge);
        }
        let whole: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| malformed())?
        };
        let mut units = 0u64;
        for (position, byte) in fraction.bytes().enumerate() {
            units += u64::from(byte - b'0') * 10u64.pow(3 - position as u32);
        }
        Weight::from_ten_thousandths(whole * UNITS_PER_WHOLE + units)
    }

    /// A weight from a float (JSON): NaN, infinity and values not above zero are refused; the
    /// value is rounded to the nearest ten-thousandth (halves away from zero), and refused if
    /// that leaves zero. This is the only place a float is touched.
    pub fn from_f64(value: f64) -> Result<Weight, WeightError> {
        if value.is_nan() {
            return Err(WeightError::NotANumber);
        }
        if value <= 0.0 {
            return Err(WeightError::NotPositive);
        }
        if !value.is_finite() || value > MAX_WHOLE_WEIGHT as f64 {
            return Err(WeightError::TooLarge);
        }
        // Bounded above, so the cast is exact enough and cannot saturate.
        let units = (value * UNITS_PER_WHOLE as f64).round() as u64;
        Weight::from_ten_thousandths(units)
    }

    /// The weight in ten-thousandths: what the exact arithmetic multiplies with.
    pub fn ten_thousandths(self) -> u64 {
        self.0
    }
}

impl Default for Weight {
    /// Art. 4 lid 2: equal weights unless set otherwise.
    fn default() -> Weight {
        Weight::EQUAL
    }
}

impl fmt::Display for Weight {
    /// The shortest exact decimal with a full stop: "1", "1.25", "0.0001".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / UNITS_PER_WHOLE;
        let fraction = self.0 % UNITS_PER_WHOLE;
        if fraction == 0 {
            write!(f, "{whole}")
        } else {
            let digits = format!("{fraction:04}");
            write!(f, "{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn article_4_2_default_weight_is_equal() {
        assert_eq!(Weight::default(), Weight::EQUAL);
        assert_eq!(Weight::EQUAL.to_string(), "1");
    }

    #[test]
    fn article_4_2_weights_parse_dutch_and_english_decimals_and_percentages() {
        assert_eq!(Weight::parse("1,5").unwrap().ten_thousandths(), 15_000);
        assert_eq!(Weight::parse("1.5").unwrap().ten_thousandths(), 15_000);
        assert_eq!(Weight::parse(" 25 % ").unwrap(), Weight::whole(25).unwrap());
        assert_eq!(Weight::parse("0,0001").unwrap().ten_thousandths(), 1);
        assert_eq!(Weight::parse(".5").unwrap().ten_thousandths(), 5_000);
        assert_eq!(Weight::parse("007").unwrap(), Weight::whole(7).unwrap());
        assert_eq!(
            Weight::parse("10000").unwrap(),
            Weight::whole(10_000).unwrap()
        );
    }

    #[test]
    fn article_4_2_weights_must_be_positive_numbers() {
        assert_eq!(Weight::parse("0"), Err(WeightError::NotPositive));
        assert_eq!(Weight::parse("0,0000"), Err(WeightError::NotPositive));
        assert_eq!(Weight::parse("-1"), Err(WeightError::NotPositive));
        assert_eq!(Weight::parse("-0,5"), Err(WeightError::NotPositive));
        assert_eq!(Weight::whole(0), Err(WeightError::NotPositive));
        assert_eq!(Weight::parse("1.00001"), Err(WeightError::TooManyDecimals));
        assert_eq!(Weight::parse("10000.0001"), Err(WeightError::TooLarge));
        assert_eq!(
            Weight::parse("99999999999999999999999"),
            Err(WeightError::TooLarge)
        );
        for bad in [
            "", "NaN", "inf", "1.2.3", "1,", ".", "%", "1e3", "+1", "- 1", "-x", "１",
        ] {
            assert!(
                matches!(Weight::parse(bad), Err(WeightError::Malformed(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn article_4_2_float_weights_refuse_nan_infinity_and_non_positive() {
        assert_eq!(Weight::from_f64(f64::NAN), Err(WeightError::NotANumber));
        assert_eq!(Weight::from_f64(f64::INFINITY), Err(WeightError::TooLarge));
        assert_eq!(
            Weight::from_f64(f64::NEG_INFINITY),
            Err(WeightError::NotPositive)
        );
        assert_eq!(Weight::from_f64(0.0), Err(WeightError::NotPositive));
        assert_eq!(Weight::from_f64(-0.0), Err(WeightError::NotPositive));
        assert_eq!(Weight::from_f64(-2.5), Err(WeightError::NotPositive));
        assert_eq!(Weight::from_f64(0.00001), Err(WeightError::NotPositive));
        assert_eq!(Weight::from_f64(0.1).unwrap().ten_thousandths(), 1_000);
        assert_eq!(Weight::from_f64(1.25).unwrap().to_string(), "1.25");
    }

    proptest! {
        #[test]
        fn display_round_trips(units in 1u64..=MAX_WHOLE_WEIGHT * UNITS_PER_WHOLE) {
            let weight = Weight::from_ten_thousandths(units).unwrap();
            prop_assert_eq!(Weight::parse(&weight.to_string()), Ok(weight));
            let dutch = weight.to_string().replace('.', ",");
            prop_assert_eq!(Weight::parse(&dutch), Ok(weight));
        }

        #[test]
        fn parse_never_panics(input in ".{0,20}") {
            if let Ok(weight) = Weight::parse(&input) {
                prop_assert!(weight.ten_thousandths() > 0);
            }
        }
    }
}

//! Words and text layout shared by the charts: the two product languages, row labels,
//! measuring, shortening and wrapping labels, and escaping text for SVG markup.

use std::cmp::Ordering;

use plotters::style::{FontDesc, FontFamily, FontStyle};

use crate::domain::language::Language;
use crate::domain::rating::{Bilingual, Score};
use crate::domain::report_view::{CompetencyRow, GroupFigure};

/// A chart's words in a [`Language`].
pub(super) trait Words {
    fn text(self, words: Bilingual) -> &'static str;
    fn group(self, group: &GroupFigure) -> &str;
    /// The name of the pooled line, as the report table calls it.
    fn pooled(self) -> &'static str;
    fn self_view(self) -> &'static str;
    fn others(self) -> &'static str;
    /// The label of the 3 on the scale, for the reference line ("normaal").
    fn norm(self) -> &'static str;
}

impl Words for Language {
    fn text(self, words: Bilingual) -> &'static str {
        self.pick(words.nl, words.en)
    }

    fn group(self, group: &GroupFigure) -> &str {
        self.pick(&group.label_nl, &group.label_en)
    }

    fn pooled(self) -> &'static str {
        self.pick("Overige informanten", "Other informants")
    }

    fn self_view(self) -> &'static str {
        self.pick("Zelf", "Self")
    }

    fn others(self) -> &'static str {
        self.pick("Anderen", "Others")
    }

    fn norm(self) -> &'static str {
        self.text(Score::MEETS_EXPECTATIONS.label())
    }
}

/// Font size of titles, in plotters' units (the SVG gets size / 1.24).
pub(super) const TITLE_SIZE: f64 = 20.0;
/// Font size of row labels, legends and cell values.
pub(super) const LABEL_SIZE: f64 = 15.0;
/// Font size of the scale's words and other small print.
pub(super) const SMALL_SIZE: f64 = 13.0;

/// The font of all chart text (DejaVu Sans, registered by [`super::register_fonts`]).
pub(super) fn font(size: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::SansSerif, size, FontStyle::Normal)
}

/// The width of `text` in pixels; a rough estimate when the font is unavailable.
pub(super) fn width(text: &str, size: f64) -> u32 {
    font(size)
        .box_size(text)
        .map(|(w, _)| w)
        .unwrap_or_else(|_| (text.chars().count() as f64 * size * 0.6).ceil() as u32)
}

/// `text` shortened with "…" to fit in `max` pixels.
pub(super) fn fit(text: &str, size: f64, max: u32) -> String {
    if width(text, size) <= max {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut keep = chars.len();
    while keep > 0 {
        keep -= 1;
        let candidate: String = chars[..keep]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_owned()
            + "…";
        if width(&candidate, size) <= max {
            return candidate;
        }
    }
    "…".to_owned()
}

/// `text` broken at spaces into at most `lines` lines of at most `max` pixels, the last one
/// shortened with "…" when the text does not fit.
pub(super) fn wrap(text: &str, size: f64, max: u32, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        if out.len() == lines {
            break;
        }
        let mut line = word.to_owned();
        while let Some(next) = words.peek() {
            let longer = format!("{line} {next}");
            if width(&longer, size) > max {
                break;
            }
            line = longer;
            words.next();
        }
        if out.len() + 1 == lines && words.peek().is_some() {
            let rest: Vec<&str> = words.by_ref().collect();
            line = format!("{line} {}", rest.join(" "));
        }
        out.push(fit(&line, size, max));
    }
    out
}

/// A row's label: the competency, with its level in brackets when the framework has levels.
pub(super) fn row_label(row: &CompetencyRow) -> String {
    if row.level.is_empty() {
        row.name.clone()
    } else {
        format!("{} ({})", row.name, row.level)
    }
}

/// A mean as the report table writes it: two decimals, in the chart's language.
pub(super) fn score(value: f64, language: Language) -> String {
    crate::domain::number_text::decimal(value, 2, language)
}

/// `text` safe inside SVG/XML character data and double-quoted attributes.
pub(super) fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

/// Orders level names as people read them: "Schaal 3–7" before "Schaal 11–18" (runs of digits
/// compare as numbers, the rest as text).
pub(super) fn natural_order(a: &str, b: &str) -> Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut digits = None;
        for (i, c) in s.char_indices() {
            let is_digit = c.is_ascii_digit();
            if digits.is_some_and(|d| d != is_digit) {
                out.push((digits == Some(true), &s[start..i]));
                start = i;
            }
            digits = Some(is_digit);
        }
        if start < s.len() {
            out.push((digits == Some(true), &s[start..]));
        }
        out
    }
    let (left, right) = (chunks(a), chunks(b));
    for (x, y) in left.iter().zip(&right) {
        let order = match (x, y) {
            ((true, x), (true, y)) => {
                let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                x.len().cmp(&y.len()).then_with(|| x.cmp(y))
            }
            ((_, x), (_, y)) => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    left.len().cmp(&right.len()).then_with(|| a.cmp(b))
}

//! Words and text layout shared by the charts: the two product languages, row labels,
//! measuring and wrapping labels (never cutting them), and escaping text for SVG markup.

use std::cmp::Ordering;

use plotters::style::{FontDesc, FontFamily, FontStyle};

use crate::domain::language::Language;
use crate::domain::rating::{Bilingual, Score};
use crate::domain::report_view::category::{category_of, short_name};
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

/// Font sizes in plotters' units; plotters writes `font-size` = size / 1.24 into the SVG.
///
/// Assumption for print: the report shows each chart at the full text width, which on A4 with
/// the print stylesheet's 15 mm side margins is 180 mm for the chart's [`super::WIDTH`] of 900
/// px, so one px is 0.2 mm ≈ 0.567 pt. Nine points then need an SVG font size of 15.9 px: the
/// smallest size here gives 16.1 px (≈ 9.1 pt), a label 16.9 px (≈ 9.6 pt). On screen the
/// chart shows at about its own size (the page is 60rem wide).
pub(super) const TITLE_SIZE: f64 = 25.0;
/// Row labels, legends and cell values.
pub(super) const LABEL_SIZE: f64 = 21.0;
/// The scale's words and other small print: the smallest text in any chart.
pub(super) const SMALL_SIZE: f64 = 20.0;
/// The smallest SVG `font-size` in px that prints at 9 pt at the size assumed above.
#[cfg(test)]
pub(super) const MIN_SVG_FONT_SIZE: f64 = 15.9;

/// The distance between the baselines of two lines of text of `size`.
pub(super) fn line_height(size: f64) -> i32 {
    (size * 1.0).ceil() as i32
}

/// The font of all chart text (DejaVu Sans, registered by [`super::register_fonts`]).
pub(super) fn font(size: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::SansSerif, size, FontStyle::Normal)
}

/// The width of `text` in pixels, measured with the embedded font; a rough estimate when the
/// font is unavailable.
pub(super) fn width(text: &str, size: f64) -> u32 {
    font(size)
        .box_size(text)
        .map(|(w, _)| w)
        .unwrap_or_else(|_| (text.chars().count() as f64 * size * 0.6).ceil() as u32)
}

/// `text` broken at spaces into lines of at most `max` pixels. Nothing is ever cut: a single
/// word wider than `max` keeps a line of its own, whole.
pub(super) fn wrap(text: &str, size: f64, max: u32) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let mut line = word.to_owned();
        while let Some(next) = words.peek() {
            let longer = format!("{line} {next}");
            if width(&longer, size) > max {
                break;
            }
            line = longer;
            words.next();
        }
        out.push(line);
    }
    out
}

/// The short name of a row's self–other agreement category (as the report's table writes it),
/// if it has one.
pub(super) fn category(row: &CompetencyRow, language: Language) -> Option<&'static str> {
    let category = category_of(row.category_id.as_deref()?)?;
    Some(language.text(short_name(category)))
}

/// The one level every row shares, if the report has exactly one (then the title names it and
/// the rows do not repeat it).
pub(super) fn common_level(rows: &[CompetencyRow]) -> Option<&str> {
    let first = rows.first()?.level.as_str();
    (!first.is_empty() && rows.iter().all(|r| r.level == first)).then_some(first)
}

/// A row's label: the competency, with its level in brackets when the rows differ in level (a
/// single level is named once, in the title).
pub(super) fn row_label(row: &CompetencyRow, common_level: Option<&str>) -> String {
    if row.level.is_empty() || common_level.is_some() {
        row.name.clone()
    } else {
        format!("{} ({})", row.name, row.level)
    }
}

/// A mean as the report table writes it: two decimals, in the chart's language.
pub(super) fn score(value: f64, language: Language) -> String {
    crate::domain::number_text::decimal(value, 2, language)
}

/// A gap (others − self) as the report table writes it: signed, two decimals.
pub(super) fn gap(value: f64, language: Language) -> String {
    crate::domain::number_text::signed(value, 2, language)
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

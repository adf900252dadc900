//! The frame shared by the gap and levels charts: rows of competencies against a horizontal
//! 1–5 scale, with grid lines, the reference line at 3 ("normaal") and the scale's words.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::colours;
use super::text::{self, Words};
use super::{DrawResult, MARGIN, WIDTH};
use crate::domain::language::Language;
use crate::domain::rating::Score;

/// Room on the left for the row labels.
pub(super) const LABEL_WIDTH: i32 = 280;
/// Room above the first row for the reference line's label.
pub(super) const HEAD: i32 = 26;
/// Room below the last row for the scale's numbers and words (two lines at most).
pub(super) const AXIS_HEIGHT: i32 = 64;
const WORD_LINE_HEIGHT: i32 = 15;

/// Maps the 1–5 scale to pixels.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scale {
    left: i32,
    right: i32,
}

impl Scale {
    /// The plot area right of the labels; the right margin leaves room for "5 uitstekend".
    pub(super) const STANDARD: Scale = Scale {
        left: MARGIN + LABEL_WIDTH + 24,
        right: WIDTH as i32 - 64,
    };

    /// The pixel column of a value, clamped to the scale.
    pub(super) fn x(self, value: f64) -> i32 {
        let t = (value.clamp(1.0, 5.0) - 1.0) / 4.0;
        self.left + (t * f64::from(self.right - self.left)).round() as i32
    }

    pub(super) fn right(self) -> i32 {
        self.right
    }
}

/// Fills every other band of `height` pixels from `top`, so a row can be followed by eye.
pub(super) fn stripes<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    top: i32,
    heights: &[i32],
) -> DrawResult<DB> {
    let mut y = top;
    for (i, height) in heights.iter().enumerate() {
        if i % 2 == 0 {
            root.draw(&Rectangle::new(
                [(MARGIN, y), (WIDTH as i32 - MARGIN, y + height)],
                colours::STRIPE.filled(),
            ))?;
        }
        y += height;
    }
    Ok(())
}

/// Grid lines at 1–5 and the dashed reference line at 3 between `top` and `bottom`, the norm's
/// label above it and the scale's numbers and words below.
pub(super) fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scale: Scale,
    top: i32,
    bottom: i32,
    lang: Language,
) -> DrawResult<DB> {
    let number = text::font(text::LABEL_SIZE)
        .color(&colours::INK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let word = text::font(text::SMALL_SIZE)
        .color(&colours::INK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let step = (scale.right() - scale.left) / 4;
    for point in Score::ALL {
        let x = scale.x(f64::from(point.value()));
        root.draw(&PathElement::new(
            vec![(x, top), (x, bottom)],
            colours::GRID.stroke_width(1),
        ))?;
        root.draw(&PathElement::new(
            vec![(x, bottom), (x, bottom + 5)],
            colours::INK.stroke_width(1),
        ))?;
        root.draw_text(&point.value().to_string(), &number, (x, bottom + 8))?;
        let words = text::wrap(
            lang.text(point.label()),
            text::SMALL_SIZE,
            step as u32 - 6,
            2,
        );
        for (line, words) in (0..).zip(&words) {
            root.draw_text(words, &word, (x, bottom + 28 + WORD_LINE_HEIGHT * line))?;
        }
    }
    root.draw(&PathElement::new(
        vec![(scale.left, bottom), (scale.right(), bottom)],
        colours::INK.stroke_width(1),
    ))?;
    let norm = scale.x(3.0);
    root.draw(&DashedPathElement::new(
        vec![(norm, top - 4), (norm, bottom)],
        6,
        4,
        colours::INK.stroke_width(1),
    ))?;
    let label = text::font(text::SMALL_SIZE)
        .color(&colours::INK)
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    root.draw_text(lang.norm(), &label, (norm, top - 6))?;
    Ok(())
}

/// A row label, left-aligned in the label column and shortened to fit it.
pub(super) fn row_label<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    label: &str,
    x: i32,
    width: i32,
    y: i32,
    size: f64,
) -> DrawResult<DB> {
    let style = text::font(size)
        .color(&colours::INK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    root.draw_text(&text::fit(label, size, width as u32), &style, (x, y))?;
    Ok(())
}

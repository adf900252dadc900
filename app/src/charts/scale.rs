//! The frame shared by the gap and levels charts: rows of competencies against a horizontal
//! 1–5 scale, with grid lines, the reference line at 3 ("normaal"), the scale's numbers and a
//! key that names them in words.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::colours;
use super::text::{self, Words};
use super::{DrawResult, MARGIN, WIDTH};
use crate::domain::language::Language;
use crate::domain::rating::Score;

/// Room above the first row for the reference line's label.
pub(super) const HEAD: i32 = 30;
/// Space between the last row and the scale's numbers, and between the numbers and the key.
const AXIS_GAP: i32 = 8;
/// Vertical padding of a row around its lines of text.
pub(super) const ROW_PADDING: i32 = 8;

/// Maps the 1–5 scale to pixels.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scale {
    left: i32,
    right: i32,
}

impl Scale {
    pub(super) const fn new(left: i32, right: i32) -> Scale {
        Scale { left, right }
    }

    /// The pixel column of a value, clamped to the scale.
    pub(super) fn x(self, value: f64) -> i32 {
        let t = (value.clamp(1.0, 5.0) - 1.0) / 4.0;
        self.left + (t * f64::from(self.right - self.left)).round() as i32
    }

    pub(super) fn right(self) -> i32 {
        self.right
    }
}

/// The key below the scale, "1 onvoldoende · 2 enigszins onvoldoende · …", in lines across the
/// chart: the words are too long to sit whole under each number at a readable size.
fn key_lines(lang: Language) -> Vec<String> {
    let key = Score::ALL
        .iter()
        .map(|point| format!("{}\u{a0}{}", point.value(), lang.text(point.label())))
        .collect::<Vec<_>>()
        .join(" · ");
    text::wrap(&key, text::SMALL_SIZE, WIDTH - 2 * MARGIN as u32)
}

/// The height below the last row: the scale's numbers and the key in words.
pub(super) fn axis_height(lang: Language) -> i32 {
    AXIS_GAP
        + text::line_height(text::LABEL_SIZE)
        + AXIS_GAP
        + text::line_height(text::SMALL_SIZE) * key_lines(lang).len() as i32
}

/// The height of a row holding `lines` lines of text of `size` (at least `minimum`).
pub(super) fn row_height(lines: usize, size: f64, minimum: i32) -> i32 {
    (text::line_height(size) * lines as i32 + 2 * ROW_PADDING).max(minimum)
}

/// Fills every other band of `heights` pixels from `top`, so a row can be followed by eye.
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
/// label above it, the scale's numbers below and the key in words under those.
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
        root.draw_text(&point.value().to_string(), &number, (x, bottom + AXIS_GAP))?;
    }
    root.draw(&PathElement::new(
        vec![(scale.left, bottom), (scale.right(), bottom)],
        colours::INK.stroke_width(1),
    ))?;
    let key_top = bottom + 2 * AXIS_GAP + text::line_height(text::LABEL_SIZE);
    let key = text::font(text::SMALL_SIZE)
        .color(&colours::INK)
        .pos(Pos::new(HPos::Left, VPos::Top));
    let line = text::line_height(text::SMALL_SIZE);
    for (i, words) in (0..).zip(key_lines(lang)) {
        root.draw_text(&words, &key, (MARGIN, key_top + line * i))?;
    }
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

/// Lines of text of `size`, their block centred vertically on `middle`, aligned at `x` as
/// `align` says.
pub(super) fn lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    lines: &[String],
    (x, middle): (i32, i32),
    size: f64,
    align: HPos,
) -> DrawResult<DB> {
    let style = text::font(size)
        .color(&colours::INK)
        .pos(Pos::new(align, VPos::Center));
    let height = text::line_height(size);
    let first = middle - height * (lines.len() as i32 - 1) / 2;
    for (i, line) in (0..).zip(lines) {
        root.draw_text(line, &style, (x, first + height * i))?;
    }
    Ok(())
}

//! The markers of the charts and the legend that explains them. One function draws a marker
//! both in the plot and in the legend, so the two cannot drift apart.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::colours;
use super::text;
use super::{DrawResult, MARGIN, WIDTH};

/// A marker shape in a colour.
#[derive(Debug, Clone, Copy)]
pub(super) enum Mark {
    /// The subject's own score: a filled diamond.
    Diamond(RGBColor),
    /// Self at a level: an open diamond.
    OpenDiamond(RGBColor),
    /// A mean of others: a filled dot.
    Dot(RGBColor),
    /// A group's mean: a small filled square.
    Square(RGBColor),
    /// A spread: a translucent bar (its width is given where it is drawn).
    Bar(RGBColor),
}

const DIAMOND: i32 = 8;
const DOT: i32 = 7;
const SQUARE: i32 = 5;
const BAR_HALF_HEIGHT: i32 = 4;
/// Opacity of spread bars, so the markers on top stay visible.
pub(super) const BAR_OPACITY: f64 = 0.3;

/// Draws `mark` centred on `(x, y)`; a bar spans `x` to `x_end`.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    mark: Mark,
    (x, y): (i32, i32),
    x_end: i32,
) -> DrawResult<DB> {
    let diamond = |r: i32| vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)];
    match mark {
        Mark::Diamond(colour) => {
            root.draw(&Polygon::new(diamond(DIAMOND), colour.filled()))?;
        }
        Mark::OpenDiamond(colour) => {
            let mut outline = diamond(DIAMOND);
            outline.push(outline[0]);
            root.draw(&Polygon::new(diamond(DIAMOND), WHITE.filled()))?;
            root.draw(&PathElement::new(outline, colour.stroke_width(2)))?;
        }
        Mark::Dot(colour) => {
            root.draw(&Circle::new((x, y), DOT, colour.filled()))?;
        }
        Mark::Square(colour) => {
            let corners = [(x - SQUARE, y - SQUARE), (x + SQUARE, y + SQUARE)];
            root.draw(&Rectangle::new(corners, colour.filled()))?;
            // A dark edge keeps a light series colour (sky blue, yellow) visible on white.
            root.draw(&Rectangle::new(corners, colours::INK.stroke_width(1)))?;
        }
        Mark::Bar(colour) => {
            root.draw(&Rectangle::new(
                [(x, y - BAR_HALF_HEIGHT), (x_end, y + BAR_HALF_HEIGHT)],
                colour.mix(BAR_OPACITY).filled(),
            ))?;
        }
    }
    Ok(())
}

/// A legend entry.
pub(super) struct Entry {
    pub(super) mark: Mark,
    pub(super) label: String,
}

const LINE_HEIGHT: i32 = 28;
const SYMBOL_WIDTH: i32 = 24;
const GAP: i32 = 18;

fn entry_width(entry: &Entry) -> i32 {
    SYMBOL_WIDTH + 6 + text::width(&entry.label, text::LABEL_SIZE) as i32 + GAP
}

/// Lays the entries out left to right, wrapping within the chart's margins; returns each
/// entry's top-left corner relative to the legend's.
fn layout(entries: &[Entry]) -> Vec<(i32, i32)> {
    let available = WIDTH as i32 - 2 * MARGIN;
    let (mut x, mut y) = (0, 0);
    entries
        .iter()
        .map(|entry| {
            let width = entry_width(entry);
            if x > 0 && x + width - GAP > available {
                x = 0;
                y += LINE_HEIGHT;
            }
            let at = (x, y);
            x += width;
            at
        })
        .collect()
}

/// The legend's height in pixels.
pub(super) fn legend_height(entries: &[Entry]) -> i32 {
    layout(entries)
        .last()
        .map(|(_, y)| y + LINE_HEIGHT)
        .unwrap_or(0)
}

/// Draws the legend with its top-left corner at `(MARGIN, top)`.
pub(super) fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    top: i32,
) -> DrawResult<DB> {
    let style = text::font(text::LABEL_SIZE)
        .color(&colours::INK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (entry, (x, y)) in entries.iter().zip(layout(entries)) {
        let (x, y) = (MARGIN + x, top + y + LINE_HEIGHT / 2);
        match entry.mark {
            Mark::Bar(_) => draw(root, entry.mark, (x, y), x + SYMBOL_WIDTH)?,
            mark => draw(root, mark, (x + SYMBOL_WIDTH / 2, y), 0)?,
        }
        root.draw_text(&entry.label, &style, (x + SYMBOL_WIDTH + 6, y))?;
    }
    Ok(())
}

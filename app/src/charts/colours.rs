//! The charts' colours: the Okabe–Ito palette for markers and series, and a purple–orange
//! diverging scale (ColorBrewer PuOr) for the heat map. Both stay distinguishable with the
//! common forms of colour blindness (checked in the tests with `colour_vision`); shapes and written
//! values carry the meaning as well.
//!
//! Okabe–Ito's orange (#E69F00) is left out: next to self's vermillion it read as the same
//! colour. The pooled line is a dark grey, since a mid grey falls onto the bluish green and
//! the reddish purple for deuteranopes.

use plotters::style::RGBColor;

/// The subject's own score: vermillion.
pub(super) const SELF: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// The others' mean and its spread: blue.
pub(super) const OTHERS: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// The pooled "other informants" line: neutral dark grey, so it does not read as one more group.
pub(super) const POOLED: RGBColor = RGBColor(0x4D, 0x4D, 0x4D);
/// Text, axes and the reference line.
pub(super) const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Grid lines.
pub(super) const GRID: RGBColor = RGBColor(0xD0, 0xD0, 0xD0);
/// The background of every other row.
pub(super) const STRIPE: RGBColor = RGBColor(0xF3, 0xF3, 0xF3);
/// A heat-map cell without a published figure.
pub(super) const EMPTY: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);

/// Series colours for rater groups and levels, in order: Okabe–Ito's bluish green, reddish
/// purple, sky blue and yellow (self's vermillion, others' blue and the orange left out).
pub(super) const SERIES: [RGBColor; 4] = [
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0xF0, 0xE4, 0x42),
];

/// The colour of the `index`-th group or level; repeats after four (the legend still names
/// each group, and the heat map and the table carry every figure).
pub(super) fn series(index: usize) -> RGBColor {
    SERIES[index % SERIES.len()]
}

/// PuOr, five classes: 1 dark orange … 3 near white … 5 dark purple.
const DIVERGING: [(u8, u8, u8); 5] = [
    (0xB3, 0x58, 0x06),
    (0xF1, 0xA3, 0x40),
    (0xF7, 0xF7, 0xF7),
    (0x99, 0x8E, 0xC3),
    (0x54, 0x27, 0x88),
];

/// The heat-map colour of a mean on the 1–5 scale, interpolated between the five classes;
/// values outside the scale are clamped.
pub(super) fn diverging(value: f64) -> RGBColor {
    let position = (value.clamp(1.0, 5.0) - 1.0).min(3.999_999);
    let lower = position.floor() as usize;
    let t = position - lower as f64;
    let (a, b) = (DIVERGING[lower], DIVERGING[lower + 1]);
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Black or white, whichever reads better on `background` (WCAG relative luminance).
pub(super) fn text_on(background: RGBColor) -> RGBColor {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(background.0)
        + 0.7152 * linear(background.1)
        + 0.0722 * linear(background.2);
    // Contrast against black (L + 0.05) / 0.05 versus white 1.05 / (L + 0.05): equal at ≈ 0.179.
    if luminance > 0.179 {
        RGBColor(0, 0, 0)
    } else {
        RGBColor(0xFF, 0xFF, 0xFF)
    }
}

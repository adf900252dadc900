//! The report's charts as SVG or PNG images, drawn with plotters from the [`ReportView`] the
//! report page shows (nothing is recomputed: a figure the anonymity rules withhold is not drawn).
//!
//! Three charts, each with a title in the chosen language:
//! - [`ChartKind::Gap`]: per competency self, others (mean ± sd) and each shown group on the
//!   1–5 scale, in the report's order, with the gap and the agreement category in words;
//! - [`ChartKind::Heatmap`]: competencies against self, groups, the pooled line and others;
//! - [`ChartKind::Levels`]: per competency the view at each level (only for multi-level scans).
//!
//! SVG output carries a `<title>`, `role="img"` and `aria-label` for screen readers. Text is
//! measured and (in PNG) drawn with the embedded DejaVu Sans, so no system fonts are needed;
//! labels wrap over lines and are never cut, and no text is smaller than 9 pt in print (see
//! `text::SMALL_SIZE`). The colours stay apart for colour-blind readers (`colours`).

#[cfg(test)]
mod colour_vision;
mod colours;
mod gap;
mod heatmap;
mod levels;
mod marks;
mod scale;
#[cfg(test)]
mod tests;
mod text;

use std::sync::Once;

use image::ImageEncoder;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::domain::language::Language;
use crate::domain::report_view::ReportView;

/// Which chart to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Gap,
    Heatmap,
    Levels,
}

/// The image format to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    Svg,
    Png,
}

impl ChartFormat {
    /// The `Content-Type` of the rendered bytes.
    pub fn content_type(&self) -> &'static str {
        match self {
            ChartFormat::Svg => "image/svg+xml",
            ChartFormat::Png => "image/png",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The chart does not apply to this report, e.g. a levels chart for a one-level scan, or no
    /// data at all.
    #[error("this chart does not apply to this report")]
    NotApplicable,
    /// plotters or the PNG encoder failed; the message is for the log, not for the reader.
    #[error("drawing the chart failed: {0}")]
    Drawing(String),
}

/// Draws `kind` for `view` as `format`, with its words in `lang`.
pub fn render(
    kind: ChartKind,
    view: &ReportView,
    lang: Language,
    format: ChartFormat,
) -> Result<Vec<u8>, ChartError> {
    register_fonts();
    match kind {
        ChartKind::Gap => output(&gap::GapChart::new(view, lang)?, format),
        ChartKind::Heatmap => output(&heatmap::Heatmap::new(view, lang)?, format),
        ChartKind::Levels => output(&levels::LevelsChart::new(view, lang)?, format),
    }
}

/// Every chart's width in pixels; the height grows with the rows.
const WIDTH: u32 = 900;
/// Space around the drawing.
const MARGIN: i32 = 16;
/// Space above and below the title's lines.
const TITLE_PADDING: i32 = 14;

/// The title's lines: wrapped to the chart's width, never cut.
fn title_lines(title: &str) -> Vec<String> {
    text::wrap(title, text::TITLE_SIZE, WIDTH - 2 * MARGIN as u32)
}

/// The height of the band at the top that holds the title.
fn title_height(title: &str) -> i32 {
    2 * TITLE_PADDING + text::line_height(text::TITLE_SIZE) * title_lines(title).len() as i32
}

/// What the drawing functions return, whatever the backend.
type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A planned chart: its size and title are known before any backend exists, so one plan draws
/// both SVG and PNG.
trait Chart {
    fn size(&self) -> (u32, u32);
    fn title(&self) -> &str;
    /// Draws everything below the title band.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB>;
}

/// Registers DejaVu Sans as plotters' "sans-serif" once per process. A failure (corrupt font
/// bytes) surfaces as a drawing error on the first chart.
fn register_fonts() {
    static FONTS: Once = Once::new();
    FONTS.call_once(|| {
        let _ = plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            dejavu::sans::regular(),
        );
        let _ = plotters::style::register_font("sans-serif", FontStyle::Bold, dejavu::sans::bold());
    });
}

fn output<C: Chart>(chart: &C, format: ChartFormat) -> Result<Vec<u8>, ChartError> {
    match format {
        ChartFormat::Svg => svg(chart),
        ChartFormat::Png => png(chart),
    }
}

/// White background, the title, then the chart.
fn page<DB: DrawingBackend, C: Chart>(chart: &C, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let style = text::font(text::TITLE_SIZE)
        .style(FontStyle::Bold)
        .color(&colours::INK)
        .pos(Pos::new(HPos::Left, VPos::Top));
    let line = text::line_height(text::TITLE_SIZE);
    for (i, title) in (0..).zip(title_lines(chart.title())) {
        root.draw_text(&title, &style, (MARGIN, TITLE_PADDING + line * i))?;
    }
    chart.draw(root)?;
    root.present()
}

fn drawing_error(error: impl std::fmt::Display) -> ChartError {
    ChartError::Drawing(error.to_string())
}

fn svg<C: Chart>(chart: &C) -> Result<Vec<u8>, ChartError> {
    let mut document = String::new();
    {
        let root = SVGBackend::with_string(&mut document, chart.size()).into_drawing_area();
        page(chart, &root).map_err(drawing_error)?;
    }
    Ok(accessible(&document, chart.title())?.into_bytes())
}

/// Adds `role="img"`, `aria-label` and a `<title>` to plotters' `<svg>` element, which has
/// neither; screen readers announce the title instead of reading out every label.
fn accessible(document: &str, title: &str) -> Result<String, ChartError> {
    let end = document
        .starts_with("<svg")
        .then(|| document.find('>'))
        .flatten()
        .ok_or_else(|| ChartError::Drawing("plotters wrote no <svg> element".to_owned()))?;
    let title = text::escape_xml(title);
    Ok(format!(
        "{open} role=\"img\" aria-label=\"{title}\">\n<title>{title}</title>{rest}",
        open = &document[..end],
        rest = &document[end + 1..],
    ))
}

fn png<C: Chart>(chart: &C) -> Result<Vec<u8>, ChartError> {
    let (width, height) = chart.size();
    let mut pixels = vec![0u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        page(chart, &root).map_err(drawing_error)?;
    }
    let mut encoded = Vec::new();
    image::codecs::png::PngEncoder::new(&mut encoded)
        .write_image(&pixels, width, height, image::ColorType::Rgb8)
        .map_err(drawing_error)?;
    Ok(encoded)
}

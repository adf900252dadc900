//! A small A4 document layout on krilla: headings, paragraphs, label–value facts and tables,
//! laid out top to bottom over as many pages as they need, then drawn with a running header
//! and footer on every page ("pagina x van y" needs the page count, so pages are laid out
//! first and drawn after). Text is measured with the same embedded DejaVu Sans that krilla
//! embeds (as a subset, with a ToUnicode map, so the PDF's text can be searched and copied).
//! Nothing here knows about reports: the conversation record (issue 21) uses it too.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::text::{Font, TextDirection};

/// A4 in PDF points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
/// 20 mm left and right.
const SIDE: f32 = 56.7;
/// The content starts below the running header and ends above the running footer.
const CONTENT_TOP: f32 = 78.0;
const CONTENT_BOTTOM: f32 = PAGE_HEIGHT - 70.0;
const HEADER_BASELINE: f32 = 44.0;
const FOOTER_BASELINE: f32 = PAGE_HEIGHT - 36.0;
/// The width text may take.
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * SIDE;
/// Baseline to baseline, as a multiple of the font size.
const LEADING: f32 = 1.35;
/// Padding inside a table cell, left/right and top/bottom.
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.0;
/// How far a list item's text stands in from its marker, and a nested list from its parent.
const LIST_INDENT: f32 = 12.0;

const INK: (u8, u8, u8) = (0x11, 0x11, 0x11);
const MUTED: (u8, u8, u8) = (0x55, 0x55, 0x55);
const RULE: (u8, u8, u8) = (0xBB, 0xBB, 0xBB);
const SHADE: (u8, u8, u8) = (0xEE, 0xEE, 0xEE);

/// The kinds of text, each a size and a weight. Nothing is smaller than 9 pt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Title,
    Heading,
    Subheading,
    Body,
    Bold,
    Small,
}

impl Style {
    fn size(self) -> f32 {
        match self {
            Style::Title => 18.0,
            Style::Heading => 14.0,
            Style::Subheading => 11.5,
            Style::Body | Style::Bold => 10.0,
            Style::Small => 9.0,
        }
    }

    fn bold(self) -> bool {
        matches!(
            self,
            Style::Title | Style::Heading | Style::Subheading | Style::Bold
        )
    }

    fn line_height(self) -> f32 {
        self.size() * LEADING
    }
}

/// How a table column aligns its cells: text left, figures right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table column: its heading, its share of the width (in points; one column may be `None`
/// and takes what is left) and its alignment.
pub struct Column {
    pub heading: String,
    pub width: Option<f32>,
    pub align: Align,
}

/// What goes into the running header and footer of every page.
pub struct Running {
    /// Top left, e.g. the person the document is about.
    pub header_left: String,
    /// Top right, e.g. "Vertrouwelijk".
    pub header_right: String,
    /// Bottom left, e.g. the date.
    pub footer_left: String,
    /// Bottom right: the page's number and the count, e.g. "pagina 1 van 3".
    pub page_label: fn(usize, usize) -> String,
}

/// A drawing operation on one page, in points from the top left.
enum Op {
    Text {
        x: f32,
        baseline: f32,
        style: Style,
        colour: (u8, u8, u8),
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        colour: (u8, u8, u8),
    },
    Mark {
        mark: Mark,
        x: f32,
        y: f32,
        colour: (u8, u8, u8),
    },
}

/// A marker in a [`Layout::dot_plot`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Dot,
    Diamond,
}

/// The marker's half size, in points.
const MARK_RADIUS: f32 = 3.6;

impl Mark {
    /// The marker's outline centred on `(x, y)`.
    fn path(self, x: f32, y: f32) -> Option<krilla::geom::Path> {
        let r = MARK_RADIUS;
        let mut builder = PathBuilder::new();
        match self {
            Mark::Diamond => {
                let r = r * 1.25;
                builder.move_to(x, y - r);
                builder.line_to(x + r, y);
                builder.line_to(x, y + r);
                builder.line_to(x - r, y);
            }
            Mark::Dot => {
                // A circle from four cubic Béziers.
                let k = 0.552_284_8 * r;
                builder.move_to(x + r, y);
                builder.cubic_to(x + r, y + k, x + k, y + r, x, y + r);
                builder.cubic_to(x - k, y + r, x - r, y + k, x - r, y);
                builder.cubic_to(x - r, y - k, x - k, y - r, x, y - r);
                builder.cubic_to(x + k, y - r, x + r, y - k, x + r, y);
            }
        }
        builder.close();
        builder.finish()
    }
}

/// One row of a [`Layout::dot_plot`]: a label, markers at values on the scale, a note on the
/// right (e.g. the gap).
pub struct PlotRow {
    pub label: String,
    pub marks: Vec<(f64, Mark, (u8, u8, u8))>,
    pub note: String,
}

/// The two faces: krilla's for drawing, ttf-parser's for measuring.
struct Faces {
    regular: Font,
    bold: Font,
    regular_metrics: ttf_parser::Face<'static>,
    bold_metrics: ttf_parser::Face<'static>,
}

#[derive(Debug, thiserror::Error)]
#[error("PDF: {0}")]
pub struct LayoutError(String);

/// A document being laid out.
pub struct Layout {
    faces: Faces,
    pages: Vec<Vec<Op>>,
    /// Where the next block starts on the last page.
    y: f32,
}

impl Layout {
    pub fn new() -> Result<Layout, LayoutError> {
        let regular_bytes = dejavu::sans::regular();
        let bold_bytes = dejavu::sans::bold();
        let font = |bytes: &'static [u8]| {
            Font::new(bytes.into(), 0).ok_or_else(|| LayoutError("font".to_owned()))
        };
        let metrics = |bytes: &'static [u8]| {
            ttf_parser::Face::parse(bytes, 0).map_err(|e| LayoutError(e.to_string()))
        };
        Ok(Layout {
            faces: Faces {
                regular: font(regular_bytes)?,
                bold: font(bold_bytes)?,
                regular_metrics: metrics(regular_bytes)?,
                bold_metrics: metrics(bold_bytes)?,
            },
            pages: vec![Vec::new()],
            y: CONTENT_TOP,
        })
    }

    /// The width of `text` in `style`, in points (advances without kerning: a hair wide, so
    /// wrapping errs on the safe side).
    pub fn width(&self, text: &str, style: Style) -> f32 {
        let face = if style.bold() {
            &self.faces.bold_metrics
        } else {
            &self.faces.regular_metrics
        };
        let units: u32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(u32::from(face.units_per_em()) / 2, u32::from)
            })
            .sum();
        units as f32 * style.size() / f32::from(face.units_per_em())
    }

    /// `text` broken at spaces into lines no wider than `max`; a word wider than `max` keeps a
    /// line of its own, whole. Line breaks in `text` are kept.
    pub fn wrap(&self, text: &str, style: Style, max: f32) -> Vec<String> {
        let mut out = Vec::new();
        for paragraph in text.lines() {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let longer = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if !line.is_empty() && self.width(&longer, style) > max {
                    out.push(std::mem::replace(&mut line, word.to_owned()));
                } else {
                    line = longer;
                }
            }
            out.push(line);
        }
        out
    }

    fn page(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a layout always has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = CONTENT_TOP;
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn room(&mut self, height: f32) {
        if self.y + height > CONTENT_BOTTOM && self.y > CONTENT_TOP {
            self.new_page();
        }
    }

    /// Vertical space; none at the top of a page.
    pub fn space(&mut self, height: f32) {
        if self.y > CONTENT_TOP {
            self.y = (self.y + height).min(CONTENT_BOTTOM);
        }
    }

    fn text(&mut self, x: f32, baseline: f32, style: Style, colour: (u8, u8, u8), text: String) {
        self.page().push(Op::Text {
            x,
            baseline,
            style,
            colour,
            text,
        });
    }

    /// Lines of text at `x`, no wider than `max`, breaking to a new page between lines.
    fn lines(&mut self, lines: Vec<String>, style: Style, x: f32) {
        for line in lines {
            self.room(style.line_height());
            let baseline = self.y + style.size();
            self.text(x, baseline, style, INK, line);
            self.y += style.line_height();
        }
    }

    /// A heading, kept on one page with at least `keep` points of what follows.
    pub fn heading(&mut self, text: &str, style: Style, keep: f32) {
        self.space(style.size() * 0.8);
        let lines = self.wrap(text, style, CONTENT_WIDTH);
        self.room(style.line_height() * lines.len() as f32 + keep);
        self.lines(lines, style, SIDE);
        self.y += 2.0;
    }

    /// A paragraph of wrapped text, followed by a little space.
    pub fn paragraph(&mut self, text: &str, style: Style) {
        let lines = self.wrap(text, style, CONTENT_WIDTH);
        self.lines(lines, style, SIDE);
        self.space(style.size() * 0.5);
    }

    /// An item of a list: a bullet and text that wraps under itself.
    pub fn bullet(&mut self, text: &str, style: Style) {
        self.item("•", 0, text, style);
    }

    /// An item of a list at `depth` (0 for an outer list, 1 for a list inside one): its marker
    /// (a bullet, "1.") and text that wraps under itself. A nested list's markers line up with
    /// the text of the item it belongs to.
    pub fn item(&mut self, marker: &str, depth: usize, text: &str, style: Style) {
        let left = SIDE + LIST_INDENT * depth as f32;
        let indent = LIST_INDENT.max(self.width(marker, style) + 4.0);
        let lines = self.wrap(text, style, CONTENT_WIDTH - (left - SIDE) - indent);
        self.room(style.line_height());
        self.text(left, self.y + style.size(), style, INK, marker.to_owned());
        self.lines(lines, style, left + indent);
        self.y += 1.5;
    }

    /// Label–value pairs in two columns, each pair kept on one page.
    pub fn facts(&mut self, facts: &[(String, String)]) {
        let label_width = facts
            .iter()
            .map(|(label, _)| self.width(label, Style::Bold))
            .fold(0.0, f32::max)
            .min(CONTENT_WIDTH * 0.4)
            + 12.0;
        for (label, value) in facts {
            let labels = self.wrap(label, Style::Bold, label_width - 12.0);
            let values = self.wrap(value, Style::Body, CONTENT_WIDTH - label_width);
            let count = labels.len().max(values.len());
            self.room(Style::Body.line_height() * count as f32);
            let top = self.y;
            self.lines(labels, Style::Bold, SIDE);
            let after_labels = self.y;
            self.y = top;
            self.lines(values, Style::Body, SIDE + label_width);
            self.y = self.y.max(after_labels) + 1.5;
        }
        self.space(4.0);
    }

    /// A table with a shaded heading row, repeated on every page it runs over; rows are never
    /// split over pages, and every other row is shaded so a line can be followed by eye.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let fixed: f32 = columns.iter().filter_map(|c| c.width).sum();
        let flexible = columns.iter().filter(|c| c.width.is_none()).count().max(1);
        let widths: Vec<f32> = columns
            .iter()
            .map(|c| {
                c.width
                    .unwrap_or((CONTENT_WIDTH - fixed).max(60.0) / flexible as f32)
            })
            .collect();
        let headings: Vec<String> = columns.iter().map(|c| c.heading.clone()).collect();
        let first_row = rows
            .first()
            .map(|r| self.row_height(r, &widths, Style::Body));
        self.room(self.row_height(&headings, &widths, Style::Bold) + first_row.unwrap_or(0.0));
        self.row(columns, &widths, &headings, Style::Bold, Some(SHADE));
        for (i, row) in rows.iter().enumerate() {
            let height = self.row_height(row, &widths, Style::Body);
            if self.y + height > CONTENT_BOTTOM {
                self.new_page();
                self.row(columns, &widths, &headings, Style::Bold, Some(SHADE));
            }
            let shade = (i % 2 == 1).then_some((0xF6, 0xF6, 0xF6));
            self.row(columns, &widths, row, Style::Body, shade);
        }
        self.space(8.0);
    }

    fn cell_lines(&self, text: &str, width: f32, style: Style) -> Vec<String> {
        self.wrap(text, style, width - 2.0 * CELL_PAD_X)
    }

    fn row_height(&self, cells: &[String], widths: &[f32], style: Style) -> f32 {
        let lines = cells
            .iter()
            .zip(widths)
            .map(|(text, width)| self.cell_lines(text, *width, style).len())
            .max()
            .unwrap_or(1);
        lines as f32 * style.line_height() + 2.0 * CELL_PAD_Y
    }

    fn row(
        &mut self,
        columns: &[Column],
        widths: &[f32],
        cells: &[String],
        style: Style,
        shade: Option<(u8, u8, u8)>,
    ) {
        let height = self.row_height(cells, widths, style);
        let top = self.y;
        if let Some(colour) = shade {
            self.page().push(Op::Rect {
                x: SIDE,
                y: top,
                width: CONTENT_WIDTH,
                height,
                colour,
            });
        }
        self.page().push(Op::Rect {
            x: SIDE,
            y: top + height - 0.5,
            width: CONTENT_WIDTH,
            height: 0.5,
            colour: RULE,
        });
        let mut x = SIDE;
        for ((column, width), text) in columns.iter().zip(widths).zip(cells) {
            let lines = self.cell_lines(text, *width, style);
            for (i, line) in lines.into_iter().enumerate() {
                let left = match column.align {
                    Align::Left => x + CELL_PAD_X,
                    Align::Right => x + width - CELL_PAD_X - self.width(&line, style),
                };
                let baseline = top + CELL_PAD_Y + style.size() + style.line_height() * i as f32;
                self.text(left, baseline, style, INK, line);
            }
            x += width;
        }
        self.y = top + height;
    }

    /// A dot plot: per row its label on the left, its markers on a horizontal scale from
    /// `range.0` to `range.1` with grid lines at `ticks`, and its note on the right; under the
    /// rows the ticks' labels, then `legend` (a marker and its words per entry). Rows are never
    /// split; a plot longer than a page continues on the next with its scale repeated.
    pub fn dot_plot(
        &mut self,
        range: (f64, f64),
        ticks: &[(f64, String)],
        rows: &[PlotRow],
        legend: &[(Mark, (u8, u8, u8), String)],
    ) {
        const LABEL_WIDTH: f32 = 170.0;
        const NOTE_WIDTH: f32 = 56.0;
        const INSET: f32 = 10.0;
        let left = SIDE + LABEL_WIDTH + INSET;
        let right = SIDE + CONTENT_WIDTH - NOTE_WIDTH - INSET;
        let x = |value: f64| {
            let t = ((value - range.0) / (range.1 - range.0)).clamp(0.0, 1.0) as f32;
            left + t * (right - left)
        };
        let axis = Style::Small.line_height() + 4.0;
        let laid: Vec<(Vec<String>, f32)> = rows
            .iter()
            .map(|row| {
                let lines = self.wrap(&row.label, Style::Body, LABEL_WIDTH - CELL_PAD_X);
                let height = (lines.len() as f32 * Style::Body.line_height()).max(16.0) + 6.0;
                (lines, height)
            })
            .collect();
        let first = laid.first().map_or(0.0, |(_, h)| *h);
        self.room(first + axis);
        let mut segment_top = self.y;
        for (i, (row, (lines, height))) in rows.iter().zip(&laid).enumerate() {
            if self.y + height + axis > CONTENT_BOTTOM {
                self.axis(ticks, segment_top, &x);
                self.new_page();
                segment_top = self.y;
            }
            let top = self.y;
            if i % 2 == 0 {
                self.page().push(Op::Rect {
                    x: SIDE,
                    y: top,
                    width: CONTENT_WIDTH,
                    height: *height,
                    colour: (0xF3, 0xF3, 0xF3),
                });
            }
            let middle = top + height / 2.0;
            let label_top = middle - lines.len() as f32 * Style::Body.line_height() / 2.0;
            for (l, line) in lines.iter().enumerate() {
                let baseline =
                    label_top + Style::Body.size() + Style::Body.line_height() * l as f32;
                self.text(SIDE + CELL_PAD_X, baseline, Style::Body, INK, line.clone());
            }
            let note_x = SIDE + CONTENT_WIDTH - CELL_PAD_X - self.width(&row.note, Style::Body);
            let note_baseline = middle + Style::Body.size() * 0.35;
            self.text(note_x, note_baseline, Style::Body, INK, row.note.clone());
            for (value, mark, colour) in &row.marks {
                self.page().push(Op::Mark {
                    mark: *mark,
                    x: x(*value),
                    y: middle,
                    colour: *colour,
                });
            }
            self.y = top + height;
        }
        self.axis(ticks, segment_top, &x);
        let mut legend_x = SIDE;
        self.room(Style::Body.line_height());
        let middle = self.y + Style::Body.line_height() / 2.0;
        for (mark, colour, words) in legend {
            self.page().push(Op::Mark {
                mark: *mark,
                x: legend_x + MARK_RADIUS,
                y: middle,
                colour: *colour,
            });
            let baseline = middle + Style::Body.size() * 0.35;
            self.text(legend_x + 12.0, baseline, Style::Body, INK, words.clone());
            legend_x += 12.0 + self.width(words, Style::Body) + 18.0;
        }
        self.y += Style::Body.line_height();
        self.space(8.0);
    }

    /// Grid lines from `top` down to the current position, and the ticks' labels below.
    fn axis(&mut self, ticks: &[(f64, String)], top: f32, x: &dyn Fn(f64) -> f32) {
        let bottom = self.y;
        for (value, label) in ticks {
            let at = x(*value);
            self.page().push(Op::Rect {
                x: at - 0.25,
                y: top,
                width: 0.5,
                height: bottom - top + 2.0,
                colour: RULE,
            });
            let left = at - self.width(label, Style::Small) / 2.0;
            self.text(
                left,
                bottom + 2.0 + Style::Small.size(),
                Style::Small,
                MUTED,
                label.clone(),
            );
        }
        self.y = bottom + Style::Small.line_height() + 4.0;
    }

    /// Draws every page with its running header and footer, and returns the PDF.
    pub fn finish(
        self,
        running: &Running,
        title: &str,
        language: &str,
    ) -> Result<Vec<u8>, LayoutError> {
        let mut document = Document::new();
        document.set_metadata(
            Metadata::new()
                .title(title.to_owned())
                .language(language.to_owned())
                .creator("Ontwikkelscan".to_owned()),
        );
        let count = self.pages.len();
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| LayoutError("page size".to_owned()))?;
        for (index, ops) in self.pages.iter().enumerate() {
            let mut page = document.start_page_with(settings.clone());
            let mut surface = page.surface();
            let mut draw = |op: &Op| match op {
                Op::Text {
                    x,
                    baseline,
                    style,
                    colour,
                    text,
                } => {
                    surface.set_fill(Some(fill(*colour)));
                    let font = if style.bold() {
                        self.faces.bold.clone()
                    } else {
                        self.faces.regular.clone()
                    };
                    surface.draw_text(
                        Point::from_xy(*x, *baseline),
                        font,
                        style.size(),
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Rect {
                    x,
                    y,
                    width,
                    height,
                    colour,
                } => {
                    if let Some(path) = Rect::from_xywh(*x, *y, *width, *height).and_then(|r| {
                        let mut builder = PathBuilder::new();
                        builder.push_rect(r);
                        builder.finish()
                    }) {
                        surface.set_fill(Some(fill(*colour)));
                        surface.draw_path(&path);
                    }
                }
                Op::Mark { mark, x, y, colour } => {
                    if let Some(path) = mark.path(*x, *y) {
                        surface.set_fill(Some(fill(*colour)));
                        surface.draw_path(&path);
                    }
                }
            };
            for op in ops {
                draw(op);
            }
            for op in self.running(running, index + 1, count) {
                draw(&op);
            }
            surface.finish();
            page.finish();
        }
        document.finish().map_err(|e| LayoutError(format!("{e:?}")))
    }

    /// The header and footer of page `number` of `count`, with a rule under the header.
    fn running(&self, running: &Running, number: usize, count: usize) -> Vec<Op> {
        let right = |text: &str| PAGE_WIDTH - SIDE - self.width(text, Style::Small);
        let page_label = (running.page_label)(number, count);
        vec![
            Op::Text {
                x: SIDE,
                baseline: HEADER_BASELINE,
                style: Style::Small,
                colour: MUTED,
                text: running.header_left.clone(),
            },
            Op::Text {
                x: right(&running.header_right),
                baseline: HEADER_BASELINE,
                style: Style::Small,
                colour: MUTED,
                text: running.header_right.clone(),
            },
            Op::Rect {
                x: SIDE,
                y: HEADER_BASELINE + 6.0,
                width: CONTENT_WIDTH,
                height: 0.5,
                colour: RULE,
            },
            Op::Text {
                x: SIDE,
                baseline: FOOTER_BASELINE,
                style: Style::Small,
                colour: MUTED,
                text: running.footer_left.clone(),
            },
            Op::Text {
                x: right(&page_label),
                baseline: FOOTER_BASELINE,
                style: Style::Small,
                colour: MUTED,
                text: page_label,
            },
        ]
    }

    /// How many pages the document has so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Every text drawn so far, page by page in the order it was laid out (running header and
    /// footer excepted): for tests that read what a document says and in which order.
    #[cfg(test)]
    pub fn texts(&self) -> Vec<&str> {
        self.pages
            .iter()
            .flatten()
            .filter_map(|op| match op {
                Op::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

fn fill((r, g, b): (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_each_line_fits() {
        let layout = Layout::new().unwrap();
        let text = "Gevoel voor bestuurlijke verhouding en politieke sensitiviteit in een \
                    gemeentelijke organisatie";
        let lines = layout.wrap(text, Style::Body, 120.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert_eq!(
            lines.join(" "),
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        for line in &lines {
            assert!(layout.width(line, Style::Body) <= 120.0, "{line}");
        }
        let long = "Resultaatgerichtheidsverantwoordelijkheidsbesef";
        assert_eq!(layout.wrap(long, Style::Body, 40.0), [long]);
    }

    #[test]
    fn a_long_table_runs_over_pages_and_every_page_is_numbered() {
        let mut layout = Layout::new().unwrap();
        let columns = [
            Column {
                heading: "Competentie".to_owned(),
                width: None,
                align: Align::Left,
            },
            Column {
                heading: "Zelf".to_owned(),
                width: Some(50.0),
                align: Align::Right,
            },
        ];
        let rows: Vec<Vec<String>> = (0..120)
            .map(|i| vec![format!("Competentie {i}"), "4,00".to_owned()])
            .collect();
        layout.table(&columns, &rows);
        assert!(layout.page_count() >= 3, "{}", layout.page_count());
        let running = Running {
            header_left: "Piet Jansen".to_owned(),
            header_right: "Vertrouwelijk".to_owned(),
            footer_left: "4 december 2026".to_owned(),
            page_label: |x, y| format!("pagina {x} van {y}"),
        };
        let pdf = layout.finish(&running, "Rapport", "nl").unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}

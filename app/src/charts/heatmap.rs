//! The heat map: competencies (and levels) against self, each group, the pooled line and all
//! others; each cell coloured by its mean on a diverging scale around 3 and labelled with it.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::scale::{self, ROW_PADDING};
use super::text::{self, Words};
use super::{Chart, ChartError, DrawResult, MARGIN, WIDTH, colours, title_height};
use crate::domain::language::Language;
use crate::domain::rating::Score;
use crate::domain::report_view::{CompetencyRow, ReportView};

const LABEL_WIDTH: i32 = 280;
/// A row is never lower than this, so a one-line row still frames its value.
const MIN_CELL_HEIGHT: i32 = 36;
const MAX_CELL_WIDTH: i32 = 120;
/// The colour key below the cells: caption, gradient, numbers.
const KEY_GAP: i32 = 18;
const KEY_BAR_HEIGHT: i32 = 16;
const KEY_BAR_WIDTH: i32 = 320;
/// Written in a cell without a published figure.
const NO_FIGURE: &str = "—";

/// One column of the heat map.
enum Column {
    Own,
    /// A group, by its label in the chart's language.
    Group(String),
    Pooled,
    Others,
}

pub(super) struct Heatmap<'a> {
    view: &'a ReportView,
    lang: Language,
    title: String,
    columns: Vec<Column>,
    /// Each column's heading in lines, wrapped to the cell's width.
    headings: Vec<Vec<String>>,
    /// Each row's label in lines, and the row's height.
    labels: Vec<(Vec<String>, i32)>,
    top: i32,
}

impl<'a> Heatmap<'a> {
    /// Plans the chart; a report without rows has nothing to draw.
    pub(super) fn new(view: &'a ReportView, lang: Language) -> Result<Heatmap<'a>, ChartError> {
        if view.rows.is_empty() {
            return Err(ChartError::NotApplicable);
        }
        let mut columns = vec![Column::Own];
        for group in view.rows.iter().flat_map(|r| &r.groups) {
            let label = lang.group(group);
            if !columns
                .iter()
                .any(|c| matches!(c, Column::Group(g) if g == label))
            {
                columns.push(Column::Group(label.to_owned()));
            }
        }
        if view.rows.iter().any(|r| r.pooled.is_some()) {
            columns.push(Column::Pooled);
        }
        columns.push(Column::Others);
        let common_level = text::common_level(&view.rows);
        let what = lang.pick(
            "Gemiddelde per competentie en groep",
            "Mean per competency and group",
        );
        let title = match common_level {
            Some(level) => format!("{what}, {level}: {}", view.subject_name),
            None => format!("{what}: {}", view.subject_name),
        };
        let width = cell_width(columns.len());
        let headings: Vec<Vec<String>> = columns
            .iter()
            .map(|c| text::wrap(&heading(c, lang), text::SMALL_SIZE, (width - 6) as u32))
            .collect();
        let labels = view
            .rows
            .iter()
            .map(|row| {
                let lines = text::wrap(
                    &text::row_label(row, common_level),
                    text::LABEL_SIZE,
                    (LABEL_WIDTH - 6) as u32,
                );
                let height = scale::row_height(lines.len(), text::LABEL_SIZE, MIN_CELL_HEIGHT);
                (lines, height)
            })
            .collect();
        let heading_lines = headings.iter().map(Vec::len).max().unwrap_or(1) as i32;
        let top = title_height(&title)
            + heading_lines * text::line_height(text::SMALL_SIZE)
            + ROW_PADDING;
        Ok(Heatmap {
            view,
            lang,
            title,
            columns,
            headings,
            labels,
            top,
        })
    }

    /// The published mean of `row` in `column`, if there is one.
    fn value(&self, row: &CompetencyRow, column: &Column) -> Option<f64> {
        match column {
            Column::Own => row.self_mean,
            Column::Group(label) => row
                .groups
                .iter()
                .find(|g| self.lang.group(g) == label)
                .and_then(|g| g.mean),
            Column::Pooled => row.pooled.and_then(|(_, mean)| mean),
            Column::Others => row.others_mean,
        }
    }

    fn rows_bottom(&self) -> i32 {
        self.top + self.labels.iter().map(|(_, h)| h).sum::<i32>()
    }

    fn key_height(&self) -> i32 {
        KEY_GAP
            + text::line_height(text::SMALL_SIZE)
            + 6
            + KEY_BAR_HEIGHT
            + 6
            + text::line_height(text::SMALL_SIZE)
    }

    fn draw_key<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let top = self.rows_bottom() + KEY_GAP;
        let caption = text::font(text::SMALL_SIZE)
            .color(&colours::INK)
            .pos(Pos::new(HPos::Left, VPos::Top));
        root.draw_text(
            &format!(
                "{} 1 ({}) – 5 ({})",
                self.lang
                    .pick("Gemiddelde op de schaal", "Mean on the scale"),
                self.lang.text(Score::MIN.label()),
                self.lang.text(Score::MAX.label())
            ),
            &caption,
            (MARGIN, top),
        )?;
        let bar_top = top + text::line_height(text::SMALL_SIZE) + 6;
        let steps = 64;
        for step in 0..steps {
            let x0 = MARGIN + KEY_BAR_WIDTH * step / steps;
            let x1 = MARGIN + KEY_BAR_WIDTH * (step + 1) / steps;
            let value = 1.0 + 4.0 * (f64::from(step) + 0.5) / f64::from(steps);
            root.draw(&Rectangle::new(
                [(x0, bar_top), (x1, bar_top + KEY_BAR_HEIGHT)],
                colours::diverging(value).filled(),
            ))?;
        }
        let number = text::font(text::SMALL_SIZE)
            .color(&colours::INK)
            .pos(Pos::new(HPos::Center, VPos::Top));
        for point in 1..=5 {
            let x = MARGIN + KEY_BAR_WIDTH * (point - 1) / 4;
            root.draw(&PathElement::new(
                vec![
                    (x, bar_top + KEY_BAR_HEIGHT),
                    (x, bar_top + KEY_BAR_HEIGHT + 4),
                ],
                colours::INK.stroke_width(1),
            ))?;
            root.draw_text(
                &point.to_string(),
                &number,
                (x, bar_top + KEY_BAR_HEIGHT + 6),
            )?;
        }
        let swatch = MARGIN + KEY_BAR_WIDTH + 40;
        root.draw(&Rectangle::new(
            [(swatch, bar_top), (swatch + 28, bar_top + KEY_BAR_HEIGHT)],
            colours::EMPTY.filled(),
        ))?;
        let note = text::font(text::SMALL_SIZE)
            .color(&colours::INK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        root.draw_text(
            &format!(
                "{NO_FIGURE} {}",
                self.lang
                    .pick("geen gepubliceerd cijfer", "no published figure")
            ),
            &note,
            (swatch + 36, bar_top + KEY_BAR_HEIGHT / 2),
        )?;
        Ok(())
    }
}

fn heading(column: &Column, lang: Language) -> String {
    match column {
        Column::Own => lang.self_view().to_owned(),
        Column::Group(label) => label.clone(),
        Column::Pooled => lang.pooled().to_owned(),
        Column::Others => lang.others().to_owned(),
    }
}

fn cells_left() -> i32 {
    MARGIN + LABEL_WIDTH + 8
}

fn cell_width(columns: usize) -> i32 {
    let available = WIDTH as i32 - MARGIN - cells_left();
    (available / columns.max(1) as i32).min(MAX_CELL_WIDTH)
}

impl Chart for Heatmap<'_> {
    fn size(&self) -> (u32, u32) {
        let height = self.rows_bottom() + self.key_height() + MARGIN;
        (WIDTH, height as u32)
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let width = cell_width(self.columns.len());
        let left = cells_left();
        let top = self.top;
        let heading = text::font(text::SMALL_SIZE)
            .color(&colours::INK)
            .pos(Pos::new(HPos::Center, VPos::Bottom));
        let heading_line = text::line_height(text::SMALL_SIZE);
        for (c, lines) in self.headings.iter().enumerate() {
            let centre = left + width * c as i32 + width / 2;
            let count = lines.len() as i32;
            for (l, line) in (0..).zip(lines) {
                let baseline = top - 6 - heading_line * (count - 1 - l);
                root.draw_text(line, &heading, (centre, baseline))?;
            }
        }
        let value_style = |colour: &RGBColor| {
            text::font(text::LABEL_SIZE)
                .color(colour)
                .pos(Pos::new(HPos::Center, VPos::Center))
        };
        let mut y0 = top;
        for (row, (label, height)) in self.view.rows.iter().zip(&self.labels) {
            let middle = y0 + height / 2;
            scale::lines(
                root,
                label,
                (MARGIN + 6, middle),
                text::LABEL_SIZE,
                HPos::Left,
            )?;
            for (c, column) in self.columns.iter().enumerate() {
                let x0 = left + width * c as i32;
                let (fill, written, ink) = match self.value(row, column) {
                    Some(mean) => {
                        let fill = colours::diverging(mean);
                        (fill, text::score(mean, self.lang), colours::text_on(fill))
                    }
                    None => (colours::EMPTY, NO_FIGURE.to_owned(), colours::INK),
                };
                root.draw(&Rectangle::new(
                    [(x0 + 1, y0 + 1), (x0 + width - 1, y0 + height - 1)],
                    fill.filled(),
                ))?;
                root.draw_text(&written, &value_style(&ink), (x0 + width / 2, middle))?;
            }
            y0 += height;
        }
        self.draw_key(root)
    }
}

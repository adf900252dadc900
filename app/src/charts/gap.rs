//! The gap chart: per competency (and level) the self score, the others' mean with its spread
//! and each shown group's mean on the 1–5 scale, in the report's order (largest shortfall
//! first); on the right of each row the gap (others − self) as a number and the self–other
//! agreement category in words. Labels wrap over as many lines as they need.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::marks::{self, Entry, Mark};
use super::scale::{self, HEAD, Scale};
use super::text::{self, Words};
use super::{Chart, ChartError, DrawResult, MARGIN, WIDTH, colours, title_height};
use crate::domain::language::Language;
use crate::domain::report_view::{CompetencyRow, ReportView};

/// The label column on the left.
const LABEL_WIDTH: i32 = 262;
/// The column on the right with the gap and the category.
const RIGHT_WIDTH: i32 = 176;
/// Room between the columns and the scale, so the markers at 1 and 5 stay clear of text.
const SCALE_INSET: i32 = 26;
/// A row is never lower than this: the markers need room above and below its middle.
const MIN_ROW_HEIGHT: i32 = 46;
/// The self and others markers sit just above a row's middle, the group markers below it.
const MAIN_OFFSET: i32 = -7;
const GROUP_OFFSET: i32 = 11;
/// Space between the scale's key and the legend.
const LEGEND_GAP: i32 = 12;

/// The scale between the label column and the right column.
const SCALE: Scale = Scale::new(
    MARGIN + LABEL_WIDTH + SCALE_INSET,
    WIDTH as i32 - MARGIN - RIGHT_WIDTH - SCALE_INSET,
);

/// One row's text, laid out once for measuring and drawing.
struct RowText {
    label: Vec<String>,
    /// The gap, written; none for a row without self or others.
    gap: Option<String>,
    /// The category's short name in lines, below the gap; empty without a category.
    category: Vec<String>,
    height: i32,
}

pub(super) struct GapChart<'a> {
    view: &'a ReportView,
    lang: Language,
    title: String,
    /// Group labels in the chart's language, in order of first appearance: a group's colour is
    /// its index here, the same in every row.
    groups: Vec<String>,
    legend: Vec<Entry>,
    heading: Vec<String>,
    rows: Vec<RowText>,
    top: i32,
}

impl<'a> GapChart<'a> {
    /// Plans the chart; a report without rows has nothing to draw.
    pub(super) fn new(view: &'a ReportView, lang: Language) -> Result<GapChart<'a>, ChartError> {
        if view.rows.is_empty() {
            return Err(ChartError::NotApplicable);
        }
        let mut groups: Vec<String> = Vec::new();
        for group in view.rows.iter().flat_map(|r| &r.groups) {
            let label = lang.group(group);
            if !groups.iter().any(|g| g == label) {
                groups.push(label.to_owned());
            }
        }
        let mut legend = vec![
            Entry {
                mark: Mark::Diamond(colours::SELF),
                label: lang.self_view().to_owned(),
            },
            Entry {
                mark: Mark::Dot(colours::OTHERS),
                label: lang
                    .pick("Anderen (gemiddelde)", "Others (mean)")
                    .to_owned(),
            },
            Entry {
                mark: Mark::Bar(colours::OTHERS),
                label: lang
                    .pick("Spreiding anderen (± sd)", "Spread of others (± sd)")
                    .to_owned(),
            },
        ];
        legend.extend(groups.iter().enumerate().map(|(i, label)| Entry {
            mark: Mark::Square(colours::series(i)),
            label: label.clone(),
        }));
        if view.rows.iter().any(|r| r.pooled.is_some()) {
            legend.push(Entry {
                mark: Mark::Square(colours::POOLED),
                label: lang.pooled().to_owned(),
            });
        }
        let common_level = text::common_level(&view.rows);
        let what = lang.pick(
            "Zelfbeeld en beeld van anderen per competentie",
            "Self-view and others' view per competency",
        );
        let title = match common_level {
            Some(level) => format!("{what}, {level}: {}", view.subject_name),
            None => format!("{what}: {}", view.subject_name),
        };
        // "Verschil" over "(anderen − zelf)", each wrapped on its own.
        let heading = [
            lang.pick("Verschil", "Gap"),
            lang.pick("(anderen − zelf)", "(others − self)"),
        ]
        .iter()
        .flat_map(|part| text::wrap(part, text::SMALL_SIZE, RIGHT_WIDTH as u32))
        .collect::<Vec<_>>();
        let rows = view
            .rows
            .iter()
            .map(|row| Self::row_text(row, common_level, lang))
            .collect();
        let top = title_height(&title)
            + HEAD.max(text::line_height(text::SMALL_SIZE) * heading.len() as i32 + 8);
        Ok(GapChart {
            view,
            lang,
            title,
            groups,
            legend,
            heading,
            rows,
            top,
        })
    }

    fn row_text(row: &CompetencyRow, common_level: Option<&str>, lang: Language) -> RowText {
        let label = text::wrap(
            &text::row_label(row, common_level),
            text::LABEL_SIZE,
            (LABEL_WIDTH - 8) as u32,
        );
        let gap = row.gap.map(|gap| text::gap(gap, lang));
        let category = text::category(row, lang)
            .map(|words| text::wrap(words, text::SMALL_SIZE, RIGHT_WIDTH as u32))
            .unwrap_or_default();
        let right_lines = usize::from(gap.is_some()) + category.len();
        let height = scale::row_height(label.len(), text::LABEL_SIZE, MIN_ROW_HEIGHT).max(
            scale::row_height(right_lines, text::LABEL_SIZE, MIN_ROW_HEIGHT),
        );
        RowText {
            label,
            gap,
            category,
            height,
        }
    }

    fn rows_bottom(&self) -> i32 {
        self.top + self.rows.iter().map(|r| r.height).sum::<i32>()
    }

    /// The gap in the label size with the category's words below it in the small size, the
    /// block centred on the row's middle.
    fn draw_right<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        row: &RowText,
        middle: i32,
    ) -> DrawResult<DB> {
        let x = WIDTH as i32 - MARGIN - RIGHT_WIDTH;
        let line = text::line_height(text::LABEL_SIZE);
        let count = usize::from(row.gap.is_some()) + row.category.len();
        let mut y = middle - line * (count as i32 - 1) / 2;
        if let Some(gap) = &row.gap {
            scale::lines(
                root,
                std::slice::from_ref(gap),
                (x, y),
                text::LABEL_SIZE,
                HPos::Left,
            )?;
            y += line;
        }
        for words in &row.category {
            scale::lines(
                root,
                std::slice::from_ref(words),
                (x, y),
                text::SMALL_SIZE,
                HPos::Left,
            )?;
            y += line;
        }
        Ok(())
    }
}

impl Chart for GapChart<'_> {
    fn size(&self) -> (u32, u32) {
        let height = self.rows_bottom()
            + scale::axis_height(self.lang)
            + LEGEND_GAP
            + marks::legend_height(&self.legend)
            + MARGIN;
        (WIDTH, height as u32)
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let (top, bottom) = (self.top, self.rows_bottom());
        let heights: Vec<i32> = self.rows.iter().map(|r| r.height).collect();
        scale::stripes(root, top, &heights)?;
        scale::frame(root, SCALE, top, bottom, self.lang)?;
        let heading_line = text::line_height(text::SMALL_SIZE);
        let heading_middle = top - 4 - heading_line * self.heading.len() as i32 / 2;
        scale::lines(
            root,
            &self.heading,
            (WIDTH as i32 - MARGIN - RIGHT_WIDTH, heading_middle),
            text::SMALL_SIZE,
            HPos::Left,
        )?;
        let mut row_top = top;
        for (row, laid) in self.view.rows.iter().zip(&self.rows) {
            let middle = row_top + laid.height / 2;
            row_top += laid.height;
            scale::lines(
                root,
                &laid.label,
                (MARGIN + 8, middle),
                text::LABEL_SIZE,
                HPos::Left,
            )?;
            self.draw_right(root, laid, middle)?;
            let groups = row.groups.iter().filter_map(|g| {
                let label = self.lang.group(g);
                let index = self.groups.iter().position(|x| x == label)?;
                Some((colours::series(index), g.mean?))
            });
            let pooled = row
                .pooled
                .and_then(|(_, mean)| mean)
                .map(|mean| (colours::POOLED, mean));
            for (colour, mean) in groups.chain(pooled) {
                marks::draw(
                    root,
                    Mark::Square(colour),
                    (SCALE.x(mean), middle + GROUP_OFFSET),
                    0,
                )?;
            }
            let main = middle + MAIN_OFFSET;
            if let Some(mean) = row.others_mean {
                if let Some(sd) = row.others_sd {
                    marks::draw(
                        root,
                        Mark::Bar(colours::OTHERS),
                        (SCALE.x(mean - sd), main),
                        SCALE.x(mean + sd),
                    )?;
                }
                marks::draw(root, Mark::Dot(colours::OTHERS), (SCALE.x(mean), main), 0)?;
            }
            if let Some(own) = row.self_mean {
                marks::draw(root, Mark::Diamond(colours::SELF), (SCALE.x(own), main), 0)?;
            }
        }
        let legend_top = bottom + scale::axis_height(self.lang) + LEGEND_GAP;
        marks::legend(root, &self.legend, legend_top)
    }
}

#[cfg(test)]
pub(super) const SCALE_FOR_TESTS: Scale = SCALE;

//! The gap chart: per competency (and level) the self score, the others' mean with its spread
//! and each shown group's mean on the 1–5 scale, in the report's order (largest shortfall first).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::marks::{self, Entry, Mark};
use super::scale::{self, AXIS_HEIGHT, HEAD, LABEL_WIDTH, Scale};
use super::text::{self, Words};
use super::{Chart, ChartError, DrawResult, MARGIN, TITLE_HEIGHT, WIDTH, colours};
use crate::domain::language::Language;
use crate::domain::report_view::ReportView;

/// Height of one competency row.
pub(super) const ROW_HEIGHT: i32 = 36;
/// The self and others markers sit just above a row's middle, the group markers below it.
const MAIN_OFFSET: i32 = -4;
const GROUP_OFFSET: i32 = 10;
/// Space between the scale's words and the legend.
const LEGEND_GAP: i32 = 10;

pub(super) struct GapChart<'a> {
    view: &'a ReportView,
    lang: Language,
    title: String,
    /// Group labels in the chart's language, in order of first appearance: a group's colour is
    /// its index here, the same in every row.
    groups: Vec<String>,
    legend: Vec<Entry>,
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
        let title = format!(
            "{}: {}",
            lang.pick(
                "Zelfbeeld en beeld van anderen per competentie",
                "Self-view and others' view per competency"
            ),
            view.subject_name
        );
        Ok(GapChart {
            view,
            lang,
            title,
            groups,
            legend,
        })
    }

    fn rows_top(&self) -> i32 {
        TITLE_HEIGHT + HEAD
    }

    fn rows_bottom(&self) -> i32 {
        self.rows_top() + ROW_HEIGHT * self.view.rows.len() as i32
    }
}

impl Chart for GapChart<'_> {
    fn size(&self) -> (u32, u32) {
        let height = self.rows_bottom()
            + AXIS_HEIGHT
            + LEGEND_GAP
            + marks::legend_height(&self.legend)
            + MARGIN;
        (WIDTH, height as u32)
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let scale = Scale::STANDARD;
        let (top, bottom) = (self.rows_top(), self.rows_bottom());
        scale::stripes(root, top, &vec![ROW_HEIGHT; self.view.rows.len()])?;
        scale::frame(root, scale, top, bottom, self.lang)?;
        for (i, row) in self.view.rows.iter().enumerate() {
            let middle = top + ROW_HEIGHT * i as i32 + ROW_HEIGHT / 2;
            scale::row_label(
                root,
                &text::row_label(row),
                MARGIN + 6,
                LABEL_WIDTH - 6,
                middle,
                text::LABEL_SIZE,
            )?;
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
                    (scale.x(mean), middle + GROUP_OFFSET),
                    0,
                )?;
            }
            let main = middle + MAIN_OFFSET;
            if let Some(mean) = row.others_mean {
                if let Some(sd) = row.others_sd {
                    marks::draw(
                        root,
                        Mark::Bar(colours::OTHERS),
                        (scale.x(mean - sd), main),
                        scale.x(mean + sd),
                    )?;
                }
                marks::draw(root, Mark::Dot(colours::OTHERS), (scale.x(mean), main), 0)?;
            }
            if let Some(own) = row.self_mean {
                marks::draw(root, Mark::Diamond(colours::SELF), (scale.x(own), main), 0)?;
            }
        }
        marks::legend(root, &self.legend, bottom + AXIS_HEIGHT + LEGEND_GAP)
    }
}

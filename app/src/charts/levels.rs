//! The levels chart, for scans that ask a competency at two or more levels: per competency the
//! others' mean (and self) at each level on the 1–5 scale, the others' means joined by a line.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::marks::{self, Entry, Mark};
use super::scale::{self, AXIS_HEIGHT, HEAD, LABEL_WIDTH, Scale};
use super::text::{self, Words};
use super::{Chart, ChartError, DrawResult, MARGIN, TITLE_HEIGHT, WIDTH, colours};
use crate::domain::language::Language;
use crate::domain::report_view::{CompetencyRow, ReportView};

/// Height of one level's line within a competency.
const LEVEL_HEIGHT: i32 = 22;
/// Space above and below the levels of one competency.
const BLOCK_PADDING: i32 = 10;
/// The label column: the competency's name, then the level's name.
const NAME_WIDTH: i32 = 172;
const LEGEND_GAP: i32 = 10;

pub(super) struct LevelsChart<'a> {
    lang: Language,
    title: String,
    /// The distinct levels, in natural order ("Schaal 3–7" before "Schaal 11–18").
    levels: Vec<String>,
    /// Per competency (in the report's order of first appearance), its row at each level.
    competencies: Vec<(String, Vec<Option<&'a CompetencyRow>>)>,
    legend: Vec<Entry>,
}

impl<'a> LevelsChart<'a> {
    /// Plans the chart; it applies only when the rows name at least two distinct levels.
    pub(super) fn new(view: &'a ReportView, lang: Language) -> Result<LevelsChart<'a>, ChartError> {
        let mut levels: Vec<String> = Vec::new();
        for row in &view.rows {
            if !row.level.is_empty() && !levels.contains(&row.level) {
                levels.push(row.level.clone());
            }
        }
        if levels.len() < 2 {
            return Err(ChartError::NotApplicable);
        }
        levels.sort_by(|a, b| text::natural_order(a, b));
        let mut competencies: Vec<(String, Vec<Option<&CompetencyRow>>)> = Vec::new();
        for row in &view.rows {
            let Some(level) = levels.iter().position(|l| *l == row.level) else {
                continue;
            };
            let index = match competencies.iter().position(|(name, _)| *name == row.name) {
                Some(index) => index,
                None => {
                    competencies.push((row.name.clone(), vec![None; levels.len()]));
                    competencies.len() - 1
                }
            };
            competencies[index].1[level] = Some(row);
        }
        let mut legend: Vec<Entry> = levels
            .iter()
            .enumerate()
            .map(|(i, level)| Entry {
                mark: Mark::Dot(colours::series(i)),
                label: level.clone(),
            })
            .collect();
        legend.push(Entry {
            mark: Mark::Dot(colours::INK),
            label: lang
                .pick("Anderen (gemiddelde)", "Others (mean)")
                .to_owned(),
        });
        legend.push(Entry {
            mark: Mark::OpenDiamond(colours::INK),
            label: lang.self_view().to_owned(),
        });
        let title = format!(
            "{}: {}",
            lang.pick(
                "Zelfbeeld en beeld van anderen per niveau",
                "Self-view and others' view per level"
            ),
            view.subject_name
        );
        Ok(LevelsChart {
            lang,
            title,
            levels,
            competencies,
            legend,
        })
    }

    fn block_height(&self) -> i32 {
        LEVEL_HEIGHT * self.levels.len() as i32 + 2 * BLOCK_PADDING
    }

    fn rows_top(&self) -> i32 {
        TITLE_HEIGHT + HEAD
    }

    fn rows_bottom(&self) -> i32 {
        self.rows_top() + self.block_height() * self.competencies.len() as i32
    }
}

impl Chart for LevelsChart<'_> {
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
        let block = self.block_height();
        scale::stripes(root, top, &vec![block; self.competencies.len()])?;
        scale::frame(root, scale, top, bottom, self.lang)?;
        for (c, (name, rows)) in self.competencies.iter().enumerate() {
            let block_top = top + block * c as i32;
            let name_x = MARGIN + 6;
            scale::row_label(
                root,
                name,
                name_x,
                NAME_WIDTH - 6,
                block_top + block / 2,
                text::LABEL_SIZE,
            )?;
            let line_y = |level: usize| {
                block_top + BLOCK_PADDING + LEVEL_HEIGHT * level as i32 + LEVEL_HEIGHT / 2
            };
            let others: Vec<(i32, i32)> = rows
                .iter()
                .enumerate()
                .filter_map(|(l, row)| Some((scale.x((*row)?.others_mean?), line_y(l))))
                .collect();
            if others.len() > 1 {
                root.draw(&PathElement::new(
                    others,
                    colours::INK.mix(0.6).stroke_width(1),
                ))?;
            }
            for (l, row) in rows.iter().enumerate() {
                let y = line_y(l);
                scale::row_label(
                    root,
                    &self.levels[l],
                    MARGIN + NAME_WIDTH + 4,
                    LABEL_WIDTH - NAME_WIDTH - 4,
                    y,
                    text::SMALL_SIZE,
                )?;
                let Some(row) = row else { continue };
                let colour = colours::series(l);
                if let Some(own) = row.self_mean {
                    marks::draw(root, Mark::OpenDiamond(colour), (scale.x(own), y), 0)?;
                }
                if let Some(mean) = row.others_mean {
                    marks::draw(root, Mark::Dot(colour), (scale.x(mean), y), 0)?;
                }
            }
        }
        marks::legend(root, &self.legend, bottom + AXIS_HEIGHT + LEGEND_GAP)
    }
}

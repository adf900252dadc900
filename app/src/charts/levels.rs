//! The levels chart, for scans that ask a competency at two or more levels: per competency the
//! others' mean (and self) at each level on the 1–5 scale, the others' means joined by a line.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::marks::{self, Entry, Mark};
use super::scale::{self, HEAD, Scale};
use super::text::{self, Words};
use super::{Chart, ChartError, DrawResult, MARGIN, WIDTH, colours, title_height};
use crate::domain::language::Language;
use crate::domain::report_view::{CompetencyRow, ReportView};

/// Height of one level's line within a competency.
const LEVEL_HEIGHT: i32 = 28;
/// Space above and below the levels of one competency.
const BLOCK_PADDING: i32 = 10;
/// The label column: the competency's name, then the level's name.
const NAME_WIDTH: i32 = 190;
const LEVEL_WIDTH: i32 = 130;
const LEGEND_GAP: i32 = 12;
/// The scale right of the labels, with room at both ends for the markers.
const SCALE: Scale = Scale::new(
    MARGIN + NAME_WIDTH + LEVEL_WIDTH + 30,
    WIDTH as i32 - MARGIN - 30,
);

pub(super) struct LevelsChart<'a> {
    lang: Language,
    title: String,
    /// The distinct levels, in natural order ("Schaal 3–7" before "Schaal 11–18").
    levels: Vec<String>,
    /// Per competency (in the report's order of first appearance), its row at each level.
    competencies: Vec<(String, Vec<Option<&'a CompetencyRow>>)>,
    /// Per competency its name in lines and its block's height.
    blocks: Vec<(Vec<String>, i32)>,
    legend: Vec<Entry>,
    top: i32,
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
        let blocks = competencies
            .iter()
            .map(|(name, _)| {
                let lines = text::wrap(name, text::LABEL_SIZE, (NAME_WIDTH - 8) as u32);
                let text_height = text::line_height(text::LABEL_SIZE) * lines.len() as i32;
                let height =
                    (LEVEL_HEIGHT * levels.len() as i32).max(text_height) + 2 * BLOCK_PADDING;
                (lines, height)
            })
            .collect();
        let top = title_height(&title) + HEAD;
        Ok(LevelsChart {
            lang,
            title,
            levels,
            competencies,
            blocks,
            legend,
            top,
        })
    }

    fn rows_bottom(&self) -> i32 {
        self.top + self.blocks.iter().map(|(_, h)| h).sum::<i32>()
    }
}

impl Chart for LevelsChart<'_> {
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
        let heights: Vec<i32> = self.blocks.iter().map(|(_, h)| *h).collect();
        scale::stripes(root, top, &heights)?;
        scale::frame(root, SCALE, top, bottom, self.lang)?;
        let mut block_top = top;
        for ((_, rows), (name, block)) in self.competencies.iter().zip(&self.blocks) {
            scale::lines(
                root,
                name,
                (MARGIN + 8, block_top + block / 2),
                text::LABEL_SIZE,
                HPos::Left,
            )?;
            // The levels' lines are centred in the block, which may be taller for a long name.
            let levels_top = block_top + (block - LEVEL_HEIGHT * self.levels.len() as i32) / 2;
            let line_y = |level: usize| levels_top + LEVEL_HEIGHT * level as i32 + LEVEL_HEIGHT / 2;
            block_top += block;
            let others: Vec<(i32, i32)> = rows
                .iter()
                .enumerate()
                .filter_map(|(l, row)| Some((SCALE.x((*row)?.others_mean?), line_y(l))))
                .collect();
            if others.len() > 1 {
                root.draw(&PathElement::new(
                    others,
                    colours::INK.mix(0.6).stroke_width(1),
                ))?;
            }
            for (l, row) in rows.iter().enumerate() {
                let y = line_y(l);
                scale::lines(
                    root,
                    std::slice::from_ref(&self.levels[l]),
                    (MARGIN + NAME_WIDTH + 4, y),
                    text::SMALL_SIZE,
                    HPos::Left,
                )?;
                let Some(row) = row else { continue };
                let colour = colours::series(l);
                if let Some(own) = row.self_mean {
                    marks::draw(root, Mark::OpenDiamond(colour), (SCALE.x(own), y), 0)?;
                }
                if let Some(mean) = row.others_mean {
                    marks::draw(root, Mark::Dot(colour), (SCALE.x(mean), y), 0)?;
                }
            }
        }
        let legend_top = bottom + scale::axis_height(self.lang) + LEGEND_GAP;
        marks::legend(root, &self.legend, legend_top)
    }
}

//! Tests of the charts on a small hand-built report.

use super::colour_vision::{Deficiency, distance};
use super::*;
use crate::domain::report_view::{Agenda, CompetencyRow, GroupFigure, ReportBasis};

fn group(label_nl: &str, label_en: &str, mean: Option<f64>) -> GroupFigure {
    GroupFigure {
        label_nl: label_nl.to_owned(),
        label_en: label_en.to_owned(),
        n: 3,
        mean,
        identifiable: false,
    }
}

fn row(
    name: &str,
    level: &str,
    self_mean: Option<f64>,
    others: Option<(f64, Option<f64>)>,
    groups: Vec<GroupFigure>,
    pooled: Option<f64>,
) -> CompetencyRow {
    CompetencyRow {
        competency_id: name.to_lowercase(),
        level_id: level.to_lowercase(),
        name: name.to_owned(),
        level: level.to_owned(),
        self_mean,
        others_mean: others.map(|(mean, _)| mean),
        others_n: if others.is_some() { 6 } else { 0 },
        others_sd: others.and_then(|(_, sd)| sd),
        gap: self_mean.zip(others).map(|(s, (o, _))| o - s),
        groups,
        pooled: pooled.map(|mean| (3, Some(mean))),
        category_id: None,
        category: None,
        lines: vec![],
    }
}

/// A report with the given rows for "Piet Jansen".
pub(super) fn view(rows: Vec<CompetencyRow>) -> ReportView {
    ReportView {
        scan_id: "scan-1".to_owned(),
        subject_name: "Piet Jansen".to_owned(),
        header: Default::default(),
        summary: Default::default(),
        k: 3,
        threshold: 0.5,
        basis: ReportBasis::Final,
        rows,
        highest: vec![],
        lowest: vec![],
        largest_gaps: vec![],
        progress: vec![],
        comments: vec![],
        attention: vec![],
        agenda: Agenda::default(),
    }
}

/// Three competencies without levels: two groups, a pooled line, a row without self.
pub(super) fn sample() -> ReportView {
    view(vec![
        row(
            "Samenwerken",
            "",
            Some(4.5),
            Some((3.25, Some(0.8))),
            vec![
                group("Medewerkers", "Staff", Some(3.1)),
                group("Collega's", "Peers", Some(3.6)),
            ],
            Some(10.0 / 3.0),
        ),
        row(
            "Integriteit",
            "",
            None,
            Some((4.1, Some(0.5))),
            vec![group("Medewerkers", "Staff", Some(4.0))],
            None,
        ),
        row(
            "Resultaatgerichtheid",
            "",
            Some(3.0),
            Some((2.8, None)),
            vec![],
            None,
        ),
    ])
}

/// Two competencies, each at two levels.
fn two_levels() -> ReportView {
    view(vec![
        row(
            "Samenwerken",
            "Schaal 11–18",
            Some(4.0),
            Some((3.0, Some(0.5))),
            vec![],
            None,
        ),
        row(
            "Samenwerken",
            "Schaal 3–7",
            Some(4.5),
            Some((3.5, Some(0.5))),
            vec![],
            None,
        ),
        row(
            "Integriteit",
            "Schaal 3–7",
            None,
            Some((4.0, None)),
            vec![],
            None,
        ),
        row(
            "Integriteit",
            "Schaal 11–18",
            Some(3.0),
            Some((3.8, None)),
            vec![],
            None,
        ),
    ])
}

fn svg(kind: ChartKind, view: &ReportView, lang: Language) -> String {
    let bytes = render(kind, view, lang, ChartFormat::Svg).expect("a chart");
    String::from_utf8(bytes).expect("UTF-8")
}

/// The contents of every `<text>` element, trimmed, in document order.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .map(|part| {
            let start = part.find('>').expect("end of <text>") + 1;
            let end = part.find("</text>").expect("</text>");
            part[start..end].trim().to_owned()
        })
        .collect()
}

/// The value of `attribute` on the root `<svg>` element.
fn root_attribute(svg: &str, attribute: &str) -> String {
    let open = &svg[..svg.find('>').unwrap()];
    let start = open.find(&format!(" {attribute}=\"")).unwrap() + attribute.len() + 3;
    open[start..].split('"').next().unwrap().to_owned()
}

fn height(svg: &str) -> u32 {
    root_attribute(svg, "height").parse().unwrap()
}

/// Self markers are the only shapes in vermillion (one more in the legend).
fn self_markers(svg: &str) -> usize {
    svg.matches(r##"fill="#D55E00""##).count()
}

#[test]
fn gap_chart_is_an_accessible_svg_with_every_name_and_the_norm() {
    let svg = svg(ChartKind::Gap, &sample(), Language::Nl);
    assert!(svg.starts_with("<svg "), "{}", &svg[..40]);
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<svg").count(), 1);
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    let title = "Zelfbeeld en beeld van anderen per competentie: Piet Jansen";
    assert!(svg.contains(&format!("\n<title>{title}</title>\n")));
    assert_eq!(root_attribute(&svg, "role"), "img");
    assert_eq!(root_attribute(&svg, "aria-label"), title);
    assert_eq!(root_attribute(&svg, "width"), "900");

    let texts = texts(&svg);
    for expected in [
        "Samenwerken",
        "Integriteit",
        "Resultaatgerichtheid",
        "Medewerkers",
        "Collega&apos;s",
        "Overige informanten",
        "Zelf",
        "normaal",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected} missing from {texts:?}"
        );
    }
    // The scale's words in a key below it, each with its number.
    for expected in ["1 onvoldoende", "3 normaal", "5 uitstekend"] {
        assert!(whole_in(&texts, expected), "{expected}: {texts:?}");
    }
    // The rows keep the report's order.
    let position = |name: &str| texts.iter().position(|t| t == name).unwrap();
    assert!(position("Samenwerken") < position("Integriteit"));
    assert!(position("Integriteit") < position("Resultaatgerichtheid"));
}

#[test]
fn english_labels() {
    let svg = svg(ChartKind::Gap, &sample(), Language::En);
    let texts = texts(&svg);
    for expected in [
        "Self",
        "Others (mean)",
        "Staff",
        "Peers",
        "Other informants",
        "meets expectations",
    ] {
        assert!(texts.iter().any(|t| t == expected), "{expected}: {texts:?}");
    }
    let all = texts.join(" ");
    for expected in [
        "insufficient",
        "excellent",
        "\u{2212}1.25",
        "Gap (others \u{2212} self)",
    ] {
        assert!(all.contains(expected), "{expected}: {all}");
    }
    assert!(!texts.iter().any(|t| t == "Medewerkers"));
    assert!(
        svg.contains("<title>Self-view and others&apos; view per competency: Piet Jansen</title>")
    );
}

#[test]
fn a_row_without_self_draws_no_self_marker() {
    let others_only = view(vec![row(
        "Integriteit",
        "",
        None,
        Some((4.1, Some(0.5))),
        vec![],
        None,
    )]);
    assert_eq!(
        self_markers(&svg(ChartKind::Gap, &others_only, Language::Nl)),
        1
    );
    // The sample has self on two of its three rows.
    assert_eq!(
        self_markers(&svg(ChartKind::Gap, &sample(), Language::Nl)),
        3
    );
}

#[test]
fn the_spread_bar_is_clamped_to_the_scale() {
    let high = view(vec![row(
        "Integriteit",
        "",
        None,
        Some((4.8, Some(0.5))),
        vec![],
        None,
    )]);
    let svg = svg(ChartKind::Gap, &high, Language::Nl);
    let scale = gap::SCALE_FOR_TESTS;
    let bars: Vec<&str> = svg
        .lines()
        .filter(|l| l.starts_with("<rect") && l.contains(r##"fill="#0072B2""##))
        .collect();
    // One in the row, one in the legend.
    assert_eq!(bars.len(), 2, "{bars:?}");
    let attribute = |line: &str, name: &str| -> i32 {
        let start = line.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        line[start..].split('"').next().unwrap().parse().unwrap()
    };
    let bar = bars[0];
    assert_eq!(attribute(bar, "x"), scale.x(4.3));
    assert_eq!(attribute(bar, "x") + attribute(bar, "width"), scale.right());
}

#[test]
fn names_are_escaped() {
    let mut view = view(vec![row(
        "Plannen & <organiseren>",
        "",
        Some(3.0),
        Some((3.5, None)),
        vec![group("Bestuur \"B&W\"", "Board", Some(3.5))],
        None,
    )]);
    view.subject_name = "Jansen <&> Zn".to_owned();
    for kind in [ChartKind::Gap, ChartKind::Heatmap] {
        let svg = svg(kind, &view, Language::Nl);
        assert!(
            svg.contains("Plannen &amp; &lt;organiseren&gt;"),
            "{kind:?}"
        );
        // (The heat map may wrap the heading after "Bestuur".)
        assert!(svg.contains("&quot;B&amp;W&quot;"), "{kind:?}");
        assert!(
            svg.contains(": Jansen &lt;&amp;&gt; Zn</title>"),
            "{kind:?}"
        );
        assert!(root_attribute(&svg, "aria-label").ends_with(": Jansen &lt;&amp;&gt; Zn"));
        assert!(!svg.contains("<organiseren>"));
        assert!(!svg.contains("<&>"));
    }
}

#[test]
fn height_grows_with_the_rows() {
    let three = sample();
    let mut six = sample();
    six.rows.extend(sample().rows.into_iter().map(|mut r| {
        r.name.push_str(" II");
        r
    }));
    let (short, tall) = (
        height(&svg(ChartKind::Gap, &three, Language::Nl)),
        height(&svg(ChartKind::Gap, &six, Language::Nl)),
    );
    assert!(tall > short, "{short} → {tall}");
    let (short, tall) = (
        height(&svg(ChartKind::Heatmap, &three, Language::Nl)),
        height(&svg(ChartKind::Heatmap, &six, Language::Nl)),
    );
    assert!(tall > short, "{short} → {tall}");
}

#[test]
fn png_is_a_png_of_the_svg_size_with_text_in_it() {
    let view = sample();
    let bytes = render(ChartKind::Gap, &view, Language::Nl, ChartFormat::Png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    let image = image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
        .unwrap()
        .to_rgb8();
    assert_eq!(image.width(), 900);
    assert_eq!(
        image.height(),
        height(&svg(ChartKind::Gap, &view, Language::Nl))
    );
    // The title is drawn with the embedded font: dark pixels in the title band.
    let dark = (0..image.width())
        .flat_map(|x| (0..title_height("Zelfbeeld") as u32).map(move |y| (x, y)))
        .filter(|&(x, y)| image.get_pixel(x, y).0.iter().all(|&c| c < 100))
        .count();
    assert!(dark > 200, "{dark} dark pixels in the title band");
    for kind in [ChartKind::Heatmap, ChartKind::Levels] {
        let bytes = render(kind, &two_levels(), Language::En, ChartFormat::Png).unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{kind:?}");
    }
}

#[test]
fn heat_map_writes_each_mean_and_a_dash_where_nothing_is_published() {
    let svg = svg(ChartKind::Heatmap, &sample(), Language::Nl);
    assert!(svg.contains("<title>Gemiddelde per competentie en groep: Piet Jansen</title>"));
    let texts = texts(&svg);
    // Columns: self, the two groups, the pooled line, others.
    let headings: Vec<&str> = [
        "Zelf",
        "Medewerkers",
        "Collega&apos;s",
        "Overige",
        "Anderen",
    ]
    .into_iter()
    .filter(|h| texts.iter().any(|t| t == h))
    .collect();
    assert_eq!(headings.len(), 5, "{texts:?}");
    for value in [
        "4,50", "3,25", "3,10", "3,60", "3,33", "4,10", "4,00", "3,00", "2,80",
    ] {
        assert!(texts.iter().any(|t| t == value), "{value}: {texts:?}");
    }
    // Integriteit: no self, no peers, no pooled line; Resultaatgerichtheid: no group at all.
    assert_eq!(texts.iter().filter(|t| *t == "—").count(), 6);
    // Dutch figures have a decimal comma, never a point.
    assert!(!texts.iter().any(|t| t == "4.50"), "{texts:?}");
    // 3.00 is the neutral middle of the scale; the empty cells are grey.
    assert!(svg.contains(r##"fill="#F7F7F7""##));
    assert!(svg.contains(r##"fill="#E4E4E4""##));
}

#[test]
fn levels_chart_needs_two_levels() {
    assert!(matches!(
        render(ChartKind::Levels, &sample(), Language::Nl, ChartFormat::Svg),
        Err(ChartError::NotApplicable)
    ));
    let mut one_level = sample();
    for row in &mut one_level.rows {
        row.level = "Schaal 3–7".to_owned();
    }
    assert!(matches!(
        render(
            ChartKind::Levels,
            &one_level,
            Language::Nl,
            ChartFormat::Png
        ),
        Err(ChartError::NotApplicable)
    ));

    let svg = svg(ChartKind::Levels, &two_levels(), Language::Nl);
    let texts = texts(&svg);
    assert_eq!(texts.iter().filter(|t| *t == "Samenwerken").count(), 1);
    assert_eq!(texts.iter().filter(|t| *t == "Integriteit").count(), 1);
    // Levels in natural order, under each competency and in the legend.
    let levels: Vec<&String> = texts.iter().filter(|t| t.starts_with("Schaal")).collect();
    assert_eq!(
        levels,
        [
            "Schaal 3–7",
            "Schaal 11–18",
            "Schaal 3–7",
            "Schaal 11–18",
            "Schaal 3–7",
            "Schaal 11–18"
        ]
    );
    assert!(texts.iter().any(|t| t == "normaal"));
}

#[test]
fn an_empty_report_has_no_charts() {
    let empty = view(vec![]);
    for kind in [ChartKind::Gap, ChartKind::Heatmap, ChartKind::Levels] {
        assert!(matches!(
            render(kind, &empty, Language::Nl, ChartFormat::Svg),
            Err(ChartError::NotApplicable)
        ));
    }
}

#[test]
fn gap_chart_labels_rows_with_their_level_when_levels_differ() {
    let svg = svg(ChartKind::Gap, &two_levels(), Language::Nl);
    let all = texts(&svg).join(" ");
    assert!(all.contains("Samenwerken (Schaal 11–18)"), "{all}");
    assert!(all.contains("Integriteit (Schaal 3–7)"), "{all}");
}

#[test]
fn colour_scale_diverges_around_three() {
    assert_eq!(colours::diverging(3.0), RGBColor(0xF7, 0xF7, 0xF7));
    assert_eq!(colours::diverging(1.0), RGBColor(0xB3, 0x58, 0x06));
    assert_eq!(colours::diverging(5.0), RGBColor(0x54, 0x27, 0x88));
    assert_eq!(colours::diverging(9.0), colours::diverging(5.0));
    assert_eq!(colours::diverging(2.5), RGBColor(0xF4, 0xCD, 0x9C));
    assert_eq!(
        colours::text_on(colours::diverging(5.0)),
        RGBColor(255, 255, 255)
    );
    assert_eq!(colours::text_on(colours::diverging(3.0)), RGBColor(0, 0, 0));
}

#[test]
fn levels_sort_naturally() {
    let mut levels = vec!["Schaal 11–18", "Schaal 3–7", "Schaal 8–10"];
    levels.sort_by(|a, b| text::natural_order(a, b));
    assert_eq!(levels, ["Schaal 3–7", "Schaal 8–10", "Schaal 11–18"]);
}

#[test]
fn content_types() {
    assert_eq!(ChartFormat::Svg.content_type(), "image/svg+xml");
    assert_eq!(ChartFormat::Png.content_type(), "image/png");
}

/// A report at one level whose names are long, as in the Rijksoverheid framework.
fn long_names() -> ReportView {
    let mut blind_spot = row(
        "Gevoel voor bestuurlijke verhouding en politieke sensitiviteit",
        "Schaal 8–10",
        Some(4.5),
        Some((2.75, Some(0.6))),
        vec![group("Collega's", "Peers", Some(2.7))],
        None,
    );
    blind_spot.category_id = Some("over_estimation_below_standard".to_owned());
    let mut hidden = row(
        "Klantgerichtheid",
        "Schaal 8–10",
        Some(3.0),
        Some((4.25, None)),
        vec![],
        None,
    );
    hidden.category_id = Some("under_estimation_at_standard".to_owned());
    let unbroken = row(
        "Resultaatgerichtheidsverantwoordelijkheidsbesef",
        "Schaal 8–10",
        None,
        Some((3.0, None)),
        vec![],
        None,
    );
    view(vec![blind_spot, hidden, unbroken])
}

/// Whether `words` occur in `texts` in order, consecutively, across one or more `<text>`s.
fn whole_in(texts: &[String], words: &str) -> bool {
    let wanted: Vec<&str> = words.split_whitespace().collect();
    let seen: Vec<&str> = texts.iter().flat_map(|t| t.split_whitespace()).collect();
    seen.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

/// Every `font-size` in the SVG, in px.
fn font_sizes(svg: &str) -> Vec<f64> {
    svg.split("font-size=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn long_labels_wrap_whole_and_the_level_is_named_once_in_the_title() {
    let view = long_names();
    for kind in [ChartKind::Gap, ChartKind::Heatmap] {
        let svg = svg(kind, &view, Language::Nl);
        let texts = texts(&svg);
        assert!(!svg.contains('…'), "{kind:?} cuts a text: {texts:?}");
        for row in &view.rows {
            assert!(
                whole_in(&texts, &row.name),
                "{kind:?}: {} in {texts:?}",
                row.name
            );
        }
        // The long name needs more than one line at a readable size.
        assert!(!texts.iter().any(|t| t == &view.rows[0].name), "{kind:?}");
        assert!(
            texts
                .iter()
                .any(|t| t == "Resultaatgerichtheidsverantwoordelijkheidsbesef")
        );
        // The level once, in the title; never repeated per row.
        assert!(!svg.contains("(Schaal 8–10)"), "{kind:?}");
        let title = root_attribute(&svg, "aria-label");
        assert!(
            title.contains("Schaal 8–10") && title.ends_with(": Piet Jansen"),
            "{title}"
        );
        assert!(
            whole_in(&texts, &title),
            "{kind:?}: the title whole in {texts:?}"
        );
    }
}

#[test]
fn gap_chart_writes_each_gap_and_its_category() {
    let svg = svg(ChartKind::Gap, &long_names(), Language::Nl);
    let texts = texts(&svg);
    // Others − self, Dutch style with a real minus sign; the row without self has no gap.
    for expected in ["\u{2212}1,75", "+1,25", "Blinde vlek", "Verborgen sterkte"] {
        assert!(texts.iter().any(|t| t == expected), "{expected}: {texts:?}");
    }
    assert!(
        whole_in(&texts, "Verschil (anderen \u{2212} zelf)"),
        "{texts:?}"
    );
    assert!(
        !texts.iter().any(|t| t.contains('-') || t.contains("1.75")),
        "{texts:?}"
    );
    let english = self::svg(ChartKind::Gap, &long_names(), Language::En);
    let texts = super::tests::texts(&english);
    for expected in ["\u{2212}1.75", "+1.25", "Blind spot", "Hidden strength"] {
        assert!(texts.iter().any(|t| t == expected), "{expected}: {texts:?}");
    }
}

#[test]
fn chart_text_prints_at_nine_points_or_more() {
    for (kind, view) in [
        (ChartKind::Gap, long_names()),
        (ChartKind::Heatmap, sample()),
        (ChartKind::Levels, two_levels()),
    ] {
        let svg = svg(kind, &view, Language::Nl);
        let sizes = font_sizes(&svg);
        assert_eq!(sizes.len(), svg.matches("<text").count(), "{kind:?}");
        let smallest = sizes.iter().copied().fold(f64::INFINITY, f64::min);
        assert!(
            smallest >= text::MIN_SVG_FONT_SIZE,
            "{kind:?}: font-size {smallest} px prints below 9 pt"
        );
    }
}

/// The colours drawn side by side in one chart: self, others, the pooled line and the groups.
fn palette() -> Vec<RGBColor> {
    let mut palette = vec![colours::SELF, colours::OTHERS, colours::POOLED];
    palette.extend(colours::SERIES);
    palette
}

#[test]
fn the_palette_stays_apart_for_colour_blind_readers() {
    // CIE76 ΔE between two markers: about 2 is just noticeable; 15 tells small markers apart
    // at a glance.
    const MIN_DISTANCE: f64 = 15.0;
    let palette = palette();
    for deficiency in [None].into_iter().chain(Deficiency::ALL.map(Some)) {
        for (i, a) in palette.iter().enumerate() {
            for b in &palette[i + 1..] {
                let d = distance(*a, *b, deficiency);
                assert!(
                    d >= MIN_DISTANCE,
                    "{a:?} and {b:?} are {d:.1} apart with {deficiency:?}"
                );
            }
        }
    }
    // The check can fail: the mid grey the pooled line had before falls onto the bluish green.
    let old_grey = RGBColor(0x6E, 0x6E, 0x6E);
    let green = colours::SERIES[0];
    assert!(distance(old_grey, green, Some(Deficiency::Deuteranopia)) < MIN_DISTANCE);
}

#[test]
fn colour_vision_simulation_matches_known_points() {
    // Black and white look the same to everyone; pure red loses most of its lightness and
    // colour for a protanope, and red and green collapse together for a deuteranope.
    for deficiency in Deficiency::ALL {
        let white = RGBColor(255, 255, 255);
        assert!(distance(white, white, Some(deficiency)) < 1e-9);
        let black = RGBColor(0, 0, 0);
        assert!(distance(black, RGBColor(0, 0, 0), Some(deficiency)) < 1e-9);
        assert!(distance(white, black, Some(deficiency)) > 99.0);
    }
    let (red, green) = (RGBColor(0xCC, 0x33, 0x33), RGBColor(0x33, 0x99, 0x33));
    let normal = distance(red, green, None);
    let deuteranope = distance(red, green, Some(Deficiency::Deuteranopia));
    assert!(deuteranope < normal / 2.0, "{normal:.1} → {deuteranope:.1}");
}

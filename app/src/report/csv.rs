//! The report's aggregated figures as CSV: one line per competency, level and published line
//! (self, shown groups, pooled informants, others). Never raw responses — only what the report
//! page shows. Comma-separated, decimal point, UTF-8 (RFC 4180), so other systems read it as is.

use crate::domain::report_view::{LineKind, ReportView};

const HEADER: [&str; 20] = [
    "competency_id",
    "competency",
    "level_id",
    "level",
    "line",
    "line_id",
    "label_nl",
    "label_en",
    "n",
    "mean",
    "sd",
    "min",
    "max",
    "count_1",
    "count_2",
    "count_3",
    "count_4",
    "count_5",
    "cannot_judge",
    "gap",
];

fn number(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.4}")).unwrap_or_default()
}

/// Text as a spreadsheet shows it: a leading `= + - @` would make it a formula, and a leading
/// TAB or CR is skipped by some spreadsheets before they look for one, so all six are quoted
/// away with an apostrophe (OWASP's advice for CSV injection).
fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

fn kind(kind: LineKind) -> &'static str {
    match kind {
        LineKind::SelfView => "self",
        LineKind::Group => "group",
        LineKind::IdentifiableGroup => "identifiable_group",
        LineKind::Pooled => "pooled",
        LineKind::Others => "others",
    }
}

/// The CSV text; the gap is given on the "others" line (others − self).
pub fn to_csv(view: &ReportView) -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let write = |writer: &mut ::csv::Writer<Vec<u8>>, record: Vec<String>| {
        writer
            .write_record(record)
            .expect("writing CSV to memory cannot fail");
    };
    write(
        &mut writer,
        HEADER.iter().map(|h| (*h).to_owned()).collect(),
    );
    for row in &view.rows {
        for line in &row.lines {
            let gap = (line.kind == LineKind::Others).then_some(row.gap).flatten();
            let mut record = vec![
                row.competency_id.clone(),
                text(&row.name),
                row.level_id.clone(),
                text(&row.level),
                kind(line.kind).to_owned(),
                line.id.clone(),
                text(&line.label_nl),
                text(&line.label_en),
                line.n.to_string(),
                number(line.mean),
                number(line.sd),
                number(line.min),
                number(line.max),
            ];
            record.extend(line.distribution.iter().map(|c| c.to_string()));
            record.push(line.cannot_judge.to_string());
            record.push(number(gap));
            write(&mut writer, record);
        }
    }
    String::from_utf8(writer.into_inner().expect("in-memory writer"))
        .expect("CSV of UTF-8 strings is UTF-8")
}

#[cfg(test)]
mod guard_tests {
    use super::text;

    #[test]
    fn every_formula_start_is_neutralised() {
        for start in ['=', '+', '-', '@', '\t', '\r'] {
            let value = format!("{start}HYPERLINK(\"https://example.org\")");
            assert_eq!(text(&value), format!("'{value}"), "start {start:?}");
        }
        assert_eq!(text("Samenwerken"), "Samenwerken");
        assert_eq!(text("a\t=b"), "a\t=b", "only the first character counts");
    }
}

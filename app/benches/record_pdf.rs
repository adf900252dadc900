//! Benchmark of the conversation record's PDF (issue 21): `conversations::pdf::record_pdf` on
//! an approved record of the secretary's performance conversation — the shipped form's nine
//! sections with text under each, three agreements, one looked back on, the sign-off block —
//! with two closed scans attached (each a gap chart, its table and two competencies needing
//! attention with tips), and the same record without scans, so the scans' share shows.
//!
//! ```text
//! cargo bench -p app --features ssr --bench record_pdf
//! ```
//!
//! Pure generation: no database, no HTTP (the server's whole request is measured by
//! `cargo bench -p server --bench record_load`). The record is built in
//! `support/record_document.rs`, as the domain's `sample_document()` is test-only.

use std::hint::black_box;

use app::conversations::pdf::record_pdf;
use app::domain::language::Language;
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/record_document.rs"]
mod record_document;

fn record_pdfs(c: &mut Criterion) {
    for (scans, name) in [
        (2, "record_pdf two scans (nl)"),
        (0, "record_pdf no scans (nl)"),
    ] {
        let doc = record_document::record_with_scans(scans);
        let bytes = record_pdf(&doc, Language::Nl).expect("the record prints");
        eprintln!("{name}: {} bytes", bytes.len());
        c.bench_function(name, |b| {
            b.iter(|| record_pdf(black_box(&doc), Language::Nl).unwrap())
        });
    }
    let doc = record_document::record_with_scans(2);
    c.bench_function("record_pdf two scans (en labels)", |b| {
        b.iter(|| record_pdf(black_box(&doc), Language::En).unwrap())
    });
}

criterion_group! {
    name = benches;
    // A PDF takes milliseconds: fewer samples keep the run under a minute on two cores.
    config = Criterion::default().sample_size(30);
    targets = record_pdfs
}
criterion_main!(benches);

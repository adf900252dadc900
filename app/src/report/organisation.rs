//! The organisation-wide report run: the scoring report of every closed scan at once, for
//! overviews across scans (issue #6). Each report is the one its readers see
//! ([`super::figures`]), computed on the same path, but the storage is read in two queries in
//! all — the closed scans and all their responses — instead of two per scan, and the answers
//! are parsed and scored on a blocking thread, spread over the machine's cores.
//!
//! The two reads are not one snapshot: a scan that closes or reopens between them is left out
//! or scored without its responses, as it would be a moment earlier or later in the next run.

use std::collections::HashMap;
use std::sync::Arc;

use super::{ReportError, framework_of, frozen, submitted};
use crate::domain::catalog::Framework;
use crate::domain::questionnaire;
use crate::domain::questionnaire::scoring_input::scoring_input;
use crate::domain::scoring::{
    Report, ScanConfig, ScanState, ScoringError, Shown, Version, build_version, readers_see,
};
use crate::storage::responses::StoredResponse;
use crate::storage::{Db, StorageError, StoredScan};

/// Most threads the scoring is spread over.
const MAX_THREADS: usize = 8;

/// The scoring report of every closed scan, ordered by scan id, with the figures its readers
/// see: computed from the stored responses now, or the frozen figures of an early release
/// when updating them would not be safe (see `domain::scoring::release`).
pub async fn closed_scan_reports(db: &Db) -> Result<Vec<(String, Report)>, ReportError> {
    let scans = db.closed_scans().await?;
    let responses = db.responses_of_closed_scans().await?;
    let mut frameworks = Vec::with_capacity(scans.len());
    for stored in &scans {
        frameworks.push(framework_of(db, stored).await?);
    }
    // Parsing some 30 MB of answers and scoring them takes long enough to stall the async
    // workers; it runs where blocking is allowed.
    let scored = tokio::task::spawn_blocking(move || score_all(&scans, &frameworks, &responses))
        .await
        .map_err(|e| StorageError::Corrupt(format!("the report run stopped: {e}")))??;
    let mut reports = Vec::with_capacity(scored.len());
    for Scored {
        id,
        released,
        config,
        version,
    } in scored
    {
        let frozen = match released {
            false => None,
            true => frozen(db, &id).await?.map(|snapshot| snapshot.version),
        };
        // The same decision as for the scan's own readers (`super::shown`).
        let state = ScanState::Closed { current: &version };
        let report = match readers_see(&config, state, frozen.as_ref()) {
            Shown::FrozenAtRelease | Shown::Released => {
                frozen.map_or(version.report, |frozen| frozen.report)
            }
            Shown::Final | Shown::NotReadable => version.report,
        };
        reports.push((id, report));
    }
    Ok(reports)
}

/// One scan's figures from its stored responses.
struct Scored {
    id: String,
    /// Whether figures were frozen for readers once (released early, or reopened).
    released: bool,
    config: ScanConfig,
    /// Figures and comments: the comments take part in deciding whether the frozen figures
    /// may be replaced.
    version: Version,
}

/// Scores every scan, in order; the scans are split into one consecutive run per thread.
fn score_all(
    scans: &[StoredScan],
    frameworks: &[Arc<Framework>],
    responses: &[StoredResponse],
) -> Result<Vec<Scored>, ScoringError> {
    // The responses arrive ordered by scan: one slice per scan.
    let by_scan: HashMap<&str, &[StoredResponse]> = responses
        .chunk_by(|a, b| a.scan_id == b.scan_id)
        .map(|run| (run[0].scan_id.as_str(), run))
        .collect();
    let work: Vec<(&StoredScan, &Framework, &[StoredResponse])> = scans
        .iter()
        .zip(frameworks)
        .map(|(stored, framework)| {
            let responses = by_scan.get(stored.id.as_str()).copied().unwrap_or(&[]);
            (stored, framework.as_ref(), responses)
        })
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MAX_THREADS)
        .min(work.len().max(1));
    let chunk = work.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = work
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(stored, framework, responses)| score(stored, framework, responses))
                        .collect::<Result<Vec<_>, _>>()
                })
            })
            .collect();
        let mut all = Vec::with_capacity(work.len());
        for handle in handles {
            all.extend(handle.join().expect("a scoring thread panicked")?);
        }
        Ok(all)
    })
}

/// One scan's figures and comments, as `super::current` computes them.
fn score(
    stored: &StoredScan,
    framework: &Framework,
    responses: &[StoredResponse],
) -> Result<Scored, ScoringError> {
    let questionnaire = questionnaire::build(framework, &stored.scan, false);
    let input = scoring_input(&questionnaire, &stored.scan, &submitted(responses))?;
    let version = build_version(&input.config, &input.items, &input.responses)?;
    Ok(Scored {
        id: stored.id.clone(),
        released: stored.released_at.is_some(),
        config: input.config,
        version,
    })
}

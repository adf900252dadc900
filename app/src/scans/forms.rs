//! The organiser's scan forms as use cases: the posted text in; a stored scan, informants
//! added or a list's preview out; or the refusal, with the form as typed so it can be shown
//! again. The doors (server functions, `server_fns::scan_forms`) only translate.

use std::collections::HashSet;

use crate::domain::account::{CurrentUser, Email};
use crate::domain::informant_form::InformantPreview;
use crate::domain::informants::{Informant, check_informant, parse_informant_list};
use crate::domain::scan::default_groups;
use crate::domain::scan::form::{
    FormProblem, FormRefusal, GroupChoice, PostedScanForm, ScanForm, group_options,
};
use crate::domain::user_error::UserError;
use crate::scans::mail::LinkMaker;
use crate::scans::{ScanServiceError, service};
use crate::storage::{Db, StoredScan};

/// A refused scan form, as typed, with why.
#[derive(Debug)]
pub struct RefusedScanForm {
    pub form: ScanForm,
    pub refusal: FormRefusal,
}

/// What a service refusal means for a form: its problems, or one translated refusal (a
/// storage failure is logged once, here, and shown as the internal error).
pub fn refusal_of(error: ScanServiceError) -> FormRefusal {
    match error {
        ScanServiceError::Invalid(_) | ScanServiceError::Informants(_) => FormRefusal::Problems(
            error
                .messages()
                .into_iter()
                .map(|(nl, en)| FormProblem { nl, en })
                .collect(),
        ),
        other => FormRefusal::Refused(other.user_error()),
    }
}

/// The groups the form offered, so the posted ticks are read against them and never invent
/// a group: the stored scan's when editing, the framework's defaults for a new scan.
async fn offered_groups(
    db: &Db,
    user: &CurrentUser,
    scan_id: Option<&str>,
    framework_id: &str,
) -> Vec<GroupChoice> {
    let current = match scan_id {
        Some(id) => service::load_for(db, user, id)
            .await
            .map(|stored| stored.scan.groups.clone())
            .unwrap_or_default(),
        None => default_groups(framework_id),
    };
    group_options(framework_id, &current)
}

/// Creates a draft scan from the posted form; returns its id.
pub async fn create_from_form(
    db: &Db,
    user: &CurrentUser,
    posted: &PostedScanForm,
    now: i64,
) -> Result<String, RefusedScanForm> {
    let offered = offered_groups(db, user, None, &posted.framework_id).await;
    let form = ScanForm::from_posted(posted, &offered);
    let draft = match form.to_draft() {
        Ok(draft) => draft,
        Err(problems) => return Err(refused(form, FormRefusal::Problems(problems))),
    };
    service::create_scan(db, user, &draft, now)
        .await
        .map_err(|error| refused(form, refusal_of(error)))
}

/// Changes a scan's settings from the posted form (what its status allows). The posted
/// revision must be the stored one: a scan changed meanwhile is refused, not overwritten.
pub async fn update_from_form(
    db: &Db,
    user: &CurrentUser,
    scan_id: &str,
    posted: &PostedScanForm,
    now: i64,
) -> Result<(), RefusedScanForm> {
    let offered = offered_groups(db, user, Some(scan_id), &posted.framework_id).await;
    let form = ScanForm::from_posted(posted, &offered);
    let Some(revision) = form.revision else {
        return Err(refused(form, FormRefusal::Refused(UserError::BadForm)));
    };
    let draft = match form.to_draft() {
        Ok(draft) => draft,
        Err(problems) => return Err(refused(form, FormRefusal::Problems(problems))),
    };
    service::update_scan(db, user, scan_id, revision, &draft, now)
        .await
        .map_err(|error| refused(form, refusal_of(error)))
}

fn refused(form: ScanForm, refusal: FormRefusal) -> RefusedScanForm {
    RefusedScanForm { form, refusal }
}

/// The scan an informant form is about, with the addresses it has invited already.
async fn scan_and_addresses(
    db: &Db,
    user: &CurrentUser,
    scan_id: &str,
) -> Result<(StoredScan, HashSet<Email>), FormRefusal> {
    let stored = service::load_for(db, user, scan_id)
        .await
        .map_err(refusal_of)?;
    let existing = service::existing_addresses(db, scan_id)
        .await
        .map_err(refusal_of)?;
    Ok((stored, existing))
}

/// Adds one informant typed into the form; returns how many were added (one).
#[allow(clippy::too_many_arguments)]
pub async fn add_one(
    db: &Db,
    links: &LinkMaker<'_>,
    user: &CurrentUser,
    scan_id: &str,
    name: &str,
    email: &str,
    group: &str,
    now: i64,
) -> Result<usize, FormRefusal> {
    let (stored, existing) = scan_and_addresses(db, user, scan_id).await?;
    let context = service::informant_context(&stored, &existing);
    let informant = check_informant(name, email, group, &context).map_err(|error| {
        FormRefusal::Problems(vec![FormProblem {
            nl: error.message_nl(),
            en: error.to_string(),
        }])
    })?;
    service::add_informants(db, links, user, scan_id, &[informant], now)
        .await
        .map_err(refusal_of)
}

/// What checking a pasted or uploaded list came to.
#[derive(Debug)]
pub enum ListOutcome {
    /// Shown line by line; nothing is saved (asked only to check, or not every line is good).
    Preview(InformantPreview),
    /// Every line was good and saving was asked: this many informants were added.
    Saved(usize),
}

/// Checks a list and shows its preview; with `save`, adds it when every line is good.
/// A list that cannot be read at all is refused with its text kept.
pub async fn check_list(
    db: &Db,
    links: &LinkMaker<'_>,
    user: &CurrentUser,
    scan_id: &str,
    text: String,
    save: bool,
    now: i64,
) -> Result<ListOutcome, (FormRefusal, Option<InformantPreview>)> {
    let (stored, existing) = scan_and_addresses(db, user, scan_id)
        .await
        .map_err(|refusal| (refusal, None))?;
    let context = service::informant_context(&stored, &existing);
    let preview = match parse_informant_list(&text, &context) {
        Ok(preview) => preview,
        Err(error) => {
            let problem = FormProblem {
                nl: error.message_nl(),
                en: error.to_string(),
            };
            return Err((
                FormRefusal::Problems(vec![problem]),
                Some(InformantPreview::unreadable(text)),
            ));
        }
    };
    if save && preview.is_clean() && !preview.lines.is_empty() {
        let list: Vec<Informant> = preview.informants().cloned().collect();
        return service::add_informants(db, links, user, scan_id, &list, now)
            .await
            .map(ListOutcome::Saved)
            .map_err(|error| (refusal_of(error), None));
    }
    Ok(ListOutcome::Preview(InformantPreview::of(
        text,
        &preview,
        &stored.scan.groups,
    )))
}

/// The text of an uploaded informant file: UTF-8, or refused with a message that says how to
/// save it. A file over the size limit becomes text of that length, so the parser reports the
/// size as it does for a pasted list.
pub fn uploaded_text(bytes: &[u8]) -> Result<String, FormRefusal> {
    if bytes.len() > crate::domain::informants::MAX_INPUT_BYTES {
        return Ok("x".repeat(bytes.len()));
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        FormRefusal::Problems(vec![FormProblem {
            nl: "het bestand is geen tekst in UTF-8; sla het op als CSV (UTF-8) en probeer het opnieuw".into(),
            en: "the file is not UTF-8 text; save it as CSV (UTF-8) and try again".into(),
        }])
    })
}

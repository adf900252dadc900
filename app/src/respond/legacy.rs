//! Turns what the schema before issue 18 kept in clear into its anonymous form, at every start
//! (a no-op once done): an invitation's `submitted_at` becomes its keyed submission marker, and
//! a draft kept in clear under its invitation id is sealed under its link's draft id. Both need
//! the server secret, which migrations do not have.

use crate::auth::draft_seal::DraftSeal;
use crate::auth::scan_link::LinkSecret;
use crate::storage::{Db, StorageError};

/// How many old-style records were converted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Converted {
    pub submissions: usize,
    pub drafts: usize,
}

pub async fn seal_legacy_records(db: &Db, secret: &LinkSecret) -> Result<Converted, StorageError> {
    let mut converted = Converted::default();
    for (invitation_id, scan_id) in db.legacy_submissions().await? {
        let marker = secret.submission_marker(&invitation_id);
        db.replace_legacy_submission(&invitation_id, &scan_id, &marker)
            .await?;
        converted.submissions += 1;
    }
    for draft in db.legacy_drafts().await? {
        let seal = DraftSeal::for_token(&secret.token(&draft.invitation_id, draft.link_generation));
        let sealed = seal.seal(&draft.scan_id, &draft.answers);
        db.replace_legacy_draft(
            &draft.invitation_id,
            Some((seal.id(), &draft.scan_id, &sealed)),
        )
        .await?;
        converted.drafts += 1;
    }
    Ok(converted)
}

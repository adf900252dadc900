//! The emails a scan sends, addressed and linked: the personal link is derived again from the
//! server secret each time (see `auth::scan_link`), so a reminder carries the invitation's link.
//! Every message's `reference` is the invitation id, which is how the organiser sees per
//! invitation whether its latest email was delivered.

use crate::auth::scan_link::{LinkSecret, link_path};
use crate::domain::account::Email;
use crate::domain::calendar::format_deadline;
use crate::email::OutgoingEmail;
use crate::email::scan_templates::{
    ScanClosedMail, ScanInvitationMail, scan_closed, scan_invitation, scan_reminder,
};
use crate::storage::{InvitationTarget, StoredScan};

/// Where links point and how they are made.
#[derive(Debug, Clone)]
pub struct LinkMaker<'a> {
    /// The public address, without a trailing slash.
    pub base_url: &'a str,
    pub secret: &'a LinkSecret,
}

impl LinkMaker<'_> {
    /// The token of an invitation's current link.
    pub fn token(&self, target: &InvitationTarget) -> String {
        self.secret.token(&target.id, target.link_generation)
    }

    /// The whole personal link for a token.
    pub fn url(&self, token: &str) -> String {
        format!(
            "{}{}",
            self.base_url.trim_end_matches('/'),
            link_path(token)
        )
    }
}

/// Which message to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanMail {
    Invitation,
    Reminder,
    Closed,
}

/// Builds one message for one invitation. `None` when the stored address is unusable (it was
/// checked on the way in, so only a corrupted row gets here; it is logged).
pub fn build(
    kind: ScanMail,
    stored: &StoredScan,
    target: &InvitationTarget,
    token: &str,
    links: &LinkMaker<'_>,
) -> Option<OutgoingEmail> {
    let to = match Email::parse(&target.email) {
        Ok(to) => to,
        Err(_) => {
            tracing::error!(invitation = %target.id, "stored invitation address is unusable");
            return None;
        }
    };
    let scan = &stored.scan;
    let language = scan.language;
    let group = scan.group(&target.group_id);
    let link = links.url(token);
    let deadline = format_deadline(scan.deadline, language);
    let invitation = ScanInvitationMail {
        informant_name: &target.name,
        subject_name: &scan.subject_name,
        subject_job_title: &scan.subject_job_title,
        organiser: &stored.organiser_email,
        introduction: &scan.introduction,
        link: &link,
        deadline: &deadline,
        is_self: group.is_some_and(|g| g.is_self),
        identifiable: group.is_some_and(|g| g.identifiable && !g.is_self),
        k: scan.k,
    };
    let rendered = match kind {
        ScanMail::Invitation => scan_invitation(language, &invitation),
        ScanMail::Reminder => scan_reminder(language, &invitation),
        ScanMail::Closed => scan_closed(
            language,
            &ScanClosedMail {
                informant_name: &target.name,
                subject_name: &scan.subject_name,
            },
        ),
    };
    Some(rendered.into_email(to, Some(target.id.clone())))
}

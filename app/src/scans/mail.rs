//! The emails a scan sends, addressed and linked. The personal link's token is not put in the
//! message: the bodies hold [`LINK_TOKEN_PLACEHOLDER`] and the message names the invitation and
//! link generation, from which the outbox worker derives the token with the server secret at
//! the moment it sends (see `auth::scan_link` and `email::worker`). So the outbox table never
//! holds a working link, and a reminder carries the invitation's current link.
//!
//! An invitation's and a closing notice's `reference` is the invitation id, which is how the
//! organiser sees per invitation whether its email was delivered. A reminder goes to exactly
//! those who have not answered, so it names no invitation in its reference (it holds the scan
//! id) and hides its recipient: it is counted, never listed per person, and its address is
//! blanked once it is sent.

use crate::auth::scan_link::{LinkSecret, link_path};
use crate::domain::account::Email;
use crate::domain::calendar::format_deadline;
use crate::email::scan_templates::{
    ScanClosedMail, ScanInvitationMail, scan_closed, scan_invitation, scan_reminder,
};
use crate::email::{LINK_TOKEN_PLACEHOLDER, OutgoingEmail, PersonalLink};
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
/// checked on the way in, so only a corrupted row gets here; it is logged by scan, not by
/// invitation, since a reminder's invitation is a non-responder). The message carries a
/// placeholder and the invitation's link generation instead of the token; the worker renders
/// the link when it sends.
pub fn build(
    kind: ScanMail,
    stored: &StoredScan,
    target: &InvitationTarget,
    links: &LinkMaker<'_>,
) -> Option<OutgoingEmail> {
    let to = match Email::parse(&target.email) {
        Ok(to) => to,
        Err(_) => {
            tracing::error!(scan = %stored.id, "a stored invitation address is unusable");
            return None;
        }
    };
    let scan = &stored.scan;
    let language = scan.language;
    let group = scan.group(&target.group_id);
    let link = links.url(LINK_TOKEN_PLACEHOLDER);
    let deadline = format_deadline(scan.deadline, language);
    let is_self = group.is_some_and(|g| g.is_self);
    let invitation = ScanInvitationMail {
        informant_name: &target.name,
        subject_name: &scan.subject_name,
        subject_job_title: &scan.subject_job_title,
        organiser: &stored.organiser_email,
        // Each audience its own letter: the subject is not asked to give feedback about
        // themselves.
        introduction: if is_self {
            &scan.introduction_self
        } else {
            &scan.introduction
        },
        link: &link,
        deadline: &deadline,
        is_self,
        identifiable: group.is_some_and(|g| g.identifiable && !g.is_self),
        k: scan.k,
        person_status: scan.person_status,
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
    let link = PersonalLink {
        invitation_id: target.id.clone(),
        generation: target.link_generation,
    };
    let mut email = match kind {
        ScanMail::Invitation => rendered.into_email(to, Some(target.id.clone())),
        ScanMail::Reminder => rendered.into_email(to, Some(stored.id.clone())),
        ScanMail::Closed => rendered.into_email(to, Some(target.id.clone())),
    };
    match kind {
        ScanMail::Invitation => email.link = Some(link),
        ScanMail::Reminder => {
            email.link = Some(link);
            email.hide_recipient = true;
        }
        ScanMail::Closed => {}
    }
    Some(email)
}

use crate::domain::account::Email;

/// One message to send: a multipart text + HTML email to one recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub to: Email,
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part; every interpolated value already escaped (see `templates`).
    pub html: String,
    /// What caused the message, e.g. an invitation id, so its delivery status can be shown.
    pub reference: Option<String>,
}

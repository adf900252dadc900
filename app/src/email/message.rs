use crate::domain::account::Email;

/// Stands in a queued message's bodies where the personal link's token goes. The outbox never
/// holds the token: the worker derives it from [`PersonalLink`] and the server secret at the
/// moment it sends (`worker`), and the sent message's bodies are blanked. Private-use
/// characters, which the scan templates remove from every value, so it cannot be smuggled in.
pub const LINK_TOKEN_PLACEHOLDER: &str = "\u{E001}link-token\u{E001}";

/// Which personal scan link a message carries: the token is
/// `LinkSecret::token(invitation_id, generation)`, rendered at sending time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalLink {
    pub invitation_id: String,
    pub generation: i64,
}

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
    /// The personal link whose token replaces [`LINK_TOKEN_PLACEHOLDER`] in the bodies when
    /// the message is sent; `None` for messages without one.
    pub link: Option<PersonalLink>,
    /// Who receives the message must not be listed: a reminder goes to exactly those who have
    /// not answered. Such messages are shown as counts only, are not logged per recipient, and
    /// lose their address once sent or given up.
    pub hide_recipient: bool,
}

impl OutgoingEmail {
    /// The message as it leaves the server: the personal link's token in place of the
    /// placeholder (`token` is `None` for a message without a link).
    pub fn with_token(mut self, token: Option<&str>) -> Self {
        if let Some(token) = token {
            self.text = self.text.replace(LINK_TOKEN_PLACEHOLDER, token);
            self.html = self.html.replace(LINK_TOKEN_PLACEHOLDER, token);
        }
        self
    }
}

/// How many messages with hidden recipients (reminders) one `reference` (a scan) has in each
/// state: all that is shown of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HiddenMessageCounts {
    pub reference: Option<String>,
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    /// When the newest of them was queued.
    pub last_created_at: i64,
}

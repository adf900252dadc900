//! Outgoing email: messages are rendered from templates (Dutch first, English second), queued
//! in the database outbox and sent by a background worker through SMTP or, without an SMTP
//! server, written as `.eml` files. A message that cannot be sent now is retried with backoff
//! and never dropped silently; see `worker`.

pub mod message;
pub mod outbox_read;
pub mod reader_templates;
pub mod scan_templates;
pub mod templates;
pub mod transport;
pub mod worker;

pub use message::{HiddenMessageCounts, LINK_TOKEN_PLACEHOLDER, OutgoingEmail, PersonalLink};
pub use templates::{Language, Rendered};
pub use transport::{MailConfigError, MailSettings, Mailer, SendError, SmtpSettings, Tls};
pub use worker::{RunSummary, run_once, spawn_outbox_worker};

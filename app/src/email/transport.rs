//! Delivering one message: through an SMTP server, or — when none is configured, e.g. on a
//! developer's machine — as an `.eml` file in a directory. The file transport is for
//! development and tests: each file holds a whole message, personal link included, so the
//! directory is made private to the server's user (0700) and every file readable by it only
//! (0600). Failures are sorted into temporary
//! (try again later) and permanent (trying again cannot help), which is all the outbox worker
//! needs to decide between a retry and giving up.

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls as LettreTls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use thiserror::Error;

use super::message::OutgoingEmail;

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tls {
    /// Plain connection upgraded with STARTTLS, which is then required (usually port 587).
    StartTls,
    /// TLS from the first byte, "SMTPS" (usually port 465).
    Tls,
    /// No encryption at all: only for a relay on the same machine or in tests.
    None,
}

#[derive(Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: Tls,
    /// Log in when set; `password` then belongs with it.
    pub username: Option<String>,
    pub password: Option<String>,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .finish()
    }
}

/// Email settings: an SMTP server, or none, in which case messages become `.eml` files in
/// `outbox_dir`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    pub smtp: Option<SmtpSettings>,
    /// The sender, e.g. `Ontwikkelscan <noreply@gemeente.nl>`.
    pub from: String,
    pub outbox_dir: PathBuf,
}

/// Settings that cannot work; reported at start-up rather than at the first message.
#[derive(Debug, Error)]
pub enum MailConfigError {
    #[error("invalid sender address {0:?}: {1}")]
    From(String, String),
    #[error("invalid SMTP settings: {0}")]
    Smtp(String),
    #[error("cannot create the email directory {0}: {1}")]
    Directory(PathBuf, std::io::Error),
}

/// Why a message was not delivered.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SendError {
    /// May work later: connection refused or lost, timeout, TLS trouble, a 4xx reply, a full
    /// disk.
    #[error("temporary failure: {0}")]
    Temporary(String),
    /// Will not work by trying again: a 5xx reply (unknown recipient, refused), an address the
    /// message cannot be built for.
    #[error("permanent failure: {0}")]
    Permanent(String),
}

impl SendError {
    pub fn is_permanent(&self) -> bool {
        matches!(self, SendError::Permanent(_))
    }

    pub fn reason(&self) -> &str {
        match self {
            SendError::Temporary(reason) | SendError::Permanent(reason) => reason,
        }
    }
}

/// The way messages leave the server.
#[derive(Debug, Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// `.eml` files (each `<outbox id>.eml`, mode 0600) in this directory (mode 0700): a
    /// development transport, since the files hold the personal links.
    File(PathBuf),
}

/// How long one SMTP command may take before the attempt counts as a temporary failure.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

impl Mailer {
    /// Builds the transport the settings ask for. Nothing is contacted yet: an SMTP server that
    /// is down at start-up only delays the messages.
    pub fn from_settings(settings: &MailSettings) -> Result<Self, MailConfigError> {
        parse_from(&settings.from)?;
        match &settings.smtp {
            Some(smtp) => Ok(Mailer::Smtp(smtp_transport(smtp)?)),
            None => {
                private_directory(&settings.outbox_dir)
                    .map_err(|e| MailConfigError::Directory(settings.outbox_dir.clone(), e))?;
                Ok(Mailer::File(settings.outbox_dir.clone()))
            }
        }
    }

    /// Sends one message from `from` (a mailbox such as `Name <address>`); as a file, under a
    /// new random name.
    pub async fn send(&self, email: &OutgoingEmail, from: &str) -> Result<(), SendError> {
        self.send_message(&crate::storage::new_id(), email, from)
            .await
    }

    /// Sends the outbox message `outbox_id`; as a file, `<outbox id>.eml`, so that the retention
    /// job can delete exactly the files of the messages it removes (`eml_file_name`). Sending the
    /// same message again (a retry after a lost result) replaces its file.
    pub async fn send_message(
        &self,
        outbox_id: &str,
        email: &OutgoingEmail,
        from: &str,
    ) -> Result<(), SendError> {
        let message = build_message(email, from)?;
        match self {
            Mailer::Smtp(transport) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(classify_smtp),
            Mailer::File(directory) => {
                write_private_file(directory, outbox_id, message.formatted())
                    .await
                    .map_err(|e| SendError::Temporary(format!("cannot write the email file: {e}")))
            }
        }
    }
}

/// Creates `directory` if needed and makes it accessible to the server's user only.
fn private_directory(directory: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(directory)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(directory, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// The file an outbox message is written to by the file transport: `<outbox id>.eml`. `None`
/// for an id that is not a plain name (outbox ids are hex), so no id can point elsewhere.
pub fn eml_file_name(outbox_id: &str) -> Option<String> {
    let plain = !outbox_id.is_empty()
        && outbox_id.len() <= 64
        && outbox_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    plain.then(|| format!("{outbox_id}.eml"))
}

/// Writes one message as `<outbox id>.eml` that only the server's user can read (created with
/// mode 0600, never wider for a moment). A file left by an earlier attempt at the same message
/// is replaced.
async fn write_private_file(
    directory: &std::path::Path,
    outbox_id: &str,
    bytes: Vec<u8>,
) -> std::io::Result<()> {
    let name = eml_file_name(outbox_id).ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a plain message id")
    })?;
    let path = directory.join(name);
    tokio::task::spawn_blocking(move || {
        use std::io::Write;
        let open = || {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            options.open(&path)
        };
        let mut file = match open() {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                std::fs::remove_file(&path)?;
                open()?
            }
            other => other?,
        };
        file.write_all(&bytes)?;
        file.sync_all()
    })
    .await
    .map_err(std::io::Error::other)?
}

fn parse_from(from: &str) -> Result<Mailbox, MailConfigError> {
    from.parse::<Mailbox>()
        .map_err(|e| MailConfigError::From(from.to_owned(), e.to_string()))
}

fn smtp_transport(
    smtp: &SmtpSettings,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, MailConfigError> {
    let tls = match smtp.tls {
        Tls::None => LettreTls::None,
        Tls::StartTls | Tls::Tls => {
            let parameters = TlsParameters::new(smtp.host.clone())
                .map_err(|e| MailConfigError::Smtp(e.to_string()))?;
            if smtp.tls == Tls::Tls {
                LettreTls::Wrapper(parameters)
            } else {
                LettreTls::Required(parameters)
            }
        }
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(smtp.host.as_str())
        .port(smtp.port)
        .tls(tls)
        .timeout(Some(SMTP_TIMEOUT));
    match (&smtp.username, &smtp.password) {
        (Some(user), Some(password)) => {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        (None, None) => {}
        _ => {
            return Err(MailConfigError::Smtp(
                "a username needs a password and the other way round".into(),
            ));
        }
    }
    Ok(builder.build())
}

fn build_message(email: &OutgoingEmail, from: &str) -> Result<Message, SendError> {
    // A bad sender is the configuration's fault, not the message's: it is worth retrying once
    // an administrator has fixed it.
    let from = parse_from(from).map_err(|e| SendError::Temporary(e.to_string()))?;
    let to = email.to.as_str().parse::<Mailbox>().map_err(|e| {
        SendError::Permanent(format!(
            "invalid recipient address {:?}: {e}",
            email.to.as_str()
        ))
    })?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.as_str())
        .message_id(None)
        .multipart(MultiPart::alternative_plain_html(
            email.text.clone(),
            email.html.clone(),
        ))
        .map_err(|e| SendError::Permanent(format!("cannot build the message: {e}")))
}

/// lettre's own classification: 5xx replies are permanent; 4xx replies, network, connection,
/// TLS and timeout failures are temporary.
fn classify_smtp(error: lettre::transport::smtp::Error) -> SendError {
    let reason = describe(&error);
    if error.is_permanent() {
        SendError::Permanent(reason)
    } else {
        SendError::Temporary(reason)
    }
}

/// The error with its causes, so "connection refused" is not hidden behind "network error".
fn describe(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

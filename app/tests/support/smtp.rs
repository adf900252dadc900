//! A real SMTP server process for the email tests: `tests/smtp_server.py` (aiosmtpd) on a free
//! local port, and a lettre SMTP mailer pointed at it.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use app::email::{MailSettings, Mailer, SmtpSettings, Tls};
use serde_json::Value;

pub const FROM: &str = "Ontwikkelscan <noreply@ontwikkelscan.example.nl>";

pub struct SmtpServer {
    child: Child,
    pub port: u16,
    mailbox: PathBuf,
    _dir: tempfile::TempDir,
}

impl SmtpServer {
    /// Starts the test server on `port` and waits until it accepts connections.
    pub fn start(port: u16) -> Self {
        Self::try_start(port).unwrap_or_else(|problem| panic!("{problem}"))
    }

    /// [`SmtpServer::start`] for a program that reports a failure instead of panicking (the
    /// invitations benchmark).
    pub fn try_start(port: u16) -> Result<Self, String> {
        let dir = tempfile::tempdir().map_err(|e| format!("temporary directory: {e}"))?;
        let mailbox = dir.path().join("mailbox");
        let log_path = dir.path().join("server.log");
        let log = std::fs::File::create(&log_path).map_err(|e| format!("log file: {e}"))?;
        // Relative to either crate of the workspace, so the server tests can use it too.
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/tests/smtp_server.py");
        let mut child = Command::new("python3")
            .arg(&script)
            .arg("--port")
            .arg(port.to_string())
            .arg("--dir")
            .arg(&mailbox)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("starting python3 {}: {e}", script.display()))?;
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            match child.try_wait() {
                Ok(Some(status)) => {
                    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
                    return Err(format!(
                        "the test SMTP server exited with {status} (is aiosmtpd installed? \
                         `python3 -m pip install aiosmtpd`):\n{log}"
                    ));
                }
                Ok(None) => {}
                Err(e) => return Err(format!("waiting for the SMTP server: {e}")),
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "the test SMTP server did not accept connections on port {port}"
                ));
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        Ok(SmtpServer {
            child,
            port,
            mailbox,
            _dir: dir,
        })
    }

    /// The decoded summaries of every message delivered so far (see smtp_server.py).
    pub fn deliveries(&self) -> Vec<Value> {
        let Ok(entries) = std::fs::read_dir(&self.mailbox) else {
            return Vec::new();
        };
        let mut found: Vec<Value> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .map(|p| serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap())
            .collect();
        found.sort_by_key(|v| v["rcpt_tos"].to_string());
        found
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on (until a test starts a server there).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn smtp_mailer(port: u16) -> Mailer {
    Mailer::from_settings(&MailSettings {
        smtp: Some(SmtpSettings {
            host: "127.0.0.1".into(),
            port,
            tls: Tls::None,
            username: None,
            password: None,
        }),
        from: FROM.into(),
        outbox_dir: PathBuf::from("unused"),
    })
    .expect("SMTP mailer")
}

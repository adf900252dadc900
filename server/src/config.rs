//! Configuration from environment variables (and an optional `.env`). Every variable has a
//! default that works on a laptop; a malformed value is reported in one line naming the variable.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use thiserror::Error;

use app::auth::client_address::TrustedProxies;

#[derive(Debug, Error, PartialEq, Eq)]
#[error("configuration error: {var}: {problem}")]
pub struct ConfigError {
    pub var: &'static str,
    pub problem: String,
}

fn invalid(var: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        var,
        problem: problem.into(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain connection upgraded with STARTTLS (port 587).
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on the same machine or a test server.
    None,
}

/// What `Debug` prints instead of a secret, so a logged or panicking config never shows one.
const HIDDEN: &str = "[verborgen]";

/// `Debug` is written by hand (below): the password is never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// `Debug` is written by hand (below): the secret key is never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Config {
    pub listen_addr: SocketAddr,
    pub base_url: url::Url,
    pub data_dir: PathBuf,
    pub database_url: String,
    /// `None`: no SMTP server; messages are written as `.eml` files under the data directory.
    pub smtp: Option<SmtpConfig>,
    pub mail_from: String,
    /// `None`: a key is generated once and kept in `<data dir>/secret.key`.
    pub secret_key: Option<String>,
    pub session_ttl: Duration,
    pub site_root: PathBuf,
    pub log_format: LogFormat,
    /// Unknown personal links one client address may try per ten minutes before the next are
    /// refused (429); real links are never refused.
    pub link_failure_limit: usize,
    /// Reverse proxies whose `X-Forwarded-For` names the client (rate limits key on it).
    pub trusted_proxies: TrustedProxies,
}

impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| HIDDEN))
            .finish()
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("listen_addr", &self.listen_addr)
            .field("base_url", &self.base_url.as_str())
            .field("data_dir", &self.data_dir)
            // The URL may hold a database password.
            .field("database_url", &redact_url_password(&self.database_url))
            .field("smtp", &self.smtp)
            .field("mail_from", &self.mail_from)
            .field("secret_key", &self.secret_key.as_ref().map(|_| HIDDEN))
            .field("session_ttl", &self.session_ttl)
            .field("site_root", &self.site_root)
            .field("log_format", &self.log_format)
            .field("link_failure_limit", &self.link_failure_limit)
            .field("trusted_proxies", &self.trusted_proxies)
            .finish()
    }
}

/// `postgres://user:secret@host/db` as `postgres://user:[verborgen]@host/db`.
fn redact_url_password(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some(HIDDEN));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// The variables this program reads, with their defaults, for `--help` and the README.
pub const VARIABLES: &[(&str, &str)] = &[
    ("LISTEN_ADDR", "127.0.0.1:3000"),
    ("BASE_URL", "http://<LISTEN_ADDR>"),
    ("DATA_DIR", "data"),
    ("DATABASE_URL", "sqlite://<DATA_DIR>/ontwikkelscan.db"),
    (
        "SMTP_HOST",
        "(unset: write emails as .eml files in <DATA_DIR>/outbox)",
    ),
    (
        "SMTP_PORT",
        "587 (465 with SMTP_TLS=tls, 25 with SMTP_TLS=none)",
    ),
    ("SMTP_TLS", "starttls"),
    ("SMTP_USERNAME", "(unset)"),
    ("SMTP_PASSWORD", "(unset)"),
    ("MAIL_FROM", "Ontwikkelscan <noreply@localhost>"),
    (
        "SECRET_KEY",
        "(unset: generated into <DATA_DIR>/secret.key)",
    ),
    ("SESSION_TTL_HOURS", "8"),
    ("SITE_ROOT", "target/site (or LEPTOS_SITE_ROOT)"),
    ("LOG_FORMAT", "text"),
    ("LINK_FAILURE_LIMIT", "20"),
    (
        "TRUSTED_PROXIES",
        "(unset: no proxy; e.g. 10.0.0.1,192.168.0.0/16)",
    ),
];

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(&std::env::vars().collect())
    }

    /// Parses a set of variables; separate from `from_env` so tests need not touch the process.
    pub fn from_vars(vars: &HashMap<String, String>) -> Result<Self, ConfigError> {
        let get = |name: &str| vars.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());

        let listen_addr: SocketAddr = match get("LISTEN_ADDR") {
            Some(v) => v.parse().map_err(|_| {
                invalid(
                    "LISTEN_ADDR",
                    format!("{v:?} is not an address like 127.0.0.1:3000"),
                )
            })?,
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
        };

        let base_url = match get("BASE_URL") {
            Some(v) => {
                let url = url::Url::parse(v)
                    .map_err(|e| invalid("BASE_URL", format!("{v:?} is not a URL ({e})")))?;
                if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
                    return Err(invalid(
                        "BASE_URL",
                        format!("{v:?} must be an http(s) URL with a host"),
                    ));
                }
                url
            }
            None => url::Url::parse(&format!("http://{listen_addr}"))
                .map_err(|e| invalid("BASE_URL", e.to_string()))?,
        };

        let data_dir = PathBuf::from(get("DATA_DIR").unwrap_or("data"));

        let database_url = match get("DATABASE_URL") {
            Some(v) => {
                if app::storage::Backend::from_url(v).is_none() {
                    return Err(invalid(
                        "DATABASE_URL",
                        "must start with sqlite:, postgres:// or postgresql://",
                    ));
                }
                v.to_owned()
            }
            None => format!("sqlite://{}", data_dir.join("ontwikkelscan.db").display()),
        };

        let smtp = match get("SMTP_HOST") {
            None => None,
            Some(host) => {
                let tls = match get("SMTP_TLS").unwrap_or("starttls") {
                    "starttls" => SmtpTls::StartTls,
                    "tls" => SmtpTls::Tls,
                    "none" => SmtpTls::None,
                    other => {
                        return Err(invalid(
                            "SMTP_TLS",
                            format!("{other:?} is not one of starttls, tls, none"),
                        ));
                    }
                };
                let port = match get("SMTP_PORT") {
                    Some(v) => v.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(|| {
                        invalid("SMTP_PORT", format!("{v:?} is not a port number (1-65535)"))
                    })?,
                    None => match tls {
                        SmtpTls::StartTls => 587,
                        SmtpTls::Tls => 465,
                        SmtpTls::None => 25,
                    },
                };
                let username = get("SMTP_USERNAME").map(str::to_owned);
                let password = get("SMTP_PASSWORD").map(str::to_owned);
                if username.is_some() != password.is_some() {
                    return Err(invalid(
                        if username.is_some() {
                            "SMTP_PASSWORD"
                        } else {
                            "SMTP_USERNAME"
                        },
                        "SMTP_USERNAME and SMTP_PASSWORD must be set together",
                    ));
                }
                Some(SmtpConfig {
                    host: host.to_owned(),
                    port,
                    tls,
                    username,
                    password,
                })
            }
        };
        if smtp.is_none() {
            for var in ["SMTP_PORT", "SMTP_TLS", "SMTP_USERNAME", "SMTP_PASSWORD"] {
                if get(var).is_some() {
                    return Err(invalid(
                        var,
                        "is set but SMTP_HOST is not; set SMTP_HOST or remove it",
                    ));
                }
            }
        }

        let mail_from = get("MAIL_FROM")
            .unwrap_or("Ontwikkelscan <noreply@localhost>")
            .to_owned();
        if !valid_mailbox(&mail_from) {
            return Err(invalid(
                "MAIL_FROM",
                format!("{mail_from:?} is not an address like \"Gemeente <hr@gemeente.nl>\""),
            ));
        }

        let secret_key = match get("SECRET_KEY") {
            Some(v) if v.len() < 32 => {
                return Err(invalid("SECRET_KEY", "must be at least 32 characters"));
            }
            other => other.map(str::to_owned),
        };

        let session_ttl = match get("SESSION_TTL_HOURS") {
            Some(v) => {
                let hours: u64 = v
                    .parse()
                    .ok()
                    .filter(|h| (1..=720).contains(h))
                    .ok_or_else(|| {
                        invalid(
                            "SESSION_TTL_HOURS",
                            format!("{v:?} is not a whole number of hours from 1 to 720"),
                        )
                    })?;
                Duration::from_secs(hours * 3600)
            }
            None => Duration::from_secs(8 * 3600),
        };

        let site_root = PathBuf::from(
            get("SITE_ROOT")
                .or_else(|| get("LEPTOS_SITE_ROOT"))
                .unwrap_or("target/site"),
        );

        let log_format = match get("LOG_FORMAT").unwrap_or("text") {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => {
                return Err(invalid(
                    "LOG_FORMAT",
                    format!("{other:?} is not one of text, json"),
                ));
            }
        };

        let trusted_proxies = match get("TRUSTED_PROXIES") {
            Some(v) => {
                TrustedProxies::parse(v).map_err(|problem| invalid("TRUSTED_PROXIES", problem))?
            }
            None => TrustedProxies::default(),
        };

        let link_failure_limit = match get("LINK_FAILURE_LIMIT") {
            Some(v) => v.parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                invalid(
                    "LINK_FAILURE_LIMIT",
                    format!("{v:?} is not a whole number of at least 1"),
                )
            })?,
            None => 20,
        };

        Ok(Config {
            link_failure_limit,
            trusted_proxies,
            listen_addr,
            base_url,
            data_dir,
            database_url,
            smtp,
            mail_from,
            secret_key,
            session_ttl,
            site_root,
            log_format,
        })
    }

    pub fn secure_cookies(&self) -> bool {
        self.base_url.scheme() == "https"
    }

    /// The base URL without a trailing slash, for building links.
    pub fn base_url_string(&self) -> String {
        self.base_url.as_str().trim_end_matches('/').to_owned()
    }
}

/// `addr@host.tld` or `Name <addr@host.tld>`; the host may be `localhost` for the default.
fn valid_mailbox(value: &str) -> bool {
    let addr = match (value.find('<'), value.rfind('>')) {
        (Some(open), Some(close)) if open < close && close == value.len() - 1 => {
            &value[open + 1..close]
        }
        (None, None) => value,
        _ => return false,
    };
    match addr.split_once('@') {
        Some((local, host)) => {
            !local.is_empty()
                && !host.is_empty()
                && !addr.contains(char::is_whitespace)
                && host.split('.').all(|part| !part.is_empty())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn error_var(pairs: &[(&str, &str)]) -> &'static str {
        Config::from_vars(&vars(pairs)).unwrap_err().var
    }

    #[test]
    fn defaults_need_no_configuration() {
        let config = Config::from_vars(&HashMap::new()).unwrap();
        assert_eq!(config.listen_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.base_url.as_str(), "http://127.0.0.1:3000/");
        assert_eq!(config.database_url, "sqlite://data/ontwikkelscan.db");
        assert_eq!(config.smtp, None);
        assert_eq!(config.session_ttl, Duration::from_secs(8 * 3600));
        assert!(!config.secure_cookies());
        assert_eq!(config.log_format, LogFormat::Text);
        assert_eq!(config.link_failure_limit, 20);
    }

    #[test]
    fn explicit_values_are_used() {
        let config = Config::from_vars(&vars(&[
            ("LISTEN_ADDR", "0.0.0.0:8080"),
            ("BASE_URL", "https://scan.gemeente.nl/"),
            ("DATA_DIR", "/var/lib/ontwikkelscan"),
            ("SMTP_HOST", "smtp.gemeente.nl"),
            ("SMTP_TLS", "tls"),
            ("SMTP_USERNAME", "scan"),
            ("SMTP_PASSWORD", "geheim"),
            ("MAIL_FROM", "Gemeente Utrecht <hr@utrecht.nl>"),
            ("SESSION_TTL_HOURS", "2"),
            ("LOG_FORMAT", "json"),
        ]))
        .unwrap();
        assert_eq!(
            config.database_url,
            "sqlite:///var/lib/ontwikkelscan/ontwikkelscan.db"
        );
        assert!(config.secure_cookies());
        assert_eq!(config.base_url_string(), "https://scan.gemeente.nl");
        let smtp = config.smtp.unwrap();
        assert_eq!((smtp.port, smtp.tls), (465, SmtpTls::Tls));
        assert_eq!(config.session_ttl, Duration::from_secs(7200));
    }

    #[test]
    fn each_malformed_value_names_its_variable() {
        assert_eq!(error_var(&[("LISTEN_ADDR", "localhost")]), "LISTEN_ADDR");
        assert_eq!(error_var(&[("BASE_URL", "scan.gemeente.nl")]), "BASE_URL");
        assert_eq!(
            error_var(&[("BASE_URL", "ftp://scan.gemeente.nl")]),
            "BASE_URL"
        );
        assert_eq!(error_var(&[("DATABASE_URL", "mysql://x")]), "DATABASE_URL");
        assert_eq!(
            error_var(&[("SMTP_HOST", "h"), ("SMTP_TLS", "ssl")]),
            "SMTP_TLS"
        );
        assert_eq!(
            error_var(&[("SMTP_HOST", "h"), ("SMTP_PORT", "99999")]),
            "SMTP_PORT"
        );
        assert_eq!(
            error_var(&[("SMTP_HOST", "h"), ("SMTP_PORT", "0")]),
            "SMTP_PORT"
        );
        assert_eq!(
            error_var(&[("SMTP_HOST", "h"), ("SMTP_USERNAME", "u")]),
            "SMTP_PASSWORD"
        );
        assert_eq!(error_var(&[("SMTP_PORT", "25")]), "SMTP_PORT");
        assert_eq!(error_var(&[("MAIL_FROM", "no address")]), "MAIL_FROM");
        assert_eq!(error_var(&[("MAIL_FROM", "Name <a@b.nl")]), "MAIL_FROM");
        assert_eq!(error_var(&[("SECRET_KEY", "short")]), "SECRET_KEY");
        assert_eq!(
            error_var(&[("SESSION_TTL_HOURS", "0")]),
            "SESSION_TTL_HOURS"
        );
        assert_eq!(
            error_var(&[("SESSION_TTL_HOURS", "acht")]),
            "SESSION_TTL_HOURS"
        );
        assert_eq!(error_var(&[("LOG_FORMAT", "xml")]), "LOG_FORMAT");
        assert_eq!(
            error_var(&[("LINK_FAILURE_LIMIT", "0")]),
            "LINK_FAILURE_LIMIT"
        );
        assert_eq!(
            error_var(&[("LINK_FAILURE_LIMIT", "veel")]),
            "LINK_FAILURE_LIMIT"
        );
        assert_eq!(
            error_var(&[("TRUSTED_PROXIES", "10.0.0.1, proxy.local")]),
            "TRUSTED_PROXIES"
        );
        assert_eq!(
            error_var(&[("TRUSTED_PROXIES", "10.0.0.0/40")]),
            "TRUSTED_PROXIES"
        );
    }

    #[test]
    fn error_is_one_line_naming_the_variable() {
        let message = Config::from_vars(&vars(&[("SESSION_TTL_HOURS", "-3")]))
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("configuration error: SESSION_TTL_HOURS:"),
            "{message}"
        );
        assert!(!message.contains('\n'));
    }

    #[test]
    fn blank_values_count_as_unset() {
        let config = Config::from_vars(&vars(&[("LISTEN_ADDR", "  "), ("SMTP_HOST", "")])).unwrap();
        assert_eq!(config.listen_addr.port(), 3000);
        assert_eq!(config.smtp, None);
    }

    #[test]
    fn trusted_proxies_are_parsed() {
        let config =
            Config::from_vars(&vars(&[("TRUSTED_PROXIES", "10.0.0.1, 172.16.0.0/12")])).unwrap();
        assert!(
            config
                .trusted_proxies
                .contains("172.20.1.1".parse().unwrap())
        );
        assert!(!config.trusted_proxies.contains("10.0.0.2".parse().unwrap()));
        let none = Config::from_vars(&HashMap::new()).unwrap();
        assert!(!none.trusted_proxies.contains("127.0.0.1".parse().unwrap()));
    }

    #[test]
    fn debug_hides_the_secrets() {
        let secret_key = "dit-is-de-geheime-sleutel-van-de-server-0123456789";
        let smtp_password = "smtp-wachtwoord-zeer-geheim";
        let db_password = "database-wachtwoord-geheim";
        let config = Config::from_vars(&vars(&[
            ("SECRET_KEY", secret_key),
            ("SMTP_HOST", "smtp.gemeente.nl"),
            ("SMTP_USERNAME", "scan"),
            ("SMTP_PASSWORD", smtp_password),
            (
                "DATABASE_URL",
                &format!("postgres://scan:{db_password}@db.gemeente.nl/scan"),
            ),
        ]))
        .unwrap();
        for printed in [format!("{config:?}"), format!("{config:#?}")] {
            for secret in [secret_key, smtp_password, db_password] {
                assert!(!printed.contains(secret), "{secret} in {printed}");
            }
            assert!(printed.contains("[verborgen]"), "{printed}");
            assert!(printed.contains("smtp.gemeente.nl"), "{printed}");
        }
    }
}

//! Turning a `Config` into a running application: data directory, database, migrations,
//! Leptos options, state. Shared by `main` and the integration tests.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use leptos::config::{Env, LeptosOptions};
use thiserror::Error;

use app::auth::rate_limit::LoginLimiter;
use app::site_assets::SiteAssets;
use app::state::{AppState, Settings};
use app::storage::{Db, StorageError};

use app::auth::scan_link::LinkSecret;
use app::email::transport::{MailSettings, Mailer, SmtpSettings, Tls};
use app::email::worker::spawn_outbox_worker;
use app::scans::scheduler::spawn_scan_scheduler;

use crate::config::{Config, SmtpTls};

#[derive(Debug, Error)]
pub enum StartupError {
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open the database: {0}")]
    Database(StorageError),
    #[error("cannot migrate the database: {0}")]
    Migration(StorageError),
    #[error("cannot load the shipped competency frameworks: {0}")]
    Frameworks(StorageError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("email settings: {0}")]
    Mail(app::email::transport::MailConfigError),
    #[error("cannot read or create the secret key file {path}: {source}")]
    SecretKey {
        path: String,
        source: std::io::Error,
    },
}

/// Opens (creating if needed) and migrates the database named by the configuration.
pub async fn open_database(config: &Config) -> Result<Db, StartupError> {
    std::fs::create_dir_all(&config.data_dir).map_err(|source| StartupError::DataDir {
        path: config.data_dir.display().to_string(),
        source,
    })?;
    let db = Db::connect(&config.database_url)
        .await
        .map_err(StartupError::Database)?;
    db.migrate().await.map_err(StartupError::Migration)?;
    app::catalog::load_builtin(&db, app::state::unix_now())
        .await
        .map_err(StartupError::Frameworks)?;
    // Records kept in clear before issue 18 are keyed and sealed now (needs the secret key).
    let secret = LinkSecret::derive(&secret_key(config)?);
    app::respond::legacy::seal_legacy_records(&db, &secret)
        .await
        .map_err(StartupError::Migration)?;
    Ok(db)
}

/// The secret key from the configuration, or the one kept in the data directory (created with
/// owner-only permissions on first start).
pub fn secret_key(config: &Config) -> Result<String, StartupError> {
    if let Some(key) = &config.secret_key {
        return Ok(key.clone());
    }
    let path = config.data_dir.join("secret.key");
    let err = |source| StartupError::SecretKey {
        path: path.display().to_string(),
        source,
    };
    match std::fs::read_to_string(&path) {
        Ok(key) if key.trim().len() >= 32 => Ok(key.trim().to_owned()),
        Ok(_) | Err(_) if !path.exists() => {
            let key = app::auth::token::new_token();
            write_private(&path, &key).map_err(err)?;
            Ok(key)
        }
        Ok(_) => Err(err(std::io::Error::other(
            "the file holds fewer than 32 characters",
        ))),
        Err(e) => Err(err(e)),
    }
}

fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(content.as_bytes())
}

/// The mail transport the configuration asks for: SMTP, or `.eml` files in `<data dir>/outbox`.
pub fn mail_settings(config: &Config) -> MailSettings {
    MailSettings {
        smtp: config.smtp.as_ref().map(|smtp| SmtpSettings {
            host: smtp.host.clone(),
            port: smtp.port,
            tls: match smtp.tls {
                SmtpTls::StartTls => Tls::StartTls,
                SmtpTls::Tls => Tls::Tls,
                SmtpTls::None => Tls::None,
            },
            username: smtp.username.clone(),
            password: smtp.password.clone(),
        }),
        from: config.mail_from.clone(),
        outbox_dir: config.data_dir.join("outbox"),
    }
}

pub fn leptos_options(config: &Config, addr: SocketAddr) -> LeptosOptions {
    let manifest = site_manifest_path(config);
    LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir(PKG_DIR)
        .site_addr(addr)
        .env(Env::PROD)
        // Leptos names the hashed script and WebAssembly from the build's manifest; an absolute
        // path, because Leptos otherwise looks beside the server binary.
        .hash_files(manifest.exists())
        .hash_file(Arc::<str>::from(manifest.display().to_string()))
        .build()
}

/// The compiled files' base name and directory under the site root (`.ci/build_site.sh`).
const OUTPUT_NAME: &str = "ontwikkelscan";
const PKG_DIR: &str = "pkg";

fn site_manifest_path(config: &Config) -> PathBuf {
    config
        .site_root
        .join(PKG_DIR)
        .join(app::site_assets::MANIFEST_FILE)
}

/// The stylesheet's address from the build's manifest (plain names when the site has none).
pub fn site_assets(config: &Config) -> SiteAssets {
    let manifest = std::fs::read_to_string(site_manifest_path(config)).ok();
    SiteAssets::new(&format!("/{PKG_DIR}"), OUTPUT_NAME, manifest.as_deref())
}

/// The shared state; `secret_key` is the server secret (see [`secret_key`]).
pub fn state(config: &Config, db: Db, addr: SocketAddr, secret_key: &str) -> AppState {
    AppState::new(app::state::Shared {
        leptos_options: leptos_options(config, addr),
        assets: site_assets(config),
        flash: app::flash::FlashStore::new(db.clone()),
        db,
        settings: Arc::new(Settings {
            base_url: config.base_url_string(),
            secure_cookies: config.secure_cookies(),
            session_ttl: config.session_ttl,
            link_secret: LinkSecret::derive(secret_key),
            trusted_proxies: config.trusted_proxies.clone(),
        }),
        // Five failures per address or account per fifteen minutes.
        login_limiter: Arc::new(LoginLimiter::new(5, Duration::from_secs(15 * 60))),
        // LINK_FAILURE_LIMIT (twenty) unknown personal links per client address per ten
        // minutes; real respondents never miss, so they are never slowed down.
        // A real link is always let through (`app::respond::respondent_from`).
        link_limiter: Arc::new(LoginLimiter::new(
            config.link_failure_limit,
            Duration::from_secs(10 * 60),
        )),
    })
}

/// Binds, then serves until Ctrl-C or SIGTERM. Returns the bound address through `on_bound`
/// (port 0 in tests picks a free one).
pub async fn serve(config: Config, on_bound: impl FnOnce(SocketAddr)) -> Result<(), StartupError> {
    let db = open_database(&config).await?;
    let key = secret_key(&config)?;
    let mailer = Mailer::from_settings(&mail_settings(&config)).map_err(StartupError::Mail)?;
    let listener = tokio::net::TcpListener::bind(config.listen_addr)
        .await
        .map_err(|source| StartupError::Listen {
            addr: config.listen_addr,
            source,
        })?;
    let addr = listener
        .local_addr()
        .map_err(|source| StartupError::Listen {
            addr: config.listen_addr,
            source,
        })?;
    announce_setup_code(&db, &config).await;
    let state = state(&config, db.clone(), addr, &key);
    let router = crate::router::build(state.clone());
    spawn_session_sweeper(db.clone());
    // Sends what the outbox table holds; safe with several server processes on one database.
    // Personal links are rendered at sending time from the link secret, never stored.
    spawn_outbox_worker(
        db.clone(),
        Arc::new(mailer),
        config.mail_from.clone(),
        state.settings.link_secret.clone(),
    );
    // Closes scans at their deadline and sends automatic reminders.
    spawn_scan_scheduler(db.clone(), state.settings.clone());
    // Reminds the parties of an appraisal cycle of its deadlines (issue 22).
    app::appraisal::reminders::spawn_reminder_job(db.clone(), state.settings.base_url.clone());
    // Removes the content of scans and conversation records past their retention, daily.
    let mail = mail_settings(&config);
    app::retention::spawn_retention_job(db.clone(), mail.smtp.is_none().then_some(mail.outbox_dir));
    tracing::info!(%addr, base_url = %config.base_url, backend = ?db.backend(), "Ontwikkelscan is listening");
    on_bound(addr);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|source| StartupError::Listen { addr, source })?;
    db.close().await;
    Ok(())
}

/// While no account exists, a new one-time code for the setup page, in the log and on standard
/// error (the log may go elsewhere). Only whoever can read the server's output can set it up.
async fn announce_setup_code(db: &Db, config: &Config) {
    match app::auth::setup_code::issue(db, app::state::unix_now()).await {
        Ok(Some(code)) => {
            let page = format!("{}/setup", config.base_url_string());
            tracing::warn!(%code, %page, "no account yet: setup code / installatiecode");
            eprintln!(
                "Installatiecode voor {page} / setup code for {page}: {code}\n\
                 (eenmalig; een nieuwe met / single use; a new one with: server setup-code)"
            );
        }
        Ok(None) => {}
        Err(error) => tracing::error!(%error, "could not issue a setup code"),
    }
}

/// Deletes expired sessions every hour so the table does not grow without bound.
fn spawn_session_sweeper(db: Db) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            match db.delete_expired_sessions(app::state::unix_now()).await {
                Ok(n) if n > 0 => tracing::info!(removed = n, "expired sessions removed"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "could not remove expired sessions"),
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}

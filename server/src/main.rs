use std::process::ExitCode;

use clap::Parser;

use server::cli::{Cli, Command};
use server::config::Config;
use server::{startup, telemetry};

#[tokio::main]
async fn main() -> ExitCode {
    match dotenvy::dotenv() {
        Ok(_) => {}
        Err(e) if e.not_found() => {}
        Err(e) => return fail(&format!("configuration error: .env: {e}")),
    }
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => return fail(&e.to_string()),
    };
    telemetry::init(config.log_format);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => match startup::serve(config, |_| {}).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e.to_string()),
        },
        Command::Migrate => match startup::open_database(&config).await {
            Ok(db) => {
                db.close().await;
                println!("database is up to date / database bijgewerkt");
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e.to_string()),
        },
        Command::CreateAdmin { email } => create_admin(&config, &email).await,
        Command::SetupCode => setup_code(&config).await,
        Command::CreateApiToken { email, name } => create_api_token(&config, &email, &name).await,
        Command::ImportFramework { file } => import_framework(&config, &file).await,
        Command::ExportFramework {
            id,
            version,
            format,
            output,
        } => export_framework(&config, &id, version, &format, output.as_deref()).await,
    }
}

async fn import_framework(config: &Config, file: &std::path::Path) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => return fail(&format!("cannot read {}: {e}", file.display())),
    };
    let db = match startup::open_database(config).await {
        Ok(db) => db,
        Err(e) => return fail(&e.to_string()),
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let result = app::catalog::import(&db, &name, &bytes, app::state::unix_now()).await;
    db.close().await;
    match result {
        Ok(f) => {
            println!(
                "kader geïmporteerd / framework imported: {} versie/version {}",
                f.id, f.version
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            for message in e.messages(false) {
                eprintln!("error: {message}");
            }
            ExitCode::FAILURE
        }
    }
}

async fn export_framework(
    config: &Config,
    id: &str,
    version: Option<u32>,
    format: &str,
    output: Option<&std::path::Path>,
) -> ExitCode {
    use app::domain::catalog::Format;
    let format = match format {
        "toml" => Format::Toml,
        "json" => Format::Json,
        other => return fail(&format!("--format {other:?}: use toml or json")),
    };
    let db = match startup::open_database(config).await {
        Ok(db) => db,
        Err(e) => return fail(&e.to_string()),
    };
    let result = app::catalog::export(&db, id, version, format).await;
    db.close().await;
    match result {
        Ok(Some(text)) => match output {
            Some(path) => match std::fs::write(path, text) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&format!("cannot write {}: {e}", path.display())),
            },
            None => {
                print!("{text}");
                ExitCode::SUCCESS
            }
        },
        Ok(None) => fail(&format!(
            "no framework {id:?}{}",
            version.map(|v| format!(" version {v}")).unwrap_or_default()
        )),
        Err(e) => fail(&e.to_string()),
    }
}

async fn create_admin(config: &Config, email: &str) -> ExitCode {
    let password = match server::cli::read_password() {
        Ok(p) => p,
        Err(e) => return fail(&format!("cannot read the password: {e}")),
    };
    let db = match startup::open_database(config).await {
        Ok(db) => db,
        Err(e) => return fail(&e.to_string()),
    };
    let result =
        app::auth::service::create_admin(&db, email, &password, app::state::unix_now()).await;
    db.close().await;
    match result {
        Ok(_) => {
            println!(
                "beheerder aangemaakt / administrator created: {}",
                email.trim().to_lowercase()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("cannot create the administrator: {e}")),
    }
}

async fn create_api_token(config: &Config, email: &str, name: &str) -> ExitCode {
    let db = match startup::open_database(config).await {
        Ok(db) => db,
        Err(e) => return fail(&e.to_string()),
    };
    let result =
        app::auth::api_tokens::create_for_email(&db, email, name, app::state::unix_now()).await;
    db.close().await;
    match result {
        // Only the token on standard output, so scripts can capture it.
        Ok(token) => {
            println!("{token}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("cannot create the API token: {e}")),
    }
}

async fn setup_code(config: &Config) -> ExitCode {
    let db = match startup::open_database(config).await {
        Ok(db) => db,
        Err(e) => return fail(&e.to_string()),
    };
    let result = app::auth::setup_code::issue(&db, app::state::unix_now()).await;
    db.close().await;
    match result {
        // Only the code on standard output, so scripts (the browser tests) can capture it.
        Ok(Some(code)) => {
            println!("{code}");
            ExitCode::SUCCESS
        }
        Ok(None) => fail(
            "er bestaat al een account: de installatie is gedaan / \
             an account exists: setup is done",
        ),
        Err(e) => fail(&format!("cannot create a setup code: {e}")),
    }
}

/// One line on standard error and a non-zero exit: never a panic backtrace.
fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

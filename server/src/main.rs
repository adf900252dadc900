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
    let result = app::auth::service::create_admin(&db, email, &password, app::state::unix_now()).await;
    db.close().await;
    match result {
        Ok(_) => {
            println!("beheerder aangemaakt / administrator created: {}", email.trim().to_lowercase());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("cannot create the administrator: {e}")),
    }
}

/// One line on standard error and a non-zero exit: never a panic backtrace.
fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

//! The server binary doubles as the administrator's command line.

use std::io::{BufRead, IsTerminal};

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "server",
    about = "Ontwikkelscan: 360°-feedback en ontwikkelscans / 360° feedback and development scans",
    after_help = "Configuration comes from environment variables (or a .env file); see README.md."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Create or update the database schema, then exit.
    Migrate,
    /// Create an administrator account. The password is read from standard input when it is not
    /// a terminal, and asked twice (without echo) when it is.
    CreateAdmin {
        #[arg(long)]
        email: String,
    },
    /// Print a new one-time code for the first-run setup page (only while no account exists).
    SetupCode,
    /// Create a personal API token for an existing account and print it (shown only once).
    CreateApiToken {
        #[arg(long)]
        email: String,
        /// A name to recognise the token by, e.g. "AFAS-koppeling".
        #[arg(long)]
        name: String,
    },
    /// Import a competency framework file (.toml or .json); refused files change nothing.
    ImportFramework {
        /// Path of the framework file.
        file: std::path::PathBuf,
    },
    /// Write a stored framework to standard output (or --output FILE).
    ExportFramework {
        /// The framework's id, e.g. maastricht-2014.
        id: String,
        /// A specific version; the newest when omitted.
        #[arg(long)]
        version: Option<u32>,
        /// toml (default) or json.
        #[arg(long, default_value = "toml")]
        format: String,
        #[arg(long)]
        output: Option<std::path::PathBuf>,
    },
}

/// Reads the new administrator's password: one line from a pipe, or twice from the terminal.
pub fn read_password() -> Result<String, String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        let first =
            rpassword::prompt_password("Wachtwoord / Password: ").map_err(|e| e.to_string())?;
        let second = rpassword::prompt_password("Herhaal / Repeat: ").map_err(|e| e.to_string())?;
        if first != second {
            return Err("de wachtwoorden zijn niet gelijk / the passwords differ".into());
        }
        Ok(first)
    } else {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

//! The server binary as an administrator uses it: configuration errors, create-admin, the
//! setup code, and framework import/export.

use crate::support;

use std::process::{Output, Stdio};

use support::binary::{run_with_input, server_command};

fn server(data_dir: &std::path::Path, args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
    let mut command = server_command(data_dir, args);
    command.envs(env.iter().copied());
    run_with_input(command, stdin)
}

#[test]
fn malformed_configuration_is_one_line_and_a_failure_exit() {
    let dir = tempfile::tempdir().unwrap();
    for (var, value) in [
        ("LISTEN_ADDR", "overal"),
        ("DATABASE_URL", "mysql://db"),
        ("SESSION_TTL_HOURS", "nul"),
        ("SMTP_PORT", "25"),
    ] {
        let out = server(dir.path(), &["migrate"], &[(var, value)], "");
        assert!(!out.status.success(), "{var}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{var}: {stderr}");
        assert!(
            stderr.starts_with(&format!("error: configuration error: {var}:")),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn create_admin_reads_the_password_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let out = server(
        dir.path(),
        &["create-admin", "--email", "Beheer@Gemeente.nl"],
        &[],
        "een-lang-wachtwoord\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("beheer@gemeente.nl"));
    assert!(
        dir.path().join("ontwikkelscan.db").exists(),
        "the database was created and migrated"
    );

    let again = server(
        dir.path(),
        &["create-admin", "--email", "beheer@gemeente.nl"],
        &[],
        "een-lang-wachtwoord\n",
    );
    assert!(!again.status.success());
    let short = server(
        dir.path(),
        &["create-admin", "--email", "ander@gemeente.nl"],
        &[],
        "kort\n",
    );
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("password too short"));
}

#[test]
fn setup_code_prints_a_new_code_only_while_no_account_exists() {
    let dir = tempfile::tempdir().unwrap();
    let code = |out: &Output| String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let first = server(dir.path(), &["setup-code"], &[], "");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    // Only the code on standard output, as scripts capture it: five groups of four.
    let printed = code(&first);
    assert_eq!(printed.len(), 24, "{printed}");
    assert_eq!(printed.split('-').count(), 5, "{printed}");
    let second = server(dir.path(), &["setup-code"], &[], "");
    assert_ne!(code(&second), printed, "a new code every time");

    let admin = server(
        dir.path(),
        &["create-admin", "--email", "beheer@gemeente.nl"],
        &[],
        "een-lang-wachtwoord\n",
    );
    assert!(admin.status.success());
    let closed = server(dir.path(), &["setup-code"], &[], "");
    assert!(!closed.status.success());
    assert!(code(&closed).is_empty());
    let stderr = String::from_utf8_lossy(&closed.stderr);
    assert!(stderr.contains("setup is done"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn serve_prints_a_setup_code_on_start_while_no_account_exists() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let mut child = server_command(dir.path(), &["serve"])
        .env("LISTEN_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "off")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the server binary");
    let stderr = BufReader::new(child.stderr.take().unwrap());
    // On standard error even with the log switched off (the log may go elsewhere). Read on a
    // thread, so a server that never prints fails the test instead of hanging it.
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let found = stderr
            .lines()
            .map_while(Result::ok)
            .find(|line| line.starts_with("Installatiecode"));
        let _ = sender.send(found);
    });
    let line = receiver.recv_timeout(std::time::Duration::from_secs(30));
    child.kill().unwrap();
    child.wait().unwrap();
    let line = line
        .ok()
        .flatten()
        .expect("a setup code line on standard error");
    let code = line.rsplit(": ").next().unwrap();
    assert_eq!(code.len(), 24, "{line}");
    assert!(line.contains("/setup"), "{line}");
}

#[test]
fn export_and_import_frameworks_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = server(
        dir.path(),
        &["export-framework", "gemeentesecretaris", "--format", "json"],
        &[],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["competencies"].as_array().unwrap().len(), 14);

    let file = dir.path().join("kader.json");
    std::fs::write(&file, &out.stdout).unwrap();
    let import = server(
        dir.path(),
        &["import-framework", file.to_str().unwrap()],
        &[],
        "",
    );
    assert!(
        import.status.success(),
        "re-importing an export is accepted"
    );

    let broken = dir.path().join("kapot.toml");
    std::fs::write(&broken, "id = [").unwrap();
    let import = server(
        dir.path(),
        &["import-framework", broken.to_str().unwrap()],
        &[],
        "",
    );
    assert!(!import.status.success());
    assert!(String::from_utf8_lossy(&import.stderr).contains("kapot.toml"));

    let missing = server(dir.path(), &["export-framework", "bestaat-niet"], &[], "");
    assert!(!missing.status.success());
}

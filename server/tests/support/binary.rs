//! The server binary as a process of its own, as an administrator or an operator runs it.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The server binary with `args`, `data_dir` as its data and working directory, and no other
/// environment than `PATH` (add more with `env`).
pub fn server_command(data_dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATA_DIR", data_dir)
        .current_dir(data_dir);
    command
}

/// Runs `command` to its end with `stdin` on its standard input; what it printed and its exit.
pub fn run_with_input(mut command: Command, stdin: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the server binary");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

//! Runs `wrk` (Debian's package `wrk`) as a separate process and reads its summary, so the
//! load generator never shares the server's async runtime.

use std::process::Command;

/// What one `wrk --latency` run reported.
#[derive(Debug, Clone, PartialEq)]
pub struct WrkResult {
    pub requests: u64,
    pub seconds: f64,
    pub requests_per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Responses that were neither 2xx nor 3xx, plus socket errors.
    pub errors: u64,
}

impl WrkResult {
    pub fn report(&self, what: &str) {
        println!(
            "{what}: {:.0} requests/s ({} in {:.1} s, {} errors or not 2xx/3xx), p50 {:.2} ms, p99 {:.2} ms",
            self.requests_per_second,
            self.requests,
            self.seconds,
            self.errors,
            self.p50_ms,
            self.p99_ms
        );
    }
}

pub fn available() -> bool {
    Command::new("wrk")
        .arg("--version")
        .output()
        .is_ok_and(|o| !o.stdout.is_empty() || !o.stderr.is_empty())
}

/// `wrk -t threads -c connections -d seconds --latency url`.
pub fn run(url: &str, threads: usize, connections: usize, seconds: u64) -> WrkResult {
    let output = Command::new("wrk")
        .args([
            "-t",
            &threads.to_string(),
            "-c",
            &connections.to_string(),
            "-d",
            &format!("{seconds}s"),
            "--timeout",
            "5s",
            "--latency",
            url,
        ])
        .output()
        .expect("wrk runs");
    let text = String::from_utf8_lossy(&output.stdout);
    parse(&text).unwrap_or_else(|| panic!("unexpected wrk output:\n{text}"))
}

/// Reads the lines of wrk's summary that matter here.
pub fn parse(text: &str) -> Option<WrkResult> {
    let mut result = WrkResult {
        requests: 0,
        seconds: 0.0,
        requests_per_second: 0.0,
        p50_ms: f64::NAN,
        p99_ms: f64::NAN,
        errors: 0,
    };
    let mut saw_total = false;
    for line in text.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["50%", value] => result.p50_ms = duration_ms(value)?,
            ["99%", value] => result.p99_ms = duration_ms(value)?,
            ["Requests/sec:", value] => result.requests_per_second = value.parse().ok()?,
            ["Non-2xx", "or", "3xx", "responses:", n] => result.errors += n.parse::<u64>().ok()?,
            [count, "requests", "in", secs, ..] => {
                result.requests = count.parse().ok()?;
                result.seconds = duration_ms(secs.trim_end_matches(','))? / 1000.0;
                saw_total = true;
            }
            ["Socket", "errors:", rest @ ..] => {
                // "connect 0, read 0, write 0, timeout 0"
                result.errors += rest
                    .iter()
                    .filter_map(|w| w.trim_end_matches(',').parse::<u64>().ok())
                    .sum::<u64>();
            }
            _ => {}
        }
    }
    saw_total.then_some(result)
}

/// `812.00us`, `1.23ms`, `2.00s`, `1.00m` → milliseconds.
fn duration_ms(value: &str) -> Option<f64> {
    let split = value.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = value.split_at(split);
    let number: f64 = number.parse().ok()?;
    Some(match unit {
        "us" => number / 1000.0,
        "ms" => number,
        "s" => number * 1000.0,
        "m" => number * 60_000.0,
        _ => return None,
    })
}

//! The `outpost-devserver` binary itself: it binds loopback, prints its URL and the demo's TOTP
//! secret, logs each request to stderr without secrets, applies the rules of a faults file,
//! refuses a faults file with a rule it cannot use (naming the rule and the field), and exits
//! with status 0 on Ctrl-C (SIGINT). Timeouts are generous: they only keep a hung process
//! from hanging the suite.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use outpost_devserver::{demo, totp};
use serde_json::{json, Value};

const PATIENCE: Duration = Duration::from_secs(60);

/// A running binary, its stdout lines as they come and its stderr so far. Killed when dropped
/// (a failing test must not leave it behind).
struct Server {
    child: Child,
    lines: Receiver<String>,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn spawn(args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_outpost-devserver"))
        .args(args)
        .env_remove("RUST_LOG")
        // Startup errors must stay one line even when backtraces are on.
        .env("RUST_BACKTRACE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, lines) = channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let stderr = Arc::new(Mutex::new(String::new()));
    let sink = stderr.clone();
    let mut pipe = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    Server {
        child,
        lines,
        stderr,
    }
}

impl Server {
    /// The first stdout line containing `needle`.
    fn line_with(&self, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => continue,
                Err(e) => panic!(
                    "no line with {needle:?} ({e}); stderr: {}",
                    self.stderr.lock().unwrap()
                ),
            }
        }
    }

    /// The URL it printed, checked to be on loopback.
    fn url(&self) -> String {
        let line = self.line_with("listening on ");
        let url = line.rsplit(' ').next().unwrap().to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "{line}");
        url
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits for stderr to contain `needle` (the log is written as requests finish).
    fn wait_for_log(&self, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            let text = self.stderr();
            if text.contains(needle) {
                return text;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("no log with {needle:?}: {}", self.stderr());
    }

    fn interrupt(&mut self) -> ExitStatus {
        let sent = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        wait(&mut self.child)
    }
}

fn wait(child: &mut Child) -> ExitStatus {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the devserver did not exit");
}

fn temp_file(contents: &Value) -> PathBuf {
    let path = std::env::temp_dir().join(format!("outpost-faults-{}.json", uuid::Uuid::new_v4()));
    std::fs::write(&path, contents.to_string()).unwrap();
    path
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test]
async fn the_demo_binary_serves_loopback_logs_requests_and_stops_on_ctrl_c() {
    let mut server = spawn(&["--demo", "--port", "0"]);
    let url = server.url();
    let line = server.line_with("TOTP secret ");
    let secret = line
        .split("TOTP secret ")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .unwrap()
        .to_string();
    let http = reqwest::Client::new();

    let health: Value = http
        .get(format!("{url}/api/v1/system/health"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");

    // The printed secret finishes the TOTP user's sign-in.
    let login: Value = http
        .post(format!("{url}/api/v1/public/auth/login"))
        .json(&json!({ "email": demo::TOTP_USER_EMAIL, "password": demo::TOTP_USER_PASSWORD }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["accessToken"].as_str().unwrap().to_string();
    let res = http
        .post(format!("{url}/api/v1/secure/auth/2fa/verify"))
        .bearer_auth(&token)
        .json(&json!({ "method": "totp", "code": totp::code_at(&secret, now()).unwrap() }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

    // A request with a secret in its query string.
    let res = http
        .get(format!("{url}/api/v1/secure/auth/me?token=query-secret-42"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    let log = server.wait_for_log("path=/api/v1/secure/auth/me");
    let health_line = log
        .lines()
        .find(|l| l.contains("path=/api/v1/system/health"))
        .unwrap_or_else(|| panic!("no log line for the health check: {log}"));
    assert!(health_line.contains(" INFO "), "{health_line}");
    assert!(health_line.contains("method=GET"), "{health_line}");
    assert!(health_line.contains("status=200"), "{health_line}");
    assert!(health_line.contains("duration="), "{health_line}");
    assert!(
        log.contains("path=/api/v1/secure/auth/2fa/verify status=200"),
        "{log}"
    );
    for secret in [&token, "query-secret-42", demo::TOTP_USER_PASSWORD, &secret] {
        assert!(!log.contains(secret), "the log shows {secret}: {log}");
    }

    let status = server.interrupt();
    assert_eq!(
        status.code(),
        Some(0),
        "{status}; stderr: {}",
        server.stderr()
    );
    assert!(server.line_with("shutting down").contains("shutting down"));
}

#[tokio::test]
async fn a_faults_file_applies_its_rules() {
    let file = temp_file(&json!({
        "seed": 7,
        "rules": [{ "method": "GET", "path": "/api/v1/system/health", "kind": "error", "status": 503 }],
    }));
    let mut server = spawn(&[
        "--faults",
        "--faults-file",
        file.to_str().unwrap(),
        "--port",
        "0",
    ]);
    let url = server.url();
    assert!(server
        .line_with("fault injection on")
        .contains("(seed 7, 1 rules)"));
    let res = reqwest::get(format!("{url}/api/v1/system/health"))
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["message"], "Injected fault");
    let report: Value = reqwest::get(format!("{url}/_faults"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(report["counters"]["error"], 1, "{report}");
    assert_eq!(server.interrupt().code(), Some(0));
    std::fs::remove_file(file).unwrap();
}

#[test]
fn a_faults_file_with_a_bad_rule_is_refused_naming_the_rule_and_field() {
    let file = temp_file(&json!({
        "rules": [
            { "path": "/api/v1/secure/*", "kind": "latency", "latencyMs": 10 },
            { "path": "/api/v1/secure/contacts", "kind": "error", "status": 404 },
        ],
    }));
    let mut server = spawn(&["--faults-file", file.to_str().unwrap(), "--port", "0"]);
    let status = wait(&mut server.child);
    std::fs::remove_file(&file).unwrap();
    assert!(!status.success(), "{status}");
    let stderr = server.stderr();
    // The reader thread may still be copying the last bytes.
    let stderr = if stderr.contains("503\n") {
        stderr
    } else {
        server.wait_for_log("503\n")
    };
    // One line (spawn asks for backtraces: an error from main would print one).
    let line = "outpost-devserver: the fault rules cannot be used: fault rule 2 \
                (path \"/api/v1/secure/contacts\"): status: must be 500, 502 or 503";
    assert!(stderr.lines().any(|l| l == line), "{stderr}");
    assert!(!stderr.contains("backtrace"), "{stderr}");
}

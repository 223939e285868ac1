//! The devserver as a separate process, so the bench process measures the client alone (its
//! time and its resident memory).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use anyhow::{bail, Context, Result};

pub struct Devserver {
    child: Child,
    pub url: String,
}

impl Drop for Devserver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The devserver binary built next to this one.
fn binary() -> Result<PathBuf> {
    let me = std::env::current_exe()?;
    let path = me
        .parent()
        .context("the bench binary has no folder")?
        .join("outpost-devserver");
    if !path.exists() {
        bail!(
            "{} is missing: build it with the same profile first (cargo build --release -p outpost-devserver)",
            path.display()
        );
    }
    Ok(path)
}

/// Starts `outpost-devserver --demo --scale SCALE` on a free port and waits until it listens.
pub fn start(scale: &str) -> Result<Devserver> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut child = Command::new(binary()?)
        .args(["--demo", "--scale", scale, "--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("starting the devserver")?;
    let url = format!("http://127.0.0.1:{port}");
    // It prints its URL once it listens.
    let stdout = child.stdout.take().context("devserver stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    loop {
        match lines.next() {
            Some(Ok(line)) if line.contains(&format!("127.0.0.1:{port}")) => break,
            Some(Ok(_)) => continue,
            _ => bail!("the devserver stopped before it listened"),
        }
    }
    // Keep draining its output so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Ok(Devserver { child, url })
}

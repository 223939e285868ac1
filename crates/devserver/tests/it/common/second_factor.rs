//! Codes for the second-factor tests: TOTP codes of the demo's secret now (and one no accepted
//! step gives), and the codes the devserver "sent" by email or SMS (its `/_dev/sent-codes`).

use std::time::{SystemTime, UNIX_EPOCH};

use outpost_devserver::{totp, RunningServer};
use serde_json::Value;

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// The TOTP code of `secret` at this moment.
pub fn totp_now(secret: &str) -> String {
    totp::code_at(secret, now()).unwrap()
}

/// A six-digit code that none of the accepted steps (now and one either side, with margin)
/// gives for `secret`.
pub fn wrong_totp(secret: &str) -> String {
    let t = now();
    let accepted: Vec<String> = [t - 60, t - 30, t, t + 30, t + 60]
        .iter()
        .map(|t| totp::code_at(secret, *t).unwrap())
        .collect();
    (0..10)
        .map(|d| d.to_string().repeat(6))
        .find(|c| !accepted.contains(c))
        .unwrap()
}

/// The newest code the devserver "sent" by `method`.
pub async fn last_sent(http: &reqwest::Client, server: &RunningServer, method: &str) -> String {
    let sent: Value = http
        .get(format!("{}/_dev/sent-codes", server.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let code = sent["data"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|c| c["method"] == method)
        .map(|c| c["code"].as_str().unwrap().to_string());
    code.unwrap_or_else(|| panic!("no {method} code was sent: {sent}"))
}

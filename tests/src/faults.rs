//! Devserver fault rules the tests share.

use outpost_devserver::{FaultConfig, FaultKind, FaultRule};

/// A rule for requests of `method` (or every method with `None`) on paths matching `path`.
pub fn rule(method: Option<&str>, path: &str, kind: FaultKind, rate: f64) -> FaultRule {
    FaultRule {
        method: method.map(str::to_string),
        path: path.into(),
        kind,
        rate,
        times: None,
    }
}

/// Faults that hold every contact create `latency_ms` before it runs: a push is then slow
/// enough to watch its ops in flight, stop it midway, or outlive a token.
pub fn slow_contact_creates(latency_ms: u64) -> FaultConfig {
    FaultConfig {
        seed: 1,
        rules: vec![rule(
            Some("POST"),
            "/api/v1/secure/contacts",
            FaultKind::Latency {
                latency_ms,
                jitter_ms: 0,
            },
            1.0,
        )],
    }
}

//! Fault rules and the seeded dice that decide, request by request, which of them fire.

use std::collections::BTreeMap;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

fn one() -> u64 {
    1
}

fn always() -> f64 {
    1.0
}

/// What a rule does to a request it fires on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum FaultKind {
    /// Waits `latency_ms` (± up to `jitter_ms`) before the request runs.
    Latency {
        latency_ms: u64,
        #[serde(default)]
        jitter_ms: u64,
    },
    /// Answers `status` (500, 502 or 503) without running the request.
    Error { status: u16 },
    /// Answers 429 with `Retry-After: retry_after` to this and the next `burst - 1` matching
    /// requests.
    RateLimit {
        #[serde(default = "one")]
        burst: u64,
        #[serde(default = "one")]
        retry_after: u64,
    },
    /// Closes the connection without running the request or answering.
    Drop,
    /// Runs the request (its write is committed), then closes the connection unanswered.
    LoseResponse,
}

impl FaultKind {
    pub fn name(&self) -> &'static str {
        match self {
            FaultKind::Latency { .. } => "latency",
            FaultKind::Error { .. } => "error",
            FaultKind::RateLimit { .. } => "rate_limit",
            FaultKind::Drop => "drop",
            FaultKind::LoseResponse => "lose_response",
        }
    }
}

/// A rule: which requests (method, and a path glob where `*` is any run of characters and `?`
/// one character), what happens, how often (`rate`, 0 to 1) and at most how many `times`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    pub path: String,
    #[serde(flatten)]
    pub kind: FaultKind,
    #[serde(default = "always")]
    pub rate: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u64>,
}

impl FaultRule {
    /// Why the rule cannot be used, if it cannot: `field: what is wrong`.
    pub fn problem(&self) -> Option<String> {
        if let Some(m) = &self.method {
            let known = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
            if m != "*" && !known.iter().any(|k| k.eq_ignore_ascii_case(m)) {
                return Some("method: must be an HTTP method (GET, POST, ...) or *".into());
            }
        }
        if !(0.0..=1.0).contains(&self.rate) {
            return Some("rate: must be from 0 to 1".into());
        }
        if let FaultKind::Error { status } = self.kind {
            if ![500, 502, 503].contains(&status) {
                return Some("status: must be 500, 502 or 503".into());
            }
        }
        if let FaultKind::RateLimit { burst: 0, .. } = self.kind {
            return Some("burst: must be at least 1".into());
        }
        if !self.path.starts_with('/') && !self.path.starts_with('*') {
            return Some("path: must start with / or *".into());
        }
        None
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        let method_ok = self
            .method
            .as_deref()
            .is_none_or(|m| m == "*" || m.eq_ignore_ascii_case(method));
        method_ok && glob(self.path.as_bytes(), path.as_bytes())
    }
}

/// `*` matches any run of characters (slashes too), `?` any one.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) => (0..=text.len()).any(|i| glob(rest, &text[i..])),
        Some((b'?', rest)) => !text.is_empty() && glob(rest, &text[1..]),
        Some((c, rest)) => text.first() == Some(c) && glob(rest, &text[1..]),
    }
}

/// Rules to start with (`DevServerConfig::faults`, `--faults-file`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FaultConfig {
    #[serde(default)]
    pub seed: u64,
    #[serde(default)]
    pub rules: Vec<FaultRule>,
}

impl FaultConfig {
    /// Why the config cannot be used, naming the first bad rule (1-based, with its path) and
    /// its field. Checked at start, like the control endpoint checks the rules it is given: a
    /// typo in a faults file must not start a server that silently injects something else.
    pub fn problem(&self) -> Option<String> {
        self.rules.iter().enumerate().find_map(|(i, rule)| {
            let p = rule.problem()?;
            Some(format!("fault rule {} (path {:?}): {p}", i + 1, rule.path))
        })
    }
}

/// What happens to one request.
#[derive(Debug, Default, PartialEq)]
pub struct Decision {
    pub delay_ms: u64,
    pub outcome: Option<FaultKind>,
}

struct LiveRule {
    id: u64,
    rule: FaultRule,
    injected: u64,
    /// 429s still owed by a burst under way.
    burst_left: u64,
}

/// The rules in force, the dice, and what was injected.
pub struct Faults {
    seed: u64,
    rng: StdRng,
    rules: Vec<LiveRule>,
    next_id: u64,
    counters: BTreeMap<&'static str, u64>,
}

impl Faults {
    pub fn new(config: FaultConfig) -> Self {
        let mut faults = Self {
            seed: config.seed,
            rng: StdRng::seed_from_u64(config.seed),
            rules: Vec::new(),
            next_id: 1,
            counters: BTreeMap::new(),
        };
        faults.replace(config);
        faults
    }

    /// Replaces every rule, reseeds the dice and zeroes the counters.
    pub fn replace(&mut self, config: FaultConfig) {
        self.seed = config.seed;
        self.rng = StdRng::seed_from_u64(config.seed);
        self.rules.clear();
        self.counters.clear();
        for rule in config.rules {
            self.add(rule);
        }
    }

    pub fn add(&mut self, rule: FaultRule) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.rules.push(LiveRule {
            id,
            rule,
            injected: 0,
            burst_left: 0,
        });
        id
    }

    pub fn remove(&mut self, id: u64) -> bool {
        let before = self.rules.len();
        self.rules.retain(|r| r.id != id);
        self.rules.len() != before
    }

    /// Rolls the dice for one request: latency rules add up; the first other rule that fires
    /// decides the outcome.
    pub fn decide(&mut self, method: &str, path: &str) -> Decision {
        let mut decision = Decision::default();
        for live in self.rules.iter_mut() {
            if !live.rule.matches(method, path)
                || live.rule.times.is_some_and(|t| live.injected >= t)
            {
                continue;
            }
            let is_latency = matches!(live.rule.kind, FaultKind::Latency { .. });
            if decision.outcome.is_some() && !is_latency {
                continue;
            }
            let bursting = live.burst_left > 0;
            if !bursting && self.rng.random::<f64>() >= live.rule.rate {
                continue;
            }
            live.injected += 1;
            *self.counters.entry(live.rule.kind.name()).or_default() += 1;
            match &live.rule.kind {
                FaultKind::Latency {
                    latency_ms,
                    jitter_ms,
                } => {
                    let jitter = if *jitter_ms > 0 {
                        self.rng.random_range(0..=2 * jitter_ms) as i64 - *jitter_ms as i64
                    } else {
                        0
                    };
                    decision.delay_ms += (*latency_ms as i64 + jitter).max(0) as u64;
                }
                FaultKind::RateLimit { burst, .. } => {
                    live.burst_left = if bursting {
                        live.burst_left - 1
                    } else {
                        burst - 1
                    };
                    decision.outcome = Some(live.rule.kind.clone());
                }
                other => decision.outcome = Some(other.clone()),
            }
        }
        decision
    }

    /// The control endpoint's view: seed, rules with their ids and counts, totals per kind.
    pub fn report(&self) -> serde_json::Value {
        let rules: Vec<serde_json::Value> = self
            .rules
            .iter()
            .map(|r| {
                let mut v = serde_json::to_value(&r.rule).unwrap_or_default();
                v["id"] = r.id.into();
                v["injected"] = r.injected.into();
                v
            })
            .collect();
        let mut counters = serde_json::Map::new();
        for kind in ["latency", "error", "rate_limit", "drop", "lose_response"] {
            counters.insert(
                kind.into(),
                self.counters.get(kind).copied().unwrap_or(0).into(),
            );
        }
        serde_json::json!({ "seed": self.seed, "rules": rules, "counters": counters })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(path: &str, kind: FaultKind, rate: f64) -> FaultRule {
        FaultRule {
            method: None,
            path: path.into(),
            kind,
            rate,
            times: None,
        }
    }

    #[test]
    fn a_config_names_its_first_bad_rule_and_field() {
        let good = rule("/a", FaultKind::Drop, 0.5);
        let mut config = FaultConfig {
            seed: 1,
            rules: vec![
                good.clone(),
                rule("/b", FaultKind::Error { status: 404 }, 1.0),
            ],
        };
        assert_eq!(
            config.problem().as_deref(),
            Some("fault rule 2 (path \"/b\"): status: must be 500, 502 or 503")
        );
        config.rules[1] = FaultRule {
            method: Some("FETCH".into()),
            ..good.clone()
        };
        assert!(config.problem().unwrap().contains("method:"));
        config.rules[1] = good;
        assert_eq!(config.problem(), None);
    }

    #[test]
    fn globs_match_runs_and_single_characters() {
        assert!(glob(b"/api/*/contacts*", b"/api/v1/secure/contacts/abc"));
        assert!(glob(b"/a?c", b"/abc"));
        assert!(!glob(b"/a?c", b"/ac"));
        assert!(!glob(
            b"/api/v1/secure/contacts",
            b"/api/v1/secure/contacts/1"
        ));
    }

    #[test]
    fn the_same_seed_fires_on_the_same_requests() {
        let run = |seed| {
            let mut f = Faults::new(FaultConfig {
                seed,
                rules: vec![rule("*", FaultKind::Error { status: 503 }, 0.3)],
            });
            (0..200)
                .map(|_| f.decide("GET", "/x").outcome.is_some())
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        let fired = run(7).iter().filter(|b| **b).count();
        assert!((30..90).contains(&fired), "{fired}");
    }

    #[test]
    fn a_rate_limit_burst_answers_the_following_requests_too() {
        let mut f = Faults::new(FaultConfig {
            seed: 1,
            rules: vec![FaultRule {
                times: Some(3),
                ..rule(
                    "/x",
                    FaultKind::RateLimit {
                        burst: 3,
                        retry_after: 2,
                    },
                    1.0,
                )
            }],
        });
        let outcomes: Vec<bool> = (0..5)
            .map(|_| f.decide("GET", "/x").outcome.is_some())
            .collect();
        assert_eq!(outcomes, [true, true, true, false, false]);
        assert_eq!(f.report()["counters"]["rate_limit"], 3);
    }
}

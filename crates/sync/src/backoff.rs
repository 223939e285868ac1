//! Retry timing for 429, 5xx and network errors: exponential backoff with full jitter, capped,
//! and never sooner than the server's `Retry-After`.

use std::time::Duration;

use rand::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackoffPolicy {
    /// Delay ceiling of the first retry.
    pub base: Duration,
    /// No retry waits longer than this (except when the server asks for longer).
    pub cap: Duration,
    /// After this many attempts the op is left failed for the next run.
    pub max_attempts: u32,
}

impl Default for BackoffPolicy {
    fn default() -> Self {
        Self {
            base: Duration::from_millis(250),
            cap: Duration::from_secs(60),
            max_attempts: 8,
        }
    }
}

impl BackoffPolicy {
    /// The delay before retry number `attempt` (1 = first retry), or `None` when the attempts
    /// are used up. `retry_after` is the server's `Retry-After`, which always wins when longer.
    pub fn delay(
        &self,
        attempt: u32,
        retry_after: Option<Duration>,
        rng: &mut impl Rng,
    ) -> Option<Duration> {
        if attempt == 0 || attempt > self.max_attempts {
            return None;
        }
        let exp = self
            .base
            .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)));
        let ceiling = exp.min(self.cap);
        // Full jitter: spread clients that failed together so they do not retry together.
        let jittered = Duration::from_millis(rng.random_range(0..=ceiling.as_millis() as u64));
        Some(match retry_after {
            Some(server) if server > jittered => server,
            _ => jittered,
        })
    }
}

/// Reads a `Retry-After` header value given in seconds (the form the platform uses).
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    #[test]
    fn delays_grow_and_stay_under_the_cap() {
        let policy = BackoffPolicy::default();
        let mut rng = StdRng::seed_from_u64(7);
        for attempt in 1..=policy.max_attempts {
            let ceiling = policy
                .base
                .saturating_mul(2u32.pow(attempt - 1))
                .min(policy.cap);
            for _ in 0..50 {
                let d = policy.delay(attempt, None, &mut rng).unwrap();
                assert!(d <= ceiling, "attempt {attempt}: {d:?} > {ceiling:?}");
            }
        }
    }

    #[test]
    fn jitter_spreads_the_delays() {
        let policy = BackoffPolicy::default();
        let mut rng = StdRng::seed_from_u64(1);
        let delays: std::collections::HashSet<_> = (0..20)
            .map(|_| policy.delay(6, None, &mut rng).unwrap())
            .collect();
        assert!(delays.len() > 10, "expected spread, got {delays:?}");
    }

    #[test]
    fn retry_after_is_honoured_when_longer() {
        let policy = BackoffPolicy::default();
        let mut rng = StdRng::seed_from_u64(3);
        let d = policy
            .delay(1, Some(Duration::from_secs(30)), &mut rng)
            .unwrap();
        assert_eq!(d, Duration::from_secs(30));
    }

    #[test]
    fn attempts_run_out() {
        let policy = BackoffPolicy::default();
        let mut rng = StdRng::seed_from_u64(3);
        assert!(policy
            .delay(policy.max_attempts + 1, None, &mut rng)
            .is_none());
        assert!(policy.delay(0, None, &mut rng).is_none());
    }

    #[test]
    fn retry_after_parses_seconds_only() {
        assert_eq!(parse_retry_after(" 12 "), Some(Duration::from_secs(12)));
        assert_eq!(parse_retry_after("soon"), None);
    }
}

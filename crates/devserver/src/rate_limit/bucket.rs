//! A token bucket: holds up to a minute's worth of requests and refills continuously, so a
//! user may burst up to the limit and then goes at the limit's pace.

use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct Policy {
    capacity: f64,
    per_second: f64,
}

impl Policy {
    /// `requests_per_minute` must be at least 1 (0 means no limiting, and no bucket).
    pub fn per_minute(requests_per_minute: u32) -> Self {
        let n = f64::from(requests_per_minute.max(1));
        Self {
            capacity: n,
            per_second: n / 60.0,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Bucket {
    tokens: f64,
    last: Instant,
}

impl Bucket {
    /// A full bucket.
    pub fn new(policy: Policy, now: Instant) -> Self {
        Self {
            tokens: policy.capacity,
            last: now,
        }
    }

    /// Takes one token, or says how long until one is there.
    pub fn take(&mut self, policy: Policy, now: Instant) -> Result<(), Duration> {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.tokens = (self.tokens + elapsed * policy.per_second).min(policy.capacity);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            return Ok(());
        }
        Err(Duration::from_secs_f64(
            (1.0 - self.tokens) / policy.per_second,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bursts_to_the_limit_then_refills_at_its_pace() {
        let policy = Policy::per_minute(6);
        let t0 = Instant::now();
        let mut b = Bucket::new(policy, t0);
        for _ in 0..6 {
            assert!(b.take(policy, t0).is_ok());
        }
        let wait = b.take(policy, t0).unwrap_err();
        assert_eq!(wait.as_secs(), 10, "one request every ten seconds");
        assert!(b.take(policy, t0 + Duration::from_secs(9)).is_err());
        assert!(b.take(policy, t0 + Duration::from_secs(10)).is_ok());
        assert!(b.take(policy, t0 + Duration::from_secs(10)).is_err());
        // A long pause refills to the limit, no further.
        let later = t0 + Duration::from_secs(3600);
        for _ in 0..6 {
            assert!(b.take(policy, later).is_ok());
        }
        assert!(b.take(policy, later).is_err());
    }
}

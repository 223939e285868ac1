//! Timestamps that strictly increase: the sync engine compares `updatedAt` to tell whether a
//! record changed, so two writes in the same millisecond must still get different stamps.

use std::sync::Mutex;

use chrono::{DateTime, Duration, SecondsFormat, Utc};

#[derive(Default)]
pub struct Clock {
    /// The last stamp handed out, in whole milliseconds (the precision of the stamps).
    last_ms: Mutex<i64>,
}

impl Clock {
    /// A clock whose next stamp is later than `last_ms` (the last one handed out before a
    /// restart).
    pub fn resume(last_ms: i64) -> Self {
        Self {
            last_ms: Mutex::new(last_ms),
        }
    }

    /// The last stamp handed out, in ms since the epoch (0 before the first).
    pub fn last_ms(&self) -> i64 {
        *self.last_ms.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn now(&self) -> DateTime<Utc> {
        let mut last = self.last_ms.lock().unwrap_or_else(|p| p.into_inner());
        let ms = Utc::now().timestamp_millis().max(*last + 1);
        *last = ms;
        DateTime::<Utc>::UNIX_EPOCH + Duration::milliseconds(ms)
    }

    pub fn stamp(&self) -> String {
        self.now().to_rfc3339_opts(SecondsFormat::Millis, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_strictly_increase() {
        let clock = Clock::default();
        let stamps: Vec<String> = (0..500).map(|_| clock.stamp()).collect();
        assert!(stamps.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_resumed_clock_stays_ahead_of_its_past() {
        let ahead = Utc::now().timestamp_millis() + 60_000;
        let clock = Clock::resume(ahead);
        assert!(clock.now().timestamp_millis() > ahead);
    }
}

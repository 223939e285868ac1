//! Throttles on second-factor codes, behind the 429 the seed documents for `2fa/verify`,
//! `2fa/use-backup`, `2fa/disable` and `2fa/send-code` (its numbers are not in the seed; these
//! are the devserver's, kept modest so that a person mistyping a code is never locked out for
//! long and the test suites, which fail at most a few codes per user, never reach them):
//!
//! - Failed codes are counted per user across verify, use-backup and disable: after
//!   [`MAX_FAILURES`] failures within [`FAILURE_WINDOW`], every further attempt (right or wrong)
//!   is 429 until the oldest of them leaves the window. A 6-digit code guessed 5 times in
//!   15 minutes is not a brute force. A success forgets the failures.
//! - `send-code` waits [`RESEND_COOLDOWN`] between two sends of the same method to the same
//!   user (a resend too soon is 429), so a loop cannot flood a phone or an inbox. Only
//!   `send-code` counts: `enable/{method}` sends its own first code and is not throttled.
//!
//! Counted in memory (like the sent codes): a restart forgets them.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use crate::error::ApiError;

/// Failed codes a user may enter within [`FAILURE_WINDOW`] before attempts are refused.
pub const MAX_FAILURES: usize = 5;
/// How long a failed code counts.
pub const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// The shortest time between two `send-code` sends of one method to one user.
pub const RESEND_COOLDOWN: Duration = Duration::from_secs(30);

#[derive(Debug, Default)]
pub struct CodeThrottle {
    /// The failures of each user still in the window, oldest first.
    failures: HashMap<String, VecDeque<Instant>>,
    /// The last `send-code` send by (user, method).
    sends: HashMap<(String, String), Instant>,
}

impl CodeThrottle {
    /// Whether `user_id` may try a code now; `Err(how long to wait)` when locked out.
    pub fn may_attempt(&mut self, user_id: &str, now: Instant) -> Result<(), Duration> {
        let Some(failures) = self.failures.get_mut(user_id) else {
            return Ok(());
        };
        while failures
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= FAILURE_WINDOW)
        {
            failures.pop_front();
        }
        if failures.len() < MAX_FAILURES {
            return Ok(());
        }
        let oldest = failures[failures.len() - MAX_FAILURES];
        Err(FAILURE_WINDOW.saturating_sub(now.saturating_duration_since(oldest)))
    }

    pub fn failed(&mut self, user_id: &str, now: Instant) {
        self.failures
            .entry(user_id.to_string())
            .or_default()
            .push_back(now);
    }

    pub fn succeeded(&mut self, user_id: &str) {
        self.failures.remove(user_id);
    }

    /// Counts a `send-code` send of `method` to `user_id`, or says how long until one may go.
    pub fn may_send(&mut self, user_id: &str, method: &str, now: Instant) -> Result<(), Duration> {
        let key = (user_id.to_string(), method.to_string());
        if let Some(last) = self.sends.get(&key) {
            let since = now.saturating_duration_since(*last);
            if since < RESEND_COOLDOWN {
                return Err(RESEND_COOLDOWN - since);
            }
        }
        self.sends.insert(key, now);
        Ok(())
    }
}

/// Whole seconds for `Retry-After`, rounded up and at least 1.
pub fn retry_after_secs(wait: Duration) -> u64 {
    wait.as_secs_f64().ceil().max(1.0) as u64
}

/// The 429 of a user locked out after too many failed codes.
pub fn locked_out(wait: Duration) -> ApiError {
    let secs = retry_after_secs(wait);
    ApiError::too_many(
        "TOO_MANY_ATTEMPTS",
        format!("Too many wrong codes; try again in {secs} s"),
        secs,
    )
}

/// The 429 of a `send-code` within the cooldown.
pub fn resend_too_soon(wait: Duration) -> ApiError {
    let secs = retry_after_secs(wait);
    ApiError::too_many(
        "TOO_MANY_REQUESTS",
        format!("A code was sent moments ago; a new one can be sent in {secs} s"),
        secs,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEC: Duration = Duration::from_secs(1);

    #[test]
    fn five_failures_lock_out_until_the_oldest_leaves_the_window() {
        let mut t = CodeThrottle::default();
        let t0 = Instant::now();
        for i in 0..MAX_FAILURES as u32 {
            assert!(t.may_attempt("u", t0 + i * SEC).is_ok());
            t.failed("u", t0 + i * SEC);
        }
        let wait = t.may_attempt("u", t0 + 10 * SEC).unwrap_err();
        assert_eq!(wait, FAILURE_WINDOW - 10 * SEC);
        assert_eq!(retry_after_secs(wait), 890);
        assert!(t.may_attempt("someone-else", t0 + 10 * SEC).is_ok());
        assert!(t.may_attempt("u", t0 + FAILURE_WINDOW - SEC).is_err());
        // The oldest failure has left the window: one more attempt, then locked again.
        assert!(t.may_attempt("u", t0 + FAILURE_WINDOW).is_ok());
        t.failed("u", t0 + FAILURE_WINDOW);
        let wait = t.may_attempt("u", t0 + FAILURE_WINDOW).unwrap_err();
        assert_eq!(wait, SEC);
    }

    #[test]
    fn a_success_forgets_the_failures() {
        let mut t = CodeThrottle::default();
        let t0 = Instant::now();
        for _ in 0..MAX_FAILURES - 1 {
            t.failed("u", t0);
        }
        t.succeeded("u");
        for _ in 0..MAX_FAILURES - 1 {
            t.failed("u", t0);
        }
        assert!(t.may_attempt("u", t0).is_ok());
        t.failed("u", t0);
        assert!(t.may_attempt("u", t0).is_err());
    }

    #[test]
    fn a_resend_waits_for_the_cooldown_per_method() {
        let mut t = CodeThrottle::default();
        let t0 = Instant::now();
        assert!(t.may_send("u", "sms", t0).is_ok());
        assert_eq!(
            t.may_send("u", "sms", t0 + 10 * SEC),
            Err(RESEND_COOLDOWN - 10 * SEC)
        );
        assert!(t.may_send("u", "email", t0 + 10 * SEC).is_ok());
        assert!(t.may_send("v", "sms", t0 + 10 * SEC).is_ok());
        // A refused send does not restart the cooldown.
        assert!(t.may_send("u", "sms", t0 + RESEND_COOLDOWN).is_ok());
    }
}

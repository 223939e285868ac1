//! Local settings of the replica (sync interval, entry window, theme). Never secrets: tokens and
//! passwords belong in the OS keychain, so keys that look like one are refused.

use rusqlite::{params, OptionalExtension};

use crate::error::{ReplicaError, Result};
use crate::open::Replica;

const SECRET_WORDS: [&str; 6] = [
    "token",
    "password",
    "secret",
    "credential",
    "apikey",
    "api_key",
];

fn check_key(key: &str) -> Result<()> {
    if key.is_empty() {
        return Err(ReplicaError::invalid("key", "must not be empty"));
    }
    let lower = key.to_lowercase();
    if SECRET_WORDS.iter().any(|w| lower.contains(w)) {
        return Err(ReplicaError::invalid(
            "key",
            "secrets are never stored in the replica",
        ));
    }
    Ok(())
}

impl Replica {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        check_key(key)?;
        self.conn()
            .prepare_cached("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")?
            .execute(params![key, value])?;
        Ok(())
    }

    pub fn remove_setting(&self, key: &str) -> Result<()> {
        self.conn()
            .prepare_cached("DELETE FROM settings WHERE key = ?1")?
            .execute([key])?;
        Ok(())
    }

    /// A setting parsed as `T`, or `default` when unset or unreadable.
    pub fn setting_or<T: std::str::FromStr>(&self, key: &str, default: T) -> Result<T> {
        Ok(self
            .setting(key)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(default))
    }
}

#[cfg(test)]
mod tests {
    use crate::Replica;

    #[test]
    fn settings_round_trip_and_refuse_secrets() {
        let dir = tempfile::tempdir().unwrap();
        let replica = Replica::open(dir.path().join("r.db")).unwrap();
        assert_eq!(replica.setting("sync.interval_secs").unwrap(), None);
        assert_eq!(
            replica.setting_or("sync.interval_secs", 300u32).unwrap(),
            300
        );
        replica.set_setting("sync.interval_secs", "60").unwrap();
        replica.set_setting("sync.interval_secs", "90").unwrap();
        assert_eq!(
            replica.setting_or("sync.interval_secs", 300u32).unwrap(),
            90
        );
        for key in ["auth.refreshToken", "user.password", "api_key"] {
            let err = replica.set_setting(key, "x").unwrap_err();
            assert_eq!(err.code(), "invalid");
        }
        replica.remove_setting("sync.interval_secs").unwrap();
        assert_eq!(replica.setting("sync.interval_secs").unwrap(), None);
    }
}

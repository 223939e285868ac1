//! Secrets at rest: the devserver keeps no password, token or backup code as it was given, only
//! digests to check them against.
//!
//! - Passwords and backup codes: SHA-256 over a random per-secret salt and the secret
//!   ([`SaltedHash`]). A production platform would use a slow KDF (argon2, PBKDF2) so a stolen
//!   database cannot be brute-forced cheaply; this is a development server whose demo seeds
//!   thousands of users on every start with the same well-known password, so a slow KDF would
//!   only make starting and the tests slow without protecting anything real. The salt still
//!   keeps equal passwords from having equal hashes and rules out precomputed tables.
//! - Access and refresh tokens: keyed by their SHA-256 ([`token_digest`]), unsalted: they are
//!   192 random bits, so no guessing attack on the digest is possible, and an unsalted digest
//!   can be looked up directly. The token itself goes to the client once and is never stored.

use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A salted SHA-256 of a secret, both hex.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SaltedHash {
    salt: String,
    sha256: String,
}

impl SaltedHash {
    /// The hash of `secret` under a new random salt.
    pub fn new(secret: &str) -> Self {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt = data_encoding::HEXLOWER.encode(&salt);
        let sha256 = salted(&salt, secret);
        Self { salt, sha256 }
    }

    /// Whether `secret` is the one hashed, comparing in constant time.
    pub fn matches(&self, secret: &str) -> bool {
        constant_time_eq(
            salted(&self.salt, secret).as_bytes(),
            self.sha256.as_bytes(),
        )
    }
}

fn salted(salt: &str, secret: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update([0u8]);
    h.update(secret.as_bytes());
    data_encoding::HEXLOWER.encode(&h.finalize())
}

/// The key a token is stored under: its SHA-256, hex.
pub fn token_digest(token: &str) -> String {
    data_encoding::HEXLOWER.encode(&Sha256::digest(token.as_bytes()))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_matches_its_secret_only_and_salts_differ() {
        let a = SaltedHash::new("outpost-demo");
        let b = SaltedHash::new("outpost-demo");
        assert!(a.matches("outpost-demo"));
        assert!(!a.matches("outpost-demO"));
        assert!(!a.matches(""));
        assert_ne!(a.sha256, b.sha256, "equal secrets hash apart");
        let json = serde_json::to_string(&a).unwrap();
        assert!(!json.contains("outpost-demo"), "{json}");
    }

    #[test]
    fn token_digests_are_stable_and_hide_the_token() {
        assert_eq!(token_digest("dev_at_x"), token_digest("dev_at_x"));
        assert_ne!(token_digest("dev_at_x"), token_digest("dev_at_y"));
        assert!(!token_digest("dev_at_x").contains("dev_at_x"));
    }
}

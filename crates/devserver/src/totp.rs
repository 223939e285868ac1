//! TOTP (RFC 6238): HMAC-SHA1 over 30-second steps, 6 digits. The devserver checks codes with
//! it, and tests and the demo compute the current code with [`code_at`].

use hmac::{Hmac, Mac};
use sha1::Sha1;

const STEP_SECS: u64 = 30;
const DIGITS: u32 = 6;

/// A new random secret, base32 as authenticator apps take it.
pub fn new_secret() -> String {
    let bytes: [u8; 20] = rand::random();
    data_encoding::BASE32_NOPAD.encode(&bytes)
}

/// The code for `secret` (base32) at `unix_secs`.
pub fn code_at(secret: &str, unix_secs: u64) -> Option<String> {
    let key = data_encoding::BASE32_NOPAD
        .decode(secret.trim_end_matches('=').as_bytes())
        .ok()?;
    Some(hotp(&key, unix_secs / STEP_SECS))
}

fn hotp(key: &[u8], counter: u64) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[19] & 0x0f) as usize;
    let value = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!(
        "{:0width$}",
        value % 10u32.pow(DIGITS),
        width = DIGITS as usize
    )
}

/// Accepts the current step and one step either side (clock drift between phone and server).
pub fn verify(secret: &str, code: &str, unix_secs: u64) -> bool {
    [
        unix_secs.saturating_sub(STEP_SECS),
        unix_secs,
        unix_secs + STEP_SECS,
    ]
    .iter()
    .any(|t| code_at(secret, *t).as_deref() == Some(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 rows (8 digits there; the last 6 here).
    #[test]
    fn rfc_6238_test_vectors() {
        let secret = data_encoding::BASE32_NOPAD.encode(b"12345678901234567890");
        for (t, eight) in [
            (59u64, "94287082"),
            (1111111109, "07081804"),
            (1111111111, "14050471"),
            (1234567890, "89005924"),
            (2000000000, "69279037"),
        ] {
            assert_eq!(code_at(&secret, t).unwrap(), eight[2..], "t = {t}");
        }
    }

    #[test]
    fn neighbouring_steps_are_accepted_and_others_not() {
        let secret = new_secret();
        let now = 1_800_000_000;
        assert!(verify(&secret, &code_at(&secret, now - 30).unwrap(), now));
        assert!(verify(&secret, &code_at(&secret, now + 30).unwrap(), now));
        assert!(!verify(&secret, &code_at(&secret, now - 120).unwrap(), now));
        assert!(!verify(&secret, "12345", now));
    }
}

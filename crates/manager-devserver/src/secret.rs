//! Tokens: made from the OS's randomness (or a demo's seeded generator), stored only as their
//! SHA-256, recognised by a short prefix.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// Prefix of personal access tokens.
pub const PAT_PREFIX: &str = "mpat_";
/// Prefix of generated machine-user tokens.
pub const MACHINE_PREFIX: &str = "mmu_";
/// How many characters of a token its `tokenPrefix` shows: the kind and 6 more.
const SHOWN: usize = 6;

/// SHA-256 of a secret, in lower-case hex: what is stored in place of the secret.
pub fn hash(secret: &str) -> String {
    data_encoding::HEXLOWER.encode(&Sha256::digest(secret.as_bytes()))
}

/// A new token: the prefix and 32 random bytes in unpadded base32 (lower case).
pub fn token(prefix: &str, rng: &mut dyn RngCore) -> String {
    let mut bytes = [0u8; 32];
    rng.fill_bytes(&mut bytes);
    format!(
        "{prefix}{}",
        data_encoding::BASE32_NOPAD
            .encode(&bytes)
            .to_ascii_lowercase()
    )
}

/// The part of a token that is shown after it was created.
pub fn prefix_of(token: &str) -> String {
    let kind = token.find('_').map_or(0, |i| i + 1);
    token.chars().take(kind + SHOWN).collect()
}

/// Is `text` the hex SHA-256 a client gives as a machine user's `hashedKey`?
pub fn is_hex_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

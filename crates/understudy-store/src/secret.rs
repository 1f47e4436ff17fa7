//! API key secrets: how they are made, read and hashed. Pure functions,
//! so the format is tested without a database.
//!
//! A secret reads `us_<key id>_<random>`: the key id (12 hex digits) lets
//! the store find the row without scanning, and the random part (32 bytes
//! from the operating system, as 64 hex digits) is what makes it secret.

use rand::TryRng;
use rand::rngs::{SysError, SysRng};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

const PREFIX: &str = "us_";
const KEY_ID_BYTES: usize = 6;
const RANDOM_BYTES: usize = 32;

/// A freshly made secret and the key id inside it.
pub(crate) struct Minted {
    pub key_id: String,
    pub secret: String,
}

/// Makes a new key id and secret from the operating system's CSPRNG.
pub(crate) fn mint() -> Result<Minted, SysError> {
    let mut key_id = [0u8; KEY_ID_BYTES];
    let mut random = [0u8; RANDOM_BYTES];
    fill(&mut key_id)?;
    fill(&mut random)?;

    let key_id = hex(&key_id);
    let secret = format!("{PREFIX}{key_id}_{}", hex(&random));
    Ok(Minted { key_id, secret })
}

/// The key id a well-formed secret carries; `None` for anything else.
pub(crate) fn key_id_of(secret: &str) -> Option<&str> {
    let rest = secret.strip_prefix(PREFIX)?;
    let (key_id, random) = rest.split_once('_')?;

    let well_formed =
        is_lower_hex(key_id, KEY_ID_BYTES * 2) && is_lower_hex(random, RANDOM_BYTES * 2);
    well_formed.then_some(key_id)
}

/// The stored form of a secret: its SHA-256, in hex.
pub(crate) fn hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// Whether `secret` hashes to `stored`, in time that does not depend on
/// where the two first differ.
pub(crate) fn matches(secret: &str, stored: &str) -> bool {
    hash(secret).as_bytes().ct_eq(stored.as_bytes()).into()
}

fn fill(bytes: &mut [u8]) -> Result<(), SysError> {
    SysRng.try_fill_bytes(bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn is_lower_hex(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mints_a_secret_that_carries_its_key_id() {
        let minted = mint().unwrap();

        assert_eq!(minted.key_id.len(), 12);
        assert_eq!(minted.secret.len(), 3 + 12 + 1 + 64);
        assert!(minted.secret.starts_with(&format!("us_{}_", minted.key_id)));
        assert_eq!(key_id_of(&minted.secret), Some(minted.key_id.as_str()));
    }

    #[test]
    fn mints_a_different_secret_each_time() {
        let first = mint().unwrap();
        let second = mint().unwrap();

        assert_ne!(first.key_id, second.key_id);
        assert_ne!(first.secret, second.secret);
    }

    #[test]
    fn finds_no_key_id_in_a_malformed_secret() {
        let random = "ab".repeat(32);

        assert_eq!(key_id_of(""), None);
        assert_eq!(key_id_of(&format!("xx_0123456789ab_{random}")), None);
        assert_eq!(key_id_of(&format!("us_0123456789AB_{random}")), None);
        assert_eq!(key_id_of(&format!("us_0123456789a_{random}")), None);
        assert_eq!(key_id_of("us_0123456789ab_abcd"), None);
        assert_eq!(key_id_of(&format!("us_0123456789ab{random}")), None);
        assert_eq!(
            key_id_of(&format!("us_0123456789ab_{random}")),
            Some("0123456789ab")
        );
    }

    #[test]
    fn hashes_with_sha256() {
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn matches_only_the_secret_that_was_hashed() {
        let stored = hash("us_0123456789ab_secret");

        assert!(matches("us_0123456789ab_secret", &stored));
        assert!(!matches("us_0123456789ab_secreT", &stored));
        assert!(!matches("us_0123456789ab_secret", ""));
    }
}

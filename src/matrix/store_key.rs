//! The key that unlocks the encrypted Matrix store.
//!
//! matrix-sdk keeps four SQLite databases (state, encryption keys, event cache, media), each
//! with its own cipher sealed by the store secret. Given a passphrase, it stretches it with
//! PBKDF2-SHA256 (200 000 rounds, ≈ 45 ms of CPU) once per database, at every start: four
//! derivations before the bot can read a single event. Concerto stretches the passphrase once,
//! with the same function and rounds and a random salt of its own, and hands the resulting key
//! to the four databases: the store stays encrypted just as strongly, for a quarter of the work.
//!
//! The salt lives in `store-key.json` beside the store (it is not secret; `concerto backup`
//! carries it). A Matrix store made before this file existed was sealed with the passphrase
//! itself: it keeps being opened that way, since a sealed cipher cannot be re-keyed through
//! the SDK.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::Zeroizing;

/// The salt and rounds of the store key, in the data directory.
pub const STORE_KEY_FILE: &str = "store-key.json";
/// matrix-sdk's own strength for a store passphrase.
const ROUNDS: u32 = 200_000;
const SALT_BYTES: usize = 16;

#[derive(Debug, thiserror::Error)]
pub enum StoreKeyError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is damaged ({reason}); restore it from a backup")]
    Damaged { path: String, reason: String },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("no randomness available for the store key's salt: {0}")]
    Random(getrandom::Error),
}

/// How the Matrix store is unlocked.
pub enum StoreSecret {
    /// A key stretched once from the passphrase.
    Key(Zeroizing<[u8; 32]>),
    /// A store from before `store-key.json`: the SDK stretches the passphrase itself.
    Passphrase,
}

#[derive(Serialize, Deserialize)]
struct KeyParameters {
    kdf: String,
    rounds: u32,
    /// Hexadecimal.
    salt: String,
}

const KDF_NAME: &str = "pbkdf2-sha256";

/// Reads (or, for a new store, creates) the key parameters and derives the store's key.
pub fn store_secret(
    data_dir: &Path,
    store_dir: &Path,
    passphrase: &str,
) -> Result<StoreSecret, StoreKeyError> {
    let path = data_dir.join(STORE_KEY_FILE);
    let parameters = match fs::read_to_string(&path) {
        Ok(text) => parse(&text).map_err(|reason| StoreKeyError::Damaged {
            path: path.display().to_string(),
            reason,
        })?,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            if holds_a_store(store_dir) {
                return Ok(StoreSecret::Passphrase);
            }
            let parameters = new_parameters()?;
            write_private(&path, &parameters)?;
            parameters
        }
        Err(source) => {
            return Err(StoreKeyError::Read {
                path: path.display().to_string(),
                source,
            });
        }
    };
    Ok(StoreSecret::Key(derive(passphrase, &parameters)))
}

fn parse(text: &str) -> Result<(Vec<u8>, u32), String> {
    let parameters: KeyParameters = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if parameters.kdf != KDF_NAME {
        return Err(format!("unknown key function {}", parameters.kdf));
    }
    if parameters.rounds == 0 {
        return Err("zero rounds".to_owned());
    }
    let salt = hex::decode(&parameters.salt)
        .ok()
        .filter(|salt| !salt.is_empty())
        .ok_or("the salt is not hexadecimal")?;
    Ok((salt, parameters.rounds))
}

fn new_parameters() -> Result<(Vec<u8>, u32), StoreKeyError> {
    let mut salt = [0u8; SALT_BYTES];
    getrandom::fill(&mut salt).map_err(StoreKeyError::Random)?;
    Ok((salt.to_vec(), ROUNDS))
}

fn derive(passphrase: &str, (salt, rounds): &(Vec<u8>, u32)) -> Zeroizing<[u8; 32]> {
    let mut key = Zeroizing::new([0u8; 32]);
    pbkdf2::pbkdf2_hmac::<Sha256>(passphrase.as_bytes(), salt, *rounds, key.as_mut());
    key
}

/// Whether the SDK already made a store there (sealed with the passphrase, then).
fn holds_a_store(store_dir: &Path) -> bool {
    fs::read_dir(store_dir).is_ok_and(|mut entries| {
        entries.any(|entry| {
            entry.is_ok_and(|entry| entry.file_name().to_string_lossy().ends_with(".sqlite3"))
        })
    })
}

fn write_private(path: &Path, (salt, rounds): &(Vec<u8>, u32)) -> Result<(), StoreKeyError> {
    let text = serde_json::to_string_pretty(&KeyParameters {
        kdf: KDF_NAME.to_owned(),
        rounds: *rounds,
        salt: hex::encode(salt),
    })
    .unwrap_or_default();
    super::files::write_private_file(path, text.as_bytes()).map_err(|source| StoreKeyError::Write {
        path: path.display().to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_of(secret: StoreSecret) -> [u8; 32] {
        match secret {
            StoreSecret::Key(key) => *key,
            StoreSecret::Passphrase => panic!("expected a key"),
        }
    }

    #[test]
    fn a_new_store_gets_a_salt_and_the_same_key_at_every_start() {
        let data = tempfile::tempdir().expect("dir");
        let store = data.path().join("matrix-store");
        let first = key_of(store_secret(data.path(), &store, "correct horse").expect("first"));
        let again = key_of(store_secret(data.path(), &store, "correct horse").expect("again"));
        assert_eq!(first, again);
        let other = key_of(store_secret(data.path(), &store, "battery staple").expect("other"));
        assert_ne!(first, other, "another passphrase gives another key");
        let text = fs::read_to_string(data.path().join(STORE_KEY_FILE)).expect("file");
        assert!(text.contains("\"rounds\": 200000"), "{text}");
        assert!(!text.contains("correct horse"), "{text}");
    }

    #[test]
    fn two_stores_get_different_salts_so_different_keys() {
        let (one, two) = (
            tempfile::tempdir().expect("dir"),
            tempfile::tempdir().expect("dir"),
        );
        let key_one = key_of(store_secret(one.path(), &one.path().join("s"), "same").expect("1"));
        let key_two = key_of(store_secret(two.path(), &two.path().join("s"), "same").expect("2"));
        assert_ne!(key_one, key_two);
    }

    #[test]
    fn a_store_from_before_the_key_file_keeps_its_passphrase() {
        let data = tempfile::tempdir().expect("dir");
        let store = data.path().join("matrix-store");
        fs::create_dir_all(&store).expect("dir");
        fs::write(store.join("matrix-sdk-state.sqlite3"), b"").expect("db");
        let secret = store_secret(data.path(), &store, "pass").expect("secret");
        assert!(matches!(secret, StoreSecret::Passphrase));
        assert!(!data.path().join(STORE_KEY_FILE).exists());
    }

    #[test]
    fn a_damaged_key_file_is_an_error_not_a_new_key() {
        let data = tempfile::tempdir().expect("dir");
        let path = data.path().join(STORE_KEY_FILE);
        for damaged in [
            "not json",
            r#"{"kdf":"md5","rounds":1,"salt":"00"}"#,
            r#"{"kdf":"pbkdf2-sha256","rounds":200000,"salt":"zz"}"#,
            r#"{"kdf":"pbkdf2-sha256","rounds":0,"salt":"00"}"#,
        ] {
            fs::write(&path, damaged).expect("write");
            let result = store_secret(data.path(), &data.path().join("s"), "pass");
            assert!(
                matches!(result, Err(StoreKeyError::Damaged { .. })),
                "{damaged}"
            );
        }
    }

    #[test]
    fn the_key_is_pbkdf2_sha256_of_the_passphrase() {
        // RFC 7914 §11's PBKDF2-HMAC-SHA256 test vector ("passwd", "salt", 1 round).
        let key = derive("passwd", &(b"salt".to_vec(), 1));
        assert_eq!(
            hex::encode(&key[..]),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        );
    }
}

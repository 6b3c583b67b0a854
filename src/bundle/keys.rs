//! Signing keys in the minisign formats, and deterministic minisign signatures.
//!
//! Key pairs are made and read with the `minisign` crate, so `minisign -V` and any minisign tool
//! accept them. Signatures are computed here with ed25519-dalek over minisign's prehashed format
//! (`ED`: Ed25519 over BLAKE2b-512 of the data; the global signature covers the signature and the
//! trusted comment), because the crate adds random noise to each signature while a bundle must be
//! byte-identical for the same inputs. Ed25519 itself is deterministic (RFC 8032).

use std::path::{Path, PathBuf};

use base64::Engine;
use blake2::{Blake2b512, Digest};
use ed25519_dalek::{Signer, SigningKey};

use crate::error::{Error, Result};

/// File names of a key pair.
pub const SECRET_FILE: &str = "jianbao.key";
/// File name of the public key.
pub const PUBLIC_FILE: &str = "jianbao.pub";

fn key_err(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Key { path: path.to_path_buf(), reason: e.to_string() }
}

/// The key ID as minisign prints it: the 8-byte key number as a little-endian number, in hex.
pub fn key_id(keynum: &[u8]) -> String {
    let mut b = [0u8; 8];
    b.copy_from_slice(&keynum[..8]);
    format!("{:016X}", u64::from_le_bytes(b))
}

/// Makes a key pair in `dir` (`jianbao.key` readable by its owner only, `jianbao.pub`); returns the
/// key ID. An existing key is never overwritten.
pub fn keygen(dir: &Path, password: Option<String>) -> Result<String> {
    let sk_path = dir.join(SECRET_FILE);
    let pk_path = dir.join(PUBLIC_FILE);
    if sk_path.exists() || pk_path.exists() {
        return Err(Error::KeyExists { path: sk_path });
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    // An empty password keeps the key unencrypted but still writes its checksum (the crate's
    // `generate_unencrypted_keypair` leaves the checksum out, which no reader accepts).
    let kp = minisign::KeyPair::generate_encrypted_keypair(Some(password.unwrap_or_default()))
        .map_err(|e| key_err(&sk_path, e))?;
    let id = key_id(kp.pk.keynum());
    let comment = format!("jianbao secret key {id}");
    let sk_box = kp.sk.to_box(Some(&comment)).map_err(|e| key_err(&sk_path, e))?;
    let pk_box = kp.pk.to_box().map_err(|e| key_err(&pk_path, e))?;
    crate::fsutil::write_atomic(&pk_path, pk_box.into_string().as_bytes())?;
    // Owner-only from the first byte: the temporary file is created 0600 and renamed as it is.
    crate::fsutil::write_atomic_private(&sk_path, sk_box.into_string().as_bytes())?;
    Ok(id)
}

/// A secret key ready to sign.
pub struct Signer25519 {
    signing: SigningKey,
    keynum: [u8; 8],
    /// The public key, minisign's text form.
    pub public: String,
}

impl std::fmt::Debug for Signer25519 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signer25519({})", self.id())
    }
}

impl Signer25519 {
    /// Reads a minisign secret key file (with its password when it has one).
    pub fn load(path: &Path, password: Option<String>) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let boxed = minisign::SecretKeyBox::from_string(&text).map_err(|e| key_err(path, e))?;
        // Never `None`: the crate would then prompt on the terminal. An empty password opens an
        // unencrypted key.
        let sk = boxed.into_secret_key(Some(password.unwrap_or_default())).map_err(|e| key_err(path, e))?;
        // Layout of the decrypted key: algorithms (6), salt (32), limits (16), key number (8),
        // Ed25519 secret key (seed 32 + public 32), checksum (32).
        let bytes = sk.to_bytes();
        if bytes.len() < 62 + 64 {
            return Err(key_err(path, "secret key too short"));
        }
        let mut seed = [0u8; 32];
        seed.copy_from_slice(&bytes[62..94]);
        let signing = SigningKey::from_bytes(&seed);
        if signing.verifying_key().as_bytes() != &bytes[94..126] {
            return Err(key_err(path, "the secret key does not match its public half (wrong password?)"));
        }
        let mut keynum = [0u8; 8];
        keynum.copy_from_slice(sk.keynum());
        let pk = minisign::PublicKey::from_secret_key(&sk).map_err(|e| key_err(path, e))?;
        let public = pk.to_box().map_err(|e| key_err(path, e))?.into_string();
        Ok(Signer25519 { signing, keynum, public })
    }

    /// The key ID.
    pub fn id(&self) -> String {
        key_id(&self.keynum)
    }

    /// A minisign signature file (prehashed) of `data` with the trusted comment.
    pub fn sign(&self, data: &[u8], trusted_comment: &str) -> String {
        let digest = Blake2b512::digest(data);
        let sig = self.signing.sign(&digest).to_bytes();
        let mut global_input = sig.to_vec();
        global_input.extend_from_slice(trusted_comment.as_bytes());
        let global = self.signing.sign(&global_input).to_bytes();
        let mut line = b"ED".to_vec();
        line.extend_from_slice(&self.keynum);
        line.extend_from_slice(&sig);
        let b64 = base64::engine::general_purpose::STANDARD;
        format!(
            "untrusted comment: signature from jianbao secret key {}\n{}\ntrusted comment: {}\n{}\n",
            self.id(),
            b64.encode(line),
            trusted_comment,
            b64.encode(global)
        )
    }
}

/// A public key read from a minisign `.pub` file or its text.
#[derive(Debug, Clone)]
pub struct PublicKey {
    key: minisign::PublicKey,
}

impl PublicKey {
    /// Parses minisign's public key text.
    pub fn parse(text: &str, origin: &Path) -> Result<Self> {
        let key = minisign::PublicKeyBox::from_string(text)
            .and_then(|b| b.into_public_key())
            .or_else(|_| minisign::PublicKey::from_base64(text.trim()))
            .map_err(|e| key_err(origin, e))?;
        Ok(PublicKey { key })
    }

    /// Reads a `.pub` file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&text, path)
    }

    /// The key ID.
    pub fn id(&self) -> String {
        key_id(self.key.keynum())
    }

    /// The whole public key (algorithm, key number and the 32-byte Ed25519 key), minisign's base64 —
    /// what identity is pinned to. The key ID alone is printed on paper and can be copied.
    pub fn base64(&self) -> String {
        self.key.to_base64()
    }

    /// A fingerprint to read over the phone: SHA-256 of the whole key, its first 16 bytes as eight
    /// groups of four hex digits (`3C4A A871 …`).
    pub fn fingerprint(&self) -> String {
        fingerprint_of(&self.base64())
    }

    /// Verifies a minisign signature of `data`; returns the trusted comment.
    pub fn verify(&self, data: &[u8], signature: &str) -> std::result::Result<String, String> {
        let sig = minisign::SignatureBox::from_string(signature).map_err(|e| e.to_string())?;
        if key_id(sig.keynum()) != self.id() {
            return Err(format!("signed by key {}, not {}", key_id(sig.keynum()), self.id()));
        }
        minisign::verify(&self.key, &sig, std::io::Cursor::new(data), true, false, false)
            .map_err(|e| e.to_string())?;
        sig.trusted_comment().map_err(|e| e.to_string())
    }
}

/// [`PublicKey::fingerprint`] of a key given as its base64 text.
pub fn fingerprint_of(base64_key: &str) -> String {
    use sha2::Digest as _;
    let d = sha2::Sha256::digest(base64_key.trim().as_bytes());
    d[..16].chunks(2).map(hex::encode_upper).collect::<Vec<_>>().join(" ")
}

/// A key ID grouped for reading: `3C4A A871 ADED 53CD`.
pub fn grouped(id: &str) -> String {
    id.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

/// The default key folder of a workspace.
pub fn default_dir(workspace: &Path) -> PathBuf {
    workspace.join("keys")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_signatures_verify_with_the_minisign_crate() {
        let dir = tempfile::tempdir().unwrap();
        let id = keygen(dir.path(), None).unwrap();
        let signer = Signer25519::load(&dir.path().join(SECRET_FILE), None).unwrap();
        assert_eq!(signer.id(), id);
        let a = signer.sign(b"tag manifest", "unit=x");
        assert_eq!(a, signer.sign(b"tag manifest", "unit=x"), "same input, same bytes");
        let pk = PublicKey::load(&dir.path().join(PUBLIC_FILE)).unwrap();
        assert_eq!(pk.verify(b"tag manifest", &a).unwrap(), "unit=x");
        assert!(pk.verify(b"tag manifesT", &a).is_err());
        assert!(pk.verify(b"tag manifest", &a.replace("unit=x", "unit=y")).is_err());
        assert!(keygen(dir.path(), None).is_err(), "never overwrite a key");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(SECRET_FILE)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(pk.fingerprint().len(), 39);
        assert_eq!(grouped("3C4AA871ADED53CD"), "3C4A A871 ADED 53CD");
    }

    #[test]
    fn password_protected_keys() {
        let dir = tempfile::tempdir().unwrap();
        keygen(dir.path(), Some("s3cret".into())).unwrap();
        assert!(Signer25519::load(&dir.path().join(SECRET_FILE), Some("s3cret".into())).is_ok());
        assert!(Signer25519::load(&dir.path().join(SECRET_FILE), Some("wrong".into())).is_err());
    }
}

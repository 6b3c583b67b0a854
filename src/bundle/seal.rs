//! Encrypted delivery: bundle parts encrypted to the organiser with `age` (X25519), after signing,
//! so that a decrypted part is the same signed bundle and its signature still proves the sender.
//!
//! Everything cryptographic is the maintained `age` crate; the files are the age format
//! (`age-encryption.org/v1`), so the reference `age` tool decrypts ours and we decrypt its. The
//! organiser's identity is written owner-only (0600) into its key folder and never leaves it unless
//! the user copies it.

use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::x25519;

use crate::error::{Error, Result};

/// The identity file of a workspace's key folder.
pub const IDENTITY_FILE: &str = "jianbao-age.key";
/// The recipient file beside it (what the organiser publishes).
pub const RECIPIENT_FILE: &str = "jianbao-age.pub";
/// The recipient as a QR code (PNG), to print or paste into the notice.
pub const QR_FILE: &str = "jianbao-age.png";
/// The extension of an encrypted part.
pub const EXTENSION: &str = "age";
/// How every age file begins.
const MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// Makes an encryption key pair in `dir` (`jianbao-age.key` 0600, `jianbao-age.pub`); returns the
/// recipient (`age1…`). An existing identity is never overwritten.
pub fn keygen(dir: &Path) -> Result<String> {
    let id_path = dir.join(IDENTITY_FILE);
    let pub_path = dir.join(RECIPIENT_FILE);
    if id_path.exists() || pub_path.exists() {
        return Err(Error::KeyExists { path: id_path });
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let identity = x25519::Identity::generate();
    let recipient = identity.to_public().to_string();
    let created = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    // The layout `age-keygen` writes, so `age -d -i` reads it as it is.
    use age::secrecy::ExposeSecret;
    let secret = format!(
        "# created: {created}\n# public key: {recipient}\n{}\n",
        identity.to_string().expose_secret()
    );
    crate::fsutil::write_atomic_private(&id_path, secret.as_bytes())?;
    crate::fsutil::write_atomic(&pub_path, format!("{recipient}\n").as_bytes())?;
    crate::fsutil::write_atomic(&dir.join(QR_FILE), &qr_png(&recipient)?)?;
    Ok(recipient)
}

/// The recipient as a QR code image (PNG, black on white, at least 600 px with its quiet zone), for
/// the organiser to print or put into its notice; a unit's phone or scanner reads it back as text.
pub fn qr_png(recipient: &str) -> Result<Vec<u8>> {
    let bad = || Error::BadRecipient { value: recipient.to_string() };
    let code = qrcode::QrCode::with_error_correction_level(recipient.as_bytes(), qrcode::EcLevel::M)
        .map_err(|_| bad())?;
    let img = code.render::<image::Luma<u8>>().min_dimensions(600, 600).build();
    let mut out = Vec::new();
    image::DynamicImage::ImageLuma8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .map_err(|_| bad())?;
    Ok(out)
}

/// A recipient given as itself (`age1…`) or as a file holding one: a recipient file, or an identity
/// file's `# public key:` line.
pub fn recipient(value_or_file: &str) -> Result<x25519::Recipient> {
    let v = value_or_file.trim();
    if v.starts_with("age1") {
        return x25519::Recipient::from_str(v).map_err(|_| Error::BadRecipient { value: v.to_string() });
    }
    let path = Path::new(v);
    let meta = std::fs::metadata(path).map_err(|_| Error::BadRecipient { value: v.to_string() })?;
    if !meta.is_file() || meta.len() > 64 * 1024 {
        return Err(Error::BadRecipient { value: v.to_string() });
    }
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    text.lines()
        .map(|l| l.trim().trim_start_matches("# public key:").trim())
        .find(|l| l.starts_with("age1"))
        .and_then(|l| x25519::Recipient::from_str(l).ok())
        .ok_or_else(|| Error::BadRecipient { value: v.to_string() })
}

/// Whether a file is an age file (by its first bytes, whatever its name).
pub fn is_encrypted(path: &Path) -> bool {
    let mut head = [0u8; MAGIC.len()];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok() && head == MAGIC
}

/// Encrypts `src` to `recipient` into `dest` (written under a temporary name beside it, renamed when
/// complete), streaming.
pub fn encrypt(src: &Path, recipient: &x25519::Recipient, dest: &Path) -> Result<()> {
    let input = std::fs::File::open(src).map_err(|e| Error::io(src, e))?;
    crate::fsutil::write_atomic_with(dest, |out| encrypt_stream(input, recipient, out))
}

/// Encrypts what `input` reads to `recipient` into `out`, streaming.
pub fn encrypt_stream(
    input: impl Read,
    recipient: &x25519::Recipient,
    out: impl Write,
) -> std::io::Result<()> {
    let encryptor = age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient))
        .map_err(std::io::Error::other)?;
    let mut w = encryptor.wrap_output(std::io::BufWriter::with_capacity(1 << 20, out))?;
    std::io::copy(&mut BufReader::with_capacity(1 << 20, input), &mut w)?;
    w.finish()?.flush()
}

/// The identities in an identity file (ours, or one `age-keygen` wrote).
pub fn identities(path: &Path) -> Result<Vec<Box<dyn age::Identity + Send + Sync>>> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = f.metadata().map_err(|e| Error::io(path, e))?;
    if meta.len() > 1 << 20 {
        return Err(Error::Key { path: path.to_path_buf(), reason: "not an identity file".into() });
    }
    let file = age::IdentityFile::from_buffer(BufReader::new(f))
        .map_err(|e| Error::Key { path: path.to_path_buf(), reason: e.to_string() })?;
    let ids =
        file.into_identities().map_err(|e| Error::Key { path: path.to_path_buf(), reason: e.to_string() })?;
    if ids.is_empty() {
        return Err(Error::Key { path: path.to_path_buf(), reason: "no identity in the file".into() });
    }
    Ok(ids)
}

/// Decrypts `src` into `dest` (a temporary file the caller owns), streaming. Encrypted to another
/// recipient: [`Error::Decrypt`] with reason `no-identity`.
pub fn decrypt(
    src: &Path,
    identities: &[Box<dyn age::Identity + Send + Sync>],
    dest: &mut impl Write,
) -> Result<()> {
    let input = std::fs::File::open(src).map_err(|e| Error::io(src, e))?;
    let fail = |reason: String| Error::Decrypt { path: src.to_path_buf(), reason };
    let d = age::Decryptor::new_buffered(BufReader::with_capacity(1 << 20, input)).map_err(|e| match e {
        age::DecryptError::Io(e) => Error::io(src, e),
        other => fail(format!("not-age: {other}")),
    })?;
    let mut r =
        d.decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity)).map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => fail("no-identity".into()),
            other => fail(other.to_string()),
        })?;
    std::io::copy(&mut r, dest).map_err(|e| fail(e.to_string()))?;
    dest.flush().map_err(|e| fail(e.to_string()))?;
    Ok(())
}

/// Parts given to import, with the encrypted ones decrypted into `scratch` (temporary files removed
/// when the returned guards drop). Each result pairs the path to read with the path the user gave.
pub struct Opened {
    /// (path to verify, path as given).
    pub parts: Vec<(PathBuf, PathBuf)>,
    _temps: Vec<tempfile::TempPath>,
}

/// Decrypts every encrypted part among `parts` with the identities in `identity` (loaded only when
/// an encrypted part is there). Plain parts pass through.
pub fn open_parts(parts: &[PathBuf], identity: Option<&Path>, scratch: &Path) -> Result<Opened> {
    let mut ids = None;
    let mut out = Vec::new();
    let mut temps = Vec::new();
    for p in parts {
        if !is_encrypted(p) {
            out.push((p.clone(), p.clone()));
            continue;
        }
        if ids.is_none() {
            let Some(path) = identity else {
                return Err(Error::Decrypt { path: p.clone(), reason: "no-identity".into() });
            };
            ids = Some(identities(path)?);
        }
        std::fs::create_dir_all(scratch).map_err(|e| Error::io(scratch, e))?;
        let tmp = tempfile::Builder::new()
            .prefix(".jianbao-")
            .suffix(".zip.part")
            .tempfile_in(scratch)
            .map_err(|e| Error::io(scratch, e))?;
        let (mut file, path) = tmp.into_parts();
        decrypt(
            p,
            ids.as_deref().unwrap_or(&[]),
            &mut std::io::BufWriter::with_capacity(1 << 20, &mut file),
        )?;
        out.push((path.to_path_buf(), p.clone()));
        temps.push(path);
    }
    Ok(Opened { parts: out, _temps: temps })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_the_wrong_identity() {
        let dir = tempfile::tempdir().unwrap();
        let r = keygen(&dir.path().join("org")).unwrap();
        assert!(r.starts_with("age1"));
        assert!(keygen(&dir.path().join("org")).is_err(), "never overwrite");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let m =
                std::fs::metadata(dir.path().join("org").join(IDENTITY_FILE)).unwrap().permissions().mode();
            assert_eq!(m & 0o777, 0o600);
        }
        keygen(&dir.path().join("other")).unwrap();
        // The printed QR code reads back as the recipient.
        let png = image::open(dir.path().join("org").join(QR_FILE)).unwrap().to_luma8();
        assert!(png.width() >= 600);
        let mut prepared = rqrr::PreparedImage::prepare(png);
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].decode().unwrap().1, r);
        let plain = dir.path().join("p.zip");
        let data: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&plain, &data).unwrap();
        let enc = dir.path().join("p.zip.age");
        let to = recipient(dir.path().join("org").join(RECIPIENT_FILE).to_str().unwrap()).unwrap();
        assert_eq!(to.to_string(), r);
        assert_eq!(
            recipient(dir.path().join("org").join(IDENTITY_FILE).to_str().unwrap()).unwrap().to_string(),
            r
        );
        encrypt(&plain, &to, &enc).unwrap();
        assert!(is_encrypted(&enc) && !is_encrypted(&plain));
        let bytes = std::fs::read(&enc).unwrap();
        assert!(!bytes.windows(8).any(|w| w == &data[1000..1008]), "no plaintext visible");
        let mut out = Vec::new();
        decrypt(&enc, &identities(&dir.path().join("org").join(IDENTITY_FILE)).unwrap(), &mut out).unwrap();
        assert_eq!(out, data);
        let e = decrypt(
            &enc,
            &identities(&dir.path().join("other").join(IDENTITY_FILE)).unwrap(),
            &mut Vec::new(),
        )
        .unwrap_err();
        assert_eq!(e.code(), "err-decrypt-not-for-us");
        let e = decrypt(
            &plain,
            &identities(&dir.path().join("org").join(IDENTITY_FILE)).unwrap(),
            &mut Vec::new(),
        )
        .unwrap_err();
        assert_eq!(e.code(), "err-decrypt");
        for bad in ["age1xyz", "not a recipient", "/nonexistent/file"] {
            assert_eq!(recipient(bad).unwrap_err().code(), "err-bad-recipient", "{bad}");
        }
    }

    #[test]
    fn a_damaged_age_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let r = keygen(dir.path()).unwrap();
        let plain = dir.path().join("p");
        std::fs::write(&plain, vec![1u8; 100_000]).unwrap();
        let enc = dir.path().join("p.age");
        encrypt(&plain, &recipient(&r).unwrap(), &enc).unwrap();
        let good = std::fs::read(&enc).unwrap();
        let ids = identities(&dir.path().join(IDENTITY_FILE)).unwrap();
        for at in [0, 10, 30, 60, 100, 200, good.len() / 2, good.len() - 1] {
            let mut b = good.clone();
            b[at] ^= 0x01;
            std::fs::write(&enc, &b).unwrap();
            assert!(decrypt(&enc, &ids, &mut Vec::new()).is_err(), "flip at {at}");
        }
        std::fs::write(&enc, &good[..good.len() / 2]).unwrap();
        assert!(decrypt(&enc, &ids, &mut Vec::new()).is_err(), "truncated");
    }
}

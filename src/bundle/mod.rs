//! Signed submission bundles: BagIt 1.0 bags, signed with minisign, in zip parts.

pub mod copy;
pub mod export;
pub mod import;
pub mod keys;
pub mod receipt;
pub mod summary;
pub mod verify;

use std::io::{Read, Write};
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::progress::Observer;

/// The `bagit.txt` of every bag.
pub const BAGIT_TXT: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
/// The tag file listing every file of every part of the group.
pub const GROUP_FILE: &str = "jianbao-group.txt";
/// The tag file holding the signer's public key.
pub const PUBLIC_KEY_FILE: &str = "jianbao.pub";

/// Where a payload file's bytes come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file on disk, read once while it is written.
    File(PathBuf),
    /// Bytes made by the export (packet data, findings).
    Bytes(Vec<u8>),
}

/// A payload file: its path in the bag (`data/…`) and its bytes.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Path in the bag, `/`-separated, starting with `data/`.
    pub path: String,
    /// The bytes.
    pub source: Source,
}

impl Entry {
    fn file(path: String, src: PathBuf) -> Self {
        Entry { path, source: Source::File(src) }
    }

    fn bytes(path: &str, b: Vec<u8>) -> Self {
        Entry { path: path.to_string(), source: Source::Bytes(b) }
    }

    fn size(&self) -> Result<u64> {
        match &self.source {
            Source::File(p) => Ok(std::fs::metadata(p).map_err(|e| Error::io(p, e))?.len()),
            Source::Bytes(b) => Ok(b.len() as u64),
        }
    }

    /// Copies the bytes into `w`, returning their SHA-256 and size (a single streamed read).
    fn copy_hashed(&self, w: &mut impl Write, obs: &dyn Observer) -> Result<(String, u64)> {
        let mut h = Sha256::new();
        let size = match &self.source {
            Source::Bytes(b) => {
                h.update(b);
                w.write_all(b).map_err(|e| Error::io(&self.path, e))?;
                b.len() as u64
            }
            Source::File(p) => {
                let mut f = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
                let mut buf = vec![0u8; 256 * 1024];
                let mut total = 0u64;
                loop {
                    let n = f.read(&mut buf).map_err(|e| Error::io(p, e))?;
                    if n == 0 {
                        break;
                    }
                    h.update(&buf[..n]);
                    w.write_all(&buf[..n]).map_err(|e| Error::io(p, e))?;
                    total += n as u64;
                    obs.advance(n as u64);
                    if obs.cancelled() {
                        return Err(Error::Cancelled);
                    }
                }
                total
            }
        };
        Ok((hex::encode(h.finalize()), size))
    }
}

/// BagIt path encoding in manifests: `%`, CR and LF are percent-encoded (RFC 8493 §2.1.3).
pub fn encode_path(p: &str) -> String {
    p.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Decodes a manifest path.
pub fn decode_path(p: &str) -> String {
    p.replace("%0A", "\n").replace("%0a", "\n").replace("%0D", "\r").replace("%0d", "\r").replace("%25", "%")
}

/// One `bag-info.txt` line; values are kept on one line.
fn bag_info_line(key: &str, value: &str) -> String {
    let v: String = value.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
    format!("{key}: {v}\n")
}

//! Signed submission bundles: BagIt 1.0 bags, signed with minisign, in zip parts.

pub mod chain;
pub mod copy;
pub mod export;
pub mod forward;
pub mod import;
pub mod keys;
pub mod materials;
pub mod reader;
pub mod receipt;
pub mod report;
pub mod seal;
pub mod summary;
pub mod verify;

use std::io::Write;
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

    /// Copies the bytes into `w`, returning their SHA-256 and size (a single streamed read). A read
    /// error names the input; a write error names `out`, the file being written.
    fn copy_hashed(
        &self,
        w: &mut impl Write,
        obs: &dyn Observer,
        out: &std::path::Path,
    ) -> Result<(String, u64)> {
        let mut h = Sha256::new();
        let size = match &self.source {
            Source::Bytes(b) => {
                h.update(b);
                w.write_all(b).map_err(|e| Error::io(out, e))?;
                b.len() as u64
            }
            Source::File(p) => {
                let f = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
                return crate::fsutil::copy_hashing_beside(f, w, obs).map_err(|e| e.into_error(p, out));
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

/// A value as it goes into `bag-info.txt` and the signed comment: one line, without control
/// characters or line separators (each becomes a space), trimmed — what a BagIt reader gives back.
pub fn one_line(value: &str) -> String {
    let v: String = value
        .chars()
        .map(|c| if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') { ' ' } else { c })
        .collect();
    v.trim().to_string()
}

/// The unit's name as a bundle carries it (`Source-Organization`, the signed comment, the pin):
/// its name field on one line, or 推荐单位 when that is empty.
pub fn unit_name(packet: &crate::packet::Packet, profile: &crate::profile::Profile) -> String {
    let name = one_line(packet.unit_text(&profile.unit_form.name_field).unwrap_or(""));
    if name.is_empty() {
        "推荐单位".to_string()
    } else {
        name
    }
}

/// One `bag-info.txt` line.
fn bag_info_line(key: &str, value: &str) -> String {
    format!("{key}: {}\n", one_line(value))
}

/// Encodes a value of the signed comment (`key=value` words separated by spaces): `%`, `=`, and every
/// whitespace or control character are percent-encoded, so no value can break the comment or end its
/// line; other characters (Chinese included) stay readable in `minisign -V`'s output.
pub fn encode_comment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c == '%' || c == '=' || c.is_whitespace() || c.is_control() {
            let mut b = [0u8; 4];
            for byte in c.encode_utf8(&mut b).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Decodes [`encode_comment`]; invalid escapes are kept as they are.
pub fn decode_comment(value: &str) -> String {
    let b = value.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit() {
            let hex = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hex(b[i + 1]) * 16 + hex(b[i + 2]));
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_values_round_trip() {
        for v in [
            "示例研究所",
            "Example Institute 示例研究所",
            "a=b",
            "100%",
            "two\nlines",
            "tab\there",
            "😀 x",
            "",
        ] {
            let e = encode_comment(v);
            assert!(!e.contains([' ', '\n', '\r', '=']), "{e}");
            assert_eq!(decode_comment(&e), v);
        }
        assert_eq!(encode_comment("示例研究所"), "示例研究所");
        assert_eq!(decode_comment("%zz%4"), "%zz%4");
        assert_eq!(decode_comment("%中文%2"), "%中文%2");
        assert_eq!(one_line(" a\nb\u{2028}c "), "a b c");
    }
}

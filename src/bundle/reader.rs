//! The one bundle reader: what `verify` checks and what `import` stores come from here, and from
//! nowhere else.
//!
//! Written by hand rather than taken from the `zip` crate on purpose. A verifier must see the archive
//! exactly as it is, and the crate hides what matters: it keeps one entry per name (a second entry of
//! the same name silently wins on extraction), trusts the end record's entry count, and does not
//! compare the local header's name with the central directory's. Here the central directory is read
//! once and walked to its declared end, so every count comes from the directory itself; each entry's
//! local header must repeat its central name; entries may not overlap one another or the directory;
//! and only the two methods our exports write (stored, deflate) are read — decompression is `flate2`'s.
//! Every number taken from the file is bounded before it sizes anything.
//!
//! Entry data is read with positional reads, so several threads can hash entries of one open archive
//! at once.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

/// Most entries an archive may hold (our largest exports hold a few hundred).
pub const MAX_ENTRIES: usize = 100_000;
/// Largest central directory read into memory.
const MAX_CENTRAL: u64 = 64 << 20;
/// Largest uncompressed size of all entries together.
pub const MAX_TOTAL: u64 = 64 << 30;
/// Largest uncompressed size of one deflated entry. Our exports deflate only the text they make
/// (packet, findings, profile, tag files), whose size `check` bounds far below this; deflate itself
/// reaches ~1030:1 on repeated text, so a ratio test cannot tell a bomb from our own repetitive JSON,
/// while an absolute bound keeps the cost of reading any deflated entry small.
pub const MAX_DEFLATED: u64 = 64 << 20;
/// Longest entry name, in bytes.
const MAX_NAME: usize = 1024;

/// Why a bundle (or one of its entries) is refused. `code` is a stable refusal code and the id of its
/// message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reason {
    /// Stable code (`bundle-not-zip`, `bundle-bad-name`…).
    pub code: &'static str,
    /// The entry concerned, if any.
    pub entry: Option<String>,
    /// Technical detail.
    pub detail: String,
}

fn refuse(code: &'static str, entry: Option<&str>, detail: impl ToString) -> Reason {
    Reason { code, entry: entry.map(str::to_string), detail: detail.to_string() }
}

/// How an entry's bytes are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// As they are.
    Stored,
    /// Raw deflate.
    Deflated,
}

/// One entry of the central directory.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The name, exactly as the central directory spells it (valid UTF-8, canonical).
    pub name: String,
    /// How it is stored.
    pub method: Method,
    /// CRC-32 of the uncompressed bytes.
    pub crc32: u32,
    /// Compressed size.
    pub compressed: u64,
    /// Uncompressed size.
    pub size: u64,
    /// Where its data starts in the file.
    pub data_offset: u64,
    /// A directory entry (name ends in `/`, no data).
    pub is_dir: bool,
}

/// An opened archive: its entries, in central-directory order.
#[derive(Debug)]
pub struct Archive {
    file: File,
    path: PathBuf,
    entries: Vec<Entry>,
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

/// Reads exactly `len` bytes at `offset`.
fn read_exact_at(file: &File, offset: u64, buf: &mut [u8]) -> io::Result<()> {
    let mut done = 0;
    while done < buf.len() {
        let n = read_at(file, &mut buf[done..], offset + done as u64)?;
        if n == 0 {
            return Err(io::Error::from(io::ErrorKind::UnexpectedEof));
        }
        done += n;
    }
    Ok(())
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

/// Why a name is not canonical, as a refusal code; `None` when it is.
///
/// Canonical: `/`-separated, relative, no empty, `.` or `..` segment, no backslash, drive letter,
/// control character, character Windows forbids, Windows device name, or segment ending in a dot or
/// space — so the name means the same file on every system that might unpack it.
pub fn name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() || name.len() > MAX_NAME {
        return Some("bundle-bad-name");
    }
    if name.starts_with('/') || name.starts_with('\\') {
        return Some("bundle-absolute-path");
    }
    let b = name.as_bytes();
    if b.len() >= 2 && b[1] == b':' && b[0].is_ascii_alphabetic() {
        return Some("bundle-absolute-path");
    }
    if name.contains('\\') {
        return Some("bundle-path-traversal");
    }
    let body = name.strip_suffix('/').unwrap_or(name);
    for seg in body.split('/') {
        match seg {
            ".." => return Some("bundle-path-traversal"),
            "" | "." => return Some("bundle-bad-name"),
            _ => {}
        }
        if seg.chars().any(|c| c.is_control() || "<>:\"|?*".contains(c))
            || seg.ends_with('.')
            || seg.ends_with(' ')
            || seg.len() > 255
            || windows_device(seg)
        {
            return Some("bundle-bad-name");
        }
    }
    None
}

/// `CON`, `nul.txt`, `COM1`, `lpt9.tar.gz`…: names Windows takes for devices.
pub fn windows_device(seg: &str) -> bool {
    let stem = seg.split('.').next().unwrap_or(seg).trim_end().to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && (stem.as_bytes()[3].is_ascii_digit() && stem.as_bytes()[3] != b'0'))
        || ((stem.starts_with("COM") || stem.starts_with("LPT")) && ["¹", "²", "³"].contains(&&stem[3..]))
}

/// The key under which two names are "the same file" on a case-insensitive or normalising file system.
pub fn fold(name: &str) -> String {
    name.nfc().collect::<String>().to_lowercase().nfc().collect()
}

impl Archive {
    /// Opens an archive and reads its directory. Refuses anything our exports never write and anything
    /// that could make one name mean two things.
    pub fn open(path: &Path) -> Result<Archive, Reason> {
        let file = File::open(path).map_err(|e| refuse("bundle-unreadable", None, e))?;
        let len = file.metadata().map_err(|e| refuse("bundle-unreadable", None, e))?.len();
        let not_zip = |d: &str| refuse("bundle-not-zip", None, d);
        let io_err = |e: io::Error| refuse("bundle-not-zip", None, e);
        if len < 22 {
            return Err(not_zip("too short for a zip file"));
        }
        // The end record: its comment must reach exactly to the end of the file.
        let tail_len = len.min(22 + 0xFFFF);
        let mut tail = vec![0u8; tail_len as usize];
        read_exact_at(&file, len - tail_len, &mut tail).map_err(io_err)?;
        let eocd = (0..=tail.len() - 22)
            .rev()
            .find(|&i| {
                u32_at(&tail, i) == 0x0605_4b50 && i + 22 + u16_at(&tail, i + 20) as usize == tail.len()
            })
            .ok_or_else(|| {
                not_zip("no end-of-central-directory record (the file is cut short or not a zip)")
            })?;
        let eocd_pos = len - tail_len + eocd as u64;
        let e = &tail[eocd..];
        let (disk, cd_disk) = (u16_at(e, 4), u16_at(e, 6));
        let mut declared = u16_at(e, 10) as u64;
        let mut cd_size = u32_at(e, 12) as u64;
        let mut cd_offset = u32_at(e, 16) as u64;
        let mut cd_end = eocd_pos;
        if declared == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF {
            // ZIP64: the locator sits right before the end record and points at the ZIP64 record.
            if eocd_pos < 20 {
                return Err(not_zip("a ZIP64 archive without its locator"));
            }
            let mut loc = [0u8; 20];
            read_exact_at(&file, eocd_pos - 20, &mut loc).map_err(io_err)?;
            if u32_at(&loc, 0) != 0x0706_4b50 {
                return Err(not_zip("a ZIP64 archive without its locator"));
            }
            let at = u64_at(&loc, 8);
            if at.checked_add(56).is_none_or(|end| end > eocd_pos - 20) {
                return Err(not_zip("the ZIP64 record lies outside the file"));
            }
            let mut rec = [0u8; 56];
            read_exact_at(&file, at, &mut rec).map_err(io_err)?;
            if u32_at(&rec, 0) != 0x0606_4b50 {
                return Err(not_zip("the ZIP64 end record is missing"));
            }
            declared = u64_at(&rec, 32);
            cd_size = u64_at(&rec, 40);
            cd_offset = u64_at(&rec, 48);
            cd_end = at;
        } else if disk != 0 || cd_disk != 0 {
            return Err(not_zip("a multi-disk (spanned) zip"));
        }
        if cd_size > MAX_CENTRAL {
            return Err(refuse("bundle-zip-bomb", None, format!("a central directory of {cd_size} bytes")));
        }
        if cd_offset.checked_add(cd_size).is_none_or(|end| end > cd_end) {
            return Err(not_zip("the central directory lies outside the file"));
        }
        let mut cd = vec![0u8; cd_size as usize];
        read_exact_at(&file, cd_offset, &mut cd).map_err(io_err)?;
        let mut entries = Self::walk(&cd)?;
        if entries.len() as u64 != declared {
            return Err(refuse(
                "bundle-corrupt",
                None,
                format!(
                    "the central directory holds {} entries, its end record says {declared}",
                    entries.len()
                ),
            ));
        }
        Self::locate(&file, &mut entries, cd_offset)?;
        Ok(Archive { file, path: path.to_path_buf(), entries: entries.into_iter().map(|(e, _)| e).collect() })
    }

    /// Walks the central directory to its end; returns each entry with its local header's offset.
    fn walk(cd: &[u8]) -> Result<Vec<(Entry, u64)>, Reason> {
        let mut out: Vec<(Entry, u64)> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut total = 0u64;
        let mut at = 0usize;
        while at < cd.len() {
            if out.len() >= MAX_ENTRIES {
                return Err(refuse("bundle-zip-bomb", None, format!("more than {MAX_ENTRIES} entries")));
            }
            let corrupt = |d: String| refuse("bundle-corrupt", None, d);
            if cd.len() - at < 46 || u32_at(cd, at) != 0x0201_4b50 {
                return Err(corrupt(format!("central directory entry {} is damaged", out.len() + 1)));
            }
            let h = &cd[at..];
            let made_by = u16_at(h, 4);
            let flags = u16_at(h, 8);
            let method = u16_at(h, 10);
            let crc32 = u32_at(h, 16);
            let mut compressed = u32_at(h, 20) as u64;
            let mut size = u32_at(h, 24) as u64;
            let (n, m, k) = (u16_at(h, 28) as usize, u16_at(h, 30) as usize, u16_at(h, 32) as usize);
            let disk = u16_at(h, 34);
            let external = u32_at(h, 38);
            let mut local = u32_at(h, 42) as u64;
            if h.len() < 46 + n + m + k {
                return Err(corrupt(format!("central directory entry {} is cut short", out.len() + 1)));
            }
            let raw_name = &h[46..46 + n];
            let extra = &h[46 + n..46 + n + m];
            at += 46 + n + m + k;
            let Ok(name) = std::str::from_utf8(raw_name) else {
                return Err(refuse(
                    "bundle-bad-name",
                    Some(&String::from_utf8_lossy(raw_name)),
                    "the name is not UTF-8",
                ));
            };
            if let Some(code) = name_problem(name) {
                return Err(refuse(code, Some(name), "refused"));
            }
            // ZIP64 extra field: the 64-bit values, in this order, for each 32-bit field that is full.
            let mut x = 0;
            while x + 4 <= extra.len() {
                let (id, len) = (u16_at(extra, x), u16_at(extra, x + 2) as usize);
                let body = extra.get(x + 4..x + 4 + len).unwrap_or(&[]);
                if id == 0x0001 {
                    let mut f = 0;
                    let mut next = |v: &mut u64| {
                        if *v == 0xFFFF_FFFF {
                            if let Some(b) = body.get(f..f + 8) {
                                *v = u64_at(b, 0);
                                f += 8;
                            }
                        }
                    };
                    next(&mut size);
                    next(&mut compressed);
                    next(&mut local);
                }
                x += 4 + len;
            }
            if flags & 0x0001 != 0 {
                return Err(refuse("bundle-corrupt", Some(name), "the entry is encrypted"));
            }
            if disk != 0 && disk != 0xFFFF {
                return Err(refuse("bundle-corrupt", Some(name), "the entry is on another disk"));
            }
            // A Unix symbolic link: file type bits of the mode in the high half of the attributes.
            if made_by >> 8 == 3 && (external >> 16) & 0o170000 == 0o120000 {
                return Err(refuse("bundle-symlink", Some(name), "symbolic links are never followed"));
            }
            let method = match method {
                0 => Method::Stored,
                8 => Method::Deflated,
                other => {
                    return Err(refuse(
                        "bundle-corrupt",
                        Some(name),
                        format!("compression method {other}, which no bundle uses"),
                    ))
                }
            };
            if method == Method::Stored && compressed != size {
                return Err(refuse("bundle-corrupt", Some(name), "a stored entry whose sizes differ"));
            }
            if method == Method::Deflated && size > MAX_DEFLATED {
                return Err(refuse(
                    "bundle-zip-bomb",
                    Some(name),
                    format!("{size} bytes from {compressed} compressed"),
                ));
            }
            let is_dir = name.ends_with('/');
            if is_dir && size != 0 {
                return Err(refuse("bundle-corrupt", Some(name), "a folder entry with content"));
            }
            total = total.saturating_add(size);
            if total > MAX_TOTAL {
                return Err(refuse("bundle-zip-bomb", None, format!("more than {MAX_TOTAL} bytes in all")));
            }
            if let Some(first) = seen.insert(fold(name), out.len()) {
                let other = &out[first].0.name;
                let detail = if other == name {
                    "the same name twice".to_string()
                } else {
                    format!("“{other}” and “{name}” are the same file on Windows or macOS")
                };
                return Err(refuse("bundle-duplicate-name", Some(name), detail));
            }
            out.push((
                Entry { name: name.to_string(), method, crc32, compressed, size, data_offset: 0, is_dir },
                local,
            ));
        }
        Ok(out)
    }

    /// Reads each local header: it must repeat the central name, and the entries' byte ranges must lie
    /// before the central directory without overlapping.
    fn locate(file: &File, entries: &mut [(Entry, u64)], cd_offset: u64) -> Result<(), Reason> {
        let mut ranges: Vec<(u64, u64, usize)> = Vec::with_capacity(entries.len());
        for (i, (e, local)) in entries.iter_mut().enumerate() {
            let corrupt = |d: &str| refuse("bundle-corrupt", Some(&e.name), d);
            let mut h = vec![0u8; 30 + e.name.len()];
            if local.checked_add(h.len() as u64).is_none_or(|end| end > cd_offset) {
                return Err(corrupt("its local header lies outside the file"));
            }
            read_exact_at(file, *local, &mut h).map_err(|err| corrupt(&err.to_string()))?;
            if u32_at(&h, 0) != 0x0403_4b50 {
                return Err(corrupt("its local header is missing"));
            }
            let (n, m) = (u16_at(&h, 26) as u64, u16_at(&h, 28) as u64);
            if n as usize != e.name.len() || &h[30..] != e.name.as_bytes() {
                return Err(corrupt("its local header names another file"));
            }
            let data = *local + 30 + n + m;
            let end = data.checked_add(e.compressed).filter(|&end| end <= cd_offset);
            let Some(end) = end else { return Err(corrupt("its data runs past the central directory")) };
            e.data_offset = data;
            ranges.push((*local, end, i));
        }
        ranges.sort_unstable();
        for w in ranges.windows(2) {
            if w[1].0 < w[0].1 {
                let name = &entries[w[1].2].0.name;
                return Err(refuse("bundle-corrupt", Some(name), "its bytes overlap another entry"));
            }
        }
        Ok(())
    }

    /// The entries, in central-directory order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The archive file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The entry with exactly this name.
    pub fn find(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name)
    }

    /// A reader of an entry's uncompressed bytes. It yields exactly the declared size and fails (with
    /// `InvalidData`) if the data is longer, shorter, or its CRC-32 differs.
    pub fn open_entry<'a>(&'a self, e: &'a Entry) -> EntryReader<'a> {
        self.reader(e, true)
    }

    /// [`Archive::open_entry`] without the CRC-32 check, for a reader whose bytes are compared with a
    /// SHA-256 anyway (a CRC adds nothing then, and costs a pass over the bytes). The size is still
    /// enforced.
    pub fn open_entry_hashed<'a>(&'a self, e: &'a Entry) -> EntryReader<'a> {
        self.reader(e, false)
    }

    fn reader<'a>(&'a self, e: &'a Entry, crc: bool) -> EntryReader<'a> {
        let raw = Range { file: &self.file, pos: e.data_offset, end: e.data_offset + e.compressed };
        let inner: Box<dyn Read + 'a> = match e.method {
            Method::Stored => Box::new(raw),
            Method::Deflated => {
                Box::new(flate2::read::DeflateDecoder::new(io::BufReader::with_capacity(64 * 1024, raw)))
            }
        };
        EntryReader { inner, left: e.size, crc: crc.then(crc32fast::Hasher::new), want: e.crc32, done: false }
    }

    /// An entry's bytes in memory, when it is no larger than `limit`.
    pub fn read_small(&self, e: &Entry, limit: u64) -> Result<Vec<u8>, Reason> {
        if e.size > limit {
            return Err(refuse(
                "bundle-corrupt",
                Some(&e.name),
                format!("{} bytes, more than {limit}", e.size),
            ));
        }
        let mut v = Vec::with_capacity(e.size as usize);
        self.open_entry(e).read_to_end(&mut v).map_err(|err| refuse("bundle-corrupt", Some(&e.name), err))?;
        Ok(v)
    }
}

/// A byte range of the archive file, read positionally.
struct Range<'a> {
    file: &'a File,
    pos: u64,
    end: u64,
}

impl Read for Range<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = (self.end - self.pos).min(buf.len() as u64) as usize;
        if want == 0 {
            return Ok(0);
        }
        let n = read_at(self.file, &mut buf[..want], self.pos)?;
        if n == 0 {
            return Err(io::Error::from(io::ErrorKind::UnexpectedEof));
        }
        self.pos += n as u64;
        Ok(n)
    }
}

/// See [`Archive::open_entry`].
pub struct EntryReader<'a> {
    inner: Box<dyn Read + 'a>,
    left: u64,
    crc: Option<crc32fast::Hasher>,
    want: u32,
    done: bool,
}

impl Read for EntryReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.done {
            return Ok(0);
        }
        let bad = |d: &str| io::Error::new(io::ErrorKind::InvalidData, d.to_string());
        if self.left == 0 {
            // Declared size reached: the data must end here, and its CRC must match.
            let mut probe = [0u8; 1];
            if self.inner.read(&mut probe)? != 0 {
                return Err(bad("the entry is longer than declared"));
            }
            if self.crc.take().is_some_and(|c| c.finalize() != self.want) {
                return Err(bad("the entry's CRC-32 does not match"));
            }
            self.done = true;
            return Ok(0);
        }
        let cap = (self.left.min(buf.len() as u64)) as usize;
        let n = self.inner.read(&mut buf[..cap])?;
        if n == 0 {
            return Err(bad("the entry is shorter than declared"));
        }
        if let Some(c) = &mut self.crc {
            c.update(&buf[..n]);
        }
        self.left -= n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_names() {
        for ok in ["a/b.txt", "报送包/data/材料/王海涛/王海涛1.jpg", "bag/data/", "a/.hidden", "a/b..c"]
        {
            assert_eq!(name_problem(ok), None, "{ok}");
        }
        for (bad, code) in [
            ("/etc/passwd", "bundle-absolute-path"),
            ("C:/x", "bundle-absolute-path"),
            ("a\\b", "bundle-path-traversal"),
            ("a/../b", "bundle-path-traversal"),
            ("a/./b", "bundle-bad-name"),
            ("a//b", "bundle-bad-name"),
            ("a/b.", "bundle-bad-name"),
            ("a/b ", "bundle-bad-name"),
            ("a/CON", "bundle-bad-name"),
            ("a/nul.txt", "bundle-bad-name"),
            ("a/com1.jpg", "bundle-bad-name"),
            ("a/b\u{0}c", "bundle-bad-name"),
            ("a/b\nc", "bundle-bad-name"),
            ("a/b:c", "bundle-bad-name"),
            ("", "bundle-bad-name"),
        ] {
            assert_eq!(name_problem(bad), Some(code), "{bad:?}");
        }
        assert!(!windows_device("COM0") && !windows_device("console.txt") && windows_device("LPT9.tar.gz"));
        assert_eq!(fold("Ａbc/É.JPG"), fold("ａbc/e\u{301}.jpg"));
    }
}

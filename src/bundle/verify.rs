//! Verification of received bundles: zip safety first, then BagIt completeness and validity, then the
//! signature and its trusted comment against `bag-info.txt`, then the set of parts as a whole.
//! Nothing from the archive is written to disk; every entry is streamed through SHA-256 with its
//! declared size enforced.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::keys::PublicKey;
use super::{decode_path, GROUP_FILE, PUBLIC_KEY_FILE};

/// Most entries a bundle may hold.
const MAX_ENTRIES: usize = 100_000;
/// Largest total uncompressed size.
const MAX_TOTAL: u64 = 64 << 30;
/// Largest compression ratio of an entry over 1 MiB (zip bombs reach thousands).
const MAX_RATIO: u64 = 200;
/// Largest tag file read into memory.
const MAX_TAG: u64 = 16 << 20;

/// A reason a bundle is refused (or a note about it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Stable code (`bundle-path-traversal`…), also the message id.
    pub code: &'static str,
    /// The entry concerned, if any.
    pub entry: Option<String>,
    /// Technical detail.
    pub detail: String,
}

fn reason(code: &'static str, entry: Option<&str>, detail: impl ToString) -> Reason {
    Reason { code, entry: entry.map(str::to_string), detail: detail.to_string() }
}

/// The verdict on one payload file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FileVerdict {
    /// Path in the bag.
    pub path: String,
    /// Listed, present and with the right hash.
    pub ok: bool,
}

/// The verdict on one bundle part.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// The zip file.
    pub file: PathBuf,
    /// Whether it is valid.
    pub valid: bool,
    /// Why not (empty when valid).
    pub reasons: Vec<Reason>,
    /// `bag-info.txt` fields.
    pub info: BTreeMap<String, String>,
    /// The signing key's ID as the signature says.
    pub key_id: Option<String>,
    /// The trusted comment, when the signature verified.
    pub trusted_comment: Option<String>,
    /// Group id, part number, part count.
    pub group: Option<(String, usize, usize)>,
    /// The group index: (part, size, path) of every file of the set.
    #[serde(skip)]
    pub group_index: Vec<(usize, u64, String)>,
    /// Per-file verdicts.
    pub files: Vec<FileVerdict>,
    /// The bag's folder inside the zip (whatever the zip file is called).
    pub bag: String,
    /// SHA-256 of the signed tag manifest (what a receipt names).
    pub tagmanifest_sha256: Option<String>,
}

fn safe_name(name: &str) -> Result<(), &'static str> {
    if name.starts_with('/') || name.starts_with('\\') || name.as_bytes().get(1) == Some(&b':') {
        return Err("bundle-absolute-path");
    }
    if name.contains('\\') || name.split('/').any(|c| c == "..") || name.contains('\0') {
        return Err("bundle-path-traversal");
    }
    Ok(())
}

fn read_limited(r: &mut impl Read, declared: u64, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut v = Vec::new();
    r.take(limit.min(declared) + 1).read_to_end(&mut v)?;
    if v.len() as u64 > declared {
        return Err(std::io::Error::other("entry larger than declared"));
    }
    Ok(v)
}

fn parse_manifest(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (hash, path) =
            line.split_once(char::is_whitespace).ok_or_else(|| format!("bad manifest line: {line}"))?;
        let path = decode_path(path.trim_start());
        if out.insert(path.clone(), hash.to_ascii_lowercase()).is_some() {
            return Err(format!("listed twice: {path}"));
        }
    }
    Ok(out)
}

/// Verifies one bundle part. With `pubkey`, the signature must be by that key; without, the key in
/// the bundle is used and the verdict records that it was not pinned.
pub fn verify(path: &Path, pubkey: Option<&PublicKey>) -> Verdict {
    let mut v = Verdict {
        file: path.to_path_buf(),
        valid: false,
        reasons: vec![],
        info: BTreeMap::new(),
        key_id: None,
        trusted_comment: None,
        group: None,
        group_index: vec![],
        files: vec![],
        bag: String::new(),
        tagmanifest_sha256: None,
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            v.reasons.push(reason("bundle-unreadable", None, e));
            return v;
        }
    };
    let mut zip = match zip::ZipArchive::new(std::io::BufReader::new(file)) {
        Ok(z) => z,
        Err(e) => {
            let code = if e.to_string().to_lowercase().contains("duplicate") {
                "bundle-duplicate-name"
            } else {
                "bundle-not-zip"
            };
            v.reasons.push(reason(code, None, e));
            return v;
        }
    };
    // The zip reader keeps one entry per name; the central directory's own count reveals names
    // written twice.
    if let Some(declared) = central_directory_count(path) {
        if declared as usize > zip.len() {
            v.reasons.push(reason(
                "bundle-duplicate-name",
                None,
                format!("{declared} entries under {} names", zip.len()),
            ));
            return v;
        }
    }
    if zip.len() > MAX_ENTRIES {
        v.reasons.push(reason("bundle-zip-bomb", None, format!("{} entries", zip.len())));
        return v;
    }

    // 1. Zip safety, from the central directory alone.
    let mut names: Vec<String> = Vec::with_capacity(zip.len());
    let mut seen = HashSet::new();
    let mut total = 0u64;
    let mut top: Option<String> = None;
    for i in 0..zip.len() {
        let Ok(e) = zip.by_index_raw(i) else {
            v.reasons.push(reason("bundle-not-zip", None, format!("entry {i} unreadable")));
            return v;
        };
        let Ok(name) = e.name().map(|n| n.to_string()) else {
            v.reasons.push(reason(
                "bundle-path-traversal",
                None,
                format!("entry {i} has an unreadable name"),
            ));
            continue;
        };
        if let Err(code) = safe_name(&name) {
            v.reasons.push(reason(code, Some(&name), "refused"));
            continue;
        }
        if e.is_symlink() {
            v.reasons.push(reason("bundle-symlink", Some(&name), "symbolic links are never followed"));
            continue;
        }
        if !seen.insert(name.to_lowercase()) {
            v.reasons.push(reason("bundle-duplicate-name", Some(&name), "the same name twice"));
            continue;
        }
        total = total.saturating_add(e.size());
        if e.size() > 1 << 20 && e.size() / e.compressed_size().max(1) > MAX_RATIO {
            v.reasons.push(reason(
                "bundle-zip-bomb",
                Some(&name),
                format!("{} bytes from {}", e.size(), e.compressed_size()),
            ));
            continue;
        }
        let first = name.split('/').next().unwrap_or("").to_string();
        match &top {
            None => top = Some(first),
            Some(t) if *t != first => {
                v.reasons.push(reason("bundle-layout", Some(&name), "not inside the bag's folder"))
            }
            Some(_) => {}
        }
        names.push(name);
    }
    if total > MAX_TOTAL {
        v.reasons.push(reason("bundle-zip-bomb", None, format!("{total} bytes in all")));
    }
    if !v.reasons.is_empty() {
        return v;
    }
    let top = top.unwrap_or_default();
    let prefix = format!("{top}/");
    v.bag = top.clone();

    // 2. Tag files.
    let tag = |zip: &mut zip::ZipArchive<_>, name: &str| -> Result<Option<Vec<u8>>, Reason> {
        let full = format!("{prefix}{name}");
        let Ok(mut e) = zip.by_name(&full) else { return Ok(None) };
        let declared = e.size();
        read_limited(&mut e, declared, MAX_TAG)
            .map(Some)
            .map_err(|err| reason("bundle-corrupt", Some(&full), err))
    };
    let mut get = |name: &str, v: &mut Verdict| -> Option<Vec<u8>> {
        match tag(&mut zip, name) {
            Ok(Some(b)) => Some(b),
            Ok(None) => {
                v.reasons.push(reason("bundle-not-bagit", Some(name), "missing"));
                None
            }
            Err(r) => {
                v.reasons.push(r);
                None
            }
        }
    };
    let bagit = get("bagit.txt", &mut v);
    let info = get("bag-info.txt", &mut v);
    let manifest = get("manifest-sha256.txt", &mut v);
    let tagmanifest = get("tagmanifest-sha256.txt", &mut v);
    let sig = get("tagmanifest-sha256.txt.minisig", &mut v);
    let (Some(bagit), Some(info), Some(manifest), Some(tagmanifest), Some(sig)) =
        (bagit, info, manifest, tagmanifest, sig)
    else {
        return v;
    };
    // Tag files already read are hashed from memory when the tag manifest is checked.
    let mut read: BTreeMap<&str, String> = BTreeMap::new();
    for (name, bytes) in [("bagit.txt", &bagit), ("bag-info.txt", &info), ("manifest-sha256.txt", &manifest)]
    {
        read.insert(name, hex::encode(Sha256::digest(bytes)));
    }
    v.tagmanifest_sha256 = Some(hex::encode(Sha256::digest(&tagmanifest)));
    if !String::from_utf8_lossy(&bagit).contains("BagIt-Version: 1.0") {
        v.reasons.push(reason("bundle-not-bagit", Some("bagit.txt"), "not BagIt 1.0"));
    }
    for line in String::from_utf8_lossy(&info).lines() {
        if let Some((k, val)) = line.split_once(':') {
            v.info.insert(k.trim().to_string(), val.trim().to_string());
        }
    }

    // 3. The signature over the tag manifest, then the trusted comment against bag-info.
    let sig_text = String::from_utf8_lossy(&sig).into_owned();
    let embedded = tag(&mut zip, PUBLIC_KEY_FILE)
        .ok()
        .flatten()
        .and_then(|b| PublicKey::parse(&String::from_utf8_lossy(&b), Path::new(PUBLIC_KEY_FILE)).ok());
    let key = match (pubkey, &embedded) {
        (Some(k), Some(e)) if k.id() != e.id() => {
            v.reasons.push(reason(
                "bundle-wrong-key",
                None,
                format!("the bundle's key is {}, expected {}", e.id(), k.id()),
            ));
            Some(k.clone())
        }
        (Some(k), _) => Some(k.clone()),
        (None, Some(e)) => Some(e.clone()),
        (None, None) => None,
    };
    match key {
        None => v.reasons.push(reason("bundle-bad-signature", None, "no public key")),
        Some(k) => {
            v.key_id = Some(k.id());
            match k.verify(&tagmanifest, &sig_text) {
                Ok(comment) => v.trusted_comment = Some(comment),
                Err(e) => {
                    let code =
                        if e.contains("signed by key") { "bundle-wrong-key" } else { "bundle-bad-signature" };
                    if !v.reasons.iter().any(|r| r.code == code) {
                        v.reasons.push(reason(code, Some("tagmanifest-sha256.txt.minisig"), e));
                    }
                }
            }
        }
    }
    if let Some(comment) = &v.trusted_comment {
        let fields: BTreeMap<&str, &str> = comment.split(' ').filter_map(|w| w.split_once('=')).collect();
        let part = v.info.get("Bag-Count").map(|c| c.replace(" of ", "/")).unwrap_or_default();
        for (k, bag_key) in [
            ("unit", "Source-Organization"),
            ("profile", "External-Identifier"),
            ("group", "Bag-Group-Identifier"),
        ] {
            if fields.get(k).copied() != v.info.get(bag_key).map(String::as_str) {
                v.reasons.push(reason(
                    "bundle-comment-mismatch",
                    Some("bag-info.txt"),
                    format!("{bag_key} differs from the signed {k}"),
                ));
            }
        }
        if fields.get("part").copied() != Some(part.as_str()) {
            v.reasons.push(reason(
                "bundle-comment-mismatch",
                Some("bag-info.txt"),
                "Bag-Count differs from the signed part",
            ));
        }
    }

    // 4. Tag manifest, then every payload file through SHA-256.
    let tags = match parse_manifest(&String::from_utf8_lossy(&tagmanifest)) {
        Ok(t) => t,
        Err(e) => {
            v.reasons.push(reason("bundle-not-bagit", Some("tagmanifest-sha256.txt"), e));
            return v;
        }
    };
    for (name, want) in &tags {
        let hashed = match read.get(name.as_str()) {
            Some(h) => Ok(Some(h.clone())),
            None => tag(&mut zip, name).map(|b| b.map(|b| hex::encode(Sha256::digest(b)))),
        };
        match hashed {
            Ok(Some(h)) if &h == want => {}
            Ok(Some(_)) => v.reasons.push(reason("bundle-altered", Some(name), "tag file changed")),
            Ok(None) => {
                v.reasons.push(reason("bundle-missing-file", Some(name), "listed in the tag manifest"))
            }
            Err(r) => v.reasons.push(r),
        }
    }
    let listed = match parse_manifest(&String::from_utf8_lossy(&manifest)) {
        Ok(m) => m,
        Err(e) => {
            v.reasons.push(reason("bundle-not-bagit", Some("manifest-sha256.txt"), e));
            return v;
        }
    };
    let mut present = BTreeSet::new();
    let (mut bytes, mut count) = (0u64, 0u64);
    for name in &names {
        let Some(rel) = name.strip_prefix(&prefix) else { continue };
        if !rel.starts_with("data/") || name.ends_with('/') {
            continue;
        }
        present.insert(rel.to_string());
        let Some(want) = listed.get(rel) else {
            v.reasons.push(reason("bundle-unlisted-file", Some(rel), "not in manifest-sha256.txt"));
            v.files.push(FileVerdict { path: rel.into(), ok: false });
            continue;
        };
        let ok = match zip.by_name(name) {
            Ok(mut e) => {
                let declared = e.size();
                let mut h = Sha256::new();
                let mut limited = (&mut e).take(declared + 1);
                match std::io::copy(&mut limited, &mut h) {
                    Ok(n) if n == declared => {
                        bytes += n;
                        count += 1;
                        &hex::encode(h.finalize()) == want
                    }
                    _ => false,
                }
            }
            Err(_) => false,
        };
        if !ok {
            v.reasons.push(reason("bundle-altered", Some(rel), "its SHA-256 differs from the manifest"));
        }
        v.files.push(FileVerdict { path: rel.into(), ok });
    }
    for path in listed.keys().filter(|p| !present.contains(*p)) {
        v.reasons.push(reason("bundle-missing-file", Some(path), "listed in the manifest but absent"));
        v.files.push(FileVerdict { path: path.clone(), ok: false });
    }
    if let Some(oxum) = v.info.get("Payload-Oxum") {
        if oxum != &format!("{bytes}.{count}") && v.reasons.is_empty() {
            v.reasons.push(reason(
                "bundle-altered",
                Some("bag-info.txt"),
                format!("Payload-Oxum {oxum}, found {bytes}.{count}"),
            ));
        }
    }

    // 5. The group index, for checking the set.
    if let Ok(Some(g)) = tag(&mut zip, GROUP_FILE) {
        let text = String::from_utf8_lossy(&g).into_owned();
        let mut lines = text.lines();
        let gid = lines.next().and_then(|l| l.strip_prefix("Jianbao-Group: ")).unwrap_or("").to_string();
        let parts: usize =
            lines.next().and_then(|l| l.strip_prefix("Parts: ")).and_then(|n| n.parse().ok()).unwrap_or(0);
        for l in lines {
            let mut f = l.splitn(3, '\t');
            if let (Some(p), Some(s), Some(path)) = (f.next(), f.next(), f.next()) {
                if let (Ok(p), Ok(s)) = (p.parse(), s.parse()) {
                    v.group_index.push((p, s, decode_path(path)));
                }
            }
        }
        let n = v
            .info
            .get("Bag-Count")
            .and_then(|c| c.split(" of ").next())
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0);
        v.group = Some((gid, n, parts));
    }
    v.valid = v.reasons.is_empty();
    v
}

/// The entry count in the end-of-central-directory record (none for ZIP64 or when absent).
fn central_directory_count(path: &Path) -> Option<u16> {
    use std::io::{Seek, SeekFrom};
    let mut f = std::fs::File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    let tail = len.min(65_557);
    f.seek(SeekFrom::Start(len - tail)).ok()?;
    let mut buf = Vec::with_capacity(tail as usize);
    f.take(tail).read_to_end(&mut buf).ok()?;
    let at = buf.windows(4).rposition(|w| w == [0x50, 0x4b, 0x05, 0x06])?;
    let n = u16::from_le_bytes([*buf.get(at + 10)?, *buf.get(at + 11)?]);
    (n != 0xFFFF).then_some(n)
}

/// Checks that verified parts form a whole set: one group, every part present once, and together
/// exactly the files the group index lists.
pub fn check_set(parts: &[Verdict]) -> Vec<Reason> {
    let mut out = Vec::new();
    let mut by_group: BTreeMap<String, Vec<&Verdict>> = BTreeMap::new();
    for p in parts {
        if let Some((g, _, _)) = &p.group {
            by_group.entry(g.clone()).or_default().push(p);
        }
    }
    for (g, members) in by_group {
        let count = members[0].group.as_ref().map(|x| x.2).unwrap_or(0);
        let have: BTreeSet<usize> = members.iter().filter_map(|m| m.group.as_ref().map(|x| x.1)).collect();
        for n in 1..=count {
            if !have.contains(&n) {
                out.push(reason(
                    "bundle-part-missing",
                    None,
                    format!("group {g}: part {n} of {count} is missing"),
                ));
            }
        }
        let listed: BTreeSet<(usize, String)> =
            members[0].group_index.iter().map(|(p, _, path)| (*p, path.clone())).collect();
        let found: BTreeSet<(usize, String)> = members
            .iter()
            .flat_map(|m| {
                m.files
                    .iter()
                    .filter(|f| f.ok)
                    .map(move |f| (m.group.as_ref().map(|x| x.1).unwrap_or(0), f.path.clone()))
            })
            .collect();
        for (p, path) in listed.iter().filter(|x| have.contains(&x.0) && !found.contains(x)) {
            out.push(reason("bundle-missing-file", Some(path), format!("listed for part {p}")));
        }
    }
    out
}

//! Verification of received bundles, in phases that each can be read and tested on its own:
//!
//! 1. [`Archive::open`]: the zip as it really is (one entry per central-directory record, canonical
//!    names, no overlaps, bounded sizes and counts);
//! 2. [`layout`]: one bag folder, its five required tag files, every other entry a payload file
//!    under `data/` or a tag file the tag manifest lists;
//! 3. [`read_tags`]: tag files read within bounds, `bag-info.txt` and the group index parsed and
//!    bounded — all before any signature work, so verifying never costs more than the bundle's size;
//! 4. [`check_signature`]: the signature over the tag manifest and its trusted comment against
//!    `bag-info.txt` and the group index;
//! 5. [`check_tag_manifest`] and [`check_payload`]: every tag file and every payload file through
//!    SHA-256 (payload files on all cores), each exactly as listed.
//!
//! Nothing from the archive is written to disk. What import stores is read again through the same
//! [`Archive`], by the entry names this verdict lists, and hashed again while it is written.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::keys::PublicKey;
pub use super::reader::Archive;
use super::reader::{name_problem, Entry};
use super::{decode_comment, decode_path, GROUP_FILE, PUBLIC_KEY_FILE};

/// Largest tag file read into memory.
const MAX_TAG: u64 = 16 << 20;
/// Most parts a set may have.
pub const MAX_PARTS: usize = 999;
/// Most lines of `bag-info.txt`.
const MAX_INFO_LINES: usize = 1000;
/// The tag files every bag has, beside those its tag manifest lists.
const REQUIRED_TAGS: [&str; 5] = [
    "bagit.txt",
    "bag-info.txt",
    "manifest-sha256.txt",
    "tagmanifest-sha256.txt",
    "tagmanifest-sha256.txt.minisig",
];

pub use super::reader::Reason;

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

/// A payload file that verified: where it is in the zip and what it must hash to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    /// Path in the bag (`data/…`).
    pub path: String,
    /// The zip entry's full name.
    pub entry: String,
    /// SHA-256 as the signed manifest lists it.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

/// The set a part belongs to, from its group index (bounded and checked against `bag-info.txt` and
/// the signature).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// Group identifier: 16 lowercase hex digits, as export writes it.
    pub id: String,
    /// This part's number, from 1.
    pub part: usize,
    /// How many parts the set has.
    pub parts: usize,
    /// Every file of the set: (part, size, path).
    #[serde(skip)]
    pub index: Vec<(usize, u64, String)>,
}

/// The verdict on one bundle part.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// The zip file.
    #[serde(serialize_with = "crate::fsutil::lossy_path")]
    pub file: PathBuf,
    /// Whether it is valid: intact, complete, and signed by the key that signed it.
    pub valid: bool,
    /// Whether the signer is authenticated: the signature was checked against a key the user gave
    /// (or one pinned for the unit), not merely the key inside the bundle.
    pub trusted: bool,
    /// Why not (empty when valid).
    pub reasons: Vec<Reason>,
    /// `bag-info.txt` fields.
    pub info: BTreeMap<String, String>,
    /// The signing key's ID as the signature says.
    pub key_id: Option<String>,
    /// The full public key that verified the signature (minisign base64).
    pub public_key: Option<String>,
    /// The trusted comment, when the signature verified.
    pub trusted_comment: Option<String>,
    /// The set this part belongs to.
    pub group: Option<Group>,
    /// Per-file verdicts.
    pub files: Vec<FileVerdict>,
    /// The payload files that verified (what import may take).
    #[serde(skip)]
    pub payload: Vec<Payload>,
    /// Payload files whose hash is still to be confirmed by the caller (see
    /// [`verify_archive_deferred`]); empty for [`verify`].
    #[serde(skip)]
    pub deferred: Vec<String>,
    /// The bag's folder inside the zip (whatever the zip file is called).
    pub bag: String,
    /// SHA-256 of the signed tag manifest (what a receipt names).
    pub tagmanifest_sha256: Option<String>,
    /// The tag files as read (kept by import as the evidence a forward carries up the chain).
    #[serde(skip)]
    pub tag_texts: BTreeMap<String, String>,
}

impl Verdict {
    fn new(path: &Path) -> Self {
        Verdict {
            file: path.to_path_buf(),
            valid: false,
            trusted: false,
            reasons: vec![],
            info: BTreeMap::new(),
            key_id: None,
            public_key: None,
            trusted_comment: None,
            group: None,
            files: vec![],
            payload: vec![],
            deferred: vec![],
            bag: String::new(),
            tagmanifest_sha256: None,
            tag_texts: BTreeMap::new(),
        }
    }

    /// A verdict refusing `path` before it could be read as a bundle.
    pub fn refused(path: &Path, r: Reason) -> Self {
        Verdict::new(path).refuse(r)
    }

    fn refuse(mut self, r: Reason) -> Self {
        self.reasons.push(r);
        self
    }

    /// A `bag-info.txt` value, or "".
    pub fn info(&self, key: &str) -> &str {
        self.info.get(key).map(String::as_str).unwrap_or("")
    }
}

/// Verifies one bundle part. With `pubkey`, the signature must be by exactly that key (and the verdict
/// is `trusted`); without, the key inside the bundle is used and the verdict is not trusted.
pub fn verify(path: &Path, pubkey: Option<&PublicKey>) -> Verdict {
    verify_archive(path, pubkey).0
}

/// [`verify`], also handing back the opened archive (when it could be opened) so that import reads
/// the very entries that were verified.
pub fn verify_archive(path: &Path, pubkey: Option<&PublicKey>) -> (Verdict, Option<Archive>) {
    open_and_verify(path, pubkey, false)
}

/// [`verify_archive`] for import, which reads the payload files it stores anyway: everything is
/// checked except the hashes of payload files outside `data/jianbao/`, which are listed in
/// [`Verdict::deferred`] for the caller to confirm — while storing them, or with [`confirm`]. A verdict
/// with deferred files is not a final one until they are confirmed.
pub fn verify_archive_deferred(path: &Path, pubkey: Option<&PublicKey>) -> (Verdict, Option<Archive>) {
    open_and_verify(path, pubkey, true)
}

fn open_and_verify(path: &Path, pubkey: Option<&PublicKey>, defer: bool) -> (Verdict, Option<Archive>) {
    let v = Verdict::new(path);
    let archive = match Archive::open(path) {
        Ok(a) => a,
        Err(r) => return (v.refuse(r), None),
    };
    let v = verify_opened(&archive, v, pubkey, defer);
    (v, Some(archive))
}

/// Hashes payload files whose check was deferred (on all cores); a reason for each that differs.
pub fn confirm(archive: &Archive, files: &[&Payload]) -> Vec<Reason> {
    let entries: Vec<Option<&Entry>> = files.iter().map(|f| archive.find(&f.entry)).collect();
    let present: Vec<&Entry> = entries.iter().flatten().copied().collect();
    let mut hashes = hash_all(archive, &present).into_iter();
    let mut out = Vec::new();
    for (f, e) in files.iter().zip(&entries) {
        let got = match e {
            Some(_) => hashes.next().unwrap_or_else(|| Err(reason("bundle-corrupt", None, "not hashed"))),
            None => Err(reason("bundle-missing-file", Some(&f.path), "gone")),
        };
        match got {
            Ok(h) if h == f.sha256 => {}
            Ok(_) => {
                out.push(reason("bundle-altered", Some(&f.path), "its SHA-256 differs from the manifest"))
            }
            Err(r) => out.push(reason("bundle-altered", Some(&f.path), r.detail)),
        }
    }
    out
}

fn verify_opened(archive: &Archive, mut v: Verdict, pubkey: Option<&PublicKey>, defer: bool) -> Verdict {
    let layout = match layout(archive) {
        Ok(l) => l,
        Err(r) => return v.refuse(r),
    };
    v.bag = layout.bag.clone();
    let tags = match read_tags(archive, &layout) {
        Ok(t) => t,
        Err(rs) => {
            v.reasons.extend(rs);
            return v;
        }
    };
    v.info = tags.info.clone();
    v.tagmanifest_sha256 = Some(hex::encode(Sha256::digest(&tags.tagmanifest)));
    v.group = tags.group.clone();
    if let Err(r) = check_signature(&tags, pubkey, &mut v) {
        v.reasons.push(r);
        return v;
    }
    if let Err(rs) = check_tag_manifest(archive, &layout, &tags) {
        v.reasons.extend(rs);
        return v;
    }
    let (files, payload, reasons) = check_payload(archive, &layout, &tags, defer);
    v.deferred = payload
        .iter()
        .filter(|p| defer && !p.path.starts_with("data/jianbao/"))
        .map(|p| p.path.clone())
        .collect();
    v.files = files;
    v.reasons.extend(reasons);
    if v.reasons.is_empty() {
        v.payload = payload;
        v.valid = true;
        v.trusted = pubkey.is_some();
        v.tag_texts = tags.texts;
    }
    v
}

/// Phase 2: where things are in the archive.
#[derive(Debug)]
pub struct Layout {
    /// The bag folder (the zip's one top-level folder).
    pub bag: String,
    /// Entries outside `data/`, by their path in the bag.
    pub tags: BTreeMap<String, usize>,
    /// Payload entries (`data/…`), by their path in the bag.
    pub payload: BTreeMap<String, usize>,
}

/// Sorts the entries into tag files and payload files of one bag folder.
pub fn layout(archive: &Archive) -> Result<Layout, Reason> {
    let entries = archive.entries();
    let Some(first) = entries.iter().find(|e| !e.is_dir) else {
        return Err(reason("bundle-not-bagit", None, "the archive holds no file"));
    };
    let bag = first.name.split('/').next().unwrap_or("").to_string();
    let prefix = format!("{bag}/");
    let mut tags = BTreeMap::new();
    let mut payload = BTreeMap::new();
    let mut folders: BTreeSet<&str> = BTreeSet::new();
    for (i, e) in entries.iter().enumerate() {
        let Some(rel) = e.name.strip_prefix(&prefix).filter(|r| !r.is_empty()) else {
            if e.is_dir && e.name == prefix {
                continue;
            }
            return Err(reason("bundle-layout", Some(&e.name), "not inside the bag's folder"));
        };
        if e.is_dir {
            folders.insert(rel);
            continue;
        }
        if rel.starts_with("data/") {
            payload.insert(rel.to_string(), i);
        } else {
            tags.insert(rel.to_string(), i);
        }
    }
    // A name may not be a file and a folder at once (`data/x` and `data/x/y`): unzippers disagree on
    // which wins.
    let files: BTreeSet<&str> = payload.keys().chain(tags.keys()).map(String::as_str).collect();
    for f in &files {
        let mut at = 0;
        while let Some(i) = f[at..].find('/') {
            let parent = &f[..at + i];
            if files.contains(parent) {
                return Err(reason(
                    "bundle-bad-name",
                    Some(&format!("{prefix}{parent}")),
                    "both a file and a folder",
                ));
            }
            at += i + 1;
        }
    }
    // A folder entry is harmless only as the parent of a file the bag holds.
    for f in folders {
        let used = payload.keys().chain(tags.keys()).any(|p| p.starts_with(f));
        if !used {
            return Err(reason(
                "bundle-unlisted-file",
                Some(&format!("{prefix}{f}")),
                "an empty folder no manifest lists",
            ));
        }
    }
    Ok(Layout { bag, tags, payload })
}

/// Phase 3: the tag files, read and parsed within bounds.
#[derive(Debug, Clone)]
pub struct Tags {
    /// `bag-info.txt` fields.
    pub info: BTreeMap<String, String>,
    /// `manifest-sha256.txt`: path → hash.
    pub manifest: BTreeMap<String, String>,
    /// `tagmanifest-sha256.txt`, as signed.
    pub tagmanifest: Vec<u8>,
    /// Its parsed lines: path → hash.
    pub tag_hashes: BTreeMap<String, String>,
    /// The signature file's text.
    pub signature: String,
    /// The public key in the bag, if any (and the hash of its file).
    pub embedded_key: Option<PublicKey>,
    /// The group index, when the bag has one.
    pub group: Option<Group>,
    /// SHA-256 of each tag file read here.
    pub read: BTreeMap<String, String>,
    /// Each tag file read here, as text (what a forwarded bundle carries as evidence).
    pub texts: BTreeMap<String, String>,
}

/// Reads and parses the tag files. Every size and count is bounded here, before the signature.
pub fn read_tags(archive: &Archive, layout: &Layout) -> Result<Tags, Vec<Reason>> {
    let mut reasons = Vec::new();
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for name in REQUIRED_TAGS {
        let Some(&i) = layout.tags.get(name) else {
            reasons.push(reason("bundle-not-bagit", Some(name), "missing"));
            continue;
        };
        match archive.read_small(&archive.entries()[i], MAX_TAG) {
            Ok(b) => {
                files.insert(name.to_string(), b);
            }
            Err(r) => reasons.push(r),
        }
    }
    if !reasons.is_empty() {
        return Err(reasons);
    }
    for (name, limit) in [(PUBLIC_KEY_FILE, 4096), (GROUP_FILE, MAX_TAG)] {
        if let Some(&i) = layout.tags.get(name) {
            files.insert(
                name.to_string(),
                archive.read_small(&archive.entries()[i], limit).map_err(|r| vec![r])?,
            );
        }
    }
    parse_tags(files)
}

/// Parses tag files (by name: the five required, and `jianbao.pub` and `jianbao-group.txt` when
/// present), however they were read: from a bundle, or carried as evidence in a forwarded one.
pub fn parse_tags(files: BTreeMap<String, Vec<u8>>) -> Result<Tags, Vec<Reason>> {
    let mut reasons = Vec::new();
    let mut text: BTreeMap<String, String> = BTreeMap::new();
    let mut read = BTreeMap::new();
    for (name, b) in files {
        read.insert(name.clone(), hex::encode(Sha256::digest(&b)));
        match String::from_utf8(b) {
            Ok(t) => {
                text.insert(name, t);
            }
            Err(_) if name == GROUP_FILE => {
                reasons.push(reason("bundle-bad-group", Some(GROUP_FILE), "not UTF-8 text"))
            }
            Err(_) => reasons.push(reason("bundle-not-bagit", Some(&name), "not UTF-8 text")),
        }
    }
    for name in REQUIRED_TAGS {
        if !read.contains_key(name) {
            reasons.push(reason("bundle-not-bagit", Some(name), "missing"));
        }
    }
    if !reasons.is_empty() {
        return Err(reasons);
    }
    if !text["bagit.txt"].lines().any(|l| l.trim() == "BagIt-Version: 1.0") {
        reasons.push(reason("bundle-not-bagit", Some("bagit.txt"), "not BagIt 1.0"));
    }
    let info = parse_info(&text["bag-info.txt"]).map_err(|r| vec![r])?;
    let manifest =
        parse_manifest(&text["manifest-sha256.txt"], "manifest-sha256.txt").map_err(|r| vec![r])?;
    let tag_hashes =
        parse_manifest(&text["tagmanifest-sha256.txt"], "tagmanifest-sha256.txt").map_err(|r| vec![r])?;
    for path in manifest.keys() {
        if !path.starts_with("data/") {
            reasons.push(reason("bundle-not-bagit", Some(path), "a payload file outside data/"));
        }
    }
    for path in tag_hashes.keys() {
        if path.starts_with("data/") || path.starts_with("tagmanifest-") {
            reasons.push(reason(
                "bundle-not-bagit",
                Some(path),
                "the tag manifest lists a file it cannot list",
            ));
        }
    }
    let embedded_key = match text.get(PUBLIC_KEY_FILE) {
        None => None,
        Some(t) => Some(
            PublicKey::parse(t, Path::new(PUBLIC_KEY_FILE))
                .map_err(|e| vec![reason("bundle-not-bagit", Some(PUBLIC_KEY_FILE), e)])?,
        ),
    };
    let group = match text.get(GROUP_FILE) {
        None => None,
        Some(t) => Some(parse_group(t, &info).map_err(|r| vec![r])?),
    };
    if !reasons.is_empty() {
        return Err(reasons);
    }
    Ok(Tags {
        info,
        manifest,
        tagmanifest: text["tagmanifest-sha256.txt"].clone().into_bytes(),
        tag_hashes,
        signature: text["tagmanifest-sha256.txt.minisig"].clone(),
        embedded_key,
        group,
        read,
        texts: text,
    })
}

/// Checks tag files carried as evidence (a unit's part, in a bundle that forwards its candidates):
/// the signature by the key they carry, its comment against their `bag-info.txt`, and every file the
/// tag manifest lists present among them with its hash. The same phases as a bundle's own.
pub fn evidence(files: BTreeMap<String, Vec<u8>>) -> (Verdict, Option<Tags>) {
    let mut v = Verdict::new(Path::new(""));
    let tags = match parse_tags(files) {
        Ok(t) => t,
        Err(rs) => {
            v.reasons.extend(rs);
            return (v, None);
        }
    };
    v.info = tags.info.clone();
    v.group = tags.group.clone();
    v.tagmanifest_sha256 = Some(hex::encode(Sha256::digest(&tags.tagmanifest)));
    if let Err(r) = check_signature(&tags, None, &mut v) {
        v.reasons.push(r);
        return (v, Some(tags));
    }
    for (name, want) in &tags.tag_hashes {
        match tags.read.get(name) {
            Some(h) if h == want => {}
            Some(_) => v.reasons.push(reason("bundle-altered", Some(name), "tag file changed")),
            None => v.reasons.push(reason("bundle-missing-file", Some(name), "listed in the tag manifest")),
        }
    }
    for name in ["bagit.txt", "bag-info.txt", "manifest-sha256.txt"] {
        if !tags.tag_hashes.contains_key(name) {
            v.reasons.push(reason("bundle-not-bagit", Some(name), "not covered by the signed tag manifest"));
        }
    }
    v.valid = v.reasons.is_empty();
    (v, Some(tags))
}

/// `bag-info.txt`: `Key: value` lines (continuation lines join their value), at most
/// [`MAX_INFO_LINES`].
fn parse_info(text: &str) -> Result<BTreeMap<String, String>, Reason> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut last: Option<String> = None;
    for (n, line) in text.lines().enumerate() {
        if n >= MAX_INFO_LINES {
            return Err(reason(
                "bundle-not-bagit",
                Some("bag-info.txt"),
                format!("more than {MAX_INFO_LINES} lines"),
            ));
        }
        if line.starts_with([' ', '\t']) {
            if let Some(v) = last.as_ref().and_then(|k| out.get_mut(k)) {
                v.push(' ');
                v.push_str(line.trim());
            }
            continue;
        }
        if let Some((k, val)) = line.split_once(':') {
            let k = k.trim().to_string();
            if out.insert(k.clone(), val.trim().to_string()).is_some() {
                return Err(reason("bundle-not-bagit", Some("bag-info.txt"), format!("{k} given twice")));
            }
            last = Some(k);
        }
    }
    Ok(out)
}

/// A manifest: `HASH  PATH` lines, each path canonical and listed once, at most as many lines as an
/// archive may hold entries.
fn parse_manifest(text: &str, name: &str) -> Result<BTreeMap<String, String>, Reason> {
    let bad = |d: String| reason("bundle-not-bagit", Some(name), d);
    let mut out = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if out.len() >= super::reader::MAX_ENTRIES {
            return Err(bad("too many lines".into()));
        }
        let (hash, path) =
            line.split_once(char::is_whitespace).ok_or_else(|| bad(format!("bad line: {line}")))?;
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad(format!("not a SHA-256: {hash}")));
        }
        let path = decode_path(path.trim_start_matches([' ', '\t']));
        if name_problem(&path).is_some() || path.ends_with('/') {
            return Err(bad(format!("not a canonical path: {path:?}")));
        }
        if out.insert(path.clone(), hash.to_ascii_lowercase()).is_some() {
            return Err(bad(format!("listed twice: {path}")));
        }
    }
    Ok(out)
}

/// Whether a group id has the exact form export writes: 16 lowercase hex digits.
pub fn is_group_id(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// `jianbao-group.txt`: the group id (as in `bag-info.txt`), the part count (1..=999, as in
/// `Bag-Count`), then one `part⇥size⇥path` line per file of the set.
fn parse_group(text: &str, info: &BTreeMap<String, String>) -> Result<Group, Reason> {
    let bad = |d: String| reason("bundle-bad-group", Some(GROUP_FILE), d);
    let mut lines = text.lines();
    let id = lines.next().and_then(|l| l.strip_prefix("Jianbao-Group: ")).unwrap_or("").to_string();
    if !is_group_id(&id) {
        return Err(bad(format!("not a group id: {:?}", id.chars().take(40).collect::<String>())));
    }
    if info.get("Bag-Group-Identifier") != Some(&id) {
        return Err(bad("the group id differs from bag-info.txt".into()));
    }
    let parts = lines.next().and_then(|l| l.strip_prefix("Parts: ")).and_then(|n| n.parse::<usize>().ok());
    let parts = match parts {
        Some(n) if (1..=MAX_PARTS).contains(&n) => n,
        _ => return Err(bad(format!("the part count must be 1 to {MAX_PARTS}"))),
    };
    let count = info.get("Bag-Count").map(String::as_str).unwrap_or("");
    let part = count
        .split_once(" of ")
        .and_then(|(a, b)| Some((a.trim().parse::<usize>().ok()?, b.trim().parse::<usize>().ok()?)));
    let part = match part {
        Some((n, of)) if of == parts && (1..=parts).contains(&n) => n,
        _ => return Err(bad(format!("Bag-Count {count:?} does not fit {parts} parts"))),
    };
    let mut index = Vec::new();
    for l in lines {
        if index.len() >= super::reader::MAX_ENTRIES {
            return Err(bad("too many lines".into()));
        }
        let mut f = l.splitn(3, '\t');
        let (Some(p), Some(s), Some(path)) = (f.next(), f.next(), f.next()) else {
            return Err(bad(format!("bad line: {l:?}")));
        };
        let (Ok(p), Ok(s)) = (p.parse::<usize>(), s.parse::<u64>()) else {
            return Err(bad(format!("bad line: {l:?}")));
        };
        let path = decode_path(path);
        if !(1..=parts).contains(&p) || !path.starts_with("data/") || name_problem(&path).is_some() {
            return Err(bad(format!("bad line: {l:?}")));
        }
        index.push((p, s, path));
    }
    Ok(Group { id, part, parts, index })
}

/// Phase 4: the signature over the tag manifest, by the given key (else the bag's own), and its
/// trusted comment against `bag-info.txt`.
pub fn check_signature(tags: &Tags, pubkey: Option<&PublicKey>, v: &mut Verdict) -> Result<(), Reason> {
    let key = match (pubkey, &tags.embedded_key) {
        (Some(k), Some(e)) if k.base64() != e.base64() => {
            v.key_id = Some(e.id());
            return Err(reason(
                "bundle-wrong-key",
                Some(PUBLIC_KEY_FILE),
                format!(
                    "the bundle carries key {} ({}), expected {} ({})",
                    e.id(),
                    e.fingerprint(),
                    k.id(),
                    k.fingerprint()
                ),
            ));
        }
        (Some(k), _) => k.clone(),
        (None, Some(e)) => e.clone(),
        (None, None) => return Err(reason("bundle-bad-signature", None, "no public key")),
    };
    v.key_id = Some(key.id());
    let comment = key.verify(&tags.tagmanifest, &tags.signature).map_err(|e| {
        let code = if e.contains("signed by key") { "bundle-wrong-key" } else { "bundle-bad-signature" };
        reason(code, Some("tagmanifest-sha256.txt.minisig"), e)
    })?;
    v.public_key = Some(key.base64());
    v.trusted_comment = Some(comment.clone());
    let fields: BTreeMap<&str, String> = comment
        .split(' ')
        .filter_map(|w| w.split_once('='))
        .map(|(k, val)| (k, decode_comment(val)))
        .collect();
    let mismatch = |what: &str| {
        reason(
            "bundle-comment-mismatch",
            Some("bag-info.txt"),
            format!("{what} differs from the signed comment"),
        )
    };
    for (k, bag_key) in [
        ("unit", "Source-Organization"),
        ("profile", "External-Identifier"),
        ("group", "Bag-Group-Identifier"),
    ] {
        if fields.get(k).map(String::as_str) != tags.info.get(bag_key).map(String::as_str) {
            return Err(mismatch(bag_key));
        }
    }
    let part = tags.info.get("Bag-Count").map(|c| c.replace(" of ", "/")).unwrap_or_default();
    if fields.get("part") != Some(&part) {
        return Err(mismatch("Bag-Count"));
    }
    Ok(())
}

/// Phase 5a: every tag file the tag manifest lists is there with its hash, and every tag file is
/// either required or listed.
pub fn check_tag_manifest(archive: &Archive, layout: &Layout, tags: &Tags) -> Result<(), Vec<Reason>> {
    let mut out = Vec::new();
    for (name, want) in &tags.tag_hashes {
        let got = match tags.read.get(name) {
            Some(h) => Some(h.clone()),
            None => match layout.tags.get(name) {
                None => None,
                Some(&i) => match hash_entry(archive, &archive.entries()[i]) {
                    Ok(h) => Some(h),
                    Err(r) => {
                        out.push(r);
                        continue;
                    }
                },
            },
        };
        match got {
            Some(h) if &h == want => {}
            Some(_) => out.push(reason("bundle-altered", Some(name), "tag file changed")),
            None => out.push(reason("bundle-missing-file", Some(name), "listed in the tag manifest")),
        }
    }
    for name in ["bagit.txt", "bag-info.txt", "manifest-sha256.txt"] {
        if !tags.tag_hashes.contains_key(name) {
            out.push(reason("bundle-not-bagit", Some(name), "not covered by the signed tag manifest"));
        }
    }
    for name in layout.tags.keys() {
        if !REQUIRED_TAGS.contains(&name.as_str()) && !tags.tag_hashes.contains_key(name) {
            out.push(reason("bundle-unlisted-file", Some(name), "not in tagmanifest-sha256.txt"));
        }
    }
    if out.is_empty() {
        Ok(())
    } else {
        Err(out)
    }
}

fn hash_entry(archive: &Archive, e: &Entry) -> Result<String, Reason> {
    let mut h = Sha256::new();
    let mut r = archive.open_entry_hashed(e);
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = r.read(&mut buf).map_err(|err| reason("bundle-corrupt", Some(&e.name), err))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex::encode(h.finalize()))
}

/// Phase 5b: every payload file listed and every listed file present with its hash (hashed on all
/// cores, largest first), and `Payload-Oxum` right.
pub fn check_payload(
    archive: &Archive,
    layout: &Layout,
    tags: &Tags,
    defer: bool,
) -> (Vec<FileVerdict>, Vec<Payload>, Vec<Reason>) {
    let mut reasons = Vec::new();
    let mut files = Vec::new();
    let mut work: Vec<(&String, &Entry, &String)> = Vec::new();
    for (path, &i) in &layout.payload {
        match tags.manifest.get(path) {
            Some(want) => work.push((path, &archive.entries()[i], want)),
            None => {
                reasons.push(reason("bundle-unlisted-file", Some(path), "not in manifest-sha256.txt"));
                files.push(FileVerdict { path: path.clone(), ok: false });
            }
        }
    }
    work.sort_by_key(|w| std::cmp::Reverse(w.1.size));
    let deferred = |path: &str| defer && !path.starts_with("data/jianbao/");
    let hashed: Vec<&Entry> = work.iter().filter(|w| !deferred(w.0)).map(|w| w.1).collect();
    let mut computed = hash_all(archive, &hashed).into_iter();
    let hashes: Vec<Result<String, Reason>> = work
        .iter()
        .map(|w| {
            if deferred(w.0) {
                Ok(w.2.clone())
            } else {
                computed.next().unwrap_or_else(|| Err(reason("bundle-corrupt", None, "not hashed")))
            }
        })
        .collect();
    let mut payload = Vec::new();
    let (mut bytes, mut count) = (0u64, 0u64);
    for ((path, e, want), got) in work.iter().zip(hashes) {
        let ok = match got {
            Ok(h) if &h == *want => true,
            Ok(_) => {
                reasons.push(reason("bundle-altered", Some(path), "its SHA-256 differs from the manifest"));
                false
            }
            Err(r) => {
                reasons.push(reason("bundle-altered", Some(path), r.detail));
                false
            }
        };
        if ok {
            bytes += e.size;
            count += 1;
            payload.push(Payload {
                path: (*path).clone(),
                entry: e.name.clone(),
                sha256: (*want).clone(),
                size: e.size,
            });
        }
        files.push(FileVerdict { path: (*path).clone(), ok });
    }
    for path in tags.manifest.keys().filter(|p| !layout.payload.contains_key(*p)) {
        reasons.push(reason("bundle-missing-file", Some(path), "listed in the manifest but absent"));
        files.push(FileVerdict { path: path.clone(), ok: false });
    }
    if reasons.is_empty() {
        let oxum = tags.info.get("Payload-Oxum").map(String::as_str).unwrap_or("");
        if oxum != format!("{bytes}.{count}") {
            reasons.push(reason(
                "bundle-altered",
                Some("bag-info.txt"),
                format!("Payload-Oxum {oxum}, found {bytes}.{count}"),
            ));
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    payload.sort_by(|a, b| a.path.cmp(&b.path));
    (files, payload, reasons)
}

/// Hashes entries on every core: each thread takes the next entry (the list is largest first).
fn hash_all(archive: &Archive, entries: &[&Entry]) -> Vec<Result<String, Reason>> {
    let threads =
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(8).min(entries.len());
    if threads <= 1 {
        return entries.iter().map(|e| hash_entry(archive, e)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<String, Reason>>> = vec![None; entries.len()];
    let done: Vec<Vec<(usize, Result<String, Reason>)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(e) = entries.get(i) else { break };
                        mine.push((i, hash_entry(archive, e)));
                    }
                    mine
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or_default()).collect()
    });
    for (i, r) in done.into_iter().flatten() {
        results[i] = Some(r);
    }
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(reason("bundle-corrupt", None, "an entry could not be hashed"))))
        .collect()
}

/// Checks that verified parts form whole sets: each group's parts present once, and together exactly
/// the files its index lists. Parts of different exports of the same unit are named as such, never as
/// "part missing".
pub fn check_set(parts: &[Verdict]) -> Vec<Reason> {
    let mut out = Vec::new();
    let mut by_group: BTreeMap<&str, Vec<&Verdict>> = BTreeMap::new();
    for p in parts {
        if let Some(g) = &p.group {
            by_group.entry(g.id.as_str()).or_default().push(p);
        }
    }
    for (g, members) in &by_group {
        let first = members[0];
        let Some(group) = &first.group else { continue };
        let mut have: HashMap<usize, usize> = HashMap::new();
        for m in members {
            if let Some(mg) = &m.group {
                *have.entry(mg.part).or_default() += 1;
                if mg.parts != group.parts || mg.index != group.index {
                    out.push(reason(
                        "bundle-parts-mixed",
                        None,
                        format!("group {g}: the parts disagree about the set"),
                    ));
                }
            }
        }
        if have.values().any(|&n| n > 1) {
            out.push(reason("bundle-duplicate-name", None, format!("group {g}: a part given twice")));
        }
        if have.len() < group.parts {
            let missing: Vec<String> =
                (1..=group.parts).filter(|n| !have.contains_key(n)).map(|n| n.to_string()).collect();
            // Another, complete export of the same unit and campaign given together with this one.
            let sibling = by_group.iter().find(|(og, om)| {
                og != &g
                    && om[0].info("Source-Organization") == first.info("Source-Organization")
                    && om[0].info("External-Identifier") == first.info("External-Identifier")
            });
            match sibling {
                Some((_, om)) => {
                    let have_other: BTreeSet<usize> =
                        om.iter().filter_map(|m| m.group.as_ref().map(|g| g.part)).collect();
                    let other_parts = om[0].group.as_ref().map(|g| g.parts).unwrap_or(0);
                    out.push(reason(
                        "bundle-parts-mixed",
                        None,
                        format!(
                            "{} — {}: {}/{} · {}: {}/{}",
                            first.info("Source-Organization"),
                            first.info("Jianbao-Export-Time"),
                            have.len(),
                            group.parts,
                            om[0].info("Jianbao-Export-Time"),
                            have_other.len(),
                            other_parts,
                        ),
                    ))
                }
                None => out.push(reason(
                    "bundle-part-missing",
                    None,
                    format!("group {g}: part {} of {} missing", missing.join(", "), group.parts),
                )),
            }
            continue;
        }
        let listed: BTreeSet<(usize, &str)> =
            group.index.iter().map(|(p, _, path)| (*p, path.as_str())).collect();
        let found: BTreeSet<(usize, &str)> = members
            .iter()
            .flat_map(|m| {
                let n = m.group.as_ref().map(|x| x.part).unwrap_or(0);
                m.files.iter().filter(|f| f.ok).map(move |f| (n, f.path.as_str()))
            })
            .collect();
        for (p, path) in listed.difference(&found) {
            out.push(reason("bundle-missing-file", Some(path), format!("listed for part {p}")));
        }
        for (p, path) in found.difference(&listed) {
            out.push(reason(
                "bundle-unlisted-file",
                Some(path),
                format!("in part {p} but not in the group index"),
            ));
        }
    }
    out
}

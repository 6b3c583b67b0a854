//! The whole workspace in one file (backup and restore), and moving it to another folder.
//!
//! A backup is a zip of every file of the workspace — a consistent snapshot of the database (SQLite's
//! `VACUUM INTO`, taken while the workspace stays open), the media store, profiles, keys and the
//! outputs the user made — followed by `jianbao-backup.json`, which lists each file with its SHA-256
//! and size. Entries are stored, not deflated: media do not compress, and stored entries are read back
//! by the same hostile-input zip reader that reads bundles ([`crate::bundle::reader`]), with no
//! decompression limit to trip over on a large database.
//!
//! Restoring unpacks into a staging folder beside the target, checks every byte against the manifest,
//! opens the database and runs SQLite's integrity check, checks that every stored file the database
//! names is there with its hash as its name, and only then renames the staging folder into place: a
//! damaged backup leaves nothing behind, and an existing workspace is never overwritten.
//!
//! The backup holds the workspace's secret keys, so it is written readable by its owner only, and
//! files that were private in the workspace are restored private.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Workspace, DB_FILE, LOCK_FILE};
use crate::bundle::reader::{self, Archive};
use crate::error::{BackupFault, Error, Result};
use crate::fsutil;
use crate::progress::{Observed, Observer};

/// The manifest's name inside a backup, and its format.
pub const MANIFEST: &str = "jianbao-backup.json";
/// The backup format this version writes and reads.
pub const FORMAT: &str = "jianbao-backup/1";
/// The file an old workspace folder keeps after a move: the folder the workspace now lives in.
pub const LOCATION_FILE: &str = "jianbao-moved-to.txt";

/// Largest manifest read into memory.
const MAX_MANIFEST: u64 = 64 << 20;

/// The list inside a backup.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Manifest {
    format: String,
    created: String,
    version: String,
    files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ManifestFile {
    path: String,
    sha256: String,
    size: u64,
    /// Readable by its owner only (secret keys).
    #[serde(default)]
    private: bool,
}

/// What a backup, restore or move did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Copied {
    /// The backup file, or the workspace folder restored or moved to.
    #[serde(serialize_with = "fsutil::lossy_path")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    /// Files, the database included.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub files: u64,
    /// Bytes of those files.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
}

/// One file of the workspace to carry: its name inside the workspace and where it is now.
struct Item {
    name: String,
    source: PathBuf,
    private: bool,
}

fn damaged(path: &Path, entry: Option<&str>, detail: impl ToString) -> Error {
    Error::BadBackup {
        path: path.to_path_buf(),
        fault: BackupFault::Damaged,
        entry: entry.map(str::to_string),
        detail: detail.to_string(),
    }
}

/// A backup ready to be written: a snapshot of the database and the list of files. Made while the
/// workspace is held (a moment), written without holding it: stored files never change, so edits made
/// meanwhile simply are not in this backup.
pub struct BackupPlan {
    root: PathBuf,
    /// Holds the database snapshot until the plan is written or dropped.
    _scratch: tempfile::TempDir,
    items: Vec<Item>,
}

impl std::fmt::Debug for BackupPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BackupPlan({} files of {})", self.items.len(), self.root.display())
    }
}

impl Workspace {
    /// Writes the whole workspace to one file (`out`, written atomically, readable by its owner only).
    pub fn backup(&self, out: &Path, obs: &dyn Observer) -> Result<Copied> {
        self.plan_backup()?.write(out, obs)
    }

    /// Takes the snapshot and the list of files for a backup.
    pub fn plan_backup(&self) -> Result<BackupPlan> {
        let scratch = self.scratch()?;
        let items = self.items(scratch.path())?;
        Ok(BackupPlan { root: self.root.clone(), _scratch: scratch, items })
    }
}

impl BackupPlan {
    /// Writes the backup to `out` (atomically, readable by its owner only), outside the workspace.
    pub fn write(self, out: &Path, obs: &dyn Observer) -> Result<Copied> {
        if absolute(out)?.starts_with(absolute(&self.root)?) {
            return Err(Error::InsideWorkspace { path: out.to_path_buf() });
        }
        let items = &self.items;
        obs.begin(total_size(items));
        let mut manifest = Manifest {
            format: FORMAT.into(),
            created: super::now(),
            version: env!("CARGO_PKG_VERSION").into(),
            files: Vec::with_capacity(items.len()),
        };
        let mut failure = None;
        let written = fsutil::write_atomic_private_with(out, |file| {
            let mut zip = zip::ZipWriter::new(std::io::BufWriter::with_capacity(1 << 20, file));
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored)
                .large_file(true);
            let zerr = |e: zip::result::ZipError| std::io::Error::other(e.to_string());
            for item in items {
                obs.file(&item.name);
                let input = match std::fs::File::open(&item.source) {
                    Ok(f) => f,
                    Err(e) => {
                        failure = Some(Error::io(&item.source, e));
                        return Err(std::io::Error::other("input"));
                    }
                };
                zip.start_file(item.name.as_str(), options).map_err(zerr)?;
                match fsutil::copy_hashing_beside(input, &mut zip, obs) {
                    Ok((sha256, size)) => manifest.files.push(ManifestFile {
                        path: item.name.clone(),
                        sha256,
                        size,
                        private: item.private,
                    }),
                    Err(e) => {
                        failure = Some(e.into_error(&item.source, out));
                        return Err(std::io::Error::other("copy"));
                    }
                }
            }
            let text = serde_json::to_vec_pretty(&manifest).map_err(std::io::Error::other)?;
            zip.start_file(MANIFEST, options.large_file(false)).map_err(zerr)?;
            zip.write_all(&text)?;
            let mut w = zip.finish().map_err(zerr)?;
            w.flush()
        });
        if let Some(e) = failure {
            return Err(e);
        }
        written?;
        Ok(Copied {
            path: out.to_path_buf(),
            files: manifest.files.len() as u64,
            bytes: manifest.files.iter().map(|f| f.size).sum(),
        })
    }
}

impl Workspace {
    /// Moves the workspace to `to` (a new or empty folder outside it): copies every file, checks each
    /// copy byte for byte, opens the copy, then leaves in the old folder only a note of where the
    /// workspace went (which [`Workspace::open`] follows) and removes the old files. `self` is the moved
    /// workspace afterwards. Until the copy is complete and checked, the old workspace is untouched.
    pub fn relocate(&mut self, to: &Path, obs: &dyn Observer) -> Result<Copied> {
        let to = absolute(to)?;
        let here = absolute(&self.root)?;
        if to.starts_with(&here) || here.starts_with(&to) {
            return Err(Error::InsideWorkspace { path: to });
        }
        fsutil::ensure_empty(&to)?;
        // Only a workspace nobody else has open may move: another program (the app, a script) would go
        // on writing into the files about to be removed. Our shared lock is upgraded in place.
        if let Some(lock) = &self._lock {
            if lock.try_lock().is_err() {
                return Err(Error::WorkspaceInUse { path: self.root.clone() });
            }
        }
        let moved = self.relocate_held(&to, obs);
        if moved.is_err() {
            if let Some(lock) = &self._lock {
                let _ = lock.lock_shared();
            }
        }
        moved
    }

    fn relocate_held(&mut self, to: &Path, obs: &dyn Observer) -> Result<Copied> {
        let to = to.to_path_buf();
        let scratch = self.scratch()?;
        let items = self.items(scratch.path())?;
        obs.begin(total_size(&items));
        let created = !to.exists();
        let copied = (|| -> Result<Copied> {
            let mut done = Copied { path: to.clone(), files: 0, bytes: 0 };
            for item in &items {
                obs.file(&item.name);
                let dest = to.join(&item.name);
                let mode = if item.private { 0o600 } else { 0o644 };
                let (sha, size) = fsutil::copy_hashed_mode(&item.source, &dest, mode, obs)?;
                // Read back what landed: a copy is only trusted once its bytes are seen on the target.
                let (back, _) = fsutil::sha256_file(&dest)?;
                if back != sha {
                    return Err(Error::CopyFailed {
                        path: dest,
                        reason: "the copy reads back different bytes".into(),
                    });
                }
                done.files += 1;
                done.bytes += size;
            }
            Ok(done)
        })();
        let done = match copied
            .and_then(|d| Workspace::open(&to).and_then(|w| w.integrity_check().map(|_| (d, w))))
        {
            Ok(v) => v,
            Err(e) => {
                // Nothing of the half copy stays; the workspace is where it was.
                if created {
                    let _ = std::fs::remove_dir_all(&to);
                } else {
                    clear_dir(&to);
                }
                return Err(e);
            }
        };
        drop(scratch);
        let (copied, moved) = done;
        let old_root = self.root.clone();
        fsutil::write_atomic(&old_root.join(LOCATION_FILE), to.to_string_lossy().as_bytes())?;
        let old = std::mem::replace(self, moved);
        drop(old);
        // The copies are checked and the note points to them: the old files can go.
        for item in &items {
            if item.source.starts_with(&old_root) {
                let _ = std::fs::remove_file(&item.source);
            }
        }
        for name in [DB_FILE, "jianbao.db-wal", "jianbao.db-shm", LOCK_FILE] {
            let _ = std::fs::remove_file(old_root.join(name));
        }
        let _ = std::fs::remove_dir_all(old_root.join("media").join("tmp"));
        remove_empty_dirs(&old_root);
        Ok(copied)
    }

    /// A scratch folder inside the workspace (swept by the next open if a run is killed).
    fn scratch(&self) -> Result<tempfile::TempDir> {
        tempfile::Builder::new()
            .prefix(".jianbao-export-backup-")
            .tempdir_in(&self.root)
            .map_err(|e| Error::io(&self.root, e))
    }

    /// Every file of the workspace, the database as a fresh consistent snapshot made in `scratch`.
    fn items(&self, scratch: &Path) -> Result<Vec<Item>> {
        let snapshot = scratch.join(DB_FILE);
        self.conn
            .execute("VACUUM INTO ?1", [snapshot.to_string_lossy().as_ref()])
            .map_err(|e| self.err(e))?;
        let mut items = vec![Item { name: DB_FILE.into(), source: snapshot, private: false }];
        let mut seen = BTreeSet::new();
        seen.insert(reader::fold(DB_FILE));
        walk(&self.root, &self.root, &mut items, &mut seen)?;
        Ok(items)
    }
}

/// The bytes of the files to carry, for the progress bar.
fn total_size(items: &[Item]) -> u64 {
    items.iter().map(|i| std::fs::metadata(&i.source).map(|m| m.len()).unwrap_or(0)).sum()
}

/// Whether a file of the workspace folder is carried: not the live database (its snapshot is), the
/// lock, a note of a move, nor temporary files of work in progress.
fn carried(rel: &str, is_dir: bool) -> bool {
    if !rel.contains('/')
        && [DB_FILE, "jianbao.db-wal", "jianbao.db-shm", "jianbao.db-journal", LOCK_FILE, LOCATION_FILE]
            .contains(&rel)
    {
        return false;
    }
    !(super::is_temporary(rel, is_dir) || (is_dir && rel == "media/tmp"))
}

fn walk(root: &Path, dir: &Path, items: &mut Vec<Item>, seen: &mut BTreeSet<String>) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .collect::<std::io::Result<_>>()
        .map_err(|e| Error::io(dir, e))?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let kind = e.file_type().map_err(|err| Error::io(&path, err))?;
        // Links are not followed: a backup holds the workspace, not what a link points to.
        if kind.is_symlink() {
            continue;
        }
        let rel = path.strip_prefix(root).expect("walked under the root");
        let Some(rel) = rel.to_str().map(|s| s.replace(std::path::MAIN_SEPARATOR, "/")) else {
            return Err(Error::Unportable { path, reason: "bundle-bad-name" });
        };
        if !carried(&rel, kind.is_dir()) {
            continue;
        }
        if kind.is_dir() {
            walk(root, &path, items, seen)?;
            continue;
        }
        // The name must read back the same everywhere (the restore refuses what the reader refuses).
        if let Some(code) = reader::name_problem(&rel) {
            return Err(Error::Unportable { path, reason: code });
        }
        if !seen.insert(reader::fold(&rel)) {
            return Err(Error::Unportable { path, reason: "bundle-duplicate-name" });
        }
        let private = is_private(&path);
        items.push(Item { name: rel, source: path, private });
    }
    Ok(())
}

#[cfg(unix)]
fn is_private(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).map(|m| m.permissions().mode() & 0o077 == 0).unwrap_or(false)
}

#[cfg(not(unix))]
fn is_private(_: &Path) -> bool {
    false
}

fn absolute(p: &Path) -> Result<PathBuf> {
    let abs = std::path::absolute(p).map_err(|e| Error::io(p, e))?;
    // Resolve links of the part that exists, so "inside the workspace" is judged on real folders.
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return Ok(abs),
        }
    }
    let mut real = existing.canonicalize().map_err(|e| Error::io(existing, e))?;
    for name in rest.into_iter().rev() {
        real.push(name);
    }
    Ok(real)
}

fn clear_dir(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            let _ = if p.is_dir() { std::fs::remove_dir_all(&p) } else { std::fs::remove_file(&p) };
        }
    }
}

fn remove_empty_dirs(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                remove_empty_dirs(&e.path());
                let _ = std::fs::remove_dir(e.path());
            }
        }
    }
}

/// Restores a backup into `to` (a new or empty folder): every file is checked against the backup's
/// list, the database against itself and the media store against the database before anything
/// appears under `to`. A missing, damaged or foreign file is refused as a whole.
pub fn restore(file: &Path, to: &Path, obs: &dyn Observer) -> Result<Copied> {
    let unreadable = |detail: String| Error::BadBackup {
        path: file.to_path_buf(),
        fault: BackupFault::Unreadable,
        entry: None,
        detail,
    };
    let meta = std::fs::metadata(file).map_err(|e| unreadable(e.to_string()))?;
    if !meta.is_file() {
        return Err(unreadable("not a file".into()));
    }
    let to = absolute(to)?;
    fsutil::ensure_empty(&to)?;
    let archive = Archive::open(file).map_err(|r| match r.code {
        "bundle-unreadable" => unreadable(r.detail),
        "bundle-not-zip" => Error::BadBackup {
            path: file.to_path_buf(),
            fault: BackupFault::NotBackup,
            entry: None,
            detail: r.detail,
        },
        _ => damaged(file, r.entry.as_deref(), r.detail),
    })?;
    let manifest = read_manifest(file, &archive)?;
    let listed: BTreeMap<&str, &ManifestFile> = manifest.files.iter().map(|f| (f.path.as_str(), f)).collect();
    if listed.len() != manifest.files.len() {
        return Err(damaged(file, Some(MANIFEST), "a file is listed twice"));
    }
    for e in archive.entries() {
        if !e.is_dir && e.name != MANIFEST && !listed.contains_key(e.name.as_str()) {
            return Err(damaged(file, Some(&e.name), "not in the backup's list"));
        }
    }
    if !listed.contains_key(DB_FILE) {
        return Err(damaged(file, Some(DB_FILE), "the database is not in the backup"));
    }
    let parent = to.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let staging = tempfile::Builder::new()
        .prefix(".jianbao-restore-")
        .tempdir_in(parent)
        .map_err(|e| Error::io(parent, e))?;
    obs.begin(manifest.files.iter().map(|f| f.size).sum());
    let mut bytes = 0u64;
    for f in &manifest.files {
        if let Some(code) = reader::name_problem(&f.path) {
            return Err(damaged(file, Some(&f.path), code));
        }
        if !carried(&f.path, false) && f.path != DB_FILE {
            return Err(damaged(file, Some(&f.path), "not a file a workspace keeps"));
        }
        let entry =
            archive.find(&f.path).ok_or_else(|| damaged(file, Some(&f.path), "listed but missing"))?;
        if entry.size != f.size {
            return Err(damaged(
                file,
                Some(&f.path),
                format!("{} bytes, the list says {}", entry.size, f.size),
            ));
        }
        obs.file(&f.path);
        let dest = staging.path().join(&f.path);
        let input = Observed::new(archive.open_entry_hashed(entry), obs);
        let (sha, size) = write_hashed(input, &dest, f.private).map_err(|e| match e {
            _ if obs.cancelled() => Error::Cancelled,
            Error::Io { path, source }
                if path == dest && source.kind() == std::io::ErrorKind::InvalidData =>
            {
                damaged(file, Some(&f.path), source)
            }
            other => other,
        })?;
        if sha != f.sha256 || size != f.size {
            return Err(damaged(file, Some(&f.path), "its bytes differ from what was backed up"));
        }
        bytes += size;
    }
    check_restored(file, staging.path(), &listed)?;
    let staged = staging.keep();
    if to.exists() {
        std::fs::remove_dir(&to).map_err(|e| Error::io(&to, e))?;
    }
    if let Err(e) = std::fs::rename(&staged, &to) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(Error::io(&to, e));
    }
    fsutil::sync_dir(parent);
    Ok(Copied { path: to, files: manifest.files.len() as u64, bytes })
}

fn read_manifest(file: &Path, archive: &Archive) -> Result<Manifest> {
    let not_backup = |detail: &str| Error::BadBackup {
        path: file.to_path_buf(),
        fault: BackupFault::NotBackup,
        entry: None,
        detail: detail.into(),
    };
    let entry = archive.find(MANIFEST).ok_or_else(|| not_backup("no jianbao-backup.json"))?;
    let bytes =
        archive.read_small(entry, MAX_MANIFEST).map_err(|r| damaged(file, Some(MANIFEST), r.detail))?;
    let manifest: Manifest =
        serde_json::from_slice(&bytes).map_err(|e| damaged(file, Some(MANIFEST), e.to_string()))?;
    if manifest.format != FORMAT {
        return Err(Error::BadBackup {
            path: file.to_path_buf(),
            fault: BackupFault::NewerFormat,
            entry: None,
            detail: manifest.format,
        });
    }
    Ok(manifest)
}

/// Streams `input` to a new file `dest` (readable by its owner only when `private`), returning the SHA-256 and size of what was written.
fn write_hashed(mut input: impl Read, dest: &Path, private: bool) -> Result<(String, u64)> {
    use sha2::Digest;
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(if private { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut out = options.open(dest).map_err(|e| Error::io(dest, e))?;
    let mut hasher = sha2::Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(dest, e)),
        };
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n]).map_err(|e| Error::io(dest, e))?;
        size += n as u64;
    }
    out.sync_all().map_err(|e| Error::io(dest, e))?;
    Ok((hex::encode(hasher.finalize()), size))
}

/// The restored folder is a sound workspace: its database passes SQLite's integrity check and every
/// stored file it names is in the backup's list (whose hashes every byte was just checked against),
/// named by its own hash, with the recorded size.
fn check_restored(file: &Path, dir: &Path, listed: &BTreeMap<&str, &ManifestFile>) -> Result<()> {
    let ws = Workspace::open(dir).map_err(|e| damaged(file, Some(DB_FILE), e))?;
    ws.integrity_check().map_err(|e| damaged(file, Some(DB_FILE), e))?;
    let mut stmt =
        ws.conn.prepare("SELECT sha256, size FROM blobs").map_err(|e| damaged(file, Some(DB_FILE), e))?;
    let blobs: Vec<(String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(|rows| rows.collect())
        .map_err(|e| damaged(file, Some(DB_FILE), e))?;
    for (sha, size) in blobs {
        let name = format!("media/{}/{sha}", sha.get(..2).unwrap_or("00"));
        match listed.get(name.as_str()) {
            None => return Err(damaged(file, Some(&name), "a stored file the database names is missing")),
            Some(f) if f.sha256 != sha || f.size as i64 != size => {
                return Err(damaged(file, Some(&name), "a stored file is not what the database recorded"))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

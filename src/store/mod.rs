//! The local workspace: a folder with a SQLite database (`jianbao.db`, WAL, foreign keys on) and a
//! content-addressed media store (`media/ab/abcdef…`, by SHA-256).
//!
//! Files the user attaches are **copied** into the media store and never touched again; the
//! database records where they came from. Each table's migration lives beside the code that uses it
//! (`units.rs`, `media.rs`, `exports.rs`); [`Workspace::open`] applies the ones not yet applied.

mod backup;
mod edit;
mod exports;
mod media;
mod received;
mod units;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

pub use backup::{restore, BackupPlan, Copied, LOCATION_FILE};
pub use edit::{AttachmentRow, UnitRows};
pub use exports::ExportRecord;
pub use media::MediaStore;
pub(crate) use received::ImportRecord;
pub use received::{PinnedKey, Received, EVIDENCE_PACKET};
pub(crate) use units::StoredRef;
pub use units::{sanitize as sanitize_name, FileRefKey, StoredFile, UnitSummary};

use crate::error::{Error, Result};

/// The environment variable that overrides the default workspace folder.
pub const HOME_ENV: &str = "JIANBAO_HOME";

/// The database file name inside a workspace.
pub const DB_FILE: &str = "jianbao.db";

/// The default workspace folder: `$JIANBAO_HOME`, else the folder the app was last pointed at (a
/// restored backup, see [`remember_root`]), else the OS data folder's `jianbao`.
pub fn default_root() -> PathBuf {
    if let Some(home) = std::env::var_os(HOME_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(home);
    }
    if let Some(chosen) = remembered_file()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .map(|t| PathBuf::from(t.trim()))
        .filter(|p| p.is_absolute() && p.join(DB_FILE).exists())
    {
        return chosen;
    }
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("jianbao")
}

/// The file that remembers the workspace the app opens (in the OS config folder).
fn remembered_file() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("jianbao").join("workspace.txt"))
}

/// Makes `root` the workspace the app opens from now on. With `$JIANBAO_HOME` set (which always
/// wins) nothing is written.
pub fn remember_root(root: &Path) -> Result<()> {
    if std::env::var_os(HOME_ENV).is_some_and(|v| !v.is_empty()) {
        return Ok(());
    }
    let Some(file) = remembered_file() else { return Ok(()) };
    let abs = std::path::absolute(root).map_err(|e| Error::io(root, e))?;
    crate::fsutil::write_atomic(&file, abs.to_string_lossy().as_bytes())
}

/// Every migration, in the order they apply: (name, SQL). A name never changes once released.
fn migrations() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    units::MIGRATIONS.iter().chain(media::MIGRATIONS).chain(exports::MIGRATIONS).chain(received::MIGRATIONS)
}

/// The lock file of a workspace: every process that opens the workspace holds it shared; the one that
/// gets it exclusively (nobody else has the workspace open) first removes what killed runs left.
pub const LOCK_FILE: &str = "jianbao.lock";

/// What opening a workspace cleaned up: temporary files of interrupted work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Cleanup {
    /// Files removed.
    pub files: u64,
    /// Bytes freed.
    pub bytes: u64,
}

/// An open workspace, holding the write connection.
#[derive(Debug)]
pub struct Workspace {
    root: PathBuf,
    conn: Connection,
    media: MediaStore,
    cleaned: Cleanup,
    _lock: Option<std::fs::File>,
}

impl Workspace {
    /// Opens (creating if needed) the workspace at `root` and brings its schema up to date. A folder
    /// the workspace was moved out of holds only a note of where it went, which is followed.
    pub fn open(root: &Path) -> Result<Self> {
        let root = &follow_moves(root)?;
        std::fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
        let (lock, cleaned) = lock_and_sweep(root)?;
        let db = root.join(DB_FILE);
        let conn = Connection::open(&db).map_err(|e| store_err(&db, e))?;
        configure(&conn).map_err(|e| store_err(&db, e))?;
        migrate(&conn).map_err(|e| store_err(&db, e))?;
        let media = MediaStore::open(&root.join("media"))?;
        Ok(Workspace { root: root.to_path_buf(), conn, media, cleaned, _lock: lock })
    }

    /// What opening the workspace cleaned up (temporary files left by interrupted work).
    pub fn cleaned(&self) -> Cleanup {
        self.cleaned
    }

    /// A separate read-only connection, for readers that must not block or be blocked by writes.
    pub fn reader(&self) -> Result<Connection> {
        let db = self.db_path();
        let conn = Connection::open_with_flags(
            &db,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| store_err(&db, e))?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(|e| store_err(&db, e))?;
        Ok(conn)
    }

    /// The workspace folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The database file.
    pub fn db_path(&self) -> PathBuf {
        self.root.join(DB_FILE)
    }

    /// The media store.
    pub fn media(&self) -> &MediaStore {
        &self.media
    }

    /// Folder for profile files distributed by an organiser.
    pub fn profiles_dir(&self) -> PathBuf {
        self.root.join("profiles")
    }

    pub(crate) fn err(&self, e: rusqlite::Error) -> Error {
        store_err(&self.db_path(), e)
    }

    /// Runs SQLite's integrity check; `Ok(())` when the database is sound.
    pub fn integrity_check(&self) -> Result<()> {
        let verdict: String =
            self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| self.err(e))?;
        if verdict == "ok" {
            Ok(())
        } else {
            Err(Error::CorruptStore { path: self.root.clone(), detail: verdict })
        }
    }
}

/// Where the workspace of `root` is: `root` itself, or (when `root` holds no database but a note of a
/// move) the folder the note names, followed through at most eight moves.
pub fn follow_moves(root: &Path) -> Result<PathBuf> {
    let mut at = root.to_path_buf();
    for _ in 0..8 {
        let note = at.join(LOCATION_FILE);
        if at.join(DB_FILE).exists() || !note.is_file() {
            return Ok(at);
        }
        let text = std::fs::read(&note).map_err(|e| Error::io(&note, e))?;
        let to = PathBuf::from(String::from_utf8_lossy(&text[..text.len().min(4096)]).trim());
        if !to.is_absolute() || !(to.join(DB_FILE).exists() || to.join(LOCATION_FILE).is_file()) {
            return Err(Error::WorkspaceMoved { from: at, to });
        }
        at = to;
    }
    Err(Error::CorruptStore { path: root.to_path_buf(), detail: "workspace-move-loop".into() })
}

/// Takes the workspace lock; when no other process holds it, first removes temporary files of
/// interrupted work: staged media (`media/tmp`), half-written outputs (`.jianbao-*.part`), export
/// scratch folders, and files unpacked by imports of earlier versions (`received/`).
fn lock_and_sweep(root: &Path) -> Result<(Option<std::fs::File>, Cleanup)> {
    let path = root.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    let mut cleaned = Cleanup::default();
    if file.try_lock().is_ok() {
        sweep(root, root, 0, &mut cleaned);
        let _ = file.unlock();
    }
    // A file system without locks (some network shares) still opens; it just is never swept.
    let held = file.lock_shared().is_ok();
    Ok((held.then_some(file), cleaned))
}

/// Whether a file or folder of the workspace (its path inside it, `/`-separated) is work in progress
/// that a killed run may have left: a half-written output (`.jianbao-*.part`), a file being copied into
/// the store (`media/tmp/in-*`), an export's scratch folder (`.jianbao-export-*`), or what imports of
/// earlier versions unpacked (`received/`). The next exclusive open sweeps these; a backup or a move
/// leaves them out.
pub(crate) fn is_temporary(rel: &str, is_dir: bool) -> bool {
    let leaf = rel.rsplit('/').next().unwrap_or(rel);
    if is_dir {
        rel == "received" || leaf.starts_with(".jianbao-export-")
    } else {
        (leaf.starts_with(".jianbao-") && leaf.ends_with(".part"))
            || (rel.starts_with("media/tmp/") && leaf.starts_with("in-"))
    }
}

fn sweep(root: &Path, dir: &Path, depth: usize, cleaned: &mut Cleanup) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let Ok(kind) = e.file_type() else { continue };
        let path = e.path();
        let rel = path.strip_prefix(root).map(|r| r.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        if kind.is_file() && is_temporary(&rel, false) {
            let size = e.metadata().map(|m| m.len()).unwrap_or(0);
            if std::fs::remove_file(&path).is_ok() {
                cleaned.files += 1;
                cleaned.bytes += size;
            }
        } else if kind.is_dir() && is_temporary(&rel, true) {
            let mut inner = Cleanup::default();
            count_tree(&path, &mut inner);
            if std::fs::remove_dir_all(&path).is_ok() {
                cleaned.files += inner.files;
                cleaned.bytes += inner.bytes;
            }
        } else if kind.is_dir()
            && depth < 6
            && !(depth == 1 && dir.ends_with("media") && e.file_name().len() == 2)
        {
            // (blob folders `media/ab/` hold only finished blobs)
            sweep(root, &path, depth + 1, cleaned);
        }
    }
}

fn count_tree(dir: &Path, c: &mut Cleanup) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        match e.file_type() {
            Ok(t) if t.is_dir() => count_tree(&e.path(), c),
            Ok(_) => {
                c.files += 1;
                c.bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
            }
            Err(_) => {}
        }
    }
}

pub(crate) fn store_err(path: &Path, source: rusqlite::Error) -> Error {
    Error::Store { path: path.to_path_buf(), source }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // WAL: readers never block the writer and a killed process never leaves a half-written page.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    debug_assert_eq!(mode.to_ascii_lowercase(), "wal");
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")?;
    Ok(())
}

fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
    )?;
    for (name, sql) in migrations() {
        let done: bool =
            conn.query_row("SELECT EXISTS (SELECT 1 FROM migrations WHERE name = ?1)", [name], |r| r.get(0))?;
        if done {
            continue;
        }
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.execute("INSERT INTO migrations (name, applied_at) VALUES (?1, ?2)", [*name, &now()])?;
        tx.commit()?;
    }
    Ok(())
}

/// The current time, RFC 3339 in UTC.
pub(crate) fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .expect("a UTC time formats")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_twice_and_migrates_once() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        let n: i64 = ws.conn.query_row("SELECT COUNT(*) FROM migrations", [], |r| r.get(0)).unwrap();
        drop(ws);
        let ws = Workspace::open(dir.path()).unwrap();
        let m: i64 = ws.conn.query_row("SELECT COUNT(*) FROM migrations", [], |r| r.get(0)).unwrap();
        assert_eq!(n, m);
        assert_eq!(n as usize, migrations().count());
        let fk: i64 = ws.conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
        let mode: String = ws.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        ws.integrity_check().unwrap();
    }

    #[test]
    fn opening_sweeps_what_killed_runs_left_unless_the_workspace_is_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        drop(Workspace::open(root).unwrap());
        let debris = |root: &Path| {
            std::fs::write(root.join("media/tmp/in-abc"), vec![0u8; 1000]).unwrap();
            std::fs::create_dir_all(root.join("汇总/x")).unwrap();
            std::fs::write(root.join("汇总/x/.jianbao-1.part"), b"half").unwrap();
            std::fs::create_dir_all(root.join("received/0123456789abcdef/data")).unwrap();
            std::fs::write(root.join("received/0123456789abcdef/data/p.jpg"), vec![1u8; 500]).unwrap();
            std::fs::write(root.join("汇总/x/kept.pdf"), b"a user's file").unwrap();
        };
        debris(root);
        // Another process (here: another handle) has it open: nothing is swept.
        let first = Workspace::open(root).unwrap();
        debris(root);
        let second = Workspace::open(root).unwrap();
        assert_eq!(second.cleaned(), Cleanup::default());
        assert!(root.join("media/tmp/in-abc").exists());
        drop((first, second));
        let ws = Workspace::open(root).unwrap();
        assert_eq!(ws.cleaned(), Cleanup { files: 3, bytes: 1504 });
        assert!(!root.join("media/tmp/in-abc").exists() && !root.join("received").exists());
        assert!(!root.join("汇总/x/.jianbao-1.part").exists());
        assert!(root.join("汇总/x/kept.pdf").exists(), "a user's file is never swept");
        ws.integrity_check().unwrap();
    }
}

//! The local workspace: a folder with a SQLite database (`jianbao.db`, WAL, foreign keys on) and a
//! content-addressed media store (`media/ab/abcdef…`, by SHA-256).
//!
//! Files the user attaches are **copied** into the media store and never touched again; the
//! database records where they came from. Each table's migration lives beside the code that uses it
//! (`units.rs`, `media.rs`, `exports.rs`); [`Workspace::open`] applies the ones not yet applied.

mod edit;
mod exports;
mod media;
mod received;
mod units;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use edit::{AttachmentRow, UnitRows};
pub use exports::ExportRecord;
pub use media::MediaStore;
pub use received::Received;
pub use units::{sanitize as sanitize_name, FileRefKey, StoredFile, UnitSummary};

use crate::error::{Error, Result};

/// The environment variable that overrides the default workspace folder.
pub const HOME_ENV: &str = "JIANBAO_HOME";

/// The database file name inside a workspace.
pub const DB_FILE: &str = "jianbao.db";

/// The default workspace folder: `$JIANBAO_HOME`, else the OS data folder's `jianbao`.
pub fn default_root() -> PathBuf {
    if let Some(home) = std::env::var_os(HOME_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(home);
    }
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("jianbao")
}

/// Every migration, in the order they apply: (name, SQL). A name never changes once released.
fn migrations() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    units::MIGRATIONS.iter().chain(media::MIGRATIONS).chain(exports::MIGRATIONS).chain(received::MIGRATIONS)
}

/// An open workspace, holding the write connection.
#[derive(Debug)]
pub struct Workspace {
    root: PathBuf,
    conn: Connection,
    media: MediaStore,
}

impl Workspace {
    /// Opens (creating if needed) the workspace at `root` and brings its schema up to date.
    pub fn open(root: &Path) -> Result<Self> {
        std::fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
        let db = root.join(DB_FILE);
        let conn = Connection::open(&db).map_err(|e| store_err(&db, e))?;
        configure(&conn).map_err(|e| store_err(&db, e))?;
        migrate(&conn).map_err(|e| store_err(&db, e))?;
        let media = MediaStore::open(&root.join("media"))?;
        Ok(Workspace { root: root.to_path_buf(), conn, media })
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

fn store_err(path: &Path, source: rusqlite::Error) -> Error {
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
}

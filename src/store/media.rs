//! The content-addressed media store: every attached file, copied once, named by its SHA-256.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fsutil;

/// The migrations of the `blobs` table (attachments live in `units.rs`'s tables' neighbour here).
pub(super) const MIGRATIONS: &[(&str, &str)] = &[(
    "0002_media",
    "CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        size INTEGER NOT NULL CHECK (size >= 0),
        added_at TEXT NOT NULL
    );
    CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        candidate_id INTEGER REFERENCES candidates(id) ON DELETE CASCADE,
        list TEXT NOT NULL CHECK (list IN ('media', 'documents')),
        slot TEXT NOT NULL,
        position INTEGER NOT NULL,
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        original_name TEXT NOT NULL,
        original_path TEXT NOT NULL
    );
    CREATE INDEX attachments_by_unit ON attachments (unit_id, candidate_id, list, position);",
)];

/// The folder of blobs.
#[derive(Debug, Clone)]
pub struct MediaStore {
    dir: PathBuf,
}

impl MediaStore {
    pub(super) fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir.join("tmp")).map_err(|e| Error::io(dir, e))?;
        Ok(MediaStore { dir: dir.to_path_buf() })
    }

    /// Where the blob with this hash lives.
    pub fn path_of(&self, sha256: &str) -> PathBuf {
        let prefix = sha256.get(..2).unwrap_or("00");
        self.dir.join(prefix).join(sha256)
    }

    /// Copies `src` into the store (reading it once, never modifying it); returns its hash and size.
    pub fn put(&self, src: &Path) -> Result<(String, u64)> {
        let tmp_dir = self.dir.join("tmp");
        let staged = tempfile::Builder::new()
            .prefix("in-")
            .tempfile_in(&tmp_dir)
            .map_err(|e| Error::io(&tmp_dir, e))?
            .into_temp_path();
        let (sha, size) = fsutil::copy_hashed(src, &staged)?;
        let dest = self.path_of(&sha);
        let parent = dest.parent().expect("blob paths have a parent");
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        // Same name means same content: replacing an existing blob is harmless.
        staged.persist(&dest).map_err(|e| Error::io(&dest, e.error))?;
        fsutil::sync_dir(parent);
        Ok((sha, size))
    }

    /// Copies a blob out to `dest` (atomically), verifying its hash on the way.
    pub fn get_to(&self, sha256: &str, dest: &Path) -> Result<()> {
        let src = self.path_of(sha256);
        let (got, _) = fsutil::copy_hashed(&src, dest)?;
        if got != sha256 {
            let _ = std::fs::remove_file(dest);
            return Err(Error::CorruptStore {
                path: src,
                detail: format!("media file content changed (expected sha256 {sha256}, found {got})"),
            });
        }
        Ok(())
    }
}

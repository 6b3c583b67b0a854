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
        self.put_observed(src, &crate::progress::Quiet)
    }

    /// [`MediaStore::put`], reporting bytes to `obs` and stopping (storing nothing) once it is cancelled.
    pub fn put_observed(&self, src: &Path, obs: &dyn crate::progress::Observer) -> Result<(String, u64)> {
        let tmp_dir = self.dir.join("tmp");
        let staged = tempfile::Builder::new()
            .prefix("in-")
            .tempfile_in(&tmp_dir)
            .map_err(|e| Error::io(&tmp_dir, e))?
            .into_temp_path();
        let (sha, size) = fsutil::copy_hashed_observed(src, &staged, obs)?;
        let dest = self.path_of(&sha);
        let parent = dest.parent().expect("blob paths have a parent");
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        // Same name means same content: replacing an existing blob is harmless.
        staged.persist(&dest).map_err(|e| Error::io(&dest, e.error))?;
        fsutil::sync_dir(parent);
        Ok((sha, size))
    }

    /// Stores the bytes `input` yields, which must hash to `expected` (a signed manifest's hash). They
    /// are hashed while written, so the blob stored is the bytes that were hashed; a blob already
    /// present is not written again (its input is still hashed, to confirm it).
    ///
    /// Returns `Ok(Err(detail))` when the input fails or hashes otherwise (nothing is stored), and
    /// `Err` when the store cannot be written (naming the file it could not write).
    pub fn put_verified(
        &self,
        input: &mut dyn std::io::Read,
        expected: &str,
        obs: &dyn crate::progress::Observer,
    ) -> Result<std::result::Result<u64, String>> {
        use fsutil::CopyError;
        let dest = self.path_of(expected);
        if expected.len() != 64 || !expected.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(Err(format!("not a SHA-256: {expected}")));
        }
        let mismatch = |got: &str| format!("sha256 {got}, the manifest says {expected}");
        if dest.exists() {
            // Already stored: the input is still read and hashed, to confirm it, but not written.
            return match fsutil::copy_hashing_beside(input, &mut std::io::sink(), obs) {
                Ok((got, size)) if got == expected => Ok(Ok(size)),
                Ok((got, _)) => Ok(Err(mismatch(&got))),
                Err(CopyError::Read(e)) => Ok(Err(e.to_string())),
                Err(CopyError::Write(e)) => Err(Error::io(&dest, e)),
                Err(CopyError::Cancelled) => Err(Error::Cancelled),
            };
        }
        let tmp_dir = self.dir.join("tmp");
        let mut staged = tempfile::Builder::new()
            .prefix("in-")
            .tempfile_in(&tmp_dir)
            .map_err(|e| Error::io(&tmp_dir, e))?;
        let _ = staged.as_file().lock();
        let (got, size) = match fsutil::copy_hashing_beside(input, staged.as_file_mut(), obs) {
            Ok(r) => r,
            Err(CopyError::Read(e)) => return Ok(Err(e.to_string())),
            Err(CopyError::Write(e)) => return Err(Error::io(staged.path(), e)),
            Err(CopyError::Cancelled) => return Err(Error::Cancelled),
        };
        if got != expected {
            return Ok(Err(mismatch(&got)));
        }
        staged.as_file().sync_all().map_err(|e| Error::io(staged.path(), e))?;
        let parent = dest.parent().expect("blob paths have a parent");
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        staged.persist(&dest).map_err(|e| Error::io(&dest, e.error))?;
        fsutil::sync_dir(parent);
        Ok(Ok(size))
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

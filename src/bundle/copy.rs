//! Copying bundles to a USB stick: write under a temporary name, sync, read back, compare, verify,
//! and only then give the copy its final name. A failure (disk full, device gone) leaves no file under a
//! final name.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fsutil;

/// Copies `src` into `dir`, verifying the copy; returns the copy's path.
pub fn copy_verified(src: &Path, dir: &Path) -> Result<PathBuf> {
    let name = src
        .file_name()
        .ok_or_else(|| Error::CopyFailed { path: src.to_path_buf(), reason: "not a file".into() })?;
    let dest = dir.join(name);
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let staged = tempfile::Builder::new()
        .prefix(".jianbao-copy-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?
        .into_temp_path();
    let fail = |reason: String| Error::CopyFailed { path: dest.clone(), reason };
    // Copy (hashing the source as it is read), sync, then read the copy back from the device.
    let (written_hash, size) = fsutil::copy_hashed(src, &staged).map_err(|e| fail(e.to_string()))?;
    let (read_back, read_size) = fsutil::sha256_file(&staged).map_err(|e| fail(e.to_string()))?;
    if read_back != written_hash || read_size != size {
        return Err(fail(format!(
            "the copy reads back differently (sha256 {read_back}, expected {written_hash})"
        )));
    }
    let verdict = super::verify::verify(&staged, None);
    if !verdict.valid {
        let codes: Vec<&str> = verdict.reasons.iter().map(|r| r.code).collect();
        return Err(fail(format!("the copy does not verify: {}", codes.join(", "))));
    }
    staged.persist(&dest).map_err(|e| fail(e.error.to_string()))?;
    fsutil::sync_dir(dir);
    Ok(dest)
}

//! Copying bundles to a USB stick: write under a temporary name, sync, read back, compare, verify,
//! and only then give the copy its final name. A failure (disk full, device gone) leaves no file under a
//! final name.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fsutil;
use crate::progress::{Observed, Observer};

/// Copies `src` into `dir`, verifying the copy; returns the copy's path.
pub fn copy_verified(src: &Path, dir: &Path) -> Result<PathBuf> {
    copy_verified_observed(src, dir, &crate::progress::Quiet)
}

/// [`copy_verified`], reporting progress (the copy and the read-back) and stopping when cancelled.
pub fn copy_verified_observed(src: &Path, dir: &Path, obs: &dyn Observer) -> Result<PathBuf> {
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
    obs.file(&name.to_string_lossy());
    obs.begin(2 * std::fs::metadata(src).map_err(|e| Error::io(src, e))?.len());
    let cancelled = |e: Error| if obs.cancelled() { Error::Cancelled } else { fail(e.to_string()) };
    let (written_hash, size) = fsutil::copy_hashed_observed(src, &staged, obs).map_err(cancelled)?;
    let (read_back, read_size) = {
        let f = std::fs::File::open(&staged).map_err(|e| fail(e.to_string()))?;
        fsutil::sha256_reader(Observed::new(f, obs), &staged).map_err(cancelled)?
    };
    if read_back != written_hash || read_size != size {
        return Err(fail(format!(
            "the copy reads back differently (sha256 {read_back}, expected {written_hash})"
        )));
    }
    // An encrypted part cannot be verified without the organiser's identity; the read-back
    // comparison above is its check (its age encryption authenticates every chunk on decryption).
    let verdict =
        if super::seal::is_encrypted(&staged) { None } else { Some(super::verify::verify(&staged, None)) };
    if let Some(verdict) = verdict.filter(|v| !v.valid) {
        let codes: Vec<&str> = verdict.reasons.iter().map(|r| r.code).collect();
        return Err(fail(format!("the copy does not verify: {}", codes.join(", "))));
    }
    staged.persist(&dest).map_err(|e| fail(e.error.to_string()))?;
    fsutil::sync_dir(dir);
    Ok(dest)
}

//! File writing that never leaves a half-written file under a final name.
//!
//! Every output is written to a temporary file in the destination folder, synced, then renamed.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically (temporary name, sync, rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Writes a secret to `path` atomically, readable by its owner only from the first byte (the
/// temporary file is created 0600 and keeps that mode through the rename).
pub fn write_atomic_private(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_mode(path, 0o600, |w| w.write_all(bytes))
}

/// Writes to `path` atomically through `fill`.
pub fn write_atomic_with(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> Result<()> {
    // Outputs are the user's documents: readable like any file they save.
    write_atomic_mode(path, 0o644, fill)
}

/// [`write_atomic_with`] for a file readable by its owner only (a backup holding secret keys).
pub fn write_atomic_private_with(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> Result<()> {
    write_atomic_mode(path, 0o600, fill)
}

fn write_atomic_mode(path: &Path, mode: u32, fill: impl FnOnce(&mut File) -> io::Result<()>) -> Result<()> {
    let dir = parent_dir(path);
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".jianbao-").suffix(".part");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut tmp = builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
    fill(tmp.as_file_mut()).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    sync_dir(dir);
    Ok(())
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `dir` does not exist or is an empty folder; otherwise [`Error::OutputNotEmpty`] (so that what a
/// command writes is never mixed with files already there).
pub fn ensure_empty(dir: &Path) -> Result<()> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => match entries.next() {
            Some(_) => Err(Error::OutputNotEmpty { path: dir.to_path_buf() }),
            None => Ok(()),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(dir, e)),
    }
}

/// Syncs a directory so a rename in it survives a power cut (a no-op where unsupported).
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Streams `src` into `dst` (atomically), returning the SHA-256 and size of what was written.
/// `src` is opened read-only and read once.
pub fn copy_hashed(src: &Path, dst: &Path) -> Result<(String, u64)> {
    copy_hashed_observed(src, dst, &crate::progress::Quiet)
}

/// [`copy_hashed`], reporting progress to `obs` and stopping when it is cancelled (the destination is
/// then not created, and the error is [`Error::Cancelled`]).
pub fn copy_hashed_observed(
    src: &Path,
    dst: &Path,
    obs: &dyn crate::progress::Observer,
) -> Result<(String, u64)> {
    copy_hashed_mode(src, dst, 0o644, obs)
}

/// [`copy_hashed_observed`] with the destination's permissions (`0o600` for a secret) set from its
/// first byte.
pub fn copy_hashed_mode(
    src: &Path,
    dst: &Path,
    mode: u32,
    obs: &dyn crate::progress::Observer,
) -> Result<(String, u64)> {
    let file = File::open(src).map_err(|e| Error::io(src, e))?;
    let mut input = crate::progress::Observed::new(file, obs);
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut read_err = None;
    write_atomic_mode(dst, mode, |out| {
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = match input.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    // Stopped by the user is a cancellation, not a failure to read the file.
                    read_err = Some(if obs.cancelled() {
                        Error::Cancelled
                    } else {
                        Error::io(src, io::Error::new(e.kind(), e.to_string()))
                    });
                    return Err(e);
                }
            };
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n])?;
            size += n as u64;
        }
        Ok(())
    })
    .map_err(|e| read_err.take().unwrap_or(e))?;
    Ok((hex::encode(hasher.finalize()), size))
}

/// Why [`copy_hashing_beside`] stopped.
#[derive(Debug)]
pub enum CopyError {
    /// Reading the input failed.
    Read(io::Error),
    /// Writing the output failed.
    Write(io::Error),
    /// The observer cancelled.
    Cancelled,
}

impl CopyError {
    /// As an [`Error`] naming the input for a read failure and the output for a write failure.
    pub fn into_error(self, input: &Path, output: &Path) -> Error {
        match self {
            CopyError::Read(e) => Error::io(input, e),
            CopyError::Write(e) => Error::io(output, e),
            CopyError::Cancelled => Error::Cancelled,
        }
    }
}

/// Copies `input` into `w` while another thread computes the SHA-256 of the bytes: the hash and the
/// write (and whatever the writer does, such as a zip's CRC-32) run side by side, so a copy costs
/// about what the write costs. Chunks of 1 MiB, at most four in flight. Returns the hash and size.
pub fn copy_hashing_beside(
    mut input: impl Read,
    w: &mut impl Write,
    obs: &dyn crate::progress::Observer,
) -> std::result::Result<(String, u64), CopyError> {
    use std::sync::Arc;
    const CHUNK: usize = 1 << 20;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Arc<Vec<u8>>>(4);
    std::thread::scope(|s| {
        let hasher = s.spawn(move || {
            let mut h = Sha256::new();
            for chunk in rx {
                h.update(&chunk[..]);
            }
            hex::encode(h.finalize())
        });
        let mut total = 0u64;
        let copied = (|| -> std::result::Result<(), CopyError> {
            loop {
                let mut buf = vec![0u8; CHUNK];
                let mut n = 0;
                while n < CHUNK {
                    match input.read(&mut buf[n..]) {
                        Ok(0) => break,
                        Ok(k) => n += k,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(e) => return Err(CopyError::Read(e)),
                    }
                }
                if n == 0 {
                    return Ok(());
                }
                buf.truncate(n);
                let chunk = Arc::new(buf);
                // The hasher only ends when the channel closes; a failed send means it panicked.
                tx.send(Arc::clone(&chunk))
                    .map_err(|_| CopyError::Read(io::Error::other("hashing stopped")))?;
                w.write_all(&chunk).map_err(CopyError::Write)?;
                total += n as u64;
                obs.advance(n as u64);
                if obs.cancelled() {
                    return Err(CopyError::Cancelled);
                }
            }
        })();
        drop(tx);
        let hash =
            hasher.join().map_err(|_| CopyError::Read(io::Error::other("the hashing thread failed")))?;
        copied.map(|()| (hash, total))
    })
}

/// The SHA-256 of a file, streamed.
pub fn sha256_file(path: &Path) -> Result<(String, u64)> {
    sha256_reader(File::open(path).map_err(|e| Error::io(path, e))?, path)
}

/// The SHA-256 of what a reader yields (`path` names it in errors).
pub fn sha256_reader(mut input: impl Read, path: &Path) -> Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let size = io::copy(&mut input, &mut hasher).map_err(|e| Error::io(path, e))?;
    Ok((hex::encode(hasher.finalize()), size))
}

/// Serialises a path as text, replacing what is not UTF-8 (a path is shown, never parsed back).
pub fn lossy_path<S: serde::Serializer>(p: &Path, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&p.to_string_lossy())
}

/// [`lossy_path`] for a list.
pub fn lossy_paths<S: serde::Serializer>(
    ps: &[std::path::PathBuf],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(ps.len()))?;
    for p in ps {
        seq.serialize_element(&p.to_string_lossy())?;
    }
    seq.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_and_copy() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        write_atomic(&a, b"hello").unwrap();
        let b = dir.path().join("sub/b.txt");
        let (hash, size) = copy_hashed(&a, &b).unwrap();
        assert_eq!(size, 5);
        assert_eq!(hash, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assert_eq!(std::fs::read(&b).unwrap(), b"hello");
        assert_eq!(sha256_file(&b).unwrap().0, hash);
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub")).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind");
    }
}

//! Units, candidates and their field values; importing a packet into the workspace and exporting it
//! back out.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

use super::{now, Workspace};
use crate::error::{Error, Result};
use crate::packet::forwarded::{FileOrigin, Forwarded};
use crate::packet::{Candidate, FileRef, LoadedPacket, Packet, PACKET_FORMAT};
use crate::profile::Profile;

pub(super) const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_units",
        "CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        profile_id TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE unit_fields (
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        field_id TEXT NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value)),
        PRIMARY KEY (unit_id, field_id)
    );
    CREATE TABLE candidates (
        id INTEGER PRIMARY KEY,
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        position INTEGER NOT NULL,
        UNIQUE (unit_id, key)
    );
    CREATE TABLE candidate_fields (
        candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
        field_id TEXT NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value)),
        PRIMARY KEY (candidate_id, field_id)
    );",
    ),
    ("0004_units_as_of", "ALTER TABLE units ADD COLUMN as_of TEXT;"),
    (
        "0006_units_sample",
        "ALTER TABLE units ADD COLUMN sample INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    ),
];

/// A unit in the workspace, for listings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitSummary {
    /// Row id.
    pub id: i64,
    /// Campaign profile id.
    pub profile: String,
    /// The unit's name (its unit form's name field).
    pub name: String,
    /// Number of candidates.
    pub candidates: i64,
    /// Last change, RFC 3339.
    pub updated_at: String,
}

/// A file attachment as stored: which list and slot, which blob, and where it came from.
#[derive(Debug, Clone)]
pub(crate) struct StoredRef {
    pub(crate) list: &'static str,
    pub(crate) slot: String,
    pub(crate) sha256: String,
    pub(crate) size: u64,
    pub(crate) original_name: String,
    pub(crate) original_path: String,
    /// For a forwarded file, the unit bundle it came from.
    pub(crate) origin: Option<crate::packet::forwarded::FileOrigin>,
}

/// Inserts a unit, its values, candidates and attachments (blobs already in the store) inside `tx`.
pub(crate) fn insert_unit(
    tx: &rusqlite::Transaction<'_>,
    packet: &Packet,
    profile: &Profile,
    unit_docs: &[StoredRef],
    cand_files: &[Vec<StoredRef>],
) -> rusqlite::Result<i64> {
    let name = packet.unit_text(&profile.unit_form.name_field).unwrap_or_default().to_string();
    let ts = now();
    tx.execute(
        "INSERT INTO units (profile_id, name, as_of, sample, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![packet.profile, name, packet.as_of, packet.example, ts],
    )?;
    let unit_id = tx.last_insert_rowid();
    for (k, v) in &packet.unit {
        tx.execute(
            "INSERT INTO unit_fields (unit_id, field_id, value) VALUES (?1, ?2, ?3)",
            params![unit_id, k, v.to_string()],
        )?;
    }
    for (pos, r) in unit_docs.iter().enumerate() {
        insert_attachment(tx, unit_id, None, pos, r, &ts)?;
    }
    for (pos, (c, files)) in packet.candidates.iter().zip(cand_files).enumerate() {
        tx.execute(
            "INSERT INTO candidates (unit_id, key, position) VALUES (?1, ?2, ?3)",
            params![unit_id, c.id, pos as i64],
        )?;
        let cid = tx.last_insert_rowid();
        for (k, v) in &c.fields {
            tx.execute(
                "INSERT INTO candidate_fields (candidate_id, field_id, value) VALUES (?1, ?2, ?3)",
                params![cid, k, v.to_string()],
            )?;
        }
        for (fpos, r) in files.iter().enumerate() {
            insert_attachment(tx, unit_id, Some(cid), fpos, r, &ts)?;
        }
    }
    if let Some(f) = &packet.forwarded {
        tx.execute(
            "INSERT INTO forwarded (unit_id, data) VALUES (?1, ?2)",
            params![unit_id, serde_json::to_string(f).expect("serialises")],
        )?;
    }
    Ok(unit_id)
}

impl Workspace {
    /// Imports a packet: copies every file it names into the media store (originals untouched), then
    /// records the unit, candidates, values and attachments in one transaction. Returns the unit's id.
    pub fn import_packet(&mut self, loaded: &LoadedPacket, profile: &Profile) -> Result<i64> {
        let packet = &loaded.packet;
        // Files first, outside the transaction: the blob store is content-addressed, so a blob
        // copied by an import that is then killed is merely unused.
        let put = |r: &FileRef, list: &'static str| -> Result<StoredRef> {
            let src = loaded.resolve(r);
            let meta = std::fs::metadata(&src).map_err(|e| Error::MissingFile {
                packet: loaded.file.display().to_string(),
                path: r.path.clone(),
                source: e,
            })?;
            if !meta.is_file() {
                return Err(Error::MissingFile {
                    packet: loaded.file.display().to_string(),
                    path: r.path.clone(),
                    source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file"),
                });
            }
            let (sha256, size) = self.media.put(&src)?;
            Ok(StoredRef {
                list,
                slot: r.slot.clone(),
                sha256,
                size,
                original_name: file_name(&r.path),
                original_path: src.display().to_string(),
                origin: r.origin.clone(),
            })
        };
        let unit_docs: Vec<StoredRef> =
            packet.documents.iter().map(|r| put(r, "documents")).collect::<Result<_>>()?;
        let mut cand_files = Vec::with_capacity(packet.candidates.len());
        for c in &packet.candidates {
            let mut files = Vec::new();
            for r in &c.media {
                files.push(put(r, "media")?);
            }
            for r in &c.documents {
                files.push(put(r, "documents")?);
            }
            cand_files.push(files);
        }

        // A forwarded packet's carried original bundles go into the store too.
        let mut packet = packet.clone();
        for o in packet.forwarded.iter_mut().flat_map(|f| f.origins.iter_mut()) {
            for r in &mut o.originals {
                r.path = put(r, "documents")?.sha256;
            }
        }
        let tx = self.conn.transaction().map_err(|e| store_err_of(&self.root, e))?;
        let unit_id = insert_unit(&tx, &packet, profile, &unit_docs, &cand_files)
            .map_err(|e| store_err_of(&self.root, e))?;
        tx.commit().map_err(|e| store_err_of(&self.root, e))?;
        Ok(unit_id)
    }

    /// Records a unit whose files are all in the media store already (a packet made to forward
    /// candidates): `cand_files[i]` are candidate i's media then documents, as in the packet.
    pub fn insert_stored_unit(&mut self, packet: &Packet, profile: &Profile) -> Result<i64> {
        let size = |sha: &str| std::fs::metadata(self.media.path_of(sha)).map(|m| m.len());
        let stored = |r: &FileRef, list: &'static str| -> Result<StoredRef> {
            let size = size(&r.path).map_err(|e| Error::io(self.media.path_of(&r.path), e))?;
            Ok(StoredRef {
                list,
                slot: r.slot.clone(),
                sha256: r.path.clone(),
                size,
                original_name: r
                    .origin
                    .as_ref()
                    .map(|o| file_name(&o.path))
                    .unwrap_or_else(|| file_name(&r.path)),
                original_path: r.origin.as_ref().map(|o| o.path.clone()).unwrap_or_default(),
                origin: r.origin.clone(),
            })
        };
        let unit_docs: Vec<StoredRef> =
            packet.documents.iter().map(|r| stored(r, "documents")).collect::<Result<_>>()?;
        let mut cand_files = Vec::new();
        for c in &packet.candidates {
            let mut files: Vec<StoredRef> =
                c.media.iter().map(|r| stored(r, "media")).collect::<Result<_>>()?;
            for r in &c.documents {
                files.push(stored(r, "documents")?);
            }
            cand_files.push(files);
        }
        let tx = self.conn.transaction().map_err(|e| store_err_of(&self.root, e))?;
        let unit_id = insert_unit(&tx, packet, profile, &unit_docs, &cand_files)
            .map_err(|e| store_err_of(&self.root, e))?;
        tx.commit().map_err(|e| store_err_of(&self.root, e))?;
        Ok(unit_id)
    }

    /// Every unit in the workspace.
    pub fn units(&self) -> Result<Vec<UnitSummary>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT u.id, u.profile_id, u.name, u.updated_at,
                        (SELECT COUNT(*) FROM candidates c WHERE c.unit_id = u.id)
                 FROM units u ORDER BY u.id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(UnitSummary {
                    id: r.get(0)?,
                    profile: r.get(1)?,
                    name: r.get(2)?,
                    updated_at: r.get(3)?,
                    candidates: r.get(4)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.err(e))
    }

    /// The unit to act on: `wanted` when given, else the only unit in the workspace.
    pub fn pick_unit(&self, wanted: Option<i64>) -> Result<i64> {
        let units = self.units()?;
        let known = || units.iter().map(|u| format!("{} {}（{}）", u.id, u.name, u.profile)).collect();
        match wanted {
            Some(id) if units.iter().any(|u| u.id == id) => Ok(id),
            Some(id) => Err(Error::UnitNotFound { wanted: id.to_string(), known: known() }),
            None if units.len() == 1 => Ok(units[0].id),
            None => Err(Error::UnitNotFound { wanted: String::new(), known: known() }),
        }
    }

    /// The unit as a packet whose paths are the media store's blobs (hash as path), for comparing
    /// and for handing to the checker without copying files.
    pub fn unit_packet(&self, unit_id: i64) -> Result<(Packet, Vec<StoredFile>)> {
        let row: Option<(String, Option<String>, bool)> = self
            .conn
            .query_row("SELECT profile_id, as_of, sample FROM units WHERE id = ?1", [unit_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((profile, as_of, example)) = row else {
            return Err(Error::UnitNotFound { wanted: unit_id.to_string(), known: vec![] });
        };
        let mut packet = Packet::new(&profile);
        packet.as_of = as_of;
        packet.example = example;
        packet.forwarded = self.forwarded(unit_id)?;
        packet.unit = self.values("SELECT field_id, value FROM unit_fields WHERE unit_id = ?1", unit_id)?;
        let mut stmt = self
            .conn
            .prepare("SELECT id, key FROM candidates WHERE unit_id = ?1 ORDER BY position")
            .map_err(|e| self.err(e))?;
        let cands: Vec<(i64, String)> = stmt
            .query_map([unit_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        let mut files = Vec::new();
        for (cid, key) in &cands {
            let fields =
                self.values("SELECT field_id, value FROM candidate_fields WHERE candidate_id = ?1", *cid)?;
            let mut c = Candidate { id: key.clone(), fields, media: vec![], documents: vec![] };
            for a in self.attachments(unit_id, Some(*cid))? {
                let r = FileRef { slot: a.slot, path: a.sha256.clone(), origin: a.origin };
                let list = a.list;
                let idx = if list == "media" { c.media.len() } else { c.documents.len() };
                let key = FileRefKey { candidate: Some(key.clone()), list: list.clone(), index: idx };
                files.push(StoredFile {
                    key,
                    sha256: a.sha256,
                    name: a.name,
                    original_path: a.original_path,
                });
                if list == "media" {
                    c.media.push(r)
                } else {
                    c.documents.push(r)
                }
            }
            packet.candidates.push(c);
        }
        for a in self.attachments(unit_id, None)? {
            let idx = packet.documents.len();
            let key = FileRefKey { candidate: None, list: a.list, index: idx };
            files.push(StoredFile {
                key,
                sha256: a.sha256.clone(),
                name: a.name,
                original_path: a.original_path,
            });
            packet.documents.push(FileRef { slot: a.slot, path: a.sha256, origin: a.origin });
        }
        Ok((packet, files))
    }

    /// Writes the unit back out as a packet in `out` (which must be new or empty): `packet.json` and
    /// its files under `files/`. Records the export. Returns the packet file's path.
    pub fn export_packet(&mut self, unit_id: i64, out: &Path) -> Result<PathBuf> {
        crate::fsutil::ensure_empty(out)?;
        let (mut packet, files) = self.unit_packet(unit_id)?;
        let mut used = HashSet::new();
        for StoredFile { key, sha256: sha, name, .. } in files {
            let folder = match &key.candidate {
                Some(c) => format!("files/{}", sanitize(c)),
                None => "files/unit".to_string(),
            };
            let rel = unique_name(&folder, &sanitize(&name), &mut used);
            self.media.get_to(&sha, &out.join(&rel))?;
            let list = match &key.candidate {
                Some(c) => {
                    let cand = packet.candidates.iter_mut().find(|x| &x.id == c).expect("candidate exists");
                    if key.list == "media" {
                        &mut cand.media
                    } else {
                        &mut cand.documents
                    }
                }
                None => &mut packet.documents,
            };
            list[key.index].path = rel;
        }
        for o in packet.forwarded.iter_mut().flat_map(|f| f.origins.iter_mut()) {
            for r in &mut o.originals {
                let rel = unique_name("files/原件", &sanitize(&r.slot), &mut used);
                self.media.get_to(&r.path, &out.join(&rel))?;
                r.path = rel;
            }
        }
        let file = out.join("packet.json");
        crate::fsutil::write_atomic(&file, packet.to_json().as_bytes())?;
        let detail = serde_json::json!({ "format": PACKET_FORMAT }).to_string();
        self.record_export(unit_id, "packet", &out.display().to_string(), &detail)?;
        Ok(file)
    }

    fn values(&self, sql: &str, id: i64) -> Result<BTreeMap<String, Value>> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let rows: Vec<(String, String)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        rows.into_iter()
            .map(|(k, v)| {
                serde_json::from_str(&v).map(|v| (k, v)).map_err(|e| Error::CorruptStore {
                    path: self.root.clone(),
                    detail: format!("stored value is not JSON: {e}"),
                })
            })
            .collect()
    }

    fn attachments(&self, unit_id: i64, cid: Option<i64>) -> Result<Vec<Attachment>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT list, slot, sha256, original_name, original_path, origin FROM attachments
                 WHERE unit_id = ?1 AND candidate_id IS ?2 ORDER BY list DESC, position",
            )
            .map_err(|e| self.err(e))?;
        type Row = (String, String, String, String, String, Option<String>);
        let rows: Vec<Row> = stmt
            .query_map(params![unit_id, cid], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        rows.into_iter()
            .map(|(list, slot, sha256, name, original_path, o)| {
                let origin =
                    o.map(|o| serde_json::from_str(&o)).transpose().map_err(|e| Error::CorruptStore {
                        path: self.root.clone(),
                        detail: format!("stored file origin is not valid: {e}"),
                    })?;
                Ok(Attachment { list, slot, sha256, name, original_path, origin })
            })
            .collect()
    }

    /// Where a forwarded unit's candidates came from, if it forwards any.
    pub fn forwarded(&self, unit_id: i64) -> Result<Option<Forwarded>> {
        let data: Option<String> = self
            .conn
            .query_row("SELECT data FROM forwarded WHERE unit_id = ?1", [unit_id], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))?;
        data.map(|d| {
            serde_json::from_str(&d).map_err(|e| Error::CorruptStore {
                path: self.root.clone(),
                detail: format!("stored forwarding record is not valid: {e}"),
            })
        })
        .transpose()
    }
}

/// A stored file of a unit: where it sits in the packet, its blob, its original name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// Which list entry of the packet it is.
    pub key: FileRefKey,
    /// Its blob in the media store.
    pub sha256: String,
    /// The file's original name.
    pub name: String,
    /// Where it was attached from (a path on disk), or, for a received bundle's file, its path in the
    /// bag (`data/材料/…`).
    pub original_path: String,
}

/// An attachment row.
struct Attachment {
    list: String,
    slot: String,
    sha256: String,
    name: String,
    original_path: String,
    origin: Option<FileOrigin>,
}

/// Which list entry of the packet a file belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRefKey {
    /// The candidate's id, or none for a unit document.
    pub candidate: Option<String>,
    /// `media` or `documents`.
    pub list: String,
    /// Index in that list.
    pub index: usize,
}

fn insert_attachment(
    tx: &rusqlite::Transaction<'_>,
    unit_id: i64,
    cid: Option<i64>,
    pos: usize,
    r: &StoredRef,
    ts: &str,
) -> rusqlite::Result<()> {
    let size = i64::try_from(r.size).unwrap_or(i64::MAX);
    tx.execute(
        "INSERT INTO blobs (sha256, size, added_at) VALUES (?1, ?2, ?3) ON CONFLICT (sha256) DO NOTHING",
        params![r.sha256, size, ts],
    )?;
    tx.execute(
        "INSERT INTO attachments (unit_id, candidate_id, list, slot, position, sha256, original_name, original_path, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            unit_id,
            cid,
            r.list,
            r.slot,
            pos as i64,
            r.sha256,
            r.original_name,
            r.original_path,
            r.origin.as_ref().map(|o| serde_json::to_string(o).expect("serialises"))
        ],
    )?;
    Ok(())
}

fn store_err_of(root: &Path, e: rusqlite::Error) -> Error {
    Error::Store { path: root.join(super::DB_FILE), source: e }
}

fn file_name(path: &str) -> String {
    path.rsplit('/').next().filter(|s| !s.is_empty()).unwrap_or("file").to_string()
}

/// Makes a name safe as one path component on Windows and Unix alike, and canonical for the bundle
/// reader ([`crate::bundle::reader::name_problem`]): NFC, no control or reserved character, no Windows
/// device name, no leading or trailing dot or space, at most 180 bytes (the stem is shortened at a
/// character boundary, the extension kept).
pub fn sanitize(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let s: String = name
        .nfc()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) || matches!(c, '\u{2028}' | '\u{2029}') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let s = s.trim_matches(|c: char| c == '.' || c.is_whitespace()).to_string();
    if s.is_empty() {
        return "_".to_string();
    }
    let (stem, ext) = match s.rfind('.') {
        Some(i) if i > 0 && s.len() - i <= 6 => (&s[..i], &s[i..]),
        _ => (s.as_str(), ""),
    };
    let mut short = String::new();
    for c in stem.chars() {
        if short.len() + c.len_utf8() + ext.len() > 180 {
            break;
        }
        short.push(c);
    }
    let mut short = short.trim_end_matches(|c: char| c == '.' || c.is_whitespace()).to_string();
    if short.is_empty() {
        short.push('_');
    }
    // Windows reserves a device name before the first dot whatever follows (`CON.txt`,
    // `CON.-最美科技工作者`): mark the part before the dot, not the end of the name.
    if crate::bundle::reader::windows_device(&short) {
        let dot = short.find('.').unwrap_or(short.len());
        short.insert(dot, '_');
    }
    format!("{short}{ext}")
}

fn unique_name(folder: &str, name: &str, used: &mut HashSet<String>) -> String {
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    let mut candidate = format!("{folder}/{name}");
    let mut n = 2;
    while !used.insert(candidate.to_lowercase()) {
        candidate = format!("{folder}/{stem}-{n}{ext}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sanitized_name_is_never_a_windows_device() {
        for (name, want) in [
            ("CON", "CON_"),
            ("con.txt", "con_.txt"),
            ("CON.-最美科技工作者-20190423", "CON_.-最美科技工作者-20190423"),
            ("LPT9.tar.gz", "LPT9_.tar.gz"),
            ("console.txt", "console.txt"),
        ] {
            let got = sanitize(name);
            assert_eq!(got, want, "{name}");
            assert!(crate::bundle::reader::name_problem(&got).is_none(), "{got} is refused by the reader");
        }
    }
}

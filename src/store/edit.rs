//! Editing a unit in place, one committed change at a time (what the desktop app's autosave calls):
//! every call is its own transaction, so a kill loses nothing already returned.

use std::path::Path;

use rusqlite::{params, OptionalExtension};
use serde_json::Value;

use super::{now, Workspace};
use crate::error::{Error, Result};
use crate::packet::LoadedPacket;

impl Workspace {
    /// Creates an empty unit for a campaign; returns its id.
    pub fn create_unit(&mut self, profile_id: &str, name: &str) -> Result<i64> {
        let ts = now();
        self.conn
            .execute(
                "INSERT INTO units (profile_id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                params![profile_id, name, ts],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    fn touch(&self, unit_id: i64) -> Result<()> {
        self.conn
            .execute("UPDATE units SET updated_at = ?2 WHERE id = ?1", params![unit_id, now()])
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Sets (or, with `Value::Null`, clears) one value of a field table (`unit_fields` keyed by
    /// `unit_id`, `candidate_fields` keyed by `candidate_id`; both names come from this file).
    fn put_value(&self, table: &str, owner: &str, id: i64, field: &str, value: &Value) -> Result<()> {
        let sql = if value.is_null() {
            format!("DELETE FROM {table} WHERE {owner} = ?1 AND field_id = ?2")
        } else {
            format!(
                "INSERT INTO {table} ({owner}, field_id, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT ({owner}, field_id) DO UPDATE SET value = excluded.value"
            )
        };
        let result = if value.is_null() {
            self.conn.execute(&sql, params![id, field])
        } else {
            self.conn.execute(&sql, params![id, field, value.to_string()])
        };
        result.map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Sets (or, with `Value::Null`, clears) a unit-form value.
    pub fn set_unit_field(&mut self, unit_id: i64, field: &str, value: &Value) -> Result<()> {
        self.put_value("unit_fields", "unit_id", unit_id, field, value)?;
        self.touch(unit_id)
    }

    /// Adds a candidate at the end; returns its row id and packet id (`c1`, `c2`…).
    pub fn add_candidate(&mut self, unit_id: i64) -> Result<(i64, String)> {
        let n: i64 = self
            .conn
            .query_row(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM candidates WHERE unit_id = ?1",
                [unit_id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        let mut k = n + 1;
        loop {
            let key = format!("c{k}");
            let taken: Option<i64> = self
                .conn
                .query_row(
                    "SELECT id FROM candidates WHERE unit_id = ?1 AND key = ?2",
                    params![unit_id, key],
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| self.err(e))?;
            if taken.is_none() {
                self.conn
                    .execute(
                        "INSERT INTO candidates (unit_id, key, position) VALUES (?1, ?2, ?3)",
                        params![unit_id, key, n],
                    )
                    .map_err(|e| self.err(e))?;
                let id = self.conn.last_insert_rowid();
                self.touch(unit_id)?;
                return Ok((id, key));
            }
            k += 1;
        }
    }

    /// Removes a candidate with its values and attachments (the media blobs stay in the store).
    pub fn remove_candidate(&mut self, candidate_id: i64) -> Result<()> {
        let unit: i64 = self
            .conn
            .query_row("SELECT unit_id FROM candidates WHERE id = ?1", [candidate_id], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        self.conn.execute("DELETE FROM candidates WHERE id = ?1", [candidate_id]).map_err(|e| self.err(e))?;
        self.touch(unit)
    }

    /// Sets (or clears) a candidate-form value.
    pub fn set_candidate_field(&mut self, candidate_id: i64, field: &str, value: &Value) -> Result<()> {
        let unit: i64 = self
            .conn
            .query_row("SELECT unit_id FROM candidates WHERE id = ?1", [candidate_id], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        self.put_value("candidate_fields", "candidate_id", candidate_id, field, value)?;
        self.touch(unit)
    }

    /// Copies a file into the media store and attaches it to a slot (of a candidate, or of the unit);
    /// the original is only read. Returns the attachment's id.
    pub fn attach(
        &mut self,
        unit_id: i64,
        candidate_id: Option<i64>,
        list: &str,
        slot: &str,
        file: &Path,
    ) -> Result<i64> {
        let (sha, size) = self.media.put(file)?;
        self.attach_stored(unit_id, candidate_id, list, slot, file, &sha, size)
    }

    /// Records an attachment whose bytes are already in the media store (copied there from `file`
    /// without holding the workspace, see [`super::MediaStore::put_observed`]).
    #[allow(clippy::too_many_arguments)]
    pub fn attach_stored(
        &mut self,
        unit_id: i64,
        candidate_id: Option<i64>,
        list: &str,
        slot: &str,
        file: &Path,
        sha: &str,
        size: u64,
    ) -> Result<i64> {
        let name =
            file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "file".into());
        let list = if list == "documents" { "documents" } else { "media" };
        let ts = now();
        let tx = self.conn.transaction().map_err(|e| store_err(&self.root, e))?;
        let pos: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM attachments WHERE unit_id = ?1 AND candidate_id IS ?2 AND list = ?3",
                params![unit_id, candidate_id, list],
                |r| r.get(0),
            )
            .map_err(|e| store_err(&self.root, e))?;
        tx.execute(
            "INSERT INTO blobs (sha256, size, added_at) VALUES (?1, ?2, ?3) ON CONFLICT (sha256) DO NOTHING",
            params![sha, size as i64, ts],
        )
        .map_err(|e| store_err(&self.root, e))?;
        tx.execute(
            "INSERT INTO attachments (unit_id, candidate_id, list, slot, position, sha256, original_name, original_path) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![unit_id, candidate_id, list, slot, pos, sha, name, file.display().to_string()],
        )
        .map_err(|e| store_err(&self.root, e))?;
        let id = tx.last_insert_rowid();
        tx.execute("UPDATE units SET updated_at = ?2 WHERE id = ?1", params![unit_id, ts])
            .map_err(|e| store_err(&self.root, e))?;
        tx.commit().map_err(|e| store_err(&self.root, e))?;
        Ok(id)
    }

    /// Detaches a file (its blob stays in the store, so an undo can restore it).
    pub fn detach(&mut self, attachment_id: i64) -> Result<()> {
        let unit: Option<i64> = self
            .conn
            .query_row("SELECT unit_id FROM attachments WHERE id = ?1", [attachment_id], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))?;
        let Some(unit) = unit else {
            return Err(Error::UnitNotFound { wanted: format!("attachment {attachment_id}"), known: vec![] });
        };
        self.conn
            .execute("DELETE FROM attachments WHERE id = ?1", [attachment_id])
            .map_err(|e| self.err(e))?;
        self.touch(unit)
    }

    /// Renames a unit (the desktop app calls this when the unit form's name field changes).
    pub fn rename_unit(&mut self, unit_id: i64, name: &str) -> Result<()> {
        self.conn
            .execute("UPDATE units SET name = ?2 WHERE id = ?1", params![unit_id, name])
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Marks a unit as the built-in example (or not).
    pub fn set_sample(&mut self, unit_id: i64, sample: bool) -> Result<()> {
        self.conn
            .execute("UPDATE units SET sample = ?2 WHERE id = ?1", params![unit_id, sample])
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Deletes a unit with its candidates, values, attachments and export records (the media blobs
    /// stay in the store; received bundles keep their record, unlinked).
    pub fn delete_unit(&mut self, unit_id: i64) -> Result<()> {
        let tx = self.conn.transaction().map_err(|e| store_err(&self.root, e))?;
        for sql in [
            "DELETE FROM attachments WHERE unit_id = ?1",
            "DELETE FROM exports WHERE unit_id = ?1",
            "DELETE FROM units WHERE id = ?1",
        ] {
            tx.execute(sql, [unit_id]).map_err(|e| store_err(&self.root, e))?;
        }
        tx.commit().map_err(|e| store_err(&self.root, e))
    }

    /// A workspace setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Stores a workspace setting.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The unit's rows as the editor needs them: candidates with their row ids, and every attachment
    /// with its id, in packet order.
    pub fn unit_rows(&self, unit_id: i64) -> Result<UnitRows> {
        let (profile, name, sample, updated_at) = self
            .conn
            .query_row(
                "SELECT profile_id, name, sample, updated_at FROM units WHERE id = ?1",
                [unit_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| Error::UnitNotFound { wanted: unit_id.to_string(), known: vec![] })?;
        let mut stmt = self
            .conn
            .prepare("SELECT id, key FROM candidates WHERE unit_id = ?1 ORDER BY position")
            .map_err(|e| self.err(e))?;
        let candidates = stmt
            .query_map([unit_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.id, a.candidate_id, a.list, a.slot, a.sha256, b.size, a.original_name
                 FROM attachments a JOIN blobs b ON b.sha256 = a.sha256
                 WHERE a.unit_id = ?1 ORDER BY a.candidate_id, a.list, a.position",
            )
            .map_err(|e| self.err(e))?;
        let attachments = stmt
            .query_map([unit_id], |r| {
                Ok(AttachmentRow {
                    id: r.get(0)?,
                    candidate_id: r.get(1)?,
                    list: r.get(2)?,
                    slot: r.get(3)?,
                    sha256: r.get(4)?,
                    size: r.get::<_, i64>(5)?.max(0) as u64,
                    original_name: r.get(6)?,
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        Ok(UnitRows { profile, name, sample, updated_at, candidates, attachments })
    }

    /// The unit as a loaded packet whose file paths point into the media store, ready for
    /// `check::check` and `render::render_packet` without copying anything.
    pub fn unit_loaded(&self, unit_id: i64) -> Result<LoadedPacket> {
        Ok(self.loaded_of(self.unit_packet(unit_id)?.0))
    }

    /// [`Workspace::unit_loaded`] of a packet already read with [`Workspace::unit_packet`].
    pub(crate) fn loaded_of(&self, mut packet: crate::packet::Packet) -> LoadedPacket {
        let fix = |r: &mut crate::packet::FileRef| {
            r.path = format!("{}/{}", &r.path[..2.min(r.path.len())], r.path)
        };
        packet.documents.iter_mut().for_each(fix);
        for c in &mut packet.candidates {
            c.media.iter_mut().chain(c.documents.iter_mut()).for_each(fix);
        }
        for o in packet.forwarded.iter_mut().flat_map(|f| f.origins.iter_mut()) {
            o.originals.iter_mut().for_each(fix);
        }
        let base = self
            .media
            .path_of("00")
            .parent()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .unwrap_or_default();
        LoadedPacket { packet, file: self.db_path(), base }
    }
}

/// A unit's rows, for the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRows {
    /// Campaign profile id.
    pub profile: String,
    /// The unit's name.
    pub name: String,
    /// The built-in example.
    pub sample: bool,
    /// Last change, RFC 3339.
    pub updated_at: String,
    /// Candidates in order: (row id, packet id).
    pub candidates: Vec<(i64, String)>,
    /// Attachments in packet order.
    pub attachments: Vec<AttachmentRow>,
}

/// One attached file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentRow {
    /// Row id (for detaching).
    pub id: i64,
    /// The candidate's row id; none for a unit document.
    pub candidate_id: Option<i64>,
    /// `media` or `documents`.
    pub list: String,
    /// The profile's slot id.
    pub slot: String,
    /// The blob.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// The name it had when attached.
    pub original_name: String,
}

fn store_err(root: &Path, e: rusqlite::Error) -> Error {
    Error::Store { path: root.join(super::DB_FILE), source: e }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Registry;
    use serde_json::json;

    /// Builds the Ordos sample field by field and file by file, as the desktop app would, and checks
    /// and renders it straight from the workspace.
    #[test]
    fn a_unit_built_by_edits_checks_and_renders() {
        let reg = Registry::builtin().unwrap();
        let profile = reg.get("ordos-2021-zuimei").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let sample = crate::sample::write_sample(profile, &dir.path().join("sample")).unwrap();
        let (loaded, _) = crate::packet::load(&sample, &reg).unwrap();
        let mut ws = Workspace::open(&dir.path().join("ws")).unwrap();
        let unit = ws.create_unit(&profile.id, "").unwrap();
        for (k, v) in &loaded.packet.unit {
            ws.set_unit_field(unit, k, v).unwrap();
        }
        for c in &loaded.packet.candidates {
            let (cid, _) = ws.add_candidate(unit).unwrap();
            for (k, v) in &c.fields {
                ws.set_candidate_field(cid, k, v).unwrap();
            }
            for r in &c.media {
                ws.attach(unit, Some(cid), "media", &r.slot, &loaded.resolve(r)).unwrap();
            }
            for r in &c.documents {
                ws.attach(unit, Some(cid), "documents", &r.slot, &loaded.resolve(r)).unwrap();
            }
        }
        for r in &loaded.packet.documents {
            ws.attach(unit, None, "documents", &r.slot, &loaded.resolve(r)).unwrap();
        }
        ws.set_candidate_field(1, "remarks", &json!("无")).unwrap();
        let mut from_ws = ws.unit_loaded(unit).unwrap();
        from_ws.packet.as_of = loaded.packet.as_of.clone();
        let report = crate::check::check(
            &from_ws,
            profile,
            crate::check::Options::as_of(from_ws.packet.as_of.as_deref()),
        );
        assert_eq!(report.errors(), 0, "{:?}", report.findings);
        // Clearing a required field is one finding; detaching a photo is another.
        ws.set_candidate_field(1, "mobile", &Value::Null).unwrap();
        ws.detach(2).unwrap();
        let report = crate::check::check(
            &ws.unit_loaded(unit).unwrap(),
            profile,
            crate::check::Options::as_of(loaded.packet.as_of.as_deref()),
        );
        assert!(report.has("field-required") && report.has("slot-count-min"), "{:?}", report.findings);
        let files = crate::render::render_packet(
            &ws.unit_loaded(unit).unwrap(),
            profile,
            &dir.path().join("forms"),
            &Default::default(),
        )
        .unwrap();
        assert!(files.iter().any(|f| f.to_string_lossy().ends_with("推荐表-王海涛.pdf")));
    }
}

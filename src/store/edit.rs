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

    /// The unit as a loaded packet whose file paths point into the media store, ready for
    /// `check::check` and `render::render_packet` without copying anything.
    pub fn unit_loaded(&self, unit_id: i64) -> Result<LoadedPacket> {
        let (mut packet, _) = self.unit_packet(unit_id)?;
        let fix = |r: &mut crate::packet::FileRef| {
            r.path = format!("{}/{}", &r.path[..2.min(r.path.len())], r.path)
        };
        packet.documents.iter_mut().for_each(fix);
        for c in &mut packet.candidates {
            c.media.iter_mut().chain(c.documents.iter_mut()).for_each(fix);
        }
        let base = self
            .media
            .path_of("00")
            .parent()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .unwrap_or_default();
        Ok(LoadedPacket { packet, file: self.db_path(), base })
    }
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

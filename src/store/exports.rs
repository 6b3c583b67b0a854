//! The history of exports: what was written where, and when.

use rusqlite::params;
use serde::Serialize;

use super::{now, Workspace};
use crate::error::Result;

pub(super) const MIGRATIONS: &[(&str, &str)] = &[(
    "0003_exports",
    "CREATE TABLE exports (
        id INTEGER PRIMARY KEY,
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        target TEXT NOT NULL,
        at TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
    );",
)];

/// One export of a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportRecord {
    /// Row id.
    pub id: i64,
    /// The unit.
    pub unit_id: i64,
    /// What was exported (`packet`, later `bundle`…).
    pub kind: String,
    /// Where to.
    pub target: String,
    /// When, RFC 3339.
    pub at: String,
    /// Details as JSON.
    pub detail: String,
}

impl Workspace {
    /// Records an export of a unit.
    pub fn record_export(&mut self, unit_id: i64, kind: &str, target: &str, detail: &str) -> Result<i64> {
        self.conn
            .execute(
                "INSERT INTO exports (unit_id, kind, target, at, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![unit_id, kind, target, now(), detail],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The exports of a unit, oldest first.
    pub fn exports(&self, unit_id: i64) -> Result<Vec<ExportRecord>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, unit_id, kind, target, at, detail FROM exports WHERE unit_id = ?1 ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([unit_id], |r| {
                Ok(ExportRecord {
                    id: r.get(0)?,
                    unit_id: r.get(1)?,
                    kind: r.get(2)?,
                    target: r.get(3)?,
                    at: r.get(4)?,
                    detail: r.get(5)?,
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }
}

//! The reviewer's side of the workspace: bundles received, keys pinned per unit.

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{now, Workspace};
use crate::error::Result;

pub(super) const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0005_received",
        "CREATE TABLE pinned_keys (
        unit_name TEXT PRIMARY KEY,
        key_id TEXT NOT NULL,
        first_seen TEXT NOT NULL
    );
    CREATE TABLE received (
        id INTEGER PRIMARY KEY,
        group_id TEXT NOT NULL,
        unit_name TEXT NOT NULL,
        profile_id TEXT NOT NULL,
        key_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        late INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        warnings INTEGER NOT NULL,
        unit_id INTEGER REFERENCES units(id) ON DELETE SET NULL,
        previous_id INTEGER REFERENCES received(id),
        report TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(report))
    );
    CREATE INDEX received_by_unit ON received (unit_name, profile_id, id);",
    ),
    // The whole public key, not only its 8-byte ID (which is printed on paper and can be copied).
    ("0007_pinned_public_key", "ALTER TABLE pinned_keys ADD COLUMN public_key TEXT;"),
    // Forwarding up the chain: the signed tag files of each received part (the evidence a forward
    // carries), a forwarded unit's record of where its candidates came from, each file's origin.
    (
        "0008_forwarding",
        "CREATE TABLE received_evidence (
        received_id INTEGER NOT NULL REFERENCES received(id) ON DELETE CASCADE,
        part INTEGER NOT NULL,
        name TEXT NOT NULL,
        content TEXT NOT NULL,
        PRIMARY KEY (received_id, part, name)
    );
    CREATE TABLE forwarded (
        unit_id INTEGER PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
        data TEXT NOT NULL CHECK (json_valid(data))
    );
    ALTER TABLE attachments ADD COLUMN origin TEXT CHECK (origin IS NULL OR json_valid(origin));",
    ),
];

/// Each part's tag files by name (part 1 first), and the unit's packet text.
pub type Evidence = (Vec<BTreeMap<String, String>>, Option<String>);

/// The name under which a received bundle's `data/jianbao/packet.json` is kept as evidence (part 0).
pub const EVIDENCE_PACKET: &str = "packet.json";

/// A unit's pinned signing key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinnedKey {
    /// The key ID.
    pub key_id: String,
    /// The whole public key (minisign base64); `None` for a pin recorded before whole keys were kept.
    pub public_key: Option<String>,
}

impl PinnedKey {
    /// Whether a bundle signed by `public_key` is by this pinned key. A pin from before whole keys were
    /// kept matches on the ID alone (and is then upgraded to the whole key).
    pub fn matches(&self, key_id: &str, public_key: &str) -> bool {
        match &self.public_key {
            Some(k) => k == public_key,
            None => self.key_id == key_id,
        }
    }
}

/// Everything one reviewer import records, committed together.
#[derive(Debug, Clone)]
pub(crate) struct ImportRecord<'a> {
    pub(crate) packet: &'a crate::packet::Packet,
    pub(crate) profile: &'a crate::profile::Profile,
    pub(crate) unit_docs: Vec<super::units::StoredRef>,
    pub(crate) cand_files: Vec<Vec<super::units::StoredRef>>,
    /// (unit name, key ID, whole key) to pin, when the pin is new or changes.
    pub(crate) pin: Option<(String, String, String)>,
    pub(crate) received: Received,
    /// (part, name, text): each part's tag files as signed, and the unit's packet (part 0).
    pub(crate) evidence: Vec<(usize, String, String)>,
}

/// A received bundle, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Received {
    /// Row id (the bundle's number in receipts).
    pub id: i64,
    /// Bag group id.
    pub group_id: String,
    /// The sending unit.
    pub unit_name: String,
    /// Campaign profile.
    pub profile_id: String,
    /// Signing key.
    pub key_id: String,
    /// When it was imported, RFC 3339.
    pub received_at: String,
    /// Received after the deadline.
    pub late: bool,
    /// Findings of the re-check.
    pub errors: i64,
    /// Warnings of the re-check.
    pub warnings: i64,
    /// The imported unit.
    pub unit_id: Option<i64>,
    /// The earlier submission this one replaces.
    pub previous_id: Option<i64>,
    /// The import report (JSON).
    pub report: String,
}

impl Workspace {
    /// The key pinned for a unit, if any.
    pub fn pinned_key(&self, unit: &str) -> Result<Option<PinnedKey>> {
        self.conn
            .query_row("SELECT key_id, public_key FROM pinned_keys WHERE unit_name = ?1", [unit], |r| {
                Ok(PinnedKey { key_id: r.get(0)?, public_key: r.get(1)? })
            })
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Pins (or re-pins) a unit's whole key.
    pub fn pin_key(&mut self, unit: &str, key_id: &str, public_key: &str) -> Result<()> {
        pin(&self.conn, unit, key_id, public_key).map_err(|e| self.err(e))
    }

    /// Registers a unit's whole key ahead of its bundles (the key file the unit sent, its fingerprint
    /// checked by phone): from then on a bundle from this unit under any other key is refused like any
    /// key change. A different key already registered is replaced only when `replace` is set. Returns
    /// the pin it replaced, if it was another key.
    pub fn trust(
        &mut self,
        unit: &str,
        key: &crate::bundle::keys::PublicKey,
        replace: bool,
    ) -> Result<Option<PinnedKey>> {
        let unit = unit.trim();
        if unit.is_empty() {
            return Err(crate::error::Error::UnitNotFound { wanted: String::new(), known: vec![] });
        }
        let old = self.pinned_key(unit)?;
        let replaced = match &old {
            Some(k) if k.matches(&key.id(), &key.base64()) => None,
            Some(k) if !replace => {
                return Err(crate::error::Error::TrustConflict {
                    unit: unit.to_string(),
                    old: k.key_id.clone(),
                    key: key.id(),
                })
            }
            other => other.clone(),
        };
        self.pin_key(unit, &key.id(), &key.base64())?;
        Ok(replaced)
    }

    /// Every pinned key: (unit, pin), by unit name.
    pub fn pinned_keys(&self) -> Result<Vec<(String, PinnedKey)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT unit_name, key_id, public_key FROM pinned_keys ORDER BY unit_name")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, PinnedKey { key_id: r.get(1)?, public_key: r.get(2)? })))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    /// Records a reviewer import in one transaction: the unit with its candidates, values and
    /// attachments (blobs already stored), the key pin and the received record. A kill at any moment
    /// leaves either all of it or none. Returns (unit id, received id).
    pub(crate) fn record_import(&mut self, r: ImportRecord<'_>) -> Result<(i64, i64)> {
        let root = self.root.clone();
        let err = |e| super::store_err(&root.join(super::DB_FILE), e);
        let tx = self.conn.transaction().map_err(err)?;
        let unit_id =
            super::units::insert_unit(&tx, r.packet, r.profile, &r.unit_docs, &r.cand_files).map_err(err)?;
        if let Some((unit, key_id, public_key)) = &r.pin {
            pin(&tx, unit, key_id, public_key).map_err(err)?;
        }
        let mut rec = r.received;
        rec.unit_id = Some(unit_id);
        insert_received(&tx, &rec).map_err(err)?;
        let id = tx.last_insert_rowid();
        for (part, name, content) in &r.evidence {
            tx.execute(
                "INSERT INTO received_evidence (received_id, part, name, content) VALUES (?1, ?2, ?3, ?4)",
                params![id, *part as i64, name, content],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok((unit_id, id))
    }

    /// What a received bundle's signature covered, as kept at import: each part's tag files (part 1
    /// first) and the unit's packet text. Empty for bundles imported before evidence was kept.
    pub fn evidence(&self, received_id: i64) -> Result<Evidence> {
        let mut stmt = self
            .conn
            .prepare("SELECT part, name, content FROM received_evidence WHERE received_id = ?1 ORDER BY part, name")
            .map_err(|e| self.err(e))?;
        let rows: Vec<(i64, String, String)> = stmt
            .query_map([received_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        let mut parts: BTreeMap<i64, BTreeMap<String, String>> = BTreeMap::new();
        let mut packet = None;
        for (part, name, content) in rows {
            if part == 0 && name == EVIDENCE_PACKET {
                packet = Some(content);
            } else {
                parts.entry(part).or_default().insert(name, content);
            }
        }
        Ok((parts.into_values().collect(), packet))
    }

    /// Whether a bundle group was already imported.
    pub fn received_group(&self, group: &str) -> Result<Option<i64>> {
        self.conn
            .query_row("SELECT id FROM received WHERE group_id = ?1", [group], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Records a received bundle; returns its id.
    pub fn record_received(&mut self, r: &Received) -> Result<i64> {
        insert_received(&self.conn, r).map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every received bundle, oldest first.
    pub fn received(&self) -> Result<Vec<Received>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, group_id, unit_name, profile_id, key_id, received_at, late, errors, warnings, unit_id, previous_id, report FROM received ORDER BY id")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Received {
                    id: r.get(0)?,
                    group_id: r.get(1)?,
                    unit_name: r.get(2)?,
                    profile_id: r.get(3)?,
                    key_id: r.get(4)?,
                    received_at: r.get(5)?,
                    late: r.get(6)?,
                    errors: r.get(7)?,
                    warnings: r.get(8)?,
                    unit_id: r.get(9)?,
                    previous_id: r.get(10)?,
                    report: r.get(11)?,
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    /// The latest submission of each unit for a profile (resubmissions replace earlier ones).
    pub fn latest_received(&self, profile: &str) -> Result<Vec<Received>> {
        let all = self.received()?;
        let replaced: std::collections::HashSet<i64> = all.iter().filter_map(|r| r.previous_id).collect();
        Ok(all.into_iter().filter(|r| r.profile_id == profile && !replaced.contains(&r.id)).collect())
    }
}

fn pin(conn: &rusqlite::Connection, unit: &str, key_id: &str, public_key: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO pinned_keys (unit_name, key_id, public_key, first_seen) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (unit_name) DO UPDATE SET key_id = excluded.key_id, public_key = excluded.public_key",
        params![unit, key_id, public_key, now()],
    )?;
    Ok(())
}

fn insert_received(conn: &rusqlite::Connection, r: &Received) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO received (group_id, unit_name, profile_id, key_id, received_at, late, errors, warnings, unit_id, previous_id, report)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![r.group_id, r.unit_name, r.profile_id, r.key_id, r.received_at, r.late, r.errors, r.warnings, r.unit_id, r.previous_id, r.report],
    )?;
    Ok(())
}

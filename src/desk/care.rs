//! The workspace cared for: backup to one file and restore, moving it, registering a unit's key
//! ahead of its bundles, and 导出评审材料. Long work is split into a quick plan made while the
//! workspace is held and a run that needs no workspace (plan → run → record), so the window stays
//! usable while bytes are copied.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Desk, Home};
use crate::bundle::keys;
use crate::bundle::materials::MaterialsPlan;
use crate::error::Result;
use crate::progress::Observer;
use crate::store::{BackupPlan, Copied};

/// A unit's registered (pinned) signing key, as the reviewer screen lists it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct KnownKey {
    /// The unit.
    pub unit: String,
    /// Key ID, grouped for reading (`3C4A A871 …`).
    pub key: String,
    /// Fingerprint of the whole key, to compare by phone; empty for a pin older than whole keys.
    pub fingerprint: String,
    /// The ID of the key this registration replaced, if any.
    pub replaced: Option<String>,
}

impl Desk {
    /// The plan of a backup: the database snapshot and the files (quick; the workspace is held).
    pub fn plan_backup(&self) -> Result<BackupPlan> {
        self.ws.plan_backup()
    }

    /// Moves the workspace to `to` (new or empty), every copy read back before the old files go;
    /// the desk then works on the new folder.
    pub fn relocate(&mut self, to: &Path, obs: &dyn Observer) -> Result<Copied> {
        let done = self.ws.relocate(to, obs)?;
        self.registry = crate::profile::Registry::with_dir(&self.ws.profiles_dir())?;
        Ok(done)
    }

    /// Works on the workspace at `root` from now on (a restored backup), and remembers it as the
    /// workspace the app opens (unless `JIANBAO_HOME` says otherwise).
    pub fn switch_to(&mut self, root: &Path) -> Result<Home> {
        let next = Desk::open(root, self.lang)?;
        *self = next;
        crate::store::remember_root(self.ws.root())?;
        self.home()
    }

    /// Registers a unit's public key (a `.pub` file it sent) before its bundles arrive.
    pub fn trust_key(&mut self, unit: &str, public_key: &Path, replace: bool) -> Result<KnownKey> {
        let key = keys::PublicKey::load(public_key)?;
        let replaced = self.ws.trust(unit, &key, replace)?;
        Ok(KnownKey {
            unit: unit.trim().to_string(),
            key: keys::grouped(&key.id()),
            fingerprint: key.fingerprint(),
            replaced: replaced.map(|k| keys::grouped(&k.key_id)),
        })
    }

    /// Every unit's registered key, by unit name.
    pub fn known_keys(&self) -> Result<Vec<KnownKey>> {
        Ok(self
            .ws
            .pinned_keys()?
            .into_iter()
            .map(|(unit, k)| KnownKey {
                unit,
                key: keys::grouped(&k.key_id),
                fingerprint: k.public_key.as_deref().map(keys::fingerprint_of).unwrap_or_default(),
                replaced: None,
            })
            .collect())
    }

    /// The plan of 导出评审材料 into a fresh folder of the workspace's `评审材料` (of one campaign,
    /// when given).
    pub fn plan_materials(&self, profile: Option<&str>) -> Result<MaterialsPlan> {
        let name = match profile {
            Some(p) => format!("{}-{}", self.registry.get(p)?.short_title, super::stamp()),
            None => super::stamp(),
        };
        let dir: PathBuf = self.output_dir("评审材料", &name);
        crate::bundle::materials::plan(&self.ws, &self.registry, profile, &dir)
    }
}

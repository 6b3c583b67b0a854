//! What a forwarded packet remembers of where its candidates came from: for each unit bundle it
//! forwards from, that unit's signed tag files (the evidence the next level checks) and its packet,
//! and for each forwarded candidate which of its fields came from which field there. Each forwarded
//! file's own origin sits on its [`FileRef`](super::FileRef).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The bundles a packet's candidates were forwarded from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Forwarded {
    /// One entry per unit bundle forwarded from, in the order first used.
    pub origins: Vec<Origin>,
}

/// One unit bundle forwarded from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    /// Its id in this packet (`o1`), which [`FileOrigin::origin`] names.
    pub id: String,
    /// The sending unit, as its signed bag-info says.
    pub unit: String,
    /// The campaign it was sent to.
    pub profile: String,
    /// Its group identifier.
    pub group: String,
    /// The key ID that signed it.
    pub key_id: String,
    /// Its export time, as signed.
    pub time: String,
    /// Each part's tag files exactly as signed (`bagit.txt`, `bag-info.txt`, `manifest-sha256.txt`,
    /// `jianbao-group.txt`, `jianbao.pub`, `tagmanifest-sha256.txt` and its `.minisig`), by name, part
    /// 1 first. Empty when the bundle was imported by a version that did not keep them.
    #[serde(default)]
    pub parts: Vec<BTreeMap<String, String>>,
    /// The unit's `data/jianbao/packet.json`, exactly as signed.
    #[serde(default)]
    pub packet: String,
    /// The candidates forwarded from it.
    pub candidates: Vec<ForwardedCandidate>,
    /// The unit's bundle parts themselves (plain zips, as it signed them), when the organiser chose
    /// to carry them; `slot` is the part's file name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub originals: Vec<super::FileRef>,
}

/// A candidate forwarded from a unit's bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForwardedCandidate {
    /// The candidate's id in this packet.
    pub candidate: String,
    /// Its id in the unit's packet.
    pub from: String,
    /// This packet's field id → the unit's field id it was copied from.
    pub fields: BTreeMap<String, String>,
}

/// Where a forwarded file came from: the origin and the file's path in that bundle (`data/…`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileOrigin {
    /// The [`Origin::id`].
    pub origin: String,
    /// The file's path in the unit's bag.
    pub path: String,
}

//! The packet: one unit's submission to one campaign, as `jianbao-packet/1` JSON.
//!
//! Field values are kept as JSON values keyed by the profile's field ids: a string for text-like
//! fields, an array of strings for multi-choice fields, an array of row objects for history tables.
//! A packet is refused when its structure is wrong, with the JSON path of every problem; whether its
//! *content* meets the campaign's rules is the checker's business, not the loader's.

pub mod forwarded;
mod validate;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Problem, Result};
use crate::profile::{Profile, Registry};

/// The `format` value of every packet.
pub const PACKET_FORMAT: &str = "jianbao-packet/1";

/// A unit's packet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Packet {
    /// Always `jianbao-packet/1`.
    pub format: String,
    /// The campaign profile's id.
    pub profile: String,
    /// The unit form's values, keyed by field id.
    #[serde(default)]
    pub unit: BTreeMap<String, Value>,
    /// The candidates, in the order the unit ranks them.
    #[serde(default)]
    pub candidates: Vec<Candidate>,
    /// Unit-level documents (推荐工作情况报告…).
    #[serde(default)]
    pub documents: Vec<FileRef>,
    /// The day the packet is judged at for the deadline (`YYYY-MM-DD`); absent means today. Samples
    /// pin it to a day before the deadline so they stay valid examples; a reviewer's import judges
    /// lateness by the time of receipt instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Where forwarded candidates came from (a packet an organiser made to forward candidates to the
    /// next level: 转报上级).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forwarded: Option<forwarded::Forwarded>,
    /// A made-up example (the app's 示例 unit): a reviewer judges its deadline at its own `as_of`,
    /// and says so, instead of by the time of receipt.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
}

/// One candidate (a person, or a team where the campaign allows teams).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// Stable id within the packet (`c1`).
    pub id: String,
    /// The candidate form's values, keyed by field id.
    #[serde(default)]
    pub fields: BTreeMap<String, Value>,
    /// Photos and videos.
    #[serde(default)]
    pub media: Vec<FileRef>,
    /// The candidate's documents.
    #[serde(default)]
    pub documents: Vec<FileRef>,
}

/// A file attached to a slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileRef {
    /// The profile's slot id.
    pub slot: String,
    /// The path, relative to the packet file, with `/` separators.
    pub path: String,
    /// For a forwarded file, the unit bundle and path it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<forwarded::FileOrigin>,
}

impl FileRef {
    /// A reference to `path` in `slot`.
    pub fn new(slot: impl Into<String>, path: impl Into<String>) -> Self {
        FileRef { slot: slot.into(), path: path.into(), origin: None }
    }
}

/// A packet read from disk, with the folder its paths are relative to.
#[derive(Debug, Clone)]
pub struct LoadedPacket {
    /// The packet.
    pub packet: Packet,
    /// The packet file.
    pub file: PathBuf,
    /// The folder paths are relative to.
    pub base: PathBuf,
}

impl LoadedPacket {
    /// The file a reference points to on disk.
    pub fn resolve(&self, r: &FileRef) -> PathBuf {
        self.base.join(&r.path)
    }
}

impl Packet {
    /// An empty packet for a profile.
    pub fn new(profile: &str) -> Self {
        Packet {
            format: PACKET_FORMAT.to_string(),
            profile: profile.to_string(),
            unit: BTreeMap::new(),
            candidates: Vec::new(),
            documents: Vec::new(),
            as_of: None,
            forwarded: None,
            example: false,
        }
    }

    /// A text value of the unit form.
    pub fn unit_text(&self, id: &str) -> Option<&str> {
        self.unit.get(id).and_then(Value::as_str)
    }

    /// Parses JSON text and checks its structure against the profile it names.
    pub fn parse(text: &str, file: &str, registry: &Registry) -> Result<(Packet, Profile)> {
        let invalid = |problems| Error::InvalidPacket { file: file.to_string(), problems };
        let mut de = serde_json::Deserializer::from_str(text);
        let packet: Packet = serde_path_to_error::deserialize(&mut de).map_err(|err| {
            let at = json_path(&err.path().to_string());
            let inner = err.into_inner();
            let code = if inner.is_syntax() || inner.is_eof() { "packet-syntax" } else { "packet-structure" };
            invalid(vec![Problem::new(code, at).arg("detail", inner.to_string()).arg("line", inner.line())])
        })?;
        if packet.format != PACKET_FORMAT {
            return Err(invalid(
                vec![Problem::new("packet-format", "$.format").arg("value", &packet.format)],
            ));
        }
        let profile = match registry.get(&packet.profile) {
            Ok(p) => p.clone(),
            Err(_) => {
                let known: Vec<_> = registry.all().iter().map(|p| p.id.as_str()).collect();
                return Err(invalid(vec![Problem::new("packet-unknown-profile", "$.profile")
                    .arg("value", &packet.profile)
                    .arg("known", known.join(", "))]));
            }
        };
        let mut problems = validate::validate(&packet, &profile);
        if let Some(d) = &packet.as_of {
            let fmt = time::macros::format_description!("[year]-[month]-[day]");
            if time::Date::parse(d, fmt).is_err() {
                problems.push(Problem::new("packet-bad-date", "$.as_of").arg("value", d));
            }
        }
        if problems.is_empty() {
            Ok((packet, profile))
        } else {
            Err(invalid(problems))
        }
    }

    /// The JSON text of the packet, pretty-printed with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a packet serialises");
        s.push('\n');
        s
    }
}

/// Reads and checks a packet file.
pub fn load(path: &Path, registry: &Registry) -> Result<(LoadedPacket, Profile)> {
    let text = crate::profile::read_text(path)?;
    let (packet, profile) = Packet::parse(&text, &path.display().to_string(), registry)?;
    let base = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((LoadedPacket { packet, file: path.to_path_buf(), base }, profile))
}

/// `candidates[0].fields.birth` → `$.candidates[0].fields.birth`.
fn json_path(serde_path: &str) -> String {
    if serde_path == "." || serde_path.is_empty() {
        "$".to_string()
    } else {
        format!("$.{serde_path}")
    }
}

/// The JSON Schema of the packet format (`docs/packet.schema.json`).
pub fn json_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(Packet)).expect("schema serialises")
}

/// A text value of a field map.
pub fn text<'a>(fields: &'a BTreeMap<String, Value>, id: &str) -> Option<&'a str> {
    fields.get(id).and_then(Value::as_str)
}

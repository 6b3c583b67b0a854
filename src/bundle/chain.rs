//! Proof of origin up the chain (unit → organiser → next level).
//!
//! A bundle that forwards candidates carries, under `data/转报/<n>-<unit>/`, each unit bundle's tag
//! files exactly as that unit signed them (`<part>/bagit.txt` … `<part>/tagmanifest-sha256.txt.minisig`)
//! and the unit's `packet.json`, and in `data/jianbao/provenance.json` which forwarded file came from
//! which file of which unit bundle, and which field from which field. All of it is payload of the
//! organiser's own signed bag; the unit's signature makes it evidence. [`check`] re-derives every
//! claim from the signed bytes — a file is "unchanged" only when the hash the organiser's manifest
//! lists for it is the hash the unit's signed manifest lists for its origin — so a `provenance.json`
//! that lies proves nothing. `docs/bundle-format.md` describes the layout for other tools.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::verify::{self, Reason};
use crate::i18n::Localizer;
use crate::packet::forwarded::{Forwarded, ForwardedCandidate};
use crate::packet::Packet;
use crate::profile::Profile;

/// The `format` of `provenance.json`.
pub const FORMAT: &str = "jianbao-provenance/1";
/// Where it sits in the bag.
pub const PROVENANCE_FILE: &str = "data/jianbao/provenance.json";
/// The largest provenance or carried packet read.
const MAX_TEXT: u64 = 64 << 20;

/// `data/jianbao/provenance.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// Always [`FORMAT`].
    pub format: String,
    /// Each unit bundle forwarded from.
    pub origins: Vec<ProvenanceOrigin>,
    /// Each forwarded file: its path in this bag, its origin, its path in the unit's bag.
    pub files: Vec<ProvenanceFile>,
}

/// A unit bundle forwarded from, as `provenance.json` names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvenanceOrigin {
    /// Its id (`o1`).
    pub id: String,
    /// The sending unit, as the organiser recorded it (checked against the unit's signed bag-info).
    pub unit: String,
    /// The unit's key ID, as recorded (checked against the carried signature).
    pub key_id: String,
    /// The unit bundle's group id.
    pub group: String,
    /// Its campaign.
    pub profile: String,
    /// The folder holding its evidence (`data/转报/1-示例学会`).
    pub folder: String,
    /// How many parts' tag files it holds (`<folder>/1/`, `<folder>/2/`…); 0 when none were kept.
    pub parts: usize,
    /// The unit's bundle parts carried whole (`<folder>/原件/<name>.zip`), when the organiser chose to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub originals: Vec<String>,
    /// The candidates forwarded from it, with their field mapping.
    pub candidates: Vec<ForwardedCandidate>,
}

/// A forwarded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvenanceFile {
    /// Its path in this bag (`data/材料/王海涛/王海涛1.jpg`).
    pub path: String,
    /// The [`ProvenanceOrigin::id`].
    pub origin: String,
    /// Its path in the unit's bag.
    pub from: String,
}

/// The evidence a forwarded packet's export adds: every carried tag file and packet, the carried
/// original parts, and `provenance.json`. `placed` is the packet as the bag holds it (paths
/// `../材料/…`, each forwarded file still with its origin); `loaded` resolves the originals.
pub fn evidence_entries(
    forwarded: &Forwarded,
    placed: &Packet,
    loaded: &crate::packet::LoadedPacket,
) -> Vec<super::Entry> {
    let mut out = Vec::new();
    let mut origins = Vec::new();
    for (n, o) in forwarded.origins.iter().enumerate() {
        let folder = format!("data/转报/{}-{}", n + 1, crate::store::sanitize_name(&o.unit));
        for (k, part) in o.parts.iter().enumerate() {
            for (name, text) in part {
                // Only tag-file names: nothing carried names a path of its own.
                if super::reader::name_problem(name).is_none() && !name.contains('/') {
                    out.push(super::Entry::bytes(
                        &format!("{folder}/{}/{name}", k + 1),
                        text.clone().into_bytes(),
                    ));
                }
            }
        }
        if !o.packet.is_empty() {
            out.push(super::Entry::bytes(&format!("{folder}/packet.json"), o.packet.clone().into_bytes()));
        }
        let mut originals = Vec::new();
        for r in &o.originals {
            let path = format!("{folder}/原件/{}", crate::store::sanitize_name(&r.slot));
            out.push(super::Entry::file(path.clone(), loaded.resolve(r)));
            originals.push(path);
        }
        origins.push(ProvenanceOrigin {
            id: o.id.clone(),
            unit: o.unit.clone(),
            key_id: o.key_id.clone(),
            group: o.group.clone(),
            profile: o.profile.clone(),
            folder,
            parts: if o.packet.is_empty() { 0 } else { o.parts.len() },
            candidates: o.candidates.clone(),
            originals,
        });
    }
    let mut files = Vec::new();
    for c in &placed.candidates {
        for r in c.media.iter().chain(&c.documents) {
            if let (Some(o), Some(path)) = (&r.origin, super::import::bag_path(r)) {
                files.push(ProvenanceFile { path, origin: o.origin.clone(), from: o.path.clone() });
            }
        }
    }
    let prov = Provenance { format: FORMAT.into(), origins, files };
    let text = serde_json::to_string_pretty(&prov).expect("serialises") + "\n";
    out.push(super::Entry::bytes(PROVENANCE_FILE, text.into_bytes()));
    out
}

/// What the chain check found about one forwarded candidate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ChainCandidate {
    /// The candidate's name in the forwarded packet.
    pub name: String,
    /// Files byte-identical to what the unit signed.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub files_same: usize,
    /// Files whose bytes differ from what the unit signed (path in the forwarded bag).
    pub files_changed: Vec<String>,
    /// Files said to come from the unit that its signed manifest does not list.
    pub files_unproven: Vec<String>,
    /// Files the organiser added.
    pub files_added: Vec<String>,
    /// Fields equal to the unit's signed values.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub fields_same: usize,
    /// Fields copied from the unit whose value the organiser changed (labels).
    pub fields_changed: Vec<String>,
    /// Fields the organiser filled that the unit's form did not give (labels).
    pub fields_added: Vec<String>,
}

/// What the chain check found about one unit bundle forwarded from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ChainOrigin {
    /// The unit, as its signed bag-info names it (or as recorded, when there is no evidence).
    pub unit: String,
    /// The unit's key ID, from the carried signature.
    pub key_id: String,
    /// Its fingerprint.
    pub fingerprint: String,
    /// The whole public key (minisign base64), to compare with a key pinned for the unit.
    pub public_key: String,
    /// The unit's signature over the carried tag files verified, and its manifest lists the carried
    /// packet.
    pub signed: bool,
    /// Why not (codes `bundle-…`, `chain-…`).
    pub reasons: Vec<String>,
    /// The candidates forwarded from it.
    pub candidates: Vec<ChainCandidate>,
    /// Original parts carried whole that verify as the parts the evidence describes.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub originals: usize,
}

/// The chain of custody of a forwarded bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Chain {
    /// The organiser that forwarded (the bundle's signer).
    pub forwarder: String,
    /// Its key ID.
    pub forwarder_key: String,
    /// Each unit bundle forwarded from.
    pub origins: Vec<ChainOrigin>,
    /// Every unit signature verified and every forwarded file unchanged and proven.
    pub intact: bool,
    /// Problems with the provenance itself (unreadable, names an unknown origin…).
    pub problems: Vec<String>,
}

/// A verified payload file of the bundle, by its path in the bag.
pub trait Payload {
    /// Its SHA-256 as the bundle's signed manifest lists it.
    fn sha256(&self, path: &str) -> Option<String>;
    /// Its bytes (at most `limit`), read through the verified archive.
    fn read(&self, path: &str, limit: u64) -> Option<Vec<u8>>;
    /// Streams it into `to` (a carried original part may be large); false when it cannot.
    fn extract(&self, path: &str, to: &mut dyn std::io::Write) -> bool;
}

/// The parts of a verified bundle as a [`Payload`].
pub struct Parts<'a>(pub Vec<(&'a verify::Verdict, &'a verify::Archive)>);

impl Payload for Parts<'_> {
    fn sha256(&self, path: &str) -> Option<String> {
        self.0.iter().find_map(|(v, _)| v.payload.iter().find(|p| p.path == path).map(|p| p.sha256.clone()))
    }
    fn read(&self, path: &str, limit: u64) -> Option<Vec<u8>> {
        self.0.iter().find_map(|&(v, a)| {
            let p = v.payload.iter().find(|p| p.path == path)?;
            let bytes = a.read_small(a.find(&p.entry)?, limit).ok()?;
            (hex::encode(Sha256::digest(&bytes)) == p.sha256).then_some(bytes)
        })
    }
    fn extract(&self, path: &str, to: &mut dyn std::io::Write) -> bool {
        self.0.iter().any(|&(v, a)| {
            let Some(p) = v.payload.iter().find(|p| p.path == path) else { return false };
            let Some(e) = a.find(&p.entry) else { return false };
            std::io::copy(&mut a.open_entry(e), to).is_ok()
        })
    }
}

/// Checks the chain of a verified bundle; `None` when it forwards nothing. `profile` (the bundle's
/// campaign, when known) gives field labels.
pub fn check(
    payload: &dyn Payload,
    forwarder: &str,
    forwarder_key: &str,
    profile: Option<&Profile>,
) -> Option<Chain> {
    payload.sha256(PROVENANCE_FILE)?;
    let mut chain = Chain {
        forwarder: forwarder.to_string(),
        forwarder_key: forwarder_key.to_string(),
        origins: vec![],
        intact: false,
        problems: vec![],
    };
    let prov: Provenance =
        match payload.read(PROVENANCE_FILE, MAX_TEXT).map(|b| serde_json::from_slice::<Provenance>(&b)) {
            Some(Ok(p)) if p.format == FORMAT => p,
            Some(Ok(p)) => {
                chain.problems.push(format!("chain-format: {}", p.format));
                return Some(chain);
            }
            Some(Err(e)) => {
                chain.problems.push(format!("chain-unreadable: {e}"));
                return Some(chain);
            }
            None => {
                chain.problems.push("chain-unreadable".into());
                return Some(chain);
            }
        };
    let outer: Option<Packet> =
        payload.read("data/jianbao/packet.json", MAX_TEXT).and_then(|b| serde_json::from_slice(&b).ok());
    let label = |id: &str| {
        profile
            .and_then(|p| p.candidate_form.fields.iter().find(|f| f.id == id))
            .map(|f| crate::bundle::one_line(&f.label))
            .unwrap_or_else(|| id.to_string())
    };
    let mut intact = true;
    for o in &prov.origins {
        let mut co = ChainOrigin {
            unit: o.unit.clone(),
            key_id: o.key_id.clone(),
            fingerprint: String::new(),
            public_key: String::new(),
            signed: false,
            reasons: vec![],
            candidates: vec![],
            originals: 0,
        };
        // The unit's evidence: every part signed by one key, of one group, listing the packet.
        let mut manifest: BTreeMap<String, String> = BTreeMap::new();
        let mut key: Option<String> = None;
        if o.parts == 0 || o.parts > verify::MAX_PARTS {
            co.reasons.push("chain-no-evidence".into());
        }
        for k in 1..=o.parts.min(verify::MAX_PARTS) {
            let mut files = BTreeMap::new();
            for name in [
                "bagit.txt",
                "bag-info.txt",
                "manifest-sha256.txt",
                super::GROUP_FILE,
                super::PUBLIC_KEY_FILE,
                "tagmanifest-sha256.txt",
                "tagmanifest-sha256.txt.minisig",
            ] {
                if let Some(b) = payload.read(&format!("{}/{k}/{name}", o.folder), 16 << 20) {
                    files.insert(name.to_string(), b);
                }
            }
            let (v, tags) = verify::evidence(files);
            if !v.valid {
                co.reasons.extend(v.reasons.iter().map(reason_text));
                continue;
            }
            let Some(tags) = tags else { continue };
            if v.info("Bag-Group-Identifier") != o.group
                || v.group.as_ref().is_some_and(|g| g.parts != o.parts)
            {
                co.reasons.push("chain-origin-mismatch: group".into());
            }
            if key.get_or_insert_with(|| v.public_key.clone().unwrap_or_default())
                != v.public_key.as_deref().unwrap_or("")
            {
                co.reasons.push("chain-origin-mismatch: key".into());
            }
            co.unit = v.info("Source-Organization").to_string();
            co.key_id = v.key_id.clone().unwrap_or_default();
            co.fingerprint = v.public_key.as_deref().map(super::keys::fingerprint_of).unwrap_or_default();
            co.public_key = v.public_key.clone().unwrap_or_default();
            manifest.extend(tags.manifest);
        }
        let unit_packet: Option<Packet> = payload
            .read(&format!("{}/packet.json", o.folder), MAX_TEXT)
            .filter(|b| manifest.get("data/jianbao/packet.json") == Some(&hex::encode(Sha256::digest(b))))
            .and_then(|b| serde_json::from_slice(&b).ok());
        if unit_packet.is_none() && o.parts > 0 {
            co.reasons.push("chain-packet-unproven".into());
        }
        // A carried original must be the very part the evidence describes: verified on its own, its
        // signed tag manifest one of the evidence's.
        let signed_tags: Vec<String> = (1..=o.parts.min(verify::MAX_PARTS))
            .filter_map(|k| payload.read(&format!("{}/{k}/tagmanifest-sha256.txt", o.folder), 16 << 20))
            .map(|b| hex::encode(Sha256::digest(&b)))
            .collect();
        for path in &o.originals {
            let ok = tempfile::NamedTempFile::new().ok().is_some_and(|mut tmp| {
                payload.extract(path, tmp.as_file_mut()) && {
                    let v = verify::verify(tmp.path(), None);
                    v.valid && v.tagmanifest_sha256.is_some_and(|h| signed_tags.contains(&h))
                }
            });
            if ok {
                co.originals += 1;
            } else {
                co.reasons.push(format!("chain-original-differs: {path}"));
            }
        }
        co.signed = co.reasons.is_empty();
        intact &= co.signed;
        for fc in &o.candidates {
            let here = outer.as_ref().and_then(|p| p.candidates.iter().find(|c| c.id == fc.candidate));
            let there = unit_packet.as_ref().and_then(|p| p.candidates.iter().find(|c| c.id == fc.from));
            let name = here
                .and_then(|c| {
                    profile.and_then(|p| crate::packet::text(&c.fields, &p.candidate_form.name_field))
                })
                .unwrap_or(&fc.candidate)
                .to_string();
            let mut cc = ChainCandidate { name, ..Default::default() };
            if let Some(here) = here {
                for (field, value) in &here.fields {
                    let empty = value.is_null() || value.as_str().is_some_and(|s| s.trim().is_empty());
                    match fc.fields.get(field) {
                        Some(src) => match there.and_then(|t| t.fields.get(src)) {
                            Some(v) if same_value(v, value) => cc.fields_same += 1,
                            _ => cc.fields_changed.push(label(field)),
                        },
                        None if !empty => cc.fields_added.push(label(field)),
                        None => {}
                    }
                }
                // A mapped field emptied on the way is a change too.
                for field in fc.fields.keys().filter(|f| !here.fields.contains_key(*f)) {
                    cc.fields_changed.push(label(field));
                }
                for r in here.media.iter().chain(&here.documents) {
                    let Some(path) = super::import::bag_path(r) else { continue };
                    match prov.files.iter().find(|f| f.path == path && f.origin == o.id) {
                        None => cc.files_added.push(path),
                        Some(f) => match (payload.sha256(&path), manifest.get(&f.from)) {
                            (Some(a), Some(b)) if &a == b => cc.files_same += 1,
                            (Some(_), Some(_)) => cc.files_changed.push(path),
                            _ => cc.files_unproven.push(path),
                        },
                    }
                }
            }
            intact &= cc.files_changed.is_empty() && cc.files_unproven.is_empty();
            co.candidates.push(cc);
        }
        chain.origins.push(co);
    }
    if prov.origins.is_empty() {
        chain.problems.push("chain-no-origins".into());
    }
    for f in &prov.files {
        if !prov.origins.iter().any(|o| o.id == f.origin) {
            chain.problems.push(format!("chain-unknown-origin: {}", f.path));
        }
    }
    chain.intact = intact && chain.problems.is_empty() && !chain.origins.is_empty();
    Some(chain)
}

/// The chains of verified parts (each set of parts checked whole, once); `registry` gives field labels.
pub fn of_verified(
    parts: &[(verify::Verdict, verify::Archive)],
    registry: Option<&crate::profile::Registry>,
) -> Vec<Chain> {
    let mut groups: Vec<(String, Vec<(&verify::Verdict, &verify::Archive)>)> = Vec::new();
    for (v, a) in parts.iter().filter(|(v, _)| v.valid) {
        let g = v.group.as_ref().map(|g| g.id.clone()).unwrap_or_default();
        match groups.iter_mut().find(|(id, _)| *id == g) {
            Some((_, m)) => m.push((v, a)),
            None => groups.push((g, vec![(v, a)])),
        }
    }
    groups
        .into_iter()
        .filter_map(|(_, members)| {
            let first = members[0].0;
            let profile = registry.and_then(|r| r.get(first.info("External-Identifier")).ok());
            let (unit, key) =
                (first.info("Source-Organization").to_string(), first.key_id.clone().unwrap_or_default());
            check(&Parts(members), &unit, &key, profile)
        })
        .collect()
}

fn reason_text(r: &Reason) -> String {
    match &r.entry {
        Some(e) => format!("{} {e}: {}", r.code, r.detail),
        None => format!("{}: {}", r.code, r.detail),
    }
}

/// Values compare as JSON, strings without surrounding white space.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x.trim() == y.trim(),
        _ => a == b,
    }
}

impl Chain {
    /// The chain in words, one sentence per line: who forwarded, then for each candidate what is
    /// proven and what is not. Each with whether it is good news.
    pub fn sentences(&self, l: &Localizer) -> Vec<(bool, String)> {
        let t = |id: &str, args: &[(&str, String)]| l.text(id, &args.iter().cloned().collect());
        let key = |k: &str| super::keys::grouped(k);
        let mut out = vec![(
            true,
            t("chain-forwarded-by", &[("unit", self.forwarder.clone()), ("key", key(&self.forwarder_key))]),
        )];
        for p in &self.problems {
            out.push((false, t("chain-problem", &[("reason", p.clone())])));
        }
        for o in &self.origins {
            let origin = [("origin", o.unit.clone()), ("key", key(&o.key_id))];
            if !o.signed {
                let id = if o.reasons.iter().any(|r| r == "chain-no-evidence") {
                    "chain-no-evidence"
                } else {
                    "chain-origin-bad"
                };
                let mut a = origin.to_vec();
                a.push(("reason", o.reasons.join("；")));
                out.push((false, t(id, &a)));
            }
            if o.originals > 0 {
                let mut a = origin.to_vec();
                a.push(("count", o.originals.to_string()));
                out.push((true, t("chain-originals", &a)));
            }
            for c in &o.candidates {
                let mut a = origin.to_vec();
                a.push(("name", c.name.clone()));
                if o.signed {
                    let mut b = a.clone();
                    b.push(("files", c.files_same.to_string()));
                    b.push(("fields", c.fields_same.to_string()));
                    out.push((true, t("chain-candidate-same", &b)));
                }
                let list = |v: &[String]| {
                    v.iter()
                        .map(|p| p.rsplit('/').next().unwrap_or(p).to_string())
                        .collect::<Vec<_>>()
                        .join("、")
                };
                for (id, v, good) in [
                    ("chain-file-changed", &c.files_changed, false),
                    ("chain-file-unproven", &c.files_unproven, false),
                    ("chain-file-added", &c.files_added, true),
                    ("chain-field-changed", &c.fields_changed, false),
                    ("chain-field-added", &c.fields_added, true),
                ] {
                    if !v.is_empty() {
                        let mut b = a.clone();
                        b.push(("items", list(v)));
                        out.push((good, t(id, &b)));
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Payload files by path (their hash computed, as a verified bundle's manifest would list it).
    struct Files(BTreeMap<String, Vec<u8>>);

    impl Payload for Files {
        fn sha256(&self, path: &str) -> Option<String> {
            self.0.get(path).map(|b| hex::encode(Sha256::digest(b)))
        }
        fn read(&self, path: &str, limit: u64) -> Option<Vec<u8>> {
            self.0.get(path).filter(|b| b.len() as u64 <= limit).cloned()
        }
        fn extract(&self, path: &str, to: &mut dyn std::io::Write) -> bool {
            self.0.get(path).is_some_and(|b| to.write_all(b).is_ok())
        }
    }

    fn with_provenance(p: &str) -> Files {
        Files([(PROVENANCE_FILE.to_string(), p.as_bytes().to_vec())].into_iter().collect())
    }

    #[test]
    fn a_bundle_without_provenance_has_no_chain() {
        assert_eq!(check(&Files(BTreeMap::new()), "x", "k", None), None);
    }

    #[test]
    fn a_provenance_that_proves_nothing_is_never_intact() {
        let l = Localizer::new(crate::i18n::Lang::Zh);
        for (text, said) in [
            ("not json", "chain-unreadable"),
            (r#"{"format":"other/9","origins":[],"files":[]}"#, "chain-format"),
            (r#"{"format":"jianbao-provenance/1","origins":[],"files":[]}"#, "chain-no-origins"),
            (
                r#"{"format":"jianbao-provenance/1","origins":[],"files":[{"path":"data/a.jpg","origin":"o9","from":"data/a.jpg"}]}"#,
                "chain-unknown-origin",
            ),
        ] {
            let c = check(&with_provenance(text), "市科协", "ABCD", None).unwrap();
            assert!(!c.intact, "{text}");
            assert!(c.problems.iter().any(|p| p.starts_with(said)), "{text}: {:?}", c.problems);
            assert!(c.sentences(&l)[0].1.contains("市科协"));
        }
        // An origin whose evidence is missing (parts 0, or parts claimed but absent) is not signed.
        for parts in [0, 1, 5000] {
            let text = format!(
                r#"{{"format":"jianbao-provenance/1","origins":[{{"id":"o1","unit":"甲","key_id":"K","group":"0123456789abcdef","profile":"p","folder":"data/转报/1-甲","parts":{parts},"candidates":[]}}],"files":[]}}"#
            );
            let c = check(&with_provenance(&text), "市科协", "ABCD", None).unwrap();
            assert!(!c.intact && !c.origins[0].signed, "{parts}: {c:?}");
            let words = c.sentences(&l).into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n");
            assert!(words.contains("甲"), "{words}");
        }
    }
}

//! The reviewer's import: verify, pin each unit's whole key, store the verified files, re-check with the
//! reviewer's own copy of the profile, record lateness and resubmissions, and flag a candidate
//! recommended by two units.
//!
//! Every byte import stores comes from an entry that `verify` verified, read again through the same
//! open [`Archive`] and hashed again while it is written into the media store (so a file changed on
//! disk after verification is refused, not stored). Nothing taken from a bundle names a path in the
//! workspace: files go to the content-addressed store under their hash. The unit, its candidates and
//! files, the key pin and the received record are committed in one transaction.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::Serialize;
use serde_json::Value;

use super::reader::Archive;
use super::verify::{self, Payload, Reason, Verdict};
use crate::error::{Error, Result};
use crate::packet::{self, FileRef, LoadedPacket, Packet};
use crate::profile::{Profile, Registry};
use crate::store::{ImportRecord, Received, StoredRef, Workspace};

/// Largest `packet.json` or `profile.toml` read from a bundle.
const MAX_TEXT: u64 = 64 << 20;

/// What happened to one received submission.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    /// The bundle's number in this workspace (for receipts), when it was imported.
    pub id: Option<i64>,
    /// The parts.
    #[serde(serialize_with = "crate::fsutil::lossy_paths")]
    pub parts: Vec<PathBuf>,
    /// Sending unit.
    pub unit: String,
    /// Campaign.
    pub profile: String,
    /// Group id.
    pub group: String,
    /// The signing key's ID.
    pub key_id: String,
    /// Its fingerprint (to compare over the phone).
    pub fingerprint: String,
    /// `first-seen`, `same` or `changed`.
    pub key_status: String,
    /// The key pinned before, when it changed.
    pub previous_key: Option<KeyRef>,
    /// Who to call about the bundle, from its bag-info (Contact-Name, Contact-Phone).
    pub contact: Option<Contact>,
    /// Refusal reasons; empty when imported.
    pub refused: Vec<Reason>,
    /// Received after the deadline.
    pub late: bool,
    /// A made-up example judged at its own day (`YYYY-MM-DD`) instead of the time of receipt.
    pub example_as_of: Option<String>,
    /// Re-check counts with the reviewer's profile.
    pub errors: usize,
    /// Warnings of the re-check.
    pub warnings: usize,
    /// The bundle's copy of the profile differs from the reviewer's.
    pub profile_differs: bool,
    /// The earlier submission this replaces, and what changed.
    pub resubmission: Option<Resubmission>,
    /// Candidates also recommended by another unit.
    pub duplicates: Vec<Duplicate>,
    /// Each payload file's verdict (listed, present, right hash), over all parts.
    pub files: Vec<verify::FileVerdict>,
    /// Bytes written into the media store (files already there are not written again).
    pub stored_bytes: u64,
    /// For a bundle that forwards candidates: the chain of custody, checked.
    pub chain: Option<super::chain::Chain>,
    /// The re-check made at import, kept by the reviewer's tables (not part of the report).
    #[serde(skip)]
    pub report: Option<crate::check::Report>,
}

/// A signing key as the reviewer compares it on the phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct KeyRef {
    /// Key ID.
    pub key_id: String,
    /// Fingerprint.
    pub fingerprint: String,
}

/// Who to call about a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Contact {
    /// Name.
    pub name: String,
    /// Telephone.
    pub phone: String,
}

/// An earlier submission a bundle replaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Resubmission {
    /// The earlier bundle's number.
    pub previous: i64,
    /// What changed (field labels, files).
    pub changes: Vec<String>,
}

/// A candidate another unit also recommends (records made before read from `[name, unit]` pairs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Duplicate {
    /// The candidate's name.
    pub name: String,
    /// The other unit.
    pub other_unit: String,
}

impl Imported {
    fn new(parts: Vec<PathBuf>, first: &Verdict, refused: Vec<Reason>) -> Self {
        Imported {
            id: None,
            parts,
            unit: first.info("Source-Organization").to_string(),
            profile: first.info("External-Identifier").to_string(),
            group: first.group.as_ref().map(|g| g.id.clone()).unwrap_or_default(),
            key_id: first.key_id.clone().unwrap_or_default(),
            fingerprint: first.public_key.as_deref().map(super::keys::fingerprint_of).unwrap_or_default(),
            key_status: String::new(),
            contact: None,
            previous_key: None,
            refused,
            late: false,
            example_as_of: None,
            errors: 0,
            warnings: 0,
            profile_differs: false,
            resubmission: None,
            duplicates: vec![],
            files: vec![],
            stored_bytes: 0,
            chain: None,
            report: None,
        }
    }
}

fn refusal(code: &'static str, entry: Option<&str>, detail: impl ToString) -> Reason {
    Reason { code, entry: entry.map(str::to_string), detail: detail.to_string() }
}

/// One verified part with its open archive.
struct Part {
    verdict: Verdict,
    archive: Archive,
}

/// The verified payload files of a set, by their path in the bag.
fn payload_index<'a>(parts: &[&'a Part]) -> HashMap<&'a str, (&'a Part, &'a Payload)> {
    let mut m = HashMap::new();
    for p in parts {
        for f in &p.verdict.payload {
            m.insert(f.path.as_str(), (*p, f));
        }
    }
    m
}

/// A verified payload file's bytes in memory, hashed again against the manifest.
fn read_verified(part: &Part, f: &Payload) -> std::result::Result<Vec<u8>, Reason> {
    use sha2::Digest;
    let e =
        part.archive.find(&f.entry).ok_or_else(|| refusal("bundle-missing-file", Some(&f.path), "gone"))?;
    let bytes = part.archive.read_small(e, MAX_TEXT)?;
    if hex::encode(sha2::Sha256::digest(&bytes)) != f.sha256 {
        return Err(refusal("bundle-altered", Some(&f.path), "changed after verification"));
    }
    Ok(bytes)
}

/// Where a packet's file reference points in the bag: `../材料/x.jpg`, relative to
/// `data/jianbao/packet.json`, is `data/材料/x.jpg`. Only plain relative paths inside `data/` resolve.
pub fn bag_path(r: &FileRef) -> Option<String> {
    let mut at: Vec<&str> = vec!["data", "jianbao"];
    for seg in r.path.split('/') {
        match seg {
            ".." => {
                at.pop();
                if at.is_empty() {
                    return None;
                }
            }
            "" | "." => return None,
            s => at.push(s),
        }
    }
    let p = at.join("/");
    (p.starts_with("data/") && super::reader::name_problem(&p).is_none()).then_some(p)
}

fn person_key(fields: &BTreeMap<String, Value>, name_field: &str) -> Option<(String, String)> {
    let name = fields.get(name_field)?.as_str()?.trim().to_string();
    let detail = ["birth", "mobile", "email"]
        .iter()
        .find_map(|k| fields.get(*k).and_then(Value::as_str))
        .unwrap_or("")
        .trim()
        .to_string();
    Some((name, detail))
}

fn changes(old: &packet::Packet, new: &packet::Packet) -> Vec<String> {
    let mut out = Vec::new();
    for c in &new.candidates {
        match old.candidates.iter().find(|o| o.id == c.id) {
            None => out.push(format!("+{}", c.id)),
            Some(o) => {
                for (k, v) in &c.fields {
                    if o.fields.get(k) != Some(v) {
                        out.push(format!("{}.{k}", c.id));
                    }
                }
                if o.media.len() != c.media.len() || o.documents.len() != c.documents.len() {
                    out.push(format!("{}.files", c.id));
                }
            }
        }
    }
    for o in &old.candidates {
        if !new.candidates.iter().any(|c| c.id == o.id) {
            out.push(format!("-{}", o.id));
        }
    }
    out
}

/// Imports bundle parts into a reviewer's workspace.
pub fn import(
    ws: &mut Workspace,
    registry: &Registry,
    bundles: &[PathBuf],
    opts: &ImportOptions,
    now: time::OffsetDateTime,
) -> Result<Vec<Imported>> {
    import_observed(ws, registry, bundles, opts, now, &crate::progress::Quiet)
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Accept a unit's new key (after the reviewer confirmed it by telephone).
    pub accept_key_change: bool,
    /// The identity that decrypts `.zip.age` parts; `None`: the workspace's own
    /// (`keys/jianbao-age.key`), when it has one.
    pub identity: Option<PathBuf>,
}

/// A part as given, opened: decrypted into a temporary file when it was encrypted.
fn open_part(
    ws: &Workspace,
    given: &std::path::Path,
    opts: &ImportOptions,
    ids: &mut Option<Vec<Box<dyn age::Identity + Send + Sync>>>,
) -> std::result::Result<Option<tempfile::TempPath>, Reason> {
    if !super::seal::is_encrypted(given) {
        return Ok(None);
    }
    if ids.is_none() {
        let path = opts
            .identity
            .clone()
            .unwrap_or_else(|| super::keys::default_dir(ws.root()).join(super::seal::IDENTITY_FILE));
        if !path.exists() {
            return Err(refusal("bundle-encrypted-no-identity", None, path.display()));
        }
        *ids = Some(
            super::seal::identities(&path).map_err(|e| refusal("bundle-encrypted-no-identity", None, e))?,
        );
    }
    let tmp = tempfile::Builder::new()
        .prefix(".jianbao-")
        .suffix(".zip.part")
        .tempfile_in(ws.root())
        .map_err(|e| refusal("bundle-decrypt-failed", None, e))?;
    let (mut file, path) = tmp.into_parts();
    let mut w = std::io::BufWriter::with_capacity(1 << 20, &mut file);
    match super::seal::decrypt(given, ids.as_deref().unwrap_or(&[]), &mut w) {
        Ok(()) => {
            drop(w);
            Ok(Some(path))
        }
        Err(Error::Decrypt { reason, .. }) if reason == "no-identity" => {
            Err(refusal("bundle-encrypted-not-for-us", None, reason))
        }
        Err(e) => Err(refusal("bundle-decrypt-failed", None, e)),
    }
}

/// [`import`], reporting progress to `obs` (each part verified, then each file stored) and stopping
/// before anything is recorded when cancelled.
pub fn import_observed(
    ws: &mut Workspace,
    registry: &Registry,
    bundles: &[PathBuf],
    opts: &ImportOptions,
    now: time::OffsetDateTime,
    obs: &dyn crate::progress::Observer,
) -> Result<Vec<Imported>> {
    let accept_key_change = opts.accept_key_change;
    let size = |b: &PathBuf| std::fs::metadata(b).map(|m| m.len()).unwrap_or(0);
    let total: u64 = bundles.iter().map(size).sum();
    obs.begin(2 * total);
    let mut out = Vec::new();
    let mut verified: Vec<Part> = Vec::new();
    // Decrypted parts live in temporary files of the workspace until the import ends (a killed
    // import leaves `.jianbao-*.part` files, which the next opening removes).
    let mut decrypted: Vec<tempfile::TempPath> = Vec::new();
    let mut ids = None;
    for b in bundles {
        if obs.cancelled() {
            return Err(Error::Cancelled);
        }
        obs.file(&b.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        let read_from = match open_part(ws, b, opts, &mut ids) {
            Ok(None) => b.clone(),
            Ok(Some(tmp)) => {
                let p = tmp.to_path_buf();
                decrypted.push(tmp);
                p
            }
            Err(r) => {
                let v = verify::Verdict::refused(b, r.clone());
                out.push(Imported::new(vec![b.clone()], &v, vec![r]));
                obs.advance(size(b));
                continue;
            }
        };
        let (mut v, archive) = verify::verify_archive_deferred(&read_from, None);
        // Reported under the name the reviewer gave.
        v.file = b.clone();
        obs.advance(size(b));
        match (archive, v.valid && v.group.is_some()) {
            (Some(archive), true) => verified.push(Part { verdict: v, archive }),
            _ => {
                let mut refused = v.reasons.clone();
                if refused.is_empty() {
                    refused.push(refusal("bundle-not-bagit", Some(super::GROUP_FILE), "missing"));
                }
                let mut r = Imported::new(vec![v.file.clone()], &v, refused);
                r.files = v.files.clone();
                out.push(r);
            }
        }
    }
    // Sets in the order their first part was given, so bundle numbers follow the reviewer's order.
    let mut groups: Vec<(String, Vec<&Part>)> = Vec::new();
    for p in &verified {
        let g = p.verdict.group.as_ref().map(|g| g.id.clone()).unwrap_or_default();
        match groups.iter_mut().find(|(id, _)| *id == g) {
            Some((_, members)) => members.push(p),
            None => groups.push((g, vec![p])),
        }
    }
    let received_at = now.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
    for (_, parts) in groups {
        let files = parts.iter().map(|p| p.verdict.file.clone()).collect();
        let mut result = Imported::new(files, &parts[0].verdict, vec![]);
        result.files = parts.iter().flat_map(|p| p.verdict.files.iter().cloned()).collect();
        let set_size: u64 = parts.iter().map(|p| size(&p.verdict.file)).sum();
        let mut created = Vec::new();
        let outcome = import_set(
            ws,
            registry,
            &parts,
            accept_key_change,
            now,
            &received_at,
            &mut result,
            &mut created,
            obs,
        );
        if outcome.is_err() {
            // Blobs this import wrote are referenced by nothing: the transaction did not commit.
            for blob in created {
                let _ = std::fs::remove_file(blob);
            }
        }
        match outcome {
            Ok(()) => {}
            Err(Refused(r)) => result.refused.extend(r),
            Err(Failed(e)) => return Err(e),
        }
        obs.advance(set_size.saturating_sub(result.stored_bytes));
        out.push(result);
    }
    Ok(out)
}

/// Why one set was not imported: a refusal (the bundle's fault) or a failure (ours: disk, database).
enum SetError {
    Refused(Vec<Reason>),
    Failed(Error),
}
use SetError::{Failed, Refused};

impl From<Error> for SetError {
    fn from(e: Error) -> Self {
        Failed(e)
    }
}

fn refused(code: &'static str, entry: Option<&str>, detail: impl ToString) -> SetError {
    Refused(vec![refusal(code, entry, detail)])
}

/// Admits one verified set (whole, consistent, new, by the pinned key, of a known campaign), stores its
/// files, re-checks it and records it.
#[allow(clippy::too_many_arguments)]
fn import_set(
    ws: &mut Workspace,
    registry: &Registry,
    parts: &[&Part],
    accept_key_change: bool,
    now: time::OffsetDateTime,
    received_at: &str,
    result: &mut Imported,
    created: &mut Vec<PathBuf>,
    obs: &dyn crate::progress::Observer,
) -> std::result::Result<(), SetError> {
    let first = &parts[0].verdict;
    let set = verify::check_set(&parts.iter().map(|p| p.verdict.clone()).collect::<Vec<_>>());
    if !set.is_empty() {
        return Err(Refused(set));
    }
    // Every part of a set speaks for the same unit, campaign and key.
    for p in &parts[1..] {
        let v = &p.verdict;
        if v.info("Source-Organization") != first.info("Source-Organization")
            || v.info("External-Identifier") != first.info("External-Identifier")
            || v.public_key != first.public_key
        {
            return Err(refused(
                "bundle-parts-mixed",
                None,
                "the parts of one set name different units or keys",
            ));
        }
    }
    let group = result.group.clone();
    if ws.received_group(&group)?.is_some() {
        return Err(refused("import-already", None, &group));
    }
    let unit = result.unit.clone();
    let contact = (first.info("Contact-Name"), first.info("Contact-Phone"));
    result.contact = (!contact.0.is_empty() || !contact.1.is_empty())
        .then(|| Contact { name: contact.0.to_string(), phone: contact.1.to_string() });
    let public_key = first.public_key.clone().unwrap_or_default();
    // The unit's whole key, pinned the first time; another key is a change, even under the same ID.
    let pinned = ws.pinned_key(&unit)?;
    let pin = match &pinned {
        None => {
            result.key_status = "first-seen".into();
            true
        }
        Some(k) if k.matches(&result.key_id, &public_key) => {
            result.key_status = "same".into();
            k.public_key.is_none()
        }
        Some(k) => {
            result.key_status = "changed".into();
            let old_fp = k.public_key.as_deref().map(super::keys::fingerprint_of).unwrap_or_default();
            result.previous_key = Some(KeyRef { key_id: k.key_id.clone(), fingerprint: old_fp.clone() });
            if !accept_key_change {
                return Err(refused(
                    "import-key-changed",
                    None,
                    format!("{} ({old_fp}) → {} ({})", k.key_id, result.key_id, result.fingerprint),
                ));
            }
            true
        }
    };
    let Ok(profile) = registry.get(&result.profile) else {
        return Err(refused("import-unknown-profile", None, &result.profile));
    };
    let profile = profile.clone();
    let index = payload_index(parts);
    let (packet, packet_text, profile_differs) = take_packet(&index, registry, &profile, &unit)?;
    result.profile_differs = profile_differs;
    let (unit_docs, cand_files, loaded, stored) = store_files(ws, &packet, &index, result, created, obs)?;
    // The payload files not stored (forms…) are hashed now: the set is verified whole before anything
    // is recorded.
    let mut problems = Vec::new();
    for p in parts {
        let rest: Vec<&Payload> = p
            .verdict
            .payload
            .iter()
            .filter(|f| p.verdict.deferred.contains(&f.path) && !stored.contains(f.path.as_str()))
            .collect();
        problems.extend(verify::confirm(&p.archive, &rest));
    }
    if !problems.is_empty() {
        for f in &mut result.files {
            f.ok = !problems.iter().any(|r| r.entry.as_deref() == Some(f.path.as_str()));
        }
        return Err(Refused(problems));
    }

    // Re-check with the reviewer's profile, judged at the time of receipt — except a made-up example
    // (the app's 示例), judged at its own day and said so: trying the tool is not a late submission.
    let mut today = (now + time::Duration::hours(8)).date();
    if packet.example {
        if let Some(day) = packet.as_of.as_deref().filter(|d| !d.trim().is_empty()) {
            today = crate::check::Options::as_of(Some(day)).today;
            result.example_as_of = Some(day.to_string());
        }
    }
    let report = crate::check::check(&loaded, &profile, crate::check::Options { today });
    result.late = report.has("deadline-passed") || report.has("deadline-passed-strict");
    result.errors = report.errors();
    result.warnings = report.warnings();
    let previous = ws.latest_received(&profile.id)?.into_iter().find(|r| r.unit_name == unit);
    if let Some(prev) = &previous {
        let old = prev.unit_id.map(|u| ws.unit_packet(u)).transpose()?.map(|(p, _)| p);
        let what = old.map(|o| changes(&o, &packet)).unwrap_or_default();
        result.resubmission = Some(Resubmission { previous: prev.id, changes: what });
    }
    for other in ws.latest_received(&profile.id)?.into_iter().filter(|r| r.unit_name != unit) {
        let Some(uid) = other.unit_id else { continue };
        let (op, _) = ws.unit_packet(uid)?;
        for c in &packet.candidates {
            let Some(k) = person_key(&c.fields, &profile.candidate_form.name_field) else { continue };
            if op
                .candidates
                .iter()
                .any(|o| person_key(&o.fields, &profile.candidate_form.name_field) == Some(k.clone()))
            {
                result.duplicates.push(Duplicate { name: k.0.clone(), other_unit: other.unit_name.clone() });
            }
        }
    }
    if obs.cancelled() {
        return Err(Failed(Error::Cancelled));
    }
    let payload = super::chain::Parts(parts.iter().map(|p| (&p.verdict, &p.archive)).collect());
    result.chain = super::chain::check(&payload, &unit, &result.key_id, Some(&profile));
    // A unit this workspace knows (its key pinned from its own bundles) must have signed with that key.
    if let Some(chain) = &mut result.chain {
        for o in &mut chain.origins {
            if let Some(pin) = ws.pinned_key(&o.unit)? {
                if o.signed && !pin.matches(&o.key_id, &o.public_key) {
                    o.reasons.push(format!("chain-origin-key-differs: {} ≠ {}", o.key_id, pin.key_id));
                    o.signed = false;
                    chain.intact = false;
                }
            }
        }
    }
    let tagmanifests: Vec<String> =
        parts.iter().filter_map(|p| p.verdict.tagmanifest_sha256.clone()).collect();
    let stored = super::report::StoredReport {
        tagmanifests,
        key_status: result.key_status.clone(),
        public_key: public_key.clone(),
        parts: result.parts.iter().map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())).collect(),
        part_paths: result
            .parts
            .iter()
            .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()).display().to_string())
            .collect(),
        late: result.late,
        example_as_of: result.example_as_of.clone(),
        findings: crate::check::StoredFindings::of(
            &report,
            &crate::i18n::Localizer::new(crate::i18n::Lang::Zh),
        ),
        profile_differs: result.profile_differs,
        duplicates: result.duplicates.clone(),
        files: result.files.clone(),
        changes: result.resubmission.as_ref().map(|r| r.changes.clone()),
        chain: result.chain.clone(),
    };
    result.report = Some(report);
    // What the unit signed, kept so that a forward can carry it up the chain.
    let mut evidence: Vec<(usize, String, String)> = parts
        .iter()
        .flat_map(|p| {
            let n = p.verdict.group.as_ref().map_or(1, |g| g.part);
            p.verdict.tag_texts.iter().map(move |(k, v)| (n, k.clone(), v.clone()))
        })
        .collect();
    evidence.push((0, crate::store::EVIDENCE_PACKET.to_string(), packet_text));
    let (_, id) = ws.record_import(ImportRecord {
        evidence,
        packet: &packet,
        profile: &profile,
        unit_docs,
        cand_files,
        pin: pin.then(|| (unit.clone(), result.key_id.clone(), public_key.clone())),
        received: Received {
            id: 0,
            group_id: group.clone(),
            unit_name: unit.clone(),
            profile_id: profile.id.clone(),
            key_id: result.key_id.clone(),
            received_at: received_at.to_string(),
            late: result.late,
            errors: result.errors as i64,
            warnings: result.warnings as i64,
            unit_id: None,
            previous_id: previous.map(|p| p.id),
            report: stored.to_text(),
        },
    })?;
    result.id = Some(id);
    Ok(())
}

/// The packet the unit signed (`data/jianbao/packet.json`), which must name the same unit and campaign
/// as the signed bag-info; and whether the bundle's copy of the profile differs from the reviewer's.
fn take_packet(
    index: &HashMap<&str, (&Part, &Payload)>,
    registry: &Registry,
    profile: &Profile,
    unit: &str,
) -> std::result::Result<(Packet, String, bool), SetError> {
    let name = "data/jianbao/packet.json";
    let Some((part, f)) = index.get(name) else {
        return Err(refused("bundle-missing-file", Some(name), "the bundle carries no packet"));
    };
    let bytes = read_verified(part, f).map_err(|r| Refused(vec![r]))?;
    let text =
        String::from_utf8(bytes).map_err(|_| refused("import-packet-mismatch", Some(name), "not UTF-8"))?;
    let (mut packet, _) = Packet::parse(&text, name, registry)
        .map_err(|e| refused("import-packet-mismatch", Some(name), e.to_string()))?;
    // A forwarded bundle proves its chain with its own files (see `chain`); what the unit received
    // is the packet's content, not the forwarder's bookkeeping.
    packet.forwarded = None;
    let packet_unit = super::unit_name(&packet, profile);
    if packet.profile != profile.id || packet_unit != unit {
        return Err(refused(
            "import-packet-mismatch",
            Some(name),
            format!(
                "the packet is {} of {packet_unit}, the signed bag says {} of {unit}",
                packet.profile, profile.id
            ),
        ));
    }
    let theirs = index
        .get("data/jianbao/profile.toml")
        .and_then(|(p, f)| read_verified(p, f).ok())
        .and_then(|b| crate::profile::parse(&String::from_utf8_lossy(&b), "bundle").ok());
    Ok((packet, text, theirs.as_ref() != Some(profile)))
}

type Stored = (Vec<StoredRef>, Vec<Vec<StoredRef>>, LoadedPacket, std::collections::HashSet<String>);

/// Streams every file the packet names from its verified entry into the media store (hashing again
/// as it writes); returns the stored references and the packet as the checker reads it (from the
/// store).
fn store_files(
    ws: &Workspace,
    packet: &Packet,
    index: &HashMap<&str, (&Part, &Payload)>,
    result: &mut Imported,
    created: &mut Vec<PathBuf>,
    obs: &dyn crate::progress::Observer,
) -> std::result::Result<Stored, SetError> {
    let media = ws.media();
    let mut blob_packet = packet.clone();
    let mut stored_paths = std::collections::HashSet::new();
    let mut put = |r: &mut FileRef,
                   list: &'static str,
                   result: &mut Imported|
     -> std::result::Result<StoredRef, SetError> {
        let Some(path) = bag_path(r) else {
            return Err(refused(
                "import-packet-mismatch",
                Some("data/jianbao/packet.json"),
                format!("a file path outside the bag: {}", r.path),
            ));
        };
        let Some((part, f)) = index.get(path.as_str()) else {
            return Err(refused("bundle-missing-file", Some(&path), "the packet names it"));
        };
        let entry =
            part.archive.find(&f.entry).ok_or_else(|| refused("bundle-missing-file", Some(&path), "gone"))?;
        obs.file(path.trim_start_matches("data/"));
        let blob = media.path_of(&f.sha256);
        let before = std::fs::metadata(&blob).is_ok();
        let mut input = part.archive.open_entry(entry);
        let size = media
            .put_verified(&mut input, &f.sha256, obs)?
            .map_err(|d| Refused(vec![refusal("bundle-altered", Some(&path), d)]))?;
        if !before {
            result.stored_bytes += size;
            created.push(blob);
        }
        let stored = StoredRef {
            list,
            slot: r.slot.clone(),
            sha256: f.sha256.clone(),
            size,
            original_name: path.rsplit('/').next().unwrap_or("file").to_string(),
            original_path: path.clone(),
            origin: None,
        };
        r.origin = None;
        r.path = format!("{}/{}", &f.sha256[..2], f.sha256);
        stored_paths.insert(path);
        Ok(stored)
    };
    let mut unit_docs = Vec::new();
    for r in &mut blob_packet.documents {
        unit_docs.push(put(r, "documents", result)?);
    }
    let mut cand_files = Vec::new();
    for c in &mut blob_packet.candidates {
        let mut files = Vec::new();
        for r in &mut c.media {
            files.push(put(r, "media", result)?);
        }
        for r in &mut c.documents {
            files.push(put(r, "documents", result)?);
        }
        cand_files.push(files);
    }
    let base = media
        .path_of("00")
        .parent()
        .and_then(|p| p.parent())
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let loaded = LoadedPacket { packet: blob_packet, file: ws.db_path(), base };
    Ok((unit_docs, cand_files, loaded, stored_paths))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packet_paths_resolve_inside_data_only() {
        let r = |p: &str| bag_path(&FileRef::new("s", p));
        assert_eq!(r("../材料/王海涛/王海涛1.jpg").as_deref(), Some("data/材料/王海涛/王海涛1.jpg"));
        assert_eq!(r("x.json").as_deref(), Some("data/jianbao/x.json"));
        for bad in
            ["../../bagit.txt", "../../../etc/passwd", "/etc/passwd", "../a//b", "./a", "../材料/a\\b", ""]
        {
            assert_eq!(r(bad), None, "{bad}");
        }
    }
}

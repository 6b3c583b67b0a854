//! The reviewer's import: verify, pin each unit's key, unpack, re-check with the reviewer's own copy of
//! the profile, record lateness and resubmissions, and flag a candidate recommended by two units.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use super::verify::{self, Reason, Verdict};
use crate::error::{Error, Result};
use crate::packet::{self, LoadedPacket};
use crate::profile::Registry;
use crate::store::{Received, Workspace};

/// What happened to one received submission.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    /// The bundle's number in this workspace (for receipts), when it was imported.
    pub id: Option<i64>,
    /// The parts.
    pub parts: Vec<PathBuf>,
    /// Sending unit.
    pub unit: String,
    /// Campaign.
    pub profile: String,
    /// Group id.
    pub group: String,
    /// Key ID, and `first-seen`, `same` or `changed`.
    pub key: (String, String),
    /// Refusal reasons; empty when imported.
    pub refused: Vec<Reason>,
    /// Received after the deadline.
    pub late: bool,
    /// Re-check counts with the reviewer's profile.
    pub errors: usize,
    /// Warnings of the re-check.
    pub warnings: usize,
    /// The bundle's copy of the profile differs from the reviewer's.
    pub profile_differs: bool,
    /// The earlier submission this replaces, and what changed.
    pub resubmission: Option<(i64, Vec<String>)>,
    /// Candidates also recommended by another unit: (name, other unit).
    pub duplicates: Vec<(String, String)>,
    /// Each payload file's verdict (listed, present, right hash), over all parts.
    pub files: Vec<verify::FileVerdict>,
}

impl Imported {
    fn new(
        parts: Vec<PathBuf>,
        unit: String,
        profile: String,
        group: String,
        key: String,
        refused: Vec<Reason>,
    ) -> Self {
        Imported {
            id: None,
            parts,
            unit,
            profile,
            group,
            key: (key, String::new()),
            refused,
            late: false,
            errors: 0,
            warnings: 0,
            profile_differs: false,
            resubmission: None,
            duplicates: vec![],
            files: vec![],
        }
    }
}

fn read_entry(zip: &mut zip::ZipArchive<std::fs::File>, name: &str) -> Option<Vec<u8>> {
    let mut e = zip.by_name(name).ok()?;
    let mut v = Vec::new();
    (&mut e).take(64 << 20).read_to_end(&mut v).ok()?;
    Some(v)
}

/// Unpacks verified parts' payloads into `dest` (names were checked by the verifier).
fn unpack(parts: &[&Verdict], dest: &Path) -> Result<()> {
    for v in parts {
        let file = std::fs::File::open(&v.file).map_err(|e| Error::io(&v.file, e))?;
        let mut zip = zip::ZipArchive::new(file)
            .map_err(|e| Error::io(&v.file, std::io::Error::other(e.to_string())))?;
        for i in 0..zip.len() {
            let mut e =
                zip.by_index(i).map_err(|e| Error::io(&v.file, std::io::Error::other(e.to_string())))?;
            let Some(rel) = e.enclosed_name() else { continue };
            let mut comps = rel.components();
            comps.next(); // the bag folder
            let inner: PathBuf = comps.collect();
            if !inner.starts_with("data") || e.is_dir() {
                continue;
            }
            let out = dest.join(&inner);
            let size = e.size();
            crate::fsutil::write_atomic_with(&out, |f| {
                std::io::copy(&mut (&mut e).take(size), f).map(|_| ())
            })?;
        }
    }
    Ok(())
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
    accept_key_change: bool,
    now: time::OffsetDateTime,
) -> Result<Vec<Imported>> {
    import_observed(ws, registry, bundles, accept_key_change, now, &crate::progress::Quiet)
}

/// [`import`], reporting each part verified to `obs` (by its size) and stopping before anything is
/// recorded when cancelled.
pub fn import_observed(
    ws: &mut Workspace,
    registry: &Registry,
    bundles: &[PathBuf],
    accept_key_change: bool,
    now: time::OffsetDateTime,
    obs: &dyn crate::progress::Observer,
) -> Result<Vec<Imported>> {
    let size = |b: &PathBuf| std::fs::metadata(b).map(|m| m.len()).unwrap_or(0);
    obs.begin(bundles.iter().map(size).sum());
    let mut verdicts: Vec<Verdict> = Vec::with_capacity(bundles.len());
    for b in bundles {
        if obs.cancelled() {
            return Err(Error::Cancelled);
        }
        obs.file(&b.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        verdicts.push(verify::verify(b, None));
        obs.advance(size(b));
    }
    // Groups in the order their first part was given, so bundle numbers follow the reviewer's order.
    let mut groups: Vec<(String, Vec<&Verdict>)> = Vec::new();
    let mut out = Vec::new();
    for v in &verdicts {
        match &v.group {
            Some((g, _, _)) if v.valid => match groups.iter_mut().find(|(id, _)| id == g) {
                Some((_, members)) => members.push(v),
                None => groups.push((g.clone(), vec![v])),
            },
            _ => {
                let refused = if v.reasons.is_empty() {
                    vec![Reason { code: "bundle-not-bagit", entry: None, detail: "no group index".into() }]
                } else {
                    v.reasons.clone()
                };
                let info = |k: &str| v.info.get(k).cloned().unwrap_or_default();
                let key = v.key_id.clone().unwrap_or_default();
                let mut refused = Imported::new(
                    vec![v.file.clone()],
                    info("Source-Organization"),
                    info("External-Identifier"),
                    String::new(),
                    key,
                    refused,
                );
                refused.files = v.files.clone();
                out.push(refused);
            }
        }
    }
    let received_at = now.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
    for (group, parts) in groups {
        let first = parts[0];
        let unit = first.info.get("Source-Organization").cloned().unwrap_or_default();
        let profile_id = first.info.get("External-Identifier").cloned().unwrap_or_default();
        let key_id = first.key_id.clone().unwrap_or_default();
        let parts_list = parts.iter().map(|p| p.file.clone()).collect();
        let set = verify::check_set(&parts.iter().map(|p| (*p).clone()).collect::<Vec<_>>());
        let mut result =
            Imported::new(parts_list, unit.clone(), profile_id.clone(), group.clone(), key_id.clone(), set);
        result.files = parts.iter().flat_map(|p| p.files.iter().cloned()).collect();
        if ws.received_group(&group)?.is_some() {
            result.refused.push(Reason { code: "import-already", entry: None, detail: group.clone() });
        }
        // Pin the unit's key the first time; refuse a changed key unless accepted.
        match ws.pinned_key(&unit)? {
            None => result.key.1 = "first-seen".into(),
            Some(k) if k == key_id => result.key.1 = "same".into(),
            Some(k) => {
                result.key.1 = "changed".into();
                if !accept_key_change {
                    result.refused.push(Reason {
                        code: "import-key-changed",
                        entry: None,
                        detail: format!("{k} → {key_id}"),
                    });
                }
            }
        }
        let profile = match registry.get(&profile_id) {
            Ok(p) => p.clone(),
            Err(_) => {
                result.refused.push(Reason {
                    code: "import-unknown-profile",
                    entry: None,
                    detail: profile_id.clone(),
                });
                out.push(result);
                continue;
            }
        };
        if !result.refused.is_empty() {
            out.push(result);
            continue;
        }
        // Unpack into the workspace and load the packet the unit exported.
        let dest = ws.root().join("received").join(&group);
        unpack(&parts, &dest)?;
        let packet_file = dest.join("data/jianbao/packet.json");
        let (loaded, _) = packet::load(&packet_file, registry)?;
        // The bundle's copy of the profile against the reviewer's own.
        if let Ok(mut zip) =
            zip::ZipArchive::new(std::fs::File::open(&first.file).map_err(|e| Error::io(&first.file, e))?)
        {
            let bag = &first.bag;
            let theirs = read_entry(&mut zip, &format!("{bag}/data/jianbao/profile.toml"))
                .and_then(|b| crate::profile::parse(&String::from_utf8_lossy(&b), "bundle").ok());
            result.profile_differs = theirs.as_ref() != Some(&profile);
        }
        // Re-check with the reviewer's profile, judged at the time of receipt.
        let today = (now + time::Duration::hours(8)).date();
        let report = crate::check::check(&loaded, &profile, crate::check::Options { today });
        result.late = report.has("deadline-passed") || report.has("deadline-passed-strict");
        result.errors = report.errors();
        result.warnings = report.warnings();
        // Resubmission: the latest earlier bundle from the same unit and campaign.
        let previous = ws.latest_received(&profile.id)?.into_iter().find(|r| r.unit_name == unit);
        if let Some(prev) = &previous {
            let old = prev.unit_id.map(|u| ws.unit_packet(u)).transpose()?.map(|(p, _)| p);
            let what = old.map(|o| changes(&o, &loaded.packet)).unwrap_or_default();
            result.resubmission = Some((prev.id, what));
        }
        // The same person recommended by another unit.
        for other in ws.latest_received(&profile.id)?.into_iter().filter(|r| r.unit_name != unit) {
            let Some(uid) = other.unit_id else { continue };
            let (op, _) = ws.unit_packet(uid)?;
            for c in &loaded.packet.candidates {
                let Some(k) = person_key(&c.fields, &profile.candidate_form.name_field) else { continue };
                if op
                    .candidates
                    .iter()
                    .any(|o| person_key(&o.fields, &profile.candidate_form.name_field) == Some(k.clone()))
                {
                    result.duplicates.push((k.0.clone(), other.unit_name.clone()));
                }
            }
        }
        let unit_id = ws.import_packet(
            &LoadedPacket {
                packet: loaded.packet.clone(),
                file: packet_file.clone(),
                base: loaded.base.clone(),
            },
            &profile,
        )?;
        if result.key.1 != "same" {
            ws.pin_key(&unit, &key_id)?;
        }
        let tagmanifests: Vec<String> = parts.iter().filter_map(|p| p.tagmanifest_sha256.clone()).collect();
        let report_json = serde_json::json!({
            "tagmanifests": tagmanifests,
            "key_status": result.key.1,
            "parts": result.parts.iter().map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())).collect::<Vec<_>>(),
            "late": result.late,
            "findings": report.to_json(&crate::i18n::Localizer::new(crate::i18n::Lang::Zh)),
            "profile_differs": result.profile_differs,
            "duplicates": result.duplicates,
            "files": result.files,
            "changes": result.resubmission.as_ref().map(|r| r.1.clone()),
        });
        let id = ws.record_received(&Received {
            id: 0,
            group_id: group.clone(),
            unit_name: unit.clone(),
            profile_id: profile.id.clone(),
            key_id: key_id.clone(),
            received_at: received_at.clone(),
            late: result.late,
            errors: result.errors as i64,
            warnings: result.warnings as i64,
            unit_id: Some(unit_id),
            previous_id: previous.map(|p| p.id),
            report: report_json.to_string(),
        })?;
        result.id = Some(id);
        out.push(result);
    }
    Ok(out)
}

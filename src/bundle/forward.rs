//! 转报上级: an organiser picks candidates from the bundles it received and makes a new packet for
//! the next level's campaign, with itself as 推荐单位.
//!
//! Every field that maps is copied — by field id, then by label (white space and the bracketed
//! guidance of a label aside: `主要事迹（1500字左右）` is `主要事迹`) — dates rewritten in the next form's
//! layout; fields the recommending unit fills (`recommender = true` in the profile: 推荐单位意见,
//! 填报日期) are left for the organiser. Files keep their bytes: the new packet points at the same
//! blobs of the content-addressed store, each with the bundle and path it came from. The packet
//! remembers each unit bundle's signed tag files and packet, so that its export can carry the proof
//! (see `chain`). What did not map is reported, each with a code and the reason.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::check::dates::{self, Written};
use crate::error::{Error, Result};
use crate::packet::forwarded::{FileOrigin, Forwarded, ForwardedCandidate, Origin};
use crate::packet::{Candidate, FileRef, Packet};
use crate::profile::{Field, FieldKind, Form, Profile, Registry, Slot};
use crate::store::Workspace;

/// One decision of the mapping: a field or file of the unit's form and where it went (or why not).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Mapped {
    /// `forward-by-id`, `forward-by-label`, `forward-reformatted` (copied), or why not:
    /// `forward-no-place`, `forward-kind-differs`, `forward-recommender`, `forward-to-fill`,
    /// `forward-slot-missing`.
    pub code: String,
    /// The unit's field or slot label (empty when the next form's field has no source).
    pub from: String,
    /// The next form's field or slot label (empty when it has no place).
    pub to: String,
    /// What happened, in words (filled by [`ForwardReport::localize`]).
    pub message: String,
}

/// What happened to one forwarded candidate.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ForwardedReport {
    /// The candidate's name.
    pub name: String,
    /// The unit that recommended them.
    pub unit: String,
    /// Fields and files copied.
    pub copied: Vec<Mapped>,
    /// Fields and files not copied, and the next form's fields left to fill, each with why.
    pub not_copied: Vec<Mapped>,
    /// Files carried over (their bytes unchanged).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub files: usize,
    /// Whether the unit's signed tag files were kept at import (else no proof of origin can travel).
    pub evidence: bool,
    /// The unit's bundle parts carried whole (when asked for and still where they were imported
    /// from, unchanged).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub originals: usize,
}

/// What a forward made.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ForwardReport {
    /// The new unit in the workspace (open it to fill the organiser's fields, check, render, export).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub unit_id: i64,
    /// The next level's campaign.
    pub profile: String,
    /// Each candidate, in the order given.
    pub candidates: Vec<ForwardedReport>,
}

impl ForwardReport {
    /// Puts every decision into words.
    pub fn localize(mut self, l: &crate::i18n::Localizer) -> Self {
        for c in &mut self.candidates {
            for m in c.copied.iter_mut().chain(c.not_copied.iter_mut()) {
                let args = [("from", m.from.clone()), ("to", m.to.clone())].into_iter().collect();
                m.message = l.text(&m.code, &args);
            }
        }
        self
    }
}

/// A label as compared across forms: no white space, no bracketed guidance, no trailing colon.
pub fn label_key(label: &str) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for c in label.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 && !c.is_whitespace() && !matches!(c, '：' | ':' | '*' | '＊') => out.push(c),
            _ => {}
        }
    }
    out
}

/// Kinds whose values are one string that another string kind can hold (the checker then judges
/// it by the next form's rules).
fn textual(k: FieldKind) -> bool {
    matches!(
        k,
        FieldKind::Text
            | FieldKind::LongText
            | FieldKind::Choice
            | FieldKind::Mobile
            | FieldKind::Phone
            | FieldKind::Email
            | FieldKind::Postcode
    )
}

/// A value of `from` as the field `to` holds it, or why it cannot be.
fn convert(value: &Value, from: &Field, to: &Field) -> std::result::Result<(Value, bool), &'static str> {
    let date = |k| matches!(k, FieldKind::Date | FieldKind::YearMonth);
    match (from.kind, to.kind) {
        (a, b) if date(a) && date(b) => {
            let Some(s) = value.as_str() else { return Err("forward-kind-differs") };
            let layout = to.date_layout();
            let parsed = match a {
                FieldKind::Date => dates::parse_date(s),
                _ => match dates::judge(a, s, "YYYY年MM月") {
                    Written::Right(d) | Written::Reformat(d, _) => Some(d),
                    Written::Unreadable(_) => None,
                },
            };
            match (a, b, parsed) {
                // A year and month cannot become a full date.
                (FieldKind::YearMonth, FieldKind::Date, _) => Err("forward-kind-differs"),
                (_, _, Some(d)) => {
                    let v = d.format(layout);
                    let changed = v != s;
                    Ok((Value::String(v), changed))
                }
                // Unreadable: copied as written, for the checker to flag in the next form.
                (_, _, None) => Ok((value.clone(), false)),
            }
        }
        (a, b) if a == b => Ok((value.clone(), false)),
        (a, b) if textual(a) && textual(b) && value.is_string() => Ok((value.clone(), false)),
        _ => Err("forward-kind-differs"),
    }
}

/// How the unit's form maps onto the next form: (next field id, unit field id, code) for fields
/// copied, and what was not.
pub fn map_form(from: &Form, to: &Form) -> (Vec<(String, String, &'static str)>, Vec<Mapped>) {
    let skip = |f: &Field| f.kind == FieldKind::Photo;
    let mut pairs = Vec::new();
    let mut not = Vec::new();
    let mut taken: Vec<&str> = Vec::new();
    for t in to.fields.iter().filter(|f| !skip(f)) {
        if t.recommender {
            not.push(Mapped {
                code: "forward-recommender".into(),
                from: String::new(),
                to: t.label.clone(),
                message: String::new(),
            });
            taken.push(t.id.as_str());
            continue;
        }
        let by_id = from.fields.iter().find(|f| f.id == t.id && !skip(f));
        let by_label = || {
            from.fields.iter().find(|f| {
                !skip(f) && label_key(&f.label) == label_key(&t.label) && !taken.contains(&f.id.as_str())
            })
        };
        let (src, how) = match by_id {
            Some(f) => (Some(f), "forward-by-id"),
            None => (by_label(), "forward-by-label"),
        };
        match src {
            Some(f) => {
                taken.push(f.id.as_str());
                pairs.push((t.id.clone(), f.id.clone(), how));
            }
            None => not.push(Mapped {
                code: "forward-to-fill".into(),
                from: String::new(),
                to: t.label.clone(),
                message: String::new(),
            }),
        }
    }
    for f in from.fields.iter().filter(|f| !skip(f) && !f.recommender) {
        if !pairs.iter().any(|(_, src, _)| src == &f.id) {
            not.push(Mapped {
                code: "forward-no-place".into(),
                from: f.label.clone(),
                to: String::new(),
                message: String::new(),
            });
        }
    }
    (pairs, not)
}

/// The next profile's slot for a file of the unit's slot: same id, else same label, else — for
/// photos, videos and other material, never documents (a 无违法犯罪证明 is not a 同意书) — the one
/// slot of the same kind.
pub fn map_slot<'a>(from: &Slot, to: &'a [Slot]) -> Option<&'a Slot> {
    to.iter()
        .find(|s| s.id == from.id && s.kind == from.kind)
        .or_else(|| to.iter().find(|s| s.kind == from.kind && label_key(&s.label) == label_key(&from.label)))
        .or_else(|| {
            let same: Vec<&Slot> = to.iter().filter(|s| s.kind == from.kind).collect();
            (same.len() == 1 && from.kind != crate::profile::SlotKind::Document).then(|| same[0])
        })
}

/// A candidate of a received bundle (the latest submission of its unit).
#[derive(Debug, Clone, Serialize)]
pub struct ReceivedCandidate {
    /// Its ID (the candidate's row, as the reviewer's list shows it).
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The unit that recommended it.
    pub unit: String,
    /// The campaign.
    pub profile: String,
    /// The received bundle's number.
    pub bundle: i64,
    #[serde(skip)]
    received: crate::store::Received,
    #[serde(skip)]
    unit_id: i64,
    #[serde(skip)]
    key: String,
}

impl ReceivedCandidate {
    /// The workspace unit the candidate was imported into.
    pub(crate) fn unit_id(&self) -> i64 {
        self.unit_id
    }

    /// The candidate's key in its unit's packet.
    pub(crate) fn key(&self) -> &str {
        &self.key
    }
}

/// Every candidate of the latest submission of each unit, in the order received.
pub fn received_candidates(ws: &Workspace, registry: &Registry) -> Result<Vec<ReceivedCandidate>> {
    let received = ws.received()?;
    let replaced: std::collections::HashSet<i64> = received.iter().filter_map(|r| r.previous_id).collect();
    let mut all = Vec::new();
    for r in received.iter().filter(|r| !replaced.contains(&r.id)) {
        let Some(uid) = r.unit_id else { continue };
        let rows = ws.unit_rows(uid)?;
        let (packet, _) = ws.unit_packet(uid)?;
        let name_field =
            registry.get(&r.profile_id).map(|p| p.candidate_form.name_field.clone()).unwrap_or_default();
        for (cid, key) in &rows.candidates {
            let name = packet
                .candidates
                .iter()
                .find(|c| &c.id == key)
                .and_then(|c| crate::packet::text(&c.fields, &name_field))
                .unwrap_or_default()
                .trim()
                .to_string();
            all.push(ReceivedCandidate {
                id: *cid,
                name,
                unit: r.unit_name.clone(),
                profile: r.profile_id.clone(),
                bundle: r.id,
                received: r.clone(),
                unit_id: uid,
                key: key.clone(),
            });
        }
    }
    Ok(all)
}

/// Finds the candidates to forward: each `wanted` is a candidate ID (as the reviewer's list shows
/// it) or a name; a name must be unique among the latest submissions.
fn pick(ws: &Workspace, registry: &Registry, wanted: &[String]) -> Result<Vec<ReceivedCandidate>> {
    let all = received_candidates(ws, registry)?;
    let shown = |c: &ReceivedCandidate| format!("{} {}（{}）", c.id, c.name, c.unit);
    let mut out = Vec::new();
    for w in wanted {
        let w = w.trim();
        let hits: Vec<&ReceivedCandidate> = match w.parse::<i64>() {
            Ok(id) => all.iter().filter(|c| c.id == id).collect(),
            Err(_) => all.iter().filter(|c| c.name == w).collect(),
        };
        match hits.as_slice() {
            // The same person asked for twice (by ID and by name) is forwarded once.
            [one] if out.iter().any(|c: &ReceivedCandidate| c.id == one.id) => {}
            [one] => out.push((*one).clone()),
            [] => {
                return Err(Error::CandidateNotFound {
                    wanted: w.to_string(),
                    known: all.iter().map(shown).collect(),
                })
            }
            several => {
                return Err(Error::CandidateNotFound {
                    wanted: w.to_string(),
                    known: several.iter().map(|c| shown(c)).collect(),
                })
            }
        }
    }
    Ok(out)
}

/// Makes the forwarded unit: `wanted` candidates (ids or names), for the `next` campaign, with
/// `organiser` as 推荐单位. The new unit is recorded in the workspace and reported.
pub fn forward(
    ws: &mut Workspace,
    registry: &Registry,
    wanted: &[String],
    next: &Profile,
    organiser: &str,
    with_originals: bool,
) -> Result<ForwardReport> {
    let picked = pick(ws, registry, wanted)?;
    let mut packet = Packet::new(&next.id);
    if !organiser.trim().is_empty() {
        packet.unit.insert(next.unit_form.name_field.clone(), Value::String(organiser.trim().to_string()));
    }
    let mut forwarded = Forwarded::default();
    let mut reports = Vec::new();
    for (n, p) in picked.iter().enumerate() {
        let from_profile = registry.get(&p.received.profile_id)?;
        let (src_packet, files) = ws.unit_packet(p.unit_id)?;
        let Some(src) = src_packet.candidates.iter().find(|c| c.id == p.key) else {
            return Err(Error::CandidateNotFound { wanted: p.key.clone(), known: vec![] });
        };
        let origin_id = match forwarded.origins.iter().find(|o| o.group == p.received.group_id) {
            Some(o) => o.id.clone(),
            None => {
                let (parts, unit_packet) = ws.evidence(p.received.id)?;
                let first = parts.first();
                let info = |k: &str| {
                    first
                        .and_then(|t| t.get("bag-info.txt"))
                        .and_then(|t| {
                            t.lines().find_map(|l| l.strip_prefix(&format!("{k}: ")).map(str::to_string))
                        })
                        .unwrap_or_default()
                };
                let id = format!("o{}", forwarded.origins.len() + 1);
                let originals = if with_originals { originals_of(ws, &p.received, &parts)? } else { vec![] };
                forwarded.origins.push(Origin {
                    id: id.clone(),
                    unit: p.received.unit_name.clone(),
                    profile: p.received.profile_id.clone(),
                    group: p.received.group_id.clone(),
                    key_id: p.received.key_id.clone(),
                    time: info("Jianbao-Export-Time"),
                    parts,
                    packet: unit_packet.unwrap_or_default(),
                    candidates: vec![],
                    originals,
                });
                id
            }
        };
        let cand_id = format!("c{}", n + 1);
        let mut cand =
            Candidate { id: cand_id.clone(), fields: BTreeMap::new(), media: vec![], documents: vec![] };
        let (pairs, mut not_copied) = map_form(&from_profile.candidate_form, &next.candidate_form);
        let mut copied = Vec::new();
        let mut field_map = BTreeMap::new();
        for (to_id, from_id, how) in pairs {
            let (Some(tf), Some(ff)) = (
                next.candidate_form.fields.iter().find(|f| f.id == to_id),
                from_profile.candidate_form.fields.iter().find(|f| f.id == from_id),
            ) else {
                continue;
            };
            let Some(v) = src.fields.get(&from_id) else { continue };
            let m = |code: &str| Mapped {
                code: code.into(),
                from: ff.label.clone(),
                to: tf.label.clone(),
                message: String::new(),
            };
            match convert(v, ff, tf) {
                Ok((value, reformatted)) => {
                    cand.fields.insert(to_id.clone(), value);
                    field_map.insert(to_id.clone(), from_id.clone());
                    copied.push(m(if reformatted { "forward-reformatted" } else { how }));
                }
                Err(code) => not_copied.push(m(code)),
            }
        }
        // Files: same bytes, same blob; the slot by id, label or kind.
        let mut carried = 0;
        for (list, refs) in [("media", &src.media), ("documents", &src.documents)] {
            for (i, r) in refs.iter().enumerate() {
                let Some(from_slot) = from_profile.candidate_slots.iter().find(|s| s.id == r.slot) else {
                    continue;
                };
                let stored = files.iter().find(|f| {
                    f.key.candidate.as_deref() == Some(&src.id) && f.key.list == list && f.key.index == i
                });
                // The file as the reviewer saw it: its slot and the name it was sent under.
                let from =
                    format!("{}（{}）", from_slot.label, stored.map(|s| s.name.as_str()).unwrap_or(""));
                let Some(to_slot) = map_slot(from_slot, &next.candidate_slots) else {
                    let (to, message) = (String::new(), String::new());
                    not_copied.push(Mapped { code: "forward-slot-missing".into(), from, to, message });
                    continue;
                };
                let origin = stored
                    .filter(|s| s.original_path.starts_with("data/"))
                    .map(|s| FileOrigin { origin: origin_id.clone(), path: s.original_path.clone() });
                let new_ref = FileRef { slot: to_slot.id.clone(), path: r.path.clone(), origin };
                if to_slot.kind == crate::profile::SlotKind::Document {
                    cand.documents.push(new_ref);
                } else {
                    cand.media.push(new_ref);
                }
                carried += 1;
                let (to, message) = (to_slot.label.clone(), String::new());
                copied.push(Mapped { code: "forward-file".into(), from, to, message });
            }
        }
        let origin = forwarded.origins.iter_mut().find(|o| o.id == origin_id).expect("origin just made");
        let evidence = !origin.parts.is_empty() && !origin.packet.is_empty();
        let originals = origin.originals.len();
        origin.candidates.push(ForwardedCandidate {
            candidate: cand_id,
            from: src.id.clone(),
            fields: field_map,
        });
        let name = crate::packet::text(&src.fields, &from_profile.candidate_form.name_field)
            .unwrap_or_default()
            .to_string();
        reports.push(ForwardedReport {
            name,
            unit: p.received.unit_name.clone(),
            copied,
            not_copied,
            files: carried,
            evidence,
            originals,
        });
        packet.candidates.push(cand);
    }
    packet.forwarded = Some(forwarded);
    let unit_id = ws.insert_stored_unit(&packet, next)?;
    Ok(ForwardReport { unit_id, profile: next.id.clone(), candidates: reports })
}

/// The unit's bundle parts, from where the reviewer imported them, into the store: each must still
/// be the part whose signed tag manifest the evidence holds (an encrypted part is decrypted with the
/// workspace's identity first: the next level gets what the unit signed). A part no longer there, or
/// changed, is left out; the evidence alone still proves every file.
fn originals_of(
    ws: &Workspace,
    received: &crate::store::Received,
    parts: &[BTreeMap<String, String>],
) -> Result<Vec<FileRef>> {
    use sha2::Digest;
    let paths: Vec<std::path::PathBuf> = super::report::StoredReport::read(&received.report)
        .part_paths
        .into_iter()
        .map(std::path::PathBuf::from)
        .collect();
    let signed: Vec<String> = parts
        .iter()
        .filter_map(|p| p.get("tagmanifest-sha256.txt"))
        .map(|t| hex::encode(sha2::Sha256::digest(t.as_bytes())))
        .collect();
    let identity = super::keys::default_dir(ws.root()).join(super::seal::IDENTITY_FILE);
    let mut out = Vec::new();
    for given in paths.iter().filter(|p| p.is_file()) {
        let Ok(opened) = super::seal::open_parts(std::slice::from_ref(given), Some(&identity), ws.root())
        else {
            continue;
        };
        let Some((plain, _)) = opened.parts.first() else { continue };
        let v = super::verify::verify(plain, None);
        if !v.valid || !v.tagmanifest_sha256.as_ref().is_some_and(|h| signed.contains(h)) {
            continue;
        }
        let (sha, _) = ws.media().put(plain)?;
        let name = given.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let name = name.strip_suffix(".age").unwrap_or(&name).to_string();
        out.push(FileRef::new(name, sha));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_compare_without_guidance_or_spaces() {
        assert_eq!(label_key("主要事迹（1500字左右）"), "主要事迹");
        assert_eq!(label_key("姓  名"), "姓名");
        assert_eq!(label_key("推选重点："), "推选重点");
        assert_eq!(label_key("感人故事（1—2个，1000字以内）"), "感人故事");
    }

    #[test]
    fn every_builtin_pair_maps_names_and_keeps_recommender_fields_for_the_organiser() {
        let reg = Registry::builtin().unwrap();
        for a in reg.all() {
            for b in reg.all() {
                let (pairs, not) = map_form(&a.candidate_form, &b.candidate_form);
                assert!(
                    pairs
                        .iter()
                        .any(|(t, f, _)| t == &b.candidate_form.name_field
                            && f == &a.candidate_form.name_field),
                    "{} → {}: the name maps",
                    a.id,
                    b.id
                );
                for f in b.candidate_form.fields.iter().filter(|f| f.recommender) {
                    assert!(!pairs.iter().any(|(t, ..)| t == &f.id), "{} is the organiser's", f.id);
                    assert!(not.iter().any(|m| m.code == "forward-recommender" && m.to == f.label));
                }
                // Every field of the next form is either copied or said to be left to fill.
                for f in b.candidate_form.fields.iter().filter(|f| f.kind != FieldKind::Photo) {
                    assert!(
                        pairs.iter().any(|(t, ..)| t == &f.id)
                            || not.iter().any(|m| m.to == f.label && m.from.is_empty()),
                        "{} → {}: {} unaccounted",
                        a.id,
                        b.id,
                        f.id
                    );
                }
            }
        }
    }

    #[test]
    fn dates_are_rewritten_in_the_next_layout() {
        let reg = Registry::builtin().unwrap();
        let cast = reg.get("cast-2018-party-member").unwrap();
        let ordos = reg.get("ordos-2021-zuimei").unwrap();
        let birth = |p: &Profile| p.candidate_form.fields.iter().find(|f| f.id == "birth").unwrap().clone();
        let (v, changed) =
            convert(&Value::String("1978年05月12日".into()), &birth(cast), &birth(ordos)).unwrap();
        assert!(changed);
        assert_eq!(
            v.as_str().unwrap(),
            dates::parse_date("1978-05-12")
                .unwrap()
                .format(birth(ordos).format.as_deref().unwrap_or("YYYY年MM月"))
        );
        assert_eq!(
            convert(&Value::String("1978年05月".into()), &birth(ordos), &birth(cast)),
            Err("forward-kind-differs")
        );
    }
}

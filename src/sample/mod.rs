//! Realistic, fictional sample packets: for any profile, a packet whose every field, photo and
//! document meets that profile's rules, written to a folder with real JPEG and PDF files.
//!
//! The generator reads the profile: field kinds, 字数 limits, choices, formats, slot counts, bytes,
//! pixels, dpi, ID-photo size and background. It holds no campaign rule of its own.

mod jpeg;
pub mod mp4;
mod pdf;
mod people;
mod rng;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

pub use jpeg::{synth as synth_jpeg, PhotoSpec};
pub use pdf::document as synth_pdf;
pub use rng::{seed_of, Rng};

use crate::error::Result;
use crate::fsutil::write_atomic;
use crate::packet::{Candidate, FileRef, Packet};
use crate::profile::naming::Sequencer;
use crate::profile::{Field, FieldKind, Form, Profile, Slot, SlotKind};
use crate::wordcount;
use people::{Persona, PERSONAS, UNIT_VALUES};

/// Writes a sample packet for `profile` into `out` (`packet.json`, `media/`, `documents/`) and
/// returns the packet file's path.
pub fn write_sample(profile: &Profile, out: &Path) -> Result<PathBuf> {
    let mut packet = Packet::new(&profile.id);
    let unit_name = people::unit_name(&profile.id);
    packet.unit = unit_values(&profile.unit_form, unit_name, profile);
    let n = candidate_count(profile);
    for (i, persona) in PERSONAS.iter().take(n).enumerate() {
        let fields = candidate_values(&profile.candidate_form, persona, profile);
        let name = fields
            .get(&profile.candidate_form.name_field)
            .and_then(Value::as_str)
            .unwrap_or("候选人")
            .to_string();
        let mut cand = Candidate { id: format!("c{}", i + 1), fields, media: vec![], documents: vec![] };
        let mut seq = Sequencer::new();
        for slot in &profile.candidate_slots {
            for k in 0..files_for(slot) {
                let stem = crate::store::sanitize_name(&seq.stem(slot, &name, unit_name));
                let seed = seed_of(&format!("{}/{}/{}/{k}", profile.id, cand.id, slot.id));
                let r = write_file(out, slot, &stem, seed, &name, unit_name)?;
                if slot.kind == SlotKind::Document {
                    cand.documents.push(r)
                } else {
                    cand.media.push(r)
                }
            }
        }
        packet.candidates.push(cand);
    }
    let mut seq = Sequencer::new();
    for slot in &profile.unit_slots {
        for k in 0..files_for(slot) {
            let stem = crate::store::sanitize_name(&seq.stem(slot, "", unit_name));
            let seed = seed_of(&format!("{}/unit/{}/{k}", profile.id, slot.id));
            packet.documents.push(write_file(out, slot, &stem, seed, "", unit_name)?);
        }
    }
    if profile.deadline.is_some() {
        let (y, m, d) = fill_date(profile);
        packet.as_of = Some(format_date("YYYY-MM-DD", y, m, d));
    }
    packet.example = true;
    let file = out.join("packet.json");
    write_atomic(&file, packet.to_json().as_bytes())?;
    Ok(file)
}

/// Two candidates where the quota allows, so the summary table has rows to merge.
fn candidate_count(profile: &Profile) -> usize {
    let min = profile.quota.min.max(1) as usize;
    let max = profile.quota.max.map(|m| m as usize).unwrap_or(2);
    min.max(2.min(max)).min(PERSONAS.len())
}

fn files_for(slot: &Slot) -> u32 {
    let want = match slot.kind {
        // Videos only where the profile demands them (none of the five notices does); their media
        // data is filler, every rule being read from the container.
        SlotKind::Video | SlotKind::Other => slot.count.min,
        _ => slot.count.min.max(1),
    };
    want.min(slot.count.max.unwrap_or(u32::MAX))
}

fn write_file(out: &Path, slot: &Slot, stem: &str, seed: u64, person: &str, unit: &str) -> Result<FileRef> {
    let (folder, ext, bytes) = match slot.kind {
        SlotKind::Photo => ("media", "jpg", photo(slot, seed)),
        SlotKind::Video => {
            let quicktime = !slot.formats.contains(&crate::profile::MediaFormat::Mp4);
            ("media", if quicktime { "mov" } else { "mp4" }, video(slot, quicktime))
        }
        SlotKind::Document | SlotKind::Other => ("documents", "pdf", document(slot, person, unit)),
    };
    let rel = format!("{folder}/{stem}.{ext}");
    write_atomic(&out.join(&rel), &bytes)?;
    Ok(FileRef::new(slot.id.clone(), rel))
}

fn photo(slot: &Slot, seed: u64) -> Vec<u8> {
    let dpi = slot.min_dpi.unwrap_or(300).min(u16::MAX as u32) as u16;
    // A little above the minimum, as a camera original would be.
    let min_bytes = slot.min_bytes.map(|b| b + b / 20).unwrap_or(400_000);
    let id = slot.id_photo.as_ref();
    let (mut w, mut h) = match id.and_then(|i| i.size.as_ref()) {
        Some(s) => {
            // A photo studio's original: about 600 dpi at the printed size.
            let w = (s.width_mm / 25.4 * 600.0).round() as u32;
            (w, (w as f64 * s.height_mm / s.width_mm).round() as u32)
        }
        None if id.is_some() => (780, 1134),
        None => (2400, 1600),
    };
    if let Some(p) = slot.min_pixels {
        let (short, long) = (p.width.min(p.height), p.width.max(p.height));
        let scale = (short as f64 / w.min(h) as f64).max(long as f64 / w.max(h) as f64).max(1.0);
        w = (w as f64 * scale).ceil() as u32;
        h = (h as f64 * scale).ceil() as u32;
    }
    synth_jpeg(&PhotoSpec {
        width: w,
        height: h,
        dpi,
        min_bytes,
        background: id.and_then(|i| i.background),
        seed,
    })
}

/// A video container meeting the slot's rule: duration inside its range, the first accepted display
/// size (or the minimum), landscape.
fn video(slot: &Slot, quicktime: bool) -> Vec<u8> {
    let rule = slot.video.as_ref();
    let (min, max) = (rule.and_then(|r| r.min_seconds), rule.and_then(|r| r.max_seconds));
    let seconds = match (min, max) {
        (Some(a), Some(b)) => (a + b) as f64 / 2.0,
        (Some(a), None) => a as f64 + 30.0,
        (None, Some(b)) => b as f64 * 0.8,
        (None, None) => 90.0,
    };
    let size = rule.and_then(|r| r.resolutions.first().copied().or(r.min_resolution));
    let (width, height) = size.map(|p| (p.width, p.height)).unwrap_or((1920, 1080));
    mp4::synth(&mp4::VideoSpec { width, height, seconds, quicktime, ..mp4::VideoSpec::default() })
}

fn document(slot: &Slot, person: &str, unit: &str) -> Vec<u8> {
    let who = if person.is_empty() { unit.to_string() } else { format!("{person}（{unit}）") };
    let lines = vec![
        format!("材料：{}", slot.label),
        format!("涉及：{who}"),
        "本文件由荐报示例生成，内容纯属虚构，仅用于演示和测试。".to_string(),
        format!("依据：{}", slot.clause.cite()),
    ];
    let seal = slot.sealed.then_some(if person.is_empty() { unit } else { "示例单位公章" });
    synth_pdf(&format!("{}（示例）", slot.label), &lines, seal)
}

fn unit_values(form: &Form, unit_name: &str, profile: &Profile) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for f in &form.fields {
        let v = if f.id == form.name_field {
            Some(json!(unit_name))
        } else if let Some((_, v)) = UNIT_VALUES.iter().find(|(k, _)| *k == f.id) {
            Some(json!(v))
        } else {
            fallback(f, &PERSONAS[0], profile)
        };
        if let Some(v) = v {
            out.insert(f.id.clone(), v);
        }
    }
    out
}

fn candidate_values(form: &Form, p: &Persona, profile: &Profile) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let lookup = |id: &str| p.values.iter().find(|(k, _)| *k == id).map(|(_, v)| *v);
    for f in &form.fields {
        if f.kind == FieldKind::Photo {
            continue;
        }
        // A field that only applies in other cases (a team's leader, for a person) stays empty.
        if let Some(w) = &f.required_when {
            let other = out.get(&w.field).and_then(Value::as_str).unwrap_or_default();
            if !f.required && !w.is.iter().any(|v| v == other) {
                continue;
            }
        }
        let v = match (f.kind, lookup(&f.id)) {
            (FieldKind::Choice, Some(v)) => Some(json!(allowed_or_first(f, v))),
            (
                FieldKind::Text
                | FieldKind::Mobile
                | FieldKind::Phone
                | FieldKind::Email
                | FieldKind::Postcode,
                Some(v),
            ) => Some(json!(v)),
            _ => fallback(f, p, profile),
        };
        if let Some(v) = v {
            out.insert(f.id.clone(), v);
        }
    }
    out
}

fn allowed_or_first(f: &Field, v: &str) -> String {
    let allowed = f.allowed_values();
    if allowed.is_empty() || allowed.iter().any(|a| a == v) {
        v.to_string()
    } else {
        allowed[0].clone()
    }
}

fn fallback(f: &Field, p: &Persona, profile: &Profile) -> Option<Value> {
    let name = p.values.iter().find(|(k, _)| *k == "name").map(|(_, v)| *v).unwrap_or("候选人");
    let (y, m, d) = p.birth;
    Some(match f.kind {
        FieldKind::Photo => return None,
        FieldKind::Date => {
            let (y, m, d) = if f.id.contains("birth") { (y, m, d) } else { fill_date(profile) };
            json!(format_date(f.date_layout(), y, m, d))
        }
        FieldKind::YearMonth => {
            let (y, m) = if f.id.contains("birth") { (y, m) } else { (y + 30, 3) };
            json!(format_date(f.date_layout(), y, m, 1))
        }
        FieldKind::Choice => json!(f.allowed_values().first().cloned().unwrap_or_default()),
        FieldKind::MultiChoice => {
            let allowed = f.allowed_values();
            let mut picked: Vec<String> =
                p.domains.iter().filter(|d| allowed.iter().any(|a| a == *d)).map(|d| d.to_string()).collect();
            if picked.is_empty() {
                picked = allowed.into_iter().take(1).collect();
            }
            json!(picked)
        }
        FieldKind::History => history(f, p),
        FieldKind::LongText => {
            if let Some(mc) = &f.must_contain {
                json!(format!("{}推荐。", mc.any.first().map(String::as_str).unwrap_or("同意")))
            } else {
                let pool = if f.id.contains("stor") { p.stories } else { p.deeds };
                json!(long_text(f, pool, name))
            }
        }
        FieldKind::Text => {
            if f.on_paper {
                return None;
            }
            if let Some(mc) = &f.must_contain {
                json!(format!("{}推荐。", mc.any.first().map(String::as_str).unwrap_or("同意")))
            } else {
                json!(format!("示例{}", crate::profile::plain_label(&f.label)))
            }
        }
        FieldKind::Mobile => json!("13800000000"),
        FieldKind::Phone => json!("010-12345678"),
        FieldKind::Email => json!("sample@example.com"),
        FieldKind::Postcode => json!("100000"),
    })
}

/// The day the sample form is filled: ten days before the deadline, or in May of the campaign year.
fn fill_date(profile: &Profile) -> (i32, u8, u8) {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    profile
        .deadline
        .as_ref()
        .and_then(|d| time::Date::parse(&d.date, fmt).ok())
        .and_then(|d| d.checked_sub(time::Duration::days(10)))
        .map(|d| (d.year(), d.month() as u8, d.day()))
        .unwrap_or((profile.year as i32, 5, 20))
}

/// Writes a date in one of the profile's layouts.
pub fn format_date(fmt: &str, y: i32, m: u8, d: u8) -> String {
    fmt.replace("YYYY", &format!("{y:04}"))
        .replace("MM", &format!("{m:02}"))
        .replace("DD", &format!("{d:02}"))
}

fn history(f: &Field, p: &Persona) -> Value {
    let fmt_of = |id: &str| {
        f.columns
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| "YYYY.MM".to_string(), |c| c.date_layout().to_string())
    };
    let open = f
        .columns
        .iter()
        .find(|c| c.id == "to")
        .and_then(|c| c.open_end.first().cloned())
        .unwrap_or_else(|| "至今".into());
    let rows: Vec<Value> = p
        .history
        .iter()
        .map(|(fy, fm, to, what)| {
            let mut row = serde_json::Map::new();
            for c in &f.columns {
                let v = match c.id.as_str() {
                    "from" => format_date(&fmt_of("from"), *fy, *fm, 1),
                    "to" => match to {
                        Some((ty, tm)) => format_date(&fmt_of("to"), *ty, *tm, 1),
                        None => open.clone(),
                    },
                    _ => what.to_string(),
                };
                row.insert(c.id.clone(), json!(v));
            }
            Value::Object(row)
        })
        .collect();
    Value::Array(rows)
}

/// Builds a text from the pool's sentences until it meets the field's 字数 rule.
fn long_text(f: &Field, pool: &[&str], name: &str) -> String {
    let w = f.words.as_ref();
    let (lo, hi) = match w {
        Some(w) => match (w.target, w.min, w.max) {
            (Some(t), _, max) => {
                let tol = w.tolerance.unwrap_or(t / 10);
                (t.saturating_sub(tol / 2), max.unwrap_or(u32::MAX).min(t + tol / 2))
            }
            (None, Some(min), Some(max)) => (min + (max - min) / 4, max - (max - min) / 4),
            (None, Some(min), None) => (min + min / 10, min + min / 5),
            (None, None, Some(max)) => (max * 3 / 5, max * 9 / 10),
            (None, None, None) => (300, 500),
        },
        None => (300, 500),
    };
    let sentences: Vec<String> = pool.iter().map(|s| s.replace("{name}", name)).collect();
    let mut text = String::new();
    let mut count = 0usize;
    let mut i = 0usize;
    let mut stalled = 0usize;
    while count < lo as usize && stalled < sentences.len() {
        let s = &sentences[i % sentences.len()];
        let round = i / sentences.len();
        let piece = if round == 0 { s.clone() } else { format!("{}年，{s}", 2010 + round) };
        let n = wordcount::count(&piece).words;
        if count + n <= hi as usize {
            if i.is_multiple_of(4) && !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&piece);
            count += n;
            stalled = 0;
        } else {
            stalled += 1;
        }
        i += 1;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A profile that demands a video gets one that passes the check.
    #[test]
    fn demanded_videos_meet_their_rule() {
        let reg = crate::profile::Registry::builtin().unwrap();
        let mut profile = reg.get("cas-2018-yisuo-yiren-yishi").unwrap().clone();
        profile.candidate_slots.iter_mut().find(|s| s.id == "video").unwrap().count.min = 1;
        let dir = tempfile::tempdir().unwrap();
        let file = write_sample(&profile, dir.path()).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        let packet: Packet = serde_json::from_str(&text).unwrap();
        assert!(packet.candidates[0].media.iter().any(|r| r.slot == "video"));
        let loaded =
            crate::packet::LoadedPacket { packet, file: file.clone(), base: dir.path().to_path_buf() };
        let report = crate::check::check(&loaded, &profile, crate::check::Options::as_of(None));
        assert_eq!(report.errors(), 0, "{:?}", report.findings);
    }

    #[test]
    fn dates_follow_layouts() {
        assert_eq!(format_date("YYYY年MM月DD日", 2021, 1, 1), "2021年01月01日");
        assert_eq!(format_date("YYYY.MM", 2013, 7, 1), "2013.07");
    }
}

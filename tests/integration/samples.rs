//! `jianbao sample`: every profile's sample loads, and its files really meet the profile's rules.

use std::collections::BTreeMap;
use std::process::Command;

use jianbao::media::jpeg;
use jianbao::profile::{Background, FieldKind, Registry, SlotKind};
use jianbao::wordcount;

use crate::{jianbao, require_tool, sample, tmp, IDS};

#[test]
fn cli_writes_a_sample_that_loads() {
    let ws = tmp();
    let out = ws.path().join("out");
    let (code, stdout, err) = jianbao!(ws.path(); "sample", "hengshui-2019-zuimei", "--out", &out);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("packet.json"));
    let reg = Registry::builtin().unwrap();
    jianbao::packet::load(&out.join("packet.json"), &reg).unwrap();
    // A second run refuses to mix files into a non-empty folder.
    let (code, _, err) = jianbao!(ws.path(); "sample", "hengshui-2019-zuimei", "--out", &out);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("[err-output-not-empty]"));
    let (code, _, err) = jianbao!(ws.path(); "sample", "no-such-campaign", "--out", ws.path().join("x"));
    assert_eq!(code, 2);
    assert!(err.contains("ordos-2021-zuimei"), "the known ids are listed: {err}");
}

#[test]
fn samples_are_deterministic() {
    let reg = Registry::builtin().unwrap();
    let p = reg.get("hengshui-2019-zuimei").unwrap();
    let (a, b) = (tmp(), tmp());
    jianbao::sample::write_sample(p, a.path()).unwrap();
    jianbao::sample::write_sample(p, b.path()).unwrap();
    let pa = std::fs::read(a.path().join("packet.json")).unwrap();
    assert_eq!(pa, std::fs::read(b.path().join("packet.json")).unwrap());
    let packet: jianbao::packet::Packet = serde_json::from_slice(&pa).unwrap();
    for c in &packet.candidates {
        for r in c.media.iter().chain(&c.documents) {
            assert_eq!(
                std::fs::read(a.path().join(&r.path)).unwrap(),
                std::fs::read(b.path().join(&r.path)).unwrap()
            );
        }
    }
}

/// The top corners of a picture, classified as the ID-photo rule does.
fn corner_colour(path: &std::path::Path) -> Option<Background> {
    let img = image::open(path).unwrap().thumbnail(160, 160).to_rgb8();
    match jianbao::media::background::classify(&img).colour {
        jianbao::media::Colour::Red => Some(Background::Red),
        jianbao::media::Colour::White => Some(Background::White),
        jianbao::media::Colour::Blue => Some(Background::Blue),
        _ => None,
    }
}

#[test]
fn every_sample_meets_its_profile() {
    let reg = Registry::builtin().unwrap();
    let qpdf = require_tool("qpdf");
    let pdftotext = require_tool("pdftotext");
    for id in IDS {
        let dir = sample(id);
        let (loaded, profile) = jianbao::packet::load(&dir.join("packet.json"), &reg).unwrap();
        let packet = &loaded.packet;
        let n = packet.candidates.len() as u32;
        assert!(n >= profile.quota.min && profile.quota.max.is_none_or(|m| n <= m), "{id}: quota");
        for f in &profile.unit_form.fields {
            assert!(!f.required || packet.unit.contains_key(&f.id), "{id}: unit field {}", f.id);
        }
        for c in &packet.candidates {
            for f in &profile.candidate_form.fields {
                let v = c.fields.get(&f.id);
                let required = f.required
                    || f.required_when.as_ref().is_some_and(|w| {
                        w.is.iter()
                            .any(|x| Some(x.as_str()) == c.fields.get(&w.field).and_then(|v| v.as_str()))
                    });
                if f.kind == FieldKind::Photo {
                    continue;
                }
                assert!(!required || v.is_some(), "{id}: {} missing", f.id);
                let Some(v) = v else { continue };
                if let (Some(w), Some(text)) = (&f.words, v.as_str()) {
                    let n = wordcount::count(text).words as u32;
                    assert!(w.max.is_none_or(|m| n <= m), "{id}: {} has {n} 字 > max", f.id);
                    assert!(w.min.is_none_or(|m| n >= m), "{id}: {} has {n} 字 < min", f.id);
                    if let Some(t) = w.target {
                        let tol = w.tolerance.unwrap_or(0);
                        assert!(n + tol >= t && n <= t + tol, "{id}: {} has {n} 字, target {t}±{tol}", f.id);
                    }
                }
                let allowed = f.allowed_values();
                if !allowed.is_empty() {
                    let vals: Vec<&str> = match v {
                        serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
                        other => vec![other.as_str().unwrap()],
                    };
                    assert!(vals.iter().all(|x| allowed.iter().any(|a| a == x)), "{id}: {} = {vals:?}", f.id);
                    if let Some(sel) = f.select {
                        assert!(vals.len() as u32 >= sel.min);
                    }
                }
                if let Some(fb) = &f.forbidden {
                    assert!(!fb.values.iter().any(|x| Some(x.as_str()) == v.as_str()));
                }
            }
            let mut per_slot: BTreeMap<&str, u32> = BTreeMap::new();
            for r in c.media.iter().chain(&c.documents) {
                *per_slot.entry(r.slot.as_str()).or_default() += 1;
                let slot = profile.candidate_slot(&r.slot).unwrap();
                let path = loaded.resolve(r);
                let bytes = std::fs::metadata(&path).unwrap().len();
                assert!(slot.min_bytes.is_none_or(|m| bytes >= m), "{id}: {} is {bytes} bytes", r.path);
                if let Some(naming) = &slot.naming {
                    let name = c.fields[&profile.candidate_form.name_field].as_str().unwrap();
                    assert!(r.path.contains(name), "{id}: {} not named by {naming}", r.path);
                }
                match slot.kind {
                    SlotKind::Photo => {
                        let info = jpeg::probe(std::fs::File::open(&path).unwrap()).unwrap();
                        // A real JPEG: it decodes.
                        let img = image::open(&path).unwrap();
                        assert_eq!((img.width(), img.height()), (info.width, info.height));
                        if let Some(px) = slot.min_pixels {
                            let (w, h) = info.display_size();
                            assert!(
                                w.min(h) >= px.width.min(px.height) && w.max(h) >= px.width.max(px.height),
                                "{id}: {} is {w}×{h}",
                                r.path
                            );
                        }
                        if let Some(dpi) = slot.min_dpi {
                            assert!(info.dpi().unwrap() >= dpi as f64, "{id}: {} dpi", r.path);
                        }
                        if let Some(idp) = &slot.id_photo {
                            if let Some(size) = &idp.size {
                                let want = size.width_mm / size.height_mm;
                                let got = info.width as f64 / info.height as f64;
                                assert!(
                                    (got / want - 1.0).abs() <= size.ratio_tolerance,
                                    "{id}: ratio {got} vs {want}"
                                );
                            }
                            if let Some(bg) = idp.background {
                                assert_eq!(corner_colour(&path), Some(bg), "{id}: {} background", r.path);
                            }
                        }
                    }
                    SlotKind::Document => {
                        let out = Command::new(&qpdf).arg("--check").arg(&path).output().unwrap();
                        assert!(out.status.success(), "{id}: qpdf --check {}", r.path);
                        let out = Command::new(&pdftotext).arg(&path).arg("-").output().unwrap();
                        let text = String::from_utf8_lossy(&out.stdout);
                        assert!(
                            text.contains(&slot.label),
                            "{id}: pdftotext of {} lacks {}: {text}",
                            r.path,
                            slot.label
                        );
                    }
                    SlotKind::Video | SlotKind::Other => {}
                }
            }
            for slot in &profile.candidate_slots {
                let n = per_slot.get(slot.id.as_str()).copied().unwrap_or(0);
                assert!(
                    n >= slot.count.min && slot.count.max.is_none_or(|m| n <= m),
                    "{id}: slot {} has {n}",
                    slot.id
                );
            }
        }
        for slot in &profile.unit_slots {
            let n = packet.documents.iter().filter(|r| r.slot == slot.id).count() as u32;
            assert!(n >= slot.count.min, "{id}: unit slot {}", slot.id);
        }
    }
}

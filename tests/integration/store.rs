//! The workspace: packet → workspace → packet round trips, originals untouched, and a SIGKILL in the
//! middle of writes loses nothing committed.

use std::collections::BTreeMap;
use std::path::Path;

use jianbao::packet::{Candidate, FileRef, Packet};
use jianbao::profile::Registry;
use jianbao::store::Workspace;
use proptest::prelude::*;
use serde_json::{json, Value};

use crate::{jianbao, sample, tmp};

/// A packet with each path replaced by the SHA-256 of the file it names: equal when the data and the
/// file contents are equal, whatever the files are called.
fn normalised(packet: &Packet, base: &Path) -> Packet {
    let mut p = packet.clone();
    let hash = |r: &mut FileRef| r.path = jianbao::fsutil::sha256_file(&base.join(&r.path)).unwrap().0;
    p.documents.iter_mut().for_each(hash);
    for c in &mut p.candidates {
        c.media.iter_mut().chain(c.documents.iter_mut()).for_each(hash);
    }
    p
}

fn read_packet(file: &Path) -> Packet {
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

#[test]
fn cli_round_trip_keeps_data_and_originals() {
    let src = sample("ordos-2021-zuimei");
    let before: BTreeMap<_, _> =
        walk(&src).into_iter().map(|p| (p.clone(), jianbao::fsutil::sha256_file(&p).unwrap())).collect();
    let ws = tmp();
    let (code, out, err) = jianbao!(ws.path(); "workspace", "import", src.join("packet.json"));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("单位编号 1"), "{out}");
    let out_dir = ws.path().join("exported");
    let (code, _, err) = jianbao!(ws.path(); "workspace", "export", "--out", &out_dir);
    assert_eq!(code, 0, "{err}");
    let a = normalised(&read_packet(&src.join("packet.json")), &src);
    let b = normalised(&read_packet(&out_dir.join("packet.json")), &out_dir);
    assert_eq!(a, b);
    // Originals untouched.
    for (p, h) in before {
        assert_eq!(jianbao::fsutil::sha256_file(&p).unwrap(), h, "{} changed", p.display());
    }
    // Two units: export needs --unit, and says which exist.
    let (code, _, _) = jianbao!(ws.path(); "workspace", "import", src.join("packet.json"));
    assert_eq!(code, 0);
    let (code, _, err) = jianbao!(ws.path(); "workspace", "export", "--out", ws.path().join("again"));
    assert_eq!(code, 2);
    assert!(err.contains("[err-unit-not-found]") && err.contains("鄂尔多斯市示例能源学会"), "{err}");
    let (code, _, err) =
        jianbao!(ws.path(); "workspace", "export", "--unit", "2", "--out", ws.path().join("again"));
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = jianbao!(ws.path(); "workspace", "list", "--json");
    assert_eq!(code, 0);
    let list: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    // The media store holds each distinct file once.
    let blobs = walk(&ws.path().join("media"))
        .into_iter()
        .filter(|p| !p.starts_with(ws.path().join("media/tmp")))
        .count();
    assert_eq!(blobs, before_count(&src));
}

fn before_count(src: &Path) -> usize {
    walk(src).into_iter().filter(|p| p.extension().is_some_and(|e| e != "json")).count()
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Text that exercises storage: CJK, emoji, quotes, newlines, NUL-free control-ish characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zA-Z0-9 ]{0,20}", "[\\u{4e00}-\\u{9fff}，。“”（）\\n]{0,60}", "\\PC{0,30}",]
}

fn packet_strategy() -> impl Strategy<Value = (Packet, Vec<(String, Vec<u8>)>)> {
    let files = prop::collection::vec(prop::collection::vec(any::<u8>(), 0..64), 1..4);
    let cands = prop::collection::vec(
        (
            text(),
            text(),
            prop::collection::vec(text(), 0..3),
            prop::collection::vec((text(), text()), 0..3),
            prop::collection::vec(0usize..3, 0..4),
        ),
        0..3,
    );
    (text(), files, cands).prop_map(|(unit_name, files, cands)| {
        let mut p = Packet::new("ordos-2021-zuimei");
        p.unit.insert("unit_name".into(), json!(unit_name));
        let names: Vec<String> = (0..files.len()).map(|i| format!("f/文件{i}.jpg")).collect();
        for (i, (name, deeds, domains, history, media)) in cands.into_iter().enumerate() {
            let mut fields = BTreeMap::new();
            fields.insert("name".to_string(), json!(name));
            fields.insert("main_deeds".to_string(), json!(deeds));
            fields.insert("domains".to_string(), json!(domains));
            let rows: Vec<Value> = history.into_iter().map(|(a, b)| json!({"from": a, "what": b})).collect();
            fields.insert("history".to_string(), Value::Array(rows));
            let media =
                media.into_iter().map(|k| FileRef::new("photo", names[k % names.len()].clone())).collect();
            p.candidates.push(Candidate { id: format!("c{i}"), fields, media, documents: vec![] });
        }
        p.documents.push(FileRef::new("work_report", names[0].clone()));
        (p, names.into_iter().zip(files).collect())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    /// Packet → workspace → packet gives the same data.
    #[test]
    fn packet_workspace_packet_is_identity((packet, files) in packet_strategy()) {
        let dir = tmp();
        for (name, bytes) in &files {
            let p = dir.path().join("in").join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        let file = dir.path().join("in/packet.json");
        std::fs::write(&file, packet.to_json()).unwrap();
        let reg = Registry::builtin().unwrap();
        let (loaded, profile) = jianbao::packet::load(&file, &reg).unwrap();
        let mut ws = Workspace::open(&dir.path().join("ws")).unwrap();
        let id = ws.import_packet(&loaded, &profile).unwrap();
        let out = dir.path().join("out");
        let exported = ws.export_packet(id, &out).unwrap();
        let back = read_packet(&exported);
        prop_assert_eq!(normalised(&packet, &dir.path().join("in")), normalised(&back, &out));
    }
}

/// Kills `jianbao workspace import` at random moments; the workspace must open, pass SQLite's
/// integrity check, and hold every import that finished — each unit complete, every blob intact.
#[test]
#[cfg(unix)]
fn sigkill_during_imports_loses_nothing_committed() {
    use std::process::{Command, Stdio};
    use std::time::Duration;

    let src = sample("hengshui-2019-zuimei");
    let packet = read_packet(&src.join("packet.json"));
    let ws = tmp();
    // Time one whole import, then kill the next ones at moments spread evenly across that time.
    let started = std::time::Instant::now();
    let (code, _, err) = jianbao!(ws.path(); "workspace", "import", src.join("packet.json"));
    assert_eq!(code, 0, "{err}");
    let whole = started.elapsed().as_micros() as u64;
    let mut finished = 1;
    let mut killed = 0;
    for i in 0..30u64 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .args(["workspace", "import"])
            .arg(src.join("packet.json"))
            .env("JIANBAO_HOME", ws.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills over the whole run of an import (files, then the transaction).
        std::thread::sleep(Duration::from_micros(whole * (i + 1) / 30));
        let _ = child.kill(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        if status.success() {
            finished += 1;
        } else {
            killed += 1;
        }
    }
    let w = Workspace::open(ws.path()).unwrap();
    w.integrity_check().unwrap();
    let units = w.units().unwrap();
    assert!(units.len() >= finished, "{} units for {finished} finished imports", units.len());
    for u in &units {
        let (p, files) = w.unit_packet(u.id).unwrap();
        assert_eq!(p.candidates.len(), packet.candidates.len(), "unit {} is incomplete", u.id);
        for (a, b) in p.candidates.iter().zip(&packet.candidates) {
            assert_eq!(a.fields, b.fields);
            assert_eq!(a.media.len(), b.media.len());
            assert_eq!(a.documents.len(), b.documents.len());
        }
        for f in files {
            assert_eq!(jianbao::fsutil::sha256_file(&w.media().path_of(&f.sha256)).unwrap().0, f.sha256);
        }
    }
    eprintln!("sigkill test: {finished} imports finished, {killed} killed, {} units stored", units.len());
    assert!(killed > 0, "the test must kill some imports to mean anything");
}

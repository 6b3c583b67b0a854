//! The workspace cared for, through the CLI as staff use it: a backup restores to exactly the same
//! workspace and a damaged one restores nothing; a move keeps everything and the old folder still
//! leads to it; a unit's key registered ahead refuses a bundle signed with another; 导出评审材料 puts
//! every candidate's forms and files, byte for byte, in a folder of its own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{jianbao, require_tool, sample, tmp};

/// Every file under `dir` (relative name → SHA-256), links and the lock file aside.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                let (sha, _) = jianbao::fsutil::sha256_file(&p).unwrap();
                out.insert(rel, sha);
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

/// What a reviewer sees of a workspace: its units, received candidates and pinned keys, as JSON.
fn seen(ws: &Path) -> (String, String) {
    let (c1, units, e1) = jianbao!(ws; "--workspace", ws, "workspace", "list", "--json");
    assert_eq!(c1, 0, "{e1}");
    let (c2, cands, e2) = jianbao!(ws; "--workspace", ws, "workspace", "candidates", "--json");
    assert_eq!(c2, 0, "{e2}");
    (units, cands)
}

/// A unit's signed bundle of the Ordos sample, exported with the key in `keydir`; returns its parts.
fn export(keydir: &Path, out: &Path) -> Vec<PathBuf> {
    if !keydir.join("jianbao.key").exists() {
        jianbao::bundle::keys::keygen(keydir, None).unwrap();
    }
    let packet = sample("ordos-2021-zuimei").join("packet.json");
    let (code, stdout, err) = jianbao!(out;
        "export", &packet, "--key", keydir.join("jianbao.key"), "--out", out, "--accept-warnings");
    assert_eq!(code, 0, "{stdout}{err}");
    let mut parts: Vec<PathBuf> = stdout.lines().filter(|l| l.ends_with(".zip")).map(PathBuf::from).collect();
    parts.sort();
    assert!(!parts.is_empty(), "{stdout}");
    parts
}

/// A reviewer workspace holding one imported bundle and an encryption key.
fn reviewer(d: &Path) -> PathBuf {
    let ws = d.join("org");
    let parts = export(&d.join("unit-key"), &d.join("out"));
    let (code, stdout, err) = jianbao!(&ws; "import", &parts[0]);
    assert_eq!(code, 0, "{stdout}{err}");
    let (code, _, err) = jianbao!(&ws; "keygen", "--encryption");
    assert_eq!(code, 0, "{err}");
    ws
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_backup_restores_the_same_workspace_and_any_damage_restores_nothing() {
    let dir = tmp();
    let d = dir.path();
    let ws = reviewer(d);
    let before = seen(&ws);
    let backup = d.join("备份/工作区.jianbao-backup");
    let (code, stdout, err) = jianbao!(&ws; "workspace", "backup", "--out", &backup);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("工作区.jianbao-backup"), "{stdout}");
    #[cfg(unix)]
    assert_eq!(mode(&backup), 0o600, "the backup holds secret keys: owner only");

    // Restored, it is the same workspace: same views, same stored files and keys, keys still private.
    let restored = d.join("restored");
    let (code, stdout, err) = jianbao!(&ws; "--workspace", &restored, "workspace", "restore", &backup);
    assert_eq!(code, 0, "{stdout}{err}");
    assert_eq!(seen(&restored), before);
    let (a, b) = (tree(&ws.join("media")), tree(&restored.join("media")));
    assert!(!a.is_empty());
    assert_eq!(
        a.into_iter().filter(|(k, _)| !k.starts_with("tmp")).collect::<Vec<_>>(),
        b.into_iter().collect::<Vec<_>>()
    );
    assert_eq!(tree(&ws.join("keys")), tree(&restored.join("keys")));
    #[cfg(unix)]
    assert_eq!(mode(&restored.join("keys/jianbao-age.key")), 0o600);
    let reference = tree(&restored);

    // Never over an existing workspace.
    let (code, _, err) = jianbao!(&ws; "--workspace", &restored, "workspace", "restore", &backup);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("err-output-not-empty"), "{err}");
    // A missing file, a file that is not a backup, a bundle (a zip, but not a backup).
    let target = d.join("never");
    for (file, want) in [
        (d.join("nowhere.jianbao-backup"), "err-backup-unreadable"),
        (sample("ordos-2021-zuimei").join("packet.json"), "err-backup-not-backup"),
        (export(&d.join("unit-key"), &d.join("out2"))[0].clone(), "err-backup-not-backup"),
    ] {
        let (code, _, err) = jianbao!(&ws; "--workspace", &target, "workspace", "restore", &file);
        assert_eq!(code, 2, "{}: {err}", file.display());
        assert!(err.contains(want), "{}: {err}", file.display());
        assert!(!target.exists(), "nothing is left behind");
    }

    // Any one byte changed or the file cut short: either refused as a whole (exit 2, nothing left),
    // or — where the byte is one the zip format does not protect (a timestamp) — restored to exactly
    // the workspace that was backed up. Never a different workspace.
    let bytes = std::fs::read(&backup).unwrap();
    let mut positions: Vec<usize> = (0..48).map(|i| (bytes.len() - 1) * i / 47).collect();
    positions.extend([10, 30, bytes.len() - 30, bytes.len() - 10]);
    let mut refused = 0;
    for (n, at) in positions.iter().enumerate() {
        let mut damaged = bytes.clone();
        damaged[*at] ^= 0x20;
        let file = d.join(format!("damaged-{n}.jianbao-backup"));
        std::fs::write(&file, &damaged).unwrap();
        let target = d.join(format!("try-{n}"));
        let (code, _, err) = jianbao!(&ws; "--workspace", &target, "workspace", "restore", &file);
        if code == 0 {
            assert_eq!(tree(&target), reference, "byte {at} changed, yet restored differently");
        } else {
            refused += 1;
            assert_eq!(code, 2, "byte {at}: {err}");
            assert!(err.contains("err-backup-"), "byte {at}: {err}");
            assert!(!target.exists(), "byte {at}: a refused restore leaves nothing");
        }
        std::fs::remove_file(&file).unwrap();
    }
    assert!(
        refused >= positions.len() * 3 / 4,
        "only {refused} of {} damaged copies refused",
        positions.len()
    );
    for cut in [bytes.len() / 2, bytes.len() - 1] {
        let file = d.join("cut.jianbao-backup");
        std::fs::write(&file, &bytes[..cut]).unwrap();
        let (code, _, err) = jianbao!(&ws; "--workspace", &target, "workspace", "restore", &file);
        assert_eq!(code, 2, "{err}");
        assert!(!target.exists());
    }
    // A manifest that lies about a file is caught by the hash, not trusted.
    let forged = d.join("forged.jianbao-backup");
    forge_manifest(&backup, &forged);
    let (code, _, err) = jianbao!(&ws; "--workspace", &target, "workspace", "restore", &forged);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("err-backup-damaged"), "{err}");
    assert!(!target.exists());
    // A backup into the workspace itself is refused.
    let (code, _, err) = jianbao!(&ws; "workspace", "backup", "--out", ws.join("b.jianbao-backup"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("err-inside-workspace"), "{err}");
}

/// Rewrites a backup with one stored file's bytes changed and the manifest "fixed" only in size.
fn forge_manifest(from: &Path, to: &Path) {
    let mut src = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut victim = None;
    for i in 0..src.len() {
        let mut e = src.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut data).unwrap();
        if victim.is_none() && name.starts_with("media/") && !data.is_empty() {
            data[0] ^= 0xff;
            victim = Some(name.clone());
        }
        out.start_file(name, opts).unwrap();
        std::io::Write::write_all(&mut out, &data).unwrap();
    }
    assert!(victim.is_some());
    out.finish().unwrap();
}

#[test]
fn a_moved_workspace_keeps_everything_and_its_old_folder_leads_to_it() {
    let dir = tmp();
    let d = dir.path();
    let ws = reviewer(d);
    let before = seen(&ws);
    let media = tree(&ws.join("media"));
    // Not into itself, not over something else.
    let (code, _, err) = jianbao!(&ws; "workspace", "move", "--to", ws.join("inner"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("err-inside-workspace"), "{err}");
    std::fs::create_dir_all(d.join("full")).unwrap();
    std::fs::write(d.join("full/a.txt"), b"someone's file").unwrap();
    let (code, _, err) = jianbao!(&ws; "workspace", "move", "--to", d.join("full"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("err-output-not-empty"), "{err}");
    assert_eq!(std::fs::read(d.join("full/a.txt")).unwrap(), b"someone's file");
    assert_eq!(seen(&ws), before, "a refused move changes nothing");

    let to = d.join("新位置/荐报");
    // Not while another program has it open (it would go on writing into removed files).
    let other = jianbao::store::Workspace::open(&ws).unwrap();
    let (code, _, err) = jianbao!(&ws; "workspace", "move", "--to", &to);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("err-workspace-in-use"), "{err}");
    assert!(!to.exists());
    drop(other);
    let (code, stdout, err) = jianbao!(&ws; "workspace", "move", "--to", &to);
    assert_eq!(code, 0, "{stdout}{err}");
    let left: Vec<String> = tree(&ws).into_keys().collect();
    assert_eq!(left, vec![jianbao::store::LOCATION_FILE.to_string()], "the old folder keeps only the note");
    assert_eq!(seen(&to), before);
    assert_eq!(
        tree(&to.join("media"))
            .into_iter()
            .filter(|(k, _)| !k.starts_with("tmp"))
            .collect::<BTreeMap<_, _>>(),
        media.into_iter().filter(|(k, _)| !k.starts_with("tmp")).collect::<BTreeMap<_, _>>()
    );
    // The old folder (as $JIANBAO_HOME still names it) opens the moved workspace.
    assert_eq!(seen(&ws), before);
    let (code, _, err) = jianbao!(&ws; "workspace", "list");
    assert_eq!(code, 0, "{err}");
    // Moved again; then the new place is unplugged: a clear error, and no empty workspace is made.
    let again = d.join("again");
    let (code, _, err) = jianbao!(&ws; "workspace", "move", "--to", &again);
    assert_eq!(code, 0, "{err}");
    assert_eq!(seen(&ws), before);
    std::fs::rename(&again, d.join("unplugged")).unwrap();
    let (code, _, err) = jianbao!(&ws; "workspace", "list");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("err-workspace-moved"), "{err}");
    assert!(!again.exists());
}

#[test]
fn a_key_registered_ahead_refuses_a_bundle_signed_with_another() {
    let dir = tmp();
    let d = dir.path();
    let genuine = export(&d.join("unit-key"), &d.join("out-genuine"));
    let forged = export(&d.join("forger-key"), &d.join("out-forged"));
    // The unit's name as it signs (read from a scratch import).
    let scratch = d.join("scratch");
    let (code, _, err) = jianbao!(&scratch; "import", &genuine[0]);
    assert_eq!(code, 0, "{err}");
    let (_, cands, _) = jianbao!(&scratch; "workspace", "candidates", "--json");
    let cands: Value = serde_json::from_str(&cands).unwrap();
    let unit = cands[0]["unit"].as_str().unwrap().to_string();

    let ws = d.join("org");
    let (code, stdout, err) = jianbao!(&ws; "trust", d.join("unit-key/jianbao.pub"), "--unit", &unit);
    assert_eq!(code, 0, "{err}");
    let key = jianbao::bundle::keys::PublicKey::load(&d.join("unit-key/jianbao.pub")).unwrap();
    assert!(stdout.contains(&key.fingerprint()), "the fingerprint to compare by phone: {stdout}");
    // The first bundle to arrive is the forger's: refused, as a key change.
    let (code, stdout, _) = jianbao!(&ws; "import", &forged[0]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("import-key-changed") || stdout.contains("密钥"), "{stdout}");
    let (_, cands, _) = jianbao!(&ws; "workspace", "candidates", "--json");
    assert_eq!(serde_json::from_str::<Value>(&cands).unwrap().as_array().unwrap().len(), 0);
    // The genuine one is accepted.
    let (code, stdout, err) = jianbao!(&ws; "import", &genuine[0]);
    assert_eq!(code, 0, "{stdout}{err}");
    // Registering another key for the unit needs --replace.
    let (code, _, err) = jianbao!(&ws; "trust", d.join("forger-key/jianbao.pub"), "--unit", &unit);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("err-trust-conflict"), "{err}");
    let (code, stdout, err) =
        jianbao!(&ws; "trust", d.join("forger-key/jianbao.pub"), "--unit", &unit, "--replace");
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains(&jianbao::bundle::keys::grouped(&key.id())), "names the key replaced: {stdout}");
    // Not a key file: a clear error.
    let (code, _, err) =
        jianbao!(&ws; "trust", sample("ordos-2021-zuimei").join("packet.json"), "--unit", &unit);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("err-key"), "{err}");
}

#[test]
fn review_materials_hold_every_candidate_s_forms_and_files_byte_for_byte() {
    let pdftotext = require_tool("pdftotext");
    let dir = tmp();
    let d = dir.path();
    let ws = reviewer(d);
    let (_, cands, _) = jianbao!(&ws; "workspace", "candidates", "--json");
    let cands: Vec<Value> = serde_json::from_str(&cands).unwrap();
    assert!(!cands.is_empty());
    let out = d.join("评审材料");
    let (code, stdout, err) = jianbao!(&ws; "materials", "--out", &out, "--json");
    assert_eq!(code, 0, "{stdout}{err}");
    let done: Value = serde_json::from_str(&stdout).unwrap();
    let folders = done["folders"].as_array().unwrap();
    assert_eq!(folders.len(), cands.len());
    // The stored files of the unit, by hash: each candidate's folder holds its own, byte for byte.
    let stored: BTreeMap<String, String> = tree(&ws.join("media"))
        .into_iter()
        .filter(|(k, _)| !k.starts_with("tmp"))
        .map(|(_, v)| (v.clone(), v))
        .collect();
    for (i, (f, c)) in folders.iter().zip(&cands).enumerate() {
        let name = c["name"].as_str().unwrap();
        let unit = c["unit"].as_str().unwrap();
        let folder = f["folder"].as_str().unwrap();
        assert_eq!(folder, jianbao::store::sanitize_name(&format!("{:02}-{unit}-{name}", i + 1)));
        let files = tree(&out.join(folder));
        let listed: Vec<&str> = f["files"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(files.keys().map(String::as_str).collect::<Vec<_>>().len(), listed.len());
        let form =
            listed.iter().find(|n| n.starts_with("推荐表") && n.ends_with(".pdf")).expect("the 推荐表 PDF");
        let text = std::process::Command::new(&pdftotext)
            .arg(out.join(folder).join(form))
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<String>();
        assert!(text.contains(name), "the form names {name}");
        let copies: Vec<&String> = files
            .iter()
            .filter(|(n, _)| !n.ends_with(".pdf") || !n.starts_with("推荐表"))
            .map(|(_, h)| h)
            .collect();
        assert!(
            copies.iter().any(|h| stored.contains_key(*h)),
            "{folder} holds the candidate's stored files"
        );
        assert!(
            listed.iter().any(|n| n.ends_with(".jpg") || n.ends_with(".jpeg")),
            "{folder}: a photo, {listed:?}"
        );
    }
    // Every stored file of the candidates is somewhere in the materials.
    let all: std::collections::BTreeSet<String> = tree(&out).into_values().collect();
    for h in stored.keys() {
        assert!(all.contains(h), "stored file {h} is in the materials");
    }
    // The contents sheet lists each folder.
    let mut sheet = zip::ZipArchive::new(std::fs::File::open(out.join("目录.xlsx")).unwrap()).unwrap();
    let mut strings = String::new();
    std::io::Read::read_to_string(&mut sheet.by_name("xl/sharedStrings.xml").unwrap(), &mut strings).unwrap();
    for f in folders {
        assert!(strings.contains(f["folder"].as_str().unwrap()), "目录 lists {}", f["folder"]);
    }
    // Never into a folder that holds something.
    let (code, _, err) = jianbao!(&ws; "materials", "--out", &out);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("err-output-not-empty"), "{err}");
}

/// The app's made-up example is judged at its own day (and the record says so); the same packet
/// sent as a real one is judged by the time it was received, and is late.
#[test]
fn an_example_is_judged_at_its_own_day_and_a_real_packet_by_the_time_of_receipt() {
    let dir = tmp();
    let d = dir.path();
    jianbao::bundle::keys::keygen(&d.join("k"), None).unwrap();
    // A copy of the sample (the shared one is read by other tests at the same time).
    let sample_dir = d.join("sample");
    for (rel, _) in tree(&sample("ordos-2021-zuimei")) {
        let to = sample_dir.join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(sample("ordos-2021-zuimei").join(&rel), &to).unwrap();
    }
    let example: Value =
        serde_json::from_str(&std::fs::read_to_string(sample_dir.join("packet.json")).unwrap()).unwrap();
    assert_eq!(example["example"], Value::Bool(true), "the sample says it is an example");
    // The same packet without the mark, beside the same files.
    let mut real = example.clone();
    real.as_object_mut().unwrap().remove("example");
    let real_file = sample_dir.join("real-packet.json");
    std::fs::write(&real_file, serde_json::to_string(&real).unwrap()).unwrap();
    for (packet, ws_name, late) in [(sample_dir.join("packet.json"), "ex", false), (real_file, "real", true)]
    {
        let out = d.join(format!("out-{ws_name}"));
        let (code, stdout, err) = jianbao!(&out;
            "export", &packet, "--key", d.join("k/jianbao.key"), "--out", &out, "--accept-warnings");
        assert_eq!(code, 0, "{stdout}{err}");
        let part = stdout.lines().find(|l| l.ends_with(".zip")).unwrap().to_string();
        let ws = d.join(ws_name);
        let (code, stdout, err) = jianbao!(&ws; "import", &part);
        assert_eq!(code, 0, "{stdout}{err}");
        let w = jianbao::store::Workspace::open(&ws).unwrap();
        let r = &w.received().unwrap()[0];
        assert_eq!(r.late, late, "{ws_name}");
        let report: Value = serde_json::from_str(&r.report).unwrap();
        assert_eq!(
            report["example_as_of"].as_str().is_some(),
            !late,
            "{ws_name}: {}",
            report["example_as_of"]
        );
    }
}

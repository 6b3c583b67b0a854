//! Signed bundles: export, standard tools (bagit.py, minisign, unzip, 7z), parts, determinism, and
//! hostile bundles as test vectors (`tests/bundles/*.bvec`, header `expect: CODE`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use serde_json::Value;

use crate::{jianbao, require_tool, root, sample, tmp};

struct Keys {
    _dir: tempfile::TempDir,
    secret: PathBuf,
    public: PathBuf,
    other_secret: PathBuf,
    other_public: PathBuf,
}

fn keys() -> Keys {
    let dir = tmp();
    for k in ["unit", "other"] {
        jianbao::bundle::keys::keygen(&dir.path().join(k), None).unwrap();
    }
    Keys {
        secret: dir.path().join("unit/jianbao.key"),
        public: dir.path().join("unit/jianbao.pub"),
        other_secret: dir.path().join("other/jianbao.key"),
        other_public: dir.path().join("other/jianbao.pub"),
        _dir: dir,
    }
}

fn export(keys: &Keys, out: &Path, extra: &[&str]) -> Vec<PathBuf> {
    let packet = sample("hengshui-2019-zuimei").join("packet.json");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jianbao"));
    cmd.arg("export").arg(&packet).arg("--key").arg(&keys.secret).arg("--out").arg(out).args(extra);
    cmd.env("SOURCE_DATE_EPOCH", "1556000000").env("JIANBAO_HOME", out.join("ws"));
    let o = cmd.output().unwrap();
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let mut parts: Vec<PathBuf> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| l.ends_with(".zip"))
        .map(PathBuf::from)
        .collect();
    parts.sort();
    parts
}

#[test]
fn exported_bundle_passes_standard_tools() {
    let k = keys();
    let out = tmp();
    let parts = export(&k, out.path(), &[]);
    assert_eq!(parts.len(), 1);
    let zip = &parts[0];
    let x = tmp();
    let st = Command::new(require_tool("unzip")).arg("-q").arg(zip).arg("-d").arg(x.path()).status().unwrap();
    assert!(st.success());
    let bag = std::fs::read_dir(x.path()).unwrap().next().unwrap().unwrap().path();
    assert!(
        bag.file_name().unwrap().to_string_lossy().contains("衡水市示例农业科学学会"),
        "a Chinese folder name survives unzip"
    );
    let st = Command::new(require_tool("bagit.py")).arg("--validate").arg(&bag).output().unwrap();
    assert!(st.status.success(), "bagit.py: {}", String::from_utf8_lossy(&st.stderr));
    let st = Command::new(require_tool("minisign"))
        .arg("-Vm")
        .arg(bag.join("tagmanifest-sha256.txt"))
        .arg("-p")
        .arg(&k.public)
        .output()
        .unwrap();
    assert!(st.status.success(), "minisign: {}", String::from_utf8_lossy(&st.stderr));
    let trusted = String::from_utf8_lossy(&st.stdout).into_owned();
    assert!(trusted.contains("unit=衡水市示例农业科学学会") && trusted.contains("part=1/1"), "{trusted}");
    for tool in ["unzip", "7z"] {
        let args: &[&str] = if tool == "unzip" { &["-l"] } else { &["l"] };
        let listing = Command::new(require_tool(tool)).args(args).arg(zip).output().unwrap();
        let text = String::from_utf8_lossy(&listing.stdout);
        assert!(
            text.contains("data/材料/王海涛/王海涛-证件照.jpg"),
            "{tool} shows the Chinese names: {text}"
        );
    }
    // The forms in the bag carry the key ID in their footers.
    let info = std::fs::read_to_string(bag.join("bag-info.txt")).unwrap();
    let key_id = info.lines().find_map(|l| l.strip_prefix("Jianbao-Key-Id: ")).unwrap().to_string();
    let pdf = bag.join("data/表格/推荐表-王海涛.pdf");
    let text = Command::new(require_tool("pdftotext")).arg(&pdf).arg("-").output().unwrap();
    // Printed in groups of four, as people read it aloud: `签名密钥 3C4A A871 ADED 53CD`.
    let text: String = String::from_utf8_lossy(&text.stdout).chars().filter(|c| !c.is_whitespace()).collect();
    assert!(text.contains(&format!("签名密钥{key_id}")), "the key ID {key_id} is in the footer");
    // JPEGs are stored, not deflated; text is deflated.
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    for i in 0..archive.len() {
        let e = archive.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        if name.ends_with(".jpg") || name.ends_with(".pdf") {
            assert_eq!(e.compression(), zip::CompressionMethod::Stored, "{name}");
        }
        if name.ends_with(".txt") || name.ends_with(".json") {
            assert_eq!(e.compression(), zip::CompressionMethod::Deflated, "{name}");
        }
    }
    let ws = tmp();
    let (code, out, _) = jianbao!(ws.path(); "verify", zip, "--pubkey", &k.public);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn same_inputs_same_bytes() {
    let k = keys();
    let (a, b) = (tmp(), tmp());
    let pa = export(&k, a.path(), &[]);
    let pb = export(&k, b.path(), &[]);
    let (ha, hb) =
        (jianbao::fsutil::sha256_file(&pa[0]).unwrap(), jianbao::fsutil::sha256_file(&pb[0]).unwrap());
    assert_eq!(ha, hb, "two exports of the same packet differ");
}

#[test]
fn parts_are_bags_and_the_set_is_checked() {
    let k = keys();
    let out = tmp();
    let parts = export(&k, out.path(), &["--part-size", "5MB"]);
    assert!(parts.len() >= 3, "{parts:?}");
    for p in &parts {
        assert!(std::fs::metadata(p).unwrap().len() <= 5_000_000, "{}", p.display());
        let x = tmp();
        Command::new(require_tool("unzip")).arg("-q").arg(p).arg("-d").arg(x.path()).status().unwrap();
        let bag = std::fs::read_dir(x.path()).unwrap().next().unwrap().unwrap().path();
        let st = Command::new(require_tool("bagit.py")).arg("--validate").arg(&bag).output().unwrap();
        assert!(
            st.status.success(),
            "part {} is a bag of its own: {}",
            p.display(),
            String::from_utf8_lossy(&st.stderr)
        );
    }
    let ws = tmp();
    let mut args: Vec<&std::ffi::OsStr> = vec!["verify".as_ref(), "--pubkey".as_ref(), k.public.as_os_str()];
    args.extend(parts.iter().map(|p| p.as_os_str()));
    let o = crate::run_cli(ws.path(), &args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    // Leave one part out: the set is incomplete.
    let mut args: Vec<&std::ffi::OsStr> = vec!["verify".as_ref(), "--json".as_ref()];
    args.extend(parts.iter().skip(1).map(|p| p.as_os_str()));
    let o = crate::run_cli(ws.path(), &args);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["set"][0]["code"], "bundle-part-missing", "{v}");
    // A file larger than the part size is a clear error.
    let o = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["export"])
        .arg(sample("hengshui-2019-zuimei").join("packet.json"))
        .arg("--key")
        .arg(&k.secret)
        .arg("--out")
        .arg(out.path().join("tiny"))
        .args(["--part-size", "100KB"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("[err-too-large-for-part]"));
}

#[test]
fn export_refuses_a_packet_with_errors() {
    let k = keys();
    let src = sample("hengshui-2019-zuimei");
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(src.join("packet.json")).unwrap()).unwrap();
    v["candidates"][0]["fields"]["mobile"] = "123".into();
    let file = src.join("bundle-bad.json");
    std::fs::write(&file, v.to_string()).unwrap();
    let out = tmp();
    let (code, stdout, err) =
        jianbao!(out.path(); "export", &file, "--key", &k.secret, "--out", out.path().join("b"));
    assert_eq!(code, 1);
    assert!(stdout.contains("[field-mobile]") && err.contains("[err-not-ready]"), "{stdout}{err}");
    assert!(!out.path().join("b").exists() || std::fs::read_dir(out.path().join("b")).unwrap().count() == 0);
}

/// Rebuilds a zip with an edit applied.
fn rebuild(src: &Path, dst: &Path, op: &Value, bag: &str, k: &Keys) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut entries: Vec<(String, Vec<u8>, zip::CompressionMethod)> = Vec::new();
    for i in 0..archive.len() {
        let mut e = archive.by_index(i).unwrap();
        let mut b = Vec::new();
        e.read_to_end(&mut b).unwrap();
        entries.push((e.name().unwrap().to_string(), b, e.compression()));
    }
    let name = |v: &Value| v.as_str().unwrap().replace("{bag}", bag);
    let find = |entries: &mut Vec<(String, Vec<u8>, zip::CompressionMethod)>, n: &str| {
        entries.iter().position(|e| e.0 == n).unwrap_or_else(|| panic!("no {n}"))
    };
    let mut symlinks = Vec::new();
    let mut duplicate = None;
    let mut truncate = None;
    let (key, action) = op.as_object().unwrap().iter().next().unwrap();
    let add = |entries: &mut Vec<(String, Vec<u8>, zip::CompressionMethod)>, action: &Value| {
        let data = match (action.get("text"), action.get("zeros")) {
            (Some(t), _) => t.as_str().unwrap().as_bytes().to_vec(),
            (_, Some(z)) => vec![0u8; z.as_u64().unwrap() as usize],
            _ => vec![],
        };
        entries.push((name(&action["name"]), data, zip::CompressionMethod::Deflated));
    };
    match key.as_str() {
        "add2" => action.as_array().unwrap().iter().for_each(|a| add(&mut entries, a)),
        "zip64" | "append" | "flag_encrypted" => {}
        "add" => {
            let data = match (action.get("text"), action.get("zeros")) {
                (Some(t), _) => t.as_str().unwrap().as_bytes().to_vec(),
                (_, Some(z)) => vec![0u8; z.as_u64().unwrap() as usize],
                _ => vec![],
            };
            entries.push((name(&action["name"]), data, zip::CompressionMethod::Deflated));
        }
        "remove" => {
            let i = find(&mut entries, &name(action));
            entries.remove(i);
        }
        "flip" => {
            let i = find(&mut entries, &name(&action["name"]));
            let at = action["offset"].as_u64().unwrap() as usize;
            entries[i].1[at] ^= 0x01;
        }
        "replace" => {
            let i = find(&mut entries, &name(&action["name"]));
            let text = String::from_utf8(entries[i].1.clone()).unwrap();
            let (from, to) = (action["from"].as_str().unwrap(), action["to"].as_str().unwrap());
            assert!(text.contains(from));
            entries[i].1 = text.replacen(from, to, 1).into_bytes();
        }
        "symlink" => symlinks.push((name(&action["name"]), action["target"].as_str().unwrap().to_string())),
        "duplicate" => duplicate = Some(name(action)),
        "truncate" => truncate = Some(action.as_f64().unwrap()),
        "resign" => {
            let other = jianbao::bundle::keys::Signer25519::load(&k.other_secret, None).unwrap();
            let tm = find(&mut entries, &format!("{bag}/tagmanifest-sha256.txt"));
            if action == "other-with-key" {
                let pk = find(&mut entries, &format!("{bag}/jianbao.pub"));
                put_public_key(&mut entries, pk, tm, std::fs::read(&k.other_public).unwrap());
            }
            let sig_i = find(&mut entries, &format!("{bag}/tagmanifest-sha256.txt.minisig"));
            let old = String::from_utf8(entries[sig_i].1.clone()).unwrap();
            let comment = old.lines().find_map(|l| l.strip_prefix("trusted comment: ")).unwrap().to_string();
            if action == "other-same-id" {
                // Another Ed25519 key under the unit's own key ID, embedded and signing.
                let (public, sign) = forged_key_with_id_of(&k.public);
                let pk = find(&mut entries, &format!("{bag}/jianbao.pub"));
                put_public_key(&mut entries, pk, tm, public.into_bytes());
                entries[sig_i].1 = sign(&entries[tm].1, &comment).into_bytes();
            } else {
                entries[sig_i].1 = other.sign(&entries[tm].1, &comment).into_bytes();
            }
        }
        other => panic!("unknown edit {other}"),
    }
    let mut w = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    for (n, b, m) in &entries {
        w.start_file(n.as_str(), zip::write::SimpleFileOptions::default().compression_method(*m)).unwrap();
        w.write_all(b).unwrap();
    }
    for (n, t) in &symlinks {
        w.add_symlink(n.as_str(), t.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
    }
    if let Some(d) = &duplicate {
        // Same length, then patched to the same name in the local header and central directory.
        let twin = format!("{}X", &d[..d.len() - 1]);
        let i = find(&mut entries, d);
        w.start_file(twin.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(&entries[i].1).unwrap();
    }
    w.finish().unwrap();
    if let Some(d) = duplicate {
        let twin = format!("{}X", &d[..d.len() - 1]);
        let mut bytes = std::fs::read(dst).unwrap();
        let (from, to) = (twin.as_bytes(), d.as_bytes());
        let mut i = 0;
        while i + from.len() <= bytes.len() {
            if &bytes[i..i + from.len()] == from {
                bytes[i..i + from.len()].copy_from_slice(to);
            }
            i += 1;
        }
        std::fs::write(dst, bytes).unwrap();
    }
    if let Some(keep) = truncate {
        let bytes = std::fs::read(dst).unwrap();
        std::fs::write(dst, &bytes[..(bytes.len() as f64 * keep) as usize]).unwrap();
    }
    let mut bytes = std::fs::read(dst).unwrap();
    if let Some(n) = op.get("append").and_then(Value::as_u64) {
        bytes.extend(std::iter::repeat_n(0x20u8, n as usize));
    }
    if let Some(target) = op.get("flag_encrypted") {
        let target = name(target);
        let at = central_record(&bytes, &target);
        bytes[at + 8] |= 1;
    }
    if op.get("zip64").is_some() {
        bytes = to_zip64(bytes, op.get("zip64_count").and_then(Value::as_u64));
    }
    std::fs::write(dst, bytes).unwrap();
}

/// Replaces the bag's public key (entry `pk`) and its line in the tag manifest (entry `tm`).
fn put_public_key(
    entries: &mut [(String, Vec<u8>, zip::CompressionMethod)],
    pk: usize,
    tm: usize,
    key: Vec<u8>,
) {
    let hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&key));
    entries[pk].1 = key;
    let text = String::from_utf8(entries[tm].1.clone()).unwrap();
    let new: String =
        text.lines()
            .map(|l| {
                if l.ends_with("  jianbao.pub") {
                    format!("{hash}  jianbao.pub\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
    entries[tm].1 = new.into_bytes();
}

/// Where the central directory record of `name` starts.
fn central_record(bytes: &[u8], name: &str) -> usize {
    (0..bytes.len() - 46)
        .find(|&i| {
            bytes[i..i + 4] == [0x50, 0x4b, 0x01, 0x02] && bytes[i + 46..].starts_with(name.as_bytes())
        })
        .unwrap_or_else(|| panic!("no central record for {name}"))
}

/// Rewrites the end of a zip as ZIP64 (record, locator, and an end record whose counts are 0xFFFF),
/// optionally declaring `count` entries instead of the real number.
fn to_zip64(mut bytes: Vec<u8>, count: Option<u64>) -> Vec<u8> {
    let eocd = bytes.len() - 22;
    assert_eq!(bytes[eocd..eocd + 4], [0x50, 0x4b, 0x05, 0x06]);
    let le16 = |b: &[u8], i: usize| u16::from_le_bytes([b[i], b[i + 1]]) as u64;
    let le32 = |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as u64;
    let entries = count.unwrap_or(le16(&bytes, eocd + 10));
    let (cd_size, cd_offset) = (le32(&bytes, eocd + 12), le32(&bytes, eocd + 16));
    bytes.truncate(eocd);
    let rec_at = bytes.len() as u64;
    bytes.extend([0x50, 0x4b, 0x06, 0x06]);
    bytes.extend(44u64.to_le_bytes());
    bytes.extend(45u16.to_le_bytes());
    bytes.extend(45u16.to_le_bytes());
    bytes.extend(0u32.to_le_bytes());
    bytes.extend(0u32.to_le_bytes());
    bytes.extend(entries.to_le_bytes());
    bytes.extend(entries.to_le_bytes());
    bytes.extend(cd_size.to_le_bytes());
    bytes.extend(cd_offset.to_le_bytes());
    bytes.extend([0x50, 0x4b, 0x06, 0x07]);
    bytes.extend(0u32.to_le_bytes());
    bytes.extend(rec_at.to_le_bytes());
    bytes.extend(1u32.to_le_bytes());
    bytes.extend([0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
    bytes.extend([0xFF; 8]);
    bytes.extend([0, 0]);
    bytes
}

/// A different Ed25519 key pair carrying the key ID of `unit_pub`: its public key file and a signing
/// function in minisign's prehashed format.
fn forged_key_with_id_of(unit_pub: &Path) -> (String, impl Fn(&[u8], &str) -> String) {
    use base64::Engine;
    use ed25519_dalek::Signer;
    let b64 = base64::engine::general_purpose::STANDARD;
    let text = std::fs::read_to_string(unit_pub).unwrap();
    let raw = b64.decode(text.lines().nth(1).unwrap().trim()).unwrap();
    let keynum: [u8; 8] = raw[2..10].try_into().unwrap();
    let signing = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    let mut pk = b"Ed".to_vec();
    pk.extend(keynum);
    pk.extend(signing.verifying_key().as_bytes());
    let public = format!("untrusted comment: minisign public key\n{}\n", b64.encode(pk));
    let sign = move |data: &[u8], comment: &str| {
        let digest = <blake2::Blake2b512 as blake2::Digest>::digest(data);
        let sig = signing.sign(&digest).to_bytes();
        let mut global = sig.to_vec();
        global.extend_from_slice(comment.as_bytes());
        let global = signing.sign(&global).to_bytes();
        let mut line = b"ED".to_vec();
        line.extend(keynum);
        line.extend(sig);
        format!(
            "untrusted comment: signature\n{}\ntrusted comment: {comment}\n{}\n",
            b64.encode(line),
            b64.encode(global)
        )
    };
    (public, sign)
}

#[test]
fn hostile_bundles_are_refused_with_the_right_reason() {
    let k = keys();
    let out = tmp();
    let parts = export(&k, out.path(), &[]);
    let good = &parts[0];
    let bag = good.file_stem().unwrap().to_string_lossy().into_owned();
    let pubkey = jianbao::bundle::keys::PublicKey::load(&k.public).unwrap();
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(root().join("tests/bundles")).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    assert!(files.len() >= 15);
    let mut failures = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let (head, body) = text.split_once("\n---\n").unwrap();
        let expect = head.lines().find_map(|l| l.strip_prefix("expect: ")).unwrap().trim().to_string();
        let dst = out.path().join(format!("{}.zip", f.file_stem().unwrap().to_string_lossy()));
        match body.lines().find(|l| l.starts_with('{')) {
            Some(op) => rebuild(good, &dst, &serde_json::from_str(op).unwrap(), &bag, &k),
            None => {
                std::fs::copy(good, &dst).unwrap();
            }
        }
        let v = jianbao::bundle::verify::verify(&dst, Some(&pubkey));
        let codes: Vec<&str> = v.reasons.iter().map(|r| r.code).collect();
        let zh = jianbao::i18n::Localizer::new(jianbao::i18n::Lang::Zh);
        if let Some(c) = codes.iter().find(|c| !zh.has(c)) {
            failures.push(format!("{}: {c} has no Chinese message", f.display()));
        }
        let ok = if expect == "none" {
            v.valid && v.trusted
        } else {
            !v.valid && codes.contains(&expect.as_str())
        };
        if !ok {
            failures.push(format!("{}: expected {expect}, got {codes:?}", f.display()));
        }
        // Import, into a workspace that already pinned the unit's key: the same refusal, and nothing
        // written (no blob, no unit, no received record, no folder from the bundle).
        let ws_dir = tmp();
        let mut ws = jianbao::store::Workspace::open(ws_dir.path()).unwrap();
        let unit = jianbao::bundle::verify::verify(good, Some(&pubkey));
        ws.pin_key(unit.info("Source-Organization"), &pubkey.id(), &pubkey.base64()).unwrap();
        let reg = jianbao::profile::Registry::builtin().unwrap();
        let now = time::OffsetDateTime::from_unix_timestamp(1556000000).unwrap();
        let got = jianbao::bundle::import::import(
            &mut ws,
            &reg,
            std::slice::from_ref(&dst),
            &Default::default(),
            now,
        )
        .unwrap();
        let refused: Vec<&str> = got.iter().flat_map(|i| i.refused.iter().map(|r| r.code)).collect();
        let imported = got.iter().any(|i| i.id.is_some());
        if expect == "none" {
            if !imported {
                failures.push(format!("{}: import refused a valid bundle: {refused:?}", f.display()));
            }
            continue;
        }
        let same_id = expect == "bundle-wrong-key" && refused.contains(&"import-key-changed");
        if imported || !(refused.contains(&expect.as_str()) || same_id) {
            failures.push(format!("{}: import expected {expect}, got {refused:?}", f.display()));
        }
        let blobs = walk_files(&ws_dir.path().join("media"));
        if !ws.received().unwrap().is_empty() || !ws.units().unwrap().is_empty() || !blobs.is_empty() {
            failures.push(format!("{}: import wrote {blobs:?}", f.display()));
        }
        let top: Vec<String> = std::fs::read_dir(ws_dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with("jianbao.") && n != "media")
            .collect();
        if !top.is_empty() {
            failures.push(format!("{}: import left {top:?} in the workspace", f.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every file under `dir` (recursively).
fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            if e.file_type().unwrap().is_dir() {
                out.extend(walk_files(&e.path()));
            } else {
                out.push(e.path());
            }
        }
    }
    out
}

#[test]
fn usb_copy_reads_back_and_verifies() {
    let k = keys();
    let out = tmp();
    let parts = export(&k, out.path(), &[]);
    let usb = tmp();
    let (code, stdout, err) = jianbao!(usb.path(); "copy", &parts[0], "--to", usb.path().join("U盘"));
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("回读一致"));
    let copy = usb.path().join("U盘").join(parts[0].file_name().unwrap());
    assert_eq!(
        jianbao::fsutil::sha256_file(&copy).unwrap(),
        jianbao::fsutil::sha256_file(&parts[0]).unwrap()
    );
    // A damaged source never reaches the final name.
    let bad = out.path().join("damaged.zip");
    let mut bytes = std::fs::read(&parts[0]).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 0xFF;
    std::fs::write(&bad, bytes).unwrap();
    let (code, _, err) = jianbao!(usb.path(); "copy", &bad, "--to", usb.path().join("U盘"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("[err-copy-failed]"));
    assert!(!usb.path().join("U盘/damaged.zip").exists());
    let leftovers: Vec<_> = std::fs::read_dir(usb.path().join("U盘"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

/// A packet of the hengshui sample under another unit's name.
fn other_unit_packet(name: &str, tweak: impl Fn(&mut Value)) -> PathBuf {
    let src = sample("hengshui-2019-zuimei");
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(src.join("packet.json")).unwrap()).unwrap();
    v["unit"]["unit_name"] = Value::String(name.into());
    tweak(&mut v);
    let file = src.join(format!("unit-{name}.json"));
    std::fs::write(&file, v.to_string()).unwrap();
    file
}

fn export_packet(packet: &Path, key: &Path, out: &Path, epoch: &str) -> PathBuf {
    let o = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .arg("export")
        .arg(packet)
        .arg("--key")
        .arg(key)
        .arg("--out")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    PathBuf::from(String::from_utf8_lossy(&o.stdout).lines().find(|l| l.ends_with(".zip")).unwrap())
}

#[test]
fn reviewer_imports_merges_and_answers_with_a_receipt() {
    let k = keys();
    let out = tmp();
    let a =
        export_packet(&other_unit_packet("甲县科协", |_| {}), &k.secret, &out.path().join("a"), "1556000000");
    let b = export_packet(
        &other_unit_packet("乙市学会", |_| {}),
        &k.other_secret,
        &out.path().join("b"),
        "1556000000",
    );
    let ws = tmp();
    // 甲县科协 first (bundle 1), then 乙市学会, whose candidates are the same people. The reviewer
    // saved 甲县科协's mail attachment under another name: the bag is found inside all the same.
    let renamed = out.path().join("收到的附件.zip");
    std::fs::rename(&a, &renamed).unwrap();
    let (code, stdout, err) = jianbao!(ws.path(); "import", &renamed);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(!stdout.contains("活动规则与本机不同"), "the bundle's own profile copy is found: {stdout}");
    assert!(stdout.contains("首次见到") && stdout.contains("编号 1"), "{stdout}");
    let (code, stdout, err) = jianbao!(ws.path(); "import", &b);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(
        stdout.contains("重复推荐") && stdout.contains("甲县科协"),
        "the same candidates from two units are flagged: {stdout}"
    );
    // A resubmission from 甲县科协 with a changed field, same key: history kept, changes reported.
    let a2 = export_packet(
        &other_unit_packet("甲县科协", |v| v["candidates"][0]["fields"]["remarks"] = "补充材料".into()),
        &k.secret,
        &out.path().join("a2"),
        "1556100000",
    );
    let (code, stdout, _) = jianbao!(ws.path(); "import", &a2);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("重新报送") && stdout.contains("c1.remarks") && stdout.contains("与上次一致"),
        "{stdout}"
    );
    // The same unit with another key is refused until the change is accepted.
    let a3 = export_packet(
        &other_unit_packet("甲县科协", |_| {}),
        &k.other_secret,
        &out.path().join("a3"),
        "1556200000",
    );
    let (code, stdout, _) = jianbao!(ws.path(); "import", &a3);
    assert_eq!(code, 1);
    assert!(stdout.contains("[import-key-changed]"), "{stdout}");
    let (code, stdout, _) = jianbao!(ws.path(); "import", &a3, "--accept-key-change");
    assert_eq!(code, 0, "{stdout}");
    // The merged 汇总表: latest submission of each unit.
    let xlsx = ws.path().join("合并汇总表.xlsx");
    let (code, stdout, err) = jianbao!(ws.path(); "summary", "--out", &xlsx);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("2 个单位") && stdout.contains("4 名候选人"), "{stdout}");
    let pdf = ws.path().join("合并汇总表.pdf");
    let (code, _, _) = jianbao!(ws.path(); "summary", "--out", &pdf);
    assert_eq!(code, 0);
    let text = Command::new(require_tool("pdftotext")).arg(&pdf).arg("-").output().unwrap();
    let merged = String::from_utf8_lossy(&text.stdout).into_owned();
    // In the table itself, not only in the footer: a 推荐单位 column names each row's unit.
    let table: String = merged.lines().filter(|l| !l.starts_with("hengshui-2019-zuimei")).collect();
    assert!(table.contains("其其格") && table.contains("乙市学会") && table.contains("甲县科协"), "{merged}");
    // A signed receipt, verified on the unit's side.
    let receipt = ws.path().join("回执.json");
    let (code, _, err) =
        jianbao!(ws.path(); "receipt", "--bundle", "1", "--key", &k.other_secret, "--out", &receipt);
    assert_eq!(code, 0, "{err}");
    let (code, stdout, _) = jianbao!(ws.path(); "receipt", "verify", &receipt, "--pubkey", &k.other_public);
    assert_eq!(code, 0);
    assert!(stdout.contains("甲县科协"));
    let (code, _, _) = jianbao!(ws.path(); "receipt", "verify", &receipt, "--pubkey", &k.public);
    assert_eq!(code, 2, "a receipt checked with the wrong key fails");
}

/// Text a unit might type into its name or a free field: Chinese, Latin, spaces of every kind, `=`,
/// `%`, quotes, newlines and tabs, emoji, dots and Windows device names.
fn typed_text(max: usize) -> impl proptest::strategy::Strategy<Value = String> {
    let atoms = prop_oneof![
        4 => proptest::sample::select(vec!["示例", "研究所", "学会", "科协", "鄂尔多斯", "王", "海涛"]).prop_map(str::to_string),
        2 => "[A-Za-z]{1,8}",
        2 => proptest::sample::select(vec![" ", "  ", "=", "%", "%20", "\"", "'", "\n", "\r\n", "\t", "\u{3000}", "\u{2028}", ".", "..", "/", "\\", ":", "*", "CON", "nul", "😀", "👩‍🔬", "#", "&", "（", "）"]).prop_map(str::to_string),
    ];
    proptest::collection::vec(atoms, 1..12).prop_map(move |v| v.concat().chars().take(max).collect())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 16, failure_persistence: None, ..Default::default() })]

    /// The tool accepts its own exports, whatever a unit types: export → verify (trusted, by its key) →
    /// USB copy → import round-trips the values and the files, for random unit names (up to 200
    /// characters), candidate names, free text and part sizes.
    #[test]
    fn own_exports_round_trip(
        unit in typed_text(200).prop_filter("a name", |s| !s.trim().is_empty()),
        remark in typed_text(400),
        split in proptest::bool::ANY,
        sealed in proptest::bool::ANY,
    ) {
        let k = keys_once();
        let reg = jianbao::profile::Registry::builtin().unwrap();
        let (mut loaded, profile) =
            jianbao::packet::load(&sample("hengshui-2019-zuimei").join("packet.json"), &reg).unwrap();
        loaded.packet.unit.insert("unit_name".into(), Value::String(unit.clone()));
        loaded.packet.candidates[0].fields.insert("remarks".into(), Value::String(remark.clone()));
        let report = jianbao::check::check(&loaded, &profile, jianbao::check::Options::as_of(loaded.packet.as_of.as_deref()));
        prop_assert_eq!(report.errors(), 0, "{:?}", report.findings.iter().map(|f| f.code).collect::<Vec<_>>());
        let out = tmp();
        let ws_dir = tmp();
        // Encrypted to the reviewer's workspace (its own identity), half of the time.
        let keys_dir = jianbao::bundle::keys::default_dir(ws_dir.path());
        let recipient = sealed.then(|| jianbao::bundle::seal::keygen(&keys_dir).unwrap());
        let signer = jianbao::bundle::keys::Signer25519::load(&k.secret, None).unwrap();
        let opts = jianbao::bundle::export::ExportOptions {
            part_size: split.then_some(3_000_000),
            accept_warnings: true,
            time: 1_556_000_000,
            encrypt_to: recipient,
        };
        let done = jianbao::bundle::export::export(&loaded, &profile, &signer, out.path(), &opts).unwrap();
        prop_assert!(done.parts.iter().all(|p| jianbao::bundle::seal::is_encrypted(p) == sealed));
        let scratch = tmp();
        let opened = jianbao::bundle::seal::open_parts(&done.parts, Some(&keys_dir.join(jianbao::bundle::seal::IDENTITY_FILE)), scratch.path()).unwrap();
        let pubkey = jianbao::bundle::keys::PublicKey::load(&k.public).unwrap();
        let verdicts: Vec<_> = opened.parts.iter().map(|(p, _)| jianbao::bundle::verify::verify(p, Some(&pubkey))).collect();
        for v in &verdicts {
            prop_assert!(v.valid && v.trusted, "{:?}", v.reasons);
        }
        prop_assert!(jianbao::bundle::verify::check_set(&verdicts).is_empty());
        let usb = tmp();
        let copies: Vec<PathBuf> = done.parts.iter()
            .map(|p| jianbao::bundle::copy::copy_verified(p, usb.path()).unwrap())
            .collect();
        let mut ws = jianbao::store::Workspace::open(ws_dir.path()).unwrap();
        let now = time::OffsetDateTime::from_unix_timestamp(1_556_000_000).unwrap();
        let got = jianbao::bundle::import::import(&mut ws, &reg, &copies, &Default::default(), now).unwrap();
        prop_assert_eq!(got.len(), 1);
        prop_assert!(got[0].refused.is_empty(), "{:?}", got[0].refused);
        let uid = ws.received().unwrap()[0].unit_id.unwrap();
        let (stored, files) = ws.unit_packet(uid).unwrap();
        prop_assert_eq!(&stored.unit, &loaded.packet.unit);
        for (a, b) in stored.candidates.iter().zip(&loaded.packet.candidates) {
            prop_assert_eq!(&a.fields, &b.fields);
        }
        let mut want: Vec<String> = loaded.packet.candidates.iter()
            .flat_map(|c| c.media.iter().chain(&c.documents))
            .chain(&loaded.packet.documents)
            .map(|r| jianbao::fsutil::sha256_file(&loaded.resolve(r)).unwrap().0)
            .collect();
        let mut have: Vec<String> = files.iter().map(|f| f.sha256.clone()).collect();
        want.sort();
        have.sort();
        prop_assert_eq!(have, want);
    }
}

/// One key pair for the whole test process.
fn keys_once() -> &'static Keys {
    static K: std::sync::OnceLock<Keys> = std::sync::OnceLock::new();
    K.get_or_init(keys)
}

/// Two exports of the same unit into one folder (the second with fewer parts, so a part of the first
/// stays beside it): verify names them as parts of different exports, never as "part missing".
#[test]
fn parts_of_two_exports_are_named_as_such() {
    let k = keys_once();
    let packet = sample("hengshui-2019-zuimei").join("packet.json");
    let out = tmp();
    let zips_in = |d: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(d)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "zip"))
            .collect();
        v.sort();
        v
    };
    let mut first = Vec::new();
    for (epoch, size) in [("1556000000", "5MB"), ("1556000060", "9MB")] {
        let o = Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .arg("export")
            .arg(&packet)
            .arg("--key")
            .arg(&k.secret)
            .arg("--out")
            .arg(out.path())
            .args(["--part-size", size])
            .env("SOURCE_DATE_EPOCH", epoch)
            .env("JIANBAO_HOME", out.path().join("ws"))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        if first.is_empty() {
            first = zips_in(out.path());
        }
    }
    // The earlier export's last part was deleted (taken for old): one part of it stays beside the new set.
    std::fs::remove_file(first.last().unwrap()).unwrap();
    let zips = zips_in(out.path());
    let ws = tmp();
    let mut args: Vec<&std::ffi::OsStr> = vec!["verify".as_ref(), "--json".as_ref()];
    args.extend(zips.iter().map(|p| p.as_os_str()));
    let o = crate::run_cli(ws.path(), &args);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = v["set"].as_array().unwrap().iter().filter_map(|r| r["code"].as_str()).collect();
    assert!(codes.contains(&"bundle-parts-mixed") && !codes.contains(&"bundle-part-missing"), "{v}");
    assert_eq!(v["trusted"], false, "no key given: not trusted");
}

/// A bundle carries exactly the rendered forms its notice asks for: the 推荐表 in the formats listed,
/// never an unsealed PDF where the notice wants the signed and sealed scan (seed 003: "电子版Word和pdf
/// （签注意见并盖章后）"), and no 汇总表 where the notice asks units for none.
#[test]
fn a_bundle_holds_the_forms_its_notice_lists() {
    use jianbao::profile::{DeliverableSource, MediaFormat};
    let k = keys_once();
    let reg = jianbao::profile::Registry::builtin().unwrap();
    for p in reg.all() {
        let out = tmp();
        let zip = export_packet(&sample(&p.id).join("packet.json"), &k.secret, out.path(), "1556000000");
        let listing = Command::new(require_tool("unzip")).arg("-Z1").arg(&zip).output().unwrap();
        let names = String::from_utf8_lossy(&listing.stdout).into_owned();
        let forms: Vec<&str> = names.lines().filter(|n| n.contains("/data/表格/")).collect();
        let form =
            p.deliverables.iter().find(|d| d.source == DeliverableSource::CandidateForm && d.field.is_none());
        let has = |stem: &str, ext: &str| forms.iter().any(|n| n.contains(stem) && n.ends_with(ext));
        if let Some(d) = form {
            let pdf_wanted = d.formats.contains(&MediaFormat::Pdf) && !d.scan_after_seal;
            assert_eq!(has("推荐表-", ".pdf"), pdf_wanted, "{}: 推荐表 PDF in {forms:?}", p.id);
            assert_eq!(
                has("推荐表-", ".docx"),
                d.formats.contains(&MediaFormat::Docx),
                "{}: {forms:?}",
                p.id
            );
        }
        let summary = p.deliverables.iter().any(|d| d.source == DeliverableSource::SummaryTable);
        assert_eq!(has("汇总表", ".pdf"), summary, "{}: 汇总表 in {forms:?}", p.id);
        if p.id == "ordos-2021-zuimei" {
            // The PDF of the 推荐表 is the sealed scan, among the materials.
            assert!(names.lines().any(|n| n.contains("推荐表（盖章）") && n.ends_with(".pdf")), "{names}");
        }
    }
}

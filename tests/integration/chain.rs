//! Up the chain: a unit's bundle travels encrypted to its organiser, the organiser forwards a
//! candidate to the next level, and the next level proves every file unchanged — with the reference
//! tools (`age`, `minisign`, `bagit.py`, `sha256sum`) as well as `jianbao`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::{jianbao, require_tool, sample, tmp};

fn run(cmd: &mut Command) -> String {
    let o = cmd.output().unwrap();
    assert!(
        o.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn exported(stdout: &str, ext: &str) -> PathBuf {
    PathBuf::from(stdout.lines().find(|l| l.ends_with(ext)).unwrap_or_else(|| panic!("no {ext} in {stdout}")))
}

/// The organiser's own fields, filled as its secretary would; judged on a day before the deadline.
fn fill_organiser_fields(packet: &Path) {
    let mut p: Value = serde_json::from_str(&std::fs::read_to_string(packet).unwrap()).unwrap();
    for c in p["candidates"].as_array_mut().unwrap() {
        c["fields"]["fill_date"] = "2021年06月01日".into();
    }
    p["unit"]["contact_name"] = "张三".into();
    p["unit"]["contact_mobile"] = "13800000000".into();
    p["unit"]["contact_email"] = "kx@example.cn".into();
    p["as_of"] = "2021-06-01".into();
    std::fs::write(packet, serde_json::to_string_pretty(&p).unwrap()).unwrap();
}

fn flip_middle_byte(file: &Path) {
    let mut b = std::fs::read(file).unwrap();
    let i = b.len() / 2;
    b[i] ^= 0x01;
    std::fs::write(file, b).unwrap();
}

#[test]
fn two_levels_round_trip_encrypted_with_every_file_proven() {
    let age = require_tool("age");
    let dir = tmp();
    let d = dir.path();
    let org = d.join("市科协");
    let top = d.join("省科协");
    // The organiser makes its encryption key; the unit encrypts to the published recipient file.
    let (code, stdout, err) = jianbao!(&org; "keygen", "--encryption", "--out", org.join("keys"));
    assert_eq!(code, 0, "{err}");
    let recipient = std::fs::read_to_string(org.join("keys/jianbao-age.pub")).unwrap();
    assert!(stdout.contains(recipient.trim()), "{stdout}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(org.join("keys/jianbao-age.key")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the identity is owner-only");
    }
    for k in ["unit", "org", "forger"] {
        jianbao::bundle::keys::keygen(&d.join(k), None).unwrap();
    }
    let packet = sample("ordos-2021-zuimei").join("packet.json");
    let out = run(Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["export".as_ref(), packet.as_os_str(), "--key".as_ref()])
        .arg(d.join("unit/jianbao.key"))
        .arg("--out")
        .arg(d.join("out-unit"))
        .arg("--encrypt-to")
        .arg(org.join("keys/jianbao-age.pub")));
    let sealed = exported(&out, ".zip.age");
    let listed: Vec<_> =
        std::fs::read_dir(d.join("out-unit")).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(listed.len(), 1, "only the encrypted part is written: {listed:?}");
    let bytes = std::fs::read(&sealed).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    assert!(!bytes.windows(7).any(|w| w == b"bagit.t"), "nothing of the bag is visible");

    // The reference tool decrypts it to a bundle `verify` accepts.
    let plain = d.join("decrypted.zip");
    run(Command::new(&age)
        .arg("-d")
        .arg("-i")
        .arg(org.join("keys/jianbao-age.key"))
        .arg("-o")
        .arg(&plain)
        .arg(&sealed));
    let (code, stdout, _) = jianbao!(d; "verify", &plain);
    assert_eq!(code, 0, "{stdout}");

    // The organiser imports the encrypted part with no extra step.
    let (code, stdout, err) = jianbao!(&org; "import", &sealed);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(stdout.contains("已导入"), "{stdout}");
    // A part `age` encrypted to the organiser imports too; one encrypted to someone else is refused.
    let hengshui = sample("hengshui-2019-zuimei").join("packet.json");
    let out = run(Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["export".as_ref(), hengshui.as_os_str(), "--key".as_ref()])
        .arg(d.join("unit/jianbao.key"))
        .arg("--out")
        .arg(d.join("out-b")));
    let b = exported(&out, ".zip");
    let b_age = d.join("b.zip.age");
    run(Command::new(&age).arg("-r").arg(recipient.trim()).arg("-o").arg(&b_age).arg(&b));
    let (code, stdout, _) = jianbao!(&org; "import", &b_age);
    assert_eq!(code, 0, "{stdout}");
    let stranger = d.join("stranger");
    jianbao::bundle::seal::keygen(&stranger).unwrap();
    let (code, stdout, _) = jianbao!(&org; "import", &b_age, "--identity", stranger.join("jianbao-age.key"));
    assert_eq!(code, 1);
    assert!(stdout.contains("[bundle-encrypted-not-for-us"), "{stdout}");

    // 转报上级: 其其格 is a name two units sent; the ID from the reviewer's list picks the one.
    let (code, stdout, _) = jianbao!(&org; "workspace", "candidates", "--json");
    assert_eq!(code, 0);
    let listed: Value = serde_json::from_str(&stdout).unwrap();
    let id = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "其其格" && c["unit"] == "鄂尔多斯市示例能源学会")
        .unwrap_or_else(|| panic!("{stdout}"))["id"]
        .to_string();
    let fwd = d.join("forward");
    let (code, _, err) =
        jianbao!(&org; "forward", "--candidate", "其其格", "--profile", "cis-2021-zuimei", "--out", &fwd);
    assert_eq!(code, 2);
    assert!(
        err.contains("err-candidate-not-found")
            && err.contains(&format!("{id} 其其格（鄂尔多斯市示例能源学会）")),
        "{err}"
    );
    let (code, stdout, err) = jianbao!(&org; "forward", "--candidate", &id, "--profile", "cis-2021-zuimei",
        "--unit", "鄂尔多斯市科协", "--out", &fwd, "--with-originals", "--json");
    assert_eq!(code, 0, "{stdout}{err}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let c = &report["candidates"][0];
    assert_eq!(c["name"], "其其格");
    assert!(c["evidence"].as_bool().unwrap());
    assert_eq!(c["originals"], 1, "the unit's part, decrypted, travels whole: {c}");
    let not: Vec<&str> =
        c["not_copied"].as_array().unwrap().iter().map(|m| m["code"].as_str().unwrap()).collect();
    assert!(not.contains(&"forward-recommender"), "推荐单位意见 is the organiser's: {not:?}");
    assert!(not.contains(&"forward-slot-missing"), "无违法犯罪证明 has no place at the next level: {not:?}");
    let files = c["files"].as_u64().unwrap();
    assert!(files >= 2, "{c}");
    // The packet on disk points at the same bytes the unit sent, each with its origin.
    let p: Value = serde_json::from_str(&std::fs::read_to_string(fwd.join("packet.json")).unwrap()).unwrap();
    assert_eq!(p["unit"]["unit_name"], "鄂尔多斯市科协");
    assert!(p["candidates"][0]["fields"].get("recommender_opinion").is_none());
    assert!(p["candidates"][0]["media"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["origin"]["path"].as_str().unwrap().starts_with("data/材料/")));
    fill_organiser_fields(&fwd.join("packet.json"));
    let (code, stdout, _) = jianbao!(d; "check", fwd.join("packet.json"));
    assert_eq!(code, 0, "after the organiser's fields the forwarded packet passes: {stdout}");
    let out = run(Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["export".as_ref(), fwd.join("packet.json").as_os_str(), "--key".as_ref()])
        .arg(d.join("org/jianbao.key"))
        .arg("--out")
        .arg(d.join("out-org")));
    let forwarded = exported(&out, ".zip");

    // The next level: verify proves the organiser signed and every file came unchanged from the unit.
    let (code, stdout, _) = jianbao!(d; "verify", &forwarded, "--pubkey", d.join("org/jianbao.pub"));
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("由 鄂尔多斯市科协（密钥"), "{stdout}");
    let same = format!("其其格 的 {files} 个文件");
    assert!(stdout.contains(&same) && stdout.contains("与 鄂尔多斯市示例能源学会（密钥"), "{stdout}");
    assert!(stdout.contains("填报日期 为转报单位新增"), "{stdout}");
    assert!(stdout.contains("原始报送包 1 个，校验与其签名证据一致"), "{stdout}");
    assert!(!stdout.contains('✗'), "{stdout}");
    let (code, stdout, _) = jianbao!(d; "verify", &forwarded, "--json");
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["chains"][0]["intact"], true);
    assert_eq!(v["chains"][0]["origins"][0]["candidates"][0]["files_same"].as_u64(), Some(files));
    // …and the top level's import shows the same chain.
    let (code, stdout, _) = jianbao!(&top; "import", &forwarded);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("转报来源证明") && stdout.contains(&same), "{stdout}");

    // Another tool checks the same proof with BagIt, minisign and sha256sum alone.
    let x = d.join("unzipped");
    run(Command::new(require_tool("unzip")).arg("-q").arg(&forwarded).arg("-d").arg(&x));
    let bag = std::fs::read_dir(&x).unwrap().flatten().next().unwrap().path();
    run(Command::new(require_tool("bagit.py")).arg("--validate").arg(&bag));
    let origin = std::fs::read_dir(bag.join("data/转报")).unwrap().flatten().next().unwrap().path();
    let part = origin.join("1");
    let said = run(Command::new(require_tool("minisign")).current_dir(&part).args([
        "-Vm",
        "tagmanifest-sha256.txt",
        "-p",
        "jianbao.pub",
    ]));
    assert!(said.contains("unit=鄂尔多斯市示例能源学会"), "{said}");
    run(Command::new(require_tool("sha256sum")).current_dir(&part).args(["-c", "tagmanifest-sha256.txt"]));
    let prov: Value =
        serde_json::from_str(&std::fs::read_to_string(bag.join("data/jianbao/provenance.json")).unwrap())
            .unwrap();
    let unit_manifest = std::fs::read_to_string(part.join("manifest-sha256.txt")).unwrap();
    let org_manifest = std::fs::read_to_string(bag.join("manifest-sha256.txt")).unwrap();
    let hash_in = |m: &str, path: &str| {
        m.lines().find(|l| l.ends_with(&format!("  {path}"))).map(|l| l[..64].to_string())
    };
    for f in prov["files"].as_array().unwrap() {
        let (here, there) = (f["path"].as_str().unwrap(), f["from"].as_str().unwrap());
        assert!(
            hash_in(&org_manifest, here).is_some()
                && hash_in(&org_manifest, here) == hash_in(&unit_manifest, there),
            "{f}"
        );
    }

    // A one-byte change of a forwarded photo on the way is named at the top level.
    let tampered = d.join("forward-tampered");
    run(Command::new("cp").arg("-r").arg(&fwd).arg(&tampered));
    let photo =
        p["candidates"][0]["media"].as_array().unwrap().iter().find(|m| m["slot"] == "photo").unwrap()
            ["path"]
            .as_str()
            .unwrap()
            .to_string();
    flip_middle_byte(&tampered.join(&photo));
    let out = run(Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["export".as_ref(), tampered.join("packet.json").as_os_str(), "--key".as_ref()])
        .arg(d.join("org/jianbao.key"))
        .arg("--out")
        .arg(d.join("out-tampered")));
    let bad = exported(&out, ".zip");
    let (code, stdout, _) = jianbao!(d; "verify", &bad);
    assert_eq!(code, 1, "a changed forwarded file fails the verification: {stdout}");
    let sent_as =
        p["candidates"][0]["media"].as_array().unwrap().iter().find(|m| m["slot"] == "photo").unwrap()
            ["origin"]["path"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_string();
    assert!(
        stdout.contains(&format!("✗ 其其格 的文件 {sent_as} 与 鄂尔多斯市示例能源学会 签名时不一致")),
        "{stdout}"
    );
    let (code, stdout, _) = jianbao!(&top; "import", &bad);
    assert_eq!(code, 0, "the organiser did sign it: {stdout}");
    assert!(stdout.contains("转报途中被改动"), "{stdout}");

    // An original part swapped for another bundle (validly signed, but not the one the evidence
    // describes) is named.
    let swapped = d.join("forward-swapped");
    run(Command::new("cp").arg("-r").arg(&fwd).arg(&swapped));
    let orig = std::fs::read_dir(swapped.join("files/原件")).unwrap().flatten().next().unwrap().path();
    std::fs::copy(&b, &orig).unwrap();
    let out = run(Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["export".as_ref(), swapped.join("packet.json").as_os_str(), "--key".as_ref()])
        .arg(d.join("org/jianbao.key"))
        .arg("--out")
        .arg(d.join("out-swapped")));
    let (code, stdout, _) = jianbao!(d; "verify", exported(&out, ".zip"));
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("chain-original-differs"), "{stdout}");

    // A forger who also rewrites the unit's carried manifest breaks the unit's signature instead.
    let forged = d.join("forward-forged");
    run(Command::new("cp").arg("-r").arg(&tampered).arg(&forged));
    let mut fp: Value =
        serde_json::from_str(&std::fs::read_to_string(forged.join("packet.json")).unwrap()).unwrap();
    let new_hash = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(std::fs::read(forged.join(&photo)).unwrap()))
    };
    let m = fp["forwarded"]["origins"][0]["parts"][0]["manifest-sha256.txt"].as_str().unwrap().to_string();
    let line = m.lines().find(|l| l.ends_with(&format!("/{sent_as}"))).unwrap().to_string();
    fp["forwarded"]["origins"][0]["parts"][0]["manifest-sha256.txt"] =
        m.replace(&line[..64], &new_hash).into();
    std::fs::write(forged.join("packet.json"), fp.to_string()).unwrap();
    let out = run(Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["export".as_ref(), forged.join("packet.json").as_os_str(), "--key".as_ref()])
        .arg(d.join("org/jianbao.key"))
        .arg("--out")
        .arg(d.join("out-forged")));
    let (code, stdout, _) = jianbao!(d; "verify", exported(&out, ".zip"));
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("的签名证据无效") && stdout.contains("bundle-altered"), "{stdout}");
}

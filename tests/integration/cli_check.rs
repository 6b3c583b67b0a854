//! `jianbao check`, `inspect` and `wordcount` as a user runs them.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::{jianbao, sample, tmp, IDS};

#[test]
fn every_sample_checks_clean() {
    let ws = tmp();
    for id in IDS {
        let packet = sample(id).join("packet.json");
        let (code, out, err) = jianbao!(ws.path(); "check", &packet, "--json");
        assert_eq!(code, 0, "{id}: {out}{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["errors"], 0, "{id}: {out}");
        assert_eq!(v["warnings"], 0, "{id}: {out}");
        let (code, out, _) = jianbao!(ws.path(); "check", &packet);
        assert_eq!(code, 0);
        assert!(out.contains("检查通过"), "{out}");
    }
}

#[test]
fn check_json_has_the_documented_shape_and_exit_1() {
    let ws = tmp();
    let packet = sample("ordos-2021-zuimei").join("packet.json");
    // A day after the deadline of a notice that says 过期不候.
    let (code, out, _) = jianbao!(ws.path(); "check", &packet, "--json", "--today", "2021-06-03");
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["code"], "deadline-passed-strict");
    assert_eq!(f["severity"], "error");
    assert!(f["candidate"].is_null() && f["field"].is_null() && f["file"].is_null());
    assert!(f["clause"].as_str().unwrap().contains("过期不候"));
    assert!(f["message"].as_str().unwrap().contains("2021年6月2日前"));
    assert_eq!(v["errors"], 1);
    let (_, out, _) = jianbao!(ws.path(); "--lang", "en", "check", &packet, "--today", "2021-06-03");
    assert!(out.contains("refuses late materials") && out.contains("1 error(s)"), "{out}");
}

#[test]
fn wordcount_counts_as_word_does() {
    for (text, words) in [("使用 Adobe Photoshop 打开图片", "8"), ("2024年获得3项专利", "8")] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .args(["wordcount", "--json"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["words"].to_string(), words, "{text}");
    }
    let dir = tmp();
    let f = dir.path().join("t.txt");
    std::fs::write(&f, "你好，世界。Hello world").unwrap();
    let (code, out, _) = jianbao!(dir.path(); "wordcount", &f);
    assert_eq!(code, 0);
    assert!(
        out.contains("字数: 8") && out.contains("汉字: 4") && out.contains("字符数(计空格): 17"),
        "{out}"
    );
}

#[test]
fn inspect_reports_what_files_are() {
    let dir = sample("ordos-2021-zuimei");
    let ws = tmp();
    let id_photo = dir.join("media/王海涛1.jpg");
    let pdf = dir.join("documents/王海涛-无违法犯罪证明.pdf");
    let png = ws.path().join("photo.jpg");
    image::RgbImage::from_pixel(40, 30, image::Rgb([1, 2, 3]))
        .save_with_format(&png, image::ImageFormat::Png)
        .unwrap();
    let video = ws.path().join("v.mov");
    let spec = jianbao::sample::mp4::VideoSpec {
        rotation: 90,
        quicktime: true,
        seconds: 42.0,
        ..Default::default()
    };
    std::fs::write(&video, jianbao::sample::mp4::synth(&spec)).unwrap();
    let (code, out, err) = jianbao!(ws.path(); "inspect", "--json", &id_photo, &pdf, &png, &video);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["kind"], "jpeg");
    assert_eq!(v[0]["photo"]["background"]["colour"], "red");
    assert!(v[0]["photo"]["background"]["rgb"].as_str().is_some_and(|h| h.starts_with('#') && h.len() == 7));
    assert_eq!(v[0]["photo"]["jfif_dpi"], 300.0);
    assert_eq!(v[1]["kind"], "pdf");
    assert_eq!(v[1]["pdf"]["pages"], 1);
    assert_eq!(v[1]["pdf"]["encrypted"], false);
    assert_eq!(v[2]["kind"], "png", "judged by content, not by the .jpg name");
    assert_eq!(v[3]["kind"], "mov");
    assert_eq!(v[3]["video"]["width"], 1080);
    assert_eq!(v[3]["video"]["height"], 1920);
    assert_eq!(v[3]["video"]["duration_s"], 42.0);
    // Hostile inputs: findings, never a crash.
    let empty = ws.path().join("empty.mp4");
    std::fs::write(&empty, b"").unwrap();
    let cut = ws.path().join("cut.jpg");
    let bytes = std::fs::read(&id_photo).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    let (code, out, _) = jianbao!(ws.path(); "inspect", &empty, &cut);
    assert_eq!(code, 1);
    assert!(out.contains("empty") && out.contains("truncated"), "{out}");
}

/// `--help` speaks the user's language: Chinese by default (every command and every option of every
/// command described in Chinese), English with `--lang en`.
#[test]
fn help_is_chinese_by_default_for_every_command_and_english_on_request() {
    let ws = crate::tmp();
    let has_han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let (code, top, err) = jianbao!(ws.path(); "--help");
    assert_eq!(code, 0, "{err}");
    assert!(top.contains("用法") && top.contains("命令"), "{top}");
    // The command names, as listed under 命令.
    let commands: Vec<String> = top
        .lines()
        .skip_while(|l| !l.starts_with("命令"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    assert!(commands.len() >= 18, "{commands:?} {top}");
    let mut paths: Vec<Vec<String>> = commands.iter().map(|c| vec![c.clone()]).collect();
    for nested in ["profile", "workspace", "receipt"] {
        let (_, out, _) = jianbao!(ws.path(); nested, "--help");
        for l in
            out.lines().skip_while(|l| !l.starts_with("命令")).skip(1).take_while(|l| l.starts_with("  "))
        {
            if let Some(name) = l.split_whitespace().next() {
                paths.push(vec![nested.to_string(), name.to_string()]);
            }
        }
    }
    for path in &paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = crate::run_cli(ws.path(), &args.iter().map(std::ffi::OsStr::new).collect::<Vec<_>>());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{path:?}: {text}");
        let described: Vec<&str> = text
            .lines()
            .filter(|l| l.trim_start().starts_with('-') || l.trim_start().starts_with('<'))
            .collect();
        assert!(!described.is_empty(), "{path:?}: {text}");
        for l in described {
            assert!(has_han(l), "{path:?}: an option described in English only: {l}");
        }
        assert!(has_han(text.lines().next().unwrap_or_default()), "{path:?}: {text}");
    }
    let (_, en, _) = jianbao!(ws.path(); "--lang", "en", "export", "--help");
    assert!(en.contains("Usage") && en.contains("Output folder"), "{en}");
    assert!(!en.contains("输出文件夹"), "{en}");
}

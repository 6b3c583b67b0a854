//! Test vectors for the checker, in the style of age's testkit: each file under `tests/vectors/` is
//! one case with a header naming the finding codes it must produce,
//!
//! ```text
//! expect: field-mobile            # codes that must appear ("none" for a packet that must pass)
//! also: file-duplicate            # codes that may appear besides (optional)
//! warning: field-advised          # codes that must appear, each only as a warning (advice)
//! says: 还差 1 B                   # words some finding's zh-CN message must contain (repeatable)
//! profile: ordos-2021-zuimei      # whose sample packet the edits start from
//! today: 2021-06-05               # optional: the day the deadline is judged at
//! ---
//! {"set": "candidates.0.fields.mobile", "to": "1390477123"}
//! ```
//!
//! followed by one edit per line: `set`/`remove` a JSON path of the packet, `copy` one to another,
//! or `make` a file for a file reference (photos, videos, PDFs and hostile bytes generated at test
//! time). A vector fails when an expected code is missing or any other code appears.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use jianbao::profile::{Background, Registry};
use jianbao::sample::mp4::{synth as synth_mp4, VideoSpec};
use jianbao::sample::{synth_jpeg, synth_pdf, PhotoSpec};
use serde_json::Value;

use crate::{require_tool, root, sample};

struct Vector {
    name: String,
    expect: BTreeSet<String>,
    also: BTreeSet<String>,
    warning: BTreeSet<String>,
    says: Vec<String>,
    profile: String,
    today: Option<String>,
    ops: Vec<Value>,
}

fn parse(name: &str, text: &str) -> Vector {
    let (head, body) = text.split_once("\n---\n").unwrap_or_else(|| panic!("{name}: no --- line"));
    let mut v = Vector {
        name: name.into(),
        expect: BTreeSet::new(),
        also: BTreeSet::new(),
        warning: BTreeSet::new(),
        says: Vec::new(),
        profile: String::new(),
        today: None,
        ops: vec![],
    };
    for line in head.lines() {
        if let Some(words) = line.trim().strip_prefix("says:") {
            v.says.push(words.trim().to_string());
            continue;
        }
        let line = line.split('#').next().unwrap().trim();
        let Some((k, val)) = line.split_once(':') else { continue };
        let words = || val.split_whitespace().map(str::to_string).filter(|w| w != "none");
        match k.trim() {
            "expect" => v.expect.extend(words()),
            "also" => v.also.extend(words()),
            "warning" => {
                v.warning.extend(words());
                v.expect.extend(words());
            }
            "profile" => v.profile = val.trim().into(),
            "today" => v.today = Some(val.trim().into()),
            other => panic!("{name}: unknown header {other}"),
        }
    }
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        v.ops.push(serde_json::from_str(line).unwrap_or_else(|e| panic!("{name}: bad edit {line}: {e}")));
    }
    v
}

fn pointer(path: &str) -> String {
    format!("/{}", path.replace('.', "/"))
}

fn set(doc: &mut Value, path: &str, to: Value) {
    let (parent, key) = path.rsplit_once('.').map(|(p, k)| (pointer(p), k)).unwrap_or(("".into(), path));
    let target = if parent == "/" || parent.is_empty() {
        doc
    } else {
        doc.pointer_mut(&parent).unwrap_or_else(|| panic!("no {parent}"))
    };
    match target {
        Value::Object(m) => {
            m.insert(key.into(), to);
        }
        Value::Array(a) => {
            let i: usize = key.parse().unwrap();
            if i == a.len() {
                a.push(to)
            } else {
                a[i] = to
            }
        }
        _ => panic!("cannot set {path}"),
    }
}

fn remove(doc: &mut Value, path: &str) {
    let (parent, key) = path.rsplit_once('.').unwrap();
    match doc.pointer_mut(&pointer(parent)).unwrap() {
        Value::Object(m) => {
            m.remove(key);
        }
        Value::Array(a) => {
            a.remove(key.parse::<usize>().unwrap());
        }
        _ => panic!("cannot remove {path}"),
    }
}

fn jpeg_claiming(width: u16, height: u16) -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1, 1, 1, 0, 72, 0, 72, 0, 0];
    v.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8]);
    v.extend_from_slice(&height.to_be_bytes());
    v.extend_from_slice(&width.to_be_bytes());
    v.extend_from_slice(&[1, 1, 0x11, 0, 0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0]);
    v.extend_from_slice(&[0x12; 600]);
    v.extend_from_slice(&[0xFF, 0xD9]);
    v
}

/// Stores an upright picture sideways (turned a quarter anticlockwise), as a phone's sensor does.
fn stored_sideways(jpeg: Vec<u8>) -> Vec<u8> {
    let img = image::load_from_memory(&jpeg).unwrap().rotate270().to_rgb8();
    let mut out = Vec::new();
    let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95);
    enc.set_pixel_density(image::codecs::jpeg::PixelDensity::dpi(300));
    image::ImageEncoder::write_image(
        enc,
        img.as_raw(),
        img.width(),
        img.height(),
        image::ExtendedColorType::Rgb8,
    )
    .unwrap();
    out
}

/// Inserts an EXIF APP1 segment with an orientation tag after SOI, as a phone does for a picture
/// stored sideways.
fn with_orientation(jpeg: Vec<u8>, orientation: Option<u64>) -> Vec<u8> {
    let Some(o) = orientation else { return jpeg };
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one IFD entry
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&(o as u16).to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]); // padding, next IFD = 0
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut r = jianbao::sample::Rng::new(seed);
    (0..len).map(|_| r.next() as u8).collect()
}

fn num(spec: &Value, key: &str, default: f64) -> f64 {
    spec.get(key).and_then(Value::as_f64).unwrap_or(default)
}

/// Makes a file's bytes from a `make` spec; `current` is the file the reference pointed at.
fn make(spec: &Value, current: Option<&Path>, seed: u64, scratch: &Path) -> Vec<u8> {
    let (kind, s) = spec
        .as_object()
        .and_then(|o| o.iter().next())
        .map(|(k, v)| (k.as_str(), v))
        .expect("make {kind: spec}");
    match kind {
        "jpeg_sideways" => with_orientation(
            stored_sideways(synth_jpeg(&PhotoSpec {
                width: num(s, "width", 1347.0) as u32,
                height: num(s, "height", 1960.0) as u32,
                dpi: 300,
                min_bytes: num(s, "min_bytes", 0.0) as u64,
                background: Some(Background::Red),
                seed,
            })),
            Some(6),
        ),
        "jpeg" => with_orientation(
            synth_jpeg(&PhotoSpec {
                width: num(s, "width", 1200.0) as u32,
                height: num(s, "height", 900.0) as u32,
                dpi: num(s, "dpi", 300.0) as u16,
                min_bytes: num(s, "min_bytes", 0.0) as u64,
                background: match s.get("background").and_then(Value::as_str) {
                    Some("red") => Some(Background::Red),
                    Some("white") => Some(Background::White),
                    Some("blue") => Some(Background::Blue),
                    _ => None,
                },
                seed,
            }),
            s.get("orientation").and_then(Value::as_u64),
        ),
        "jpeg_split" => {
            let (w, h) = (num(s, "width", 780.0) as u32, num(s, "height", 1134.0) as u32);
            let img = image::RgbImage::from_fn(w, h, |x, _| {
                if x < w / 2 {
                    image::Rgb([206, 28, 36])
                } else {
                    image::Rgb([248, 248, 248])
                }
            });
            let mut out = std::io::Cursor::new(Vec::new());
            img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
            out.into_inner()
        }
        "png" => {
            let img = image::RgbImage::from_pixel(
                num(s, "width", 400.0) as u32,
                num(s, "height", 300.0) as u32,
                image::Rgb([200, 30, 30]),
            );
            let mut out = std::io::Cursor::new(Vec::new());
            img.write_to(&mut out, image::ImageFormat::Png).unwrap();
            let mut v = out.into_inner();
            v.extend(noise(num(s, "pad", 0.0) as usize, seed)); // trailing bytes are ignored by readers
                                                                // `total`: exactly this many bytes in all (a size at a boundary).
            if let Some(total) = s.get("total").and_then(Value::as_u64) {
                let total = total as usize;
                v.extend(noise(total.saturating_sub(v.len()), seed));
                v.truncate(total);
            }
            v
        }
        "heic" => [b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec(), noise(3_000_000, seed)].concat(),
        "avif" => [b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf".to_vec(), noise(3_000_000, seed)].concat(),
        "tiff" => [b"II*\0\x08\0\0\0".to_vec(), noise(3_000_000, seed)].concat(),
        "bmp" => [b"BM\x36\x10\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0".to_vec(), noise(3_000_000, seed)].concat(),
        // An even background of any colour (grey, beige), as an ID photo of the right size and
        // bytes: a head-shaped dark blot in the middle, the rest `rgb`, noise to reach `min_bytes`.
        "jpeg_plain" => {
            let (w, h) = (num(s, "width", 780.0) as u32, num(s, "height", 1134.0) as u32);
            let rgb: Vec<u8> =
                s["rgb"].as_array().unwrap().iter().map(|c| c.as_u64().unwrap() as u8).collect();
            let mut r = jianbao::sample::Rng::new(seed);
            let img = image::RgbImage::from_fn(w, h, |x, y| {
                let (dx, dy) = (x as f64 - w as f64 / 2.0, y as f64 - h as f64 * 0.55);
                if dx * dx / (w as f64 * 0.3).powi(2) + dy * dy / (h as f64 * 0.4).powi(2) < 1.0 {
                    let n = (r.next() % 64) as u8;
                    image::Rgb([40 + n, 30 + n, 30 + n])
                } else {
                    image::Rgb([rgb[0], rgb[1], rgb[2]])
                }
            });
            let mut out = std::io::Cursor::new(Vec::new());
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 100).encode_image(&img).unwrap();
            let mut v = out.into_inner();
            // Pad inside a COM segment chain after SOI so the file reaches its size and stays valid.
            let want = num(s, "min_bytes", 0.0) as usize;
            let mut pad = Vec::new();
            while v.len() + pad.len() < want {
                let n = (want - v.len() - pad.len()).min(65_000);
                pad.extend_from_slice(&[0xFF, 0xFE]);
                pad.extend_from_slice(&((n + 2) as u16).to_be_bytes());
                pad.extend(std::iter::repeat_n(b'x', n));
            }
            v.splice(2..2, pad);
            v
        }
        "webp" => [b"RIFF\0\0\0\0WEBPVP8 ".to_vec(), noise(3_000_000, seed)].concat(),
        "random" => noise(num(s, "len", 5000.0) as usize, seed),
        "empty" => Vec::new(),
        "jpeg_claiming" => jpeg_claiming(num(s, "width", 60000.0) as u16, num(s, "height", 60000.0) as u16),
        "jpeg_garbage" => {
            // A valid header, then data no decoder accepts, then an end marker.
            let good = synth_jpeg(&PhotoSpec {
                width: 390,
                height: 567,
                dpi: 300,
                min_bytes: 0,
                background: Some(Background::Red),
                seed,
            });
            let start =
                jianbao::media::jpeg::probe(std::io::Cursor::new(&good)).unwrap().scan_offset as usize;
            let mut v = good[..start].to_vec();
            v.extend(noise(num(s, "len", 2_200_000.0) as usize, seed).into_iter().map(|b| {
                if b == 0xFF {
                    0xFE
                } else {
                    b
                }
            }));
            v.extend_from_slice(&[0xFF, 0xD9]);
            v
        }
        "truncate" => {
            let bytes = std::fs::read(current.expect("truncate needs an existing file")).unwrap();
            bytes[..(bytes.len() as f64 * num(s, "keep", 0.5)) as usize].to_vec()
        }
        "mp4" => {
            let codec =
                s.get("codec").and_then(Value::as_str).unwrap_or("avc1").as_bytes().try_into().unwrap();
            let v = synth_mp4(&VideoSpec {
                width: num(s, "width", 1920.0) as u32,
                height: num(s, "height", 1080.0) as u32,
                seconds: num(s, "seconds", 60.0),
                rotation: num(s, "rotation", 0.0) as u32,
                codec,
                quicktime: s.get("quicktime").and_then(Value::as_bool).unwrap_or(false),
                audio: true,
                mdat_bytes: 20_000,
            });
            let v = if s.get("strip_ftyp").and_then(Value::as_bool) == Some(true) {
                let n = u32::from_be_bytes(v[..4].try_into().unwrap()) as usize;
                v[n..].to_vec()
            } else {
                v
            };
            match (s.get("cut").and_then(Value::as_f64), s.get("poke").and_then(Value::as_array)) {
                (Some(keep), _) => v[..(v.len() as f64 * keep) as usize].to_vec(),
                (_, Some(p)) => {
                    let mut v = v;
                    let at = p[0].as_i64().unwrap();
                    let at = if at < 0 { (v.len() as i64 + at) as usize } else { at as usize };
                    for (i, b) in p[1].as_array().unwrap().iter().enumerate() {
                        v[at + i] = b.as_u64().unwrap() as u8;
                    }
                    v
                }
                _ => v,
            }
        }
        "pdf" => synth_pdf("示例文件", &["内容".to_string()], None),
        "pdf_encrypted" => {
            let plain = scratch.join("plain.pdf");
            let out = scratch.join("encrypted.pdf");
            std::fs::write(&plain, synth_pdf("示例文件", &["内容".to_string()], None)).unwrap();
            let qpdf = require_tool("qpdf");
            let status = std::process::Command::new(qpdf)
                .args(["--encrypt", "user", "owner", "256", "--"])
                .arg(&plain)
                .arg(&out)
                .status()
                .unwrap();
            assert!(status.success());
            std::fs::read(out).unwrap()
        }
        "pdf_garbage" => [b"%PDF-1.4\n".to_vec(), noise(4000, seed), b"\n%%EOF\n".to_vec()].concat(),
        other => panic!("unknown make kind {other}"),
    }
}

fn run(v: &Vector) -> Result<(), String> {
    let dir = sample(&v.profile);
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("packet.json")).unwrap()).unwrap();
    let files = dir.join(format!("vec-{}", v.name));
    std::fs::create_dir_all(&files).unwrap();
    for (i, op) in v.ops.iter().enumerate() {
        if let Some(path) = op.get("set").and_then(Value::as_str) {
            set(&mut doc, path, op["to"].clone());
        } else if let Some(path) = op.get("repeat").and_then(Value::as_str) {
            // A text repeated, or a table's first row repeated, `times` times.
            let n = op["times"].as_u64().unwrap() as usize;
            let value = match op.get("text").and_then(Value::as_str) {
                Some(t) => Value::String(t.repeat(n)),
                None => {
                    let row =
                        doc.pointer(&pointer(&format!("{path}.0"))).ok_or(format!("no {path}.0"))?.clone();
                    Value::Array(vec![row; n])
                }
            };
            set(&mut doc, path, value);
        } else if let Some(path) = op.get("remove").and_then(Value::as_str) {
            remove(&mut doc, path);
        } else if let Some(from) = op.get("copy").and_then(Value::as_str) {
            let value = doc.pointer(&pointer(from)).ok_or(format!("no {from} to copy"))?.clone();
            set(&mut doc, op["to"].as_str().unwrap(), value);
        } else if let Some(at) = op.get("file").and_then(Value::as_str) {
            let current =
                doc.pointer(&pointer(&format!("{at}.path"))).and_then(Value::as_str).map(|p| dir.join(p));
            let name = op.get("name").and_then(Value::as_str).unwrap_or("file.bin");
            let bytes = make(
                &op["make"],
                current.as_deref(),
                jianbao::sample::seed_of(&format!("{}/{i}", v.name)),
                &files,
            );
            std::fs::write(files.join(name), bytes).unwrap();
            let slot = doc
                .pointer(&pointer(&format!("{at}.slot")))
                .cloned()
                .or_else(|| op.get("slot").cloned())
                .expect("slot");
            set(&mut doc, at, serde_json::json!({"slot": slot, "path": format!("vec-{}/{name}", v.name)}));
        } else {
            return Err(format!("unknown edit {op}"));
        }
    }
    let file = dir.join(format!("vec-{}.json", v.name));
    std::fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let reg = Registry::builtin().unwrap();
    let (loaded, profile) = jianbao::packet::load(&file, &reg).map_err(|e| format!("packet refused: {e}"))?;
    let as_of = v.today.as_deref().or(loaded.packet.as_of.as_deref());
    let report = jianbao::check::check(&loaded, &profile, jianbao::check::Options::as_of(as_of));
    let got: BTreeSet<String> = report.findings.iter().map(|f| f.code.to_string()).collect();
    let missing: Vec<_> = v.expect.difference(&got).collect();
    let unexpected: Vec<_> = got.iter().filter(|c| !v.expect.contains(*c) && !v.also.contains(*c)).collect();
    // Advice is only ever a warning; the notice's rules may block.
    let blocking: Vec<_> = report
        .findings
        .iter()
        .filter(|f| v.warning.contains(f.code) && f.severity != jianbao::check::Severity::Warning)
        .map(|f| f.code)
        .collect();
    for f in &report.findings {
        if f.authority == jianbao::profile::Authority::Advice
            && f.severity != jianbao::check::Severity::Warning
        {
            return Err(format!("{} is our advice but blocks", f.code));
        }
    }
    let l = jianbao::i18n::Localizer::new(jianbao::i18n::Lang::Zh);
    let messages: Vec<String> = report.findings.iter().map(|f| f.message(&l)).collect();
    let unsaid: Vec<_> = v.says.iter().filter(|w| !messages.iter().any(|m| m.contains(w.as_str()))).collect();
    if missing.is_empty() && unexpected.is_empty() && blocking.is_empty() && unsaid.is_empty() {
        Ok(())
    } else {
        let detail: Vec<String> =
            report.findings.iter().map(|f| format!("    {} {}", f.code, f.message(&l))).collect();
        Err(format!(
            "missing {missing:?}, unexpected {unexpected:?}, blocking {blocking:?}, unsaid {unsaid:?}\n{}",
            detail.join("\n")
        ))
    }
}

fn vectors() -> Vec<(PathBuf, String)> {
    let mut out: Vec<_> = std::fs::read_dir(root().join("tests/vectors"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "vec"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_vector_gives_its_expected_codes() {
    let mut failures = Vec::new();
    let all = vectors();
    assert!(all.len() >= 60, "only {} vectors", all.len());
    for (path, text) in &all {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let v = parse(&name, text);
        if let Err(e) = run(&v) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

/// Every finding code the checker can produce has a vector or a unit test, a message in both
/// languages and a line in docs/findings.md.
#[test]
fn every_code_is_documented_and_translated() {
    let docs = std::fs::read_to_string(root().join("docs/findings.md")).unwrap();
    let zh = jianbao::i18n::Localizer::new(jianbao::i18n::Lang::Zh);
    let en = jianbao::i18n::Localizer::new(jianbao::i18n::Lang::En);
    let covered: String = vectors().into_iter().map(|(_, t)| t).collect();
    for (code, _) in jianbao::check::CODES {
        assert!(docs.contains(&format!("`{code}`")), "{code} missing in docs/findings.md");
        assert!(zh.has(code) && en.has(code), "{code} missing in a catalog");
        let unit_tested = [
            "field-words-min",
            "field-select-min",
            "field-select-max",
            "field-pattern",
            "history-rows-min",
            "history-rows-max",
            "photo-bytes-max",
            "photo-too-large",
            "video-no-track",
            "doc-pages",
            "file-unreadable",
            "id-photo-background-unknown",
        ];
        assert!(covered.contains(code) || unit_tested.contains(code), "{code} has no test vector");
    }
}

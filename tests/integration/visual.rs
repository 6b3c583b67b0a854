//! Visual regression: the five samples' 推荐表 and 汇总表 and a stress packet, rasterised page by page
//! with `pdftoppm`, against the reference images committed under `tests/visual/`, with a tolerance
//! for anti-aliasing. A layout change shows up here and in review (the references are PNGs a person
//! can open). After a deliberate change, rewrite them with `JIANBAO_BLESS=1 cargo test visual`, look
//! at every changed image, and commit them.

use std::path::{Path, PathBuf};
use std::process::Command;

use jianbao::profile::Registry;
use jianbao::render::RenderOptions;
use serde_json::{json, Value};

use crate::{require_tool, root, sample, tmp, IDS};

/// Resolution of the references: enough to see every rule and line of text, small in the repository.
const DPI: &str = "36";

fn references() -> PathBuf {
    root().join("tests/visual")
}

/// The rasteriser's version line (`pdftoppm version 22.12.0`), recorded with the references.
fn rasteriser() -> String {
    let out = Command::new(require_tool("pdftoppm")).arg("-v").output().unwrap();
    let text = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    text.lines().next().unwrap_or("").trim().to_string()
}

/// Rasterises a PDF into grey PNG pages `prefix-N.png`; returns them in page order.
fn pages(pdf: &Path, dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let st = Command::new(require_tool("pdftoppm"))
        .args(["-r", DPI, "-gray", "-png"])
        .arg(pdf)
        .arg(dir.join(prefix))
        .status()
        .unwrap();
    assert!(st.success());
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name().unwrap().to_string_lossy().starts_with(&format!("{prefix}-"))
                && p.extension().is_some_and(|e| e == "png")
        })
        .collect();
    let number = |p: &PathBuf| -> u32 {
        let s = p.file_stem().unwrap().to_string_lossy().into_owned();
        s.rsplit('-').next().unwrap().parse().unwrap()
    };
    out.sort_by_key(number);
    out
}

/// A 3×3 box blur: what differs by anti-aliasing between poppler and FreeType versions (a glyph edge
/// a pixel lighter) fades, what moved (a rule, a line of text) stays.
fn blur(img: &image::GrayImage) -> Vec<u8> {
    let (w, h) = (img.width() as i64, img.height() as i64);
    let mut out = Vec::with_capacity((w * h) as usize);
    for y in 0..h {
        for x in 0..w {
            let (mut sum, mut n) = (0u32, 0u32);
            for dy in -1..=1 {
                for dx in -1..=1 {
                    let (xx, yy) = (x + dx, y + dy);
                    if xx >= 0 && yy >= 0 && xx < w && yy < h {
                        sum += u32::from(img.get_pixel(xx as u32, yy as u32).0[0]);
                        n += 1;
                    }
                }
            }
            out.push((sum / n) as u8);
        }
    }
    out
}

/// How two page images differ after blurring: (mean absolute difference of grey levels, share of
/// pixels off by more than 40 levels).
fn difference(a: &image::GrayImage, b: &image::GrayImage) -> (f64, f64) {
    let (a, b) = (blur(a), blur(b));
    let n = a.len() as f64;
    let (mut sum, mut off) = (0u64, 0u64);
    for (p, q) in a.iter().zip(&b) {
        let d = (i32::from(*p) - i32::from(*q)).unsigned_abs();
        sum += u64::from(d);
        off += u64::from(d > 40);
    }
    (sum as f64 / n, off as f64 / n)
}

/// Compares (or, with `JIANBAO_BLESS=1`, rewrites) the references `name-N.png` for a PDF.
fn compare(pdf: &Path, name: &str, failures: &mut Vec<String>) {
    let dir = tmp();
    let got = pages(pdf, dir.path(), name);
    let refs = references();
    if std::env::var_os("JIANBAO_BLESS").is_some() {
        std::fs::create_dir_all(&refs).unwrap();
        for old in pages_in(&refs, name) {
            std::fs::remove_file(old).unwrap();
        }
        for p in &got {
            std::fs::copy(p, refs.join(p.file_name().unwrap())).unwrap();
        }
        std::fs::write(refs.join("RASTERISER"), rasteriser() + "\n").unwrap();
        return;
    }
    let want = pages_in(&refs, name);
    if want.len() != got.len() {
        failures.push(format!("{name}: {} pages, the reference has {}", got.len(), want.len()));
        return;
    }
    let seen = root().join("test-output/visual");
    std::fs::create_dir_all(&seen).unwrap();
    // Another poppler version anti-aliases glyph edges a little differently: a wider tolerance then,
    // still well under what a moved rule or row does (seal boxes 2 mm shorter: 4.6 levels, 5.3 %).
    let same = std::fs::read_to_string(refs.join("RASTERISER")).is_ok_and(|v| v.trim() == rasteriser());
    let (max_mean, max_off) = if same { (2.0, 0.02) } else { (3.5, 0.04) };
    for (g, w) in got.iter().zip(&want) {
        let a = image::open(g).unwrap().to_luma8();
        let b = image::open(w).unwrap().to_luma8();
        if a.dimensions() != b.dimensions() {
            failures.push(format!(
                "{}: size {:?}, reference {:?}",
                g.display(),
                a.dimensions(),
                b.dimensions()
            ));
            continue;
        }
        let (mean, off) = difference(&a, &b);
        // Tolerances measured here: poppler's thin-line modes (a stand-in for another version's
        // rasteriser) move a page by at most 0.9 grey levels and 1.5 % of pixels; seal boxes 2 mm
        // shorter move the pages they are on by 4.6 levels and 5.3 %.
        if mean > max_mean || off > max_off {
            // Keep what was rendered beside the reference, for review.
            std::fs::copy(g, seen.join(g.file_name().unwrap())).unwrap();
            failures.push(format!(
                "{}: differs from {} (mean {mean:.2} grey levels, {:.2} % of pixels off); the new page is in test-output/visual/",
                g.file_name().unwrap().to_string_lossy(),
                w.display(),
                off * 100.0
            ));
        }
    }
}

fn pages_in(dir: &Path, name: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|r| r.map(|e| e.unwrap().path()).collect()).unwrap_or_default();
    v.retain(|p| {
        let f = p.file_name().unwrap().to_string_lossy().into_owned();
        f.strip_prefix(&format!("{name}-"))
            .and_then(|rest| rest.strip_suffix(".png"))
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
    });
    v.sort_by_key(|p| {
        let s = p.file_stem().unwrap().to_string_lossy().into_owned();
        s.rsplit('-').next().unwrap().parse::<u32>().unwrap()
    });
    v
}

/// Renders a packet in memory and writes its first candidate's 推荐表 and its 汇总表 to `dir`.
fn render(
    loaded: &jianbao::packet::LoadedPacket,
    profile: &jianbao::profile::Profile,
    dir: &Path,
) -> Vec<(String, PathBuf)> {
    let files = jianbao::render::render_files(loaded, profile, &RenderOptions::default()).unwrap();
    let mut out = Vec::new();
    let mut seen_form = false;
    for (name, bytes) in files {
        let kind = if name.starts_with("推荐表-") && name.ends_with(".pdf") && !seen_form {
            seen_form = true;
            "form"
        } else if name == "汇总表.pdf" {
            "summary"
        } else {
            continue;
        };
        let path = dir.join(&name);
        std::fs::write(&path, bytes).unwrap();
        out.push((kind.to_string(), path));
    }
    out
}

/// A packet that exercises every way a form breaks: long names and units, 20 history rows, a long
/// e-mail address, deeds over several pages, long opinions.
fn stress(reg: &Registry) -> (jianbao::packet::LoadedPacket, jianbao::profile::Profile) {
    let dir = sample("ordos-2021-zuimei");
    let (mut loaded, profile) = jianbao::packet::load(&dir.join("packet.json"), reg).unwrap();
    let c = &mut loaded.packet.candidates[0];
    let history: Vec<Value> = (0..20)
        .map(|i| json!({"from": format!("{}.09", 1990 + i), "to": format!("{}.07", 1991 + i), "what": format!("内蒙古自治区鄂尔多斯市某能源研究院第{i}研究室从事煤炭清洁转化研究工作")}))
        .collect();
    c.fields.insert("history".into(), Value::Array(history));
    c.fields.insert(
        "employer_position".into(),
        json!("内蒙古自治区鄂尔多斯市煤炭清洁高效利用研究院煤化工研究所所长、党支部书记、首席科学家"),
    );
    c.fields.insert("email".into(), json!("wang.haitao.coal.research@ordos-energy-institute.org.cn"));
    c.fields.insert("main_deeds".into(), json!("他说：“科技工作者的价值，要在服务国家和人民中体现。”同事们回忆，那年冬天（零下三十度）装置试车，他守了一夜；天亮时，问题终于解决！".repeat(40)));
    c.fields.insert(
        "recommender_opinion".into(),
        json!("该同志长期扎根一线，成绩突出，事迹感人，经研究同意推荐。".repeat(12)),
    );
    loaded.packet.unit.insert(
        profile.unit_form.name_field.clone(),
        json!("内蒙古自治区鄂尔多斯市示例能源学会科学技术协会联合会秘书处"),
    );
    (loaded, profile)
}

#[test]
fn forms_look_as_they_did() {
    let reg = Registry::builtin().unwrap();
    let dir = tmp();
    let mut failures = Vec::new();
    let mut cases: Vec<(String, jianbao::packet::LoadedPacket, jianbao::profile::Profile)> = IDS
        .iter()
        .map(|id| {
            let (l, p) = jianbao::packet::load(&sample(id).join("packet.json"), &reg).unwrap();
            (id.to_string(), l, p)
        })
        .collect();
    let (l, p) = stress(&reg);
    cases.push(("stress".into(), l, p));
    for (name, loaded, profile) in &cases {
        let out = dir.path().join(name);
        std::fs::create_dir_all(&out).unwrap();
        for (kind, pdf) in render(loaded, profile, &out) {
            compare(&pdf, &format!("{name}-{kind}"), &mut failures);
        }
    }
    assert!(failures.is_empty(), "the printed forms changed:\n{}", failures.join("\n"));
}

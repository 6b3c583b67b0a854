//! `jianbao render`: every sample's forms as PDF/A, Word and Excel, checked with poppler, qpdf and
//! LibreOffice as a reviewer's machine would open them. Page images go to `test-output/pages/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use jianbao::profile::{FieldKind, Registry};
use serde_json::Value;

use crate::{jianbao, require_tool, root, sample, tmp, IDS};

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new(require_tool("pdftotext")).arg("-raw").arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of a rendered form without page furniture (footers, （续） headings), whitespace removed.
fn body_text(raw: &str, profile_id: &str) -> String {
    raw.lines()
        .filter(|l| {
            !(squash(l).contains("页共") || l.trim_start().starts_with(profile_id) || l.contains("（续）"))
        })
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn render(packet: &Path, out: &Path, extra: &[&str]) -> Vec<PathBuf> {
    let ws = tmp();
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["render".as_ref(), packet.as_os_str(), "--out".as_ref(), out.as_os_str()];
    args.extend(extra.iter().map(|s| AsRef::<std::ffi::OsStr>::as_ref(*s)));
    let o = crate::run_cli(ws.path(), &args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).lines().map(PathBuf::from).collect()
}

#[test]
fn every_sample_renders_faithfully() {
    let reg = Registry::builtin().unwrap();
    let qpdf = require_tool("qpdf");
    let pdffonts = require_tool("pdffonts");
    let pdfimages = require_tool("pdfimages");
    let pdftoppm = require_tool("pdftoppm");
    for id in IDS {
        let dir = sample(id);
        let out = tmp();
        let files = render(&dir.join("packet.json"), out.path(), &[]);
        let (loaded, profile) = jianbao::packet::load(&dir.join("packet.json"), &reg).unwrap();
        for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "pdf")) {
            let st = Command::new(&qpdf).arg("--check").arg(f).output().unwrap();
            assert!(
                st.status.success(),
                "{id}: qpdf --check {}: {}",
                f.display(),
                String::from_utf8_lossy(&st.stdout)
            );
            // PDF/A-2b is declared in the XMP metadata, and the file is tagged.
            let bytes = std::fs::read(f).unwrap();
            let has = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
            assert!(
                has("<pdfaid:part>2</pdfaid:part>") && has("<pdfaid:conformance>B</pdfaid:conformance>"),
                "{id}: {} does not declare PDF/A-2b",
                f.display()
            );
            assert!(has("/StructTreeRoot") && has("/Marked true"), "{id}: {} is not tagged", f.display());
            let fonts = String::from_utf8_lossy(&Command::new(&pdffonts).arg(f).output().unwrap().stdout)
                .into_owned();
            for line in fonts.lines().skip(2) {
                let cols: Vec<&str> = line.split_whitespace().collect();
                let n = cols.len();
                assert!(
                    n >= 5 && cols[n - 5] == "yes" && cols[n - 4] == "yes",
                    "{id}: font not an embedded subset: {line}"
                );
                assert!(cols[0].contains('+'), "{id}: subset tag missing: {line}");
            }
        }
        for c in &loaded.packet.candidates {
            let name = c.fields[&profile.candidate_form.name_field].as_str().unwrap();
            let pdf = out.path().join(format!("推荐表-{name}.pdf"));
            let text = body_text(&pdftotext(&pdf), &profile.id);
            for f in
                profile.candidate_form.fields.iter().filter(|f| !f.summary_only && f.kind != FieldKind::Photo)
            {
                assert!(
                    text.contains(&squash(&f.label)),
                    "{id}: label {} missing from {}",
                    f.label,
                    pdf.display()
                );
                match c.fields.get(&f.id) {
                    Some(Value::String(s)) if f.template_text.is_none() => {
                        assert!(text.contains(&squash(s)), "{id}: value of {} missing", f.id)
                    }
                    Some(Value::Array(items)) => {
                        for item in items {
                            let strings: Vec<String> = match item {
                                Value::String(s) => vec![s.clone()],
                                Value::Object(o) => {
                                    o.values().filter_map(|v| v.as_str().map(str::to_string)).collect()
                                }
                                _ => vec![],
                            };
                            let printed = profile
                                .candidate_form
                                .layout
                                .as_ref()
                                .and_then(|l| l.year_month_printed.as_deref());
                            for s in strings {
                                // Dates of a table print in the layout its 填表说明 asks for.
                                let s = match (printed, jianbao::check::dates::parse_year_month(&s)) {
                                    (Some(layout), Some(d)) => d.format(layout),
                                    _ => s,
                                };
                                assert!(text.contains(&squash(&s)), "{id}: {} item {s} missing", f.id);
                            }
                        }
                    }
                    _ => {}
                }
            }
            // The photo is the original JPEG, byte for byte.
            if let Some(r) = c.media.iter().find(|r| r.slot == "id_photo") {
                let x = tmp();
                let st =
                    Command::new(&pdfimages).arg("-j").arg(&pdf).arg(x.path().join("img")).status().unwrap();
                assert!(st.success());
                let original = std::fs::read(loaded.resolve(r)).unwrap();
                let extracted =
                    std::fs::read(x.path().join("img-000.jpg")).expect("the photo is extracted as a JPEG");
                assert!(extracted == original, "{id}: the embedded photo differs from the original");
            }
            // Page images a person can compare with the notice's form.
            let pages = root().join("test-output/pages").join(id);
            std::fs::create_dir_all(&pages).unwrap();
            Command::new(&pdftoppm)
                .args(["-r", "60", "-png"])
                .arg(&pdf)
                .arg(pages.join(name))
                .status()
                .unwrap();
        }
        // The 汇总表 comes with a unit's forms only where the notice asks units for one.
        let asked = profile
            .deliverables
            .iter()
            .any(|d| d.source == jianbao::profile::DeliverableSource::SummaryTable);
        assert_eq!(
            out.path().join("汇总表.pdf").is_file(),
            asked,
            "{id}: 汇总表 rendered though not asked, or missing"
        );
        if let (Some(summary), true) = (&profile.summary, asked) {
            let text = body_text(&pdftotext(&out.path().join("汇总表.pdf")), &profile.id);
            for col in &summary.columns {
                assert!(text.contains(&squash(&col.label)), "{id}: 汇总表 column {} missing", col.label);
            }
            for c in &loaded.packet.candidates {
                assert!(text.contains(c.fields[&profile.candidate_form.name_field].as_str().unwrap()));
            }
            assert!(out.path().join("汇总表.xlsx").is_file() && out.path().join("汇总表.docx").is_file());
        }
    }
}

#[test]
fn long_deeds_span_pages_without_closing_punctuation_at_line_starts() {
    let src = sample("hengshui-2019-zuimei");
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(src.join("packet.json")).unwrap()).unwrap();
    let sentence = "他说：“科技工作者的价值，要在服务国家和人民中体现。”同事们回忆，那年冬天（零下三十度）装置试车，他守了一夜；天亮时，问题终于解决！";
    let mut deeds = String::new();
    while jianbao::wordcount::count(&deeds).words + 70 < 2990 {
        deeds.push_str(sentence);
    }
    v["candidates"][0]["fields"]["main_deeds"] = Value::String(deeds.clone());
    let file = src.join("long-deeds.json");
    std::fs::write(&file, serde_json::to_string(&v).unwrap()).unwrap();
    let out = tmp();
    render(&file, out.path(), &[]);
    let name = v["candidates"][0]["fields"]["name"].as_str().unwrap();
    let raw = pdftotext(&out.path().join(format!("推荐表-{name}.pdf")));
    assert!(raw.matches('\u{c}').count() >= 3, "a 3000-字 text spans pages");
    assert!(raw.contains("（续）"), "the heading is repeated on the next page");
    let mut checked = 0;
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let first = line.chars().next().unwrap();
        assert!(jianbao::render::text::may_start_line(first), "a line begins with {first}: {line}");
        checked += 1;
    }
    assert!(checked > 100);
    assert!(
        body_text(&raw, "hengshui-2019-zuimei").contains(&squash(&deeds)),
        "the whole text is there, in order"
    );
}

/// The 留白 copy prints nothing of the recommending unit, on any page, in the PDF or the Word file
/// (footers included), and nothing about the program or the profile.
#[test]
fn blank_variant_leaves_the_recommending_unit_out() {
    let src = sample("ordos-2021-zuimei");
    let reg = Registry::builtin().unwrap();
    // An opinion no other field holds, to tell whether it is printed.
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(src.join("packet.json")).unwrap()).unwrap();
    for c in v["candidates"].as_array_mut().unwrap() {
        c["fields"]["recommender_opinion"] = Value::String("推荐单位研究决定同意推荐该同志参评。".into());
    }
    let file = src.join("blank-variant.json");
    std::fs::write(&file, serde_json::to_string(&v).unwrap()).unwrap();
    let (loaded, profile) = jianbao::packet::load(&file, &reg).unwrap();
    let unit = loaded.packet.unit_text(&profile.unit_form.name_field).unwrap().to_string();
    let out = tmp();
    let files = render(&file, out.path(), &["--variant", "blank-recommender"]);
    assert!(
        files.iter().all(|f| f.to_string_lossy().contains("（留白）")),
        "only the 推荐表 copies: {files:?}"
    );
    for c in &loaded.packet.candidates {
        let name = c.fields["name"].as_str().unwrap();
        let opinion = c.fields["recommender_opinion"].as_str().unwrap();
        let pdf = out.path().join(format!("推荐表-{name}（留白）.pdf"));
        let text = squash(&pdftotext(&pdf));
        let docx = out.path().join(format!("推荐表-{name}（留白）.docx"));
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
        let mut word = String::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            // What Word prints: the body and the footers (not the file's metadata).
            let part = f.name().unwrap().to_string();
            if part.starts_with("word/document") || part.starts_with("word/footer") {
                std::io::Read::read_to_string(&mut f, &mut word).unwrap();
            }
        }
        for (what, t) in [("PDF", &text), ("Word", &word)] {
            assert!(t.contains("推荐单位") && t.contains(&squash(name)), "{what}: the form itself is there");
            for absent in [&unit, opinion, &profile.id, "荐报", env!("CARGO_PKG_VERSION")] {
                assert!(
                    !t.contains(&squash(absent)),
                    "{what} of {name}: “{absent}” is printed on the 留白 copy"
                );
            }
        }
    }
    let ws = tmp();
    let (code, _, err) = jianbao!(ws.path(); "render", src.join("packet.json"), "--out", ws.path().join("x"), "--variant", "nope");
    assert_eq!(code, 2);
    assert!(err.contains("blank-recommender"), "{err}");
}

/// LibreOffice opens every .docx and renders the same labels and values; each .docx stays within the
/// photo's size plus 300 KB (the JPEG is kept, not turned into PNG).
#[test]
fn word_files_open_in_libreoffice() {
    let soffice = require_tool("soffice");
    let reg = Registry::builtin().unwrap();
    for id in ["ordos-2021-zuimei", "cast-2018-party-member"] {
        let dir = sample(id);
        let out = tmp();
        let files = render(&dir.join("packet.json"), out.path(), &[]);
        let (loaded, profile) = jianbao::packet::load(&dir.join("packet.json"), &reg).unwrap();
        let docx: Vec<&PathBuf> =
            files.iter().filter(|f| f.extension().is_some_and(|e| e == "docx")).collect();
        let converted = tmp();
        let profile_dir = tmp();
        let st = Command::new(&soffice)
            .arg(format!("-env:UserInstallation=file://{}", profile_dir.path().display()))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(converted.path())
            .args(&docx)
            .output()
            .unwrap();
        assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
        let c = &loaded.packet.candidates[0];
        let name = c.fields[&profile.candidate_form.name_field].as_str().unwrap();
        let pdf = converted.path().join(format!("推荐表-{name}.pdf"));
        let text = squash(&pdftotext(&pdf));
        for f in
            profile.candidate_form.fields.iter().filter(|f| !f.summary_only && f.kind != FieldKind::Photo)
        {
            assert!(
                text.contains(&squash(&f.label)),
                "{id}: label {} missing from LibreOffice's rendering",
                f.label
            );
            if let Some(Value::String(s)) = c.fields.get(&f.id) {
                if f.template_text.is_none() && s.chars().count() < 60 {
                    assert!(
                        text.contains(&squash(s)),
                        "{id}: value of {} missing from LibreOffice's rendering",
                        f.id
                    );
                }
            }
        }
        let photo = c
            .media
            .iter()
            .find(|r| r.slot == "id_photo")
            .map(|r| std::fs::metadata(loaded.resolve(r)).unwrap().len())
            .unwrap_or(0);
        for d in &docx {
            let size = std::fs::metadata(d).unwrap().len();
            assert!(size < photo + 300 * 1024, "{}: {size} bytes", d.display());
        }
    }
}

//! The printed forms never lose a word: for random packets (short and very long values, 0–60
//! history rows, long names and units) every character of every value is in the PDF's text, in
//! order, and no word lies outside the page's text area or over another word. Checked with poppler's
//! `pdftotext`, as a reviewer's machine reads the file.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use jianbao::packet::LoadedPacket;
use jianbao::profile::{FieldKind, Profile, Registry};
use jianbao::render::RenderOptions;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

use crate::{require_tool, sample, IDS};

/// Text without whitespace.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A piece of a value: Chinese text, a Latin word, an address, a number with its unit, punctuation.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(0x4E00u32..0x9FA5, 1..12)
            .prop_map(|v| v.into_iter().filter_map(char::from_u32).collect::<String>()),
        1 => "[A-Za-z]{1,12}",
        1 => "[a-z]{3,10}\\.[a-z]{3,10}@[a-z]{4,12}\\.(com|cn|org\\.cn)",
        1 => "https://[a-z]{4,20}\\.gov\\.cn/[a-z0-9/]{0,30}",
        1 => "[0-9]{1,6}(字|年|名|%|万元)",
        1 => prop::sample::select(vec!["，", "。", "、", "；", "：", "！”", "），", "“", "（", "《", "》", "——", "……", " ", "-"])
            .prop_map(str::to_string),
    ]
}

/// A value: usually short, sometimes up to a few thousand characters.
fn value(max_pieces: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::collection::vec(piece(), 1..6).prop_map(|v| v.concat()),
        1 => prop::collection::vec(piece(), 1..max_pieces).prop_map(|v| v.concat()),
    ]
    .prop_map(|s| s.trim().to_string())
    .prop_filter("not empty", |s| !s.is_empty())
}

/// Values for one candidate and its unit.
#[derive(Clone)]
struct Values {
    profile: usize,
    fields: Vec<String>,
    history: Vec<Vec<String>>,
    unit: String,
}

impl std::fmt::Debug for Values {
    /// Short: the case's shape (the PDF stays in test-output/layout/ to look at).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lens: Vec<usize> = self.fields.iter().map(|s| s.chars().count()).collect();
        write!(
            f,
            "{} fields of {lens:?} characters, {} history rows, unit of {}",
            IDS[self.profile],
            self.history.len(),
            self.unit.chars().count()
        )
    }
}

fn values() -> impl Strategy<Value = Values> {
    (
        0..IDS.len(),
        prop::collection::vec(value(600), 40),
        prop::collection::vec(prop::collection::vec(value(40), 3), 0..60),
        value(60),
    )
        .prop_map(|(profile, fields, history, unit)| Values { profile, fields, history, unit })
}

/// Puts the values into a copy of the profile's sample packet. Returns the packet.
fn packet(reg: &Registry, v: &Values) -> (LoadedPacket, Profile) {
    let dir = sample(IDS[v.profile]);
    let (mut loaded, profile) = jianbao::packet::load(&dir.join("packet.json"), reg).unwrap();
    loaded.packet.candidates.truncate(1);
    let c = &mut loaded.packet.candidates[0];
    for (k, f) in profile.candidate_form.fields.iter().enumerate() {
        let s = v.fields[k % v.fields.len()].clone();
        match f.kind {
            FieldKind::Photo | FieldKind::MultiChoice => {}
            FieldKind::History => {
                let rows: Vec<Value> = v
                    .history
                    .iter()
                    .map(|r| {
                        let mut o = serde_json::Map::new();
                        for (j, col) in f.columns.iter().enumerate() {
                            o.insert(col.id.clone(), json!(r[j % r.len()]));
                        }
                        Value::Object(o)
                    })
                    .collect();
                c.fields.insert(f.id.clone(), Value::Array(rows));
            }
            _ => {
                c.fields.insert(f.id.clone(), json!(s));
            }
        }
    }
    loaded.packet.unit.insert(profile.unit_form.name_field.clone(), json!(v.unit));
    (loaded, profile)
}

/// What the 推荐表 must print, in order: the cover's values, then each row's values.
fn expected(loaded: &LoadedPacket, profile: &Profile) -> (Vec<String>, Vec<String>) {
    let form = &profile.candidate_form;
    let layout = form.layout.as_ref().expect("every built-in form has a layout");
    let c = &loaded.packet.candidates[0];
    let text = |m: &std::collections::BTreeMap<String, Value>, id: &str| {
        m.get(id).and_then(Value::as_str).map(|s| s.trim().to_string()).unwrap_or_default()
    };
    let mut cover = Vec::new();
    if let Some(cv) = &layout.cover {
        for e in &cv.entries {
            if let Some(id) = &e.field {
                cover.push(text(&c.fields, id));
            } else if let Some(id) = &e.unit_field {
                cover.push(text(&loaded.packet.unit, id));
            }
        }
    }
    let mut body = Vec::new();
    for row in &layout.rows {
        for id in row {
            let Some(f) = form.fields.iter().find(|f| &f.id == id) else { continue };
            match f.kind {
                FieldKind::Photo => {}
                FieldKind::MultiChoice => body.extend(f.allowed_values()),
                FieldKind::History => {
                    // Columns under one heading (起止年月: from, to) share a cell, joined by a dash.
                    let mut heads: Vec<&str> = Vec::new();
                    for col in &f.columns {
                        if !heads.contains(&col.label.as_str()) {
                            heads.push(&col.label);
                        }
                    }
                    for r in c.fields[&f.id].as_array().unwrap() {
                        for head in &heads {
                            let parts: Vec<String> = f
                                .columns
                                .iter()
                                .filter(|col| col.label == *head)
                                .map(|col| {
                                    let s = r[&col.id].as_str().unwrap().trim().to_string();
                                    // Year–month cells print in the layout the form asks for.
                                    let dated = layout
                                        .year_month_printed
                                        .as_deref()
                                        .filter(|_| col.kind == FieldKind::YearMonth);
                                    dated
                                        .and_then(|l| {
                                            jianbao::check::dates::parse_year_month(&s).map(|d| d.format(l))
                                        })
                                        .unwrap_or(s)
                                })
                                .filter(|s| !s.is_empty())
                                .collect();
                            body.push(parts.join("—"));
                        }
                    }
                }
                _ if f.template_text.is_some() => body.push(f.template_text.clone().unwrap()),
                _ => body.push(text(&c.fields, &f.id)),
            }
        }
    }
    (cover, body)
}

/// The PDF's text in content order, whitespace and page furniture removed.
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new(require_tool("pdftotext")).arg("-raw").arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success());
    let raw = String::from_utf8_lossy(&out.stdout);
    let text: String =
        raw.lines().filter(|l| !l.trim_start().starts_with("第") || !l.contains("页 共")).collect();
    squash(&text).replace("（续）", "").replace("︵续︶", "")
}

/// The text of the PDF's structure tree (`pdfinfo -struct-text`), in the tree's order, whitespace
/// removed.
fn struct_text(pdf: &Path) -> String {
    let out = Command::new(require_tool("pdfinfo")).arg("-struct-text").arg(pdf).output().unwrap();
    assert!(out.status.success());
    let raw = String::from_utf8_lossy(&out.stdout);
    assert!(raw.lines().next().is_some_and(|l| l.trim() == "Document"), "{}: not tagged", pdf.display());
    let mut text = String::new();
    for line in raw.lines() {
        let t = line.trim();
        if let Some(inner) = t.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
            text.push_str(inner);
        }
    }
    squash(&text)
}

/// Whether `needle`'s characters all occur in `hay` in order; returns where the match ended.
fn subsequence(hay: &[char], from: usize, needle: &str) -> Option<usize> {
    let mut i = from;
    for c in needle.chars() {
        while i < hay.len() && hay[i] != c {
            i += 1;
        }
        if i == hay.len() {
            return None;
        }
        i += 1;
    }
    Some(i)
}

/// A word's box on a page, from `pdftotext -bbox`.
#[derive(Debug)]
struct Word {
    page: usize,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

fn attr(tag: &str, name: &str) -> f64 {
    let k = format!("{name}=\"");
    let start = tag.find(&k).unwrap() + k.len();
    tag[start..].split('"').next().unwrap().parse().unwrap()
}

/// Page sizes and word boxes.
fn words(pdf: &Path) -> (Vec<(f64, f64)>, Vec<Word>) {
    let out = Command::new(require_tool("pdftotext")).arg("-bbox").arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success());
    let html = String::from_utf8_lossy(&out.stdout);
    let (mut pages, mut words) = (Vec::new(), Vec::new());
    for part in html.split('<').skip(1) {
        if part.starts_with("page ") {
            pages.push((attr(part, "width"), attr(part, "height")));
        } else if let Some(rest) = part.strip_prefix("word ") {
            let text = rest.split('>').nth(1).unwrap_or("").to_string();
            words.push(Word {
                page: pages.len() - 1,
                x0: attr(part, "xMin"),
                y0: attr(part, "yMin"),
                x1: attr(part, "xMax"),
                y1: attr(part, "yMax"),
                text,
            });
        }
    }
    (pages, words)
}

/// Every word inside the text area (20 mm margins left and right of the forms' 19 mm, 10 mm top and
/// bottom for the footer), and no two words over each other.
fn assert_within_pages(pdf: &Path, what: &str) {
    let (pages, words) = words(pdf);
    let edge = 36.0;
    for w in &words {
        let (pw, ph) = pages[w.page];
        assert!(
            w.x0 >= edge && w.x1 <= pw - edge && w.y0 >= edge && w.y1 <= ph - 28.0,
            "{what}: “{}” on page {} lies outside the text area: {w:?}",
            w.text,
            w.page + 1
        );
    }
    let mut by_page: HashMap<usize, Vec<&Word>> = HashMap::new();
    for w in &words {
        by_page.entry(w.page).or_default().push(w);
    }
    for (page, ws) in by_page {
        for (i, a) in ws.iter().enumerate() {
            for b in &ws[i + 1..] {
                let ox = (a.x1.min(b.x1) - a.x0.max(b.x0)).max(0.0);
                let oy = (a.y1.min(b.y1) - a.y0.max(b.y0)).max(0.0);
                // Boxes are the glyphs' advances: compressed punctuation (`：！”`) overlaps its neighbour
                // by at most half an em, which is not printing over it.
                let em = (a.y1 - a.y0).min(b.y1 - b.y0);
                assert!(
                    ox <= 0.6 * em || oy <= 0.5 * em,
                    "{what}: “{}” and “{}” print over each other on page {}",
                    a.text,
                    b.text,
                    page + 1
                );
            }
        }
    }
}

fn check_one(reg: &Registry, v: &Values, tag: &str) -> Result<(), TestCaseError> {
    let (loaded, profile) = packet(reg, v);
    let files = jianbao::render::render_files(&loaded, &profile, &RenderOptions::default()).unwrap();
    // The last case of each profile stays in test-output/layout/ for a person to look at.
    let dir = crate::root().join("test-output/layout").join(tag).join(&profile.id);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (cover, body) = expected(&loaded, &profile);
    let font = jianbao::render::fonts::fonts();
    // A character the font lacks prints as □.
    let printed =
        |s: &str| squash(&s.chars().map(|c| if font.regular.has(c) { c } else { '□' }).collect::<String>());
    for (name, bytes) in &files {
        if !name.ends_with(".pdf") {
            continue;
        }
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        assert_within_pages(&path, &format!("{} {name}", profile.id));
        if name.starts_with("推荐表") {
            let text: Vec<char> = pdf_text(&path).chars().collect();
            // Each value in order, starting after the previous value starts (the cells of a row
            // split between pages interleave: the first parts of the row, then the rest).
            let mut at = 0;
            for (k, s) in cover.iter().chain(&body).enumerate() {
                let p = printed(s);
                let Some(first) = p.chars().next() else { continue };
                let start = text[at..].iter().position(|&c| c == first).map(|i| at + i);
                let found = start.and_then(|st| subsequence(&text, st, &p));
                prop_assert!(
                    found.is_some(),
                    "{} {name}: value {k} “{}” is not printed whole and in order",
                    profile.id,
                    s.chars().take(80).collect::<String>()
                );
                at = start.unwrap() + 1;
            }
            // The tagged structure (what a screen reader or extraction by structure reads) holds
            // every value too, in order, and no page furniture: page numbers, repeated headings
            // and （续） marks are artifacts.
            let structure: Vec<char> = struct_text(&path).chars().collect();
            let as_text: String = structure.iter().collect();
            prop_assert!(
                !as_text.contains("页共") && !as_text.contains("（续）"),
                "{} {name}: page furniture in the structure",
                profile.id
            );
            let mut at = 0;
            for (k, s) in cover.iter().chain(&body).enumerate() {
                let p = printed(s);
                let Some(first) = p.chars().next() else { continue };
                let start = structure[at..].iter().position(|&c| c == first).map(|i| at + i);
                prop_assert!(
                    start.and_then(|st| subsequence(&structure, st, &p)).is_some(),
                    "{} {name}: value {k} is not in the tagged structure in order",
                    profile.id
                );
                at = start.unwrap() + 1;
            }
            // And nothing is printed fewer times than the values hold it.
            let mut want: HashMap<char, usize> = HashMap::new();
            for s in cover.iter().chain(&body) {
                for c in printed(s).chars() {
                    *want.entry(c).or_default() += 1;
                }
            }
            let mut have: HashMap<char, usize> = HashMap::new();
            for c in &text {
                *have.entry(*c).or_default() += 1;
            }
            for (c, n) in want {
                prop_assert!(
                    have.get(&c).copied().unwrap_or(0) >= n,
                    "{} {name}: “{c}” printed fewer than {n} times",
                    profile.id
                );
            }
        }
    }
    Ok(())
}

#[test]
fn every_value_is_printed_whole_within_the_page() {
    let reg = Registry::builtin().unwrap();
    let cases = std::env::var("JIANBAO_LAYOUT_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(16);
    // Few shrinking steps: each renders and reads PDFs; the failing case stays in test-output/layout/.
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 16,
        ..Config::default()
    });
    runner.run(&values(), |v| check_one(&reg, &v, "random")).unwrap();
}

/// The cases the issue measured: 20 and 40 history rows, a 40-character unit name on the cover.
#[test]
fn the_reported_cases_print_whole() {
    let reg = Registry::builtin().unwrap();
    for rows in [15usize, 20, 40] {
        for p in 0..IDS.len() {
            let v = Values {
                profile: p,
                fields: vec![
                    "鄂尔多斯市示例能源学会鄂尔多斯市示例能源学会鄂尔多斯市示例能源学会测试".into(),
                    "wang.haitao@example.com".into(),
                    "面向人民生命健康".into(),
                ],
                history: (0..rows)
                    .map(|i| {
                        vec![
                            format!("20{:02}.09", i % 100),
                            "2003.06".into(),
                            format!("第{i}段经历在某单位从事某工作"),
                        ]
                    })
                    .collect(),
                unit: "内蒙古自治区鄂尔多斯市示例能源学会科学技术协会联合会秘书处办公室".into(),
            };
            check_one(&reg, &v, &format!("rows-{rows}")).unwrap();
        }
    }
}

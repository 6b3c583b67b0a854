//! 导出评审材料: the received candidates laid out for the experts, one folder per candidate
//! (`序号-单位-姓名`) holding the rendered forms, the photos, videos and documents under names that say
//! what they are, and a contents sheet (`目录.xlsx`) listing every folder and file.
//!
//! Files come from the media store, byte for byte (each copy's hash is checked against its name);
//! the forms are rendered from the stored values, exactly as the preview renders them.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::bundle::forward::received_candidates;
use crate::error::{Error, Result};
use crate::profile::Registry;
use crate::progress::Observer;
use crate::store::{sanitize_name, Workspace};

/// The contents sheet's file name.
pub const INDEX: &str = "目录.xlsx";

/// One candidate's folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct MaterialsFolder {
    /// 序号, from 1, in the order the bundles were received.
    pub number: usize,
    /// The recommending unit.
    pub unit: String,
    /// The candidate.
    pub name: String,
    /// The folder's name.
    pub folder: String,
    /// The files in it, by name.
    pub files: Vec<String>,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Materials {
    /// The folder holding everything.
    #[serde(serialize_with = "crate::fsutil::lossy_path")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub dir: PathBuf,
    /// The contents sheet.
    #[serde(serialize_with = "crate::fsutil::lossy_path")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub index: PathBuf,
    /// One entry per candidate.
    pub folders: Vec<MaterialsFolder>,
}

/// One candidate's folder, ready to be written.
#[derive(Debug)]
struct Planned {
    entry: MaterialsFolder,
    loaded: crate::packet::LoadedPacket,
    profile: crate::profile::Profile,
    /// (file name in the folder, the stored file, its hash).
    files: Vec<(String, PathBuf, String)>,
}

/// The review materials, gathered from the workspace (a moment) and written without it.
#[derive(Debug)]
pub struct MaterialsPlan {
    out: PathBuf,
    planned: Vec<Planned>,
    bytes: u64,
}

/// Writes the review materials of every candidate of the latest submissions (of one campaign, when
/// `profile` is given) into `out`, which must be new or empty.
pub fn write(
    ws: &Workspace,
    registry: &Registry,
    profile: Option<&str>,
    out: &Path,
    obs: &dyn Observer,
) -> Result<Materials> {
    plan(ws, registry, profile, out)?.write(obs)
}

/// Gathers what [`write()`] writes: each candidate's values, its files in the store and their names.
pub fn plan(ws: &Workspace, registry: &Registry, profile: Option<&str>, out: &Path) -> Result<MaterialsPlan> {
    crate::fsutil::ensure_empty(out)?;
    let candidates: Vec<_> = received_candidates(ws, registry)?
        .into_iter()
        .filter(|c| profile.is_none_or(|p| c.profile == p))
        .collect();
    let mut units = std::collections::HashMap::new();
    let mut planned = Vec::new();
    let mut bytes = 0u64;
    for (i, c) in candidates.iter().enumerate() {
        if let std::collections::hash_map::Entry::Vacant(v) = units.entry(c.unit_id()) {
            let (packet, files) = ws.unit_packet(c.unit_id())?;
            v.insert((files, ws.loaded_of(packet)));
        }
        let (files, unit_loaded) = &units[&c.unit_id()];
        let number = i + 1;
        let name = if c.name.is_empty() { c.key().to_string() } else { c.name.clone() };
        let folder = sanitize_name(&format!("{number:02}-{}-{name}", c.unit));
        let prof = registry.get(&c.profile)?.clone();
        let mut loaded = unit_loaded.clone();
        loaded.packet.candidates.retain(|k| k.id == c.key());
        // Each stored file of the candidate, and the unit's own documents (推荐意见 scans…), named by
        // what they are.
        let mut names: Vec<String> = Vec::new();
        let mut copies = Vec::new();
        for f in files.iter().filter(|f| f.key.candidate.as_deref().is_none_or(|k| k == c.key())) {
            let slot = if f.key.candidate.is_some() {
                slot_of(&loaded.packet, f).and_then(|s| prof.candidate_slot(&s)).map(|s| s.label.clone())
            } else {
                loaded
                    .packet
                    .documents
                    .get(f.key.index)
                    .and_then(|r| prof.unit_slot(&r.slot))
                    .map(|s| format!("推荐单位-{}", s.label))
            };
            let label = crate::profile::plain_label(slot.as_deref().unwrap_or("材料"));
            let label = label.split(['（', '(']).next().unwrap_or(&label).trim().to_string();
            let file = unique(&sanitize_name(&format!("{label}-{}", f.name)), &names);
            let src = ws.media().path_of(&f.sha256);
            bytes += std::fs::metadata(&src).map(|m| m.len()).unwrap_or(0);
            names.push(file.clone());
            copies.push((file, src, f.sha256.clone()));
        }
        planned.push(Planned {
            entry: MaterialsFolder { number, unit: c.unit.clone(), name, folder, files: vec![] },
            loaded,
            profile: prof,
            files: copies,
        });
    }
    Ok(MaterialsPlan { out: out.to_path_buf(), planned, bytes })
}

impl MaterialsPlan {
    /// Renders the forms and copies the files, each copy checked against its hash.
    pub fn write(self, obs: &dyn Observer) -> Result<Materials> {
        let out = &self.out;
        std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
        obs.begin(self.bytes);
        let mut folders = Vec::new();
        for p in self.planned {
            if obs.cancelled() {
                return Err(Error::Cancelled);
            }
            let mut entry = p.entry;
            let dir = out.join(&entry.folder);
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            // The forms, rendered from this candidate alone (the unit's 汇总表 is not one candidate's).
            let opts = crate::render::RenderOptions { variant: None, key_id: None, for_bundle: false };
            obs.file(&format!("{}/推荐表", entry.folder));
            let mut names = Vec::new();
            for (file, bytes) in crate::render::render_files(&p.loaded, &p.profile, &opts)? {
                if file.starts_with("汇总表.") {
                    continue;
                }
                let file = unique(&file, &names);
                crate::fsutil::write_atomic(&dir.join(&file), &bytes)?;
                names.push(file);
            }
            for (file, src, sha256) in &p.files {
                let file = unique(file, &names);
                obs.file(&format!("{}/{file}", entry.folder));
                let (sha, _) = crate::fsutil::copy_hashed_observed(src, &dir.join(&file), obs)?;
                if &sha != sha256 {
                    return Err(Error::CorruptStore {
                        path: src.clone(),
                        detail: format!("stored file {sha256} does not match its hash"),
                    });
                }
                names.push(file);
            }
            entry.files = names;
            folders.push(entry);
        }
        let index = out.join(INDEX);
        let sheet =
            contents_sheet(&folders).map_err(|detail| Error::Render { what: INDEX.into(), detail })?;
        crate::fsutil::write_atomic(&index, &sheet)?;
        Ok(Materials { dir: out.to_path_buf(), index, folders })
    }
}

/// The slot of a candidate's stored file, found by its place in the packet.
fn slot_of(packet: &crate::packet::Packet, f: &crate::store::StoredFile) -> Option<String> {
    let c = packet.candidates.iter().find(|c| Some(&c.id) == f.key.candidate.as_ref())?;
    let list = if f.key.list == "media" { &c.media } else { &c.documents };
    list.get(f.key.index).map(|r| r.slot.clone())
}

/// `name`, or `stem-2.ext`, `stem-3.ext`… when a file of that name (as a case-insensitive system sees
/// it) is already in the folder.
fn unique(name: &str, taken: &[String]) -> String {
    let is_taken =
        |n: &str| taken.iter().any(|t| crate::bundle::reader::fold(t) == crate::bundle::reader::fold(n));
    if !is_taken(name) {
        return name.to_string();
    }
    let (stem, ext) =
        name.rsplit_once('.').map(|(s, e)| (s, format!(".{e}"))).unwrap_or((name, String::new()));
    (2..).map(|n| format!("{stem}-{n}{ext}")).find(|n| !is_taken(n)).expect("some number is free")
}

/// 目录.xlsx: one row per file, grouped by candidate.
fn contents_sheet(folders: &[MaterialsFolder]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, FormatBorder, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("目录").map_err(err)?;
    let head = Format::new().set_bold().set_border(FormatBorder::Thin).set_font_name("宋体");
    let cell = Format::new().set_border(FormatBorder::Thin).set_font_name("宋体").set_text_wrap();
    for (col, (title, width)) in
        [("序号", 6.0), ("推荐单位", 28.0), ("姓名", 12.0), ("文件夹", 36.0), ("文件", 48.0)]
            .iter()
            .enumerate()
    {
        sheet.write_with_format(0, col as u16, *title, &head).map_err(err)?;
        sheet.set_column_width(col as u16, *width).map_err(err)?;
    }
    let mut row = 1u32;
    for f in folders {
        for (k, file) in f.files.iter().enumerate() {
            if k == 0 {
                sheet.write_with_format(row, 0, f.number as u32, &cell).map_err(err)?;
                sheet.write_with_format(row, 1, &f.unit, &cell).map_err(err)?;
                sheet.write_with_format(row, 2, &f.name, &cell).map_err(err)?;
                sheet.write_with_format(row, 3, &f.folder, &cell).map_err(err)?;
            }
            sheet.write_with_format(row, 4, file, &cell).map_err(err)?;
            row += 1;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    wb.save_to_buffer().map_err(err)
}

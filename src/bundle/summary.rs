//! The merged 汇总表 of every unit in a workspace (a reviewer's latest submissions, or a unit's own).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::packet::LoadedPacket;
use crate::profile::Registry;
use crate::render::{docx, form, pdf, xlsx, RenderOptions};
use crate::store::Workspace;

/// Writes the merged table to `out` by its extension; returns (units, rows).
pub fn merged(
    ws: &Workspace,
    registry: &Registry,
    profile_id: Option<&str>,
    out: &Path,
) -> Result<(usize, usize)> {
    let units = ws.units()?;
    let profile_id = match profile_id {
        Some(p) => p.to_string(),
        None => {
            let mut ids: Vec<&str> = units.iter().map(|u| u.profile.as_str()).collect();
            ids.sort();
            ids.dedup();
            match ids.as_slice() {
                [one] => one.to_string(),
                _ => {
                    return Err(Error::UnitNotFound {
                        wanted: "--profile".into(),
                        known: ids.iter().map(|s| s.to_string()).collect(),
                    })
                }
            }
        }
    };
    let profile = registry.get(&profile_id)?;
    let received = ws.latest_received(&profile_id)?;
    let unit_ids: Vec<i64> = if received.is_empty() {
        units.iter().filter(|u| u.profile == profile_id).map(|u| u.id).collect()
    } else {
        received.iter().filter_map(|r| r.unit_id).collect()
    };
    let packets: Vec<LoadedPacket> = unit_ids
        .iter()
        .map(|id| {
            ws.unit_packet(*id).map(|(packet, _)| LoadedPacket {
                packet,
                file: PathBuf::from("workspace"),
                base: ws.root().to_path_buf(),
            })
        })
        .collect::<Result<_>>()?;
    let refs: Vec<&LoadedPacket> = packets.iter().collect();
    let Some(mut doc) = form::summary(profile, &refs, &RenderOptions::default()) else {
        return Err(Error::Render {
            what: out.display().to_string(),
            detail: "the campaign defines no 汇总表".into(),
        });
    };
    doc.header = vec![format!("推荐单位：{} 个", packets.len())];
    let t = time::OffsetDateTime::now_utc() + time::Duration::hours(8);
    let date = pdf::DocDate { year: t.year().clamp(0, 9999) as u16, month: t.month() as u8, day: t.day() };
    let ext = out.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let bytes = match ext.as_str() {
        "pdf" => pdf::summary_pdf(&doc, date),
        "docx" => docx::summary_docx(&doc),
        _ => xlsx::summary_xlsx(&doc, date),
    }
    .map_err(|detail| Error::Render { what: out.display().to_string(), detail })?;
    crate::fsutil::write_atomic(out, &bytes)?;
    Ok((packets.len(), doc.rows.len()))
}

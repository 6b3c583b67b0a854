//! Export: check, render, then write the bag into zip parts, reading each input once and hashing it
//! while it is written; parts appear under their final names only when complete.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::keys::Signer25519;
use super::{bag_info_line, Entry, Source, BAGIT_TXT, GROUP_FILE, PUBLIC_KEY_FILE};
use crate::check::{self, Report};
use crate::error::{Error, Result};
use crate::i18n::{Lang, Localizer};
use crate::packet::{FileRef, LoadedPacket, Packet};
use crate::profile::naming::Sequencer;
use crate::profile::Profile;

/// Part size presets.
pub const MAIL_PART: u64 = 50 * 1000 * 1000;
/// FAT32's largest file.
pub const FAT32_PART: u64 = (4 << 30) - 1;

/// What to export and how.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Largest part in bytes; none for a single zip.
    pub part_size: Option<u64>,
    /// Export although the check has warnings (they are recorded in the bundle).
    pub accept_warnings: bool,
    /// The export time (Unix seconds, UTC); pins the bytes of the result.
    pub time: i64,
}

/// What an export wrote.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The zip parts, in order.
    pub parts: Vec<PathBuf>,
    /// The group identifier.
    pub group: String,
    /// The signing key's ID.
    pub key_id: String,
    /// Warnings recorded in the bundle.
    pub warnings: usize,
}

fn is_compressed(path: &str) -> bool {
    let lower = path.to_lowercase();
    [".jpg", ".jpeg", ".png", ".mp4", ".mov", ".pdf", ".docx", ".xlsx", ".zip", ".heic", ".webp"]
        .iter()
        .any(|e| lower.ends_with(e))
}

fn extension_of(path: &Path) -> String {
    let info = crate::media::sniff::sniff(&read_head(path));
    match info {
        crate::media::Kind::Jpeg => "jpg".into(),
        crate::media::Kind::Png => "png".into(),
        crate::media::Kind::Mp4 => "mp4".into(),
        crate::media::Kind::Mov => "mov".into(),
        crate::media::Kind::Pdf => "pdf".into(),
        crate::media::Kind::Zip => "docx".into(),
        _ => path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_else(|| "bin".into()),
    }
}

fn read_head(path: &Path) -> Vec<u8> {
    let mut v = Vec::with_capacity(1024);
    if let Ok(f) = std::fs::File::open(path) {
        let _ = f.take(1024).read_to_end(&mut v);
    }
    v
}

/// The time as `YYYY-MM-DD` and RFC 3339, China Standard Time.
fn times(t: i64) -> (String, String, time::OffsetDateTime) {
    let cst = time::UtcOffset::from_hms(8, 0, 0).expect("valid offset");
    let dt = time::OffsetDateTime::from_unix_timestamp(t)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .to_offset(cst);
    let day = format!("{:04}-{:02}-{:02}", dt.year(), dt.month() as u8, dt.day());
    let full = dt.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
    (day, full, dt)
}

/// Where each attached file goes in the bag: the packet rewritten to point at the renamed files
/// (`材料/王海涛/王海涛1.jpg`, named by the profile's rule), and the bag entries that copy them.
pub fn placed(loaded: &LoadedPacket, profile: &Profile) -> (Packet, Vec<Entry>) {
    let unit_name = loaded.packet.unit_text(&profile.unit_form.name_field).unwrap_or("推荐单位").to_string();
    let mut entries: Vec<Entry> = Vec::new();
    let mut packet: Packet = loaded.packet.clone();
    let mut used = std::collections::HashSet::new();
    let mut place = |r: &mut FileRef, folder: &str, stem: String, entries: &mut Vec<Entry>| {
        let src = loaded.resolve(r);
        let ext = extension_of(&src);
        let mut bag_path = format!("data/材料/{folder}/{stem}.{ext}");
        let mut n = 2;
        while !used.insert(bag_path.to_lowercase()) {
            bag_path = format!("data/材料/{folder}/{stem}-{n}.{ext}");
            n += 1;
        }
        r.path = format!("../{}", bag_path.trim_start_matches("data/"));
        entries.push(Entry::file(bag_path, src));
    };
    for c in &mut packet.candidates {
        let name =
            crate::packet::text(&c.fields, &profile.candidate_form.name_field).unwrap_or(&c.id).to_string();
        let folder = crate::store::sanitize_name(&name);
        let mut seq = Sequencer::new();
        for slot in &profile.candidate_slots {
            for r in c.media.iter_mut().chain(c.documents.iter_mut()).filter(|r| r.slot == slot.id) {
                let stem = crate::store::sanitize_name(&seq.stem(slot, &name, &unit_name));
                place(r, &folder, stem, &mut entries);
            }
        }
    }
    let mut seq = Sequencer::new();
    for slot in &profile.unit_slots {
        for r in packet.documents.iter_mut().filter(|r| r.slot == slot.id) {
            let stem = crate::store::sanitize_name(&seq.stem(slot, "", &unit_name));
            place(r, "推荐单位", stem, &mut entries);
        }
    }
    (packet, entries)
}

/// Exports a checked packet as a signed bundle into `out`.
pub fn export(
    loaded: &LoadedPacket,
    profile: &Profile,
    signer: &Signer25519,
    out: &Path,
    opts: &ExportOptions,
) -> Result<Exported> {
    export_observed(loaded, profile, signer, out, opts, &crate::progress::Quiet)
}

/// [`export`], reporting progress to `obs` and stopping (leaving no part under a final name) when it
/// is cancelled.
pub fn export_observed(
    loaded: &LoadedPacket,
    profile: &Profile,
    signer: &Signer25519,
    out: &Path,
    opts: &ExportOptions,
    obs: &dyn crate::progress::Observer,
) -> Result<Exported> {
    let (day, stamp, dt) = times(opts.time);
    let as_of = loaded.packet.as_of.clone().unwrap_or_else(|| day.clone());
    let report = check::check(loaded, profile, check::Options::as_of(Some(&as_of)));
    if report.errors() > 0 || (report.warnings() > 0 && !opts.accept_warnings) {
        return Err(Error::NotReady {
            errors: report.errors(),
            warnings: if opts.accept_warnings { 0 } else { report.warnings() },
        });
    }
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    let scratch =
        tempfile::Builder::new().prefix(".jianbao-export-").tempdir_in(out).map_err(|e| Error::io(out, e))?;

    // Forms, rendered with the key ID in every footer.
    let ropts = crate::render::RenderOptions { variant: None, key_id: Some(signer.id()) };
    let forms = crate::render::render_packet(loaded, profile, &scratch.path().join("forms"), &ropts)?;
    let mut entries: Vec<Entry> = Vec::new();
    for f in forms {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        entries.push(Entry::file(format!("data/表格/{name}"), f));
    }

    // Media and documents, renamed by the profile's rule; the packet is rewritten to point at them.
    let unit_name = loaded.packet.unit_text(&profile.unit_form.name_field).unwrap_or("推荐单位").to_string();
    let (mut packet, files) = placed(loaded, profile);
    entries.extend(files);
    packet.as_of = Some(as_of);
    entries.push(Entry::bytes("data/jianbao/packet.json", packet.to_json().into_bytes()));
    let findings = serde_json::to_string_pretty(&accepted(&report)).expect("serialises") + "\n";
    entries.push(Entry::bytes("data/jianbao/findings.json", findings.into_bytes()));
    let profile_text = crate::profile::builtin_text(&profile.id)
        .filter(|t| crate::profile::parse(t, "builtin").is_ok_and(|p| &p == profile))
        .map(str::to_string)
        .unwrap_or_else(|| toml::to_string_pretty(profile).unwrap_or_default());
    entries.push(Entry::bytes("data/jianbao/profile.toml", profile_text.into_bytes()));
    entries.sort_by(|a, b| a.path.cmp(&b.path));

    // Parts.
    let sizes: Vec<u64> = entries.iter().map(Entry::size).collect::<Result<_>>()?;
    let parts = partition(&entries, &sizes, opts.part_size)?;
    obs.begin(sizes.iter().sum());
    let count = parts.len();
    let group = {
        let mut h = Sha256::new();
        for part in [unit_name.as_str(), profile.id.as_str(), stamp.as_str(), signer.id().as_str()] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        hex::encode(&h.finalize()[..8])
    };
    let base =
        crate::store::sanitize_name(&format!("{unit_name}-{}-{}", profile.short_title, day.replace('-', "")));
    let zip_time = zip::DateTime::from_date_and_time(
        dt.year().clamp(1980, 2107) as u16,
        dt.month() as u8,
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
    )
    .unwrap_or_default();

    // The group index in every part lists every file of the set with its part and size; each part's
    // own (signed) manifest holds the hashes of its files. So every input is read exactly once.
    let mut group_txt = format!("Jianbao-Group: {group}\nParts: {count}\n");
    for (k, m) in parts.iter().enumerate() {
        for &i in m {
            group_txt.push_str(&format!(
                "{}\t{}\t{}\n",
                k + 1,
                sizes[i],
                super::encode_path(&entries[i].path)
            ));
        }
    }
    let mut written = Vec::new();
    for (n, members) in parts.iter().enumerate() {
        let bag = if count > 1 { format!("{base}-{}of{count}", n + 1) } else { base.clone() };
        let final_path = out.join(format!("{bag}.zip"));
        let tmp = tempfile::Builder::new()
            .prefix(".jianbao-")
            .suffix(".zip.part")
            .tempfile_in(out)
            .map_err(|e| Error::io(out, e))?;
        let mut zip = zip::ZipWriter::new(tmp.reopen().map_err(|e| Error::io(tmp.path(), e))?);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .last_modified_time(zip_time)
            .large_file(true);
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip_time);
        let zerr = |e: zip::result::ZipError| Error::io(&final_path, std::io::Error::other(e.to_string()));
        let mut manifest = String::new();
        let mut oxum = (0u64, 0u64);
        for &i in members {
            let e = &entries[i];
            let o = if is_compressed(&e.path) { stored } else { deflated };
            zip.start_file(format!("{bag}/{}", e.path), o).map_err(zerr)?;
            obs.file(e.path.trim_start_matches("data/"));
            let (sha, size) = e.copy_hashed(&mut zip, obs)?;
            if size != sizes[i] {
                return Err(Error::io(
                    e.display(),
                    std::io::Error::other("the file changed during the export"),
                ));
            }
            manifest.push_str(&format!("{sha}  {}\n", super::encode_path(&e.path)));
            oxum.0 += size;
            oxum.1 += 1;
        }
        let unit = &loaded.packet.unit;
        let field = |pred: &dyn Fn(&crate::profile::Field) -> bool| {
            profile
                .unit_form
                .fields
                .iter()
                .find(|f| pred(f))
                .and_then(|f| unit.get(&f.id))
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        use crate::profile::FieldKind;
        let contact_name = field(&|f| f.id.contains("contact_name"));
        let contact_phone = field(&|f| matches!(f.kind, FieldKind::Mobile | FieldKind::Phone));
        let contact_email = field(&|f| f.kind == FieldKind::Email);
        let mut info = String::new();
        for (k, v) in [
            ("Source-Organization", unit_name.as_str()),
            ("Contact-Name", &contact_name),
            ("Contact-Phone", &contact_phone),
            ("Contact-Email", &contact_email),
            ("External-Identifier", &profile.id),
            ("External-Description", &profile.title),
            ("Bagging-Date", &day),
            ("Payload-Oxum", &format!("{}.{}", oxum.0, oxum.1)),
            ("Bag-Group-Identifier", &group),
            ("Bag-Count", &format!("{} of {count}", n + 1)),
            ("Bag-Software-Agent", &format!("jianbao {}", env!("CARGO_PKG_VERSION"))),
            ("Jianbao-Key-Id", &signer.id()),
            ("Jianbao-Export-Time", &stamp),
            ("Jianbao-Candidates", &loaded.packet.candidates.len().to_string()),
            ("Jianbao-Accepted-Warnings", &report.warnings().to_string()),
        ] {
            info.push_str(&bag_info_line(k, v));
        }
        let public = signer.public.clone();
        let tags: Vec<(&str, Vec<u8>)> = vec![
            ("bagit.txt", BAGIT_TXT.as_bytes().to_vec()),
            ("bag-info.txt", info.into_bytes()),
            ("manifest-sha256.txt", manifest.into_bytes()),
            (GROUP_FILE, group_txt.clone().into_bytes()),
            (PUBLIC_KEY_FILE, public.into_bytes()),
        ];
        let mut tagmanifest = String::new();
        for (name, bytes) in &tags {
            zip.start_file(format!("{bag}/{name}"), deflated).map_err(zerr)?;
            zip.write_all(bytes).map_err(|e| Error::io(&final_path, e))?;
            tagmanifest.push_str(&format!("{}  {name}\n", hex::encode(Sha256::digest(bytes))));
        }
        zip.start_file(format!("{bag}/tagmanifest-sha256.txt"), deflated).map_err(zerr)?;
        zip.write_all(tagmanifest.as_bytes()).map_err(|e| Error::io(&final_path, e))?;
        let comment = format!(
            "jianbao-bundle unit={unit_name} profile={} part={}/{count} group={group} time={stamp}",
            profile.id,
            n + 1
        );
        let sig = signer.sign(tagmanifest.as_bytes(), &comment);
        zip.start_file(format!("{bag}/tagmanifest-sha256.txt.minisig"), deflated).map_err(zerr)?;
        zip.write_all(sig.as_bytes()).map_err(|e| Error::io(&final_path, e))?;
        let file = zip.finish().map_err(zerr)?;
        file.sync_all().map_err(|e| Error::io(&final_path, e))?;
        drop(file);
        let size = std::fs::metadata(tmp.path()).map_err(|e| Error::io(tmp.path(), e))?.len();
        if let Some(limit) = opts.part_size {
            if size > limit {
                return Err(Error::TooLargeForPart { path: format!("{bag}.zip"), size, part: limit });
            }
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))
                .map_err(|e| Error::io(tmp.path(), e))?;
        }
        tmp.persist(&final_path).map_err(|e| Error::io(&final_path, e.error))?;
        crate::fsutil::sync_dir(out);
        written.push(final_path);
    }
    Ok(Exported { parts: written, group, key_id: signer.id(), warnings: report.warnings() })
}

/// The warnings accepted at export, as recorded in `data/jianbao/findings.json`.
fn accepted(report: &Report) -> serde_json::Value {
    let zh = Localizer::new(Lang::Zh);
    report.to_json(&zh)
}

/// Splits entries into parts no larger than `limit` (estimated generously); a single file larger than
/// a part is an error.
fn partition(entries: &[Entry], sizes: &[u64], limit: Option<u64>) -> Result<Vec<Vec<usize>>> {
    let Some(limit) = limit else { return Ok(vec![(0..entries.len()).collect()]) };
    // Room for tag files, the group index (about 200 bytes a file) and zip headers.
    let reserve = 64 * 1024 + entries.len() as u64 * 400;
    let budget = limit.saturating_sub(reserve);
    let mut parts: Vec<Vec<usize>> = vec![vec![]];
    let mut used = 0u64;
    for (i, e) in entries.iter().enumerate() {
        let size = sizes[i] + 2 * e.path.len() as u64 + 200;
        if size > budget {
            return Err(Error::TooLargeForPart { path: e.path.clone(), size: sizes[i], part: limit });
        }
        if used + size > budget && !parts.last().is_some_and(|p| p.is_empty()) {
            parts.push(vec![]);
            used = 0;
        }
        parts.last_mut().expect("a part").push(i);
        used += size;
    }
    Ok(parts)
}

impl Entry {
    fn display(&self) -> PathBuf {
        match &self.source {
            Source::File(p) => p.clone(),
            Source::Bytes(_) => PathBuf::from(&self.path),
        }
    }
}

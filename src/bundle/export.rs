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
    /// Encrypt each signed part to this organiser (an `age1…` recipient, or a file holding one):
    /// the parts are written as `*.zip.age` only, never as plain zips beside them.
    pub encrypt_to: Option<String>,
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

/// Only the text the export makes is deflated; every other file (photos, videos, forms, whatever a
/// unit attached) is stored as it is, so no entry of our own comes near the reader's bound on
/// deflated sizes, and the media's bytes are copied, not recompressed.
fn is_text(path: &str) -> bool {
    path.starts_with("data/jianbao/") || path.ends_with(".txt")
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
    let unit_name = super::unit_name(&loaded.packet, profile);
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
///
/// Phases: check → forms rendered in memory → plan the parts → write every part under a temporary,
/// locked name → only when all are complete, give them their final names. A kill at any moment leaves
/// no part under a final name (the rename of the finished set aside); the next export into the same
/// folder removes the temporary parts nobody holds.
pub fn export_observed(
    loaded: &LoadedPacket,
    profile: &Profile,
    signer: &Signer25519,
    out: &Path,
    opts: &ExportOptions,
    obs: &dyn crate::progress::Observer,
) -> Result<Exported> {
    if let Some(to) = &opts.encrypt_to {
        let recipient = super::seal::recipient(to)?;
        return export_sealed(loaded, profile, signer, out, opts, obs, &recipient);
    }
    let (day, stamp, dt) = times(opts.time);
    let as_of = loaded.packet.as_of.clone().unwrap_or_else(|| day.clone());
    // Forms are rendered (with the key ID in every footer, in memory) on a thread of their own, beside
    // the check and — for a single part — beside the zipping of the media, which come first in the bag.
    let ropts = crate::render::RenderOptions { variant: None, key_id: Some(signer.id()), for_bundle: true };
    std::thread::scope(|s| {
        let rendering = s.spawn(|| crate::render::render_files(loaded, profile, &ropts));
        let mut rendering = Some(rendering);
        let mut forms = move || -> Result<Vec<Entry>> {
            let Some(h) = rendering.take() else { return Ok(vec![]) };
            let files = h.join().map_err(|_| Error::Render {
                what: "推荐表".into(),
                detail: "the rendering thread failed".into(),
            })??;
            let mut entries: Vec<Entry> = files
                .into_iter()
                .map(|(name, bytes)| Entry {
                    path: format!("data/表格/{name}"),
                    source: Source::Bytes(bytes),
                })
                .collect();
            entries.sort_by(|a, b| a.path.cmp(&b.path));
            Ok(entries)
        };
        let report = check::check(loaded, profile, check::Options::as_of(Some(&as_of)));
        if report.errors() > 0 || (report.warnings() > 0 && !opts.accept_warnings) {
            return Err(Error::NotReady {
                errors: report.errors(),
                warnings: if opts.accept_warnings { 0 } else { report.warnings() },
            });
        }
        std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
        sweep_stale_parts(out);
        let times = Times { day: &day, stamp: &stamp, dt, as_of: &as_of };
        write_bundle(loaded, profile, signer, out, opts, obs, &report, times, &mut forms)
    })
}

/// Signs into a private scratch folder of `out`, then encrypts every part into `out` under temporary
/// names, renamed only when all are complete; the plain parts are removed with the scratch folder.
fn export_sealed(
    loaded: &LoadedPacket,
    profile: &Profile,
    signer: &Signer25519,
    out: &Path,
    opts: &ExportOptions,
    obs: &dyn crate::progress::Observer,
    recipient: &age::x25519::Recipient,
) -> Result<Exported> {
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    sweep_stale_parts(out);
    let scratch =
        tempfile::Builder::new().prefix(".jianbao-export-").tempdir_in(out).map_err(|e| Error::io(out, e))?;
    let plain = ExportOptions { encrypt_to: None, ..opts.clone() };
    let mut done = export_observed(loaded, profile, signer, scratch.path(), &plain, obs)?;
    let mut staged = Vec::new();
    for part in &done.parts {
        let name = format!(
            "{}.{}",
            part.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            super::seal::EXTENSION
        );
        let final_path = out.join(name);
        let mut builder = tempfile::Builder::new();
        builder.prefix(".jianbao-").suffix(".zip.part");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        let tmp = builder.tempfile_in(out).map_err(|e| Error::io(&final_path, e))?;
        let input = std::fs::File::open(part).map_err(|e| Error::io(part, e))?;
        super::seal::encrypt_stream(input, recipient, tmp.as_file())
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| Error::io(&final_path, e))?;
        staged.push((tmp, final_path));
    }
    if obs.cancelled() {
        return Err(Error::Cancelled);
    }
    done.parts.clear();
    for (tmp, final_path) in staged {
        tmp.persist(&final_path).map_err(|e| Error::io(&final_path, e.error))?;
        done.parts.push(final_path);
    }
    crate::fsutil::sync_dir(out);
    drop(scratch);
    Ok(done)
}

/// The export's times.
struct Times<'a> {
    day: &'a str,
    stamp: &'a str,
    dt: time::OffsetDateTime,
    as_of: &'a str,
}

/// Plans the parts and writes them. `forms` yields the rendered forms: for a single part they are
/// taken only after the media are written (they sort last in the bag, so the bytes are the same
/// either way); for several parts they are needed first, to plan the split.
#[allow(clippy::too_many_arguments)]
fn write_bundle(
    loaded: &LoadedPacket,
    profile: &Profile,
    signer: &Signer25519,
    out: &Path,
    opts: &ExportOptions,
    obs: &dyn crate::progress::Observer,
    report: &Report,
    t: Times<'_>,
    forms: &mut dyn FnMut() -> Result<Vec<Entry>>,
) -> Result<Exported> {
    let (day, stamp, dt) = (t.day, t.stamp, t.dt);
    // Media and documents, renamed by the profile's rule; the packet is rewritten to point at them.
    let unit_name = super::unit_name(&loaded.packet, profile);
    let (mut packet, files) = placed(loaded, profile);
    let mut entries: Vec<Entry> = files;
    packet.as_of = Some(t.as_of.to_string());
    // A forwarded packet: the units' signed evidence and provenance.json travel as payload; the
    // packet itself carries neither (one source for the chain: the files the unit signed).
    if let Some(forwarded) = packet.forwarded.take() {
        entries.extend(super::chain::evidence_entries(&forwarded, &packet, loaded));
    }
    for c in &mut packet.candidates {
        for r in c.media.iter_mut().chain(c.documents.iter_mut()) {
            r.origin = None;
        }
    }
    for r in &mut packet.documents {
        r.origin = None;
    }
    entries.push(Entry::bytes("data/jianbao/packet.json", packet.to_json().into_bytes()));
    let findings = serde_json::to_string_pretty(&accepted(report)).expect("serialises") + "\n";
    entries.push(Entry::bytes("data/jianbao/findings.json", findings.into_bytes()));
    let profile_text = crate::profile::builtin_text(&profile.id)
        .filter(|t| crate::profile::parse(t, "builtin").is_ok_and(|p| &p == profile))
        .map(str::to_string)
        .unwrap_or_else(|| toml::to_string_pretty(profile).unwrap_or_default());
    entries.push(Entry::bytes("data/jianbao/profile.toml", profile_text.into_bytes()));
    let single = opts.part_size.is_none();
    if !single {
        entries.extend(forms()?);
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));

    // The plan: which file goes in which part, the group id, the group index (for a single part it is
    // made from what was written, forms included).
    let sizes: Vec<u64> = entries.iter().map(Entry::size).collect::<Result<_>>()?;
    let parts = partition(&entries, &sizes, opts.part_size)?;
    obs.begin(sizes.iter().sum());
    let count = parts.len();
    let group = {
        let mut h = Sha256::new();
        for part in [unit_name.as_str(), profile.id.as_str(), stamp, signer.id().as_str()] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        hex::encode(&h.finalize()[..8])
    };
    let base =
        crate::store::sanitize_name(&format!("{unit_name}-{}-{}", profile.short_title, day.replace('-', "")));
    let group_head = format!("Jianbao-Group: {group}\nParts: {count}\n");
    let group_txt = (!single).then(|| {
        let mut g = group_head.clone();
        for (k, m) in parts.iter().enumerate() {
            for &i in m {
                g.push_str(&format!("{}\t{}\t{}\n", k + 1, sizes[i], super::encode_path(&entries[i].path)));
            }
        }
        g
    });
    let info = BagInfo::new(loaded, profile, signer, &unit_name, day, stamp, &group, report.warnings());
    let plan = Plan {
        entries: &entries,
        sizes: &sizes,
        base: &base,
        group: &group,
        group_head: &group_head,
        group_txt: group_txt.as_deref(),
        count,
        dt,
        stamp,
    };
    let mut none = || Ok(vec![]);
    let late: &mut dyn FnMut() -> Result<Vec<Entry>> = if single { forms } else { &mut none };

    // Every part under a temporary name first; the set gets its final names only when all are done.
    let mut staged = Vec::with_capacity(count);
    for (n, members) in parts.iter().enumerate() {
        let (tmp, final_path) = write_part(&plan, n, members, late, &info, profile, signer, out, obs)?;
        let size = std::fs::metadata(tmp.path()).map_err(|e| Error::io(tmp.path(), e))?.len();
        if let Some(limit) = opts.part_size {
            if size > limit {
                let path =
                    final_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                return Err(Error::TooLargeForPart { path, size, part: limit });
            }
        }
        staged.push((tmp, final_path));
    }
    if obs.cancelled() {
        return Err(Error::Cancelled);
    }
    let mut written = Vec::with_capacity(count);
    for (tmp, final_path) in staged {
        tmp.persist(&final_path).map_err(|e| Error::io(&final_path, e.error))?;
        written.push(final_path);
    }
    crate::fsutil::sync_dir(out);
    Ok(Exported { parts: written, group, key_id: signer.id(), warnings: report.warnings() })
}

/// What every part's `bag-info.txt` says, beside its own count and Oxum.
struct BagInfo {
    lines: Vec<(&'static str, String)>,
}

impl BagInfo {
    #[allow(clippy::too_many_arguments)]
    fn new(
        loaded: &LoadedPacket,
        profile: &Profile,
        signer: &Signer25519,
        unit_name: &str,
        day: &str,
        stamp: &str,
        group: &str,
        warnings: usize,
    ) -> Self {
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
        BagInfo {
            lines: vec![
                ("Source-Organization", unit_name.to_string()),
                ("Contact-Name", field(&|f| f.id.contains("contact_name"))),
                ("Contact-Phone", field(&|f| matches!(f.kind, FieldKind::Mobile | FieldKind::Phone))),
                ("Contact-Email", field(&|f| f.kind == FieldKind::Email)),
                ("External-Identifier", profile.id.clone()),
                ("External-Description", profile.title.clone()),
                ("Bagging-Date", day.to_string()),
                ("Bag-Group-Identifier", group.to_string()),
                ("Bag-Software-Agent", format!("jianbao {}", env!("CARGO_PKG_VERSION"))),
                ("Jianbao-Key-Id", signer.id()),
                ("Jianbao-Export-Time", stamp.to_string()),
                ("Jianbao-Candidates", loaded.packet.candidates.len().to_string()),
                ("Jianbao-Accepted-Warnings", warnings.to_string()),
            ],
        }
    }

    fn text(&self, oxum: (u64, u64), n: usize, count: usize) -> String {
        let mut info = String::new();
        for (k, v) in &self.lines {
            info.push_str(&bag_info_line(k, v));
            if *k == "Bagging-Date" {
                info.push_str(&bag_info_line("Payload-Oxum", &format!("{}.{}", oxum.0, oxum.1)));
            }
            if *k == "Bag-Group-Identifier" {
                info.push_str(&bag_info_line("Bag-Count", &format!("{} of {count}", n + 1)));
            }
        }
        info
    }
}

/// The parts to write.
struct Plan<'a> {
    entries: &'a [Entry],
    sizes: &'a [u64],
    base: &'a str,
    group: &'a str,
    /// The group index's first two lines.
    group_head: &'a str,
    /// The whole group index, when the plan knows every file (several parts).
    group_txt: Option<&'a str>,
    count: usize,
    dt: time::OffsetDateTime,
    stamp: &'a str,
}

/// The temporary parts a killed export left in `out` (nobody holds their lock) are removed.
fn sweep_stale_parts(out: &Path) {
    let Ok(dir) = std::fs::read_dir(out) else { return };
    for e in dir.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        if name.starts_with(".jianbao-") && name.ends_with(".zip.part") {
            if let Ok(f) = std::fs::OpenOptions::new().write(true).open(&path) {
                if f.try_lock().is_ok() {
                    let _ = std::fs::remove_file(&path);
                }
            }
        } else if name.starts_with(".jianbao-export-") && e.file_type().is_ok_and(|t| t.is_dir()) {
            // Scratch folders of earlier versions.
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// A file that, once a write failed, swallows what follows while keeping positions consistent: the
/// zip writer finishes the archive when it is dropped and would otherwise print its own failure (or
/// trip its own assertions); the error already returned is the one that names the file.
///
/// It also starts the disk early: every 32 MiB written, a flusher thread `fdatasync`s what is written
/// so far through a second handle, so the disk writes while the export goes on hashing and copying,
/// instead of all at the final sync (on a machine with much memory, the kernel's own writeback would
/// wait for gigabytes of dirty pages).
struct Sink {
    file: std::fs::File,
    failed: bool,
    pos: u64,
    end: u64,
    unflushed: u64,
    flusher: Option<(std::sync::mpsc::SyncSender<()>, std::thread::JoinHandle<()>)>,
}

/// Bytes written between two early flushes.
const FLUSH_EVERY: u64 = 32 << 20;

impl Sink {
    fn new(file: std::fs::File) -> Self {
        let flusher = file.try_clone().ok().and_then(|clone| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<()>(1);
            let h = std::thread::Builder::new()
                .name("jianbao-flush".into())
                .spawn(move || {
                    for () in rx {
                        // Errors surface at the final sync, which the export checks.
                        let _ = clone.sync_data();
                    }
                })
                .ok()?;
            Some((tx, h))
        });
        Sink { file, failed: false, pos: 0, end: 0, unflushed: 0, flusher }
    }

    /// Syncs everything (waiting for the flusher first).
    fn finish(mut self) -> std::io::Result<()> {
        if let Some((tx, h)) = self.flusher.take() {
            drop(tx);
            let _ = h.join();
        }
        self.file.sync_all()
    }

    fn moved(&mut self, pos: u64) -> u64 {
        self.pos = pos;
        self.end = self.end.max(pos);
        pos
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failed {
            self.moved(self.pos + buf.len() as u64);
            return Ok(buf.len());
        }
        match self.file.write(buf) {
            Ok(n) => {
                self.moved(self.pos + n as u64);
                self.unflushed += n as u64;
                if self.unflushed >= FLUSH_EVERY {
                    self.unflushed = 0;
                    if let Some((tx, _)) = &self.flusher {
                        let _ = tx.try_send(());
                    }
                }
                Ok(n)
            }
            Err(e) => {
                self.failed = true;
                Err(e)
            }
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if self.failed {
            return Ok(());
        }
        self.file.flush().inspect_err(|_| self.failed = true)
    }
}

impl std::io::Seek for Sink {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        use std::io::SeekFrom;
        if !self.failed {
            match self.file.seek(to) {
                Ok(p) => return Ok(self.moved(p)),
                Err(e) => {
                    self.failed = true;
                    return Err(e);
                }
            }
        }
        let p = match to {
            SeekFrom::Start(n) => n,
            SeekFrom::Current(d) => self.pos.saturating_add_signed(d),
            SeekFrom::End(d) => self.end.saturating_add_signed(d),
        };
        Ok(self.moved(p))
    }
}

/// Writes part `n` under a temporary name (locked while it is written); returns it with its final path.
#[allow(clippy::too_many_arguments)]
fn write_part(
    plan: &Plan<'_>,
    n: usize,
    members: &[usize],
    late: &mut dyn FnMut() -> Result<Vec<Entry>>,
    info: &BagInfo,
    profile: &Profile,
    signer: &Signer25519,
    out: &Path,
    obs: &dyn crate::progress::Observer,
) -> Result<(tempfile::NamedTempFile, PathBuf)> {
    let count = plan.count;
    let bag = if count > 1 { format!("{}-{}of{count}", plan.base, n + 1) } else { plan.base.to_string() };
    let final_path = out.join(format!("{bag}.zip"));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".jianbao-").suffix(".zip.part");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let tmp = builder.tempfile_in(out).map_err(|e| Error::io(&final_path, e))?;
    let _ = tmp.as_file().lock();
    let file = tmp.reopen().map_err(|e| Error::io(&final_path, e))?;
    let mut zip = zip::ZipWriter::new(Sink::new(file));
    let dt = plan.dt;
    let zip_time = zip::DateTime::from_date_and_time(
        dt.year().clamp(1980, 2107) as u16,
        dt.month() as u8,
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
    )
    .unwrap_or_default();
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip_time)
        .large_file(true);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip_time);
    // Any failure while writing is a failure to write the part (a full disk names the output, not an
    // input); reading an input names the input.
    let werr = |e: std::io::Error| Error::io(&final_path, e);
    let zerr = |e: zip::result::ZipError| Error::io(&final_path, std::io::Error::other(e.to_string()));
    let mut manifest = String::new();
    let mut oxum = (0u64, 0u64);
    let mut index = String::new();
    let mut write = |e: &Entry, want: Option<u64>, zip: &mut zip::ZipWriter<Sink>| -> Result<()> {
        let o = if is_text(&e.path) { deflated } else { stored };
        zip.start_file(format!("{bag}/{}", e.path), o).map_err(zerr)?;
        obs.file(e.path.trim_start_matches("data/"));
        let (sha, size) = e.copy_hashed(zip, obs, &final_path)?;
        if want.is_some_and(|w| w != size) {
            return Err(Error::ChangedDuringExport { path: e.display() });
        }
        manifest.push_str(&format!("{sha}  {}\n", super::encode_path(&e.path)));
        index.push_str(&format!("{}\t{size}\t{}\n", n + 1, super::encode_path(&e.path)));
        oxum.0 += size;
        oxum.1 += 1;
        Ok(())
    };
    for &i in members {
        write(&plan.entries[i], Some(plan.sizes[i]), &mut zip)?;
    }
    for e in late()? {
        write(&e, None, &mut zip)?;
    }
    let group_txt = match plan.group_txt {
        Some(g) => g.to_string(),
        None => format!("{}{index}", plan.group_head),
    };
    let tags: Vec<(&str, Vec<u8>)> = vec![
        ("bagit.txt", BAGIT_TXT.as_bytes().to_vec()),
        ("bag-info.txt", info.text(oxum, n, count).into_bytes()),
        ("manifest-sha256.txt", manifest.into_bytes()),
        (GROUP_FILE, group_txt.into_bytes()),
        (PUBLIC_KEY_FILE, signer.public.clone().into_bytes()),
    ];
    let mut tagmanifest = String::new();
    for (name, bytes) in &tags {
        zip.start_file(format!("{bag}/{name}"), deflated).map_err(zerr)?;
        zip.write_all(bytes).map_err(werr)?;
        tagmanifest.push_str(&format!("{}  {name}\n", hex::encode(Sha256::digest(bytes))));
    }
    zip.start_file(format!("{bag}/tagmanifest-sha256.txt"), deflated).map_err(zerr)?;
    zip.write_all(tagmanifest.as_bytes()).map_err(werr)?;
    let unit_name = info.lines[0].1.as_str();
    let comment = format!(
        "jianbao-bundle unit={} profile={} part={}/{count} group={} time={}",
        super::encode_comment(unit_name),
        super::encode_comment(&profile.id),
        n + 1,
        plan.group,
        super::encode_comment(plan.stamp),
    );
    let sig = signer.sign(tagmanifest.as_bytes(), &comment);
    zip.start_file(format!("{bag}/tagmanifest-sha256.txt.minisig"), deflated).map_err(zerr)?;
    zip.write_all(sig.as_bytes()).map_err(werr)?;
    let sink = zip.finish().map_err(zerr)?;
    sink.finish().map_err(werr)?;
    Ok((tmp, final_path))
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

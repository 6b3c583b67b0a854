//! Attachment rules: counts per slot, and each file judged by its content against its slot.

use std::collections::BTreeMap;

use super::{Place, Severity, Sink};
use crate::media::{self, Colour, Inspection, Kind};
use crate::packet::{Candidate, FileRef, LoadedPacket};
use crate::profile::{Background, MediaFormat, Slot, SlotKind};

/// Where a file is used.
struct Use {
    /// The candidate (or unit), slot and which of the slot's files written alike.
    place: Place,
    /// The path as written in the packet.
    path: String,
    /// The slot it is attached to.
    slot: Slot,
    /// Whether the file suits its slot (no error about it): of two copies, the one that does not
    /// belong is the one to replace.
    fits: bool,
}

/// Inspects each file once and remembers hashes for the duplicate check.
pub(super) struct Files<'a> {
    loaded: &'a LoadedPacket,
    /// sha256 → files (as written) that have it.
    hashes: BTreeMap<String, Vec<Use>>,
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_048_576.0)
}

/// A size and its bound, exact where rounding would make them look equal (1,048,575 bytes is not
/// "1.0 MB" against "不小于 1.0 MB").
fn sizes(bytes: u64, bound: u64) -> (String, String) {
    if mb(bytes) == mb(bound) {
        (format!("{} B", group(bytes)), format!("{} B", group(bound)))
    } else {
        (mb(bytes), mb(bound))
    }
}

/// `1048575` → `1,048,575`.
fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How much is missing or over, exactly in bytes under 1 MB.
fn difference(a: u64, b: u64) -> String {
    let d = a.abs_diff(b);
    if d < 1_048_576 {
        format!("{} B", group(d))
    } else {
        mb(d)
    }
}

fn kind_fits(kind: Kind, f: MediaFormat) -> bool {
    matches!(
        (kind, f),
        (Kind::Jpeg, MediaFormat::Jpeg)
            | (Kind::Png, MediaFormat::Png)
            | (Kind::Mp4, MediaFormat::Mp4)
            | (Kind::Mov, MediaFormat::Mov)
            | (Kind::Pdf, MediaFormat::Pdf)
            | (Kind::Zip, MediaFormat::Docx)
    )
}

fn formats_text(slot: &Slot) -> String {
    slot.formats.iter().map(|f| f.extension().to_uppercase()).collect::<Vec<_>>().join("/")
}

impl<'a> Files<'a> {
    pub fn new(loaded: &'a LoadedPacket) -> Self {
        Files { loaded, hashes: BTreeMap::new() }
    }

    pub fn check_unit(&mut self, sink: &mut Sink<'_>) {
        let profile = sink.profile;
        let refs = &self.loaded.packet.documents;
        for slot in &profile.unit_slots {
            self.slot(slot, refs, sink);
        }
    }

    pub fn check_candidate(&mut self, c: &Candidate, sink: &mut Sink<'_>) {
        let profile = sink.profile;
        let refs: Vec<FileRef> = c.media.iter().chain(&c.documents).cloned().collect();
        for slot in &profile.candidate_slots {
            self.slot(slot, &refs, sink);
        }
        alternatives(c, &refs, sink);
    }

    fn slot(&mut self, slot: &Slot, refs: &[FileRef], sink: &mut Sink<'_>) {
        let mine: Vec<&FileRef> = refs.iter().filter(|r| r.slot == slot.id).collect();
        let n = mine.len() as u32;
        let args = || {
            vec![
                ("slot", slot.label.clone()),
                ("count", n.to_string()),
                ("min", slot.count.min.to_string()),
                ("max", slot.count.max.map(|m| m.to_string()).unwrap_or_default()),
            ]
        };
        sink.at_slot(Some(&slot.id), 0);
        if n < slot.count.min {
            sink.push(Severity::Error, "slot-count-min", &slot.clause, None, None, &args());
        }
        if slot.count.max.is_some_and(|m| n > m) {
            sink.push(Severity::Error, "slot-count-max", &slot.clause, None, None, &args());
        }
        for (i, r) in mine.iter().enumerate() {
            // The same bytes twice in one slot are two files: each keeps its own verdict.
            let nth = mine[..i].iter().filter(|o| o.path == r.path).count();
            sink.at_slot(Some(&slot.id), nth);
            self.file(slot, r, sink);
        }
        sink.at_slot(None, 0);
    }

    fn file(&mut self, slot: &Slot, r: &FileRef, sink: &mut Sink<'_>) {
        let before = sink.findings.len();
        let hashed = self.judge(slot, r, sink);
        if let Some(h) = hashed {
            let fits = !sink.findings[before..].iter().any(|f| f.severity == Severity::Error);
            let at = Use { place: sink.context(), path: r.path.clone(), slot: slot.clone(), fits };
            self.hashes.entry(h).or_default().push(at);
        }
    }

    /// Judges one file against its slot; returns its hash when it was read.
    fn judge(&mut self, slot: &Slot, r: &FileRef, sink: &mut Sink<'_>) -> Option<String> {
        let path = self.loaded.resolve(r);
        let file = Some(r.path.as_str());
        let label = ("slot", slot.label.clone());
        if !path.exists() {
            sink.push(Severity::Error, "file-missing", &slot.clause, None, file, &[label]);
            return None;
        }
        let decode = slot.id_photo.as_ref().is_some_and(|i| i.background.is_some());
        let info = media::inspect(&path, media::Options { decode_photos: decode });
        let hash = info.sha256.clone();
        if info.kind == Kind::Empty {
            sink.push(Severity::Error, "file-empty", &slot.clause, None, file, &[label]);
            return hash;
        }
        if info.problem.as_ref().is_some_and(|p| p.code == "unreadable") {
            let detail = info.problem.as_ref().map(|p| p.detail.clone()).unwrap_or_default();
            sink.push(
                Severity::Error,
                "file-unreadable",
                &slot.clause,
                None,
                file,
                &[label, ("detail", detail)],
            );
            return hash;
        }
        if slot.kind != SlotKind::Other && !slot.formats.iter().any(|f| kind_fits(info.kind, *f)) {
            let code = match (slot.kind, info.kind) {
                (SlotKind::Photo, Kind::Heic) => "photo-heic",
                (SlotKind::Photo, Kind::Png) => "photo-png",
                (SlotKind::Photo, Kind::Webp) => "photo-webp",
                (SlotKind::Photo, _) => "photo-format",
                (SlotKind::Video, Kind::Mov) => "video-mov-not-allowed",
                (SlotKind::Video, _) => "video-format",
                (SlotKind::Document | SlotKind::Other, _) => "doc-format",
            };
            let args = [label, ("kind", info.kind.message_id().to_string()), ("formats", formats_text(slot))];
            sink.push(Severity::Error, code, &slot.clause, None, file, &args);
            return hash;
        }
        match slot.kind {
            SlotKind::Photo => photo(slot, &info, file, sink),
            SlotKind::Video => video(slot, &info, file, sink),
            SlotKind::Document => document(slot, &info, file, sink),
            // Any form the notice allows: present, readable and not empty is all we can judge.
            SlotKind::Other => {}
        }
        hash
    }

    /// The same file (by content) attached twice anywhere in the packet: the finding is about the
    /// copy to replace — one that does not suit its slot, else the later — cites that slot's clause,
    /// and names both places (candidate, slot, file).
    pub fn check_duplicates(&self, sink: &mut Sink<'_>) {
        for uses in self.hashes.values().filter(|u| u.len() > 1) {
            let mut uses: Vec<&Use> = uses.iter().collect();
            uses.sort_by_key(|u| !u.fits); // stable: packet order among those that fit
            let first = uses[0];
            for at in &uses[1..] {
                sink.at(&at.place);
                let args = [
                    ("slot", at.slot.label.clone()),
                    ("other", first.path.clone()),
                    ("other_who", first.place.candidate.clone().unwrap_or_default()),
                    ("other_n", first.place.candidate_number.map(|n| n.to_string()).unwrap_or_default()),
                    ("other_slot", first.slot.label.clone()),
                    ("other_slot_id", first.slot.id.clone()),
                    ("other_candidate", first.place.candidate_id.clone().unwrap_or_default()),
                    ("other_nth", first.place.nth.to_string()),
                ];
                sink.push(Severity::Error, "file-duplicate", &at.slot.clause, None, Some(&at.path), &args);
            }
        }
        sink.at(&Place::default());
    }
}

/// A file whose content cannot be used: the code, with the slot and the technical detail.
fn unusable(code: &'static str, slot: &Slot, detail: &str, file: Option<&str>, sink: &mut Sink<'_>) {
    let args = [("slot", slot.label.clone()), ("detail", detail.to_string())];
    sink.push(Severity::Error, code, &slot.clause, None, file, &args);
}

/// Of each group of alternative materials, at least one is given (once its condition holds).
fn alternatives(c: &Candidate, refs: &[FileRef], sink: &mut Sink<'_>) {
    let profile = sink.profile;
    let given = |r: &str| match r.split_once(':') {
        Some(("field", id)) => !super::fields::is_empty(c.fields.get(id)),
        Some(("slot", id)) => refs.iter().any(|f| f.slot == id),
        _ => false,
    };
    let name = |r: &str| match r.split_once(':') {
        Some(("field", id)) => profile.candidate_field(id).map(|f| f.plain_label()),
        Some(("slot", id)) => profile.candidate_slot(id).map(|s| s.label.clone()),
        _ => None,
    };
    for a in &profile.alternatives {
        if a.when.as_deref().is_some_and(|w| !given(w)) || a.any_of.iter().any(|r| given(r)) {
            continue;
        }
        let options: Vec<String> = a.any_of.iter().filter_map(|r| name(r)).collect();
        let mut args = vec![("materials", a.label.clone()), ("options", options.join("、"))];
        let code = match a.when.as_deref().and_then(name) {
            Some(because) => {
                args.push(("because", because));
                "materials-needed-with"
            }
            None => "materials-none",
        };
        sink.push(Severity::Error, code, &a.clause, None, None, &args);
    }
}

fn photo(slot: &Slot, info: &Inspection, file: Option<&str>, sink: &mut Sink<'_>) {
    let c = &slot.clause;
    if let Some(p) = &info.problem {
        let code = match p.code {
            "truncated" => "photo-truncated",
            "too-many-pixels" => "photo-too-many-pixels",
            "too-large" => "photo-too-large",
            _ => "photo-corrupt",
        };
        unusable(code, slot, &p.detail, file, sink);
        return;
    }
    let pixels = info.photo.as_ref().map(|p| (p.width, p.height)).or(info.pixels);
    let px_text = pixels.map(|(w, h)| format!("{w}×{h}")).unwrap_or_default();
    if let Some(min) = slot.min_bytes.filter(|m| info.bytes < *m) {
        // An ID photo's small pixel size makes a small file: ask for the studio's original, never padding.
        let code = if slot.id_photo.is_some() { "id-photo-bytes-min" } else { "photo-bytes-min" };
        let (got, want) = sizes(info.bytes, min);
        let args = [
            ("size", got),
            ("min", want),
            ("short", difference(info.bytes, min)),
            ("pixels", px_text.clone()),
        ];
        sink.push(Severity::Error, code, c, None, file, &args);
    }
    if let Some(max) = slot.max_bytes.filter(|m| info.bytes > *m) {
        let (got, want) = sizes(info.bytes, max);
        let args = [("size", got), ("max", want), ("over", difference(info.bytes, max))];
        sink.push(Severity::Error, "photo-bytes-max", c, None, file, &args);
    }
    if let (Some(min), Some((w, h))) = (slot.min_pixels, pixels) {
        let (short, long) = (w.min(h), w.max(h));
        if short < min.width.min(min.height) || long < min.width.max(min.height) {
            sink.push(
                Severity::Error,
                "photo-pixels-min",
                slot.min_pixels_clause.as_ref().unwrap_or(c),
                None,
                file,
                &[("pixels", px_text.clone()), ("min", format!("{}×{}", min.width, min.height))],
            );
        }
    }
    let Some(p) = &info.photo else { return };
    if let Some(min) = slot.min_dpi {
        match p.dpi() {
            None => {
                sink.push(Severity::Warning, "photo-dpi-unknown", c, None, file, &[("min", min.to_string())])
            }
            Some(dpi) if dpi + 0.5 < min as f64 => {
                let both = match (p.jfif_dpi, p.exif_dpi) {
                    (Some(j), Some(e)) if (j - e).abs() > 0.5 => format!("JFIF {j:.0} / EXIF {e:.0}"),
                    _ => format!("{dpi:.0}"),
                };
                sink.push(
                    Severity::Error,
                    "photo-dpi-min",
                    c,
                    None,
                    file,
                    &[("dpi", both), ("min", min.to_string())],
                );
            }
            Some(_) => {}
        }
    }
    let Some(idp) = &slot.id_photo else { return };
    let iclause = idp.clause.as_ref().unwrap_or(c);
    if let Some(size) = &idp.size {
        let want = size.width_mm / size.height_mm;
        let got = p.width as f64 / p.height.max(1) as f64;
        if (got / want - 1.0).abs() > size.ratio_tolerance {
            let args = [
                ("pixels", px_text.clone()),
                ("size", size.name.clone()),
                ("mm", format!("{}×{}", size.width_mm, size.height_mm)),
            ];
            sink.push(Severity::Error, "id-photo-ratio", iclause, None, file, &args);
        }
    }
    if let Some(want) = idp.background {
        let want_c = match want {
            Background::Red => Colour::Red,
            Background::White => Colour::White,
            Background::Blue => Colour::Blue,
        };
        let want_id = want_c.message_id().to_string();
        match p.background {
            // Not decoded (a picture over the decoding limit): say it could not be confirmed.
            None => {
                let args = [("want", want_id)];
                sink.push(Severity::Warning, "id-photo-background-unknown", iclause, None, file, &args);
            }
            Some(found) if found.colour == want_c => {}
            // Uneven corners (hair, shadow, clutter): name what was seen, ask the person to look.
            Some(found) if found.colour == Colour::Mixed => {
                let args = [("want", want_id), ("rgb", found.hex())];
                sink.push(Severity::Warning, "id-photo-background-unclear", iclause, None, file, &args);
            }
            // An even background of another colour — grey, blue, beige — is not the one demanded.
            Some(found) => {
                let args =
                    [("want", want_id), ("got", found.colour.message_id().to_string()), ("rgb", found.hex())];
                sink.push(Severity::Error, "id-photo-background", iclause, None, file, &args);
            }
        }
    }
}

fn video(slot: &Slot, info: &Inspection, file: Option<&str>, sink: &mut Sink<'_>) {
    let c = &slot.clause;
    if let Some(p) = &info.problem {
        let code = match p.code {
            "truncated" | "no-moov" => "video-truncated",
            "no-video" => "video-no-track",
            _ => "video-corrupt",
        };
        sink.push(Severity::Error, code, c, None, file, &[("detail", p.detail.clone())]);
        return;
    }
    let (Some(v), Some(rule)) = (&info.video, &slot.video) else { return };
    let vclause = rule.clause.as_ref().unwrap_or(c);
    let secs = v.duration_s;
    let shown = format!("{}分{:02}秒", (secs as u64) / 60, (secs.round() as u64) % 60);
    if let Some(max) = rule.max_seconds.filter(|m| secs > *m as f64 + 0.5) {
        sink.push(
            Severity::Error,
            "video-duration-max",
            vclause,
            None,
            file,
            &[("duration", shown.clone()), ("max", minutes(max))],
        );
    }
    if let Some(min) = rule.min_seconds.filter(|m| secs + 0.5 < *m as f64) {
        sink.push(
            Severity::Error,
            "video-duration-min",
            vclause,
            None,
            file,
            &[("duration", shown.clone()), ("min", minutes(min))],
        );
    }
    let size = format!("{}×{}", v.width, v.height);
    if !rule.resolutions.is_empty()
        && !rule.resolutions.iter().any(|p| p.width == v.width && p.height == v.height)
    {
        let allowed = rule
            .resolutions
            .iter()
            .map(|p| format!("{}×{}", p.width, p.height))
            .collect::<Vec<_>>()
            .join(" / ");
        sink.push(
            Severity::Error,
            "video-resolution",
            vclause,
            None,
            file,
            &[("size", size.clone()), ("allowed", allowed), ("codec", v.codec.clone())],
        );
    }
    if let Some(min) = rule.min_resolution {
        let (s, l) = (v.width.min(v.height), v.width.max(v.height));
        if s < min.width.min(min.height) || l < min.width.max(min.height) {
            sink.push(
                Severity::Error,
                "video-resolution-min",
                vclause,
                None,
                file,
                &[("size", size), ("min", format!("{}×{}", min.width, min.height))],
            );
        }
    }
}

fn minutes(s: u32) -> String {
    if s.is_multiple_of(60) {
        format!("{}", s / 60)
    } else {
        format!("{:.1}", s as f64 / 60.0)
    }
}

fn document(slot: &Slot, info: &Inspection, file: Option<&str>, sink: &mut Sink<'_>) {
    let c = &slot.clause;
    if let Some(p) = &info.problem {
        let code = if p.code == "truncated" { "doc-truncated" } else { "doc-corrupt" };
        unusable(code, slot, &p.detail, file, sink);
        return;
    }
    let Some(pdf) = &info.pdf else { return };
    if pdf.encrypted {
        sink.push(Severity::Error, "doc-encrypted", c, None, file, &[("slot", slot.label.clone())]);
        return;
    }
    if let Some(pages) = slot.pages {
        if pdf.pages < pages.min || pages.max.is_some_and(|m| pdf.pages > m) {
            let want = match pages.max {
                Some(m) if m == pages.min => m.to_string(),
                Some(m) => format!("{}–{}", pages.min, m),
                None => format!("≥ {}", pages.min),
            };
            sink.push(
                Severity::Error,
                "doc-pages",
                c,
                None,
                file,
                &[("pages", pdf.pages.to_string()), ("want", want)],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::photo::PhotoInfo;
    use crate::profile::Registry;

    fn id_photo_info(background: Option<crate::media::Found>) -> Inspection {
        let photo = PhotoInfo {
            width: 780,
            height: 1134,
            stored_width: 780,
            stored_height: 1134,
            orientation: None,
            jfif_dpi: Some(300.0),
            exif_dpi: None,
            progressive: false,
            background,
        };
        Inspection {
            bytes: 3_000_000,
            kind: Kind::Jpeg,
            pixels: None,
            photo: Some(photo),
            video: None,
            pdf: None,
            sha256: None,
            problem: None,
        }
    }

    fn codes(info: &Inspection) -> Vec<(&'static str, Severity)> {
        let reg = Registry::builtin().unwrap();
        let profile = reg.get("ordos-2021-zuimei").unwrap();
        let slot = profile.candidate_slot("id_photo").unwrap();
        let mut sink = Sink::new(profile);
        photo(slot, info, Some("a.jpg"), &mut sink);
        sink.findings.iter().map(|f| (f.code, f.severity)).collect()
    }

    /// A picture too large to decode is not judged by its background: a person looks.
    #[test]
    fn an_undecoded_background_is_a_warning_to_look() {
        assert_eq!(codes(&id_photo_info(None)), vec![("id-photo-background-unknown", Severity::Warning)]);
        let grey = crate::media::Found { colour: Colour::Grey, rgb: [160, 160, 160] };
        assert_eq!(codes(&id_photo_info(Some(grey))), vec![("id-photo-background", Severity::Error)]);
        let red = crate::media::Found { colour: Colour::Red, rgb: [206, 28, 36] };
        assert!(codes(&id_photo_info(Some(red))).is_empty());
    }

    #[test]
    fn sizes_are_exact_near_a_boundary() {
        assert_eq!(sizes(1_048_575, 1_048_576), ("1,048,575 B".to_string(), "1,048,576 B".to_string()));
        assert_eq!(sizes(500_000, 2_097_152), ("0.5 MB".to_string(), "2.0 MB".to_string()));
        assert_eq!(difference(1_048_575, 1_048_576), "1 B");
        assert_eq!(difference(500_000, 2_097_152), "1.5 MB");
    }
}

//! The unit's workspace: its form values, candidates, files with their facts and verdicts, findings
//! that point at a field or a file, the preview, and the export wizard's steps.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use super::{stamp, Desk, OutputFile};
use crate::check::{self, Report, Severity};
use crate::error::{Error, Result};
use crate::i18n::Localizer;
use crate::media::{self, Inspection};
use crate::packet::LoadedPacket;
use crate::profile::{Authority, FieldKind, Per, Profile};
use crate::progress::Observer;

/// Everything the unit's editor shows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct UnitView {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Campaign id.
    pub profile_id: String,
    /// The unit's name.
    pub name: String,
    /// The example workspace.
    pub sample: bool,
    /// Last change (the autosave time), RFC 3339.
    pub updated_at: String,
    /// Unit form values.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub fields: BTreeMap<String, Value>,
    /// The unit form's date cells as the core reads them (see [`CandidateView::dates`]).
    pub dates: BTreeMap<String, check::dates::DateCell>,
    /// Candidates in order.
    pub candidates: Vec<CandidateView>,
    /// The unit's own documents.
    pub documents: Vec<FileView>,
    /// Every finding, errors first.
    pub findings: Vec<FindingView>,
    /// Number of errors.
    pub errors: u32,
    /// Number of warnings.
    pub warnings: u32,
    /// How many of the errors are only things not filled in yet.
    pub to_fill: u32,
    /// The unit's fields that must be filled now, given its values: marked ＊.
    pub required_fields: Vec<String>,
    /// The deadline, judged on the unit's day.
    pub deadline: Option<DeadlineView>,
    /// The day the unit is judged as of, when pinned (the example's).
    pub as_of: Option<String>,
    /// Exports, newest first.
    pub exports: Vec<ExportView>,
    /// For a packet forwarding candidates (转报上级): the units they came from, and whether each
    /// unit's signed evidence travels with them.
    pub forwarded_from: Vec<ForwardedFrom>,
}

/// A unit bundle a forwarded packet's candidates came from.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ForwardedFrom {
    /// The unit.
    pub unit: String,
    /// Its key ID, grouped.
    pub key_id: String,
    /// The candidates' names.
    pub names: Vec<String>,
    /// Its signed tag files were kept at import, so the next level can check the origin.
    pub evidence: bool,
}

/// A candidate in the editor.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CandidateView {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Packet id (`c1`).
    pub key: String,
    /// Name as filled in.
    pub name: String,
    /// Form values.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub fields: BTreeMap<String, Value>,
    /// Photos, videos and documents.
    pub files: Vec<FileView>,
    /// Errors about this candidate.
    pub errors: u32,
    /// Warnings about this candidate.
    pub warnings: u32,
    /// Required fields filled in.
    pub filled: u32,
    /// Required fields.
    pub required: u32,
    /// The fields that must be filled now, given the values (conditions included): marked ＊.
    pub required_fields: Vec<String>,
    /// Every date cell read for the window's pickers: a date field by its id (`birth`), a table's
    /// cell as `field/row/column` (`history/0/from`).
    pub dates: BTreeMap<String, check::dates::DateCell>,
}

/// Every date cell of a form's values, read for the window's pickers (keys as [`CandidateView::dates`]).
fn date_cells(
    fields: &[crate::profile::Field],
    values: &BTreeMap<String, Value>,
) -> BTreeMap<String, check::dates::DateCell> {
    use check::dates::cell;
    let mut out = BTreeMap::new();
    for f in fields {
        match f.kind {
            FieldKind::Date | FieldKind::YearMonth => {
                let v = values.get(&f.id).and_then(Value::as_str).unwrap_or_default();
                out.insert(f.id.clone(), cell(f.kind, v, f.date_layout(), &[]));
            }
            FieldKind::History => {
                let rows = values.get(&f.id).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
                for (i, row) in rows.iter().enumerate() {
                    for c in
                        f.columns.iter().filter(|c| matches!(c.kind, FieldKind::Date | FieldKind::YearMonth))
                    {
                        let v = row.get(&c.id).and_then(Value::as_str).unwrap_or_default();
                        out.insert(
                            format!("{}/{i}/{}", f.id, c.id),
                            cell(c.kind, v, c.date_layout(), &c.open_end),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// An attached file.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FileView {
    /// Attachment id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Slot id.
    pub slot: String,
    /// The name it had.
    pub original_name: String,
    /// The name it will have in the bundle (`王海涛1.jpg`).
    pub packet_name: String,
    /// Content hash (thumbnail key).
    pub sha256: String,
    /// Size in bytes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size: u64,
    /// What it is by content (`jpeg`, `mp4`, `pdf`…).
    pub kind: String,
    /// Its facts in one line (`4000×3000 · 3.2 MB · 300 dpi · 红底`).
    pub facts: String,
    /// The worst finding about it.
    pub verdict: Option<Severity>,
    /// What is wrong with it.
    pub messages: Vec<String>,
}

/// A finding, pointing at what to fix.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FindingView {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code.
    pub code: String,
    /// What is wrong and how to fix it.
    pub message: String,
    /// The candidate's row id (none: the unit).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub candidate: Option<i64>,
    /// The field id.
    pub field: Option<String>,
    /// The attachment id.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub file: Option<i64>,
    /// The slot, for a finding about a missing file.
    pub slot: Option<String>,
    /// Only not filled in yet (see [`crate::check::Finding::is_pending`]): shown as what is left to
    /// fill until the secretary asks for the check.
    pub pending: bool,
    /// The rule's authority, cited (`三、（四）：“……”`, or our advice).
    pub clause: String,
    /// Who says so: the notice, its form, our advice (only ever a warning), or the program's bound.
    pub authority: Authority,
}

/// The deadline, as the status bar says it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DeadlineView {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Days left including today (negative: days past).
    pub days_left: i32,
    /// A late submission is refused.
    pub strict: bool,
}

/// One export in the history.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ExportView {
    /// Row id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// `bundle`, `usb` or `packet`.
    pub kind: String,
    /// Where to.
    pub target: String,
    /// When, RFC 3339.
    pub at: String,
    /// Details.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub detail: Value,
}

/// What the export wizard asks for.
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ExportRequest {
    /// Largest part in bytes (none: one file, for USB).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub part_size: Option<u64>,
    /// The warnings were acknowledged one by one.
    pub accept_warnings: bool,
    /// The organiser's encryption recipient (`age1…`, typed, pasted or read from its file), when
    /// the parts are to travel encrypted.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub encrypt_to: Option<String>,
}

/// What the export wizard shows when done.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ExportDone {
    /// The output folder.
    pub dir: String,
    /// The parts, in order, each with the files it holds.
    pub parts: Vec<PartView>,
    /// Group id.
    pub group: String,
    /// Signing key ID.
    pub key_id: String,
    /// Warnings recorded in the bundle.
    pub warnings: u32,
    /// Where to send it.
    pub mail_to: Vec<String>,
    /// The notice's recipient.
    pub recipient: String,
    /// Paper copies to prepare.
    pub paper: Vec<PaperItem>,
}

/// One part of a bundle.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PartView {
    /// The zip.
    pub file: OutputFile,
    /// Files inside (payload only).
    pub files: Vec<String>,
    /// Mail subject for this part.
    pub subject: String,
    /// Mail body for this part.
    pub body: String,
}

/// A line of the 纸质材料清单.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PaperItem {
    /// What the notice calls it.
    pub label: String,
    /// Copies in all.
    pub copies: u32,
    /// Of those, copies whose 推荐单位 parts stay blank.
    pub blank: u32,
    /// Needs the unit's seal.
    pub sealed: bool,
    /// The clause.
    pub clause: String,
}

pub(crate) fn deadline(p: &Profile, today: time::Date) -> Option<DeadlineView> {
    let d = p.deadline.as_ref()?;
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(&d.date, fmt).ok()?;
    let last_day = if d.before { date.previous_day().unwrap_or(date) } else { date };
    let left = (last_day - today).whole_days() as i32;
    Some(DeadlineView {
        date: d.date.clone(),
        days_left: if left >= 0 { left + 1 } else { left },
        strict: d.strict,
    })
}

fn mb(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / 1048576.0)
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).max(1.0))
    }
}

/// A file's facts in one line.
fn facts(i: &Inspection, l: &Localizer) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(p) = &i.photo {
        parts.push(format!("{}×{}", p.width, p.height));
    } else if let Some((w, h)) = i.pixels {
        parts.push(format!("{w}×{h}"));
    }
    if let Some(v) = &i.video {
        parts.push(format!("{} {}×{}", v.container.to_uppercase(), v.width, v.height));
        parts.push(format!("{:.0} s", v.duration_s));
    }
    parts.push(mb(i.bytes));
    if let Some(p) = &i.photo {
        if let Some(d) = p.dpi() {
            parts.push(format!("{d:.0} dpi"));
        }
        if let Some(bg) = p.background {
            parts.push(format!("{} {}", l.plain(bg.colour.message_id()), bg.hex()));
        }
    }
    if let Some(p) = &i.pdf {
        parts.push(format!("PDF {} {}", p.pages, l.plain("desk-pages")));
    }
    parts.join(" · ")
}

/// A JPEG thumbnail of a stored photo.
pub(crate) fn thumbnail(path: &Path) -> Result<Vec<u8>> {
    let i = media::inspect(path, media::Options { decode_photos: false });
    let Some(p) = i.photo.filter(|_| i.problem.is_none()) else {
        return Err(Error::NotShown { path: path.to_path_buf(), why: crate::error::NotShown::NoThumbnail });
    };
    if u64::from(p.stored_width) * u64::from(p.stored_height) > 60_000_000 {
        return Err(Error::NotShown { path: path.to_path_buf(), why: crate::error::NotShown::NoThumbnail });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let img = image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg)
        .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
    let mut t = img.thumbnail(360, 360);
    t = match p.orientation {
        Some(3) => t.rotate180(),
        Some(6) => t.rotate90(),
        Some(8) => t.rotate270(),
        _ => t,
    };
    let mut out = Vec::new();
    t.to_rgb8()
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Jpeg)
        .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
    Ok(out)
}

fn filled(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(_) => true,
    }
}

impl Desk {
    fn loaded(&self, unit_id: i64) -> Result<(LoadedPacket, Profile)> {
        let loaded = self.ws.unit_loaded(unit_id)?;
        let profile = self.registry.get(&loaded.packet.profile)?.clone();
        Ok((loaded, profile))
    }

    /// The unit's editor: values, candidates, files with facts and verdicts, findings.
    pub fn unit(&self, unit_id: i64) -> Result<UnitView> {
        let rows = self.ws.unit_rows(unit_id)?;
        let (loaded, profile) = self.loaded(unit_id)?;
        let opts = check::Options::as_of(loaded.packet.as_of.as_deref());
        let today = opts.today;
        let report: Report = check::check(&loaded, &profile, opts);
        let l = self.localizer();
        let (placed, _) = crate::bundle::export::placed(&loaded, &profile);
        let cand_row = |key: &str| rows.candidates.iter().find(|(_, k)| k == key).map(|(id, _)| *id);

        // Files, in packet order (the same order `unit_rows` lists them in).
        let mut files: Vec<(Option<i64>, FileView)> = Vec::new();
        let mut att = rows.attachments.iter();
        let mut push_list =
            |cand: Option<i64>, refs: &[crate::packet::FileRef], new: &[crate::packet::FileRef]| {
                for (r, n) in refs.iter().zip(new) {
                    let Some(a) = att.next() else { return };
                    // Stored files are content-addressed and never change: each is inspected once, not
                    // on every autosave.
                    let i = self
                        .inspections
                        .borrow_mut()
                        .entry(a.sha256.clone())
                        .or_insert_with(|| {
                            media::inspect(&loaded.resolve(r), media::Options { decode_photos: false })
                        })
                        .clone();
                    files.push((
                        cand,
                        FileView {
                            id: a.id,
                            slot: a.slot.clone(),
                            original_name: a.original_name.clone(),
                            packet_name: n.path.rsplit('/').next().unwrap_or_default().to_string(),
                            sha256: a.sha256.clone(),
                            size: a.size,
                            kind: i.kind.as_str().to_string(),
                            facts: facts(&i, &l),
                            verdict: None,
                            messages: vec![],
                        },
                    ));
                }
            };
        // `unit_rows` orders by candidate row id (unit documents, NULL, first), then list, position.
        push_list(None, &loaded.packet.documents, &placed.documents);
        let mut order: Vec<(i64, usize)> = loaded
            .packet
            .candidates
            .iter()
            .enumerate()
            .filter_map(|(i, c)| cand_row(&c.id).map(|r| (r, i)))
            .collect();
        order.sort();
        for (row, i) in order {
            let (c, n) = (&loaded.packet.candidates[i], &placed.candidates[i]);
            push_list(Some(row), &c.documents, &n.documents);
            push_list(Some(row), &c.media, &n.media);
        }

        // A finding about a file is bound to its attachment: (candidate, slot, which of the slot's
        // files with these bytes). The same bytes in two slots are two attachments, each judged in
        // its own slot; messages name files as the user attached them, never by storage path.
        let find =
            |files: &[(Option<i64>, FileView)], cand: Option<i64>, slot: &str, path: &str, nth: usize| {
                files
                    .iter()
                    .enumerate()
                    .filter(|(_, (c, v))| *c == cand && v.slot == slot && path.ends_with(&v.sha256))
                    .nth(nth)
                    .map(|(i, _)| i)
            };
        let named = |v: &FileView| {
            let args = BTreeMap::from([("name", v.original_name.clone()), ("packet", v.packet_name.clone())]);
            l.text(
                if v.original_name == v.packet_name { "file-as-attached-same" } else { "file-as-attached" },
                &args,
            )
        };
        let mut findings = Vec::new();
        for f in &report.findings {
            let candidate = f.candidate_id.as_deref().and_then(cand_row);
            let at = match (&f.file, &f.slot) {
                (Some(p), Some(slot)) => find(&files, candidate, slot, p, f.nth),
                _ => None,
            };
            let mut shown = f.clone();
            if let Some(i) = at {
                shown.args.insert("file", named(&files[i].1));
            }
            if let (Some(other), Some(slot)) = (f.args.get("other"), f.args.get("other_slot_id")) {
                let cand = f.args.get("other_candidate").filter(|c| !c.is_empty()).and_then(|c| cand_row(c));
                let nth = f.args.get("other_nth").and_then(|n| n.parse().ok()).unwrap_or(0);
                if let Some(j) = find(&files, cand, slot, other, nth) {
                    shown.args.insert("other", named(&files[j].1));
                }
            }
            let message = shown.message(&l);
            let file = at.map(|i| {
                let v = &mut files[i].1;
                v.verdict = Some(v.verdict.map_or(f.severity, |s| s.min(f.severity)));
                v.messages.push(message.clone());
                v.id
            });
            findings.push(FindingView {
                severity: f.severity,
                code: f.code.to_string(),
                message,
                candidate,
                field: f.field.clone(),
                file,
                slot: f.slot.clone(),
                pending: f.is_pending(),
                clause: f.clause.clone(),
                authority: f.authority,
            });
        }
        let required: Vec<&crate::profile::Field> = profile
            .candidate_form
            .fields
            .iter()
            .filter(|f| f.required && !f.on_paper && !f.summary_only && f.kind != FieldKind::Photo)
            .collect();
        let candidates = loaded
            .packet
            .candidates
            .iter()
            .filter_map(|c| {
                let id = cand_row(&c.id)?;
                let count = |s: Severity| {
                    report
                        .findings
                        .iter()
                        .filter(|f| f.severity == s && f.candidate_id.as_deref() == Some(&c.id))
                        .count() as u32
                };
                Some(CandidateView {
                    id,
                    key: c.id.clone(),
                    name: crate::packet::text(&c.fields, &profile.candidate_form.name_field)
                        .unwrap_or_default()
                        .to_string(),
                    fields: c.fields.clone(),
                    files: files.iter().filter(|(k, _)| *k == Some(id)).map(|(_, v)| v.clone()).collect(),
                    errors: count(Severity::Error),
                    warnings: count(Severity::Warning),
                    filled: required.iter().filter(|f| filled(c.fields.get(&f.id))).count() as u32,
                    required: required.len() as u32,
                    required_fields: crate::check::required_fields(&profile.candidate_form, &c.fields),
                    dates: date_cells(&profile.candidate_form.fields, &c.fields),
                })
            })
            .collect();
        let exports = self
            .ws
            .exports(unit_id)?
            .into_iter()
            .rev()
            .map(|e| ExportView {
                id: e.id,
                kind: e.kind,
                target: e.target,
                at: e.at,
                detail: serde_json::from_str(&e.detail).unwrap_or(Value::Null),
            })
            .collect();
        Ok(UnitView {
            id: unit_id,
            profile_id: profile.id.clone(),
            name: rows.name,
            sample: rows.sample,
            updated_at: rows.updated_at,
            fields: loaded.packet.unit.clone(),
            candidates,
            documents: files.iter().filter(|(k, _)| k.is_none()).map(|(_, v)| v.clone()).collect(),
            errors: report.errors() as u32,
            warnings: report.warnings() as u32,
            required_fields: crate::check::required_fields(&profile.unit_form, &loaded.packet.unit),
            dates: date_cells(&profile.unit_form.fields, &loaded.packet.unit),
            to_fill: report
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error && f.is_pending())
                .count() as u32,
            findings,
            deadline: deadline(&profile, today),
            as_of: loaded.packet.as_of.clone(),
            exports,
            forwarded_from: loaded
                .packet
                .forwarded
                .iter()
                .flat_map(|f| &f.origins)
                .map(|o| ForwardedFrom {
                    unit: o.unit.clone(),
                    key_id: crate::bundle::keys::grouped(&o.key_id),
                    names: o
                        .candidates
                        .iter()
                        .filter_map(|fc| loaded.packet.candidates.iter().find(|c| c.id == fc.candidate))
                        .map(|c| {
                            crate::packet::text(&c.fields, &profile.candidate_form.name_field)
                                .unwrap_or("")
                                .to_string()
                        })
                        .collect(),
                    evidence: !o.parts.is_empty() && !o.packet.is_empty(),
                })
                .collect(),
        })
    }

    /// Sets a unit-form value (autosave) and returns the re-checked unit.
    pub fn set_unit_field(&mut self, unit_id: i64, field: &str, value: Value) -> Result<UnitView> {
        self.ws.set_unit_field(unit_id, field, &value)?;
        let rows = self.ws.unit_rows(unit_id)?;
        let profile = self.registry.get(&rows.profile)?;
        if profile.unit_form.name_field == field {
            self.ws.rename_unit(unit_id, value.as_str().unwrap_or_default())?;
        }
        self.unit(unit_id)
    }

    /// Sets a candidate-form value (autosave) and returns the re-checked unit.
    pub fn set_candidate_field(
        &mut self,
        unit_id: i64,
        candidate_id: i64,
        field: &str,
        value: Value,
    ) -> Result<UnitView> {
        self.ws.set_candidate_field(candidate_id, field, &value)?;
        self.unit(unit_id)
    }

    /// A date chosen in the window's pickers, written as the campaign's form writes it (a field of
    /// the candidate form, else of the unit form; `column` for a cell of its table). A partial choice
    /// is written as far as it goes; see [`check::dates::compose`].
    pub fn date_text(
        &self,
        unit_id: i64,
        field: &str,
        column: Option<&str>,
        year: Option<i32>,
        month: Option<u8>,
        day: Option<u8>,
    ) -> Result<String> {
        let profile = self.registry.get(&self.ws.unit_rows(unit_id)?.profile)?;
        let f = profile
            .candidate_field(field)
            .or_else(|| profile.unit_form.fields.iter().find(|f| f.id == field))
            .ok_or_else(|| Error::NotADate { field: field.to_string() })?;
        let (kind, layout) = match column {
            None => (f.kind, f.date_layout()),
            Some(col) => {
                let c = f
                    .columns
                    .iter()
                    .find(|c| c.id == col)
                    .ok_or_else(|| Error::NotADate { field: format!("{field}/{col}") })?;
                (c.kind, c.date_layout())
            }
        };
        if !matches!(kind, FieldKind::Date | FieldKind::YearMonth) {
            return Err(Error::NotADate { field: field.to_string() });
        }
        Ok(check::dates::compose(kind, layout, year, month, day))
    }

    /// Adds an empty candidate.
    pub fn add_candidate(&mut self, unit_id: i64) -> Result<UnitView> {
        self.ws.add_candidate(unit_id)?;
        self.unit(unit_id)
    }

    /// Removes a candidate.
    pub fn remove_candidate(&mut self, unit_id: i64, candidate_id: i64) -> Result<UnitView> {
        self.ws.remove_candidate(candidate_id)?;
        self.unit(unit_id)
    }

    /// Attaches files to a slot (of a candidate, or of the unit): copied into the workspace, the
    /// originals only read.
    pub fn attach(
        &mut self,
        unit_id: i64,
        candidate_id: Option<i64>,
        slot: &str,
        paths: &[PathBuf],
    ) -> Result<UnitView> {
        let run = self.plan_attach(unit_id, candidate_id, slot, paths)?.run(&crate::progress::Quiet)?;
        self.record_attach(run)
    }

    /// What attaching needs (the slot's list and the media store), read in a moment; the copies into
    /// the store are made by [`AttachPlan::run`] without the workspace, with byte progress and cancel;
    /// [`Desk::record_attach`] then records them.
    pub fn plan_attach(
        &self,
        unit_id: i64,
        candidate_id: Option<i64>,
        slot: &str,
        paths: &[PathBuf],
    ) -> Result<AttachPlan> {
        let rows = self.ws.unit_rows(unit_id)?;
        let profile = self.registry.get(&rows.profile)?;
        let s = if candidate_id.is_some() { profile.candidate_slot(slot) } else { profile.unit_slot(slot) };
        let list = match s.map(|s| s.kind) {
            Some(crate::profile::SlotKind::Photo | crate::profile::SlotKind::Video) => "media",
            _ => "documents",
        };
        Ok(AttachPlan {
            media: self.ws.media().clone(),
            unit_id,
            candidate_id,
            slot: slot.to_string(),
            list,
            paths: paths.to_vec(),
        })
    }

    /// Records files copied into the store by an [`AttachPlan`], in the order given.
    pub fn record_attach(&mut self, run: AttachRun) -> Result<UnitView> {
        let AttachRun { plan, stored } = run;
        for (p, (sha, size)) in plan.paths.iter().zip(&stored) {
            self.ws.attach_stored(plan.unit_id, plan.candidate_id, plan.list, &plan.slot, p, sha, *size)?;
        }
        self.unit(plan.unit_id)
    }

    /// Detaches a file.
    pub fn detach(&mut self, unit_id: i64, attachment_id: i64) -> Result<UnitView> {
        self.ws.detach(attachment_id)?;
        self.unit(unit_id)
    }

    /// Renders the unit's forms for the preview (the normal forms, or the profile's blank variant)
    /// into the workspace's `预览` folder.
    pub fn preview(&self, unit_id: i64, variant: Option<String>) -> Result<Vec<OutputFile>> {
        self.plan_preview(unit_id, variant)?.run(&crate::progress::Quiet)
    }

    /// What the preview needs, read from the workspace in a moment; [`PreviewPlan::run`] renders
    /// without the workspace, one candidate at a time, with progress and cancel.
    pub fn plan_preview(&self, unit_id: i64, variant: Option<String>) -> Result<PreviewPlan> {
        let (loaded, profile) = self.loaded(unit_id)?;
        crate::render::check_variant(&profile, variant.as_deref())?;
        let dir = self.output_dir("预览", &format!("{unit_id}-{}", variant.as_deref().unwrap_or("forms")));
        let opts =
            crate::render::RenderOptions { variant, key_id: self.key().map(|k| k.id), for_bundle: false };
        Ok(PreviewPlan { loaded, profile, dir, opts })
    }

    /// What exporting the unit needs, read from the workspace in a moment: its packet, profile, the
    /// signing key and a fresh folder under `报送包`. [`ExportPlan::run`] then writes the bundle without
    /// the workspace, and [`Desk::record_export`] records it.
    pub fn plan_export(&self, unit_id: i64, req: &ExportRequest) -> Result<ExportPlan> {
        let (loaded, profile) = self.loaded(unit_id)?;
        let signer = self.signer()?;
        let name = loaded.packet.unit_text(&profile.unit_form.name_field).unwrap_or("推荐单位");
        let dir = self.output_dir("报送包", &format!("{name}-{}", stamp()));
        let opts = crate::bundle::export::ExportOptions {
            part_size: req.part_size,
            accept_warnings: req.accept_warnings,
            time: time::OffsetDateTime::now_utc().unix_timestamp(),
            encrypt_to: req.encrypt_to.clone().filter(|r| !r.trim().is_empty()),
        };
        Ok(ExportPlan { unit_id, loaded, profile, signer, dir, lang: self.lang, opts })
    }

    /// Records a finished export in the unit's history and returns what the window shows.
    pub fn record_export(&mut self, run: ExportRun) -> Result<ExportDone> {
        self.ws.record_export(run.unit_id, "bundle", &run.done.dir, &run.detail)?;
        Ok(run.done)
    }

    /// Records a USB copy of a unit's bundle parts.
    pub fn record_copy(
        &mut self,
        unit_id: i64,
        dir: &Path,
        copied: Vec<OutputFile>,
    ) -> Result<Vec<OutputFile>> {
        let detail =
            serde_json::json!({ "files": copied.iter().map(|f| f.path.clone()).collect::<Vec<_>>() });
        self.ws.record_export(unit_id, "usb", &dir.display().to_string(), &detail.to_string())?;
        Ok(copied)
    }
}

/// Files to attach, ready to be copied into the media store (see [`Desk::plan_attach`]).
#[derive(Debug)]
pub struct AttachPlan {
    media: crate::store::MediaStore,
    unit_id: i64,
    candidate_id: Option<i64>,
    slot: String,
    list: &'static str,
    paths: Vec<PathBuf>,
}

/// Files copied into the store, not yet recorded.
#[derive(Debug)]
pub struct AttachRun {
    plan: AttachPlan,
    stored: Vec<(String, u64)>,
}

impl AttachPlan {
    /// Copies each file into the store (read once, hashed while copied; the originals untouched),
    /// reporting bytes; cancelled, nothing is attached (copies already made are content-addressed
    /// blobs no unit refers to).
    pub fn run(self, obs: &dyn Observer) -> Result<AttachRun> {
        obs.begin(self.paths.iter().map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)).sum());
        let mut stored = Vec::new();
        for p in &self.paths {
            obs.file(&p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
            stored.push(self.media.put_observed(p, obs)?);
        }
        Ok(AttachRun { plan: self, stored })
    }
}

/// A preview ready to render (see [`Desk::plan_preview`]).
#[derive(Debug)]
pub struct PreviewPlan {
    loaded: LoadedPacket,
    profile: Profile,
    dir: PathBuf,
    opts: crate::render::RenderOptions,
}

impl PreviewPlan {
    /// Renders every form (a step per candidate, then the 汇总表) and writes them, replacing the last
    /// preview only once all are drawn: a cancelled preview leaves the previous one as it was.
    pub fn run(self, obs: &dyn Observer) -> Result<Vec<OutputFile>> {
        let files = crate::render::render_files_observed(&self.loaded, &self.profile, &self.opts, obs)?;
        if self.dir.exists() {
            std::fs::remove_dir_all(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        }
        std::fs::create_dir_all(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        let mut out = Vec::new();
        for (name, bytes) in files {
            let path = self.dir.join(name);
            crate::fsutil::write_atomic(&path, &bytes)?;
            out.push(OutputFile::of(&path));
        }
        Ok(out)
    }
}

/// An export ready to run (see [`Desk::plan_export`]).
pub struct ExportPlan {
    unit_id: i64,
    loaded: LoadedPacket,
    profile: Profile,
    signer: crate::bundle::keys::Signer25519,
    dir: PathBuf,
    lang: crate::i18n::Lang,
    opts: crate::bundle::export::ExportOptions,
}

impl std::fmt::Debug for ExportPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ExportPlan(unit {} → {})", self.unit_id, self.dir.display())
    }
}

/// A written bundle, not yet recorded.
#[derive(Debug)]
pub struct ExportRun {
    unit_id: i64,
    done: ExportDone,
    detail: String,
}

impl ExportPlan {
    /// Writes the signed bundle (the workspace is not needed: the window stays usable).
    pub fn run(self, obs: &dyn Observer) -> Result<ExportRun> {
        let ExportPlan { unit_id, loaded, profile, signer, dir, lang, opts } = self;
        let out = crate::bundle::export::export_observed(&loaded, &profile, &signer, &dir, &opts, obs);
        let exported = match out {
            Ok(e) => e,
            Err(e) => {
                // Leave no empty folder behind (parts are only ever complete or absent).
                let _ = std::fs::remove_dir(&dir);
                return Err(e);
            }
        };
        let l = Localizer::for_window(lang);
        let unit_name =
            loaded.packet.unit_text(&profile.unit_form.name_field).unwrap_or_default().to_string();
        let count = exported.parts.len();
        let parts: Vec<PartView> = exported
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut a = BTreeMap::new();
                a.insert("unit", unit_name.clone());
                a.insert("campaign", profile.title.clone());
                a.insert("part", (i + 1).to_string());
                a.insert("count", count.to_string());
                a.insert("recipient", profile.delivery.recipient.clone());
                a.insert("key", exported.key_id.clone());
                a.insert("file", p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
                PartView {
                    file: OutputFile::of(p),
                    files: zip_payload(p),
                    subject: l.text("desk-mail-subject", &a),
                    body: l.text("desk-mail-body", &a),
                }
            })
            .collect();
        let n = loaded.packet.candidates.len() as u32;
        let paper = profile
            .deliverables
            .iter()
            .filter(|d| d.paper_copies > 0)
            .map(|d| {
                let k = if d.per == Per::Candidate { n.max(1) } else { 1 };
                PaperItem {
                    label: d.label.clone(),
                    copies: d.paper_copies * k,
                    blank: d.blank_copies * k,
                    sealed: d.sealed,
                    clause: d.clause.cite(),
                }
            })
            .collect();
        let done = ExportDone {
            dir: dir.display().to_string(),
            parts,
            group: exported.group.clone(),
            key_id: exported.key_id.clone(),
            warnings: exported.warnings as u32,
            mail_to: profile.delivery.emails.clone(),
            recipient: profile.delivery.recipient.clone(),
            paper,
        };
        let detail = serde_json::json!({
            "parts": exported.parts.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
            "group": exported.group, "key_id": exported.key_id, "warnings": exported.warnings,
        });
        Ok(ExportRun { unit_id, done, detail: detail.to_string() })
    }
}

/// Copies bundle parts to a USB stick's folder, each read back and verified before it gets its final
/// name (the workspace is not needed; [`Desk::record_copy`] records it).
pub fn copy_parts(parts: &[PathBuf], dir: &Path, obs: &dyn Observer) -> Result<Vec<OutputFile>> {
    let mut out = Vec::new();
    for p in parts {
        out.push(OutputFile::of(&crate::bundle::copy::copy_verified_observed(p, dir, obs)?));
    }
    Ok(out)
}

/// The payload files of a zip part, from its central directory.
fn zip_payload(path: &Path) -> Vec<String> {
    let Ok(f) = std::fs::File::open(path) else { return vec![] };
    let Ok(z) = zip::ZipArchive::new(f) else { return vec![] };
    z.file_names()
        .filter_map(|n| n.ok()?.split_once("/data/").map(|(_, rest)| rest.to_string()))
        .filter(|n| !n.starts_with("jianbao/"))
        .collect()
}

/// The error of a workspace whose lock an earlier task left poisoned.
pub fn poisoned() -> Error {
    Error::WorkspaceBusy
}

//! Rendering the forms: 推荐表 with its cover, 汇总表 and other forms, as PDF, Word and Excel, laid
//! out from the profile.

pub mod fonts;
pub mod form;
pub mod grid;
pub mod pdf;
pub mod text;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::packet::LoadedPacket;
use crate::profile::{Deliverable, DeliverableSource, MediaFormat, Profile};

pub use form::RenderOptions;

/// The day to stamp into documents: the packet's `as_of`, else today (China Standard Time).
fn doc_date(loaded: &LoadedPacket) -> pdf::DocDate {
    let today = crate::check::Options::as_of(loaded.packet.as_of.as_deref()).today;
    pdf::DocDate { year: today.year().clamp(0, 9999) as u16, month: today.month() as u8, day: today.day() }
}

/// Adds a rendered file under a name of its own: two candidates of the same name get `推荐表-王伟.pdf`
/// and `推荐表-王伟-2.pdf`, never one file twice.
fn write(name: &str, bytes: Result<Vec<u8>, String>, files: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    let bytes = bytes.map_err(|detail| Error::Render { what: name.to_string(), detail })?;
    let clean = crate::store::sanitize_name(name);
    let (stem, ext) = clean
        .rsplit_once('.')
        .map(|(s, e)| (s.to_string(), format!(".{e}")))
        .unwrap_or((clean.clone(), String::new()));
    let taken = |n: &str, files: &Vec<(String, Vec<u8>)>| {
        let f = crate::bundle::reader::fold(n);
        files.iter().any(|(o, _)| crate::bundle::reader::fold(o) == f)
    };
    let mut unique = clean.clone();
    let mut n = 2;
    while taken(&unique, files) {
        unique = format!("{stem}-{n}{ext}");
        n += 1;
    }
    files.push((unique, bytes));
    Ok(())
}

/// Renders every form of a packet into `out`: for each candidate `推荐表-<姓名>.pdf` (and each
/// field printed on its own, such as 主要事迹文字材料), and for the unit `汇总表.pdf` when the notice
/// asks units for one (a deliverable). Returns the files written.
pub fn render_packet(
    loaded: &LoadedPacket,
    profile: &Profile,
    out: &Path,
    opts: &RenderOptions,
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    let mut written = Vec::new();
    for (name, bytes) in render_files(loaded, profile, opts)? {
        let path = out.join(name);
        crate::fsutil::write_atomic(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// A printing variant must be one the profile defines (`blank-recommender`); every face renders
/// through here, so the command line and the window refuse an unknown one alike.
pub fn check_variant(profile: &Profile, variant: Option<&str>) -> Result<()> {
    let Some(v) = variant else { return Ok(()) };
    let known: Vec<String> = profile
        .candidate_form
        .layout
        .iter()
        .filter_map(|l| l.blank_variant.as_ref())
        .map(|b| b.name.clone())
        .collect();
    if known.iter().any(|k| k == v) {
        Ok(())
    } else {
        Err(crate::Error::UnknownVariant { wanted: v.to_string(), known })
    }
}

/// [`render_packet`] in memory: each form's file name and bytes.
pub fn render_files(
    loaded: &LoadedPacket,
    profile: &Profile,
    opts: &RenderOptions,
) -> Result<Vec<(String, Vec<u8>)>> {
    render_files_observed(loaded, profile, opts, &crate::progress::Quiet)
}

/// [`render_files`], telling `obs` each candidate's forms (and the 汇总表) as a step — `begin` gets the
/// number of steps, `advance` one per step done — and stopping between steps once it is cancelled.
pub fn render_files_observed(
    loaded: &LoadedPacket,
    profile: &Profile,
    opts: &RenderOptions,
    obs: &dyn crate::progress::Observer,
) -> Result<Vec<(String, Vec<u8>)>> {
    check_variant(profile, opts.variant.as_deref())?;
    obs.begin(loaded.packet.candidates.len() as u64 + 1);
    let date = doc_date(loaded);
    let mut written = Vec::new();
    let suffix = if opts.variant.is_some() { "（留白）" } else { "" };
    // Which electronic formats of a rendered deliverable go out: for printing always PDF and Word;
    // for a bundle what the notice lists, the PDF left out where it must be the sealed scan.
    let wants = |d: Option<&Deliverable>, f: MediaFormat| match d {
        _ if !opts.for_bundle => true,
        None => true,
        Some(d) if f == MediaFormat::Pdf && d.scan_after_seal => false,
        Some(d) => d.formats.is_empty() || d.formats.contains(&f),
    };
    let form_deliverable = profile
        .deliverables
        .iter()
        .find(|d| d.source == DeliverableSource::CandidateForm && d.field.is_none());
    for c in &loaded.packet.candidates {
        if obs.cancelled() {
            return Err(Error::Cancelled);
        }
        let name = crate::packet::text(&c.fields, &profile.candidate_form.name_field)
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(&c.id);
        obs.file(&format!("推荐表-{name}"));
        let doc = form::candidate_form(loaded, profile, c, opts);
        if wants(form_deliverable, MediaFormat::Pdf) {
            write(&format!("推荐表-{name}{suffix}.pdf"), pdf::form_pdf(&doc, date), &mut written)?;
        }
        if wants(form_deliverable, MediaFormat::Docx) {
            write(&format!("推荐表-{name}{suffix}.docx"), docx::form_docx(&doc), &mut written)?;
        }
        if opts.variant.is_some() {
            // A variant is a copy of the 推荐表 only; the other forms are the same as without it.
            obs.advance(1);
            continue;
        }
        for d in profile.deliverables.iter().filter(|d| d.source == DeliverableSource::CandidateForm) {
            let Some(field) = d.field.as_deref().and_then(|f| profile.candidate_field(f)) else { continue };
            let doc = form::field_text(profile, c, &d.label, field, opts);
            let short = crate::profile::plain_label(&field.label);
            let short = short.split('（').next().unwrap_or(&short).to_string();
            if wants(Some(d), MediaFormat::Pdf) {
                write(&format!("{short}-{name}.pdf"), pdf::form_pdf(&doc, date), &mut written)?;
            }
            if wants(Some(d), MediaFormat::Docx) {
                write(&format!("{short}-{name}.docx"), docx::form_docx(&doc), &mut written)?;
            }
        }
        obs.advance(1);
    }
    if obs.cancelled() {
        return Err(Error::Cancelled);
    }
    obs.file("汇总表");
    // The 汇总表 only where the notice asks units for it; an organiser's own overview of the units
    // (a profile's [summary] without a deliverable) is made on the reviewer's side.
    let summary_deliverable =
        profile.deliverables.iter().find(|d| d.source == DeliverableSource::SummaryTable);
    if let (Some(d), None) = (summary_deliverable, &opts.variant) {
        if let Some(doc) = form::summary(profile, &[loaded], opts) {
            if wants(Some(d), MediaFormat::Pdf) {
                write("汇总表.pdf", pdf::summary_pdf(&doc, date), &mut written)?;
            }
            if wants(Some(d), MediaFormat::Docx) {
                write("汇总表.docx", docx::summary_docx(&doc), &mut written)?;
            }
            if !opts.for_bundle || d.extra_formats.iter().any(|f| f == "xlsx") {
                write("汇总表.xlsx", xlsx::summary_xlsx(&doc, date), &mut written)?;
            }
        }
    }
    obs.advance(1);
    Ok(written)
}
pub mod docx;
pub mod xlsx;

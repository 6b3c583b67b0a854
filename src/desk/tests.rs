use crate::check::Severity;
use std::sync::{Arc, Mutex};

use serde_json::json;

use super::*;
use crate::progress::Task;

fn open(dir: &Path) -> Desk {
    Desk::open_with_sample(dir, Lang::Zh).unwrap()
}

/// The first start shows the example unit, clean; removing it keeps it removed.
#[test]
fn first_start_has_the_example_and_it_can_be_removed() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = open(dir.path());
    let home = desk.home().unwrap();
    assert_eq!(home.units.len(), 1);
    let unit = &home.units[0];
    assert!(unit.sample && unit.profile_id == SAMPLE_PROFILE && unit.candidates == 1, "{unit:?}");
    let view = desk.unit(unit.id).unwrap();
    assert_eq!((view.errors, view.warnings), (0, 0), "{:?}", view.findings);
    let c = &view.candidates[0];
    assert_eq!(c.filled, c.required);
    // Every file has facts and the name it will have in the bundle.
    assert!(
        c.files.iter().any(|f| f.packet_name == "王海涛1.jpg" && f.facts.contains("dpi")),
        "{:?}",
        c.files
    );
    desk.remove_unit(unit.id).unwrap();
    drop(desk);
    let again = open(dir.path());
    assert!(again.home().unwrap().units.is_empty() && !again.sample_due().unwrap());
}

/// Editing as the window does: a finding points at its field and file, and goes away when fixed.
#[test]
fn findings_point_at_fields_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = open(dir.path());
    let unit = desk.home().unwrap().units[0].id;
    let view = desk.add_candidate(unit).unwrap();
    let cand = view.candidates[1].id;
    let view = desk.set_candidate_field(unit, cand, "mobile", json!("1381234")).unwrap();
    let f = view
        .findings
        .iter()
        .find(|f| f.candidate == Some(cand) && f.field.as_deref() == Some("mobile"))
        .expect("a finding about the mobile number");
    assert_eq!(f.severity, Severity::Error);
    assert!(view.findings.iter().any(|f| f.candidate == Some(cand) && f.slot.as_deref() == Some("id_photo")));
    let view = desk.set_candidate_field(unit, cand, "mobile", json!("13812345678")).unwrap();
    assert!(!view.findings.iter().any(|f| f.candidate == Some(cand) && f.field.as_deref() == Some("mobile")));

    // A tiny JPEG in the ID-photo slot: the file gets a verdict and the finding points at it.
    let small = dir.path().join("small.jpg");
    let spec = crate::sample::PhotoSpec {
        width: 120,
        height: 160,
        dpi: 72,
        min_bytes: 0,
        background: None,
        seed: 1,
    };
    std::fs::write(&small, crate::sample::synth_jpeg(&spec)).unwrap();
    let before = std::fs::read(&small).unwrap();
    // Cancelled while copying: nothing is attached.
    let stop = Task::new(3, "attach", |_| {});
    stop.cancel();
    let plan = desk.plan_attach(unit, Some(cand), "id_photo", std::slice::from_ref(&small)).unwrap();
    assert_eq!(plan.run(&stop).unwrap_err().code(), "err-cancelled");
    assert!(desk.unit(unit).unwrap().candidates.iter().find(|c| c.id == cand).unwrap().files.is_empty());
    // Copied with byte progress, then recorded.
    let task = Task::new(4, "attach", |_| {});
    let run = desk
        .plan_attach(unit, Some(cand), "id_photo", std::slice::from_ref(&small))
        .unwrap()
        .run(&task)
        .unwrap();
    let snap = task.snapshot();
    assert_eq!((snap.done, snap.total), (before.len() as u64, before.len() as u64));
    let view = desk.record_attach(run).unwrap();
    let c = view.candidates.iter().find(|c| c.id == cand).unwrap();
    let file = c.files.iter().find(|f| f.slot == "id_photo").unwrap();
    assert_eq!(file.verdict, Some(Severity::Error), "{file:?}");
    assert!(view.findings.iter().any(|f| f.file == Some(file.id)));
    assert_eq!(std::fs::read(&small).unwrap(), before, "the original is untouched");
    assert!(!desk.thumbnail(&file.sha256).unwrap().is_empty());
    let view = desk.detach(unit, file.id).unwrap();
    assert!(!view.findings.iter().any(|f| f.file == Some(file.id)));
    assert!(desk.thumbnail("../../etc/passwd").is_err());
}

/// Export with progress, cancel, then the reviewer's import, tables, 汇总表 and receipts.
#[test]
fn export_cancel_import_review_summary_receipt() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Arc::new(Mutex::new(open(&dir.path().join("unit"))));
    let unit = desk.lock().unwrap().home().unwrap().units[0].id;
    let req = unit::ExportRequest { part_size: None, accept_warnings: false, encrypt_to: None };
    // Plan (holding the desk a moment), run (without it), record (holding it a moment).
    let export = |obs: &dyn crate::progress::Observer| -> crate::Result<unit::ExportDone> {
        let plan = desk.lock().unwrap().plan_export(unit, &req)?;
        let run = plan.run(obs)?;
        desk.lock().unwrap().record_export(run)
    };
    // No key yet: a clear error.
    let e = export(&crate::progress::Quiet).unwrap_err();
    assert_eq!(e.code(), "err-key");
    let key = desk.lock().unwrap().create_key().unwrap();
    assert_eq!(key.id.len(), 16);

    // Cancelled at once: an error, and no part left behind.
    let task = Task::new(1, "export", |_| {});
    task.cancel();
    let e = export(&task).unwrap_err();
    assert_eq!(e.code(), "err-cancelled");
    let root = dir.path().join("unit/报送包");
    let zips = |d: &Path| walk(d).into_iter().filter(|p| p.extension().is_some_and(|e| e == "zip")).count();
    assert_eq!(zips(&root), 0);

    let seen = Arc::new(Mutex::new(Vec::new()));
    let s2 = seen.clone();
    // While the bytes are written, the desk is free: every other command of the window goes on.
    let free = Arc::new(Mutex::new(Vec::new()));
    let (f2, d2) = (free.clone(), desk.clone());
    let task = Task::new(2, "export", move |s| {
        s2.lock().unwrap().push(s);
        f2.lock().unwrap().push(d2.try_lock().is_ok());
    });
    let done = export(&task).unwrap();
    let free = free.lock().unwrap().clone();
    assert!(!free.is_empty() && free.iter().all(|f| *f), "the desk was held during the export: {free:?}");
    assert_eq!(done.parts.len(), 1);
    assert!(done.parts[0].files.iter().any(|f| f.ends_with("王海涛1.jpg")), "{:?}", done.parts[0].files);
    assert!(done.parts[0].subject.contains("最美科技工作者"), "{}", done.parts[0].subject);
    assert!(done.parts[0].body.contains(&done.key_id));
    assert!(done.paper.iter().any(|p| p.copies == 3 && p.blank == 2), "{:?}", done.paper);
    let last = seen.lock().unwrap().last().cloned().unwrap();
    assert!(last.total > 0 && last.done <= last.total);
    let view = desk.lock().unwrap().unit(unit).unwrap();
    assert_eq!(view.exports[0].kind, "bundle");

    // USB copy into another folder, verified.
    let usb = dir.path().join("usb");
    let parts: Vec<PathBuf> = done.parts.iter().map(|p| PathBuf::from(&p.file.path)).collect();
    let copied = unit::copy_parts(&parts, &usb, &crate::progress::Quiet).unwrap();
    let copied = desk.lock().unwrap().record_copy(unit, &usb, copied).unwrap();
    assert_eq!(copied[0].size, done.parts[0].file.size);

    // The organiser's workspace.
    let reviewer = Arc::new(Mutex::new(open(&dir.path().join("org"))));
    // Plan → run → record: while the parts are verified and stored, the desk is free.
    let plan = reviewer.lock().unwrap().plan_import(std::slice::from_ref(&usb), false).unwrap();
    let free = Arc::new(Mutex::new(Vec::new()));
    let (f2, r2) = (free.clone(), reviewer.clone());
    let task = Task::new(3, "import", move |_| f2.lock().unwrap().push(r2.try_lock().is_ok()));
    let run = plan.run(&task).unwrap();
    assert!(!free.lock().unwrap().is_empty() && free.lock().unwrap().iter().all(|f| *f), "the desk was held");
    let rows = reviewer.lock().unwrap().record_import(run).unwrap();
    assert_eq!(rows.len(), 1);
    // Received in 2026 for a 2021 campaign, but it is the app's made-up example: judged at its own
    // pinned day, and the row says so (a real packet is judged at receipt: tests/integration/care.rs).
    assert_eq!((rows[0].key_status.as_str(), rows[0].late), ("first-seen", false), "{:?}", rows[0]);
    assert!(rows[0].example_as_of.is_some(), "{:?}", rows[0]);
    let again = reviewer.lock().unwrap().import_now(&[usb], false, &crate::progress::Quiet).unwrap();
    assert!(again[0].id.is_none() && !again[0].refused.is_empty(), "{:?}", again[0]);
    let r = reviewer.lock().unwrap();
    let review = r.review().unwrap();
    assert_eq!(review.candidates.len(), 1);
    let files = &review.bundles[0].files;
    assert!(files.len() > 5 && files.iter().all(|f| f.ok), "{files:?}");
    // The example is judged at its own day: no deadline problem, and the row says why.
    assert!(
        !review.bundles[0].problems.iter().any(|p| p.contains("截止")),
        "{:?}",
        review.bundles[0].problems
    );
    assert_eq!(review.bundles[0].example_as_of, rows[0].example_as_of);
    assert_eq!(review.candidates[0].name, "王海涛");
    // Received units are not the reviewer's own units.
    assert!(r.home().unwrap().units.iter().all(|u| u.sample));
    let files = r.export_summary(SAMPLE_PROFILE).unwrap();
    assert_eq!(files.len(), 3);
    assert!(files.iter().all(|f| f.size > 0));
    drop(r);
    reviewer.lock().unwrap().create_key().unwrap();
    let receipts = reviewer.lock().unwrap().write_receipts(&[review.bundles[0].id.unwrap()]).unwrap();
    assert!(Path::new(&receipts[0].path).exists());
}

#[test]
fn preview_renders_inside_the_workspace_only() {
    let dir = tempfile::tempdir().unwrap();
    let desk = open(dir.path());
    let unit = desk.home().unwrap().units[0].id;
    let files = desk.preview(unit, None).unwrap();
    let pdf = files.iter().find(|f| f.name.ends_with(".pdf")).unwrap();
    assert!(desk.output_bytes(Path::new(&pdf.path)).unwrap().starts_with(b"%PDF"));
    assert!(desk.output_bytes(Path::new("/etc/hostname")).is_err());
    let blank = desk.preview(unit, Some("blank-recommender".into())).unwrap();
    assert!(blank.iter().any(|f| f.name.contains("留白")), "{blank:?}");
    // With progress: a step per candidate and one for the 汇总表, each named; and cancelled, the last
    // preview stays as it was.
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s2 = seen.clone();
    let task = Task::new(7, "preview", move |s| s2.lock().unwrap().push(s));
    let again = desk.plan_preview(unit, None).unwrap().run(&task).unwrap();
    assert_eq!(again.len(), files.len());
    let last = task.snapshot();
    let candidates = desk.unit(unit).unwrap().candidates.len() as u64;
    assert_eq!((last.done, last.total), (candidates + 1, candidates + 1), "{last:?}");
    assert_eq!(last.file, "汇总表", "each step is named as the window shows it");
    assert!(!seen.lock().unwrap().is_empty());
    let stop = Task::new(8, "preview", |_| {});
    stop.cancel();
    let e = desk.plan_preview(unit, None).unwrap().run(&stop).unwrap_err();
    assert_eq!(e.code(), "err-cancelled");
    assert!(files.iter().all(|f| Path::new(&f.path).exists()), "a cancelled preview keeps the last one");
    assert_eq!(Desk::words("使用 Adobe Photoshop 打开图片").words, 8);
}

fn walk(d: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(d) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// 新建活动 from a notice: the draft is reviewed, a rule dropped, saved into the workspace; the new
/// campaign is offered, a unit can be started on it, and the saved file passes `profile check`.
#[test]
fn a_campaign_drafted_from_its_notice_is_saved_and_usable() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::open(dir.path(), Lang::Zh).unwrap();
    let text = crate::profile::NoticeText::builtin("hengshui-2019-zuimei").unwrap().body;
    let view = desk.draft_profile(&text).unwrap();
    assert!(view.rules.iter().any(|r| r.at == "deadline"), "{:?}", view.rules);
    assert!(view.toml.contains("format = \"jianbao-profile/1\""));
    let id = desk.save_draft(&text, &["deadline".to_string()], None).unwrap();
    assert_eq!(id, view.id);
    let p = desk.profile(&id).unwrap();
    assert!(p.deadline.is_none(), "the dropped rule is gone");
    assert!(p.candidate_slot("id_photo").is_some(), "the kept rules stay");
    assert!(desk.home().unwrap().profiles.iter().any(|c| c.id == id));
    desk.create_unit(&id).unwrap();
    let saved = desk.ws.profiles_dir().join(format!("{id}.toml"));
    crate::profile::check_file(&saved).unwrap();
    // An edit that breaks a quote is refused with the key it concerns; nothing is saved over.
    let broken = view.toml.replacen("5月1日前", "5月9日前", 1);
    let err = desk.save_draft(&text, &[], Some(&broken)).unwrap_err();
    assert!(matches!(err, Error::InvalidProfile { .. }), "{err}");
}

/// A file's verdict follows the slot it sits in: the certificate PDF picked into the photo slot is
/// wrong *there*, while the same bytes in the certificate slot stay right; findings name files as
/// attached, never by storage path; a candidate without a name is named by place.
#[test]
fn a_verdict_is_bound_to_its_slot_and_names_the_file_as_attached() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = open(dir.path());
    let unit = desk.home().unwrap().units[0].id;
    let view = desk.unit(unit).unwrap();
    let cand = view.candidates[0].id;
    let cert = view.candidates[0].files.iter().find(|f| f.slot == "no_crime_certificate").unwrap().clone();
    assert_eq!(cert.verdict, None, "the sample's certificate is right");
    // The same PDF, picked again into the photo slot by mistake.
    let pdf = dir.path().join("无犯罪证明.pdf");
    std::fs::write(&pdf, std::fs::read(desk.ws.media().path_of(&cert.sha256)).unwrap()).unwrap();
    let view = desk.attach(unit, Some(cand), "photo", std::slice::from_ref(&pdf)).unwrap();
    let c = view.candidates.iter().find(|c| c.id == cand).unwrap();
    let wrong = c.files.iter().find(|f| f.slot == "photo" && f.original_name == "无犯罪证明.pdf").unwrap();
    let right = c.files.iter().find(|f| f.slot == "no_crime_certificate").unwrap();
    assert_eq!(wrong.verdict, Some(Severity::Error), "{wrong:?}");
    assert_eq!(right.verdict, None, "the correctly placed certificate keeps its verdict: {right:?}");
    let f = view.findings.iter().find(|f| f.file == Some(wrong.id)).expect("a finding on the misplaced file");
    assert_eq!(f.slot.as_deref(), Some("photo"));
    assert!(f.message.contains("“无犯罪证明.pdf”"), "{}", f.message);
    for f in &view.findings {
        assert!(!f.message.contains(&wrong.sha256[..12]) && !f.message.contains("c1"), "{}", f.message);
    }
    // An unnamed candidate is "第 2 位候选人", not an id.
    let view = desk.add_candidate(unit).unwrap();
    let unnamed = view.findings.iter().find(|f| f.candidate == Some(view.candidates[1].id)).unwrap();
    assert!(unnamed.message.contains("第 2 位候选人"), "{}", unnamed.message);
}

/// The organiser's encryption key from the window: the recipient and its QR code are shown and
/// exported; no secret key is ever served to the window.
#[test]
fn the_encryption_recipient_is_shown_and_secrets_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::open(dir.path(), Lang::Zh).unwrap();
    assert!(desk.home().unwrap().recipient.is_none());
    desk.create_key().unwrap();
    let home = desk.create_encryption_key().unwrap();
    let r = home.recipient.clone().unwrap();
    assert!(r.starts_with("age1"));
    assert!(desk.create_encryption_key().is_err(), "never replaced");
    let qr = home.recipient_qr.unwrap();
    assert!(desk.output_bytes(Path::new(&qr)).unwrap().starts_with(b"\x89PNG"));
    let keys = crate::bundle::keys::default_dir(dir.path());
    for secret in ["jianbao.key", crate::bundle::seal::IDENTITY_FILE] {
        assert!(desk.output_bytes(&keys.join(secret)).is_err(), "{secret} is not shown");
    }
    assert!(desk.output_bytes(&keys.join("jianbao.pub")).is_ok());
    let out = tempfile::tempdir().unwrap();
    desk.export_recipient(&out.path().join("r.pub")).unwrap();
    assert_eq!(std::fs::read_to_string(out.path().join("r.pub")).unwrap().trim(), r);
    assert_eq!(Desk::read_recipient(&out.path().join("r.pub")).unwrap(), r);
    desk.export_recipient(&out.path().join("二维码.png")).unwrap();
    assert!(std::fs::read(out.path().join("二维码.png")).unwrap().starts_with(b"\x89PNG"));
}

/// A fresh candidate, on every built-in campaign, reads as what is left to fill: whatever the check
/// says about the empty form is either pending (not filled yet) or a warning — never a red error about
/// something the secretary has not typed (the deadline of an old campaign is about the unit, not the
/// form, and is left out).
#[test]
fn a_fresh_candidate_has_no_error_that_is_not_pending_on_any_campaign() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::open(dir.path(), Lang::Zh).unwrap();
    let profiles: Vec<String> = desk.home().unwrap().profiles.iter().map(|p| p.id.clone()).collect();
    assert!(profiles.len() >= 5, "{profiles:?}");
    for p in profiles {
        let unit = desk.create_unit(&p).unwrap();
        let view = desk.add_candidate(unit).unwrap();
        let cand = view.candidates.last().unwrap().id;
        let red: Vec<_> = view
            .findings
            .iter()
            .filter(|f| f.candidate == Some(cand) && f.severity == Severity::Error && !f.pending)
            .map(|f| format!("{}: {}", f.code, f.message))
            .collect();
        assert!(red.is_empty(), "{p}: a fresh candidate shows red errors: {red:#?}");
        assert!(view.to_fill > 0, "{p}: nothing left to fill on an empty form");
    }
}

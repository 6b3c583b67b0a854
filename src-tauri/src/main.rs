//! 荐报 Jianbao's desktop shell: startup, and one-line adapters from the window's commands to the
//! core's `jianbao::desk` functions. No rule, format or view is decided here. Commands are `async` so
//! that Tauri runs them on its worker threads: the UI thread only ever draws.

#![cfg_attr(all(not(debug_assertions), windows), windows_subsystem = "windows")]

mod shell;

use std::path::PathBuf;

use jianbao::bundle::forward::ForwardReport;
use jianbao::bundle::materials::Materials;
use jianbao::desk::review::{BundleRow, ReviewView};
use jianbao::desk::unit::{copy_parts, ExportDone, ExportRequest, UnitView};
use jianbao::desk::{Desk, DraftView, FieldWords, Home, KeyInfo, KnownKey, OutputFile, Words};
use jianbao::profile::Profile;
use jianbao::store::{restore, Copied};
use serde_json::Value;
use shell::{Out, Pick, S};
use tauri::ipc::Response;
use tauri::AppHandle;

#[tauri::command]
async fn home(s: S<'_>) -> Out<Home> {
    s.with(|d| d.home())
}

#[tauri::command]
async fn set_lang(s: S<'_>, lang: String) -> Out<Home> {
    s.with(|d| d.set_lang(&lang))
}

#[tauri::command]
async fn profile(s: S<'_>, id: String) -> Out<Profile> {
    s.with(|d| d.profile(&id))
}

#[tauri::command]
async fn add_profile(s: S<'_>, path: PathBuf) -> Out<String> {
    s.with(|d| d.add_profile(&path))
}

#[tauri::command]
async fn draft_profile(s: S<'_>, text: String) -> Out<DraftView> {
    s.with(|d| d.draft_profile(&text))
}

#[tauri::command]
async fn save_draft(s: S<'_>, text: String, dropped: Vec<String>, edited: Option<String>) -> Out<String> {
    s.with(|d| d.save_draft(&text, &dropped, edited.as_deref()))
}

#[tauri::command]
async fn read_notice(s: S<'_>, path: PathBuf) -> Out<String> {
    s.with(|_| jianbao::profile::read_text(&path))
}

#[tauri::command]
async fn create_unit(s: S<'_>, profile: String) -> Out<i64> {
    s.with(|d| d.create_unit(&profile))
}

#[tauri::command]
async fn remove_unit(s: S<'_>, unit: i64) -> Out<Home> {
    s.with(|d| d.remove_unit(unit))
}

#[tauri::command]
async fn add_sample(s: S<'_>) -> Out<i64> {
    s.with(|d| d.add_sample())
}

#[tauri::command]
async fn unit(s: S<'_>, unit: i64) -> Out<UnitView> {
    s.with(|d| d.unit(unit))
}

#[tauri::command]
async fn set_unit_field(s: S<'_>, unit: i64, field: String, value: Value) -> Out<UnitView> {
    s.with(|d| d.set_unit_field(unit, &field, value))
}

#[tauri::command]
async fn set_candidate_field(
    s: S<'_>,
    unit: i64,
    candidate: i64,
    field: String,
    value: Value,
) -> Out<UnitView> {
    s.with(|d| d.set_candidate_field(unit, candidate, &field, value))
}

#[tauri::command]
async fn add_candidate(s: S<'_>, unit: i64) -> Out<UnitView> {
    s.with(|d| d.add_candidate(unit))
}

#[tauri::command]
async fn remove_candidate(s: S<'_>, unit: i64, candidate: i64) -> Out<UnitView> {
    s.with(|d| d.remove_candidate(unit, candidate))
}

#[tauri::command]
async fn attach(
    app: AppHandle,
    s: S<'_>,
    task: u32,
    unit: i64,
    candidate: Option<i64>,
    slot: String,
    paths: Vec<PathBuf>,
) -> Out<UnitView> {
    s.work(
        app,
        task,
        "attach",
        |d| d.plan_attach(unit, candidate, &slot, &paths),
        |plan, t| plan.run(t),
        |d, run| d.record_attach(run),
    )
    .await
}

#[tauri::command]
async fn detach(s: S<'_>, unit: i64, attachment: i64) -> Out<UnitView> {
    s.with(|d| d.detach(unit, attachment))
}

#[tauri::command]
async fn thumbnail(s: S<'_>, sha: String) -> Out<Response> {
    s.with(|d| d.thumbnail(&sha)).map(Response::new)
}

#[tauri::command]
fn words(text: String) -> Words {
    Desk::words(&text)
}

#[tauri::command]
async fn field_words(s: S<'_>, unit: i64, field: String, text: String) -> Out<FieldWords> {
    s.with(|d| d.field_words(unit, &field, &text))
}

/// A date chosen in the pickers, in the form's layout (the window never formats a date itself).
#[tauri::command]
async fn date_text(
    s: S<'_>,
    unit: i64,
    field: String,
    column: Option<String>,
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
) -> Out<String> {
    s.with(|d| d.date_text(unit, &field, column.as_deref(), year, month, day))
}

#[tauri::command]
async fn preview(
    app: AppHandle,
    s: S<'_>,
    task: u32,
    unit: i64,
    variant: Option<String>,
) -> Out<Vec<OutputFile>> {
    s.work(
        app,
        task,
        "preview",
        |d| d.plan_preview(unit, variant),
        |plan, t| plan.run(t),
        |_, files| Ok(files),
    )
    .await
}

/// The reviewer's tables, re-checking what was not yet re-checked this session as a task (a step
/// per unit, with progress and cancel, off the workspace lock).
#[tauri::command]
async fn recheck(app: AppHandle, s: S<'_>, task: u32) -> Out<ReviewView> {
    s.work(
        app,
        task,
        "recheck",
        |d| d.plan_recheck(),
        |plan, t| plan.run(t),
        |d, done| d.record_recheck(done),
    )
    .await
}

#[tauri::command]
async fn output_bytes(s: S<'_>, path: PathBuf) -> Out<Response> {
    s.with(|d| d.output_bytes(&path)).map(Response::new)
}

#[tauri::command]
async fn create_key(s: S<'_>) -> Out<KeyInfo> {
    s.with(|d| d.create_key())
}

#[tauri::command]
async fn export_public_key(s: S<'_>, dest: PathBuf) -> Out<OutputFile> {
    s.with(|d| d.export_public_key(&dest))
}

#[tauri::command]
async fn create_encryption_key(s: S<'_>) -> Out<Home> {
    s.with(|d| d.create_encryption_key())
}

#[tauri::command]
async fn export_recipient(s: S<'_>, dest: PathBuf) -> Out<OutputFile> {
    s.with(|d| d.export_recipient(&dest))
}

#[tauri::command]
async fn read_recipient(s: S<'_>, path: PathBuf) -> Out<String> {
    s.with(|_| Desk::read_recipient(&path))
}

#[tauri::command]
async fn forward(
    s: S<'_>,
    candidates: Vec<i64>,
    profile: String,
    organiser: String,
    originals: bool,
) -> Out<ForwardReport> {
    s.with(|d| d.forward(&candidates, &profile, &organiser, originals))
}

#[tauri::command]
async fn export_bundle(
    app: AppHandle,
    s: S<'_>,
    task: u32,
    unit: i64,
    request: ExportRequest,
) -> Out<ExportDone> {
    s.work(
        app,
        task,
        "export",
        |d| d.plan_export(unit, &request),
        |plan, t| plan.run(t),
        |d, run| d.record_export(run),
    )
    .await
}

#[tauri::command]
async fn copy_to_usb(
    app: AppHandle,
    s: S<'_>,
    task: u32,
    unit: i64,
    parts: Vec<PathBuf>,
    dir: PathBuf,
) -> Out<Vec<OutputFile>> {
    let to = dir.clone();
    s.work(
        app,
        task,
        "copy",
        |_| Ok(()),
        move |(), t| copy_parts(&parts, &to, t),
        move |d, copied| d.record_copy(unit, &dir, copied),
    )
    .await
}

#[tauri::command]
fn cancel(s: S, task: u32) {
    s.cancel(task)
}

#[tauri::command]
async fn import_bundles(
    app: AppHandle,
    s: S<'_>,
    task: u32,
    paths: Vec<PathBuf>,
    accept_key_change: Option<bool>,
) -> Out<Vec<BundleRow>> {
    let accept = accept_key_change.unwrap_or(false);
    s.work(
        app,
        task,
        "import",
        |d| d.plan_import(&paths, accept),
        |plan, t| plan.run(t),
        |d, run| d.record_import(run),
    )
    .await
}

#[tauri::command]
async fn backup_workspace(app: AppHandle, s: S<'_>, task: u32, dest: PathBuf) -> Out<Copied> {
    s.work(app, task, "backup", |d| d.plan_backup(), move |plan, t| plan.write(&dest, t), |_, done| Ok(done))
        .await
}

#[tauri::command]
async fn restore_workspace(app: AppHandle, s: S<'_>, task: u32, file: PathBuf, to: PathBuf) -> Out<Home> {
    s.work(
        app,
        task,
        "restore",
        |_| Ok(()),
        move |(), t| restore(&file, &to, t),
        move |d, done| d.switch_to(&done.path),
    )
    .await
}

#[tauri::command]
async fn move_workspace(app: AppHandle, s: S<'_>, task: u32, to: PathBuf) -> Out<Home> {
    // Moving holds the workspace throughout: nothing may change while its files are copied.
    s.task(app, task, "move", move |d, t| {
        let mut d = d.lock().map_err(|_| jianbao::desk::unit::poisoned())?;
        d.relocate(&to, t)?;
        d.home()
    })
    .await
}

#[tauri::command]
async fn trust_key(s: S<'_>, unit: String, path: PathBuf, replace: bool) -> Out<KnownKey> {
    s.with(|d| d.trust_key(&unit, &path, replace))
}

#[tauri::command]
async fn export_materials(app: AppHandle, s: S<'_>, task: u32, profile: Option<String>) -> Out<Materials> {
    s.work(
        app,
        task,
        "materials",
        move |d| d.plan_materials(profile.as_deref()),
        |plan, t| plan.write(t),
        |_, m| Ok(m),
    )
    .await
}

#[tauri::command]
async fn export_summary(s: S<'_>, profile: String) -> Out<Vec<OutputFile>> {
    s.with(|d| d.export_summary(&profile))
}

#[tauri::command]
async fn write_receipts(s: S<'_>, bundles: Vec<i64>) -> Out<Vec<OutputFile>> {
    s.with(|d| d.write_receipts(&bundles))
}

#[tauri::command]
async fn pick(app: AppHandle, s: S<'_>, what: Pick) -> Out<Option<Vec<PathBuf>>> {
    s.pick(app, what).await
}

#[tauri::command]
async fn open_path(app: AppHandle, s: S<'_>, path: PathBuf) -> Out<()> {
    s.open(&app, &path)
}

fn main() {
    shell::run(tauri::generate_handler![
        home,
        set_lang,
        profile,
        add_profile,
        draft_profile,
        save_draft,
        read_notice,
        create_unit,
        remove_unit,
        add_sample,
        unit,
        set_unit_field,
        set_candidate_field,
        add_candidate,
        remove_candidate,
        attach,
        detach,
        thumbnail,
        words,
        field_words,
        date_text,
        recheck,
        preview,
        output_bytes,
        create_key,
        export_public_key,
        create_encryption_key,
        export_recipient,
        read_recipient,
        forward,
        export_bundle,
        copy_to_usb,
        cancel,
        import_bundles,
        backup_workspace,
        restore_workspace,
        move_workspace,
        trust_key,
        export_materials,
        export_summary,
        write_receipts,
        pick,
        open_path,
    ]);
}

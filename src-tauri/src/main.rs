//! 荐报 Jianbao's desktop shell: startup, and one-line adapters from the window's commands to the
//! core's `jianbao::desk` functions. No rule, format or view is decided here.

#![cfg_attr(all(not(debug_assertions), windows), windows_subsystem = "windows")]

mod shell;

use std::path::PathBuf;

use jianbao::desk::review::{BundleRow, ReviewView};
use jianbao::desk::unit::{ExportDone, ExportRequest, UnitView};
use jianbao::desk::{Desk, Home, KeyInfo, OutputFile, Words};
use jianbao::profile::Profile;
use serde_json::Value;
use shell::{Out, Pick, S};
use tauri::ipc::Response;
use tauri::AppHandle;

#[tauri::command]
fn home(s: S) -> Out<Home> {
    s.with(|d| d.home())
}

#[tauri::command]
fn set_lang(s: S, lang: String) -> Out<Home> {
    s.with(|d| d.set_lang(&lang))
}

#[tauri::command]
fn profile(s: S, id: String) -> Out<Profile> {
    s.with(|d| d.profile(&id))
}

#[tauri::command]
fn add_profile(s: S, path: PathBuf) -> Out<String> {
    s.with(|d| d.add_profile(&path))
}

#[tauri::command]
fn create_unit(s: S, profile: String) -> Out<i64> {
    s.with(|d| d.create_unit(&profile))
}

#[tauri::command]
fn remove_unit(s: S, unit: i64) -> Out<Home> {
    s.with(|d| d.remove_unit(unit))
}

#[tauri::command]
fn add_sample(s: S) -> Out<i64> {
    s.with(|d| d.add_sample())
}

#[tauri::command]
fn unit(s: S, unit: i64) -> Out<UnitView> {
    s.with(|d| d.unit(unit))
}

#[tauri::command]
fn set_unit_field(s: S, unit: i64, field: String, value: Value) -> Out<UnitView> {
    s.with(|d| d.set_unit_field(unit, &field, value))
}

#[tauri::command]
fn set_candidate_field(s: S, unit: i64, candidate: i64, field: String, value: Value) -> Out<UnitView> {
    s.with(|d| d.set_candidate_field(unit, candidate, &field, value))
}

#[tauri::command]
fn add_candidate(s: S, unit: i64) -> Out<UnitView> {
    s.with(|d| d.add_candidate(unit))
}

#[tauri::command]
fn remove_candidate(s: S, unit: i64, candidate: i64) -> Out<UnitView> {
    s.with(|d| d.remove_candidate(unit, candidate))
}

#[tauri::command]
fn attach(s: S, unit: i64, candidate: Option<i64>, slot: String, paths: Vec<PathBuf>) -> Out<UnitView> {
    s.with(|d| d.attach(unit, candidate, &slot, &paths))
}

#[tauri::command]
fn detach(s: S, unit: i64, attachment: i64) -> Out<UnitView> {
    s.with(|d| d.detach(unit, attachment))
}

#[tauri::command]
fn thumbnail(s: S, sha: String) -> Out<Response> {
    s.with(|d| d.thumbnail(&sha)).map(Response::new)
}

#[tauri::command]
fn words(text: String) -> Words {
    Desk::words(&text)
}

#[tauri::command]
fn preview(s: S, unit: i64, variant: Option<String>) -> Out<Vec<OutputFile>> {
    s.with(|d| d.preview(unit, variant))
}

#[tauri::command]
fn output_bytes(s: S, path: PathBuf) -> Out<Response> {
    s.with(|d| d.output_bytes(&path)).map(Response::new)
}

#[tauri::command]
fn create_key(s: S) -> Out<KeyInfo> {
    s.with(|d| d.create_key())
}

#[tauri::command]
fn export_public_key(s: S, dest: PathBuf) -> Out<OutputFile> {
    s.with(|d| d.export_public_key(&dest))
}

#[tauri::command]
async fn export_bundle(
    app: AppHandle,
    s: S<'_>,
    task: u32,
    unit: i64,
    request: ExportRequest,
) -> Out<ExportDone> {
    s.task(app, task, "export", move |d, t| Desk::export_bundle(d, unit, &request, t)).await
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
    s.task(app, task, "copy", move |d, t| Desk::copy_to_usb(d, unit, &parts, &dir, t)).await
}

#[tauri::command]
fn cancel(s: S, task: u32) {
    s.cancel(task)
}

#[tauri::command]
async fn import_bundles(app: AppHandle, s: S<'_>, task: u32, paths: Vec<PathBuf>) -> Out<Vec<BundleRow>> {
    s.task(app, task, "import", move |d, t| Desk::import_bundles(d, &paths, t)).await
}

#[tauri::command]
fn review(s: S) -> Out<ReviewView> {
    s.with(|d| d.review())
}

#[tauri::command]
fn export_summary(s: S, profile: String) -> Out<Vec<OutputFile>> {
    s.with(|d| d.export_summary(&profile))
}

#[tauri::command]
fn write_receipts(s: S, bundles: Vec<i64>) -> Out<Vec<OutputFile>> {
    s.with(|d| d.write_receipts(&bundles))
}

#[tauri::command]
async fn pick(app: AppHandle, s: S<'_>, what: Pick) -> Out<Option<Vec<PathBuf>>> {
    s.pick(app, what).await
}

#[tauri::command]
fn open_path(app: AppHandle, s: S, path: PathBuf) -> Out<()> {
    s.open(&app, &path)
}

fn main() {
    shell::run(tauri::generate_handler![
        home,
        set_lang,
        profile,
        add_profile,
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
        preview,
        output_bytes,
        create_key,
        export_public_key,
        export_bundle,
        copy_to_usb,
        cancel,
        import_bundles,
        review,
        export_summary,
        write_receipts,
        pick,
        open_path,
    ]);
}

//! The TypeScript declarations in `ui/src/bindings` are generated from the core's types by ts-rs and
//! committed; this test fails when they are stale (run with `UPDATE_BINDINGS=1` to rewrite them). It
//! also checks that the window's capability grants exactly the app's commands.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::TS;

#[path = "../src/command_list.rs"]
mod command_list;

fn generated() -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    use jianbao::desk::review::{BundleRow, ReviewCandidate, ReviewView};
    use jianbao::desk::unit::{ExportDone, ExportRequest, UnitView};
    use jianbao::desk::{DraftView, ErrorView, Home, KeyInfo, OutputFile, Words};
    DraftView::export_all_to(out).unwrap();
    Home::export_all_to(out).unwrap();
    UnitView::export_all_to(out).unwrap();
    ExportRequest::export_all_to(out).unwrap();
    ExportDone::export_all_to(out).unwrap();
    ReviewView::export_all_to(out).unwrap();
    BundleRow::export_all_to(out).unwrap();
    ReviewCandidate::export_all_to(out).unwrap();
    ErrorView::export_all_to(out).unwrap();
    KeyInfo::export_all_to(out).unwrap();
    OutputFile::export_all_to(out).unwrap();
    Words::export_all_to(out).unwrap();
    jianbao::desk::FieldWords::export_all_to(out).unwrap();
    jianbao::check::dates::DateCell::export_all_to(out).unwrap();
    jianbao::desk::KnownKey::export_all_to(out).unwrap();
    jianbao::store::Copied::export_all_to(out).unwrap();
    jianbao::bundle::materials::Materials::export_all_to(out).unwrap();
    jianbao::bundle::forward::ForwardReport::export_all_to(out).unwrap();
    jianbao::progress::Snapshot::export_all_to(out).unwrap();
    jianbao::profile::Profile::export_all_to(out).unwrap();
    let mut files = BTreeMap::new();
    collect(out, out, &mut files);
    files
}

fn collect(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(root, &p, out);
        } else {
            let name = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            // serde writes every number as a JSON number; ids and sizes stay below 2^53.
            let text = std::fs::read_to_string(&p).unwrap().replace("bigint", "number");
            out.insert(name, text);
        }
    }
}

fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings")
}

#[test]
fn typescript_bindings_are_current() {
    let want = generated();
    let dir = committed_dir();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        for (name, text) in &want {
            let p = dir.join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
    }
    let mut have = BTreeMap::new();
    if dir.exists() {
        collect(&dir, &dir, &mut have);
    }
    let stale: Vec<&String> = want.keys().filter(|k| have.get(*k) != want.get(*k)).collect();
    let extra: Vec<&String> = have.keys().filter(|k| !want.contains_key(*k)).collect();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "ui/src/bindings is stale (changed or missing: {stale:?}; no longer generated: {extra:?}); \
         run `UPDATE_BINDINGS=1 cargo test -p jianbao-app --test bindings`"
    );
}

/// The built-in profiles as the window receives them, for the UI's form-generation tests.
#[test]
fn ui_test_profiles_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/test");
    let update = std::env::var_os("UPDATE_BINDINGS").is_some();
    for p in jianbao::profile::Registry::builtin().unwrap().all() {
        let json = serde_json::to_string_pretty(&jianbao::desk::with_choices(p)).unwrap() + "\n";
        let file = dir.join(format!("{}.json", p.id));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&file, &json).unwrap();
        }
        let have = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            have == json,
            "{} is stale; run `UPDATE_BINDINGS=1 cargo test -p jianbao-app --test bindings`",
            file.display()
        );
    }
}

#[test]
fn the_window_is_granted_exactly_the_apps_commands() {
    let cap: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/main.json"))
            .unwrap(),
    )
    .unwrap();
    let granted: Vec<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|c| c.replace('-', "_"))
        .collect();
    let mut want: Vec<String> = command_list::COMMANDS.iter().map(|c| c.to_string()).collect();
    let mut got = granted.clone();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    // Nothing that reaches files or the network on its own is granted.
    for p in cap["permissions"].as_array().unwrap().iter().filter_map(|p| p.as_str()) {
        assert!(!p.starts_with("fs:") && !p.starts_with("shell:") && !p.starts_with("http:"), "{p}");
    }
    // The CSP keeps scripts to the app itself.
    let conf: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tauri.conf.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(conf["app"]["withGlobalTauri"], false);
    let csp = &conf["app"]["security"]["csp"];
    assert_eq!(csp["script-src"], "'self'");
    for (_, v) in csp.as_object().unwrap() {
        let v = v.as_str().unwrap();
        assert!(!v.contains("http://") || v.contains("ipc.localhost"), "{v}");
        assert!(!v.contains("https:") && !v.contains("*"), "{v}");
    }
}

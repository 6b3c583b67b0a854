//! Integration tests of the core and the `jianbao` CLI. Fixtures are generated at test time.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod bundle;
mod care;
mod chain;
mod cli_check;
mod crash;
mod layout;
mod packets;
mod profiles;
mod render;
mod samples;
mod store;
mod vectors;
mod visual;

/// The five built-in profile ids.
pub const IDS: [&str; 5] = [
    "cast-2018-party-member",
    "cis-2021-zuimei",
    "cas-2018-yisuo-yiren-yishi",
    "ordos-2021-zuimei",
    "hengshui-2019-zuimei",
];

/// Runs the CLI with arguments and an isolated workspace; returns (exit code, stdout, stderr).
#[macro_export]
macro_rules! jianbao {
    ($ws:expr; $($arg:expr),* $(,)?) => {{
        let out = $crate::run_cli($ws, &[$(AsRef::<std::ffi::OsStr>::as_ref(&$arg)),*]);
        (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    }};
}

pub fn run_cli(ws: &Path, args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(args)
        .env("JIANBAO_HOME", ws)
        .env_remove("JIANBAO_LANG")
        .output()
        .expect("the jianbao binary runs")
}

/// A temporary folder that is kept (under target/) when the test fails, for inspection.
pub fn tmp() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("jianbao-test-").tempdir().unwrap()
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Generates (once per test process) a sample for a profile, returning its folder.
pub fn sample(id: &str) -> PathBuf {
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<std::collections::HashMap<String, PathBuf>>> = OnceLock::new();
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(tmp);
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    if let Some(p) = cache.get(id) {
        return p.clone();
    }
    let out = dir.path().join(id);
    let reg = jianbao::profile::Registry::builtin().unwrap();
    jianbao::sample::write_sample(reg.get(id).unwrap(), &out).unwrap();
    cache.insert(id.to_string(), out.clone());
    out
}

/// Whether an external tool is installed (`.ci/run` installs them all; locally a missing tool fails
/// the test that needs it, loudly).
pub fn require_tool(name: &str) -> PathBuf {
    let out = Command::new("sh").arg("-c").arg(format!("command -v {name}")).output().unwrap();
    assert!(out.status.success(), "the test needs `{name}` on PATH (see .ci/run for the packages)");
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

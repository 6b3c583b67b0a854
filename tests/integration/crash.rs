//! Kill tests: an export (one part, several parts) or a reviewer import killed at random moments
//! leaves no file under a final name and no orphan rows; the next run cleans up and succeeds once.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{jianbao, sample, tmp};

fn keypair(dir: &Path) -> PathBuf {
    jianbao::bundle::keys::keygen(dir, None).unwrap();
    dir.join("jianbao.key")
}

fn export_cmd(packet: &Path, key: &Path, out: &Path, part: Option<&str>) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jianbao"));
    c.arg("export").arg(packet).arg("--key").arg(key).arg("--out").arg(out);
    if let Some(p) = part {
        c.args(["--part-size", p]);
    }
    c.env("SOURCE_DATE_EPOCH", "1556000000").env("JIANBAO_HOME", out.join("..").join("ws"));
    c.stdout(Stdio::null()).stderr(Stdio::null());
    c
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Kills `n` runs of `make()` at moments spread over `whole` (plus a little jitter); returns how many
/// finished and how many were killed, calling `after` with each run's outcome.
fn kill_runs(
    n: u64,
    whole: Duration,
    mut make: impl FnMut(u64) -> Command,
    mut after: impl FnMut(u64, bool),
) -> (u32, u32) {
    let (mut finished, mut killed) = (0, 0);
    for i in 0..n {
        let mut child = make(i).spawn().unwrap();
        let at = whole.as_micros() as u64 * (i + 1) / (n + 1) + (i * 7919) % 997;
        std::thread::sleep(Duration::from_micros(at));
        let _ = child.kill();
        let ok = child.wait().unwrap().success();
        if ok {
            finished += 1;
        } else {
            killed += 1;
        }
        after(i, ok);
    }
    (finished, killed)
}

/// Exports the hengshui sample once into `dir/bundle`; returns the zip.
fn one_bundle(dir: &Path) -> PathBuf {
    let packet = sample("hengshui-2019-zuimei").join("packet.json");
    let key = keypair(&dir.join("key"));
    let out = dir.join("bundle");
    assert!(export_cmd(&packet, &key, &out, None).status().unwrap().success());
    out.join(names(&out).into_iter().find(|n| n.ends_with(".zip")).unwrap())
}

fn export_killed(part: Option<&str>) {
    let packet = sample("hengshui-2019-zuimei").join("packet.json");
    let base = tmp();
    let key = keypair(&base.path().join("key"));
    let timed = base.path().join("timed");
    let started = Instant::now();
    assert!(export_cmd(&packet, &key, &timed, part).status().unwrap().success());
    let whole = started.elapsed();
    let parts_per_set = names(&timed).iter().filter(|n| n.ends_with(".zip")).count();
    let (finished, killed) = kill_runs(
        20,
        whole,
        |i| export_cmd(&packet, &key, &base.path().join(format!("o{i}")), part),
        |i, ok| {
            let out = base.path().join(format!("o{i}"));
            let zips: Vec<String> = names(&out).into_iter().filter(|n| n.ends_with(".zip")).collect();
            // Nothing under a final name unless the whole set is there.
            assert!(
                zips.is_empty() || zips.len() == parts_per_set,
                "run {i} ({}) left {zips:?}",
                if ok { "finished" } else { "killed" }
            );
            if ok {
                assert_eq!(zips.len(), parts_per_set);
            }
        },
    );
    eprintln!("export kill test ({part:?}): {finished} finished, {killed} killed");
    assert!(killed > 0, "the test must kill some exports to mean anything");
    // Into a folder a killed run left debris in: the next export sweeps it and its set verifies.
    let dirty = (0..20)
        .map(|i| base.path().join(format!("o{i}")))
        .find(|d| names(d).iter().any(|n| n.starts_with(".jianbao-")));
    if let Some(dir) = dirty {
        for z in names(&dir).into_iter().filter(|n| n.ends_with(".zip")) {
            std::fs::remove_file(dir.join(z)).unwrap();
        }
        assert!(export_cmd(&packet, &key, &dir, part).status().unwrap().success());
        let left: Vec<String> = names(&dir).into_iter().filter(|n| n.starts_with(".jianbao-")).collect();
        assert!(left.is_empty(), "stale temporaries stay: {left:?}");
        let zips: Vec<PathBuf> =
            names(&dir).into_iter().filter(|n| n.ends_with(".zip")).map(|n| dir.join(n)).collect();
        let ws = tmp();
        let mut args: Vec<&std::ffi::OsStr> = vec!["verify".as_ref()];
        args.extend(zips.iter().map(|p| p.as_os_str()));
        let o = crate::run_cli(ws.path(), &args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    }
}

#[test]
#[cfg(unix)]
fn export_killed_leaves_no_part_under_a_final_name() {
    export_killed(None);
}

#[test]
#[cfg(unix)]
fn multi_part_export_killed_leaves_no_part_under_a_final_name() {
    export_killed(Some("2MB"));
}

/// A reviewer import killed at any moment leaves either the whole import (unit, candidates, files,
/// key pin, received record) or nothing; a rerun imports exactly once; reopening the workspace removes
/// the staged files of killed runs.
#[test]
#[cfg(unix)]
fn reviewer_import_killed_leaves_no_orphan() {
    let base = tmp();
    let zip = one_bundle(base.path());
    let import = |ws: &Path| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_jianbao"));
        c.arg("--workspace").arg(ws).arg("import").arg(&zip).stdout(Stdio::null()).stderr(Stdio::null());
        c
    };
    let timed = tmp();
    let started = Instant::now();
    assert!(import(timed.path()).status().unwrap().success());
    let whole = started.elapsed();
    let dirs: Vec<tempfile::TempDir> = (0..20).map(|_| tmp()).collect();
    let (finished, killed) = kill_runs(20, whole, |i| import(dirs[i as usize].path()), |_, _| {});
    eprintln!("import kill test: {finished} finished, {killed} killed");
    assert!(killed > 0, "the test must kill some imports to mean anything");
    for d in &dirs {
        let ws = jianbao::store::Workspace::open(d.path()).unwrap();
        ws.integrity_check().unwrap();
        let received = ws.received().unwrap();
        assert!(received.len() <= 1);
        assert_eq!(ws.units().unwrap().len(), received.len(), "an orphan unit in {}", d.path().display());
        assert_eq!(ws.pinned_key("衡水市示例农业科学学会").unwrap().is_some(), received.len() == 1);
        assert!(names(&d.path().join("media/tmp")).is_empty(), "staged files stay after reopening");
        drop(ws);
        // The rerun imports once: a second import of the same bundle is refused as already imported.
        let (code, stdout, _) = jianbao!(d.path(); "--workspace", d.path(), "import", &zip);
        let ws = jianbao::store::Workspace::open(d.path()).unwrap();
        assert_eq!(ws.received().unwrap().len(), 1, "{stdout}");
        assert_eq!(ws.units().unwrap().len(), 1);
        assert!(code == 0 || stdout.contains("[import-already]"), "{stdout}");
    }
}

/// Runs `script` (sh) in a private mount namespace where `dir` is a tmpfs of `size`; returns its output.
/// A full disk, for real: writes fail with ENOSPC. Needs `unshare` (util-linux) and user namespaces, or
/// root.
#[cfg(unix)]
fn on_small_disk(dir: &Path, size: &str, script: &str) -> std::process::Output {
    std::fs::create_dir_all(dir).unwrap();
    let full = format!("mount -t tmpfs -o size={size} tmpfs '{}' || exit 99\n{script}", dir.display());
    let o = Command::new("unshare").args(["-rm", "sh", "-c", &full]).output().unwrap();
    assert_ne!(o.status.code(), Some(99), "cannot mount a tmpfs: {}", String::from_utf8_lossy(&o.stderr));
    o
}

/// On a full disk, export names the part it could not write (not an input), exits 2, prints no stray
/// line of the zip writer, and leaves nothing behind — neither a final part nor a temporary one.
#[test]
#[cfg(unix)]
fn full_disk_export_names_the_output() {
    let packet = sample("hengshui-2019-zuimei").join("packet.json");
    let base = tmp();
    let key = keypair(&base.path().join("key"));
    let disk = base.path().join("disk");
    let script = format!(
        "mkdir -p '{d}/out'; SOURCE_DATE_EPOCH=1556000000 JIANBAO_HOME='{ws}' '{bin}' export '{p}' --key '{k}' --out '{d}/out'; echo \"EXIT $?\"; ls -A '{d}/out'",
        d = disk.display(),
        ws = base.path().join("ws").display(),
        bin = env!("CARGO_BIN_EXE_jianbao"),
        p = packet.display(),
        k = key.display()
    );
    let o = on_small_disk(&disk, "600k", &script);
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("EXIT 2"), "{out}{err}");
    assert!(
        err.contains("[err-disk-full]") && err.contains(".zip") && err.contains(&disk.display().to_string()),
        "{err}"
    );
    assert!(!err.contains("ZipWriter"), "{err}");
    let listing: Vec<&str> = out.lines().filter(|l| !l.starts_with("EXIT")).collect();
    assert!(listing.is_empty(), "left behind: {listing:?}");
}

/// On a full disk, a reviewer import exits 2 naming a file of the workspace, records nothing, and the
/// workspace opens sound afterwards.
#[test]
#[cfg(unix)]
fn full_disk_import_records_nothing() {
    let base = tmp();
    let zip = one_bundle(base.path());
    let disk = base.path().join("disk");
    let script = format!(
        "'{bin}' --workspace '{d}/ws' import '{z}'; echo \"EXIT $?\"; '{bin}' --workspace '{d}/ws' workspace list; find '{d}/ws/media' -type f | wc -l",
        d = disk.display(),
        bin = env!("CARGO_BIN_EXE_jianbao"),
        z = zip.display()
    );
    let o = on_small_disk(&disk, "900k", &script);
    let (stdout, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(stdout.contains("EXIT 2"), "{stdout}{err}");
    assert!(
        err.contains("[err-disk-full]") && err.contains(&disk.join("ws").display().to_string()),
        "the error names the workspace file: {err}"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.last().map(|l| l.trim()), Some("0"), "blobs or staged files stay: {stdout}");
    assert!(!stdout.contains("衡水"), "a unit was recorded: {stdout}");
}

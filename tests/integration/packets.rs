//! Broken packets are refused with the JSON path of each problem.

use crate::{jianbao, sample, tmp};

fn edit_packet(edit: impl Fn(&mut serde_json::Value)) -> (i32, String, tempfile::TempDir) {
    let src = sample("hengshui-2019-zuimei");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(src.join("packet.json")).unwrap()).unwrap();
    edit(&mut v);
    // Beside the sample's own packet, so its relative paths resolve.
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let file = src.join(format!("edited-{n}.json"));
    std::fs::write(&file, serde_json::to_string(&v).unwrap()).unwrap();
    let dir = tmp();
    let (code, _, err) = jianbao!(&dir.path().join("ws"); "workspace", "import", &file);
    (code, err, dir)
}

#[test]
fn unknown_field_is_named_by_json_path() {
    let (code, err, _d) = edit_packet(|v| {
        v["candidates"][0]["fields"]["shoe_size"] = "42".into();
    });
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("$.candidates[0].fields.shoe_size") && err.contains("[packet-unknown-field]"),
        "{err}"
    );
}

#[test]
fn wrong_value_shapes_are_named() {
    let (code, err, _d) = edit_packet(|v| {
        v["candidates"][0]["fields"]["domains"] = "面向经济主战场".into();
        v["candidates"][0]["fields"]["history"][0]["from"] = 2001.into();
        v["unit"]["unit_name"] = serde_json::json!(["a"]);
    });
    assert_eq!(code, 1, "{err}");
    for needle in [
        "$.candidates[0].fields.domains",
        "$.candidates[0].fields.history[0].from",
        "$.unit.unit_name",
        "有 3 处",
    ] {
        assert!(err.contains(needle), "{needle}: {err}");
    }
}

#[test]
fn slots_paths_and_ids_are_checked() {
    let (code, err, _d) = edit_packet(|v| {
        v["candidates"][0]["media"][0]["slot"] = "selfie".into();
        v["candidates"][0]["media"][1]["path"] = "/etc/passwd".into();
        v["candidates"][1]["id"] = v["candidates"][0]["id"].clone();
    });
    assert_eq!(code, 1, "{err}");
    for needle in [
        "$.candidates[0].media[0].slot",
        "$.candidates[0].media[1].path",
        "$.candidates[1].id",
        "不能用绝对路径",
    ] {
        assert!(err.contains(needle), "{needle}: {err}");
    }
}

#[test]
fn structure_and_syntax_errors_have_paths() {
    let (code, err, _d) = edit_packet(|v| {
        v["candidates"][0]["extra"] = true.into();
    });
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("$.candidates[0]") && err.contains("[packet-structure]"), "{err}");
    let (code, err, _d) = edit_packet(|v| {
        v["profile"] = "no-such".into();
    });
    assert_eq!(code, 1);
    assert!(err.contains("$.profile") && err.contains("ordos-2021-zuimei"), "{err}");
    let dir = tmp();
    let file = dir.path().join("p.json");
    std::fs::write(&file, "{\"format\": \"jianbao-packet/1\", \"profile\": ").unwrap();
    let (code, _, err) = jianbao!(dir.path(); "workspace", "import", &file);
    assert_eq!(code, 1);
    assert!(err.contains("[packet-syntax]"), "{err}");
}

#[test]
fn a_missing_file_is_named() {
    let (code, err, _d) = edit_packet(|v| {
        v["candidates"][0]["media"][0]["path"] = "media/不存在.jpg".into();
    });
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("media/不存在.jpg") && err.contains("[err-packet-missing-file]"), "{err}");
}

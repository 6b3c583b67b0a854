//! Campaign profiles: the five built-ins, `profile check`, the schema.

use std::collections::BTreeSet;

use crate::{jianbao, root, tmp, IDS};

#[test]
fn profiles_lists_the_five_ids() {
    let ws = tmp();
    let (code, out, err) = jianbao!(ws.path(); "profiles", "--json");
    assert_eq!(code, 0, "{err}");
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: BTreeSet<_> =
        list.as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, IDS.iter().map(|s| s.to_string()).collect());
    let (code, out, _) = jianbao!(ws.path(); "profiles");
    assert_eq!(code, 0);
    for id in IDS {
        assert!(out.contains(id), "{out}");
    }
}

#[test]
fn every_builtin_file_checks_clean_and_shows() {
    let ws = tmp();
    for id in IDS {
        let file = root().join(format!("assets/profiles/{id}.toml"));
        let (code, out, err) = jianbao!(ws.path(); "profile", "check", &file);
        assert_eq!(code, 0, "{id}: {err}");
        assert!(out.contains(id));
        let (code, out, err) = jianbao!(ws.path(); "profile", "show", id);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("推荐表字段"), "{out}");
    }
}

/// Every rule carries the clause of the notice it enforces.
#[test]
fn every_rule_names_its_clause() {
    let reg = jianbao::profile::Registry::builtin().unwrap();
    for p in reg.all() {
        for f in p.candidate_form.fields.iter().chain(&p.unit_form.fields) {
            let has_rule = f.required
                || f.required_when.is_some()
                || f.words.is_some()
                || f.pattern.is_some()
                || f.forbidden.is_some()
                || f.must_contain.is_some()
                || f.format.is_some()
                || f.select.is_some();
            if has_rule {
                assert!(f.clause.is_some(), "{}: field {} has no clause", p.id, f.id);
            }
        }
        // Every clause names one authority, and the notice's and form's quote their words.
        for (at, c) in jianbao::profile::notice::clauses(p) {
            let named = [c.notice.is_some(), c.form.is_some(), c.advice.is_some()];
            assert_eq!(named.iter().filter(|b| **b).count(), 1, "{}: {at}", p.id);
            if c.advice.is_none() {
                assert!(c.quote.as_deref().is_some_and(|q| !q.trim().is_empty()), "{}: {at}", p.id);
            }
        }
    }
}

/// The digest table of PRODUCT.md, as facts about the profiles.
#[test]
fn digest_table_holds() {
    let reg = jianbao::profile::Registry::builtin().unwrap();
    let get = |id| reg.get(id).unwrap();
    let words_max = |p: &jianbao::profile::Profile, f: &str| {
        p.candidate_field(f).and_then(|f| f.words.as_ref()).and_then(|w| w.max)
    };

    let cast = get("cast-2018-party-member");
    assert_eq!((cast.quota.min, cast.quota.max), (1, Some(2)));
    assert_eq!(words_max(cast, "main_deeds"), Some(3000));
    assert_eq!(cast.candidate_field("overview").unwrap().words.as_ref().unwrap().target, Some(300));
    let photo = cast.candidate_slot("photo").unwrap();
    assert_eq!((photo.count.min, photo.min_dpi, photo.min_bytes), (3, Some(300), Some(1 << 20)));
    assert!(cast.unit_slot("meeting_minutes").is_some());
    assert!(
        cast.candidate_form.fields.iter().filter(|f| !f.on_paper).all(|f| f.required),
        "every field of the form is required"
    );
    assert_eq!(cast.deadline.as_ref().unwrap().date, "2018-05-01");

    let cis = get("cis-2021-zuimei");
    assert_eq!(cis.quota.max, Some(1));
    let p = cis.candidate_slot("photo").unwrap();
    assert_eq!((p.count.min, p.count.max, p.min_bytes), (3, Some(5), Some(2 << 20)));
    assert_eq!(p.naming.as_deref(), Some("{姓名}{序号}"));
    assert!(cis.candidate_slot("id_photo").unwrap().id_photo.as_ref().unwrap().size.is_some());
    assert_eq!(cis.deadline.as_ref().unwrap().date, "2021-06-10");
    assert!(cis.form_source.borrowed_from.is_some());

    let cas = get("cas-2018-yisuo-yiren-yishi");
    assert!(cas.quota.teams && cas.deadline.is_none());
    let v = cas.candidate_slot("video").unwrap().video.clone().unwrap();
    assert_eq!((v.min_seconds, v.max_seconds), (Some(300), Some(900)));
    assert_eq!(v.min_resolution.map(|p| (p.width, p.height)), Some((1920, 1080)));
    let essay = cas.candidate_field("essay").unwrap().words.clone().unwrap();
    assert_eq!((essay.target, essay.tolerance), (Some(2500), Some(500)));
    assert_eq!(cas.candidate_slot("photo").unwrap().min_bytes, Some(1 << 20));

    let ordos = get("ordos-2021-zuimei");
    assert_eq!((ordos.quota.min, ordos.quota.max), (1, Some(2)));
    let d = ordos.deadline.as_ref().unwrap();
    assert!(d.strict && d.before && d.date == "2021-06-02");
    assert_eq!(ordos.candidate_field("main_deeds").unwrap().words.as_ref().unwrap().target, Some(1500));
    assert_eq!(words_max(ordos, "stories"), Some(1000));
    let id = ordos.candidate_slot("id_photo").unwrap().id_photo.clone().unwrap();
    assert_eq!(id.background, Some(jianbao::profile::Background::Red));
    let v = ordos.candidate_slot("video").unwrap().video.clone().unwrap();
    assert_eq!(v.max_seconds, Some(180));
    assert_eq!(v.resolutions.len(), 2);
    assert!(ordos.unit_slot("work_report").is_some());
    assert!(ordos.candidate_slot("no_crime_certificate").is_some());
    let form = ordos.deliverables.iter().find(|d| d.id == "recommendation_form").unwrap();
    assert_eq!((form.paper_copies, form.blank_copies), (3, 2));
    let forbidden = &ordos.candidate_field("tech_title").unwrap().forbidden.as_ref().unwrap().values;
    assert!(forbidden.contains(&"正高".to_string()) && forbidden.contains(&"副高".to_string()));
    assert_eq!(ordos.candidate_field("fill_date").unwrap().format.as_deref(), Some("YYYY年MM月DD日"));

    let hs = get("hengshui-2019-zuimei");
    assert_eq!(words_max(hs, "main_deeds"), Some(3000));
    assert_eq!(
        hs.candidate_slot("id_photo").unwrap().id_photo.as_ref().unwrap().background,
        Some(jianbao::profile::Background::White)
    );
    assert_eq!(hs.candidate_slot("photo").unwrap().count.max, Some(3));
    let v = hs.candidate_slot("video").unwrap().video.clone().unwrap();
    assert_eq!((v.min_seconds, v.max_seconds), (Some(180), Some(300)));
    assert!(hs.deadline.as_ref().unwrap().strict);
}

fn broken(edit: impl Fn(String) -> String) -> (i32, String, String, std::path::PathBuf, tempfile::TempDir) {
    let dir = tmp();
    let text = std::fs::read_to_string(root().join("assets/profiles/ordos-2021-zuimei.toml")).unwrap();
    let file = dir.path().join("broken.toml");
    std::fs::write(&file, edit(text)).unwrap();
    let (code, out, err) = jianbao!(dir.path(); "profile", "check", &file);
    (code, out, err, file, dir)
}

#[test]
fn check_refuses_unknown_field_kind_naming_file_and_key() {
    let (code, _, err, file, _d) = broken(|t| t.replacen("kind = \"text\"", "kind = \"textt\"", 1));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&file.display().to_string()), "{err}");
    assert!(err.contains("candidate_form.fields[0].kind"), "{err}");
    assert!(err.contains("[profile-unknown-value]"), "{err}");
    assert!(err.contains("第 "), "the line is named: {err}");
}

#[test]
fn check_refuses_duplicate_field_id() {
    let (code, _, err, file, _d) = broken(|t| t.replacen("id = \"gender\"", "id = \"name\"", 1));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&file.display().to_string()));
    assert!(err.contains("candidate_form.fields[3].id") && err.contains("[profile-duplicate-id]"), "{err}");
}

#[test]
fn check_refuses_negative_limit() {
    let (code, _, err, _, _d) =
        broken(|t| t.replacen("words = { max = 1000 }", "words = { max = -1000 }", 1));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("candidate_form.fields[23].words.max"), "{err}");
    assert!(err.contains("[profile-negative-limit]"), "{err}");
}

#[test]
fn check_reports_every_semantic_problem_at_once_in_english_too() {
    let dir = tmp();
    let text = std::fs::read_to_string(root().join("assets/profiles/ordos-2021-zuimei.toml")).unwrap();
    let text = text
        .replacen("choice_list = \"ethnicity\"", "choice_list = \"ethnic\"", 1)
        .replacen("count = { min = 3, max = 5 }", "count = { min = 6, max = 5 }", 1)
        .replacen("naming = \"{姓名}{序号}\"", "naming = \"{名字}{序号}\"", 1);
    let file = dir.path().join("p.toml");
    std::fs::write(&file, text).unwrap();
    let (code, _, err) = jianbao!(dir.path(); "--lang", "en", "profile", "check", &file);
    assert_eq!(code, 1);
    for needle in ["[profile-unknown-list]", "[profile-limit-order]", "[profile-bad-naming]", "has 3 problem"]
    {
        assert!(err.contains(needle), "{needle} missing in {err}");
    }
}

#[test]
fn check_refuses_non_toml_and_missing_file() {
    let (code, _, err, _, _d) = broken(|_| "this is = = not toml".to_string());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("[profile-syntax]"), "{err}");
    let ws = tmp();
    let (code, _, err) = jianbao!(ws.path(); "profile", "check", ws.path().join("none.toml"));
    assert_eq!(code, 2, "an unreadable file is an I/O error: {err}");
    assert!(err.contains("[err-io]"));
}

#[test]
fn a_profile_in_the_workspace_is_loaded() {
    let ws = tmp();
    let text = std::fs::read_to_string(root().join("assets/profiles/ordos-2021-zuimei.toml")).unwrap();
    let text = text.replace("id = \"ordos-2021-zuimei\"", "id = \"ordos-2022-zuimei\"");
    std::fs::create_dir_all(ws.path().join("profiles")).unwrap();
    std::fs::write(ws.path().join("profiles/ordos-2022.toml"), text).unwrap();
    let (code, out, err) = jianbao!(ws.path(); "profiles");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ordos-2022-zuimei"));
}

/// The committed JSON Schemas are what the types generate (regenerate with `jianbao schema`).
#[test]
fn committed_schemas_are_current() {
    for (what, file) in [("profile", "docs/profile.schema.json"), ("packet", "docs/packet.schema.json")] {
        let generated = match what {
            "profile" => jianbao::profile::json_schema(),
            _ => jianbao::packet::json_schema(),
        };
        let committed: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root().join(file)).expect(file)).unwrap();
        assert_eq!(committed, generated, "{file} is stale: run `cargo run -- schema {what} > {file}`");
    }
}

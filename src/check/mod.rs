//! The checker: every rule of a packet's profile, judged on the packet's values and real files, as
//! coded findings. An error blocks export; a warning is recorded in the bundle.
//!
//! Every finding names the candidate (by name), the field (by its label) or the file (as written in
//! the packet), carries the clause of the notice it enforces, and has a stable code whose zh-CN and
//! en-US messages (in `assets/i18n/`) say what is wrong and how to fix it. Codes are listed in
//! `docs/findings.md`.

pub mod dates;
mod fields;
mod stored;

pub use fields::{required_fields, word_state, WordState};
pub use stored::{StoredFinding, StoredFindings};
mod files;
mod history;
mod packet_rules;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::i18n::Localizer;
use crate::packet::LoadedPacket;
use crate::profile::{Authority, Clause, Field, Profile};

/// Every finding code, with its severity. `docs/findings.md` describes each one.
pub const CODES: &[(&str, Severity)] = &[
    ("field-required", Severity::Error),
    ("field-advised", Severity::Warning),
    ("field-choice", Severity::Error),
    ("field-select-min", Severity::Error),
    ("field-select-max", Severity::Error),
    ("field-mobile", Severity::Error),
    ("field-phone", Severity::Error),
    ("field-phone-is-mobile", Severity::Error),
    ("field-email", Severity::Error),
    ("field-postcode", Severity::Error),
    ("field-date", Severity::Error),
    ("field-date-format", Severity::Error),
    ("field-words-max", Severity::Error),
    ("field-words-min", Severity::Error),
    ("field-words-target", Severity::Warning),
    ("field-forbidden", Severity::Error),
    ("field-pattern", Severity::Error),
    ("field-must-contain", Severity::Error),
    ("field-too-long", Severity::Error),
    ("field-too-many-rows", Severity::Error),
    ("history-rows-min", Severity::Error),
    ("history-rows-max", Severity::Error),
    ("history-cell-missing", Severity::Error),
    ("history-open-end", Severity::Error),
    ("history-date", Severity::Error),
    ("history-date-format", Severity::Error),
    ("history-end-before-start", Severity::Error),
    ("history-order", Severity::Error),
    ("history-overlap", Severity::Error),
    ("history-before-graduation", Severity::Error),
    ("quota-min", Severity::Error),
    ("quota-max", Severity::Error),
    ("deadline-passed-strict", Severity::Error),
    ("deadline-passed", Severity::Warning),
    ("deadline-near", Severity::Warning),
    ("duplicate-candidate", Severity::Error),
    ("duplicate-name", Severity::Warning),
    ("slot-count-min", Severity::Error),
    ("materials-none", Severity::Error),
    ("materials-needed-with", Severity::Error),
    ("slot-count-max", Severity::Error),
    ("file-missing", Severity::Error),
    ("file-empty", Severity::Error),
    ("file-unreadable", Severity::Error),
    ("file-duplicate", Severity::Error),
    ("photo-heic", Severity::Error),
    ("photo-png", Severity::Error),
    ("photo-webp", Severity::Error),
    ("photo-format", Severity::Error),
    ("photo-truncated", Severity::Error),
    ("photo-too-many-pixels", Severity::Error),
    ("photo-too-large", Severity::Error),
    ("photo-corrupt", Severity::Error),
    ("photo-bytes-min", Severity::Error),
    ("id-photo-bytes-min", Severity::Error),
    ("photo-bytes-max", Severity::Error),
    ("photo-pixels-min", Severity::Error),
    ("photo-dpi-unknown", Severity::Warning),
    ("photo-dpi-min", Severity::Error),
    ("id-photo-ratio", Severity::Error),
    ("id-photo-background", Severity::Error),
    ("id-photo-background-unclear", Severity::Warning),
    ("id-photo-background-unknown", Severity::Warning),
    ("video-format", Severity::Error),
    ("video-mov-not-allowed", Severity::Error),
    ("video-truncated", Severity::Error),
    ("video-no-track", Severity::Error),
    ("video-corrupt", Severity::Error),
    ("video-duration-max", Severity::Error),
    ("video-duration-min", Severity::Error),
    ("video-resolution", Severity::Error),
    ("video-resolution-min", Severity::Error),
    ("doc-format", Severity::Error),
    ("doc-truncated", Severity::Error),
    ("doc-corrupt", Severity::Error),
    ("doc-encrypted", Severity::Error),
    ("doc-pages", Severity::Error),
];

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks export.
    Error,
    /// Recorded in the bundle; export goes on once acknowledged.
    Warning,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code, also the message id.
    pub code: &'static str,
    /// The candidate's packet id, for unit-level findings none.
    pub candidate_id: Option<String>,
    /// The candidate's name as filled in (or their id while the name is empty).
    pub candidate: Option<String>,
    /// The field id.
    pub field: Option<String>,
    /// The file, as written in the packet.
    pub file: Option<String>,
    /// The attachment slot the finding is about (its id), for a file or a slot's count.
    pub slot: Option<String>,
    /// Which of the slot's files written `file` this is (0 for the first): the same bytes attached
    /// twice to one slot are two files with verdicts of their own.
    pub nth: usize,
    /// The candidate's place in the packet (1, 2, …), to name a candidate without a name.
    pub candidate_number: Option<usize>,
    /// The rule's authority, cited as people read it (`三、（四）：“……”`, or our advice).
    pub clause: String,
    /// Who says so: the notice, its form, or our advice (then the finding is only a warning).
    pub authority: Authority,
    /// Named values for the message.
    pub args: BTreeMap<&'static str, String>,
}

impl Finding {
    /// Whether the finding says only that something is not filled in yet — a required field empty, too
    /// few files in a slot, none of the materials of which one must be given, fewer candidates than
    /// the minimum — rather than that something entered is wrong. A fresh form lacks all of these;
    /// the window shows them as what is left to fill, and as errors once the secretary asks for the
    /// check or starts the export (they block it either way).
    pub fn is_pending(&self) -> bool {
        matches!(self.code, "field-required" | "slot-count-min" | "materials-none" | "quota-min")
    }

    /// The message in the localizer's language.
    pub fn message(&self, l: &Localizer) -> String {
        let args: BTreeMap<String, String> =
            self.args.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        message_of(self.code, &args, self.candidate.as_deref(), self.candidate_number, l)
    }

    /// The JSON object of `jianbao check --json` (see [`StoredFinding`]).
    pub fn to_json(&self, l: &Localizer) -> serde_json::Value {
        serde_json::to_value(StoredFinding::of(self, l)).expect("a finding serialises")
    }
}

/// A finding's message from what is stored of it (its code, named values, candidate and place), in
/// any language: findings are kept as codes with arguments and put into words when shown.
pub fn message_of(
    code: &str,
    stored: &BTreeMap<String, String>,
    candidate: Option<&str>,
    candidate_number: Option<usize>,
    l: &Localizer,
) -> String {
    let mut args: BTreeMap<&str, String> = stored.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let who = match candidate {
        Some(name) => {
            let mut a = BTreeMap::new();
            a.insert("name", name.to_string());
            l.text("who-candidate", &a)
        }
        None => l.plain("who-unit"),
    };
    // A candidate without a name is named by place ("第 2 位候选人"), never by an internal id.
    let who = match (candidate, candidate_number) {
        (Some(name), Some(n)) if name.trim().is_empty() => {
            l.text("who-candidate-unnamed", &BTreeMap::from([("n", n.to_string())]))
        }
        _ => who,
    };
    args.insert("who", who);
    // The other place a finding names (a duplicate's first copy): a candidate, or the unit.
    if let (Some(name), Some(n)) = (args.get("other_who").cloned(), args.get("other_n").cloned()) {
        let other = match (name.trim().is_empty(), n.is_empty()) {
            (_, true) => l.plain("who-unit"),
            (true, false) => l.text("who-candidate-unnamed", &BTreeMap::from([("n", n)])),
            (false, false) => l.text("who-candidate", &BTreeMap::from([("name", name)])),
        };
        args.insert("other_who", other);
    }
    // Colour classes and file kinds are themselves messages (`bg-red` → 红底), from typed ids
    // (`Colour::message_id`, `Kind::message_id`) whose every variant a test looks up.
    for key in ["want", "got", "kind"] {
        if let Some(v) = args.get_mut(key) {
            if l.has(v) {
                *v = l.plain(v);
            }
        }
    }
    for key in ["field", "file", "value"] {
        args.entry(key).or_default();
    }
    l.text(code, &args)
}

/// All findings of one check, errors first.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The findings.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Warning).count()
    }

    /// Whether any finding has this code.
    pub fn has(&self, code: &str) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }

    /// The JSON document of `jianbao check --json` (see [`StoredFindings`]).
    pub fn to_json(&self, l: &Localizer) -> serde_json::Value {
        serde_json::to_value(StoredFindings::of(self, l)).expect("a report serialises")
    }
}

/// What the check may need besides the packet.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The day to judge the deadline against.
    pub today: time::Date,
}

impl Options {
    /// Judged as of `as_of` (`YYYY-MM-DD`) when given and valid, else today in China Standard Time.
    pub fn as_of(as_of: Option<&str>) -> Self {
        let fmt = time::macros::format_description!("[year]-[month]-[day]");
        let today = as_of
            .and_then(|s| time::Date::parse(s, fmt).ok())
            .unwrap_or_else(|| (time::OffsetDateTime::now_utc() + time::Duration::hours(8)).date());
        Options { today }
    }
}

/// Where a finding is: the candidate (none: the unit) and the slot.
#[derive(Debug, Clone, Default)]
pub(crate) struct Place {
    pub candidate_id: Option<String>,
    pub candidate: Option<String>,
    pub candidate_number: Option<usize>,
    pub slot: Option<String>,
    pub nth: usize,
}

/// Collects findings with their context.
pub(crate) struct Sink<'a> {
    pub findings: Vec<Finding>,
    pub profile: &'a Profile,
    /// Who and where the findings that follow are about.
    place: Place,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(profile: &'a Profile) -> Self {
        Sink { findings: Vec::new(), profile, place: Place::default() }
    }

    /// Findings that follow concern this candidate (none: the unit): (id, name as filled in, place).
    pub fn about(&mut self, candidate: Option<(&str, &str, usize)>) {
        self.place.candidate_id = candidate.map(|(id, _, _)| id.to_string());
        self.place.candidate = candidate.map(|(_, name, _)| name.to_string());
        self.place.candidate_number = candidate.map(|(_, _, n)| n);
    }

    /// Findings that follow concern this slot, and the `nth` of its files written alike.
    pub fn at_slot(&mut self, slot: Option<&str>, nth: usize) {
        self.place.slot = slot.map(str::to_string);
        self.place.nth = nth;
    }

    /// Who and where findings are about now.
    pub(crate) fn context(&self) -> Place {
        self.place.clone()
    }

    /// Findings that follow are about this place again.
    pub(crate) fn at(&mut self, p: &Place) {
        self.place = p.clone();
    }

    /// Adds a finding; `args` are its named values.
    pub fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        clause: &Clause,
        field: Option<&Field>,
        file: Option<&str>,
        args: &[(&'static str, String)],
    ) {
        let mut a: BTreeMap<&'static str, String> = args.iter().cloned().collect();
        if let Some(f) = field {
            a.insert("field", f.plain_label());
        }
        if let Some(p) = file {
            a.insert("file", p.to_string());
        }
        debug_assert!(CODES.iter().any(|(c, _)| *c == code), "{code} is not in check::CODES");
        let authority = clause.authority();
        // Advice never blocks: whatever the rule, ours is a warning.
        let severity = if authority == Authority::Advice { Severity::Warning } else { severity };
        let p = &self.place;
        self.findings.push(Finding {
            severity,
            code,
            candidate_id: p.candidate_id.clone(),
            candidate: p.candidate.clone(),
            field: field.map(|f| f.id.clone()),
            file: file.map(str::to_string),
            slot: p.slot.clone(),
            nth: p.nth,
            candidate_number: p.candidate_number,
            clause: clause.cite(),
            authority,
            args: a,
        });
    }
}

/// Runs every rule of the profile on a loaded packet.
pub fn check(loaded: &LoadedPacket, profile: &Profile, opts: Options) -> Report {
    let mut sink = Sink::new(profile);
    packet_rules::check(loaded, &mut sink, opts);
    sink.about(None);
    fields::check_form(&loaded.packet.unit, &profile.unit_form, &mut sink);
    let mut files = files::Files::new(loaded);
    files.check_unit(&mut sink);
    for (i, c) in loaded.packet.candidates.iter().enumerate() {
        let name =
            crate::packet::text(&c.fields, &profile.candidate_form.name_field).map(str::trim).unwrap_or("");
        sink.about(Some((&c.id, name, i + 1)));
        fields::check_form(&c.fields, &profile.candidate_form, &mut sink);
        files.check_candidate(c, &mut sink);
    }
    sink.about(None);
    files.check_duplicates(&mut sink);
    let mut findings = sink.findings;
    // Errors first, then by candidate in packet order (stable sort keeps rule order within).
    let order: Vec<&str> = loaded.packet.candidates.iter().map(|c| c.id.as_str()).collect();
    findings.sort_by_key(|f| {
        let pos = f.candidate_id.as_deref().and_then(|id| order.iter().position(|o| *o == id));
        (f.severity, pos.map(|p| p + 1).unwrap_or(0))
    });
    Report { findings }
}

/// The clause of a field's rule: the rule's own, else the field's, else the form itself.
pub(crate) fn clause_of(own: Option<&Clause>, field: &Field, form_title: &str) -> Clause {
    own.or(field.clause.as_ref()).cloned().unwrap_or_else(|| Clause {
        form: Some(form_title.to_string()),
        quote: Some(field.plain_label()),
        ..Clause::default()
    })
}

#[cfg(test)]
mod tests {
    //! Rules that no built-in profile uses: each is exercised on an edited copy of a built-in profile.
    use super::*;
    use crate::packet::{Candidate, FileRef, Packet};
    use crate::profile::{Count, Pattern, Registry};
    use serde_json::json;

    fn ordos() -> Profile {
        Registry::builtin().unwrap().get("ordos-2021-zuimei").unwrap().clone()
    }

    fn run(
        profile: &Profile,
        fields: serde_json::Value,
        files: Vec<FileRef>,
        base: &std::path::Path,
    ) -> Vec<&'static str> {
        let mut packet = Packet::new(&profile.id);
        let fields = fields.as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        packet.candidates.push(Candidate { id: "c1".into(), fields, media: files, documents: vec![] });
        let loaded = LoadedPacket { packet, file: base.join("packet.json"), base: base.to_path_buf() };
        let today = time::macros::date!(2021 - 05 - 01);
        check(&loaded, profile, Options { today }).findings.into_iter().map(|f| f.code).collect()
    }

    fn field_mut<'a>(p: &'a mut Profile, id: &str) -> &'a mut crate::profile::Field {
        p.candidate_form.fields.iter_mut().find(|f| f.id == id).unwrap()
    }

    #[test]
    fn a_stored_finding_says_the_same_in_every_language_as_the_finding_itself() {
        let p = ordos();
        // A packet with many kinds of findings: wrong values, missing fields, bad dates, too long text.
        let codes_and_json = |today| {
            let mut packet = Packet::new(&p.id);
            packet.candidates.push(Candidate {
                id: "c1".into(),
                fields: [
                    ("name".to_string(), serde_json::json!("")),
                    ("mobile".to_string(), serde_json::json!("1504771234")),
                    ("birth".to_string(), serde_json::json!("1980/13")),
                    ("main_deeds".to_string(), serde_json::json!("字".repeat(5000))),
                ]
                .into_iter()
                .collect(),
                media: vec![],
                documents: vec![],
            });
            let base = std::path::Path::new("/nowhere");
            let loaded = LoadedPacket { packet, file: base.join("packet.json"), base: base.to_path_buf() };
            check(&loaded, &p, Options { today })
        };
        let report = codes_and_json(time::macros::date!(2021 - 06 - 03));
        assert!(report.findings.len() > 5, "{:?}", report.findings);
        for lang in [crate::i18n::Lang::Zh, crate::i18n::Lang::En] {
            let l = Localizer::new(lang);
            let zh = Localizer::new(crate::i18n::Lang::Zh);
            for f in &report.findings {
                // As an import stores it (in Chinese), then read back in `lang`.
                let stored = f.to_json(&zh);
                let args: BTreeMap<String, String> = serde_json::from_value(stored["args"].clone()).unwrap();
                let again = message_of(
                    stored["code"].as_str().unwrap(),
                    &args,
                    stored["candidate"].as_str(),
                    stored["candidate_number"].as_u64().map(|n| n as usize),
                    &l,
                );
                assert_eq!(again, f.message(&l), "{}", f.code);
            }
        }
    }

    #[test]
    fn the_word_verdict_the_window_shows_agrees_with_the_check() {
        use crate::profile::WordLimit;
        let max = WordLimit { max: Some(1500), min: None, target: None, tolerance: None, clause: None };
        assert_eq!(word_state(Some(&max), 0), WordState::Empty);
        assert_eq!(word_state(Some(&max), 800), WordState::Ok);
        assert_eq!(word_state(Some(&max), 1400), WordState::Near);
        assert_eq!(word_state(Some(&max), 1500), WordState::Near);
        assert_eq!(word_state(Some(&max), 1501), WordState::Over);
        assert_eq!(word_state(None, 12), WordState::Ok);
        // A target without a stated tolerance: a tenth either way, as the check's warning says.
        let about = WordLimit { max: None, min: None, target: Some(1500), tolerance: None, clause: None };
        assert_eq!(word_state(Some(&about), 1349), WordState::Under);
        assert_eq!(word_state(Some(&about), 1350), WordState::Ok);
        assert_eq!(word_state(Some(&about), 1600), WordState::Near);
        assert_eq!(word_state(Some(&about), 1651), WordState::Over);
        // Over or under exactly when the check reports 字数 (every profile, every limit, around each bound).
        let mut p = ordos();
        let id = "main_deeds";
        for (limit, n) in [
            (max.clone(), 1501u32),
            (max.clone(), 1500),
            (about.clone(), 1651),
            (about.clone(), 1349),
            (about, 1500),
        ] {
            field_mut(&mut p, id).words = Some(limit.clone());
            let text: String = "字".repeat(n as usize);
            let codes = run(&p, serde_json::json!({ id: text }), vec![], std::path::Path::new("/nowhere"));
            let flagged = codes.iter().any(|c| c.starts_with("field-words"));
            let state = word_state(Some(&limit), n);
            assert_eq!(
                flagged,
                matches!(state, WordState::Over | WordState::Under),
                "{limit:?} {n}: {codes:?}"
            );
        }
    }

    #[test]
    fn required_fields_follow_conditions_on_one_choice_or_several() {
        let mut p = ordos();
        let target = p.candidate_form.fields.iter().find(|f| !f.required).unwrap().id.clone();
        let cond = p.candidate_form.fields.iter().find(|f| f.required).unwrap().id.clone();
        field_mut(&mut p, &target).required_when =
            Some(crate::profile::When { field: cond.clone(), is: vec!["团队".into()] });
        let vals = |v: serde_json::Value| -> std::collections::BTreeMap<String, serde_json::Value> {
            [(cond.clone(), v)].into_iter().collect()
        };
        let req = |v| required_fields(&p.candidate_form, &vals(v)).contains(&target);
        assert!(!req(serde_json::json!("个人")));
        assert!(req(serde_json::json!(" 团队 ")));
        assert!(req(serde_json::json!(["个人", "团队"])));
        assert!(!req(serde_json::json!(["个人"])));
        assert!(required_fields(&p.candidate_form, &Default::default()).contains(&cond));
    }

    #[test]
    fn select_limits() {
        let mut p = ordos();
        field_mut(&mut p, "domains").select = Some(Count { min: 2, max: Some(3) });
        let dir = tempfile::tempdir().unwrap();
        assert!(run(&p, json!({"domains": ["社会服务"]}), vec![], dir.path()).contains(&"field-select-min"));
        let four = json!({"domains": ["社会服务", "面向经济主战场", "面向国家重大需求", "面向人民生命健康"]});
        assert!(run(&p, four, vec![], dir.path()).contains(&"field-select-max"));
    }

    #[test]
    fn pattern_and_rows() {
        let mut p = ordos();
        field_mut(&mut p, "native_place").pattern = Some(Pattern {
            regex: ".*(省|自治区|市)(.*(市|县|旗|区))?".into(),
            hint: "写到县（旗、区）".into(),
            clause: None,
        });
        field_mut(&mut p, "history").rows = Some(Count { min: 2, max: Some(2) });
        field_mut(&mut p, "stories").words.as_mut().unwrap().min = Some(100);
        let dir = tempfile::tempdir().unwrap();
        let row = json!({"from": "2000.09", "to": "2003.06", "what": "学习"});
        let codes = run(
            &p,
            json!({"native_place": "达拉特", "history": [row], "stories": "太短。"}),
            vec![],
            dir.path(),
        );
        for c in ["field-pattern", "history-rows-min", "field-words-min"] {
            assert!(codes.contains(&c), "{c} not in {codes:?}");
        }
        let rows = json!([row, {"from": "2003.07", "to": "2005.06", "what": "a"}, {"from": "2005.07", "to": "至今", "what": "b"}]);
        assert!(run(&p, json!({"history": rows}), vec![], dir.path()).contains(&"history-rows-max"));
    }

    #[test]
    fn photo_size_limits_and_unreadable_files() {
        let mut p = ordos();
        p.candidate_slots.iter_mut().find(|s| s.id == "photo").unwrap().max_bytes = Some(3 << 20);
        let dir = tempfile::tempdir().unwrap();
        let big = crate::sample::synth_jpeg(&crate::sample::PhotoSpec {
            width: 2400,
            height: 1600,
            dpi: 300,
            min_bytes: 3_300_000,
            background: None,
            seed: 1,
        });
        std::fs::write(dir.path().join("big.jpg"), big).unwrap();
        // A sparse 300 MB "photo": refused by size before any read.
        let huge = std::fs::File::create(dir.path().join("huge.jpg")).unwrap();
        std::io::Write::write_all(&mut &huge, &[0xFF, 0xD8, 0xFF, 0xE0]).unwrap();
        huge.set_len(300 << 20).unwrap();
        std::fs::create_dir(dir.path().join("folder.jpg")).unwrap();
        let refs = ["big.jpg", "huge.jpg", "folder.jpg"].map(|n| FileRef::new("photo", n)).to_vec();
        let codes = run(&p, json!({}), refs, dir.path());
        for c in ["photo-bytes-max", "photo-too-large", "file-unreadable"] {
            assert!(codes.contains(&c), "{c} not in {codes:?}");
        }
    }

    #[test]
    fn video_without_picture_and_document_pages() {
        let mut p = ordos();
        p.candidate_slots.iter_mut().find(|s| s.id == "no_crime_certificate").unwrap().pages =
            Some(Count { min: 2, max: None });
        let dir = tempfile::tempdir().unwrap();
        let mut v =
            crate::sample::mp4::synth(&crate::sample::mp4::VideoSpec { audio: false, ..Default::default() });
        let at = v.windows(4).position(|w| w == b"vide").unwrap();
        v[at..at + 4].copy_from_slice(b"text");
        std::fs::write(dir.path().join("v.mp4"), v).unwrap();
        std::fs::write(dir.path().join("d.pdf"), crate::sample::synth_pdf("证明", &[], None)).unwrap();
        let mut packet_files = vec![FileRef::new("video", "v.mp4")];
        packet_files.push(FileRef::new("no_crime_certificate", "d.pdf"));
        let codes = run(&p, json!({}), packet_files, dir.path());
        assert!(codes.contains(&"video-no-track") && codes.contains(&"doc-pages"), "{codes:?}");
    }
}

//! The checker: every rule of a packet's profile, judged on the packet's values and real files, as
//! coded findings. An error blocks export; a warning is recorded in the bundle.
//!
//! Every finding names the candidate (by name), the field (by its label) or the file (as written in
//! the packet), carries the clause of the notice it enforces, and has a stable code whose zh-CN and
//! en-US messages (in `assets/i18n/`) say what is wrong and how to fix it. Codes are listed in
//! `docs/findings.md`.

pub mod dates;
mod fields;
mod files;
mod history;
mod packet_rules;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::i18n::Localizer;
use crate::packet::LoadedPacket;
use crate::profile::{Field, Profile};

/// Every finding code, with its severity. `docs/findings.md` describes each one.
pub const CODES: &[(&str, Severity)] = &[
    ("field-required", Severity::Error),
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
    /// The clause of the notice.
    pub clause: String,
    /// Named values for the message.
    pub args: BTreeMap<&'static str, String>,
}

impl Finding {
    /// The message in the localizer's language.
    pub fn message(&self, l: &Localizer) -> String {
        let mut args = self.args.clone();
        let who = match &self.candidate {
            Some(name) => {
                let mut a = BTreeMap::new();
                a.insert("name", name.clone());
                l.text("who-candidate", &a)
            }
            None => l.plain("who-unit"),
        };
        args.insert("who", who);
        // Colour classes are themselves messages (`bg-red` → 红底).
        for key in ["want", "got"] {
            if let Some(v) = args.get_mut(key) {
                if l.has(v) {
                    *v = l.plain(v);
                }
            }
        }
        for key in ["field", "file", "value"] {
            args.entry(key).or_default();
        }
        l.text(self.code, &args)
    }

    /// The JSON object of `jianbao check --json`.
    pub fn to_json(&self, l: &Localizer) -> serde_json::Value {
        serde_json::json!({
            "severity": self.severity,
            "code": self.code,
            "candidate": self.candidate,
            "candidate_id": self.candidate_id,
            "field": self.field,
            "file": self.file,
            "message": self.message(l),
            "clause": self.clause,
        })
    }
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

    /// The JSON document of `jianbao check --json`.
    pub fn to_json(&self, l: &Localizer) -> serde_json::Value {
        serde_json::json!({
            "findings": self.findings.iter().map(|f| f.to_json(l)).collect::<Vec<_>>(),
            "errors": self.errors(),
            "warnings": self.warnings(),
        })
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

/// Collects findings with their context.
pub(crate) struct Sink<'a> {
    pub findings: Vec<Finding>,
    pub profile: &'a Profile,
    candidate_id: Option<String>,
    candidate: Option<String>,
}

impl<'a> Sink<'a> {
    fn new(profile: &'a Profile) -> Self {
        Sink { findings: Vec::new(), profile, candidate_id: None, candidate: None }
    }

    /// Findings that follow concern this candidate (none: the unit).
    pub fn about(&mut self, candidate: Option<(&str, &str)>) {
        self.candidate_id = candidate.map(|(id, _)| id.to_string());
        self.candidate = candidate.map(|(_, name)| name.to_string());
    }

    /// The candidate findings are about now: (id, name).
    pub fn findings_context(&self) -> (Option<String>, Option<String>) {
        (self.candidate_id.clone(), self.candidate.clone())
    }

    /// Adds a finding; `args` are its named values.
    pub fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        clause: &str,
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
        self.findings.push(Finding {
            severity,
            code,
            candidate_id: self.candidate_id.clone(),
            candidate: self.candidate.clone(),
            field: field.map(|f| f.id.clone()),
            file: file.map(str::to_string),
            clause: clause.to_string(),
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
    for c in &loaded.packet.candidates {
        let name = crate::packet::text(&c.fields, &profile.candidate_form.name_field)
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(&c.id);
        sink.about(Some((&c.id, name)));
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

/// The clause of a field's rule: the rule's own, else the field's, else the form's title.
pub(crate) fn clause_of<'a>(own: Option<&'a String>, field: &'a Field, form_title: &'a str) -> &'a str {
    own.or(field.clause.as_ref()).map(String::as_str).unwrap_or(form_title)
}

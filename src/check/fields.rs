//! Field rules: required, choices, formats, dates, 字数, forbidden values, patterns.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;

use super::dates::{judge, Written};
use super::{clause_of, history, Severity, Sink};
use crate::profile::{Authority, Clause, Field, FieldKind, Form};
use crate::wordcount;

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("built-in pattern compiles"))
}

/// Mainland mobile numbers, after removing spaces and hyphens.
fn is_mobile(s: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let digits: String = s.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    re(&R, r"^(\+?86)?1[3-9]\d{9}$").is_match(&digits)
}

/// Office telephone with area code: 0477-8581185, (0477)8581185, 010 62111471, with an extension.
fn is_phone(s: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let s = s.replace(['（', '('], "(").replace(['）', ')'], ")").replace('－', "-");
    re(&R, r"^(\(0\d{2,3}\)|0\d{2,3}[- ]?)\d{7,8}((-|转|ext\.?)\d{1,6})?$").is_match(s.trim())
}

fn is_email(s: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$").is_match(s.trim())
}

fn is_postcode(s: &str) -> bool {
    s.trim().len() == 6 && s.trim().bytes().all(|b| b.is_ascii_digit())
}

/// Whether a field must be filled, given the form's other values (the condition's field may hold one
/// choice or, ticked boxes, several).
pub(super) fn is_required(field: &Field, values: &BTreeMap<String, Value>) -> bool {
    if field.required {
        return true;
    }
    field.required_when.as_ref().is_some_and(|w| {
        let chosen: Vec<&str> = match values.get(&w.field) {
            Some(Value::String(s)) => vec![s.trim()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::trim).collect(),
            _ => vec![],
        };
        w.is.iter().any(|v| chosen.contains(&v.as_str()))
    })
}

/// The fields of a form that must be filled now, given its values: what the window marks ＊.
pub fn required_fields(form: &crate::profile::Form, values: &BTreeMap<String, Value>) -> Vec<String> {
    form.fields.iter().filter(|f| is_required(f, values)).map(|f| f.id.clone()).collect()
}

/// How a 字数 stands against a field's limit, judged as the check judges it: over the maximum (or
/// above the target's tolerance), under the minimum (or below it), near (within a tenth of the
/// maximum), or fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum WordState {
    /// Nothing written.
    Empty,
    /// Within the limit.
    Ok,
    /// Within a tenth of the maximum.
    Near,
    /// Past the maximum (an error) or above the target's range (a warning).
    Over,
    /// Below the minimum (an error) or the target's range (a warning).
    Under,
}

/// [`WordState`] of `n` 字 against `limit`.
pub fn word_state(limit: Option<&crate::profile::WordLimit>, n: u32) -> WordState {
    if n == 0 {
        return WordState::Empty;
    }
    let Some(w) = limit else { return WordState::Ok };
    let range = w.target.map(|t| {
        let tol = w.tolerance.unwrap_or(t / 10);
        (t.saturating_sub(tol), t + tol)
    });
    let max = w.max.or(range.map(|r| r.1));
    let min = w.min.or(range.map(|r| r.0));
    if max.is_some_and(|m| n > m) || range.is_some_and(|r| n > r.1) {
        WordState::Over
    } else if min.is_some_and(|m| n < m) || range.is_some_and(|r| n < r.0) {
        WordState::Under
    } else if max.is_some_and(|m| u64::from(n) * 10 > u64::from(m) * 9) {
        WordState::Near
    } else {
        WordState::Ok
    }
}

pub(super) fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(_) => false,
    }
}

/// A list of choices for a message: all when short, else the first ones and the count.
fn choices_text(values: &[String]) -> String {
    if values.len() <= 14 {
        values.join("、")
    } else {
        format!("{}… ({})", values[..8].join("、"), values.len())
    }
}

pub(super) fn check_form(values: &BTreeMap<String, Value>, form: &Form, sink: &mut Sink<'_>) {
    for field in &form.fields {
        if field.kind == FieldKind::Photo {
            continue; // judged through its slot
        }
        let clause = clause_of(None, field, &form.title);
        let v = values.get(&field.id);
        if is_empty(v) {
            if is_required(field, values) && !field.on_paper {
                let hint = field.help.clone().unwrap_or_default();
                // A field our advice asks for is suggested, not demanded.
                let code =
                    if clause.authority() == Authority::Advice { "field-advised" } else { "field-required" };
                sink.push(Severity::Error, code, &clause, Some(field), None, &[("hint", hint)]);
            }
            continue;
        }
        if too_large(field, v, sink) {
            continue;
        }
        match (field.kind, v) {
            (FieldKind::MultiChoice, Some(Value::Array(items))) => multi(field, items, &clause, sink),
            (FieldKind::History, Some(Value::Array(rows))) => {
                history::check(field, rows, values, form, &clause, sink)
            }
            (_, Some(Value::String(s))) => text(field, s, &clause, &form.title, sink),
            _ => {} // shapes were checked when the packet was loaded
        }
    }
}

/// Most characters of one value, and most rows of a table: the program's bound (no notice asks for
/// more), so that forms and bundles never meet a value of a million characters.
pub const MAX_CHARS: usize = 20_000;
/// Most rows of a table (学习工作经历…).
pub const MAX_ROWS: usize = 200;
/// The clause the bound cites: the program's, not the notice's.
fn bound_clause() -> Clause {
    Clause {
        quote: Some("荐报程序的处理上限（每项不超过 20000 个字符，每个表格不超过 200 行）".into()),
        ..Clause::default()
    }
}

/// Flags a value over the program's bounds; true when it did (its other rules are then not judged).
fn too_large(field: &Field, v: Option<&Value>, sink: &mut Sink<'_>) -> bool {
    fn longest(v: &Value) -> usize {
        match v {
            Value::String(s) => s.chars().count(),
            Value::Array(a) => a.iter().map(longest).max().unwrap_or(0),
            Value::Object(o) => o.values().map(longest).max().unwrap_or(0),
            _ => 0,
        }
    }
    let Some(v) = v else { return false };
    if let Value::Array(rows) = v {
        if rows.len() > MAX_ROWS {
            let a = [("count", rows.len().to_string()), ("limit", MAX_ROWS.to_string())];
            sink.push(Severity::Error, "field-too-many-rows", &bound_clause(), Some(field), None, &a);
            return true;
        }
    }
    let n = longest(v);
    if n > MAX_CHARS {
        let a = [("count", n.to_string()), ("limit", MAX_CHARS.to_string())];
        sink.push(Severity::Error, "field-too-long", &bound_clause(), Some(field), None, &a);
        return true;
    }
    false
}

fn multi(field: &Field, items: &[Value], clause: &Clause, sink: &mut Sink<'_>) {
    let allowed = field.allowed_values();
    let picked: Vec<&str> = items.iter().filter_map(Value::as_str).map(str::trim).collect();
    for p in &picked {
        if !allowed.iter().any(|a| a == p) {
            let args = [("value", p.to_string()), ("choices", choices_text(&allowed))];
            sink.push(Severity::Error, "field-choice", clause, Some(field), None, &args);
        }
    }
    if let Some(sel) = field.select {
        let n = picked.len() as u32;
        if n < sel.min {
            sink.push(
                Severity::Error,
                "field-select-min",
                clause,
                Some(field),
                None,
                &[("min", sel.min.to_string()), ("choices", choices_text(&allowed))],
            );
        }
        if let Some(max) = sel.max.filter(|m| n > *m) {
            sink.push(
                Severity::Error,
                "field-select-max",
                clause,
                Some(field),
                None,
                &[("max", max.to_string()), ("count", n.to_string())],
            );
        }
    }
}

fn text(field: &Field, s: &str, clause: &Clause, form_title: &str, sink: &mut Sink<'_>) {
    let value = s.trim();
    let shown = || value.chars().take(40).collect::<String>();
    let bad = |sink: &mut Sink<'_>, code| {
        sink.push(Severity::Error, code, clause, Some(field), None, &[("value", shown())])
    };
    match field.kind {
        FieldKind::Choice => {
            let allowed = field.allowed_values();
            if !allowed.iter().any(|a| a == value) {
                let args = [("value", shown()), ("choices", choices_text(&allowed))];
                sink.push(Severity::Error, "field-choice", clause, Some(field), None, &args);
            }
        }
        FieldKind::Mobile if !is_mobile(value) => bad(sink, "field-mobile"),
        FieldKind::Phone if !is_phone(value) => {
            let code = if is_mobile(value) { "field-phone-is-mobile" } else { "field-phone" };
            bad(sink, code)
        }
        FieldKind::Email if !is_email(value) => bad(sink, "field-email"),
        FieldKind::Postcode if !is_postcode(value) => bad(sink, "field-postcode"),
        FieldKind::Date | FieldKind::YearMonth => {
            let layout = field.date_layout();
            match judge(field.kind, value, layout) {
                Written::Right(_) => {}
                // No layout in the profile: the notice names none, so any readable date is right.
                Written::Reformat(..) if field.format.is_none() => {}
                Written::Unreadable(example) => {
                    let args = [("value", shown()), ("example", example)];
                    sink.push(Severity::Error, "field-date", clause, Some(field), None, &args);
                }
                Written::Reformat(_, want) => {
                    let args = [("value", shown()), ("suggestion", want)];
                    sink.push(Severity::Error, "field-date-format", clause, Some(field), None, &args);
                }
            }
        }
        _ => {}
    }
    if let Some(w) = &field.words {
        let c = wordcount::count(s);
        let n = c.words as u32;
        let wclause = clause_of(w.clause.as_ref(), field, form_title);
        let counts =
            [("count", n.to_string()), ("han", c.han.to_string()), ("chars", c.chars_no_spaces.to_string())];
        if let Some(max) = w.max.filter(|m| n > *m) {
            let mut a = counts.to_vec();
            a.push(("max", max.to_string()));
            a.push(("over", (n - max).to_string()));
            sink.push(Severity::Error, "field-words-max", &wclause, Some(field), None, &a);
        }
        if let Some(min) = w.min.filter(|m| n < *m) {
            let mut a = counts.to_vec();
            a.push(("min", min.to_string()));
            sink.push(Severity::Error, "field-words-min", &wclause, Some(field), None, &a);
        }
        if let Some(t) = w.target {
            let tol = w.tolerance.unwrap_or(t / 10);
            if n + tol < t || n > t + tol {
                let mut a = counts.to_vec();
                a.push(("target", t.to_string()));
                a.push(("low", t.saturating_sub(tol).to_string()));
                a.push(("high", (t + tol).to_string()));
                sink.push(Severity::Warning, "field-words-target", &wclause, Some(field), None, &a);
            }
        }
    }
    if let Some(fb) = &field.forbidden {
        if fb.values.iter().any(|f| f == value) {
            let c = clause_of(fb.clause.as_ref(), field, form_title);
            sink.push(
                Severity::Error,
                "field-forbidden",
                &c,
                Some(field),
                None,
                &[("value", shown()), ("hint", fb.hint.clone())],
            );
        }
    }
    if let Some(p) = &field.pattern {
        if let Ok(r) = Regex::new(&format!("^(?:{})$", p.regex)) {
            if !r.is_match(value) {
                let c = clause_of(p.clause.as_ref(), field, form_title);
                sink.push(
                    Severity::Error,
                    "field-pattern",
                    &c,
                    Some(field),
                    None,
                    &[("value", shown()), ("hint", p.hint.clone())],
                );
            }
        }
    }
    if let Some(mc) = &field.must_contain {
        if !mc.any.iter().any(|w| value.contains(w.as_str())) {
            let c = clause_of(mc.clause.as_ref(), field, form_title);
            sink.push(
                Severity::Error,
                "field-must-contain",
                &c,
                Some(field),
                None,
                &[("hint", mc.hint.clone())],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(is_mobile("13904771234") && is_mobile("139 0477 1234") && is_mobile("+8613904771234"));
        assert!(!is_mobile("1390477123") && !is_mobile("23904771234"));
        assert!(
            is_phone("0477-8581185")
                && is_phone("010-62111471")
                && is_phone("（0477）8581185")
                && is_phone("0477-8581185-201")
        );
        assert!(!is_phone("8581185") && !is_phone("13904771234"));
        assert!(
            is_email("wang.haitao@example.com")
                && !is_email("wang@example")
                && !is_email("wang＠example.com")
        );
        assert!(is_postcode("017200") && !is_postcode("01720") && !is_postcode("0172OO"));
    }
}

//! Structural checks of a packet against its profile, each problem with its JSON path.

use std::collections::{BTreeMap, HashSet};

use serde_json::Value;

use super::{FileRef, Packet};
use crate::error::Problem;
use crate::profile::{FieldKind, Form, Profile, SlotKind};

pub(super) fn validate(packet: &Packet, profile: &Profile) -> Vec<Problem> {
    let mut out = Vec::new();
    fields(&packet.unit, &profile.unit_form, "$.unit", &mut out);
    let mut ids = HashSet::new();
    for (i, c) in packet.candidates.iter().enumerate() {
        let at = format!("$.candidates[{i}]");
        if c.id.trim().is_empty()
            || c.id.len() > 64
            || c.id.chars().any(|ch| ch.is_control() || ch == '/' || ch == '\\')
        {
            out.push(Problem::new("packet-bad-candidate-id", format!("{at}.id")).arg("value", &c.id));
        }
        if !ids.insert(c.id.as_str()) {
            out.push(Problem::new("packet-duplicate-candidate", format!("{at}.id")).arg("value", &c.id));
        }
        fields(&c.fields, &profile.candidate_form, &format!("{at}.fields"), &mut out);
        refs(&c.media, &format!("{at}.media"), &mut out, |slot| match profile.candidate_slot(slot) {
            None => Some("packet-unknown-slot"),
            Some(s) if matches!(s.kind, SlotKind::Document | SlotKind::Other) => {
                Some("packet-slot-not-media")
            }
            Some(_) => None,
        });
        refs(&c.documents, &format!("{at}.documents"), &mut out, |slot| match profile.candidate_slot(slot) {
            None => Some("packet-unknown-slot"),
            Some(s) if !matches!(s.kind, SlotKind::Document | SlotKind::Other) => {
                Some("packet-slot-not-document")
            }
            Some(_) => None,
        });
    }
    refs(&packet.documents, "$.documents", &mut out, |slot| match profile.unit_slot(slot) {
        None => Some("packet-unknown-slot"),
        Some(_) => None,
    });
    out
}

fn refs(
    list: &[FileRef],
    at: &str,
    out: &mut Vec<Problem>,
    slot_problem: impl Fn(&str) -> Option<&'static str>,
) {
    for (i, r) in list.iter().enumerate() {
        let rat = format!("{at}[{i}]");
        if let Some(code) = slot_problem(&r.slot) {
            out.push(Problem::new(code, format!("{rat}.slot")).arg("value", &r.slot));
        }
        if let Some(reason) = bad_path(&r.path) {
            out.push(
                Problem::new("packet-bad-path", format!("{rat}.path"))
                    .arg("value", &r.path)
                    .arg("reason", reason),
            );
        }
    }
}

/// Why a packet path is unusable, if it is: paths are relative, non-empty, `/`-separated.
pub(crate) fn bad_path(path: &str) -> Option<&'static str> {
    if path.trim().is_empty() {
        Some("empty")
    } else if path.starts_with('/') || path.starts_with('\\') || path.as_bytes().get(1) == Some(&b':') {
        Some("absolute")
    } else if path.contains('\\') {
        Some("backslash")
    } else if path.chars().any(char::is_control) {
        Some("control")
    } else if path.len() > 1024 {
        Some("long")
    } else {
        None
    }
}

fn fields(values: &BTreeMap<String, Value>, form: &Form, at: &str, out: &mut Vec<Problem>) {
    for (id, value) in values {
        let fat = format!("{at}.{id}");
        let Some(field) = form.fields.iter().find(|f| &f.id == id) else {
            out.push(Problem::new("packet-unknown-field", fat).arg("value", id));
            continue;
        };
        let ok = match field.kind {
            FieldKind::MultiChoice => value.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
            FieldKind::History => value.as_array().is_some_and(|rows| {
                rows.iter().enumerate().all(|(r, row)| {
                    let Some(obj) = row.as_object() else {
                        return false;
                    };
                    for (k, v) in obj {
                        if !field.columns.iter().any(|c| &c.id == k) {
                            out.push(
                                Problem::new("packet-unknown-field", format!("{fat}[{r}].{k}"))
                                    .arg("value", k),
                            );
                        } else if !v.is_string() {
                            out.push(
                                Problem::new("packet-wrong-type", format!("{fat}[{r}].{k}"))
                                    .arg("expected", "string"),
                            );
                        }
                    }
                    true
                })
            }),
            FieldKind::Photo => false,
            _ => value.is_string(),
        };
        if !ok {
            let expected = match field.kind {
                FieldKind::MultiChoice => "strings",
                FieldKind::History => "rows",
                FieldKind::Photo => "none",
                _ => "string",
            };
            out.push(Problem::new("packet-wrong-type", fat).arg("expected", expected));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::bad_path;

    #[test]
    fn paths() {
        assert_eq!(bad_path("media/张三1.jpg"), None);
        assert_eq!(bad_path("../photos/a.jpg"), None);
        assert_eq!(bad_path("/etc/passwd"), Some("absolute"));
        assert_eq!(bad_path("C:/x.jpg"), Some("absolute"));
        assert_eq!(bad_path("a\\b.jpg"), Some("backslash"));
        assert_eq!(bad_path(""), Some("empty"));
    }
}

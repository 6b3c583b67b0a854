//! Semantic checks of a profile that the types alone cannot express: unique ids, references between
//! parts, limits in order, patterns that compile. Every problem names the key it concerns.

use std::collections::HashSet;

use super::lists::standard_list;
use super::model::*;
use crate::error::Problem;

/// Date layouts a profile may ask for (`format`), for dates and year-months.
pub(crate) const DATE_FORMATS: &[&str] = &["YYYY年MM月DD日", "YYYY-MM-DD", "YYYY.MM.DD"];
/// Year-month layouts.
pub(crate) const YEAR_MONTH_FORMATS: &[&str] = &["YYYY年MM月", "YYYY.MM", "YYYY-MM"];
/// Placeholders of a naming rule.
pub(crate) const NAMING_PLACEHOLDERS: &[&str] = &["姓名", "单位", "序号", "材料"];

pub(crate) fn validate(p: &Profile) -> Vec<Problem> {
    let mut out = Vec::new();
    for (at, c) in super::notice::clauses(p) {
        out.extend(super::notice::clause_shape(&c, &at));
    }
    if p.format != PROFILE_FORMAT {
        out.push(Problem::new("profile-format", "format").arg("value", &p.format));
    }
    if !is_id(&p.id) {
        out.push(Problem::new("profile-bad-id", "id").arg("value", &p.id));
    }
    for (what, s) in [("title", &p.title), ("short_title", &p.short_title), ("organiser", &p.organiser)] {
        if s.trim().is_empty() {
            out.push(Problem::new("profile-empty", what));
        }
    }
    if let Some(d) = &p.deadline {
        if time::Date::parse(&d.date, time::macros::format_description!("[year]-[month]-[day]")).is_err() {
            out.push(Problem::new("profile-bad-date", "deadline.date").arg("value", &d.date));
        }
    }
    if let Some(max) = p.quota.max {
        if p.quota.min > max {
            out.push(order("quota", p.quota.min, max));
        }
    }
    form(&p.candidate_form, "candidate_form", &mut out);
    form(&p.unit_form, "unit_form", &mut out);
    for f in p.candidate_form.fields.iter().filter(|f| f.kind == FieldKind::Photo) {
        if let Some(slot) = &f.slot {
            if p.candidate_slot(slot).is_none() {
                let at = format!("candidate_form.fields[{}].slot", index_of(&p.candidate_form, &f.id));
                out.push(Problem::new("profile-unknown-slot", at).arg("value", slot));
            }
        }
    }
    if let Some(s) = &p.summary {
        for (i, h) in s.header_fields.iter().enumerate() {
            if p.unit_field(h).is_none() {
                let at = format!("summary.header_fields[{i}]");
                out.push(Problem::new("profile-unknown-field", at).arg("value", h));
            }
        }
        for (i, c) in s.columns.iter().enumerate() {
            for r in template_refs(&c.value) {
                if r != "#" && p.candidate_field(&r).is_none() {
                    let at = format!("summary.columns[{i}].value");
                    out.push(Problem::new("profile-unknown-field", at).arg("value", r));
                }
            }
        }
    }
    let mut slot_ids = HashSet::new();
    for (list, slots) in [("candidate_slots", &p.candidate_slots), ("unit_slots", &p.unit_slots)] {
        for (i, s) in slots.iter().enumerate() {
            let at = format!("{list}[{i}]");
            if !slot_ids.insert(s.id.as_str()) {
                out.push(Problem::new("profile-duplicate-id", format!("{at}.id")).arg("value", &s.id));
            }
            slot(s, &at, &mut out);
        }
    }
    for (i, a) in p.alternatives.iter().enumerate() {
        let at = format!("alternatives[{i}]");
        if a.any_of.is_empty() {
            out.push(Problem::new("profile-missing-key", format!("{at}.any_of")));
        }
        let refs = a
            .when
            .iter()
            .map(|w| (format!("{at}.when"), w))
            .chain(a.any_of.iter().enumerate().map(|(j, r)| (format!("{at}.any_of[{j}]"), r)));
        for (key, r) in refs {
            let known = match r.split_once(':') {
                Some(("field", id)) => p.candidate_field(id).is_some(),
                Some(("slot", id)) => p.candidate_slot(id).is_some(),
                _ => false,
            };
            if !known {
                out.push(Problem::new("profile-unknown-field", key).arg("value", r));
            }
        }
    }
    let mut ids = HashSet::new();
    for (i, d) in p.deliverables.iter().enumerate() {
        let at = format!("deliverables[{i}]");
        if !ids.insert(d.id.as_str()) {
            out.push(Problem::new("profile-duplicate-id", format!("{at}.id")).arg("value", &d.id));
        }
        if d.source == DeliverableSource::Slot
            && p.candidate_slot(&d.id).is_none()
            && p.unit_slot(&d.id).is_none()
        {
            out.push(Problem::new("profile-unknown-slot", format!("{at}.id")).arg("value", &d.id));
        }
        if d.source == DeliverableSource::SummaryTable && p.summary.is_none() {
            out.push(Problem::new("profile-no-summary", format!("{at}.source")));
        }
        if let Some(f) = &d.field {
            if p.candidate_field(f).is_none() {
                out.push(Problem::new("profile-unknown-field", format!("{at}.field")).arg("value", f));
            }
        }
        if d.blank_copies > d.paper_copies {
            out.push(order(&format!("{at}.blank_copies"), d.blank_copies, d.paper_copies));
        }
    }
    let mut ids = HashSet::new();
    for (i, d) in p.declarations.iter().enumerate() {
        if !ids.insert(d.id.as_str()) {
            let at = format!("declarations[{i}].id");
            out.push(Problem::new("profile-duplicate-id", at).arg("value", &d.id));
        }
    }
    out
}

fn index_of(form: &Form, id: &str) -> usize {
    form.fields.iter().position(|f| f.id == id).unwrap_or(0)
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn order(at: &str, min: impl ToString, max: impl ToString) -> Problem {
    Problem::new("profile-limit-order", at).arg("min", min.to_string()).arg("max", max.to_string())
}

/// `{a}，{b}` → `["a", "b"]`.
pub(crate) fn template_refs(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.push(rest[start + 1..start + len].to_string());
        rest = &rest[start + len + 1..];
    }
    out
}

fn form(f: &Form, at: &str, out: &mut Vec<Problem>) {
    let mut ids = HashSet::new();
    for (i, field) in f.fields.iter().enumerate() {
        let fat = format!("{at}.fields[{i}]");
        if !ids.insert(field.id.as_str()) {
            out.push(Problem::new("profile-duplicate-id", format!("{fat}.id")).arg("value", &field.id));
        }
        if !is_id(&field.id) {
            out.push(Problem::new("profile-bad-id", format!("{fat}.id")).arg("value", &field.id));
        }
        if field.label.trim().is_empty() {
            out.push(Problem::new("profile-empty", format!("{fat}.label")));
        }
        field_rules(field, &fat, f, out);
    }
    if let Some(layout) = &f.layout {
        let known = |id: &str| f.fields.iter().any(|x| x.id == id);
        for (r, row) in layout.rows.iter().enumerate() {
            for (c, id) in row.iter().enumerate() {
                if !known(id) {
                    out.push(
                        Problem::new("profile-unknown-field", format!("{at}.layout.rows[{r}][{c}]"))
                            .arg("value", id),
                    );
                }
            }
        }
        if let Some(p) = &layout.photo {
            if !known(&p.field) {
                out.push(
                    Problem::new("profile-unknown-field", format!("{at}.layout.photo.field"))
                        .arg("value", &p.field),
                );
            }
        }
        if let Some(v) = &layout.blank_variant {
            for (i, id) in v.fields.iter().enumerate() {
                if !known(id) {
                    out.push(
                        Problem::new(
                            "profile-unknown-field",
                            format!("{at}.layout.blank_variant.fields[{i}]"),
                        )
                        .arg("value", id),
                    );
                }
            }
        }
        if let Some(cover) = &layout.cover {
            for (i, e) in cover.entries.iter().enumerate() {
                if let Some(id) = &e.field {
                    if !known(id) {
                        out.push(
                            Problem::new(
                                "profile-unknown-field",
                                format!("{at}.layout.cover.entries[{i}].field"),
                            )
                            .arg("value", id),
                        );
                    }
                }
            }
        }
    }
    if !f.fields.iter().any(|x| x.id == f.name_field) {
        out.push(
            Problem::new("profile-unknown-field", format!("{at}.name_field")).arg("value", &f.name_field),
        );
    }
}

fn field_rules(field: &Field, fat: &str, form: &Form, out: &mut Vec<Problem>) {
    let k = field.kind;
    let is_choice = matches!(k, FieldKind::Choice | FieldKind::MultiChoice);
    if is_choice && field.choices.is_empty() && field.choice_list.is_none() {
        out.push(Problem::new("profile-no-choices", format!("{fat}.choices")));
    }
    if !is_choice && (!field.choices.is_empty() || field.choice_list.is_some()) {
        out.push(misplaced(fat, "choices", k));
    }
    if let Some(list) = &field.choice_list {
        if standard_list(list).is_none() {
            out.push(Problem::new("profile-unknown-list", format!("{fat}.choice_list")).arg("value", list));
        }
    }
    if let Some(sel) = field.select {
        if k != FieldKind::MultiChoice {
            out.push(misplaced(fat, "select", k));
        }
        if let Some(max) = sel.max {
            if sel.min > max {
                out.push(order(&format!("{fat}.select"), sel.min, max));
            }
        }
    }
    if let Some(w) = &field.words {
        if !matches!(k, FieldKind::Text | FieldKind::LongText) {
            out.push(misplaced(fat, "words", k));
        }
        if let (Some(min), Some(max)) = (w.min, w.max) {
            if min > max {
                out.push(order(&format!("{fat}.words"), min, max));
            }
        }
        if w.tolerance.is_some() && w.target.is_none() {
            out.push(Problem::new("profile-missing-key", format!("{fat}.words.target")));
        }
        if w.max.is_none() && w.min.is_none() && w.target.is_none() {
            out.push(Problem::new("profile-empty", format!("{fat}.words")));
        }
    }
    if let Some(p) = &field.pattern {
        if let Err(e) = regex::Regex::new(&p.regex) {
            out.push(
                Problem::new("profile-bad-pattern", format!("{fat}.pattern.regex"))
                    .arg("value", &p.regex)
                    .arg("detail", e.to_string()),
            );
        }
    }
    if let Some(fmt) = &field.format {
        let ok = match k {
            FieldKind::Date => DATE_FORMATS.contains(&fmt.as_str()),
            FieldKind::YearMonth => YEAR_MONTH_FORMATS.contains(&fmt.as_str()),
            _ => false,
        };
        if !ok {
            out.push(Problem::new("profile-bad-format", format!("{fat}.format")).arg("value", fmt));
        }
    }
    if k == FieldKind::History {
        if field.columns.is_empty() {
            out.push(Problem::new("profile-missing-key", format!("{fat}.columns")));
        }
        let mut ids = HashSet::new();
        for (j, c) in field.columns.iter().enumerate() {
            let cat = format!("{fat}.columns[{j}]");
            if !ids.insert(c.id.as_str()) {
                out.push(Problem::new("profile-duplicate-id", format!("{cat}.id")).arg("value", &c.id));
            }
            if !matches!(c.kind, FieldKind::Text | FieldKind::YearMonth | FieldKind::Date) {
                out.push(
                    Problem::new("profile-unknown-value", format!("{cat}.kind"))
                        .arg("value", c.kind.as_str()),
                );
            }
        }
        if let Some(r) = field.rows {
            if let Some(max) = r.max {
                if r.min > max {
                    out.push(order(&format!("{fat}.rows"), r.min, max));
                }
            }
        }
        if let Some(sa) = &field.starts_after {
            let ok = form
                .fields
                .iter()
                .any(|f| f.id == sa.field && matches!(f.kind, FieldKind::Date | FieldKind::YearMonth));
            if !ok {
                out.push(
                    Problem::new("profile-unknown-field", format!("{fat}.starts_after.field"))
                        .arg("value", &sa.field),
                );
            }
        }
    } else {
        if !field.columns.is_empty() {
            out.push(misplaced(fat, "columns", k));
        }
        if field.rows.is_some() {
            out.push(misplaced(fat, "rows", k));
        }
        if field.starts_after.is_some() {
            out.push(misplaced(fat, "starts_after", k));
        }
    }
    if let Some(w) = &field.required_when {
        if !form.fields.iter().any(|f| f.id == w.field) {
            let at = format!("{fat}.required_when.field");
            out.push(Problem::new("profile-unknown-field", at).arg("value", &w.field));
        }
    }
    if k == FieldKind::Photo && field.slot.is_none() {
        out.push(Problem::new("profile-missing-key", format!("{fat}.slot")));
    }
    if k != FieldKind::Photo && field.slot.is_some() {
        out.push(misplaced(fat, "slot", k));
    }
}

fn misplaced(at: &str, key: &str, kind: impl std::fmt::Debug) -> Problem {
    Problem::new("profile-misplaced-rule", format!("{at}.{key}")).arg("value", format!("{kind:?}"))
}

fn slot(s: &Slot, at: &str, out: &mut Vec<Problem>) {
    if !is_id(&s.id) {
        out.push(Problem::new("profile-bad-id", format!("{at}.id")).arg("value", &s.id));
    }
    if s.formats.is_empty() != (s.kind == SlotKind::Other) {
        // Every kind names its formats, except `other`, which takes any file.
        let code = if s.formats.is_empty() { "profile-missing-key" } else { "profile-format-mismatch" };
        out.push(Problem::new(code, format!("{at}.formats")).arg("value", ""));
    }
    for (i, f) in s.formats.iter().enumerate() {
        if !f.fits(s.kind) {
            out.push(
                Problem::new("profile-format-mismatch", format!("{at}.formats[{i}]"))
                    .arg("value", f.extension()),
            );
        }
    }
    if let Some(max) = s.count.max {
        if s.count.min > max {
            out.push(order(&format!("{at}.count"), s.count.min, max));
        }
        if max == 0 {
            out.push(order(&format!("{at}.count.max"), 1, 0));
        }
    }
    if let (Some(min), Some(max)) = (s.min_bytes, s.max_bytes) {
        if min > max {
            out.push(order(&format!("{at}.min_bytes"), min, max));
        }
    }
    if s.id_photo.is_some() && s.kind != SlotKind::Photo {
        out.push(misplaced(at, "id_photo", s.kind));
    }
    if let Some(size) = s.id_photo.as_ref().and_then(|i| i.size.as_ref()) {
        for (key, v) in [("width_mm", size.width_mm), ("height_mm", size.height_mm)] {
            if !(v.is_finite() && v > 0.0 && v < 1000.0) {
                let at = format!("{at}.id_photo.size.{key}");
                out.push(Problem::new("profile-negative-limit", at).arg("value", v));
            }
        }
        if !(size.ratio_tolerance.is_finite() && (0.0..0.5).contains(&size.ratio_tolerance)) {
            let at = format!("{at}.id_photo.size.ratio_tolerance");
            out.push(Problem::new("profile-negative-limit", at).arg("value", size.ratio_tolerance));
        }
    }
    if (s.min_pixels.is_some() || s.min_dpi.is_some()) && s.kind != SlotKind::Photo {
        out.push(misplaced(at, "min_pixels", s.kind));
    }
    if let Some(v) = &s.video {
        if s.kind != SlotKind::Video {
            out.push(misplaced(at, "video", s.kind));
        }
        if let (Some(min), Some(max)) = (v.min_seconds, v.max_seconds) {
            if min > max {
                out.push(order(&format!("{at}.video.min_seconds"), min, max));
            }
        }
    }
    if s.pages.is_some() && s.kind != SlotKind::Document {
        out.push(misplaced(at, "pages", s.kind));
    }
    if let Some(n) = &s.naming {
        for r in template_refs(n) {
            if !NAMING_PLACEHOLDERS.contains(&r.as_str()) {
                out.push(Problem::new("profile-bad-naming", format!("{at}.naming")).arg("value", r));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_refs_finds_braces() {
        assert_eq!(template_refs("{a}，{b}x{#}"), vec!["a", "b", "#"]);
        assert!(template_refs("plain").is_empty());
    }

    #[test]
    fn ids() {
        assert!(is_id("ordos-2021-zuimei"));
        assert!(is_id("id_photo"));
        assert!(!is_id("Ordos"));
        assert!(!is_id(""));
        assert!(!is_id("-x"));
    }
}

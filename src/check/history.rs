//! 学习工作经历: rows complete, dates readable and in the form's layout, chronological, not
//! overlapping, starting after graduation, only the last row open-ended (至今).

use std::collections::BTreeMap;

use serde_json::Value;

use super::dates::{judge, parse_kind, Written, Ymd};
use super::{clause_of, Severity, Sink};
use crate::profile::{Clause, Field, FieldKind, Form};

pub(super) fn check(
    field: &Field,
    rows: &[Value],
    values: &BTreeMap<String, Value>,
    form: &Form,
    clause: &Clause,
    sink: &mut Sink<'_>,
) {
    if let Some(r) = field.rows {
        let n = rows.len() as u32;
        if n < r.min {
            sink.push(
                Severity::Error,
                "history-rows-min",
                clause,
                Some(field),
                None,
                &[("min", r.min.to_string()), ("count", n.to_string())],
            );
        }
        if let Some(max) = r.max.filter(|m| n > *m) {
            sink.push(
                Severity::Error,
                "history-rows-max",
                clause,
                Some(field),
                None,
                &[("max", max.to_string()), ("count", n.to_string())],
            );
        }
    }
    let from_col = field.columns.iter().find(|c| c.id == "from");
    let to_col = field.columns.iter().find(|c| c.id == "to");
    let mut spans: Vec<(usize, Ymd, Option<Ymd>)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let row_no = (i + 1).to_string();
        let cell = |id: &str| row.get(id).and_then(Value::as_str).map(str::trim).unwrap_or("");
        for col in &field.columns {
            let v = cell(&col.id);
            if v.is_empty() {
                if col.required {
                    sink.push(
                        Severity::Error,
                        "history-cell-missing",
                        clause,
                        Some(field),
                        None,
                        &[("row", row_no.clone()), ("column", crate::profile::plain_label(&col.label))],
                    );
                }
                continue;
            }
            if col.kind == FieldKind::Text {
                continue;
            }
            if col.open_end.iter().any(|o| o == v) {
                if i + 1 != rows.len() {
                    sink.push(
                        Severity::Error,
                        "history-open-end",
                        clause,
                        Some(field),
                        None,
                        &[("row", row_no.clone()), ("value", v.to_string())],
                    );
                }
                continue;
            }
            let layout = col.date_layout();
            match judge(col.kind, v, layout) {
                Written::Right(_) => {}
                Written::Unreadable(example) => {
                    let args = [("row", row_no.clone()), ("value", v.to_string()), ("example", example)];
                    sink.push(Severity::Error, "history-date", clause, Some(field), None, &args);
                }
                Written::Reformat(_, suggestion) => {
                    let args =
                        [("row", row_no.clone()), ("value", v.to_string()), ("suggestion", suggestion)];
                    sink.push(Severity::Error, "history-date-format", clause, Some(field), None, &args);
                }
            }
        }
        let from = from_col.and_then(|c| parse_kind(c.kind, cell("from")));
        let to = to_col.and_then(|c| parse_kind(c.kind, cell("to")));
        if let Some(from) = from {
            if let Some(to) = to {
                if to < from {
                    sink.push(
                        Severity::Error,
                        "history-end-before-start",
                        clause,
                        Some(field),
                        None,
                        &[
                            ("row", row_no.clone()),
                            ("from", cell("from").to_string()),
                            ("to", cell("to").to_string()),
                        ],
                    );
                }
            }
            spans.push((i, from, to));
        }
    }
    for pair in spans.windows(2) {
        let (i, a_from, a_to) = pair[0];
        let (j, b_from, _) = pair[1];
        if b_from < a_from {
            sink.push(
                Severity::Error,
                "history-order",
                clause,
                Some(field),
                None,
                &[("row", (j + 1).to_string()), ("previous", (i + 1).to_string())],
            );
        } else if let Some(a_to) = a_to {
            // A new post that starts in the month the last one ended is a change-over, not an overlap.
            if b_from.months() < a_to.months() {
                sink.push(
                    Severity::Error,
                    "history-overlap",
                    clause,
                    Some(field),
                    None,
                    &[("row", (j + 1).to_string()), ("previous", (i + 1).to_string())],
                );
            }
        }
    }
    if let (Some(sa), Some((_, first, _))) = (&field.starts_after, spans.first()) {
        let base = form
            .fields
            .iter()
            .find(|f| f.id == sa.field)
            .and_then(|f| parse_kind(f.kind, values.get(&f.id).and_then(Value::as_str)?));
        if let Some(base) = base {
            if first.months() < base.months() + 12 * sa.years as i32 {
                let c = clause_of(sa.clause.as_ref(), field, &form.title);
                let earliest =
                    Ymd { year: base.year + sa.years as i32, month: base.month, day: 0 }.format("YYYY年MM月");
                sink.push(
                    Severity::Error,
                    "history-before-graduation",
                    &c,
                    Some(field),
                    None,
                    &[("earliest", earliest), ("years", sa.years.to_string())],
                );
            }
        }
    }
}

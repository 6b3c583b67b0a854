//! Rules on the packet as a whole: quota, deadline, the same person twice.

use super::{Options, Severity, Sink};
use crate::packet::{text, LoadedPacket};

pub(super) fn check(loaded: &LoadedPacket, sink: &mut Sink<'_>, opts: Options) {
    let profile = sink.profile;
    let packet = &loaded.packet;
    let n = packet.candidates.len() as u32;
    let q = &profile.quota;
    if n < q.min {
        sink.push(
            Severity::Error,
            "quota-min",
            q.min_clause.as_ref().unwrap_or(&q.clause),
            None,
            None,
            &[("min", q.min.to_string()), ("count", n.to_string())],
        );
    }
    if let Some(max) = q.max.filter(|m| n > *m) {
        sink.push(
            Severity::Error,
            "quota-max",
            &q.clause,
            None,
            None,
            &[("max", max.to_string()), ("count", n.to_string())],
        );
    }

    if let Some(d) = &profile.deadline {
        let fmt = time::macros::format_description!("[year]-[month]-[day]");
        if let Ok(date) = time::Date::parse(&d.date, fmt) {
            // “6月2日前”: the 2nd is already late; otherwise the whole day counts.
            let last_day = if d.before { date.previous_day().unwrap_or(date) } else { date };
            let shown = format!(
                "{}年{}月{}日{}",
                date.year(),
                date.month() as u8,
                date.day(),
                if d.before { "前" } else { "" }
            );
            let left = (last_day - opts.today).whole_days();
            if left < 0 {
                let (sev, code) = if d.strict {
                    (Severity::Error, "deadline-passed-strict")
                } else {
                    (Severity::Warning, "deadline-passed")
                };
                sink.push(
                    sev,
                    code,
                    &d.clause,
                    None,
                    None,
                    &[("deadline", shown), ("days", (-left).to_string())],
                );
            } else if left < d.warn_days as i64 {
                sink.push(
                    Severity::Warning,
                    "deadline-near",
                    &d.clause,
                    None,
                    None,
                    &[("deadline", shown), ("days", (left + 1).to_string())],
                );
            }
        }
    }

    // The same person twice: same name and the same birth date, mobile or e-mail.
    let name_field = &profile.candidate_form.name_field;
    let key = |c: &crate::packet::Candidate, id: &str| {
        text(&c.fields, id).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
    };
    for (i, a) in packet.candidates.iter().enumerate() {
        for (j, b) in packet.candidates.iter().enumerate().skip(i + 1) {
            let (Some(na), Some(nb)) = (key(a, name_field), key(b, name_field)) else { continue };
            if na != nb {
                continue;
            }
            let same_detail =
                ["birth", "mobile", "email"].iter().any(|f| key(a, f).is_some() && key(a, f) == key(b, f));
            let (sev, code) = if same_detail {
                (Severity::Error, "duplicate-candidate")
            } else {
                (Severity::Warning, "duplicate-name")
            };
            sink.about(Some((&b.id, &nb, j + 1)));
            sink.push(
                sev,
                code,
                &q.clause,
                None,
                None,
                &[("name", na.clone()), ("first", (i + 1).to_string()), ("second", (j + 1).to_string())],
            );
            sink.about(None);
        }
    }
}

//! Printing for the CLI: tables and summaries, in the user's language.

use std::process::ExitCode;

use jianbao::i18n::Localizer;
use jianbao::profile::{Clause, Count, Field, Profile, Registry, Slot};
use jianbao::store::UnitSummary;
use jianbao::Error;

/// A message with named arguments.
pub fn msg(l: &Localizer, id: &str, args: &[(&'static str, String)]) -> String {
    l.text(id, &args.iter().cloned().collect())
}

pub fn profiles(reg: &Registry, json: bool, l: &Localizer) -> Result<ExitCode, Error> {
    if json {
        let list: Vec<_> = reg
            .all()
            .iter()
            .map(|p| {
                serde_json::json!({
                    "id": p.id, "title": p.title, "organiser": p.organiser, "year": p.year,
                    "deadline": p.deadline.as_ref().map(|d| &d.date),
                    "quota": { "min": p.quota.min, "max": p.quota.max },
                })
            })
            .collect();
        say!("{}", serde_json::to_string_pretty(&list).expect("serialises"));
        return Ok(ExitCode::SUCCESS);
    }
    for p in reg.all() {
        let deadline =
            p.deadline.as_ref().map(|d| d.date.clone()).unwrap_or_else(|| l.plain("show-no-deadline"));
        say!("{:<28} {}", p.id, p.title);
        say!(
            "{:<28} {}",
            "",
            msg(
                l,
                "show-profile-line",
                &[("organiser", p.organiser.clone()), ("deadline", deadline), ("quota", quota(l, p))]
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A rule's authority as `profile show` prints it: `[通知] 三（四）：“……”`, `[建议] …`.
fn cite(l: &Localizer, c: &Clause) -> String {
    format!("[{}] {}", l.plain(c.authority().message_id()), c.cite())
}

fn quota(l: &Localizer, p: &Profile) -> String {
    count(l, Count { min: p.quota.min, max: p.quota.max })
}

fn count(l: &Localizer, c: Count) -> String {
    match c.max {
        Some(max) if max == c.min => max.to_string(),
        Some(max) => format!("{}–{}", c.min, max),
        None if c.min == 0 => l.plain("show-any-number"),
        None => msg(l, "show-at-least", &[("n", c.min.to_string())]),
    }
}

pub fn profile(p: &Profile, json: bool, l: &Localizer) -> Result<ExitCode, Error> {
    if json {
        say!("{}", serde_json::to_string_pretty(p).expect("serialises"));
        return Ok(ExitCode::SUCCESS);
    }
    say!("{}  {}", p.id, p.title);
    say!("{}: {}", l.plain("show-organiser"), p.organiser);
    say!(
        "{}: {}{}",
        l.plain("show-notice"),
        p.notice.title,
        p.notice.number.as_deref().map(|n| format!("（{n}）")).unwrap_or_default()
    );
    say!("{}: {}", l.plain("show-form"), p.form_source.form);
    if let Some(b) = &p.form_source.borrowed_from {
        say!("  {}: {b}", l.plain("show-borrowed"));
    }
    match &p.deadline {
        Some(d) => {
            let strict = if d.strict { l.plain("show-strict") } else { String::new() };
            say!("{}: {}{} — {}", l.plain("show-deadline"), d.date, strict, cite(l, &d.clause));
        }
        None => say!("{}: {}", l.plain("show-deadline"), l.plain("show-no-deadline")),
    }
    say!("{}: {} — {}", l.plain("show-quota"), quota(l, p), cite(l, &p.quota.clause));
    say!(
        "{}: {} {} — {}",
        l.plain("show-delivery"),
        p.delivery.recipient,
        p.delivery.emails.join(", "),
        cite(l, &p.delivery.clause)
    );
    for (title, form) in
        [(l.plain("show-candidate-form"), &p.candidate_form), (l.plain("show-unit-form"), &p.unit_form)]
    {
        say!("\n{title}（{}）", form.title);
        for f in &form.fields {
            say!("  {}", field(l, f));
        }
    }
    if let Some(s) = &p.summary {
        let cols: Vec<_> = s.columns.iter().map(|c| jianbao::profile::plain_label(&c.label)).collect();
        say!("\n{}（{}）: {}", l.plain("show-summary"), s.title, cols.join(" | "));
    }
    for (title, slots) in
        [(l.plain("show-candidate-slots"), &p.candidate_slots), (l.plain("show-unit-slots"), &p.unit_slots)]
    {
        if slots.is_empty() {
            continue;
        }
        say!("\n{title}");
        for s in slots {
            say!("  {}", slot(l, s));
        }
    }
    if !p.deliverables.is_empty() {
        say!("\n{}", l.plain("show-deliverables"));
        for d in &p.deliverables {
            let formats: Vec<String> = d
                .formats
                .iter()
                .map(|f| match f {
                    jianbao::profile::MediaFormat::Pdf if d.scan_after_seal => l.plain("show-pdf-scan"),
                    f => f.extension().to_string(),
                })
                .collect();
            say!("  {} [{}] {} · {} — {}", d.label, d.id, formats.join("+"), paper(l, d), cite(l, &d.clause));
        }
    }
    if !p.declarations.is_empty() {
        say!("\n{}", l.plain("show-declarations"));
        for d in &p.declarations {
            say!("  □ {} — {}", d.text, cite(l, &d.clause));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn paper(l: &Localizer, d: &jianbao::profile::Deliverable) -> String {
    match (d.paper_copies, d.blank_copies) {
        (0, _) => l.plain("show-no-paper"),
        (n, 0) => msg(l, "show-paper", &[("n", n.to_string())]),
        (n, b) => msg(l, "show-paper-blank", &[("n", n.to_string()), ("blank", b.to_string())]),
    }
}

fn field(l: &Localizer, f: &Field) -> String {
    let mut parts = vec![format!("{} [{}] {}", f.plain_label(), f.id, l.plain(f.kind.message_id()))];
    if f.required {
        let advised = f.clause.as_ref().is_some_and(|c| c.authority() == jianbao::profile::Authority::Advice);
        parts.push(l.plain(if advised { "show-advised" } else { "show-required" }));
    }
    if let Some(w) = &f.words {
        if let Some(max) = w.max {
            parts.push(msg(l, "show-words-max", &[("n", max.to_string())]));
        }
        if let Some(min) = w.min {
            parts.push(msg(l, "show-words-min", &[("n", min.to_string())]));
        }
        if let Some(t) = w.target {
            parts.push(msg(
                l,
                "show-words-target",
                &[("n", t.to_string()), ("tol", w.tolerance.unwrap_or(0).to_string())],
            ));
        }
    }
    if let Some(fmt) = &f.format {
        parts.push(fmt.clone());
    }
    if let Some(fb) = &f.forbidden {
        parts.push(msg(l, "show-forbidden", &[("values", fb.values.join("、"))]));
    }
    let allowed = f.allowed_values();
    if !allowed.is_empty() && allowed.len() <= 8 {
        parts.push(allowed.join("/"));
    }
    let mut s = parts.join(" · ");
    if let Some(c) = &f.clause {
        s.push_str(&format!(" — {}", cite(l, c)));
    }
    // A rule with an authority of its own (a limit we only advise) says so on its own line.
    let own = [
        f.words.as_ref().and_then(|w| w.clause.as_ref()),
        f.forbidden.as_ref().and_then(|w| w.clause.as_ref()),
        f.pattern.as_ref().and_then(|w| w.clause.as_ref()),
        f.must_contain.as_ref().and_then(|w| w.clause.as_ref()),
        f.starts_after.as_ref().and_then(|w| w.clause.as_ref()),
    ];
    for c in own.into_iter().flatten() {
        s.push_str(&format!("\n      {}", cite(l, c)));
    }
    s
}

fn slot(l: &Localizer, s: &Slot) -> String {
    let formats: Vec<_> = s.formats.iter().map(|f| f.extension()).collect();
    let n = match s.count {
        Count { min: 0, max: None } => l.plain("show-any-number"),
        c => msg(l, "show-files", &[("n", count(l, c))]),
    };
    let formats = if s.formats.is_empty() { l.plain("show-any-format") } else { formats.join("/") };
    let mut parts = vec![format!("{} [{}] {n}", s.label, s.id), formats];
    if let Some(b) = s.min_bytes {
        parts.push(format!("≥ {:.1} MB", b as f64 / 1048576.0));
    }
    if let Some(px) = s.min_pixels {
        parts.push(format!("≥ {}×{} px", px.width, px.height));
    }
    if let Some(d) = s.min_dpi {
        parts.push(format!("≥ {d} dpi"));
    }
    if let Some(id) = &s.id_photo {
        if let Some(size) = &id.size {
            parts.push(format!("{} {}×{} mm", size.name, size.width_mm, size.height_mm));
        }
        if let Some(bg) = id.background {
            parts.push(l.plain(bg.message_id()));
        }
    }
    if let Some(v) = &s.video {
        if let Some(max) = v.max_seconds {
            parts.push(format!("≤ {max} s"));
        }
        if let Some(min) = v.min_seconds {
            parts.push(format!("≥ {min} s"));
        }
        let res: Vec<_> = v.resolutions.iter().map(|p| format!("{}×{}", p.width, p.height)).collect();
        if !res.is_empty() {
            parts.push(res.join(" / "));
        }
        if let Some(m) = v.min_resolution {
            parts.push(format!("≥ {}×{}", m.width, m.height));
        }
    }
    if let Some(n) = &s.naming {
        parts.push(msg(l, "show-naming", &[("rule", n.clone())]));
    }
    let mut out = format!("{} — {}", parts.join(" · "), cite(l, &s.clause));
    let own = [
        s.min_pixels_clause.as_ref(),
        s.id_photo.as_ref().and_then(|i| i.clause.as_ref()),
        s.video.as_ref().and_then(|v| v.clause.as_ref()),
    ];
    for c in own.into_iter().flatten() {
        out.push_str(&format!("\n      {}", cite(l, c)));
    }
    out
}

pub fn units(units: &[UnitSummary], json: bool, l: &Localizer) -> Result<ExitCode, Error> {
    if json {
        say!("{}", serde_json::to_string_pretty(units).expect("serialises"));
        return Ok(ExitCode::SUCCESS);
    }
    if units.is_empty() {
        say!("{}", l.plain("cli-workspace-empty"));
    }
    for u in units {
        say!(
            "{:>4}  {}  {}  {}",
            u.id,
            u.name,
            u.profile,
            msg(l, "cli-unit-line", &[("count", u.candidates.to_string()), ("at", u.updated_at.clone())])
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn report(r: &jianbao::check::Report, loaded: &jianbao::packet::LoadedPacket, json: bool, l: &Localizer) {
    if json {
        say!("{}", serde_json::to_string_pretty(&r.to_json(l)).expect("serialises"));
        return;
    }
    // Grouped: the unit first, then each candidate in packet order.
    let mut groups: Vec<(Option<&str>, String)> = vec![(None, l.plain("check-unit"))];
    for c in &loaded.packet.candidates {
        let name = r
            .findings
            .iter()
            .find(|f| f.candidate_id.as_deref() == Some(&c.id))
            .and_then(|f| f.candidate.clone());
        groups.push((Some(c.id.as_str()), name.unwrap_or_else(|| c.id.clone())));
    }
    for (id, title) in groups {
        let mine: Vec<_> = r.findings.iter().filter(|f| f.candidate_id.as_deref() == id).collect();
        if mine.is_empty() {
            continue;
        }
        say!("== {title}");
        for f in mine {
            let sev = l.plain(if f.severity == jianbao::check::Severity::Error {
                "severity-error"
            } else {
                "severity-warning"
            });
            say!("  [{sev}] {} [{}]", f.message(l), f.code);
            say!("      {} [{}] {}", l.plain("clause-label"), l.plain(f.authority.message_id()), f.clause);
        }
    }
    say!(
        "{}",
        msg(
            l,
            "check-summary",
            &[("errors", r.errors().to_string()), ("warnings", r.warnings().to_string())]
        )
    );
    say!("{}", l.plain(if r.errors() == 0 { "check-clean" } else { "check-has-errors" }));
}

pub fn inspections(all: &[(std::path::PathBuf, jianbao::media::Inspection)], json: bool, l: &Localizer) {
    if json {
        let v: Vec<_> = all
            .iter()
            .map(|(p, i)| {
                let mut o = serde_json::to_value(i).expect("serialises");
                o["path"] = serde_json::json!(p.display().to_string());
                o
            })
            .collect();
        say!("{}", serde_json::to_string_pretty(&v).expect("serialises"));
        return;
    }
    for (path, i) in all {
        say!("{}", path.display());
        say!("  {}: {}", l.plain("inspect-kind"), l.plain(i.kind.message_id()));
        say!("  {}: {} ({} bytes)", l.plain("inspect-bytes"), human(i.bytes), i.bytes);
        if let Some((w, h)) = i.pixels {
            say!("  {}: {w}×{h}", l.plain("inspect-pixels"));
        }
        if let Some(p) = &i.photo {
            let stored = if (p.width, p.height) != (p.stored_width, p.stored_height) {
                format!(" (stored {}×{})", p.stored_width, p.stored_height)
            } else {
                String::new()
            };
            say!("  {}: {}×{}{stored}", l.plain("inspect-pixels"), p.width, p.height);
            if let Some(o) = p.orientation {
                say!("  {}: EXIF {o}", l.plain("inspect-orientation"));
            }
            let dpi = match (p.jfif_dpi, p.exif_dpi) {
                (Some(j), Some(e)) if (j - e).abs() > 0.5 => format!("JFIF {j:.0} dpi / EXIF {e:.0} dpi"),
                (Some(d), _) | (None, Some(d)) => format!("{d:.0} dpi"),
                (None, None) => "-".into(),
            };
            say!("  {}: {dpi}", l.plain("inspect-dpi"));
            if let Some(bg) = p.background {
                say!(
                    "  {}: {} ({})",
                    l.plain("inspect-background"),
                    l.plain(bg.colour.message_id()),
                    bg.hex()
                );
            }
        }
        if let Some(v) = &i.video {
            say!("  {}: {:.1} s", l.plain("inspect-duration"), v.duration_s);
            say!("  {}: {}×{} ({}°)", l.plain("inspect-display"), v.width, v.height, v.rotation);
            say!("  {}: {} [{}]", l.plain("inspect-codec"), v.codec, v.codec_tag);
        }
        if let Some(p) = &i.pdf {
            say!("  {}: {}", l.plain("inspect-pages"), p.pages);
            say!("  {}: {}", l.plain("inspect-encrypted"), l.plain(if p.encrypted { "yes" } else { "no" }));
        }
        if let Some(p) = &i.problem {
            say!("  {}: {} ({})", l.plain("inspect-problem"), p.code, p.detail);
        }
    }
}

/// What a backup, restore or move did, in the message `id` (`file`/`path`, `files`, `size`).
pub fn copied(l: &Localizer, id: &str, done: &jianbao::store::Copied) -> String {
    let at = done.path.display().to_string();
    msg(
        l,
        id,
        &[("file", at.clone()), ("path", at), ("files", done.files.to_string()), ("size", human(done.bytes))],
    )
}

fn human(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / 1048576.0)
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}

pub fn wordcount(c: &jianbao::wordcount::WordCount, json: bool, l: &Localizer) {
    if json {
        say!("{}", serde_json::to_string(c).expect("serialises"));
        return;
    }
    say!("{}: {}", l.plain("wordcount-words"), c.words);
    say!("{}: {}", l.plain("wordcount-han"), c.han);
    say!("{}: {}", l.plain("wordcount-chars-no-spaces"), c.chars_no_spaces);
    say!("{}: {}", l.plain("wordcount-chars-with-spaces"), c.chars_with_spaces);
}

fn reason_text(l: &Localizer, r: &jianbao::bundle::verify::Reason) -> String {
    let args = [("entry", r.entry.clone().unwrap_or_default()), ("detail", r.detail.clone())];
    let text = msg(l, r.code, &args);
    // The technical detail, when the message leaves it out (it is for the person, this for support).
    if !r.detail.is_empty() && !text.contains(&r.detail) {
        format!("{text} [{}: {}]", r.code, r.detail)
    } else {
        format!("{text} [{}]", r.code)
    }
}

pub fn verdicts(
    all: &[jianbao::bundle::verify::Verdict],
    set: &[jianbao::bundle::verify::Reason],
    chains: &[jianbao::bundle::chain::Chain],
    pinned: bool,
    json: bool,
    l: &Localizer,
) {
    if json {
        let v = serde_json::json!({
            "chains": chains.iter().map(|c| {
                let mut o = serde_json::to_value(c).unwrap_or_default();
                o["sentences"] = serde_json::json!(c.sentences(l).into_iter().map(|(ok, text)| serde_json::json!({"ok": ok, "text": text})).collect::<Vec<_>>());
                o
            }).collect::<Vec<_>>(),
            "bundles": all.iter().map(|v| {
                let mut o = serde_json::to_value(v).unwrap_or_default();
                o["messages"] = serde_json::json!(v.reasons.iter().map(|r| reason_text(l, r)).collect::<Vec<_>>());
                o
            }).collect::<Vec<_>>(),
            "set": set.iter().map(|r| serde_json::json!({"code": r.code, "entry": r.entry, "detail": r.detail, "message": reason_text(l, r)})).collect::<Vec<_>>(),
            "valid": all.iter().all(|v| v.valid) && set.is_empty(),
            "trusted": !all.is_empty() && all.iter().all(|v| v.trusted),
        });
        say!("{}", serde_json::to_string_pretty(&v).expect("serialises"));
        return;
    }
    for v in all {
        let unit = v.info.get("Source-Organization").cloned().unwrap_or_default();
        let count = v.info.get("Bag-Count").cloned().unwrap_or_default();
        say!("{}", v.file.display());
        if v.valid {
            say!(
                "  {}",
                msg(
                    l,
                    "verify-ok",
                    &[
                        ("unit", unit),
                        ("part", count),
                        ("files", v.files.len().to_string()),
                        ("key", v.key_id.clone().unwrap_or_default())
                    ]
                )
            );
            if !pinned {
                let fp =
                    v.public_key.as_deref().map(jianbao::bundle::keys::fingerprint_of).unwrap_or_default();
                say!("  {}", msg(l, "verify-not-pinned", &[("fingerprint", fp)]));
            }
        } else {
            say!("  {}", l.plain("verify-bad"));
            for r in &v.reasons {
                say!("  - {}", reason_text(l, r));
            }
        }
    }
    for r in set {
        say!("- {}", reason_text(l, r));
    }
    for c in chains {
        chain(c, "", l);
    }
    let ok = all.iter().all(|v| v.valid) && set.is_empty();
    say!("{}", l.plain(if ok { "verify-all-ok" } else { "verify-all-bad" }));
    if ok && chains.iter().any(|c| !c.intact) {
        say!("{}", l.plain("verify-chain-broken"));
    }
}

/// A chain of custody, one sentence a line (✓ proven, ✗ not).
fn chain(c: &jianbao::bundle::chain::Chain, indent: &str, l: &Localizer) {
    say!("{indent}{}", l.plain("chain-heading"));
    for (ok, text) in c.sentences(l) {
        say!("{indent}  {} {text}", if ok { "✓" } else { "✗" });
    }
}

/// What `forward` made: the new packet, and for each candidate what was copied and what was not.
pub fn forwarded(
    r: &jianbao::bundle::forward::ForwardReport,
    file: &std::path::Path,
    json: bool,
    l: &Localizer,
) {
    let r = &r.clone().localize(l);
    if json {
        let mut v = serde_json::to_value(r).unwrap_or_default();
        v["packet"] = serde_json::json!(file.display().to_string());
        say!("{}", serde_json::to_string_pretty(&v).expect("serialises"));
        return;
    }
    say!(
        "{}",
        msg(
            l,
            "cli-forwarded",
            &[
                ("count", r.candidates.len().to_string()),
                ("profile", r.profile.clone()),
                ("file", file.display().to_string()),
                ("unit", r.unit_id.to_string())
            ]
        )
    );
    for c in &r.candidates {
        say!(
            "  {}",
            msg(
                l,
                "cli-forwarded-candidate",
                &[
                    ("name", c.name.clone()),
                    ("unit", c.unit.clone()),
                    ("fields", c.copied.iter().filter(|m| m.code != "forward-file").count().to_string()),
                    ("files", c.files.to_string())
                ]
            )
        );
        if !c.evidence {
            say!("    ✗ {}", msg(l, "forward-no-evidence", &[("unit", c.unit.clone())]));
        }
        for m in &c.not_copied {
            say!("    - {}", m.message);
        }
    }
}

/// The received candidates, with the IDs `forward` takes.
pub fn received_candidates(all: &[jianbao::bundle::forward::ReceivedCandidate], json: bool, l: &Localizer) {
    if json {
        say!("{}", serde_json::to_string_pretty(all).expect("serialises"));
        return;
    }
    if all.is_empty() {
        say!("{}", l.plain("cli-no-received-candidates"));
    }
    for c in all {
        say!("{:>5}  {}  {}  {}", c.id, c.name, c.unit, c.profile);
    }
}

pub fn imported(all: &[jianbao::bundle::import::Imported], l: &Localizer) {
    for d in all {
        say!(
            "{} · {} · {}",
            d.unit,
            d.profile,
            d.parts.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        );
        if !d.refused.is_empty() {
            say!("  {}", l.plain("import-refused"));
            for r in &d.refused {
                say!("  - {}", reason_text(l, r));
            }
            continue;
        }
        say!(
            "  {}",
            msg(
                l,
                "import-ok",
                &[
                    ("id", d.id.unwrap_or_default().to_string()),
                    ("errors", d.errors.to_string()),
                    ("warnings", d.warnings.to_string())
                ]
            )
        );
        let key_msg = if d.key_status == "changed" {
            "import-key-changed-accepted".to_string()
        } else {
            format!("import-key-{}", d.key_status)
        };
        let key = format!("{} ({})", jianbao::bundle::keys::grouped(&d.key_id), d.fingerprint);
        say!("  {}", msg(l, &key_msg, &[("key", key)]));
        if d.late {
            say!("  {}", l.plain("import-late"));
        }
        if let Some(c) = &d.chain {
            chain(c, "  ", l);
        }
        if d.profile_differs {
            say!("  {}", l.plain("import-profile-differs"));
        }
        if let Some(jianbao::bundle::import::Resubmission { previous: prev, changes: what }) = &d.resubmission
        {
            say!(
                "  {}",
                msg(
                    l,
                    "import-resubmission",
                    &[
                        ("previous", prev.to_string()),
                        ("changes", if what.is_empty() { "-".into() } else { what.join(", ") })
                    ]
                )
            );
        }
        for dup in &d.duplicates {
            say!(
                "  {}",
                msg(l, "import-duplicate", &[("name", dup.name.clone()), ("other", dup.other_unit.clone())])
            );
        }
    }
}

/// What `profile draft` found and left to decide.
pub fn draft(d: &jianbao::profile::draft::Draft, out: &std::path::Path, json: bool, l: &Localizer) {
    if json {
        let v = serde_json::json!({
            "file": out.display().to_string(),
            "id": d.profile.id,
            "found": d.found,
            "undecided": d.undecided,
        });
        say!("{}", serde_json::to_string_pretty(&v).expect("serialises"));
        return;
    }
    say!(
        "{}",
        msg(l, "cli-draft-written", &[("file", out.display().to_string()), ("id", d.profile.id.clone())])
    );
    say!("\n{}", msg(l, "cli-draft-found", &[("n", d.found.len().to_string())]));
    for f in &d.found {
        say!("  ✓ {}", f.rule);
        say!("      {} {}“{}”", l.plain("clause-label"), f.reference, f.sentence);
    }
    if !d.undecided.is_empty() {
        say!("\n{}", l.plain("cli-draft-undecided"));
        for u in &d.undecided {
            say!("  ? {u}");
        }
    }
}

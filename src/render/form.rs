//! The printed form as a document model, built from the profile's layout and the packet's values.
//! The PDF and Word writers both draw this model, so the two never disagree.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::packet::{Candidate, LoadedPacket};
use crate::profile::{Field, FieldKind, Form, Profile};

/// One row of the printed table.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// Label and value cells, left to right.
    Pairs(Vec<(String, String)>),
    /// Check boxes: the options, ticked or not.
    Choices {
        /// The label.
        label: String,
        /// (option, ticked).
        options: Vec<(String, bool)>,
    },
    /// A table of periods (学习工作经历).
    History {
        /// The label.
        label: String,
        /// Column headings.
        columns: Vec<String>,
        /// Cells, row by row.
        rows: Vec<Vec<String>>,
    },
    /// Flowing text under its heading (主要事迹), which may run over pages.
    Prose {
        /// The heading.
        label: String,
        /// The text.
        text: String,
    },
    /// A box for a statement or an opinion, with signature or seal and date lines.
    Sign {
        /// The label.
        label: String,
        /// What is written in the box.
        text: String,
        /// `候选人签名：` for a statement, `（盖 章）` for an opinion.
        mark: String,
    },
}

/// A cover page.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverPage {
    /// Title lines.
    pub title: Vec<String>,
    /// (label, value) lines.
    pub entries: Vec<(String, String)>,
}

/// The photo cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    /// How many of the first rows it spans.
    pub rows: usize,
    /// What an empty cell says.
    pub label: String,
    /// The JPEG, untouched, and its EXIF orientation.
    pub jpeg: Option<(Vec<u8>, u16)>,
}

/// A whole printed form.
#[derive(Debug, Clone, PartialEq)]
pub struct FormDoc {
    /// The title over the table.
    pub title: String,
    /// The cover page.
    pub cover: Option<CoverPage>,
    /// The 填表说明.
    pub instructions: Vec<String>,
    /// The photo cell.
    pub photo: Option<Photo>,
    /// The table's rows.
    pub rows: Vec<Row>,
    /// A line the form prints under its title.
    pub note: Option<String>,
    /// What the foot of every numbered page says beside its number: the signing key's ID when the
    /// form goes into a bundle (so paper and bundle are tied), else nothing.
    pub footer: String,
}

/// Options of a rendering.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// The blank variant's name, to print that variant.
    pub variant: Option<String>,
    /// The signing key's ID, printed in every footer.
    pub key_id: Option<String>,
    /// Rendering for a bundle: only the electronic formats the notice asks for (a 推荐表 whose PDF
    /// must be the sealed scan goes as Word only; the scan is the PDF). For printing, every form is
    /// rendered as PDF and Word.
    pub for_bundle: bool,
}

/// Writes a field's value as it is printed.
pub fn display(field: &Field, v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Array(items)) if field.kind == FieldKind::History => {
            items.iter().map(|r| history_row(field, r, None).join(" ")).collect::<Vec<_>>().join("；")
        }
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("、"),
        Some(other) => other.to_string(),
    }
}

/// History cells as printed: the 起止年月 pair joined with a dash, then the other columns; year–month
/// cells in the layout `dates` when given and the value is a date.
fn history_row(field: &Field, row: &Value, dates: Option<&str>) -> Vec<String> {
    let cell = |id: &str| {
        let v = row.get(id).and_then(Value::as_str).unwrap_or("").trim().to_string();
        let kind = field.columns.iter().find(|c| c.id == id).map(|c| c.kind);
        match (dates, kind) {
            (Some(layout), Some(FieldKind::YearMonth)) => {
                crate::check::dates::parse_year_month(&v).map(|d| d.format(layout)).unwrap_or(v)
            }
            _ => v,
        }
    };
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for c in &field.columns {
        if seen.contains(&c.label) {
            continue;
        }
        let same: Vec<_> = field.columns.iter().filter(|o| o.label == c.label).map(|o| cell(&o.id)).collect();
        seen.push(c.label.clone());
        let parts: Vec<_> = same.into_iter().filter(|s| !s.is_empty()).collect();
        out.push(parts.join("—"));
    }
    out
}

fn history_columns(field: &Field) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in &field.columns {
        if !out.contains(&c.label) {
            out.push(c.label.clone());
        }
    }
    out
}

/// The rows of a form: the profile's layout, or short fields paired two to a row.
fn layout_rows(form: &Form) -> Vec<Vec<&Field>> {
    let by_id = |id: &String| form.fields.iter().find(|f| &f.id == id);
    if let Some(l) = &form.layout {
        return l.rows.iter().map(|r| r.iter().filter_map(by_id).collect()).collect();
    }
    let mut rows: Vec<Vec<&Field>> = Vec::new();
    let mut pending: Vec<&Field> = Vec::new();
    for f in form.fields.iter().filter(|f| !f.summary_only && f.kind != FieldKind::Photo) {
        let short = matches!(
            f.kind,
            FieldKind::Text
                | FieldKind::Choice
                | FieldKind::Date
                | FieldKind::YearMonth
                | FieldKind::Mobile
                | FieldKind::Phone
                | FieldKind::Email
                | FieldKind::Postcode
        ) && !f.on_paper
            && f.template_text.is_none();
        if short {
            pending.push(f);
            if pending.len() == 2 {
                rows.push(std::mem::take(&mut pending));
            }
        } else {
            if !pending.is_empty() {
                rows.push(std::mem::take(&mut pending));
            }
            rows.push(vec![f]);
        }
    }
    if !pending.is_empty() {
        rows.push(pending);
    }
    rows
}

fn row_for(
    fields: &[&Field],
    values: &BTreeMap<String, Value>,
    blank: &[String],
    dates: Option<&str>,
) -> Row {
    let value = |f: &Field| if blank.contains(&f.id) { String::new() } else { display(f, values.get(&f.id)) };
    if let [f] = fields {
        let label = f.plain_label();
        match f.kind {
            FieldKind::MultiChoice => {
                let picked: Vec<String> = values
                    .get(&f.id)
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                    .unwrap_or_default();
                let options = f.allowed_values().into_iter().map(|o| {
                    let on = picked.contains(&o) && !blank.contains(&f.id);
                    (o, on)
                });
                return Row::Choices { label, options: options.collect() };
            }
            FieldKind::History => {
                let mut rows: Vec<Vec<String>> = values
                    .get(&f.id)
                    .and_then(Value::as_array)
                    .map(|a| a.iter().map(|r| history_row(f, r, dates)).collect())
                    .unwrap_or_default();
                let cols = history_columns(f);
                while rows.len() < 4 {
                    rows.push(vec![String::new(); cols.len()]);
                }
                return Row::History { label, columns: cols, rows };
            }
            _ => {}
        }
        if f.template_text.is_some() || f.on_paper || f.must_contain.is_some() {
            let text = f.template_text.clone().unwrap_or_else(|| value(f));
            let mark = if f.template_text.is_some() { "候选人签名：" } else { "（盖 章）" };
            return Row::Sign { label, text, mark: mark.into() };
        }
        if f.kind == FieldKind::LongText {
            return Row::Prose { label: f.label.clone(), text: value(f) };
        }
    }
    Row::Pairs(fields.iter().map(|f| (f.label.clone(), value(f))).collect())
}

/// The 推荐表 of one candidate.
pub fn candidate_form(
    loaded: &LoadedPacket,
    profile: &Profile,
    c: &Candidate,
    opts: &RenderOptions,
) -> FormDoc {
    let form = &profile.candidate_form;
    let variant = form
        .layout
        .as_ref()
        .and_then(|l| l.blank_variant.as_ref())
        .filter(|v| opts.variant.as_deref() == Some(v.name.as_str()));
    let blank: Vec<String> = variant.map(|v| v.fields.clone()).unwrap_or_default();
    let blank_cover: Vec<String> = variant.map(|v| v.cover.clone()).unwrap_or_default();
    let unit = &loaded.packet.unit;
    let cover = form.layout.as_ref().and_then(|l| l.cover.as_ref()).map(|cv| CoverPage {
        title: cv.title.clone(),
        entries: cv
            .entries
            .iter()
            .map(|e| {
                let v = if blank_cover.contains(&e.label) {
                    String::new()
                } else if let Some(id) = &e.field {
                    form.fields
                        .iter()
                        .find(|f| &f.id == id)
                        .map(|f| display(f, c.fields.get(id)))
                        .unwrap_or_default()
                } else if let Some(id) = &e.unit_field {
                    profile.unit_field(id).map(|f| display(f, unit.get(id))).unwrap_or_default()
                } else {
                    String::new()
                };
                (e.label.clone(), v)
            })
            .collect(),
    });
    let photo = form.layout.as_ref().and_then(|l| l.photo.as_ref()).map(|p| {
        let slot =
            form.fields.iter().find(|f| f.id == p.field).and_then(|f| f.slot.clone()).unwrap_or_default();
        let jpeg = c.media.iter().find(|r| r.slot == slot).and_then(|r| {
            let bytes = std::fs::read(loaded.resolve(r)).ok()?;
            let info = crate::media::jpeg::probe(std::io::Cursor::new(&bytes)).ok()?;
            Some((bytes, info.orientation.unwrap_or(1)))
        });
        Photo { rows: p.rows as usize, label: p.label.clone(), jpeg }
    });
    let dates = form.layout.as_ref().and_then(|l| l.year_month_printed.as_deref());
    let rows = layout_rows(form)
        .iter()
        .filter(|r| !r.is_empty())
        .map(|r| row_for(r, &c.fields, &blank, dates))
        .collect();
    FormDoc {
        title: form.title.clone(),
        cover,
        instructions: form.layout.as_ref().map(|l| l.instructions.clone()).unwrap_or_default(),
        photo,
        rows,
        note: form.note.clone(),
        footer: footer(opts),
    }
}

/// One field's text printed on its own (主要事迹文字材料).
pub fn field_text(
    profile: &Profile,
    c: &Candidate,
    title: &str,
    field: &Field,
    opts: &RenderOptions,
) -> FormDoc {
    let name = crate::packet::text(&c.fields, &profile.candidate_form.name_field).unwrap_or(&c.id);
    FormDoc {
        title: format!("{title}\n{name}"),
        cover: None,
        instructions: vec![],
        photo: None,
        rows: vec![Row::Prose { label: field.label.clone(), text: display(field, c.fields.get(&field.id)) }],
        note: None,
        footer: footer(opts),
    }
}

/// The footer beside the page number: the signing key's ID, grouped as people read it aloud.
fn footer(opts: &RenderOptions) -> String {
    opts.key_id
        .as_deref()
        .map(|k| format!("签名密钥 {}", crate::bundle::keys::grouped(k)))
        .unwrap_or_default()
}

/// The 汇总表: title, header line (推荐单位：…), column labels and one row per candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryDoc {
    /// The title.
    pub title: String,
    /// Lines above the table (`推荐单位：…`).
    pub header: Vec<String>,
    /// Column labels.
    pub columns: Vec<String>,
    /// Cells.
    pub rows: Vec<Vec<String>>,
    /// The footer line.
    pub footer: String,
}

/// Builds the 汇总表 of units (one unit's packet, or several for a reviewer's merged table).
pub fn summary(profile: &Profile, units: &[&LoadedPacket], opts: &RenderOptions) -> Option<SummaryDoc> {
    let s = profile.summary.as_ref()?;
    let mut header = Vec::new();
    if units.len() == 1 {
        for id in &s.header_fields {
            if let Some(f) = profile.unit_field(id) {
                header.push(format!("{}：{}", f.plain_label(), display(f, units[0].packet.unit.get(id))));
            }
        }
    }
    // A merged table (several units) says which unit recommends each candidate, after the row number.
    let merged = units.len() > 1;
    let mut columns: Vec<String> = s.columns.iter().map(|c| c.label.clone()).collect();
    if merged {
        columns.insert(1.min(columns.len()), "推荐单位".to_string());
    }
    let mut rows = Vec::new();
    for u in units {
        let unit_name = u.packet.unit_text(&profile.unit_form.name_field).unwrap_or("").to_string();
        for c in &u.packet.candidates {
            let n = rows.len() + 1;
            let mut row: Vec<String> =
                s.columns.iter().map(|col| fill(&col.value, profile, &c.fields, n)).collect();
            if merged {
                row.insert(1.min(row.len()), unit_name.clone());
            }
            rows.push(row);
        }
    }
    Some(SummaryDoc { title: s.title.clone(), header, columns, rows, footer: footer(opts) })
}

/// Fills a summary template: `{field}` by its printed value, `{#}` by the row number; a separator
/// next to an empty value is dropped.
fn fill(template: &str, profile: &Profile, fields: &BTreeMap<String, Value>, n: usize) -> String {
    let mut out = String::new();
    let mut rest = template;
    let mut pending_sep = String::new();
    while let Some(start) = rest.find('{') {
        pending_sep.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else { break };
        let id = &rest[start + 1..start + len];
        let v = if id == "#" {
            n.to_string()
        } else {
            profile.candidate_field(id).map(|f| display(f, fields.get(id))).unwrap_or_default()
        };
        if !v.is_empty() {
            if !out.is_empty() {
                out.push_str(&pending_sep);
            }
            out.push_str(&v);
        }
        pending_sep.clear();
        rest = &rest[start + len + 1..];
    }
    out
}

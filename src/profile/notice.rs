//! A notice's published text, and the audit of a profile against it: every clause a profile quotes
//! from the notice (or from its form) must appear there verbatim.
//!
//! A notice text file (`assets/notices/<profile id>.txt`, or `<profile>.notice.txt` beside a profile
//! file) starts with a header of `键：值` lines — 标题, 文号, 发文机关, 日期 (`YYYY-MM-DD`), 来源 — then a
//! line `————`, then the text as published. Quotes are compared with all white space removed (the
//! published texts break lines and pad with full-width spaces in the middle of sentences); `……` in a
//! quote stands for words left out, so each piece must appear, in order.

use serde_json::Value;

use super::model::{Authority, Clause, Profile};
use crate::error::Problem;

/// The line between a notice file's header and its text.
pub const HEADER_END: &str = "————";

/// A notice as published.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoticeText {
    /// 标题.
    pub title: String,
    /// 文号, when it has one.
    pub number: Option<String>,
    /// 发文机关.
    pub issuer: Option<String>,
    /// 日期, `YYYY-MM-DD`.
    pub issued: Option<String>,
    /// 来源: where it was published.
    pub source: Option<String>,
    /// The text.
    pub body: String,
}

impl NoticeText {
    /// Parses a notice file; a file without a header is all text (its title the first line).
    pub fn parse(text: &str) -> NoticeText {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut n = NoticeText::default();
        let lines: Vec<&str> = text.lines().collect();
        match lines.iter().position(|l| l.trim() == HEADER_END) {
            Some(end) => {
                for l in &lines[..end] {
                    let Some((k, v)) = l.split_once('：') else { continue };
                    let v = v.trim().to_string();
                    match k.trim() {
                        "标题" => n.title = v,
                        "文号" => n.number = Some(v),
                        "发文机关" => n.issuer = Some(v),
                        "日期" => n.issued = Some(v),
                        "来源" => n.source = Some(v),
                        _ => {}
                    }
                }
                n.body = lines[end + 1..].join("\n");
            }
            None => {
                n.title = lines.iter().map(|l| l.trim()).find(|l| !l.is_empty()).unwrap_or("").to_string();
                n.body = text.to_string();
            }
        }
        n
    }

    /// A built-in notice text by file stem (`ordos-2021-zuimei`, `form-zuimei-2021`).
    pub fn builtin(stem: &str) -> Option<NoticeText> {
        super::BUILTIN_NOTICES
            .iter()
            .find(|(name, _)| name.trim_end_matches(".txt") == stem)
            .map(|(_, t)| NoticeText::parse(t))
    }
}

/// The text with every white-space character removed, as quotes are compared.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether every piece of `quote` (split at `……`) appears in `text`, in order, white space aside.
/// On failure, the first piece that does not.
pub fn find_quote<'q>(text: &str, quote: &'q str) -> Result<(), &'q str> {
    let hay = squeeze(text);
    let mut from = 0;
    for piece in quote.split("……").map(str::trim).filter(|p| !p.is_empty()) {
        let needle = squeeze(piece);
        match hay[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => return Err(piece),
        }
    }
    Ok(())
}

/// Every clause of a profile with the key path where it sits (`candidate_slots[0].clause`).
pub fn clauses(p: &Profile) -> Vec<(String, Clause)> {
    fn walk(v: &Value, at: &str, out: &mut Vec<(String, Clause)>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    let here = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
                    if k == "clause" {
                        if let Ok(c) = serde_json::from_value::<Clause>(v.clone()) {
                            out.push((here, c));
                            continue;
                        }
                    }
                    walk(v, &here, out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, &format!("{at}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(v) = serde_json::to_value(p) {
        walk(&v, "", &mut out);
    }
    out
}

/// The shape every clause must have: exactly one authority; a quote for the notice's and the
/// form's, none for advice.
pub(crate) fn clause_shape(c: &Clause, at: &str) -> Option<Problem> {
    let named = [c.notice.is_some(), c.form.is_some(), c.advice.is_some()].iter().filter(|b| **b).count();
    if named != 1 {
        return Some(Problem::new("profile-clause-authority", at));
    }
    let quoted = c.quote.as_deref().is_some_and(|q| !q.trim().is_empty());
    match c.authority() {
        Authority::Notice | Authority::Form if !quoted => Some(Problem::new("profile-clause-no-quote", at)),
        Authority::Advice if c.quote.is_some() => Some(Problem::new("profile-clause-advice-quote", at)),
        Authority::Advice if c.advice.as_deref().is_some_and(|a| a.trim().is_empty()) => {
            Some(Problem::new("profile-clause-authority", at))
        }
        _ => None,
    }
}

/// Checks a profile against its notice (and its form's text, when the form is not in the notice):
/// the header names the same notice, and every quote is verbatim where its authority says.
pub fn audit(p: &Profile, notice: &NoticeText, form: Option<&NoticeText>) -> Vec<Problem> {
    let mut out = Vec::new();
    let same = |a: Option<&str>, b: Option<&str>| squeeze(a.unwrap_or("")) == squeeze(b.unwrap_or(""));
    for (key, ours, theirs) in [
        ("notice.title", Some(p.notice.title.as_str()), Some(notice.title.as_str())),
        ("notice.number", p.notice.number.as_deref(), notice.number.as_deref()),
        ("notice.issued", p.notice.issued.as_deref(), notice.issued.as_deref()),
        ("notice.source", p.notice.source.as_deref(), notice.source.as_deref()),
    ] {
        if !same(ours, theirs) {
            out.push(Problem::new("profile-notice-header", key).arg("value", theirs.unwrap_or("")));
        }
    }
    if let Some(issuer) = &notice.issuer {
        if !same(Some(&p.notice.issuer), Some(issuer)) {
            out.push(Problem::new("profile-notice-header", "notice.issuer").arg("value", issuer));
        }
    }
    // The form's own words: the notice (which may reproduce it), a separate form text, and what the
    // profile prints of it (its 填表说明 and labels).
    let mut form_text = notice.body.clone();
    if let Some(f) = form {
        form_text.push('\n');
        form_text.push_str(&f.body);
    }
    for (at, c) in clauses(p) {
        if let Some(problem) = clause_shape(&c, &at) {
            out.push(problem);
            continue;
        }
        let (Some(quote), authority) = (c.quote.as_deref(), c.authority()) else { continue };
        let text = match authority {
            Authority::Notice => &notice.body,
            Authority::Form => &form_text,
            _ => continue,
        };
        if let Err(piece) = find_quote(text, quote) {
            let code = if authority == Authority::Notice {
                "profile-quote-not-in-notice"
            } else {
                "profile-quote-not-in-form"
            };
            out.push(Problem::new(code, at).arg("value", piece));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_match_across_line_breaks_and_in_order_only() {
        let text = "各推荐单位务必于6月2日前将推荐材料\n\n报送至鄂尔多斯市科协宣传部，过期不候。";
        assert!(find_quote(text, "务必于6月2日前将推荐材料报送至鄂尔多斯市科协宣传部").is_ok());
        assert!(find_quote(text, "各推荐单位……过期不候。").is_ok());
        assert_eq!(find_quote(text, "过期不候……各推荐单位"), Err("各推荐单位"));
        assert_eq!(find_quote(text, "6月3日前"), Err("6月3日前"));
    }

    #[test]
    fn a_header_names_the_notice() {
        let n =
            NoticeText::parse("标题：关于X的通知\n文号：衡市科协〔2019〕8号\n日期：2019-04-23\n————\n正文");
        assert_eq!(n.title, "关于X的通知");
        assert_eq!(n.number.as_deref(), Some("衡市科协〔2019〕8号"));
        assert_eq!(n.body, "正文");
        let bare = NoticeText::parse("\n关于Y的通知\n正文");
        assert_eq!(bare.title, "关于Y的通知");
    }
}

//! `jianbao profile draft NOTICE.txt`: a first profile from a notice's text.
//!
//! Award notices repeat the same kinds of rules in slightly different words — 名额 "每个单位限推荐1名"
//! / "1—2名", 字数 "1500字左右" / "3000字以内", 照片 "3—5张" "jpg格式" "不小于2MB" "小2寸" "红底",
//! 视频 "3—5分钟" "MP4或MOV" "1920*1080", a deadline "6月2日前" made strict by "过期不候", the
//! documents (推荐工作情况报告, 无违法犯罪证明…) with their formats and paper copies. The drafter finds
//! them with deterministic patterns, sentence by sentence, and writes a profile in which every rule
//! quotes the sentence it came from (so `profile check` can confirm it against the notice). The form
//! starts from the built-in profile whose notice reads most alike; what the notice does not state of
//! that form becomes our advice, never a blocking rule. What the drafter cannot decide is listed.
//!
//! The patterns are documented, with a table of sentences and the rules they yield, in
//! `docs/profiles.md`; the tests below hold that table.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use regex::Regex;
use sha2::{Digest, Sha256};

use super::model::*;
use super::notice::{find_quote, NoticeText, HEADER_END};
use super::plain_label;

/// One rule the drafter found: what, where in the profile, and the sentence it quotes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Found {
    /// The rule in a few words (`名额 1—2名`).
    pub rule: String,
    /// The profile key it set (`quota`).
    pub at: String,
    /// The notice's numbering of the sentence.
    pub reference: String,
    /// The sentence, verbatim.
    pub sentence: String,
}

/// A draft: the profile, the notice file to keep beside it, what was found and what was not decided.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The drafted profile; it passes `profile check`.
    pub profile: Profile,
    /// The notice text with its header (标题, 文号…), to be saved as `<draft>.notice.txt`.
    pub notice_file: String,
    /// The rules found, in the notice's order.
    pub found: Vec<Found>,
    /// What a person must decide, in plain Chinese.
    pub undecided: Vec<String>,
}

/// A sentence of the notice with the numbering it sits under.
#[derive(Debug, Clone)]
struct Sentence {
    reference: String,
    text: String,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("drafter patterns compile"))
}

macro_rules! pattern {
    ($name:ident, $p:expr) => {
        fn $name() -> &'static Regex {
            static CELL: OnceLock<Regex> = OnceLock::new();
            re(&CELL, $p)
        }
    };
}

/// A number as notices write it: Arabic, full-width, or Chinese up to 99 (`十五`, `两`).
const NUM: &str = r"[0-9０-９]+|[一二两三四五六七八九十]{1,3}";
/// Range dashes: — – - － ~ ～ 至 到.
const DASH: &str = r"\s*(?:—|–|-|－|~|～|至|到)+\s*";

pattern!(
    level0,
    r"^\s*(附件\s*[0-9０-９一二三四五六七八九]*)\s*[:：]?\s*$|^\s*(附件\s*[0-9０-９一二三四五六七八九]+)[:：]"
);
pattern!(level1, r"^\s*([一二三四五六七八九十]+)、");
pattern!(level1_digits, r"^\s*0?([1-9])\s*$");
pattern!(level2, r"^\s*[（(]([一二三四五六七八九十]+)[）)]");
pattern!(level3, r"^\s*([0-9]{1,2})\s*[.．、](?:[^0-9]|$)");
pattern!(doc_number, r"[\p{Han}]{1,12}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,4}\s*号");
pattern!(date_line, r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$");
pattern!(email, r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}");

/// Parses a number written in Arabic or Chinese numerals (up to 99).
pub fn number(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) && !s.is_empty() {
        let ascii: String = s
            .chars()
            .map(|c| if c.is_ascii_digit() { c } else { char::from(b'0' + (c as u32 - '０' as u32) as u8) })
            .collect();
        return ascii.parse().ok();
    }
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32).or((c == '两').then_some(2));
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', u] => Some(10 * digit(*t)? + digit(*u)?),
        _ => None,
    }
}

/// Splits the notice into sentences, each under the numbering that holds it (`三、（四）5`).
fn sentences(body: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut stack: [String; 3] = Default::default();
    let mut buf = String::new();
    let mut buf_ref = String::new();
    let reference =
        |stack: &[String; 3]| stack.iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join("");
    let flush = |buf: &mut String, r: &str, out: &mut Vec<Sentence>| {
        let text = tidy(buf);
        if text.chars().count() >= 2 {
            out.push(Sentence { reference: r.to_string(), text });
        }
        buf.clear();
    };
    for line in body.lines() {
        let numbered = if let Some(c) = level0().captures(line) {
            // An attachment (the form itself) starts a numbering of its own.
            let name = c.get(1).or(c.get(2)).map_or("", |m| m.as_str());
            stack = [name.split_whitespace().collect::<String>(), String::new(), String::new()];
            true
        } else if let Some(c) = level1().captures(line) {
            stack = [format!("{}、", &c[1]), String::new(), String::new()];
            true
        } else if let Some(c) = level1_digits().captures(line) {
            // Web reposts number their parts "01", "02" on lines of their own.
            let n = c[1].parse::<usize>().unwrap_or(1);
            let han = ["一", "二", "三", "四", "五", "六", "七", "八", "九"][n - 1];
            stack = [format!("{han}、"), String::new(), String::new()];
            true
        } else if let Some(c) = level2().captures(line) {
            stack[1] = format!("（{}）", &c[1]);
            stack[2].clear();
            true
        } else if let Some(c) = level3().captures(line) {
            stack[2] = if stack[0].starts_with("附件") && !stack[0].contains('说') {
                format!("第{}项", &c[1])
            } else {
                c[1].to_string()
            };
            true
        } else {
            false
        };
        // The foot (a date line alone) is no part of the sentence before it.
        let foot = date_line().is_match(line);
        if numbered || foot || buf.chars().count() > 400 {
            flush(&mut buf, &buf_ref, &mut out);
        }
        if buf.trim().is_empty() {
            buf_ref = reference(&stack);
        }
        for ch in line.chars() {
            buf.push(ch);
            if matches!(ch, '。' | '；' | ';' | '！' | '？') {
                flush(&mut buf, &buf_ref, &mut out);
                buf_ref = reference(&stack);
            }
        }
        buf.push('\n');
    }
    flush(&mut buf, &buf_ref, &mut out);
    out
}

/// A sentence as quoted: white space that breaks lines or pads (full-width) removed, other runs
/// made one space. Quotes are compared without white space, so this stays verbatim.
fn tidy(s: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for ch in s.trim().chars() {
        if ch.is_whitespace() {
            run.push(ch);
            continue;
        }
        if !run.is_empty() {
            let ascii_gap = !run.contains(['\n', '\r', '\u{3000}', '\u{a0}']);
            let latin_next = ch.is_ascii_alphanumeric();
            let latin_prev = out.chars().last().is_some_and(|c: char| c.is_ascii_alphanumeric());
            if ascii_gap && (latin_next || latin_prev) {
                out.push(' ');
            }
            run.clear();
        }
        out.push(ch);
    }
    out
}

/// The notice's header facts, from its text when it has no header.
fn header(text: &str) -> NoticeText {
    let n = NoticeText::parse(text);
    if text.lines().any(|l| l.trim() == HEADER_END) {
        return n;
    }
    let mut n = NoticeText { body: n.body, ..NoticeText::default() };
    let lines: Vec<&str> = n.body.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    // The title: the first lines up to one ending in 通知 (titles are often broken over two lines).
    let mut title = String::new();
    for l in lines.iter().take(8) {
        if doc_number().is_match(l) && title.is_empty() {
            continue;
        }
        title.push_str(l);
        if l.ends_with("通知") || l.ends_with("通知》") {
            break;
        }
    }
    if !title.ends_with("通知") {
        title = lines.iter().find(|l| l.contains("通知")).or(lines.first()).unwrap_or(&"").to_string();
    }
    n.title = tidy(&title).replace(' ', "");
    // The 文号 stands on a line of its own near the top; one inside a sentence cites another notice.
    n.number = lines
        .iter()
        .take(12)
        .find_map(|l| doc_number().find(l).filter(|m| m.as_str().len() + 6 >= l.len()))
        .map(|m| tidy(m.as_str()));
    // The date and issuer at the foot: a date line, and the organisation lines just above it.
    if let Some(i) = lines.iter().rposition(|l| date_line().is_match(l)) {
        let c = date_line().captures(lines[i]).expect("matched");
        let (y, m, d): (u32, u32, u32) =
            (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0), c[3].parse().unwrap_or(0));
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            n.issued = Some(format!("{y:04}-{m:02}-{d:02}"));
        }
        let org = |l: &str| {
            l.chars().count() <= 40
                && ["委", "协", "会", "部", "局", "厅", "院", "室", "党委", "政府"]
                    .iter()
                    .any(|k| l.contains(k))
                && !l.contains('：')
                && !l.contains(':')
        };
        let above: Vec<&str> = lines[..i].iter().rev().take(3).take_while(|l| org(l)).cloned().collect();
        if !above.is_empty() {
            let words: Vec<String> =
                above.iter().rev().flat_map(|l| l.split_whitespace()).map(str::to_string).collect();
            n.issuer = Some(words.join("、"));
        }
    }
    if n.issuer.is_none() {
        if let Some((org, _)) = n.title.split_once("关于") {
            if !org.is_empty() {
                n.issuer = Some(org.to_string());
            }
        }
    }
    n
}

/// The notice file to keep beside the draft: its header, then the text as given.
fn notice_file(n: &NoticeText) -> String {
    let mut h = format!("标题：{}\n", n.title);
    for (k, v) in [("文号", &n.number), ("发文机关", &n.issuer), ("日期", &n.issued), ("来源", &n.source)]
    {
        if let Some(v) = v {
            h.push_str(&format!("{k}：{v}\n"));
        }
    }
    format!("{h}{HEADER_END}\n{}\n", n.body.trim_matches('\n'))
}

/// How alike two texts read: shared character pairs over all pairs (Jaccard), on the first 4000.
fn likeness(a: &str, b: &str) -> f64 {
    let pairs = |s: &str| -> BTreeSet<(char, char)> {
        let v: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).take(4000).collect();
        v.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (x, y) = (pairs(a), pairs(b));
    let shared = x.intersection(&y).count() as f64;
    shared / (x.len() + y.len()).saturating_sub(shared as usize).max(1) as f64
}

struct Finder<'a> {
    all: &'a [Sentence],
    found: Vec<Found>,
    undecided: Vec<String>,
}

impl<'a> Finder<'a> {
    fn clause(&mut self, rule: String, at: &str, s: &[&Sentence]) -> Clause {
        let reference = s.iter().map(|s| s.reference.as_str()).filter(|r| !r.is_empty()).collect::<Vec<_>>();
        let mut refs: Vec<&str> = Vec::new();
        for r in reference {
            if !refs.contains(&r) {
                refs.push(r);
            }
        }
        let quote = s.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("……");
        let reference = refs.join("；");
        self.found.push(Found {
            rule,
            at: at.to_string(),
            reference: reference.clone(),
            sentence: quote.clone(),
        });
        Clause { notice: Some(reference), quote: Some(quote), ..Clause::default() }
    }

    /// The sentences naming any of `keys`.
    fn with(&self, keys: &[&str]) -> Vec<&'a Sentence> {
        let all: &'a [Sentence] = self.all;
        all.iter().filter(|s| keys.iter().any(|k| s.text.contains(k))).collect()
    }
}

pattern!(
    deadline_date,
    r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*[（(][^）)]{1,8}[）)])?(?:\s*(?:上午|下午|中午)?\s*\d{1,2}\s*[:：时点]\s*\d{0,2}\s*分?)?\s*(前|之前|以前|截止)?"
);
pattern!(
    strict_words,
    r"过期不候|逾期不候|逾期不再受理|逾期不予受理|逾期将不予|逾期视为|视为自动放弃|视为放弃|视为弃权|不予受理|不再受理"
);

fn deadline(f: &mut Finder, year: u16) -> Option<Deadline> {
    let all = f.all;
    let mut best: Option<(usize, i32, u32, u32, bool)> = None;
    for (i, s) in all.iter().enumerate() {
        let t = &s.text;
        let verbs = [
            "报送",
            "提交",
            "上报",
            "报至",
            "寄送",
            "送至",
            "报市",
            "报省",
            "报区",
            "发送",
            "报中国",
            "报科协",
            "交至",
            "截止",
        ];
        let about_materials = verbs.iter().filter(|k| t.contains(*k)).count()
            + ["材料", "推荐表", "申报"].iter().filter(|k| t.contains(*k)).count();
        if !verbs.iter().any(|k| t.contains(k))
            || ["发布", "命名", "评审", "公示期", "日期统一"].iter().any(|k| t.contains(k))
        {
            continue;
        }
        for c in deadline_date().captures_iter(t) {
            // `如2021年01月01日` is an example of how to write dates, not a date.
            let start = c.get(0).map_or(0, |m| m.start());
            if t[..start].ends_with('如') || t[..start].ends_with("例如") {
                continue;
            }
            let (m, d) = (c[2].parse::<u32>().unwrap_or(0), c[3].parse::<u32>().unwrap_or(0));
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                continue;
            }
            let before = c.get(4).is_some_and(|w| w.as_str() != "截止");
            let score = about_materials as i32 + if c.get(4).is_some() { 3 } else { 0 };
            if best.as_ref().is_none_or(|b| score > b.1) {
                best = Some((i, score, m, d, before));
            }
        }
    }
    let (i, _, m, d, before) = best?;
    let mut quoted = vec![&all[i]];
    let strict = if strict_words().is_match(&all[i].text) {
        true
    } else if let Some(next) = all.get(i + 1).filter(|n| strict_words().is_match(&n.text)) {
        quoted.push(next);
        true
    } else {
        false
    };
    let y = deadline_date()
        .captures(&all[i].text)
        .and_then(|c| c.get(1))
        .and_then(|y| y.as_str().parse().ok())
        .unwrap_or(year as u32);
    let rule = format!(
        "截止 {y}年{m}月{d}日{}{}",
        if before { "前" } else { "" },
        if strict { "，逾期不受理" } else { "" }
    );
    let clause = f.clause(rule, "deadline", &quoted);
    Some(Deadline { date: format!("{y:04}-{m:02}-{d:02}"), before, strict, warn_days: 7, clause })
}

pattern!(quota_range, &format!(r"({NUM}){DASH}({NUM})\s*(?:名|人|个)"));
pattern!(quota_max, &format!(r"(?:不超过|不多于|最多|至多|限报|限推荐|限推|限)\s*({NUM})\s*(?:名|人)"));
pattern!(quota_exact, &format!(r"(?:推荐|推选|申报|报送)[^，。；,]{{0,12}}?({NUM})\s*名"));

/// The quota of a notice that names none: at least one candidate, no maximum, as our advice.
pub(crate) fn unstated_quota() -> Quota {
    Quota {
        min: 1,
        max: None,
        teams: false,
        min_clause: None,
        clause: Clause::advice("通知未写明名额；至少推荐1名，才有材料可报送。"),
    }
}

/// The authority of a minimum the notice does not state (it only says "不超过2名").
fn at_least_one() -> Option<Clause> {
    Some(Clause::advice("至少推荐1名，才有材料可报送。"))
}

/// The authority of a 推荐表 deliverable whose formats the notice does not state.
pub(crate) fn unstated_form_clause() -> Clause {
    Clause::advice("通知未写明推荐表的格式；报送Word和PDF两种电子版。")
}

/// A slot with no rule beyond its kind, count and formats; the rules are set after.
fn new_slot(
    id: &str,
    label: &str,
    kind: SlotKind,
    count: Count,
    formats: Vec<MediaFormat>,
    clause: Clause,
) -> Slot {
    Slot {
        id: id.into(),
        label: label.into(),
        kind,
        count,
        formats,
        min_bytes: None,
        max_bytes: None,
        min_pixels: None,
        min_pixels_clause: None,
        min_dpi: None,
        id_photo: None,
        video: None,
        pages: None,
        naming: None,
        sealed: false,
        help: None,
        clause,
    }
}

/// A deliverable without paper copies or seal; those are set after.
fn new_deliverable(
    id: &str,
    label: String,
    source: DeliverableSource,
    formats: Vec<MediaFormat>,
    per: Per,
    clause: Clause,
) -> Deliverable {
    Deliverable {
        id: id.into(),
        label,
        source,
        field: None,
        formats,
        extra_formats: vec![],
        paper_copies: 0,
        blank_copies: 0,
        sealed: false,
        scan_after_seal: false,
        per,
        clause,
    }
}

fn quota(f: &mut Finder) -> Quota {
    let skip =
        ["命名", "发布", "评选出", "遴选确定", "确定并发布", "表彰", "择优推荐", "当选", "择优", "最终"];
    let subject = [
        "每个",
        "每家",
        "每一",
        "各单位",
        "各推荐单位",
        "各学会",
        "各县",
        "各旗",
        "各地",
        "各部门",
        "各有关单位",
        "各推荐",
    ];
    let candidates: Vec<&Sentence> = f
        .all
        .iter()
        .filter(|s| {
            (s.text.contains('名') || s.text.contains("名额")) && !skip.iter().any(|k| s.text.contains(k))
        })
        .filter(|s| subject.iter().any(|k| s.text.contains(k)) || s.text.contains("名额"))
        .collect();
    for s in candidates {
        let t = s.text.clone();
        if t.contains("名额不限") || t.contains("不限名额") {
            let clause = f.clause("名额不限".into(), "quota", &[s]);
            return Quota { min_clause: at_least_one(), clause, ..unstated_quota() };
        }
        if let Some(c) = quota_range().captures(&t) {
            if let (Some(a), Some(b)) = (number(&c[1]), number(&c[2])) {
                let clause = f.clause(format!("名额 {a}—{b}名"), "quota", &[s]);
                return Quota { min: a.min(b), max: Some(a.max(b)), teams: false, min_clause: None, clause };
            }
        }
        if let Some(n) = quota_max().captures(&t).and_then(|c| number(&c[1])) {
            let clause = f.clause(format!("名额 不超过{n}名"), "quota", &[s]);
            return Quota { max: Some(n), min_clause: at_least_one(), clause, ..unstated_quota() };
        }
        if let Some(n) = quota_exact().captures(&t).and_then(|c| number(&c[1])) {
            let clause = f.clause(format!("名额 {n}名"), "quota", &[s]);
            return Quota { min: n.min(1), max: Some(n), teams: false, min_clause: None, clause };
        }
    }
    f.undecided
        .push("名额：通知中没有找到每个单位可推荐的人数，已按“至少1名、不限上限”起草，请核对。".into());
    unstated_quota()
}

pattern!(words_range, &format!(r"({NUM}){DASH}({NUM})\s*(?:个)?字"));
pattern!(
    words_max,
    r"(?:不超过|不多于|不得超过|限|控制在)\s*([0-9０-９]+)\s*(?:个)?字|([0-9０-９]+)\s*(?:个)?字(?:以内|之内|以下)"
);
pattern!(words_about, r"([0-9０-９]+)\s*(?:个)?字左右|约\s*([0-9０-９]+)\s*(?:个)?字");
pattern!(words_min, r"(?:不少于|不低于|至少)\s*([0-9０-９]+)\s*(?:个)?字|([0-9０-９]+)\s*(?:个)?字(?:以上)");
pattern!(words_bare, r"([0-9０-９]{2,5})\s*字");

/// The field of the form a 字数 rule at `at` in this sentence is about: the text field whose label
/// the sentence names nearest before the number (within 40 characters), or right after it
/// (`3000字以内主要事迹`).
fn field_for_words<'a>(form: &'a Form, text: &str, at: usize, end: usize) -> Option<&'a Field> {
    let window_start = text[..at].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
    let before = &text[window_start..at];
    let mut best: Option<(&Field, usize, usize)> = None;
    for f in form.fields.iter().filter(|f| matches!(f.kind, FieldKind::LongText | FieldKind::Text)) {
        let label = plain_label(&f.label);
        let label = label.split(['（', '(']).next().unwrap_or(&label).to_string();
        if label.chars().count() < 2 {
            continue;
        }
        let dist = match before.rfind(&label) {
            Some(p) => before.len() - (p + label.len()),
            None => match text[end..].find(&label).filter(|p| *p < 24) {
                Some(p) => 1000 + p,
                None => continue,
            },
        };
        if best.as_ref().is_none_or(|b| dist < b.2 || (dist == b.2 && label.len() > b.1)) {
            best = Some((f, label.len(), dist));
        }
    }
    best.map(|b| b.0).or_else(|| {
        // "事迹材料" and kin: the longest text field about 事迹.
        if text.contains("事迹") {
            form.fields
                .iter()
                .filter(|f| f.kind == FieldKind::LongText && f.label.contains("事迹"))
                .max_by_key(|f| f.words.as_ref().and_then(|w| w.max.or(w.target)).unwrap_or(0))
        } else {
            None
        }
    })
}

/// Every 字数 limit a sentence states: (limit, start, end, words).
fn limits_in(t: &str) -> Vec<(WordLimit, usize, usize, String)> {
    let mut out: Vec<(WordLimit, usize, usize, String)> = Vec::new();
    let taken = |out: &Vec<(WordLimit, usize, usize, String)>, a: usize, b: usize| {
        out.iter().any(|o| a < o.2 && o.1 < b)
    };
    let add = |out: &mut Vec<_>, m: regex::Match, limit: WordLimit, rule: String| {
        if !taken(out, m.start(), m.end()) {
            out.push((limit, m.start(), m.end(), rule));
        }
    };
    let num =
        |c: &regex::Captures, a: usize, b: usize| number(c.get(a).or(c.get(b)).map_or("", |m| m.as_str()));
    for c in words_range().captures_iter(t) {
        if let (Some(a), Some(b), Some(m)) = (number(&c[1]), number(&c[2]), c.get(0)) {
            let (lo, hi) = (a.min(b), a.max(b));
            if hi >= 20 {
                let limit = WordLimit {
                    target: Some((lo + hi) / 2),
                    tolerance: Some((hi - lo) / 2),
                    ..empty_limit()
                };
                add(&mut out, m, limit, format!("{lo}至{hi}字左右"));
            }
        }
    }
    for c in words_max().captures_iter(t) {
        if let (Some(n), Some(m)) = (num(&c, 1, 2), c.get(0)) {
            add(&mut out, m, WordLimit { max: Some(n), ..empty_limit() }, format!("{n}字以内"));
        }
    }
    for c in words_about().captures_iter(t) {
        if let (Some(n), Some(m)) = (num(&c, 1, 2), c.get(0)) {
            add(
                &mut out,
                m,
                WordLimit { target: Some(n), tolerance: Some(n / 5), ..empty_limit() },
                format!("{n}字左右"),
            );
        }
    }
    for c in words_min().captures_iter(t) {
        if let (Some(n), Some(m)) = (num(&c, 1, 2), c.get(0)) {
            add(&mut out, m, WordLimit { min: Some(n), ..empty_limit() }, format!("不少于{n}字"));
        }
    }
    for c in words_bare().captures_iter(t) {
        if let (Some(n), Some(m)) = (number(&c[1]), c.get(0)) {
            if n >= 20 {
                add(
                    &mut out,
                    m,
                    WordLimit { target: Some(n), tolerance: Some(n / 5), ..empty_limit() },
                    format!("{n}字"),
                );
            }
        }
    }
    out.sort_by_key(|o| o.1);
    out
}

fn word_limits(f: &mut Finder, form: &mut Form) {
    let all = f.all;
    for (i, s) in
        all.iter().enumerate().filter(|(_, s)| s.text.contains('字') && s.text.chars().count() <= 300)
    {
        let t = &s.text;
        // The heading just before, under the same numbering (`（一）征文。` then its rules).
        let heading = i
            .checked_sub(1)
            .map(|p| &all[p])
            .filter(|p| p.reference == s.reference && p.text.chars().count() <= 20);
        for (limit, at, end, rule) in limits_in(t) {
            let by_heading = || {
                let h = heading?;
                let joined = format!("{}{t}", h.text);
                field_for_words(form, &joined, at + h.text.len(), end + h.text.len())
            };
            let Some(id) = field_for_words(form, t, at, end).or_else(by_heading).map(|x| x.id.clone()) else {
                let said: String = t.chars().take(60).collect();
                f.undecided.push(format!(
                    "字数“{rule}”：没有判断出是哪一栏的要求（原句：{said}），请手动加到对应栏目。"
                ));
                continue;
            };
            let field = form.fields.iter_mut().find(|x| x.id == id).expect("found above");
            if let Some(had) =
                field.words.as_ref().filter(|w| w.clause.as_ref().is_some_and(|c| c.notice.is_some()))
            {
                // The first statement of a field's limit wins; the same said again (the form's label
                // repeating its 填表说明) is no news; another one is for a person to place.
                if (had.max, had.min, had.target) != (limit.max, limit.min, limit.target) {
                    let label = plain_label(&field.label);
                    let said: String = t.chars().take(60).collect();
                    f.undecided.push(format!(
                        "字数“{rule}”（原句：{said}…）：“{label}”已有字数要求，未重复设置；如是另一栏的要求，请手动添加。"
                    ));
                }
                continue;
            }
            let label = plain_label(&field.label);
            let clause =
                f.clause(format!("{label} {rule}"), &format!("candidate_form.fields.{id}.words"), &[s]);
            field.words = Some(WordLimit { clause: Some(clause), ..limit });
        }
    }
}

fn empty_limit() -> WordLimit {
    WordLimit { max: None, min: None, target: None, tolerance: None, clause: None }
}

pattern!(photo_count_range, &format!(r"({NUM}){DASH}({NUM})\s*张"));
pattern!(photo_count, &format!(r"({NUM})\s*张(及以上|以上)?"));
pattern!(
    photo_size,
    r"(?:不小于|不低于|不少于|大于|至少)\s*([0-9]+(?:\.[0-9]+)?)\s*(MB|Mb|mb|M|m|兆|KB|kb|K|k)|([0-9]+(?:\.[0-9]+)?)\s*(MB|M|兆|KB|K)\s*(?:以上|及以上)"
);
pattern!(dpi, r"([0-9]{2,4})\s*(?:dpi|DPI)");
pattern!(id_size, r"(小|大)?\s*([12一二两])\s*寸");
pattern!(background_colour, r"(红|白|蓝)(?:色)?(?:底|背景)");
pattern!(naming_rule, r"姓名\s*[+＋加]\s*序号");
pattern!(video_minutes_range, &format!(r"({NUM}){DASH}({NUM})\s*分钟"));
pattern!(
    video_minutes_max,
    &format!(r"(?:不超过|不超出|控制在|限)\s*({NUM})\s*分钟|({NUM})\s*分钟(?:以内|之内|以下)")
);
pattern!(video_minutes_min, &format!(r"(?:不少于|不低于|不短于)\s*({NUM})\s*分钟|({NUM})\s*分钟(?:以上)"));
pattern!(resolution, r"([0-9]{3,4})\s*[*×xX]\s*([0-9]{3,4})");

/// The printed size of a named ID-photo size, in mm (width, height).
fn id_photo_mm(small_or_large: Option<&str>, inches: u32) -> (f64, f64) {
    match (small_or_large, inches) {
        (Some("小"), 1) => (22.0, 32.0),
        (Some("大"), 1) => (33.0, 48.0),
        (_, 1) => (25.0, 35.0),
        (Some("小"), _) => (33.0, 48.0),
        (Some("大"), _) => (35.0, 53.0),
        _ => (35.0, 49.0),
    }
}

fn photo_rules<'a>(f: &mut Finder<'a>) -> Vec<Slot> {
    let all = f.all;
    let photo_sentences: Vec<&Sentence> = all
        .iter()
        .filter(|s| PHOTO_WORDS.iter().any(|k| s.text.contains(k)))
        .filter(|s| {
            ["张", "jpg", "JPG", "jpeg", "格式", "MB", "M以上", "dpi", "寸", "底", "不低于", "不小于"]
                .iter()
                .any(|k| s.text.contains(k))
        })
        .collect();
    if photo_sentences.is_empty() {
        return Vec::new();
    }
    // Shared rules: format, size, dpi, naming, wherever said about photos.
    let mut formats = Vec::new();
    let mut min_bytes = None;
    let mut min_dpi = None;
    let mut naming = None;
    let mut shared: Vec<&Sentence> = Vec::new();
    for s in &photo_sentences {
        let t = &s.text;
        let low = t.to_lowercase();
        let mut used = false;
        if low.contains("jpg") || low.contains("jpeg") {
            formats.push(MediaFormat::Jpeg);
            used = true;
        }
        if low.contains("png") {
            formats.push(MediaFormat::Png);
            used = true;
        }
        if let Some(c) = photo_size().captures(t) {
            let n: f64 = c.get(1).or(c.get(3)).map_or("0", |m| m.as_str()).parse().unwrap_or(0.0);
            let unit = c.get(2).or(c.get(4)).map_or("", |m| m.as_str()).to_uppercase();
            let bytes = if unit.starts_with('K') { n * 1024.0 } else { n * 1_048_576.0 };
            if bytes > 0.0 {
                min_bytes = Some(bytes as u64);
                used = true;
            }
        }
        if let Some(c) = dpi().captures(t) {
            min_dpi = c[1].parse().ok();
            used = true;
        }
        if naming_rule().is_match(t) {
            naming = Some("{姓名}{序号}".to_string());
            used = true;
        }
        if used && !shared.iter().any(|x| std::ptr::eq(*x, *s)) {
            shared.push(s);
        }
    }
    formats.sort_by_key(|f| *f as u8);
    formats.dedup();
    if formats.is_empty() {
        formats = vec![MediaFormat::Jpeg, MediaFormat::Png];
    }
    let mut slots = Vec::new();
    // Photos are named phrase by phrase (`小2寸…红底彩色照片1张、体现先进事迹的…照片3—5张`): the ID
    // photo's phrase names a size, 证件照 or 免冠; any other phrase with a count of 张 is the photos.
    let mut id_phrase: Option<(&Sentence, &str)> = None;
    let mut photo_phrase: Option<(&Sentence, &str)> = None;
    for s in &photo_sentences {
        for phrase in s.text.split(['、', '，', ',', '；', ';', '。']) {
            let is_photo = PHOTO_WORDS.iter().any(|k| phrase.contains(k));
            if !is_photo {
                continue;
            }
            let is_id =
                id_size().is_match(phrase) || ["证件照", "免冠", "标准照"].iter().any(|k| phrase.contains(k));
            if is_id {
                if id_phrase.is_none_or(|(_, p)| !photo_count().is_match(p) && photo_count().is_match(phrase))
                {
                    id_phrase = Some((s, phrase));
                }
            } else if photo_phrase.is_none()
                && (photo_count_range().is_match(phrase) || photo_count().is_match(phrase))
            {
                photo_phrase = Some((s, phrase));
            }
        }
    }
    let quote_with_shared = |s: &'a Sentence| -> Vec<&'a Sentence> {
        let mut q: Vec<&'a Sentence> = vec![s];
        q.extend(shared.iter().copied().filter(|x| !std::ptr::eq(*x, s)));
        q.sort_by_key(|x| all.iter().position(|y| std::ptr::eq(y, *x)));
        q
    };
    if let Some((s, phrase)) = id_phrase {
        let size = id_size().captures(phrase).map(|c| {
            let inches = number(&c[2]).unwrap_or(2);
            let small = c.get(1).map(|m| m.as_str());
            let (w, h) = id_photo_mm(small, inches);
            PhotoSize {
                name: format!("{}{}寸", small.unwrap_or(""), inches),
                width_mm: w,
                height_mm: h,
                ratio_tolerance: 0.06,
            }
        });
        let background = background_colour().captures(phrase).map(|c| match &c[1] {
            "红" => Background::Red,
            "白" => Background::White,
            _ => Background::Blue,
        });
        let count = photo_count().captures(phrase).and_then(|c| number(&c[1])).unwrap_or(1);
        let mut what = vec![format!("证件照 {count}张")];
        if let Some(sz) = &size {
            what.push(sz.name.clone());
        }
        if let Some(b) = background {
            what.push(
                match b {
                    Background::Red => "红底",
                    Background::White => "白底",
                    Background::Blue => "蓝底",
                }
                .into(),
            );
        }
        let quoted = quote_with_shared(s);
        let clause = f.clause(what.join(" "), "candidate_slots.id_photo", &quoted);
        slots.push(photo_slot(
            "id_photo",
            "证件照",
            Count { min: count, max: Some(count) },
            &formats,
            min_bytes,
            min_dpi,
            &naming,
            clause,
            (size.is_some() || background.is_some()).then_some(IdPhoto { size, background, clause: None }),
        ));
    }
    if let Some((s, phrase)) = photo_phrase {
        let (min, max) = if let Some(c) = photo_count_range().captures(phrase) {
            let (a, b) = (number(&c[1]).unwrap_or(1), number(&c[2]).unwrap_or(1));
            (a.min(b), Some(a.max(b)))
        } else {
            let c = photo_count().captures(phrase).expect("matched above");
            let n = number(&c[1]).unwrap_or(1);
            (n, c.get(2).is_none().then_some(n))
        };
        let rule = match max {
            Some(m) if m != min => format!("照片 {min}—{m}张"),
            Some(_) => format!("照片 {min}张"),
            None => format!("照片 {min}张及以上"),
        };
        let quoted = quote_with_shared(s);
        let clause = f.clause(rule, "candidate_slots.photo", &quoted);
        slots.push(photo_slot(
            "photo",
            "照片",
            Count { min, max },
            &formats,
            min_bytes,
            min_dpi,
            &naming,
            clause,
            None,
        ));
    } else if !shared.is_empty() && id_phrase.is_none_or(|(s, _)| shared.iter().any(|x| !std::ptr::eq(*x, s)))
    {
        // Rules for photos without a count (`每张图片不低于1M`): the photos may be any number.
        let quoted: Vec<&Sentence> = shared.clone();
        let clause = f.clause("照片（张数未写明）".into(), "candidate_slots.photo", &quoted);
        f.undecided.push("照片：通知写了照片的要求，但没有写张数；草稿按“不限张数”起草，请核对。".into());
        slots.push(photo_slot(
            "photo",
            "照片",
            Count { min: 0, max: None },
            &formats,
            min_bytes,
            min_dpi,
            &naming,
            clause,
            None,
        ));
    }
    slots
}

/// Words that make a phrase about photos (not `按照`, `参照`).
const PHOTO_WORDS: &[&str] =
    &["照片", "相片", "图片", "证件照", "工作照", "生活照", "单人照", "近照", "标准照", "免冠照", "合影"];

#[allow(clippy::too_many_arguments)]
fn photo_slot(
    id: &str,
    label: &str,
    count: Count,
    formats: &[MediaFormat],
    min_bytes: Option<u64>,
    min_dpi: Option<u32>,
    naming: &Option<String>,
    clause: Clause,
    id_photo: Option<IdPhoto>,
) -> Slot {
    Slot {
        min_bytes,
        min_dpi,
        id_photo,
        naming: naming.clone(),
        ..new_slot(id, label, SlotKind::Photo, count, formats.to_vec(), clause)
    }
}

fn video_rules(f: &mut Finder) -> Option<Slot> {
    let all = f.all;
    let s = all.iter().find(|s| {
        ["视频", "短片", "音像", "微视频"].iter().any(|k| s.text.contains(k)) && {
            let low = s.text.to_lowercase();
            low.contains("mp4")
                || low.contains("mov")
                || s.text.contains("分钟")
                || resolution().is_match(&s.text)
                || low.contains("1080p")
        }
    })?;
    let t = &s.text;
    let low = t.to_lowercase();
    let mut formats = Vec::new();
    if low.contains("mp4") {
        formats.push(MediaFormat::Mp4);
    }
    if low.contains("mov") {
        formats.push(MediaFormat::Mov);
    }
    if formats.is_empty() {
        formats = vec![MediaFormat::Mp4, MediaFormat::Mov];
    }
    let mut rule = VideoRule {
        min_seconds: None,
        max_seconds: None,
        resolutions: vec![],
        min_resolution: None,
        clause: None,
    };
    let mut what = vec!["视频".to_string()];
    if let Some(c) = video_minutes_range().captures(t) {
        if let (Some(a), Some(b)) = (number(&c[1]), number(&c[2])) {
            rule.min_seconds = Some(a.min(b) * 60);
            rule.max_seconds = Some(a.max(b) * 60);
            what.push(format!("{}—{}分钟", a.min(b), a.max(b)));
        }
    } else {
        if let Some(n) = video_minutes_max()
            .captures(t)
            .and_then(|c| number(c.get(1).or(c.get(2)).map_or("", |m| m.as_str())))
        {
            rule.max_seconds = Some(n * 60);
            what.push(format!("{n}分钟以内"));
        }
        if let Some(n) = video_minutes_min()
            .captures(t)
            .and_then(|c| number(c.get(1).or(c.get(2)).map_or("", |m| m.as_str())))
        {
            rule.min_seconds = Some(n * 60);
            what.push(format!("不少于{n}分钟"));
        }
    }
    let sizes: Vec<Pixels> = resolution()
        .captures_iter(t)
        .filter_map(|c| Some(Pixels { width: c[1].parse().ok()?, height: c[2].parse().ok()? }))
        .collect();
    if t.contains("不低于") || t.contains("不小于") || t.contains("以上") {
        if let Some(p) = sizes.first() {
            rule.min_resolution = Some(*p);
            what.push(format!("不低于{}×{}", p.width, p.height));
        }
    } else if !sizes.is_empty() {
        rule.resolutions = sizes.clone();
        what.push(sizes.iter().map(|p| format!("{}×{}", p.width, p.height)).collect::<Vec<_>>().join("或"));
    } else if low.contains("1080p") {
        rule.resolutions = vec![Pixels { width: 1920, height: 1080 }, Pixels { width: 1080, height: 1920 }];
        what.push("1080p".into());
    }
    let optional = ["可", "有条件", "鼓励", "数量不限", "如有"].iter().any(|k| t.contains(k));
    if !optional {
        f.undecided.push("视频：通知没有说明是否必须提供，草稿按“可不提供”起草，请核对。".into());
    }
    let clause = f.clause(what.join(" "), "candidate_slots.video", &[s]);
    let has_rule = rule.min_seconds.is_some()
        || rule.max_seconds.is_some()
        || !rule.resolutions.is_empty()
        || rule.min_resolution.is_some();
    let count = Count { min: 0, max: None };
    Some(Slot {
        video: has_rule.then_some(rule),
        ..new_slot("video", "视频", SlotKind::Video, count, formats, clause)
    })
}

pattern!(paper_copies, &format!(r"纸质(?:版|材料|稿|件)?[^，。；、]{{0,8}}?(?:一式)?\s*({NUM})\s*份"));
pattern!(one_set, &format!(r"一式\s*({NUM})\s*份"));
pattern!(each_copies, &format!(r"各\s*({NUM})\s*份"));

/// Paper copies a sentence asks for: `纸质版3份`, `纸质材料（3份，加盖公章）`, `一式3份`, or
/// `电子版和纸质版各1份`.
fn copies(t: &str) -> u32 {
    let first = |r: &Regex| r.captures(t).and_then(|c| number(&c[1]));
    first(paper_copies())
        .or_else(|| first(one_set()))
        .or_else(|| first(each_copies()).filter(|_| t.contains("纸质")))
        .unwrap_or(0)
}

fn doc_formats(t: &str) -> Vec<MediaFormat> {
    let low = t.to_lowercase();
    let mut out = Vec::new();
    if low.contains("word") || low.contains("doc") {
        out.push(MediaFormat::Docx);
    }
    if low.contains("pdf") {
        out.push(MediaFormat::Pdf);
    }
    out
}

/// The documents a notice asks for by name: (key words, slot id, label, per candidate).
const DOCUMENTS: &[(&[&str], &str, &str, Per)] = &[
    (&["推荐工作情况报告", "工作情况报告"], "work_report", "推荐工作情况报告", Per::Unit),
    (&["会议纪要"], "meeting_minutes", "会议纪要", Per::Unit),
    (&["公示情况说明", "公示材料", "公示证明", "公示结果"], "publicity", "公示情况说明", Per::Unit),
    (
        &["无违法犯罪证明", "无犯罪记录证明", "无违法犯罪记录证明"],
        "no_crime_certificate",
        "无违法犯罪证明",
        Per::Candidate,
    ),
    (&["廉政证明", "廉洁证明", "廉政意见"], "integrity_certificate", "廉政证明", Per::Candidate),
];

fn documents(f: &mut Finder, deliverables: &mut Vec<Deliverable>) -> (Vec<Slot>, Vec<Slot>) {
    let (mut per_candidate, mut per_unit) = (Vec::new(), Vec::new());
    for (keys, id, label, per) in DOCUMENTS {
        let hits = f.with(keys);
        let Some(first) = hits.first().copied() else { continue };
        // The sentence that says how it is delivered, if any: formats and paper copies.
        let how = hits.iter().find(|s| !doc_formats(&s.text).is_empty() || copies(&s.text) > 0).copied();
        let t = how.map_or(first.text.as_str(), |s| s.text.as_str());
        let mut formats = doc_formats(t);
        formats.retain(|f| matches!(f, MediaFormat::Pdf | MediaFormat::Docx));
        let any_format = formats.is_empty();
        if any_format {
            formats = vec![MediaFormat::Pdf, MediaFormat::Docx, MediaFormat::Jpeg];
        }
        let sealed = t.contains("公章") || t.contains("盖章");
        let mut quoted = vec![first];
        if let Some(h) = how.filter(|h| !std::ptr::eq(*h, first)) {
            quoted.push(h);
        }
        let clause = f.clause(
            format!("{label}（{}）", if *per == Per::Unit { "每单位" } else { "每人" }),
            &format!("slots.{id}"),
            &quoted,
        );
        let who = if *per == Per::Unit { "单位" } else { "姓名" };
        let count = Count { min: 1, max: Some(1) };
        let slot = Slot {
            naming: Some(format!("{{{who}}}-{label}")),
            sealed,
            ..new_slot(id, label, SlotKind::Document, count, formats.clone(), clause.clone())
        };
        let listed = if any_format { vec![] } else { formats };
        deliverables.push(Deliverable {
            paper_copies: copies(t),
            sealed,
            ..new_deliverable(id, label.to_string(), DeliverableSource::Slot, listed, *per, clause)
        });
        if *per == Per::Unit {
            per_unit.push(slot);
        } else {
            per_candidate.push(slot);
        }
    }
    (per_candidate, per_unit)
}

pattern!(form_title, r"《([^《》]{2,60}(?:推荐表|推报表|申报表|登记表))》");
pattern!(summary_title, r"《?([^《》，。；、]{0,40}汇总表)》?");
pattern!(blank_copies, &format!(r"其中\s*({NUM})\s*份[^。；]*留白"));

fn form_deliverable(f: &mut Finder, form_title_found: Option<&str>) -> Option<Deliverable> {
    let all = f.all;
    let s = all
        .iter()
        .filter(|s| s.text.contains("推荐表") || s.text.contains("推报表") || s.text.contains("申报表"))
        .find(|s| !doc_formats(&s.text).is_empty() || copies(&s.text) > 0 || s.text.contains("电子版"))?;
    let t = &s.text;
    let mut formats = doc_formats(t);
    if formats.is_empty() {
        formats = vec![MediaFormat::Docx, MediaFormat::Pdf];
    }
    let mut n = copies(t);
    let mut quoted = vec![s];
    let mut sealed = t.contains("公章") || t.contains("盖章");
    if n == 0 {
        // `以上有关纸质材料（3份，加盖公章）`: copies said once for every material listed.
        if let Some(all_of) =
            all.iter().find(|x| x.text.contains("以上") && x.text.contains("纸质") && copies(&x.text) > 0)
        {
            n = copies(&all_of.text);
            sealed |= all_of.text.contains("公章") || all_of.text.contains("盖章");
            if !std::ptr::eq(all_of, s) {
                quoted.push(all_of);
                quoted.sort_by_key(|x| all.iter().position(|y| std::ptr::eq(y, *x)));
            }
        }
    }
    let blank = blank_copies().captures(t).and_then(|c| number(&c[1])).unwrap_or(0).min(n);
    let scan_after_seal = formats.contains(&MediaFormat::Pdf)
        && (t.contains("盖章后") || t.contains("签章后") || t.contains("扫描"));
    let label = form_title_found.unwrap_or("推荐表").to_string();
    let rule = format!(
        "{label}：电子版{}{}",
        formats
            .iter()
            .map(|f| if *f == MediaFormat::Docx { "Word" } else { "PDF" })
            .collect::<Vec<_>>()
            .join("和"),
        if n > 0 { format!("，纸质版{n}份") } else { String::new() }
    );
    let clause = f.clause(rule, "deliverables.recommendation_form", &quoted);
    Some(Deliverable {
        paper_copies: n,
        blank_copies: blank,
        sealed,
        scan_after_seal,
        ..new_deliverable(
            "recommendation_form",
            label,
            DeliverableSource::CandidateForm,
            formats,
            Per::Candidate,
            clause,
        )
    })
}

fn delivery(f: &mut Finder, organiser: &str) -> Delivery {
    let all = f.all;
    let emails: Vec<String> = {
        let mut v: Vec<String> =
            all.iter().flat_map(|s| email().find_iter(&s.text).map(|m| m.as_str().to_string())).collect();
        v.dedup();
        v
    };
    let mut channels = Vec::new();
    if !emails.is_empty() {
        channels.push(Channel::Email);
    }
    let text_all: String = all.iter().map(|s| s.text.as_str()).collect();
    if text_all.contains("纸质") {
        channels.push(Channel::Paper);
    }
    if text_all.contains("U盘") {
        channels.push(Channel::Usb);
    }
    if text_all.contains("光盘") {
        channels.push(Channel::Cd);
    }
    // An upload platform: a sentence about a 平台 or 系统 that one logs in to or submits through (not
    // "运用媒体平台").
    let platform = all.iter().any(|s| {
        (s.text.contains("平台") || s.text.contains("系统"))
            && ["登录", "上传", "在线填报", "网上填报", "提交"].iter().any(|k| s.text.contains(k))
    });
    if platform {
        channels.push(Channel::Platform);
    }
    if channels.is_empty() {
        channels.push(Channel::Paper);
        f.undecided.push("报送方式：通知中没有找到电子邮箱或报送地址，请补充。".into());
    }
    let pick = |re_text: &str| -> Option<String> {
        let r = Regex::new(re_text).ok()?;
        all.iter().find_map(|s| r.captures(&s.text).map(|c| c[1].trim().to_string()))
    };
    let address = pick(r"(?:报送地址|通讯地址|联系地址|邮寄地址|地址)\s*[:：]\s*([^，。；;,\n]+)");
    let postcode = pick(r"(?:邮政编码|邮编)\s*[:：]?\s*([0-9]{6})");
    let phone = pick(r"(?:联系电话|电\s*话)\s*[:：]\s*([0-9（）()\-－ ]{5,24}[0-9])");
    let contact = pick(r"联\s*系\s*人\s*[:：]\s*([\p{Han}]{2,4}(?:[ 、，,\u{3000}]+[\p{Han}]{2,4})?)");
    let stated = Regex::new(r"(?:地址|联\s*系\s*人|电\s*话|邮政编码|邮编)\s*[:：]").expect("compiles");
    let quoted: Vec<&Sentence> = all
        .iter()
        .filter(|s| email().is_match(&s.text) || stated.is_match(&s.text))
        .filter(|s| s.text.chars().count() <= 300)
        .take(4)
        .collect();
    let clause = if quoted.is_empty() {
        Clause::advice("通知未写明报送方式；请按主办单位要求报送。")
    } else {
        let what = format!(
            "报送：{}",
            emails.first().cloned().or(address.clone()).unwrap_or_else(|| "见通知".into())
        );
        f.clause(what, "delivery", &quoted)
    };
    let recipient = pick(r"报送?(?:至|到)?\s*([\p{Han}]{2,20}(?:部|处|办公室|科|室|中心))")
        .unwrap_or_else(|| organiser.to_string());
    Delivery {
        recipient,
        channels,
        emails,
        address,
        postcode,
        contact: contact.map(|c| tidy(&c)),
        phone: phone.map(|p| p.trim().to_string()),
        clause,
    }
}

/// Re-cites a clause taken from the base profile: kept where its words are in this notice too (the
/// notice reproduces the same form), else our advice — another notice's words bind nobody here.
fn rebase(c: &Option<Clause>, body: &str, what: &str, base_title: &str) -> Option<Clause> {
    let c = c.as_ref()?;
    if c.authority() == Authority::Advice {
        return Some(c.clone());
    }
    match c.quote.as_deref().map(|q| find_quote(body, q)) {
        Some(Ok(())) => Some(c.clone()),
        _ => Some(Clause::advice(&format!(
            "建议填写{what}（取自内置活动“{base_title}”的表格；本通知未写明要求，请按本通知的表格核对）。"
        ))),
    }
}

fn rebase_form(form: &mut Form, body: &str, base_title: &str, all_required: Option<&Clause>) {
    for field in &mut form.fields {
        // A label that carries the other notice's numbers (`主要事迹（3000字以内）`) loses them, unless
        // this notice's form has the same label.
        if field.label.contains('（') && find_quote(body, &field.label).is_err() {
            let plain = plain_label(&field.label);
            if let Some((head, _)) = plain.split_once('（') {
                field.label = head.to_string();
            }
        }
        let label = plain_label(&field.label);
        field.clause = match all_required {
            Some(c) => Some(c.clone()),
            None => rebase(&field.clause, body, &label, base_title),
        };
        // Limits and lists of the other notice go; this notice's own are added after.
        field.words = None;
        if let Some(fb) = &mut field.forbidden {
            fb.clause =
                rebase(&fb.clause, body, &label, base_title).or_else(|| Some(Clause::advice(&fb.hint)));
        }
        if let Some(p) = &mut field.pattern {
            p.clause = rebase(&p.clause, body, &label, base_title).or_else(|| Some(Clause::advice(&p.hint)));
        }
        if let Some(m) = &mut field.must_contain {
            m.clause = rebase(&m.clause, body, &label, base_title).or_else(|| Some(Clause::advice(&m.hint)));
        }
        if let Some(s) = &mut field.starts_after {
            s.clause = rebase(&s.clause, body, &label, base_title);
        }
        if field.clause.as_ref().is_some_and(|c| c.authority() == Authority::Advice) {
            // A layout the other notice's 填表说明 demanded is not this notice's, nor its help
            // (which names its places and years).
            field.help = None;
            field.format = None;
            for col in &mut field.columns {
                col.format = None;
            }
        }
    }
}

/// Drafts a profile from a notice's text, starting its form from the most alike of `builtins`.
pub fn draft(text: &str, builtins: &[Profile]) -> Draft {
    let notice = header(text);
    let all = sentences(&notice.body);
    let mut f = Finder { all: &all, found: Vec::new(), undecided: Vec::new() };
    let year = Regex::new(r"(20\d\d)\s*年")
        .ok()
        .and_then(|r| {
            r.captures(&notice.title).or_else(|| r.captures(&notice.body)).and_then(|c| c[1].parse().ok())
        })
        .or_else(|| notice.issued.as_deref().and_then(|d| d.get(..4)?.parse().ok()))
        .unwrap_or(2000);
    let base = builtins
        .iter()
        .map(|p| {
            let theirs = NoticeText::builtin(&p.id).map(|n| n.body).unwrap_or_else(|| p.title.clone());
            (likeness(&notice.body, &theirs), p)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, p)| p.clone());
    let Some(base) = base else {
        unreachable!("the built-in profiles are never empty");
    };
    let body = notice.body.clone();
    let organiser = notice.issuer.clone().unwrap_or_else(|| base.organiser.clone());
    let deadline = deadline(&mut f, year);
    if deadline.is_none() {
        f.undecided.push("截止时间：通知中没有找到报送材料的截止日期，请补充 [deadline]。".into());
    }
    let quota = quota(&mut f);
    let all_required = all
        .iter()
        .find(|s| s.text.contains("均为必填") || s.text.contains("全部为必填") || s.text.contains("均须填写"))
        .cloned();
    let all_required = all_required.map(|s| f.clause("推荐表所有栏目必填".into(), "candidate_form", &[&s]));
    let found_title = all.iter().find_map(|s| form_title().captures(&s.text).map(|c| c[1].to_string()));
    let mut candidate_form = base.candidate_form.clone();
    rebase_form(&mut candidate_form, &body, &base.title, all_required.as_ref());
    if let Some(t) = &found_title {
        candidate_form.title = t.clone();
    }
    candidate_form.note = None;
    if let Some(layout) = &mut candidate_form.layout {
        layout.instructions.retain(|i| find_quote(&body, i).is_ok());
        if layout.instructions.is_empty() {
            layout.year_month_printed = None;
        }
        if !body.contains("留白") {
            layout.blank_variant = None;
        }
        if let (Some(cover), Some(t)) = (&mut layout.cover, &found_title) {
            if let Some(head) = t.strip_suffix("推荐表") {
                cover.title = vec![head.to_string(), "推  荐  表".to_string()];
            }
        }
    }
    word_limits(&mut f, &mut candidate_form);
    let mut unit_form = base.unit_form.clone();
    rebase_form(&mut unit_form, &body, &base.title, None);
    let mut deliverables = Vec::new();
    if let Some(d) = form_deliverable(&mut f, found_title.as_deref()) {
        deliverables.push(d);
    } else {
        f.undecided
            .push("推荐表：没有找到推荐表的报送格式和份数，草稿按“电子版Word和PDF”起草，请核对。".into());
        deliverables.push(new_deliverable(
            "recommendation_form",
            found_title.clone().unwrap_or_else(|| candidate_form.title.clone()),
            DeliverableSource::CandidateForm,
            vec![MediaFormat::Docx, MediaFormat::Pdf],
            Per::Candidate,
            unstated_form_clause(),
        ));
    }
    let summary_sentence = all.iter().find(|s| s.text.contains("汇总表")).cloned();
    let summary = match (&summary_sentence, &base.summary) {
        (Some(s), Some(base_summary)) => {
            let title =
                summary_title().captures(&s.text).map(|c| c[1].trim_start_matches(['《', '、']).to_string());
            let clause = f.clause("汇总表".into(), "summary", &[s]);
            let formats = {
                let v = doc_formats(&s.text);
                if v.is_empty() {
                    vec![MediaFormat::Docx, MediaFormat::Pdf]
                } else {
                    v
                }
            };
            let label = title.clone().unwrap_or_else(|| base_summary.title.clone());
            deliverables.push(Deliverable {
                extra_formats: vec!["xlsx".into()],
                paper_copies: copies(&s.text),
                ..new_deliverable(
                    "summary_table",
                    label,
                    DeliverableSource::SummaryTable,
                    formats,
                    Per::Unit,
                    clause.clone(),
                )
            });
            Some(Summary {
                title: title.unwrap_or_else(|| base_summary.title.clone()),
                clause,
                ..base_summary.clone()
            })
        }
        (Some(_), None) => {
            f.undecided.push(
                "汇总表：通知要求汇总表，但起草所用的内置表格没有汇总表栏目，请补充 [summary]。".into(),
            );
            None
        }
        _ => None,
    };
    let mut candidate_slots = photo_rules(&mut f);
    candidate_slots.extend(video_rules(&mut f));
    let (docs_c, unit_slots) = documents(&mut f, &mut deliverables);
    candidate_slots.extend(docs_c);
    // The photo cell of the form is filled from the ID photo, when the notice asks for one.
    if !candidate_slots.iter().any(|s| s.id == "id_photo") {
        candidate_form.fields.retain(|x| x.kind != FieldKind::Photo);
        if let Some(layout) = &mut candidate_form.layout {
            layout.photo = None;
        }
    }
    for field in candidate_form.fields.iter_mut().filter(|x| x.kind == FieldKind::Photo) {
        field.slot = Some("id_photo".into());
    }
    let delivery = delivery(&mut f, &organiser);
    if all.iter().any(|s| s.text.contains("形式不限")) {
        f.undecided.push("材料形式：通知写有“形式不限”，如允许以不同形式提交事迹材料，请用 [[alternatives]] 写明“至少提供其一”。".into());
    }
    f.undecided.push(format!(
        "表格：通知正文未列出推荐表的全部栏目；草稿的栏目取自内置活动“{}”的推荐表，未经本通知写明的栏目只作建议。请对照本通知附件的表格增删栏目。",
        base.title
    ));
    f.undecided.push(
        "需本人确认的条件（遴选标准、不得推荐的人员等）未自动提取；请按通知补充 [[declarations]]。".into(),
    );
    if notice.title.trim().is_empty() {
        f.undecided.push("标题：没有找到通知的标题，请在 title 和 [notice] 中填写。".into());
    }
    let hash = hex::encode(&Sha256::digest(body.as_bytes())[..4]);
    let title = notice.title.trim_start_matches("关于").trim_end_matches("的通知").to_string();
    let title = ["组织开展", "开展", "做好", "推荐宣传", "推荐"]
        .iter()
        .find_map(|p| title.strip_prefix(p))
        .map(str::to_string)
        .unwrap_or(title);
    let short_title = Regex::new("“([^”]{2,20})”")
        .ok()
        .and_then(|r| r.captures(&notice.title).map(|c| c[1].to_string()))
        .unwrap_or_else(|| base.short_title.clone());
    let profile = Profile {
        format: PROFILE_FORMAT.into(),
        id: format!("draft-{year}-{hash}"),
        title: match (title.trim().is_empty(), notice.title.trim().is_empty()) {
            (false, _) => title,
            (true, false) => notice.title.clone(),
            (true, true) => "未命名活动（草稿）".to_string(),
        },
        short_title,
        year,
        organiser: organiser.clone(),
        notice: Notice {
            title: notice.title.clone(),
            issuer: organiser,
            number: notice.number.clone(),
            issued: notice.issued.clone(),
            source: notice.source.clone(),
        },
        form_source: FormSource {
            form: found_title.clone().unwrap_or_else(|| candidate_form.title.clone()),
            borrowed_from: Some(format!(
                "草稿：表格栏目取自内置活动“{}”，请按本通知所附表格核对。",
                base.title
            )),
            note: None,
            text: None,
        },
        deadline,
        delivery,
        quota,
        candidate_form,
        unit_form,
        summary,
        candidate_slots,
        unit_slots,
        alternatives: vec![],
        deliverables,
        declarations: vec![],
    };
    let notice_file = notice_file(&NoticeText { issuer: Some(profile.notice.issuer.clone()), ..notice });
    Draft { profile, notice_file, found: f.found, undecided: f.undecided }
}

/// The draft as a profile file: a comment listing what is left to decide, then the TOML.
pub fn to_toml(d: &Draft) -> String {
    let mut out = String::from("# 草稿：由 `jianbao profile draft` 从通知原文生成。每条规则引用其出处原句；\n# 以下事项需人工确认：\n");
    for u in &d.undecided {
        // A comment is one line of printable text.
        let line: String = u.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        out.push_str(&format!("#  - {line}\n"));
    }
    out.push('\n');
    out.push_str(&toml::to_string(&d.profile).expect("a profile serialises to TOML"));
    out
}

#[cfg(test)]
mod tests;

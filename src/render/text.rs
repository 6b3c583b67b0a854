//! Chinese line breaking with 禁则, and justification.
//!
//! Written by hand because krilla shapes a line but does not break lines (FIELD-NOTES), and no crate
//! implements the Chinese rules the forms need: a line may not begin with closing punctuation
//! (，。、；：？！）》」』】…) nor end with opening punctuation (（《「『【…); a Latin word or number stays
//! whole unless it alone is wider than the line (a long e-mail address is then cut anywhere).

/// Characters that may not begin a line.
const NO_START: &str = "，。、；：？！）》」』】〕〗〙〛”’…—·％‰,.;:?!)]}%、～";
/// Characters that may not end a line.
const NO_END: &str = "（《「『【〔〖〘〚“‘([{";

/// Whether `c` may begin a line.
pub fn may_start_line(c: char) -> bool {
    !NO_START.contains(c)
}

/// Whether `c` may end a line.
pub fn may_end_line(c: char) -> bool {
    !NO_END.contains(c)
}

/// How wide text is, in points at a given size.
pub trait Measure {
    /// Advance width of one character at `size` points.
    fn advance(&self, c: char, size: f32) -> f32;

    /// How much narrower the pair `a b` sets than its two advances (punctuation compression).
    fn squeeze(&self, _a: char, _b: char, _size: f32) -> f32 {
        0.0
    }

    /// Width of a string as it is set (compression included).
    fn width(&self, s: &str, size: f32) -> f32 {
        let mut w = 0.0;
        let mut prev: Option<char> = None;
        for c in s.chars() {
            if let Some(p) = prev {
                w -= self.squeeze(p, c, size);
            }
            w += self.advance(c, size);
            prev = Some(c);
        }
        w
    }
}

/// A piece of a line: text and its offset from the line's start, after justification.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// The text (one CJK character, or a Latin word).
    pub text: String,
    /// Offset from the start of the line.
    pub x: f32,
}

/// A laid-out line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// Its pieces, positioned.
    pub pieces: Vec<Piece>,
    /// The line's text, for tests and extraction checks.
    pub text: String,
    /// Where its last piece ends.
    pub width: f32,
}

/// A unit of breaking: one CJK character or punctuation mark, a Latin run, or a space.
#[derive(Debug, Clone)]
struct Unit {
    text: String,
    width: f32,
    space: bool,
}

fn is_latin(c: char) -> bool {
    !c.is_whitespace() && (c.is_ascii() || matches!(c as u32, 0x00C0..=0x024F))
}

/// Units of measure and counters that stay on the line of the number before them (`3000字`,
/// `42 mm` is already one Latin run, `20%`, `1986年`).
const UNIT_AFTER_NUMBER: &str = "字年月日时分秒岁名个项篇张件次万亿元米克吨度℃％%‰";

fn units(para: &str, m: &dyn Measure, size: f32) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut latin = String::new();
    let flush = |latin: &mut String, out: &mut Vec<Unit>| {
        if !latin.is_empty() {
            out.push(Unit { width: m.width(latin, size), text: std::mem::take(latin), space: false });
        }
    };
    let chars: Vec<char> = para.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' || c == '\t' {
            flush(&mut latin, &mut out);
            out.push(Unit { text: " ".into(), width: m.advance(' ', size), space: true });
        } else if is_latin(c) {
            // ASCII punctuation stays attached to its word (e-mail addresses, URLs, 1,234.56).
            latin.push(c);
        } else if UNIT_AFTER_NUMBER.contains(c) && latin.chars().last().is_some_and(|d| d.is_ascii_digit()) {
            // A number keeps its unit: 3000字 never breaks before 字.
            latin.push(c);
        } else {
            flush(&mut latin, &mut out);
            let squeeze = chars.get(i + 1).map(|&n| m.squeeze(c, n, size)).unwrap_or(0.0);
            out.push(Unit { text: c.to_string(), width: m.advance(c, size) - squeeze, space: false });
        }
    }
    flush(&mut latin, &mut out);
    out
}

/// Width at `size` of the widest unbreakable word of `text` (an e-mail address, a URL, a number with
/// its unit): a cell narrower than this may set the text smaller before cutting the word.
pub fn longest_word(text: &str, m: &dyn Measure, size: f32) -> f32 {
    text.split('\n')
        .flat_map(|p| units(p, m, size))
        .filter(|u| u.text.chars().count() > 1)
        .map(|u| u.width)
        .fold(0.0, f32::max)
}

/// Splits a unit wider than the line into pieces that fit.
fn split_wide(u: &Unit, width: f32, m: &dyn Measure, size: f32) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut w = 0.0;
    for c in u.text.chars() {
        let a = m.advance(c, size);
        if w + a > width && !cur.is_empty() {
            out.push(Unit { text: std::mem::take(&mut cur), width: w, space: false });
            w = 0.0;
        }
        cur.push(c);
        w += a;
    }
    if !cur.is_empty() {
        out.push(Unit { text: cur, width: w, space: false });
    }
    out
}

fn first_char(u: &Unit) -> char {
    u.text.chars().next().unwrap_or(' ')
}

fn last_char(u: &Unit) -> char {
    u.text.chars().last().unwrap_or(' ')
}

/// Breaks one paragraph (no newlines) into lines of at most `width`, justified except the last.
/// `indent` is the first line's indent (two characters for Chinese prose).
pub fn break_paragraph(para: &str, width: f32, indent: f32, m: &dyn Measure, size: f32) -> Vec<Line> {
    lay_out(para, width, indent, m, size, true)
}

/// Like [`break_paragraph`] but ragged-right, for table cells.
pub fn break_cell(text: &str, width: f32, m: &dyn Measure, size: f32) -> Vec<Line> {
    text.split('\n').flat_map(|p| lay_out(p.trim(), width, 0.0, m, size, false)).collect()
}

fn lay_out(para: &str, width: f32, indent: f32, m: &dyn Measure, size: f32, justify: bool) -> Vec<Line> {
    let mut all: Vec<Unit> = Vec::new();
    for u in units(para, m, size) {
        if !u.space && u.width > width - indent {
            all.extend(split_wide(&u, width - indent, m, size));
        } else {
            all.push(u);
        }
    }
    let mut lines: Vec<Vec<Unit>> = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let avail = if lines.is_empty() { width - indent } else { width };
        // Skip spaces at a line start.
        while i < all.len() && all[i].space && !lines.is_empty() {
            i += 1;
        }
        let start = i;
        let mut w = 0.0;
        while i < all.len() && (w + all[i].width <= avail + 0.01 || i == start) {
            w += all[i].width;
            i += 1;
        }
        // Apply 禁则: never leave a forbidden start for the next line, nor a forbidden end here.
        if i < all.len() {
            let mut end = i;
            while end > start + 1
                && ((!may_start_line(first_char(&all[end])) && !all[end].space)
                    || !may_end_line(last_char(&all[end - 1])))
            {
                end -= 1;
            }
            // If backing off would empty the line, hang the punctuation instead (rare: a line of marks).
            if end > start {
                i = end;
            }
        }
        lines.push(all[start..i].to_vec());
    }
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(k, mut units)| {
            while units.last().is_some_and(|u| u.space) {
                units.pop();
            }
            let avail = if k == 0 { width - indent } else { width };
            let used: f32 = units.iter().map(|u| u.width).sum();
            let gaps = units.len().saturating_sub(1);
            // Justify every line but the last; never stretch a line that is far too short (hard breaks).
            let extra = if justify && k + 1 < n && gaps > 0 && used > avail * 0.6 {
                (avail - used).max(0.0) / gaps as f32
            } else {
                0.0
            };
            let mut x = if k == 0 { indent } else { 0.0 };
            let mut pieces = Vec::new();
            let mut text = String::new();
            let mut end = x;
            for u in units {
                text.push_str(&u.text);
                // Spaces are drawn too (as glyphs), so copied or extracted text keeps them.
                pieces.push(Piece { text: u.text.clone(), x });
                if !u.space {
                    end = x + u.width;
                }
                x += u.width + extra;
            }
            Line { pieces, text, width: end }
        })
        .collect()
}

/// Breaks a text with newlines into lines; each paragraph starts with `indent`.
pub fn break_text(text: &str, width: f32, indent: f32, m: &dyn Measure, size: f32) -> Vec<Line> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let para = para.trim_end_matches('\r');
        if para.trim().is_empty() {
            out.push(Line::default());
            continue;
        }
        out.extend(break_paragraph(para.trim(), width, indent, m, size));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CJK 1 em, Latin half an em.
    struct Mono;
    impl Measure for Mono {
        fn advance(&self, c: char, size: f32) -> f32 {
            if c.is_ascii() {
                size / 2.0
            } else {
                size
            }
        }
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        let text =
            "他说：“科技工作者的价值，要在服务国家和人民中体现。”同事们说，他办公室的灯总是最后一个熄灭。"
                .repeat(20);
        for width in [100.0, 110.0, 120.0, 130.0, 170.0, 230.0] {
            let lines = break_text(&text, width, 20.0, &Mono, 10.0);
            for (i, l) in lines.iter().enumerate() {
                let first = l.text.chars().next().unwrap();
                let last = l.text.chars().last().unwrap();
                assert!(may_start_line(first) || i == 0, "line {i} starts with {first}: {}", l.text);
                assert!(may_end_line(last) || i + 1 == lines.len(), "line {i} ends with {last}: {}", l.text);
            }
            let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
            assert_eq!(joined, text, "nothing is lost or duplicated");
        }
    }

    #[test]
    fn justified_lines_fill_the_width() {
        let lines = break_paragraph(&"科技创新服务群众".repeat(10), 105.0, 0.0, &Mono, 10.0);
        let first = &lines[0];
        let last_piece = first.pieces.last().unwrap();
        assert!((last_piece.x + 10.0 - 105.0).abs() < 0.01, "{last_piece:?}");
    }

    #[test]
    fn words_stay_whole_and_long_ones_are_cut() {
        let lines = break_paragraph(
            "请联系 wang.haitao.very.long.address@example.com 或 COVID-19 项目组",
            60.0,
            0.0,
            &Mono,
            10.0,
        );
        assert!(lines.iter().all(|l| l.pieces.iter().all(|p| p.x + Mono.width(&p.text, 10.0) <= 60.01)));
        let joined: String = lines.iter().map(|l| l.text.replace(' ', "")).collect();
        assert!(joined.contains("wang.haitao.very.long.address@example.com"));
        assert!(lines.iter().any(|l| l.text.contains("COVID-19")), "a short word stays whole");
    }
}

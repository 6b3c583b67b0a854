//! 字数 as Microsoft Word counts it for Chinese text.
//!
//! No official specification exists; this follows the behaviour observed in Word's 字数统计 dialog:
//! every Han character counts 1; every full-width or Chinese punctuation mark counts 1; every maximal
//! run of other non-space characters (a Latin word, a number such as `1,234.56`, an e-mail address,
//! `COVID-19`) counts 1; spaces (including U+3000) and zero-width characters count nothing.
//! Written by hand because no crate implements Word's rule.

use serde::Serialize;

/// The figures of Word's 字数统计 dialog.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct WordCount {
    /// 字数: what the notices' limits mean.
    pub words: usize,
    /// 汉字: Han ideographs only.
    pub han: usize,
    /// 中文字符和朝鲜语单词: Han, kana, hangul and full-width punctuation, each 1.
    pub east_asian: usize,
    /// 非中文单词: runs of other non-space characters.
    pub other_words: usize,
    /// 字符数(不计空格).
    pub chars_no_spaces: usize,
    /// 字符数(计空格): line breaks are not characters.
    pub chars_with_spaces: usize,
}

/// Counts `text` as Word does.
pub fn count(text: &str) -> WordCount {
    let mut c = WordCount::default();
    let mut in_run = false;
    for ch in text.chars() {
        if is_zero_width(ch) {
            continue;
        }
        if ch == '\n' || ch == '\r' {
            in_run = false;
            continue;
        }
        c.chars_with_spaces += 1;
        if ch.is_whitespace() {
            in_run = false;
            continue;
        }
        c.chars_no_spaces += 1;
        if is_han(ch) {
            c.han += 1;
            c.east_asian += 1;
            in_run = false;
        } else if is_east_asian_other(ch) {
            c.east_asian += 1;
            in_run = false;
        } else if !in_run {
            c.other_words += 1;
            in_run = true;
        }
    }
    c.words = c.east_asian + c.other_words;
    c
}

fn is_zero_width(ch: char) -> bool {
    matches!(ch, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Han ideographs: the unified blocks, their extensions, compatibility ideographs and 〇.
pub fn is_han(ch: char) -> bool {
    matches!(ch as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// East Asian characters that are not Han but count 1 each: Chinese and full-width punctuation,
/// kana, hangul.
fn is_east_asian_other(ch: char) -> bool {
    matches!(ch as u32,
        0x3001..=0x303F          // CJK symbols and punctuation (、。〈〉《》「」【】〔〕…), not U+3000
        | 0x2010..=0x2027        // dashes, curly quotes, ‥ …
        | 0x2030..=0x205E        // ‰ ′ ″ ※ and other general punctuation
        | 0x00B7                 // middle dot ·
        | 0x3040..=0x30FF        // kana
        | 0x31F0..=0x31FF
        | 0xAC00..=0xD7AF        // hangul syllables
        | 0x1100..=0x11FF
        | 0xFE10..=0xFE1F        // vertical forms
        | 0xFE30..=0xFE4F        // CJK compatibility forms
        | 0xFE50..=0xFE6F        // small form variants
        | 0xFF01..=0xFF60        // full-width forms
        | 0xFFE0..=0xFFE6) // full-width signs ￥ ￡
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_examples() {
        assert_eq!(count("使用 Adobe Photoshop 打开图片").words, 8);
        assert_eq!(count("2024年获得3项专利").words, 8);
    }

    #[test]
    fn punctuation_and_runs() {
        // 你好 2 + ， 1 + 世界 2 + 。1
        assert_eq!(count("你好，世界。").words, 6);
        assert_eq!(count("金额1,234.56元").words, 4);
        assert_eq!(count("邮箱 a.b@c.cn 联系").words, 5);
        assert_eq!(count("COVID-19疫情").words, 3);
        assert_eq!(count("“最美”——科技……").words, 10);
        assert_eq!(count("（１２３）").words, 5);
    }

    #[test]
    fn spaces_and_zero_width_count_nothing() {
        let c = count("  中\u{3000}文\u{200B} \n");
        assert_eq!(c.words, 2);
        assert_eq!(c.han, 2);
        assert_eq!(c.chars_no_spaces, 2);
        assert_eq!(c.chars_with_spaces, 6);
        assert_eq!(count("ab\u{200B}cd").words, 1);
        assert_eq!(count("").words, 0);
    }

    #[test]
    fn lines_break_runs() {
        assert_eq!(count("abc\ndef").words, 2);
        assert_eq!(count("abc\r\ndef").chars_with_spaces, 6);
    }
}

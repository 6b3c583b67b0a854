//! Reading dates as people write them, and writing them as the 填表说明 demands.

use crate::profile::FieldKind;

/// A calendar date or a year-month read from a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31; 0 for a year-month.
    pub day: u8,
}

impl Ymd {
    /// Months since year 0, for comparing and measuring spans.
    pub fn months(&self) -> i32 {
        self.year * 12 + self.month as i32 - 1
    }

    /// Writes the date in a profile layout (`YYYY年MM月DD日`, `YYYY.MM`…).
    pub fn format(&self, layout: &str) -> String {
        layout
            .replace("YYYY", &format!("{:04}", self.year))
            .replace("MM", &format!("{:02}", self.month))
            .replace("DD", &format!("{:02}", self.day))
    }
}

/// Splits a value into its numbers, accepting the separators people use: 年 月 日 . - / and spaces.
/// Returns `None` when anything else appears (Chinese numerals such as 二〇二一, words).
fn numbers(s: &str) -> Option<Vec<u32>> {
    let s = s.trim().trim_end_matches('日');
    let mut out = Vec::new();
    let mut cur = String::new();
    for ch in s.chars() {
        let ch = match ch {
            '０'..='９' => char::from_u32(ch as u32 - '０' as u32 + '0' as u32)?,
            c => c,
        };
        if ch.is_ascii_digit() {
            cur.push(ch);
        } else if matches!(ch, '年' | '月' | '.' | '-' | '/' | ' ' | '．' | '－' | '／') {
            if cur.is_empty() {
                return None;
            }
            out.push(cur.parse().ok()?);
            cur.clear();
        } else {
            return None;
        }
    }
    if !cur.is_empty() {
        out.push(cur.parse().ok()?);
    }
    // 20210101 / 202101 written without separators.
    if out.len() == 1 {
        let n = out[0];
        return match s.trim().len() {
            8 => Some(vec![n / 10000, n / 100 % 100, n % 100]),
            6 => Some(vec![n / 100, n % 100]),
            _ => None,
        };
    }
    Some(out)
}

fn plausible_year(y: u32) -> bool {
    (1900..=2100).contains(&y)
}

/// How a date cell is written, against the layout the form asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// Readable and in the form's layout.
    Right(Ymd),
    /// Readable but written otherwise: the corrected text.
    Reformat(Ymd, String),
    /// Not a date (or one that does not exist): an example of the layout.
    Unreadable(String),
}

/// Reads a date (`Date`) or a year-month (any other kind).
pub fn parse_kind(kind: FieldKind, s: &str) -> Option<Ymd> {
    match kind {
        FieldKind::Date => parse_date(s),
        _ => parse_year_month(s),
    }
}

/// Judges a date cell against `layout` (`YYYY年MM月DD日`, `YYYY.MM`…).
pub fn judge(kind: FieldKind, value: &str, layout: &str) -> Written {
    match parse_kind(kind, value) {
        None => Written::Unreadable(Ymd { year: 2021, month: 1, day: 1 }.format(layout)),
        Some(d) if d.format(layout) == value => Written::Right(d),
        Some(d) => Written::Reformat(d, d.format(layout)),
    }
}

/// Reads a full date; `None` when it is not one (or does not exist, like 2月30日).
pub fn parse_date(s: &str) -> Option<Ymd> {
    let n = numbers(s)?;
    if n.len() != 3 || !plausible_year(n[0]) {
        return None;
    }
    let month = time::Month::try_from(u8::try_from(n[1]).ok()?).ok()?;
    let d = time::Date::from_calendar_date(n[0] as i32, month, u8::try_from(n[2]).ok()?).ok()?;
    Some(Ymd { year: d.year(), month: d.month() as u8, day: d.day() })
}

/// Reads a year and month.
pub fn parse_year_month(s: &str) -> Option<Ymd> {
    let n = numbers(s)?;
    if n.len() != 2 || !plausible_year(n[0]) || !(1..=12).contains(&n[1]) {
        return None;
    }
    Some(Ymd { year: n[0] as i32, month: n[1] as u8, day: 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_usual_ways() {
        let d = Ymd { year: 2021, month: 1, day: 1 };
        for s in [
            "2021年01月01日",
            "2021年1月1日",
            "2021-01-01",
            "2021.1.1",
            "2021/01/01",
            "20210101",
            "２０２１年１月１日",
        ] {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        assert_eq!(d.format("YYYY年MM月DD日"), "2021年01月01日");
        assert_eq!(parse_date("2021年02月30日"), None);
        assert_eq!(parse_date("二〇二一年一月一日"), None);
        assert_eq!(parse_year_month("1980年3月"), Some(Ymd { year: 1980, month: 3, day: 0 }));
        assert_eq!(parse_year_month("2013.07").unwrap().format("YYYY.MM"), "2013.07");
        assert_eq!(parse_year_month("2013.13"), None);
        assert_eq!(parse_year_month("至今"), None);
    }
}

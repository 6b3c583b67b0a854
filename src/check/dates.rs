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
    let mut separated = false;
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
            separated = true;
        } else {
            return None;
        }
    }
    if !cur.is_empty() {
        out.push(cur.parse().ok()?);
    }
    // 20210101 / 202101 written without separators (a lone number with one, `1980年`, is itself).
    if out.len() == 1 && !separated {
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

/// How a date cell stands, as the window's pickers show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum DateState {
    /// Nothing written.
    Empty,
    /// A whole date in the form's layout.
    Right,
    /// A whole date, written otherwise than the form asks (`fix` holds the form's way).
    Reformat,
    /// Only a year, or a year and month of a full date: being chosen.
    Partial,
    /// One of the words that stand for an open end (至今).
    OpenEnd,
    /// Not a date the pickers can show (`fix` holds an example of the layout).
    Unreadable,
}

/// A date cell read for the window's pickers: the parts the value holds and how it stands against
/// the form's layout. The window shows these and never reads a date itself.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DateCell {
    /// Year, when the value holds one.
    pub year: Option<i32>,
    /// Month, 1–12.
    pub month: Option<u8>,
    /// Day, 1–31.
    pub day: Option<u8>,
    /// Where the value stands.
    pub state: DateState,
    /// The value as the form wants it (`Reformat`), or an example of the layout (`Unreadable`).
    pub fix: Option<String>,
}

/// Reads a cell for the pickers: a whole date (judged against `layout`), a partial one being chosen
/// (`1980年`, or `1980年05月` of a full date), an open end, or not a date.
pub fn cell(kind: FieldKind, value: &str, layout: &str, open_end: &[String]) -> DateCell {
    let v = value.trim();
    let at = |state, fix| DateCell { year: None, month: None, day: None, state, fix };
    if v.is_empty() {
        return at(DateState::Empty, None);
    }
    if open_end.iter().any(|w| w == v) {
        return at(DateState::OpenEnd, None);
    }
    let whole = |d: Ymd, state, fix| DateCell {
        year: Some(d.year),
        month: (d.month > 0).then_some(d.month),
        day: (d.day > 0).then_some(d.day),
        state,
        fix,
    };
    match judge(kind, v, layout) {
        Written::Right(d) => whole(d, DateState::Right, None),
        Written::Reformat(d, fix) => whole(d, DateState::Reformat, Some(fix)),
        // What `compose` writes while the pickers are only partly chosen: a year (`1980年`), or a
        // year and month of a full date.
        Written::Unreadable(example) => match numbers(v).as_deref() {
            Some([y]) if v.ends_with('年') && plausible_year(*y) => {
                DateCell { year: Some(*y as i32), ..at(DateState::Partial, None) }
            }
            Some([y, m]) if kind == FieldKind::Date && plausible_year(*y) && (1..=12).contains(m) => {
                DateCell { year: Some(*y as i32), month: Some(*m as u8), ..at(DateState::Partial, None) }
            }
            _ => at(DateState::Unreadable, Some(example)),
        },
    }
}

/// Writes what the pickers hold, in the form's layout: a whole choice as the form wants it; a
/// partial one as far as it goes (`1980年`; `1980年05月` of a full date), so that the pickers keep it
/// and the check can say it is not finished. A day past the month's end becomes its last day.
pub fn compose(
    kind: FieldKind,
    layout: &str,
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
) -> String {
    let Some(year) = year.filter(|y| u32::try_from(*y).is_ok_and(plausible_year)) else {
        return String::new();
    };
    let Some(month) = month.filter(|m| (1..=12).contains(m)) else { return format!("{year}年") };
    let ym = Ymd { year, month, day: 0 };
    if kind != FieldKind::Date {
        return ym.format(layout);
    }
    let Some(day) = day.filter(|d| *d >= 1) else {
        // The layout up to the month (`YYYY年MM月` of `YYYY年MM月DD日`, `YYYY.MM` of `YYYY.MM.DD`).
        let cut = layout.find("DD").map_or(layout, |i| layout[..i].trim_end_matches(['.', '-', '/']));
        return ym.format(cut);
    };
    let last = time::Month::try_from(month).map_or(28, |m| m.length(year));
    Ymd { year, month, day: day.min(last) }.format(layout)
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

    /// What the pickers write reads back as the parts chosen, for every layout a profile may use,
    /// every month and day; partial choices read back as partial.
    #[test]
    fn the_pickers_round_trip_through_compose_and_cell() {
        use crate::profile::{DATE_FORMATS, YEAR_MONTH_FORMATS};
        for layout in DATE_FORMATS {
            for (year, month, day) in [(1980, 1, 1), (2000, 2, 29), (2021, 12, 31), (1999, 6, 15)] {
                let v = compose(FieldKind::Date, layout, Some(year), Some(month), Some(day));
                let c = cell(FieldKind::Date, &v, layout, &[]);
                assert_eq!(
                    (c.year, c.month, c.day, c.state),
                    (Some(year), Some(month), Some(day), DateState::Right),
                    "{v}"
                );
            }
            // A day past the month's end is the month's last day; a day not chosen yet is partial.
            assert_eq!(
                compose(FieldKind::Date, layout, Some(2021), Some(2), Some(31)),
                Ymd { year: 2021, month: 2, day: 28 }.format(layout)
            );
            let partial = compose(FieldKind::Date, layout, Some(2021), Some(5), None);
            let c = cell(FieldKind::Date, &partial, layout, &[]);
            assert_eq!(
                (c.year, c.month, c.day, c.state),
                (Some(2021), Some(5), None, DateState::Partial),
                "{partial}"
            );
        }
        for layout in YEAR_MONTH_FORMATS {
            for month in 1..=12 {
                let v = compose(FieldKind::YearMonth, layout, Some(1975), Some(month), None);
                let c = cell(FieldKind::YearMonth, &v, layout, &[]);
                assert_eq!((c.year, c.month, c.state), (Some(1975), Some(month), DateState::Right), "{v}");
            }
        }
        let y = compose(FieldKind::YearMonth, "YYYY.MM", Some(1980), None, None);
        assert_eq!(cell(FieldKind::YearMonth, &y, "YYYY.MM", &[]).state, DateState::Partial);
        assert_eq!(compose(FieldKind::YearMonth, "YYYY.MM", None, Some(3), None), "");
        // Written otherwise: readable, with the form's way; not a date: an example; 至今: the open end.
        let c = cell(FieldKind::YearMonth, "1980年3月", "YYYY.MM", &[]);
        assert_eq!((c.state, c.fix.as_deref()), (DateState::Reformat, Some("1980.03")));
        assert_eq!(cell(FieldKind::Date, "去年春天", "YYYY年MM月DD日", &[]).state, DateState::Unreadable);
        assert_eq!(cell(FieldKind::YearMonth, "至今", "YYYY.MM", &["至今".into()]).state, DateState::OpenEnd);
        assert_eq!(cell(FieldKind::YearMonth, "", "YYYY.MM", &[]).state, DateState::Empty);
    }

    proptest::proptest! {
        /// Any text (full-width digits, 年月日, emoji, NUL…) reads into a cell without a panic, and a
        /// cell the pickers show as a whole date composes back to a value that reads the same.
        #[test]
        fn any_text_reads_into_a_cell(v in "[0-9０-９年月日.\\-/ 至今\\x00😀a]{0,14}", full in proptest::bool::ANY) {
            let kind = if full { FieldKind::Date } else { FieldKind::YearMonth };
            let layout = if full { "YYYY年MM月DD日" } else { "YYYY.MM" };
            let c = cell(kind, &v, layout, &["至今".to_string()]);
            if matches!(c.state, DateState::Right | DateState::Reformat) {
                let again = compose(kind, layout, c.year, c.month, c.day);
                let back = cell(kind, &again, layout, &[]);
                proptest::prop_assert_eq!((back.year, back.month, back.day, back.state), (c.year, c.month, c.day, DateState::Right));
            }
        }
    }
}

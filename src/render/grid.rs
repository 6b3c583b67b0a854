//! Cell geometry shared by the PDF and Word writers, so both print the same table on one column
//! grid: every label column of a form has the same width, so the first vertical rule runs straight
//! down the whole form and rows with the same number of pairs line up.

use super::fonts::fonts;
use super::form::{FormDoc, Row};
use super::text::{longest_word, Measure};

/// A4 portrait, in points.
pub const A4: (f32, f32) = (595.28, 841.89);
/// Left, right and top margin of every page, in points.
pub const MARGIN: f32 = 54.0;
/// Width of a 推荐表's table (A4 portrait between the margins).
pub const FORM_W: f32 = A4.0 - 2.0 * MARGIN;
/// Width of a 汇总表 (A4 landscape between the margins).
pub const SUMMARY_W: f32 = A4.1 - 2.0 * MARGIN;

/// Body text size in points (五号).
pub const SIZE: f32 = 10.5;
/// The smallest size a cell's text is set at to keep a word (an e-mail address) whole.
pub const MIN_SIZE: f32 = 7.5;
/// Cell padding in points.
pub const PAD: f32 = 5.0;
/// Width of the photo column in points (a little over 小2寸's 33 mm).
pub const PHOTO_W: f32 = 96.0;
/// Width of a vertical label column (学习工作经历).
pub const VERTICAL_LABEL_W: f32 = 30.0;
/// Width of the first column of a history table (起止年月: `2000年09月—2003年06月`).
pub const HISTORY_FIRST_W: f32 = 150.0;
/// Height of a box that takes a seal: an official seal is 40–42 mm across; 43 mm leaves a margin.
pub const SEAL_H: f32 = 43.0 * 72.0 / 25.4;

/// The width of every label column of a form: its widest single-line label (`工作单位及职务`),
/// within bounds; longer labels wrap inside it.
pub fn label_column(doc: &FormDoc) -> f32 {
    let f = fonts();
    let mut widest: f32 = 0.0;
    for r in &doc.rows {
        let labels: Vec<&str> = match r {
            Row::Pairs(p) => p.iter().map(|(l, _)| l.as_str()).collect(),
            Row::Choices { label, .. } | Row::Sign { label, .. } => vec![label.as_str()],
            _ => vec![],
        };
        for l in labels {
            widest = widest.max(f.regular.width(l, SIZE));
        }
    }
    (widest + 2.0 * PAD + 2.0).clamp(60.0, 96.0)
}

/// (x, width) of each cell of a row of label/value pairs filling `width`: labels on the form's
/// label column, values sharing the rest equally, unless a value's longest word (an e-mail address,
/// a URL) needs more, which it then takes from the others' slack.
pub fn pair_cells(pairs: &[(&str, &str)], label_w: f32, width: f32) -> Vec<(f32, f32)> {
    let n = pairs.len().max(1);
    let f = fonts();
    let mut labels = vec![label_w; n];
    let needs: Vec<f32> =
        pairs.iter().map(|(_, v)| longest_word(v, &f.regular, SIZE) + 2.0 * PAD + 1.0).collect();
    let free = |labels: &[f32]| (width - labels.iter().sum::<f32>()).max(40.0 * n as f32);
    if needs.iter().sum::<f32>() > free(&labels) {
        // A tight row: labels after the first (which keeps the form's rule) take only their text.
        for (k, (l, _)) in pairs.iter().enumerate().skip(1) {
            labels[k] = (f.regular.width(l, SIZE) + 2.0 * PAD + 2.0).clamp(36.0, label_w);
        }
    }
    let avail = free(&labels);
    let equal = avail / n as f32;
    let mut widths = vec![equal; n];
    if needs.iter().any(|&w| w > equal) {
        let floor = (3.0 * SIZE + 2.0 * PAD + 1.0).min(equal);
        let sum: f32 = needs.iter().map(|w| w.max(floor)).sum();
        widths = if sum <= avail {
            // Every word fits: each value its longest word, and what is left shared in proportion
            // to what each value would need on one line, so long text does not stand in a column
            // of single characters.
            let given: Vec<f32> = needs.iter().map(|w| w.max(floor)).collect();
            let wants: Vec<f32> = pairs
                .iter()
                .zip(&given)
                .map(|((_, v), g)| (f.regular.width(v, SIZE) + 2.0 * PAD + 1.0 - g).max(0.0))
                .collect();
            let want: f32 = wants.iter().sum();
            let rest = avail - sum;
            given
                .iter()
                .zip(&wants)
                .map(|(g, w)| if want > 0.0 { g + rest * w / want } else { g + rest / n as f32 })
                .collect()
        } else {
            // Not all fit: shares in proportion, none below three characters; the cell sets its
            // text smaller.
            let mut fixed = vec![false; n];
            loop {
                let free_w = avail - fixed.iter().filter(|&&f| f).count() as f32 * floor;
                let open: f32 = needs.iter().zip(&fixed).filter(|(_, &f)| !f).map(|(w, _)| w).sum();
                let w: Vec<f32> = needs
                    .iter()
                    .zip(&fixed)
                    .map(|(w, &f)| if f { floor } else { w * free_w / open.max(1.0) })
                    .collect();
                match w.iter().zip(&fixed).position(|(&x, &f)| !f && x < floor) {
                    Some(k) => fixed[k] = true,
                    None => break w,
                }
            }
        };
    }
    let mut out = Vec::new();
    let mut x = 0.0;
    for (lw, w) in labels.into_iter().zip(widths) {
        out.push((x, lw));
        x += lw;
        out.push((x, w));
        x += w;
    }
    if let Some(last) = out.last_mut() {
        last.1 = width - last.0;
    }
    out
}

/// (x, width) of the cells of a history table's rows, after its vertical label column.
pub fn history_cells(columns: usize, width: f32) -> Vec<(f32, f32)> {
    let mut out = vec![(VERTICAL_LABEL_W, HISTORY_FIRST_W)];
    let rest = columns.saturating_sub(1).max(1);
    let rest_w = (width - VERTICAL_LABEL_W - HISTORY_FIRST_W) / rest as f32;
    for k in 0..rest {
        out.push((VERTICAL_LABEL_W + HISTORY_FIRST_W + rest_w * k as f32, rest_w));
    }
    out
}

/// Choice options laid out in columns like the template's: (column width, columns), every option
/// on one line when the cell is wide enough.
pub fn choice_columns(options: &[String], width: f32) -> (f32, usize) {
    let f = fonts();
    let widest = options.iter().map(|o| f.regular.width(&format!("□{o}"), SIZE)).fold(0.0, f32::max);
    let col = widest + SIZE * 1.5;
    let cols = ((width / col).floor() as usize).clamp(1, options.len().max(1));
    (width / cols as f32, cols)
}

/// Column widths of a 汇总表 `width` wide: every column gets room for its label and for its values'
/// short entries (a name, 中共党员, 蒙古族: up to six characters) and longest word; what is left goes
/// to the columns with longer values.
pub fn summary_widths(doc: &super::form::SummaryDoc, width: f32) -> Vec<f32> {
    let f = fonts();
    let (mins, wants): (Vec<f32>, Vec<f32>) = doc
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let values = doc.rows.iter().map(|r| r.get(i).map(String::as_str).unwrap_or(""));
            let (longest, word) = values.fold((0.0f32, 0.0f32), |(l, w), v| {
                (l.max(f.regular.width(v, SIZE)), w.max(longest_word(v, &f.regular, SIZE)))
            });
            let short = longest.min(6.0 * SIZE);
            let label = f.regular.width(c, SIZE).min(6.0 * SIZE);
            let min = label.max(short).max(word.min(12.0 * SIZE)).max(2.0 * SIZE) + 2.0 * PAD + 1.0;
            (min, (label.max(longest.min(240.0)) + 2.0 * PAD).max(min))
        })
        .unzip();
    let (min_sum, want_sum): (f32, f32) = (mins.iter().sum(), wants.iter().sum());
    if want_sum <= width || want_sum <= min_sum {
        wants.iter().map(|w| w * width / want_sum.max(1.0)).collect()
    } else if min_sum >= width {
        mins.iter().map(|w| w * width / min_sum).collect()
    } else {
        let share = ((width - min_sum) / (want_sum - min_sum)).max(0.0);
        mins.iter().zip(&wants).map(|(m, w)| m + (w - m) * share).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_address_gets_the_room_it_needs() {
        let row = [
            ("办公电话", "0477-8321456"),
            ("手  机", "13904771234"),
            ("电子邮箱", "wang.haitao@example.com"),
        ];
        let cells = pair_cells(&row, 85.0, 487.0);
        let f = fonts();
        for (k, (_, v)) in row.iter().enumerate() {
            // Whole at no less than the smallest size a cell sets.
            let need = f.regular.width(v, MIN_SIZE) + 2.0 * PAD;
            assert!(cells[2 * k + 1].1 >= need, "{v}: {cells:?} need {need}");
        }
        assert_eq!(cells[0], (0.0, 85.0), "the first label keeps the form's column");
    }
}

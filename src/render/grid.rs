//! Cell geometry shared by the PDF and Word writers, so both print the same table.

use super::fonts::fonts;
use super::text::Measure;

/// Body text size in points (五号).
pub const SIZE: f32 = 10.5;
/// Cell padding in points.
pub const PAD: f32 = 5.0;
/// Width of the photo column in points (a little over 小2寸's 33 mm).
pub const PHOTO_W: f32 = 96.0;
/// Width of a vertical label column (学习工作经历).
pub const VERTICAL_LABEL_W: f32 = 30.0;
/// Width of the first column of a history table (起止年月).
pub const HISTORY_FIRST_W: f32 = 120.0;

/// Width of a label cell: its text plus padding, within bounds.
pub fn label_width(label: &str) -> f32 {
    (fonts().regular.width(label, SIZE) + 2.0 * PAD + 4.0).clamp(52.0, 120.0)
}

/// (x, width) of each cell of a row of label/value pairs filling `width`: labels as wide as their
/// text, values sharing the rest; the last cell takes up rounding so the table edge is straight.
pub fn pair_cells(labels: &[&str], width: f32) -> Vec<(f32, f32)> {
    let lws: Vec<f32> = labels.iter().map(|l| label_width(l)).collect();
    let vw = ((width - lws.iter().sum::<f32>()) / labels.len().max(1) as f32).max(40.0);
    let mut out = Vec::new();
    let mut x = 0.0;
    for lw in lws {
        out.push((x, lw));
        x += lw;
        out.push((x, vw));
        x += vw;
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

/// Width of the label cell of a statement or opinion box.
pub fn sign_label_width(label: &str) -> f32 {
    label_width(label).max(72.0)
}

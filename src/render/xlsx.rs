//! Excel (.xlsx) output of the 汇总表, with rust_xlsxwriter: merged title row, 推荐单位 line, the
//! template's columns, landscape A4 print setup with the heading rows repeated.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook};

use super::form::SummaryDoc;

/// Renders a 汇总表 to .xlsx bytes.
pub fn summary_xlsx(doc: &SummaryDoc, date: super::pdf::DocDate) -> Result<Vec<u8>, String> {
    let err = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut wb = Workbook::new();
    // A fixed creation time (the packet's day), so the same packet gives the same bytes.
    let created = ExcelDateTime::from_ymd(date.year, date.month, date.day).map_err(err)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(&doc.title)
            .set_author("荐报 Jianbao")
            .set_creation_datetime(&created),
    );
    let sheet = wb.add_worksheet();
    sheet.set_name("汇总表").map_err(err)?;
    let font = "宋体";
    let title = Format::new()
        .set_font_name(font)
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let plain = Format::new().set_font_name(font).set_font_size(11);
    let head = Format::new()
        .set_font_name(font)
        .set_font_size(11)
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let cell = Format::new()
        .set_font_name(font)
        .set_font_size(11)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let last_col = doc.columns.len().saturating_sub(1) as u16;
    sheet.merge_range(0, 0, 0, last_col, &doc.title, &title).map_err(err)?;
    sheet.set_row_height(0, 30).map_err(err)?;
    let mut row = 1u32;
    for h in &doc.header {
        sheet.merge_range(row, 0, row, last_col, h, &plain).map_err(err)?;
        row += 1;
    }
    // The PDF's column widths, so the sheet fills one landscape A4 width and prints at its own size
    // (fitting wider columns to the page printed it at about 6.5 pt). Points to Excel's width unit
    // (characters of the default font, 7 px at 96 dpi, plus 5 px of padding).
    let widths = super::grid::summary_widths(doc, super::grid::SUMMARY_W);
    for (c, label) in doc.columns.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, label.replace("  ", ""), &head).map_err(err)?;
        let px = f64::from(widths.get(c).copied().unwrap_or(60.0)) / 0.75;
        sheet.set_column_width(c as u16, ((px - 5.0) / 7.0).max(2.0)).map_err(err)?;
    }
    let heading_row = row;
    for r in &doc.rows {
        row += 1;
        for (c, v) in r.iter().enumerate() {
            sheet.write_string_with_format(row, c as u16, v, &cell).map_err(err)?;
        }
    }
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, heading_row).map_err(err)?;
    sheet.set_margins(0.75, 0.75, 0.75, 0.75, 0.3, 0.3);
    let key = doc.footer.replace('&', "&&");
    sheet.set_footer(if key.is_empty() {
        "&C第 &P 页 共 &N 页".to_string()
    } else {
        format!("&C第 &P 页 共 &N 页&R{key}")
    });
    wb.save_to_buffer().map_err(err)
}

//! Word (.docx) output: the same form model as the PDF, as editable Word tables.
//!
//! Written by hand (WordprocessingML in a zip) rather than with docx-rs because docx-rs decodes a
//! JPEG and stores it as PNG (a 3 MB photo became a 20 MB .docx, FIELD-NOTES); here the photo's
//! bytes go into `word/media/` unchanged, so the file is about the photo's size plus a little.
//! The East Asian font is set explicitly (宋体), and page numbers are Word fields.

use std::io::Write;

use super::form::{FormDoc, Row, SummaryDoc};
use super::grid::{
    choice_columns, history_cells, label_column, pair_cells, PHOTO_W, SEAL_H, VERTICAL_LABEL_W,
};

use super::grid::FORM_W as W;
const TW: f32 = 20.0; // twips per point

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => o.push(c),
        }
    }
    o
}

/// A paragraph: text, alignment, bold, size in points, first-line indent in points.
#[derive(Clone)]
struct Para {
    text: String,
    align: &'static str,
    bold: bool,
    size: f32,
    indent: f32,
}

fn para(text: &str, align: &'static str) -> Para {
    Para { text: text.into(), align, bold: false, size: 10.5, indent: 0.0 }
}

fn p_xml(p: &Para) -> String {
    let mut rpr = format!("<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>", (p.size * 2.0).round() as u32);
    if p.bold {
        rpr.insert_str(0, "<w:b/>");
    }
    let ind = if p.indent > 0.0 {
        format!("<w:ind w:firstLine=\"{}\"/>", (p.indent * TW) as u32)
    } else {
        String::new()
    };
    let runs: String = p
        .text
        .split('\n')
        .enumerate()
        .map(|(i, line)| {
            let br = if i > 0 { "<w:br/>" } else { "" };
            format!("<w:r><w:rPr>{rpr}</w:rPr>{br}<w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(line))
        })
        .collect();
    format!(
        // CT_PPr's order: spacing, ind, jc (Word refuses elements out of order).
        // No extra space between Chinese and digits (LibreOffice reads it per paragraph only), so
        // `1978年05月` takes the width the column was measured for.
        "<w:p><w:pPr><w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\"/>{ind}<w:jc w:val=\"{}\"/></w:pPr>{runs}</w:p>",
        p.align
    )
}

/// A table cell: position, paragraphs (or raw XML), vertical merge.
struct DCell {
    x: f32,
    w: f32,
    body: String,
    vmerge: Option<&'static str>,
}

struct DRow {
    cells: Vec<DCell>,
    min_h: f32,
    header: bool,
}

fn cell(x: f32, w: f32, paras: &[Para]) -> DCell {
    DCell { x, w, body: paras.iter().map(p_xml).collect(), vmerge: None }
}

fn text_cell(x: f32, w: f32, text: &str, centre: bool) -> DCell {
    cell(x, w, &[para(text, if centre { "center" } else { "left" })])
}

/// Writes rows as one table whose grid holds every cell boundary of every row.
fn table(rows: &[DRow], width: f32) -> String {
    let tw = |v: f32| (v * TW).round() as i64;
    let mut bounds: Vec<i64> = vec![0, tw(width)];
    for r in rows {
        for c in &r.cells {
            bounds.push(tw(c.x));
            bounds.push(tw(c.x + c.w));
        }
    }
    bounds.sort_unstable();
    bounds.dedup_by(|a, b| (*a - *b).abs() < 20);
    let grid: String = bounds.windows(2).map(|w| format!("<w:gridCol w:w=\"{}\"/>", w[1] - w[0])).collect();
    let idx = |v: i64| bounds.iter().position(|b| (b - v).abs() < 20).unwrap_or(0);
    let mut xml = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblBorders>{}</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
        tw(width),
        ["top", "left", "bottom", "right", "insideH", "insideV"].iter().map(|b| format!("<w:{b} w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/>")).collect::<String>()
    );
    for r in rows {
        let header = if r.header { "<w:tblHeader/>" } else { "" };
        xml.push_str(&format!(
            "<w:tr><w:trPr>{header}<w:trHeight w:val=\"{}\" w:hRule=\"atLeast\"/></w:trPr>",
            tw(r.min_h)
        ));
        for c in &r.cells {
            let span = idx(tw(c.x + c.w)).saturating_sub(idx(tw(c.x))).max(1);
            let vm = match c.vmerge {
                Some("restart") => "<w:vMerge w:val=\"restart\"/>".to_string(),
                Some(_) => "<w:vMerge/>".to_string(),
                None => String::new(),
            };
            let body = if c.body.is_empty() { "<w:p/>".to_string() } else { c.body.clone() };
            xml.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/><w:gridSpan w:val=\"{span}\"/>{vm}<w:vAlign w:val=\"center\"/></w:tcPr>{body}</w:tc>",
                tw(c.w)
            ));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

fn photo_xml(bytes_len: (u32, u32), orientation: u16, box_w: f32, box_h: f32) -> String {
    let (sw, sh) = (bytes_len.0 as f32, bytes_len.1 as f32);
    let swapped = matches!(orientation, 5..=8);
    let (dw, dh) = if swapped { (sh, sw) } else { (sw, sh) };
    let scale = ((box_w - 8.0) / dw).min((box_h - 8.0) / dh);
    let emu = |v: f32| (v * 12700.0).round() as i64;
    let (cx, cy) = (emu(sw * scale), emu(sh * scale));
    let rot = match orientation {
        3 | 4 => 10_800_000,
        5 | 6 => 5_400_000,
        7 | 8 => 16_200_000,
        _ => 0,
    };
    format!(
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"1\" name=\"照片\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"1\" name=\"photo.jpeg\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rIdPhoto\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm rot=\"{rot}\"><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )
}

/// The form's table, as Word tables: the rows before a history table, the history table (its
/// heading row marked to repeat on each page, which Word does only at a table's top), the rows after.
fn form_tables(doc: &FormDoc) -> Vec<Vec<DRow>> {
    let lw = label_column(doc);
    let mut tables: Vec<Vec<DRow>> = vec![vec![]];
    let photo_rows = doc.photo.as_ref().map(|p| p.rows).unwrap_or(0);
    for (i, row) in doc.rows.iter().enumerate() {
        let w = if i < photo_rows { W - PHOTO_W } else { W };
        let mut r = match row {
            Row::Pairs(pairs) => {
                let refs: Vec<(&str, &str)> = pairs.iter().map(|(l, v)| (l.as_str(), v.as_str())).collect();
                let texts = pairs.iter().flat_map(|(l, v)| [(l, true), (v, false)]);
                let cells = pair_cells(&refs, lw, w)
                    .iter()
                    .zip(texts)
                    .map(|((x, cw), (t, lab))| text_cell(*x, *cw, t, lab))
                    .collect();
                DRow { cells, min_h: 26.0, header: false }
            }
            Row::Choices { label, options } => {
                let texts: Vec<String> =
                    options.iter().map(|(o, on)| format!("{}{o}", if *on { '■' } else { '□' })).collect();
                let inner = w - lw - 8.0;
                let (col, cols) = choice_columns(&texts, inner);
                // One paragraph per row of options, the options on tab stops: the template's columns.
                let tabs: String = (1..cols)
                    .map(|k| format!("<w:tab w:val=\"left\" w:pos=\"{}\"/>", (k as f32 * col * TW) as i64))
                    .collect();
                let body: String = texts
                    .chunks(cols)
                    .map(|chunk| {
                        let runs: Vec<String> = chunk
                            .iter()
                            .map(|t| format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(t)))
                            .collect();
                        format!(
                            "<w:p><w:pPr><w:tabs>{tabs}</w:tabs><w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr>{}</w:p>",
                            runs.join("<w:r><w:tab/></w:r>")
                        )
                    })
                    .collect();
                DRow {
                    cells: vec![
                        text_cell(0.0, lw, label, true),
                        DCell { x: lw, w: w - lw, body, vmerge: None },
                    ],
                    min_h: 26.0,
                    header: false,
                }
            }
            Row::History { label, columns, rows: data } => {
                let geo = history_cells(columns.len(), w);
                let vertical: String = label
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .map(String::from)
                    .collect::<Vec<_>>()
                    .join("\n");
                let mut first = vec![text_cell(0.0, VERTICAL_LABEL_W, &vertical, true)];
                first[0].vmerge = Some("restart");
                first.extend(geo.iter().zip(columns).map(|((x, cw), c)| text_cell(*x, *cw, c, true)));
                let mut table = vec![DRow { cells: first, min_h: 24.0, header: true }];
                for d in data {
                    let mut cells = vec![DCell {
                        x: 0.0,
                        w: VERTICAL_LABEL_W,
                        body: String::new(),
                        vmerge: Some("continue"),
                    }];
                    cells.extend(
                        geo.iter().zip(d).enumerate().map(|(j, ((x, cw), v))| text_cell(*x, *cw, v, j == 0)),
                    );
                    table.push(DRow { cells, min_h: 24.0, header: false });
                }
                tables.push(table);
                tables.push(vec![]);
                continue;
            }
            Row::Prose { label, text } => {
                let mut head = para(label, "left");
                head.bold = true;
                let last = tables.last_mut().expect("a table");
                last.push(DRow { cells: vec![cell(0.0, W, &[head])], min_h: 24.0, header: false });
                let paras: Vec<Para> = text
                    .split('\n')
                    .map(|t| Para {
                        text: t.trim().into(),
                        align: "both",
                        bold: false,
                        size: 10.5,
                        indent: 21.0,
                    })
                    .collect();
                DRow { cells: vec![cell(0.0, W, &paras)], min_h: 60.0, header: false }
            }
            Row::Sign { label, text, mark } => {
                let mut body = vec![Para {
                    text: text.clone(),
                    align: "both",
                    bold: false,
                    size: 10.5,
                    indent: if text.is_empty() { 0.0 } else { 21.0 },
                }];
                body.push(para("", "left"));
                body.push(para(&format!("{mark}            "), "right"));
                body.push(para("年    月    日", "right"));
                DRow {
                    cells: vec![text_cell(0.0, lw, label, true), cell(lw, w - lw, &body)],
                    min_h: SEAL_H,
                    header: false,
                }
            }
        };
        if i < photo_rows {
            let photo = doc.photo.as_ref().expect("photo rows imply a photo");
            let body = if i == 0 {
                match &photo.jpeg {
                    Some((bytes, o)) => {
                        let size = crate::media::jpeg::probe(std::io::Cursor::new(bytes))
                            .map(|i| (i.width, i.height))
                            .unwrap_or((413, 579));
                        photo_xml(size, *o, PHOTO_W, 26.0 * photo_rows as f32 + 20.0)
                    }
                    None => p_xml(&para(&photo.label, "center")),
                }
            } else {
                String::new()
            };
            r.cells.push(DCell {
                x: W - PHOTO_W,
                w: PHOTO_W,
                body,
                vmerge: Some(if i == 0 { "restart" } else { "continue" }),
            });
            r.min_h = r.min_h.max(34.0);
        }
        tables.last_mut().expect("a table").push(r);
    }
    tables.retain(|t| !t.is_empty());
    tables
}

/// A paragraph one point high between two tables, so Word keeps them apart (adjacent tables merge).
fn spacer() -> &'static str {
    "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/><w:rPr><w:sz w:val=\"2\"/></w:rPr></w:pPr></w:p>"
}

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";

fn page_break() -> &'static str {
    "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
}

/// A section's properties. The cover is a section of its own without a footer (unnumbered); the pages
/// after it carry “第 N 页 共 M 页” counting every page, as the PDF does (Word and LibreOffice both
/// compute NUMPAGES; LibreOffice does not compute SECTIONPAGES).
fn section(landscape: bool, footer: bool) -> String {
    let (w, h, orient) =
        if landscape { (16838, 11906, " w:orient=\"landscape\"") } else { (11906, 16838, "") };
    let (reference, numbering) =
        if footer { ("<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>", "") } else { ("", "") };
    format!("<w:sectPr>{reference}<w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/><w:pgMar w:top=\"1080\" w:right=\"1080\" w:bottom=\"1080\" w:left=\"1080\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>{numbering}</w:sectPr>")
}

fn footer_xml(line: &str) -> String {
    let run = |t: &str| {
        format!("<w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(t))
    };
    let field = |f: &str| {
        format!("<w:fldSimple w:instr=\" {f} \"><w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>")
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:ftr {NS}><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{}{}{}{}{}</w:p><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"15\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:ftr>",
        run("第 "),
        field("PAGE"),
        run(" 页 共 "),
        field("NUMPAGES"),
        run(" 页"),
        esc(line)
    )
}

fn styles() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"宋体\" w:cs=\"Times New Roman\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/><w:spacing w:after=\"0\" w:line=\"300\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style></w:styles>"
    )
}

fn package(body: &str, footer: &str, photo: Option<&[u8]>, title: &str) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let image_rel = if photo.is_some() {
        "<Relationship Id=\"rIdPhoto\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/photo.jpeg\"/>"
    } else {
        ""
    };
    let files: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>".into()),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>".into()),
        ("docProps/core.xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>荐报 Jianbao</dc:creator></cp:coreProperties>", esc(title))),
        ("word/_rels/document.xml.rels", format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>{image_rel}</Relationships>")),
        ("word/styles.xml", styles()),
        ("word/footer1.xml", footer.to_string()),
        ("word/document.xml", body.to_string()),
    ];
    let err = |e: &dyn std::fmt::Display| e.to_string();
    for (name, content) in files {
        zip.start_file(name, deflated).map_err(|e| err(&e))?;
        zip.write_all(content.as_bytes()).map_err(|e| err(&e))?;
    }
    if let Some(bytes) = photo {
        // Already compressed: stored, byte for byte.
        zip.start_file("word/media/photo.jpeg", stored).map_err(|e| err(&e))?;
        zip.write_all(bytes).map_err(|e| err(&e))?;
    }
    Ok(zip.finish().map_err(|e| err(&e))?.into_inner())
}

/// Renders a form to .docx bytes.
pub fn form_docx(doc: &FormDoc) -> Result<Vec<u8>, String> {
    let mut body = String::new();
    if let Some(cover) = &doc.cover {
        for _ in 0..6 {
            body.push_str("<w:p/>");
        }
        for (k, t) in cover.title.iter().enumerate() {
            let size = if k + 1 == cover.title.len() { 34.0 } else { 24.0 };
            body.push_str(&p_xml(&Para { text: t.clone(), align: "center", bold: true, size, indent: 0.0 }));
        }
        for _ in 0..10 {
            body.push_str("<w:p/>");
        }
        for (label, value) in &cover.entries {
            body.push_str(&format!(
                "<w:p><w:pPr><w:spacing w:before=\"240\"/><w:ind w:left=\"1400\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"30\"/></w:rPr><w:t xml:space=\"preserve\">{}：</w:t></w:r><w:r><w:rPr><w:sz w:val=\"28\"/><w:u w:val=\"single\"/></w:rPr><w:t xml:space=\"preserve\">  {}{}</w:t></w:r></w:p>",
                esc(label),
                esc(value),
                "\u{3000}".repeat(18usize.saturating_sub(value.chars().count()))
            ));
        }
        // The cover ends its own section (no footer, not numbered).
        body.push_str(&format!("<w:p><w:pPr>{}</w:pPr></w:p>", section(false, false)));
    }
    if !doc.instructions.is_empty() {
        body.push_str(&p_xml(&Para {
            text: "填 表 说 明".into(),
            align: "center",
            bold: true,
            size: 16.0,
            indent: 0.0,
        }));
        for i in &doc.instructions {
            body.push_str(&p_xml(&Para {
                text: i.clone(),
                align: "both",
                bold: false,
                size: 12.0,
                indent: 0.0,
            }));
        }
        body.push_str(page_break());
    }
    for t in doc.title.split('\n') {
        body.push_str(&p_xml(&Para { text: t.into(), align: "center", bold: true, size: 16.0, indent: 0.0 }));
    }
    if let Some(note) = &doc.note {
        body.push_str(&p_xml(&para(note, "center")));
    }
    let tables: Vec<String> = form_tables(doc).iter().map(|t| table(t, W)).collect();
    body.push_str(&tables.join(spacer()));
    let xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {NS}><w:body>{body}{}</w:body></w:document>", section(false, true));
    let photo = doc.photo.as_ref().and_then(|p| p.jpeg.as_ref()).map(|(b, _)| b.as_slice());
    package(&xml, &footer_xml(&doc.footer), photo, &doc.title)
}

/// Renders a 汇总表 to .docx bytes (landscape; the heading row repeats on every page).
pub fn summary_docx(doc: &SummaryDoc) -> Result<Vec<u8>, String> {
    let width = super::grid::SUMMARY_W;
    let mut x = 0.0;
    let geo: Vec<(f32, f32)> = super::grid::summary_widths(doc, width)
        .into_iter()
        .map(|w| {
            let g = (x, w);
            x += w;
            g
        })
        .collect();
    let mut rows = vec![DRow {
        cells: geo.iter().zip(&doc.columns).map(|((x, w), c)| text_cell(*x, *w, c, true)).collect(),
        min_h: 28.0,
        header: true,
    }];
    for r in &doc.rows {
        rows.push(DRow {
            cells: geo.iter().zip(r).map(|((x, w), v)| text_cell(*x, *w, v, true)).collect(),
            min_h: 26.0,
            header: false,
        });
    }
    let mut body =
        p_xml(&Para { text: doc.title.clone(), align: "center", bold: true, size: 16.0, indent: 0.0 });
    for h in &doc.header {
        body.push_str(&p_xml(&Para { text: h.clone(), align: "left", bold: false, size: 12.0, indent: 0.0 }));
    }
    body.push_str(&table(&rows, width));
    let xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {NS}><w:body>{body}{}</w:body></w:document>", section(true, true));
    package(&xml, &footer_xml(&doc.footer), None, &doc.title)
}

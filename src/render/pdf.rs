//! PDF/A-2b output with krilla: the form model laid out on A4 pages, fonts subset and embedded, the
//! photo's JPEG embedded byte for byte, every page numbered “第 N 页 共 M 页” with the packet's footer.

use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::TextDirection;
use krilla::{Document, SerializeSettings};

use super::fonts::{fonts, Face};
use super::form::{FormDoc, Row, SummaryDoc};
use super::text::{break_cell, break_text, Line, Measure};

/// A4 portrait, in points.
const A4: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 54.0;
const BOTTOM: f32 = 64.0;
const LEAD: f32 = 16.0;

use super::grid::{history_cells, label_width, pair_cells, PAD, PHOTO_W, SIZE, VERTICAL_LABEL_W};

/// The day printed into the document's metadata (PDF/A requires one).
#[derive(Debug, Clone, Copy)]
pub struct DocDate {
    /// Year.
    pub year: u16,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
}

fn new_document(title: &str, date: DocDate) -> Document {
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_B)
        .finish()
        .expect("PDF/A-2b is a valid configuration");
    let settings = SerializeSettings { configuration, ..SerializeSettings::default() };
    let mut doc = Document::new_with(settings);
    let created = DateTime::new(date.year)
        .month(date.month)
        .day(date.day)
        .hour(0)
        .minute(0)
        .second(0)
        .utc_offset_hour(8)
        .utc_offset_minute(0);
    doc.set_metadata(
        Metadata::new()
            .title(title.replace('\n', " "))
            .creator("荐报 Jianbao".into())
            .producer(format!("荐报 Jianbao {}", env!("CARGO_PKG_VERSION")))
            .language("zh-CN".into())
            .creation_date(created),
    );
    doc
}

fn finish(doc: Document) -> Result<Vec<u8>, String> {
    doc.finish().map_err(|e| format!("{e:?}"))
}

fn black() -> rgb::Color {
    rgb::Color::new(0, 0, 0)
}

fn text(surface: &mut Surface<'_>, face: &Face, size: f32, x: f32, baseline: f32, s: &str) {
    // PDF/A forbids drawing a glyph the font lacks (emoji, control characters pasted from elsewhere):
    // those print as □, which the font has, and which the line breaker measured as one em.
    let printable: String = s.chars().map(|c| if c == ' ' || face.has(c) { c } else { '□' }).collect();
    let s = printable.trim_end();
    if s.is_empty() {
        return;
    }
    surface.set_fill(Some(Fill { paint: black().into(), ..Fill::default() }));
    surface.draw_text(Point::from_xy(x, baseline), face.pdf.clone(), size, s, false, TextDirection::Auto);
}

fn draw_lines(surface: &mut Surface<'_>, face: &Face, size: f32, x: f32, top: f32, lines: &[Line]) {
    for (i, l) in lines.iter().enumerate() {
        let baseline = top + (i as f32) * LEAD + size;
        for p in &l.pieces {
            text(surface, face, size, x + p.x, baseline, &p.text);
        }
    }
}

fn stroke_rect(surface: &mut Surface<'_>, x: f32, y: f32, w: f32, h: f32) {
    let Some(rect) = Rect::from_xywh(x, y, w.max(0.1), h.max(0.1)) else { return };
    let mut pb = PathBuilder::new();
    pb.push_rect(rect);
    if let Some(path) = pb.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke { paint: black().into(), width: 0.75, ..Stroke::default() }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

fn hline(surface: &mut Surface<'_>, x0: f32, x1: f32, y: f32) {
    let mut pb = PathBuilder::new();
    pb.move_to(x0, y);
    pb.line_to(x1, y);
    if let Some(path) = pb.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke { paint: black().into(), width: 0.6, ..Stroke::default() }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

fn centred(surface: &mut Surface<'_>, face: &Face, size: f32, x: f32, w: f32, baseline: f32, s: &str) {
    let tw = face.width(s, size);
    text(surface, face, size, x + (w - tw).max(0.0) / 2.0, baseline, s);
}

/// A cell: its box and its lines. A cell spans its row's height unless it sits in a nested grid
/// (the history table), where `y` is its offset in the row and `h` its own height.
struct Cell {
    x: f32,
    w: f32,
    y: f32,
    h: Option<f32>,
    lines: Vec<Line>,
    centre: bool,
    bold: bool,
}

fn cell(x: f32, w: f32, s: &str, centre: bool, bold: bool) -> Cell {
    let f = fonts();
    let face = if bold { &f.bold } else { &f.regular };
    let lines = break_cell(s, (w - 2.0 * PAD).max(SIZE), face, SIZE);
    Cell { x, w, y: 0.0, h: None, lines, centre, bold }
}

fn cells_height(cells: &[Cell], min: f32) -> f32 {
    cells.iter().map(|c| c.lines.len().max(1) as f32 * LEAD + 2.0 * PAD).fold(min, f32::max)
}

/// What one page holds: drawing operations relative to the page.
enum Item {
    Cells {
        cells: Vec<Cell>,
        h: f32,
    },
    /// A prose heading bar.
    Heading {
        text: String,
        h: f32,
    },
    /// Prose lines in a box; `first`/`last` close the box.
    Prose {
        lines: Vec<Line>,
        h: f32,
    },
    /// A whole custom block drawn by a closure-free description.
    Sign {
        label: Cell,
        body: Vec<Line>,
        mark: String,
        h: f32,
        label_w: f32,
    },
    Note {
        lines: Vec<Line>,
        h: f32,
    },
}

impl Item {
    fn height(&self) -> f32 {
        match self {
            Item::Cells { h, .. }
            | Item::Heading { h, .. }
            | Item::Prose { h, .. }
            | Item::Sign { h, .. }
            | Item::Note { h, .. } => *h,
        }
    }
}

/// Turns the rows into page items; `photo_rows` first rows leave room for the photo cell.
fn items(doc: &FormDoc, width: f32) -> (Vec<Item>, usize) {
    let f = fonts();
    let mut out = Vec::new();
    let photo_rows = doc.photo.as_ref().map(|p| p.rows).unwrap_or(0);
    for (i, row) in doc.rows.iter().enumerate() {
        let w = if i < photo_rows { width - PHOTO_W } else { width };
        match row {
            Row::Pairs(pairs) => {
                let labels: Vec<&str> = pairs.iter().map(|(l, _)| l.as_str()).collect();
                let geo = pair_cells(&labels, w);
                let texts = pairs.iter().flat_map(|(l, v)| [(l, true), (v, false)]);
                let cells: Vec<Cell> = geo
                    .iter()
                    .zip(texts)
                    .map(|((x, cw), (t, is_label))| cell(*x, *cw, t, is_label, false))
                    .collect();
                let h = cells_height(&cells, 26.0);
                out.push(Item::Cells { cells, h });
            }
            Row::Choices { label, options } => {
                let lw = label_width(label);
                let body: Vec<String> =
                    options.iter().map(|(o, on)| format!("{}{o}", if *on { '■' } else { '□' })).collect();
                let cells = vec![
                    cell(0.0, lw, label, true, false),
                    cell(lw, w - lw, &body.join("　　"), false, false),
                ];
                let h = cells_height(&cells, 26.0);
                out.push(Item::Cells { cells, h });
            }
            Row::History { label, columns, rows } => {
                // Vertical label: one character a line, as on the template.
                let vertical: String =
                    label.chars().filter(|c| !c.is_whitespace()).map(|c| format!("{c}\n")).collect();
                let lw = VERTICAL_LABEL_W;
                let geo = history_cells(columns.len(), w);
                let mut sub: Vec<Vec<Cell>> = Vec::new();
                sub.push(geo.iter().zip(columns).map(|((x, cw), c)| cell(*x, *cw, c, true, false)).collect());
                for r in rows {
                    sub.push(
                        geo.iter()
                            .zip(r)
                            .enumerate()
                            .map(|(k, ((x, cw), v))| cell(*x, *cw, v, k == 0, false))
                            .collect(),
                    );
                }
                // One item per sub-row; the label cell is drawn over their total height.
                let total: f32 = sub.iter().map(|cs| cells_height(cs, 24.0)).sum();
                let label_lines = break_cell(&vertical, lw - 2.0 * PAD, &f.regular, SIZE);
                let label_cell =
                    Cell { x: 0.0, w: lw, y: 0.0, h: None, lines: label_lines, centre: true, bold: false };
                let mut cells = vec![label_cell];
                let mut y = 0.0;
                for cs in sub {
                    let h = cells_height(&cs, 24.0);
                    cells.extend(cs.into_iter().map(|c| Cell { y, h: Some(h), ..c }));
                    y += h;
                }
                out.push(Item::Cells {
                    cells,
                    h: total.max(label.chars().count() as f32 * LEAD + 2.0 * PAD),
                });
            }
            Row::Prose { label, text } => {
                out.push(Item::Heading { text: label.clone(), h: 24.0 });
                let lines = break_text(text, w - 2.0 * PAD, SIZE * 2.0, &f.regular, SIZE);
                let lines =
                    if lines.is_empty() { vec![Line { pieces: vec![], text: String::new() }] } else { lines };
                for l in lines {
                    out.push(Item::Prose { lines: vec![l], h: LEAD });
                }
            }
            Row::Sign { label, text, mark } => {
                let lw = super::grid::sign_label_width(label);
                let body = break_text(
                    text,
                    w - lw - 2.0 * PAD,
                    if text.is_empty() { 0.0 } else { SIZE * 2.0 },
                    &f.regular,
                    SIZE,
                );
                let h = (body.len() as f32 * LEAD + 2.0 * PAD + 2.0 * LEAD + 24.0).max(96.0);
                let label_cell = cell(0.0, lw, label, true, false);
                out.push(Item::Sign { label: label_cell, body, mark: mark.clone(), h, label_w: lw });
            }
        }
    }
    if let Some(note) = &doc.note {
        let lines = break_text(note, width, 0.0, &f.regular, 9.0);
        let h = lines.len() as f32 * 13.0 + 6.0;
        out.push(Item::Note { lines, h });
    }
    (out, photo_rows)
}

fn draw_cells(surface: &mut Surface<'_>, x0: f32, top: f32, cells: &[Cell], h: f32) {
    let f = fonts();
    for c in cells {
        let (y, ch) = (top + c.y, c.h.unwrap_or(h));
        let lines = &c.lines;
        stroke_rect(surface, x0 + c.x, y, c.w, ch);
        let face = if c.bold { &f.bold } else { &f.regular };
        let text_h = lines.len() as f32 * LEAD;
        let ty = y + ((ch - text_h) / 2.0).max(PAD) - 2.0;
        for (i, l) in lines.iter().enumerate() {
            let baseline = ty + i as f32 * LEAD + SIZE + 1.5;
            if c.centre {
                let lw: f32 = face.width(&l.text, SIZE);
                let shift = (c.w - lw).max(0.0) / 2.0;
                for p in &l.pieces {
                    text(surface, face, SIZE, x0 + c.x + shift + p.x, baseline, &p.text);
                }
            } else {
                for p in &l.pieces {
                    text(surface, face, SIZE, x0 + c.x + PAD + p.x, baseline, &p.text);
                }
            }
        }
    }
}

fn footer(surface: &mut Surface<'_>, page: usize, pages: usize, line: &str, size: (f32, f32)) {
    let f = fonts();
    let y = size.1 - 30.0;
    centred(surface, &f.regular, 9.0, 0.0, size.0, y, &format!("第 {page} 页 共 {pages} 页"));
    let lines = break_cell(line, size.0 - 2.0 * MARGIN, &f.regular, 7.5);
    if let Some(l) = lines.first() {
        for p in &l.pieces {
            text(surface, &f.regular, 7.5, MARGIN + p.x, y + 12.0, &p.text);
        }
    }
}

fn draw_photo(surface: &mut Surface<'_>, x: f32, y: f32, w: f32, h: f32, photo: &super::form::Photo) {
    let f = fonts();
    stroke_rect(surface, x, y, w, h);
    let Some((bytes, orientation)) = &photo.jpeg else {
        let lines = break_text(&photo.label.replace('（', "\n（"), w - 2.0 * PAD, 0.0, &f.regular, SIZE);
        let top = y + (h - lines.len() as f32 * LEAD) / 2.0;
        for (i, l) in lines.iter().enumerate() {
            centred(surface, &f.regular, SIZE, x, w, top + i as f32 * LEAD + SIZE, &l.text);
        }
        return;
    };
    // The JPEG bytes go into the PDF unchanged; EXIF orientation is applied by the placement.
    let Ok(image) = Image::from_jpeg(bytes.clone().into(), false) else { return };
    let (sw, sh) = image.size();
    let swapped = matches!(orientation, 5..=8);
    let (dw, dh) = if swapped { (sh as f32, sw as f32) } else { (sw as f32, sh as f32) };
    let scale = ((w - 4.0) / dw).min((h - 4.0) / dh);
    let (pw, ph) = (dw * scale, dh * scale);
    let (px, py) = (x + (w - pw) / 2.0, y + (h - ph) / 2.0);
    let (iw, ih) = (sw as f32 * scale, sh as f32 * scale);
    let t = match orientation {
        // Rotations with the translation folded in (y grows downwards): (u, v) → (x', y').
        3 | 4 => Transform::from_row(-1.0, 0.0, 0.0, -1.0, px + pw, py + ph),
        5 | 6 => Transform::from_row(0.0, 1.0, -1.0, 0.0, px + pw, py),
        7 | 8 => Transform::from_row(0.0, -1.0, 1.0, 0.0, px, py + ph),
        _ => Transform::from_translate(px, py),
    };
    surface.push_transform(&t);
    if let Some(size) = Size::from_wh(iw, ih) {
        surface.draw_image(image, size);
    }
    surface.pop();
}

/// Renders a form (cover, 填表说明, table) to PDF bytes.
pub fn form_pdf(doc: &FormDoc, date: DocDate) -> Result<Vec<u8>, String> {
    let f = fonts();
    let width = A4.0 - 2.0 * MARGIN;
    let (items, photo_rows) = items(doc, width);

    // Paginate the table: (page index, y) for each item; prose headings stay with two lines, and a
    // prose text that continues on a new page gets its heading again, marked （续）.
    let title_lines: Vec<&str> = doc.title.split('\n').collect();
    let title_h = title_lines.len() as f32 * 24.0 + 14.0;
    let max_y = A4.1 - BOTTOM;
    let mut pages: Vec<Vec<(f32, usize, Option<String>)>> = vec![vec![]];
    let mut y = MARGIN + title_h;
    let mut current_heading: Option<String> = None;
    for (i, it) in items.iter().enumerate() {
        let h = it.height();
        let need = match it {
            Item::Heading { .. } => h + 2.0 * LEAD,
            _ => h,
        };
        if y + need > max_y && !pages.last().is_some_and(|p| p.is_empty()) {
            pages.push(vec![]);
            y = MARGIN;
            if let (Item::Prose { .. }, Some(head)) = (it, &current_heading) {
                pages.last_mut().expect("a page").push((y, usize::MAX, Some(format!("{head}（续）"))));
                y += 24.0;
            }
        }
        match it {
            Item::Heading { text, .. } => current_heading = Some(text.clone()),
            Item::Prose { .. } => {}
            _ => current_heading = None,
        }
        pages.last_mut().expect("a page").push((y, i, None));
        y += h;
    }

    let lead_pages = usize::from(doc.cover.is_some()) + usize::from(!doc.instructions.is_empty());
    let total = pages.len() + lead_pages - usize::from(doc.cover.is_some());
    let mut pdf = new_document(&doc.title, date);
    let mut number = 0;

    if let Some(cover) = &doc.cover {
        let mut page = pdf.start_page_with(PageSettings::from_wh(A4.0, A4.1).expect("A4"));
        let mut s = page.surface();
        let mut ty = 200.0;
        for (k, t) in cover.title.iter().enumerate() {
            let size = if k + 1 == cover.title.len() { 34.0 } else { 24.0 };
            centred(&mut s, &f.bold, size, 0.0, A4.0, ty, t);
            ty += size * 2.0;
        }
        let mut ey = 500.0;
        let lx = 140.0;
        let label_w =
            cover.entries.iter().map(|(l, _)| f.regular.width(&format!("{l}："), 15.0)).fold(0.0, f32::max);
        for (label, value) in &cover.entries {
            let lab = format!("{label}：");
            text(&mut s, &f.regular, 15.0, lx + label_w - f.regular.width(&lab, 15.0), ey, &lab);
            hline(&mut s, lx + label_w + 4.0, A4.0 - 120.0, ey + 4.0);
            text(&mut s, &f.regular, 14.0, lx + label_w + 14.0, ey - 1.0, value);
            ey += 42.0;
        }
        s.finish();
        page.finish();
    }
    if !doc.instructions.is_empty() {
        number += 1;
        let mut page = pdf.start_page_with(PageSettings::from_wh(A4.0, A4.1).expect("A4"));
        let mut s = page.surface();
        centred(&mut s, &f.bold, 16.0, 0.0, A4.0, MARGIN + 30.0, "填 表 说 明");
        let mut iy = MARGIN + 60.0;
        for item in &doc.instructions {
            let lines = break_text(item, width, 0.0, &f.regular, 12.0);
            for l in &lines {
                for p in &l.pieces {
                    text(&mut s, &f.regular, 12.0, MARGIN + p.x, iy + 12.0, &p.text);
                }
                iy += 21.0;
            }
            iy += 6.0;
        }
        footer(&mut s, number, total, &doc.footer, A4);
        s.finish();
        page.finish();
    }
    for (pi, placed) in pages.iter().enumerate() {
        number += 1;
        let mut page = pdf.start_page_with(PageSettings::from_wh(A4.0, A4.1).expect("A4"));
        let mut s = page.surface();
        if pi == 0 {
            let mut ty = MARGIN + 20.0;
            for t in &title_lines {
                centred(&mut s, &f.bold, 16.0, 0.0, A4.0, ty, t);
                ty += 24.0;
            }
        }
        let mut prose_box: Option<(f32, f32)> = None;
        let close = |s: &mut Surface<'_>, b: &mut Option<(f32, f32)>| {
            if let Some((y0, y1)) = b.take() {
                stroke_rect(s, MARGIN, y0, width, y1 - y0 + PAD);
            }
        };
        let mut photo_span: Option<(f32, f32)> = None;
        for (y, idx, heading) in placed {
            if let Some(head) = heading {
                close(&mut s, &mut prose_box);
                draw_cells(&mut s, MARGIN, *y, &[cell(0.0, width, head, false, true)], 24.0);
                continue;
            }
            let it = &items[*idx];
            if !matches!(it, Item::Prose { .. }) {
                close(&mut s, &mut prose_box);
            }
            match it {
                Item::Cells { cells, h } => {
                    draw_cells(&mut s, MARGIN, *y, cells, *h);
                    if *idx < photo_rows {
                        let span = photo_span.get_or_insert((*y, *y));
                        span.1 = *y + *h;
                    }
                }
                Item::Heading { text: t, h } => {
                    draw_cells(&mut s, MARGIN, *y, &[cell(0.0, width, t, false, true)], *h)
                }
                Item::Prose { lines, h } => {
                    let b = prose_box.get_or_insert((*y, *y));
                    b.1 = *y + *h;
                    draw_lines(&mut s, &f.regular, SIZE, MARGIN + PAD, *y + 1.0, lines);
                }
                Item::Sign { label, body, mark, h, label_w } => {
                    draw_cells(&mut s, MARGIN, *y, std::slice::from_ref(label), *h);
                    stroke_rect(&mut s, MARGIN + label_w, *y, width - label_w, *h);
                    draw_lines(&mut s, &f.regular, SIZE, MARGIN + label_w + PAD, *y + PAD, body);
                    let right = MARGIN + width - 24.0;
                    let mw = f.regular.width(mark, SIZE);
                    let date = "年    月    日";
                    let dw = f.regular.width(date, SIZE);
                    text(
                        &mut s,
                        &f.regular,
                        SIZE,
                        right - mw.max(dw) - 20.0,
                        *y + *h - 2.0 * LEAD - 4.0,
                        mark,
                    );
                    text(&mut s, &f.regular, SIZE, right - dw, *y + *h - 10.0, date);
                }
                Item::Note { lines, .. } => {
                    for (k, l) in lines.iter().enumerate() {
                        for p in &l.pieces {
                            text(&mut s, &f.regular, 9.0, MARGIN + p.x, *y + 12.0 + k as f32 * 13.0, &p.text);
                        }
                    }
                }
            }
        }
        close(&mut s, &mut prose_box);
        if let (Some((y0, y1)), Some(photo)) = (photo_span, &doc.photo) {
            draw_photo(&mut s, MARGIN + width - PHOTO_W, y0, PHOTO_W, y1 - y0, photo);
        }
        footer(&mut s, number, total, &doc.footer, A4);
        s.finish();
        page.finish();
    }
    finish(pdf)
}

/// Renders a 汇总表 on landscape A4 pages, the heading row repeated on each page.
pub fn summary_pdf(doc: &SummaryDoc, date: DocDate) -> Result<Vec<u8>, String> {
    let f = fonts();
    let size = (A4.1, A4.0);
    let width = size.0 - 2.0 * MARGIN;
    // Column widths: each column's label and (capped) longest value, scaled to the page.
    // Column widths: every column gets room for its label and about five characters of its values
    // (a name, 中共党员); what is left goes to the columns with longer values.
    let (mins, wants): (Vec<f32>, Vec<f32>) = doc
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let longest = doc
                .rows
                .iter()
                .map(|r| f.regular.width(r.get(i).map(String::as_str).unwrap_or(""), SIZE))
                .fold(0.0, f32::max);
            let label = f.regular.width(c, SIZE);
            let min = label.max(longest.min(6.0 * SIZE)).max(2.0 * SIZE) + 2.0 * PAD;
            (min, (label.max(longest.min(240.0)) + 2.0 * PAD).max(min))
        })
        .unzip();
    let (min_sum, want_sum): (f32, f32) = (mins.iter().sum(), wants.iter().sum());
    let widths: Vec<f32> = if want_sum <= width || want_sum <= min_sum {
        wants.iter().map(|w| w * width / want_sum).collect()
    } else {
        let share = ((width - min_sum) / (want_sum - min_sum)).max(0.0);
        mins.iter().zip(&wants).map(|(m, w)| m + (w - m) * share).collect()
    };
    let row_cells = |vals: &[String], bold: bool| -> Vec<Cell> {
        let mut x = 0.0;
        vals.iter()
            .zip(&widths)
            .map(|(v, w)| {
                let c = cell(x, *w, v, true, bold);
                x += w;
                c
            })
            .collect()
    };
    let header = row_cells(&doc.columns, false);
    let header_h = cells_height(&header, 28.0);
    let rows: Vec<(Vec<Cell>, f32)> = doc
        .rows
        .iter()
        .map(|r| {
            let cs = row_cells(r, false);
            let h = cells_height(&cs, 26.0);
            (cs, h)
        })
        .collect();
    let top0 = MARGIN + 34.0 + doc.header.len() as f32 * 20.0;
    let mut pages: Vec<Vec<(f32, usize)>> = vec![vec![]];
    let mut y = top0 + header_h;
    for (i, (_, h)) in rows.iter().enumerate() {
        if y + h > size.1 - BOTTOM && !pages.last().is_some_and(|p| p.is_empty()) {
            pages.push(vec![]);
            y = MARGIN + header_h;
        }
        pages.last_mut().expect("a page").push((y, i));
        y += h;
    }
    let total = pages.len();
    let mut pdf = new_document(&doc.title, date);
    for (pi, placed) in pages.iter().enumerate() {
        let mut page = pdf.start_page_with(PageSettings::from_wh(size.0, size.1).expect("landscape A4"));
        let mut s = page.surface();
        let table_top = if pi == 0 {
            centred(&mut s, &f.bold, 16.0, 0.0, size.0, MARGIN + 16.0, &doc.title);
            for (k, h) in doc.header.iter().enumerate() {
                text(&mut s, &f.regular, 12.0, MARGIN, MARGIN + 44.0 + k as f32 * 20.0, h);
            }
            top0
        } else {
            MARGIN
        };
        draw_cells(&mut s, MARGIN, table_top, &header, header_h);
        for (y, i) in placed {
            let (cs, h) = &rows[*i];
            draw_cells(&mut s, MARGIN, *y, cs, *h);
        }
        footer(&mut s, pi + 1, total, &doc.footer, size);
        s.finish();
        page.finish();
    }
    finish(pdf)
}

//! PDF/A-2b output with krilla: the form model laid out on A4 pages, fonts subset and embedded, the
//! photo's JPEG embedded byte for byte, every page after the cover numbered “第 N 页 共 M 页”.
//!
//! The table is a list of bands (a row of cells) paginated so that nothing is ever dropped,
//! clipped or printed over the footer: a band that does not fit either moves to the next page or,
//! when it is prose or taller than a good part of a page, is split between its lines; a table that
//! continues repeats its heading row, and continued text repeats its label marked （续）.

use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, TableHeaderScope, Tag, TagGroup, TagTree,
};
use krilla::{Document, SerializeSettings};

use super::fonts::{fonts, Face};
use super::form::{FormDoc, Row, SummaryDoc};
use super::grid::{
    choice_columns, history_cells, label_column, pair_cells, A4, FORM_W, MARGIN, MIN_SIZE, PAD, PHOTO_W,
    SEAL_H, SIZE, SUMMARY_W, VERTICAL_LABEL_W,
};
use super::text::{break_cell, break_text, longest_word, Line, Measure, Piece};

/// Space below the table for the footer.
const BOTTOM: f32 = 64.0;
/// The continuation mark of a label.
pub const CONTINUED: &str = "（续）";

/// Line advance for a size (16 pt at 五号).
fn lead(size: f32) -> f32 {
    size * 16.0 / SIZE
}

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

/// Draws one laid-out line as a single glyph run, untagged (the caller tags it).
fn glyphs(surface: &mut Surface<'_>, face: &Face, size: f32, x: f32, baseline: f32, line: &Line) {
    if line.pieces.is_empty() {
        return;
    }
    let (glyphs, text) = face.run(&line.pieces, size);
    let x0 = line.pieces[0].x;
    surface.set_fill(Some(Fill { paint: black().into(), ..Fill::default() }));
    surface.draw_glyphs(Point::from_xy(x + x0, baseline), &glyphs, face.pdf.clone(), &text, size, false);
}

/// Draws a line of the document's text, tagged as a span of the structure; returns its identifier.
fn draw_line(
    surface: &mut Surface<'_>,
    face: &Face,
    size: f32,
    x: f32,
    baseline: f32,
    line: &Line,
) -> Option<Identifier> {
    if line.pieces.is_empty() {
        return None;
    }
    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
    glyphs(surface, face, size, x, baseline, line);
    surface.end_tagged();
    Some(id)
}

/// Draws a line that is not part of the document's text (a page number, a heading repeated on a new
/// page), marked as an artifact so screen readers and extraction by structure skip it.
fn draw_artifact(surface: &mut Surface<'_>, face: &Face, size: f32, x: f32, baseline: f32, line: &Line) {
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::PaginationOther)));
    glyphs(surface, face, size, x, baseline, line);
    surface.end_tagged();
}

/// A line of one piece (a title, a label), not broken.
fn single(face: &Face, size: f32, s: &str) -> Line {
    Line {
        pieces: vec![Piece { text: s.to_string(), x: 0.0 }],
        text: s.to_string(),
        width: face.width(s, size),
    }
}

fn stroke_rect(surface: &mut Surface<'_>, x: f32, y: f32, w: f32, h: f32) {
    let Some(rect) = Rect::from_xywh(x, y, w.max(0.1), h.max(0.1)) else { return };
    let mut pb = PathBuilder::new();
    pb.push_rect(rect);
    if let Some(path) = pb.finish() {
        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout)));
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke { paint: black().into(), width: 0.75, ..Stroke::default() }));
        surface.draw_path(&path);
        surface.set_stroke(None);
        surface.end_tagged();
    }
}

fn hline(surface: &mut Surface<'_>, x0: f32, x1: f32, y: f32) {
    let mut pb = PathBuilder::new();
    pb.move_to(x0, y);
    pb.line_to(x1, y);
    if let Some(path) = pb.finish() {
        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout)));
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke { paint: black().into(), width: 0.6, ..Stroke::default() }));
        surface.draw_path(&path);
        surface.set_stroke(None);
        surface.end_tagged();
    }
}

/// Lines of `s` centred in `[x, x + w]`, wrapped when wider: (lines, each line's x).
fn centred_lines(face: &Face, size: f32, w: f32, s: &str) -> Vec<(f32, Line)> {
    break_cell(s, w, face, size).into_iter().map(|l| ((w - l.width).max(0.0) / 2.0, l)).collect()
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Align {
    Left,
    Centre,
}

/// A cell: its box (relative to the band) and its lines.
#[derive(Debug, Clone)]
struct Cell {
    x: f32,
    w: f32,
    lines: Vec<Line>,
    size: f32,
    align: Align,
    bold: bool,
    /// A label: when its row is split, the part on the next page repeats it marked （续）.
    label: bool,
    /// A label repeated on a later page (marked （续）): page furniture, not content.
    repeated: bool,
}

impl Cell {
    fn height(&self) -> f32 {
        self.lines.len() as f32 * lead(self.size) + 2.0 * PAD
    }
}

/// A left-aligned cell of lines laid out by the caller (choices in columns, prose, an opinion).
fn lines_cell(x: f32, w: f32, lines: Vec<Line>) -> Cell {
    Cell { x, w, lines, size: SIZE, align: Align::Left, bold: false, label: false, repeated: false }
}

/// A cell of text; a word wider than the cell (an e-mail address) is first set smaller, down to
/// [`MIN_SIZE`], and only then cut.
fn cell(x: f32, w: f32, s: &str, align: Align, bold: bool, label: bool) -> Cell {
    sized_cell(x, w, s, align, bold, label, SIZE)
}

fn sized_cell(x: f32, w: f32, s: &str, align: Align, bold: bool, label: bool, base: f32) -> Cell {
    let f = fonts();
    let face = if bold { &f.bold } else { &f.regular };
    let inner = (w - 2.0 * PAD).max(base);
    let word = longest_word(s, face, base);
    let size = if word > inner { (base * inner / word).max(MIN_SIZE.min(base)) } else { base };
    let lines = break_cell(s, inner, face, size);
    Cell { x, w, lines, size, align, bold, label, repeated: false }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// A row of the form.
    Plain,
    /// A bar over prose; kept with the first lines that follow.
    Heading,
    /// Flowing text in a box.
    Prose,
    /// The heading row of table `n`, repeated on every page the table reaches.
    TableHeader(usize),
    /// A row of table `n`.
    TableRow(usize),
}

/// A horizontal band of cells, the unit of pagination.
#[derive(Debug, Clone)]
struct Band {
    cells: Vec<Cell>,
    min_h: f32,
    kind: Kind,
    /// Beside the photo column.
    photo: bool,
    /// Room at the bottom for a signature or seal mark and the date: `（盖 章）` / `候选人签名：`.
    mark: Option<String>,
    /// Text starts at the top instead of being centred (prose, opinions, parts of split rows).
    top: bool,
    /// Drawn without rules (a title, a line above the table).
    bare: bool,
    /// A part of a band split between pages: its labels stand at the top.
    fragment: bool,
    /// Which band of the form it is (its parts share it): one row of the tagged structure.
    origin: usize,
}

/// Lines above a table (the title, the form's note, `推荐单位：…`) as bands without rules, so a
/// title of any length is paginated like the rest.
fn heading_bands(width: f32, lines: &[(&str, f32, bool, Align)]) -> Vec<Band> {
    lines
        .iter()
        .map(|(text, size, bold, align)| {
            let mut b =
                Band::new(vec![sized_cell(0.0, width, text, *align, *bold, false, *size)], 0.0, Kind::Plain);
            b.bare = true;
            b.top = true;
            b
        })
        .collect()
}

/// Height of the mark and date lines of a signature box.
const MARK_H: f32 = 2.0 * 16.0 + 14.0;

impl Band {
    fn new(cells: Vec<Cell>, min_h: f32, kind: Kind) -> Band {
        Band {
            cells,
            min_h,
            kind,
            photo: false,
            mark: None,
            top: false,
            bare: false,
            fragment: false,
            origin: 0,
        }
    }

    fn height(&self) -> f32 {
        let reserve = if self.mark.is_some() { MARK_H } else { 0.0 };
        self.cells.iter().map(|c| c.height() + reserve).fold(self.min_h, f32::max)
    }

    /// Splits the band so that its first part is at most `avail` tall; `None` when not even two
    /// lines fit. The second part's label cells say （续）; the signature mark stays with the end.
    fn split(&self, avail: f32) -> Option<(Band, Band)> {
        let mut head = self.clone();
        let mut tail = self.clone();
        head.mark = None;
        head.min_h = 0.0;
        head.top = true;
        tail.top = true;
        head.fragment = true;
        tail.fragment = true;
        let mut moved = false;
        for (h, t) in head.cells.iter_mut().zip(tail.cells.iter_mut()) {
            let fit = ((avail - 2.0 * PAD) / lead(h.size)).floor().max(0.0) as usize;
            if h.label {
                // A label stays on the first part and is repeated, marked, on the next.
                t.lines = if h.lines.is_empty() {
                    vec![]
                } else {
                    let text: String = h.lines.iter().map(|l| l.text.as_str()).collect();
                    let text = text.trim_end_matches(CONTINUED);
                    break_cell(&format!("{text}{CONTINUED}"), t.w - 2.0 * PAD, &fonts().regular, t.size)
                };
                t.repeated = true;
                if h.height() > avail {
                    return None;
                }
                continue;
            }
            if fit < 2 && h.lines.len() > fit {
                return None;
            }
            // No single line left alone at the top of the next page (a widow), when it can be helped.
            let keep = if h.lines.len() == fit + 1 && fit >= 3 { fit - 1 } else { fit };
            let rest = h.lines.split_off(keep.min(h.lines.len()));
            moved |= !rest.is_empty();
            t.lines = rest;
        }
        if !moved && self.mark.is_none() {
            return None;
        }
        if head.height() > avail + 0.01 {
            return None;
        }
        Some((head, tail))
    }
}

/// A table: its heading row and its vertical label (学习工作经历), repeated where it continues.
#[derive(Debug, Clone)]
struct Table {
    header: Band,
    vertical: Option<String>,
}

impl Table {
    /// Height the vertical label needs (one character a line, plus the continuation mark).
    fn label_h(&self) -> f32 {
        self.vertical.as_ref().map(|v| (v.chars().count() + 3) as f32 * lead(SIZE) + 2.0 * PAD).unwrap_or(0.0)
    }
}

/// The document's logical structure, collected while drawing, for the tagged PDF: headings,
/// paragraphs and the form's table, rows and cells in reading order. Parts of a band split between
/// pages are one row.
#[derive(Default)]
struct Structure {
    els: Vec<El>,
    /// Band origin → element.
    by_origin: std::collections::HashMap<usize, usize>,
}

enum El {
    Heading(Vec<Identifier>),
    Para(Vec<Identifier>),
    /// Cells: (header scope, content, is a figure).
    Row(Vec<(Option<TableHeaderScope>, Vec<Identifier>, bool)>),
}

impl Structure {
    fn heading(&mut self, ids: Vec<Identifier>) {
        if !ids.is_empty() {
            self.els.push(El::Heading(ids));
        }
    }

    fn para(&mut self, ids: Vec<Identifier>) {
        if !ids.is_empty() {
            self.els.push(El::Para(ids));
        }
    }

    /// Records a drawn band (or part of one).
    fn band(&mut self, band: &Band, ids: Vec<Vec<Identifier>>) {
        let at = *self.by_origin.entry(band.origin).or_insert_with(|| {
            self.els.push(if band.bare {
                if band.cells.iter().any(|c| c.bold) {
                    El::Heading(vec![])
                } else {
                    El::Para(vec![])
                }
            } else {
                let scope = |c: &Cell| match band.kind {
                    Kind::TableHeader(_) => Some(TableHeaderScope::Column),
                    _ if c.label => Some(TableHeaderScope::Row),
                    _ => None,
                };
                El::Row(band.cells.iter().map(|c| (scope(c), vec![], false)).collect())
            });
            self.els.len() - 1
        });
        match &mut self.els[at] {
            El::Heading(v) | El::Para(v) => v.extend(ids.into_iter().flatten()),
            El::Row(cells) => {
                for (k, cell) in ids.into_iter().enumerate() {
                    if let Some(c) = cells.get_mut(k) {
                        c.1.extend(cell);
                    }
                }
            }
        }
    }

    /// Adds a cell to the row of band `origin`: first (a table's vertical label) or last (the photo).
    fn cell(
        &mut self,
        origin: usize,
        first: bool,
        scope: Option<TableHeaderScope>,
        ids: Vec<Identifier>,
        figure: bool,
    ) {
        let Some(&at) = self.by_origin.get(&origin) else { return };
        if let El::Row(cells) = &mut self.els[at] {
            if first {
                cells.insert(0, (scope, ids, figure));
            } else {
                cells.push((scope, ids, figure));
            }
        }
    }

    fn tree(self) -> TagTree {
        let mut tree = TagTree::new();
        let mut table: Option<TagGroup> = None;
        let leaf = |g: &mut TagGroup, ids: Vec<Identifier>| {
            for id in ids {
                g.push(id);
            }
        };
        for el in self.els {
            if !matches!(el, El::Row(_)) {
                if let Some(t) = table.take() {
                    tree.push(t);
                }
            }
            match el {
                El::Heading(ids) => {
                    let mut g = TagGroup::new(Tag::Hn(std::num::NonZeroU16::MIN, None));
                    leaf(&mut g, ids);
                    tree.push(g);
                }
                El::Para(ids) => {
                    let mut g = TagGroup::new(Tag::P);
                    leaf(&mut g, ids);
                    tree.push(g);
                }
                El::Row(cells) => {
                    let mut tr = TagGroup::new(Tag::TR);
                    for (scope, ids, figure) in cells {
                        let mut cell = match scope {
                            Some(s) => TagGroup::new(Tag::TH(s)),
                            None => TagGroup::new(Tag::TD),
                        };
                        if figure {
                            let mut fig = TagGroup::new(Tag::Figure(Some(
                                "候选人照片 / photo of the candidate".into(),
                            )));
                            leaf(&mut fig, ids);
                            cell.push(Node::Group(fig));
                        } else {
                            leaf(&mut cell, ids);
                        }
                        tr.push(cell);
                    }
                    table.get_or_insert_with(|| TagGroup::new(Tag::Table)).push(tr);
                }
            }
        }
        if let Some(t) = table {
            tree.push(t);
        }
        tree
    }
}

/// A band placed on a page.
#[derive(Debug)]
struct Placed {
    band: Band,
    y: f32,
    h: f32,
    /// The band continues something begun on an earlier page.
    continued: bool,
}

/// Places bands on pages from `top` down to `bottom`. Returns the pages.
fn paginate(bands: Vec<Band>, tables: &[Table], top: f32, bottom: f32) -> Vec<Vec<Placed>> {
    let capacity = bottom - top;
    let mut pages: Vec<Vec<Placed>> = vec![vec![]];
    let mut y = top;
    // The last prose heading placed: it comes back, marked （续）, where its text continues.
    let mut heading: Option<Band> = None;
    // The open table fragment on this page: (table, y where it starts).
    let mut open: Option<(usize, f32)> = None;
    let mut queue: std::collections::VecDeque<(Band, bool)> = bands.into_iter().map(|b| (b, false)).collect();

    // Ends a table fragment: the vertical label needs its height, which the last row gives.
    fn close(
        pages: &mut [Vec<Placed>],
        open: &mut Option<(usize, f32)>,
        tables: &[Table],
        y: &mut f32,
        bottom: f32,
    ) {
        if let Some((t, start)) = open.take() {
            let short = tables[t].label_h() - (*y - start);
            if short > 0.0 {
                let ext = short.min(bottom - *y).max(0.0);
                if let Some(last) = pages.last_mut().and_then(|p| p.last_mut()) {
                    last.h += ext;
                }
                *y += ext;
            }
        }
    }

    while let Some((band, continued)) = queue.pop_front() {
        let table = match band.kind {
            Kind::TableHeader(t) | Kind::TableRow(t) => Some(t),
            _ => None,
        };
        if open.is_some_and(|(t, _)| Some(t) != table) {
            close(&mut pages, &mut open, tables, &mut y, bottom);
        }
        let h = band.height();
        let first_line =
            |b: &Band| b.cells.iter().map(|c| lead(c.size)).fold(0.0, f32::max) * 2.0 + 2.0 * PAD;
        let need = match band.kind {
            Kind::Heading => h + queue.front().map(|(b, _)| first_line(b).min(b.height())).unwrap_or(0.0),
            Kind::TableHeader(t) => {
                let row = queue.front().map(|(b, _)| first_line(b).min(b.height())).unwrap_or(0.0);
                (h + row).max(tables[t].label_h())
            }
            _ => h,
        };
        let empty = pages.last().is_some_and(|p| p.is_empty());
        if y + need <= bottom + 0.01 || (empty && need <= h + 0.01 && h <= bottom - y + 0.01) {
            if matches!(band.kind, Kind::TableHeader(_)) || (table.is_some() && open.is_none()) {
                open = table.map(|t| (t, y));
            }
            if band.kind == Kind::Heading && !continued {
                heading = Some(band.clone());
            }
            pages.last_mut().expect("a page").push(Placed { band, y, h, continued });
            y += h;
            continue;
        }
        // It does not fit here. Split it when it flows (prose) or is big, else move it.
        let avail = bottom - y;
        let big = h > capacity * 0.35 || band.kind == Kind::Prose;
        let split = if big && !matches!(band.kind, Kind::Heading | Kind::TableHeader(_)) {
            band.split(avail)
        } else {
            None
        };
        let carried = match split {
            Some((head, tail)) => {
                if table.is_some() && open.is_none() {
                    open = table.map(|t| (t, y));
                }
                let hh = head.height();
                pages.last_mut().expect("a page").push(Placed { band: head, y, h: hh, continued });
                y += hh;
                tail
            }
            None if empty => {
                // Not even a first part fits on an empty page (cannot happen for a band of text lines,
                // which split at any line; kept as a guard): split at the page's height.
                match band.split(capacity) {
                    Some((head, tail)) => {
                        let hh = head.height();
                        pages.last_mut().expect("a page").push(Placed { band: head, y, h: hh, continued });
                        y += hh;
                        tail
                    }
                    None => {
                        pages.last_mut().expect("a page").push(Placed { band, y, h, continued });
                        y += h;
                        continue;
                    }
                }
            }
            None => band,
        };
        close(&mut pages, &mut open, tables, &mut y, bottom);
        pages.push(vec![]);
        y = top;
        let was_split = carried.top && !matches!(carried.kind, Kind::Heading);
        // What continues on the new page is introduced again.
        match carried.kind {
            Kind::TableRow(t) => {
                queue.push_front((carried, was_split));
                queue.push_front((tables[t].header.clone(), true));
                continue;
            }
            Kind::Prose if was_split => {
                // The prose's heading comes back, marked.
                if let Some(mut h) = heading.clone() {
                    for c in &mut h.cells {
                        let text: String = c.lines.iter().map(|l| l.text.as_str()).collect();
                        c.lines =
                            break_cell(&format!("{text}{CONTINUED}"), c.w - 2.0 * PAD, &fonts().bold, c.size);
                    }
                    queue.push_front((carried, true));
                    queue.push_front((h, true));
                    continue;
                }
            }
            _ => {}
        }
        queue.push_front((carried, was_split));
    }
    close(&mut pages, &mut open, tables, &mut y, bottom);
    pages.retain(|p| !p.is_empty());
    if pages.is_empty() {
        pages.push(vec![]);
    }
    pages
}

/// Turns the form's rows into bands, and its tables.
fn bands(doc: &FormDoc, width: f32) -> (Vec<Band>, Vec<Table>) {
    let f = fonts();
    let lw = label_column(doc);
    let mut out = Vec::new();
    let mut tables = Vec::new();
    let photo_rows = doc.photo.as_ref().map(|p| p.rows).unwrap_or(0);
    for (i, row) in doc.rows.iter().enumerate() {
        let photo = i < photo_rows;
        let w = if photo { width - PHOTO_W } else { width };
        let mut added: Vec<Band> = Vec::new();
        match row {
            Row::Pairs(pairs) => {
                let refs: Vec<(&str, &str)> = pairs.iter().map(|(l, v)| (l.as_str(), v.as_str())).collect();
                let geo = pair_cells(&refs, lw, w);
                let texts = pairs.iter().flat_map(|(l, v)| [(l, true), (v, false)]);
                let cells: Vec<Cell> = geo
                    .iter()
                    .zip(texts)
                    .map(|((x, cw), (t, is_label))| {
                        cell(*x, *cw, t, if is_label { Align::Centre } else { Align::Left }, false, is_label)
                    })
                    .collect();
                added.push(Band::new(cells, 26.0, Kind::Plain));
            }
            Row::Choices { label, options } => {
                let texts: Vec<String> =
                    options.iter().map(|(o, on)| format!("{}{o}", if *on { '■' } else { '□' })).collect();
                let inner = w - lw - 2.0 * PAD;
                let (col, cols) = choice_columns(&texts, inner);
                let mut lines: Vec<Line> = Vec::new();
                for chunk in texts.chunks(cols) {
                    let fits = chunk.iter().all(|t| f.regular.width(t, SIZE) <= col);
                    if fits {
                        let pieces: Vec<Piece> = chunk
                            .iter()
                            .enumerate()
                            .map(|(k, t)| Piece { text: t.clone(), x: k as f32 * col })
                            .collect();
                        let width = (chunk.len() - 1) as f32 * col
                            + chunk.last().map(|t| f.regular.width(t, SIZE)).unwrap_or(0.0);
                        let text = chunk.concat();
                        lines.push(Line { pieces, text, width });
                    } else {
                        // An option wider than the cell: on lines of its own.
                        for t in chunk {
                            lines.extend(break_cell(t, inner, &f.regular, SIZE));
                        }
                    }
                }
                let body = lines_cell(lw, w - lw, lines);
                added.push(Band::new(
                    vec![cell(0.0, lw, label, Align::Centre, false, true), body],
                    26.0,
                    Kind::Plain,
                ));
            }
            Row::History { label, columns, rows } => {
                let t = tables.len();
                let geo = history_cells(columns.len(), w);
                let header: Vec<Cell> = geo
                    .iter()
                    .zip(columns)
                    .map(|((x, cw), c)| cell(*x, *cw, c, Align::Centre, false, false))
                    .collect();
                let header = Band::new(header, 24.0, Kind::TableHeader(t));
                tables.push(Table {
                    header: header.clone(),
                    vertical: Some(label.chars().filter(|c| !c.is_whitespace()).collect()),
                });
                added.push(header);
                for r in rows {
                    let cells: Vec<Cell> = geo
                        .iter()
                        .zip(r)
                        .enumerate()
                        .map(|(k, ((x, cw), v))| {
                            cell(*x, *cw, v, if k == 0 { Align::Centre } else { Align::Left }, false, false)
                        })
                        .collect();
                    added.push(Band::new(cells, 24.0, Kind::TableRow(t)));
                }
            }
            Row::Prose { label, text } => {
                added.push(Band::new(
                    vec![cell(0.0, width, label, Align::Left, true, false)],
                    24.0,
                    Kind::Heading,
                ));
                let mut lines = break_text(text, width - 2.0 * PAD, SIZE * 2.0, &f.regular, SIZE);
                if lines.is_empty() {
                    lines.push(Line::default());
                }
                let body = lines_cell(0.0, width, lines);
                let mut b = Band::new(vec![body], 2.0 * lead(SIZE) + 2.0 * PAD, Kind::Prose);
                b.top = true;
                added.push(b);
            }
            Row::Sign { label, text, mark } => {
                let inner = w - lw - 2.0 * PAD;
                let lines =
                    break_text(text, inner, if text.is_empty() { 0.0 } else { SIZE * 2.0 }, &f.regular, SIZE);
                let body = lines_cell(lw, w - lw, lines);
                let mut b = Band::new(
                    vec![cell(0.0, lw, label, Align::Centre, false, true), body],
                    SEAL_H,
                    Kind::Plain,
                );
                b.mark = Some(mark.clone());
                b.top = true;
                added.push(b);
            }
        }
        for mut b in added {
            b.photo = photo;
            out.push(b);
        }
    }
    (out, tables)
}

/// Draws a band's cells at `y`, `h` tall. Returns each cell's tagged lines (the signature mark and
/// date go with the last cell); with `repeat`, the band repeats content (a heading row on a new page)
/// and is drawn as an artifact, as is a label marked （续）.
fn draw_band(
    surface: &mut Surface<'_>,
    x0: f32,
    y: f32,
    h: f32,
    band: &Band,
    repeat: bool,
) -> Vec<Vec<Identifier>> {
    let f = fonts();
    let mut ids = Vec::new();
    for c in &band.cells {
        let mut cell_ids = Vec::new();
        if !band.bare {
            stroke_rect(surface, x0 + c.x, y, c.w, h);
        }
        let face = if c.bold { &f.bold } else { &f.regular };
        let ld = lead(c.size);
        let text_h = c.lines.len() as f32 * ld;
        // Labels stand in the middle of their cell (at the top of a split part); text at the top
        // of prose and signature boxes, else in the middle.
        let at_top = if c.label { band.fragment } else { band.top };
        let ty = if at_top { y + PAD } else { y + ((h - text_h) / 2.0).max(PAD) };
        let artifact = repeat || c.repeated;
        for (i, l) in c.lines.iter().enumerate() {
            let baseline = ty + i as f32 * ld + c.size * 1.1;
            let x = match c.align {
                Align::Centre => x0 + c.x + (c.w - l.width).max(0.0) / 2.0,
                Align::Left => x0 + c.x + PAD,
            };
            if artifact {
                draw_artifact(surface, face, c.size, x, baseline, l);
            } else {
                cell_ids.extend(draw_line(surface, face, c.size, x, baseline, l));
            }
        }
        ids.push(cell_ids);
    }
    if let (Some(mark), Some(body)) = (&band.mark, band.cells.last()) {
        let right = x0 + body.x + body.w - 24.0;
        let date = "年    月    日";
        let mw = f.regular.width(mark, SIZE);
        let dw = f.regular.width(date, SIZE);
        let a = draw_line(
            surface,
            &f.regular,
            SIZE,
            right - mw.max(dw) - 20.0,
            y + h - 2.0 * lead(SIZE) - 4.0,
            &single(&f.regular, SIZE, mark),
        );
        let b =
            draw_line(surface, &f.regular, SIZE, right - dw, y + h - 10.0, &single(&f.regular, SIZE, date));
        if let Some(last) = ids.last_mut() {
            last.extend(a.into_iter().chain(b));
        }
    }
    ids
}

/// The vertical label of a table beside its rows on one page (one character a line, as on the
/// template), marked ︵续︶ where it continues; set tighter if the rows are shorter than it.
fn draw_vertical(
    surface: &mut Surface<'_>,
    x: f32,
    y: f32,
    h: f32,
    label: &str,
    continued: bool,
) -> Vec<Identifier> {
    let f = fonts();
    let mut ids = Vec::new();
    stroke_rect(surface, x, y, VERTICAL_LABEL_W, h);
    let mut chars: Vec<char> = label.chars().collect();
    if continued {
        chars.extend(['︵', '续', '︶']);
    }
    let n = chars.len().max(1) as f32;
    let step = lead(SIZE).min((h - 2.0 * PAD) / n);
    let size = SIZE.min(step);
    let top = y + (h - n * step) / 2.0;
    for (i, c) in chars.iter().enumerate() {
        let s = c.to_string();
        let w = f.regular.width(&s, size);
        let baseline = top + i as f32 * step + size * 0.95;
        let line = single(&f.regular, size, &s);
        let x = x + (VERTICAL_LABEL_W - w) / 2.0;
        // Where it continues, the label is page furniture; the table's heading is on its first page.
        if continued {
            draw_artifact(surface, &f.regular, size, x, baseline, &line);
        } else {
            ids.extend(draw_line(surface, &f.regular, size, x, baseline, &line));
        }
    }
    ids
}

/// Page number and the footer line (the signing key), inside the printable area.
fn footer(surface: &mut Surface<'_>, page: usize, pages: usize, line: &str, size: (f32, f32)) {
    let f = fonts();
    let number = format!("第 {page} 页 共 {pages} 页");
    let w = f.regular.width(&number, 9.0);
    draw_artifact(
        surface,
        &f.regular,
        9.0,
        (size.0 - w) / 2.0,
        size.1 - 44.0,
        &single(&f.regular, 9.0, &number),
    );
    if !line.is_empty() {
        for (x, l) in centred_lines(&f.regular, 7.5, size.0 - 2.0 * MARGIN, line).iter().take(1) {
            draw_artifact(surface, &f.regular, 7.5, MARGIN + x, size.1 - 32.0, l);
        }
    }
}

/// The photo cell; returns the tagged content (the image, or the empty cell's words).
fn draw_photo(
    surface: &mut Surface<'_>,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    photo: Option<&super::form::Photo>,
) -> Vec<Identifier> {
    let f = fonts();
    stroke_rect(surface, x, y, w, h);
    let mut ids = Vec::new();
    let Some(photo) = photo else { return ids };
    let Some((bytes, orientation)) = &photo.jpeg else {
        let lines = break_text(&photo.label.replace('（', "\n（"), w - 2.0 * PAD, 0.0, &f.regular, SIZE);
        let top = y + (h - lines.len() as f32 * lead(SIZE)) / 2.0;
        for (i, l) in lines.iter().enumerate() {
            ids.extend(draw_line(
                surface,
                &f.regular,
                SIZE,
                x + (w - l.width).max(0.0) / 2.0,
                top + i as f32 * lead(SIZE) + SIZE,
                l,
            ));
        }
        return ids;
    };
    // The JPEG bytes go into the PDF unchanged; EXIF orientation is applied by the placement.
    let Ok(image) = Image::from_jpeg(bytes.clone().into(), false) else { return ids };
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
        ids.push(surface.start_tagged(ContentTag::Other));
        surface.draw_image(image, size);
        surface.end_tagged();
    }
    surface.pop();
    ids
}

/// A line of a flow: x, baseline, size, the line, underlined, bold.
struct FlowLine {
    x: f32,
    baseline: f32,
    size: f32,
    line: Line,
    rule: bool,
    bold: bool,
    /// Continues the paragraph of the line before (an item of the 填表说明 over several lines).
    join: bool,
}

/// Lines of flowing text (填表说明, cover entries) placed on as many pages as they need.
struct Flow {
    pages: Vec<Vec<FlowLine>>,
    y: f32,
    top: f32,
    bottom: f32,
}

impl Flow {
    fn new(first: f32, top: f32, bottom: f32) -> Flow {
        Flow { pages: vec![vec![]], y: first, top, bottom }
    }
    /// Adds a line at `x`, `size`, advancing by `step`; `rule` underlines it.
    /// Returns where the line went: (page, index).
    fn line(&mut self, x: f32, size: f32, step: f32, line: Line, rule: bool, bold: bool) -> (usize, usize) {
        if self.y + step > self.bottom && !self.pages.last().is_some_and(|p| p.is_empty()) {
            self.pages.push(vec![]);
            self.y = self.top;
        }
        let n = self.pages.len() - 1;
        let page = &mut self.pages[n];
        page.push(FlowLine { x, baseline: self.y + size, size, line, rule, bold, join: false });
        self.y += step;
        (n, page.len() - 1)
    }
}

/// Renders a form (cover, 填表说明, table) to PDF bytes.
pub fn form_pdf(doc: &FormDoc, date: DocDate) -> Result<Vec<u8>, String> {
    let f = fonts();
    let width = FORM_W;
    let bottom = A4.1 - BOTTOM;

    // Title and the form's own note under it, then the table.
    let mut heads: Vec<(&str, f32, bool, Align)> =
        doc.title.split('\n').map(|t| (t, 16.0, true, Align::Centre)).collect();
    if let Some(note) = &doc.note {
        heads.push((note.as_str(), SIZE, false, Align::Centre));
    }
    let (table, tables) = bands(doc, width);
    let mut bands = heading_bands(width, &heads);
    if let Some(last) = bands.last_mut() {
        last.min_h = last.height() + 8.0;
    }
    bands.extend(table);
    for (i, b) in bands.iter_mut().enumerate() {
        b.origin = i;
    }
    let pages = paginate(bands, &tables, MARGIN, bottom);

    // The cover: title, then label/value lines; a value too long for its line is set smaller
    // (down to 五号) and then wrapped onto further underlined lines, never past the page.
    let mut cover_flow = None;
    if let Some(cover) = &doc.cover {
        let mut flow = Flow::new(200.0, MARGIN, bottom);
        for (k, t) in cover.title.iter().enumerate() {
            let size = if k + 1 == cover.title.len() { 34.0 } else { 24.0 };
            for (x, l) in centred_lines(&f.bold, size, width, t) {
                flow.line(MARGIN + x, size, size * 2.0, l, false, true);
            }
        }
        flow.y = flow.y.max(460.0);
        let lx = 130.0;
        let label_w =
            cover.entries.iter().map(|(l, _)| f.regular.width(&format!("{l}："), 15.0)).fold(0.0, f32::max);
        let vx = lx + label_w + 10.0;
        let vw = A4.0 - 110.0 - vx;
        for (label, value) in &cover.entries {
            let lab = format!("{label}：");
            let size = if f.regular.width(value, 14.0) <= vw {
                14.0
            } else {
                (14.0 * vw / f.regular.width(value, 14.0).max(1.0)).max(SIZE)
            };
            let mut lines = break_cell(value, vw, &f.regular, size);
            if lines.is_empty() {
                lines.push(Line::default());
            }
            let step = if lines.len() == 1 { 42.0 } else { lead(size) + 8.0 };
            let mut at = None;
            for (k, l) in lines.into_iter().enumerate() {
                let placed = flow.line(vx, size, if k == 0 { step.max(28.0) } else { step }, l, true, false);
                at.get_or_insert(placed);
            }
            // The label beside the first line of its value.
            if let Some((page, i)) = at {
                let baseline = flow.pages[page][i].baseline + 0.5;
                let x = lx + label_w - f.regular.width(&lab, 15.0);
                let line = single(&f.regular, 15.0, &lab);
                // Before its value, so the label is read first.
                flow.pages[page].insert(
                    i,
                    FlowLine { x, baseline, size: 15.0, line, rule: false, bold: false, join: false },
                );
            }
            flow.y += 6.0;
        }
        cover_flow = Some(flow);
    }

    // 填表说明 on pages of their own.
    let mut instructions = None;
    if !doc.instructions.is_empty() {
        let mut flow = Flow::new(MARGIN + 60.0, MARGIN, bottom);
        for item in &doc.instructions {
            for (k, l) in break_text(item, width, 0.0, &f.regular, 12.0).into_iter().enumerate() {
                let (p, i) = flow.line(MARGIN, 12.0, 21.0, l, false, false);
                flow.pages[p][i].join = k > 0;
            }
            flow.y += 6.0;
        }
        instructions = Some(flow);
    }

    // Pages are counted from the cover, which carries no number (as the Word file does).
    let covers = cover_flow.as_ref().map(|f| f.pages.len()).unwrap_or(0);
    let numbered = covers + instructions.as_ref().map(|f| f.pages.len()).unwrap_or(0) + pages.len();
    let mut pdf = new_document(&doc.title, date);
    let mut st = Structure::default();
    let mut number = covers;
    fn new_page(pdf: &mut Document) -> krilla::page::Page<'_> {
        pdf.start_page_with(PageSettings::from_wh(A4.0, A4.1).expect("A4"))
    }

    if let Some(flow) = &cover_flow {
        for p in &flow.pages {
            let mut page = new_page(&mut pdf);
            let mut s = page.surface();
            draw_flow(&mut s, p, &mut st);
            s.finish();
            page.finish();
        }
    }
    if let Some(flow) = &instructions {
        for (k, p) in flow.pages.iter().enumerate() {
            number += 1;
            let mut page = new_page(&mut pdf);
            let mut s = page.surface();
            if k == 0 {
                let t = "填 表 说 明";
                let w = f.bold.width(t, 16.0);
                let id = draw_line(
                    &mut s,
                    &f.bold,
                    16.0,
                    (A4.0 - w) / 2.0,
                    MARGIN + 30.0,
                    &single(&f.bold, 16.0, t),
                );
                st.heading(id.into_iter().collect());
            }
            draw_flow(&mut s, p, &mut st);
            footer(&mut s, number, numbered, &doc.footer, A4);
            s.finish();
            page.finish();
        }
    }
    for (pi, placed) in pages.iter().enumerate() {
        number += 1;
        let mut page = new_page(&mut pdf);
        let mut s = page.surface();
        draw_table_page(&mut s, placed, &tables, MARGIN, &mut st);
        // The photo column beside the first rows (on every page they reach; the photo on the first).
        let photo: Vec<&Placed> = placed.iter().filter(|p| p.band.photo).collect();
        if let (Some(first), Some(last)) = (photo.first(), photo.last()) {
            let is_first = !first.continued
                && pi == pages.iter().position(|p| p.iter().any(|b| b.band.photo)).unwrap_or(0);
            let ids = draw_photo(
                &mut s,
                MARGIN + width - PHOTO_W,
                first.y,
                PHOTO_W,
                last.y + last.h - first.y,
                if is_first { doc.photo.as_ref() } else { None },
            );
            if !ids.is_empty() {
                let jpeg = doc.photo.as_ref().is_some_and(|p| p.jpeg.is_some());
                st.cell(first.band.origin, false, None, ids, jpeg);
            }
        }
        footer(&mut s, number, numbered, &doc.footer, A4);
        s.finish();
        page.finish();
    }
    pdf.set_tag_tree(st.tree());
    finish(pdf)
}

/// Draws a flow's lines; each line (a cover entry, an item of the 填表说明) is a paragraph of the
/// structure, the bold ones headings.
fn draw_flow(s: &mut Surface<'_>, lines: &[FlowLine], st: &mut Structure) {
    let f = fonts();
    for l in lines {
        let id = draw_line(s, if l.bold { &f.bold } else { &f.regular }, l.size, l.x, l.baseline, &l.line);
        match (l.bold, l.join, st.els.last_mut()) {
            (_, true, Some(El::Para(v))) => v.extend(id),
            (true, _, _) => st.heading(id.into_iter().collect()),
            _ => st.para(id.into_iter().collect()),
        }
        if l.rule {
            hline(s, l.x - 4.0, A4.0 - 110.0, l.baseline + 4.0);
        }
    }
}

/// Draws one page of bands; a table's vertical label is drawn just before its rows on the page, so
/// extracted text reads 学习工作经历 before the periods. Records what it drew in `st`.
fn draw_table_page(s: &mut Surface<'_>, placed: &[Placed], tables: &[Table], x0: f32, st: &mut Structure) {
    let table_of = |p: &Placed| match p.band.kind {
        Kind::TableHeader(t) | Kind::TableRow(t) => Some(t),
        _ => None,
    };
    for (i, p) in placed.iter().enumerate() {
        let mut label = None;
        if let Some(t) = table_of(p).filter(|t| i == 0 || table_of(&placed[i - 1]) != Some(*t)) {
            if let Some(v) = &tables[t].vertical {
                let end = placed[i..].iter().take_while(|q| table_of(q) == Some(t)).last().unwrap_or(p);
                label = Some(draw_vertical(s, x0, p.y, end.y + end.h - p.y, v, p.continued));
            }
        }
        // A heading row or a prose heading repeated on a new page is furniture, not content.
        let repeat = p.continued && matches!(p.band.kind, Kind::TableHeader(_) | Kind::Heading);
        let ids = draw_band(s, x0, p.y, p.h, &p.band, repeat);
        if !repeat {
            st.band(&p.band, ids);
        }
        if let Some(ids) = label.filter(|ids| !ids.is_empty()) {
            st.cell(p.band.origin, true, Some(TableHeaderScope::Row), ids, false);
        }
    }
}

/// Renders a 汇总表 on landscape A4 pages, the heading row repeated on each page.
pub fn summary_pdf(doc: &SummaryDoc, date: DocDate) -> Result<Vec<u8>, String> {
    let size = (A4.1, A4.0);
    let width = SUMMARY_W;
    let widths = super::grid::summary_widths(doc, width);
    let row_cells = |vals: &[String]| -> Vec<Cell> {
        let mut x = 0.0;
        widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let v = vals.get(i).map(String::as_str).unwrap_or("");
                let c = cell(x, *w, v, Align::Centre, false, false);
                x += w;
                c
            })
            .collect()
    };
    let header = Band::new(row_cells(&doc.columns), 28.0, Kind::TableHeader(0));
    let tables = [Table { header: header.clone(), vertical: None }];
    let mut bands = vec![header];
    bands.extend(doc.rows.iter().map(|r| Band::new(row_cells(r), 26.0, Kind::TableRow(0))));

    let mut heads: Vec<(&str, f32, bool, Align)> = vec![(doc.title.as_str(), 16.0, true, Align::Centre)];
    heads.extend(doc.header.iter().map(|h| (h.as_str(), 12.0, false, Align::Left)));
    let mut all = heading_bands(width, &heads);
    if let Some(last) = all.last_mut() {
        last.min_h = last.height() + 6.0;
    }
    all.extend(bands);
    for (i, b) in all.iter_mut().enumerate() {
        b.origin = i;
    }
    let bands = all;
    let pages = paginate(bands, &tables, MARGIN, size.1 - BOTTOM);
    let total = pages.len();
    let mut pdf = new_document(&doc.title, date);
    let mut st = Structure::default();
    for (pi, placed) in pages.iter().enumerate() {
        let mut page = pdf.start_page_with(PageSettings::from_wh(size.0, size.1).expect("landscape A4"));
        let mut s = page.surface();
        draw_table_page(&mut s, placed, &tables, MARGIN, &mut st);
        footer(&mut s, pi + 1, total, &doc.footer, size);
        s.finish();
        page.finish();
    }
    pdf.set_tag_tree(st.tree());
    finish(pdf)
}

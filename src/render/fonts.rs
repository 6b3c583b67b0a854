//! The shipped fonts (Noto Serif SC, OFL-1.1), compiled into the binary so rendering never depends on
//! the reader's machine, and their measurements for line breaking and drawing.
//!
//! Text is drawn as glyph runs made here from the font's `cmap` and `hmtx` (krilla's `draw_glyphs`),
//! not with krilla's `draw_text`: that shapes every call with a new rustybuzz face, re-parsing the
//! 15 MB font each time (69 % of render time before). The forms are Chinese and plain Latin, which need
//! no shaping beyond one glyph per character, and measuring and drawing from the same advances means
//! the line breaker's widths are exactly what is printed.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use krilla::text::{GlyphId, KrillaGlyph};

use super::text::{Measure, Piece};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSerifSC-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSerifSC-Bold.ttf");

/// One face: its bytes for embedding and its advances for measuring.
pub struct Face {
    /// The font file.
    pub data: &'static [u8],
    face: ttf_parser::Face<'static>,
    upem: f32,
    /// The font for krilla.
    pub pdf: krilla::text::Font,
    /// Glyph and advance of each character of the Basic Multilingual Plane, looked up in the font
    /// the first time it is used (a cmap lookup costs more than everything else done per character).
    bmp: Box<[AtomicU64]>,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Face")
    }
}

/// Full-width punctuation whose blank half may be taken up by a neighbour (CLREQ 3.1.6).
fn squeezable(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301B}'
        | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}'
        | '\u{FF01}' | '\u{FF08}' | '\u{FF09}' | '\u{FF0C}' | '\u{FF0E}' | '\u{FF1A}' | '\u{FF1B}' | '\u{FF1F}'
        | '\u{FF3B}' | '\u{FF3D}' | '\u{FF5B}' | '\u{FF5D}')
}

impl Face {
    fn load(data: &'static [u8]) -> Face {
        let face = ttf_parser::Face::parse(data, 0).expect("the shipped font parses");
        let upem = face.units_per_em() as f32;
        let pdf = krilla::text::Font::new(data.into(), 0).expect("the shipped font loads");
        let bmp = (0..0x1_0000).map(|_| AtomicU64::new(0)).collect();
        Face { data, face, upem, pdf, bmp }
    }

    /// (glyph, advance in em) of `c`; glyph 0 when the font lacks it.
    fn lookup(&self, c: char) -> (u32, f32) {
        let find = || {
            let g = self.face.glyph_index(c);
            let adv =
                g.and_then(|g| self.face.glyph_hor_advance(g)).map(|a| a as f32 / self.upem).unwrap_or(1.0);
            (g.map(|g| u32::from(g.0)).unwrap_or(0), adv)
        };
        let Some(slot) = self.bmp.get(c as usize) else { return find() };
        let v = slot.load(Ordering::Relaxed);
        if v != 0 {
            return ((v >> 32) as u32 & 0x7FFF_FFFF, f32::from_bits(v as u32));
        }
        let (g, adv) = find();
        // Bit 63 marks the entry as filled (glyph 0 with advance 0.0 would read as empty).
        slot.store((1 << 63) | (u64::from(g) << 32) | u64::from(adv.to_bits()), Ordering::Relaxed);
        (g, adv)
    }

    /// Whether the font has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.lookup(c).0 != 0
    }

    /// Advance of `c` in em (a character the font lacks measures one em: it prints as □).
    fn advance_em(&self, c: char) -> f32 {
        match self.lookup(c) {
            (0, _) => 1.0,
            (_, a) => a,
        }
    }

    /// The horizontal extent of `c`'s ink, in em.
    fn ink(&self, c: char) -> Option<(f32, f32)> {
        let g = self.face.glyph_index(c)?;
        let b = self.face.glyph_bounding_box(g)?;
        Some((b.x_min as f32 / self.upem, b.x_max as f32 / self.upem))
    }

    /// The glyph run of a line's pieces: one glyph per character, each piece starting at its `x`
    /// (justification and punctuation compression are in those positions). Characters the font lacks
    /// print as □, which the breaker measured as one em. Returns the glyphs and the text they stand for.
    pub fn run(&self, pieces: &[Piece], size: f32) -> (Vec<KrillaGlyph>, String) {
        let mut glyphs: Vec<KrillaGlyph> = Vec::new();
        let mut text = String::new();
        let mut pen = pieces.first().map(|p| p.x).unwrap_or(0.0);
        for p in pieces {
            // Close the gap to this piece on the previous glyph (a space, or justification).
            if let Some(last) = glyphs.last_mut() {
                last.x_advance += (p.x - pen) / size;
                pen = p.x;
            }
            for c in p.text.chars() {
                let (c, (gid, adv)) = match self.lookup(c) {
                    (0, _) => ('□', self.lookup('□')),
                    found => (c, found),
                };
                let start = text.len();
                text.push(c);
                glyphs.push(KrillaGlyph {
                    glyph_id: GlyphId::new(gid),
                    text_range: start..text.len(),
                    x_advance: adv,
                    x_offset: 0.0,
                    y_offset: 0.0,
                    y_advance: 0.0,
                    location: None,
                });
                pen += adv * size;
            }
        }
        (glyphs, text)
    }
}

impl Measure for Face {
    fn advance(&self, c: char, size: f32) -> f32 {
        self.advance_em(c) * size
    }

    /// Adjacent full-width punctuation (`！”`, `），`, `。」`) gives up blank space between the pair,
    /// as CLREQ asks; how much is read from the glyphs' ink, so no two marks ever touch. Less than
    /// CLREQ's half em: text extraction (poppler, copy and paste, screen readers) places each glyph by
    /// its full advance and breaks the line where one glyph starts more than 0.2 em inside the
    /// previous one, so a sentence would be cut in two when copied.
    fn squeeze(&self, a: char, b: char, size: f32) -> f32 {
        if !(squeezable(a) && squeezable(b)) {
            return 0.0;
        }
        let (Some((_, a_max)), Some((b_min, _))) = (self.ink(a), self.ink(b)) else { return 0.0 };
        let (aa, ab) = (self.advance_em(a), self.advance_em(b));
        if aa < 0.9 || ab < 0.9 {
            return 0.0;
        }
        // Blank space between the two inks, less a hair so they never touch.
        let blank = (aa - a_max) + b_min.max(0.0) - 0.1;
        blank.clamp(0.0, 0.18) * size
    }
}

/// The regular and bold faces.
#[derive(Debug)]
pub struct Fonts {
    /// Noto Serif SC Regular.
    pub regular: Face,
    /// Noto Serif SC Bold.
    pub bold: Face,
}

/// The fonts, loaded once.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts { regular: Face::load(REGULAR), bold: Face::load(BOLD) })
}

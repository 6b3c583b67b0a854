//! The shipped fonts (Noto Serif SC, OFL-1.1), compiled into the binary so rendering never depends on
//! the reader's machine, and their measurements for line breaking.

use std::sync::OnceLock;

use super::text::Measure;

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
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Face")
    }
}

impl Face {
    fn load(data: &'static [u8]) -> Face {
        let face = ttf_parser::Face::parse(data, 0).expect("the shipped font parses");
        let upem = face.units_per_em() as f32;
        let pdf = krilla::text::Font::new(data.into(), 0).expect("the shipped font loads");
        Face { data, face, upem, pdf }
    }

    /// Whether the font has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }
}

impl Measure for Face {
    fn advance(&self, c: char, size: f32) -> f32 {
        self.face
            .glyph_index(c)
            .and_then(|g| self.face.glyph_hor_advance(g))
            .map(|a| a as f32 / self.upem * size)
            .unwrap_or(size)
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

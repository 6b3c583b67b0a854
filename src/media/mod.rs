//! What a media file really is, judged by its content and never by its name, with bounded reads:
//! a header that claims a huge picture is reported, never allocated; a video is judged from its
//! container metadata, whatever its size.

pub mod background;
pub mod jpeg;
pub mod mp4;
pub mod pdf;
pub mod photo;
pub mod sniff;

use std::fs::File;
use std::io::Read;
use std::path::Path;

use serde::Serialize;

pub use background::{Colour, Found};
pub use sniff::Kind;

/// Largest photo read into memory.
const MAX_PHOTO_BYTES: u64 = 256 << 20;

/// Everything known about one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inspection {
    /// Size in bytes.
    pub bytes: u64,
    /// What it is, by content.
    pub kind: Kind,
    /// Pixel size of a non-JPEG picture, where its header gives it cheaply (PNG).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pixels: Option<(u32, u32)>,
    /// JPEG facts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo: Option<photo::PhotoInfo>,
    /// MP4/MOV facts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video: Option<mp4::VideoInfo>,
    /// PDF facts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pdf: Option<pdf::PdfInfo>,
    /// SHA-256 of the content, for files that are read whole anyway (photos, documents).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// Why the file is unusable, if it is: a stable code and a technical detail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<MediaProblem>,
}

/// A problem with a file's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MediaProblem {
    /// `truncated`, `corrupt`, `too-many-pixels`, `no-moov`, `no-video`, `too-large`, `unreadable`.
    pub code: &'static str,
    /// Technical detail, for the “技术详情” fold.
    pub detail: String,
}

impl Inspection {
    fn new(bytes: u64, kind: Kind) -> Self {
        Inspection {
            bytes,
            kind,
            pixels: None,
            photo: None,
            video: None,
            pdf: None,
            sha256: None,
            problem: None,
        }
    }

    fn fail(mut self, code: &'static str, detail: impl ToString) -> Self {
        self.problem = Some(MediaProblem { code, detail: detail.to_string() });
        self
    }
}

/// How much work to do.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Decode photos to classify their background and catch corrupt picture data.
    pub decode_photos: bool,
}

/// Inspects a file. Never panics and never allocates more than the caps above; an unreadable file is
/// an inspection with a problem, not an error.
pub fn inspect(path: &Path, opts: Options) -> Inspection {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return Inspection::new(0, Kind::Unknown).fail("unreadable", e),
    };
    let len = match file.metadata() {
        Ok(m) if m.is_file() => m.len(),
        Ok(_) => return Inspection::new(0, Kind::Unknown).fail("unreadable", "not a regular file"),
        Err(e) => return Inspection::new(0, Kind::Unknown).fail("unreadable", e),
    };
    let mut head = Vec::with_capacity(1024);
    if let Err(e) = (&mut file).take(1024).read_to_end(&mut head) {
        return Inspection::new(len, Kind::Unknown).fail("unreadable", e);
    }
    let kind = sniff::sniff(&head);
    let out = Inspection::new(len, kind);
    match kind {
        Kind::Jpeg | Kind::Png | Kind::Pdf => {
            let cap = if kind == Kind::Pdf { pdf::MAX_PDF } else { MAX_PHOTO_BYTES };
            if len > cap {
                return out.fail("too-large", format!("{len} bytes"));
            }
            let bytes = match read_all(path, len) {
                Ok(b) => b,
                Err(e) => return out.fail("unreadable", e),
            };
            whole_file(out, &bytes, opts)
        }
        Kind::Mp4 | Kind::Mov => {
            let mut out = out;
            match mp4::probe(&mut file, len) {
                Ok(v) => {
                    out.video = Some(v);
                    out
                }
                Err(e) => {
                    let code = match e {
                        mp4::Mp4Error::Truncated => "truncated",
                        mp4::Mp4Error::NoMoov => "no-moov",
                        mp4::Mp4Error::NoVideo => "no-video",
                        mp4::Mp4Error::MoovTooLarge => "too-large",
                        mp4::Mp4Error::Io(_) => "unreadable",
                        _ => "corrupt",
                    };
                    out.fail(code, e)
                }
            }
        }
        _ => out,
    }
}

fn read_all(path: &Path, len: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(len as usize);
    File::open(path)?.take(len).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn whole_file(mut out: Inspection, bytes: &[u8], opts: Options) -> Inspection {
    use sha2::{Digest, Sha256};
    out.sha256 = Some(hex::encode(Sha256::digest(bytes)));
    match out.kind {
        Kind::Jpeg => match photo::inspect(bytes, opts.decode_photos) {
            Ok(p) => out.photo = Some(p),
            Err(photo::PhotoError::Truncated) => return out.fail("truncated", "the picture data has no end"),
            Err(e @ photo::PhotoError::TooManyPixels { .. }) => return out.fail("too-many-pixels", e),
            Err(e) => return out.fail("corrupt", e),
        },
        Kind::Png => out.pixels = photo::png_size(bytes),
        Kind::Pdf => match pdf::probe(bytes) {
            Ok(p) => out.pdf = Some(p),
            Err(pdf::PdfError::Truncated) => return out.fail("truncated", "no %%EOF"),
            Err(e) => return out.fail("corrupt", e),
        },
        _ => {}
    }
    out
}

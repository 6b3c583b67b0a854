//! A file's kind by its first bytes, never by its name.

use serde::Serialize;

/// What a file really is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// JPEG (`FF D8 FF`).
    Jpeg,
    /// PNG.
    Png,
    /// HEIC/HEIF (iPhone photos).
    Heic,
    /// AVIF (AV1 still images: newer Android phones, web downloads).
    Avif,
    /// TIFF (scanners, some cameras).
    Tiff,
    /// Windows bitmap.
    Bmp,
    /// WebP.
    Webp,
    /// GIF.
    Gif,
    /// MP4 (ISO base media).
    Mp4,
    /// QuickTime MOV.
    Mov,
    /// PDF.
    Pdf,
    /// A ZIP package (.docx, .xlsx, .zip).
    Zip,
    /// An empty file.
    Empty,
    /// Anything else.
    Unknown,
}

impl Kind {
    /// The name used in messages and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpeg",
            Kind::Png => "png",
            Kind::Heic => "heic",
            Kind::Avif => "avif",
            Kind::Tiff => "tiff",
            Kind::Bmp => "bmp",
            Kind::Webp => "webp",
            Kind::Gif => "gif",
            Kind::Mp4 => "mp4",
            Kind::Mov => "mov",
            Kind::Pdf => "pdf",
            Kind::Zip => "zip",
            Kind::Empty => "empty",
            Kind::Unknown => "unknown",
        }
    }
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 14] = [
        Kind::Jpeg,
        Kind::Png,
        Kind::Heic,
        Kind::Avif,
        Kind::Tiff,
        Kind::Bmp,
        Kind::Webp,
        Kind::Gif,
        Kind::Mp4,
        Kind::Mov,
        Kind::Pdf,
        Kind::Zip,
        Kind::Empty,
        Kind::Unknown,
    ];

    /// The message naming the kind for people (`HEIC（苹果手机默认格式）`); a test checks each exists
    /// in every catalogue.
    pub fn message_id(self) -> &'static str {
        match self {
            Kind::Jpeg => "filekind-jpeg",
            Kind::Png => "filekind-png",
            Kind::Heic => "filekind-heic",
            Kind::Avif => "filekind-avif",
            Kind::Tiff => "filekind-tiff",
            Kind::Bmp => "filekind-bmp",
            Kind::Webp => "filekind-webp",
            Kind::Gif => "filekind-gif",
            Kind::Mp4 => "filekind-mp4",
            Kind::Mov => "filekind-mov",
            Kind::Pdf => "filekind-pdf",
            Kind::Zip => "filekind-zip",
            Kind::Empty => "filekind-empty",
            Kind::Unknown => "filekind-unknown",
        }
    }
}

/// The brands an ISO-BMFF `ftyp` box declares: the major brand, then the compatible ones.
fn brands(head: &[u8]) -> impl Iterator<Item = &[u8]> {
    let size = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
    let end = size.clamp(16, head.len());
    std::iter::once(&head[8..12]).chain(head[16.min(end)..end].chunks_exact(4))
}

/// Classifies a file from its first bytes (at least 32 are needed for certainty; 1 KiB suffices).
pub fn sniff(head: &[u8]) -> Kind {
    if head.is_empty() {
        return Kind::Empty;
    }
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Kind::Jpeg;
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Kind::Png;
    }
    if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        return Kind::Webp;
    }
    if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        return Kind::Gif;
    }
    if head.starts_with(b"PK\x03\x04") {
        return Kind::Zip;
    }
    // PDF readers accept the header anywhere in the first 1 KiB.
    if head.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Kind::Pdf;
    }
    if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        return Kind::Tiff;
    }
    // "BM", then the file size, 4 reserved bytes, the pixel offset, and a DIB header of a known size.
    if head.len() >= 18 && head.starts_with(b"BM") {
        let dib = u32::from_le_bytes([head[14], head[15], head[16], head[17]]);
        if matches!(dib, 12 | 40 | 52 | 56 | 64 | 108 | 124) {
            return Kind::Bmp;
        }
    }
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        // An image file (HEIF family) names `mif1`/`msf1` and the codec's brand; AVIF is AV1 inside
        // the same container as HEIC, so the brands decide which, not the first one alone.
        let all: Vec<&[u8]> = brands(head).collect();
        if all.iter().any(|b| matches!(*b, b"avif" | b"avis")) {
            return Kind::Avif;
        }
        return match &head[8..12] {
            b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"mif1" | b"msf1" => Kind::Heic,
            b"qt  " => Kind::Mov,
            _ => Kind::Mp4,
        };
    }
    // QuickTime files may start without `ftyp`.
    if head.len() >= 8 && matches!(&head[4..8], b"moov" | b"mdat" | b"wide" | b"free" | b"skip" | b"pnot") {
        return Kind::Mov;
    }
    Kind::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Kind::Jpeg);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Kind::Png);
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"), Kind::Heic);
        assert_eq!(sniff(b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf"), Kind::Avif);
        assert_eq!(sniff(b"\0\0\0\x20ftypmif1\0\0\0\0mif1avifmiafMA1B"), Kind::Avif);
        assert_eq!(sniff(b"II*\0\x08\0\0\0"), Kind::Tiff);
        assert_eq!(sniff(b"MM\0*\0\0\0\x08"), Kind::Tiff);
        let mut bmp = b"BM\x36\x10\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0".to_vec();
        bmp.extend([0u8; 16]);
        assert_eq!(sniff(&bmp), Kind::Bmp);
        assert_eq!(sniff(b"BMW is not a bitmap at all"), Kind::Unknown);
        assert_eq!(sniff(b"\0\0\0\x14ftypqt  \0\0\0\0qt  "), Kind::Mov);
        assert_eq!(sniff(b"\0\0\0\x20ftypisom\0\0\x02\0"), Kind::Mp4);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Kind::Webp);
        assert_eq!(sniff(b"%PDF-1.7\n"), Kind::Pdf);
        assert_eq!(sniff(b""), Kind::Empty);
        assert_eq!(sniff(b"hello world, this is text"), Kind::Unknown);
    }
}

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
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        let brand = &head[8..12];
        return match brand {
            b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"mif1" | b"msf1" | b"avif" => {
                Kind::Heic
            }
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
        assert_eq!(sniff(b"\0\0\0\x14ftypqt  \0\0\0\0qt  "), Kind::Mov);
        assert_eq!(sniff(b"\0\0\0\x20ftypisom\0\0\x02\0"), Kind::Mp4);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Kind::Webp);
        assert_eq!(sniff(b"%PDF-1.7\n"), Kind::Pdf);
        assert_eq!(sniff(b""), Kind::Empty);
        assert_eq!(sniff(b"hello world, this is text"), Kind::Unknown);
    }
}

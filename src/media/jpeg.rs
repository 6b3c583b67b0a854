//! A JPEG marker walk: pixel size, JFIF and EXIF resolution, EXIF orientation.
//!
//! Hand-written because the `image` crate reads the whole file to find the dimensions and exposes no
//! dpi; walking the markers to the start of scan reads a few kilobytes whatever the file's size.
//! EXIF itself is parsed by `kamadak-exif` from the APP1 segment (at most 64 KiB).

use std::io::{self, Read, Seek, SeekFrom};

/// Resolution as written in a header.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Density {
    /// Horizontal dots per inch.
    pub x_dpi: f64,
    /// Vertical dots per inch.
    pub y_dpi: f64,
}

/// What the header of a JPEG says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JpegInfo {
    /// Stored width in pixels (before EXIF orientation).
    pub width: u32,
    /// Stored height in pixels.
    pub height: u32,
    /// Number of colour components (1 grey, 3 colour, 4 CMYK).
    pub components: u8,
    /// Progressive (SOF2) rather than baseline.
    pub progressive: bool,
    /// JFIF APP0 density, when its unit is inch or centimetre.
    pub jfif: Option<Density>,
    /// EXIF XResolution/YResolution in dpi.
    pub exif: Option<Density>,
    /// EXIF orientation 1–8.
    pub orientation: Option<u16>,
    /// Offset of the first byte after the first start-of-scan header (where entropy data begins).
    pub scan_offset: u64,
}

impl JpegInfo {
    /// Width and height as displayed, after EXIF orientation (5–8 swap them).
    pub fn display_size(&self) -> (u32, u32) {
        match self.orientation {
            Some(5..=8) => (self.height, self.width),
            _ => (self.width, self.height),
        }
    }

    /// The resolution a viewer would use: EXIF when present, else JFIF.
    pub fn dpi(&self) -> Option<f64> {
        self.exif.or(self.jfif).map(|d| d.x_dpi.min(d.y_dpi))
    }
}

/// Why a file is not a readable JPEG.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JpegError {
    /// The first bytes are not `FF D8 FF`.
    #[error("not a JPEG (no FF D8 FF signature)")]
    NotJpeg,
    /// The file ends before the frame header.
    #[error("the file ends inside its header (truncated)")]
    Truncated,
    /// A marker or segment is malformed.
    #[error("malformed header: {0}")]
    Malformed(&'static str),
    /// Reading failed.
    #[error("read error: {0}")]
    Io(String),
}

const MAX_SEGMENTS: usize = 4096;

/// Walks the markers up to the start of scan.
pub fn probe<R: Read + Seek>(mut r: R) -> Result<JpegInfo, JpegError> {
    let mut sig = [0u8; 3];
    read_exact(&mut r, &mut sig)?;
    if sig != [0xFF, 0xD8, 0xFF] {
        return Err(JpegError::NotJpeg);
    }
    r.seek(SeekFrom::Start(2)).map_err(io_err)?;
    let mut info = JpegInfo::default();
    let mut have_frame = false;
    for _ in 0..MAX_SEGMENTS {
        let marker = next_marker(&mut r)?;
        match marker {
            0xD8 | 0x01 | 0xD0..=0xD7 => continue, // standalone markers
            0xD9 => break,                         // end of image
            _ => {}
        }
        let mut len = [0u8; 2];
        read_exact(&mut r, &mut len)?;
        let len = u16::from_be_bytes(len) as usize;
        if len < 2 {
            return Err(JpegError::Malformed("segment length below 2"));
        }
        let body_len = len - 2;
        match marker {
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let body = read_body(&mut r, body_len)?;
                if body.len() < 6 {
                    return Err(JpegError::Malformed("frame header too short"));
                }
                info.height = u16::from_be_bytes([body[1], body[2]]) as u32;
                info.width = u16::from_be_bytes([body[3], body[4]]) as u32;
                info.components = body[5];
                info.progressive = matches!(marker, 0xC2 | 0xC6 | 0xCA | 0xCE);
                if info.width == 0 || info.height == 0 {
                    return Err(JpegError::Malformed("zero width or height"));
                }
                have_frame = true;
            }
            0xE0 => {
                let body = read_body(&mut r, body_len)?;
                if body.len() >= 12 && &body[..5] == b"JFIF\0" {
                    let unit = body[7];
                    let x = u16::from_be_bytes([body[8], body[9]]) as f64;
                    let y = u16::from_be_bytes([body[10], body[11]]) as f64;
                    let f = match unit {
                        1 => Some(1.0),
                        2 => Some(2.54),
                        _ => None,
                    };
                    if let Some(f) = f {
                        if x > 0.0 && y > 0.0 {
                            info.jfif = Some(Density { x_dpi: x * f, y_dpi: y * f });
                        }
                    }
                }
            }
            0xE1 => {
                let body = read_body(&mut r, body_len)?;
                if body.len() > 6
                    && &body[..6] == b"Exif\0\0"
                    && info.exif.is_none()
                    && info.orientation.is_none()
                {
                    exif(&body[6..], &mut info);
                }
            }
            0xDA => {
                if !have_frame {
                    return Err(JpegError::Malformed("scan before frame header"));
                }
                r.seek(SeekFrom::Current(body_len as i64)).map_err(io_err)?;
                info.scan_offset = r.stream_position().map_err(io_err)?;
                return Ok(info);
            }
            _ => {
                r.seek(SeekFrom::Current(body_len as i64)).map_err(io_err)?;
            }
        }
    }
    if have_frame {
        Ok(info)
    } else {
        Err(JpegError::Truncated)
    }
}

fn exif(tiff: &[u8], info: &mut JpegInfo) {
    let Ok(ex) = exif::Reader::new().read_raw(tiff.to_vec()) else {
        return;
    };
    let get = |tag| ex.get_field(tag, exif::In::PRIMARY);
    if let Some(o) = get(exif::Tag::Orientation).and_then(|f| f.value.get_uint(0)) {
        if (1..=8).contains(&o) {
            info.orientation = Some(o as u16);
        }
    }
    let rational = |tag| match get(tag).map(|f| &f.value) {
        Some(exif::Value::Rational(v)) if !v.is_empty() && v[0].denom != 0 => Some(v[0].to_f64()),
        _ => None,
    };
    let unit = get(exif::Tag::ResolutionUnit).and_then(|f| f.value.get_uint(0)).unwrap_or(2);
    let factor = match unit {
        2 => Some(1.0),
        3 => Some(2.54),
        _ => None,
    };
    if let (Some(x), Some(y), Some(f)) =
        (rational(exif::Tag::XResolution), rational(exif::Tag::YResolution), factor)
    {
        if x > 0.0 && y > 0.0 && x.is_finite() && y.is_finite() {
            info.exif = Some(Density { x_dpi: x * f, y_dpi: y * f });
        }
    }
}

fn next_marker<R: Read>(r: &mut R) -> Result<u8, JpegError> {
    let mut b = [0u8; 1];
    read_exact(r, &mut b)?;
    if b[0] != 0xFF {
        return Err(JpegError::Malformed("expected a marker"));
    }
    // Fill bytes: any number of 0xFF before the marker code.
    for _ in 0..65536 {
        read_exact(r, &mut b)?;
        if b[0] != 0xFF {
            return if b[0] == 0 { Err(JpegError::Malformed("marker code 0")) } else { Ok(b[0]) };
        }
    }
    Err(JpegError::Malformed("too many fill bytes"))
}

fn read_body<R: Read>(r: &mut R, len: usize) -> Result<Vec<u8>, JpegError> {
    // len ≤ 65533 by construction: bounded allocation.
    let mut v = vec![0u8; len];
    read_exact(r, &mut v)?;
    Ok(v)
}

fn read_exact<R: Read>(r: &mut R, buf: &mut [u8]) -> Result<(), JpegError> {
    r.read_exact(buf).map_err(|e| {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            JpegError::Truncated
        } else {
            io_err(e)
        }
    })
}

fn io_err(e: io::Error) -> JpegError {
    JpegError::Io(e.to_string())
}

/// Whether the entropy-coded data starting at `scan_offset` reaches an end-of-image marker. A file
/// cut short has none. In entropy data a 0xFF byte is always followed by 0x00 or a restart marker, so
/// the first `FF D9` after the scan is the real end; data after it (a Motion Photo's video) is allowed.
pub fn has_end(bytes: &[u8], scan_offset: u64) -> bool {
    let start = usize::try_from(scan_offset).unwrap_or(usize::MAX).min(bytes.len());
    bytes[start..].windows(2).any(|w| w == [0xFF, 0xD9])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn minimal(width: u16, height: u16) -> Vec<u8> {
        let mut v = vec![0xFF, 0xD8];
        v.extend_from_slice(&[0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1, 1, 1, 0, 72, 0, 72, 0, 0]);
        v.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8]);
        v.extend_from_slice(&height.to_be_bytes());
        v.extend_from_slice(&width.to_be_bytes());
        v.extend_from_slice(&[1, 1, 0x11, 0]);
        v.extend_from_slice(&[0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0]);
        v
    }

    #[test]
    fn reads_size_and_jfif_density() {
        let info = probe(Cursor::new(minimal(60000, 60000))).unwrap();
        assert_eq!((info.width, info.height), (60000, 60000));
        assert_eq!(info.jfif, Some(Density { x_dpi: 72.0, y_dpi: 72.0 }));
    }

    #[test]
    fn refuses_non_jpeg_and_truncation() {
        assert_eq!(probe(Cursor::new(b"\x89PNG\r\n\x1a\n".to_vec())), Err(JpegError::NotJpeg));
        assert_eq!(probe(Cursor::new(Vec::new())), Err(JpegError::Truncated));
        let v = minimal(10, 10);
        assert_eq!(probe(Cursor::new(v[..24].to_vec())), Err(JpegError::Truncated));
    }
}

//! Photos: JPEG facts by content, completeness, and (decoded within limits) the background colour.

use std::io::Cursor;

use serde::Serialize;

use super::background;
use super::jpeg::{self, JpegError};

/// Largest picture decoded (to classify the background); bigger ones are judged by their header only.
pub const MAX_DECODE_PIXELS: u64 = 50_000_000;
/// A JPEG smaller than one byte per this many pixels cannot hold the picture its header claims
/// (even a plain colour costs about a byte per 8×8 block); such a header is refused, never decoded.
const MAX_PIXELS_PER_BYTE: u64 = 500;

/// Pictures above this many pixels are refused before any decoding (a 60000×60000 header is 3.6
/// gigapixels; the largest phone and camera photos are near 200 megapixels).
pub const MAX_PIXELS: u64 = 250_000_000;

/// What a JPEG photo is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhotoInfo {
    /// Displayed width (EXIF orientation applied).
    pub width: u32,
    /// Displayed height.
    pub height: u32,
    /// Width as stored.
    pub stored_width: u32,
    /// Height as stored.
    pub stored_height: u32,
    /// EXIF orientation, 1–8.
    pub orientation: Option<u16>,
    /// Resolution from the JFIF header.
    pub jfif_dpi: Option<f64>,
    /// Resolution from EXIF.
    pub exif_dpi: Option<f64>,
    /// Progressive encoding.
    pub progressive: bool,
    /// Background colour class of the top corners (when decoded).
    pub background: Option<background::Found>,
}

impl PhotoInfo {
    /// The resolution to judge: EXIF when present (what Windows shows), else JFIF.
    pub fn dpi(&self) -> Option<f64> {
        self.exif_dpi.or(self.jfif_dpi)
    }
}

/// Why a JPEG cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[non_exhaustive]
pub enum PhotoError {
    /// The header ends early, or the picture data has no end: the file was cut.
    #[error("truncated")]
    Truncated,
    /// Malformed header or undecodable data.
    #[error("corrupt: {0}")]
    Corrupt(String),
    /// The header claims more pixels than any photo has.
    #[error("claims {width}×{height} pixels")]
    TooManyPixels {
        /// Claimed width.
        width: u32,
        /// Claimed height.
        height: u32,
    },
}

/// Inspects a whole JPEG file's bytes. With `decode`, the picture is decoded (within memory limits) to
/// classify its background and to catch corrupt picture data.
pub fn inspect(bytes: &[u8], decode: bool) -> Result<PhotoInfo, PhotoError> {
    let head = jpeg::probe(Cursor::new(bytes)).map_err(|e| match e {
        JpegError::Truncated => PhotoError::Truncated,
        other => PhotoError::Corrupt(other.to_string()),
    })?;
    if head.width as u64 * head.height as u64 > MAX_PIXELS {
        return Err(PhotoError::TooManyPixels { width: head.width, height: head.height });
    }
    if !jpeg::has_end(bytes, head.scan_offset) {
        return Err(PhotoError::Truncated);
    }
    let pixels = head.width as u64 * head.height as u64;
    if pixels > bytes.len() as u64 * MAX_PIXELS_PER_BYTE {
        return Err(PhotoError::Corrupt(format!(
            "{} bytes cannot hold the {}×{} picture the header claims",
            bytes.len(),
            head.width,
            head.height
        )));
    }
    let (width, height) = head.display_size();
    let mut info = PhotoInfo {
        width,
        height,
        stored_width: head.width,
        stored_height: head.height,
        orientation: head.orientation,
        jfif_dpi: head.jfif.map(|d| d.x_dpi.min(d.y_dpi)),
        exif_dpi: head.exif.map(|d| d.x_dpi.min(d.y_dpi)),
        progressive: head.progressive,
        background: None,
    };
    if decode && pixels <= MAX_DECODE_PIXELS {
        let mut img = image::DynamicImage::ImageRgb8(decode_strict(bytes, head.width, head.height)?);
        if let Some(o) = head.orientation.and_then(|o| image::metadata::Orientation::from_exif(o as u8)) {
            img.apply_orientation(o);
        }
        info.background = Some(background::classify(&img.thumbnail(160, 160).to_rgb8()));
    }
    Ok(info)
}

/// Decodes with zune-jpeg in strict mode: the lenient default (what `image` uses) turns random picture
/// data into noise without complaint, so a damaged file would pass.
fn decode_strict(bytes: &[u8], width: u32, height: u32) -> Result<image::RgbImage, PhotoError> {
    use zune_core::bytestream::ZCursor;
    use zune_core::colorspace::ColorSpace;
    use zune_core::options::DecoderOptions;
    let opts = DecoderOptions::default()
        .set_strict_mode(true)
        .jpeg_set_out_colorspace(ColorSpace::RGB)
        .set_max_width(width as usize)
        .set_max_height(height as usize);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), opts);
    let pixels = decoder.decode().map_err(|e| PhotoError::Corrupt(format!("{e:?}")))?;
    let info = decoder.info().ok_or_else(|| PhotoError::Corrupt("no image information".into()))?;
    image::RgbImage::from_raw(info.width as u32, info.height as u32, pixels)
        .ok_or_else(|| PhotoError::Corrupt("decoded size does not match the header".into()))
}

/// The pixel size in a PNG's header, if it is one.
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
    Some((w, h))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Background;
    use crate::sample::{synth_jpeg, PhotoSpec};

    #[test]
    fn sample_id_photo_is_red_and_complete() {
        let bytes = synth_jpeg(&PhotoSpec {
            width: 330,
            height: 480,
            dpi: 300,
            min_bytes: 0,
            background: Some(Background::Red),
            seed: 7,
        });
        let info = inspect(&bytes, true).unwrap();
        assert_eq!((info.width, info.height), (330, 480));
        assert_eq!(info.background.map(|b| b.colour), Some(crate::media::Colour::Red));
        assert_eq!(info.jfif_dpi, Some(300.0));
        assert_eq!(inspect(&bytes[..bytes.len() / 2], false), Err(PhotoError::Truncated));
    }
}

#[cfg(test)]
mod regressions {
    use super::*;

    /// Found by the `photo_inspect` fuzzer: 349 bytes claiming 5888×32816 pixels took seconds to
    /// "decode". Now refused from the header, without decoding.
    #[test]
    fn tiny_file_claiming_a_huge_picture_is_refused_at_once() {
        let mut v = vec![0xFF, 0xD8, 0xFF, 0xC0, 0, 17, 8];
        v.extend_from_slice(&32816u16.to_be_bytes());
        v.extend_from_slice(&5888u16.to_be_bytes());
        v.extend_from_slice(&[3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);
        v.extend_from_slice(&[0xFF, 0xDA, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0]);
        v.extend_from_slice(&[0x55; 300]);
        v.extend_from_slice(&[0xFF, 0xD9]);
        assert!(matches!(inspect(&v, true), Err(PhotoError::Corrupt(_))));
    }
}

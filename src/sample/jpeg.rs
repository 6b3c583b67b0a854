//! Synthetic photographs: real JPEG files with the pixel size, dpi, file size and (for ID photos)
//! background colour a profile demands.
//!
//! The pictures are drawn here rather than shipped so that a sample always fits its profile's
//! current rules; sensor-like noise gives them the entropy of a camera original, which is what makes
//! an honest JPEG of several megabytes.

use image::codecs::jpeg::{JpegEncoder, PixelDensity};
use image::{ExtendedColorType, ImageEncoder};

use super::rng::Rng;
use crate::profile::Background;

/// What picture to draw.
#[derive(Debug, Clone)]
pub struct PhotoSpec {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Resolution written to the JFIF header; 0 writes no unit (aspect ratio only), as some editors do.
    pub dpi: u16,
    /// Smallest file size wanted; the picture grows until it is reached.
    pub min_bytes: u64,
    /// An ID photo on this background, or a scene when none.
    pub background: Option<Background>,
    /// Seed of the picture's details.
    pub seed: u64,
}

/// Draws and encodes the picture. The size grows (keeping proportions) until `min_bytes` is met.
pub fn synth(spec: &PhotoSpec) -> Vec<u8> {
    let (mut w, mut h) = (spec.width.max(16), spec.height.max(16));
    let mut noise = 10i32;
    loop {
        let rgb = draw(w, h, spec.background, noise, spec.seed);
        let bytes = encode(&rgb, w, h, spec.dpi);
        if bytes.len() as u64 >= spec.min_bytes || w > 12_000 {
            return bytes;
        }
        // More texture first, then more pixels, like a better camera.
        if noise < 22 {
            noise += 6;
        } else {
            w = w * 6 / 5;
            h = h * 6 / 5;
        }
    }
}

fn encode(rgb: &[u8], w: u32, h: u32, dpi: u16) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = JpegEncoder::new_with_quality(&mut out, 92);
    if dpi == 0 {
        enc.set_pixel_density(PixelDensity {
            density: (1, 1),
            unit: image::codecs::jpeg::PixelDensityUnit::PixelAspectRatio,
        });
    } else {
        enc.set_pixel_density(PixelDensity::dpi(dpi));
    }
    enc.write_image(rgb, w, h, ExtendedColorType::Rgb8).expect("encoding to memory cannot fail");
    out
}

fn bg_rgb(b: Background) -> [i32; 3] {
    match b {
        Background::Red => [206, 28, 36],
        Background::White => [246, 246, 244],
        Background::Blue => [60, 140, 220],
    }
}

fn draw(w: u32, h: u32, background: Option<Background>, noise: i32, seed: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let mut px = vec![0u8; (w as usize) * (h as usize) * 3];
    let (wf, hf) = (w as f32, h as f32);
    // Scene parameters.
    let hue_shift = (rng.next() % 40) as i32 - 20;
    let horizon = 0.45 + (rng.next() % 20) as f32 / 100.0;
    let blocks: Vec<[f32; 5]> = (0..8)
        .map(|_| {
            let x = (rng.next() % 1000) as f32 / 1000.0;
            let bw = 0.05 + (rng.next() % 150) as f32 / 1000.0;
            let top = 0.15 + (rng.next() % 400) as f32 / 1000.0;
            let shade = 60.0 + (rng.next() % 120) as f32;
            let tint = (rng.next() % 60) as f32;
            [x, bw, top, shade, tint]
        })
        .collect();
    for y in 0..h {
        let yf = y as f32 / hf;
        for x in 0..w {
            let xf = x as f32 / wf;
            let base: [i32; 3] = match background {
                Some(b) => portrait(xf, yf, wf / hf, bg_rgb(b)),
                None => scene(xf, yf, horizon, hue_shift, &blocks),
            };
            let i = ((y * w + x) * 3) as usize;
            for c in 0..3 {
                let n = (rng.next() % (2 * noise as u64 + 1)) as i32 - noise;
                px[i + c] = (base[c] + n).clamp(0, 255) as u8;
            }
        }
    }
    px
}

/// A head-and-shoulders silhouette, centred, on a plain background.
fn portrait(x: f32, y: f32, aspect: f32, bg: [i32; 3]) -> [i32; 3] {
    let dx = (x - 0.5) * aspect;
    // Hair, face, neck, shoulders.
    let head = (dx / 0.21).powi(2) + ((y - 0.40) / 0.22).powi(2) <= 1.0;
    let hair = (dx / 0.23).powi(2) + ((y - 0.33) / 0.19).powi(2) <= 1.0 && y < 0.36;
    let neck = dx.abs() < 0.08 && (0.58..0.72).contains(&y);
    let shoulders = y > 0.70 && dx.abs() < 0.22 + (y - 0.70) * 1.6;
    if hair {
        [30, 26, 24]
    } else if head || neck {
        [226, 186, 160]
    } else if shoulders {
        if dx.abs() < 0.05 {
            [240, 240, 240]
        } else {
            [34, 40, 58]
        }
    } else {
        bg
    }
}

/// Sky, ground and some buildings or equipment.
fn scene(x: f32, y: f32, horizon: f32, hue: i32, blocks: &[[f32; 5]]) -> [i32; 3] {
    for b in blocks {
        if x >= b[0] && x < b[0] + b[1] && y >= b[2] && y < horizon + 0.05 {
            let s = b[3] as i32;
            return [s + b[4] as i32 / 2, s, s - b[4] as i32 / 3];
        }
    }
    if y < horizon {
        let t = y / horizon;
        [(120.0 + 80.0 * t) as i32 + hue, (170.0 + 50.0 * t) as i32, 235 - hue.abs()]
    } else {
        let t = (y - horizon) / (1.0 - horizon);
        [(110.0 - 40.0 * t) as i32 + hue, (120.0 - 30.0 * t) as i32, (70.0 - 20.0 * t) as i32]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meets_byte_minimum_and_is_jpeg() {
        let spec =
            PhotoSpec { width: 200, height: 150, dpi: 300, min_bytes: 60_000, background: None, seed: 1 };
        let bytes = synth(&spec);
        assert!(bytes.len() >= 60_000);
        assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF]);
        // JFIF APP0 with units = 1 (dpi) and density 300.
        assert_eq!(&bytes[6..11], b"JFIF\0");
        assert_eq!(bytes[13], 1);
        assert_eq!(u16::from_be_bytes([bytes[14], bytes[15]]), 300);
    }
}

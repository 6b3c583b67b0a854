//! The background colour of an ID photo, from the two top corners of a small thumbnail.
//!
//! Thresholds from FIELD-NOTES (HSV): white V ≥ 0.86, S ≤ 0.10; red H ≤ 12° or ≥ 345°, S ≥ 0.55,
//! V ≥ 0.55; blue H 190–225°, S ≥ 0.35, V ≥ 0.45; a class is accepted when ≥ 90 % of the corner
//! pixels agree. Only the corners are sampled because hair often touches the top edge's middle.

use image::RgbImage;
use serde::Serialize;

/// A background colour class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    /// 红底.
    Red,
    /// 白底.
    White,
    /// 蓝底.
    Blue,
    /// Anything else, or corners that disagree.
    Other,
}

impl Colour {
    /// The name used in messages and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Colour::Red => "red",
            Colour::White => "white",
            Colour::Blue => "blue",
            Colour::Other => "other",
        }
    }
}

fn classify_pixel(p: [u8; 3]) -> Colour {
    let (r, g, b) = (p[0] as f32 / 255.0, p[1] as f32 / 255.0, p[2] as f32 / 255.0);
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let s = if max > 0.0 { (max - min) / max } else { 0.0 };
    let h = if max == min {
        0.0
    } else if max == r {
        (60.0 * (g - b) / (max - min)).rem_euclid(360.0)
    } else if max == g {
        60.0 * (b - r) / (max - min) + 120.0
    } else {
        60.0 * (r - g) / (max - min) + 240.0
    };
    if max >= 0.86 && s <= 0.10 {
        Colour::White
    } else if (h <= 12.0 || h >= 345.0) && s >= 0.55 && max >= 0.55 {
        Colour::Red
    } else if (190.0..=225.0).contains(&h) && s >= 0.35 && max >= 0.45 {
        Colour::Blue
    } else {
        Colour::Other
    }
}

/// Classifies the background of an upright portrait (EXIF orientation already applied).
pub fn classify(img: &RgbImage) -> Colour {
    let (w, h) = img.dimensions();
    if w < 8 || h < 10 {
        return Colour::Other;
    }
    let (bw, bh) = ((w / 8).max(1), (h / 10).max(1));
    let mut counts = [0u32; 4];
    let mut total = 0u32;
    for x0 in [0, w - bw] {
        for y in 0..bh {
            for x in x0..x0 + bw {
                let c = classify_pixel(img.get_pixel(x, y).0);
                counts[c as usize] += 1;
                total += 1;
            }
        }
    }
    let (best, n) =
        counts.iter().enumerate().max_by_key(|(_, n)| **n).map(|(i, n)| (i, *n)).unwrap_or((3, 0));
    if n * 10 < total * 9 {
        return Colour::Other;
    }
    [Colour::Red, Colour::White, Colour::Blue, Colour::Other][best]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_backgrounds() {
        for (rgb, want) in [
            ([206, 28, 36], Colour::Red),
            ([248, 248, 246], Colour::White),
            ([60, 140, 220], Colour::Blue),
            ([120, 120, 60], Colour::Other),
        ] {
            let img = RgbImage::from_pixel(90, 120, image::Rgb(rgb));
            assert_eq!(classify(&img), want, "{rgb:?}");
        }
    }

    #[test]
    fn mixed_corners_are_other() {
        let mut img = RgbImage::from_pixel(80, 100, image::Rgb([206, 28, 36]));
        for y in 0..10 {
            for x in 70..80 {
                img.put_pixel(x, y, image::Rgb([250, 250, 250]));
            }
        }
        assert_eq!(classify(&img), Colour::Other);
    }
}

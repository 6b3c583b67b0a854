//! The background colour of an ID photo, from the two top corners of a small thumbnail.
//!
//! Thresholds from FIELD-NOTES (HSV): white V ≥ 0.86, S ≤ 0.10; red H ≤ 12° or ≥ 345°, S ≥ 0.55,
//! V ≥ 0.55; blue H 190–225°, S ≥ 0.35, V ≥ 0.45; ours: grey S ≤ 0.12 with 0.30 ≤ V < 0.86. A class
//! is accepted when ≥ 90 % of the corner pixels agree; a uniform background of no named class is
//! `Other`, reported with its colour; corners that disagree (hair, a shadow, clutter) are `Mixed`.
//! Only the corners are sampled because hair often touches the top edge's middle.

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
    /// 灰底: even, unsaturated, darker than white.
    Grey,
    /// An even background of another colour (its colour is reported).
    Other,
    /// The corners disagree: uneven, shadowed, or cluttered.
    Mixed,
}

impl Colour {
    /// Every class.
    pub const ALL: [Colour; 6] =
        [Colour::Red, Colour::White, Colour::Blue, Colour::Grey, Colour::Other, Colour::Mixed];

    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Colour::Red => "red",
            Colour::White => "white",
            Colour::Blue => "blue",
            Colour::Grey => "grey",
            Colour::Other => "other",
            Colour::Mixed => "mixed",
        }
    }

    /// The message naming the class (`红底`); a test checks each exists in every catalogue.
    pub fn message_id(self) -> &'static str {
        match self {
            Colour::Red => "bg-red",
            Colour::White => "bg-white",
            Colour::Blue => "bg-blue",
            Colour::Grey => "bg-grey",
            Colour::Other => "bg-other",
            Colour::Mixed => "bg-mixed",
        }
    }
}

/// What the corners show: the class and their average colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Found {
    /// The class.
    pub colour: Colour,
    /// The corners' average colour, `#RRGGBB`.
    #[serde(serialize_with = "hex")]
    pub rgb: [u8; 3],
}

impl Found {
    /// The average colour as `#RRGGBB`.
    pub fn hex(&self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.rgb[0], self.rgb[1], self.rgb[2])
    }
}

fn hex<S: serde::Serializer>(rgb: &[u8; 3], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format!("#{:02X}{:02X}{:02X}", rgb[0], rgb[1], rgb[2]))
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
    } else if s <= 0.12 && max >= 0.30 {
        Colour::Grey
    } else {
        Colour::Other
    }
}

/// Classifies the background of an upright portrait (EXIF orientation already applied).
pub fn classify(img: &RgbImage) -> Found {
    let (w, h) = img.dimensions();
    if w < 8 || h < 10 {
        return Found { colour: Colour::Mixed, rgb: [0; 3] };
    }
    let (bw, bh) = ((w / 8).max(1), (h / 10).max(1));
    let mut counts = [0u32; Colour::ALL.len()];
    let mut sum = [0u64; 3];
    let mut total = 0u32;
    // Each corner on its own too: two even corners of different colours are not one background.
    let mut corner_sums = [[0u64; 3]; 2];
    for (k, x0) in [0, w - bw].into_iter().enumerate() {
        for y in 0..bh {
            for x in x0..x0 + bw {
                let p = img.get_pixel(x, y).0;
                counts[classify_pixel(p) as usize] += 1;
                for c in 0..3 {
                    sum[c] += p[c] as u64;
                    corner_sums[k][c] += p[c] as u64;
                }
                total += 1;
            }
        }
    }
    let avg = |s: [u64; 3], n: u64| [(s[0] / n) as u8, (s[1] / n) as u8, (s[2] / n) as u8];
    let rgb = avg(sum, total as u64);
    let (best, n) =
        counts.iter().enumerate().max_by_key(|(_, n)| **n).map(|(i, n)| (i, *n)).unwrap_or((0, 0));
    let (a, b) = (avg(corner_sums[0], total as u64 / 2), avg(corner_sums[1], total as u64 / 2));
    let apart = (0..3).map(|c| (a[c] as i32 - b[c] as i32).abs()).max().unwrap_or(0);
    if n * 10 < total * 9 || apart > 48 {
        return Found { colour: Colour::Mixed, rgb };
    }
    Found { colour: Colour::ALL[best], rgb }
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
            ([150, 150, 152], Colour::Grey),
            ([200, 200, 200], Colour::Grey),
            ([120, 120, 60], Colour::Other),
            ([230, 200, 150], Colour::Other),
        ] {
            let img = RgbImage::from_pixel(90, 120, image::Rgb(rgb));
            let found = classify(&img);
            assert_eq!(found.colour, want, "{rgb:?}");
            assert_eq!(found.rgb, rgb);
        }
        let beige = classify(&RgbImage::from_pixel(90, 120, image::Rgb([230, 200, 150])));
        assert_eq!(beige.hex(), "#E6C896");
    }

    #[test]
    fn mixed_corners_are_mixed() {
        let mut img = RgbImage::from_pixel(80, 100, image::Rgb([206, 28, 36]));
        for y in 0..10 {
            for x in 70..80 {
                img.put_pixel(x, y, image::Rgb([250, 250, 250]));
            }
        }
        assert_eq!(classify(&img).colour, Colour::Mixed);
    }
}

//! Small, real PDF documents with Chinese text, for the sample's 证明, 报告 and 扫描件.
//!
//! Written by hand rather than with a PDF library because a sample document needs no embedded font:
//! it names Adobe's standard Chinese font `STSong-Light` with the `UniGB-UCS2-H` encoding, which every
//! PDF reader provides, and carries a ToUnicode map so its text can be extracted. That keeps each file
//! a few kilobytes and the sample generator free of font files.

use std::fmt::Write;

/// Builds a one-page A4 PDF with a title, lines of text and, if `seal`, a red seal mark.
pub fn document(title: &str, lines: &[String], seal: Option<&str>) -> Vec<u8> {
    let mut content = String::new();
    let mut y = 770;
    text_line(&mut content, title, 18, 72, y);
    y -= 40;
    for line in lines {
        for chunk in wrap(line, 30) {
            text_line(&mut content, &chunk, 12, 72, y);
            y -= 20;
            if y < 120 {
                break;
            }
        }
    }
    if let Some(seal_text) = seal {
        // A red ring with the unit's name, where a seal would be.
        content.push_str("q 0.85 0.1 0.1 RG 2 w\n");
        circle(&mut content, 430.0, 170.0, 55.0);
        content.push_str("S Q\n");
        content.push_str("q 0.85 0.1 0.1 rg\n");
        let short: String = seal_text.chars().take(10).collect();
        let x = 430 - (short.chars().count() as i32 * 9) / 2;
        text_line(&mut content, &short, 9, x, 168);
        content.push_str("Q\n");
    }

    let mut objects: Vec<String> = Vec::new();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    objects.push("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into());
    objects.push(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .into(),
    );
    objects.push(stream(&content));
    objects.push(
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] /ToUnicode 8 0 R >>"
            .into(),
    );
    objects.push(
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R /DW 1000 >>"
            .into(),
    );
    objects.push(
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
            .into(),
    );
    objects.push(stream(&to_unicode_cmap()));
    objects.push(format!("<< /Title {} /Producer (Jianbao sample) >>", hex_text(title)));

    let mut out = String::new();
    // The comment's bytes ≥ 128 tell transfer programs the file is binary.
    let mut bytes: Vec<u8> = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(bytes.len());
        bytes.extend_from_slice(format!("{} 0 obj\n{}\nendobj\n", i + 1, obj).as_bytes());
    }
    let xref = bytes.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for off in offsets {
        let _ = writeln!(out, "{off:010} 00000 n ");
    }
    let _ = write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R /Info {} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1,
        objects.len()
    );
    bytes.extend_from_slice(out.as_bytes());
    bytes
}

fn stream(content: &str) -> String {
    format!("<< /Length {} >>\nstream\n{}\nendstream", content.len() + 1, content)
}

fn text_line(out: &mut String, text: &str, size: u32, x: i32, y: i32) {
    let _ = writeln!(out, "BT /F1 {size} Tf {x} {y} Td {} Tj ET", hex_text(text));
}

/// UCS-2 big-endian hex string; characters outside the BMP become U+3013 (〓).
fn hex_text(text: &str) -> String {
    let mut s = String::from("<");
    for ch in text.chars() {
        let c = if (ch as u32) < 0x10000 { ch as u32 } else { 0x3013 };
        let _ = write!(s, "{c:04X}");
    }
    s.push('>');
    s
}

fn circle(out: &mut String, cx: f32, cy: f32, r: f32) {
    let k = 0.5523 * r;
    let _ = writeln!(out, "{} {} m", cx + r, cy);
    let _ = writeln!(out, "{} {} {} {} {} {} c", cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    let _ = writeln!(out, "{} {} {} {} {} {} c", cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    let _ = writeln!(out, "{} {} {} {} {} {} c", cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    let _ = writeln!(out, "{} {} {} {} {} {} c", cx + k, cy - r, cx + r, cy - k, cx + r, cy);
}

/// Codes are UCS-2, so the map is the identity over the BMP (surrogates excluded), in blocks of at
/// most 100 ranges as the CMap format requires.
fn to_unicode_cmap() -> String {
    let highs: Vec<u32> = (0u32..=0xFF).filter(|h| !(0xD8..=0xDF).contains(h)).collect();
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in highs.chunks(100) {
        let _ = writeln!(s, "{} beginbfrange", chunk.len());
        for h in chunk {
            let _ = writeln!(s, "<{h:02X}00> <{h:02X}FF> <{h:02X}00>");
        }
        s.push_str("endbfrange\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend");
    s
}

fn wrap(line: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    if chars.is_empty() {
        return vec![String::new()];
    }
    chars.chunks(width).map(|c| c.iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xref_offsets_point_at_objects() {
        let pdf = document("无违法犯罪证明", &["兹证明张三无违法犯罪记录。".to_string()], Some("某某派出所"));
        assert!(pdf.starts_with(b"%PDF-1.4"));
        let tail = String::from_utf8_lossy(&pdf[pdf.len() - 40..]).into_owned();
        let xref_at: usize =
            tail.rsplit("startxref\n").next().unwrap().lines().next().unwrap().parse().unwrap();
        assert!(pdf[xref_at..].starts_with(b"xref"));
        let table = String::from_utf8_lossy(&pdf[xref_at..]).into_owned();
        let first: usize = table.lines().nth(3).unwrap()[..10].parse().unwrap();
        assert!(pdf[first..].starts_with(b"1 0 obj"));
    }
}

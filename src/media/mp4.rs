//! MP4 and QuickTime MOV metadata: duration, display size after rotation, codec — from the `moov`
//! box alone, so the cost does not grow with the file's size.
//!
//! Hand-written on purpose. FIELD-NOTES measured that the common crates either hang on a box size of
//! zero (`mp4`, `re_mp4`) or read the whole file (`mp4parse`), and that every one of them reports a file
//! cut in half as fine. This walker seeks from top-level box to top-level box (a box smaller than its
//! header or reaching past the end of the file means the file is truncated or corrupt), caps the `moov`
//! size, reads only that, and descends a fixed path (trak → mdia → minf → stbl → stsd) skipping every
//! box it does not need, so vendor boxes cannot make it fail and no input can make it loop.

use std::io::{Read, Seek, SeekFrom};

use serde::Serialize;

/// Largest `moov` we read (a two-hour phone video's is a few MiB).
const MAX_MOOV: u64 = 64 << 20;
/// Most top-level boxes we walk before calling the file garbage.
const MAX_TOP_BOXES: usize = 100_000;

/// What the container says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VideoInfo {
    /// `mp4` or `mov` (QuickTime: brand `qt  `, or no `ftyp` at all).
    pub container: &'static str,
    /// Duration in seconds.
    pub duration_s: f64,
    /// Display width after rotation.
    pub width: u32,
    /// Display height after rotation.
    pub height: u32,
    /// Rotation of the video track in degrees (0, 90, 180, 270).
    pub rotation: u32,
    /// The video codec's sample-entry code (`avc1`, `hvc1`…).
    pub codec_tag: String,
    /// A readable codec name (`H.264`, `HEVC (H.265)`…).
    pub codec: String,
    /// Whether there is a sound track.
    pub has_audio: bool,
}

/// Why the file is not a usable video.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[non_exhaustive]
pub enum Mp4Error {
    /// The first bytes are not an ISO/QuickTime box.
    #[error("not an MP4/MOV file")]
    NotMp4,
    /// A top-level box reaches past the end of the file.
    #[error("truncated: a box reaches past the end of the file")]
    Truncated,
    /// A box is malformed (size smaller than its header, bad nesting).
    #[error("corrupt: {0}")]
    Corrupt(&'static str),
    /// No `moov` box: the recording was not finished or the file is cut.
    #[error("no moov box (the recording was not finished or the file was cut)")]
    NoMoov,
    /// No video track.
    #[error("no video track")]
    NoVideo,
    /// The `moov` box is larger than we accept.
    #[error("moov box too large")]
    MoovTooLarge,
    /// Reading failed.
    #[error("read error: {0}")]
    Io(String),
}

fn io(e: std::io::Error) -> Mp4Error {
    Mp4Error::Io(e.to_string())
}

/// Reads the metadata of an MP4/MOV file of `len` bytes.
pub fn probe<R: Read + Seek>(mut r: R, len: u64) -> Result<VideoInfo, Mp4Error> {
    if len < 8 {
        return Err(Mp4Error::NotMp4);
    }
    let mut offset = 0u64;
    let mut moov: Option<(u64, u64)> = None;
    let mut brand: Option<[u8; 4]> = None;
    let mut count = 0usize;
    while offset < len {
        count += 1;
        if count > MAX_TOP_BOXES {
            return Err(Mp4Error::Corrupt("too many top-level boxes"));
        }
        if len - offset < 8 {
            return Err(if count == 1 { Mp4Error::NotMp4 } else { Mp4Error::Truncated });
        }
        r.seek(SeekFrom::Start(offset)).map_err(io)?;
        let mut h = [0u8; 16];
        r.read_exact(&mut h[..8]).map_err(io)?;
        let kind: [u8; 4] = [h[4], h[5], h[6], h[7]];
        if !kind.iter().all(|b| (0x20..=0x7E).contains(b)) {
            return Err(if count == 1 {
                Mp4Error::NotMp4
            } else {
                Mp4Error::Corrupt("box type is not text")
            });
        }
        if count == 1 && !matches!(&kind, b"ftyp" | b"moov" | b"mdat" | b"wide" | b"free" | b"skip" | b"pnot")
        {
            return Err(Mp4Error::NotMp4);
        }
        let size32 = u32::from_be_bytes([h[0], h[1], h[2], h[3]]) as u64;
        let (size, header) = match size32 {
            0 => (len - offset, 8),
            1 => {
                if len - offset < 16 {
                    return Err(Mp4Error::Truncated);
                }
                r.read_exact(&mut h[8..16]).map_err(io)?;
                (u64::from_be_bytes(h[8..16].try_into().expect("8 bytes")), 16)
            }
            s => (s, 8),
        };
        if size < header {
            return Err(Mp4Error::Corrupt("box smaller than its header"));
        }
        if size > len - offset {
            return Err(Mp4Error::Truncated);
        }
        match &kind {
            b"ftyp" if brand.is_none() && size >= header + 4 => {
                let mut b = [0u8; 4];
                r.read_exact(&mut b).map_err(io)?;
                brand = Some(b);
            }
            b"moov" if moov.is_none() => moov = Some((offset + header, size - header)),
            _ => {}
        }
        offset += size;
    }
    let (start, size) = moov.ok_or(Mp4Error::NoMoov)?;
    if size > MAX_MOOV {
        return Err(Mp4Error::MoovTooLarge);
    }
    r.seek(SeekFrom::Start(start)).map_err(io)?;
    let mut buf = vec![0u8; size as usize];
    r.read_exact(&mut buf).map_err(io)?;
    let container = match brand {
        None => "mov",
        Some(b) if &b == b"qt  " => "mov",
        Some(_) => "mp4",
    };
    parse_moov(&buf, container)
}

/// A child box: (type, body).
type Child<'a> = ([u8; 4], &'a [u8]);

/// Child boxes of a box body.
fn children(buf: &[u8]) -> Result<Vec<Child<'_>>, Mp4Error> {
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < buf.len() {
        if buf.len() - i < 8 {
            // QuickTime allows a 4-byte zero terminator at the end of a container.
            if buf[i..].iter().all(|&b| b == 0) {
                break;
            }
            return Err(Mp4Error::Corrupt("child box header cut"));
        }
        let size32 = u32::from_be_bytes(buf[i..i + 4].try_into().expect("4 bytes")) as usize;
        let kind: [u8; 4] = buf[i + 4..i + 8].try_into().expect("4 bytes");
        let (size, header) = match size32 {
            0 => (buf.len() - i, 8),
            1 => {
                if buf.len() - i < 16 {
                    return Err(Mp4Error::Corrupt("child box header cut"));
                }
                let s = u64::from_be_bytes(buf[i + 8..i + 16].try_into().expect("8 bytes"));
                (usize::try_from(s).unwrap_or(usize::MAX), 16)
            }
            s => (s, 8),
        };
        if size < header || size > buf.len() - i {
            return Err(Mp4Error::Corrupt("child box size out of bounds"));
        }
        out.push((kind, &buf[i + header..i + size]));
        i += size;
    }
    Ok(out)
}

fn child<'a>(list: &[Child<'a>], kind: &[u8; 4]) -> Option<&'a [u8]> {
    list.iter().find(|(k, _)| k == kind).map(|(_, b)| *b)
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).map(|s| u32::from_be_bytes(s.try_into().expect("4 bytes")))
}

fn be64(b: &[u8], at: usize) -> Option<u64> {
    b.get(at..at + 8).map(|s| u64::from_be_bytes(s.try_into().expect("8 bytes")))
}

/// (timescale, duration) of an `mvhd` or `mdhd` body.
fn header_times(b: &[u8]) -> Option<(u32, u64)> {
    match b.first()? {
        1 => Some((be32(b, 20)?, be64(b, 24)?)),
        _ => Some((be32(b, 12)?, be32(b, 16)? as u64)),
    }
}

struct Track {
    handler: [u8; 4],
    width: u32,
    height: u32,
    rotation: u32,
    codec: Option<[u8; 4]>,
    entry_size: Option<(u32, u32)>,
    media_seconds: Option<f64>,
}

fn parse_track(trak: &[u8]) -> Result<Track, Mp4Error> {
    let kids = children(trak)?;
    let mut t = Track {
        handler: [0; 4],
        width: 0,
        height: 0,
        rotation: 0,
        codec: None,
        entry_size: None,
        media_seconds: None,
    };
    if let Some(tkhd) = child(&kids, b"tkhd") {
        let base = if tkhd.first() == Some(&1) { 4 + 32 } else { 4 + 20 };
        // reserved 8, layer 2, alternate group 2, volume 2, reserved 2, matrix 36, width 4, height 4
        let m = base + 16;
        let fixed = |at| be32(tkhd, at).map(|v| v as i32);
        if let (Some(a), Some(b)) = (fixed(m), fixed(m + 4)) {
            let deg = (b as f64).atan2(a as f64).to_degrees().round() as i32;
            t.rotation = deg.rem_euclid(360) as u32;
        }
        t.width = be32(tkhd, m + 36).map(|v| v >> 16).unwrap_or(0);
        t.height = be32(tkhd, m + 40).map(|v| v >> 16).unwrap_or(0);
    }
    if let Some(mdia) = child(&kids, b"mdia") {
        let mk = children(mdia)?;
        if let Some(hdlr) = child(&mk, b"hdlr") {
            if let Some(h) = hdlr.get(8..12) {
                t.handler.copy_from_slice(h);
            }
        }
        if let Some((ts, d)) = child(&mk, b"mdhd").and_then(header_times) {
            if ts > 0 {
                t.media_seconds = Some(d as f64 / ts as f64);
            }
        }
        let stsd = child(&mk, b"minf")
            .map(children)
            .transpose()?
            .and_then(|k| child(&k, b"stbl").map(children))
            .transpose()?
            .and_then(|k| child(&k, b"stsd"));
        if let Some(stsd) = stsd {
            // version/flags 4, entry count 4, then the first sample entry.
            if let Some(entry) = stsd.get(8..) {
                if let Some(code) = entry.get(4..8) {
                    t.codec = Some(code.try_into().expect("4 bytes"));
                }
                // Visual sample entry: header 8, reserved 6, index 2, pre-defined 16, width 2, height 2.
                if let (Some(w), Some(h)) = (entry.get(32..34), entry.get(34..36)) {
                    t.entry_size = Some((
                        u16::from_be_bytes([w[0], w[1]]) as u32,
                        u16::from_be_bytes([h[0], h[1]]) as u32,
                    ));
                }
            }
        }
    }
    Ok(t)
}

fn parse_moov(buf: &[u8], container: &'static str) -> Result<VideoInfo, Mp4Error> {
    let kids = children(buf)?;
    let movie = child(&kids, b"mvhd").and_then(header_times).filter(|(ts, _)| *ts > 0);
    let mut video: Option<Track> = None;
    let mut has_audio = false;
    for (k, body) in &kids {
        if k != b"trak" {
            continue;
        }
        let t = parse_track(body)?;
        match &t.handler {
            b"vide" if video.is_none() => video = Some(t),
            b"soun" => has_audio = true,
            _ => {}
        }
    }
    let v = video.ok_or(Mp4Error::NoVideo)?;
    let duration_s = match movie {
        Some((ts, d)) if d > 0 && d != u32::MAX as u64 && d != u64::MAX => d as f64 / ts as f64,
        _ => v.media_seconds.unwrap_or(0.0),
    };
    let (mut w, mut h) = (v.width, v.height);
    if w == 0 || h == 0 {
        if let Some((ew, eh)) = v.entry_size {
            (w, h) = (ew, eh);
        }
    }
    if v.rotation == 90 || v.rotation == 270 {
        std::mem::swap(&mut w, &mut h);
    }
    let tag = v.codec.map(|c| String::from_utf8_lossy(&c).into_owned()).unwrap_or_default();
    Ok(VideoInfo {
        container,
        duration_s,
        width: w,
        height: h,
        rotation: v.rotation,
        codec: codec_name(&tag).to_string(),
        codec_tag: tag,
        has_audio,
    })
}

fn codec_name(tag: &str) -> &str {
    match tag {
        "avc1" | "avc3" => "H.264",
        "hvc1" | "hev1" => "HEVC (H.265)",
        "av01" => "AV1",
        "vp09" => "VP9",
        "mp4v" => "MPEG-4 Part 2",
        "apcn" | "apch" | "apcs" | "apco" | "ap4h" | "ap4x" => "Apple ProRes",
        "jpeg" | "mjpa" => "Motion JPEG",
        "" => "unknown",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::mp4::{synth, VideoSpec};
    use std::io::Cursor;

    fn info(bytes: &[u8]) -> Result<VideoInfo, Mp4Error> {
        probe(Cursor::new(bytes), bytes.len() as u64)
    }

    #[test]
    fn reads_duration_size_rotation_codec() {
        let v = synth(&VideoSpec {
            width: 1920,
            height: 1080,
            seconds: 95.5,
            rotation: 90,
            quicktime: false,
            ..Default::default()
        });
        let i = info(&v).unwrap();
        assert_eq!((i.width, i.height, i.rotation), (1080, 1920, 90));
        assert!((i.duration_s - 95.5).abs() < 0.01);
        assert_eq!(i.codec, "H.264");
        assert_eq!(i.container, "mp4");
        let q = synth(&VideoSpec { quicktime: true, ..Default::default() });
        assert_eq!(info(&q).unwrap().container, "mov");
    }

    #[test]
    fn hostile_boxes_are_errors() {
        let v = synth(&VideoSpec::default());
        assert_eq!(info(&v[..v.len() / 2]), Err(Mp4Error::Truncated));
        assert_eq!(info(b""), Err(Mp4Error::NotMp4));
        assert_eq!(info(&[0x42; 100]), Err(Mp4Error::NotMp4));
        // A top-level box of size 1..7 is smaller than its header.
        let mut bad = v.clone();
        bad[3] = 4;
        bad[0..3].copy_from_slice(&[0, 0, 0]);
        assert_eq!(info(&bad), Err(Mp4Error::Corrupt("box smaller than its header")));
        // Size past the end of the file.
        let mut bad = v.clone();
        bad[0..4].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(info(&bad), Err(Mp4Error::Truncated));
    }

    #[test]
    fn every_single_byte_change_terminates() {
        let v = synth(&VideoSpec { seconds: 3.0, ..Default::default() });
        let header_end = v.len().min(2000);
        for i in 0..header_end {
            for x in [0u8, 1, 0xFF, 0x7F] {
                let mut m = v.clone();
                m[i] = x;
                let _ = info(&m);
            }
        }
    }
}

#[cfg(test)]
mod seeds {
    /// Writes the fuzzing corpus seeds (`fuzz/corpus/mp4_walker`): run with
    /// `cargo test --lib write_mp4_fuzz_seeds -- --ignored`.
    #[test]
    #[ignore]
    fn write_mp4_fuzz_seeds() {
        use crate::sample::mp4::{synth, VideoSpec};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/mp4_walker");
        std::fs::create_dir_all(&dir).unwrap();
        let specs = [
            VideoSpec { mdat_bytes: 64, seconds: 5.0, ..Default::default() },
            VideoSpec {
                mdat_bytes: 64,
                seconds: 5.0,
                rotation: 90,
                quicktime: true,
                codec: *b"hvc1",
                ..Default::default()
            },
            VideoSpec { mdat_bytes: 16, seconds: 1.0, audio: false, rotation: 270, ..Default::default() },
        ];
        for (i, s) in specs.iter().enumerate() {
            std::fs::write(dir.join(format!("seed{i}.mp4")), synth(s)).unwrap();
        }
    }
}

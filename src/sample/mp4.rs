//! Synthetic MP4 and QuickTime files: a complete container (`ftyp`, `moov` with a video track,
//! optional sound track, `mdat`) of a chosen duration, coded size, rotation and codec, for samples,
//! test vectors and benchmarks. The media data is filler, so the files are structurally valid but
//! do not play; every rule Jianbao checks is read from the container.

use std::io::{Seek, SeekFrom, Write};

/// The video to describe.
#[derive(Debug, Clone)]
pub struct VideoSpec {
    /// Coded width (before rotation).
    pub width: u32,
    /// Coded height.
    pub height: u32,
    /// Duration in seconds.
    pub seconds: f64,
    /// Rotation in degrees: 0, 90, 180 or 270 (a phone held upright records 90).
    pub rotation: u32,
    /// Sample-entry code: `avc1`, `hvc1`…
    pub codec: [u8; 4],
    /// A QuickTime movie (brand `qt  `) rather than MP4.
    pub quicktime: bool,
    /// Add a sound track.
    pub audio: bool,
    /// Bytes of media data.
    pub mdat_bytes: u64,
}

impl Default for VideoSpec {
    fn default() -> Self {
        VideoSpec {
            width: 1920,
            height: 1080,
            seconds: 60.0,
            rotation: 0,
            codec: *b"avc1",
            quicktime: false,
            audio: true,
            mdat_bytes: 4096,
        }
    }
}

fn bx(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(body.len() + 8);
    v.extend_from_slice(&((body.len() + 8) as u32).to_be_bytes());
    v.extend_from_slice(kind);
    v.extend_from_slice(body);
    v
}

fn full(kind: &[u8; 4], version_flags: u32, body: &[u8]) -> Vec<u8> {
    let mut b = version_flags.to_be_bytes().to_vec();
    b.extend_from_slice(body);
    bx(kind, &b)
}

fn matrix(rotation: u32) -> Vec<u8> {
    let one = 0x0001_0000i32;
    let (a, b, c, d) = match rotation {
        90 => (0, one, -one, 0),
        180 => (-one, 0, 0, -one),
        270 => (0, -one, one, 0),
        _ => (one, 0, 0, one),
    };
    [a, b, 0, c, d, 0, 0, 0, 0x4000_0000].iter().flat_map(|x| x.to_be_bytes()).collect()
}

const TIMESCALE: u32 = 1000;

/// Sample layout of a track: how many samples, of what size, in one chunk at `offset`.
struct Samples {
    count: u32,
    size: u32,
    offset: u32,
}

fn sample_entry(spec: &VideoSpec, video: bool) -> Vec<u8> {
    let mut e = vec![0; 6];
    e.extend_from_slice(&1u16.to_be_bytes()); // data reference index
    if video {
        e.extend_from_slice(&[0; 16]);
        e.extend_from_slice(&(spec.width as u16).to_be_bytes());
        e.extend_from_slice(&(spec.height as u16).to_be_bytes());
        e.extend_from_slice(&0x0048_0000u32.to_be_bytes());
        e.extend_from_slice(&0x0048_0000u32.to_be_bytes());
        e.extend_from_slice(&[0; 4]);
        e.extend_from_slice(&1u16.to_be_bytes()); // frame count
        e.extend_from_slice(&[0; 32]); // compressor name
        e.extend_from_slice(&[0, 0x18, 0xFF, 0xFF]); // depth, pre-defined -1
        if &spec.codec == b"avc1" {
            e.extend_from_slice(&bx(
                b"avcC",
                &[1, 0x64, 0, 0x28, 0xFF, 0xE1, 0, 4, 0x67, 0x64, 0, 0x28, 1, 0, 2, 0x68, 0xEE],
            ));
        } else {
            e.extend_from_slice(&bx(b"hvcC", &[1, 0, 0, 0, 0]));
        }
        bx(&spec.codec, &e)
    } else {
        e.extend_from_slice(&[0; 8]);
        e.extend_from_slice(&[0, 2, 0, 16, 0, 0, 0, 0]); // channels, sample size
        e.extend_from_slice(&(44100u32 << 16).to_be_bytes());
        bx(b"mp4a", &e)
    }
}

fn sample_table(spec: &VideoSpec, video: bool, duration: u32, s: &Samples) -> Vec<u8> {
    let be = |v: &[u32]| v.iter().flat_map(|x| x.to_be_bytes()).collect::<Vec<u8>>();
    let mut stsd = be(&[1]);
    stsd.extend_from_slice(&sample_entry(spec, video));
    let stts = be(&[1, s.count, duration / s.count.max(1)]);
    let stsc = be(&[1, 1, s.count, 1]);
    let mut stsz = be(&[0, s.count]);
    for _ in 0..s.count {
        stsz.extend_from_slice(&s.size.to_be_bytes());
    }
    let stco = be(&[1, s.offset]);
    let tables = [
        full(b"stsd", 0, &stsd),
        full(b"stts", 0, &stts),
        full(b"stsc", 0, &stsc),
        full(b"stsz", 0, &stsz),
        full(b"stco", 0, &stco),
    ];
    bx(b"stbl", &tables.concat())
}

fn track(id: u32, video: bool, spec: &VideoSpec, duration: u32, samples: &Samples) -> Vec<u8> {
    let mut tkhd = vec![0; 8]; // creation, modification
    tkhd.extend_from_slice(&id.to_be_bytes());
    tkhd.extend_from_slice(&[0; 4]);
    tkhd.extend_from_slice(&duration.to_be_bytes());
    tkhd.extend_from_slice(&[0; 12]); // reserved, layer, alternate group
    tkhd.extend_from_slice(if video { &[0, 0, 0, 0] } else { &[1, 0, 0, 0] }); // volume, reserved
    tkhd.extend_from_slice(&matrix(if video { spec.rotation } else { 0 }));
    let (w, h) = if video { (spec.width, spec.height) } else { (0, 0) };
    tkhd.extend_from_slice(&(w << 16).to_be_bytes());
    tkhd.extend_from_slice(&(h << 16).to_be_bytes());

    let mut mdhd = vec![0; 8];
    mdhd.extend_from_slice(&TIMESCALE.to_be_bytes());
    mdhd.extend_from_slice(&duration.to_be_bytes());
    mdhd.extend_from_slice(&[0x55, 0xC4, 0, 0]); // language und
    let mut hdlr = vec![0; 4];
    hdlr.extend_from_slice(if video { b"vide" } else { b"soun" });
    hdlr.extend_from_slice(&[0; 12]);
    hdlr.extend_from_slice(if video { b"VideoHandler\0" } else { b"SoundHandler\0" });

    let media_header = if video { full(b"vmhd", 1, &[0; 8]) } else { full(b"smhd", 0, &[0; 4]) };
    let mut dref = 1u32.to_be_bytes().to_vec();
    dref.extend_from_slice(&full(b"url ", 1, &[]));
    let dinf = bx(b"dinf", &full(b"dref", 0, &dref));
    let minf = bx(b"minf", &[media_header, dinf, sample_table(spec, video, duration, samples)].concat());
    let mdia = bx(b"mdia", &[full(b"mdhd", 0, &mdhd), full(b"hdlr", 0, &hdlr), minf].concat());
    bx(b"trak", &[full(b"tkhd", 3, &tkhd), mdia].concat())
}

fn moov(spec: &VideoSpec, chunk_offset: u32) -> Vec<u8> {
    let duration = (spec.seconds * TIMESCALE as f64).round().clamp(0.0, u32::MAX as f64) as u32;
    let count = (spec.seconds.round() as u32).clamp(1, 100_000);
    let size = (spec.mdat_bytes / count as u64).min(u32::MAX as u64) as u32;
    let mut mvhd = vec![0; 8];
    mvhd.extend_from_slice(&TIMESCALE.to_be_bytes());
    mvhd.extend_from_slice(&duration.to_be_bytes());
    mvhd.extend_from_slice(&0x0001_0000u32.to_be_bytes()); // rate
    mvhd.extend_from_slice(&[1, 0]); // volume
    mvhd.extend_from_slice(&[0; 10]);
    mvhd.extend_from_slice(&matrix(0));
    mvhd.extend_from_slice(&[0; 24]);
    mvhd.extend_from_slice(&3u32.to_be_bytes());
    let mut parts = vec![
        full(b"mvhd", 0, &mvhd),
        track(1, true, spec, duration, &Samples { count, size, offset: chunk_offset }),
    ];
    if spec.audio {
        parts.push(track(2, false, spec, duration, &Samples { count: 1, size: 0, offset: chunk_offset }));
    }
    bx(b"moov", &parts.concat())
}

fn ftyp(spec: &VideoSpec) -> Vec<u8> {
    if spec.quicktime {
        bx(b"ftyp", b"qt  \0\0\x02\0qt  ")
    } else {
        bx(b"ftyp", b"isom\0\0\x02\0isomiso2avc1mp41")
    }
}

/// The whole file in memory (for small videos): `ftyp`, `mdat`, then `moov`, as phones write them.
pub fn synth(spec: &VideoSpec) -> Vec<u8> {
    let mut out = ftyp(spec);
    let offset = (out.len() + 8) as u32;
    out.extend_from_slice(&((spec.mdat_bytes + 8) as u32).to_be_bytes());
    out.extend_from_slice(b"mdat");
    let mut x = 0x2545_F491u32;
    for _ in 0..spec.mdat_bytes {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out.push(x as u8);
    }
    out.extend_from_slice(&moov(spec, offset));
    out
}

/// Writes a video of any size without holding it in memory: the media data is a sparse run of zeros
/// (`set_len`), so a 2 GiB test video costs no disk time.
pub fn synth_to_file(spec: &VideoSpec, file: &mut std::fs::File) -> std::io::Result<()> {
    let ftyp = ftyp(spec);
    let offset = ftyp.len() as u64 + 16;
    file.write_all(&ftyp)?;
    file.write_all(&1u32.to_be_bytes())?;
    file.write_all(b"mdat")?;
    file.write_all(&(spec.mdat_bytes + 16).to_be_bytes())?;
    let end = offset + spec.mdat_bytes;
    file.set_len(end)?;
    file.seek(SeekFrom::Start(end))?;
    file.write_all(&moov(spec, offset.min(u32::MAX as u64) as u32))?;
    file.flush()
}

#![no_main]
//! The MP4/MOV box walk and moov parse on arbitrary bytes: must return, never panic or hang.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = jianbao::media::mp4::probe(std::io::Cursor::new(data), data.len() as u64);
});

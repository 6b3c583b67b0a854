#![no_main]
//! The JPEG marker walk and end-of-image scan on arbitrary bytes: must return, never panic or hang.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(info) = jianbao::media::jpeg::probe(std::io::Cursor::new(data)) {
        let _ = jianbao::media::jpeg::has_end(data, info.scan_offset);
        let _ = info.display_size();
    }
});

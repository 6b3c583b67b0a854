#![no_main]
//! Full photo inspection with strict decoding and background classification on arbitrary bytes.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = jianbao::media::photo::inspect(data, true);
});

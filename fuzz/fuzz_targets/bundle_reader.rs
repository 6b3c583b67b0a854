#![no_main]
//! The bundle reader and the whole of `verify` on arbitrary bytes: must return a verdict, never panic,
//! hang or allocate beyond what the bytes justify.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The reader works on files (positional reads); one file per fuzzing process, rewritten each run.
    let path = std::env::temp_dir().join(format!("jianbao-fuzz-{}.zip", std::process::id()));
    if std::fs::write(&path, data).is_ok() {
        let v = jianbao::bundle::verify::verify(&path, None);
        assert!(!v.valid || !v.payload.is_empty() || v.files.is_empty());
    }
});

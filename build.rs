//! Compiles every campaign profile under `assets/profiles/`, and the notice texts they quote from
//! under `assets/notices/`, into the binary: a new notice is a new file there, never a code change.

use std::fmt::Write;

/// Writes `const NAME: &[(&str, &str)]` holding every `*.ext` file of `dir` as (file name, text).
fn embed(out: &mut String, doc: &str, name: &str, dir: &str, ext: &str) {
    println!("cargo:rerun-if-changed={dir}");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(ext))
        .collect();
    names.sort();
    writeln!(out, "/// {doc}\npub(crate) const {name}: &[(&str, &str)] = &[").unwrap();
    for n in &names {
        println!("cargo:rerun-if-changed={dir}/{n}");
        writeln!(out, "    ({n:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{dir}/{n}\"))),")
            .unwrap();
    }
    out.push_str("];\n");
}

fn main() {
    let mut out = String::new();
    embed(&mut out, "The built-in profiles: (file name, TOML text).", "BUILTIN", "assets/profiles", ".toml");
    // The notices' published texts, against which every quoted clause is checked.
    embed(&mut out, "The notices' texts: (file name, text).", "BUILTIN_NOTICES", "assets/notices", ".txt");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_profiles.rs");
    std::fs::write(dest, out).unwrap();
}

//! Compiles every campaign profile under `assets/profiles/`, and the notice texts they quote from
//! under `assets/notices/`, into the binary: a new notice is a new file there, never a code change.

use std::fmt::Write;

fn main() {
    let dir = std::path::Path::new("assets/profiles");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("assets/profiles exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    let mut out = String::from(
        "/// The built-in profiles: (file name, TOML text).\npub(crate) const BUILTIN: &[(&str, &str)] = &[\n",
    );
    for n in &names {
        println!("cargo:rerun-if-changed=assets/profiles/{n}");
        writeln!(
            out,
            "    ({n:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/assets/profiles/{n}\"))),"
        )
        .unwrap();
    }
    out.push_str("];\n");
    // The notices' published texts, against which every quoted clause is checked.
    let notices = std::path::Path::new("assets/notices");
    println!("cargo:rerun-if-changed={}", notices.display());
    let mut texts: Vec<String> = std::fs::read_dir(notices)
        .expect("assets/notices exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    texts.sort();
    out.push_str("/// The notices' texts: (file name, text).\npub(crate) const BUILTIN_NOTICES: &[(&str, &str)] = &[\n");
    for n in &texts {
        println!("cargo:rerun-if-changed=assets/notices/{n}");
        writeln!(
            out,
            "    ({n:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/assets/notices/{n}\"))),"
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_profiles.rs");
    std::fs::write(dest, out).unwrap();
}

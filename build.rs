//! Embeds the sample corpus (`data/sample/*.txt`) so `dyad demo` works from any directory.
use std::fmt::Write;

fn main() {
    let dir = std::path::Path::new("data/sample");
    println!("cargo:rerun-if-changed=data/sample");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    files.sort();
    let mut out = String::from("/// The bundled sample articles: (file name, content).\npub const SAMPLE: &[(&str, &str)] = &[\n");
    for p in &files {
        let abs = std::fs::canonicalize(p).expect("sample path");
        println!("cargo:rerun-if-changed={}", p.display());
        let name = p.file_name().unwrap().to_string_lossy();
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            abs.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("sample.rs");
    std::fs::write(dest, out).unwrap();
}

//! Embeds every `migrations/NNNN_name.sql` file of the workspace at build time, in order.

use std::fmt::Write;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../migrations");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<(u32, String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("migrations/ folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            let (num, name) = stem
                .split_once('_')
                .unwrap_or_else(|| panic!("migration {stem} must be named NNNN_name.sql"));
            let version: u32 = num
                .parse()
                .unwrap_or_else(|_| panic!("migration {stem} must start with a number"));
            println!("cargo:rerun-if-changed={}", p.display());
            (version, name.to_string(), p.canonicalize().unwrap())
        })
        .collect();
    files.sort();
    for pair in files.windows(2) {
        assert!(
            pair[0].0 + 1 == pair[1].0,
            "migration numbers must be consecutive: {} then {}",
            pair[0].0,
            pair[1].0
        );
    }
    let mut out = String::from("pub(crate) static MIGRATIONS: &[Migration] = &[\n");
    for (version, name, path) in &files {
        writeln!(
            out,
            "    Migration {{ version: {version}, name: {name:?}, sql: include_str!({:?}) }},",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("migrations.rs");
    std::fs::write(dest, out).unwrap();
}

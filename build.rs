//! Embeds every file under `prompts/` in the binary, so templates ship with it and a
//! user folder can still override them at run time.

use std::fmt::Write;
use std::path::Path;

fn collect(dir: &Path, base: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("prompts dir").filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, base, out);
        } else {
            out.push(p.strip_prefix(base).expect("under base").to_string_lossy().replace('\\', "/"));
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("prompts");
    println!("cargo:rerun-if-changed=prompts");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    let mut src =
        String::from("/// Built-in template files: (path under prompts/, contents).\npub static EMBEDDED: &[(&str, &str)] = &[\n");
    for f in &files {
        let abs = root.join(f);
        writeln!(src, "    ({f:?}, include_str!({:?})),", abs.to_string_lossy()).expect("write");
    }
    src.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("embedded_prompts.rs");
    std::fs::write(out, src).expect("write embedded prompts");
}

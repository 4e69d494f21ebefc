use std::time::Instant;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[2]).unwrap();
    let n: usize = args.get(3).map_or(3, |s| s.parse().unwrap());
    for _ in 0..n {
        let files = vec![("x.toml".to_string(), bytes.clone())];
        let t = Instant::now();
        let (doc, f) = match args[1].as_str() {
            "old" | "oldload" => roadmap::load::parse_with_toml_tree(files).unwrap(),
            "seq" | "seqload" => roadmap::load::parse_in_chunks(files, 1 << 16).unwrap(),
            _ => roadmap::load::parse(files).unwrap(),
        };
        let t1 = t.elapsed();
        if args[1].ends_with("load") {
            std::mem::forget(doc);
            continue;
        }
        let c = roadmap::validate::validate(doc, f);
        eprintln!(
            "{} load {:?} validate {:?} findings {}",
            args[1],
            t1,
            t.elapsed() - t1,
            c.findings.len()
        );
    }
}

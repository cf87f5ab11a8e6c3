//! Lays out jieba's IDF table (`dictionaries/idf/jieba_idf.txt`) as an open-addressing hash
//! table at build time, so no run of newslens parses its 270,000 lines (about 0.1 s of CPU):
//! `idf_slots.bin` (one little-endian `u64` per slot: the top 48 bits of the word's key and
//! the index + 1 of its value; 0 = empty), `idf_values.bin` (the distinct IDF values, `f32`)
//! and `idf_meta.rs` (table size and median IDF) in `OUT_DIR`.

use std::collections::HashMap;
use std::path::PathBuf;

/// The library's byte helpers, for its `idf_key` (the rest is unused here).
#[allow(dead_code)]
mod bytes {
    include!("src/analyze/bytes.rs");
}
use bytes::idf_key;

/// log2 of the number of slots: 2^19 slots for ~270,000 words keeps probes short.
const SLOTS_LOG2: u32 = 19;

fn main() {
    let source = "dictionaries/idf/jieba_idf.txt";
    println!("cargo::rerun-if-changed={source}");
    println!("cargo::rerun-if-changed=src/analyze/bytes.rs");
    let text = std::fs::read_to_string(source).expect("read dictionaries/idf/jieba_idf.txt");
    // Same reading as the text table had: `word idf` per line, a later line for the same word
    // wins, every parsed value counts towards the median.
    let mut idf: HashMap<&str, f32> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    let mut values: Vec<f32> = Vec::new();
    for line in text.lines() {
        let mut it = line.split(' ');
        if let (Some(w), Some(v)) = (it.next(), it.next())
            && let Ok(v) = v.trim().parse::<f32>()
        {
            assert!(
                !w.is_ascii(),
                "{source}: ASCII word {w:?} (lookups skip ASCII words)"
            );
            if idf.insert(w, v).is_none() {
                order.push(w);
            }
            values.push(v);
        }
    }
    values.sort_unstable_by(f32::total_cmp);
    let median = values
        .get(values.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or(10.0);
    // Distinct IDF values (a few thousand: IDF is a function of an integer document count),
    // in order; a slot refers to its value by index.
    let mut distinct: Vec<f32> = idf.values().copied().collect();
    distinct.sort_unstable_by(f32::total_cmp);
    distinct.dedup_by(|a, b| a.to_bits() == b.to_bits());
    assert!(
        distinct.len() < 1 << 16,
        "{source}: too many distinct IDF values"
    );
    let slots = 1usize << SLOTS_LOG2;
    assert!(
        order.len() * 3 < slots * 2,
        "{source}: too many words for the table"
    );
    // A slot: the top 48 bits of the word's key, then the value's index + 1 (so that no
    // filled slot is 0, which marks an empty one).
    let mut table = vec![0u64; slots];
    let mut seen: HashMap<u64, &str> = HashMap::new();
    for w in order {
        let key = idf_key(w.as_bytes());
        if let Some(other) = seen.insert(key >> 16, w) {
            panic!("{source}: {w:?} and {other:?} have the same key");
        }
        let value = distinct
            .binary_search_by(|v| v.total_cmp(&idf[w]))
            .expect("value listed");
        let mut i = (key >> (64 - SLOTS_LOG2)) as usize;
        while table[i] != 0 {
            i = (i + 1) & (slots - 1);
        }
        table[i] = key & !0xFFFF | (value as u64 + 1);
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let t: Vec<u8> = table.iter().flat_map(|k| k.to_le_bytes()).collect();
    std::fs::write(out.join("idf_slots.bin"), t).expect("write idf_slots.bin");
    let v: Vec<u8> = distinct.iter().flat_map(|v| v.to_le_bytes()).collect();
    std::fs::write(out.join("idf_values.bin"), v).expect("write idf_values.bin");
    std::fs::write(
        out.join("idf_meta.rs"),
        format!(
            "/// log2 of the IDF table's slot count.\nconst IDF_SLOTS_LOG2: u32 = {SLOTS_LOG2};\n\
             /// Words in the IDF table.\nconst IDF_WORDS: usize = {};\n\
             /// Median IDF of the table ({median}).\nconst IDF_MEDIAN: f32 = f32::from_bits({:#x});\n",
            seen.len(),
            median.to_bits()
        ),
    )
    .expect("write idf_meta.rs");
}

//! Near-duplicate texts: wire copy reprinted by several outlets, the same quotation in several
//! articles. Each text becomes a set of character shingles (letters, digits and CJK characters
//! only, Latin lowercased, so punctuation, spacing and width do not count); MinHash signatures
//! put likely pairs in the same bucket (locality-sensitive hashing), and a pair is a duplicate
//! when the exact Jaccard similarity of its shingle sets reaches [`THRESHOLD`] and both give
//! the same numbers in the same order (a reprint keeps its figures; yesterday's and today's
//! case counts in the same words are different news). Deterministic:
//! fixed hash functions, groups in input order.

use rustc_hash::FxHashMap;

/// Characters per shingle.
const SHINGLE: usize = 4;
/// Jaccard similarity from which two texts are one.
pub const THRESHOLD: f64 = 0.6;
/// MinHash functions: `BANDS` bands of `ROWS` each.
const BANDS: usize = 10;
const ROWS: usize = 2;

/// The runs of digits of `text`, in order (full-width digits as ASCII).
fn numbers(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_run = false;
    for c in text
        .chars()
        .map(crate::analyze::entity::dictionary::fold_char)
    {
        match (c.is_ascii_digit(), in_run) {
            (true, true) => out.last_mut().expect("a run").push(c),
            (true, false) => out.push(c.to_string()),
            _ => {}
        }
        in_run = c.is_ascii_digit();
    }
    out
}

/// The shingles of `text` (hashed), sorted and unique.
fn shingles(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(crate::analyze::entity::dictionary::fold_char)
        .collect();
    let mut out: Vec<u64> = if chars.len() <= SHINGLE {
        vec![hash_chars(&chars, 0)]
    } else {
        chars.windows(SHINGLE).map(|w| hash_chars(w, 0)).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// A fixed 64-bit hash of `chars` under `seed` (FNV-1a, then a final mix).
fn hash_chars(chars: &[char], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325 ^ seed;
    for &c in chars {
        h = (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// splitmix64's finaliser.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Jaccard similarity of two sorted, unique sets.
fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 {
        1.0
    } else {
        both as f64 / union as f64
    }
}

/// Groups `texts` into near-duplicates: for each text, the index of its group; groups are
/// numbered in order of their first text, and a text joins the group of the first earlier text
/// it duplicates.
pub fn groups<S: AsRef<str>>(texts: &[S]) -> Vec<usize> {
    let sets: Vec<Vec<u64>> = texts.iter().map(|t| shingles(t.as_ref())).collect();
    let figures: Vec<Vec<String>> = texts.iter().map(|t| numbers(t.as_ref())).collect();
    let mut buckets: FxHashMap<(usize, u64), Vec<usize>> = FxHashMap::default();
    let mut group = Vec::with_capacity(texts.len());
    let mut groups = 0;
    for (i, set) in sets.iter().enumerate() {
        let signature: Vec<u64> = (0..BANDS * ROWS)
            .map(|k| {
                let seed = mix(k as u64 + 1);
                set.iter().map(|&s| mix(s ^ seed)).min().unwrap_or(0)
            })
            .collect();
        let mut found = None;
        for (band, rows) in signature.chunks(ROWS).enumerate() {
            let key = (band, rows.iter().fold(0, |h, &r| mix(h ^ r)));
            let bucket = buckets.entry(key).or_default();
            if found.is_none() {
                found = bucket
                    .iter()
                    .copied()
                    .find(|&j| figures[i] == figures[j] && jaccard(set, &sets[j]) >= THRESHOLD);
            }
            bucket.push(i);
        }
        group.push(match found {
            Some(j) => group[j],
            None => {
                groups += 1;
                groups - 1
            }
        });
    }
    group
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reprints_are_one_and_different_news_is_not() {
        let texts = [
            "英伟达周三表示，其H20芯片的出口许可已获批准，将于下月恢复发货。",
            // The same wire sentence reprinted: other punctuation, a full-width digit.
            "英伟达周三表示:其Ｈ20芯片的出口许可已获批准 将于下月恢复发货",
            "华为周三发布了新一代昇腾芯片，性能提升一倍。",
            "Nvidia said on Wednesday that export licences for its H20 chip had been granted.",
            "NVIDIA said on Wednesday that export licences for its H20 chip have been granted",
            "Shares of Nvidia rose 3% in early trading after the announcement.",
            // An edited reprint: a few words changed at the end.
            "英伟达周三表示，其H20芯片的出口许可已获批准，将于下月恢复对华发货。",
            // The same words with other figures: another day's report.
            "广西卫健委3日通报，4月2日0至24时，广西无新增确诊病例，累计治愈出院252例。",
            "广西卫健委4日通报，4月3日0至24时，广西无新增确诊病例，累计治愈出院252例。",
            "广西卫健委3日通报，4月2日0至24时，广西无新增确诊病例，累计治愈出院２５２例",
        ];
        assert_eq!(groups(&texts), [0, 0, 1, 2, 2, 3, 0, 4, 5, 4]);
    }

    #[test]
    fn similarity_of_sets() {
        assert_eq!(jaccard(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(jaccard(&[1, 2], &[3, 4]), 0.0);
        assert!((jaccard(&[1, 2, 3], &[2, 3, 4]) - 0.5).abs() < 1e-9);
    }
}

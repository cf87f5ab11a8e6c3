//! Chinese and English stopword lists from `dictionaries/stopwords/`.

use rustc_hash::FxHashSet as HashSet;

use super::bytes::{self, Bits, get, set};

const ZH: &str = include_str!("../../dictionaries/stopwords/zh.txt");
const EN: &str = include_str!("../../dictionaries/stopwords/en.txt");

/// A set of stopwords; English entries are lower case and looked up case-folded.
///
/// Words of up to sixteen bytes (all but a handful: `the`, `according`, 的, 我们) are held
/// packed in a `u128` each, so a lookup is one integer hash and compare with no string in
/// memory to chase; longer words sit in a string set.
#[derive(Debug, Clone, Default)]
pub struct Stopwords {
    short: PackedSet,
    long: HashSet<String>,
}

/// A set of packed words with a 65,536-bit filter in front: most words that are not stopwords
/// are turned away by one bit test, without hashing into the set (keyword ranking asks for
/// every token of every article, and about half are no stopword).
#[derive(Debug, Clone)]
struct PackedSet {
    keys: HashSet<u128>,
    /// One bit set per key, from a multiplicative hash's middle bits (the low ones depend on a
    /// word's first bytes alone).
    filter: Box<Bits>,
}

impl Default for PackedSet {
    fn default() -> Self {
        PackedSet {
            keys: HashSet::default(),
            filter: Box::new([0; 1024]),
        }
    }
}

impl PackedSet {
    fn filter_bit(key: u128) -> usize {
        let h = ((key as u64) ^ ((key >> 64) as u64).rotate_left(29))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> 36) as usize & 0xFFFF
    }

    fn insert(&mut self, key: u128) {
        set(&mut self.filter, Self::filter_bit(key));
        self.keys.insert(key);
    }

    #[inline]
    fn contains(&self, key: u128) -> bool {
        get(&self.filter, Self::filter_bit(key)) && self.keys.contains(&key)
    }

    fn len(&self) -> usize {
        self.keys.len()
    }

    fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// The bytes of a word of 1 to 16 bytes, ASCII-lowercased, packed little-endian into a `u128`
/// (zero-padded: no word holds a NUL byte, so the length is implied), or `None` when the word
/// is longer or empty.
fn pack(word: &[u8]) -> Option<u128> {
    match word.len() {
        1..=8 => Some(u128::from(pack8(word))),
        9..=16 => Some(u128::from(pack8(&word[..8])) | u128::from(pack8(&word[8..])) << 64),
        _ => None,
    }
}

/// [`pack`] of 1 to 8 bytes into a `u64`.
fn pack8(word: &[u8]) -> u64 {
    let x = bytes::load_le(word);
    // ASCII lower-casing of all eight bytes at once: set bit 5 of every byte in A..=Z.
    x | bytes::ascii_in_range(x, b'A', b'Z') >> 2
}

impl Stopwords {
    /// The built-in Chinese and English lists.
    pub fn builtin() -> Stopwords {
        let mut s = Stopwords::default();
        s.extend_from_str(ZH);
        s.extend_from_str(EN);
        s
    }

    /// Adds the words of a list file (one per line, `#` comments).
    pub fn extend_from_str(&mut self, list: &str) {
        for line in list.lines() {
            let w = line.trim();
            if !w.is_empty() && !w.starts_with('#') {
                let w = w.to_lowercase();
                match pack(w.as_bytes()) {
                    Some(key) => {
                        self.short.insert(key);
                    }
                    None => {
                        self.long.insert(w);
                    }
                }
            }
        }
    }

    /// True when `word` (any case) is a stopword.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        if let Some(key) = pack(word.as_bytes()) {
            return self.short.contains(key);
        }
        if word.is_empty() || self.long.is_empty() {
            return false;
        }
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.long.contains(word);
        }
        self.long.contains(&word.to_ascii_lowercase())
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.short.is_empty() && self.long.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_set_holds_what_was_inserted_and_nothing_else() {
        let mut set = PackedSet::default();
        assert!(!set.contains(1) && set.is_empty());
        // Keys that differ in one high or low bit.
        let keys: Vec<u128> = (0..3000u128)
            .map(|i| (i << 64) ^ (i * 31) ^ 0xABCD)
            .collect();
        for (n, &k) in keys.iter().enumerate() {
            set.insert(k);
            set.insert(k); // twice: counted once
            assert_eq!(set.len(), n + 1);
        }
        assert!(keys.iter().all(|&k| set.contains(k)));
        assert!((3000..6000u128).all(|i| !set.contains((i << 64) ^ (i * 31) ^ 0xABCD)));
    }

    /// The filter turns away most words: the built-in lists set few of its bits.
    #[test]
    fn packed_set_filter_is_sparse() {
        let set = Stopwords::builtin().short;
        let set_bits: u32 = set.filter.iter().map(|w| w.count_ones()).sum();
        assert!(set_bits as usize <= set.len());
        assert!(
            set_bits < 65_536 / 16,
            "{set_bits} of 65,536 filter bits set"
        );
    }

    #[test]
    fn packing_folds_ascii_case_only() {
        let packed = |w: &[u8]| {
            let mut b = [0u8; 16];
            b[..w.len()].copy_from_slice(&w.to_ascii_lowercase());
            u128::from_le_bytes(b)
        };
        for w in [
            "the",
            "The",
            "THE",
            "said",
            "AZaz@[`{",
            "我们",
            "Éa",
            "x",
            "12345678",
            "According",
            "NEVERTHELESS",
            "一方面而言",
            "0123456789abcdef",
        ] {
            assert_eq!(pack(w.as_bytes()), Some(packed(w.as_bytes())), "{w}");
        }
        assert_eq!(pack(b""), None);
        assert_eq!(pack(b"0123456789abcdefg"), None);
        // Every byte value folds the way `to_ascii_lowercase` does, in every position of every
        // length.
        for n in 1..=16 {
            for b in 1..=255u8 {
                for at in 0..n {
                    let mut w = vec![b'a'; n];
                    w[at] = b;
                    assert_eq!(pack(&w), Some(packed(&w)), "{b} at {at} of {n}");
                }
            }
        }
    }

    #[test]
    fn every_listed_word_passes_the_filter_in_any_ascii_case() {
        let s = Stopwords::builtin();
        for list in [ZH, EN] {
            for w in list.lines().map(str::trim) {
                if w.is_empty() || w.starts_with('#') {
                    continue;
                }
                let lower = w.to_lowercase();
                assert!(s.contains(&lower), "{lower}");
                assert!(s.contains(&lower.to_ascii_uppercase()), "{lower}");
                if lower.is_char_boundary(1) {
                    let capital = lower[..1].to_ascii_uppercase() + &lower[1..];
                    assert!(s.contains(&capital), "{capital}");
                }
            }
        }
        for (word, stop) in [
            ("the", true),
            ("The", true),
            ("我们", true),
            ("英伟达", false),
            ("cloud", false),
            ("Nvidia", false),
            ("", false),
        ] {
            assert_eq!(s.contains(word), stop, "{word:?}");
        }
    }
}

//! Chinese and English stopword lists from `dictionaries/stopwords/`.

use rustc_hash::FxHashSet as HashSet;

const ZH: &str = include_str!("../../dictionaries/stopwords/zh.txt");
const EN: &str = include_str!("../../dictionaries/stopwords/en.txt");

/// A set of stopwords; English entries are lower case and looked up case-folded.
#[derive(Debug, Clone)]
pub struct Stopwords {
    words: HashSet<String>,
    /// One bit per [`sketch`] of the words: most words that are not stopwords are turned away
    /// by one L1-resident bit instead of a hash, a probe and a comparison (8 KB; with ~1,800
    /// words about 3% of other words pass on to the set).
    filter: Box<[u64; FILTER_WORDS]>,
}

const FILTER_WORDS: usize = 1024;

impl Default for Stopwords {
    fn default() -> Self {
        Stopwords {
            words: HashSet::default(),
            filter: Box::new([0; FILTER_WORDS]),
        }
    }
}

/// A 16-bit sketch of a word from its length and its first two and last bytes, ASCII
/// case-folded the way lookups are.
fn sketch(word: &[u8]) -> usize {
    let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
        return 0;
    };
    let second = word.get(1).copied().unwrap_or(0);
    let key = word.len() as u64
        | u64::from(first.to_ascii_lowercase()) << 16
        | u64::from(second.to_ascii_lowercase()) << 24
        | u64::from(last.to_ascii_lowercase()) << 32;
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
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
                let bit = sketch(w.as_bytes());
                self.filter[bit / 64] |= 1 << (bit % 64);
                self.words.insert(w);
            }
        }
    }

    /// True when `word` (any case) is a stopword.
    pub fn contains(&self, word: &str) -> bool {
        let bit = sketch(word.as_bytes());
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return false;
        }
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.words.contains(word);
        }
        // Lower-cased on the stack: capitalised words are common, allocations are not free.
        let mut buf = [0u8; 32];
        match buf.get_mut(..word.len()) {
            Some(lower) => {
                lower.copy_from_slice(word.as_bytes());
                lower.make_ascii_lowercase();
                // ASCII lower-casing keeps UTF-8 valid.
                std::str::from_utf8(lower).is_ok_and(|l| self.words.contains(l))
            }
            None => self.words.contains(&word.to_ascii_lowercase()),
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

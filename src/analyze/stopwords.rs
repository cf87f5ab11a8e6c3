//! Chinese and English stopword lists from `dictionaries/stopwords/`.

use rustc_hash::FxHashSet as HashSet;

const ZH: &str = include_str!("../../dictionaries/stopwords/zh.txt");
const EN: &str = include_str!("../../dictionaries/stopwords/en.txt");

/// A set of stopwords; English entries are lower case and looked up case-folded.
#[derive(Debug, Clone, Default)]
pub struct Stopwords {
    words: HashSet<String>,
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
                self.words.insert(w.to_lowercase());
            }
        }
    }

    /// True when `word` (any case) is a stopword.
    pub fn contains(&self, word: &str) -> bool {
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

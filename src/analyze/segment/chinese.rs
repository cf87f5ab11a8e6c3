//! Chinese word segmentation: the one file that talks to jieba-rs.

use jieba_rs::Jieba;

use crate::model::Span;

/// Lowest frequency given to a user word (an entity alias), so that names beat the splits the
/// default dictionary prefers (英|伟达, 阿里|云, 通义|千问).
const MIN_USER_WORD_FREQ: usize = 2_000;

/// jieba-rs with HMM on for unknown words, plus the entity aliases as user words.
pub struct ChineseSegmenter {
    jieba: Jieba,
}

impl ChineseSegmenter {
    /// Loads jieba's default dictionary and adds those `user_words` that contain a Han
    /// character. Pure Latin names need no help (jieba keeps Latin runs whole) and would do
    /// harm: jieba's DAG would find `AWS` inside `LAWS`. Words with whitespace are skipped.
    pub fn new<'a>(user_words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut jieba = Jieba::new();
        for w in user_words {
            if !w.chars().any(super::is_han) || w.chars().any(char::is_whitespace) {
                continue;
            }
            let freq = jieba.suggest_freq(w).max(MIN_USER_WORD_FREQ);
            jieba.add_word(w, Some(freq), Some("nz"));
        }
        ChineseSegmenter { jieba }
    }

    /// Plain jieba, no user words: the baseline for evaluations and benchmarks.
    pub fn plain() -> Self {
        ChineseSegmenter {
            jieba: Jieba::new(),
        }
    }

    /// Segments `text[span]`, pushing the byte spans of the words (in `text` coordinates).
    pub fn segment(&self, text: &str, span: Span, out: &mut Vec<Span>) {
        let piece = span.slice(text);
        for t in self.jieba.cut(piece, true) {
            out.push(Span::new(
                span.start + t.byte_start,
                span.start + t.byte_end,
            ));
        }
    }

    /// Proper nouns of two characters or more that jieba's part-of-speech tagger finds in
    /// `text[span]`: person names (`nr`, `nrfg`, `nrt`: dictionary names and names its HMM
    /// recognises, `马芳菲`, `伊哈布`), organisation names (`nt`) and other proper nouns (`nz`),
    /// as spans in `text`.
    pub fn proper_nouns(&self, text: &str, span: Span, out: &mut Vec<(Span, ProperNoun)>) {
        let piece = span.slice(text);
        for t in self.jieba.tag(piece, true) {
            let kind = match t.tag {
                t if t.starts_with("nr") => ProperNoun::Person,
                "nt" => ProperNoun::Organisation,
                "nz" => ProperNoun::Other,
                _ => continue,
            };
            if t.word.chars().count() >= 2 {
                out.push((
                    Span::new(span.start + t.byte_start, span.start + t.byte_end),
                    kind,
                ));
            }
        }
    }

    /// Whether `word` is a word of the segmenter's dictionary (jieba's, our lexicon's and the
    /// entity aliases).
    pub fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// The dictionary words inside a longer `word` (jieba's search mode: `云计算` → `计算`),
    /// as byte ranges into `word`; the word itself is not repeated.
    pub fn subwords(&self, word: &str) -> Vec<(usize, usize)> {
        // A dictionary word (the usual case: it came from `cut`) is cut into itself, so search
        // mode gives exactly its 2- and 3-character dictionary substrings: look those up
        // directly instead of running the whole segmenter on the word again.
        if self.jieba.has_word(word) {
            let mut at: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
            at.push(word.len());
            let n = at.len() - 1;
            let mut out = Vec::new();
            for len in [2, 3] {
                if n > len {
                    for i in 0..=n - len {
                        let (s, e) = (at[i], at[i + len]);
                        if self.jieba.has_word(&word[s..e]) {
                            out.push((s, e));
                        }
                    }
                }
            }
            return out;
        }
        self.jieba
            .cut_for_search(word, false)
            .into_iter()
            .map(|t| (t.byte_start, t.byte_end))
            .filter(|&(s, e)| e - s < word.len())
            .collect()
    }

    /// Raw `jieba.cut(text, hmm=true)` word strings, for baselines.
    pub fn raw_cut<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.jieba
            .cut(text, true)
            .into_iter()
            .map(|t| t.word)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subwords_match_jieba_search_mode() {
        let seg = ChineseSegmenter::new(["通义千问", "阿里云"]);
        let search_mode = |w: &str| -> Vec<(usize, usize)> {
            let mut v: Vec<_> = seg
                .jieba
                .cut_for_search(w, false)
                .into_iter()
                .map(|t| (t.byte_start, t.byte_end))
                .filter(|&(s, e)| e - s < w.len())
                .collect();
            v.sort();
            v
        };
        for w in [
            "云计算",
            "人工智能",
            "大模型",
            "中华人民共和国",
            "通义千问",
            "阿里云",
            "数据中心",
            "计算机视觉技术", // not a dictionary word: search mode itself
        ] {
            let mut got = seg.subwords(w);
            got.sort();
            assert_eq!(got, search_mode(w), "{w}");
        }
        let words = |w: &str| -> Vec<String> {
            seg.subwords(w)
                .iter()
                .map(|&(s, e)| w[s..e].to_string())
                .collect()
        };
        assert!(words("云计算").contains(&"计算".to_string()));
        assert!(words("人工智能").contains(&"智能".to_string()));
    }
}

/// What jieba's part-of-speech tag says a proper noun is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProperNoun {
    /// `nr`, `nrfg`, `nrt`: a person.
    Person,
    /// `nt`: an organisation.
    Organisation,
    /// `nz`: another proper noun (a brand, a product, a title).
    Other,
}

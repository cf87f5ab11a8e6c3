//! Literal strings found wherever they occur in a text, overlapping ones too: what an
//! aho-corasick overlapping search finds, for the few names a document gives (its people's
//! short forms, its guessed speakers). Such a set is built for every document or window, and
//! building an automaton for it cost more than the search: here building is one sort, and the
//! search looks at a character only when some literal may start with it (a bit of a small
//! table, by the low bits of the character), comparing just the literals that might.

use super::bytes::load_le;

/// A set of literals, each known by its place in the list it was built from.
pub(crate) struct Literals<P> {
    patterns: Vec<P>,
    /// Per literal, its first eight bytes (fewer for a shorter one, as a little-endian number)
    /// and the mask of those bytes: most comparisons are one load.
    heads: Vec<(u64, u64)>,
    /// Literal numbers by the key of their first character (its code point's low bits, as
    /// many as `mask` keeps), then by number.
    order: Vec<u32>,
    /// Bit `key` set for the key of the first character of every literal.
    bits: Vec<u64>,
    /// The keys' mask: a table of some thirty keys a literal, so that a set of a few names
    /// costs a few hundred bytes to build (articles build several), and a character that
    /// starts no literal rarely shares a key with one that does.
    mask: usize,
    /// Per word of `bits`, the bits set in the words before it: a key's rank among the set
    /// ones, which numbers its run in `order`.
    ranks: Vec<u32>,
    /// Where each key's run starts in `order`, by rank (and the end, last).
    runs: Vec<u32>,
}

/// One occurrence of a literal: its byte span in the text and its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct LiteralMatch {
    /// Where it starts.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// Its place in the list the set was built from.
    pub pattern: usize,
}

impl<P: AsRef<str>> Literals<P> {
    /// The set of `patterns` (empty ones are never found).
    pub(crate) fn new(patterns: impl IntoIterator<Item = P>) -> Self {
        let patterns: Vec<P> = patterns.into_iter().collect();
        let size = (patterns.len() * 32).next_power_of_two().clamp(64, 1 << 16);
        let key_mask = size - 1;
        let mut bits = vec![0u64; size / 64];
        let mut keyed = Vec::with_capacity(patterns.len());
        let mut heads = Vec::with_capacity(patterns.len());
        for (i, p) in patterns.iter().enumerate() {
            let p = p.as_ref();
            let n = p.len().min(8);
            let mask = if n == 8 {
                u64::MAX
            } else {
                (1u64 << (8 * n)) - 1
            };
            heads.push((load_le(&p.as_bytes()[..n]), mask));
            if let Some(c) = p.chars().next() {
                let k = c as usize & key_mask;
                bits[k >> 6] |= 1 << (k & 63);
                keyed.push((k as u32, i as u32));
            }
        }
        keyed.sort_unstable();
        let mut ranks = vec![0u32; bits.len()];
        let mut rank = 0;
        for (w, r) in bits.iter().zip(ranks.iter_mut()) {
            *r = rank;
            rank += w.count_ones();
        }
        let mut runs = Vec::with_capacity(rank as usize + 1);
        for (j, &(k, _)) in keyed.iter().enumerate() {
            if j == 0 || keyed[j - 1].0 != k {
                runs.push(j as u32);
            }
        }
        runs.push(keyed.len() as u32);
        Literals {
            patterns,
            heads,
            order: keyed.into_iter().map(|(_, i)| i).collect(),
            bits,
            mask: key_mask,
            ranks,
            runs,
        }
    }

    /// Every occurrence of every literal in `text`, overlapping ones too, by start (and at one
    /// start in the order of the literals' numbers).
    pub(crate) fn overlapping<'a>(&'a self, text: &'a str) -> Overlapping<'a, P> {
        Overlapping {
            set: self,
            text: text.as_bytes(),
            pos: 0,
            at: 0,
            window: 0,
            next: 0,
            end: 0,
        }
    }
}

/// The iterator of [`Literals::overlapping`].
pub(crate) struct Overlapping<'a, P> {
    set: &'a Literals<P>,
    text: &'a [u8],
    /// Where the scan for the next character some literal starts with goes on.
    pos: usize,
    /// The position whose literals `order[next..end]` are being compared, and its first eight
    /// bytes.
    at: usize,
    window: u64,
    next: usize,
    end: usize,
}

impl<P: AsRef<str>> Iterator for Overlapping<'_, P> {
    type Item = LiteralMatch;

    fn next(&mut self) -> Option<LiteralMatch> {
        let (set, text) = (self.set, self.text);
        loop {
            while self.next < self.end {
                let pattern = set.order[self.next] as usize;
                self.next += 1;
                let (head, mask) = set.heads[pattern];
                if self.window & mask != head {
                    continue;
                }
                let p = set.patterns[pattern].as_ref().as_bytes();
                // (Past the text's end the window holds zeros: a literal ending in a NUL
                // must still fit.)
                let fits = self.at + p.len() <= text.len();
                if fits && (p.len() <= 8 || text[self.at..].starts_with(p)) {
                    return Some(LiteralMatch {
                        start: self.at,
                        end: self.at + p.len(),
                        pattern,
                    });
                }
            }
            // The next character that starts a literal.
            loop {
                let i = self.pos;
                let &b = text.get(i)?;
                // (`text` is UTF-8: the lead byte gives the character's length.)
                let byte = |k: usize| text.get(i + k).map_or(0, |&b| usize::from(b & 0x3F));
                let (key, len) = match b {
                    0..0x80 => (usize::from(b), 1),
                    0x80..0xE0 => ((usize::from(b) & 0x1F) << 6 | byte(1), 2),
                    0xE0..0xF0 => ((usize::from(b) & 0x0F) << 12 | byte(1) << 6 | byte(2), 3),
                    // (Of a character past U+FFFF, the low sixteen bits.)
                    _ => ((byte(1) & 0x0F) << 12 | byte(2) << 6 | byte(3), 4),
                };
                self.pos = i + len;
                let key = key & set.mask;
                let word = set.bits[key >> 6];
                if word & (1 << (key & 63)) != 0 {
                    let below = word & ((1 << (key & 63)) - 1);
                    let rank = (set.ranks[key >> 6] + below.count_ones()) as usize;
                    self.at = i;
                    self.window = load_le(&text[i..]);
                    self.next = set.runs[rank] as usize;
                    self.end = set.runs[rank + 1] as usize;
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every occurrence aho-corasick's overlapping search finds, sorted.
    fn automaton(text: &str, patterns: &[&str]) -> Vec<(usize, usize, usize)> {
        let ac = aho_corasick::AhoCorasick::new(patterns).unwrap();
        let mut v: Vec<_> = ac
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        v.sort_unstable();
        v
    }

    /// (text, literals): the same occurrences as the automaton, by start.
    #[test]
    fn finds_what_an_overlapping_automaton_finds() {
        for (text, patterns) in [
            (
                "库克说，蒂姆·库克来了，库克·约翰逊没来。",
                &["库克", "蒂姆库克", "约翰逊"][..],
            ),
            ("张三丰和张三、三丰", &["张三", "三丰", "张三丰", "丰"]),
            (
                "Tim Cook said Cook and Cookware",
                &["Cook", "Tim Cook", "ook"],
            ),
            // Characters of two, three and four bytes, at the very end too.
            ("é中😀é😀", &["é", "😀", "中😀", "😀é😀"]),
            // A literal longer than what is left, none found.
            ("abc", &["abcd", "x"]),
            ("", &["a"]),
            // The first character's bit shared by a character of another plane.
            ("\u{1F600}\u{F600}", &["\u{F600}", "\u{1F600}"]),
            // Characters that share a small table's key (U+00E1 and `a`: the same low bits).
            ("áb a ab", &["a", "áb", "b"]),
        ] {
            let set = Literals::new(patterns.iter().copied());
            let got: Vec<_> = set
                .overlapping(text)
                .map(|m| (m.start, m.end, m.pattern))
                .collect();
            assert!(got.is_sorted_by_key(|m| m.0), "by start: {got:?}");
            let mut sorted = got.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, automaton(text, patterns), "{text} {patterns:?}");
        }
        // A large set (a table of 65,536 keys) over text holding some of its literals.
        let names: Vec<String> = (0..3000u32)
            .map(|i| {
                let c = |k: u32| char::from_u32(0x4E00 + (i * 7 + k * 13) % 20000).unwrap();
                [c(0), c(1), c(2)]
                    .into_iter()
                    .take(2 + (i % 2) as usize)
                    .collect()
            })
            .collect();
        let text: String = names
            .iter()
            .step_by(7)
            .map(|n| format!("{n}，的"))
            .collect();
        let patterns: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut got: Vec<_> = Literals::new(&patterns)
            .overlapping(&text)
            .map(|m| (m.start, m.end, m.pattern))
            .collect();
        got.sort_unstable();
        assert_eq!(got, automaton(&text, &patterns));
        assert!(got.len() >= 3000 / 7);
        // A literal ending in NUL bytes is not found where the text ends before them.
        assert_eq!(Literals::new(["a\0", "b\0\0"]).overlapping("ab").count(), 0);
        assert_eq!(Literals::new(["a\0"]).overlapping("a\0").count(), 1);
        // (An empty literal is never found; an automaton would find it everywhere.)
        assert_eq!(Literals::new(["", "b"]).overlapping("ab").count(), 1);
    }
}

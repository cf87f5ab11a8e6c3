//! Entity tagging: one Aho-Corasick automaton (leftmost-longest) over all aliases.
//!
//! - Latin letters match case-insensitively, except aliases marked case-sensitive.
//! - Full-width Latin (`ＡＷＳ`) matches like ASCII: the text is folded first (only when it holds
//!   full-width characters) and offsets are mapped back to the original text.
//! - A Latin alias must not touch another Latin letter, digit or `_` (`AWS` is not in `LAWS`),
//!   except that a name ending in a letter may be followed by a version number (`Qwen1.5`).
//!   Chinese aliases match anywhere (`亚马逊AWS宣布` has both).
//! - When the longest match at a position fails these checks, shorter aliases starting there
//!   are tried before moving on, so `A800` is still found in `A800X` if `A800X` is not a name.
//!
//! The scan walks the automaton (anchored) only from positions where an alias can start: a
//! Latin word start whose word begins some alias, or two characters that begin some alias
//! (checked in small bit sets). Inside words and at the many characters that start no alias
//! it does no automaton work, which makes it several times faster than an unanchored scan and
//! gives the same matches (leftmost-longest: the first position with an accepted alias, the
//! longest one there). ASCII text is classified sixteen bytes at a time (SSE2 on x86-64), so
//! English costs one hash per word and nothing per space or punctuation mark.

use crate::analyze::bytes::{Bits, HIGH_BITS, ascii_in_range, get, load_le, set};

use super::dictionary::{Dictionary, fold_char};
use super::trie::AliasTrie;
use crate::error::Result;
use crate::model::{Entity, EntityKind, Span};

#[derive(Debug, Clone)]
struct Pattern {
    entity: u32,
    /// The alias folded (full-width → ASCII), original case.
    folded: String,
    case_sensitive: bool,
    exclude: bool,
    /// Counts only with evidence in the text (see [`Tagger::tag`]).
    contextual: bool,
    latin_start: bool,
    latin_end: bool,
}

/// The entity tagger, built once from a [`Dictionary`].
#[derive(Debug, Clone)]
pub struct Tagger {
    /// The aliases, walked from each position that can start one.
    trie: AliasTrie,
    /// Which positions can start an alias.
    starts: Starts,
    patterns: Vec<Pattern>,
    canonicals: Vec<String>,
    kinds: Vec<EntityKind>,
    /// Each entity's parent (an index), for the evidence of context-resolved aliases.
    parents: Vec<Option<u32>>,
    /// Each entity's cue words (ASCII lower-cased), for context-resolved aliases.
    context: Vec<Vec<String>>,
}

/// ASCII letters, digits and `_`, as a table (the scan asks for every byte).
static WORD_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b == b'_';
        i += 1;
    }
    t
};

fn is_word_byte(b: u8) -> bool {
    WORD_BYTES[b as usize]
}

/// For each of the eight bytes of `x`, its high bit set when the byte is a word byte
/// ([`is_word_byte`]), an ASCII letter, an ASCII digit (in that order).
fn byte_classes(x: u64) -> (u64, u64, u64) {
    // (Setting bit 5 lowercases the letters and turns no other byte into one.)
    let letters = ascii_in_range(x | 0x2020_2020_2020_2020, b'a', b'z');
    let digits = ascii_in_range(x, b'0', b'9');
    let underscores = ascii_in_range(x, b'_', b'_');
    (letters | digits | underscores, letters, digits)
}

/// Whether the lower-cased `sentence` holds the cue word `cue`: anywhere for a Chinese cue
/// (`手机`), as a whole word for a Latin one (`ai` is not in `chairman`).
fn has_cue(sentence: &str, cue: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric();
    let bytes = sentence.as_bytes();
    let latin_start = cue.as_bytes().first().is_some_and(|&b| word(b));
    let latin_end = cue.as_bytes().last().is_some_and(|&b| word(b));
    sentence.match_indices(cue).any(|(at, _)| {
        let end = at + cue.len();
        (!latin_start || at == 0 || !word(bytes[at - 1]))
            && (!latin_end || end == bytes.len() || !word(bytes[end]))
    })
}

impl Tagger {
    /// Builds the automaton over every alias of `dict`.
    pub fn new(dict: &Dictionary) -> Result<Tagger> {
        let mut patterns = Vec::new();
        let mut seen = rustc_hash::FxHashSet::default();
        // Every alias as a lookup key, so that a glued variant never takes another's name.
        let keys: rustc_hash::FxHashSet<String> = dict
            .entities()
            .iter()
            .flat_map(|e| {
                e.aliases
                    .iter()
                    .map(|a| super::dictionary::fold_key(&a.name))
            })
            .collect();
        for (i, e) in dict.entities().iter().enumerate() {
            for a in &e.aliases {
                let folded: String = a.name.chars().map(fold_char).collect();
                // Traditional text is tagged in its Simplified form (see `crate::script`): a
                // Traditional alias (`輝達`) is matched as written and as folded (`辉达`).
                let script_folded = crate::script::fold(&folded).into_owned();
                // Chinese sites glue Latin names (`ApplePay`, `iPadAir2`) and drop the dot of
                // a foreign name (`特拉维斯卡拉尼克`): those forms match too.
                let glued = glued_variant(&folded)
                    .filter(|g| !keys.contains(&super::dictionary::fold_key(g)));
                for folded in [Some(folded), Some(script_folded), glued]
                    .into_iter()
                    .flatten()
                {
                    if !seen.insert((i, folded.clone(), a.case_sensitive, a.exclude)) {
                        continue;
                    }
                    let first = folded.as_bytes()[0];
                    let last = folded.as_bytes()[folded.len() - 1];
                    patterns.push(Pattern {
                        entity: i as u32,
                        case_sensitive: a.case_sensitive,
                        exclude: a.exclude,
                        contextual: a.contextual,
                        latin_start: is_word_byte(first),
                        latin_end: is_word_byte(last),
                        folded,
                    });
                }
            }
        }
        let index: rustc_hash::FxHashMap<String, u32> = dict
            .entities()
            .iter()
            .enumerate()
            .map(|(i, e)| (super::dictionary::fold_key(&e.canonical), i as u32))
            .collect();
        let trie = AliasTrie::new(patterns.iter().map(|p| p.folded.as_str()));
        let starts = Starts::new(patterns.iter().map(|p| p.folded.as_str()));
        Ok(Tagger {
            trie,
            starts,
            patterns,
            canonicals: dict
                .entities()
                .iter()
                .map(|e| e.canonical.clone())
                .collect(),
            kinds: dict.entities().iter().map(|e| e.kind).collect(),
            parents: dict
                .entities()
                .iter()
                .map(|e| {
                    e.parent
                        .as_deref()
                        .and_then(|p| index.get(&super::dictionary::fold_key(p)).copied())
                })
                .collect(),
            context: dict
                .entities()
                .iter()
                .map(|e| e.context.iter().map(|w| w.to_ascii_lowercase()).collect())
                .collect(),
        })
    }

    /// Number of alias patterns in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Every entity mention in `text`, in order, non-overlapping.
    ///
    /// Two passes over the whole text: a context-resolved alias (`?苹果`) is kept only with
    /// evidence (a cue word of its entity in its sentence, or an unconditional mention of the
    /// entity, its parent or a child anywhere in the text); and after a person is named in full
    /// (`蒂姆·库克`, `Tim Cook`), the last part of the name alone (`库克`, `Cook`) and the
    /// form without the dot (`蒂姆库克`) count as that person for the rest of the text.
    pub fn tag(&self, text: &str) -> Vec<Entity> {
        // Full-width Latin is folded first; `map` takes folded offsets back to `text`.
        let folded = needs_folding(text).then(|| fold_with_map(text));
        let (hay, map) = match &folded {
            Some((f, map)) => (f.as_str(), Some(map)),
            None => (text, None),
        };
        let at = |i: usize| map.map_or(i, |m| m[i]);
        let mut found = self.find_all(hay);
        if found.iter().any(|m| self.patterns[m.pattern].contextual) {
            found = self.with_evidence(hay, found);
        }
        let mut out: Vec<Entity> = found
            .iter()
            .map(|m| self.entity(text, Span::new(at(m.start), at(m.end)), m.pattern))
            .collect();
        if out.iter().any(|e| e.kind == EntityKind::Person) {
            super::names::propagate(text, &mut out);
        }
        out
    }

    /// The matches of `found` that stand unconditionally or have evidence (see [`Tagger::tag`]).
    fn with_evidence(&self, hay: &str, found: Vec<RawMatch>) -> Vec<RawMatch> {
        let entity = |m: &RawMatch| self.patterns[m.pattern].entity;
        let sure: rustc_hash::FxHashSet<u32> = found
            .iter()
            .filter(|m| !self.patterns[m.pattern].contextual)
            .map(entity)
            .collect();
        let related = |e: u32| {
            sure.contains(&e)
                || self.parents[e as usize].is_some_and(|p| sure.contains(&p))
                || sure.iter().any(|&s| self.parents[s as usize] == Some(e))
        };
        found
            .into_iter()
            .filter(|m| {
                if !self.patterns[m.pattern].contextual {
                    return true;
                }
                let e = entity(m);
                if related(e) {
                    return true;
                }
                let cues = &self.context[e as usize];
                let sentence = sentence_around(hay, m.start, m.end);
                let lower = sentence.to_ascii_lowercase();
                cues.iter().any(|c| has_cue(&lower, c))
            })
            .collect()
    }

    fn entity(&self, text: &str, span: Span, pattern: usize) -> Entity {
        let e = self.patterns[pattern].entity as usize;
        Entity {
            text: span.slice(text).to_string(),
            canonical: self.canonicals[e].clone(),
            kind: self.kinds[e],
            span,
        }
    }

    fn find_all(&self, hay: &str) -> Vec<RawMatch> {
        let mut out = Vec::new();
        let bytes = hay.as_bytes();
        let mut pos = 0;
        while pos < bytes.len() {
            let b = bytes[pos];
            // The next position to look at if nothing starts here.
            let (candidate, next) = if b & 0xF0 == 0xE0
                && let Some(at) = self.starts.three_byte_run(bytes, pos)
            {
                // Most of a Chinese text: three-byte characters, skipped in a tight loop up to
                // the first that can start an alias (`at`, or past the run when none can).
                if at.1 {
                    pos = at.0;
                    (true, pos + 3)
                } else {
                    pos = at.0;
                    continue;
                }
            } else if b < 0x80 && self.starts.plain_ascii {
                // English text: sixteen bytes at a time up to the next Latin word that can
                // start an alias, or to the end of the ASCII run.
                match self.starts.ascii_blocks(bytes, pos) {
                    (Some(at), end) => {
                        pos = at;
                        (true, end)
                    }
                    (None, end) => {
                        pos = end;
                        continue;
                    }
                }
            } else if is_word_byte(b) {
                // A Latin alias cannot start inside a Latin word (see `accept`), and no other
                // alias starts with a Latin letter or digit: the rest of the word is skipped.
                let word_start = pos == 0 || !is_word_byte(bytes[pos - 1]);
                let (known, end) = self.starts.word(bytes, pos);
                (word_start && known, end)
            } else {
                let (c, width) = decode(bytes, pos);
                let candidate = self.starts.first(c) && {
                    let following = match bytes.get(pos + width) {
                        Some(_) => decode(bytes, pos + width).0,
                        None => 0,
                    };
                    self.starts.chars(c, following)
                };
                (candidate, pos + width)
            };
            if candidate && let Some(a) = self.longest_at(hay, pos) {
                pos = a.end;
                if !self.patterns[a.pattern].exclude {
                    out.push(a);
                }
                continue;
            }
            pos = next;
        }
        out
    }

    /// The longest accepted alias starting at `pos`.
    fn longest_at(&self, hay: &str, pos: usize) -> Option<RawMatch> {
        let mut limit = hay.len();
        while limit > pos {
            let m = self.walk(hay.as_bytes(), pos, limit)?;
            if self.accept(hay, &m) {
                return Some(m);
            }
            // Try the next shorter alias starting here.
            limit = m.end - 1;
        }
        None
    }

    /// The longest alias that starts at `pos` and ends at or before `limit`.
    fn walk(&self, bytes: &[u8], pos: usize, limit: usize) -> Option<RawMatch> {
        let (end, pattern) = self.trie.longest(bytes, pos, limit)?;
        Some(RawMatch {
            start: pos,
            end,
            pattern,
        })
    }

    fn accept(&self, hay: &str, m: &RawMatch) -> bool {
        let p = &self.patterns[m.pattern];
        let bytes = hay.as_bytes();
        if p.latin_start && m.start > 0 && is_word_byte(bytes[m.start - 1]) {
            return false;
        }
        if p.latin_end && m.end < bytes.len() && is_word_byte(bytes[m.end]) {
            let last = bytes[m.end - 1];
            // Models, chips and products take glued version numbers (Qwen2, iOS17); company
            // names do not (AWS3 is not AWS).
            let versioned = matches!(
                self.kinds[p.entity as usize],
                EntityKind::Model | EntityKind::Chip | EntityKind::Product
            );
            let version_follows =
                versioned && last.is_ascii_alphabetic() && bytes[m.end].is_ascii_digit();
            if !version_follows {
                return false;
            }
        }
        if p.case_sensitive && hay[m.start..m.end] != p.folded {
            return false;
        }
        true
    }
}

/// The sentence around `text[start..end]`: from after the previous sentence end (`。！？!?`, a
/// line break, or `.` before a space) to the next one, at most 200 bytes either side.
fn sentence_around(text: &str, start: usize, end: usize) -> &str {
    let is_end = |c: char| matches!(c, '。' | '！' | '？' | '!' | '?' | '\n' | '；');
    let mut from = start.saturating_sub(200);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (end + 200).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let before = &text[from..start];
    let s = before
        .char_indices()
        .rev()
        .find(|&(i, c)| is_end(c) || (c == '.' && before[i + 1..].starts_with(' ')))
        .map_or(from, |(i, c)| from + i + c.len_utf8());
    let after = &text[end..to];
    let e = after
        .char_indices()
        .find(|&(i, c)| is_end(c) || (c == '.' && after[i + 1..].starts_with(' ')))
        .map_or(to, |(i, _)| end + i);
    &text[s..e]
}

/// `Apple Pay` → `ApplePay`, `特拉维斯·卡拉尼克` → `特拉维斯卡拉尼克`: an alias as sites write it
/// glued; `None` when nothing would change or too little would be left.
fn glued_variant(alias: &str) -> Option<String> {
    let latin = !alias.chars().any(crate::analyze::segment::is_han);
    let glued: String = if latin {
        alias.chars().filter(|&c| c != ' ').collect()
    } else {
        alias
            .chars()
            .filter(|c| !super::names::NAME_DOTS.contains(c))
            .collect()
    };
    (glued != alias && glued.chars().count() >= 4).then_some(glued)
}

/// The character at `bytes[pos]` (the start of a character of valid UTF-8), ASCII letters
/// lowercased, and its width in bytes: from one four-byte load when four bytes are left (the
/// scan decodes most characters of a Chinese text), else byte by byte.
#[inline(always)]
fn decode(bytes: &[u8], pos: usize) -> (u32, usize) {
    let Some(&[b0, b1, b2, b3]) = bytes.get(pos..pos + 4) else {
        return decode_tail(bytes, pos);
    };
    let (b0, b1, b2, b3) = (
        b0 as u32,
        b1 as u32 & 0x3F,
        b2 as u32 & 0x3F,
        b3 as u32 & 0x3F,
    );
    if b0 < 0x80 {
        ((b0 as u8).to_ascii_lowercase() as u32, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | b1, 2)
    } else if b0 < 0xF0 {
        (((b0 & 0x0F) << 12) | (b1 << 6) | b2, 3)
    } else {
        (((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3, 4)
    }
}

/// [`decode`] near the end of the text.
#[cold]
fn decode_tail(bytes: &[u8], pos: usize) -> (u32, usize) {
    let b0 = bytes[pos] as u32;
    let cont = |i: usize| (bytes[pos + i] & 0x3F) as u32;
    if b0 < 0x80 {
        (bytes[pos].to_ascii_lowercase() as u32, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | cont(1), 2)
    } else if b0 < 0xF0 {
        (((b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (
            ((b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    }
}

/// A 16-bit hash for the filters of [`Starts`].
fn hash16(h: u64) -> usize {
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

/// A hash of a Latin word (ASCII letters, digits, `_`), case-insensitive: eight bytes at a
/// time, each with bit 0x20 set (which lowercases the letters and leaves the digits alone; `_`
/// becomes DEL, which is no word byte, so no two words are confused).
fn word_hash(w: &[u8]) -> u64 {
    let mut h = w.len() as u64;
    for chunk in w.chunks(8) {
        h = word_hash_step(h, load_le(chunk));
    }
    h
}

/// [`word_hash`] of `bytes[at..end]`; a word of up to eight bytes is taken from one
/// eight-byte load, masked, when eight bytes are there (the ASCII scan hashes every word).
#[inline(always)]
fn word_hash_at(bytes: &[u8], at: usize, end: usize) -> u64 {
    let len = end - at;
    match bytes.get(at..at + 8) {
        Some(&[b0, b1, b2, b3, b4, b5, b6, b7]) if len <= 8 => {
            let x = u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]);
            let x = if len == 8 {
                x
            } else {
                x & ((1 << (8 * len)) - 1)
            };
            word_hash_step(len as u64, x)
        }
        _ => word_hash(&bytes[at..end]),
    }
}

/// One step of [`word_hash`]: `x` is the next (up to) eight bytes of the word, zero-padded.
#[inline(always)]
fn word_hash_step(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ (x | 0x2020_2020_2020_2020)).wrapping_mul(0x517C_C1B7_2722_0A95)
}

/// Filters of where an alias can start, each a 65,536-bit set (false positives only cost a
/// walk of the automaton; a false negative would lose a match, which the tests rule out):
/// - `words`: hashes of the first Latin word (ASCII letters, digits, `_`; lowercased) of every
///   alias that starts with one;
/// - `pairs`: hashes of the first two characters (ASCII lowercased) of every other alias, the
///   second being 0 for a one-character alias, which also sets `singles`; pairs of ASCII
///   characters are also kept unhashed in `ascii_pairs`.
#[derive(Debug, Clone)]
struct Starts {
    words: Box<Bits>,
    /// The first characters (below U+10000) of the aliases that do not start with a Latin
    /// word, unhashed: most characters of a text start none, and skip the pair hash.
    firsts: Box<Bits>,
    pairs: Box<Bits>,
    singles: Box<Bits>,
    /// `pairs` for two ASCII characters, unhashed.
    ascii_pairs: Box<[u64; 256]>,
    /// No alias starts with an ASCII character other than a letter, digit or `_` (so ASCII
    /// text can be scanned for Latin word starts alone).
    plain_ascii: bool,
}

/// Bit masks of a block of sixteen bytes, bit `k` for byte `k`.
#[derive(Debug, Clone, Copy, Default)]
struct BlockMasks {
    /// Latin word bytes (ASCII letters, digits, `_`).
    word: u32,
    letter: u32,
    digit: u32,
    /// Bytes of 0x80 and above.
    high: u32,
}

impl BlockMasks {
    /// The masks of the sixteen bytes at `pos`, the text's end padded with zero bytes (which
    /// are neither word bytes nor high).
    #[inline(always)]
    fn at(bytes: &[u8], pos: usize) -> BlockMasks {
        match bytes.get(pos..pos + 16) {
            Some(b) => Self::of(b.try_into().unwrap_or(&[0; 16])),
            None => {
                let mut b = [0; 16];
                let rest = bytes.get(pos..).unwrap_or_default();
                b[..rest.len()].copy_from_slice(rest);
                Self::of(&b)
            }
        }
    }

    /// SSE2 compares and mask extractions.
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    fn of(block: &[u8; 16]) -> BlockMasks {
        // SAFETY: SSE2 is part of the x86-64 baseline: every x86-64 processor has it, and
        // the compiler enables it for every x86-64 target.
        unsafe { Self::of_sse2(block) }
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "sse2")]
    #[inline]
    fn of_sse2(block: &[u8; 16]) -> BlockMasks {
        use std::arch::x86_64::{
            _mm_cmpeq_epi8, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x,
            _mm_set1_epi8, _mm_sub_epi8,
        };
        let half = |i: usize| {
            let mut b = [0; 8];
            b.copy_from_slice(&block[i..i + 8]);
            i64::from_le_bytes(b)
        };
        let v = _mm_set_epi64x(half(8), half(0));
        // `x <= n` (unsigned) as `min(x, n) == x`.
        let at_most = |x, n: u8| _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(n as i8)), x);
        let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
        let letter = at_most(_mm_sub_epi8(lower, _mm_set1_epi8(b'a' as i8)), 25);
        let digit = at_most(_mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8)), 9);
        let under = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8));
        let mask = |x| _mm_movemask_epi8(x) as u32;
        let (letter, digit) = (mask(letter), mask(digit));
        BlockMasks {
            word: letter | digit | mask(under),
            letter,
            digit,
            high: mask(v),
        }
    }

    /// A byte at a time (other processors).
    #[cfg(not(target_arch = "x86_64"))]
    #[inline(always)]
    fn of(block: &[u8; 16]) -> BlockMasks {
        let (mut letter, mut digit, mut under, mut high) = (0u32, 0u32, 0u32, 0u32);
        for (k, &c) in block.iter().enumerate() {
            letter |= u32::from((c | 0x20).wrapping_sub(b'a') < 26) << k;
            digit |= u32::from(c.wrapping_sub(b'0') < 10) << k;
            under |= u32::from(c == b'_') << k;
            high |= u32::from(c >= 0x80) << k;
        }
        BlockMasks {
            word: letter | digit | under,
            letter,
            digit,
            high,
        }
    }
}

impl Starts {
    fn new<'a>(aliases: impl Iterator<Item = &'a str>) -> Starts {
        let mut starts = Starts {
            words: Box::new([0; 1024]),
            firsts: Box::new([0; 1024]),
            pairs: Box::new([0; 1024]),
            singles: Box::new([0; 1024]),
            ascii_pairs: Box::new([0; 256]),
            plain_ascii: true,
        };
        for alias in aliases {
            let b = alias.as_bytes();
            if is_word_byte(b[0]) {
                let word = b.iter().take_while(|&&x| is_word_byte(x)).count();
                set(&mut starts.words, hash16(word_hash(&b[..word])));
            } else {
                let (c, width) = decode(b, 0);
                if c < 0x80 {
                    starts.plain_ascii = false;
                }
                if c < 0x10000 {
                    set(&mut starts.firsts, c as usize);
                }
                let next = if width < b.len() {
                    decode(b, width).0
                } else {
                    set(&mut starts.singles, hash16(c as u64));
                    0
                };
                set(&mut starts.pairs, Self::pair_hash(c, next));
                if c < 0x80 {
                    // A one-character alias may be followed by anything.
                    let all = if next == 0 { 0..0x80 } else { next..next + 1 };
                    if next < 0x80 {
                        all.for_each(|n| set(&mut starts.ascii_pairs, (c << 7 | n) as usize));
                    }
                }
            }
        }
        starts
    }

    fn pair_hash(c: u32, next: u32) -> usize {
        hash16((c as u64) << 32 | next as u64)
    }

    /// Whether an alias can start with the Latin word at `pos` of `bytes`, and where the word
    /// ends. Besides the whole word, an alias may be the part of it before a version number
    /// (`Qwen` in `Qwen2`).
    fn word(&self, bytes: &[u8], pos: usize) -> (bool, usize) {
        // Eight bytes at a time while no digit follows a letter (else byte by byte).
        let mut i = pos;
        while let Some(chunk) = bytes.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            let (word, letters, digits) = byte_classes(x);
            let n = ((!word & HIGH_BITS).trailing_zeros() / 8) as usize; // 8: all word bytes
            let in_word = if n == 8 { u64::MAX } else { (1 << (8 * n)) - 1 };
            let letter_before = i > pos && bytes[i - 1].is_ascii_alphabetic();
            if digits & (letters << 8 | u64::from(letter_before) << 7) & in_word != 0 {
                break;
            }
            if n < 8 {
                if i == pos {
                    // A word of up to seven bytes (most words): hashed from the bytes at hand.
                    let h = word_hash_step(n as u64, x & in_word);
                    return (get(&self.words, hash16(h)), i + n);
                }
                return (self.known_word(&bytes[pos..i + n]), i + n);
            }
            i += 8;
        }
        self.word_bytewise(bytes, pos)
    }

    /// From `pos` (an ASCII byte), sixteen bytes at a time: the first Latin word start that
    /// can start an alias, with the word's end, as `(Some(start), end)`, or `(None, end)` when
    /// none starts before `end`: the end of the ASCII run (a non-ASCII byte or the end of the
    /// text), or of a long word. Words are measured over a window of 32 bytes; one that
    /// reaches the window's end or holds a version number is left to [`Starts::word`].
    #[inline]
    fn ascii_blocks(&self, bytes: &[u8], mut pos: usize) -> (Option<usize>, usize) {
        // Whether the byte before `pos` is a word byte (then no word starts at `pos`).
        let mut carry = u32::from(pos > 0 && is_word_byte(bytes[pos - 1]));
        let mut block = BlockMasks::at(bytes, pos);
        loop {
            // The bytes of this block that are text and ASCII (before the first that is not).
            let mut valid = (1u32 << (bytes.len() - pos).min(16)) - 1;
            if block.high != 0 {
                valid &= (1 << block.high.trailing_zeros()) - 1;
            }
            // The next block, where a word of this one may go on (not when the ASCII run ends
            // in this block: Chinese text has many short ones).
            let next = if valid == 0xFFFF {
                BlockMasks::at(bytes, pos + 16)
            } else {
                BlockMasks::default()
            };
            let word = block.word | next.word << 16;
            let versions =
                (block.digit | next.digit << 16) & (block.letter | next.letter << 16) << 1;
            let mut starts = word & !(word << 1 | carry) & valid;
            while starts != 0 {
                let j = starts.trailing_zeros();
                let len = (!(word >> j)).trailing_zeros();
                let at = pos + j as usize;
                let version = versions != 0 && (versions >> j) & ((1u64 << len) - 1) as u32 != 0;
                if j + len == 32 || version {
                    // The word may go on past the window, or has a version number.
                    let (known, end) = self.word(bytes, at);
                    if known || j + len == 32 {
                        return (known.then_some(at), end);
                    }
                } else {
                    let end = at + len as usize;
                    if get(&self.words, hash16(word_hash_at(bytes, at, end))) {
                        return (Some(at), end);
                    }
                }
                starts &= starts - 1;
            }
            if valid != 0xFFFF {
                return (None, pos + valid.count_ones() as usize);
            }
            carry = word >> 15 & 1;
            pos += 16;
            block = next;
        }
    }

    /// [`Starts::word`], one byte at a time (for a word with a version number, and near the
    /// end of the text).
    fn word_bytewise(&self, bytes: &[u8], pos: usize) -> (bool, usize) {
        let mut i = pos;
        let mut known = false;
        while i < bytes.len() && is_word_byte(bytes[i]) {
            if i > pos && bytes[i].is_ascii_digit() && bytes[i - 1].is_ascii_alphabetic() {
                known = known || self.known_word(&bytes[pos..i]);
            }
            i += 1;
        }
        (known || self.known_word(&bytes[pos..i]), i)
    }

    /// Whether some alias starts with the Latin word `w`.
    fn known_word(&self, w: &[u8]) -> bool {
        get(&self.words, hash16(word_hash(w)))
    }

    /// From `pos`, the first three-byte character (of a run of them) that can start an alias,
    /// as `(position, true)`, or `(position after the run, false)` when none can; `None` when
    /// fewer than four bytes are left (the caller decodes those one by one). The same test as
    /// [`Starts::first`] and [`Starts::chars`], on characters taken from one four-byte load.
    /// (Not inlined: in a function of its own the loop keeps the table and the text in
    /// registers.)
    #[inline(never)]
    fn three_byte_run(&self, bytes: &[u8], mut pos: usize) -> Option<(usize, bool)> {
        let start = pos;
        let firsts: &Bits = &self.firsts;
        while let Some(&[b0, b1, b2, b3, ..]) = bytes.get(pos..) {
            if b0 & 0xF0 != 0xE0 {
                return Some((pos, false));
            }
            let c = ((b0 as u32 & 0x0F) << 12) | ((b1 as u32 & 0x3F) << 6) | (b2 as u32 & 0x3F);
            if get(firsts, c as usize) {
                let next = if b3 < 0x80 {
                    b3.to_ascii_lowercase() as u32
                } else {
                    decode(bytes, pos + 3).0
                };
                if self.chars(c, next) {
                    return Some((pos, true));
                }
            }
            pos += 3;
        }
        (pos > start).then_some((pos, false))
    }

    /// Whether some alias that does not start with a Latin word starts with character `c`.
    fn first(&self, c: u32) -> bool {
        c >= 0x10000 || get(&self.firsts, c as usize)
    }

    /// Whether an alias can start with character `c` followed by `next` (0 at the end).
    fn chars(&self, c: u32, next: u32) -> bool {
        if c < 0x80 && next < 0x80 {
            return get(&self.ascii_pairs, (c << 7 | next) as usize);
        }
        get(&self.pairs, Self::pair_hash(c, next)) || get(&self.singles, hash16(c as u64))
    }
}

#[derive(Debug, Clone, Copy)]
struct RawMatch {
    start: usize,
    end: usize,
    pattern: usize,
}

/// True when `s` holds a full-width letter or digit (U+FF10..FF19, U+FF21..FF3A,
/// U+FF41..FF5A: bytes EF BC 90..99, EF BC A1..BA, EF BD 81..9A). Full-width punctuation, common
/// in Chinese text (，：（）), needs no folding: no alias contains it.
fn needs_folding(s: &str) -> bool {
    let b = s.as_bytes();
    for at in memchr::memchr_iter(0xEF, b) {
        if let Some(&[_, b1, b2]) = b.get(at..at + 3)
            && ((b1 == 0xBC && ((0x90..=0x99).contains(&b2) || (0xA1..=0xBA).contains(&b2)))
                || (b1 == 0xBD && (0x81..=0x9A).contains(&b2)))
        {
            return true;
        }
    }
    false
}

/// Folds `s` and returns, for every byte offset of the folded string (and its end), the byte
/// offset in `s`.
fn fold_with_map(s: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let f = fold_char(c);
        for _ in 0..f.len_utf8() {
            map.push(i);
        }
        folded.push(f);
    }
    map.push(s.len());
    (folded, map)
}

#[cfg(test)]
mod tests {

    #[test]
    fn byte_classes_agree_with_the_byte_tests() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut chunk = [b'.'; 8];
                chunk[at] = b;
                let (word, letters, digits) = byte_classes(u64::from_le_bytes(chunk));
                let bit = |m: u64| m >> (8 * at + 7) & 1 == 1;
                assert_eq!(bit(word), is_word_byte(b), "{b}");
                assert_eq!(bit(letters), b.is_ascii_alphabetic(), "{b}");
                assert_eq!(bit(digits), b.is_ascii_digit(), "{b}");
            }
        }
    }

    #[test]
    fn latin_word_ends_and_version_prefixes() {
        let d = crate::analyze::entity::Dictionary::builtin().expect("dictionary");
        let t = Tagger::new(&d).expect("tagger");
        // (text, position, end of the word there)
        let cases = [
            ("Qwen2 is out", 0, 5),
            ("the Qwen-7B", 4, 8),
            ("abcdefghijklmnopqrstuvwxyz_0123456789 x", 0, 37),
            ("iOS17 and", 0, 5),
            ("NVIDIA", 0, 6),
            ("x", 0, 1),
            ("longword12345678 x", 0, 16),
            ("12345678abcdefgh9 x", 0, 17),
        ];
        for (text, pos, end) in cases {
            assert_eq!(t.starts.word(text.as_bytes(), pos).1, end, "{text}");
        }
        // The hash from one load equals the plain one, for every length and offset.
        let text = b"abcdefghijklmnopqrstuvwxyz0123456789_ABC";
        for at in 0..text.len() {
            for end in at + 1..=text.len() {
                assert_eq!(word_hash_at(text, at, end), word_hash(&text[at..end]));
            }
        }
        // The known-prefix judgement equals the plain byte loop's on every word of the corpus.
        for f in ["zh", "en"] {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/");
            for entry in std::fs::read_dir(format!("{dir}{f}")).expect("corpus") {
                let text = std::fs::read(entry.expect("entry").path()).expect("read");
                for pos in 0..text.len() {
                    if is_word_byte(text[pos]) && (pos == 0 || !is_word_byte(text[pos - 1])) {
                        assert_eq!(
                            t.starts.word(&text, pos),
                            t.starts.word_bytewise(&text, pos)
                        );
                    }
                }
            }
        }
    }

    use super::*;
    use crate::analyze::entity::dictionary::parse_file;
    use std::path::Path;

    fn tagger() -> Tagger {
        let src = "\
chip | A800 | A800 | NVIDIA
chip | A800-80G | A800-80G | NVIDIA
vendor | Alibaba Cloud | 阿里云, Alibaba Cloud, Aliyun
vendor | Amazon | 亚马逊, Amazon
vendor | Apple | =Apple, 苹果公司
product | AWS | AWS, Amazon Web Services | Amazon
vendor | NVIDIA | 英伟达, NVIDIA
vendor | Qualcomm | 高通, Qualcomm, !高通量
model | Qwen | Qwen, 通义千问
";
        let mut errors = Vec::new();
        let mut entities = parse_file(Path::new("t.txt"), src, &mut errors);
        entities.sort_by(|a, b| a.canonical.cmp(&b.canonical));
        assert!(errors.is_empty(), "{errors:?}");
        Tagger::new(&Dictionary::from_entities(entities).unwrap()).unwrap()
    }

    /// (name, text, expected (surface, canonical) mentions).
    type Case = (
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    );
    const CASES: &[Case] = &[
        (
            "chinese alias",
            "阿里云本季度收入增长",
            &[("阿里云", "Alibaba Cloud")],
        ),
        ("not inside a latin word", "new LAWS passed", &[]),
        (
            "latin next to han",
            "亚马逊AWS宣布",
            &[("亚马逊", "Amazon"), ("AWS", "AWS")],
        ),
        (
            "vendor then chip",
            "英伟达A800处理器",
            &[("英伟达", "NVIDIA"), ("A800", "A800")],
        ),
        ("longest wins", "A800-80G显存", &[("A800-80G", "A800-80G")]),
        (
            "case-insensitive",
            "Nvidia and nvidia",
            &[("Nvidia", "NVIDIA"), ("nvidia", "NVIDIA")],
        ),
        (
            "case-sensitive alias",
            "an apple a day, Apple said",
            &[("Apple", "Apple")],
        ),
        ("full-width latin", "ＡＷＳ发布新品", &[("ＡＷＳ", "AWS")]),
        (
            "full-width lower",
            "ｎｖｉｄｉａ",
            &[("ｎｖｉｄｉａ", "NVIDIA")],
        ),
        (
            "multi-word alias",
            "Alibaba Cloud said",
            &[("Alibaba Cloud", "Alibaba Cloud")],
        ),
        ("version suffix", "Qwen1.5 is out", &[("Qwen", "Qwen")]),
        ("digit boundary", "A8000 is not a chip", &[]),
        ("no version suffix on companies", "Amazon2 rose", &[]),
        (
            "shorter alias after failed longer",
            "A800-80GB card",
            &[("A800", "A800")],
        ),
        ("possessive", "NVIDIA's chips", &[("NVIDIA", "NVIDIA")]),
        ("hyphen boundary", "AWS-based", &[("AWS", "AWS")]),
        ("exclusion", "高通量测序与高通芯片", &[("高通", "Qualcomm")]),
    ];

    #[test]
    fn table() {
        let t = tagger();
        for (name, text, want) in CASES {
            let got: Vec<(String, String)> = t
                .tag(text)
                .into_iter()
                .map(|e| {
                    assert_eq!(e.span.slice(text), e.text, "case `{name}`: span");
                    (e.text, e.canonical)
                })
                .collect();
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(got, want, "case `{name}`");
        }
    }
}

#[cfg(test)]
mod punctuation_start {
    use super::*;
    use crate::analyze::entity::dictionary::parse_file;
    use std::path::Path;

    /// An alias that starts with ASCII punctuation turns the ASCII block scan off (it looks
    /// for Latin words only); the byte-by-byte scan still finds everything.
    #[test]
    fn an_alias_starting_with_punctuation_is_found() {
        let src = "product | .NET | .NET\nvendor | NVIDIA | NVIDIA\n";
        let mut errors = Vec::new();
        let entities = parse_file(Path::new("t.txt"), src, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        let t = Tagger::new(&Dictionary::from_entities(entities).unwrap()).unwrap();
        assert!(!t.starts.plain_ascii);
        // (An alias that does not start with a Latin word matches anywhere, as in `ASP.NET`.)
        let text = "Apps on .NET 8 and NVIDIA GPUs, ASP.NET";
        let got: Vec<(usize, &str)> = t
            .tag(text)
            .iter()
            .map(|e| (e.span.start, e.span.slice(text)))
            .collect();
        assert_eq!(got, [(8, ".NET"), (19, "NVIDIA"), (35, ".NET")]);
        let builtin = Tagger::new(&Dictionary::builtin().unwrap()).unwrap();
        assert!(builtin.starts.plain_ascii);
    }
}

#[cfg(test)]
mod equivalence {
    //! The start filters are an optimisation only: the tagger must find exactly what a plain
    //! unanchored leftmost-longest scan with the same checks finds (the tagger before them).
    use super::*;
    use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind};

    fn reference(t: &Tagger, ac: &AhoCorasick, hay: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = ac.find(Input::new(hay).span(pos..hay.len())) else {
                break;
            };
            let (mut limit, mut accepted) = (m.end(), None);
            while limit > m.start() {
                let Some(c) = ac.find(
                    Input::new(hay)
                        .span(m.start()..limit)
                        .anchored(Anchored::Yes),
                ) else {
                    break;
                };
                let raw = RawMatch {
                    start: c.start(),
                    end: c.end(),
                    pattern: c.pattern().as_usize(),
                };
                if t.accept(hay, &raw) {
                    accepted = Some(raw);
                    break;
                }
                limit = c.end() - 1;
            }
            match accepted {
                Some(a) => {
                    pos = a.end;
                    if !t.patterns[a.pattern].exclude {
                        out.push((a.start, a.end, a.pattern));
                    }
                }
                None => {
                    pos = m.start() + 1;
                    while !hay.is_char_boundary(pos) {
                        pos += 1;
                    }
                }
            }
        }
        out
    }

    /// Text made of aliases glued to each other, to letters, digits, CJK and punctuation, in
    /// random case: every start and end rule gets exercised.
    fn stress(t: &Tagger, seed: u64, len: usize) -> String {
        let mut x = seed;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        // (Long words and runs of spaces move the aliases across the 16- and 32-byte windows
        // of the ASCII scan.)
        let glue = [
            "",
            " ",
            "的",
            "-",
            "2",
            "x",
            "_",
            ".",
            "'s ",
            "\n",
            "（",
            "、",
            "A",
            "云",
            "，",
            "abcdefghijklmnopqrstuvwxyz0123",
            "      ",
            " the ",
            "Qwen2x",
        ];
        let mut s = String::new();
        while s.len() < len {
            let p = &t.patterns[(next() % t.patterns.len() as u64) as usize].folded;
            // A whole alias now and then (the longest words cross the ASCII scan's window).
            let take = match next() % 4 {
                0 => usize::MAX,
                _ => 1 + (next() % 12) as usize,
            };
            let mut cut: String = p.chars().take(take).collect();
            if next() % 3 == 0 {
                cut = cut.to_ascii_uppercase();
            } else if next() % 3 == 0 {
                cut = cut.to_ascii_lowercase();
            }
            s.push_str(&cut);
            s.push_str(glue[(next() % glue.len() as u64) as usize]);
        }
        s
    }

    #[test]
    fn same_matches_as_an_unanchored_scan() {
        let t = Tagger::new(&Dictionary::builtin().unwrap()).unwrap();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(aho_corasick::StartKind::Both)
            .build(t.patterns.iter().map(|p| p.folded.as_str()))
            .unwrap();
        let mut texts: Vec<String> = (0..200).map(|i| stress(&t, 0x9E37 + i, 2_000)).collect();
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for dir in ["zh", "en", "jsonl"] {
            let mut files: Vec<_> = std::fs::read_dir(corpus.join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            files.sort();
            texts.extend(files.iter().map(|f| std::fs::read_to_string(f).unwrap()));
        }
        // Aliases with long first words, at every alignment (they may cross the window).
        for p in t
            .patterns
            .iter()
            .filter(|p| p.folded.bytes().take_while(|&b| is_word_byte(b)).count() >= 10)
        {
            texts.extend((0..34).map(|k| format!("{}{} x", " ".repeat(k), p.folded)));
        }
        // English text at every alignment to the ASCII scan's blocks.
        let en = std::fs::read_to_string(corpus.join("en/ai-infrastructure-summit.txt")).unwrap();
        texts.extend((1..32).map(|k| format!("{}{en}", " ".repeat(k))));
        let mut matches = 0;
        for text in &texts {
            let got: Vec<_> = t
                .find_all(text)
                .into_iter()
                .map(|m| (m.start, m.end, m.pattern))
                .collect();
            assert_eq!(got, reference(&t, &ac, text), "in {text:?}");
            matches += got.len();
        }
        assert!(
            matches > 5_000,
            "only {matches} matches: the test lost its power"
        );
    }
}

#[cfg(test)]
mod evidence_and_variants {
    //! Context-resolved aliases, glued Latin names and dot-less names with the built-in
    //! dictionary: each rule both ways.
    use super::*;

    /// (name, text, expected (surface, canonical) mentions).
    type Case = (
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    );
    const CASES: &[Case] = &[
        (
            "?苹果 with a cue",
            "苹果发布会上推出新手机",
            &[("苹果", "Apple")],
        ),
        (
            "?苹果 in a fruit-market story",
            "今年苹果价格上涨，果农增收",
            &[],
        ),
        (
            "?苹果 after a child of Apple",
            "Apple Pay上线。苹果表示将扩大合作",
            &[("Apple Pay", "Apple Pay"), ("苹果", "Apple")],
        ),
        ("?小米 the grain", "小米粥很香", &[]),
        ("?小米 the company", "小米发布新手机", &[("小米", "Xiaomi")]),
        ("?=Gemini without evidence", "The Gemini fund grew", &[]),
        (
            "?=Gemini next to its parent",
            "Google's Gemini model",
            &[("Google", "Google"), ("Gemini", "Gemini")],
        ),
        (
            "?Claude, a first name",
            "Claude Bebear, chairman of AXA, said",
            &[],
        ),
        (
            "?Claude with a cue word",
            "the Claude chatbot",
            &[("Claude", "Claude")],
        ),
        (
            "glued Latin name",
            "用户可用ApplePay和applepay付款",
            &[("ApplePay", "Apple Pay"), ("applepay", "Apple Pay")],
        ),
        (
            "glued, another",
            "AppleWatch销量",
            &[("AppleWatch", "Apple Watch")],
        ),
        ("no glue across a word boundary", "xApplePayx", &[]),
        (
            "dot-less transliteration",
            "特拉维斯卡拉尼克辞职",
            &[("特拉维斯卡拉尼克", "Travis Kalanick")],
        ),
        (
            "surname after the full name",
            "蒂姆·库克表示。库克说",
            &[("蒂姆·库克", "Tim Cook"), ("库克", "Tim Cook")],
        ),
        ("surname alone", "库克说", &[]),
        ("exclusion beats a ? alias", "库克群岛", &[]),
    ];

    #[test]
    fn table() {
        let t = Tagger::new(&Dictionary::builtin().unwrap()).unwrap();
        for (name, text, want) in CASES {
            let got: Vec<(&str, String)> = t
                .tag(text)
                .into_iter()
                .map(|e| (e.span.slice(text), e.canonical))
                .collect();
            let want: Vec<(&str, String)> = want.iter().map(|(a, b)| (*a, b.to_string())).collect();
            assert_eq!(got, want, "case `{name}`");
        }
    }

    #[test]
    fn latin_cues_are_whole_words() {
        assert!(has_cue("the ai model", "ai"));
        assert!(!has_cue("chairman of axa", "ai"));
        assert!(has_cue("新款手机发布", "手机"));
        assert!(has_cue("(ai)", "ai"));
    }
}

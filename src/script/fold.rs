//! Folding Traditional Chinese to Simplified for analysis, offsets unchanged.
//!
//! OpenCC's `t2s` tables (`dictionaries/opencc/`): phrases first (`乾隆` stays, `乾淨` →
//! `干净`), leftmost-longest, then characters (`雲` → `云`, the first of several candidates).
//! Only conversions of the same length in bytes are made, so the folded text has exactly the
//! byte layout of the original: every span found in it slices the original, and the output
//! shows the original characters. Every Han character OpenCC maps lies in the three-byte range
//! of UTF-8 but for a few rare ones, which are left as they are.

use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// OpenCC's Traditional → Simplified character table.
const CHARACTERS: &str = include_str!("../../dictionaries/opencc/TSCharacters.txt");
/// OpenCC's Traditional → Simplified phrase table.
const PHRASES: &str = include_str!("../../dictionaries/opencc/TSPhrases.txt");

/// First and last code point the character table covers (CJK Extension A to the end of the
/// Unified Ideographs block: all three-byte UTF-8).
const FIRST: u32 = 0x3400;
const LAST: u32 = 0x9FFF;

/// The folding tables, built once.
struct Tables {
    /// For each code point of `FIRST..=LAST`, its Simplified form as an offset from `FIRST`
    /// plus one, or 0 when it stays.
    chars: Box<[u16]>,
    /// Phrases, leftmost-longest, and what each becomes.
    phrases: AhoCorasick,
    replacements: Vec<String>,
}

/// The (key, first value) pairs of an OpenCC table.
fn entries(table: &str) -> impl Iterator<Item = (&str, &str)> {
    table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (key, values) = l.split_once('\t')?;
            let value = values.split(' ').next()?;
            (!key.is_empty() && key.len() == value.len()).then_some((key, value))
        })
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut chars = vec![0u16; (LAST - FIRST + 1) as usize].into_boxed_slice();
        for (key, value) in entries(CHARACTERS) {
            let (mut k, mut v) = (key.chars(), value.chars());
            if let (Some(from), None, Some(to), None) = (k.next(), k.next(), v.next(), v.next())
                && (FIRST..=LAST).contains(&(from as u32))
                && (FIRST..=LAST).contains(&(to as u32))
                && from != to
            {
                chars[(from as u32 - FIRST) as usize] = (to as u32 - FIRST + 1) as u16;
            }
        }
        let (keys, replacements): (Vec<&str>, Vec<String>) = entries(PHRASES)
            .filter(|(k, _)| k.chars().count() > 1)
            .map(|(k, v)| (k, v.to_string()))
            .unzip();
        let phrases = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&keys)
            .expect("OpenCC's phrase table builds an automaton");
        Tables {
            chars,
            phrases,
            replacements,
        }
    })
}

/// The Simplified form of one character, or `None` when it stays.
fn fold_char(t: &Tables, c: char) -> Option<char> {
    let cp = c as u32;
    if !(FIRST..=LAST).contains(&cp) {
        return None;
    }
    match t.chars[(cp - FIRST) as usize] {
        0 => None,
        to => char::from_u32(FIRST + u32::from(to) - 1),
    }
}

/// `text` with its Traditional characters and phrases in Simplified form, byte for byte the
/// same length and layout; borrowed when nothing changes.
pub fn fold(text: &str) -> Cow<'_, str> {
    let t = tables();
    // Nothing to do without a character the table folds (most text: one pass, no allocation).
    let Some(first) = text
        .char_indices()
        .find(|&(_, c)| fold_char(t, c).is_some())
    else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    // Phrases may start before the first folded character; begin at the start of its run of
    // Han characters (a phrase never spans anything else).
    let mut at = text[..first.0]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| (FIRST..=LAST).contains(&(c as u32)))
        .last()
        .map_or(first.0, |(i, _)| i);
    out.push_str(&text[..at]);
    let base = at;
    for m in t.phrases.find_iter(&text[base..]) {
        let (start, end) = (base + m.start(), base + m.end());
        fold_chars(t, &text[at..start], &mut out);
        out.push_str(&t.replacements[m.pattern().as_usize()]);
        at = end;
    }
    fold_chars(t, &text[at..], &mut out);
    debug_assert_eq!(out.len(), text.len());
    Cow::Owned(out)
}

fn fold_chars(t: &Tables, text: &str, out: &mut String) {
    for c in text.chars() {
        out.push(fold_char(t, c).unwrap_or(c));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (original, folded): characters, phrases, and what stays.
    #[test]
    fn traditional_folds_to_simplified_byte_for_byte() {
        for (text, want) in [
            (
                "輝達執行長黃仁勳表示，阿里雲與騰訊雲將採購更多晶片。",
                "辉达执行长黄仁勋表示，阿里云与腾讯云将采购更多晶片。",
            ),
            ("台積電也將受惠", "台积电也将受惠"),
            // Phrases: 乾 is 干 in 乾淨 but stays in 乾隆.
            ("乾隆年間，衣服乾淨", "乾隆年间，衣服干净"),
            // Phrases after other text, several of them.
            (
                "Nvidia：乾隆年間，衣服乾淨，乾乾淨淨",
                "Nvidia：乾隆年间，衣服干净，干干净净",
            ),
            ("「這是最好的時代」他說", "「这是最好的时代」他说"),
            // Simplified, English and mixed text come back untouched (borrowed).
            ("阿里云发布通义千问", "阿里云发布通义千问"),
            ("Nvidia (輝達) said", "Nvidia (辉达) said"),
            ("plain English", "plain English"),
            ("", ""),
        ] {
            let folded = fold(text);
            assert_eq!(folded, want, "{text}");
            assert_eq!(folded.len(), text.len());
            // Every character starts where the original's does.
            let a: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let b: Vec<usize> = folded.char_indices().map(|(i, _)| i).collect();
            assert_eq!(a, b, "{text}");
        }
        assert!(matches!(fold("阿里云发布通义千问"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_table_entry_keeps_its_length() {
        let t = tables();
        for cp in FIRST..=LAST {
            if let Some(c) = char::from_u32(cp)
                && let Some(to) = fold_char(t, c)
            {
                assert_eq!(c.len_utf8(), to.len_utf8(), "U+{cp:04X}");
            }
        }
        assert!(t.replacements.len() > 200, "phrases loaded");
    }
}

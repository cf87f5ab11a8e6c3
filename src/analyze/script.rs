//! Script detection: Simplified or Traditional Chinese, from the character sets themselves.
//!
//! A Han character that GB2312 (the mainland's Simplified standard) has and Big5 (Taiwan's
//! Traditional one) lacks is Simplified evidence (`这`, `们`, `发`); one that Big5 has and GB2312
//! lacks is Traditional evidence (`這`, `們`, `發`). Characters both have (`的`, `人`) say
//! nothing. The tables are `encoding_rs`'s encoders, so no list is kept by hand.

use std::sync::OnceLock;

use crate::model::{Lang, Script};

/// First and last code point of the CJK Unified Ideographs block, where the evidence lies.
const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FFF;

/// Han characters looked at, at most: a few paragraphs settle it.
const SAMPLE: usize = 4000;

/// Evidence a character gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Evidence {
    None = 0,
    Simplified = 1,
    Traditional = 2,
}

/// The evidence of every character of the block, built once (about 21,000 encodings).
fn table() -> &'static [u8] {
    static TABLE: OnceLock<Box<[u8]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (FIRST..=LAST)
            .map(|cp| char::from_u32(cp).map_or(Evidence::None, evidence) as u8)
            .collect()
    })
}

/// Whether GB2312 has `c`: GBK encodes it into the GB2312 Han rows (lead byte B0–F7, trail
/// A1–FE).
fn in_gb2312(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (bytes, _, errors) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
    !errors && matches!(*bytes, [0xB0..=0xF7, 0xA1..=0xFE])
}

/// Whether Big5 has `c`.
fn in_big5(c: char) -> bool {
    let mut buf = [0u8; 4];
    !encoding_rs::BIG5.encode(c.encode_utf8(&mut buf)).2
}

fn evidence(c: char) -> Evidence {
    match (in_gb2312(c), in_big5(c)) {
        (true, false) => Evidence::Simplified,
        (false, true) => Evidence::Traditional,
        _ => Evidence::None,
    }
}

/// The script of `text` in language `lang`: Latin for English; for Chinese, Traditional when
/// its Traditional-only characters outnumber its Simplified-only ones, else Simplified.
pub fn detect(text: &str, lang: Lang) -> Script {
    if lang == Lang::En {
        return Script::Latn;
    }
    let table = table();
    let (mut simplified, mut traditional) = (0usize, 0usize);
    let han = text
        .chars()
        .map(|c| c as u32)
        .filter(|cp| (FIRST..=LAST).contains(cp))
        .take(SAMPLE);
    for cp in han {
        match table[(cp - FIRST) as usize] {
            1 => simplified += 1,
            2 => traditional += 1,
            _ => {}
        }
    }
    if traditional > simplified {
        Script::Hant
    } else {
        Script::Hans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_give_the_evidence_of_their_standard() {
        for (c, want) in [
            ('这', Evidence::Simplified),
            ('們', Evidence::Traditional),
            ('发', Evidence::Simplified),
            ('發', Evidence::Traditional),
            ('云', Evidence::None), // in both (cloud; also the Traditional 雲's simplification)
            ('的', Evidence::None),
            ('人', Evidence::None),
        ] {
            assert_eq!(evidence(c), want, "{c}");
        }
    }

    #[test]
    fn texts_are_told_apart() {
        for (text, lang, want) in [
            (
                "輝達執行長黃仁勳表示，阿里雲與騰訊雲將採購更多晶片。",
                Lang::Zh,
                Script::Hant,
            ),
            (
                "英伟达首席执行官黄仁勋表示，阿里云与腾讯云将采购更多芯片。",
                Lang::Zh,
                Script::Hans,
            ),
            ("香港特區政府今日公佈施政報告。", Lang::Zh, Script::Hant),
            ("的人大中", Lang::Zh, Script::Hans), // no evidence either way
            ("Nvidia said on Tuesday.", Lang::En, Script::Latn),
        ] {
            assert_eq!(detect(text, lang), want, "{text}");
        }
    }
}

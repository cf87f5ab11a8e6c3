//! Scripts: which writing system a text is in, and Traditional Chinese folded to Simplified for
//! analysis ([`fold()`]).
//!
//! Detection: a Han character that GB2312 (the mainland's Simplified standard) has and Big5
//! (Taiwan's Traditional one) lacks is Simplified evidence (`这`, `们`, `发`); one that Big5 has
//! and GB2312 lacks is Traditional evidence (`這`, `們`, `發`). Characters both have (`的`, `人`)
//! say nothing. The tables come from `encoding_rs`'s decoders, so no list is kept by hand.

mod fold;

pub use fold::fold;

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::model::{Lang, Script};

/// First and last code point of the CJK Unified Ideographs block, where the evidence lies.
const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FFF;

/// Han characters looked at, at most: a few paragraphs settle it.
const SAMPLE: usize = 4000;

/// A lead of this many characters of evidence settles the script.
const SETTLED: usize = 64;

/// Evidence a character gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Evidence {
    None = 0,
    Simplified = 1,
    Traditional = 2,
}

/// The evidence of every character of the block, built once from the character sets' decoders
/// (a millisecond or two; their encoders took twenty): every code of GB2312's Han rows decoded
/// with GBK, every code of Big5 proper (lead bytes A1 and up, where the encoder writes; below
/// are the Hong Kong extensions) decoded with Big5.
fn table() -> &'static [u8] {
    static TABLE: OnceLock<Box<[u8]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let n = (LAST - FIRST + 1) as usize;
        let (mut gb2312, mut big5) = (vec![false; n], vec![false; n]);
        let mark =
            |set: &mut Vec<bool>, encoding: &'static encoding_rs::Encoding, code: [u8; 2]| {
                let (text, errors) = encoding.decode_without_bom_handling(&code);
                let mut chars = text.chars();
                if let (false, Some(c), None) = (errors, chars.next(), chars.next())
                    && let Some(i) = (c as u32).checked_sub(FIRST)
                    && let Some(slot) = set.get_mut(i as usize)
                {
                    *slot = true;
                }
            };
        for lead in 0xB0..=0xF7u8 {
            for trail in 0xA1..=0xFEu8 {
                mark(&mut gb2312, encoding_rs::GBK, [lead, trail]);
            }
        }
        for lead in 0xA1..=0xFEu8 {
            for trail in (0x40..=0x7Eu8).chain(0xA1..=0xFE) {
                mark(&mut big5, encoding_rs::BIG5, [lead, trail]);
            }
        }
        gb2312
            .iter()
            .zip(&big5)
            .map(|(&g, &b)| classify(g, b) as u8)
            .collect()
    })
}

/// The evidence of a character GB2312 has or not, and Big5 has or not.
fn classify(in_gb2312: bool, in_big5: bool) -> Evidence {
    match (in_gb2312, in_big5) {
        (true, false) => Evidence::Simplified,
        (false, true) => Evidence::Traditional,
        _ => Evidence::None,
    }
}

/// The evidence `c` gives (its entry in the table; none outside the block).
#[cfg(test)]
fn evidence(c: char) -> Evidence {
    match (c as u32)
        .checked_sub(FIRST)
        .and_then(|i| table().get(i as usize))
    {
        Some(1) => Evidence::Simplified,
        Some(2) => Evidence::Traditional,
        _ => Evidence::None,
    }
}

/// `text` folded to Simplified when it is Traditional ([`detect`]), else as it is: for short
/// texts that come without a document (a title, a query, a snippet's body).
pub fn fold_if_traditional(text: &str) -> Cow<'_, str> {
    match detect(text, Lang::Zh) {
        Script::Hant => fold(text),
        _ => Cow::Borrowed(text),
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
            _ => continue,
        }
        // Settled: a long article need not be read to its end.
        if simplified.abs_diff(traditional) >= SETTLED {
            break;
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

    /// A GBK code in the GB2312 Han rows (lead byte B0–F7, trail A1–FE).
    fn is_gb2312(code: [u8; 2]) -> bool {
        matches!(code, [0xB0..=0xF7, 0xA1..=0xFE])
    }

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

    /// The one-pass table says what encoding each character alone says.
    #[test]
    fn the_table_agrees_with_one_character_at_a_time() {
        let alone = |enc: &'static encoding_rs::Encoding, c: char| {
            let mut buf = [0u8; 4];
            let (bytes, _, errors) = enc.encode(c.encode_utf8(&mut buf));
            (!errors).then(|| [bytes[0], bytes[1]])
        };
        for cp in FIRST..=LAST {
            let c = char::from_u32(cp).unwrap();
            let want = classify(
                alone(encoding_rs::GBK, c).is_some_and(is_gb2312),
                alone(encoding_rs::BIG5, c).is_some(),
            );
            assert_eq!(evidence(c), want, "U+{cp:04X}");
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

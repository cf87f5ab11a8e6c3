//! Bytes → UTF-8 text: BOM sniffing, UTF-8, UTF-16 with BOM, GB18030/GBK detection.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030, UTF_8};

/// Why some bytes could not be decoded as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or other signs of a binary file.
    Binary(&'static str),
    /// Neither UTF-8 nor GB18030; `offset` is the first byte that is not valid UTF-8.
    Undecodable {
        /// Byte offset of the first invalid UTF-8 sequence.
        offset: usize,
    },
    /// A BOM promised an encoding that the bytes do not follow.
    Malformed(&'static str),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary(why) => write!(f, "binary file, not text ({why})"),
            DecodeError::Undecodable { offset } => write!(
                f,
                "not valid UTF-8, UTF-16, GB18030/GBK, Big5 or Shift_JIS text (invalid byte at offset {offset})"
            ),
            DecodeError::Malformed(what) => write!(f, "malformed {what} text"),
        }
    }
}

/// Decoded text and the name of the encoding it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// UTF-8 text without BOM: borrowed from the input when it was UTF-8 already.
    pub text: Cow<'a, str>,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030`, `Big5` or `Shift_JIS`.
    pub encoding: &'static str,
}

/// Signatures of common binary formats, checked before anything else.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"PK\x03\x04", "zip archive"),
    (b"%PDF-", "PDF document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "ELF executable"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
];

/// The head of a stream: a UTF-16 BOM (the stream must be decoded whole), or a binary
/// signature / NUL byte (the stream is not text).
pub(crate) fn sniff_head(head: &[u8]) -> Result<bool, DecodeError> {
    if let Some((enc, _)) = Encoding::for_bom(head) {
        return Ok(enc != UTF_8);
    }
    reject_binary(head)?;
    Ok(false)
}

/// Rejects bytes that start with a binary signature or hold NUL bytes.
fn reject_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(DecodeError::Binary(what));
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary("NUL bytes"));
    }
    Ok(())
}

/// Decodes `bytes` as text.
///
/// Order: a BOM decides (UTF-8, UTF-16LE/BE); else binary signatures and NUL bytes reject;
/// else valid UTF-8; else a legacy CJK encoding (GB18030/GBK, Big5, Shift_JIS, see
/// `detect_legacy`) that decodes cleanly. Nothing is ever decoded with replacement characters.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let name = if enc == UTF_8 {
            "UTF-8"
        } else if enc == encoding_rs::UTF_16LE {
            "UTF-16LE"
        } else {
            "UTF-16BE"
        };
        let text = enc
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or(DecodeError::Malformed(name))?;
        if text.contains('\0') {
            return Err(DecodeError::Binary("NUL characters"));
        }
        return Ok(Decoded {
            text,
            encoding: name,
        });
    }
    reject_binary(bytes)?;
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            check_controls(s)?;
            Ok(Decoded {
                text: Cow::Borrowed(s),
                encoding: "UTF-8",
            })
        }
        Err(e) => {
            let offset = e.valid_up_to();
            let (legacy, text) = detect_legacy(bytes).ok_or(DecodeError::Undecodable { offset })?;
            check_controls(&text)?;
            Ok(Decoded {
                text,
                encoding: if legacy == GB18030 {
                    "GB18030"
                } else {
                    legacy.name()
                },
            })
        }
    }
}

/// [`decode`] of bytes the caller owns: UTF-8 without a BOM (the usual case) becomes the text
/// itself, checked once and not copied.
pub fn decode_owned(bytes: Vec<u8>) -> Result<(String, &'static str), DecodeError> {
    if Encoding::for_bom(&bytes).is_none() {
        reject_binary(&bytes)?;
        match String::from_utf8(bytes) {
            Ok(text) => {
                check_controls(&text)?;
                return Ok((text, "UTF-8"));
            }
            Err(e) => {
                let d = decode(e.as_bytes())?;
                return Ok((d.text.into_owned(), d.encoding));
            }
        }
    }
    let d = decode(&bytes)?;
    Ok((d.text.into_owned(), d.encoding))
}

/// Picks the legacy CJK encoding of non-UTF-8 bytes: GB18030 (a superset of GBK and GB2312)
/// for mainland text, Big5 for Taiwan and Hong Kong text, Shift_JIS for Japanese. Each must
/// decode without error; among those that do, the statistics of the double-byte pairs decide:
/// GB text lives mostly in the GB2312 blocks (lead A1–A9 and B0–F7, trail A1–FE), Big5 text has
/// trail bytes 40–7E that GB2312 never uses, Shift_JIS text is rich in kana.
/// Returns the encoding with the decoded text (each candidate is decoded at most once).
fn detect_legacy(bytes: &[u8]) -> Option<(&'static Encoding, Cow<'_, str>)> {
    let decode = |enc: &'static Encoding| {
        enc.decode_without_bom_handling_and_without_replacement(bytes)
            .map(|text| (enc, text))
    };
    let (mut pairs, mut gb2312, mut in_runs) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i + 1 < bytes.len() {
        let (a, b) = (bytes[i], bytes[i + 1]);
        if a >= 0x81 {
            pairs += 1;
            // GB2312 symbols (lead A1–A9) and hanzi (lead B0–F7), trail A1–FE.
            if ((0xB0..=0xF7).contains(&a) || (0xA1..=0xA9).contains(&a))
                && (0xA1..=0xFE).contains(&b)
            {
                gb2312 += 1;
            }
            if bytes.get(i + 2).is_some_and(|&n| n >= 0x81) {
                in_runs += 1;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    // CJK text comes in runs of double-byte characters; isolated high bytes between ASCII
    // letters are Latin-1 or Windows-1252 accents (café), which Big5 would happily garble.
    if pairs == 0 || in_runs * 2 < pairs {
        return None;
    }
    let gb = decode(GB18030);
    if gb2312 * 10 >= pairs * 8 && gb.is_some() {
        return gb;
    }
    if let Some((enc, text)) = decode(encoding_rs::SHIFT_JIS) {
        let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
        let kana = text
            .chars()
            .filter(|c| matches!(c, '\u{3040}'..='\u{30FF}'))
            .count();
        if non_ascii > 0 && kana * 5 >= non_ascii {
            return Some((enc, text));
        }
    }
    decode(encoding_rs::BIG5).or_else(|| gb.filter(|(_, t)| looks_chinese(t)))
}

/// True when most non-ASCII characters are common CJK ideographs or CJK punctuation: what a
/// GBK/GB18030 file decodes to, and what random bytes (Latin-1, binary) almost never do.
fn looks_chinese(text: &str) -> bool {
    let mut non_ascii = 0usize;
    let mut cjk = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2018}'..='\u{201D}' | '\u{2026}' | '\u{00B7}')
        {
            cjk += 1;
        }
    }
    non_ascii > 0 && cjk * 10 >= non_ascii * 9
}

/// How many bytes `b` holds that `f` picks, written so that the compiler vectorizes it (one
/// narrow counter per chunk of 128).
pub(crate) fn count_bytes(b: &[u8], f: impl Fn(u8) -> bool) -> usize {
    b.chunks(128)
        .map(|c| c.iter().fold(0u8, |n, &x| n + u8::from(f(x))) as usize)
        .sum()
}

/// How many pairs of consecutive bytes of `b` `f` picks, vectorizable like [`count_bytes`].
pub(crate) fn count_pairs(b: &[u8], f: impl Fn(u8, u8) -> bool) -> usize {
    if b.len() < 2 {
        return 0;
    }
    let (first, second) = (&b[..b.len() - 1], &b[1..]);
    first
        .chunks(128)
        .zip(second.chunks(128))
        .map(|(x, y)| {
            x.iter()
                .zip(y)
                .fold(0u8, |n, (&a, &b)| n + u8::from(f(a, b))) as usize
        })
        .sum()
}

/// Rejects text that is mostly control characters (a binary file that happens to be valid):
/// judged on its first 8 KB, on the bytes (a character loop was a tenth of reading a JSONL
/// corpus). Controls are C0 (but `\n`, `\r`, `\t`, form feed), DEL and C1 (`C2 80..=9F`);
/// characters are the bytes that start one.
fn check_controls(text: &str) -> Result<(), DecodeError> {
    let b = text.as_bytes();
    let b = &b[..b.len().min(8192)];
    let chars = count_bytes(b, |x| (x as i8) >= -0x40);
    let c0 = count_bytes(b, |x| {
        (x < 0x20) & !matches!(x, b'\n' | b'\r' | b'\t' | b'\x0c') | (x == 0x7F)
    });
    let c1 = count_pairs(b, |x, y| (x == 0xC2) & (y.wrapping_sub(0x80) < 0x20));
    if (c0 + c1) * 10 > chars {
        return Err(DecodeError::Binary("control characters"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_counts_equal_the_plain_loops() {
        // Lengths around the chunk size, bytes from a simple generator over all 256 values.
        let mut x = 12345u32;
        for len in [0, 1, 2, 127, 128, 129, 255, 256, 257, 1000] {
            let b: Vec<u8> = (0..len)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    (x >> 16) as u8
                })
                .collect();
            let odd = |v: u8| v.is_multiple_of(3);
            assert_eq!(count_bytes(&b, odd), b.iter().filter(|&&v| odd(v)).count());
            let pair = |a: u8, c: u8| a > c;
            let naive = b.windows(2).filter(|w| pair(w[0], w[1])).count();
            assert_eq!(count_pairs(&b, pair), naive, "len {len}");
        }
        // A chunk of 128 picked bytes does not overflow the narrow counter.
        assert_eq!(count_bytes(&[7u8; 300], |_| true), 300);
        assert_eq!(count_pairs(&[7u8; 300], |_, _| true), 299);
    }

    const ZH: &str = "阿里云本季度收入增长4%,“AI革命是云厂商的增量机会。”";

    #[test]
    fn encodings() {
        let gbk = GB18030.encode(ZH).0.into_owned();
        let mut bom8 = b"\xEF\xBB\xBF".to_vec();
        bom8.extend_from_slice(ZH.as_bytes());
        let mut utf16le = vec![0xFF, 0xFE];
        for u in ZH.encode_utf16() {
            utf16le.extend_from_slice(&u.to_le_bytes());
        }
        let mut utf16be = vec![0xFE, 0xFF];
        for u in ZH.encode_utf16() {
            utf16be.extend_from_slice(&u.to_be_bytes());
        }
        let cases: &[(&str, &[u8], &str)] = &[
            ("utf8", ZH.as_bytes(), "UTF-8"),
            ("utf8 with bom", &bom8, "UTF-8"),
            ("utf16le bom", &utf16le, "UTF-16LE"),
            ("utf16be bom", &utf16be, "UTF-16BE"),
            ("gbk without bom", &gbk, "GB18030"),
        ];
        for (name, bytes, enc) in cases {
            let d = decode(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(d.text, ZH, "{name}");
            assert_eq!(d.encoding, *enc, "{name}");
            // (Owned bytes decode the same.)
            let owned = decode_owned(bytes.to_vec()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(owned, (ZH.to_string(), *enc), "{name}");
        }
    }

    #[test]
    fn legacy_encodings_are_told_apart() {
        let zh_hant = "阿里雲本季度收入增長4%,「AI革命是雲廠商的增量機會。」張勇表示。";
        let ja = "これは日本語のニュース記事です。アリババクラウドが発表した。";
        let cases: &[(&str, &str, &'static Encoding, &str)] = &[
            ("gbk", ZH, GB18030, "GB18030"),
            ("big5", zh_hant, encoding_rs::BIG5, "Big5"),
            ("shift_jis", ja, encoding_rs::SHIFT_JIS, "Shift_JIS"),
        ];
        for (name, text, enc, want) in cases {
            let bytes = enc.encode(text).0.into_owned();
            let d = decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(d.encoding, *want, "{name}");
            assert_eq!(d.text, *text, "{name}");
        }
    }

    #[test]
    fn rejects_binary_and_garbage() {
        let cases: &[(&str, &[u8])] = &[
            ("png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            ("zip", b"PK\x03\x04\x14\0\0\0"),
            ("nul bytes", b"hello\0world"),
            ("latin1", b"caf\xe9 cr\xe8me br\xfbl\xe9e"),
            (
                "latin1 valid as big5",
                b"le d\xe9cor de la r\xe9gion, tr\xe8s s\xe9rieux",
            ),
            ("random high bytes", b"\x80\x81\xfd\xfc\xff\x80"),
            ("controls", b"\x01\x02\x03\x04\x05\x06\x07\x08"),
        ];
        for (name, bytes) in cases {
            assert!(decode(bytes).is_err(), "{name} should be rejected");
            assert!(decode_owned(bytes.to_vec()).is_err(), "{name} owned");
        }
    }
}

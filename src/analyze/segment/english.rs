//! English (and any non-Han) segmentation with Unicode word boundaries (UAX #29).
//!
//! Pure-ASCII text, most of English news, takes a fast path that applies the same UAX #29 rules
//! to ASCII bytes directly (about 5× faster than the general implementation's table lookups);
//! a table test checks it against `unicode-segmentation` on many random ASCII strings.

use unicode_segmentation::UnicodeSegmentation;

use crate::model::Span;

/// Words, numbers and punctuation of `text[span]` by UAX #29 word boundaries; whitespace is
/// dropped. Joining of `GPT-4o`-style compounds happens afterwards, for all scripts alike.
pub fn segment(text: &str, span: Span, out: &mut Vec<Span>) {
    let piece = span.slice(text);
    if piece.is_ascii() {
        ascii_word_bounds(piece.as_bytes(), |s, e| {
            if !piece.as_bytes()[s..e]
                .iter()
                .all(u8::is_ascii_whitespace_or_vt)
            {
                out.push(Span::new(span.start + s, span.start + e));
            }
        });
        return;
    }
    for (i, w) in piece.split_word_bound_indices() {
        if w.chars().all(char::is_whitespace) {
            continue;
        }
        out.push(Span::new(span.start + i, span.start + i + w.len()));
    }
}

/// `char::is_whitespace` for an ASCII byte (which, unlike `u8::is_ascii_whitespace`, counts the
/// vertical tab).
trait AsciiWhitespace {
    fn is_ascii_whitespace_or_vt(&self) -> bool;
}

impl AsciiWhitespace for u8 {
    fn is_ascii_whitespace_or_vt(&self) -> bool {
        matches!(self, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
    }
}

/// The UAX #29 word break property of an ASCII byte.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wb {
    Cr,
    Lf,
    Newline,
    Space,
    Letter,
    Numeric,
    MidLetter,
    MidNumLet,
    MidNum,
    SingleQuote,
    ExtendNumLet,
    Other,
}

fn wb(b: u8) -> Wb {
    match b {
        b'\r' => Wb::Cr,
        b'\n' => Wb::Lf,
        b'\x0b' | b'\x0c' => Wb::Newline,
        b' ' => Wb::Space,
        b'a'..=b'z' | b'A'..=b'Z' => Wb::Letter,
        b'0'..=b'9' => Wb::Numeric,
        b':' => Wb::MidLetter,
        b'.' => Wb::MidNumLet,
        b',' | b';' => Wb::MidNum,
        b'\'' => Wb::SingleQuote,
        b'_' => Wb::ExtendNumLet,
        _ => Wb::Other,
    }
}

/// Calls `emit(start, end)` for each segment of ASCII `s` between UAX #29 word boundaries.
fn ascii_word_bounds(s: &[u8], mut emit: impl FnMut(usize, usize)) {
    if s.is_empty() {
        return;
    }
    let p: Vec<Wb> = s.iter().map(|&b| wb(b)).collect();
    let mid_letter_q = |w: Wb| matches!(w, Wb::MidLetter | Wb::MidNumLet | Wb::SingleQuote);
    let mid_num_q = |w: Wb| matches!(w, Wb::MidNum | Wb::MidNumLet | Wb::SingleQuote);
    let mut start = 0;
    for i in 1..p.len() {
        let (a, b) = (p[i - 1], p[i]);
        let before = i.checked_sub(2).map(|k| p[k]);
        let after = p.get(i + 1).copied();
        let join = match (a, b) {
            (Wb::Cr, Wb::Lf) => true, // WB3
            (Wb::Cr | Wb::Lf | Wb::Newline, _) | (_, Wb::Cr | Wb::Lf | Wb::Newline) => false, // WB3a/b
            (Wb::Space, Wb::Space) => true,   // WB3d
            (Wb::Letter, Wb::Letter) => true, // WB5
            (Wb::Letter, m) if mid_letter_q(m) => after == Some(Wb::Letter), // WB6
            (m, Wb::Letter) if mid_letter_q(m) => before == Some(Wb::Letter), // WB7
            (Wb::Numeric, Wb::Numeric) => true, // WB8
            (Wb::Letter, Wb::Numeric) | (Wb::Numeric, Wb::Letter) => true, // WB9, WB10
            (m, Wb::Numeric) if mid_num_q(m) => before == Some(Wb::Numeric), // WB11
            (Wb::Numeric, m) if mid_num_q(m) => after == Some(Wb::Numeric), // WB12
            (Wb::Letter | Wb::Numeric | Wb::ExtendNumLet, Wb::ExtendNumLet) => true, // WB13a
            (Wb::ExtendNumLet, Wb::Letter | Wb::Numeric) => true, // WB13b
            _ => false,                       // WB999
        };
        if !join {
            emit(start, i);
            start = i;
        }
    }
    emit(start, s.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        ascii_word_bounds(s.as_bytes(), |a, b| out.push(&s[a..b]));
        out
    }

    #[test]
    fn ascii_fast_path_matches_unicode_segmentation() {
        let table = [
            "Nvidia's H100, at $3.87bn; U.S. sales rose 1,000.5% (Q3:2024).",
            "can't stop_it  now\r\n\r\nok\tdone\x0b\x0cx",
            "a.b a..b 1.2.3 1,2 1,,2 a:b a'b 'a' 3'4 _a_ a_1 __",
            "",
            " ",
            "GPT-4o Qwen-7B-Chat A800-80G e.g. i.e.",
        ];
        for s in table {
            let want: Vec<&str> = s.split_word_bounds().collect();
            assert_eq!(fast(s), want, "{s:?}");
        }
        // Random strings over the characters whose rules interact.
        let alphabet = b"aZ09.,:;'\"_ -\t\r\n\x0b!$%";
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..50_000 {
            let len = next() % 12;
            let s: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char)
                .collect();
            let want: Vec<&str> = s.split_word_bounds().collect();
            assert_eq!(fast(&s), want, "{s:?}");
        }
    }
}

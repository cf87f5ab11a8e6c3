//! Word segmentation of mixed Chinese/English text.
//!
//! Invariant: the tokens of a span are in order, do not overlap, lie inside the span, and cover
//! every non-whitespace character of it; whitespace is never part of a token's edges.
//!
//! Lines holding Han characters go to the Chinese segmenter (jieba-rs with HMM and with the
//! entity aliases and domain words as user words; it keeps Latin runs such as `A800-80G` whole);
//! other lines go to the UAX #29 segmenter. A final pass drops whitespace and joins Latin/digit
//! runs with inner `-` `.` `_` (`Qwen-7B-Chat`, `GPT-4o`, `break-even`), a number and its `%`,
//! and abbreviations with their dot (`U.S.`, `Mr.`).

mod chinese;
mod english;

pub use chinese::{ChineseSegmenter, ProperNoun};

use std::sync::OnceLock;

use crate::model::{Span, Token, TokenKind};

/// Abbreviations that keep their final dot as part of the token.
const DOTTED: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Jr", "Sr", "St", "Inc", "Corp", "Ltd", "Co", "No", "vs",
    "etc", "U.S", "U.K", "U.N", "E.U", "e.g", "i.e", "a.m", "p.m", "Ph.D",
];

/// Domain words (大模型, 云厂商, 算力 …) from `dictionaries/lexicon/zh.txt`, added to the
/// Chinese segmenter with the entity aliases.
pub fn builtin_lexicon() -> impl Iterator<Item = &'static str> {
    include_str!("../../../dictionaries/lexicon/zh.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Han ideographs (CJK Unified Ideographs and extensions, compatibility ideographs, 〇).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}' | '〇')
}

/// Whether `s` holds a Han character (ASCII text, most of an English article, is turned away
/// by one vectorised test instead of a range check per character).
pub(crate) fn has_han(s: &str) -> bool {
    !s.is_ascii() && s.chars().any(is_han)
}

/// Appends `word` lowercased (as `str::to_lowercase`). Words of ASCII and U+3000..U+9FFF
/// (CJK symbols, kana, Han: no case; a test checks every one) take a fast path, one byte test a
/// character: most words of any text.
pub(crate) fn push_lowercase(buf: &mut String, word: &str) {
    let bytes = word.as_bytes();
    let (mut i, mut upper) = (0, false);
    while let Some(&b) = bytes.get(i) {
        i += match b {
            0..0x80 => {
                upper |= b.is_ascii_uppercase();
                1
            }
            // (The lead byte of U+3000..U+9FFF.)
            0xE3..=0xE9 => 3,
            _ => {
                buf.push_str(&word.to_lowercase());
                return;
            }
        };
    }
    let start = buf.len();
    buf.push_str(word);
    if upper {
        buf[start..].make_ascii_lowercase();
    }
}

/// `text` lowercased, as [`push_lowercase`] does it.
pub(crate) fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_lowercase(&mut out, text);
    out
}

/// The mixed-script segmenter. Its Chinese side (jieba's dictionary, about 0.1 s to load) is
/// built on first use, so English text never waits for it.
pub struct Segmenter {
    chinese: OnceLock<ChineseSegmenter>,
    /// The user words the Chinese side is built with.
    user_words: Vec<Box<str>>,
}

impl Segmenter {
    /// A segmenter whose Chinese side knows `user_words` (the entity aliases); that side loads
    /// on first use (or at once with [`Segmenter::load_chinese`]).
    pub fn new<'a>(user_words: impl IntoIterator<Item = &'a str>) -> Self {
        Segmenter {
            chinese: OnceLock::new(),
            user_words: user_words.into_iter().map(Box::from).collect(),
        }
    }

    /// A segmenter built on a given Chinese segmenter (e.g. [`ChineseSegmenter::plain`]).
    pub fn with_chinese(chinese: ChineseSegmenter) -> Self {
        Segmenter {
            chinese: OnceLock::from(chinese),
            user_words: Vec::new(),
        }
    }

    /// The Chinese side (built now if it is not yet; a caller racing a build waits for it).
    pub fn chinese(&self) -> &ChineseSegmenter {
        self.chinese
            .get_or_init(|| ChineseSegmenter::new(self.user_words.iter().map(|w| &**w)))
    }

    /// Builds the Chinese side if it is not built yet (what a background loader calls).
    pub fn load_chinese(&self) {
        self.chinese();
    }

    /// True once the Chinese side is built (Chinese text then does not wait).
    pub fn chinese_ready(&self) -> bool {
        self.chinese.get().is_some()
    }

    /// Tokens of the whole `text`.
    pub fn segment(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::with_capacity(text.len() / 3);
        self.segment_span(text, Span::new(0, text.len()), &mut out);
        out
    }

    /// Person names in the Chinese lines of `text` (the `nr` tags of
    /// [`ChineseSegmenter::proper_nouns`]).
    pub fn person_names(&self, text: &str) -> Vec<Span> {
        self.proper_nouns(text)
            .into_iter()
            .filter(|(_, kind)| *kind == ProperNoun::Person)
            .map(|(span, _)| span)
            .collect()
    }

    /// Proper nouns in the Chinese lines of `text` (see [`ChineseSegmenter::proper_nouns`]).
    pub fn proper_nouns(&self, text: &str) -> Vec<(Span, ProperNoun)> {
        let mut out = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if has_han(line) {
                self.chinese()
                    .proper_nouns(text, Span::new(at, at + line.len()), &mut out);
            }
            at += line.len();
        }
        out
    }

    fn segment_group(&self, text: &str, span: Span, han: bool, spans: &mut Vec<Span>) {
        if han {
            self.chinese().segment(text, span, spans);
        } else {
            english::segment(text, span, spans);
        }
    }

    /// Appends the tokens of `text[span]` to `out`.
    ///
    /// Runs of lines that contain Han characters go to the Chinese segmenter whole (jieba keeps
    /// Latin runs such as `A800-80G` whole itself); other lines go to the UAX #29 segmenter. A final pass joins compounds and classifies the tokens.
    pub fn segment_span(&self, text: &str, span: Span, out: &mut Vec<Token>) {
        /// The size from which a group of lines goes to its segmenter.
        const GROUP_BYTES: usize = 64 * 1024;
        let mut spans: Vec<Span> = Vec::with_capacity(span.len() / 3);
        // Group consecutive lines by whether they hold Han characters: one segmenter call per
        // group. A group ends at a line break once it holds 64 KB (both segmenters break words
        // at line breaks anyway): jieba's words of one call are all in memory at once, and for
        // a long text they took ten times the text.
        let mut group: Option<(Span, bool)> = None;
        let mut line_start = span.start;
        for line in span.slice(text).split_inclusive('\n') {
            let line_span = Span::new(line_start, line_start + line.len());
            line_start = line_span.end;
            let han = has_han(line);
            group = match group {
                Some((g, g_han))
                    if (g_han == han || line.trim().is_empty()) && g.len() < GROUP_BYTES =>
                {
                    Some((Span::new(g.start, line_span.end), g_han))
                }
                Some((g, g_han)) => {
                    self.segment_group(text, g, g_han, &mut spans);
                    Some((line_span, han))
                }
                None => Some((line_span, han)),
            };
        }
        if let Some((g, g_han)) = group {
            self.segment_group(text, g, g_han, &mut spans);
        }
        let first = out.len();
        join_compounds(text, &spans, out);
        for t in &mut out[first..] {
            if starts_with_space(&text[t.span.start..]) {
                // UAX #29 attaches a combining mark to a preceding space (" \u{301}").
                t.span = t.span.trimmed(text);
            }
            t.kind = classify(t.span.slice(text));
        }
    }
}

/// Whether `s` starts with white space (`char::is_whitespace`), told from the first byte for
/// all but four lead bytes: every non-ASCII white space character (U+0085, U+00A0, U+1680,
/// U+2000..U+205F, U+3000) starts with C2, E1, E2 or E3 (a test checks them all).
fn starts_with_space(s: &str) -> bool {
    match s.as_bytes().first() {
        // `char::is_whitespace`, not `u8::is_ascii_whitespace`: the latter leaves out U+000B.
        Some(&b) if b < 0x80 => (b as char).is_whitespace(),
        Some(0xC2 | 0xE1..=0xE3) => s.starts_with(char::is_whitespace),
        _ => false,
    }
}

/// True for a whitespace span (segmenters emit whitespace runs as spans of their own).
fn is_blank(text: &str, s: Span) -> bool {
    let s = s.slice(text);
    starts_with_space(s) && s.chars().all(char::is_whitespace)
}

/// Drops whitespace spans and joins adjacent spans that form one Latin/digit compound,
/// pushing the result (kind still to be classified) to `out`.
fn join_compounds(text: &str, spans: &[Span], out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < spans.len() {
        let mut cur = spans[i];
        i += 1;
        if is_blank(text, cur) {
            continue;
        }
        loop {
            let last = bytes[cur.end - 1];
            let Some(next) = spans.get(i) else { break };
            if next.start != cur.end {
                break;
            }
            // Fast exit for the common case (a Han word after a Han word): every rule below
            // needs an ASCII end, a full-width or `%` start, or a digit before `％`.
            let nb = bytes[next.start];
            if last >= 0x80 && nb != 0xEF && nb != b'%' {
                break;
            }
            let next_s = next.slice(text);
            // X - Y, X . Y, X _ Y, X + Y with X, Y Latin alphanumerics and no gaps.
            if last.is_ascii_alphanumeric()
                && matches!(next_s, "-" | "." | "_" | "+")
                && let Some(after) = spans.get(i + 1)
                && after.start == next.end
                && joinable_tail(after.slice(text))
                && !sentence_dot(cur.slice(text), next_s, after.slice(text))
            {
                cur = Span::new(cur.start, after.end);
                i += 2;
                continue;
            }
            // Latin runs that the Chinese segmenter cut apart (`A800` `-80G`).
            if last.is_ascii_alphanumeric()
                && matches!(next_s.as_bytes()[0], b'-' | b'.' | b'_')
                && next_s.len() > 1
                && joinable_tail(&next_s[1..])
            {
                cur = Span::new(cur.start, next.end);
                i += 1;
                continue;
            }
            // Full-width Latin and digits, which jieba cuts into characters (`ＡＷＳ`, `１９９８`).
            if next_s.as_bytes()[0] == 0xEF
                && next_s.chars().all(is_fullwidth_alnum)
                && cur
                    .slice(text)
                    .chars()
                    .next_back()
                    .is_some_and(is_fullwidth_alnum)
            {
                cur = Span::new(cur.start, next.end);
                i += 1;
                continue;
            }
            // Thousands separators that jieba splits off: 1,000.5 (exactly three digits follow).
            if next_s == ","
                && last.is_ascii_digit()
                && let Some(after) = spans.get(i + 1)
                && after.start == next.end
                && thousands_group(after.slice(text).as_bytes())
            {
                cur = Span::new(cur.start, after.end);
                i += 2;
                continue;
            }
            // A number and its percent sign.
            if matches!(next_s, "%" | "％")
                && (last.is_ascii_digit()
                    || cur
                        .slice(text)
                        .ends_with(|c: char| c.is_numeric() && !is_han(c)))
            {
                cur = Span::new(cur.start, next.end);
                i += 1;
                continue;
            }
            // Abbreviation and its dot.
            if next_s == "." && DOTTED.contains(&cur.slice(text)) {
                cur = Span::new(cur.start, next.end);
                i += 1;
                continue;
            }
            break;
        }
        out.push(Token {
            kind: TokenKind::Word,
            span: cur,
        });
    }
}

fn is_fullwidth_alnum(c: char) -> bool {
    matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
}

/// `000`, `000.5`, `000,000`: three digits, then only digits, `.` and `,`, with no fourth digit
/// right after the first three.
fn thousands_group(b: &[u8]) -> bool {
    b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && b.get(3).is_none_or(|&c| c == b'.' || c == b',')
        && b.iter()
            .all(|&c| c.is_ascii_digit() || c == b'.' || c == b',')
}

/// A compound continues with Latin letters, digits and inner `-` `.` `_` only.
fn joinable_tail(s: &str) -> bool {
    s.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric)
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
}

/// `fast` `.` `The`: a sentence end without a space, not a compound.
fn sentence_dot(left: &str, conn: &str, right: &str) -> bool {
    conn == "."
        && left.len() > 1
        && left.bytes().all(|b| b.is_ascii_alphabetic())
        && right.as_bytes()[0].is_ascii_uppercase()
}

/// Classifies a token by its characters.
pub fn classify(s: &str) -> TokenKind {
    let Some(first) = s.chars().next() else {
        return TokenKind::Symbol;
    };
    // Fast paths: a Han word, an ASCII word or number.
    if is_han(first) {
        return TokenKind::Word;
    }
    if first.is_ascii_alphabetic() {
        return TokenKind::Word;
    }
    let numeric_char = |c: char| {
        c.is_ascii_digit()
            || matches!(c, '.' | ',' | '%' | '％' | '-' | ':' | '/' | '~')
            || (!c.is_ascii() && c.is_numeric())
    };
    if is_punctuation(first) {
        return if s.chars().all(is_punctuation) {
            TokenKind::Punct
        } else if s.chars().any(char::is_alphanumeric) {
            TokenKind::Word
        } else {
            TokenKind::Symbol
        };
    }
    if first.is_ascii_digit() || (!first.is_ascii() && first.is_numeric()) {
        if s.chars().all(numeric_char) {
            return TokenKind::Number;
        }
        return TokenKind::Word;
    }
    if s.chars().any(char::is_alphanumeric) {
        return TokenKind::Word;
    }
    if s.chars().all(is_punctuation) {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    }
}

/// Unicode punctuation, approximated without a general-category table: ASCII punctuation except
/// the symbol characters, general punctuation, CJK symbols and punctuation, full-width forms.
fn is_punctuation(c: char) -> bool {
    match c {
        '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~' => false,
        c if c.is_ascii_punctuation() => true,
        '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' => true,
        '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301F}'
        | '\u{30FB}' => true,
        '\u{FE10}'..='\u{FE19}' | '\u{FE30}'..='\u{FE4F}' | '\u{FE50}'..='\u{FE6B}' => true,
        '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF3D}'
        | '\u{FF3F}'
        | '\u{FF5B}'
        | '\u{FF5D}'
        | '\u{FF5F}'..='\u{FF65}' => true,
        '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}'
        | '\u{00BF}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    #[test]
    fn white_space_lead_bytes() {
        for c in (char::MIN..=char::MAX).filter(|c| c.is_whitespace()) {
            let s = format!("{c}x");
            assert!(starts_with_space(&s), "U+{:04X}", c as u32);
        }
        for s in ["x", "云", "", "，", "\u{3001}", "\u{2010}", "é"] {
            assert!(!starts_with_space(s), "{s:?}");
        }
    }

    /// The fast path of `push_lowercase` is sound: nothing in U+3000..U+9FFF lowercases to
    /// anything else, and mixed words come out as `to_lowercase` makes them.
    #[test]
    fn cjk_block_has_no_lowercase_forms() {
        for c in '\u{3000}'..='\u{9FFF}' {
            assert_eq!(
                c.to_lowercase().collect::<String>(),
                c.to_string(),
                "U+{:04X}",
                c as u32
            );
        }
        for w in [
            "云计算",
            "A800显卡",
            "ＡＷＳ云",
            "Ⅳ期",
            "ΑΒΓ",
            "通义千问Qwen",
            "ｷﾔﾉﾝ",
            "Ⓐ云",
            "ǅ",
            "NVIDIA",
            "nvidia",
            "",
        ] {
            let mut buf = String::from("x");
            push_lowercase(&mut buf, w);
            assert_eq!(buf, format!("x{}", w.to_lowercase()), "{w}");
        }
    }

    /// English text never builds the Chinese side (jieba's dictionary); the first Chinese text
    /// does, and segments as a segmenter built at once would.
    #[test]
    fn chinese_side_builds_on_first_chinese_text() {
        let seg = Segmenter::new(["英伟达", "Qwen"]);
        let english = "Nvidia's H20 ships to Alibaba Cloud; Qwen-7B-Chat runs on it.\n";
        let tokens: Vec<&str> = seg
            .segment(english)
            .iter()
            .map(|t| t.span.slice(english))
            .collect();
        assert_eq!(
            tokens,
            [
                "Nvidia's",
                "H20",
                "ships",
                "to",
                "Alibaba",
                "Cloud",
                ";",
                "Qwen-7B-Chat",
                "runs",
                "on",
                "it",
                "."
            ]
        );
        assert!(!seg.chinese_ready(), "English alone loaded jieba");
        let chinese = "英伟达的H20芯片运往阿里云。";
        let spans =
            |s: &Segmenter| -> Vec<Span> { s.segment(chinese).iter().map(|t| t.span).collect() };
        let built = Segmenter::with_chinese(ChineseSegmenter::new(["英伟达", "Qwen"]));
        assert_eq!(spans(&seg), spans(&built));
        assert!(seg.chinese_ready());
    }

    static SEG: LazyLock<Segmenter> = LazyLock::new(|| {
        Segmenter::new([
            "阿里云",
            "英伟达",
            "通义千问",
            "昇腾",
            "妙鸭相机",
            "A800",
            "Qwen",
            "AWS",
            "昇腾910B",
        ])
    });

    fn words(text: &str) -> Vec<&str> {
        SEG.segment(text)
            .iter()
            .map(|t| t.span.slice(text))
            .collect()
    }

    /// (name, input, expected tokens). Names from the dictionary stay whole; Latin compounds stay
    /// whole; whitespace is dropped.
    const CASES: &[(&str, &str, &[&str])] = &[
        (
            "aliyun whole",
            "阿里云本季度收入增长",
            &["阿里云", "本季度", "收入", "增长"],
        ),
        ("nvidia whole", "英伟达GPU", &["英伟达", "GPU"]),
        (
            "tongyi whole",
            "自通义千问发布后",
            &["自", "通义千问", "发布", "后"],
        ),
        (
            "ascend whole",
            "华为的昇腾芯片",
            &["华为", "的", "昇腾", "芯片"],
        ),
        (
            "miaoya whole",
            "“妙鸭相机”的爆火",
            &["“", "妙鸭相机", "”", "的", "爆火"],
        ),
        ("chip code hyphen", "A800-80G显存", &["A800-80G", "显存"]),
        (
            "nvidia then chip",
            "英伟达A800处理器",
            &["英伟达", "A800", "处理器"],
        ),
        ("model name", "Qwen-7B-Chat模型", &["Qwen-7B-Chat", "模型"]),
        (
            "english compound",
            "a break-even point",
            &["a", "break-even", "point"],
        ),
        (
            "gpt-4o in english",
            "Use GPT-4o today.",
            &["Use", "GPT-4o", "today", "."],
        ),
        ("decimal", "增长至3.87亿元", &["增长", "至", "3.87", "亿元"]),
        ("percent", "增长106%至", &["增长", "106%", "至"]),
        ("english percent", "rose 3.5% on", &["rose", "3.5%", "on"]),
        ("U.S. kept", "the U.S. market", &["the", "U.S.", "market"]),
        ("Mr. kept", "Mr. Hollis said", &["Mr.", "Hollis", "said"]),
        ("apostrophe", "Nvidia's chips", &["Nvidia's", "chips"]),
        (
            "sentence end dot not joined",
            "grew fast. The",
            &["grew", "fast", ".", "The"],
        ),
        (
            "half-width comma",
            "晚间,阿里巴巴",
            &["晚间", ",", "阿里巴巴"],
        ),
        (
            "no whitespace tokens",
            "  阿里云 \t Qwen  ",
            &["阿里云", "Qwen"],
        ),
        ("full-width latin", "ＡＷＳ宣布", &["ＡＷＳ", "宣布"]),
        (
            "latin alias not found inside a latin word",
            "与LAWS。",
            &["与", "LAWS", "。"],
        ),
        ("thousands", "1,000 GPUs", &["1,000", "GPUs"]),
        (
            "thousands in chinese",
            "采购1,000.5万颗",
            &["采购", "1,000.5", "万颗"],
        ),
        (
            "comma list is not a number",
            "买了3,4台",
            &["买", "了", "3", ",", "4", "台"],
        ),
        ("underscore", "snake_case id", &["snake_case", "id"]),
        (
            "combining mark after a space",
            "Cafe \u{301} ok",
            &["Cafe", "\u{301}", "ok"],
        ),
    ];

    #[test]
    fn table() {
        for (name, text, want) in CASES {
            assert_eq!(&words(text), want, "case `{name}`");
        }
    }

    #[test]
    fn kinds() {
        let cases: &[(&str, TokenKind)] = &[
            ("阿里云", TokenKind::Word),
            ("A800-80G", TokenKind::Word),
            ("3.87", TokenKind::Number),
            ("106%", TokenKind::Number),
            ("11-12", TokenKind::Number),
            ("2024", TokenKind::Number),
            ("。", TokenKind::Punct),
            (",", TokenKind::Punct),
            ("“", TokenKind::Punct),
            ("$", TokenKind::Symbol),
            ("😀", TokenKind::Symbol),
        ];
        for (s, k) in cases {
            assert_eq!(classify(s), *k, "{s}");
        }
    }

    #[test]
    fn covers_every_non_whitespace_char() {
        let text = "出品 | 虎嗅科技组\n“AI革命是云厂商的增量机会。”张勇表示, Qwen-7B-Chat 与 GPT-4o 都在 U.S. 市场……😀";
        let toks = SEG.segment(text);
        let mut covered = vec![false; text.len()];
        let mut prev_end = 0;
        for t in &toks {
            assert!(t.span.start >= prev_end, "overlap at {}", t.span.start);
            prev_end = t.span.end;
            for b in &mut covered[t.span.start..t.span.end] {
                *b = true;
            }
        }
        for (i, c) in text.char_indices() {
            assert_eq!(covered[i], !c.is_whitespace(), "char {c:?} at {i}");
        }
    }
}

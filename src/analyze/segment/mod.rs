//! Word segmentation of mixed Chinese/English text.
//!
//! Invariant: the tokens of a span are in order, do not overlap, lie inside the span, and cover
//! every non-whitespace character of it; whitespace is never part of a token's edges.
//!
//! The text is cut into runs: a run of Han characters with any Latin letters, digits and
//! `+#&._%-` attached to it (`英伟达A800-80G显存`) goes to the Chinese segmenter (jieba-rs with
//! the entity aliases as user words); everything else goes to the UAX #29 segmenter. A final pass
//! joins Latin/digit runs with inner `-` `.` `_` (`Qwen-7B-Chat`, `GPT-4o`, `break-even`), a
//! number and its `%`, and abbreviations with their dot (`U.S.`, `Mr.`).

mod chinese;
mod english;

pub use chinese::ChineseSegmenter;

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

/// Characters that may belong to a Chinese run (jieba's own "Han block" class).
fn is_run_char(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// The mixed-script segmenter.
pub struct Segmenter {
    chinese: ChineseSegmenter,
}

impl Segmenter {
    /// A segmenter whose Chinese side knows `user_words` (the entity aliases).
    pub fn new<'a>(user_words: impl IntoIterator<Item = &'a str>) -> Self {
        Segmenter {
            chinese: ChineseSegmenter::new(user_words),
        }
    }

    /// A segmenter built on a given Chinese segmenter (e.g. [`ChineseSegmenter::plain`]).
    pub fn with_chinese(chinese: ChineseSegmenter) -> Self {
        Segmenter { chinese }
    }

    /// The Chinese side, for baselines.
    pub fn chinese(&self) -> &ChineseSegmenter {
        &self.chinese
    }

    /// Tokens of the whole `text`.
    pub fn segment(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::with_capacity(text.len() / 3);
        self.segment_span(text, Span::new(0, text.len()), &mut out);
        out
    }

    /// Appends the tokens of `text[span]` to `out`.
    pub fn segment_span(&self, text: &str, span: Span, out: &mut Vec<Token>) {
        let mut spans: Vec<Span> = Vec::with_capacity(span.len() / 3);
        let piece = span.slice(text);
        // Find Chinese runs; hand the gaps to the UAX #29 segmenter.
        let mut gap_start = span.start;
        let mut run_start: Option<usize> = None;
        let mut run_has_han = false;
        let flush_run = |run_start: usize,
                         end: usize,
                         has_han: bool,
                         gap_start: &mut usize,
                         spans: &mut Vec<Span>| {
            if has_han {
                if *gap_start < run_start {
                    english::segment(text, Span::new(*gap_start, run_start), spans);
                }
                self.chinese.segment(text, Span::new(run_start, end), spans);
                *gap_start = end;
            }
        };
        for (i, c) in piece.char_indices() {
            let at = span.start + i;
            if is_run_char(c) {
                if run_start.is_none() {
                    run_start = Some(at);
                    run_has_han = false;
                }
                run_has_han |= is_han(c);
            } else if let Some(rs) = run_start.take() {
                flush_run(rs, at, run_has_han, &mut gap_start, &mut spans);
            }
        }
        if let Some(rs) = run_start {
            flush_run(rs, span.end, run_has_han, &mut gap_start, &mut spans);
        }
        if gap_start < span.end {
            english::segment(text, Span::new(gap_start, span.end), &mut spans);
        }
        join_compounds(text, &mut spans);
        out.extend(spans.into_iter().filter_map(|s| {
            let s = crate::ingest::trim_span(text, s);
            (!s.is_empty()).then(|| Token {
                kind: classify(s.slice(text)),
                span: s,
            })
        }));
    }
}

fn is_latin_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Joins adjacent spans that form one Latin/digit compound.
fn join_compounds(text: &str, spans: &mut Vec<Span>) {
    if spans.len() < 2 {
        return;
    }
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    let mut i = 0;
    while i < spans.len() {
        let mut cur = spans[i];
        i += 1;
        loop {
            let cur_s = cur.slice(text);
            let last = cur_s.chars().next_back();
            // X - Y, X . Y, X _ Y with X, Y Latin alphanumerics and no gaps.
            if i + 1 < spans.len()
                && last.is_some_and(is_latin_alnum)
                && spans[i].start == cur.end
                && spans[i + 1].start == spans[i].end
                && matches!(spans[i].slice(text), "-" | "." | "_" | "+")
                && spans[i + 1]
                    .slice(text)
                    .chars()
                    .next()
                    .is_some_and(is_latin_alnum)
                && spans[i + 1]
                    .slice(text)
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
                && !(spans[i].slice(text) == "."
                    && cur_s.chars().all(|c| c.is_ascii_alphabetic())
                    && spans[i + 1]
                        .slice(text)
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_uppercase())
                    && cur_s.len() > 1)
            {
                cur = Span::new(cur.start, spans[i + 1].end);
                i += 2;
                continue;
            }
            // A number and its percent sign.
            if i < spans.len()
                && spans[i].start == cur.end
                && matches!(spans[i].slice(text), "%" | "％")
                && last.is_some_and(|c| c.is_ascii_digit())
            {
                cur = Span::new(cur.start, spans[i].end);
                i += 1;
                continue;
            }
            // Abbreviation and its dot.
            if i < spans.len()
                && spans[i].start == cur.end
                && spans[i].slice(text) == "."
                && DOTTED.contains(&cur_s)
            {
                cur = Span::new(cur.start, spans[i].end);
                i += 1;
                continue;
            }
            break;
        }
        out.push(cur);
    }
    *spans = out;
}

/// Classifies a token by its characters.
pub fn classify(s: &str) -> TokenKind {
    let mut chars = s.chars();
    let Some(first) = chars.clone().next() else {
        return TokenKind::Symbol;
    };
    if first.is_ascii_digit() || (first.is_numeric() && !is_han(first)) {
        if chars
            .all(|c| c.is_numeric() || matches!(c, '.' | ',' | '%' | '％' | '-' | ':' | '/' | '~'))
        {
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
        ("underscore", "snake_case id", &["snake_case", "id"]),
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

//! Text → blocks: bylines (`作者 | 齐健`, `By Jane Doe`), title, headings and paragraphs.
//!
//! Works on lines. Plain text comes in two shapes and both are handled: one paragraph per line
//! (most Chinese web text, no blank lines needed), and hard-wrapped paragraphs separated by blank
//! lines (wire copy, e-mail). Markdown paragraphs are always blank-line separated, and `#` lines
//! are headings.

use crate::model::{Block, BlockKind, Byline, Span};

/// Labels of Chinese credit lines. With `|`/`｜`/`/` any short Han label is accepted; with a
/// colon (which also introduces speech: `张勇：……`) only these are.
const ZH_BYLINE_LABELS: &[&str] = &[
    "作者",
    "编辑",
    "责编",
    "责任编辑",
    "出品",
    "头图",
    "题图",
    "来源",
    "记者",
    "撰文",
    "文",
    "图",
    "摄影",
    "校对",
    "策划",
    "监制",
    "主编",
    "统筹",
    "审核",
    "审校",
    "设计",
    "排版",
    "视觉",
    "编译",
    "翻译",
    "实习生",
    "通讯员",
    "整理",
    "采写",
    "口述",
    "运营",
];

/// Result of laying out a text.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    pub blocks: Vec<Block>,
    pub bylines: Vec<Byline>,
    pub title: Option<String>,
}

/// Markdown or plain text: only changes how headings and paragraphs are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    Plain,
    Markdown,
}

/// One line: span without the line terminator and without surrounding whitespace.
#[derive(Debug, Clone, Copy)]
struct Line {
    span: Span,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    while start <= bytes.len() {
        let end = memchr_nl(bytes, start).unwrap_or(bytes.len());
        out.push(Line {
            span: Span::new(start, end).trimmed(text),
        });
        if end == bytes.len() {
            break;
        }
        start = end + 1;
    }
    out
}

fn memchr_nl(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr2(b'\n', b'\r', &bytes[from..])
        .map(|p| p + from)
        .map(|p| {
            // Treat "\r\n" as one terminator: the caller skips one byte, so stop at '\n'.
            if bytes[p] == b'\r' && bytes.get(p + 1) == Some(&b'\n') {
                p + 1
            } else {
                p
            }
        })
}

/// True when `c` ends a sentence or clause, so a line ending in it is body text.
fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '。' | '！'
            | '？'
            | '!'
            | '?'
            | '.'
            | '…'
            | ';'
            | '；'
            | ':'
            | '：'
            | ','
            | '，'
            | '、'
            | '．'
            | '～'
    )
}

/// Closing quotes and brackets, skipped when looking for the last meaningful character.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '"' | '\'' | '」' | '』' | '）' | ')' | '】' | ']' | '》' | '〉'
    )
}

/// Last character that is not a closing quote or bracket.
fn last_meaningful(s: &str) -> Option<char> {
    s.chars().rev().find(|c| !is_closer(*c))
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// A short line without sentence-ending punctuation: a heading (or a title).
fn is_heading_like(s: &str) -> bool {
    if s.is_empty() {
        return false;
    }
    match last_meaningful(s) {
        Some(c) if is_terminal(c) => return false,
        None => return false,
        _ => {}
    }
    if !s.chars().any(char::is_alphanumeric) {
        return false;
    }
    let chars = s.chars().count();
    if s.chars().any(is_han) {
        // A line with a full stop inside ("……驳回。(完)") is body text.
        chars <= 32 && !s.chars().any(|c| matches!(c, '。' | '！' | '？'))
    } else {
        let words = s.split_whitespace().count();
        // A single lower-case word is more likely a fragment than a heading.
        words <= 16 && chars <= 120 && s.chars().next().is_some_and(|c| !c.is_lowercase())
    }
}

fn is_byline_sep(c: char) -> bool {
    matches!(c, '|' | '｜' | '/' | '／' | ':' | '：')
}

/// A known credit label, or a known label with an outlet in front (`新京报记者`).
fn known_label(label: &str) -> bool {
    // Every label is Han: an ASCII word (most first words of English lines) is none of them.
    if label.is_ascii() {
        return false;
    }
    ZH_BYLINE_LABELS.contains(&label)
        || (label.chars().count() <= 8
            && label.chars().all(is_han)
            && ZH_BYLINE_LABELS
                .iter()
                .any(|l| l.chars().count() >= 2 && label.ends_with(l)))
}

/// Parses a byline line into its `label | value` pairs: `作者 | 齐健`, `编辑｜廖影`, `文/张三`,
/// `记者：李四`, `记者 张三`, `【编辑:郭炘蔚】`, `来源：中安在线　作者：高永维`, `By Jane Doe`.
pub(crate) fn parse_byline(s: &str) -> Option<Vec<Byline>> {
    let mut s = s.trim();
    for (open, close) in [('【', '】'), ('[', ']'), ('（', '）'), ('(', ')')] {
        if let Some(inner) = s.strip_prefix(open).and_then(|x| x.strip_suffix(close)) {
            s = inner.trim();
        }
    }
    // (More than 240 bytes is more than 60 characters: no need to count a paragraph.)
    if s.is_empty() || s.len() > 240 || (s.len() > 60 && s.chars().count() > 60) {
        return None;
    }
    // English: "By Jane Doe", "BY JANE DOE and JOHN ROE", "By Jane Doe, Reuters".
    if let Some(b"By " | b"BY " | b"by ") = s.as_bytes().get(..3) {
        let rest = &s[3..];
        let rest = rest.trim();
        let words: Vec<&str> = rest.split_whitespace().collect();
        let ok = !words.is_empty()
            && words.len() <= 10
            && (!rest.ends_with('.') || rest.ends_with(" Jr."))
            && words.iter().all(|w| {
                let w = w.trim_end_matches(',');
                w.chars().next().is_some_and(|c| c.is_uppercase())
                    || matches!(w, "and" | "in" | "for" | "of" | "de" | "van" | "von")
            });
        return ok.then(|| {
            vec![Byline {
                label: "by".into(),
                value: rest.to_string(),
            }]
        });
    }
    // Chinese: the first chunk must hold a separator (`作者|`, `作者 |`) or be a label (`记者`);
    // most lines fail this cheap test and skip the work below.
    let (first, rest) = s.split_once(char::is_whitespace).unwrap_or((s, ""));
    if !first.contains(is_byline_sep)
        && !known_label(first)
        && !rest.trim_start().starts_with(is_byline_sep)
    {
        return None;
    }
    // Remove the spaces around separators, then read `label SEP value` chunks.
    let mut compact = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev_sep = chars[..k]
                .iter()
                .rev()
                .find(|c| !c.is_whitespace())
                .is_some_and(|&c| is_byline_sep(c));
            let next_sep = chars[k + 1..]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|&c| is_byline_sep(c));
            if prev_sep || next_sep || compact.ends_with(' ') {
                continue;
            }
            compact.push(' ');
        } else {
            compact.push(c);
        }
    }
    let chunks: Vec<&str> = compact.split(' ').filter(|c| !c.is_empty()).collect();
    let mut out: Vec<Byline> = Vec::new();
    let mut k = 0;
    while k < chunks.len() {
        let chunk = chunks[k];
        k += 1;
        let (label, sep, value) = match chunk.char_indices().find(|(_, c)| is_byline_sep(*c)) {
            Some((pos, sep)) => (
                &chunk[..pos],
                sep,
                chunk[pos + sep.len_utf8()..].to_string(),
            ),
            None if known_label(chunk) && k < chunks.len() => {
                k += 1;
                (chunk, ' ', chunks[k - 1].to_string())
            }
            None => match out.last_mut() {
                // A second name: `作者：张三 李四`.
                Some(prev) if chunk.chars().count() <= 10 => {
                    prev.value.push(' ');
                    prev.value.push_str(chunk);
                    continue;
                }
                _ => return None,
            },
        };
        let value_chars = value.chars().count();
        if label.is_empty() || value.is_empty() || value_chars > 40 {
            return None;
        }
        if value
            .chars()
            .any(|c| matches!(c, '。' | '！' | '？' | '，' | '、' | ',' | '；'))
        {
            return None;
        }
        let loose = matches!(sep, '|' | '｜' | '/' | '／')
            && label.chars().count() <= 4
            && label.chars().all(is_han)
            && value_chars <= 12;
        if !(known_label(label) || loose) {
            return None;
        }
        out.push(Byline {
            label: label.to_string(),
            value,
        });
    }
    (!out.is_empty()).then_some(out)
}

/// Lays out `text` into blocks.
pub(crate) fn layout(text: &str, flavor: Flavor) -> Layout {
    let lines = lines(text);
    let mut out = Layout::default();
    let units = match flavor {
        Flavor::Markdown => markdown_units(text, &lines),
        Flavor::Plain => plain_units(text, &lines),
    };
    let mut seen_paragraph = false;
    for unit in units {
        let s = unit.span.slice(text);
        let kind = match unit.hint {
            Hint::Byline(b) => {
                out.bylines.extend(b);
                BlockKind::Byline
            }
            Hint::Heading => {
                if !seen_paragraph && out.title.is_none() && flavor == Flavor::Markdown && unit.h1 {
                    out.title = Some(s.to_string());
                    BlockKind::Title
                } else {
                    BlockKind::Heading
                }
            }
            Hint::None => {
                if let Some(b) = unit.single_line.then(|| parse_byline(s)).flatten() {
                    out.bylines.extend(b);
                    BlockKind::Byline
                } else if unit.single_line && is_heading_like(s) {
                    if !seen_paragraph && out.title.is_none() {
                        out.title = Some(s.to_string());
                        BlockKind::Title
                    } else {
                        BlockKind::Heading
                    }
                } else {
                    seen_paragraph = true;
                    BlockKind::Paragraph
                }
            }
        };
        out.blocks.push(Block {
            kind,
            span: unit.span,
        });
    }
    out
}

enum Hint {
    None,
    Heading,
    Byline(Vec<Byline>),
}

struct Unit {
    span: Span,
    single_line: bool,
    hint: Hint,
    h1: bool,
}

/// Plain text: one unit per line, unless the text is hard-wrapped, in which case blank-line
/// separated blocks are joined (after peeling byline lines off their top).
fn plain_units(text: &str, lines: &[Line]) -> Vec<Unit> {
    let wrapped = is_hard_wrapped(text, lines);
    let mut units = Vec::new();
    if !wrapped {
        for l in lines.iter().filter(|l| !l.span.is_empty()) {
            units.push(Unit {
                span: l.span,
                single_line: true,
                hint: Hint::None,
                h1: false,
            });
        }
        return units;
    }
    for block in blank_separated(lines) {
        // Byline lines split a block: "Headline\nBy Jane Doe" is a title and a byline.
        let mut run: Vec<Line> = Vec::new();
        for l in block {
            if let Some(b) = parse_byline(l.span.slice(text)) {
                push_run(&mut run, &mut units);
                units.push(Unit {
                    span: l.span,
                    single_line: true,
                    hint: Hint::Byline(b),
                    h1: false,
                });
            } else {
                run.push(*l);
            }
        }
        push_run(&mut run, &mut units);
    }
    units
}

fn push_run(run: &mut Vec<Line>, units: &mut Vec<Unit>) {
    if let (Some(first), Some(last)) = (run.first(), run.last()) {
        units.push(Unit {
            span: Span::new(first.span.start, last.span.end),
            single_line: run.len() == 1,
            hint: Hint::None,
            h1: false,
        });
    }
    run.clear();
}

/// Markdown: `#` headings, blank-line separated paragraphs; other block markup is kept as text.
fn markdown_units(text: &str, lines: &[Line]) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut para: Vec<Line> = Vec::new();
    let flush = |para: &mut Vec<Line>, units: &mut Vec<Unit>| {
        if !para.is_empty() {
            units.push(Unit {
                span: Span::new(para[0].span.start, para[para.len() - 1].span.end),
                single_line: para.len() == 1,
                hint: Hint::None,
                h1: false,
            });
            para.clear();
        }
    };
    let mut fence: Option<&str> = None;
    for l in lines {
        let s = l.span.slice(text);
        // Fenced code is not prose: skipped whole.
        if let Some(f) = fence {
            if s.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if let Some(f) = ["```", "~~~"].into_iter().find(|f| s.starts_with(f)) {
            flush(&mut para, &mut units);
            fence = Some(f);
            continue;
        }
        if s.is_empty() {
            flush(&mut para, &mut units);
            continue;
        }
        let hashes = s.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && s[hashes..].starts_with([' ', '\t']) {
            flush(&mut para, &mut units);
            let inner = Span::new(l.span.start + hashes, l.span.end).trimmed(text);
            let inner = strip_closing_hashes(text, inner);
            if !inner.is_empty() {
                units.push(Unit {
                    span: inner,
                    single_line: true,
                    hint: Hint::Heading,
                    h1: hashes == 1,
                });
            }
            continue;
        }
        // Setext heading: one paragraph line underlined with === or ---.
        let underline =
            !s.is_empty() && (s.chars().all(|c| c == '=') || s.chars().all(|c| c == '-'));
        if underline && para.len() == 1 {
            let span = para[0].span;
            para.clear();
            units.push(Unit {
                span,
                single_line: true,
                hint: Hint::Heading,
                h1: s.starts_with('='),
            });
            continue;
        }
        if is_thematic_break(s) {
            flush(&mut para, &mut units);
            continue;
        }
        // List items and block quotes: each starts a paragraph of its own, marker excluded.
        if let Some(marker) = block_marker(s) {
            flush(&mut para, &mut units);
            let inner = Span::new(l.span.start + marker, l.span.end).trimmed(text);
            if !inner.is_empty() {
                para.push(Line { span: inner });
            }
            if s.starts_with('>') {
                flush(&mut para, &mut units);
            }
            continue;
        }
        para.push(*l);
    }
    flush(&mut para, &mut units);
    units
}

/// Byte length of a list marker (`- `, `* `, `+ `, `1. `, `2) `) or block-quote marker (`> `)
/// at the start of `s`.
fn block_marker(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let len = match b.first()? {
        b'-' | b'*' | b'+' => 1,
        b'>' => return Some(1 + usize::from(b.get(1) == Some(&b' '))),
        _ if (1..=9).contains(&digits) && matches!(b.get(digits), Some(b'.' | b')')) => digits + 1,
        _ => return None,
    };
    matches!(b.get(len), Some(b' ' | b'\t')).then_some(len + 1)
}

fn strip_closing_hashes(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let t = s.trim_end_matches('#');
    if t.len() < s.len() && (t.is_empty() || t.ends_with(' ')) {
        Span::new(span.start, span.start + t.len()).trimmed(text)
    } else {
        span
    }
}

fn is_thematic_break(s: &str) -> bool {
    let c: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    c.len() >= 3
        && (c.chars().all(|x| x == '-')
            || c.chars().all(|x| x == '*')
            || c.chars().all(|x| x == '_'))
}

fn blank_separated(lines: &[Line]) -> Vec<&[Line]> {
    lines
        .split(|l| l.span.is_empty())
        .filter(|b| !b.is_empty())
        .collect()
}

/// Hard-wrapped text has long lines that end mid-sentence and continue on the next line.
fn is_hard_wrapped(text: &str, lines: &[Line]) -> bool {
    let mut followed = 0usize;
    let mut continued = 0usize;
    let mut strong = 0usize;
    for w in lines.windows(2) {
        if w[0].span.is_empty() || w[1].span.is_empty() {
            continue;
        }
        followed += 1;
        let s = w[0].span.slice(text);
        let open = last_meaningful(s).is_some_and(|c| !is_terminal(c));
        // (At most 4 bytes a character: only lines of 40 to 159 bytes need counting.)
        let chars_at_least =
            |n: usize| s.len() >= 4 * n || (s.len() >= n && s.chars().count() >= n);
        if open && chars_at_least(40) {
            continued += 1;
        }
        // A line that stops mid-sentence and goes on in lower case is wrapped for sure.
        let next_lower = w[1]
            .span
            .slice(text)
            .starts_with(|c: char| c.is_ascii_lowercase());
        if open && next_lower && chars_at_least(20) {
            strong += 1;
        }
    }
    strong >= 1 || (continued >= 2 && continued * 4 >= followed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        type Case = (
            &'static str,
            &'static str,
            Option<(&'static str, &'static str)>,
        );
        let cases: &[Case] = &[
            ("pipe", "作者 | 齐健", Some(("作者", "齐健"))),
            ("full-width pipe", "编辑｜廖影", Some(("编辑", "廖影"))),
            (
                "unknown label with pipe",
                "出品 | 虎嗅科技组",
                Some(("出品", "虎嗅科技组")),
            ),
            (
                "header image",
                "头图 | 视觉中国",
                Some(("头图", "视觉中国")),
            ),
            ("slash", "文/张三", Some(("文", "张三"))),
            ("colon known label", "记者：李四", Some(("记者", "李四"))),
            ("english", "By Jane Doe", Some(("by", "Jane Doe"))),
            ("brackets", "【编辑:郭炘蔚】", Some(("编辑", "郭炘蔚"))),
            ("space separator", "记者 张三", Some(("记者", "张三"))),
            (
                "outlet before label",
                "新京报记者：李一凡",
                Some(("新京报记者", "李一凡")),
            ),
            (
                "headline with pipe",
                "独家｜阿里云将发布新一代通义千问大模型",
                None,
            ),
            (
                "headline with pipe and comma",
                "习声回响｜携手抗疫，共克时艰",
                None,
            ),
            (
                "english two",
                "By Jane Doe and John Roe",
                Some(("by", "Jane Doe and John Roe")),
            ),
            ("speech is not a byline", "张勇：我们会继续投入。", None),
            ("colon unknown label", "张勇：继续投入", None),
            (
                "english sentence",
                "By the end of the year, growth slowed.",
                None,
            ),
            (
                "lower-case by phrase",
                "By lunchtime shares were down",
                None,
            ),
        ];
        for (name, line, want) in cases {
            let got = parse_byline(line).map(|mut b| {
                let b = b.remove(0);
                (b.label, b.value)
            });
            let want = want.map(|(l, v)| (l.to_string(), v.to_string()));
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn several_bylines_on_one_line() {
        let b = parse_byline("来源：中安在线　作者：高永维").unwrap();
        let got: Vec<(&str, &str)> = b
            .iter()
            .map(|b| (b.label.as_str(), b.value.as_str()))
            .collect();
        assert_eq!(got, vec![("来源", "中安在线"), ("作者", "高永维")]);
        let b = parse_byline("作者：张三 李四").unwrap();
        assert_eq!(b[0].value, "张三 李四");
    }

    #[test]
    fn headings() {
        let cases: &[(&str, &str, bool)] = &[
            ("short zh", "传统云增长的瓶颈", true),
            ("zh with english", "AI成云厂商的最好出路", true),
            ("zh sentence", "这不仅适用于阿里巴巴。", false),
            ("zh clause", "在今天,", false),
            ("zh question", "AI是泡沫吗？", false),
            (
                "en headline",
                "Cloud Giants Pour Billions Into AI Chips",
                true,
            ),
            ("en sentence", "Shares rose 3%.", false),
            (
                "zh sentence with trailer",
                "上诉请求不能成立,予以驳回。(完)",
                false,
            ),
            ("punctuation only", "。！？……", false),
            (
                "long zh line",
                "AI热的背后是传统的云业务越来越不好干了而且还有很多其他问题需要解决的情况非常复杂",
                false,
            ),
        ];
        for (name, line, want) in cases {
            assert_eq!(is_heading_like(line), *want, "{name}");
        }
    }

    #[test]
    fn layout_one_paragraph_per_line() {
        let text = "出品 | 虎嗅科技组\n作者 | 齐健\n阿里云本季度收入增长4%。张勇表示满意。\n传统云增长的瓶颈\nAI热的背后,是传统的云业务。\n";
        let l = layout(text, Flavor::Plain);
        let kinds: Vec<_> = l.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(kinds, vec![Byline, Byline, Paragraph, Heading, Paragraph]);
        assert_eq!(l.bylines[1].value, "齐健");
        assert_eq!(l.title, None);
        for b in &l.blocks {
            let s = b.span.slice(text);
            assert_eq!(s, s.trim());
        }
    }

    #[test]
    fn layout_hard_wrapped_english() {
        let text = "Cloud Giants Pour Billions Into AI\nBy Jane Doe\n\nThe three largest cloud providers said on Tuesday that they\nwould raise spending on data centres again this year, citing\ndemand for AI.\n\nSupply Is Tight\n\nChip supply remains the bottleneck for every provider in the\nmarket, analysts said.\n";
        let l = layout(text, Flavor::Plain);
        let kinds: Vec<_> = l.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(kinds, vec![Title, Byline, Paragraph, Heading, Paragraph]);
        assert_eq!(
            l.title.as_deref(),
            Some("Cloud Giants Pour Billions Into AI")
        );
        assert!(l.blocks[2].span.slice(text).ends_with("demand for AI."));
    }

    #[test]
    fn markdown_lists_quotes_code_and_setext() {
        let text = "Setext Title\n============\n\n- 第一项,阿里云。\n- 第二项。\n1. 编号项。\n> 引用段落。\n\n```\nlet x = 1;\n```\n\n正文。\n";
        let l = layout(text, Flavor::Markdown);
        let got: Vec<_> = l
            .blocks
            .iter()
            .map(|b| (b.kind, b.span.slice(text)))
            .collect();
        use BlockKind::*;
        assert_eq!(
            got,
            vec![
                (Title, "Setext Title"),
                (Paragraph, "第一项,阿里云。"),
                (Paragraph, "第二项。"),
                (Paragraph, "编号项。"),
                (Paragraph, "引用段落。"),
                (Paragraph, "正文。"),
            ]
        );
    }

    #[test]
    fn layout_markdown() {
        let text = "# 算力之争\n\n正文第一段,继续。\n第二行。\n\n## 小标题\n\n---\n\n第二段。\n";
        let l = layout(text, Flavor::Markdown);
        let got: Vec<_> = l
            .blocks
            .iter()
            .map(|b| (b.kind, b.span.slice(text)))
            .collect();
        use BlockKind::*;
        assert_eq!(
            got,
            vec![
                (Title, "算力之争"),
                (Paragraph, "正文第一段,继续。\n第二行。"),
                (Heading, "小标题"),
                (Paragraph, "第二段。"),
            ]
        );
    }
}

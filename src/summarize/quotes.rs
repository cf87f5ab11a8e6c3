//! Direct quotations and their speakers.
//!
//! 1. **Find** the outermost matched `“…”`, `「…」`, `『…』` and `"…"` pairs of each paragraph;
//!    an opening mark left open at the end of a paragraph whose successor reopens a quotation
//!    is the first part of a quotation that goes on (English convention).
//! 2. **Filter** quoted terms and names (`“抓手”`, `以“字节云”的身份`, the so-called "AI tax"):
//!    short spans without clause punctuation that run on into the sentence or have no speech cue.
//! 3. **Attribute**: quote first (`“……。”张勇表示`, `"…," he said`), speaker first
//!    (`张勇再度重申“……”`, `Huang said: "…"`), or for a quotation standing alone the neighbouring
//!    sentence or paragraph, or the quotation before it. The speaker phrase is the subject of the
//!    speech cue: adverbials (`在此前接受访问时曾`), addressees (`对虎嗅`, `told reporters`) and
//!    modifying clauses (`近期与虎嗅沟通过的`) are cut off, a title is split from the name
//!    (`钉钉总裁` / `叶军`), and pronouns (`他`, `she`) resolve to the nearest named person outside
//!    any quotation.
//! 4. **Indirect speech** (`据…介绍`, `…在报告中指出`, `according to …`) has no marks and is
//!    never reported as a direct quotation; [`QuoteKind::Indirect`] is reserved for it.

use super::{content_units, has_han, is_cjk};
use crate::model::{
    Analysis, Attribution, BlockKind, Document, Entity, EntityKind, Quote, QuoteKind, Span, Token,
    TokenKind,
};

/// Chinese speech cues (whole jieba tokens).
const ZH_CUES: &[&str] = &[
    "表示",
    "认为",
    "指出",
    "强调",
    "透露",
    "坦言",
    "直言",
    "重申",
    "回应",
    "提到",
    "谈到",
    "告诉",
    "介绍",
    "称",
    "说",
    "说道",
    "问道",
    "答道",
    "写道",
    "笑称",
    "坦承",
    "感叹",
    "补充",
    "解释",
    "表态",
    "声称",
    "宣称",
    "承认",
    "相信",
    "判断",
    "预计",
    "提醒",
    "总结",
    "直说",
    "感慨",
    "预测",
    "反问",
    "回忆",
    "分析",
    "解释道",
    "补充道",
    "称赞",
    "评价",
    "呼吁",
    "警告",
    "说明",
];

/// Words ending in 说 or 称 that are not speech cues. Other such tokens are a cue glued to the
/// word before it by jieba (`梁子超说` → `梁子|超说`, `发推称`), so the cue is their last character.
const NOT_GLUED_CUES: &[&str] = &[
    "小说",
    "传说",
    "据说",
    "听说",
    "虽说",
    "再说",
    "比如说",
    "就是说",
    "也就是说",
    "学说",
    "游说",
    "劝说",
    "演说",
    "解说",
    "说说",
    "总称",
    "名称",
    "简称",
    "号称",
    "堪称",
    "俗称",
    "统称",
    "通称",
    "自称",
    "对称",
    "昵称",
    "职称",
    "爱称",
    "并称",
    "著称",
    "相称",
    "谎称",
    "戏称",
    "不说",
    "别说",
    "却说",
    "话说",
    "且说",
    "不用说",
    "一说",
    "瞎说",
    "胡说",
    "白说",
    "难说",
    "来说",
    "总的来说",
    "一般来说",
    "具体来说",
    "简单来说",
];

/// Whether `w` is one of [`EN_CUES`], any case (asked of every token: lowercased into one
/// 16-byte number and looked up in the sorted numbers of the cues).
fn is_en_cue(w: &str) -> bool {
    static SORTED: std::sync::OnceLock<Vec<u128>> = std::sync::OnceLock::new();
    let b = w.as_bytes();
    if !(3..=16).contains(&b.len()) || !b[0].is_ascii_alphabetic() {
        return false;
    }
    let key = |b: &[u8]| {
        let mut buf = [0u8; 16];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        u128::from_le_bytes(buf)
    };
    let sorted = SORTED.get_or_init(|| {
        debug_assert!(
            EN_CUES
                .iter()
                .all(|c| (3..=16).contains(&c.len()) && c.is_ascii())
        );
        let mut v: Vec<u128> = EN_CUES.iter().map(|c| key(c.as_bytes())).collect();
        v.sort_unstable();
        v
    });
    sorted.binary_search(&key(b)).is_ok()
}

/// English speech cues (case-insensitive whole words).
const EN_CUES: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "noted",
    "notes",
    "explained",
    "wrote",
    "writes",
    "asked",
    "argued",
    "stated",
    "warned",
    "insisted",
    "acknowledged",
    "admitted",
    "claimed",
    "continued",
    "replied",
    "recalled",
    "remarked",
    "observed",
    "predicted",
    "stressed",
    "emphasised",
    "emphasized",
    "conceded",
    "declared",
    "commented",
    "cautioned",
    "believes",
    "according",
];

/// Words that end a Chinese subject before the cue: adverbials, prepositions of place, time and
/// addressee (`钉钉总裁叶军|在此前接受访问时曾表示`, `一位供应商|对虎嗅表示`).
const ZH_SUBJECT_END: &[&str] = &[
    "在",
    "对",
    "向",
    "跟",
    "曾",
    "也",
    "均",
    "都",
    "还",
    "则",
    "仍",
    "亦",
    "就",
    "又",
    "更",
    "已",
    "已经",
    "再度",
    "再次",
    "此前",
    "近日",
    "日前",
    "昨天",
    "今天",
    "当天",
    "接受",
    "坦率",
    "直接",
    "公开",
    "明确",
    "随即",
    "一直",
    "多次",
    "曾经",
    "同样",
    "进一步",
    "特别",
    "甚至",
    "当时",
    "早前",
    "此前曾",
    "近期",
    "最近",
    "今年",
    "去年",
    "日",
    "月",
    "于",
    "通过",
    "即",
    "便",
    "私下",
    "对此",
    "据此",
    "这样",
    "这么",
    "如此",
    "所",
    "因此",
    "所以",
    "同时",
    "不止",
    "并",
    "一再",
    "反复",
    "始终",
    "还曾",
    "随后",
    "之后",
];

/// Leading connectives dropped from a Chinese subject (`但张勇仍认为`).
const ZH_LEADING: &[&str] = &[
    "正如",
    "如同",
    "就像",
    "正像",
    "但",
    "而",
    "不过",
    "然而",
    "同时",
    "对此",
    "此外",
    "另外",
    "其中",
    "随后",
    "但是",
    "并且",
    "而且",
    "因此",
    "所以",
    "此后",
    "为此",
    "对于此",
    "就此",
];

/// Whether `w` ends with one of [`ZH_TITLES`] (asked of every token: the last character is
/// checked first, against the few that end a title).
fn is_title(w: &str) -> bool {
    static LAST: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let last = LAST.get_or_init(|| {
        let mut v: Vec<char> = ZH_TITLES
            .iter()
            .filter_map(|t| t.chars().next_back())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    w.chars()
        .next_back()
        .is_some_and(|c| last.binary_search(&c).is_ok())
        && ZH_TITLES.iter().any(|t| w.ends_with(t))
}

/// Title words that separate a role from the name after it (`钉钉总裁叶军`).
const ZH_TITLES: &[&str] = &[
    "大师",
    "馆长",
    "董事总经理",
    "总干事",
    "干事",
    "总统",
    "副总统",
    "总理",
    "副总理",
    "首相",
    "外长",
    "大使",
    "议员",
    "州长",
    "院士",
    "医生",
    "医师",
    "所长",
    "校长",
    "团长",
    "队长",
    "领队",
    "主教练",
    "教练",
    "运动员",
    "球员",
    "导演",
    "作家",
    "律师",
    "博士",
    "官员",
    "发言人",
    "代表",
    "委员",
    "首席执行官",
    "首席技术官",
    "首席财务官",
    "首席运营官",
    "首席科学家",
    "总裁",
    "副总裁",
    "董事长",
    "副董事长",
    "总经理",
    "副总经理",
    "创始人",
    "联合创始人",
    "主席",
    "董事",
    "负责人",
    "经理",
    "总监",
    "分析师",
    "发言人",
    "院长",
    "教授",
    "部长",
    "主任",
    "合伙人",
    "工程师",
    "架构师",
    "设计师",
    "程序员",
    "开发者",
    "创业者",
    "投资人",
    "顾问",
    "主编",
    "研究员",
    "CEO",
    "CIO",
    "CMO",
    "CTO",
    "CFO",
    "COO",
    "总编辑",
    "秘书长",
    "会长",
    "理事长",
    "首席",
    "高管",
    "专家",
    "局长",
    "厅长",
    "书记",
    "市长",
    "省长",
    "总工程师",
    "副总",
    "老板",
    "掌门人",
    "掌舵人",
];

/// Last words of English organisation names, never a person (`Energy Policy Center`).
const ORG_HEADS: &[&str] = &[
    "Center",
    "Centre",
    "Inc",
    "Corp",
    "Corporation",
    "University",
    "Group",
    "Bank",
    "Department",
    "Ministry",
    "Agency",
    "Association",
    "Institute",
    "Council",
    "Committee",
    "Company",
    "Co",
    "Ltd",
    "Brothers",
    "Reuters",
    "Exchange",
    "Board",
    "Commission",
    "Fund",
    "Party",
    "Research",
    "Systems",
    "Cloud",
    "Capital",
    "Securities",
    "Markets",
    "Partners",
    "Holdings",
    "Technologies",
    "Labs",
    "Office",
    "House",
    "Court",
    "Service",
    "Services",
    "Administration",
    "Federation",
    "Union",
];

/// Pronouns resolved to the nearest named person.
const ZH_PRONOUNS: &[&str] = &["他", "她", "其"];
const EN_PRONOUNS: &[&str] = &["he", "she"];

/// Addressees that are never speakers.
const NOT_SPEAKERS: &[&str] = &["记者", "本报记者", "reporters", "reporter", "journalists"];

/// A matched pair in a paragraph.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// Byte offset of the opening mark.
    open: usize,
    /// The text between the marks (trimmed).
    inner: Span,
    /// One past the closing mark (the paragraph end for a continued quotation).
    after: usize,
    /// Index of the paragraph in `paragraphs`.
    para: usize,
    /// Opened but not closed in this paragraph; the next paragraph reopens.
    continued: bool,
}

/// What the extractor knows about the document.
struct Ctx<'a> {
    text: &'a str,
    tokens: &'a [Token],
    entities: &'a [Entity],
    paragraphs: Vec<Span>,
    /// Sentence spans of the analysis, in order.
    sentences: Vec<Span>,
    /// Every matched quoted span (marks included), for "outside any quotation" checks.
    quoted: Vec<Span>,
    /// `quoted` with nested spans merged into their outer one: sorted and disjoint, so
    /// [`Ctx::in_quote`] is a binary search, not a scan per token.
    outer: Vec<Span>,
}

/// A speaker phrase cut into name and title.
#[derive(Debug, Default, Clone)]
struct Speaker {
    name: String,
    role: String,
    cue: String,
    /// Where the name (or the pronoun it replaces) stands, for pronoun resolution.
    at: usize,
    /// True when the name is a person's name, not a pronoun or anonymous description.
    named: bool,
    /// True when the cue is attached to the quotation: right after it (`“……”张勇表示`,
    /// `“……”，赵钧陶说`) or right before it (`表示：“`, `告诉虎嗅,“`). Only an attached cue makes
    /// a short span without clause punctuation a quotation.
    attached: bool,
}

/// Every direct quotation of `doc`, in document order, with its speaker.
pub fn extract(doc: &Document, analysis: &Analysis) -> Vec<Quote> {
    extract_with(doc, analysis, false).0
}

/// The direct quotations and, separately, the indirect speech of `doc` (`据…介绍，…`,
/// `…在报告中指出，…`, `援引…称`, `according to …`, `X said (that) …`), each in document order.
/// An indirect report's `text` is the reported clause.
pub fn extract_all(doc: &Document, analysis: &Analysis) -> (Vec<Quote>, Vec<Quote>) {
    extract_with(doc, analysis, true)
}

/// A Traditional article's quotations are found in its Simplified form (cue words, titles and
/// names as the rules know them; folding keeps every offset), then given back the article's
/// own characters.
fn extract_with(doc: &Document, analysis: &Analysis, indirect: bool) -> (Vec<Quote>, Vec<Quote>) {
    let Some(folded) = &doc.folded else {
        return extract_in(doc, &doc.text, analysis, indirect);
    };
    let mut view = analysis.clone();
    for e in &mut view.entities {
        e.text = e.span.slice(folded).to_string();
    }
    let (quotes, reports) = extract_in(doc, folded, &view, indirect);
    let back = |q: Quote| Quote {
        text: q.span.slice(&doc.text).to_string(),
        speaker: unfold(&doc.text, folded, &q.speaker, q.span.start),
        role: unfold(&doc.text, folded, &q.role, q.span.start),
        cue: unfold(&doc.text, folded, &q.cue, q.span.start),
        ..q
    };
    (
        quotes.into_iter().map(back).collect(),
        reports.into_iter().map(back).collect(),
    )
}

/// `s`, a piece of `folded`, as `original` writes it: the bytes of its occurrence nearest to
/// `near` (folding keeps the layout); `s` itself when it does not occur.
fn unfold(original: &str, folded: &str, s: &str, near: usize) -> String {
    if s.is_empty() {
        return String::new();
    }
    folded
        .match_indices(s)
        .map(|(at, _)| at)
        .min_by_key(|&at| at.abs_diff(near))
        .map_or_else(
            || s.to_string(),
            |at| original[at..at + s.len()].to_string(),
        )
}

/// [`extract_with`] over `text` (the article's text, or its folded form).
fn extract_in(
    doc: &Document,
    text: &str,
    analysis: &Analysis,
    indirect: bool,
) -> (Vec<Quote>, Vec<Quote>) {
    let paragraphs: Vec<Span> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .map(|b| b.span)
        .collect();
    let mut ctx = Ctx {
        text,
        tokens: &analysis.tokens,
        entities: &analysis.entities,
        paragraphs,
        sentences: analysis.sentences.iter().map(|s| s.span).collect(),
        quoted: Vec::new(),
        outer: Vec::new(),
    };
    let candidates = find_candidates(&mut ctx);
    let mut quotes: Vec<(Candidate, Option<Speaker>, Attribution)> = Vec::new();
    for c in candidates {
        let first = ctx.quote_first(&c);
        let speaker_first = ctx.speaker_first(&c);
        let starts_sentence = ctx.starts_sentence(c.open);
        let ((primary, p_how), (secondary, s_how)) = if starts_sentence {
            (
                (first, Attribution::QuoteFirst),
                (speaker_first, Attribution::SpeakerFirst),
            )
        } else {
            (
                (speaker_first, Attribution::SpeakerFirst),
                (first, Attribution::QuoteFirst),
            )
        };
        let (speaker, how) = match (primary, secondary) {
            (Some(p), _) if !p.name.is_empty() => (Some(p), p_how),
            (_, Some(s)) if !s.name.is_empty() => (Some(s), s_how),
            (Some(p), _) => (Some(p), p_how),
            (None, Some(s)) => (Some(s), s_how),
            (None, None) => (None, Attribution::None),
        };
        if ctx.is_term(&c, speaker.as_ref().is_some_and(|s| s.attached)) {
            continue;
        }
        quotes.push((c, speaker, how));
    }
    // Quotations standing alone: the quotation before in the same paragraph, else the
    // neighbouring sentence or paragraph.
    for k in 0..quotes.len() {
        if quotes[k].1.is_some() || quotes[k].0.continued {
            continue;
        }
        let c = quotes[k].0;
        let previous = k
            .checked_sub(1)
            .map(|p| &quotes[p])
            .filter(|p| p.0.para == c.para && p.1.as_ref().is_some_and(|s| !s.name.is_empty()))
            .and_then(|p| p.1.clone());
        let found = previous.or_else(|| ctx.neighbour(&c));
        if let Some(s) = found {
            quotes[k].1 = Some(s);
            quotes[k].2 = Attribution::Neighbour;
        }
    }
    // A continued quotation takes the speaker of its rest (the next quotation).
    for k in (0..quotes.len()).rev() {
        if quotes[k].0.continued
            && let Some(next) = quotes.get(k + 1).and_then(|n| n.1.clone())
        {
            quotes[k].1 = Some(next);
            quotes[k].2 = Attribution::Continuation;
        }
    }
    // The rest of a continued quotation takes the speaker of its first part.
    for k in 1..quotes.len() {
        if quotes[k - 1].0.continued
            && quotes[k].0.para == quotes[k - 1].0.para + 1
            && quotes[k].1.as_ref().is_none_or(|s| s.name.is_empty())
            && let Some(first) = quotes[k - 1].1.clone()
        {
            quotes[k].1 = Some(first);
            quotes[k].2 = Attribution::Continuation;
        }
    }
    // Pronouns → the nearest named person before them, outside quotations.
    let mut named = ctx.named_mentions();
    for (_, s, _) in &quotes {
        if let Some(s) = s
            && s.named
        {
            named.push((s.at, s.name.clone()));
        }
    }
    // Every later mention of a name already known as a speaker (`梁子超给出……`).
    let names: std::collections::BTreeSet<String> = named
        .iter()
        .map(|(_, n)| n.clone())
        .filter(|n| n.chars().count() >= 2)
        .collect();
    for name in &names {
        for (at, _) in ctx.text.match_indices(name.as_str()) {
            if !ctx.in_quote(at) {
                named.push((at, name.clone()));
            }
        }
    }
    named.sort();
    named.dedup();
    let mut out: Vec<Quote> = Vec::with_capacity(quotes.len());
    let mut previous: Option<(usize, String)> = None;
    for (c, speaker, how) in quotes {
        let mut s = speaker.unwrap_or_default();
        // `"…," said the regional manager. "…," he added.`: a pronoun right after a quotation
        // of the same paragraph is its speaker, named or not.
        match &previous {
            Some((para, name)) if *para == c.para && is_pronoun(&s.name) => s.name = name.clone(),
            _ => ctx.resolve(&named, &mut s),
        }
        previous = (!s.name.is_empty()).then(|| (c.para, s.name.clone()));
        let how = if s.name.is_empty() && s.cue.is_empty() {
            Attribution::None
        } else {
            how
        };
        out.push(Quote {
            kind: QuoteKind::Direct,
            text: c.inner.slice(ctx.text).to_string(),
            span: c.inner,
            speaker: s.name,
            role: s.role,
            cue: s.cue,
            attribution: how,
        });
    }
    let reports = if indirect {
        ctx.reports()
            .into_iter()
            .map(|(span, mut s)| {
                ctx.resolve(&named, &mut s);
                Quote {
                    kind: QuoteKind::Indirect,
                    text: span.slice(ctx.text).to_string(),
                    span,
                    speaker: s.name,
                    role: s.role,
                    cue: s.cue,
                    attribution: Attribution::SpeakerFirst,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    (out, reports)
}

impl Ctx<'_> {
    /// Resolves a pronoun (`他`, `she`), a demonstrative (`这位创始人`) or `it`/`the company` in
    /// `s.name` against the named mentions `named` (sorted by position).
    fn resolve(&self, named: &[(usize, String)], s: &mut Speaker) {
        let ctx = self;
        if let Some(head) = demonstrative_head(&s.name) {
            if let Some(found) = ctx.antecedent(head, s.at) {
                s.name = found;
            }
        } else if matches!(
            s.name.to_lowercase().as_str(),
            "it" | "the company" | "the firm"
        ) {
            // The nearest company or organisation mentioned before, outside quotations.
            s.name = ctx
                .entities_from(0, s.at)
                .iter()
                .rfind(|e| {
                    matches!(e.kind, EntityKind::Vendor | EntityKind::Org)
                        && e.span.start < s.at
                        && !ctx.in_quote(e.span.start)
                })
                .map(|e| e.canonical.clone())
                .unwrap_or_default();
        } else if is_pronoun(&s.name) {
            let before = named.partition_point(|(at, _)| *at < s.at);
            s.name = before
                .checked_sub(1)
                .map(|i| fuller_name(&named[..i], &named[i].1))
                .unwrap_or_default();
        }
    }

    /// Indirect speech, one report per sentence at most: the reported clause and its speaker.
    fn reports(&self) -> Vec<(Span, Speaker)> {
        let text = self.text;
        let mut out = Vec::new();
        for &s in &self.sentences {
            let sentence = s.slice(text);
            let english = !has_han(sentence);
            let found = if english {
                self.english_report(s)
            } else {
                self.chinese_report(s)
            };
            if let Some((span, speaker)) = found {
                let span = trim(text, span.start, span.end);
                let clause = span.slice(text);
                if content_units(clause) >= 4 && !speaker.name.is_empty() {
                    out.push((span, speaker));
                }
            }
        }
        out
    }

    /// `据王立群介绍，……` / `IDC的数据显示，……` / `沈俊峰表示，……` / `援引……称，……`.
    fn chinese_report(&self, s: Span) -> Option<(Span, Speaker)> {
        let text = self.text;
        let toks = self.tokens_in(s.start, s.end);
        let is_report_cue = |t: &Token| {
            let w = t.span.slice(text);
            (self.is_cue(t) || matches!(w, "显示" | "看来" | "报道" | "了解" | "统计"))
                && !self.in_quote(t.span.start)
        };
        // The cue near the start, followed by a comma or colon that is not the start of a
        // direct quotation.
        // (Tokens inside a quotation that opens the sentence do not count.)
        let (k, cue) = toks
            .iter()
            .enumerate()
            .filter(|(_, t)| !self.in_quote(t.span.start))
            .take(30)
            .find(|(k, t)| {
                is_report_cue(t)
                    && toks.get(k + 1..k + 3).is_some_and(|after| {
                        after
                            .iter()
                            .any(|x| matches!(x.span.slice(text), "，" | "," | "：" | ":"))
                    })
            })?;
        let comma = toks[k + 1..]
            .iter()
            .find(|x| matches!(x.span.slice(text), "，" | "," | "：" | ":"))?;
        let clause_start = comma.span.end;
        if text[clause_start..]
            .trim_start()
            .starts_with(['“', '「', '『', '"'])
        {
            return None; // a direct quotation
        }
        let clause_end = self
            .quoted_from(clause_start, s.end)
            .iter()
            .find(|q| q.len() > 30)
            .map_or(s.end, |q| q.start);
        let mut start = s.start;
        // `据王立群介绍` / `援引IDC称`: the speaker follows 据 / 援引.
        if let Some(p) = toks[..k]
            .iter()
            .rposition(|t| matches!(t.span.slice(text), "据" | "援引" | "引述" | "根据"))
        {
            start = toks[p].span.end;
        }
        let mut speaker = self.chinese_speaker(start, cue);
        speaker.name = speaker
            .name
            .trim_end_matches("的数据")
            .trim_end_matches("的报告")
            .trim_end_matches("数据")
            .trim_end_matches("报告")
            .trim_end_matches('的')
            .to_string();
        Some((Span::new(clause_start, clause_end), speaker))
    }

    /// `According to IDC, …` / `…, according to IDC.` / `Marsh said (that) …`.
    fn english_report(&self, s: Span) -> Option<(Span, Speaker)> {
        let text = self.text;
        let sentence = s.slice(text);
        let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        // `a report published last week by Canalys` → `Canalys`.
        let according = |name: &str| Speaker {
            name: collapse(
                name.rsplit_once(" by ")
                    .map_or(name, |(_, by)| by)
                    .trim()
                    .trim_end_matches(['.', ',']),
            ),
            cue: "according to".to_string(),
            at: s.start,
            ..Speaker::default()
        };
        if let Some(rest) = sentence.strip_prefix("According to ")
            && let Some((name, _)) = rest.split_once(", ")
            && name.split_whitespace().count() <= 8
        {
            let start = s.start + "According to ".len() + name.len() + 2;
            return Some((Span::new(start, s.end), according(name)));
        }
        if let Some(i) = sentence.rfind(", according to ") {
            let name = &sentence[i + ", according to ".len()..];
            if name.split_whitespace().count() <= 8 {
                return Some((Span::new(s.start, s.start + i), according(name)));
            }
        }
        if self
            .quoted_from(s.start, s.end)
            .iter()
            .any(|q| q.end <= s.end)
        {
            return None;
        }
        let toks = self.tokens_in(s.start, s.end);
        let cue = toks.iter().take(14).find(|t| {
            let w = t.span.slice(text).to_ascii_lowercase();
            matches!(
                w.as_str(),
                "said"
                    | "says"
                    | "told"
                    | "added"
                    | "noted"
                    | "argued"
                    | "expects"
                    | "estimates"
                    | "predicted"
                    | "warned"
                    | "believes"
                    | "say"
                    | "expect"
                    | "estimated"
                    | "described"
                    | "reported"
                    | "forecast"
                    | "stated"
            )
        })?;
        let speaker = self.english_speaker(s.start, cue, s.end)?;
        let mut start = cue.span.end;
        let rest = &text[start..s.end];
        let lead = rest.len() - rest.trim_start().len();
        if rest.trim_start().starts_with("that ") {
            start += lead + "that ".len();
        }
        Some((Span::new(start, s.end), speaker))
    }
}

/// `一位`, `多位`, `一名`: the start of an anonymous speaker.
fn is_quantifier(w: &str) -> bool {
    matches!(
        w,
        "一位"
            | "多位"
            | "一名"
            | "几位"
            | "两位"
            | "数位"
            | "某位"
            | "一些"
            | "不少"
            | "多名"
            | "部分"
    )
}

/// Common Chinese surnames, for telling a name (`王立群`) from a description (`行业人士`).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

/// Endings of Chinese descriptions that are not names (`行业人士`, `声明`, `该公司`).
const GENERIC_HEADS: &[&str] = &[
    "人士",
    "人员",
    "人",
    "者",
    "商",
    "师",
    "方",
    "家",
    "员",
    "工",
    "层",
    "户",
    "民",
    "生",
    "们",
    "部门",
    "机构",
    "公司",
    "企业",
    "官员",
    "专家",
    "代表",
    "负责人",
    "声明",
    "报告",
    "政府",
    "媒体",
    "网站",
    "官网",
    "集团",
    "银行",
    "协会",
    "组织",
    "委员会",
    "部",
    "局",
    "厅",
    "署",
    "院",
    "所",
    "校",
    "会",
    "社",
    "台",
    "报",
    "网",
    "团队",
    "用户",
    "客户",
    "市场",
    "行业",
    "消息",
    "文件",
    "数据",
];

/// A Chinese personal name: 2–3 characters starting with a common surname, or a 2–6 character
/// transliteration (`特朗普`, `穆拉什科`) that is not a description (`行业人士`, `一位供应商`).
fn is_chinese_name(name: &str) -> bool {
    let n = name.chars().count();
    if !name.chars().all(is_cjk) || !(2..=6).contains(&n) {
        return false;
    }
    let surname = name.chars().next().is_some_and(|c| SURNAMES.contains(c));
    (surname && n <= 3)
        || (!name.starts_with([
            '一', '多', '某', '该', '这', '那', '几', '两', '数', '各', '每', '有', '此', '其',
            '本', '全', '据',
        ]) && !GENERIC_HEADS.iter().any(|h| name.ends_with(h)))
}

fn is_pronoun(s: &str) -> bool {
    ZH_PRONOUNS.contains(&s) || EN_PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(s))
}

fn is_open_mark(c: char) -> bool {
    matches!(c, '“' | '「' | '『' | '"')
}

/// Clause punctuation (the list comma `、` is not: “外防输入、内防反弹” is a slogan).
fn is_clause_punct(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '。' | '！' | '？' | '!' | '?' | '；' | ';' | '：' | ':' | '…'
    )
}

/// Words that introduce a name or a term, not speech: `下称“…”`, `所谓“…”`, `so-called "…"`.
const NAMING: &[&str] = &[
    "下称",
    "简称",
    "又称",
    "俗称",
    "名为",
    "叫做",
    "称为",
    "号称",
    "所谓",
    "称作",
    "被称为",
    "dubbed",
    "called",
    "so-called",
    "nicknamed",
    "named",
    "titled",
    "branded",
    "known as",
    "termed",
];

/// Clause punctuation inside a quotation (a `.` counts only at the end or before a space).
fn has_clause_punct(s: &str) -> bool {
    let t = s.trim_end();
    t.chars().any(is_clause_punct)
        || t.ends_with('.')
        || t.contains(". ")
        || t.ends_with("—")
        || t.ends_with('-')
}

fn find_candidates(ctx: &mut Ctx) -> Vec<Candidate> {
    let text = ctx.text;
    let mut out = Vec::new();
    for (p, &para) in ctx.paragraphs.iter().enumerate() {
        let marks = crate::analyze::sentences::quotation_marks(text, para);
        let mut outer_end = 0usize;
        let mut members: Vec<usize> = Vec::new();
        for &(open, close) in &marks {
            members.push(open);
            members.push(close);
            let close_len = text[close..].chars().next().map_or(1, char::len_utf8);
            ctx.quoted.push(Span::new(open, close + close_len));
            if open < outer_end {
                continue; // nested
            }
            outer_end = close + close_len;
            let oc = text[open..].chars().next().unwrap_or('"');
            if !is_open_mark(oc) {
                continue; // ‘…’
            }
            let inner = trim(text, open + oc.len_utf8(), close);
            if inner.is_empty() {
                continue;
            }
            out.push(Candidate {
                open,
                inner,
                after: close + close_len,
                para: p,
                continued: false,
            });
        }
        // An opening mark left open, with the next paragraph reopening: a continued quotation.
        let next_reopens = ctx.paragraphs.get(p + 1).is_some_and(|n| {
            n.slice(text)
                .trim_start()
                .chars()
                .next()
                .is_some_and(is_open_mark)
        });
        if next_reopens {
            let unmatched = para
                .slice(text)
                .char_indices()
                .map(|(i, c)| (para.start + i, c))
                .filter(|&(i, c)| matches!(c, '“' | '「' | '"') && !members.contains(&i))
                .find(|&(i, _)| i >= outer_end);
            if let Some((open, c)) = unmatched {
                let inner = trim(text, open + c.len_utf8(), para.end);
                if !inner.is_empty() {
                    ctx.quoted.push(Span::new(open, para.end));
                    out.push(Candidate {
                        open,
                        inner,
                        after: para.end,
                        para: p,
                        continued: true,
                    });
                }
            }
        }
    }
    ctx.quoted.sort();
    for &q in &ctx.quoted {
        match ctx.outer.last_mut() {
            Some(last) if q.start < last.end => last.end = last.end.max(q.end),
            _ => ctx.outer.push(q),
        }
    }
    out
}

fn trim(text: &str, start: usize, end: usize) -> Span {
    crate::ingest::layout::trim_span(text, Span::new(start, end))
}

impl Ctx<'_> {
    /// The entity mentions that start in `[start, end)` (mentions are in text order). Lookups
    /// here and below are binary searches: a long article has thousands of candidates, and a
    /// scan of all mentions, sentences or quotations per candidate made it quadratic.
    fn entities_from(&self, start: usize, end: usize) -> &[Entity] {
        let a = self.entities.partition_point(|e| e.span.start < start);
        let b = self.entities.partition_point(|e| e.span.start < end);
        &self.entities[a..b.max(a)]
    }

    /// The quoted spans (sorted by start) that start in `[start, end)`.
    fn quoted_from(&self, start: usize, end: usize) -> &[Span] {
        let a = self.quoted.partition_point(|q| q.start < start);
        let b = self.quoted.partition_point(|q| q.start < end);
        &self.quoted[a..b.max(a)]
    }

    /// Named people mentioned outside quotations, by position: dictionary persons, a name after
    /// a title (`创始人王立群`), `Grace Liu, chief executive …`, `Mr. Chen said`.
    fn named_mentions(&self) -> Vec<(usize, String)> {
        let text = self.text;
        let mut out: Vec<(usize, String)> = self
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person && !self.in_quote(e.span.start))
            .map(|e| (e.span.start, e.text.clone()))
            .collect();
        for (k, t) in self.tokens.iter().enumerate() {
            if self.in_quote(t.span.start) {
                continue;
            }
            let w = t.span.slice(text);
            if is_title(w) && w.chars().all(is_cjk) {
                // The name after a title, which jieba may cut (`卫生部长|穆|拉什科`): one token,
                // or a single character and the token after it.
                let mut end = t.span.end;
                for next in self.tokens[k + 1..].iter().take(2) {
                    let nw = next.span.slice(text);
                    let first = end == t.span.end;
                    if next.span.start != end
                        || !nw.chars().all(is_cjk)
                        || ZH_SUBJECT_END.contains(&nw)
                        || self.is_cue(next)
                        || (!first && text[t.span.end..end].chars().count() > 1)
                    {
                        break;
                    }
                    end = next.span.end;
                }
                let name = &text[t.span.end..end];
                if is_chinese_name(name) {
                    out.push((t.span.end, name.to_string()));
                }
            }
            // English: the capitalised words before `said` or before `, role`.
            let cue = is_en_cue(w);
            let appositive = w == ","
                && self.tokens.get(k + 1).is_some_and(|n| {
                    let nw = n.span.slice(text);
                    nw.chars().next().is_some_and(char::is_lowercase) && nw != "and" && nw != "but"
                });
            if cue || appositive {
                let mut j = k;
                let mut words = Vec::new();
                while j > 0 && words.len() < 3 {
                    let p = self.tokens[j - 1];
                    let pw = p.span.slice(text);
                    // A pronoun right before the cue (`He said`) names nobody; a word ending in
                    // a full stop (`Inc.`) ends the previous sentence.
                    if words.is_empty() && matches!(pw, "He" | "She" | "It" | "They" | "We" | "I") {
                        break;
                    }
                    if p.kind == TokenKind::Word
                        && pw.chars().next().is_some_and(char::is_uppercase)
                        && (words.is_empty() || !pw.ends_with('.'))
                    {
                        words.push(p);
                        j -= 1;
                    } else if pw == "."
                        && j >= 2
                        && matches!(
                            self.tokens[j - 2].span.slice(text),
                            "Mr" | "Ms" | "Mrs" | "Dr"
                        )
                    {
                        j -= 1;
                    } else {
                        break;
                    }
                }
                // `chief executive of Ridgeline Data Centers, who …` names a company.
                let org =
                    j > 0 && matches!(self.tokens[j - 1].span.slice(text), "of" | "at" | "for");
                if org {
                    continue;
                }
                let organisation = words.first().is_some_and(|w| {
                    let w = w.span.slice(text);
                    ORG_HEADS.contains(&w)
                        || (w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()))
                });
                if organisation {
                    continue;
                }
                if let (Some(first), Some(last)) = (words.last(), words.first()) {
                    let name = &text[first.span.start..last.span.end];
                    if !matches!(
                        name,
                        "The" | "But" | "He" | "She" | "It" | "They" | "In" | "On" | "At"
                    ) {
                        out.push((first.span.start, name.to_string()));
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// `这位创始人` → the nearest earlier `一位……创始人` (or `……创始人`) outside quotations.
    fn antecedent(&self, head: &str, before: usize) -> Option<String> {
        let text = &self.text[..before];
        let mut end = text.len();
        while let Some(i) = text[..end].rfind(head) {
            end = i;
            if self.in_quote(i)
                || text[..i].ends_with(['这', '该', '那'])
                || text[..i].ends_with("这位")
                || text[..i].ends_with("这名")
            {
                continue;
            }
            let stop = i + head.len();
            let clause_start = text[..i]
                .rfind(['，', ',', '。', '；', '：', '\n', '”'])
                .map_or(0, |p| {
                    p + text[p..].chars().next().map_or(1, char::len_utf8)
                });
            return self
                .chinese_subject(clause_start, stop)
                .map(|(_, name, _)| name);
        }
        None
    }

    fn in_quote(&self, at: usize) -> bool {
        let k = self.outer.partition_point(|q| q.start < at);
        k > 0 && at < self.outer[k - 1].end
    }

    fn sentence_at(&self, at: usize) -> Option<Span> {
        let k = self.sentences.partition_point(|s| s.end <= at);
        self.sentences.get(k).copied().filter(|s| s.start <= at)
    }

    fn paragraph_of(&self, at: usize) -> Span {
        let k = self.paragraphs.partition_point(|s| s.end <= at);
        self.paragraphs[k.min(self.paragraphs.len() - 1)]
    }

    /// True when only whitespace or a closed quotation precedes `open` in its sentence.
    fn starts_sentence(&self, open: usize) -> bool {
        let start = self.sentence_at(open).map_or(open, |s| s.start);
        let before = &self.text[start..open];
        before.trim().is_empty() || {
            // `“A。”“B。”` or `"A," he said. "B"`: the sentence opened with a quotation.
            self.quoted_from(start, start + 1)
                .iter()
                .any(|q| q.end <= open)
                && !self.text[start..open].contains(['，', ','])
        }
    }

    /// True when the quotation has no Han character (English attribution rules apply).
    fn is_english(&self, c: &Candidate) -> bool {
        !has_han(c.inner.slice(self.text))
    }

    /// The speaker of `cue`, looking back to `start` (and, in English, on to `end`).
    fn speaker_for(&self, english: bool, start: usize, cue: &Token, end: usize) -> Option<Speaker> {
        if english {
            self.english_speaker(start, cue, end)
        } else {
            Some(self.chinese_speaker(start, cue))
        }
    }

    /// Is the candidate a quoted term or name rather than a quotation?
    fn is_term(&self, c: &Candidate, has_speaker: bool) -> bool {
        if c.continued {
            return false;
        }
        let inner = c.inner.slice(self.text);
        let n = content_units(inner);
        let han = has_han(inner);
        let before = self.text[..c.open]
            .trim_end_matches(|ch: char| ch.is_whitespace() || ch == '(' || ch == '（');
        // `业内常说的“卡脖子”`: a quoted noun after 的 is a term.
        if n <= 12
            && (NAMING.iter().any(|w| before.ends_with(w)) || (han && before.ends_with('的')))
        {
            return true;
        }
        // A term keeps the comma of the sentence inside the marks in American style: "AI tax,".
        let core = inner.trim_end_matches([',', '，', '.']);
        let short = if han { n <= 6 } else { n <= 3 };
        if has_clause_punct(if short { core } else { inner }) {
            return false;
        }
        // The quotation runs on into the clause: `“妙鸭相机”的爆火`, `"AI tax" on`.
        let runs_on = self.text[c.after..]
            .chars()
            .next()
            .is_some_and(|ch| ch.is_alphanumeric() && !ch.is_whitespace());
        let standalone = self.starts_sentence(c.open) && {
            let rest = self.text[c.after..].trim_start();
            rest.is_empty() || rest.starts_with(['。', '！', '？', '.', '!', '?', '\n'])
        };
        if han {
            // Without clause punctuation, only an attached cue makes it a quotation.
            // A short one is a quotation only when its cue is attached and it ends a clause
            // (`表示，“已介入调查”。`).
            let ends_clause = {
                let rest = self.text[c.after..].trim_start();
                rest.is_empty() || rest.starts_with(['。', '！', '？', '，', ',', '；', '\n'])
            };
            (n <= 6 && !(has_speaker && ends_clause))
                || (runs_on && n <= 12)
                || (!has_speaker && !standalone)
        } else {
            n <= 2 || (!has_speaker && !standalone && n < 8)
        }
    }

    fn tokens_in(&self, start: usize, end: usize) -> &[Token] {
        let a = self.tokens.partition_point(|t| t.span.start < start);
        let b = self.tokens.partition_point(|t| t.span.start < end);
        &self.tokens[a..b.max(a)]
    }

    fn is_cue(&self, t: &Token) -> bool {
        if t.kind != TokenKind::Word {
            return false;
        }
        let w = t.span.slice(self.text);
        ZH_CUES.contains(&w) || self.glued_cue(t) || is_en_cue(w)
    }

    /// `超说` in `梁子|超说`: a name's last character and the cue in one token.
    fn glued_cue(&self, t: &Token) -> bool {
        let w = t.span.slice(self.text);
        w.chars().count() >= 2
            && w.ends_with(['说', '称'])
            && w.chars().all(is_cjk)
            && !ZH_CUES.contains(&w)
            && !NOT_GLUED_CUES.contains(&w)
    }

    /// Where the cue itself starts (inside a glued token, its last character).
    fn cue_start(&self, t: &Token) -> usize {
        if self.glued_cue(t) {
            t.span.end - '说'.len_utf8()
        } else {
            t.span.start
        }
    }

    fn cue_text(&self, t: &Token) -> String {
        self.text[self.cue_start(t)..t.span.end].to_string()
    }

    /// `“……”张勇表示` / `"…," said Jensen Huang` / `"…," he said`.
    fn quote_first(&self, c: &Candidate) -> Option<Speaker> {
        let after = c.after;
        let sentence_end = self
            .sentence_at(after.saturating_sub(1))
            .map_or(after, |s| s.end);
        let para_end = self.paragraph_of(c.open).end;
        let end = sentence_end.max(after).min(para_end);
        let end = floor_char(self.text, end.min(after + 180));
        let window = &self.text[after..end];
        // Stop at the next sentence end outside quotations.
        let stop = window
            .char_indices()
            .find(|&(i, ch)| matches!(ch, '。' | '！' | '？') && !self.in_quote(after + i))
            .map_or(end, |(i, _)| after + i);
        let english = self.is_english(c);
        let cue = self
            .tokens_in(after, stop)
            .iter()
            .take(if english { 14 } else { 40 })
            .find(|t| self.is_cue(t) && !self.in_quote(t.span.start))?;
        let between = self.text[after..cue.span.start]
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '，' | ',' | '、'));
        // Attached only when the quotation opens its clause (`……，“……”张勇说`), not when it
        // sits inside one (`已达到“临界点”，呼吁……`).
        let opens_clause = self.text[..c.open]
            .trim_end()
            .chars()
            .next_back()
            .is_none_or(|ch| {
                is_clause_punct(ch) || matches!(ch, '.' | '”' | '」' | '"' | '\n' | '(' | '（')
            });
        let attached = opens_clause && !between.chars().any(is_clause_punct);
        let speaker = self.speaker_for(english, after, cue, stop);
        speaker.map(|s| Speaker { attached, ..s })
    }

    /// `张勇表示,“……”` / `张勇再度重申“……”` / `Huang said: "…"`.
    fn speaker_first(&self, c: &Candidate) -> Option<Speaker> {
        let sentence_start = self.sentence_at(c.open).map_or(c.open, |s| s.start);
        let para_start = self.paragraph_of(c.open).start;
        let start = sentence_start.max(para_start);
        // Not across an earlier quotation of the same sentence.
        let start = self
            .quoted_from(0, c.open)
            .iter()
            .filter(|q| q.end <= c.open && q.end > start)
            .map(|q| q.end)
            .max()
            .unwrap_or(start);
        let toks = self.tokens_in(start, c.open);
        let english = self.is_english(c);
        // The cue and at most a short addressee (`告诉虎嗅,`, `told reporters:`) before the mark.
        let near = toks
            .iter()
            .enumerate()
            .rev()
            .take(if english { 7 } else { 6 })
            .find(|(_, t)| self.is_cue(t))
            .filter(|(k, _)| {
                let gap = &toks[k + 1..];
                // `告诉虎嗅,`, `told a press conference,`
                gap.iter().filter(|t| t.kind == TokenKind::Word).count()
                    <= if english { 3 } else { 2 }
                    && !gap.iter().any(|t| {
                        let w = t.span.slice(self.text);
                        matches!(w, "。" | "！" | "？" | "." | "!" | "?")
                    })
            })
            .map(|(_, t)| t);
        // `孙浩然表示，团队已经……，“……”`: the sentence opens with its attribution and reports
        // a clause before the quotation, which follows a comma.
        let opens = || {
            let before = self.text[start..c.open].trim_end();
            if !before.ends_with(['，', ',', '：', ':']) {
                return None;
            }
            toks.iter().enumerate().take(16).find_map(|(k, t)| {
                let after = toks.get(k + 1..k + 3)?;
                let comma = after
                    .iter()
                    .any(|x| matches!(x.span.slice(self.text), "，" | "," | "：" | ":"));
                (self.is_cue(t) && comma && !self.in_quote(t.span.start)).then_some(t)
            })
        };
        // `他说，凡是……，“我们可以向这些国家汲取经验”。`: a quotation that closes the sentence
        // its speaker opened is attached too.
        let closes_sentence = {
            let rest = self.text[c.after..].trim_start_matches([' ', '\t']);
            rest.is_empty() || rest.starts_with(['。', '！', '？', '.', '!', '?', '\n', '\r'])
        };
        let attached = near.is_some_and(|cue| {
            toks.iter()
                .filter(|t| t.span.start > cue.span.start && t.kind == TokenKind::Word)
                .count()
                <= 1
        }) || (near.is_none() && closes_sentence);
        let cue = near.or_else(opens)?;
        let speaker = self.speaker_for(english, start, cue, c.open);
        speaker.map(|s| Speaker { attached, ..s })
    }

    /// The standalone quotation's speaker from the next sentences (same paragraph, else the first
    /// two of the next paragraph), or from a previous sentence that ends with `…说：`.
    fn neighbour(&self, c: &Candidate) -> Option<Speaker> {
        let para = self.paragraphs[c.para];
        let english = self.is_english(c);
        // `巴赫说，他要……。“……”`: the sentence before, in the same paragraph, opens with its
        // speaker's cue.
        let before = self.sentences.partition_point(|s| s.end <= c.open);
        if let Some(prev) = self.sentences[..before]
            .last()
            .filter(|s| s.start >= para.start)
            && !self
                .quoted_from(prev.start, prev.end)
                .iter()
                .any(|q| q.end <= prev.end)
            && let Some(cue) = self
                .tokens_in(prev.start, prev.end)
                .iter()
                .take(if english { 16 } else { 12 })
                .find(|t| self.is_cue(t))
        {
            let sp = self.speaker_for(english, prev.start, cue, prev.end);
            if let Some(sp) = sp.filter(|sp| !sp.name.is_empty()) {
                return Some(sp);
            }
        }
        let after = self.sentences.partition_point(|s| s.start < c.after);
        let mut next: Vec<Span> = self.sentences[after..]
            .iter()
            .take_while(|s| s.end <= para.end)
            .take(1)
            .copied()
            .collect();
        if next.is_empty()
            && let Some(np) = self.paragraphs.get(c.para + 1)
        {
            let first = self.sentences.partition_point(|s| s.start < np.start);
            next = self.sentences[first..]
                .iter()
                .take_while(|s| s.end <= np.end)
                .take(2)
                .copied()
                .collect();
        }
        for s in next {
            // Only a sentence that starts with its attribution, not one that quotes someone else.
            let Some(cue) = self
                .tokens_in(s.start, s.end)
                .iter()
                .take(if english { 12 } else { 30 })
                .find(|t| self.is_cue(t) && !self.in_quote(t.span.start))
            else {
                continue;
            };
            if self
                .quoted_from(s.start, cue.span.start)
                .iter()
                .any(|q| q.end <= cue.span.start)
            {
                continue;
            }
            let sp = self.speaker_for(english, s.start, cue, s.end);
            if let Some(sp) = sp.filter(|sp| !sp.name.is_empty()) {
                return Some(sp);
            }
        }
        // `张勇说：` closing the previous paragraph.
        let prev = self.paragraphs.get(c.para.checked_sub(1)?)?;
        let last = prev.slice(self.text).trim_end();
        if last.ends_with(['：', ':']) {
            let toks = self.tokens_in(prev.start, prev.start + last.len());
            let cue = toks.iter().rev().take(3).find(|t| self.is_cue(t))?;
            let s = self
                .sentence_at(cue.span.start)
                .map_or(prev.start, |s| s.start);
            return self.speaker_for(english, s, cue, prev.end);
        }
        None
    }

    /// The subject of the Chinese cue `cue`, looking back to `start`.
    fn chinese_speaker(&self, start: usize, cue: &Token) -> Speaker {
        let text = self.text;
        let mut speaker = Speaker {
            cue: self.cue_text(cue),
            ..Speaker::default()
        };
        // The clause before the cue; when it holds only adverbs (`,再度重申`), the one before.
        let seg = &text[start..self.cue_start(cue)];
        let mut clauses: Vec<(usize, &str)> = Vec::new();
        let mut from = 0;
        for (i, ch) in seg.char_indices() {
            if matches!(
                ch,
                '，' | ',' | '；' | ';' | '：' | ':' | '”' | '」' | '"' | '。'
            ) {
                clauses.push((start + from, &seg[from..i]));
                from = i + ch.len_utf8();
            }
        }
        clauses.push((start + from, &seg[from..]));
        for &(at, clause) in clauses.iter().rev().take(2) {
            if let Some((name_at, name, role)) = self.chinese_subject(at, at + clause.len()) {
                speaker.named = self.is_person_name(name_at, &name);
                speaker.name = name;
                speaker.role = role;
                speaker.at = name_at;
                return speaker;
            }
        }
        speaker.at = cue.span.start;
        speaker
    }

    /// The subject phrase of the clause `[start, end)`: (offset, name, role).
    fn chinese_subject(&self, start: usize, end: usize) -> Option<(usize, String, String)> {
        let text = self.text;
        let toks: Vec<&Token> = self
            .tokens_in(start, end)
            .iter()
            .filter(|t| t.span.end <= end)
            .collect();
        // The name's tail sits in a token glued to the cue (`梁子|超说`): the Han run before
        // the cue completes the phrase.
        let glued_tail = |e: usize| {
            let rest = &text[e..end];
            !rest.is_empty() && rest.chars().count() <= 3 && rest.chars().all(is_cjk)
        };
        let clause = text[start..end].trim();
        if toks.is_empty() && !clause.is_empty() && glued_tail(end - clause.len()) {
            return Some((end - clause.len(), clause.to_string(), String::new()));
        }
        // After the last 的 (a modifying clause before the head noun), then up to the first word
        // that ends a subject.
        let mut first = toks
            .iter()
            .rposition(|t| t.span.slice(text) == "的")
            .map_or(0, |k| k + 1);
        // `一位不愿具名的行业人士`: an anonymous speaker keeps its own modifier.
        if let Some(q) = toks[..first]
            .iter()
            .rposition(|t| is_quantifier(t.span.slice(text)))
        {
            first = q;
        }
        while first < toks.len() && ZH_LEADING.contains(&toks[first].span.slice(text)) {
            first += 1;
        }
        // A leading `在…上,`-type adverbial is its own clause; a leading subject-ending word
        // (`近期`) before a subject is skipped.
        while first < toks.len() && ZH_SUBJECT_END.contains(&toks[first].span.slice(text)) {
            first += 1;
        }
        let last = toks[first..]
            .iter()
            .position(|t| {
                let w = t.span.slice(text);
                // jieba glues an adverb to the verb after it (`特朗普|曾发|推称`).
                let adverb_glued =
                    w.chars().count() == 2 && w.starts_with(['曾', '也', '均', '仍', '亦']);
                let name_dot = matches!(w, "·" | "•" | "・");
                ZH_SUBJECT_END.contains(&w)
                    || adverb_glued
                    || (t.kind == TokenKind::Punct && !name_dot)
            })
            .map_or(toks.len(), |k| first + k);
        if first >= last {
            return None;
        }
        let s = toks[first].span.start;
        let mut e = toks[last - 1].span.end;
        if last == toks.len() && glued_tail(e) {
            e = end;
        }
        let phrase = text[s..e].trim();
        if phrase.is_empty() || NOT_SPEAKERS.contains(&phrase) {
            return None;
        }
        // A dictionary person inside the phrase is the name; what precedes it is the role.
        if let Some(p) = self
            .entities_from(s, e)
            .iter()
            .find(|x| x.kind == EntityKind::Person && x.span.end <= e)
        {
            let role = text[s..p.span.start].trim().to_string();
            return Some((p.span.start, p.text.clone(), role));
        }
        // A title word followed by a 2–4 character name: `钉钉总裁叶军`.
        for title in ZH_TITLES {
            if let Some(i) = phrase.rfind(title) {
                let rest = &phrase[i + title.len()..];
                let len = rest.chars().count();
                let latin_name = rest.starts_with(|c: char| c.is_ascii_uppercase())
                    && rest
                        .chars()
                        .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '.' | '-'));
                let han_name = rest
                    .chars()
                    .all(|c| is_cjk(c) || matches!(c, '·' | '•' | '・'))
                    && !rest.starts_with(['·', '•', '・']);
                if ((2..=8).contains(&len) && han_name) || latin_name {
                    return Some((
                        s + i + title.len(),
                        rest.to_string(),
                        phrase[..i + title.len()].to_string(),
                    ));
                }
            }
        }
        (phrase.chars().count() <= 24).then(|| (s, phrase.to_string(), String::new()))
    }

    fn is_person_name(&self, at: usize, name: &str) -> bool {
        if is_pronoun(name) {
            return false;
        }
        self.entities_from(at, at + 1)
            .iter()
            .any(|e| e.kind == EntityKind::Person)
            || is_chinese_name(name)
            || (name.split_whitespace().count() <= 3
                && name
                    .split_whitespace()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase)))
    }

    /// The English speaker around the cue: `said Jensen Huang, chief executive of Nvidia`,
    /// `Huang said`, `chairman Richard Parsons said`, `Smith, an analyst at Gartner, said`.
    fn english_speaker(&self, start: usize, cue: &Token, end: usize) -> Option<Speaker> {
        let text = self.text;
        let cue_word = cue.span.slice(text);
        if cue_word.eq_ignore_ascii_case("according") {
            return None;
        }
        let mut speaker = Speaker {
            cue: cue_word.to_string(),
            at: cue.span.start,
            ..Speaker::default()
        };
        // Hard-wrapped copy: one space for any run of whitespace.
        let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut before = collapse(
            text[start..cue.span.start]
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '"' | '”' | '“')),
        );
        // Not across a sentence end the splitter kept (`… Brothers Inc. He added`).
        if let Some(i) = before.rfind(". ")
            && before[i + 2..].starts_with(|c: char| c.is_uppercase())
            && !before[..i].ends_with(|c: char| c.is_uppercase())
        {
            before = before[i + 2..].to_string();
        }
        // `…the economy, said David Wyss of Data Resources`: the name follows the cue.
        let next_word = text[cue.span.end..end]
            .split_whitespace()
            .next()
            .unwrap_or("");
        // (`told` and `asked` are followed by the addressee, never the speaker.)
        let inverted = !matches!(
            cue_word.to_ascii_lowercase().as_str(),
            "told" | "tells" | "asked"
        ) && text[start..cue.span.start].trim_end().ends_with(',')
            && (next_word.starts_with(|c: char| c.is_uppercase())
                || matches!(next_word, "a" | "an" | "one" | "the"));
        let (phrase, at) = if before.is_empty() || inverted {
            // `said Jensen Huang, chief executive of Nvidia.`
            let rest = collapse(&text[cue.span.end..end]);
            let stop = rest
                .char_indices()
                .find(|&(i, c)| match c {
                    ';' | '"' | '“' | '”' | ':' => true,
                    // `E.F. Hutton`: a full stop after an initial does not end the name.
                    '.' => {
                        let at_end = rest[i + 1..].is_empty() || rest[i + 1..].starts_with(' ');
                        let initial = rest[..i]
                            .rsplit([' ', '.'])
                            .next()
                            .is_some_and(|w| w.chars().count() == 1);
                        at_end && !initial
                    }
                    _ => false,
                })
                .map_or(rest.len(), |(i, _)| i);
            let body = rest[..stop].trim();
            let (name, role) = match body.split_once(", ") {
                Some((n, r)) => (n.trim(), r.trim()),
                None => (body, ""),
            };
            // `the regional manager for one of the major oil companies who spoke …`
            let name = strip_en_article_tail(cut_relative_clause(strip_en_tail(name)));
            let name = name.as_str();
            speaker.role = role.trim_end_matches(',').to_string();
            speaker.role = cut_relative_clause(&speaker.role).to_string();
            (name.to_string(), cue.span.end)
        } else {
            // The last clause before the cue; an appositive (`, an analyst at Gartner,`) is a role.
            let parts: Vec<&str> = before.split(", ").map(str::trim).collect();
            let last = strip_en_connective(parts.last()?);
            let appositive = parts.len() >= 2
                && (starts_lower_article(last)
                    || (is_capitalised_name(parts[parts.len() - 2]) && !is_capitalised_name(last)));
            let (name, role) = if appositive {
                (strip_en_connective(parts[parts.len() - 2]), last)
            } else {
                (last, "")
            };
            speaker.role = cut_relative_clause(role).to_string();
            (name.to_string(), cue.span.start.saturating_sub(1))
        };
        let phrase = phrase.trim().trim_end_matches(',').to_string();
        if phrase.is_empty() || phrase.split_whitespace().count() > 9 {
            return Some(speaker);
        }
        if NOT_SPEAKERS.contains(&phrase.as_str()) {
            return Some(speaker);
        }
        // `Bill Sullivan of Dean Witter Reynolds` → name + organisation; `Midland Montagu's
        // Maude` → organisation + name.
        for sep in [" of ", " at ", " with ", " from "] {
            if let Some((name, org)) = phrase.split_once(sep)
                && is_capitalised_name(name)
                && org.starts_with(|c: char| c.is_uppercase())
            {
                if speaker.role.is_empty() {
                    speaker.role = org.to_string();
                }
                speaker.named = true;
                speaker.name = name.to_string();
                speaker.at = at;
                return Some(speaker);
            }
        }
        if let Some((org, name)) = phrase
            .rsplit_once("'s ")
            .or_else(|| phrase.rsplit_once("' "))
            && is_capitalised_name(name)
            && is_capitalised_name(org)
        {
            speaker.role = org.to_string();
            speaker.named = true;
            speaker.name = name.to_string();
            speaker.at = at;
            return Some(speaker);
        }
        // `chairman and chief executive Richard Parsons` → role + name (a trailing capitalised run).
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let caps = words
            .iter()
            .rev()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        let (name, role) = if caps > 0 && caps < words.len() && !starts_lower_article(&phrase) {
            let lead = &words[..words.len() - caps];
            let name_words = &words[words.len() - caps..];
            if lead
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_lowercase))
                || lead.len() <= 4
            {
                (name_words.join(" "), lead.join(" "))
            } else {
                (phrase.clone(), String::new())
            }
        } else {
            (strip_en_article_tail(&phrase), String::new())
        };
        speaker.named = caps > 0 && !starts_lower_article(&name) && !is_pronoun(&name);
        speaker.at = at;
        if speaker.role.is_empty() {
            speaker.role = role;
        }
        speaker.name = if is_pronoun(&name) {
            name.to_lowercase()
        } else {
            name
        };
        Some(speaker)
    }
}

/// `But they` → `they`, `In an interview Smith` stays (only sentence connectives are dropped).
fn strip_en_connective(s: &str) -> &str {
    for c in [
        "But ",
        "And ",
        "However ",
        "Yet ",
        "So ",
        "Still ",
        "Meanwhile ",
        "Now ",
        "Also ",
    ] {
        if let Some(rest) = s.strip_prefix(c) {
            return rest.trim_start();
        }
    }
    s
}

/// `Jensen Huang`, `Chen Hao`, `Mr. Hollis`: one to four capitalised words.
fn is_capitalised_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// `Mr. Chen` or `Marsh` → the fuller form mentioned earlier (`Chen Hao`, `Elena Marsh`).
fn fuller_name(earlier: &[(usize, String)], name: &str) -> String {
    let short = name
        .trim_start_matches("Mr. ")
        .trim_start_matches("Ms. ")
        .trim_start_matches("Mrs. ")
        .trim_start_matches("Dr. ");
    if short.contains(' ') || !short.is_ascii() {
        return name.to_string();
    }
    earlier
        .iter()
        .rev()
        .map(|(_, n)| n)
        .find(|n| n.contains(' ') && n.split_whitespace().any(|w| w == short))
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

/// `这位创始人` → `创始人`; `None` when the phrase is not a demonstrative description.
fn demonstrative_head(s: &str) -> Option<&str> {
    ["这位", "该位", "这名", "该名", "那位"]
        .iter()
        .find_map(|d| s.strip_prefix(d))
        .filter(|h| !h.is_empty())
}

/// `chief executive of X, which designs …` → `chief executive of X`.
fn cut_relative_clause(role: &str) -> &str {
    let mut end = role.len();
    for sep in [
        ", which",
        ", who",
        " who ",
        " which ",
        " (",
        ", a ",
        ", an ",
        ", when",
        ", as ",
        ", after ",
        ", adding",
        ", speaking",
        ", in a ",
        ", in an ",
    ] {
        if let Some(i) = role.find(sep) {
            end = end.min(i);
        }
    }
    role[..end].trim_end_matches(',').trim()
}

/// `a spokesperson for AWS` → `a spokesperson`; other phrases unchanged.
fn strip_en_article_tail(phrase: &str) -> String {
    if starts_lower_article(phrase) {
        for sep in [" for ", " at ", " of ", " with ", " from "] {
            if let Some(i) = phrase.find(sep) {
                return phrase[..i].to_string();
            }
        }
    }
    phrase.to_string()
}

/// Drops `in an interview`, `on Tuesday` after a name.
fn strip_en_tail(name: &str) -> &str {
    for sep in [" in ", " on ", " at a ", " during ", " last ", " this "] {
        if let Some(i) = name.find(sep) {
            return &name[..i];
        }
    }
    name
}

fn starts_lower_article(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    matches!(
        first,
        "a" | "an" | "the" | "one" | "two" | "another" | "several"
    )
}

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use crate::analyze::Analyzer;
    use crate::ingest::{IngestConfig, Ingester, InputFormat};
    use crate::model::{Attribution, Origin};

    /// (name, article text, expected (quotation, speaker, role, cue, attribution) in order).
    type Case = (
        &'static str,
        &'static str,
        &'static [(
            &'static str,
            &'static str,
            &'static str,
            &'static str,
            Attribution,
        )],
    );

    use Attribution::*;
    const CASES: &[Case] = &[
        (
            "quote first, plain",
            "“AI革命是云厂商的增量机会。”张勇表示。",
            &[("AI革命是云厂商的增量机会。", "张勇", "", "表示", QuoteFirst)],
        ),
        (
            "quote first, title and adverbials before the cue",
            "“三年内的目标,是收支平衡。”钉钉总裁叶军在此前接受访问时曾表示,接入AI后需求上升。",
            &[(
                "三年内的目标,是收支平衡。",
                "叶军",
                "钉钉总裁",
                "表示",
                QuoteFirst,
            )],
        ),
        (
            "anonymous speaker, the addressee is not the speaker",
            "“中国商人太精明了。”一位云计算硬件供应商对虎嗅表示,市场很难做。",
            &[(
                "中国商人太精明了。",
                "一位云计算硬件供应商",
                "",
                "表示",
                QuoteFirst,
            )],
        ),
        (
            "modifying clause before an anonymous speaker",
            "“未来还会有新的应用出现。”近期与虎嗅沟通过的多位AI应用开发者均表示,需求很大。",
            &[(
                "未来还会有新的应用出现。",
                "多位AI应用开发者",
                "",
                "表示",
                QuoteFirst,
            )],
        ),
        (
            "speaker first with an addressee, and quoted terms left out",
            "AI正在成为阿里云的“抓手”。一位项目经理告诉虎嗅,“用户自建云都是为了满足不同的需求。”",
            &[(
                "用户自建云都是为了满足不同的需求。",
                "一位项目经理",
                "",
                "告诉",
                SpeakerFirst,
            )],
        ),
        (
            "speaker first without punctuation, and 但…仍认为",
            "张勇再度重申“阿里巴巴的所有业务都值得用AI重新做一遍”。“云上支出依旧偏低。”虽然难了不少,但张勇仍认为,渗透率会提高。",
            &[
                (
                    "阿里巴巴的所有业务都值得用AI重新做一遍",
                    "张勇",
                    "",
                    "重申",
                    SpeakerFirst,
                ),
                ("云上支出依旧偏低。", "张勇", "", "认为", QuoteFirst),
            ],
        ),
        (
            "standalone quotation, pronoun in the next paragraph",
            "“做垂直模型的,就不是大模型公司。”\n\n会上,创始人王立群明确了方向。他表示,未来只有两条路。",
            &[(
                "做垂直模型的,就不是大模型公司。",
                "王立群",
                "",
                "表示",
                Neighbour,
            )],
        ),
        (
            "cue glued to the name by jieba, speaker between two quotations",
            "“社区里面的交叉感染风险很高。”梁子超说。“冲击很大,我们正在想办法。”,赵钧陶说,“跨国公司也在调整。”",
            &[
                (
                    "社区里面的交叉感染风险很高。",
                    "梁子超",
                    "",
                    "说",
                    QuoteFirst,
                ),
                ("冲击很大,我们正在想办法。", "赵钧陶", "", "说", QuoteFirst),
                ("跨国公司也在调整。", "赵钧陶", "", "说", SpeakerFirst),
            ],
        ),
        (
            "standalone quotation after its speaker's sentence; adverb glued to the verb",
            "巴赫说,他要向所有人表示感谢。“我相信我们能够渡过难关。”\n\n特朗普曾发推称:“汽油价格降低了。”",
            &[
                ("我相信我们能够渡过难关。", "巴赫", "", "说", Neighbour),
                ("汽油价格降低了。", "特朗普", "", "称", SpeakerFirst),
            ],
        ),
        (
            "names after a split title, a Latin name, a pronoun after an earlier mention",
            "俄卫生部长穆拉什科说,这是好事。他说,俄政府日前追加拨款,“早些时候,计划每月生产1000台。”\n\n世博会总干事ReemAlHashimy表示:“许多国家已受到影响。”\n\n“社区传播的风险仍在。”梁子超说。\n\n世卫组织随后回应了质疑。对于“临界点”,梁子超给出肯定的答案。“我觉得已经是生死存亡的问题。”他说。",
            &[
                (
                    "早些时候,计划每月生产1000台。",
                    "穆拉什科",
                    "",
                    "说",
                    SpeakerFirst,
                ),
                (
                    "许多国家已受到影响。",
                    "ReemAlHashimy",
                    "世博会总干事",
                    "表示",
                    SpeakerFirst,
                ),
                ("社区传播的风险仍在。", "梁子超", "", "说", QuoteFirst),
                (
                    "我觉得已经是生死存亡的问题。",
                    "梁子超",
                    "",
                    "说",
                    QuoteFirst,
                ),
            ],
        ),
        (
            "an institution's name after a cue is not a quotation",
            "伊拉克专家30日对记者说,因伊拉克“中央公共卫生实验室”(中央实验室)出现技术故障,检测暂停。",
            &[],
        ),
        (
            "English: an unclosed quotation does not shift the later pairs; name of organisation",
            "\"It's a gloomy outlook, said David Wyss of Data Resources Inc. \"I'm impressed by the drop.\"\n\n\"People just aren't buying,\" said Bill Sullivan of Dean Witter.",
            &[
                (
                    "I'm impressed by the drop.",
                    "David Wyss",
                    "Data Resources Inc",
                    "said",
                    Neighbour,
                ),
                (
                    "People just aren't buying,",
                    "Bill Sullivan",
                    "Dean Witter",
                    "said",
                    QuoteFirst,
                ),
            ],
        ),
        (
            "English: hard-wrapped attribution with a long appositive before the cue",
            "In the sharpest criticism, board chairman John\nTower, a former senator from Texas, told a press conference, \"The president\nclearly did not understand the operation.\"",
            &[(
                "The president\nclearly did not understand the operation.",
                "John Tower",
                "a former senator from Texas",
                "told",
                SpeakerFirst,
            )],
        ),
        (
            "slogans, lists and defined names are not quotations; a dotted name after a title",
            "浙江对境外疫情实现“全员、全方位、全链条”精准防控。山西建投国际公司(下称“山西建投国合公司”)承建了医院。正如葡萄酒大师杰西丝·罗宾逊所称赞:“中国葡萄酒的未来在宁夏。”",
            &[(
                "中国葡萄酒的未来在宁夏。",
                "杰西丝·罗宾逊",
                "葡萄酒大师",
                "称赞",
                SpeakerFirst,
            )],
        ),
        (
            "English: an anonymous speaker with a relative clause, then `he added`",
            "\"OPEC has to learn that lesson,\" said the regional manager for one of the major oil companies who spoke on condition that he not be named. \"The market is teaching them again,\" he added.",
            &[
                (
                    "OPEC has to learn that lesson,",
                    "the regional manager",
                    "",
                    "said",
                    QuoteFirst,
                ),
                (
                    "The market is teaching them again,",
                    "the regional manager",
                    "",
                    "added",
                    QuoteFirst,
                ),
            ],
        ),
        (
            "short quotation with an attached cue; short terms inside a clause",
            "一名工作人员向记者表示,“已介入调查”。业内常说的“卡脖子”,如今不只是芯片。医疗系统或已达到“临界点”,呼吁市民做好防护。",
            &[("已介入调查", "一名工作人员", "", "表示", SpeakerFirst)],
        ),
        (
            "term running on into the clause",
            "“妙鸭相机”的爆火导致服务器压力攀升,火山引擎以“字节云”的身份登场。",
            &[],
        ),
        (
            "English: said NAME, role",
            "\"Demand is strong,\" said Jensen Huang, chief executive of Nvidia.",
            &[(
                "Demand is strong,",
                "Jensen Huang",
                "chief executive of Nvidia",
                "said",
                QuoteFirst,
            )],
        ),
        (
            "English: pronoun and speaker first",
            "Grace Liu, chief executive of Ridgeline, spoke first. \"We spent 2023 begging for chips,\" she said.\n\nLiu said: \"Power is the new silicon.\"",
            &[
                (
                    "We spent 2023 begging for chips,",
                    "Grace Liu",
                    "",
                    "said",
                    QuoteFirst,
                ),
                ("Power is the new silicon.", "Liu", "", "said", SpeakerFirst),
            ],
        ),
        (
            "English: appositive and an anonymous spokesperson",
            "Tom Becker, senior vice president at Tidewater, told reporters, \"The grid is the bottleneck.\" \"We follow the grid,\" said a spokesperson for Tidewater.",
            &[
                (
                    "The grid is the bottleneck.",
                    "Tom Becker",
                    "senior vice president at Tidewater",
                    "told",
                    SpeakerFirst,
                ),
                (
                    "We follow the grid,",
                    "a spokesperson",
                    "",
                    "said",
                    QuoteFirst,
                ),
            ],
        ),
        (
            "English: scare quotes are not quotations",
            "Analysts call it the \"AI tax,\" and the product is nicknamed \"Project Blue\" internally.",
            &[],
        ),
    ];

    #[test]
    fn quotation_table() {
        let analyzer = Analyzer::with_defaults().unwrap();
        let ingester = Ingester::new(IngestConfig::default());
        for (name, text, expected) in CASES {
            let doc = ingester
                .document_from_text(
                    "t".into(),
                    Origin::file("t"),
                    "UTF-8",
                    text.to_string(),
                    InputFormat::Text,
                )
                .unwrap();
            let analysis = analyzer.analyze_without_keywords(&doc);
            let got: Vec<_> = super::extract(&doc, &analysis)
                .into_iter()
                .map(|q| {
                    assert_eq!(q.span.slice(&doc.text), q.text, "{name}: offsets");
                    (q.text, q.speaker, q.role, q.cue, q.attribution)
                })
                .collect();
            let want: Vec<_> = expected
                .iter()
                .map(|(t, s, r, c, a)| {
                    (
                        t.to_string(),
                        s.to_string(),
                        r.to_string(),
                        c.to_string(),
                        *a,
                    )
                })
                .collect();
            assert_eq!(got, want, "case: {name}");
        }
    }
}

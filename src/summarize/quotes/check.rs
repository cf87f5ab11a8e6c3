//! Stage 3b, check: a speaker is a noun phrase that names or describes someone. What the
//! attribution found is checked before it is returned: a speech verb or a document caught in the
//! phrase is cut off (`网商银行表示` → `网商银行`, `荷兰银行在报告中` → `荷兰银行`), and what
//! is not a speaker at all (`视频中`, `最新公告`, `笑着`, `非常`, `一位`) is dropped, so that a
//! neighbouring sentence may name the speaker, or none is given rather than a wrong one.

use super::*;
use crate::analyze::literals::Literals;

/// Verbs of saying and writing that end a speaker phrase when they turn up inside it (those of
/// [`ZH_CUES`], and these).
const INNER_VERBS: &[&str] = &[
    "发表", "发了", "发布", "评论", "发文", "撰文", "留言", "回复", "致信", "来信", "写信", "讲述",
    "告知", "坦言", "接受", "举办", "召开", "举行",
];

/// Documents, media and occasions: where words are written or said, never who says them.
const DOCUMENTS: &[&str] = &[
    "视频",
    "报告",
    "文章",
    "公告",
    "声明",
    "信",
    "信件",
    "微博",
    "朋友圈",
    "采访",
    "节目",
    "讲话",
    "致辞",
    "发言",
    "文件",
    "通报",
    "通知",
    "报道",
    "研报",
    "撰文",
    "帖子",
    "推文",
    "新闻稿",
    "社论",
    "评论",
    "发文",
    "信件",
    "书信",
    "来信",
];

/// Adverbs, manner words and other words that are never a speaker by themselves.
const NOT_NOUNS: &[&str] = &[
    "非常",
    "并未",
    "没有",
    "也",
    "都",
    "还",
    "曾",
    "又",
    "再",
    "已",
    "已经",
    "则",
    "更",
    "就",
    "便",
    "却",
    "仍",
    "正",
    "将",
    "会",
    "要",
    "对此",
    "随后",
    "此前",
    "同时",
    "当时",
    "情况介绍",
    "笑着",
    "有诸多",
    "对于",
    "为题",
    "更是",
    "还是",
    "就是",
    "也是",
    "正是",
    "不得不",
    "如是",
];

/// Words glued to the end of a speaker that are not part of it (`丁美娜如是`).
const TRAILING_WORDS: &[&str] = &[
    "如是",
    "一边",
    "随即",
    "当即",
    "坦率地",
    "齐声",
    "异口同声",
    "纷纷",
    "连声",
    "连连",
    "一致",
    "再次",
    "一再",
    "反复",
    "不禁",
    "忍不住",
    "亲口",
    "挨个",
    "见状",
];

/// Occasions and sayings, never a speaker when followed by a place word (`新闻发布会上`,
/// `日记中`, `民谚里`); without one some name a body (`协会`), so they are checked only then.
const OCCASIONS: &[&str] = &[
    "会", "日记", "民谚", "谚语", "俗语", "书", "网上", "节目", "直播", "现场", "仪式",
];

/// `phrase` ends with a document word, possibly after a modifier (`最新公告`, `这篇文章`,
/// `视频中`), or is an occasion with a place word (`记者会上`).
fn is_document(phrase: &str) -> bool {
    let bare = phrase
        .strip_suffix(['中', '上', '里'])
        .or_else(|| phrase.strip_suffix("最后"));
    let phrase_bare = bare.unwrap_or(phrase);
    DOCUMENTS.iter().any(|d| {
        phrase_bare.strip_suffix(d).is_some_and(|rest| {
            // A one-character word ends a name too (`吴惟信`): only `信`, `这封信`, `他的信`.
            d.chars().count() > 1
                || rest.is_empty()
                || rest.ends_with(['封', '的', '这', '该', '此', '那'])
        })
    }) || bare.is_some_and(|b| OCCASIONS.iter().any(|o| b.ends_with(o)))
}

/// A date or time word opening a phrase found after a quotation (`31日李丙红`, `当天张勇`).
fn strip_leading_date(phrase: &str) -> &str {
    for w in [
        "当天", "当日", "昨天", "今天", "昨日", "今日", "日前", "近日", "随后",
    ] {
        if let Some(rest) = phrase.strip_prefix(w) {
            return rest;
        }
    }
    let digits = phrase.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits.len() == phrase.len() {
        return phrase;
    }
    let after_month = digits
        .strip_prefix('月')
        .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()))
        .unwrap_or(digits);
    after_month
        .strip_prefix('日')
        .or_else(|| after_month.strip_prefix('号'))
        .unwrap_or(phrase)
}

/// Heads of the descriptions of people news quotes (`一位同事`, `很多网民`, `患者家属`).
const PERSON_HEADS: &[&str] = &[
    "同事",
    "同行",
    "伙伴",
    "友",
    "网民",
    "市民",
    "村民",
    "居民",
    "农民",
    "民众",
    "群众",
    "观众",
    "学生",
    "医生",
    "先生",
    "考生",
    "护士",
    "女士",
    "家属",
    "孩子",
    "母亲",
    "父亲",
    "妻子",
    "丈夫",
    "女儿",
    "儿子",
    "妈妈",
    "爸爸",
    "姐",
    "哥",
    "阿姨",
    "大爷",
    "大妈",
    "老板",
    "店主",
    "司机",
    "网友",
    "志愿者",
    "老人",
    "乘客",
    "游客",
    "旅客",
    "顾客",
    "业主",
];

/// Adverbs glued to the end of a speaker (`罗格夫则`, `他也`), dropped when a speaker is left.
const TRAILING_ADVERBS: &[char] = &['则', '也', '还', '亦', '常'];

/// `name` without an adverb glued to its end (`吴建锡则` → `吴建锡`, `他也` → `他`).
pub(super) fn without_adverb(name: &str) -> &str {
    match name.strip_suffix(TRAILING_ADVERBS) {
        Some(rest) if rest.chars().count() >= 2 || matches!(rest, "他" | "她") => rest,
        _ => name,
    }
}

/// Characters after a verb that make it part of a noun (`分析师`, `评论员`, `发布会`).
const NOUN_ENDS: &[char] = &[
    '师', '员', '人', '家', '者', '会', '书', '厅', '部', '处', '局', '室', '组', '团', '机',
];

/// `肖义(化名)` → `肖义`; `青海油田分公司(以下称` → `青海油田分公司`.
fn without_parentheses(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth > 0 => depth -= 1,
            // The end of a parenthesis opened before the phrase: only what follows counts.
            ')' | '）' => out.clear(),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// The starts of `name` of two characters or more that leave something after them, longest
/// first.
fn prefixes(name: &str) -> impl Iterator<Item = &str> {
    let ends: Vec<usize> = name.char_indices().map(|(i, _)| i).skip(2).collect();
    ends.into_iter().rev().map(move |i| &name[..i])
}

/// The speaker phrase `name` as a speaker: `None` when it is not one.
pub(super) fn checked(name: &str) -> Option<String> {
    let numeric = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '%' | '％' | '.' | '-' | '~' | '～'))
    };
    if numeric(name.trim()) {
        return None;
    }
    if !has_han(name) {
        return english_checked(name);
    }
    // `丁胜(音)`, `肖义(化名)`: a parenthesis is a note on the name, not part of it; one left
    // open (`…分公司(以下称`) leaves only what stands before it.
    let name = without_parentheses(name.trim());
    let name = name.as_str();
    let mut name = strip_leading_date(name).to_string();
    // `荷兰银行在报告中`, `他在信中`, `斯托尔滕贝格在布鲁塞尔举行的记者会上`: the speaker
    // stands before `在…中/上/里/时` (looked for before and after a verb is cut off).
    let before_place = |name: &mut String| {
        if let Some(i) = name.find('在')
            && i > 0
            && name.ends_with(['中', '上', '里', '时'])
        {
            name.truncate(i);
        }
    };
    before_place(&mut name);
    // A speech verb or a verb of writing inside the phrase: what comes before it is the speaker
    // (`网商银行表示`, `ATP和WTA发表联合声明`, `有人评论`).
    let cut = ZH_CUES
        .iter()
        .chain(INNER_VERBS)
        .filter_map(|v| {
            name.match_indices(v)
                .map(|(i, _)| i)
                .find(|&i| i > 0 && !name[i + v.len()..].starts_with(NOUN_ENDS))
        })
        .min();
    if let Some(i) = cut {
        name.truncate(i);
    }
    before_place(&mut name);
    // (`患者见状连连`: as many as there are.)
    while let Some(rest) = TRAILING_WORDS
        .iter()
        .find_map(|w| name.strip_suffix(w).filter(|r| !r.is_empty()))
    {
        name.truncate(rest.len());
    }
    let kept = without_adverb(&name).len();
    name.truncate(kept);
    // A manner or aspect word at the end (`他激动地`, `笑着`), digits glued to a name (`盖莱1`).
    let mut name = name
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim()
        .to_string();
    if name.ends_with(['地', '着']) {
        // The manner word: an adjective and 地 (`激动地`), a verb and 着 (`笑着`).
        let drop = if name.ends_with('地') { 3 } else { 2 };
        let chars: Vec<char> = name.chars().collect();
        name = chars[..chars.len().saturating_sub(drop)].iter().collect();
    }
    // `以色列总理办公室当地时间4月2日晚`: the time after the subject.
    if let Some(i) = name.find("当地时间").filter(|&i| i > 0) {
        name.truncate(i);
    }
    // `一位犹太裔医生收到捐赠口罩后(激动地说)`: a clause of time after the subject ends it at
    // its title.
    let titled_end = name
        .ends_with(['后', '时'])
        .then(|| prefixes(&name).find(|p| is_title(p)).map(str::len))
        .flatten();
    if let Some(end) = titled_end {
        name.truncate(end);
    }
    let bad = name.is_empty()
        || numeric(&name)
        // `和员工`: a conjunction opens no speaker.
        || name.starts_with(['和', '与', '及', '并', '而'])
        // `向中新社记者`: the one spoken to; `用意大利语`: the language spoken.
        || name.starts_with(['向', '对', '跟', '给'])
        || (name.starts_with('用') && name.ends_with('语'))
        || name.starts_with('第')
        || is_document(&name)
        || NOT_NOUNS.contains(&name.as_str())
        || is_quantifier(&name)
        || name.ends_with(['地', '着', '了', '得', '的']);
    (!bad).then_some(name)
}

/// Words that open a time, a place or a clause, never a speaker (`Thursday morning`, `at a
/// later press gaggle`, `As a phone rang`, `I guess that settles it`).
pub(super) const EN_NOT_OPENERS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "tomorrow",
    "earlier",
    "later",
    "last",
    "this",
    "at",
    "in",
    "on",
    "as",
    "while",
    "when",
    "after",
    "before",
    "if",
    "because",
    "although",
    "though",
    "since",
    "during",
    "i",
    "we",
    "you",
    "there",
    "here",
    "then",
    "of",
    "for",
    "from",
    "with",
    "to",
    "by",
    "about",
    "back",
    "so",
    "or",
    "even",
    "only",
    "it's",
    "it’s",
    "that's",
    "that’s",
    "there's",
    "he's",
    "she's",
    "i'm",
    "we're",
    "they're",
];

/// A day, a month or a time word (`Saturday`, `March`, `Tonight`), never a speaker.
pub(super) fn is_en_time(name: &str) -> bool {
    let first = name
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    EN_NOT_OPENERS[..12].contains(&first.as_str())
        || matches!(
            first.as_str(),
            "january"
                | "february"
                | "march"
                | "april"
                | "june"
                | "july"
                | "august"
                | "september"
                | "october"
                | "november"
                | "december"
        )
}

/// Adverbs that trail a speaker (`my father often`, `Smith also`).
const EN_TRAILING: &[&str] = &[
    "often",
    "now",
    "famously",
    "just",
    "also",
    "later",
    "again",
    "previously",
    "recently",
    "then",
    "once",
    "too",
    "has",
    "had",
    "have",
    "would",
    "will",
    "repeatedly",
    "frequently",
    "publicly",
    "privately",
];

/// Words a speaker phrase never ends with: it is a clause cut short (`She went so far as to`,
/// `Hayek confirmed she had been and`).
const EN_NOT_ENDINGS: &[&str] = &[
    "to", "and", "or", "but", "that", "might", "would", "could", "should", "been", "the", "a",
    "an", "of", "which", "who", "just", "not",
];

/// An English speaker phrase checked: a leading connective and a trailing adverb dropped, a
/// party label in brackets dropped (`Gwen Moore (D-Wis.)`), and `None` for a time, a place, a
/// clause or a lone function word (`However`, `and`).
pub(super) fn english_checked(name: &str) -> Option<String> {
    // A quotation mark inside is a quotation's text, never a name.
    if name.contains(['"', '“', '”']) {
        return None;
    }
    let mut name = super::attribute::strip_en_connective(name.trim());
    if let Some(i) = name.find(" (") {
        name = name[..i].trim_end();
    }
    for sep in [" when ", " after ", " before ", " while "] {
        if let Some(i) = name.find(sep) {
            name = name[..i].trim_end();
        }
    }
    // `he enthusiastically`, `Park did`: a trailing adverb or auxiliary is no part of the name.
    while let Some((rest, last)) = name.rsplit_once(' ')
        && (EN_TRAILING.contains(&last.to_ascii_lowercase().as_str())
            || matches!(last, "did" | "does" | "do")
            || (last.len() > 4
                && last.ends_with("ly")
                && last.starts_with(|c: char| c.is_lowercase())))
    {
        name = rest.trim_end();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let last = words.last().copied().unwrap_or("");
    let lone_word = words.len() == 1
        && name.starts_with(|c: char| c.is_lowercase())
        && !is_pronoun(name)
        && !matches!(name, "police" | "officials" | "authorities" | "prosecutors");
    let function = [
        "however",
        "still",
        "and",
        "but",
        "once",
        "famously",
        "hours",
        "yet",
        "meanwhile",
    ]
    .contains(&name.to_ascii_lowercase().as_str());
    let cut_short = words.len() > 1 && EN_NOT_ENDINGS.contains(&last);
    let verb = |w: &str| {
        (w.ends_with("ed") && w.len() > 4)
            || matches!(
                w,
                "goes"
                    | "went"
                    | "ran"
                    | "struck"
                    | "search"
                    | "is"
                    | "was"
                    | "are"
                    | "were"
                    | "has"
                    | "had"
                    | "have"
                    | "might"
                    | "will"
                    | "would"
                    | "says"
                    | "said"
            )
    };
    let auxiliary = |w: &str| {
        matches!(
            w,
            "has" | "had" | "have" | "is" | "was" | "are" | "were" | "will" | "would" | "might"
        )
    };
    // `Phil Musser said …` cut short, or `the campaign has just opened its field office`.
    let clause = (words.len() > 3
        && words[0].starts_with(|c: char| c.is_uppercase())
        && words[1..]
            .iter()
            .any(|w| w.starts_with(|c: char| c.is_lowercase()) && verb(w)))
        || (words.len() > 2 && words[1..words.len() - 1].iter().any(|w| auxiliary(w)));
    let label = name.starts_with("R-") || name.starts_with("D-") || name.ends_with(".)");
    if lone_word || function || cut_short || clause || label {
        return None;
    }
    let first = name
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    // A pronoun standing alone is resolved later; `I` opening a longer phrase is a clause.
    let clause = EN_NOT_OPENERS.contains(&first.as_str())
        && !(name.split_whitespace().count() == 1 && is_pronoun(name));
    // A clause: a copula inside (`the reason is`).
    let verb = name
        .split_whitespace()
        .skip(1)
        .any(|w| matches!(w, "is" | "was" | "are" | "were"));
    (!name.is_empty() && !clause && !verb).then(|| name.to_string())
}

/// The names mentioned and the entities' texts of one text, looked up by
/// [`Ctx::is_speaker_phrase`] for every candidate name (a long text has thousands of each and
/// thousands of quotations: a scan of them per name was quadratic).
pub(super) struct Known<'a> {
    named: rustc_hash::FxHashSet<&'a str>,
    entities: Literals<&'a str>,
    /// Some entity's text is empty (it is in every name).
    empty_entity: bool,
}

impl<'a> Known<'a> {
    /// The names of the mentions `named` and the texts of `entities`.
    pub(super) fn new(named: &'a [(usize, String)], entities: &'a [Entity]) -> Known<'a> {
        Known {
            named: named.iter().map(|(_, n)| n.as_str()).collect(),
            entities: Literals::new(entities.iter().map(|e| e.text.as_str())),
            empty_entity: entities.iter().any(|e| e.text.is_empty()),
        }
    }

    /// Whether a name mentioned is `name` or ends it.
    fn names_end_of(&self, name: &str) -> bool {
        (0..=name.len()).any(|i| name.is_char_boundary(i) && self.named.contains(&name[i..]))
    }

    /// Whether an entity's text is inside `name`.
    fn entity_in(&self, name: &str) -> bool {
        self.empty_entity || self.entities.overlapping(name).next().is_some()
    }
}

/// The dotted names (`伊哈布·哈米德`) among the sorted mentions `named`, each once, the one
/// mentioned last first: what [`full_dotted_name`] completes a name from. (Computed once per
/// text: a long text names thousands of people and has thousands of quotations.)
pub(super) fn dotted_by_recency(named: &[(usize, String)]) -> Vec<&str> {
    let mut seen: rustc_hash::FxHashSet<&str> = Default::default();
    named
        .iter()
        .rev()
        .map(|(_, n)| n.as_str())
        .filter(|n| n.contains('·') && seen.insert(n))
        .collect()
}

/// `伊哈布` or `哈米德` → `伊哈布·哈米德`, the dotted name of `dotted` ([`dotted_by_recency`])
/// mentioned last that has it as a part; `name` itself otherwise.
pub(super) fn full_dotted_name(dotted: &[&str], name: &str) -> String {
    if name.contains('·') || !has_han(name) {
        return name.to_string();
    }
    // The segmenter may glue a character before the name to it (`音乐人伊哈布·哈米德` →
    // `人伊哈布·哈米德`): the full name starts where the short one does.
    dotted
        .iter()
        .find_map(|n| {
            let first = n.split('·').next()?;
            if first.ends_with(name) {
                Some(n[first.len() - name.len()..].to_string())
            } else {
                n.split('·')
                    .skip(1)
                    .any(|part| part == name)
                    .then(|| n.to_string())
            }
        })
        .unwrap_or_else(|| name.to_string())
}

/// Whether `quoted` speaks to `name`: it holds the name, or its surname with a form of address
/// (`张哥`, `王老师`, `李总`).
fn addresses(quoted: &str, name: &str) -> bool {
    if quoted.contains(name) {
        return true;
    }
    let Some(surname) = name.chars().next().filter(|c| is_cjk(*c)) else {
        return false;
    };
    [
        "哥", "姐", "叔", "姨", "老师", "总", "医生", "大夫", "师傅", "书记", "主任",
    ]
    .iter()
    .any(|f| quoted.contains(&format!("{surname}{f}")))
}

/// Titles written after a name (`孙蓬博士`), which belong in the role.
const TITLES_AFTER: &[&str] = &["博士", "教授", "院士", "律师", "大夫", "医生", "研究员"];

/// `孙蓬博士` → (`孙蓬`, `博士`); `None` for a phrase without such a title.
pub(super) fn title_after(name: &str) -> Option<(String, String)> {
    TITLES_AFTER.iter().find_map(|t| {
        let rest = name.strip_suffix(t)?;
        is_chinese_name(rest).then(|| (rest.to_string(), t.to_string()))
    })
}

/// Forms of address that make a name of a surname (`许小姐`, `秦先生`, `王老师`).
const ADDRESS: &[&str] = &[
    "先生", "女士", "小姐", "老师", "师傅", "阿姨", "大爷", "大妈", "老板",
];

/// `许小姐`, `秦先生`: a surname and a form of address.
pub(super) fn is_addressed_name(name: &str) -> bool {
    ADDRESS.iter().any(|a| {
        name.strip_suffix(a).is_some_and(|s| {
            s.chars().count() == 1 && s.chars().next().is_some_and(|c| SURNAMES.contains(c))
        })
    })
}

impl Ctx<'_> {
    /// Whether `name` (a Chinese speaker phrase standing at `at`) names or describes someone:
    /// a pronoun, a person the article names, an entity, a personal name, an organisation, a
    /// group or a title (`行业人士`, `商务部`, `村民们`, `发言人`); not a common word the
    /// attribution took for one (`工作`, `文明`, `第一次`).
    pub(super) fn is_speaker_phrase(&self, name: &str, known: &Known) -> bool {
        if !has_han(name) || is_pronoun(name) || name.contains(['·', '•']) {
            return true;
        }
        let head_ok = GENERIC_HEADS.iter().any(|h| name.ends_with(h))
            || PERSON_HEADS.iter().any(|h| name.ends_with(h))
            || is_title(name)
            || is_addressed_name(name)
            || title_after(name).is_some()
            || name.ends_with([
                '国', '方', '省', '市', '县', '区', '村', '军', '队', '党', '委',
            ])
            || name.ends_with(['们']);
        let first = name.chars().next().unwrap_or(' ');
        let named_here = known.names_end_of(name);
        let entity = known.entity_in(name);
        let personal = (2..=3).contains(&name.chars().count()) && SURNAMES.contains(first);
        // `…有限公司总会计师王建刚`: a title or a role and then a personal name.
        let chars: Vec<char> = name.chars().collect();
        let titled = [2, 3].iter().any(|&k| {
            chars.len() > k + 1 && SURNAMES.contains(chars[chars.len() - k]) && {
                let head: String = chars[..chars.len() - k].iter().collect();
                is_title(&head) || GENERIC_HEADS.iter().any(|h| head.ends_with(h))
            }
        });
        // A surname and a Latin given name (`店员胡Kevin`), as Chinese communities abroad
        // write them.
        let han_part = name.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let latin_given = name.len() - han_part.len() >= 2
            && han_part
                .chars()
                .next_back()
                .is_some_and(|c| SURNAMES.contains(c));
        !name.starts_with('第')
            && (head_ok || named_here || entity || personal || titled || latin_given)
    }
    /// `司机回了代恩宇一句` → `司机`: when a phrase is no speaker, the longest start of it that
    /// ends with a title or a word for a person and is one.
    pub(super) fn titled_prefix(&self, name: &str, known: &Known) -> Option<String> {
        prefixes(name)
            .find(|p| {
                // (Heads of two characters or more: `芝加哥` does not end in a brother.)
                (is_title(p)
                    || PERSON_HEADS
                        .iter()
                        .any(|h| h.chars().count() >= 2 && p.ends_with(h)))
                    && self.is_speaker_phrase(p, known)
            })
            .map(|p| {
                // (`奥地利总理库尔茨`: a short name after the title is the speaker.)
                let rest = &name[p.len()..];
                let first = rest.chars().next().unwrap_or(' ');
                let name_like = (SURNAMES.contains(first) || TRANSLITERATION.contains(first))
                    && !GENERIC_HEADS.iter().any(|h| rest.ends_with(h))
                    && !rest.ends_with(['组', '队', '团', '委', '班']);
                if (2..=4).contains(&rest.chars().count()) && rest.chars().all(is_cjk) && name_like
                {
                    rest.to_string()
                } else {
                    p.to_string()
                }
            })
    }

    /// The name at `span`, with the parts of a dotted foreign name around it (`伊哈布` in
    /// `伊哈布·哈米德`): the words on either side of each dot, as segmented.
    pub(super) fn dotted_name_at(&self, span: Span) -> String {
        let text = self.text;
        let dot = |s: &str| matches!(s, "·" | "•" | "・");
        let k = self.tokens.partition_point(|t| t.span.end <= span.start);
        let (mut first, mut last) = (k, k);
        // Out over `word · word` pairs, each word Han and at most six characters.
        let word = |i: usize| {
            self.tokens.get(i).is_some_and(|t| {
                let w = t.span.slice(text);
                w.chars().all(is_cjk) && (1..=6).contains(&w.chars().count())
            })
        };
        let joined = |a: usize, b: usize| self.tokens[a].span.end == self.tokens[b].span.start;
        while first >= 2
            && dot(self.tokens[first - 1].span.slice(text))
            && word(first - 2)
            && joined(first - 2, first - 1)
            && joined(first - 1, first)
        {
            first -= 2;
        }
        while last + 2 < self.tokens.len()
            && dot(self.tokens[last + 1].span.slice(text))
            && word(last + 2)
            && joined(last, last + 1)
            && joined(last + 1, last + 2)
        {
            last += 2;
        }
        // `span` may be the dot itself.
        if k < self.tokens.len()
            && dot(self.tokens[k].span.slice(text))
            && k >= 1
            && k + 1 < self.tokens.len()
            && word(k - 1)
            && word(k + 1)
        {
            first = first.min(k - 1);
            last = last.max(k + 1);
        }
        // The outer parts may be cut into short words (`热合|买|提·伊代|图拉`): up to four
        // characters on each side, in words of one or two, never a title, a cue or a word that
        // ends a subject.
        if first < last {
            let part_word = |i: usize| {
                self.tokens.get(i).is_some_and(|t| {
                    let w = t.span.slice(text);
                    w.chars().all(is_cjk)
                        && w.chars().count() <= 2
                        && !w.contains([
                            '和', '与', '及', '跟', '同', '他', '她', '们', '的', '了', '在', '是',
                            '发', '向', '对', '为', '被', '将', '也', '则', '曾',
                        ])
                        && !is_title(w)
                        && !self.is_cue(t)
                        && !ZH_SUBJECT_END.contains(&w)
                        && !GENERIC_HEADS.iter().any(|h| w.ends_with(h))
                })
            };
            let chars = |a: usize, b: usize| {
                text[self.tokens[a].span.start..self.tokens[b].span.end]
                    .chars()
                    .count()
            };
            let left_end = first;
            while first >= 1
                && part_word(first - 1)
                && joined(first - 1, first)
                && chars(first - 1, left_end) <= 4
            {
                first -= 1;
            }
            // On the right only through transliteration characters: the words after a name
            // are mostly its verb (`拉杰什·托普需要`, `西蒙远程参与`).
            let foreign = |i: usize| {
                self.tokens.get(i).is_some_and(|t| {
                    t.span
                        .slice(text)
                        .chars()
                        .all(|c| TRANSLITERATION.contains(c))
                })
            };
            let right_start = last;
            while part_word(last + 1)
                && foreign(last + 1)
                && joined(last, last + 1)
                && chars(right_start, last + 1) <= 4
            {
                last += 1;
            }
        }
        let name = match (first < last, self.tokens.get(first), self.tokens.get(last)) {
            (true, Some(a), Some(b)) => &text[a.span.start..b.span.end],
            _ => span.slice(text),
        };
        // The segmenter glues a one-character cue to the last part (`西蒙说`).
        match name.strip_suffix(['说', '称', '道']) {
            Some(rest)
                if rest
                    .rsplit(NAME_DOTS)
                    .next()
                    .is_some_and(|p| p.chars().count() >= 2) =>
            {
                rest.to_string()
            }
            _ => name.to_string(),
        }
    }

    /// The last person named before `at` in the same paragraph or the one before it, outside
    /// quotations: the one a quotation standing alone in a passage about them is theirs.
    /// (`dotted`: the dotted names of `named`, [`dotted_by_recency`].)
    pub(super) fn topic(
        &self,
        named: &[(usize, String)],
        dotted: &[&str],
        c: &Candidate,
    ) -> Option<String> {
        let from = self.paragraphs[c.para.saturating_sub(1)].start;
        let before = named.partition_point(|(p, _)| *p < c.open);
        let quoted = c.inner.slice(self.text);
        // A quotation after a colon ends its sentence: the sentence's subject, its first named
        // person, introduces it, not the last one (`米勒发推悼念杰克：“…”`).
        let head = self.text[..c.open].trim_end_matches([' ', '\t', '\u{3000}']);
        if head.ends_with(['：', ':']) {
            // (Looked for from the passage's start on: the names before it do not count.)
            let sentence = head
                .get(from..)
                .and_then(|h| h.rfind(['。', '！', '？', '\n']))
                .map_or(from, |i| {
                    from + i + head[from + i..].chars().next().map_or(1, char::len_utf8)
                });
            // (Not a possessor, `王东桃的丈夫谢恩高`, nor an object, `患者对丁连明挥手道别`.)
            let subject_like = |p: usize, n: &str| {
                !self.text[p + n.len()..].starts_with('的')
                    && !self.text[..p].ends_with([
                        '对', '向', '给', '跟', '和', '与', '把', '被', '同', '为', '让', '请',
                    ])
            };
            if let Some(subject) = named[..before]
                .iter()
                .filter(|(p, n)| *p >= sentence && subject_like(*p, n))
                .map(|(_, n)| n)
                .find(|n| !is_pronoun(n))
                .map(|n| full_dotted_name(dotted, n))
                .filter(|n| !addresses(quoted, n))
            {
                return Some(subject);
            }
        }
        named[..before]
            .iter()
            .rev()
            .take_while(|(p, _)| *p >= from)
            .map(|(_, n)| n)
            .find(|n| !is_pronoun(n))
            .map(|n| full_dotted_name(dotted, n))
            // Someone the quotation speaks to (`谢谢张哥！`) is not the one who says it.
            .filter(|n| !addresses(quoted, n))
            .or_else(|| self.subject_after(named, dotted, c))
    }

    /// `“4折利息？……”黑龙江的一家批发小店老板秦先生惊喜发现，……`: a quotation that opens its
    /// sentence, with the person it is about as the subject right after it (in the same
    /// clause, within twenty characters).
    fn subject_after(
        &self,
        named: &[(usize, String)],
        dotted: &[&str],
        c: &Candidate,
    ) -> Option<String> {
        let text = self.text;
        let opens_sentence = text[..c.open]
            .trim_end_matches([' ', '\t', '\u{3000}'])
            .chars()
            .next_back()
            .is_none_or(|ch| matches!(ch, '。' | '！' | '？' | '\n' | '电' | '）' | ')'));
        let after = text.len()
            - text[c.after..]
                .trim_start_matches(['”', '」', '』', '"'])
                .len();
        let (at, name) = named.iter().find(|(p, _)| *p >= after)?;
        let gap = text.get(after..*at)?;
        (opens_sentence
            && gap.chars().count() <= 20
            && !gap.chars().any(|ch| is_clause_punct(ch) || ch == '\n')
            && !is_pronoun(name))
        .then(|| full_dotted_name(dotted, name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (phrase the attribution found, the speaker it names).
    #[test]
    fn speaker_phrases_are_checked() {
        for (phrase, want) in [
            ("网商银行表示", Some("网商银行")),
            ("ATP和WTA发表联合声明", Some("ATP和WTA")),
            ("有人评论", Some("有人")),
            ("荷兰银行在报告中", Some("荷兰银行")),
            ("他激动地", Some("他")),
            ("盖莱1", Some("盖莱")),
            ("宁南人肖义(化名)", Some("宁南人肖义")),
            ("电力公司)1日向新华社记者", None),
            ("向记者", None),
            ("和员工", None),
            ("村民们齐声", Some("村民们")),
            ("专家们纷纷", Some("专家们")),
            ("患者见状连连", Some("患者")),
            ("陈永华挨个", Some("陈永华")),
            ("用意大利语", None),
            ("丁胜（音）", Some("丁胜")),
            (
                "中国石油天然气集团公司青海油田分公司(以下",
                Some("中国石油天然气集团公司青海油田分公司"),
            ),
            ("张勇", Some("张勇")),
            ("吴惟信", Some("吴惟信")),
            ("省政府新闻办公室举办新闻发布会", Some("省政府新闻办公室")),
            ("这封信", None),
            ("顾瑛常", Some("顾瑛")),
            ("一位犹太裔医生收到捐赠口罩后", Some("一位犹太裔医生")),
            ("以色列总理办公室当地时间4", Some("以色列总理办公室")),
            ("商务部新闻发言人沈丹阳", Some("商务部新闻发言人沈丹阳")),
            ("恒岳证券分析师周敏", Some("恒岳证券分析师周敏")),
            ("央视评论员李文", Some("央视评论员李文")),
            ("李文", Some("李文")),
            ("一位不愿具名的业内人士", Some("一位不愿具名的业内人士")),
            ("Jensen Huang", Some("Jensen Huang")),
            ("Gwen Moore (D-Wis.)", Some("Gwen Moore")),
            ("my father often", Some("my father")),
            ("Thursday morning", None),
            ("at a later press gaggle", None),
            ("As a phone rang", None),
            ("I guess that settles it", None),
            ("the reason is", None),
            ("However", None),
            ("and", None),
            ("She went so far as to", None),
            ("Hayek confirmed she had been and", None),
            ("The email goes on to", None),
            ("Kaine now", Some("Kaine")),
            ("R-Ky.", None),
            ("he enthusiastically", Some("he")),
            ("the campaign has just opened its 11th field office", None),
            ("It's unusual", None),
            ("Of Election Finds.", None),
            ("Back", None),
            ("Park did", Some("Park")),
            ("\"Reporting that the killer", None),
            (
                "Cruz constituent Dan Golvach when asked about Lindsey Graham",
                Some("Cruz constituent Dan Golvach"),
            ),
            (
                "California Rep. Duncan Hunter's chief of staff",
                Some("California Rep. Duncan Hunter's chief of staff"),
            ),
            (
                "a source close to the campaign",
                Some("a source close to the campaign"),
            ),
            ("he", Some("he")),
            ("a spokesperson", Some("a spokesperson")),
            ("视频中", None),
            ("最新公告", None),
            ("对于文章", None),
            ("为题发文", None),
            ("笑着", None),
            ("非常", None),
            ("并未", None),
            ("一位", None),
            ("报告中", None),
            ("斯托尔滕贝格在布鲁塞尔举行的记者会上", Some("斯托尔滕贝格")),
            ("新闻发布会上", None),
            ("日记中", None),
            ("民谚里", None),
            ("中国汽车工业协会", Some("中国汽车工业协会")),
            ("罗格夫则", Some("罗格夫")),
            ("他也", Some("他")),
            ("31日李丙红", Some("李丙红")),
            ("3月31日李丙红", Some("李丙红")),
            ("当天张勇", Some("张勇")),
            ("56.3%", None),
            ("王冬笑着", Some("王冬")),
            ("丁美娜如是", Some("丁美娜")),
            ("文章最后", None),
            ("研发中心主任丁胜(音)", Some("研发中心主任丁胜")),
            ("85%", None),
        ] {
            assert_eq!(checked(phrase).as_deref(), want, "{phrase}");
        }
    }

    /// (name, whether a name mentioned is it or ends it, whether an entity's text is in it),
    /// with 张勇 and 伊哈布·哈米德 mentioned and 阿里云 and Qwen tagged: the lookups ask what a
    /// scan of every mention and every entity asked.
    #[test]
    fn known_names_and_entities() {
        let named = vec![(0, "张勇".to_string()), (9, "伊哈布·哈米德".to_string())];
        let entity = |t: &str| crate::model::Entity {
            text: t.to_string(),
            canonical: t.to_string(),
            kind: crate::model::EntityKind::Vendor,
            span: crate::model::Span::new(0, t.len()),
        };
        let entities = vec![entity("阿里云"), entity("Qwen")];
        let known = Known::new(&named, &entities);
        for (name, ends, inside) in [
            ("张勇", true, false),
            ("阿里云董事长张勇", true, true),
            ("张勇表示", false, false),
            ("勇", false, false),
            ("用Qwen的团队", false, true),
            ("阿里", false, false),
            ("伊哈布·哈米德", true, false),
        ] {
            let naive_ends = named
                .iter()
                .any(|(_, n)| n == name || name.ends_with(n.as_str()));
            let naive_in = entities.iter().any(|e| name.contains(e.text.as_str()));
            assert_eq!(
                (known.names_end_of(name), known.entity_in(name)),
                (ends, inside),
                "{name}"
            );
            assert_eq!((naive_ends, naive_in), (ends, inside), "{name}");
        }
    }

    #[test]
    fn dotted_names_are_completed() {
        let named = vec![
            (0, "伊哈布·哈米德".to_string()),
            (5, "约翰·史密斯".to_string()),
            (9, "张勇".to_string()),
            (12, "约翰·哈米德".to_string()),
            (20, "伊哈布·哈米德".to_string()),
        ];
        let earlier = dotted_by_recency(&named);
        // (Each once, the one mentioned last first.)
        assert_eq!(earlier, ["伊哈布·哈米德", "约翰·哈米德", "约翰·史密斯"]);
        assert_eq!(full_dotted_name(&earlier, "伊哈布"), "伊哈布·哈米德");
        assert_eq!(full_dotted_name(&earlier, "哈米德"), "伊哈布·哈米德");
        assert_eq!(full_dotted_name(&earlier, "张勇"), "张勇");
        assert_eq!(full_dotted_name(&earlier, "伊哈"), "伊哈");
    }
}

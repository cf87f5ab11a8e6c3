//! The words the rules know: speech cues, titles, the ends of subject phrases, pronouns,
//! organisation heads and surnames, with the small predicates over them.

use super::*;

/// Chinese speech cues (whole jieba tokens).
pub(super) const ZH_CUES: &[&str] = &[
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
    "留言",
    "叮嘱",
    "嘱咐",
    "念叨",
    "摆手",
    "喊道",
    "大喊",
    "高喊",
    "回答",
    "回复",
    "发文",
    "发帖",
    "叹道",
    // `在陈晓东看来`
    "看来",
];

/// Words ending in 说 or 称 that are not speech cues. Other such tokens are a cue glued to the
/// word before it by jieba (`梁子超说` → `梁子|超说`, `发推称`), so the cue is their last character.
pub(super) const NOT_GLUED_CUES: &[&str] = &[
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
pub(super) fn is_en_cue(w: &str) -> bool {
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
pub(super) const EN_CUES: &[&str] = &[
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
    "asks",
    "boasted",
    "demanded",
    "tweeted",
    "announced",
    "responded",
    "answered",
    "shouted",
    "yelled",
    "joked",
    "quipped",
    "urged",
    "pleaded",
    "suggested",
    "insists",
    "countered",
    "testified",
    "exclaimed",
    "vowed",
    "promised",
    "complained",
    "lamented",
    "concluded",
    "explains",
    "reports",
    "reported",
    "posted",
    "saying",
    "adding",
    "asking",
    "telling",
    "writing",
    "noting",
    "arguing",
    "explaining",
    "insisting",
    "warning",
    "agreed",
    "agrees",
    "beamed",
    "gushed",
    "mused",
    "wondered",
    "recounted",
    "reminded",
    "objected",
    "retorted",
    "scoffed",
    "sighed",
    "snapped",
    "whispered",
    "grumbled",
    "proclaimed",
    "chanted",
    "tweeting",
    "declaring",
    "announcing",
    "replying",
    "responding",
    "recalling",
    "stating",
    "claiming",
    "asserting",
    "acknowledging",
    "admitting",
    "conceding",
];

/// Words that end a Chinese subject before the cue: adverbials, prepositions of place, time and
/// addressee (`钉钉总裁叶军|在此前接受访问时曾表示`, `一位供应商|对虎嗅表示`).
pub(super) const ZH_SUBJECT_END: &[&str] = &[
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
pub(super) const ZH_LEADING: &[&str] = &[
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
pub(super) fn is_title(w: &str) -> bool {
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
pub(super) use crate::analyze::entity::names::{NAME_DOTS, ZH_TITLES};

/// Words for what a writer wrote, before a citation (`雨果的名言“…”`).
pub(super) const CITED: &[&str] = &[
    "名言",
    "名句",
    "诗句",
    "诗",
    "词句",
    "俳句",
    "格言",
    "警句",
    "金句",
    "遗言",
    "那句话",
    "一句话",
    "话",
];

/// Last words of English organisation names, never a person (`Energy Policy Center`).
pub(super) const ORG_HEADS: &[&str] = &[
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
pub(super) const ZH_PRONOUNS: &[&str] = &["他", "她", "其"];
pub(super) const EN_PRONOUNS: &[&str] = &["he", "she"];

/// Addressees that are never speakers.
pub(super) const NOT_SPEAKERS: &[&str] =
    &["记者", "本报记者", "reporters", "reporter", "journalists"];

/// `一位`, `多位`, `一名`: the start of an anonymous speaker.
pub(super) fn is_quantifier(w: &str) -> bool {
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

/// Characters that transliterate foreign names (`斯托尔滕贝格`, `哈米德`): a name made only of
/// them runs on through the words after it made only of them, which the segmenter cuts apart
/// (`斯托尔|滕|贝格`).
pub(super) use crate::analyze::entity::names::TRANSLITERATION;

/// Common Chinese surnames, for telling a name (`王立群`) from a description (`行业人士`).
pub(super) use crate::analyze::entity::names::SURNAMES;

/// Endings of Chinese descriptions that are not names (`行业人士`, `声明`, `该公司`).
pub(super) const GENERIC_HEADS: &[&str] = &[
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
    "办公室",
    "中心",
    "小组",
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
/// Whether `name` has the shape of a personal name: a surname and one or two characters
/// (`马芳菲`), a two-character surname and one or two (`欧阳娜娜`), or a foreign name in
/// transliteration characters (`斯托尔滕贝格`); not a common word (`当日`, `带货`).
pub(super) fn looks_like_personal_name(name: &str) -> bool {
    let n = name.chars().count();
    if !name.chars().all(is_cjk) {
        return false;
    }
    let surname = name.chars().next().is_some_and(|c| SURNAMES.contains(c));
    let double = [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "长孙",
        "夏侯", "司徒", "端木",
    ]
    .iter()
    .any(|d| name.starts_with(d));
    (surname && (2..=3).contains(&n))
        || (double && (3..=4).contains(&n))
        || ((2..=8).contains(&n) && name.chars().all(|c| TRANSLITERATION.contains(c)))
}

/// Whether `name`, read after a title (`部长…`), can be a name: a personal name, or a foreign
/// or descriptive one of up to six characters that is not a description (`一位…`, `…人士`).
pub(super) fn is_chinese_name(name: &str) -> bool {
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

/// `她们说` with nobody to stand for: a bare plural pronoun names no speaker, nor does the
/// writer's own `我` (`我问：“…”`).
pub(super) fn stands_for_nobody(s: &str) -> bool {
    matches!(
        s,
        "他们" | "她们" | "它们" | "they" | "They" | "我" | "我们"
    )
}

pub(super) fn is_pronoun(s: &str) -> bool {
    ZH_PRONOUNS.contains(&s) || EN_PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(s))
}

pub(super) fn is_open_mark(c: char) -> bool {
    matches!(c, '“' | '「' | '『' | '"')
}

/// Clause punctuation (the list comma `、` is not: “外防输入、内防反弹” is a slogan).
pub(super) fn is_clause_punct(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '。' | '！' | '？' | '!' | '?' | '；' | ';' | '：' | ':' | '…'
    )
}

/// Words that introduce a name or a term, not speech: `下称“…”`, `所谓“…”`, `so-called "…"`.
pub(super) const NAMING: &[&str] = &[
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
pub(super) fn has_clause_punct(s: &str) -> bool {
    let t = s.trim_end();
    t.chars().any(is_clause_punct)
        || t.ends_with('.')
        || t.contains(". ")
        || t.ends_with("—")
        || t.ends_with('-')
}

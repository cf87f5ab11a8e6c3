//! In-article name propagation: after a person is named in full, the short forms news uses
//! for the rest of the article count as that person.
//!
//! - `蒂姆·库克` → `库克` (the last part of a dotted name) and `蒂姆库克` (the dot dropped);
//! - `Tim Cook` → `Cook` (the last word of a capitalised name).
//!
//! A short form shared by two people named in the article (`Cook` for Tim Cook and Ann Cook)
//! is left alone. Latin short forms match case-sensitively at word boundaries; Chinese ones not
//! next to a name dot (`库克` is not in `库克·X`) and never inside another mention.

use crate::model::{Entity, EntityKind, Span};

/// Common Chinese surnames, for telling a name (`王立群`) from a description (`行业人士`).
pub(crate) const SURNAMES: &str = "萧慕王李张栗官冼闻蔺郁燕衣钮邰楚雍束幸扈逄厉戈伏宓井班仰伊储靖汲糜弓牧隗戎祖郜蓟薄怀鄂索屠胥苍莘贡劳扶宰郦璩濮寿冀郏浦茹习宦庾暨衡匡阙殳蔚夔晁勾阚鞠巢蒯荆竺权逯盖桓邸檀尉谈汝刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

/// Title words that separate a role from the name after it (`钉钉总裁叶军`).
pub(crate) const ZH_TITLES: &[&str] = &[
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
    // Government, Party and public service ranks.
    "县长",
    "区长",
    "镇长",
    "乡长",
    "村长",
    "组长",
    "科长",
    "处长",
    "司长",
    "社长",
    "行长",
    "台长",
    "站长",
    "班长",
    "护士长",
    "指挥长",
    "检察长",
    "参谋长",
    "议长",
    "厂长",
    "店长",
    "园长",
    "支书",
    "主管",
    "总编",
    "将军",
    "司令",
    "政委",
    "指导员",
    "警官",
    "法官",
    "外交官",
    "总领事",
    "领事",
    "参赞",
    // Professions.
    "护士",
    "护师",
    "讲师",
    "教师",
    "学者",
    "科学家",
    "经济学家",
    "志愿者",
    "主播",
    "演员",
    "歌手",
    "选手",
    "画家",
    "乘务长",
    "机长",
    "船长",
    "列车长",
    // Kin (`烈士侄曾孙女韦日连`).
    "孙女",
    "孙子",
    "女儿",
    "儿子",
    "妻子",
    "丈夫",
    "母亲",
    "父亲",
    "诗人",
    "词人",
    "文人",
    "作者",
    "思想家",
    "哲学家",
    "文学家",
    "史学家",
    "历史学家",
];

/// The dots that join the parts of a foreign name written in Chinese (`特拉维斯·卡兰尼克`).
pub(crate) const NAME_DOTS: [char; 3] = ['·', '•', '・'];

/// [`NAME_DOTS`] as strings (for literal searches).
pub(crate) const NAME_DOT_STRS: [&str; 3] = ["·", "•", "・"];

/// Characters that transliterate foreign names (`斯托尔滕贝格`, `哈米德`).
pub(crate) const TRANSLITERATION: &str = "阿埃艾安奥巴拜班邦鲍贝本比彼宾波伯博布查达戴丹道德迪蒂丁东杜多厄恩尔法范菲费芬丰佛夫福弗盖冈戈格根古哈海汉豪赫亨洪霍基吉加贾杰金卡凯坎康考柯科克肯库奎拉莱赖兰朗劳勒雷蕾里利莉列林琳隆卢鲁伦罗洛马迈麦曼梅蒙米莫姆穆纳奈南内尼涅纽努诺欧帕潘佩彭皮普齐奇乔切丘萨塞桑瑟森沙舍什施斯松苏索塔泰坦汤特滕提通图托瓦威韦维温沃乌西希谢辛休雅亚扬耶伊因尤约泽扎詹兹佐莎娜娅丽";

/// Byline credits before the names of a story's writers (`记者叶婧、潘林青`, `【编辑:苑菁菁】`).
pub(crate) const ZH_CREDITS: &[&str] = &["记者", "通讯员", "编辑", "作者", "摄影", "实习生"];

/// What opens the brackets of a wire story's writers after its dateline (`太原3月30日电(胡健`).
pub(crate) const ZH_DATELINE_OPENS: [&str; 2] = ["日电(", "日电（"];

/// What opens the editor's credit that ends a wire story (`【编辑:朱延静】`).
pub(crate) const ZH_EDITOR_MARK: &str = "【编辑";

/// Whether the mention at `span` of `text` names a writer of the story in its byline rather
/// than someone in it: after a credit (`记者叶婧、潘林青`, `作者:陈曦 金凤`), in the brackets
/// after a dateline (`太原3月30日电(胡健 杨懿)`), or signed before the editor (`(魏晓敏)
/// 【编辑:朱延静】`).
pub(crate) fn in_credit(text: &str, span: Span) -> bool {
    let seps: &[char] = &[' ', '\u{3000}', '\t', '、', ':', '：'];
    let credit = |head: &str| {
        ZH_CREDITS
            .iter()
            .chain(&ZH_DATELINE_OPENS)
            .any(|c| head.ends_with(c))
    };
    let mut head = &text[..span.start];
    // (Back over the names listed before it, of two or three characters, three at most.)
    for _ in 0..4 {
        head = head.trim_end_matches(seps);
        if credit(head) {
            return true;
        }
        let starts: Vec<usize> = head
            .char_indices()
            .rev()
            .take_while(|&(_, c)| crate::analyze::segment::is_han(c))
            .take(3)
            .map(|(i, _)| i)
            .collect();
        let before = |n: usize| starts.get(n - 1).map(|&i| &head[..i]);
        if [2, 3].iter().any(|&n| before(n).is_some_and(credit)) {
            return true;
        }
        match [2, 3]
            .iter()
            .find_map(|&n| before(n).filter(|h| h.ends_with(seps)))
        {
            Some(h) => head = h,
            None => break,
        }
    }
    let tail = text[span.end..].trim_start_matches(seps);
    tail.strip_prefix([')', '）'])
        .is_some_and(|t| t.trim_start_matches(seps).starts_with(ZH_EDITOR_MARK))
}

/// A later form of a name (a surname alone, a short company name, an acronym): what it stands
/// for, and where it starts to count.
pub(super) struct Later {
    /// The form as the text writes it.
    pub form: String,
    /// The name it stands for.
    pub canonical: String,
    /// Its kind.
    pub kind: EntityKind,
    /// The byte offset from which it counts (the end of the full mention).
    pub from: usize,
    /// A Latin form: only at word boundaries.
    pub latin: bool,
}

/// Adds to `entities` (sorted, non-overlapping) every occurrence of `forms` from their `from`
/// on, found in one pass over the text: Latin forms at word boundaries, others (with
/// `dotted_names`) not next to a name dot (`库克` is not in `库克·X`), none inside a mention
/// already there; of overlapping ones the first and longest stays. Keeps `entities` sorted.
pub(super) fn add_later(
    text: &str,
    entities: &mut Vec<Entity>,
    forms: &[Later],
    dotted_names: bool,
) {
    if forms.is_empty() {
        return;
    }
    let finder = crate::analyze::literals::Literals::new(forms.iter().map(|f| f.form.as_str()));
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let dot = |c: Option<char>| c.is_some_and(|c| NAME_DOTS.contains(&c));
    let mut added = Vec::new();
    for m in finder.overlapping(text) {
        let f = &forms[m.pattern];
        let (start, end) = (m.start, m.end);
        if start < f.from {
            continue;
        }
        let clear = if f.latin {
            (start == 0 || !word(bytes[start - 1])) && (end == bytes.len() || !word(bytes[end]))
        } else {
            !dotted_names
                || !dot(text[..start].chars().next_back()) && !dot(text[end..].chars().next())
        };
        let k = entities.partition_point(|e| e.span.end <= start);
        let inside = entities.get(k).is_some_and(|e| e.span.start < end);
        if clear && !inside {
            added.push(Entity {
                text: f.form.clone(),
                canonical: f.canonical.clone(),
                kind: f.kind,
                span: Span::new(start, end),
            });
        }
    }
    let kept = first_longest(added);
    if !kept.is_empty() {
        entities.extend(kept);
        entities.sort_by_key(|e| e.span.start);
    }
}

/// Of mentions that may overlap, those that do not: by start, the first and longest stays.
pub(super) fn first_longest(mut list: Vec<Entity>) -> Vec<Entity> {
    list.sort_by_key(|e| (e.span.start, std::cmp::Reverse(e.span.end)));
    let mut kept: Vec<Entity> = Vec::with_capacity(list.len());
    for e in list {
        if kept.last().is_none_or(|k| k.span.end <= e.span.start) {
            kept.push(e);
        }
    }
    kept
}

/// The short forms of a person's full-name mention `name`.
fn short_forms(name: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let dots = NAME_DOTS;
    if name.contains(dots) {
        if let Some(last) = name.rsplit(dots).next()
            && last.chars().count() >= 2
        {
            out.push((last.to_string(), false));
        }
        out.push((name.chars().filter(|c| !dots.contains(c)).collect(), false));
    } else if name.is_ascii() {
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() >= 2
            && words
                .iter()
                .all(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
            && let Some(last) = words.last()
            && last.len() >= 3
            && last.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
        {
            out.push((last.to_string(), true));
        }
    }
    out
}

/// Adds to `entities` (sorted by position, non-overlapping) the short forms of every person
/// named in full in `text`, after that full mention; keeps the list sorted.
pub(super) fn propagate(text: &str, entities: &mut Vec<Entity>) {
    let mut shorts: Vec<Later> = Vec::new();
    let mut ambiguous: Vec<String> = Vec::new();
    for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
        for (form, latin) in short_forms(e.span.slice(text)) {
            match shorts.iter().find(|s| s.form == form) {
                Some(s) if s.canonical != e.canonical => ambiguous.push(form),
                Some(_) => {}
                None => shorts.push(Later {
                    form,
                    canonical: e.canonical.clone(),
                    kind: EntityKind::Person,
                    from: e.span.end,
                    latin,
                }),
            }
        }
    }
    shorts.retain(|s| !ambiguous.contains(&s.form));
    add_later(text, entities, &shorts, true);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, a name in it, whether it is a writer's credit)
    #[test]
    fn credits_name_the_writers_of_the_story() {
        for (text, name, credit) in [
            (
                "中新社济南3月30日电(记者叶婧、潘林青)阳春三月",
                "叶婧",
                true,
            ),
            (
                "中新社济南3月30日电(记者叶婧、潘林青)阳春三月",
                "潘林青",
                true,
            ),
            ("记者蔡闯、刘坤、张锐、李盛明报道", "张锐", true),
            ("中新网太原3月30日电(胡健 杨懿)临近清明", "杨懿", true),
            ("作者:陈曦 金凤", "金凤", true),
            ("驰骋万里。(魏晓敏) 【编辑:朱延静】", "魏晓敏", true),
            ("驰骋万里。(魏晓敏) 【编辑:朱延静】", "朱延静", true),
            ("嘉兴市委副书记、市长毛宏芳在致辞中表示", "毛宏芳", false),
            ("华侨曹龙告诉记者，李明说", "李明", false),
        ] {
            let at = text.find(name).unwrap();
            let span = Span::new(at, at + name.len());
            assert_eq!(in_credit(text, span), credit, "{name} in {text}");
        }
    }

    fn person(text: &str, name: &str, canonical: &str) -> Entity {
        let start = text.find(name).unwrap();
        Entity {
            text: name.to_string(),
            canonical: canonical.to_string(),
            kind: EntityKind::Person,
            span: Span::new(start, start + name.len()),
        }
    }

    /// (text, the full-name mention, short forms found after it).
    #[test]
    fn short_forms_count_after_the_full_name() {
        for (text, full, want) in [
            (
                "苹果CEO蒂姆·库克表示，库克认为蒂姆库克这个名字……",
                "蒂姆·库克",
                vec!["库克", "蒂姆库克"],
            ),
            (
                "Apple chief Tim Cook said on Monday. Cook added that Cookware sales rose.",
                "Tim Cook",
                vec!["Cook"],
            ),
            // Before the full name, and next to another name's dot, nothing.
            (
                "库克说，蒂姆·库克来了，库克·约翰逊没来。",
                "蒂姆·库克",
                vec![],
            ),
            // A single-word Latin name has no short form.
            ("Nadella said Nadella.", "Nadella", vec![]),
        ] {
            let mut list = vec![person(text, full, "P")];
            propagate(text, &mut list);
            let got: Vec<&str> = list[1..].iter().map(|e| e.span.slice(text)).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn a_short_form_two_people_share_is_left_alone() {
        let text = "Tim Cook and Ann Cook met. Cook said.";
        let mut list = vec![
            person(text, "Tim Cook", "Tim Cook"),
            person(text, "Ann Cook", "Ann Cook"),
        ];
        propagate(text, &mut list);
        assert_eq!(list.len(), 2);
    }
}

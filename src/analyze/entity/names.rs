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
pub(crate) const SURNAMES: &str = "萧慕王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

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
    let Ok(finder) = aho_corasick::AhoCorasick::new(forms.iter().map(|f| f.form.as_str())) else {
        return;
    };
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let dot = |c: Option<char>| matches!(c, Some('·' | '•' | '・'));
    let mut added = Vec::new();
    for m in finder.find_overlapping_iter(text) {
        let f = &forms[m.pattern().as_usize()];
        let (start, end) = (m.start(), m.end());
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
    let dots = ['·', '•', '・'];
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

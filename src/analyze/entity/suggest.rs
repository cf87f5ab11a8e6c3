//! `dict suggest`: the names a corpus mentions often that the dictionary does not know, ranked,
//! with example passages — how a user grows the dictionary for their own archive.
//!
//! Four kinds of evidence propose a name ([`Evidence`]): its form (what
//! [`recognise`](super::recognise) finds: legal forms, institutions, titled people), speaking a
//! quotation, jieba's proper-noun tags, and Latin capitalisation. [`observe`] reads one document
//! (it can run on many threads); [`Suggester`] adds the observations up in input order, so the
//! result is the same whatever the number of threads.

use std::collections::{BTreeMap, BTreeSet};

use super::dictionary::fold_key;
use super::names::SURNAMES;
use crate::analyze::Analyzer;
use crate::analyze::segment::{ProperNoun, has_han, is_han};
use crate::model::{Document, EntityKind, Evidence, Example, Span, SuggestedAlias, Suggestion};

/// How many suggestions, and how often a name must occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuggestConfig {
    /// Keep at most this many (the most widespread).
    pub top: usize,
    /// Drop names mentioned fewer times than this in the whole corpus.
    pub min_mentions: usize,
    /// Example passages per name.
    pub examples: usize,
}

impl Default for SuggestConfig {
    fn default() -> Self {
        SuggestConfig {
            top: 100,
            min_mentions: 2,
            examples: 2,
        }
    }
}

/// One proposed mention in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    /// The name the mention stands for (a full name for a short form).
    pub name: String,
    /// The words as written.
    pub surface: String,
    /// The kind the evidence suggests.
    pub kind: EntityKind,
    /// What found it.
    pub evidence: Evidence,
    /// The mention with some text either side.
    pub context: String,
}

/// What [`observe`] finds in one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Observed {
    /// Candidate mentions, in text order.
    pub names: Vec<Observation>,
    /// Lower-case Latin words and how often the document writes them so (`keep`, `apple`):
    /// a capitalised word that is also an ordinary word needs a case-sensitive alias.
    pub lowercase: BTreeMap<String, usize>,
}

/// Characters of context either side of a mention in an example.
const CONTEXT_CHARS: usize = 24;

/// English words that start sentences and headlines capitalised but name nothing.
const LATIN_COMMON: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "calif",
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "chairman",
    "chief",
    "ceo",
    "minister",
    "prime",
    "sen",
    "rep",
    "gov",
    "inc",
    "corp",
    "co",
    "ltd",
    "said",
    "says",
    "according",
    "reuters",
    "xinhua",
    "but",
    "and",
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "of",
    "to",
    "as",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "after",
    "before",
    "when",
    "while",
    "if",
    "so",
    "also",
    "however",
    "meanwhile",
    "by",
    "from",
    "with",
    "about",
    "than",
    "there",
    "here",
    "what",
    "why",
    "how",
    "who",
    "new",
    "year",
];

/// Titles that stand before a name in a capitalised run (`Treasury Secretary James Baker`):
/// the name starts after them.
const LATIN_TITLES: &[&str] = &[
    "secretary",
    "minister",
    "president",
    "chairman",
    "governor",
    "senator",
    "director",
    "officer",
    "spokesman",
    "spokeswoman",
    "analyst",
    "economist",
    "judge",
    "ambassador",
    "general",
    "commissioner",
    "premier",
    "chancellor",
    "mayor",
    "king",
    "queen",
    "prince",
];

/// Places and peoples: capitalised, proper, and not what a tech-news dictionary is for.
const LATIN_PLACES: &str = "africa america american americans asia asian australia australian \
beijing berlin brazil brazilian britain british california canada canadian china chinese \
chicago delhi dubai east europe european france french germany german guangdong hangzhou \
hong india indian indonesia iran israel italy japan japanese kong korea korean london \
malaysia mexico moscow mumbai netherlands new north ohio oklahoma pacific paris russia \
russian saudi arabia soviet union seoul argentina belgium ecuador venezuela kuwait \
iraq iraqi iranian luxembourg zealand england ontario quebec houston venice gulf latin middle \
italian spanish mexican peru chile colombia austria portugal greece greek lebanon syria jordan \
libya algeria morocco nigeria angola ghana ethiopia zimbabwe zambia scotland wales scottish shanghai shenzhen singapore south southeast spain sydney taipei taiwan \
taiwanese texas thailand tokyo turkey uk ukraine united us usa vietnam virginia washington \
west western york arizona oregon nevada georgia florida carolina massachusetts jersey \
swiss switzerland sweden swedish norway finland denmark dutch ireland irish poland arab \
emirates qatar egypt nigeria kenya pakistan bangladesh philippines manila jakarta bangkok \
hanoi macau macao wuhan chengdu chongqing tianjin nanjing suzhou xiamen guangzhou hainan \
zhejiang jiangsu sichuan fujian shandong hubei hunan henan anhui yunnan guizhou xinjiang \
arabic english spanish hindi frankfurt munich zurich geneva amsterdam brussels milan rome \
madrid barcelona stockholm oslo helsinki copenhagen dublin edinburgh pennsylvania michigan \
illinois minnesota wisconsin colorado utah idaho montana iowa missouri kansas nebraska \
dakota louisiana alabama mississippi tennessee kentucky indiana maryland delaware \
connecticut vermont maine hampshire rhode island alaska hawaii san jose los angeles \
francisco diego boston seattle austin dallas houston atlanta miami denver phoenix portland \
detroit silicon valley toronto vancouver montreal osaka kyoto busan incheon bangalore \
hyderabad chennai kolkata lagos nairobi cairo istanbul riyadh doha tehran kuala lumpur";

/// The candidate names of one document (nothing the dictionary tags: those are known).
pub fn observe(analyzer: &Analyzer, doc: &Document) -> Observed {
    let text = doc.view();
    // The analysis's entities are the dictionary's mentions and the recognised names; the
    // dictionary's alone tell them apart.
    let analysis = analyzer.analyze_without_keywords(doc);
    let all = &analysis.entities;
    // (On the text as `entities_of` tags it: names wrapped over lines read whole.)
    let tagged = analyzer.tagger().tag(&crate::analyze::unwrap_lines(text));
    let known: BTreeSet<Span> = tagged.iter().map(|e| e.span).collect();
    let mut out = Observed::default();
    let mut taken: Vec<Span> = tagged.iter().map(|e| e.span).collect();
    // 1. Names recognised by their form (and their short forms later in the text).
    for e in all.iter().filter(|e| !known.contains(&e.span)) {
        out.names.push(observation(
            doc,
            e.span,
            &e.canonical,
            e.kind,
            Evidence::Form,
        ));
        taken.push(e.span);
    }
    // 2. Speakers of quotations that name a person.
    for q in crate::summarize::quotes::extract(doc, &analysis) {
        let speaker = crate::script::fold(&q.speaker).into_owned();
        let is_word = |w: &str| analyzer.segmenter().chinese().has_word(w);
        if !person_like(&speaker) || has_han(&speaker) && !chinese_name_like(&speaker, is_word) {
            continue;
        }
        // The speaker as written nearest before or after the quotation.
        let before = text[..q.span.start].rfind(speaker.as_str());
        let after = text[q.span.end..]
            .find(speaker.as_str())
            .map(|i| q.span.end + i);
        let at = match (before, after) {
            (Some(b), Some(a)) => {
                if q.span.start - b <= a - q.span.end {
                    b
                } else {
                    a
                }
            }
            (Some(b), None) => b,
            (None, Some(a)) => a,
            (None, None) => continue,
        };
        let span = Span::new(at, at + speaker.len());
        if !overlaps_any(&taken, span) {
            out.names.push(observation(
                doc,
                span,
                &speaker,
                EntityKind::Person,
                Evidence::Speaker,
            ));
            taken.push(span);
        }
    }
    // 3. jieba's proper nouns (Chinese lines only); the domain terms of our lexicon are tagged
    //    `nz` too, and are not names.
    if has_han(text) {
        let lexicon: BTreeSet<&str> = crate::analyze::segment::builtin_lexicon().collect();
        for (span, tag) in analyzer.segmenter().proper_nouns(text) {
            let word = span.slice(text);
            let kind = match tag {
                ProperNoun::Person => {
                    if !chinese_name_like(word, |w| analyzer.segmenter().chinese().has_word(w)) {
                        continue;
                    }
                    EntityKind::Person
                }
                ProperNoun::Organisation => EntityKind::Org,
                // jieba's own dictionary tags many common nouns `nz` (`中文`, `二次开发`):
                // only a word it does not know is taken.
                ProperNoun::Other if !analyzer.segmenter().chinese().has_word(word) => {
                    EntityKind::Product
                }
                ProperNoun::Other => continue,
            };
            if !word.chars().all(|c| is_han(c) || c == '·')
                || lexicon.contains(word)
                || overlaps_any(&taken, span)
            {
                continue;
            }
            out.names
                .push(observation(doc, span, word, kind, Evidence::PartOfSpeech));
            taken.push(span);
        }
    }
    // 4. Capitalised Latin names.
    latin_names(text, |span, lower| match lower {
        Some(word) => *out.lowercase.entry(word.to_string()).or_default() += 1,
        None => {
            if !overlaps_any(&taken, span) {
                let name = span.slice(text);
                out.names.push(observation(
                    doc,
                    span,
                    name,
                    EntityKind::Vendor,
                    Evidence::Latin,
                ));
            }
        }
    });
    out
}

fn observation(
    doc: &Document,
    span: Span,
    name: &str,
    kind: EntityKind,
    evidence: Evidence,
) -> Observation {
    Observation {
        name: name.split_whitespace().collect::<Vec<_>>().join(" "),
        surface: span
            .slice(&doc.text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        kind,
        evidence,
        context: context(&doc.text, span),
    }
}

fn overlaps_any(spans: &[Span], span: Span) -> bool {
    spans
        .iter()
        .any(|s| s.start < span.end && span.start < s.end)
}

/// `text[span]` with up to [`CONTEXT_CHARS`] characters either side, whitespace runs as one space.
fn context(text: &str, span: Span) -> String {
    let start = text[..span.start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let end = text[span.end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(i, _)| span.end + i);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(
        &text[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    );
    if end < text.len() {
        out.push('…');
    }
    out
}

/// Compound surnames (`欧阳`, `司马`): the four-character Chinese names.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "令狐", "端木", "南宫", "西门", "独孤",
];

/// Whether a word jieba tags as a person looks like a Chinese name rather than the common word
/// its tagger often mistakes for one (`康复`, `严格执行`, `高水平`): a surname and one or two
/// characters that are not a word themselves (two-character names that are words, `文明`, are
/// left out), or a transliteration with `·`.
fn chinese_name_like(word: &str, is_word: impl Fn(&str) -> bool) -> bool {
    if word.contains('·') {
        return true;
    }
    let chars: Vec<char> = word.chars().collect();
    let given: String = match chars.len() {
        2 | 3 if SURNAMES.contains(chars[0]) => chars[1..].iter().collect(),
        3 | 4 if COMPOUND_SURNAMES.iter().any(|s| word.starts_with(s)) => {
            chars[2..].iter().collect()
        }
        _ => return false,
    };
    !is_word(word) && (given.chars().count() == 1 || !is_word(&given))
}

/// A speaker string that is a person's name: a Chinese name of 2–4 Han characters starting with
/// a surname (or a transliteration with `·`), or two or three capitalised Latin words.
fn person_like(s: &str) -> bool {
    let n = s.chars().count();
    if has_han(s) {
        let han = s.chars().all(|c| is_han(c) || c == '·');
        han && ((2..=4).contains(&n) && s.starts_with(|c| SURNAMES.contains(c))
            || s.contains('·') && n <= 12)
    } else {
        let words: Vec<&str> = s.split(' ').collect();
        (2..=3).contains(&words.len())
            && words.iter().all(|w| {
                let mut cs = w.chars();
                cs.next().is_some_and(|c| c.is_ascii_uppercase())
                    && w.len() >= 2
                    && cs.all(|c| c.is_ascii_lowercase() || c == '-' || c == '\'')
            })
    }
}

/// Calls `found(span, None)` for each capitalised Latin name of `text` (up to four words
/// joined by single spaces) and `found(span, Some(word))` for each lower-case word.
///
/// A name is a run of words that start with a capital or hold one inside (`iPhone`); in an
/// English sentence a single word that opens it is not taken (every sentence starts
/// capitalised), nor are the words of [`LATIN_COMMON`].
fn latin_names(text: &str, mut found: impl FnMut(Span, Option<&str>)) {
    let bytes = text.as_bytes();
    let mut words: Vec<Span> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_alphanumeric() {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric()
                    || (matches!(bytes[i], b'-' | b'&' | b'\'' | b'.')
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)))
            {
                i += 1;
            }
            words.push(Span::new(start, i));
        } else {
            i += 1;
        }
    }
    let capitalised = |w: &str| {
        let mut cs = w.chars();
        let first = cs.next().unwrap_or(' ');
        let letters = w.chars().filter(char::is_ascii_alphabetic).count();
        letters >= 2
            && (first.is_ascii_uppercase()
                || first.is_ascii_lowercase() && w.chars().any(|c| c.is_ascii_uppercase()))
            && !LATIN_COMMON.contains(&w.to_ascii_lowercase().as_str())
    };
    let mut k = 0;
    while k < words.len() {
        let w = words[k].slice(text);
        if !capitalised(w) {
            if w.len() >= 2 && w.bytes().all(|b| b.is_ascii_lowercase()) {
                found(words[k], Some(w));
            }
            k += 1;
            continue;
        }
        // Extend over capitalised words separated by exactly one space (a title restarts it).
        let mut end = k;
        while end + 1 < words.len()
            && end + 1 - k < 4
            && text[words[end].end..words[end + 1].start] == *" "
            && capitalised(words[end + 1].slice(text))
        {
            end += 1;
            if LATIN_TITLES.contains(&words[end - 1].slice(text).to_ascii_lowercase().as_str()) {
                k = end;
            }
        }
        let w = words[k].slice(text);
        // `Reagan's`: the possessive is not part of the name.
        let last = words[end];
        let last_end = if last.slice(text).ends_with("'s") {
            last.end - 2
        } else {
            last.end
        };
        let span = Span::new(words[k].start, last_end);
        // The run's first word opens an English sentence: only a longer run is a name.
        let before = text[..span.start].trim_end_matches([' ', '"', '“', '\'', '(']);
        let opens = before.is_empty()
            || before.ends_with(['.', '!', '?', '\n', ':', '。', '！', '？'])
            || text[..span.start].ends_with('\n');
        let han_line = text[..span.start]
            .rsplit('\n')
            .next()
            .is_some_and(|l| l.chars().any(is_han));
        // A lone acronym (`GPU`, `APIs`, `MaaS`) is mostly a term; the names among them come
        // with their expansion, which the recogniser reads. Abbreviations (`U.S`) and places
        // are not names for this dictionary either.
        let single = end == k;
        let acronym = w.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
            && !w.contains(|c: char| c.is_ascii_digit());
        let place = (k..=end).all(|j| {
            let lower = words[j]
                .slice(text)
                .trim_end_matches("'s")
                .to_ascii_lowercase();
            LATIN_PLACES.split_whitespace().any(|p| p == lower)
        });
        let sentence_opener = opens && single && !han_line;
        let skip = sentence_opener || single && acronym || place || w.contains('.');
        if !skip {
            found(span, None);
        }
        k = end + 1;
    }
}

/// The candidates of a corpus so far.
#[derive(Debug, Default)]
pub struct Suggester {
    config: SuggestConfig,
    candidates: BTreeMap<String, Candidate>,
    lowercase: BTreeMap<String, usize>,
    documents: usize,
}

#[derive(Debug, Default)]
struct Candidate {
    mentions: usize,
    documents: usize,
    last_doc: usize,
    /// Spellings (only those that contain the name: a surname alone is no alias).
    surfaces: BTreeMap<String, usize>,
    /// The strongest evidence's kind.
    kind: Option<(Evidence, EntityKind)>,
    evidence: BTreeSet<Evidence>,
    examples: Vec<Example>,
}

impl Suggester {
    /// An empty tally.
    pub fn new(config: SuggestConfig) -> Suggester {
        Suggester {
            config,
            ..Suggester::default()
        }
    }

    /// Adds what [`observe`] found in `doc` (call in input order).
    pub fn add(&mut self, doc: &Document, observed: Observed) {
        self.documents += 1;
        for (word, n) in observed.lowercase {
            *self.lowercase.entry(word).or_default() += n;
        }
        for o in observed.names {
            let c = self.candidates.entry(fold_key(&o.name)).or_default();
            c.mentions += 1;
            if c.last_doc != self.documents {
                c.last_doc = self.documents;
                c.documents += 1;
                if c.examples.len() < self.config.examples {
                    c.examples.push(Example {
                        doc: doc.key(),
                        text: o.context.clone(),
                    });
                }
            }
            if o.surface.contains(o.name.as_str()) {
                *c.surfaces.entry(o.surface).or_default() += 1;
            }
            // Form beats speaking beats part of speech beats capitals (the enum's order).
            if c.kind.is_none_or(|(e, _)| o.evidence < e) {
                c.kind = Some((o.evidence, o.kind));
            }
            c.evidence.insert(o.evidence);
        }
    }

    /// Documents added so far.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// The suggestions, most widespread first: names in more documents, then with more mentions.
    /// Every alias is new to `dictionary` and belongs to one suggestion only, so the entries
    /// load as they are.
    pub fn finish(self, dictionary: &super::Dictionary) -> Vec<Suggestion> {
        let mut taken: BTreeSet<String> = BTreeSet::new();
        for e in dictionary.entities() {
            taken.insert(fold_key(&crate::script::fold(&e.canonical)));
            for a in &e.aliases {
                taken.insert(fold_key(&crate::script::fold(&a.name)));
            }
        }
        let lowercase = &self.lowercase;
        let mut ranked: Vec<(String, Candidate)> = self
            .candidates
            .into_iter()
            .filter(|(_, c)| c.mentions >= self.config.min_mentions && !c.surfaces.is_empty())
            .collect();
        ranked.sort_by(|a, b| {
            (b.1.documents, b.1.mentions)
                .cmp(&(a.1.documents, a.1.mentions))
                .then_with(|| a.0.cmp(&b.0))
        });
        let mut out = Vec::new();
        for (_, c) in ranked {
            if out.len() >= self.config.top {
                break;
            }
            let (_, kind) = c.kind.unwrap_or((Evidence::Latin, EntityKind::Vendor));
            let mut surfaces: Vec<(String, usize)> = c.surfaces.into_iter().collect();
            surfaces.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let mut aliases = Vec::new();
            for (name, n) in &surfaces {
                let key = fold_key(&crate::script::fold(name));
                if name.contains([',', '|', '#'])
                    || name.contains(char::is_control)
                    || name.starts_with(['!', '?', '='])
                    || taken.contains(&key)
                {
                    continue;
                }
                let lower = lowercase
                    .get(&name.to_ascii_lowercase())
                    .copied()
                    .unwrap_or(0);
                // A Latin word the corpus also writes in lower case more often than capitalised
                // is an ordinary word (`Apple` of `apple pie` is not): leave it out.
                if !has_han(name) && !name.contains(' ') && lower * 4 > *n {
                    continue;
                }
                taken.insert(key);
                aliases.push(SuggestedAlias {
                    name: name.clone(),
                    case_sensitive: !has_han(name) && lower > 0,
                    contextual: name.chars().count() <= 2,
                });
            }
            let Some(first) = aliases.first() else {
                continue;
            };
            out.push(Suggestion {
                rank: out.len() + 1,
                canonical: first.name.clone(),
                kind,
                aliases,
                mentions: c.mentions,
                documents: c.documents,
                evidence: c.evidence.into_iter().collect(),
                examples: c.examples,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latin(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        latin_names(text, |s, lower| {
            if lower.is_none() {
                out.push(s.slice(text));
            }
        });
        out
    }

    #[test]
    fn capitalised_latin_names() {
        for (text, want) in [
            ("Shares of Mobike rose.", &["Mobike"][..]),
            ("Mobike rose.", &[][..]),
            ("Zhang Yiming founded it.", &["Zhang Yiming"][..]),
            ("He met Zhang Yiming in May.", &["Zhang Yiming"][..]),
            ("摩拜单车Mobike宣布", &["Mobike"][..]),
            ("用户可在Keep上打卡", &["Keep"][..]),
            ("the iPhone maker", &["iPhone"][..]),
            ("It said the deal was done.", &[][..]),
            ("GPU prices and APIs", &[][..]),
            ("in Texas and New York", &[][..]),
            ("U.S. carriers", &[][..]),
            ("the MI300X chip", &["MI300X"][..]),
            ("said Treasury Secretary James Baker.", &["James Baker"][..]),
            ("after Reagan's veto", &["Reagan"][..]),
        ] {
            assert_eq!(latin(text), want, "{text}");
        }
    }

    #[test]
    fn chinese_names_not_words() {
        let words = ["康复", "执行", "严格执行", "水平", "文明", "时间"];
        let is_word = |w: &str| words.contains(&w);
        for (w, want) in [
            ("王立群", true),
            ("郭泽华", true),
            ("欧阳晓峰", true),
            ("特拉维斯·卡拉尼克", true),
            ("康复", false),
            ("文明", false),
            ("严格执行", false),
            ("高水平", false),
            ("段时间", false),
        ] {
            assert_eq!(chinese_name_like(w, is_word), want, "{w}");
        }
    }

    #[test]
    fn person_like_speakers() {
        for (s, want) in [
            ("张勇", true),
            ("特拉维斯·卡拉尼克", true),
            ("一位业内人士", false),
            ("该负责人", false),
            ("Jensen Huang", true),
            ("a spokesperson", false),
            ("Nvidia", false),
        ] {
            assert_eq!(person_like(s), want, "{s}");
        }
    }

    #[test]
    fn context_is_one_line_with_ellipses() {
        let text = "a\nb ".repeat(20) + "NAME" + &" c\nd".repeat(20);
        let at = text.find("NAME").unwrap();
        let c = context(&text, Span::new(at, at + 4));
        assert!(
            c.starts_with('…') && c.ends_with('…') && c.contains("NAME"),
            "{c}"
        );
        assert!(!c.contains('\n'));
    }
}

//! Quality checks on real data in `../shared` (skipped with a message when it is absent).
//!
//! Segmentation word F1 on the SIGHAN 2005 PKU test set, plain jieba-rs versus newslens; run
//! with `cargo test --release eval -- --nocapture` to see the figures.

use std::collections::HashSet;

use crate::util::shared;
use newslens::analyze::Analyzer;
use newslens::analyze::segment::{ChineseSegmenter, Segmenter};

/// Character spans of words in a line segmented by `words`.
fn spans<'a>(words: impl Iterator<Item = &'a str>) -> HashSet<(usize, usize)> {
    let mut pos = 0;
    let mut out = HashSet::new();
    for w in words {
        let n = w.chars().count();
        out.insert((pos, pos + n));
        pos += n;
    }
    out
}

#[derive(Default)]
struct Score {
    correct: usize,
    gold: usize,
    pred: usize,
}

impl Score {
    fn add(&mut self, gold: &HashSet<(usize, usize)>, pred: &HashSet<(usize, usize)>) {
        self.correct += gold.intersection(pred).count();
        self.gold += gold.len();
        self.pred += pred.len();
    }
    fn precision(&self) -> f64 {
        self.correct as f64 / self.pred as f64
    }
    fn recall(&self) -> f64 {
        self.correct as f64 / self.gold as f64
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        2.0 * p * r / (p + r)
    }
    fn show(&self) -> String {
        format!(
            "P {:.4} R {:.4} F1 {:.4}",
            self.precision(),
            self.recall(),
            self.f1()
        )
    }
}

/// The PKU test text and its gold segmentation, when `../shared` is present.
fn pku() -> Option<(String, String)> {
    let raw = shared("data/sighan2005/pku_test.utf8")?;
    let gold = shared("data/sighan2005/pku_test_gold.utf8")?;
    Some((
        std::fs::read_to_string(raw).unwrap(),
        std::fs::read_to_string(gold).unwrap(),
    ))
}

#[test]
fn pku_word_f1_at_least_plain_jieba() {
    let Some((raw, gold)) = pku() else {
        return;
    };
    let analyzer = Analyzer::with_defaults().unwrap();
    let newslens = analyzer.segmenter();
    let plain = Segmenter::with_chinese(ChineseSegmenter::plain());
    let (mut s_plain, mut s_news, mut s_raw) =
        (Score::default(), Score::default(), Score::default());
    let mut lines = 0;
    for (r, g) in raw.lines().zip(gold.lines()) {
        let r = r.trim_end_matches('\r');
        let g = g.trim_end_matches('\r');
        if r.trim().is_empty() {
            continue;
        }
        lines += 1;
        let gold_spans = spans(g.split(' ').filter(|w| !w.is_empty()));
        let text: String = r.chars().filter(|c| !c.is_whitespace()).collect();
        let raw_jieba = spans(plain.chinese().raw_cut(&text).into_iter());
        let news = spans(newslens.segment(&text).iter().map(|t| t.span.slice(&text)));
        let pl = spans(plain.segment(&text).iter().map(|t| t.span.slice(&text)));
        s_raw.add(&gold_spans, &raw_jieba);
        s_plain.add(&gold_spans, &pl);
        s_news.add(&gold_spans, &news);
    }
    println!("PKU word segmentation over {lines} lines");
    println!("  raw jieba-rs cut              {}", s_raw.show());
    println!("  plain jieba + newslens rules  {}", s_plain.show());
    println!("  newslens                      {}", s_news.show());
    assert!(s_raw.f1() > 0.75, "sanity: jieba on PKU is about 0.8");
    assert!(
        s_news.f1() >= s_raw.f1() - 0.002,
        "newslens ({:.4}) must be at least as good as plain jieba ({:.4})",
        s_news.f1(),
        s_raw.f1()
    );
}

/// Simplified → Traditional, character by character (OpenCC's STCharacters, the first of
/// several candidates): the same characters, so the gold word boundaries hold.
fn to_traditional() -> impl Fn(&str) -> String {
    let table =
        std::fs::read_to_string(crate::util::root().join("dictionaries/opencc/STCharacters.txt"))
            .unwrap();
    let map: std::collections::HashMap<char, char> = table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (k, v) = l.split_once('\t')?;
            let (mut k, mut v) = (k.chars(), v.split(' ').next()?.chars());
            match (k.next(), k.next(), v.next(), v.next()) {
                (Some(k), None, Some(v), None) => Some((k, v)),
                _ => None,
            }
        })
        .collect();
    move |s: &str| s.chars().map(|c| *map.get(&c).unwrap_or(&c)).collect()
}

/// PKU's gold converted to Traditional: segmented as it is, word F1 falls well below the
/// Simplified figure; folded back to Simplified for analysis, as newslens does, it is within
/// half a point.
#[test]
fn pku_word_f1_in_traditional_characters() {
    let Some((raw, gold)) = pku() else {
        return;
    };
    let traditional = to_traditional();
    let analyzer = Analyzer::with_defaults().unwrap();
    let seg = analyzer.segmenter();
    let (mut simplified, mut as_is, mut folded) =
        (Score::default(), Score::default(), Score::default());
    let mut changed = 0;
    for (r, g) in raw.lines().zip(gold.lines()) {
        let (r, g) = (r.trim_end_matches('\r'), g.trim_end_matches('\r'));
        if r.trim().is_empty() {
            continue;
        }
        let gold_spans = spans(g.split(' ').filter(|w| !w.is_empty()));
        let text: String = r.chars().filter(|c| !c.is_whitespace()).collect();
        let hant = traditional(&text);
        changed += usize::from(hant != text);
        let view = newslens::script::fold_if_traditional(&hant);
        simplified.add(
            &gold_spans,
            &spans(seg.segment(&text).iter().map(|t| t.span.slice(&text))),
        );
        as_is.add(
            &gold_spans,
            &spans(seg.segment(&hant).iter().map(|t| t.span.slice(&hant))),
        );
        folded.add(
            &gold_spans,
            &spans(seg.segment(&view).iter().map(|t| t.span.slice(&view))),
        );
    }
    println!("PKU word segmentation in Traditional characters ({changed} lines converted)");
    println!("  Simplified (the original)       {}", simplified.show());
    println!("  Traditional, segmented as is    {}", as_is.show());
    println!("  Traditional, folded (newslens)  {}", folded.show());
    assert!(
        changed > 1500,
        "the conversion changed most lines: {changed}"
    );
    assert!(
        as_is.f1() < simplified.f1() - 0.03,
        "the gap folding closes"
    );
    assert!(
        folded.f1() >= simplified.f1() - 0.005,
        "folded {:.4} vs Simplified {:.4}",
        folded.f1(),
        simplified.f1()
    );
}

#[test]
fn seed_article_names_are_all_tagged() {
    let Some(seed) = shared("seed/article.txt") else {
        return;
    };
    let text = std::fs::read_to_string(seed).unwrap();
    let analyzer = Analyzer::with_defaults().unwrap();
    let found: HashSet<String> = analyzer
        .tagger()
        .tag(&text)
        .into_iter()
        .map(|e| e.text)
        .collect();
    for name in [
        "阿里巴巴",
        "阿里云",
        "张勇",
        "钉钉",
        "叶军",
        "通义千问",
        "妙鸭相机",
        "虎嗅",
        "Canalys",
        "英伟达",
        "A800",
        "A800-80G",
        "华为",
        "昇腾",
        "百度",
        "字节跳动",
        "腾讯",
        "金融时报",
        "IDC",
        "百度智能云",
        "文心千帆",
        "LLaMA2",
        "ChatGLM2",
        "RWKV",
        "MPT",
        "Dolly",
        "Falcon",
        "Qwen-7B",
        "Qwen-7B-Chat",
        "魔搭社区",
        "AWS",
        "Azure",
        "谷歌云",
        "天翼云",
        "移动云",
        "联通云",
        "火山引擎",
        "抖音",
        "App Store",
    ] {
        assert!(
            found.contains(name),
            "{name} not tagged in the seed article"
        );
    }
}

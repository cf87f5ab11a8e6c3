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

#[test]
fn pku_word_f1_at_least_plain_jieba() {
    let (Some(raw), Some(gold)) = (
        shared("data/sighan2005/pku_test.utf8"),
        shared("data/sighan2005/pku_test_gold.utf8"),
    ) else {
        return;
    };
    let raw = std::fs::read_to_string(raw).unwrap();
    let gold = std::fs::read_to_string(gold).unwrap();
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

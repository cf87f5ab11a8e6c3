//! Traditional Chinese (Taiwan, Hong Kong): analysed in its Simplified form, shown as written.
//! Entities of the corpus's Traditional articles, segmentation, search across scripts.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::util::{index, json_lines, search_as, stdout_ok};

#[derive(Debug, Deserialize)]
struct EntitiesOut {
    entities: Vec<EntityOut>,
}

#[derive(Debug, Deserialize)]
struct EntityOut {
    text: String,
    canonical: String,
}

/// Every entity a reader sees in the Traditional articles, by canonical name.
#[test]
fn every_entity_of_the_traditional_articles_is_tagged() {
    for (file, want) in [
        (
            "corpus/zh-hant/tw-ai-servers.md",
            &[
                "B200",
                "CoWoS",
                "Foxconn",
                "H200",
                "NVIDIA",
                "Quanta Computer",
                "TSMC",
                "Wistron",
                // The reporter of the byline (`記者林雅婷／台北報導`) and an analyst recognised
                // by her title (`分析師陳柏宇`), named in Simplified like every canonical name.
                "林雅婷",
                "陈柏宇",
                "黄仁勋",
            ][..],
        ),
        (
            "corpus/zh-hant/hk-cloud-ai.md",
            &[
                "Alibaba Cloud",
                "Ascend",
                "Cyberport",
                "Huawei Cloud",
                "Hunyuan",
                "Pangu",
                "Tencent Cloud",
                // Recognised by title (`行政總裁黃詠詩`, `技術總監梁志恆表示`) and the byline's
                // reporter (`本報記者 何家明`), not from the dictionary.
                "何家明",
                "梁志恒",
                "黄咏诗",
            ][..],
        ),
        (
            "corpus/zh-hant/tw-chip-supply.txt",
            &[
                "AMD",
                "ASE Technology",
                "MediaTek",
                "SPIL",
                "TSMC",
                // A speaker recognised before `表示`.
                "吴佳颖",
                "苏姿丰",
            ][..],
        ),
    ] {
        let out: Vec<EntitiesOut> = json_lines(&["entities", file]);
        let found: BTreeSet<&str> = out[0]
            .entities
            .iter()
            .map(|e| e.canonical.as_str())
            .collect();
        let want: BTreeSet<&str> = want.iter().copied().collect();
        assert_eq!(found, want, "{file}");
        // Mentions are shown as the article writes them.
        assert!(
            out[0]
                .entities
                .iter()
                .all(|e| !e.text.contains(['辉', '腾', '积', '联', '苏'])),
            "{file}: {:?}",
            out[0].entities
        );
    }
}

/// The sentence of the issue: names whole, characters as written.
#[test]
fn traditional_text_is_segmented_with_names_whole() {
    let out = stdout_ok([
        "segment",
        "--input-format",
        "txt",
        "tests/data/traditional-sentence.txt",
    ]);
    assert_eq!(
        out.trim(),
        "輝達 執行長 黃仁勳 表示 ， 阿里雲 與 騰訊雲 將 採購 更 多 晶片 ， 台積電 也 將 受惠 。"
    );
}

#[derive(Debug, Deserialize)]
struct SearchOut {
    total: usize,
    hits: Vec<HitOut>,
}

#[derive(Debug, Deserialize)]
struct HitOut {
    path: String,
    snippet: String,
}

#[test]
fn searches_in_either_script_find_both() {
    let dir = tempfile::tempdir().unwrap();
    index(dir.path(), &["corpus/zh", "corpus/zh-hant"]);
    let search = |q: &str| -> SearchOut { search_as(dir.path(), q, &["-n", "100"]) };
    let has = |r: &SearchOut, file: &str| r.hits.iter().any(|h| h.path.ends_with(file));
    for (query, file) in [
        ("entity:NVIDIA", "tw-ai-servers.md"),
        ("英伟达", "tw-ai-servers.md"),
        ("輝達", "tw-ai-servers.md"),
        ("阿里云", "hk-cloud-ai.md"),
        ("阿里雲", "hk-cloud-ai.md"),
        ("\"数据中心\"", "hk-cloud-ai.md"),
        ("台积电", "tw-chip-supply.txt"),
    ] {
        let r = search(query);
        assert!(has(&r, file), "{query}: {:?}", r.hits);
    }
    // A Traditional query finds Simplified articles too.
    let simplified = search("雲端 OR 阿里雲");
    assert!(
        simplified
            .hits
            .iter()
            .any(|h| h.path.contains("corpus/zh/")),
        "{:?}",
        simplified.hits
    );
    assert!(simplified.total > 1);
    // Snippets show the article's characters, the match marked.
    let hk = search("阿里云");
    let hit = hk
        .hits
        .iter()
        .find(|h| h.path.ends_with("hk-cloud-ai.md"))
        .unwrap();
    assert!(hit.snippet.contains("**阿里雲**"), "{}", hit.snippet);
}

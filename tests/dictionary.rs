//! The shipped dictionary passes the lint; user dictionaries extend or replace it.

use crate::util::*;
use newslens::analyze::entity::Dictionary;
use newslens::analyze::entity::dictionary::BUILTIN_FILES;
use predicates::prelude::*;

#[test]
fn builtin_dictionary_is_valid_and_large_enough() {
    let d = Dictionary::builtin().unwrap_or_else(|e| panic!("{e}"));
    assert!(d.len() >= 300, "only {} entities", d.len());
}

#[test]
fn every_entity_file_is_embedded_and_holds_its_kind() {
    let dir = root().join("dictionaries/entities");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = BUILTIN_FILES.iter().map(|(n, _)| n.to_string()).collect();
    embedded.sort();
    assert_eq!(
        on_disk, embedded,
        "dictionaries/entities and BUILTIN_FILES differ"
    );
    let d = Dictionary::builtin().unwrap();
    for e in d.entities() {
        let file = e.location.path.file_name().unwrap().to_str().unwrap();
        let want = match e.kind.as_str() {
            "person" => "people.txt".to_string(),
            "media" => "media.txt".to_string(),
            k => format!("{k}s.txt"),
        };
        assert_eq!(
            file,
            want,
            "{}: `{}` is a {}",
            e.location,
            e.canonical,
            e.kind.as_str()
        );
    }
}

#[test]
fn stopword_lists_are_sorted_unique_and_lowercase() {
    for name in ["zh.txt", "en.txt"] {
        let text =
            std::fs::read_to_string(root().join("dictionaries/stopwords").join(name)).unwrap();
        let words: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#') && !l.is_empty())
            .collect();
        for w in words.windows(2) {
            assert!(
                w[0].1 < w[1].1,
                "{name}:{}: `{}` not sorted/unique after `{}`",
                w[1].0 + 1,
                w[1].1,
                w[0].1
            );
        }
        for (i, w) in &words {
            assert_eq!(*w, w.trim(), "{name}:{}: whitespace", i + 1);
            assert_eq!(*w, w.to_lowercase(), "{name}:{}: not lower case", i + 1);
        }
    }
}

#[test]
fn user_dictionary_extends_the_builtin_one() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mine.txt",
        "product | 星衡算力平台 | 星衡算力平台, Xingheng Compute | Alibaba Cloud\n".as_bytes(),
    );
    newslens()
        .args(["entities", "--dict", dir.path().to_str().unwrap(), "-"])
        .write_stdin("星衡算力平台接入了阿里云。")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("星衡算力平台").and(predicate::str::contains("Alibaba Cloud")),
        );
    // Alone, the built-in entries are gone (and the parent no longer resolves).
    write(
        dir.path(),
        "mine.txt",
        "product | 星衡算力平台 | 星衡算力平台\n".as_bytes(),
    );
    newslens()
        .args([
            "entities",
            "--dict",
            dir.path().to_str().unwrap(),
            "--no-builtin-dict",
            "-",
        ])
        .write_stdin("星衡算力平台接入了阿里云。")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("星衡算力平台")
                .and(predicate::str::contains("Alibaba Cloud").not()),
        );
}

#[test]
fn broken_user_dictionary_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "unknown kind",
            b"# c\ncompany | X | X\n",
            "bad.txt:2: unknown kind `company`",
        ),
        (
            "conflict with builtin",
            b"vendor | Foo | AWS\n",
            "bad.txt:1: alias `AWS` of `Foo` is already owned by `AWS`",
        ),
        ("empty alias", b"vendor | Foo | Foo, \n", "bad.txt:1:"),
        ("not utf-8", b"vendor | \xff | x\n", "bad.txt:0: not UTF-8"),
    ];
    for (name, content, want) in cases {
        write(dir.path(), "bad.txt", content);
        newslens()
            .args(["entities", "--dict", dir.path().to_str().unwrap(), "-"])
            .write_stdin("AWS")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*want).name(name));
    }
}

/// Every alias next to the following one, glued or joined: tokens stay ordered, disjoint and
/// cover every non-whitespace character, and joined aliases are found.
#[test]
fn adjacent_aliases_segment_and_tag_cleanly() {
    use newslens::analyze::Analyzer;
    use newslens::ingest::{IngestConfig, Ingester, InputFormat};
    use newslens::model::Origin;
    let analyzer = Analyzer::with_defaults().unwrap();
    let ingester = Ingester::new(IngestConfig::default());
    let names: Vec<&str> = analyzer.dictionary().alias_names().collect();
    for (i, w) in names.windows(2).enumerate() {
        let text = format!("{}{}{}。", w[0], ["", "和", " and "][i % 3], w[1]);
        let doc = ingester
            .document_from_text(
                "t".into(),
                Origin {
                    path: "t".into(),
                    line: None,
                },
                "UTF-8",
                text.clone(),
                InputFormat::Text,
            )
            .unwrap();
        let a = analyzer.analyze(&doc);
        let mut covered = vec![false; text.len()];
        let mut prev = 0;
        for t in &a.tokens {
            assert!(
                t.span.start >= prev && t.span.end > t.span.start,
                "{text}: bad token order"
            );
            prev = t.span.end;
            covered[t.span.start..t.span.end]
                .iter_mut()
                .for_each(|c| *c = true);
        }
        for (at, c) in text.char_indices() {
            assert_eq!(
                covered[at],
                !c.is_whitespace(),
                "{text}: char {c:?} at {at}"
            );
        }
        // Glued Latin names are one word (no boundary): only joined pairs must be tagged.
        if i % 3 != 0 {
            assert!(!a.entities.is_empty(), "{text}: nothing tagged");
        }
    }
}

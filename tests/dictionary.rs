//! The shipped dictionary passes the lint; user dictionaries extend or replace it.

use crate::util::*;
use newslens::analyze::entity::Dictionary;
use newslens::analyze::entity::dictionary::BUILTIN_FILES;
use predicates::prelude::*;

#[test]
fn builtin_dictionary_is_valid_and_large_enough() {
    // (`builtin` itself skips the cross-entry checks: this is where they run.)
    let (entities, errors) = Dictionary::check(true, None).unwrap();
    let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let d = Dictionary::builtin().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.len(), entities);
    assert!(d.len() >= 1500, "only {} entities", d.len());
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
        // `listed.txt` holds the A-share companies generated from a public list.
        let want = match (e.kind.as_str(), file) {
            ("vendor", "listed.txt") => "listed.txt".to_string(),
            ("person", _) => "people.txt".to_string(),
            ("media", _) => "media.txt".to_string(),
            (k, _) => format!("{k}s.txt"),
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
        (
            "malformed line",
            b"vendor | Foo | Foo\nvendor Bar Bar\n",
            "bad.txt:2: expected `kind | canonical | aliases",
        ),
        (
            "duplicated alias",
            b"vendor | Bar | Bar, Fooco\nvendor | Foo | Fooco\n",
            "bad.txt:2: alias `Fooco` of `Foo` is already owned by `Bar`",
        ),
        (
            "not utf-8",
            b"vendor | Foo | Foo\nvendor | B\xffr | x\n",
            "bad.txt:2: not UTF-8 (invalid byte 0xFF at byte 11 of the line)",
        ),
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

#[test]
fn dict_check_reports_every_problem_with_file_and_line() {
    // The shipped dictionary is clean.
    newslens()
        .args(["dict", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("built-in dictionary: OK"));
    // A user directory with several problems: all of them, each at its line, exit 2.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mine.txt",
        "vendor | Zeta Cloud | Zeta Cloud, 泽塔云 | Nobody\nvendor | Alpha | Alpha, AWS\ncompany | Beta | Beta\nvendor | Gamma | Gamma,  , 伽马\n".as_bytes(),
    );
    let d = dir.path().to_str().unwrap();
    let out = newslens().args(["dict", "check", d]).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    for want in [
        "mine.txt:1: parent `Nobody` of `Zeta Cloud` is not a canonical name",
        "mine.txt:2: not sorted: `Alpha` should come before `Zeta Cloud`",
        "mine.txt:2: alias `AWS` of `Alpha` is already owned by `AWS`",
        "mine.txt:3: unknown kind `company`",
        "mine.txt:4: empty alias in `Gamma`",
        "5 problem(s)",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    // On its own the directory has no conflict with the built-in AWS.
    let out = newslens()
        .args(["dict", "check", "--alone", d])
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(!err.contains("already owned"), "{err}");
    // A clean user directory.
    write(
        dir.path(),
        "mine.txt",
        "vendor | Zeta Cloud | Zeta Cloud, 泽塔云\n".as_bytes(),
    );
    newslens()
        .args(["dict", "check", d])
        .assert()
        .success()
        .stdout(predicate::str::contains("OK"));
}

#[test]
fn dict_lookup_resolves_any_alias_and_says_where() {
    // Table: name → canonical, kind.
    for (name, canonical, kind) in [
        ("英伟达", "NVIDIA", "vendor"),
        ("nvidia", "NVIDIA", "vendor"),
        ("ＡＷＳ", "AWS", "vendor"),
        ("阿里云", "Alibaba Cloud", "vendor"),
        ("通义千问", "Qwen", "model"),
        ("A800-80G", "A800", "chip"),
    ] {
        let v: Vec<serde_json::Value> = json_lines(&["dict", "lookup", name]);
        assert_eq!(v[0]["canonical"], canonical, "{name}");
        assert_eq!(v[0]["kind"], kind, "{name}");
        assert_eq!(v[0]["query"], name);
        let at = v[0]["defined_at"].as_str().unwrap();
        assert!(
            at.starts_with("dictionaries/entities/") && at.contains(".txt:"),
            "{at}"
        );
    }
    let text = stdout_ok(["dict", "lookup", "英伟达"]);
    assert!(text.contains("英伟达 → NVIDIA (vendor)"), "{text}");
    assert!(
        text.contains("children:") && text.contains("黄仁勋 (person)"),
        "{text}"
    );
    // An exclusion and an unknown name: exit 1 with a reason.
    newslens()
        .args(["dict", "lookup", "高通量"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("exclusion of Qualcomm"));
    newslens()
        .args(["dict", "lookup", "Nvid"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("names containing it: NVIDIA"));
}

#[test]
fn dict_stats_counts_entities_and_aliases_per_kind() {
    let d = Dictionary::builtin().unwrap();
    let v: Vec<serde_json::Value> = json_lines(&["dict", "stats"]);
    assert_eq!(v[0]["entities"], d.len());
    let kinds = v[0]["kinds"].as_array().unwrap();
    assert_eq!(kinds.len(), 7);
    let sum: u64 = kinds.iter().map(|k| k["entities"].as_u64().unwrap()).sum();
    assert_eq!(sum as usize, d.len());
    let vendors = d
        .entities()
        .iter()
        .filter(|e| e.kind == newslens::model::EntityKind::Vendor)
        .count();
    assert_eq!(kinds[0]["kind"], "vendor");
    assert_eq!(kinds[0]["entities"], vendors);
    let text = stdout_ok(["dict", "stats"]);
    assert!(text.lines().last().unwrap().starts_with("total"), "{text}");
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
    // Context-resolved aliases (`?苹果`) count only with evidence, which two of them alone
    // need not give each other.
    let contextual: std::collections::BTreeSet<&str> = analyzer
        .dictionary()
        .entities()
        .iter()
        .flat_map(|e| {
            e.aliases
                .iter()
                .filter(|a| a.contextual)
                .map(|a| a.name.as_str())
        })
        .collect();
    for (i, w) in names.windows(2).enumerate() {
        let text = format!("{}{}{}。", w[0], ["", "和", " and "][i % 3], w[1]);
        let doc = ingester
            .document_from_text(
                "t".into(),
                Origin::file("t"),
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
        if i % 3 != 0 && !(contextual.contains(w[0]) && contextual.contains(w[1])) {
            assert!(!a.entities.is_empty(), "{text}: nothing tagged");
        }
    }
}

/// The `dict suggest` JSON contract, as a consumer would decode it.
#[derive(Debug, serde::Deserialize)]
struct SuggestionOut {
    rank: usize,
    canonical: String,
    kind: String,
    aliases: Vec<serde_json::Value>,
    mentions: usize,
    documents: usize,
    evidence: Vec<String>,
    examples: Vec<serde_json::Value>,
}

#[test]
fn dict_suggest_proposes_unknown_names_that_load_as_a_dictionary() {
    // The sample corpus names invented analysts, firms and institutes the dictionary does not
    // know: the suggestions are ranked, found by their form, speech or capitals, and new.
    let out: Vec<SuggestionOut> = json_lines(&[
        "dict",
        "suggest",
        "--min-mentions",
        "1",
        "-n",
        "500",
        "corpus/",
    ]);
    assert!(out.len() >= 10, "{out:?}");
    assert!(out.iter().enumerate().all(|(i, s)| s.rank == i + 1));
    assert!(
        out.windows(2)
            .all(|w| (w[0].documents, w[0].mentions) >= (w[1].documents, w[1].mentions))
    );
    let find = |name: &str| out.iter().find(|s| s.canonical == name);
    let northgate = find("Northgate Research").expect("Northgate Research suggested");
    assert_eq!(northgate.kind, "vendor");
    assert!(northgate.mentions >= 10 && !northgate.examples.is_empty());
    let marsh = find("Elena Marsh").expect("Elena Marsh suggested");
    assert_eq!(marsh.kind, "person");
    // (`said Elena Marsh, chief executive of …`: her title or her quotation finds her.)
    assert!(
        marsh.evidence.iter().any(|e| e == "form" || e == "speaker"),
        "{marsh:?}"
    );
    assert!(find("北辰智能机器人研究院").is_some_and(|s| s.kind == "org"));
    assert!(find("王立群").is_some_and(|s| s.kind == "person"));
    // Nothing the dictionary knows, no place, no lone acronym.
    for known in ["NVIDIA", "英伟达", "阿里云", "China", "Texas", "GPU", "AI"] {
        assert!(find(known).is_none(), "{known} suggested");
    }
    assert!(out.iter().all(|s| !s.aliases.is_empty()));

    // The text output is a dictionary file: it lints clean and `--dict` makes its names tags.
    let dir = tempfile::tempdir().unwrap();
    let text = stdout_ok(["dict", "suggest", "corpus/"]);
    write(dir.path(), "suggested.txt", text.as_bytes());
    let d = dir.path().to_str().unwrap();
    stdout_ok(["dict", "check", d]);
    newslens()
        .args(["entities", "--dict", d, "-"])
        .write_stdin("Northgate Research expects demand to double.")
        .assert()
        .success()
        .stdout(predicate::str::contains("Northgate Research"));
}

#[test]
fn dict_suggest_on_nothing_new_and_on_bad_input() {
    // Only known names: nothing to suggest, exit 1.
    newslens()
        .args(["dict", "suggest", "-"])
        .write_stdin("英伟达和阿里云。NVIDIA and Alibaba Cloud.")
        .assert()
        .code(1);
    // A missing input is named.
    newslens()
        .args(["dict", "suggest", "no/such/dir"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/dir"));
}

//! Ingestion through the binary: encodings, bad files, directories, JSONL.

use crate::util::*;
use predicates::prelude::*;

const ZH: &str =
    "作者 | 测试\n英伟达A800的报价上涨了约30%。“AI革命是云厂商的增量机会。”王立群表示。\n";

fn analyze_one(path: &std::path::Path) -> Analyzed {
    let mut v: Vec<Analyzed> = json_lines(&["analyze", path.to_str().unwrap()]);
    v.remove(0)
}

#[test]
fn encodings_decode_to_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    let gbk = encoding_rs::GBK.encode(ZH).0.into_owned();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(ZH.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    ZH.encode_utf16()
        .for_each(|u| le.extend_from_slice(&u.to_le_bytes()));
    let mut be = vec![0xFE, 0xFF];
    ZH.encode_utf16()
        .for_each(|u| be.extend_from_slice(&u.to_be_bytes()));
    let crlf = ZH.replace('\n', "\r\n");
    let cases: &[(&str, &[u8], &str)] = &[
        ("utf8.txt", ZH.as_bytes(), "UTF-8"),
        ("bom.txt", &bom, "UTF-8"),
        ("gbk.txt", &gbk, "GB18030"),
        ("utf16le.txt", &le, "UTF-16LE"),
        ("utf16be.txt", &be, "UTF-16BE"),
        ("crlf.txt", crlf.as_bytes(), "UTF-8"),
    ];
    for (name, bytes, enc) in cases {
        let p = write(dir.path(), name, bytes);
        let a = analyze_one(&p);
        assert_eq!(a.encoding, *enc, "{name}");
        assert_eq!(a.text.replace("\r\n", "\n"), ZH, "{name}");
        assert_eq!(a.meta.author.as_deref(), Some("测试"), "{name}");
        assert_eq!(a.sentences.len(), 2, "{name}");
        let names: Vec<&str> = a.entities.iter().map(|e| e.canonical.as_str()).collect();
        assert_eq!(names, ["NVIDIA", "A800"], "{name}");
    }
}

#[test]
fn bad_files_are_reported_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a-good.txt", ZH.as_bytes());
    write(
        dir.path(),
        "b-image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    );
    write(dir.path(), "c-empty.txt", b"");
    write(dir.path(), "d-blank.md", b"  \n\t\n");
    write(dir.path(), "e-latin1.txt", b"caf\xe9 cr\xe8me br\xfbl\xe9e");
    write(
        dir.path(),
        "sub/f-good.md",
        "---\ntitle: 标题\n---\n阿里云发布通义千问。\n".as_bytes(),
    );
    write(dir.path(), "sub/ignored.png", b"\x89PNG");
    let out = newslens()
        .args(["entities", "--format", "json", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "some inputs failed");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.lines().count(),
        2,
        "both good files processed: {stdout}"
    );
    assert!(stdout.contains("通义千问"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    for (file, what) in [
        ("b-image.txt", "binary file"),
        ("c-empty.txt", "empty"),
        ("d-blank.md", "empty"),
        ("e-latin1.txt", "not valid UTF-8"),
    ] {
        assert!(
            stderr.lines().any(|l| l.contains(file) && l.contains(what)),
            "{file}: {what} missing from\n{stderr}"
        );
    }
    assert!(
        !stderr.contains("ignored.png"),
        "unknown extensions are skipped in directories"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn jsonl_records_and_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "news.jsonl",
        "{\"id\":\"a\",\"title\":\"T1\",\"content\":\"阿里云发布通义千问。\"}\n\
         {not json}\n\
         \n\
         {\"id\":\"c\",\"content\":\"NVIDIA said H20 shipments rose.\",\"date\":\"2024-05-01\"}\n\
         {\"id\":\"d\",\"title\":\"no body\"}\n"
            .as_bytes(),
    );
    let out = newslens()
        .args([
            "analyze",
            "--format",
            "json",
            "--field",
            "body=content",
            p.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let docs: Vec<Analyzed> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "c"]);
    assert_eq!(docs[0].line, Some(1));
    assert_eq!(docs[0].meta.title.as_deref(), Some("T1"));
    assert_eq!(docs[1].meta.date.as_deref(), Some("2024-05-01"));
    assert_eq!(docs[1].lang, "en");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("news.jsonl:2: invalid JSON"), "{stderr}");
    assert!(stderr.contains("news.jsonl:5: no article text"), "{stderr}");
}

#[test]
fn bad_field_mapping_is_a_usage_error() {
    newslens()
        .args([
            "analyze",
            "--field",
            "nonsense=x",
            "corpus/jsonl/briefs.jsonl",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `nonsense`"));
}

#[test]
fn stdin_jsonl_is_sniffed() {
    let out = newslens()
        .args(["entities", "--format", "json", "-"])
        .write_stdin("{\"id\":\"x\",\"body\":\"英伟达H20\"}\n{\"id\":\"y\",\"body\":\"AWS\"}\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", ZH.as_bytes());
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let out = newslens()
        .args(["entities", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("symbolic link loop"), "{stderr}");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn jsonl_in_utf16_or_binary() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = "{\"id\":\"a\",\"body\":\"英伟达H20\"}\n{\"id\":\"b\",\"body\":\"AWS\"}\n";
    let mut le = vec![0xFF, 0xFE];
    jsonl
        .encode_utf16()
        .for_each(|u| le.extend_from_slice(&u.to_le_bytes()));
    let p = write(dir.path(), "u16.jsonl", &le);
    let stdout = stdout_ok([
        "entities".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        p.as_os_str(),
    ]);
    assert_eq!(stdout.lines().count(), 2);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(std::iter::repeat_n(b'\n', 500));
    let p = write(dir.path(), "image.jsonl", &png);
    let out = newslens().args(["entities"]).arg(&p).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr.matches("image.jsonl").count(),
        1,
        "one error per file: {stderr}"
    );
    assert!(stderr.contains("binary file"), "{stderr}");
}
